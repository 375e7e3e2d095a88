"""The enrolment state machine: every allowed transition works and is recorded, every other one is refused."""

from itertools import product

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from notifications.models import Notification
from participants import services
from participants.models import Enrolment, EnrolmentTransition
from programmes.models import Cohort
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory

from .conftest import employee_of

S = Enrolment.Status
ALL = list(S)

# Written out by hand from the issue, so the test does not just repeat the code's own table.
ALLOWED = {
    (S.REQUESTED, S.AWAITING_MANAGER),
    (S.REQUESTED, S.APPROVED),
    (S.REQUESTED, S.WITHDRAWN),
    (S.AWAITING_MANAGER, S.APPROVED),
    (S.AWAITING_MANAGER, S.REJECTED),
    (S.AWAITING_MANAGER, S.WITHDRAWN),
    (S.APPROVED, S.PLACED),
    (S.APPROVED, S.WAITLISTED),
    (S.APPROVED, S.WITHDRAWN),
    (S.WAITLISTED, S.PLACED),
    (S.WAITLISTED, S.WITHDRAWN),
    (S.PLACED, S.ACTIVE),
    (S.PLACED, S.WITHDRAWN),
    (S.ACTIVE, S.COMPLETED),
    (S.ACTIVE, S.WITHDRAWN),
}

# What HR may change with an override (approving then places or waitlists by the ordinary rule).
OVERRIDE_ALLOWED = {
    (S.REQUESTED, S.APPROVED),
    (S.REQUESTED, S.REJECTED),
    (S.AWAITING_MANAGER, S.APPROVED),
    (S.AWAITING_MANAGER, S.REJECTED),
    (S.REJECTED, S.APPROVED),
    (S.APPROVED, S.REJECTED),
    (S.APPROVED, S.WITHDRAWN),
    (S.PLACED, S.REJECTED),
    (S.PLACED, S.WITHDRAWN),
    (S.WAITLISTED, S.REJECTED),
    (S.WAITLISTED, S.WITHDRAWN),
    (S.ACTIVE, S.WITHDRAWN),
}


def _zwolle_enrolment(zwolle, status, **kwargs):
    return EnrolmentFactory(cohort=zwolle.cohort, person=employee_of(zwolle.manager), status=status, **kwargs)


# --- the table ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), list(product(ALL, ALL)))
def test_the_state_machine_allows_exactly_the_transitions_of_the_issue(zwolle, from_status, to_status):
    enrolment = _zwolle_enrolment(zwolle, from_status)

    if (from_status, to_status) in ALLOWED:
        transition = services._move(enrolment, to_status=to_status, actor=zwolle.hr, reason="Test")
        enrolment.refresh_from_db()
        assert enrolment.status == to_status
        assert (transition.from_status, transition.to_status, transition.actor, transition.reason) == (
            from_status,
            to_status,
            zwolle.hr,
            "Test",
        )
        assert transition.is_override is False
    else:
        with pytest.raises(ValidationError) as refused:
            services._move(enrolment, to_status=to_status, actor=zwolle.hr)
        assert refused.value.code == "invalid_transition"
        enrolment.refresh_from_db()
        assert enrolment.status == from_status
        assert not EnrolmentTransition.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("from_status", "to_status"), list(product(ALL, [S.APPROVED, S.REJECTED, S.WITHDRAWN, S.PLACED]))
)
def test_hr_may_override_exactly_the_decisions_of_the_table(zwolle, from_status, to_status):
    enrolment = _zwolle_enrolment(zwolle, from_status)

    if (from_status, to_status) in OVERRIDE_ALLOWED:
        services.enrolment_override(enrolment=enrolment, hr_user=zwolle.hr, to_status=to_status, reason="Beleid")
        enrolment.refresh_from_db()
        override = EnrolmentTransition.objects.get(enrolment=enrolment, is_override=True)
        assert (override.from_status, override.to_status, override.actor, override.reason) == (
            from_status,
            to_status,
            zwolle.hr,
            "Beleid",
        )
        # approving places (there are seats), anything else stays where HR put it
        assert enrolment.status == (S.PLACED if to_status == S.APPROVED else to_status)
        assert enrolment.decision_reason == "Beleid"
        assert Notification.objects.filter(recipient=enrolment.person, event="enrolment_overridden").count() == 1
    else:
        with pytest.raises(ValidationError):
            services.enrolment_override(enrolment=enrolment, hr_user=zwolle.hr, to_status=to_status, reason="Beleid")
        enrolment.refresh_from_db()
        assert enrolment.status == from_status
        assert not EnrolmentTransition.objects.exists()
        assert not Notification.objects.exists()


# --- each allowed transition through the public services -------------------------------------------


