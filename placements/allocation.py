"""The project market's allocation: a pure optimiser of trainees over a round's assignments, its cost function,
its explanations, and the read of one round's data for it.

``placement_allocation_propose`` finds, for the WHOLE group at once, the allocation that is best by one
objective, compared lexicographically:

1. as many trainees as possible get an assignment (each one left unplaced costs ``unplaced_cost``, more than
   any combination of soft costs can add up to);
2. then the smallest sum of ``pair_cost`` over the placed trainees.

Hard rules (a pair that breaks one is never proposed):
- one assignment per trainee, never more trainees on an assignment than its capacity;
- track: an assignment with a track only for trainees of that track (one without a track is for everyone);
- never the same assignment twice for a trainee (their earlier placements in this cohort, ``history``);
- never a pair the host marked "not suitable";
- a trainee only gets an assignment they ranked: an unranked one is not allowed. Whoever cannot be placed
  because of that (or of anything else) is listed in ``AllocationResult.unplaced`` with the reasons.

Soft costs (``pair_cost``; lower is better), decided for Talentenregio's rotation and documented here:
- ``TRAINEE_RANK_WEIGHT`` × the trainee's rank of the assignment (1 = most wanted): the trainee's own wish
  counts double, because hosts rank after a short meeting and often rank only a few candidates;
- ``HOST_RANK_WEIGHT`` × the host's rank of the trainee; a candidate the host did not rank counts as the
  middle value ``UNRANKED_HOST_RANK`` (neither favoured nor rejected);
- ``REPEAT_ORGANISATION_COST`` when the host organisation is one the trainee was already placed at in this
  cohort ("preferably at different organisations"): 3 means a trainee moves one choice down (2 points) to see
  a new organisation, but not two choices (4 points);
- ``OWN_EMPLOYER_COST`` (smaller, 1) when the host is the trainee's own employer: a rotation is meant to show
  other organisations, but it is only a tie-breaker, never a reason to pass over a better choice.
  Fixed 2-year placements (Heerde) switch both organisation costs off (``rules_for_kind``).

How: an assignment problem solved exactly by ``scipy.optimize.linear_sum_assignment``. Each assignment gets
one column per place (its capacity), each trainee one "unplaced" column with the very high
``unplaced_cost``. All places of an assignment cost the same, so the matrix's optimum is exactly the optimum
of ``allocation_cost``, which the tests compare with brute force. Same input, same output: trainees and
assignments are ordered by id before the matrix is built.

Stability, honestly: the group optimum comes first. After it is found we look for blocking pairs: a trainee
and an assignment (allowed for them) who both prefer each other to what they got, where the assignment has
a free place or its host ranks this trainee better than one of the trainees it got. Where moving the trainee
there (and, when it is full, swapping them with the host's less-preferred trainee) keeps the objective
exactly equal and removes blocking pairs, we make that move, so among optimal allocations we prefer a more
stable one. What is guaranteed: the result is optimal, and ``stable``/``blocking_pairs`` tell the truth about
the result. What is NOT guaranteed: that a stable allocation is found when one exists (we only try these
cost-neutral moves), nor that the optimum is stable: a stable allocation may cost the group more, and then
the page says so and lists the pairs.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy
from django.utils.translation import gettext, gettext_noop, ngettext
from scipy.optimize import linear_sum_assignment

# --- the soft costs ---------------------------------------------------------------------------------------

TRAINEE_RANK_WEIGHT = 2
HOST_RANK_WEIGHT = 1
UNRANKED_HOST_RANK = 3
REPEAT_ORGANISATION_COST = 3
OWN_EMPLOYER_COST = 1


@dataclass(frozen=True)
class Rules:
    """The weights of the soft costs; the defaults are Talentenregio's rotation."""

    trainee_rank_weight: int = TRAINEE_RANK_WEIGHT
    host_rank_weight: int = HOST_RANK_WEIGHT
    unranked_host_rank: int = UNRANKED_HOST_RANK
    repeat_organisation_cost: int = REPEAT_ORGANISATION_COST
    own_employer_cost: int = OWN_EMPLOYER_COST


