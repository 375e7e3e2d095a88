"""Issue 3, done-when: 17 enrol, 15 placed in order of enrolment, 2 waitlisted, a withdrawal moves the first up."""

from decimal import Decimal

import pytest
from django.core import mail

from notifications.models import Notification
from participants import services
from participants.models import Enrolment, EnrolmentTransition
from participants.selectors import cohort_enrolment_overview, waitlist_position
from programmes.models import Cohort

from .conftest import employee_of

Status = Enrolment.Status


@pytest.mark.django_db
def test_seventeen_enrol_fifteen_are_placed_in_order_and_a_withdrawal_moves_the_first_waitlisted_up(
    zwolle, django_capture_on_commit_callbacks
):
    # given 17 eligible employees of two managers, who enrol one after the other
    people = [employee_of(zwolle.manager if i % 2 else zwolle.other_manager, last_name=f"P{i:02d}") for i in range(17)]
    enrolments = [
        services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="Graag!") for person in people
    ]
    requested = [e.requested_at for e in enrolments]
    assert requested == sorted(requested) and len(set(requested)) == 17
    assert {e.status for e in enrolments} == {Status.AWAITING_MANAGER}
    assert {e.cost for e in enrolments} == {Decimal("933.33")}

    # when their managers approve, in the order of enrolment
    with django_capture_on_commit_callbacks(execute=True):
        for enrolment in enrolments:
            services.enrolment_approve(enrolment=enrolment, manager=enrolment.person.manager)

    # then the first 15 by enrolment time are placed and the last 2 waitlisted, in that order
    statuses = [Enrolment.objects.get(pk=e.pk).status for e in enrolments]
    assert statuses == [Status.PLACED] * 15 + [Status.WAITLISTED] * 2
    overview = cohort_enrolment_overview(cohort=zwolle.cohort)
    assert [e.pk for e in overview["waitlisted"]] == [enrolments[15].pk, enrolments[16].pk]
    assert overview["counts"]["placed"] == 15 and overview["counts"]["waitlisted"] == 2
    assert [waitlist_position(enrolment=Enrolment.objects.get(pk=e.pk)) for e in enrolments[15:]] == [1, 2]
    zwolle.cohort.refresh_from_db()
    assert zwolle.cohort.status == Cohort.Status.FULL

    # and HR and the coordinator are told once that the group can start, when the 15th was placed
    ready = Notification.objects.filter(event="cohort_ready_to_start", key=f"cohort-{zwolle.cohort.pk}")
    assert list(ready.values_list("recipient", flat=True)) == [zwolle.hr.pk]
    assert ready.get().body.count("15") >= 1
    assert zwolle.cohort.ready_notified_at is not None
    waitlisted_message = Notification.objects.get(recipient=people[16], event="enrolment_waitlisted")
    assert "2" in waitlisted_message.body

    # when a placed person withdraws
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_withdraw(enrolment=enrolments[3], by=people[3], reason="Ander werk gevonden")

    # then the first on the waitlist moves up, is told so, and the cohort stays full
    assert Enrolment.objects.get(pk=enrolments[3].pk).status == Status.WITHDRAWN
    assert Enrolment.objects.get(pk=enrolments[15].pk).status == Status.PLACED
    assert Enrolment.objects.get(pk=enrolments[16].pk).status == Status.WAITLISTED
    assert waitlist_position(enrolment=Enrolment.objects.get(pk=enrolments[16].pk)) == 1
    moved_up = Notification.objects.filter(recipient=people[15], event="enrolment_moved_up")
    assert moved_up.count() == 1
    assert [message.to for message in mail.outbox] == [[people[15].email]]
    zwolle.cohort.refresh_from_db()
    assert zwolle.cohort.status == Cohort.Status.FULL
    assert Notification.objects.filter(event="cohort_ready_to_start").count() == 1

    # and every step is in the history
    history = list(
        EnrolmentTransition.objects.filter(enrolment=enrolments[15]).values_list("from_status", "to_status", "actor")
    )
    assert history == [
        ("", Status.REQUESTED, people[15].pk),
        (Status.REQUESTED, Status.AWAITING_MANAGER, people[15].pk),
        (Status.AWAITING_MANAGER, Status.APPROVED, people[15].manager_id),
        (Status.APPROVED, Status.WAITLISTED, None),
        (Status.WAITLISTED, Status.PLACED, None),
    ]


@pytest.mark.django_db
def test_a_withdrawal_with_an_empty_waitlist_reopens_a_full_cohort(zwolle):
    zwolle.cohort.capacity = 2
    zwolle.cohort.start_threshold = 2
    zwolle.cohort.save()
    enrolments = [
        services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
        for _ in range(2)
    ]
    for enrolment in enrolments:
        services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)
    zwolle.cohort.refresh_from_db()
    assert zwolle.cohort.status == Cohort.Status.FULL

    services.enrolment_withdraw(enrolment=enrolments[0], by=enrolments[0].person)

    zwolle.cohort.refresh_from_db()
    assert zwolle.cohort.status == Cohort.Status.OPEN
    # the start notification is not sent again when the group fills up once more
    services.enrolment_approve(
        enrolment=services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x"),
        manager=zwolle.manager,
    )
    assert Notification.objects.filter(event="cohort_ready_to_start").count() == 1


@pytest.mark.django_db
def test_the_coordinator_is_told_too_when_the_group_can_start(zwolle):
    coordinator = employee_of(zwolle.manager, last_name="Coordinator")
    zwolle.cohort.coordinator = coordinator
    zwolle.cohort.start_threshold = 1
    zwolle.cohort.save()

    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
    services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)

    recipients = set(Notification.objects.filter(event="cohort_ready_to_start").values_list("recipient", flat=True))
    assert recipients == {zwolle.hr.pk, coordinator.pk}
