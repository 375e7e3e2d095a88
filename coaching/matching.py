"""The coach matching proposal: a pure function of participants, coaches and wishes (no database writes).

``coach_matching_propose`` finds, for the WHOLE group at once, the assignment of participants to coaches
that is best by one objective, compared lexicographically:

1. as many participants as possible get a coach (each one left without costs ``unmatched_cost``, more than
   any combination of soft costs can add up to);
2. then the smallest sum of soft costs (``pair_cost`` per pair plus ``place_cost`` per place taken).

Hard rules (a pair that breaks one is never proposed):
- never above a coach's capacity: ``max_coachees`` minus the places already used by live matches;
- never a coach from the participant's own department when they want someone from elsewhere (the default
  for a participant who has not told us their wish);
- never the participant's own manager, never the participant themself (a coach may also be a participant).

Soft goals (costs; lower is better): each theme the participant wished for that the coach offers lowers the
cost, the participant's preferred coach lowers it a lot, a coach of another organisation of the network
raises it a little, and every place a coach already has taken (live or in this proposal) makes the next
one dearer, so that with enough places the load spreads over the pool.

How: an assignment problem solved exactly by ``scipy.optimize.linear_sum_assignment``. Each coach gets one
column per free place, the k-th free place costing ``place_cost(used + k - 1)``; there is one "nobody"
column per participant costing ``unmatched_cost``. Because a coach's places only differ in their rising
place cost, an optimal assignment fills the cheapest places first, so the matrix's optimum is exactly the
optimum of ``assignment_cost``, which the tests compare with brute force. Same input, same output:
participants and coaches are ordered by primary key before the matrix is built.

A participant who already has a live match keeps their coach: callers leave them out of ``participants``
and the match counts in the coach's ``live_matches``; passing those matches as ``existing`` as well
guards against both mistakes (such a participant is never proposed, and a coach's used places are at least
the live matches listed there).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy
from django.utils.translation import gettext, gettext_noop
from scipy.optimize import linear_sum_assignment

# --- the soft costs ---------------------------------------------------------------------------------------

BASE_COST = 100  # every pair; keeps pair costs positive
SHARED_THEME_BONUS = 10  # per theme the participant wished for that the coach offers
PREFERRED_COACH_BONUS = 40  # the coach the participant asked for
OTHER_ORGANISATION_COST = 15  # a coach of another organisation of the network
LOAD_STEP = 8  # each place a coach already has taken makes their next place this much dearer


@dataclass(frozen=True)
class Wish:
    """What the optimiser needs of a participant's CoachingWish; the default is what nobody asked for."""

    theme_ids: frozenset[int] = frozenset()
    preferred_coach_id: int | None = None  # a User id
    avoid_own_department: bool = True

    @classmethod
    def of(cls, wish) -> "Wish":
        """From a CoachingWish (its themes prefetched), a Wish, or None (the defaults)."""
        if wish is None:
            return DEFAULT_WISH
        if isinstance(wish, Wish):
            return wish
        return cls(
            theme_ids=frozenset(theme.pk for theme in wish.themes.all()),
            preferred_coach_id=wish.preferred_coach_id,
            avoid_own_department=wish.avoid_own_department,
        )


DEFAULT_WISH = Wish()


@dataclass(frozen=True)
class Reason:
    """One short reason, translated when shown (so a message renders in its reader's language)."""

    message: str  # an English message id, marked with gettext_noop
    params: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        text = gettext(self.message)
        return text % dict(self.params) if self.params else text


def _reason(message: str, **params) -> Reason:
    return Reason(message, tuple(sorted(params.items())))


@dataclass
class Proposal:
    participant: Any  # a User
    coach: Any | None  # the coach's CoachProfile, or None when nobody fits
    reasons: list[Reason] = field(default_factory=list)
    places_used: int | None = None  # the coach's used places after this match
    capacity: int | None = None

    @property
    def coach_user(self):
        return self.coach.user if self.coach is not None else None

    @property
    def explanation(self) -> str:
        return "; ".join(str(reason) for reason in self.reasons)


# --- rules and costs (public, so that tests can check the optimum by brute force) ---------------------------


def _coach_organisation_id(coach) -> int | None:
    return coach.user.organisation_id or coach.organisation_id


def forbidden_reason(participant, coach, wish: Wish, *, own_department_allowed: bool = False) -> Reason | None:
    """Why this pair breaks a hard rule (capacity aside), or None when it is allowed."""
    if coach.user_id == participant.pk:
        return _reason(gettext_noop("nobody can be their own coach"))
    if participant.manager_id == coach.user_id:
        return _reason(gettext_noop("the coach is their manager"))
    if is_same_department(participant, coach) and wish.avoid_own_department and not own_department_allowed:
        return _reason(gettext_noop("the coach works in their own department"))
    return None


