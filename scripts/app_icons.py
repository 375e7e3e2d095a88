"""The app icons (PNG) drawn from static/img/favicon.svg, so they never drift from it.

    make icons      # writes static/img/apple-touch-icon.png (180 px) and icon-192.png, icon-512.png

Chromium (Playwright on Debian's chromium, GROEIPAD_CHROMIUM) draws the SVG at each size on the icon's
own dark blue, so the corners the SVG rounds off are filled: iOS and Android round the icon themselves
and would otherwise show black corners. The same chromium draws the same bytes, so the committed PNGs
are reproducible; run this again only when the SVG changes.
"""

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "static" / "img"
BACKGROUND = "#154273"  # the fill of favicon.svg's rounded square
ICONS = {"apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


def main() -> None:
    svg = (IMG / "favicon.svg").read_text().replace("<svg ", '<svg width="100%" height="100%" ', 1)
    chromium = os.environ.get("GROEIPAD_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(headless=True, executable_path=chromium, args=["--no-sandbox"])
        for name, size in ICONS.items():
            page = browser.new_page(viewport={"width": size, "height": size}, device_scale_factor=1)
            page.set_content(
                f"<!DOCTYPE html><html><body style='margin:0;background:{BACKGROUND}'>"
                f"<div style='width:{size}px;height:{size}px'>{svg}</div>"
                "</body></html>"
            )
            page.screenshot(path=IMG / name, omit_background=False)
            page.close()
            print(f"static/img/{name}: {size}×{size}")
        browser.close()


if __name__ == "__main__":
    main()
