"""In a real browser: HR plans the Zwolle schedule from the template and moves a session; a participant
sees it in their schedule. axe-core checks the schedule pages (WCAG 2.1 A/AA), also at phone width."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from notifications.models import Notification
from participants.models import Enrolment
from programmes.models import Cohort
from sessions.models import Session
from tests.browser.test_accessibility import assert_accessible, open_as
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SessionFactory,
    UserFactory,
    hr_adviser,
)

from .test_planner import ZWOLLE_PILOT, zwolle_template

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db):
    zwolle = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    programme = ProgrammeFactory(zwolle=True, owner=zwolle, participating_organisations=[zwolle], extra_seats_max=5)
    template = zwolle_template(programme)
    cohort = CohortFactory(programme=programme, name="Groep 2027-1", status=Cohort.Status.RUNNING)
    member = UserFactory(organisation=zwolle, first_name="Sanne", last_name="de Vries")
    EnrolmentFactory(cohort=cohort, person=member, status=Enrolment.Status.ACTIVE)
    return {"hr": hr_adviser(zwolle), "member": member, "cohort": cohort, "template": template}


def test_hr_plans_the_pilot_schedule_in_the_browser_and_the_participant_sees_it(page, log_in, live_server, world):
    cohort = world["cohort"]
    open_as(page, log_in, live_server, world["hr"], f"/programmes/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Rooster", exact=True).click()
    page.get_by_role("link", name="Plannen vanuit een sjabloon").click()
    page.get_by_label("Eerste bijeenkomst op of na").fill("2021-09-03")
    page.get_by_label("Plaats van elke bijeenkomst").fill("Stadhuis Zwolle")
    page.get_by_role("button", name="Rooster voorstellen").click()
    assert "Kerstvakantie" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Dit rooster opslaan").click()
    page.wait_for_url(f"**/sessions/cohorts/{cohort.pk}/schedule/")

    dates = list(Session.objects.filter(cohort=cohort).order_by("date").values_list("date", flat=True))
    assert dates == [day for day, _kind, _title in ZWOLLE_PILOT]
    assert_accessible(page)

    # The pilot lies in the past; HR moves the end meeting to a date ahead, and the participant is told.
    # That date lies before the group's period (from 3 September 2027): the form warns and asks why first.
    end_meeting = Session.objects.get(cohort=cohort, kind="end_meeting")
    new_date = timezone.localdate() + timedelta(days=10)
    page.goto(f"{live_server.url}/sessions/{end_meeting.pk}/edit/")
    page.get_by_label("Datum").fill(new_date.isoformat())
    page.get_by_label("Waarom het verandert").fill("Het stadhuis is die dag gesloten.")
    page.get_by_role("button", name="Opslaan").click()
    assert "vóór de start van de groep (3 september 2027)" in page.get_by_role("alert").inner_text()
    assert Session.objects.get(pk=end_meeting.pk).date == end_meeting.date
    assert_accessible(page)
    page.get_by_label("Waarom toch deze datum").fill("De groep sluit dit keer eerder af.")
    page.get_by_role("button", name="Opslaan").click()
    assert "1 mensen" in page.locator("main").inner_text() or "1 persoon" in page.locator("main").inner_text()
    assert Notification.objects.filter(recipient=world["member"], event="session_moved").count() == 1

    page.context.clear_cookies()  # log out: the next person logs in through the form
    open_as(page, log_in, live_server, world["member"], "/sessions/my-schedule/")
    upcoming = page.get_by_role("table").first.inner_text()
    assert "Eindbijeenkomst" in upcoming and "Stadhuis Zwolle" in upcoming
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 740})
    assert_accessible(page)


def test_the_session_page_has_no_axe_violations(page, log_in, live_server, world):
    session = SessionFactory(cohort=world["cohort"], date=date.today() + timedelta(days=3), open_for_extra=True)

    for person in (world["hr"], world["member"]):
        page.context.clear_cookies()
        open_as(page, log_in, live_server, person, f"/sessions/{session.pk}/")
        assert_accessible(page)
