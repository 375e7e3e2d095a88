from celery import shared_task

from core.mail import EMAIL_TASK_RETRY_OPTIONS, TransientSendError

from . import services
from .people_import import people_import_progress_store, people_import_run


@shared_task(bind=True, autoretry_for=(TransientSendError,), **EMAIL_TASK_RETRY_OPTIONS)
def send_invitation(self, invitation_id: int) -> bool:
    """E-mail an invitation; a failed send is retried with backoff and shown to HR meanwhile."""
    return services.invitation_send(invitation_id=invitation_id)


@shared_task
def run_people_import(import_id: int, send_invitations: bool = False, invited_by_id: int | None = None) -> None:
    """Run a confirmed people import; its progress goes to the cache, where the progress page reads it."""
    people_import_run(
        import_id=import_id,
        send_invitations=send_invitations,
        invited_by_id=invited_by_id,
        progress=lambda processed, total: people_import_progress_store(
            import_id=import_id, processed=processed, total=total
        ),
    )
