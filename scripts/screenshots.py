"""Screenshots of each role's home for the README's tour, made from the demo so they stay current.

    make screenshots        # seeds a throw-away SQLite demo, serves it, and writes docs/screenshots/*.png

or, against a portal that is already running with the demo loaded:

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000

Uses Playwright on Debian's chromium (GROEIPAD_CHROMIUM, default /usr/bin/chromium), in Dutch, at 1280 px.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "groeipad-demo"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
# (file name, login): one per role, the logins the README's table names.
TOUR = [
    ("hr-adviser", "hr@zwolle.example"),
    ("manager", "leidinggevende1@zwolle.example"),
    ("coach", "coach1@zwolle.example"),
    ("trainer", "trainer@trainingsbureau.example"),
    ("career-adviser", "loopbaanadviseur@zwolle.example"),
    ("employee", "deelnemer01@zwolle.example"),
    ("supervisor", "begeleider@den-haag.example"),
    ("host-contact", "hr@dronten.example"),
    ("platform-admin", "beheer@groeipad.example"),
]


def main(base_url: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("GROEIPAD_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(headless=True, executable_path=chromium, args=["--no-sandbox"])
        for name, email in TOUR:
            context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{base_url}/accounts/login/")
            page.fill("#id_login", email)
            page.fill("#id_password", PASSWORD)
            page.locator("main form").get_by_role("button").click()
            page.wait_for_url("**/dashboard/**")
            page.screenshot(path=OUT / f"{name}.png", full_page=False)
            print(f"{name}: {page.url}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
