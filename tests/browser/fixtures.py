"""Browser tests: a real headless chromium (Debian's, driven by Playwright) against pytest-django's live server.

The machine has no internet and Playwright's own browser downloads are not used: chromium is launched
from CHROMIUM_PATH. When it is missing the tests fail (they are never skipped), so a broken setup is seen.
"""

import os
import re
from pathlib import Path

import pytest

from tests.factories import TEST_PASSWORD

# Playwright's sync API runs an asyncio event loop in the test thread; Django's ORM (used by the
# factories in the same thread) would otherwise refuse with SynchronousOnlyOperation.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = os.environ.get("GROEIPAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous for a loaded CI machine, short enough that a hang does not stall the run.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not Path(CHROMIUM_PATH).is_file() or not os.access(CHROMIUM_PATH, os.X_OK):
        pytest.fail(
            f"Chromium was not found at {CHROMIUM_PATH}. The browser tests need Debian's chromium "
            "(run `make browser`, or set GROEIPAD_CHROMIUM to a chromium executable). "
            "They are not skipped, so that a missing browser is never mistaken for passing tests.",
            pytrace=False,
        )
    try:
        browser = playwright_instance.chromium.launch(
            headless=True, executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, timeout=60_000
        )
    except Exception as error:  # Playwright raises its own Error type with the browser's stderr.
        pytest.fail(f"Chromium at {CHROMIUM_PATH} could not be started by Playwright:\n{error}", pytrace=False)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) per test, in Dutch like most of Groeipad's users."""
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def _log_in(page, base_url: str, email: str, password: str = TEST_PASSWORD) -> None:
    """Log in through the real login form, as a person would, and wait for the dashboard."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label(re.compile(r"e-?mail", re.IGNORECASE)).fill(email)
    page.get_by_label(re.compile(r"wachtwoord|password", re.IGNORECASE)).fill(password)
    # The login form has one button; its text follows the translations (Inloggen / Log in).
    page.locator("main form").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/dashboard/"))


@pytest.fixture
def log_in(page, live_server):
    """log_in(user) logs that person in through the form in this test's page."""

    def log_in_as(user, password: str = TEST_PASSWORD):
        _log_in(page, live_server.url, user.email, password)
        return page

    return log_in_as
