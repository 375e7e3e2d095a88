"""Intervision groups: the proposal (a pure function) and the services that save and adjust groups.

The proposal splits a cohort's members into groups of ``min_size``–``max_size`` people:

- the number of groups is the smallest that respects ``max_size``; the sizes then differ by at most one.
  If that number of groups cannot each get ``min_size`` people (3 members with a minimum of 4, or 7
  with 4–6), no split exists and a ValidationError says so and what to change. A cohort smaller than
  the minimum is NOT made into one small group: the function never returns a group outside the bounds
  it was given, and the message tells HR to lower the minimum if one small group is what they want;
- a person is NEVER in a group with their own manager (``person.manager_id``): a hard rule; when no
  split of these sizes keeps every manager apart from their staff, a ValidationError names the people;
- within that, groups mix departments first and organisations second: the number of pairs in one
  group who share a department is as small as the search can make it, then the number sharing an
  organisation.

The search is a greedy placement in order of primary key followed by pairwise swaps that improve the
score (swaps keep the sizes), restarted a few times from seeded shuffles; the best split wins. Same
input, same output: everything is ordered by primary key and the random generator has a fixed seed.
Sixty people take a few hundredths of a second.
"""

import random
from collections.abc import Sequence
from math import ceil

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.selectors import hr_organisation_ids
from participants.models import Enrolment
from participants.selectors import cohort_members
from programmes.models import Cohort
from programmes.services import cohort_lock

from .models import Attendance, IntervisionGroup, Session, SessionKind

DEFAULT_MIN_SIZE = 4
DEFAULT_MAX_SIZE = 6
RESTARTS = 6
SEED = 20210903  # the Zwolle pilot's first day; any fixed number keeps the proposal deterministic
MAX_SWAP_PASSES = 200


# --- the proposal ------------------------------------------------------------------------------------------


def group_sizes(*, count: int, min_size: int, max_size: int) -> list[int]:
    """The sizes of the groups for `count` people, largest first; ValidationError when no split fits."""
    if min_size < 2:
        raise ValidationError(_("A group needs at least two people."), code="min_too_small")
    if max_size < min_size:
        raise ValidationError(_("The largest group size cannot be smaller than the smallest."), code="max_below_min")
    if count == 0:
        raise ValidationError(_("The cohort has no members to divide into groups."), code="no_members")
    if count < min_size:
        raise ValidationError(
            _(
                "The cohort has %(count)s members: too few for a group of at least %(min)s. "
                "Lower the smallest group size to %(count)s to make one group."
            )
            % {"count": count, "min": min_size},
            code="too_few",
        )
    number = ceil(count / max_size)
    if number * min_size > count:
        raise ValidationError(
            _(
                "%(count)s people cannot be divided into groups of %(min)s to %(max)s people. "
                "Change the smallest or the largest group size."
            )
            % {"count": count, "min": min_size, "max": max_size},
            code="no_split",
        )
    base, larger = divmod(count, number)
    return [base + 1] * larger + [base] * (number - larger)


def _pair_costs(people: Sequence[User]) -> tuple[list[list[int]], int]:
    """Cost of two people sharing a group: manager pairs outweigh everything, then department, then organisation.

    Returns the matrix and the weight of one manager pair (any cost at or above it breaks the hard rule).
    """
    size = len(people)
    organisation_weight = 1
    department_weight = size * size + 1  # more than all organisation pairs together
    manager_weight = department_weight * (size * size + 1)  # more than all department pairs together
    costs = [[0] * size for _ in range(size)]
    for i, first in enumerate(people):
        for j in range(i + 1, size):
            second = people[j]
            cost = 0
            if first.manager_id == second.pk or second.manager_id == first.pk:
                cost += manager_weight
            if first.department_id is not None and first.department_id == second.department_id:
                cost += department_weight
            if first.organisation_id is not None and first.organisation_id == second.organisation_id:
                cost += organisation_weight
            costs[i][j] = costs[j][i] = cost
    return costs, manager_weight