DEFAULT_RULES = Rules()
FIXED_PLACEMENT_RULES = Rules(repeat_organisation_cost=0, own_employer_cost=0)


def rules_for_kind(kind: str) -> Rules:
    """Rotations and client assignments prefer new organisations; a fixed 2-year placement does not care."""
    return FIXED_PLACEMENT_RULES if kind == "fixed" else DEFAULT_RULES


@dataclass(frozen=True)
class TraineeFacts:
    """What the optimiser needs of a trainee."""

    id: int
    organisation_id: int | None = None  # their employer
    track_id: int | None = None


@dataclass(frozen=True)
class AssignmentFacts:
    """What the optimiser needs of an assignment (opdracht)."""

    id: int
    capacity: int = 1
    host_organisation_id: int | None = None
    track_id: int | None = None
    track_name: str = ""


@dataclass(frozen=True)
class History:
    """A trainee's earlier placements in this cohort: the assignments (as ids of this round's assignments that
    are the same assignment again) and the host organisations."""

    assignment_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()


NO_HISTORY = History()


# --- reasons: translated when shown, so each reader reads their own language --------------------------------


@dataclass(frozen=True)
class Reason:
    """One short reason. `message` is an English message id (marked with gettext_noop); with `plural`, the
    message is chosen by `count` through ngettext."""

    message: str
    params: tuple[tuple[str, Any], ...] = ()
    plural: str = ""
    count: int | None = None

    def __str__(self) -> str:
        if self.plural:
            text = ngettext(self.message, self.plural, self.count or 0)
        else:
            text = gettext(self.message) if self.message else ""
        return text % dict(self.params) if self.params else text

    def as_dict(self) -> dict:
        data: dict[str, Any] = {"message": self.message}
        if self.params:
            data["params"] = dict(self.params)
        if self.plural:
            data["plural"] = self.plural
            data["count"] = self.count
        return data


@dataclass(frozen=True)
class WrittenReason(Reason):
    """A reason somebody typed (not a message id): shown as it is."""

    def __str__(self) -> str:
        return self.message


def _reason(message: str, **params) -> Reason:
    return Reason(message, tuple(sorted(params.items())))


def _plural_reason(singular: str, plural: str, count: int, **params) -> Reason:
    return Reason(singular, tuple(sorted({**params, "count": count}.items())), plural=plural, count=count)


def _plural_messages_for_makemessages() -> None:  # pragma: no cover - never called
    """Plural reasons are stored as message ids and translated with ngettext when shown; these calls only let
    makemessages find them as plural entries (gettext_noop has no plural form)."""
    ngettext("already did %(count)s assignment they ranked", "already did %(count)s assignments they ranked", 0)
    ngettext("%(count)s assignment they ranked rejected them", "%(count)s assignments they ranked rejected them", 0)
    ngettext(
        "%(count)s assignment they ranked is for another track",
        "%(count)s assignments they ranked are for another track",
        0,
    )


def reasons_to_text(reasons: Iterable[Reason]) -> str:
    """How a placement's explanation is stored: message ids and parameters as JSON, translated when shown."""
    return json.dumps([reason.as_dict() for reason in reasons], ensure_ascii=False)


def reasons_from_text(text: str) -> list[Reason]:
    """The stored explanation as reasons; text that is not our JSON is one reason shown as written."""
    if not text:
        return []
    try:
        data = json.loads(text)
        return [
            Reason(
                item["message"],
                tuple(sorted((item.get("params") or {}).items())),
                plural=item.get("plural", ""),
                count=item.get("count"),
            )
            for item in data
        ]
    except (ValueError, TypeError, KeyError, AttributeError):
        return [WrittenReason(text)]


def trainee_choice_reason(rank: int | None) -> Reason:
    if rank is None:
        return _reason(gettext_noop("not one you ranked"))
    ordinal = {
        1: gettext_noop("your 1st choice"),
        2: gettext_noop("your 2nd choice"),
        3: gettext_noop("your 3rd choice"),
    }
    if rank in ordinal:
        return _reason(ordinal[rank])
    return _reason(gettext_noop("your choice number %(rank)s"), rank=rank)


