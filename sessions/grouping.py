"""Intervision groups: the proposal, a pure function. ``intervision_groups`` saves and adjusts the groups.

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

Nothing here reads or writes the database: a person is anything with the fields of ``Person`` (a User).
"""

import random
from collections.abc import Sequence
from math import ceil
from typing import Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

DEFAULT_MIN_SIZE = 4
DEFAULT_MAX_SIZE = 6
RESTARTS = 6
SEED = 20210903  # the Zwolle pilot's first day; any fixed number keeps the proposal deterministic
MAX_SWAP_PASSES = 200


class Person(Protocol):
    """What the proposal reads of a person (a User)."""

    pk: int
    manager_id: int | None
    department_id: int | None
    organisation_id: int | None
    email: str

    @property
    def full_name(self) -> str: ...


P = TypeVar("P", bound=Person)


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


def _pair_costs(people: Sequence[P]) -> tuple[list[list[int]], int]:
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
    *, members: Sequence[P], min_size: int = DEFAULT_MIN_SIZE, max_size: int = DEFAULT_MAX_SIZE
) -> list[list[P]]:
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
        names = get_text_list([f"{person_name(a)} – {person_name(b)}" for a, b in pairs], _("and"))
        raise ValidationError(
            _(
                "No split into groups of %(min)s to %(max)s people keeps everyone apart from their own manager "
                "(%(pairs)s). Change the group sizes, or make the groups by hand."
            )
            % {"min": min_size, "max": max_size, "pairs": names},
            code="manager_together",
        )

    groups: list[list[P]] = [[] for _ in sizes]
    for index, group in enumerate(best.assignment):
        groups[group].append(people[index])
    return sorted(groups, key=lambda group: group[0].pk)


def person_name(person: Person) -> str:
    return person.full_name or person.email


def same_department_pairs(groups: Sequence[Sequence[P]]) -> int:
    """How many pairs of people in one group share a department (lower is better mixed)."""
    return _pairs(groups, lambda a, b: a.department_id is not None and a.department_id == b.department_id)


def same_organisation_pairs(groups: Sequence[Sequence[P]]) -> int:
    return _pairs(groups, lambda a, b: a.organisation_id is not None and a.organisation_id == b.organisation_id)


def manager_pairs(groups: Sequence[Sequence[P]]) -> list[tuple[P, P]]:
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
