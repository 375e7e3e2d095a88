"""Notifications of enrolment decisions: stored once, e-mailed after commit, never on rollback."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from notifications.models import Notification
from participants import services
from participants.models import Enrolment, EnrolmentTransition

from .conftest import employee_of

Status = Enrolment.Status


@pytest.mark.django_db
def test_a_request_tells_the_manager_once_after_commit(zwolle, django_capture_on_commit_callbacks):
    person = employee_of(zwolle.manager)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment = services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="Graag")
        assert mail.outbox == []  # nothing is e-mailed before the commit
    for callback in callbacks:
        callback()

    message = Notification.objects.get(recipient=zwolle.manager)
    assert message.event == "enrolment_approval_requested"
    assert message.action_url == reverse("participants:approvals")
    transition = enrolment.transitions.get(to_status=Status.AWAITING_MANAGER)
    assert message.key == f"enrolment-{enrolment.pk}-awaiting_manager-{transition.pk}"
    assert [m.to for m in mail.outbox] == [[zwolle.manager.email]]


@pytest.mark.django_db
def test_approval_tells_the_person_once_that_it_is_approved_and_placed(zwolle, django_capture_on_commit_callbacks):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)

    events = list(Notification.objects.filter(recipient=enrolment.person).values_list("event", flat=True))
    assert sorted(events) == ["enrolment_approved", "enrolment_placed"]
    assert [m.to for m in mail.outbox] == [[enrolment.person.email]] * 2
    detail_url = reverse("participants:enrolment_detail", args=[enrolment.pk])
    assert set(Notification.objects.filter(recipient=enrolment.person).values_list("action_url", flat=True)) == {
        detail_url
    }

    # deciding again is refused and sends nothing more
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)
    assert Notification.objects.filter(recipient=enrolment.person, event="enrolment_approved").count() == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_rejection_tells_the_person_with_the_reason(zwolle, django_capture_on_commit_callbacks):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")

    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_reject(enrolment=enrolment, manager=zwolle.manager, reason="Drukke periode")

    message = Notification.objects.get(recipient=enrolment.person, event="enrolment_rejected")
    assert "Drukke periode" in message.body


@pytest.mark.django_db
def test_a_waitlisted_person_is_told_their_position(zwolle):
    zwolle.cohort.capacity = 1
    zwolle.cohort.start_threshold = 1
    zwolle.cohort.save()
    enrolments = [
        services.enrolment_request(
            person=employee_of(zwolle.manager, preferred_language="en"), cohort=zwolle.cohort, motivation="x"
        )
        for _ in range(3)
    ]
    for enrolment in enrolments:
        services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)

    first, second = (Notification.objects.get(recipient=e.person, event="enrolment_waitlisted") for e in enrolments[1:])
    assert "number 1." in first.body
    assert "number 2." in second.body


@pytest.mark.django_db
def test_an_override_tells_the_person_with_the_reason(zwolle):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")

    services.enrolment_override(
        enrolment=enrolment, hr_user=zwolle.hr, to_status=Status.APPROVED, reason="Manager ziek"
    )

    message = Notification.objects.get(recipient=enrolment.person, event="enrolment_overridden")
    assert "Manager ziek" in message.body
    assert Notification.objects.filter(recipient=enrolment.person, event="enrolment_placed").count() == 1


@pytest.mark.django_db
def test_nothing_is_stored_or_sent_when_the_surrounding_transaction_rolls_back(
    zwolle, django_capture_on_commit_callbacks
):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
    mail.outbox.clear()
    before = Notification.objects.count()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)
            raise RuntimeError("something after the approval failed")

    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.count() == before
    enrolment.refresh_from_db()
    assert enrolment.status == Status.AWAITING_MANAGER


@pytest.mark.django_db
def test_a_failure_inside_the_approval_rolls_back_its_notifications_and_its_history(
    zwolle, django_capture_on_commit_callbacks
):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
    mail.outbox.clear()
    transitions_before = EnrolmentTransition.objects.count()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        mock.patch("participants.services._rebalance", side_effect=RuntimeError("placement failed")),
        pytest.raises(RuntimeError),
    ):
        services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)

    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=enrolment.person).exists()
    assert EnrolmentTransition.objects.count() == transitions_before
    enrolment.refresh_from_db()
    assert enrolment.status == Status.AWAITING_MANAGER
