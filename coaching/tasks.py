"""Coaching's beat tasks: thin, they call coaching/load.py. Both are safe to run twice (see there)."""

from celery import shared_task

from .load import coach_reminders_send, participants_without_coach_reminders_send


@shared_task
def send_coach_reminders() -> int:
    """Daily: remind coaches who have not logged a session for a month (once per coach per month)."""
    # idempotency: notify stores (event, "<coach>:<YYYY-MM>", coach) once, so a repeated run sends nothing.
    return coach_reminders_send()


@shared_task
def send_participants_without_coach_reminders() -> int:
    """Daily: remind participants who still have no coach, and their cohort's coordinator once a week."""
    # idempotency: keys "<participant>:<cohort>" and "<cohort>:<iso-week>" are stored once by notify.
    return participants_without_coach_reminders_send()
