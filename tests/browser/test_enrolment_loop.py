"""Issue 3's eligibility reasons in a real browser, as the demo users (English UI for stable labels).

The enrolment loop itself (17 requests for 15 seats, approvals, withdrawal, moving up) is played by
tests/browser/test_queue_browser.py, by the rule of issue 10: seats in order of request."""

import re

import pytest

from demo.seed import DEMO_PASSWORD, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def english_page(browser):
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, base_url: str, email: str) -> None:
    page.context.clear_cookies()
    # English through the footer switch's cookie, as a person asks for it (the browser's locale is ignored).
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base_url}])
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label(re.compile("e-?mail", re.IGNORECASE)).fill(email)
    page.get_by_label(re.compile("password", re.IGNORECASE)).fill(DEMO_PASSWORD)
    page.locator("main form").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/dashboard/"))


@pytest.mark.parametrize(
    "email, reason",
    [
        ("senior.medewerker@zwolle.example", "under 36"),
        ("nieuwe.medewerker@zwolle.example", "introduction programme is completed"),
    ],
)
def test_ineligible_employees_see_why_they_cannot_enrol(english_page, live_server, email, reason):
    seed_demo()

    log_in(english_page, live_server.url, email)
    english_page.goto(f"{live_server.url}/enrolments/programmes/")

    zwolle_group = english_page.locator("article", has_text="Zwolle leer- en ontwikkeltraject")
    assert reason in zwolle_group.inner_text()
    assert zwolle_group.get_by_role("button", name="Enrol").count() == 0
