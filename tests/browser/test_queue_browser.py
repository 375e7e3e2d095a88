"""Issue 10's acceptance scenario in chromium, as the demo users, in Dutch (the portal's language).

17 young employees of Zwolle enrol in a new group of 15; their managers approve in a shuffled order; the
first 15 by moment of request get a seat, whoever was approved first; the positions shown are right; one
placed person withdraws and number 1 of the waitlist moves up and is told once.
"""

import random
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from demo.seed import DEMO_PASSWORD, seed_demo
from notifications.models import Notification
from participants import selectors, services
from participants.eligibility import cohort_enrolment_reasons
from participants.models import Enrolment
from participants.services import cohort_status_change
from programmes.models import Cohort, Programme
from programmes.services import cohort_create

from .fixtures import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


def log_in(page, url, email):
    page.context.clear_cookies()
    _log_in(page, url, email, DEMO_PASSWORD)


def main_text(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def test_seats_go_in_order_of_request_whoever_is_approved_first(page, live_server):
    url = live_server.url
    seed_demo()
    hr = User.objects.get(email="hr@zwolle.example")
    programme = Programme.objects.get(slug="zwolle-leer-en-ontwikkeltraject")
    start = timezone.localdate() + timedelta(days=120)
    cohort = cohort_create(
        programme=programme,
        name="Voorjaarsgroep (test)",
        start_date=start,
        end_date=start + timedelta(days=180),
        capacity=15,
        start_threshold=15,
    )
    cohort_status_change(cohort=cohort, to_status=Cohort.Status.OPEN, by=hr)
    today = timezone.localdate()
    employees = [
        person
        for person in User.objects.filter(email__startswith="medewerker", organisation__slug="zwolle")
        .select_related("organisation", "manager")
        .order_by("email")
        if person.manager_id and not cohort_enrolment_reasons(person=person, cohort=cohort, on_date=today)
    ][:17]
    assert len(employees) == 17, "the demo needs 17 young Zwolle employees who may enrol"

    # The first enrols in the browser and reads that a place is held for them while their manager decides.
    log_in(page, url, employees[0].email)
    page.get_by_role("link", name="Programma's en inschrijvingen").click()
    form = page.locator(f"form[action$='/cohorts/{cohort.pk}/enrol/']")
    form.get_by_label("Waarom wil je deelnemen?").fill(
        "Ik wil groeien in mijn rol.\nEn mijn netwerk in Zwolle vergroten."
    )
    form.get_by_role("button", name="Inschrijven").click()
    page.wait_for_load_state()
    assert "Er wordt tot en met" in main_text(page) and "een plek voor je vastgehouden" in main_text(page)
    for person in employees[1:]:
        services.enrolment_request(person=person, cohort=cohort, motivation="Graag!")
    requests = [Enrolment.objects.get(cohort=cohort, person=person) for person in employees]

    # The manager of the 17th approves first, in the browser: everyone ahead still holds a place.
    log_in(page, url, requests[16].approver.email)
    page.get_by_role("button", name=re.compile(r"^Goedkeuringen")).click()
    page.get_by_role("link", name=re.compile(r"^Programma-aanvragen")).click()
    page.locator(f"form[action$='/enrolments/{requests[16].pk}/approve/'] button").click()
    page.wait_for_load_state()
    assert "nummer 2 van de wachtlijst" in main_text(page)

    # The other managers approve in a shuffled order.
    order = list(range(16))
    random.Random(10).shuffle(order)
    for index in order:
        enrolment = Enrolment.objects.get(pk=requests[index].pk)
        services.enrolment_approve(enrolment=enrolment, manager=enrolment.approver)

    statuses = [Enrolment.objects.get(pk=enrolment.pk).status for enrolment in requests]
    assert statuses == ["placed"] * 15 + ["waitlisted"] * 2

    # The two in line see their own number; HR sees the queue in the same order.
    log_in(page, url, employees[15].email)
    page.goto(f"{url}/enrolments/programmes/")
    assert "Je staat op nummer 1 van de wachtlijst." in main_text(page)
    log_in(page, url, employees[16].email)
    page.goto(f"{url}/enrolments/programmes/")
    assert "Je staat op nummer 2 van de wachtlijst." in main_text(page)
    log_in(page, url, "hr@zwolle.example")
    page.goto(f"{url}/programmes/cohorts/{cohort.pk}/")
    rows = page.locator("section[aria-labelledby='queue-heading'] tbody tr")
    assert rows.count() == 2
    assert employees[15].full_name in rows.nth(0).inner_text()
    assert "nummer 1 op de wachtlijst" in rows.nth(0).inner_text()
    assert "nummer 2 op de wachtlijst" in rows.nth(1).inner_text()

    # A placed person withdraws in the browser; number 1 moves up and is told once; number 2 becomes number 1.
    log_in(page, url, employees[3].email)
    page.goto(f"{url}/enrolments/{requests[3].pk}/withdraw/")
    page.locator("main form").get_by_role("button", name=re.compile("terugtrekken", re.IGNORECASE)).click()
    page.wait_for_load_state()

    assert Enrolment.objects.get(pk=requests[15].pk).status == "placed"
    # About this request only: the demo may have moved the same person up in another group already.
    moved_up = Notification.objects.filter(
        recipient=employees[15], event="enrolment_moved_up", key__startswith=f"enrolment-{requests[15].pk}-"
    )
    assert moved_up.count() == 1
    assert selectors.waitlist_position(enrolment=requests[16]) == 1
    log_in(page, url, employees[15].email)
    assert page.locator(".gp-header .badge").count() == 1  # the unread count in the header
    page.goto(f"{url}/inbox/")
    # Each moved-up message once: this one, and one from another group of the demo if they had it.
    every_moved_up = Notification.objects.filter(recipient=employees[15], event="enrolment_moved_up").count()
    assert main_text(page).count("Er is een plaats voor je vrijgekomen in") == every_moved_up
    log_in(page, url, employees[16].email)
    page.goto(f"{url}/enrolments/programmes/")
    assert "Je staat op nummer 1 van de wachtlijst." in main_text(page)
