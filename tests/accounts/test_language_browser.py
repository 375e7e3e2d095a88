"""Dutch first in a real browser set up in English (issue 10, section 5)."""

import re

import pytest

from accounts.models import User
from tests.browser.test_accessibility import assert_accessible
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def english_browser_page(browser):
    """A chromium whose own language is English: it sends Accept-Language: en-GB with every request."""
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_an_english_browser_sees_dutch_until_the_person_switches_and_the_account_keeps_it(
    english_browser_page, live_server
):
    page, url = english_browser_page, live_server.url
    person = UserFactory(email="mark@example.test", first_name="Mark")

    page.goto(f"{url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Inloggen bij Groeipad").is_visible()

    page.get_by_label(re.compile("e-?mail", re.IGNORECASE)).fill(person.email)
    page.get_by_label(re.compile("wachtwoord", re.IGNORECASE)).fill(TEST_PASSWORD)
    page.locator("main form").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    assert page.locator("html").get_attribute("lang") == "nl"

    page.get_by_label("Taal", exact=True).select_option("en")
    page.get_by_role("button", name="Wisselen").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    person.refresh_from_db()
    assert person.preferred_language == "en"

    # A new browser (no cookie): the login page is Dutch, and after logging in the account's English wins.
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_label(re.compile("e-?mail", re.IGNORECASE)).fill(person.email)
    page.get_by_label(re.compile("wachtwoord", re.IGNORECASE)).fill(TEST_PASSWORD)
    page.locator("main form").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    assert page.locator("html").get_attribute("lang") == "en"


def test_my_profile_lets_a_person_choose_dutch_and_is_accessible(page, log_in, live_server):
    person = UserFactory(preferred_language="en")
    log_in(person)

    page.goto(f"{live_server.url}/me/")
    assert_accessible(page)
    page.get_by_role("radio", name="Nederlands").check()
    page.get_by_role("button", name="Save language").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_text("Je taal is opgeslagen.").is_visible()
    assert User.objects.get(pk=person.pk).preferred_language == "nl"
    assert_accessible(page)
