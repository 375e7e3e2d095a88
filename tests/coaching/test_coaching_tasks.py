"""The coaching beat tasks: thin wrappers around coaching/load.py, safe to run twice, also on a real worker."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from coaching.models import CoachMatch
from coaching.tasks import send_coach_reminders, send_participants_without_coach_reminders
from notifications.models import Notification
from notifications.services import notify
from participants.models import Enrolment
from programmes.models import Cohort
from tests.factories import (
    CoachMatchFactory,
    CoachProfileFactory,
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.waiting import wait_for


def _old_match(coach, participant) -> CoachMatch:
    match = CoachMatchFactory(coach=coach, participant=participant)
    CoachMatch.objects.filter(pk=match.pk).update(published_at=timezone.now() - timedelta(days=45))
    return match


@pytest.mark.django_db
def test_both_tasks_return_how_many_messages_they_stored_and_nothing_the_second_time():
    organisation = OrganisationFactory()
    coach = CoachProfileFactory(user=UserFactory(organisation=organisation)).user
    _old_match(coach, UserFactory(organisation=organisation))
    cohort = CohortFactory(
        programme=ProgrammeFactory(owner=organisation, participating_organisations=[organisation]),
        status=Cohort.Status.RUNNING,
        start_date=timezone.localdate() - timedelta(days=30),
        coordinator=UserFactory(organisation=organisation),
    )
    EnrolmentFactory(cohort=cohort, person=UserFactory(organisation=organisation), status=Enrolment.Status.ACTIVE)

    assert send_coach_reminders.delay().get() == 1
    assert send_coach_reminders.delay().get() == 0
    assert send_participants_without_coach_reminders.delay().get() == 2  # the participant and the coordinator
    assert send_participants_without_coach_reminders.delay().get() == 0


@pytest.mark.celery_worker
def test_the_coach_reminder_task_run_twice_by_a_real_worker_emails_each_coach_once(celery_worker):
    organisation = OrganisationFactory()
    coaches = [CoachProfileFactory(user=UserFactory(organisation=organisation)).user for _ in range(2)]
    for coach in coaches:
        _old_match(coach, UserFactory(organisation=organisation))
    recent = CoachProfileFactory(user=UserFactory(organisation=organisation)).user
    CoachMatchFactory(coach=recent, participant=UserFactory(organisation=organisation))  # matched today

    send_coach_reminders.delay()
    send_coach_reminders.delay()

    assert wait_for(
        lambda: Notification.objects.filter(event="coach_no_log_reminder", email_status="sent").count() == 2
    )
    # A third run, then a canary message: the solo worker handles tasks in order, so once the canary is
    # e-mailed, every reminder run before it is done and any duplicate would be in the outbox.
    send_coach_reminders.delay()
    canary_person = UserFactory(email="canary@example.test")
    with transaction.atomic():
        canary = notify(
            recipient=canary_person,
            event="coach_approved",
            key="canary",
            action_url="/",
            context={"organisation": organisation.name},
        )
    assert wait_for(lambda: Notification.objects.get(pk=canary.pk).email_status == "sent")
    reminded = sorted(message.to[0] for message in mail.outbox if message.to[0] != "canary@example.test")
    assert reminded == sorted(coach.email for coach in coaches)
