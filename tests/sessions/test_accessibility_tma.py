"""axe-core (WCAG 2.1 A and AA) on the TMA, attendance and feedback pages, in a real browser (see tests/browser)."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions import attendance, feedback, slots
from sessions.models import Attendance
from tests.browser.test_accessibility import assert_accessible, open_as
from tests.factories import AvailabilitySlotFactory, IntervisionGroupFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db, running):
    """Slots (one booked), a held training with attendance and feedback, and an intervision group."""
    member, other = running.members[:2]
    day = timezone.localdate() + timedelta(days=10)
    for hour in (9, 10, 11):
        starts_at = timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_default_timezone())
        AvailabilitySlotFactory(
            adviser=running.career_adviser,
            cohort=running.cohort,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            location="BLIK Loopbaancentrum",
        )
    slots.slot_book(slot=running.cohort.availability_slots.order_by("starts_at").first(), person=member)
    group = IntervisionGroupFactory(cohort=running.cohort, name="Groep A")
    group.members.set(running.members[:3])
    session = SessionFactory(
        cohort=running.cohort,
        title="Persoonlijk leiderschap",
        trainer=running.trainer,
        date=timezone.localdate() - timedelta(days=3),
    )
    SessionFactory(
        cohort=running.cohort,
        intervision=True,
        intervision_group=group,
        external_trainer="Bureau Intervisie",
        date=timezone.localdate() - timedelta(days=10),
    )
    attendance.attendance_register(
        session=session,
        by=running.trainer,
        statuses={member.pk: Attendance.Status.PRESENT, other.pk: Attendance.Status.ABSENT_EXCUSED},
    )
    feedback.session_feedback_give(session=session, person=other, rating=4, comment="Goede oefeningen.")
    running.programme.min_attendance_percent = 80
    running.programme.save()
    return {"running": running, "member": member, "session": session}


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("career_adviser", lambda w: reverse("sessions:slots")),
        ("member", lambda w: reverse("sessions:tma_booking")),
        ("trainer", lambda w: reverse("sessions:attendance", args=[w["session"].pk])),
        ("hr", lambda w: reverse("sessions:cohort_attendance", args=[w["running"].cohort.pk])),
        ("member", lambda w: reverse("sessions:feedback", args=[w["session"].pk])),
        ("hr", lambda w: reverse("sessions:feedback_results", args=[w["running"].cohort.pk])),
    ],
    ids=["slots", "tma-booking", "attendance", "cohort-attendance", "feedback", "feedback-results"],
)
def test_the_tma_attendance_and_feedback_pages_have_no_axe_violations(
    page, log_in, live_server, client, world, who, path
):
    user = world["member"] if who == "member" else getattr(world["running"], who)
    client.force_login(user)
    assert client.get(path(world)).status_code == 200  # the real page, not a 404

    open_as(page, log_in, live_server, user, path(world))

    assert_accessible(page)