def host_rank_reason(rank: int | None, *, host_ranked_anyone: bool) -> Reason:
    if rank is None:
        if host_ranked_anyone:
            return _reason(gettext_noop("the host did not rank you"))
        return _reason(gettext_noop("the host did not rank the candidates"))
    ordinal = {
        1: gettext_noop("the host ranked you 1st"),
        2: gettext_noop("the host ranked you 2nd"),
        3: gettext_noop("the host ranked you 3rd"),
    }
    if rank in ordinal:
        return _reason(ordinal[rank])
    return _reason(gettext_noop("the host ranked you number %(rank)s"), rank=rank)


# The explanation is stored once, in the words of the trainee who reads it on their own page ("your 2nd choice").
# HR reads the same reasons about the trainee: each reason that speaks to the trainee has its third-person
# counterpart here (a test checks that explain_placement gives no other "you"). Mapping when shown, instead of
# storing two texts, also gives placements published before this the right words.
_ABOUT_THE_TRAINEE = {
    "not one you ranked": gettext_noop("not one the trainee ranked"),
    "your 1st choice": gettext_noop("the trainee's 1st choice"),
    "your 2nd choice": gettext_noop("the trainee's 2nd choice"),
    "your 3rd choice": gettext_noop("the trainee's 3rd choice"),
    "your choice number %(rank)s": gettext_noop("the trainee's choice number %(rank)s"),
    "the host did not rank you": gettext_noop("the host did not rank the trainee"),
    "the host ranked you 1st": gettext_noop("the host ranked the trainee 1st"),
    "the host ranked you 2nd": gettext_noop("the host ranked the trainee 2nd"),
    "the host ranked you 3rd": gettext_noop("the host ranked the trainee 3rd"),
    "the host ranked you number %(rank)s": gettext_noop("the host ranked the trainee number %(rank)s"),
    "a different organisation than your earlier placements": gettext_noop(
        "a different organisation than the trainee's earlier placements"
    ),
    "at your own employer": gettext_noop("at the trainee's own employer"),
}


def reasons_about_the_trainee(reasons: Iterable[Reason]) -> list[Reason]:
    """The reasons as HR (or anyone but the trainee) reads them: about the trainee, not to them."""
    return [
        reason
        if isinstance(reason, WrittenReason) or reason.message not in _ABOUT_THE_TRAINEE
        else replace(reason, message=_ABOUT_THE_TRAINEE[reason.message])
        for reason in reasons
    ]


# --- the problem ------------------------------------------------------------------------------------------


@dataclass
class _Problem:
    trainees: list[TraineeFacts]
    assignments: list[AssignmentFacts]
    trainee_ranks: Mapping[tuple[int, int], int]
    host_ranks: Mapping[tuple[int, int], int]
    not_suitable: frozenset[tuple[int, int]]
    history: Mapping[int, History]
    rules: Rules
    assignments_by_id: dict[int, AssignmentFacts] = field(init=False)
    trainees_by_id: dict[int, TraineeFacts] = field(init=False)

    def __post_init__(self):
        self.trainees = sorted({trainee.id: trainee for trainee in self.trainees}.values(), key=lambda t: t.id)
        self.assignments = sorted({a.id: a for a in self.assignments}.values(), key=lambda a: a.id)
        self.assignments_by_id = {assignment.id: assignment for assignment in self.assignments}
        self.trainees_by_id = {trainee.id: trainee for trainee in self.trainees}
        self.not_suitable = frozenset(self.not_suitable)

    def history_of(self, trainee_id: int) -> History:
        return self.history.get(trainee_id, NO_HISTORY)

    def forbidden_reason(self, trainee: TraineeFacts, assignment: AssignmentFacts) -> Reason | None:
        return forbidden_reason(
            trainee,
            assignment,
            trainee_ranks=self.trainee_ranks,
            not_suitable=self.not_suitable,
            history=self.history,
        )

    def pair_cost(self, trainee: TraineeFacts, assignment: AssignmentFacts) -> int:
        return pair_cost(
            trainee,
            assignment,
            trainee_ranks=self.trainee_ranks,
            host_ranks=self.host_ranks,
            history=self.history,
            rules=self.rules,
        )

    def host_value(self, trainee_id: int, assignment_id: int) -> int:
        return self.host_ranks.get((trainee_id, assignment_id), self.rules.unranked_host_rank)


