"""HR adds, changes, moves and cancels sessions; moving or cancelling tells the people concerned, once."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from notifications.models import Notification
from sessions import services
from sessions.models import Session
from tests.factories import IntervisionGroupFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def future(days: int = 30) -> date:
    """A day `days` after 6 September 2027: in the running cohort's period (3 September 2027 to 18 February
    2028), clear of public holidays for the offsets used here, and in the future."""
    return date(2027, 9, 6) + timedelta(days=days)


def test_moving_a_session_raises_its_sequence_and_tells_every_member_and_the_trainer_once(running):
    session = SessionFactory(cohort=running.cohort, date=future(), trainer=running.trainer)

    change = services.session_update(
        session=session, by=running.hr, reason="Zaal bezet", date=future(37), start_time=time(10, 0)
    )

    session.refresh_from_db()
    assert change.moved is True
    assert (session.date, session.start_time, session.sequence) == (future(37), time(10, 0), 1)
    recipients = set(Notification.objects.filter(event="session_moved").values_list("recipient", flat=True))
    assert recipients == {person.pk for person in running.members} | {running.trainer.pk}
    assert change.notified == len(running.members) + 1
    assert "Zaal bezet" in Notification.objects.filter(event="session_moved").first().body


def test_a_second_move_is_a_new_revision_and_a_new_message(running):
    session = SessionFactory(cohort=running.cohort, date=future())
    services.session_update(session=session, by=running.hr, date=future(40))
    services.session_update(session=session, by=running.hr, date=future(41))

    assert Notification.objects.filter(event="session_moved", recipient=running.members[0]).count() == 2
    assert Session.objects.get(pk=session.pk).sequence == 2


def test_changing_only_the_title_or_cost_is_not_a_move_and_tells_nobody(running):
    session = SessionFactory(cohort=running.cohort, date=future())

    change = services.session_update(session=session, by=running.hr, title="Politieke Antenne", cost=2000)

    assert change.moved is False
    assert Session.objects.get(pk=session.pk).sequence == 0
    assert not Notification.objects.exists()


def test_an_intervision_groups_session_tells_only_that_groups_members(running):
    group = IntervisionGroupFactory(cohort=running.cohort)
    group.members.set(running.members[:3])
    session = SessionFactory(cohort=running.cohort, intervision=True, intervision_group=group, date=future())

    services.session_update(session=session, by=running.hr, date=future(44))

    recipients = set(Notification.objects.filter(event="session_moved").values_list("recipient", flat=True))
    assert recipients == {person.pk for person in running.members[:3]}


def test_a_move_into_the_past_is_refused_and_nothing_changes(running):
    session = SessionFactory(cohort=running.cohort, date=future())

    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.session_update(session=session, by=running.hr, date=timezone.localdate() - timedelta(days=1))

    assert "past" in str(error.value)
    session.refresh_from_db()
    assert (session.date, session.sequence) == (future(), 0)
    assert not Notification.objects.exists()


def test_an_end_before_the_start_is_refused(running):
    session = SessionFactory(cohort=running.cohort, date=future())

    with pytest.raises(ValidationError):
        services.session_update(session=session, by=running.hr, start_time=time(15), end_time=time(14))

    assert Session.objects.get(pk=session.pk).start_time == time(9, 0)


def test_cancelling_needs_a_reason_tells_everyone_and_keeps_the_session_as_cancelled(running):
    session = SessionFactory(cohort=running.cohort, date=future(), trainer=running.trainer)

    with pytest.raises(ValidationError):
        services.session_cancel(session=session, by=running.hr, reason="  ")
    assert not Notification.objects.exists()

    change = services.session_cancel(session=session, by=running.hr, reason="Trainer ziek")

    session.refresh_from_db()
    assert (session.status, session.cancellation_reason, session.sequence) == ("cancelled", "Trainer ziek", 1)
    assert change.notified == len(running.members) + 1
    with pytest.raises(ValidationError):
        services.session_cancel(session=session, by=running.hr, reason="Nogmaals")
    with pytest.raises(ValidationError):
        services.session_update(session=session, by=running.hr, date=future(50))
    assert Notification.objects.filter(event="session_cancelled").count() == len(running.members) + 1


def test_people_outside_the_cohort_are_not_told(running):
    outsider_session = SessionFactory(date=future())  # another cohort
    SessionFactory(cohort=running.cohort, date=future())

    services.session_cancel(session=outsider_session, by=running.hr, reason="Vervalt")

    assert not Notification.objects.filter(recipient__in=running.members).exists()


def test_tma_sessions_are_not_planned_as_cohort_sessions(running):
    with pytest.raises(ValidationError):
        services.session_create(
            cohort=running.cohort, kind="tma", title="TMA", date=future(), start_time=time(9), end_time=time(10)
        )
    assert not Session.objects.exists()


def test_the_reviewed_schedule_is_saved_once_and_fills_the_cohorts_dates(running):
    from sessions.planner import ProposedSession

    running.cohort.start_date = None
    running.cohort.end_date = None
    running.cohort.save()
    proposal = [
        ProposedSession(
            kind="start_meeting", title="Start", date=date(2027, 9, 3), start_time=time(15), end_time=time(17)
        ),
        ProposedSession(
            kind="training",
            title="Antenne",
            date=date(2027, 9, 17),
            start_time=time(9),
            end_time=time(16),
            is_open_for_extra=True,
        ),
    ]

    created = services.cohort_schedule_save(
        cohort=running.cohort, sessions=proposal, location="Stadhuis", by=running.hr
    )

    assert [(session.title, session.location) for session in created] == [
        ("Start", "Stadhuis"),
        ("Antenne", "Stadhuis"),
    ]
    assert created[1].extra_seats == running.programme.extra_seats_max
    running.cohort.refresh_from_db()
    assert (running.cohort.start_date, running.cohort.end_date) == (date(2027, 9, 3), date(2027, 9, 17))
    with pytest.raises(ValidationError):
        services.cohort_schedule_save(cohort=running.cohort, sessions=proposal, by=running.hr)
    assert Session.objects.filter(cohort=running.cohort).count() == 2


def test_a_schedule_with_a_bad_row_saves_nothing(running):
    from sessions.planner import ProposedSession

    proposal = [
        ProposedSession(kind="training", title="Goed", date=date(2027, 9, 3), start_time=time(9), end_time=time(12)),
        ProposedSession(kind="training", title="", date=date(2027, 9, 17), start_time=time(9), end_time=time(12)),
    ]

    with pytest.raises(ValidationError) as error:
        services.cohort_schedule_save(cohort=running.cohort, sessions=proposal, by=running.hr)

    assert "1-title" in error.value.message_dict
    assert not Session.objects.exists()


def test_an_inactive_member_is_told_in_the_portal_but_not_emailed(running):
    running.members[0].is_active = False
    running.members[0].save()
    UserFactory()  # unrelated
    session = SessionFactory(cohort=running.cohort, date=future())

    services.session_cancel(session=session, by=running.hr, reason="Vervalt")

    message = Notification.objects.get(recipient=running.members[0])
    assert message.email_status == Notification.EmailStatus.SKIPPED
