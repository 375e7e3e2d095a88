"""On a 375 px phone no page scrolls sideways: a table scrolls inside its .table-responsive box, and its
visually hidden labels (captions, "Actions" headers) stay inside that box too (issue 12)."""

import pytest
from django.urls import reverse

from demo.seed import DEMO_PASSWORD, seed_demo

from .fixtures import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

PHONE_WIDTH = 375

# Pages the acceptance run found up to 1,153 px wide on a phone, as the demo user who sees them full.
WIDE_PAGES = [
    ("hr@zwolle.example", "coaching:pool"),
    ("deelnemer01@zwolle.example", "participants:programmes"),
    ("coach1@zwolle.example", "dashboards:coach"),
    ("leidinggevende2@zwolle.example", "participants:approvals"),
    ("leidinggevende1@zwolle.example", "dashboards:manager"),
]


def test_the_pages_with_tables_fit_a_phone(page, live_server):
    seed_demo()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    too_wide = {}
    for email, url_name in WIDE_PAGES:
        page.context.clear_cookies()
        _log_in(page, live_server.url, email, DEMO_PASSWORD)
        page.goto(f"{live_server.url}{reverse(url_name)}")
        assert page.locator("main table").count() > 0, f"{url_name} shows no table for {email}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide[url_name] = width

    assert too_wide == {}
