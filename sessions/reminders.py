"""Day-before reminders of sessions and individual TMA sessions, found by a beat task.

Each person gets one reminder per session and date: the notification key holds the session and its
date, and `notify` stores (event, key, recipient) once, so running the task again (every hour, after a
restart, on a duplicated delivery) sends nothing twice. A session moved to another date is a new
occasion and is reminded of again.
"""

from datetime import date, time, timedelta

from django.urls import reverse
from django.utils import timezone

from notifications.events import Event
from notifications.services import notify

from .models import AvailabilitySlot, Session, SessionKind
from .selectors import local_datetime
from .services import session_concerned


def session_reminders_send(*, today: date | None = None) -> int:
    """Remind the attendees and trainers of tomorrow's sessions, and the participants of tomorrow's TMA
    sessions. Returns how many new messages were stored."""
    tomorrow = (today or timezone.localdate()) + timedelta(days=1)
    sent = 0
    sessions = Session.objects.filter(date=tomorrow, status=Session.Status.PLANNED).select_related(
        "cohort", "intervision_group", "trainer"
    )
    for session in sessions:
        url = reverse("sessions:session_detail", args=[session.pk])
        context = {
            "title": session.title,
            "starts_at": local_datetime(session.date, session.start_time),
            "ends_at": local_datetime(session.date, session.end_time),
            "location": session.location,
            "online_url": session.online_url,
            "context_name": session.cohort.name,
            "with_whom": session.trainer.full_name if session.trainer_id else session.external_trainer,
        }
        for person in session_concerned(session=session):  # the attendees and the trainer
            # idempotency: (session_reminder, "session:<pk>:<date>", person) is stored once.
            message = notify(
                recipient=person,
                event=Event.SESSION_REMINDER,
                key=f"session:{session.pk}:{session.date.isoformat()}",
                context=context,
                action_url=url,
            )
            sent += message is not None
    slots = AvailabilitySlot.objects.filter(
        booked_by__isnull=False,
        starts_at__gte=local_datetime(tomorrow, time.min),
        starts_at__lt=local_datetime(tomorrow + timedelta(days=1), time.min),
    ).select_related("adviser", "booked_by", "cohort")
    schedule_url = reverse("sessions:my_schedule")
    for slot in slots:
        title = f"{SessionKind.TMA.label} {slot.sequence_number or ''}".strip()
        message = notify(
            recipient=slot.booked_by,
            event=Event.SESSION_REMINDER,
            key=f"slot:{slot.pk}:{slot.starts_at.isoformat()}",
            context={
                "title": title,
                "starts_at": slot.starts_at,
                "ends_at": slot.ends_at,
                "location": slot.location,
                "online_url": "",
                "context_name": slot.cohort.name if slot.cohort_id else "",
                "with_whom": slot.adviser.full_name,
            },
            action_url=schedule_url,
        )
        sent += message is not None
    return sent