def _problem(*, trainees, assignments, trainee_ranks, host_ranks, not_suitable, history, rules) -> _Problem:
    return _Problem(
        trainees=list(trainees),
        assignments=list(assignments),
        trainee_ranks=trainee_ranks,
        host_ranks=host_ranks,
        not_suitable=frozenset(not_suitable),
        history=history,
        rules=rules or DEFAULT_RULES,
    )


# --- rules and costs (public, so that tests check the optimum by brute force) -------------------------------


def track_allows(trainee: TraineeFacts, assignment: AssignmentFacts) -> bool:
    return assignment.track_id is None or assignment.track_id == trainee.track_id


def forbidden_reason(
    trainee: TraineeFacts,
    assignment: AssignmentFacts,
    *,
    trainee_ranks: Mapping[tuple[int, int], int],
    not_suitable,
    history: Mapping[int, History],
    ranked_required: bool = True,
) -> Reason | None:
    """Why this pair breaks a hard rule (capacity aside), or None when it is allowed. HR's manual adjustment
    passes ranked_required=False: HR may place a trainee on an assignment they did not rank."""
    if not track_allows(trainee, assignment):
        return _reason(gettext_noop("this assignment is for another track"))
    if assignment.id in history.get(trainee.id, NO_HISTORY).assignment_ids:
        return _reason(gettext_noop("already did this assignment in an earlier placement"))
    if (trainee.id, assignment.id) in not_suitable:
        return _reason(gettext_noop("the host marked them as not suitable"))
    if ranked_required and (trainee.id, assignment.id) not in trainee_ranks:
        return _reason(gettext_noop("did not rank this assignment"))
    return None


def pair_cost(
    trainee: TraineeFacts,
    assignment: AssignmentFacts,
    *,
    trainee_ranks: Mapping[tuple[int, int], int],
    host_ranks: Mapping[tuple[int, int], int],
    history: Mapping[int, History],
    rules: Rules = DEFAULT_RULES,
) -> int:
    """The soft cost of an allowed pair (the trainee ranked the assignment)."""
    key = (trainee.id, assignment.id)
    cost = rules.trainee_rank_weight * trainee_ranks[key]
    cost += rules.host_rank_weight * host_ranks.get(key, rules.unranked_host_rank)
    organisation = assignment.host_organisation_id
    if organisation is not None and organisation in history.get(trainee.id, NO_HISTORY).organisation_ids:
        cost += rules.repeat_organisation_cost
    if organisation is not None and organisation == trainee.organisation_id:
        cost += rules.own_employer_cost
    return cost


def unplaced_cost(*, trainee_count: int, largest_pair_cost: int) -> int:
    """More than every possible difference in soft costs, so that one more placed trainee always wins."""
    return trainee_count * max(largest_pair_cost, 1) + 1


def allocation_cost(
    *,
    trainees: Iterable[TraineeFacts],
    assignments: Iterable[AssignmentFacts],
    trainee_ranks: Mapping[tuple[int, int], int],
    host_ranks: Mapping[tuple[int, int], int],
    not_suitable=frozenset(),
    history: Mapping[int, History] | None = None,
    rules: Rules | None = None,
    allocation: Mapping[int, int | None],
) -> tuple[int, int] | None:
    """The objective of an allocation {trainee id: assignment id or None}: (unplaced, soft cost), compared as
    a tuple (fewer unplaced first). None when the allocation breaks a hard rule."""
    problem = _problem(
        trainees=trainees,
        assignments=assignments,
        trainee_ranks=trainee_ranks,
        host_ranks=host_ranks,
        not_suitable=not_suitable,
        history=history or {},
        rules=rules,
    )
    return _allocation_cost(problem, allocation)


