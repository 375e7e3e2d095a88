"""Intervision groups: the proposal's rules, saving, adjusting by hand, and each group's own sessions."""

import time
from datetime import date
from datetime import time as clock
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import User
from participants.models import Enrolment
from sessions import grouping, intervision_groups
from sessions.models import Attendance, IntervisionGroup, Session, SessionKind
from tests.factories import DepartmentFactory, IntervisionGroupFactory, OrganisationFactory, SessionFactory, UserFactory

from .conftest import make_members


def person(pk: int, *, department: int | None = None, organisation: int | None = 1, manager: int | None = None):
    """An unsaved person: the proposal only reads primary keys and the ids of department, organisation, manager."""
    user = User(pk=pk, email=f"person{pk}@example.test", first_name=f"P{pk}", last_name="Test")
    user.department_id, user.organisation_id, user.manager_id = department, organisation, manager
    return user


def naive_split(people, sizes):
    groups, start = [], 0
    for size in sizes:
        groups.append(people[start : start + size])
        start += size
    return groups


# --- the proposal -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [n for n in range(4, 61) if n != 7])
def test_every_cohort_of_4_to_60_is_split_into_groups_of_4_to_6_of_nearly_equal_size(count):
    # (a manager pair needs two groups to be kept apart, so only cohorts of more than six get them)
    people = [
        person(pk, department=pk % 4 + 1, manager=pk - 1 if pk % 6 == 0 and count > 6 else None)
        for pk in range(1, count + 1)
    ]

    groups = grouping.intervision_groups_propose(members=people)

    sizes = [len(group) for group in groups]
    assert all(4 <= size <= 6 for size in sizes)
    assert max(sizes) - min(sizes) <= 1
    assert len(groups) == -(-count // 6)  # the fewest groups that respect the largest size
    assert sorted(p.pk for group in groups for p in group) == list(range(1, count + 1))
    assert grouping.manager_pairs(groups) == []


def test_seven_people_cannot_be_split_into_groups_of_4_to_6():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        grouping.intervision_groups_propose(members=[person(pk) for pk in range(1, 8)])

    assert refused.value.code == "no_split"
    assert refused.value.messages == [
        "7 people cannot be divided into groups of 4 to 6 people. Change the smallest or the largest group size."
    ]


def test_a_cohort_smaller_than_the_smallest_group_is_refused_with_the_way_out():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        grouping.intervision_groups_propose(members=[person(pk) for pk in range(1, 4)])

    assert refused.value.code == "too_few"
    assert refused.value.messages == [
        "The cohort has 3 members: too few for a group of at least 4. "
        "Lower the smallest group size to 3 to make one group."
    ]
    assert grouping.intervision_groups_propose(members=[person(pk) for pk in range(1, 4)], min_size=3) == [
        [person(1), person(2), person(3)]
    ]


def test_never_a_person_with_their_own_manager_even_where_the_naive_split_would_do_it():
    # given eight people from different departments where 2's manager is 1 and 6's manager is 5:
    # cutting the list in two halves would put both pairs together
    people = [person(pk, department=pk) for pk in range(1, 9)]
    people[1].manager_id = 1
    people[5].manager_id = 5
    assert len(grouping.manager_pairs(naive_split(people, [4, 4]))) == 2

    groups = grouping.intervision_groups_propose(members=people)

    assert [len(group) for group in groups] == [4, 4]
    assert grouping.manager_pairs(groups) == []


def test_a_manager_with_too_many_staff_in_the_cohort_is_named_in_the_refusal():
    # one group only (six people), and the manager of all others is in it
    people = [person(1)] + [person(pk, manager=1) for pk in range(2, 7)]

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        grouping.intervision_groups_propose(members=people)

    assert refused.value.code == "manager_together"
    assert "keeps everyone apart from their own manager" in refused.value.messages[0]
    assert "P1 Test – P2 Test" in refused.value.messages[0]


def test_mixing_departments_beats_the_naive_split():
    # given twelve people: the first six of department 1, the last six of department 2
    people = [person(pk, department=1 if pk <= 6 else 2) for pk in range(1, 13)]
    assert grouping.same_department_pairs(naive_split(people, [6, 6])) == 30

    groups = grouping.intervision_groups_propose(members=people)

    # then each group has three of each department: 2 × (3 + 3) pairs, the fewest possible
    assert grouping.same_department_pairs(groups) == 12
    assert sorted(sum(p.department_id == 1 for p in group) for group in groups) == [3, 3]


def test_organisations_are_mixed_once_departments_are():
    # given twelve people of twelve departments in two organisations (the first six in one, the rest in the other)
    people = [person(pk, department=pk, organisation=1 if pk <= 6 else 2) for pk in range(1, 13)]

    groups = grouping.intervision_groups_propose(members=people)

    assert grouping.same_department_pairs(groups) == 0
    assert grouping.same_organisation_pairs(groups) == 12
    assert grouping.same_organisation_pairs(naive_split(people, [6, 6])) == 30


def test_the_proposal_is_deterministic_whatever_the_input_order():
    people = [person(pk, department=pk % 3 + 1, organisation=pk % 2 + 1) for pk in range(1, 31)]

    first = grouping.intervision_groups_propose(members=people)
    second = grouping.intervision_groups_propose(members=list(reversed(people)))

    assert [[p.pk for p in group] for group in first] == [[p.pk for p in group] for group in second]


def test_fifteen_people_are_split_well_under_a_second_and_sixty_too():
    fifteen = [person(pk, department=pk % 5 + 1, manager=pk - 1 if pk % 4 == 0 else None) for pk in range(1, 16)]
    sixty = [person(pk, department=pk % 9 + 1, manager=pk - 1 if pk % 4 == 0 else None) for pk in range(1, 61)]

    started = time.perf_counter()
    groups = grouping.intervision_groups_propose(members=fifteen)
    assert time.perf_counter() - started < 0.5
    assert [len(group) for group in groups] == [5, 5, 5]

    started = time.perf_counter()
    groups = grouping.intervision_groups_propose(members=sixty)
    assert time.perf_counter() - started < 2
    assert [len(group) for group in groups] == [6] * 10
    assert grouping.manager_pairs(groups) == []


def test_group_size_bounds_are_checked():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        grouping.intervision_groups_propose(members=[person(pk) for pk in range(1, 9)], min_size=5, max_size=4)

    assert refused.value.code == "max_below_min"


# --- saving the groups ------------------------------------------------------------------------------------


def test_hr_saves_groups_which_replace_the_old_ones(running):
    old = IntervisionGroupFactory(cohort=running.cohort, name="Oud")
    old.members.set(running.members[:2])

    with translation.override("en"):
        created = intervision_groups.intervision_groups_create(
            cohort=running.cohort, groups=[running.members[:3], running.members[3:]], by=running.hr
        )

    assert not IntervisionGroup.objects.filter(pk=old.pk).exists()
    assert [group.name for group in created] == ["Group 1", "Group 2"]
    assert [sorted(group.members.values_list("pk", flat=True)) for group in created] == [
        sorted(p.pk for p in running.members[:3]),
        sorted(p.pk for p in running.members[3:]),
    ]


def test_saving_groups_with_a_person_and_their_manager_together_changes_nothing(running):
    boss, report = running.members[0], running.members[1]
    report.manager = boss
    report.save()
    existing = IntervisionGroupFactory(cohort=running.cohort, name="Bestaand")
    existing.members.set(running.members[2:])

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        intervision_groups.intervision_groups_create(
            cohort=running.cohort, groups=[running.members[:3], running.members[3:]], by=running.hr
        )

    assert refused.value.code == "manager_together"
    assert list(IntervisionGroup.objects.filter(cohort=running.cohort)) == [existing]
    assert set(existing.members.all()) == set(running.members[2:])


def test_saving_groups_refuses_outsiders_and_people_twice(running):
    with pytest.raises(ValidationError) as outsider:
        intervision_groups.intervision_groups_create(
            cohort=running.cohort, groups=[[*running.members[:3], running.outsider]], by=running.hr
        )
    with pytest.raises(ValidationError) as twice:
        intervision_groups.intervision_groups_create(
            cohort=running.cohort, groups=[running.members[:3], running.members[2:]], by=running.hr
        )

    assert (outsider.value.code, twice.value.code) == ("not_member", "twice")
    assert not IntervisionGroup.objects.filter(cohort=running.cohort).exists()


def test_saving_groups_is_for_hr_of_the_programme_only(running):
    with pytest.raises(PermissionDenied):
        intervision_groups.intervision_groups_create(
            cohort=running.cohort, groups=[running.members], by=running.other_hr
        )

    assert not IntervisionGroup.objects.filter(cohort=running.cohort).exists()


def test_groups_with_attendance_recorded_are_not_replaced(running):
    group = IntervisionGroupFactory(cohort=running.cohort, name="Groep A")
    group.members.set(running.members)
    session = SessionFactory(cohort=running.cohort, intervision_group=group, intervision=True)
    Attendance.objects.create(session=session, person=running.members[0], status=Attendance.Status.PRESENT)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        intervision_groups.intervision_groups_create(
            cohort=running.cohort, groups=[running.members[:3], running.members[3:]], by=running.hr
        )

    assert refused.value.messages == [
        "Attendance has already been recorded in sessions of Groep A. Replacing the groups would lose that record; "
        "move people between groups by hand instead."
    ]
    assert list(IntervisionGroup.objects.filter(cohort=running.cohort)) == [group]
    assert Session.objects.filter(intervision_group=group).count() == 1


def test_replacing_groups_gives_their_sessions_back_to_the_whole_cohort(running):
    first = IntervisionGroupFactory(cohort=running.cohort, name="Groep 1")
    second = IntervisionGroupFactory(cohort=running.cohort, name="Groep 2")
    for group in (first, second):
        SessionFactory(
            cohort=running.cohort, intervision_group=group, intervision=True, title=f"Intervisie 1 – {group.name}"
        )

    intervision_groups.intervision_groups_create(cohort=running.cohort, groups=[running.members], by=running.hr)

    assert list(Session.objects.filter(cohort=running.cohort).values_list("title", "intervision_group")) == [
        ("Intervisie 1", None)
    ]


# --- adjusting by hand ------------------------------------------------------------------------------------


def _two_groups(running):
    first = IntervisionGroupFactory(cohort=running.cohort, name="Groep 1")
    first.members.set(running.members[:3])
    second = IntervisionGroupFactory(cohort=running.cohort, name="Groep 2")
    second.members.set(running.members[3:])
    return first, second


def test_hr_moves_a_person_to_another_group_by_hand(running):
    first, second = _two_groups(running)
    moving = running.members[3]

    intervision_groups.intervision_group_update(
        group=first, name="De Denkers", facilitator=running.trainer, members=[*running.members[:3], moving]
    )

    first.refresh_from_db()
    assert (first.name, first.facilitator) == ("De Denkers", running.trainer)
    assert set(first.members.all()) == {*running.members[:3], moving}
    assert set(second.members.all()) == set(running.members[4:])


def test_the_hand_adjustment_refuses_a_person_with_their_own_manager_and_changes_nothing(running):
    first, second = _two_groups(running)
    report = running.members[4]
    report.manager = running.members[0]
    report.save()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        intervision_groups.intervision_group_update(
            group=first, name="Nieuw", facilitator=None, members=[*running.members[:3], report]
        )

    assert refused.value.message_dict["members"][0].startswith("A person cannot be in a group with their own manager (")
    first.refresh_from_db()
    assert first.name == "Groep 1"
    assert set(first.members.all()) == set(running.members[:3])
    assert set(second.members.all()) == set(running.members[3:])


def test_the_hand_adjustment_refuses_non_members_and_facilitators_from_elsewhere(running):
    first, _second = _two_groups(running)
    stranger = UserFactory(organisation=OrganisationFactory())

    with pytest.raises(ValidationError) as outsider:
        intervision_groups.intervision_group_update(
            group=first, name="Groep 1", facilitator=None, members=[*running.members[:3], running.outsider]
        )
    with pytest.raises(ValidationError) as facilitator:
        intervision_groups.intervision_group_update(
            group=first, name="Groep 1", facilitator=stranger, members=running.members[:3]
        )
    with pytest.raises(ValidationError) as name:
        intervision_groups.intervision_group_update(
            group=first, name="groep 2", facilitator=None, members=running.members[:3]
        )

    assert set(outsider.value.message_dict) == {"members"}
    assert set(facilitator.value.message_dict) == {"facilitator"}
    assert set(name.value.message_dict) == {"name"}
    first.refresh_from_db()
    assert (first.name, first.facilitator_id) == ("Groep 1", None)
    assert set(first.members.all()) == set(running.members[:3])


def test_a_new_facilitator_runs_the_groups_planned_sessions(running):
    first, _second = _two_groups(running)
    session = SessionFactory(cohort=running.cohort, intervision_group=first, intervision=True)

    intervision_groups.intervision_group_update(
        group=first, name="Groep 1", facilitator=running.trainer, members=running.members[:3]
    )

    session.refresh_from_db()
    assert session.trainer == running.trainer


# --- each group's own sessions ----------------------------------------------------------------------------


def test_each_group_gets_its_own_intervision_sessions_and_running_it_twice_adds_nothing(running):
    first, second = _two_groups(running)
    first.facilitator = running.trainer
    first.save()
    kwargs = {"cohort": running.cohort, "kind": SessionKind.INTERVISION, "cost": Decimal("600.00")}
    one = SessionFactory(
        title="Intervisie 1", date=date(2027, 10, 1), start_time=clock(13), end_time=clock(16), **kwargs
    )
    two = SessionFactory(
        title="Intervisie 2", date=date(2027, 10, 29), start_time=clock(13), end_time=clock(16), **kwargs
    )
    training = SessionFactory(cohort=running.cohort, title="Persoonlijk leiderschap", date=date(2027, 10, 15))

    created = intervision_groups.intervision_group_sessions_create(cohort=running.cohort)
    again = intervision_groups.intervision_group_sessions_create(cohort=running.cohort)

    assert (created, again) == (4, 0)
    assert not Session.objects.filter(pk__in=[one.pk, two.pk]).exists()
    rows = list(
        Session.objects.filter(cohort=running.cohort, intervision_group__isnull=False)
        .order_by("date", "intervision_group__name")
        .values_list("title", "date", "start_time", "end_time", "trainer", "cost", "intervision_group")
    )
    assert rows == [
        (
            "Intervisie 1 – Groep 1",
            date(2027, 10, 1),
            clock(13),
            clock(16),
            running.trainer.pk,
            Decimal("600.00"),
            first.pk,
        ),
        ("Intervisie 1 – Groep 2", date(2027, 10, 1), clock(13), clock(16), None, Decimal("600.00"), second.pk),
        (
            "Intervisie 2 – Groep 1",
            date(2027, 10, 29),
            clock(13),
            clock(16),
            running.trainer.pk,
            Decimal("600.00"),
            first.pk,
        ),
        ("Intervisie 2 – Groep 2", date(2027, 10, 29), clock(13), clock(16), None, Decimal("600.00"), second.pk),
    ]
    assert Session.objects.get(pk=training.pk).intervision_group is None


def test_a_cohort_wide_session_with_attendance_is_cancelled_not_deleted(running):
    _two_groups(running)
    original = SessionFactory(cohort=running.cohort, intervision=True, title="Intervisie 1")
    Attendance.objects.create(session=original, person=running.members[0], status=Attendance.Status.ABSENT_EXCUSED)

    intervision_groups.intervision_group_sessions_create(cohort=running.cohort)

    original.refresh_from_db()
    assert original.status == Session.Status.CANCELLED
    assert Session.objects.filter(cohort=running.cohort, intervision_group__isnull=False).count() == 2


def test_sessions_for_groups_need_groups(running):
    SessionFactory(cohort=running.cohort, intervision=True)

    with pytest.raises(ValidationError) as refused:
        intervision_groups.intervision_group_sessions_create(cohort=running.cohort)

    assert refused.value.code == "no_groups"
    assert Session.objects.filter(cohort=running.cohort).count() == 1


def test_the_proposal_from_the_database_mixes_departments_of_the_cohort(running):
    departments = [DepartmentFactory(organisation=running.organisation) for _ in range(2)]
    Enrolment.objects.filter(cohort=running.cohort).delete()
    make_members(running.cohort, 12, departments=departments)
    members = list(intervision_groups._current_members(running.cohort).values())

    groups = grouping.intervision_groups_propose(members=members)

    assert grouping.same_department_pairs(groups) == 12
