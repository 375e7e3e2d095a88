"""Logging in and out through the real pages, in a real browser, in Dutch."""

import re

import pytest

from tests.factories import TEST_PASSWORD, UserFactory, hr_adviser

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

EMAIL_LABEL = re.compile(r"e-?mail", re.IGNORECASE)
PASSWORD_LABEL = re.compile(r"wachtwoord|password", re.IGNORECASE)


def submit_login(page, email: str, password: str = TEST_PASSWORD) -> None:
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.locator("main form").get_by_role("button").click()


def test_hr_adviser_is_sent_to_the_dutch_login_page_and_lands_on_the_hr_dashboard(page, live_server):
    adviser = hr_adviser(first_name="Fatima", last_name="El Amrani")

    page.goto(live_server.url + "/")

    page.wait_for_url(re.compile(r"/accounts/login/\?next=/$"))
    assert page.locator("html").get_attribute("lang") == "nl"
    submit_login(page, adviser.email)
    page.wait_for_url(re.compile(r"/dashboard/hr/$"))
    assert page.url.endswith("/dashboard/hr/")
    assert page.get_by_role("heading", level=1).is_visible()


def test_employee_lands_on_the_employee_dashboard(page, live_server):
    employee = UserFactory(first_name="Sanne")

    page.goto(live_server.url + "/")
    submit_login(page, employee.email)

    page.wait_for_url(re.compile(r"/dashboard/employee/$"))
    heading = page.get_by_role("heading", level=1)
    assert heading.is_visible()
    assert "Sanne" in heading.inner_text()


def test_wrong_password_stays_on_the_login_page_with_an_error(page, live_server):
    employee = UserFactory()

    page.goto(live_server.url + "/accounts/login/")
    submit_login(page, employee.email, password="not-the-password")

    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
    assert page.locator("main .alert, main .invalid-feedback").first.is_visible()


def test_logging_out_from_the_header_returns_to_the_login_page(page, live_server):
    employee = UserFactory()
    page.goto(live_server.url + "/")
    submit_login(page, employee.email)
    page.wait_for_url(re.compile(r"/dashboard/employee/$"))

    # Log out sits in the account menu, under the person's name.
    page.locator("header").get_by_role("button", name=employee.first_name, exact=True).click()
    page.locator("header").get_by_role("button", name=re.compile(r"^(afmelden|uitloggen|log out)$", re.I)).click()

    page.wait_for_url(re.compile(r"/accounts/login/"))
    assert page.get_by_label(EMAIL_LABEL).is_visible()
    # The session is really gone: the dashboard asks for a login again.
    page.goto(live_server.url + "/dashboard/employee/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/dashboard/employee/$"))


def test_first_tab_focuses_the_skip_link_which_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/accounts/login/")

    page.keyboard.press("Tab")

    skip_link = page.locator("a.skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.get_attribute("href") == "#main"
    assert skip_link.is_visible()  # visually-hidden-focusable: shown while it has focus

    page.keyboard.press("Enter")

    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # The next Tab continues inside main, not back at the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


@pytest.mark.parametrize(
    "role, dashboard",
    [
        ("hr_adviser", "/dashboard/hr/"),
        ("manager", "/dashboard/manager/"),
        ("coach", "/dashboard/coach/"),
        ("trainer", "/dashboard/trainer/"),
        ("career_adviser", "/dashboard/career-adviser/"),
        ("employee", "/dashboard/employee/"),
        ("platform_admin", "/dashboard/platform/"),
    ],
)
def test_each_printed_demo_login_reaches_its_dashboard(page, live_server, role, dashboard):
    from demo.seed import DEMO_PASSWORD, seed_demo

    login = next(login for login in seed_demo() if login.role == role)

    page.goto(live_server.url + "/")
    submit_login(page, login.email, DEMO_PASSWORD)

    page.wait_for_url(re.compile(re.escape(dashboard) + "$"))
    assert page.get_by_role("heading", level=1).is_visible()
