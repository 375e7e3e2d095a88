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
def send_invitation(self, invitation_id: int) -> bool:
    """E-mail an invitation; a failed send is retried with backoff and shown to HR meanwhile."""
    return services.invitation_send(invitation_id=invitation_id)