def is_same_department(participant, coach) -> bool:
    return participant.department_id is not None and participant.department_id == coach.user.department_id


def shared_theme_ids(coach, wish: Wish) -> set[int]:
    return {theme.pk for theme in coach.themes.all()} & wish.theme_ids


def pair_cost(participant, coach, wish: Wish) -> int:
    """The soft cost of an allowed pair, before the cost of the place it takes."""
    cost = BASE_COST - SHARED_THEME_BONUS * len(shared_theme_ids(coach, wish))
    if wish.preferred_coach_id is not None and wish.preferred_coach_id == coach.user_id:
        cost -= PREFERRED_COACH_BONUS
    if participant.organisation_id != _coach_organisation_id(coach):
        cost += OTHER_ORGANISATION_COST
    return cost


def place_cost(used_before: int) -> int:
    """What the coach's next place costs when `used_before` places are taken: rising, so load spreads."""
    return LOAD_STEP * used_before


def load_cost(*, used: int, new: int) -> int:
    """The cost of `new` more coachees for a coach who has `used` places taken."""
    return sum(place_cost(used + index) for index in range(new))


def used_places(coach, existing_counts: Mapping[int, int]) -> int:
    return max(getattr(coach, "live_matches", 0) or 0, existing_counts.get(coach.user_id, 0))


def free_places(coach, existing_counts: Mapping[int, int]) -> int:
    return max(coach.max_coachees - used_places(coach, existing_counts), 0)


def unmatched_cost(*, participant_count: int, coaches) -> int:
    """More than every possible difference in soft costs, so that one more match always wins."""
    largest_place = max((place_cost(coach.max_coachees) for coach in coaches), default=0)
    largest_pair = BASE_COST + OTHER_ORGANISATION_COST + largest_place
    smallest_pair = (
        BASE_COST
        - PREFERRED_COACH_BONUS
        - SHARED_THEME_BONUS * max((len(coach.themes.all()) for coach in coaches), default=0)
    )
    return 2 * (participant_count + 1) * (abs(largest_pair) + abs(smallest_pair) + 1)


def assignment_cost(
    *, participants, coaches, wishes: Mapping[int, Any], existing=(), assignment: Mapping[int, int | None]
) -> tuple[int, int] | None:
    """The objective of an assignment {participant pk: coach profile pk or None}: (unmatched, soft cost),
    compared as a tuple (fewer unmatched first). None when the assignment breaks a hard rule."""
    existing_counts = _existing_counts(existing)
    coaches_by_pk = {coach.pk: coach for coach in coaches}
    new_per_coach: dict[int, int] = {}
    unmatched = soft = 0
    for participant in participants:
        coach_pk = assignment.get(participant.pk)
        if coach_pk is None:
            unmatched += 1
            continue
        coach = coaches_by_pk[coach_pk]
        wish = Wish.of(wishes.get(participant.pk))
        if forbidden_reason(participant, coach, wish) is not None:
            return None
        soft += pair_cost(participant, coach, wish)
        new_per_coach[coach_pk] = new_per_coach.get(coach_pk, 0) + 1
    for coach_pk, new in new_per_coach.items():
        coach = coaches_by_pk[coach_pk]
        if new > free_places(coach, existing_counts):
            return None
        soft += load_cost(used=used_places(coach, existing_counts), new=new)
    return unmatched, soft


def proposals_cost(*, proposals: Iterable[Proposal], participants, coaches, wishes, existing=()) -> tuple[int, int]:
    assignment = {proposal.participant.pk: proposal.coach.pk if proposal.coach else None for proposal in proposals}
    cost = assignment_cost(
        participants=participants, coaches=coaches, wishes=wishes, existing=existing, assignment=assignment
    )
    assert cost is not None, "a proposal must never break a hard rule"
    return cost


# --- explanations -----------------------------------------------------------------------------------------


def explain_pair(
    participant, coach, wish: Wish, *, places_used: int, own_department_allowed_by_hr: bool = False
) -> list[Reason]:
    """Short reasons for a pair, e.g. "same theme: Leiderschap; other department; 1 of 3 places used"."""
    reasons = []
    shared = sorted(theme.name for theme in coach.themes.all() if theme.pk in wish.theme_ids)
    if len(shared) == 1:
        reasons.append(_reason(gettext_noop("same theme: %(themes)s"), themes=shared[0]))
    elif shared:
        reasons.append(_reason(gettext_noop("same themes: %(themes)s"), themes=", ".join(shared)))
    elif wish.theme_ids:
        reasons.append(_reason(gettext_noop("no shared theme")))
    if wish.preferred_coach_id is not None and wish.preferred_coach_id == coach.user_id:
        reasons.append(_reason(gettext_noop("their preferred coach")))
    if not is_same_department(participant, coach):
        reasons.append(_reason(gettext_noop("other department")))
    elif wish.avoid_own_department and own_department_allowed_by_hr:
        reasons.append(_reason(gettext_noop("same department (allowed by HR)")))
    else:
        reasons.append(_reason(gettext_noop("same department, which they said is fine")))
    if participant.organisation_id != _coach_organisation_id(coach):
        organisation = coach.user.organisation or coach.organisation
        reasons.append(_reason(gettext_noop("other organisation: %(organisation)s"), organisation=organisation.name))
    reasons.append(
        _reason(gettext_noop("%(used)s of %(capacity)s places used"), used=places_used, capacity=coach.max_coachees)
    )
    return reasons


