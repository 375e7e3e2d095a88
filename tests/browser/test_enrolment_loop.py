"""Issue 3's acceptance scenario in a real browser, as the demo users (English UI for stable labels)."""

import re

import pytest

from accounts.models import User
from core.demo import DEMO_PASSWORD, seed_demo
from notifications.models import Notification
from participants import services
from participants.models import Enrolment
from programmes.models import Cohort

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


def test_zwolle_group_of_15_fills_in_enrolment_order_and_the_waitlist_moves_up(english_page, live_server):
    page, url = english_page, live_server.url
    seed_demo()
    cohort = Cohort.objects.get(programme__slug="zwolle-leer-en-ontwikkeltraject", name="Groep 1")
    employees = list(User.objects.filter(email__startswith="medewerker", organisation__slug="zwolle").order_by("email"))
    assert len(employees) >= 17

    # The first young employee enrols in the browser with a motivation; 16 more enrol after them.
    log_in(page, url, employees[0].email)
    page.get_by_role("link", name="Programmes and enrolments").click()
    page.get_by_label("Why do you want to take part?").first.fill("Ik wil groeien in mijn rol.")
    page.get_by_role("button", name="Enrol").first.click()
    page.wait_for_load_state()
    assert "Awaiting manager" in page.content()
    for person in employees[1:17]:
        services.enrolment_request(person=person, cohort=cohort, motivation="Graag!")

    # Their manager approves one request in the browser; the other managers approve in enrolment order.
    first = Enrolment.objects.get(cohort=cohort, person=employees[0])
    log_in(page, url, first.approver.email)
    page.get_by_role("link", name="Approvals", exact=True).click()
    page.locator(f"form[action$='/enrolments/{first.pk}/approve/'] button").click()
    page.wait_for_load_state()
    for enrolment in Enrolment.objects.filter(cohort=cohort, status="awaiting_manager").order_by("requested_at"):
        services.enrolment_approve(enrolment=enrolment, manager=enrolment.approver)

    statuses = list(Enrolment.objects.filter(cohort=cohort).order_by("requested_at").values_list("status", flat=True))
    assert statuses == ["placed"] * 15 + ["waitlisted"] * 2

    # HR sees 15 members and 2 on the waitlist on the cohort page.
    log_in(page, url, "hr@zwolle.example")
    page.goto(f"{url}/programmes/cohorts/{cohort.pk}/")
    assert page.get_by_role("heading", level=1).is_visible()
    text = page.locator("main").inner_text()
    assert employees[15].full_name in text and employees[16].full_name in text

    # A placed person withdraws in the browser; the first on the waitlist moves up and is told.
    withdrawing = employees[3]
    log_in(page, url, withdrawing.email)
    page.goto(f"{url}/enrolments/programmes/")
    page.get_by_role("link", name=re.compile("^Withdraw")).click()
    page.locator("main form").get_by_role("button", name=re.compile("withdraw", re.IGNORECASE)).click()
    page.wait_for_load_state()
    moved_up = Enrolment.objects.get(cohort=cohort, person=employees[15])
    assert moved_up.status == "placed"
    assert Enrolment.objects.get(cohort=cohort, person=employees[16]).status == "waitlisted"
    assert Notification.objects.filter(recipient=employees[15], event="enrolment_moved_up").count() == 1
    log_in(page, url, employees[15].email)
    assert page.locator(".gp-header .badge").count() == 1


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