@pytest.mark.django_db
def test_request_with_manager_approval_waits_for_the_manager(zwolle):
    person = employee_of(zwolle.manager)

    enrolment = services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="  Ik wil groeien.  ")

    enrolment.refresh_from_db()
    assert enrolment.status == S.AWAITING_MANAGER
    assert enrolment.approver == zwolle.manager
    assert enrolment.department == person.department
    assert enrolment.motivation == "Ik wil groeien."
    assert list(enrolment.transitions.values_list("from_status", "to_status")) == [
        ("", S.REQUESTED),
        (S.REQUESTED, S.AWAITING_MANAGER),
    ]


@pytest.mark.django_db
def test_request_without_manager_approval_is_placed_at_once(zwolle):
    programme = ProgrammeFactory(no_approval=True, owner=zwolle.organisation)
    cohort = CohortFactory(programme=programme)
    person = employee_of(zwolle.manager)

    enrolment = services.enrolment_request(person=person, cohort=cohort, motivation="x")

    enrolment.refresh_from_db()
    assert enrolment.status == S.PLACED
    assert enrolment.approver is None
    assert enrolment.decided_at is not None
    assert list(enrolment.transitions.values_list("from_status", "to_status", "actor")) == [
        ("", S.REQUESTED, person.pk),
        (S.REQUESTED, S.APPROVED, None),
        (S.APPROVED, S.PLACED, None),
    ]


@pytest.mark.django_db
def test_request_without_manager_approval_in_a_full_cohort_joins_the_waitlist(zwolle):
    programme = ProgrammeFactory(no_approval=True, owner=zwolle.organisation)
    cohort = CohortFactory(programme=programme, capacity=1, start_threshold=1)
    EnrolmentFactory(cohort=cohort, placed=True)
    cohort.status = Cohort.Status.FULL
    cohort.save()

    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=cohort, motivation="x")

    assert enrolment.status == S.WAITLISTED
    assert Notification.objects.get(recipient=enrolment.person, event="enrolment_waitlisted")


@pytest.mark.django_db
def test_approve_places_and_records_the_manager(zwolle):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")

    services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager, note="Veel succes")

    enrolment.refresh_from_db()
    assert enrolment.status == S.PLACED
    assert enrolment.decided_at is not None
    assert enrolment.decision_reason == "Veel succes"
    assert list(enrolment.transitions.values_list("from_status", "to_status", "actor", "reason"))[-2:] == [
        (S.AWAITING_MANAGER, S.APPROVED, zwolle.manager.pk, "Veel succes"),
        (S.APPROVED, S.PLACED, None, ""),
    ]


@pytest.mark.django_db
def test_approve_in_a_full_cohort_waitlists(zwolle):
    zwolle.cohort.capacity = 1
    zwolle.cohort.start_threshold = 1
    zwolle.cohort.save()
    EnrolmentFactory(cohort=zwolle.cohort, placed=True)
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")

    services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)

    enrolment.refresh_from_db()
    assert enrolment.status == S.WAITLISTED