def _allocation_cost(problem: _Problem, allocation: Mapping[int, int | None]) -> tuple[int, int] | None:
    taken: dict[int, int] = defaultdict(int)
    unplaced = soft = 0
    for trainee in problem.trainees:
        assignment_id = allocation.get(trainee.id)
        if assignment_id is None:
            unplaced += 1
            continue
        assignment = problem.assignments_by_id.get(assignment_id)
        if assignment is None or problem.forbidden_reason(trainee, assignment) is not None:
            return None
        taken[assignment_id] += 1
        if taken[assignment_id] > assignment.capacity:
            return None
        soft += problem.pair_cost(trainee, assignment)
    return unplaced, soft


# --- the result -------------------------------------------------------------------------------------------


@dataclass
class AllocationResult:
    placements: dict[int, int]  # trainee id → assignment id
    unplaced: dict[int, list[Reason]]  # trainee id → why they could not be placed
    explanations: dict[int, list[Reason]]  # trainee id → why this placement
    blocking_pairs: list[tuple[int, int]]  # (trainee id, assignment id) who both prefer each other
    cost: tuple[int, int] | None  # (unplaced, soft cost); None when HR set a pair outside the optimiser's rules
    choice_counts: dict[int | None, int]  # the trainee's rank of their placement (None: not ranked) → how many
    stability_moves: int = 0  # cost-neutral moves made to remove blocking pairs

    @property
    def stable(self) -> bool:
        return not self.blocking_pairs

    @property
    def placed_count(self) -> int:
        return len(self.placements)


# --- explanations -----------------------------------------------------------------------------------------


def explain_placement(problem: _Problem, trainee: TraineeFacts, assignment: AssignmentFacts) -> list[Reason]:
    """E.g. "your 1st choice; the host ranked you 2nd; a different organisation than your earlier placements;
    track: Financieel traineeship": in the trainee's words, as stored; reasons_about_the_trainee gives HR's."""
    key = (trainee.id, assignment.id)
    host_ranked_anyone = any(a == assignment.id for (_t, a) in problem.host_ranks)
    reasons = [
        trainee_choice_reason(problem.trainee_ranks.get(key)),
        host_rank_reason(problem.host_ranks.get(key), host_ranked_anyone=host_ranked_anyone),
    ]
    earlier = problem.history_of(trainee.id).organisation_ids
    if earlier:
        if assignment.host_organisation_id in earlier:
            reasons.append(_reason(gettext_noop("the same organisation as an earlier placement")))
        else:
            reasons.append(_reason(gettext_noop("a different organisation than your earlier placements")))
    if assignment.host_organisation_id is not None and assignment.host_organisation_id == trainee.organisation_id:
        reasons.append(_reason(gettext_noop("at your own employer")))
    if assignment.track_id is not None:
        reasons.append(_reason(gettext_noop("track: %(track)s"), track=assignment.track_name))
    return reasons