class _Split:
    """An assignment of person indexes to groups, with each person's cost towards every group kept up to date."""

    def __init__(self, costs: list[list[int]], assignment: list[int], groups: int):
        self.costs = costs
        self.assignment = assignment
        size = len(assignment)
        # towards[p][g]: what person p costs with the people of group g (p itself excluded: costs[p][p] == 0).
        self.towards = [[0] * groups for _ in range(size)]
        for person in range(size):
            for other in range(size):
                self.towards[person][assignment[other]] += costs[person][other]

    def total(self) -> int:
        return sum(self.towards[p][self.assignment[p]] for p in range(len(self.assignment))) // 2

    def swap_gain(self, first: int, second: int) -> int:
        group_a, group_b = self.assignment[first], self.assignment[second]
        towards, cost = self.towards, self.costs[first][second]
        before = towards[first][group_a] + towards[second][group_b]
        after = (towards[first][group_b] - cost) + (towards[second][group_a] - cost)
        return before - after

    def swap(self, first: int, second: int) -> None:
        group_a, group_b = self.assignment[first], self.assignment[second]
        for person, row in enumerate(self.costs):
            self.towards[person][group_a] += row[second] - row[first]
            self.towards[person][group_b] += row[first] - row[second]
        self.assignment[first], self.assignment[second] = group_b, group_a

    def improve(self) -> None:
        """Swap two people of different groups while that lowers the total cost (first improvement)."""
        size = len(self.assignment)
        for _pass in range(MAX_SWAP_PASSES):
            improved = False
            for first in range(size):
                for second in range(first + 1, size):
                    if self.assignment[first] != self.assignment[second] and self.swap_gain(first, second) > 0:
                        self.swap(first, second)
                        improved = True
            if not improved:
                return


def _greedy(costs: list[list[int]], sizes: list[int], order: Sequence[int]) -> list[int]:
    """Place each person in the open group where they add the least cost (ties: the emptiest, then the first)."""
    assignment = [-1] * len(order)
    members: list[list[int]] = [[] for _ in sizes]
    for person in order:
        best = None
        for group, size in enumerate(sizes):
            if len(members[group]) >= size:
                continue
            added = sum(costs[person][other] for other in members[group])
            key = (added, len(members[group]), group)
            if best is None or key < best:
                best = key
        group = best[2]
        members[group].append(person)
        assignment[person] = group
    return assignment


def intervision_groups_propose(
    *, members: Sequence[User], min_size: int = DEFAULT_MIN_SIZE, max_size: int = DEFAULT_MAX_SIZE
) -> list[list[User]]:
    """Split `members` into intervision groups (see the module docstring for the rules). Writes nothing.

    Returns the groups, each ordered by primary key, the groups ordered by their first member.
    """
    people = sorted({person.pk: person for person in members}.values(), key=lambda person: person.pk)
    sizes = group_sizes(count=len(people), min_size=min_size, max_size=max_size)
    costs, manager_weight = _pair_costs(people)

    generator = random.Random(SEED)
    best: _Split | None = None
    best_total = None
    for attempt in range(RESTARTS + 1):
        order = list(range(len(people)))
        if attempt:
            generator.shuffle(order)
        split = _Split(costs, _greedy(costs, sizes, order), len(sizes))
        split.improve()
        total = split.total()
        if best_total is None or total < best_total:
            best, best_total = split, total
        if best_total == 0:
            break

    if best_total >= manager_weight:
        pairs = [
            (people[i], people[j])
            for i in range(len(people))
            for j in range(i + 1, len(people))
            if best.assignment[i] == best.assignment[j] and costs[i][j] >= manager_weight
        ]
        names = get_text_list([f"{_person_name(a)} – {_person_name(b)}" for a, b in pairs], _("and"))
        raise ValidationError(
            _(
                "No split into groups of %(min)s to %(max)s people keeps everyone apart from their own manager "
                "(%(pairs)s). Change the group sizes, or make the groups by hand."
            )
            % {"min": min_size, "max": max_size, "pairs": names},
            code="manager_together",
        )

    groups: list[list[User]] = [[] for _ in sizes]
    for index, group in enumerate(best.assignment):
        groups[group].append(people[index])
    return sorted(groups, key=lambda group: group[0].pk)


def _person_name(person: User) -> str:
    return person.full_name or person.email


def same_department_pairs(groups: Sequence[Sequence[User]]) -> int:
    """How many pairs of people in one group share a department (lower is better mixed)."""
    return _pairs(groups, lambda a, b: a.department_id is not None and a.department_id == b.department_id)


def same_organisation_pairs(groups: Sequence[Sequence[User]]) -> int:
    return _pairs(groups, lambda a, b: a.organisation_id is not None and a.organisation_id == b.organisation_id)


def manager_pairs(groups: Sequence[Sequence[User]]) -> list[tuple[User, User]]:
    """The pairs of a person and their own manager who share a group (must be empty)."""
    found = []
    for group in groups:
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if first.manager_id == second.pk or second.manager_id == first.pk:
                    found.append((first, second))
    return found


def _pairs(groups, shares) -> int:
    return sum(
        1 for group in groups for i, first in enumerate(group) for second in group[i + 1 :] if shares(first, second)
    )


# --- saving and adjusting groups ---------------------------------------------------------------------------


def _check_hr(*, user: User, cohort: Cohort) -> None:
    if cohort.programme.owner_id not in hr_organisation_ids(user):
        raise PermissionDenied(_("Only HR of the programme's organisation may manage its intervision groups."))