def _unmatched_reasons(participant, coaches, wish: Wish, existing_counts) -> list[Reason]:
    with_room = [coach for coach in coaches if free_places(coach, existing_counts) > 0]
    if not with_room:
        return [_reason(gettext_noop("no approved coach has a free place"))]
    allowed = [coach for coach in with_room if forbidden_reason(participant, coach, wish) is None]
    if allowed:
        return [_reason(gettext_noop("the free places of the coaches who fit went to others in this group"))]
    if wish.avoid_own_department and any(
        forbidden_reason(participant, coach, wish, own_department_allowed=True) is None for coach in with_room
    ):
        return [_reason(gettext_noop("no coach outside their own department has a free place"))]
    return [_reason(gettext_noop("no coach who may coach them has a free place"))]


# --- the optimiser ----------------------------------------------------------------------------------------


def _existing_counts(existing) -> dict[int, int]:
    counts: dict[int, int] = {}
    for match in existing:
        counts[match.coach_id] = counts.get(match.coach_id, 0) + 1
    return counts


def coach_matching_propose(*, participants, coaches, wishes: Mapping[int, Any], existing=()) -> list[Proposal]:
    """A coach (or nobody, with the reason) for each participant, optimal for the whole group at once.

    participants: Users who need a coach (department, organisation and manager ids are read).
    coaches: approved CoachProfiles with `user` (department, organisation) selected, `themes` prefetched and
        annotated with `live_matches`.
    wishes: participant pk → CoachingWish (themes prefetched) or Wish; a missing one means the defaults.
    existing: live CoachMatch-like objects (`coach_id`, `participant_id`); their participants keep their coach.
    Returns one Proposal per participant, ordered by participant pk.
    """
    existing = list(existing)
    existing_counts = _existing_counts(existing)
    kept = {match.participant_id for match in existing}
    people = sorted({person.pk: person for person in participants if person.pk not in kept}.values(), key=_pk)
    pool = sorted(coaches, key=_pk)
    if not people:
        return []
    person_wishes = [Wish.of(wishes.get(person.pk)) for person in people]

    # One column per free place: (coach index, cost of this place).
    places = [
        (coach_index, place_cost(used_places(coach, existing_counts) + offset))
        for coach_index, coach in enumerate(pool)
        for offset in range(free_places(coach, existing_counts))
    ]
    nobody = unmatched_cost(participant_count=len(people), coaches=pool)
    forbidden = nobody * (len(people) + 1)  # dearer than leaving everyone unmatched: never chosen
    costs = numpy.full((len(people), len(places) + len(people)), float(nobody))
    for row, (person, wish) in enumerate(zip(people, person_wishes, strict=True)):
        pair_costs = [
            None if forbidden_reason(person, coach, wish) is not None else pair_cost(person, coach, wish)
            for coach in pool
        ]
        for column, (coach_index, cost_of_place) in enumerate(places):
            pair = pair_costs[coach_index]
            costs[row, column] = forbidden if pair is None else pair + cost_of_place
    rows, columns = linear_sum_assignment(costs)

    chosen: dict[int, Any] = {}
    for row, column in zip(rows, columns, strict=True):
        if column < len(places) and costs[row, column] < forbidden:
            chosen[people[row].pk] = pool[places[column][0]]

    proposals = []
    new_so_far: dict[int, int] = {}
    for person, wish in zip(people, person_wishes, strict=True):
        coach = chosen.get(person.pk)
        if coach is None:
            proposals.append(Proposal(person, None, _unmatched_reasons(person, pool, wish, existing_counts)))
            continue
        new_so_far[coach.pk] = new_so_far.get(coach.pk, 0) + 1
        used_after = used_places(coach, existing_counts) + new_so_far[coach.pk]
        proposals.append(
            Proposal(
                person,
                coach,
                explain_pair(person, coach, wish, places_used=used_after),
                places_used=used_after,
                capacity=coach.max_coachees,
            )
        )
    return proposals


def _pk(instance) -> int:
    return instance.pk