def unplaced_reasons(problem: _Problem, trainee: TraineeFacts, allocation: Mapping[int, int | None]) -> list[Reason]:
    """Why a trainee has no assignment, in plain words (who and why)."""
    if not problem.assignments:
        return [_reason(gettext_noop("there are no published assignments in this round"))]
    if not any(track_allows(trainee, assignment) for assignment in problem.assignments):
        return [_reason(gettext_noop("no assignment of their track"))]
    ranked = [a for a in problem.assignments if (trainee.id, a.id) in problem.trainee_ranks]
    if not ranked:
        return [_reason(gettext_noop("did not rank any assignment"))]
    other_track, already_done, rejected, open_to_them = 0, 0, 0, []
    history = problem.history_of(trainee.id)
    for assignment in ranked:
        if not track_allows(trainee, assignment):
            other_track += 1
        elif assignment.id in history.assignment_ids:
            already_done += 1
        elif (trainee.id, assignment.id) in problem.not_suitable:
            rejected += 1
        else:
            open_to_them.append(assignment)
    if open_to_them:
        taken = defaultdict(int)
        for assignment_id in allocation.values():
            if assignment_id is not None:
                taken[assignment_id] += 1
        if all(taken[a.id] >= a.capacity for a in open_to_them):
            return [_reason(gettext_noop("ranked only assignments that are full"))]
        return [_reason(gettext_noop("an assignment they ranked still has a free place: not placed yet"))]
    total = len(ranked)
    if already_done == total:
        return [_reason(gettext_noop("already did all the assignments they ranked"))]
    if rejected == total:
        return [_reason(gettext_noop("every assignment they ranked rejected them"))]
    if other_track == total:
        return [_reason(gettext_noop("ranked only assignments of another track"))]
    reasons = [_reason(gettext_noop("none of the assignments they ranked is open to them"))]
    if already_done:
        reasons.append(
            _plural_reason(
                gettext_noop("already did %(count)s assignment they ranked"),
                gettext_noop("already did %(count)s assignments they ranked"),
                already_done,
            )
        )
    if rejected:
        reasons.append(
            _plural_reason(
                gettext_noop("%(count)s assignment they ranked rejected them"),
                gettext_noop("%(count)s assignments they ranked rejected them"),
                rejected,
            )
        )
    if other_track:
        reasons.append(
            _plural_reason(
                gettext_noop("%(count)s assignment they ranked is for another track"),
                gettext_noop("%(count)s assignments they ranked are for another track"),
                other_track,
            )
        )
    return reasons


# --- stability --------------------------------------------------------------------------------------------


def _blocking_pairs(problem: _Problem, allocation: Mapping[int, int | None]) -> list[tuple[int, int]]:
    holders: dict[int, list[int]] = defaultdict(list)
    for trainee_id, assignment_id in allocation.items():
        if assignment_id is not None:
            holders[assignment_id].append(trainee_id)
    pairs = []
    for trainee in problem.trainees:
        current = allocation.get(trainee.id)
        current_rank = problem.trainee_ranks.get((trainee.id, current)) if current is not None else None
        for assignment in problem.assignments:
            if assignment.id == current or problem.forbidden_reason(trainee, assignment) is not None:
                continue
            rank = problem.trainee_ranks[(trainee.id, assignment.id)]
            if current is not None and current_rank is not None and rank >= current_rank:
                continue  # the trainee does not prefer it
            others = holders.get(assignment.id, [])
            mine = problem.host_value(trainee.id, assignment.id)
            if len(others) < assignment.capacity or any(
                mine < problem.host_value(other, assignment.id) for other in others
            ):
                pairs.append((trainee.id, assignment.id))
    return pairs


def _stability_moves(problem: _Problem, allocation: dict[int, int | None], trainee_id: int, assignment_id: int):
    """Allocations in which the blocking pair is together: the trainee takes a free place, or swaps with a
    trainee the host likes less (who takes the first one's old place, or none)."""
    assignment = problem.assignments_by_id[assignment_id]
    others = sorted(
        (t for t, a in allocation.items() if a == assignment_id),
        key=lambda t: (-problem.host_value(t, assignment_id), t),
    )
    if len(others) < assignment.capacity:
        yield {**allocation, trainee_id: assignment_id}
        return
    mine = problem.host_value(trainee_id, assignment_id)
    for other in others:
        if mine < problem.host_value(other, assignment_id):
            yield {**allocation, trainee_id: assignment_id, other: allocation.get(trainee_id)}


def _prefer_stable(problem: _Problem, allocation: dict[int, int | None], best) -> tuple[dict, int]:
    """Cost-neutral moves that lower the number of blocking pairs, while there are any (terminates: the
    number of blocking pairs falls with every move)."""
    moves = 0
    pairs = _blocking_pairs(problem, allocation)
    while pairs:
        for trainee_id, assignment_id in pairs:
            better = next(
                (
                    candidate
                    for candidate in _stability_moves(problem, allocation, trainee_id, assignment_id)
                    if _allocation_cost(problem, candidate) == best
                    and len(_blocking_pairs(problem, candidate)) < len(pairs)
                ),
                None,
            )
            if better is not None:
                allocation = better
                moves += 1
                break
        else:
            break
        pairs = _blocking_pairs(problem, allocation)
    return allocation, moves


