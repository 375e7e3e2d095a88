from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from core.mail import EMAIL_TASK_RETRY_OPTIONS, TransientSendError

from . import services
from .selectors import notifications_stuck_unsent


@shared_task(bind=True, autoretry_for=(TransientSendError,), **EMAIL_TASK_RETRY_OPTIONS)
def send_notification_email(self, notification_id: int) -> bool:
    """E-mail a stored message; a failed send is retried with backoff and shown to HR meanwhile."""
    return services.notification_email_send(notification_id=notification_id)


# A message whose task never reached the broker (Redis down at commit) stays pending; beat finds it.
STUCK_AFTER = timedelta(minutes=15)


@shared_task
def requeue_unsent_notifications() -> int:
    """Enqueue the e-mail of messages still pending after STUCK_AFTER; sending is idempotent, so a
    message whose first task is merely slow is still sent once."""
    stuck = notifications_stuck_unsent(older_than=timezone.now() - STUCK_AFTER)
    for notification_id in stuck:
        send_notification_email.delay(notification_id)
    return len(stuck)
