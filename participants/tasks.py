"""Beat work of the enrolment queue."""

from celery import shared_task

from .services import enrolment_decision_windows_expire


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def expire_decision_windows() -> int:
    # idempotency: the service releases only requests not yet released, each under its cohort's lock.
    return enrolment_decision_windows_expire()
