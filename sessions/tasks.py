from celery import shared_task

from .reminders import session_reminders_send


@shared_task
def send_session_reminders() -> int:
    """Beat runs this every hour; reminders are idempotent, so a missed or repeated run is harmless."""
    return session_reminders_send()