def _current_members(cohort: Cohort) -> dict[int, User]:
    return {person.pk: person for person in cohort_members(cohort=cohort, statuses=Enrolment.CURRENT_STATUSES)}


def _check_manager_rule(groups: Sequence[Sequence[User]]) -> None:
    pairs = manager_pairs(groups)
    if pairs:
        names = get_text_list([f"{_person_name(a)} – {_person_name(b)}" for a, b in pairs], _("and"))
        raise ValidationError(
            _("A person cannot be in a group with their own manager (%(pairs)s).") % {"pairs": names},
            code="manager_together",
        )


def _check_no_attendance(groups) -> None:
    recorded = (
        IntervisionGroup.objects.filter(pk__in=[group.pk for group in groups], sessions__attendances__isnull=False)
        .distinct()
        .order_by("name")
    )
    names = [group.name for group in recorded]
    if names:
        raise ValidationError(
            _(
                "Attendance has already been recorded in sessions of %(groups)s. Replacing the groups would lose "
                "that record; move people between groups by hand instead."
            )
            % {"groups": get_text_list(names, _("and"))},
            code="attendance_recorded",
        )


def _group_session_title(original_title: str, group_name: str) -> str:
    return f"{original_title} – {group_name}"[:200]


@transaction.atomic
def intervision_groups_create(*, cohort: Cohort, groups: Sequence[Sequence[User]], by: User) -> list[IntervisionGroup]:
    """Replace the cohort's intervision groups with `groups` (named "Group 1", "Group 2", …).

    Under a lock on the cohort row. Refused when attendance was recorded in a session of an existing
    group (the record would be lost). Every person must be a current member of the cohort, in one group
    only, never with their own manager. Sessions the old groups had (none attended) are merged back into
    one cohort-wide intervision session per date and time, so that HR can give the new groups their own
    sessions again with ``intervision_group_sessions_create``.
    """
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_hr(user=by, cohort=cohort)
    members = _current_members(cohort)
    groups = [list(group) for group in groups if group]
    if not groups:
        raise ValidationError(_("Propose at least one group."), code="no_groups")
    seen: set[int] = set()
    for group in groups:
        for person in group:
            if person.pk not in members:
                raise ValidationError(
                    _("%(name)s is not a current member of this cohort.") % {"name": _person_name(person)},
                    code="not_member",
                )
            if person.pk in seen:
                raise ValidationError(
                    _("%(name)s is in more than one group.") % {"name": _person_name(person)}, code="twice"
                )
            seen.add(person.pk)
    # Judge the manager rule on fresh rows, not on whatever the caller passed in.
    groups = [[members[person.pk] for person in group] for group in groups]
    _check_manager_rule(groups)

    existing = list(IntervisionGroup.objects.select_for_update(of=("self",)).filter(cohort=cohort))
    _check_no_attendance(existing)
    _merge_group_sessions_back(cohort=cohort, groups=existing)
    IntervisionGroup.objects.filter(pk__in=[group.pk for group in existing]).delete()

    created = []
    for number, people in enumerate(groups, start=1):
        group = IntervisionGroup.objects.create(cohort=cohort, name=_("Group %(number)s") % {"number": number})
        group.members.set(people)
        created.append(group)
    return created


def _merge_group_sessions_back(*, cohort: Cohort, groups: Sequence[IntervisionGroup]) -> None:
    """Turn the planned sessions of groups about to be replaced back into cohort-wide intervision sessions."""
    names = {group.pk: group.name for group in groups}
    seen: set[tuple] = set()
    sessions = Session.objects.filter(intervision_group__in=groups, status=Session.Status.PLANNED).order_by(
        "date", "start_time", "pk"
    )
    for session in sessions:
        slot = (session.date, session.start_time, session.end_time)
        if slot in seen:
            continue
        seen.add(slot)
        suffix = f" – {names[session.intervision_group_id]}"
        title = session.title[: -len(suffix)] if session.title.endswith(suffix) else session.title
        Session.objects.create(
            cohort=cohort,
            kind=session.kind,
            title=title,
            date=session.date,
            start_time=session.start_time,
            end_time=session.end_time,
            location=session.location,
            online_url=session.online_url,
            external_trainer=session.external_trainer,
            cost=session.cost,
        )


