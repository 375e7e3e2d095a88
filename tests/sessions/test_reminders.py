"""Day-before reminders: every attendee of tomorrow's sessions and TMA sessions, each sent once."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notify
from sessions import services
from sessions.reminders import session_reminders_send
from tests.factories import AvailabilitySlotFactory, IntervisionGroupFactory, SessionFactory, UserFactory
from tests.waiting import wait_for

from .conftest import make_members


@pytest.mark.django_db
def test_every_attendee_of_tomorrows_sessions_is_reminded_once(running):
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    SessionFactory(cohort=running.cohort, title="Persoonlijk leiderschap", date=tomorrow, trainer=running.trainer)
    SessionFactory(cohort=running.cohort, title="Overmorgen", date=tomorrow + timedelta(days=1))
    SessionFactory(cohort=running.cohort, title="Afgelast", date=tomorrow, cancelled=True)
    group = IntervisionGroupFactory(cohort=running.cohort)
    group.members.set(running.members[:2])
    SessionFactory(cohort=running.cohort, intervision=True, intervision_group=group, title="Intervisie", date=tomorrow)

    first = session_reminders_send(today=today)
    second = session_reminders_send(today=today)

    assert (first, second) == (len(running.members) + 2 + 1, 0)
    reminders = Notification.objects.filter(event="session_reminder")
    assert reminders.count() == len(running.members) + 2 + 1
    assert reminders.filter(recipient=running.trainer).count() == 1
    assert reminders.filter(recipient=running.members[0]).count() == 2
    assert reminders.filter(recipient=running.members[5]).count() == 1
    assert "Persoonlijk leiderschap" in reminders.filter(recipient=running.members[5]).get().subject


@pytest.mark.django_db
def test_a_booked_tma_session_tomorrow_is_reminded_to_its_participant(running):
    today = timezone.localdate()
    starts = timezone.make_aware(datetime.combine(today + timedelta(days=1), time(10, 0)))
    AvailabilitySlotFactory(
        cohort=running.cohort,
        adviser=running.career_adviser,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        booked_by=running.members[0],
        sequence_number=2,
    )
    AvailabilitySlotFactory(
        cohort=running.cohort,
        adviser=running.career_adviser,
        starts_at=starts + timedelta(hours=2),
        ends_at=starts + timedelta(hours=3),
    )  # not booked: nobody to remind

    assert session_reminders_send(today=today) == 1
    assert session_reminders_send(today=today) == 0
    reminder = Notification.objects.get(event="session_reminder")
    assert reminder.recipient == running.members[0]
    assert "10:00" in reminder.subject


@pytest.mark.django_db
def test_a_session_moved_to_another_day_is_reminded_again_for_its_new_date(running):
    today = timezone.localdate()
    running.cohort.start_date, running.cohort.end_date = today, today + timedelta(days=60)
    running.cohort.save(update_fields=["start_date", "end_date"])
    session = SessionFactory(cohort=running.cohort, date=today + timedelta(days=1))
    session_reminders_send(today=today)
    services.session_update(session=session, by=running.hr, date=today + timedelta(days=8))

    session_reminders_send(today=today + timedelta(days=7))

    assert Notification.objects.filter(event="session_reminder", recipient=running.members[0]).count() == 2


@pytest.mark.celery_worker
def test_the_beat_task_run_twice_by_a_real_worker_emails_each_person_once(celery_worker):
    from programmes.models import Cohort
    from sessions.tasks import send_session_reminders
    from tests.factories import CohortFactory

    cohort = CohortFactory(status=Cohort.Status.RUNNING)
    members = make_members(cohort, 3)
    UserFactory()
    SessionFactory(
        cohort=cohort, title="Samenwerken in Zwolse netwerken", date=timezone.localdate() + timedelta(days=1)
    )

    send_session_reminders.delay()
    send_session_reminders.delay()

    assert wait_for(lambda: Notification.objects.filter(event="session_reminder", email_status="sent").count() == 3)
    # A third run, then a canary message: the solo worker handles tasks in order, so once the canary is
    # e-mailed, every reminder run before it is done and any duplicate would be in the outbox.
    send_session_reminders.delay()
    canary_person = UserFactory(email="canary@example.test")
    with transaction.atomic():
        canary = notify(
            recipient=canary_person,
            event="session_reminder",
            key="canary",
            action_url="/",
            context={"title": "Canary", "starts_at": timezone.now(), "ends_at": timezone.now()},
        )
    assert wait_for(lambda: Notification.objects.get(pk=canary.pk).email_status == "sent")
    reminded = sorted(message.to[0] for message in mail.outbox if message.to[0] != "canary@example.test")
    assert reminded == sorted(person.email for person in members)