@pytest.mark.django_db
def test_reject_needs_a_reason_and_records_it(zwolle):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")

    with pytest.raises(ValidationError):
        services.enrolment_reject(enrolment=enrolment, manager=zwolle.manager, reason="   ")
    enrolment.refresh_from_db()
    assert enrolment.status == S.AWAITING_MANAGER

    services.enrolment_reject(enrolment=enrolment, manager=zwolle.manager, reason="Drukke periode")

    enrolment.refresh_from_db()
    assert enrolment.status == S.REJECTED
    assert enrolment.decision_reason == "Drukke periode"
    last = enrolment.transitions.last()
    assert (last.from_status, last.to_status, last.actor, last.reason) == (
        S.AWAITING_MANAGER,
        S.REJECTED,
        zwolle.manager,
        "Drukke periode",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("from_status", [S.REQUESTED, S.AWAITING_MANAGER, S.APPROVED, S.PLACED, S.WAITLISTED, S.ACTIVE])
def test_the_person_may_withdraw_a_live_enrolment(zwolle, from_status):
    enrolment = _zwolle_enrolment(zwolle, from_status)

    services.enrolment_withdraw(enrolment=enrolment, by=enrolment.person, reason="Verhuisd")

    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN
    assert enrolment.transitions.get().reason == "Verhuisd"


@pytest.mark.django_db
def test_activate_and_complete_one_enrolment(zwolle):
    enrolment = _zwolle_enrolment(zwolle, S.PLACED)

    services.enrolment_activate(enrolment=enrolment, by=zwolle.hr)
    enrolment.refresh_from_db()
    assert enrolment.status == S.ACTIVE

    services.enrolment_complete(enrolment=enrolment, by=zwolle.hr)
    enrolment.refresh_from_db()
    assert enrolment.status == S.COMPLETED
    assert list(enrolment.transitions.values_list("to_status", flat=True)) == [S.ACTIVE, S.COMPLETED]


@pytest.mark.django_db
def test_a_starting_cohort_activates_its_placed_people_only_and_a_finished_one_completes_them(zwolle):
    placed = [_zwolle_enrolment(zwolle, S.PLACED) for _ in range(3)]
    waiting = _zwolle_enrolment(zwolle, S.WAITLISTED)

    assert services.cohort_enrolments_activate(cohort=zwolle.cohort, by=zwolle.hr) == 3
    assert services.cohort_enrolments_activate(cohort=zwolle.cohort, by=zwolle.hr) == 0
    assert set(Enrolment.objects.filter(pk__in=[e.pk for e in placed]).values_list("status", flat=True)) == {S.ACTIVE}
    assert services.cohort_enrolments_complete(cohort=zwolle.cohort, by=zwolle.hr) == 3
    assert set(Enrolment.objects.filter(pk__in=[e.pk for e in placed]).values_list("status", flat=True)) == {
        S.COMPLETED
    }
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED


@pytest.mark.django_db
def test_raising_the_capacity_and_filling_from_the_waitlist_moves_people_up_in_order(zwolle):
    zwolle.cohort.capacity = 1
    zwolle.cohort.status = Cohort.Status.FULL
    zwolle.cohort.save()
    _zwolle_enrolment(zwolle, S.PLACED)
    first, second, third = (_zwolle_enrolment(zwolle, S.WAITLISTED) for _ in range(3))
    zwolle.cohort.capacity = 3
    zwolle.cohort.save()

    moved = services.cohort_queue_rebalance(cohort=zwolle.cohort)

    assert [e.pk for e in moved] == [first.pk, second.pk]
    third.refresh_from_db()
    assert third.status == S.WAITLISTED
    zwolle.cohort.refresh_from_db()
    assert zwolle.cohort.status == Cohort.Status.FULL
    assert Notification.objects.filter(event="enrolment_moved_up").count() == 2


@pytest.mark.django_db
def test_override_reject_of_a_placed_person_gives_the_seat_to_the_first_waitlisted(zwolle):
    zwolle.cohort.capacity = 1
    zwolle.cohort.status = Cohort.Status.FULL
    zwolle.cohort.save()
    placed = _zwolle_enrolment(zwolle, S.PLACED)
    waiting = _zwolle_enrolment(zwolle, S.WAITLISTED)

    services.enrolment_override(enrolment=placed, hr_user=zwolle.hr, to_status=S.REJECTED, reason="Geen budget")

    waiting.refresh_from_db()
    assert waiting.status == S.PLACED
    assert Notification.objects.filter(recipient=waiting.person, event="enrolment_moved_up").count() == 1


@pytest.mark.django_db
def test_override_approval_of_a_rejected_enrolment_is_refused_when_the_person_enrolled_again(zwolle):
    person = employee_of(zwolle.manager)
    rejected = EnrolmentFactory(cohort=zwolle.cohort, person=person, rejected=True)
    EnrolmentFactory(cohort=zwolle.cohort, person=person)

    with pytest.raises(ValidationError):
        services.enrolment_override(enrolment=rejected, hr_user=zwolle.hr, to_status=S.APPROVED, reason="Toch wel")

    rejected.refresh_from_db()
    assert rejected.status == S.REJECTED
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_override_needs_a_reason(zwolle):
    enrolment = _zwolle_enrolment(zwolle, S.AWAITING_MANAGER)

    with pytest.raises(ValidationError):
        services.enrolment_override(enrolment=enrolment, hr_user=zwolle.hr, to_status=S.APPROVED, reason="")

    enrolment.refresh_from_db()
    assert enrolment.status == S.AWAITING_MANAGER


# --- refused transitions through the public services -----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "from_status"),
    [
        *[("approve", status) for status in ALL if status != S.AWAITING_MANAGER],
        *[("reject", status) for status in ALL if status != S.AWAITING_MANAGER],
        *[("withdraw", status) for status in (S.COMPLETED, S.REJECTED, S.WITHDRAWN)],
        *[("activate", status) for status in ALL if status != S.PLACED],
        *[("complete", status) for status in ALL if status != S.ACTIVE],
    ],
)
def test_services_refuse_a_transition_from_the_wrong_status_and_change_nothing(zwolle, action, from_status):
    enrolment = _zwolle_enrolment(zwolle, from_status, approver=None)
    enrolment.approver = zwolle.manager
    enrolment.save()
    calls = {
        "approve": lambda: services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager),
        "reject": lambda: services.enrolment_reject(enrolment=enrolment, manager=zwolle.manager, reason="Nee"),
        "withdraw": lambda: services.enrolment_withdraw(enrolment=enrolment, by=enrolment.person),
        "activate": lambda: services.enrolment_activate(enrolment=enrolment, by=zwolle.hr),
        "complete": lambda: services.enrolment_complete(enrolment=enrolment, by=zwolle.hr),
    }

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        calls[action]()

    assert "cannot become" in str(refused.value)
    enrolment.refresh_from_db()
    assert enrolment.status == from_status
    assert not EnrolmentTransition.objects.exists()
    assert not Notification.objects.exists()