@transaction.atomic
def intervision_group_update(
    *, group: IntervisionGroup, name: str, facilitator: User | None, members: Sequence[User]
) -> IntervisionGroup:
    """HR adjusts a group by hand: its name, its facilitator and who is in it.

    A person added here who is in another group of the cohort moves out of that group (a person is in
    one group of a cohort only); people taken out are left without a group until HR places them.
    Refused (nothing changes): a name already used in the cohort, a facilitator who is neither a trainer
    nor staff of the programme's organisation, someone who is not a current member of the cohort, or a
    person together with their own manager. The group's planned future sessions get the new facilitator.
    """
    cohort = cohort_lock(cohort_id=group.cohort_id)
    group = IntervisionGroup.objects.select_for_update(of=("self",)).get(pk=group.pk)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the group a name.")}, code="name_required")
    if IntervisionGroup.objects.filter(cohort=cohort, name__iexact=name).exclude(pk=group.pk).exists():
        raise ValidationError({"name": _("Another group of this cohort is called “%(name)s”.") % {"name": name}})
    if facilitator is not None and not _may_facilitate(facilitator, cohort=cohort):
        raise ValidationError(
            {"facilitator": _("The facilitator must be a trainer or work for the programme's organisation.")}
        )
    current = _current_members(cohort)
    for person in members:
        if person.pk not in current:
            raise ValidationError(
                {"members": _("%(name)s is not a current member of this cohort.") % {"name": _person_name(person)}}
            )
    people = [current[pk] for pk in sorted({person.pk for person in members})]
    try:
        _check_manager_rule([people])
    except ValidationError as error:
        raise ValidationError({"members": error.messages}) from error

    # Move people out of the other groups of the cohort (one group per person).
    IntervisionGroup.members.through.objects.filter(
        intervisiongroup__cohort=cohort, user_id__in=[person.pk for person in people]
    ).exclude(intervisiongroup_id=group.pk).delete()
    group.members.set(people)

    old_facilitator_id = group.facilitator_id
    group.name = name
    group.facilitator = facilitator
    group.save(update_fields=["name", "facilitator"])
    if old_facilitator_id != group.facilitator_id:
        Session.objects.filter(
            intervision_group=group, status=Session.Status.PLANNED, date__gte=timezone.localdate()
        ).update(trainer=facilitator)
    return group


def _may_facilitate(person: User, *, cohort: Cohort) -> bool:
    if person.organisation_id == cohort.programme.owner_id:
        return True
    return person.role_assignments.filter(role=Role.TRAINER).exists()


def facilitator_choices(*, cohort: Cohort):
    """Who may facilitate a group of this cohort: trainers, and staff of the programme's organisation."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role_assignments__role=Role.TRAINER) | Q(organisation_id=cohort.programme.owner_id))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


@transaction.atomic
def intervision_group_sessions_create(*, cohort: Cohort) -> int:
    """Give each intervision group its own copy of every cohort-wide intervision session. Returns how many new.

    For each planned, not yet past INTERVISION session of the whole cohort, every group gets a session at the
    same date and times and place, titled "<original title> – <group name>", run by the group's facilitator
    (without one, by the original's external trainer), at the original's cost (each group's meeting costs
    what the cohort's meeting would: ten Zwolle intervisions are five dates for two groups).
    The cohort-wide session is then deleted — it would otherwise appear twice in every member's schedule —
    unless attendance was already recorded for it: then it is cancelled, so that record is kept.
    Past sessions are left alone. Idempotent: a second run finds no cohort-wide session left to split, and
    each group's copy is found by (group, kind, date, start and end time) rather than created twice.
    """
    cohort = cohort_lock(cohort_id=cohort.pk)
    groups = list(IntervisionGroup.objects.filter(cohort=cohort).select_related("facilitator").order_by("name"))
    if not groups:
        raise ValidationError(_("Make the intervision groups first."), code="no_groups")
    originals = (
        Session.objects.select_for_update(of=("self",))
        .filter(
            cohort=cohort,
            intervision_group__isnull=True,
            kind=SessionKind.INTERVISION,
            status=Session.Status.PLANNED,
            date__gte=timezone.localdate(),
        )
        .annotate(has_attendance=Exists(Attendance.objects.filter(session_id=OuterRef("pk"))))
        .order_by("date", "start_time", "pk")
    )
    created = 0
    for original in originals:
        for group in groups:
            _session, was_created = Session.objects.get_or_create(
                cohort=cohort,
                intervision_group=group,
                kind=SessionKind.INTERVISION,
                date=original.date,
                start_time=original.start_time,
                end_time=original.end_time,
                defaults={
                    "title": _group_session_title(original.title, group.name),
                    "location": original.location,
                    "online_url": original.online_url,
                    "trainer": group.facilitator,
                    "external_trainer": "" if group.facilitator_id else original.external_trainer,
                    "cost": original.cost,
                },
            )
            created += was_created
        if original.has_attendance:
            original.status = Session.Status.CANCELLED
            original.cancellation_reason = _("Replaced by a session for each intervision group.")
            original.save(update_fields=["status", "cancellation_reason", "updated_at"])
        else:
            original.delete()
    return created
