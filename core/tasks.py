from celery import shared_task

from .health import record_heartbeat


@shared_task(name="core.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Scheduled by beat every minute: its last run tells the platform page that beat and a worker are up."""
    record_heartbeat()