# --- the optimiser ----------------------------------------------------------------------------------------


def _optimal_allocation(problem: _Problem) -> dict[int, int | None]:
    people = problem.trainees
    if not people:
        return {}
    places = [assignment for assignment in problem.assignments for _place in range(assignment.capacity)]
    pair_costs: list[list[int | None]] = [
        [
            None
            if problem.forbidden_reason(trainee, assignment) is not None
            else problem.pair_cost(trainee, assignment)
            for assignment in problem.assignments
        ]
        for trainee in people
    ]
    largest = max((cost for row in pair_costs for cost in row if cost is not None), default=1)
    nobody = unplaced_cost(trainee_count=len(people), largest_pair_cost=largest)
    forbidden = nobody * (len(people) + 1)  # dearer than leaving everyone unplaced: never chosen
    column_of = {assignment.id: index for index, assignment in enumerate(problem.assignments)}
    costs = numpy.full((len(people), len(places) + len(people)), float(nobody))
    for row in range(len(people)):
        for column, assignment in enumerate(places):
            pair = pair_costs[row][column_of[assignment.id]]
            costs[row, column] = forbidden if pair is None else pair
    rows, columns = linear_sum_assignment(costs)
    allocation: dict[int, int | None] = {trainee.id: None for trainee in people}
    for row, column in zip(rows, columns, strict=True):
        if column < len(places) and costs[row, column] < forbidden:
            allocation[people[row].id] = places[column].id
    return allocation


def _evaluate(problem: _Problem, allocation: Mapping[int, int | None], *, moves: int = 0) -> AllocationResult:
    placements = {t: a for t, a in allocation.items() if a is not None and t in problem.trainees_by_id}
    explanations, unplaced = {}, {}
    choice_counts: dict[int | None, int] = defaultdict(int)
    for trainee in problem.trainees:
        assignment_id = placements.get(trainee.id)
        if assignment_id is None:
            unplaced[trainee.id] = unplaced_reasons(problem, trainee, allocation)
            continue
        assignment = problem.assignments_by_id[assignment_id]
        explanations[trainee.id] = explain_placement(problem, trainee, assignment)
        choice_counts[problem.trainee_ranks.get((trainee.id, assignment_id))] += 1
    return AllocationResult(
        placements=placements,
        unplaced=unplaced,
        explanations=explanations,
        blocking_pairs=_blocking_pairs(problem, allocation),
        cost=_allocation_cost(problem, allocation),
        choice_counts=dict(choice_counts),
        stability_moves=moves,
    )


def placement_allocation_propose(
    *,
    trainees: Iterable[TraineeFacts],
    assignments: Iterable[AssignmentFacts],
    trainee_ranks: Mapping[tuple[int, int], int],
    host_ranks: Mapping[tuple[int, int], int],
    not_suitable=frozenset(),
    history: Mapping[int, History] | None = None,
    rules: Rules | None = None,
) -> AllocationResult:
    """An assignment (or none, with the reasons) for each trainee, optimal for the whole group at once.

    trainee_ranks and host_ranks: {(trainee id, assignment id): rank}, 1 = most wanted.
    not_suitable: {(trainee id, assignment id)} the host rejected. history: trainee id → History.
    """
    problem = _problem(
        trainees=trainees,
        assignments=assignments,
        trainee_ranks=trainee_ranks,
        host_ranks=host_ranks,
        not_suitable=not_suitable,
        history=history or {},
        rules=rules,
    )
    allocation = _optimal_allocation(problem)
    best = _allocation_cost(problem, allocation)
    assert best is not None, "the optimum never breaks a hard rule"
    allocation, moves = _prefer_stable(problem, allocation, best)
    return _evaluate(problem, allocation, moves=moves)


