from celery import shared_task

from . import services


@shared_task(
    bind=True,
    autoretry_for=(services.TransientSendError,),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_notification_email(self, notification_id: int) -> bool:
    """E-mail a stored message; a failed send is retried with backoff and shown to HR meanwhile."""
    return services.notification_email_send(notification_id=notification_id)