def placement_allocation_evaluate(
    *,
    trainees: Iterable[TraineeFacts],
    assignments: Iterable[AssignmentFacts],
    trainee_ranks: Mapping[tuple[int, int], int],
    host_ranks: Mapping[tuple[int, int], int],
    not_suitable=frozenset(),
    history: Mapping[int, History] | None = None,
    rules: Rules | None = None,
    allocation: Mapping[int, int | None],
) -> AllocationResult:
    """The same explanations, reasons and stability check for an allocation as it stands (after HR's
    adjustments), without optimising. A pair HR set outside the optimiser's rules (an unranked assignment)
    makes `cost` None and is explained as "not one you ranked"."""
    problem = _problem(
        trainees=trainees,
        assignments=assignments,
        trainee_ranks=trainee_ranks,
        host_ranks=host_ranks,
        not_suitable=not_suitable,
        history=history or {},
        rules=rules,
    )
    return _evaluate(problem, {trainee.id: allocation.get(trainee.id) for trainee in problem.trainees})


# --- the read of one round --------------------------------------------------------------------------------


@dataclass
class RoundData:
    """Everything the optimiser needs of one round, plus the objects to show (read in a constant number of
    queries)."""

    round: Any
    members: list  # Users: the cohort's current members, ordered by name
    assignments: list  # published Assignments of the round, host/supervisor/track/department selected
    trainees: list[TraineeFacts]
    assignment_facts: list[AssignmentFacts]
    trainee_ranks: dict[tuple[int, int], int]
    host_ranks: dict[tuple[int, int], int]
    not_suitable: set[tuple[int, int]]
    history: dict[int, History]
    rules: Rules

    def optimiser_input(self) -> dict:
        return {
            "trainees": self.trainees,
            "assignments": self.assignment_facts,
            "trainee_ranks": self.trainee_ranks,
            "host_ranks": self.host_ranks,
            "not_suitable": self.not_suitable,
            "history": self.history,
            "rules": self.rules,
        }


def _normalised(ranks: dict[tuple[int, int], int], *, group_by_trainee: bool) -> dict[tuple[int, int], int]:
    """Ranks 1..k without gaps per trainee (or per assignment), in the order given; ties keep their order."""
    groups: dict[int, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for key, rank in ranks.items():
        groups[key[0] if group_by_trainee else key[1]].append((rank, key))
    normalised = {}
    for entries in groups.values():
        for position, (_rank, key) in enumerate(sorted(entries, key=lambda entry: (entry[0], entry[1])), start=1):
            normalised[key] = position
    return normalised


def round_allocation_data(*, round) -> RoundData:
    """The round's current members, published assignments, both sides' preferences and each member's earlier
    placements in the cohort, read through the market's `market_preferences` (one source of truth for what
    "the same assignment" is: same host and title, see `market.assignment_identity`)."""
    from .market import market_preferences

    market = market_preferences(round=round)
    members, assignments = market["trainees"], market["assignments"]
    track_id = round.cohort.track_id
    trainees = [TraineeFacts(member.pk, member.organisation_id, track_id) for member in members]
    facts = [
        AssignmentFacts(
            assignment.pk,
            assignment.capacity,
            assignment.host_organisation_id,
            assignment.track_id,
            assignment.track.name if assignment.track_id else "",
        )
        for assignment in assignments
    ]
    eligible = market["eligible"]
    history = {}
    for trainee in trainees:
        # Not eligible although the track fits: the trainee had this assignment in an earlier round.
        done = frozenset(
            assignment.id
            for assignment in facts
            if track_allows(trainee, assignment) and (trainee.id, assignment.id) not in eligible
        )
        hosts = frozenset(market["previous_hosts"].get(trainee.id, ()))
        if done or hosts:
            history[trainee.id] = History(done, hosts)
    return RoundData(
        round=round,
        members=members,
        assignments=assignments,
        trainees=trainees,
        assignment_facts=facts,
        trainee_ranks=_normalised(market["trainee_ranks"], group_by_trainee=True),
        host_ranks=_normalised(market["host_ranks"], group_by_trainee=False),
        not_suitable=set(market["not_suitable"]),
        history=history,
        rules=rules_for_kind(round.kind),
    )
