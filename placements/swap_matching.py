"""AV VIB's job swaps: a pure optimiser that proposes pairs and rings of job swaps (no database access).

A *move* A → B means that A takes over B's job for three months. A move is allowed only when

- A and B work for different municipalities (``organisation_id``), and
- A wants to try at least one kind of work that B's job offers (kinds are compared case-insensitively,
  after stripping spaces).

Because everybody who leaves their job also hands it over, moves form cycles: a pair (A → B → A) or a ring
(A → B → C → A). ``swap_cycles_propose`` chooses disjoint cycles of at most ``max_ring`` people that are best
by one objective, ``proposal_value`` (higher is better), the sum over the chosen cycles of ``cycle_value``:

    cycle_value = PERSON_WEIGHT × people in the cycle
                  − RING_PENALTY × (people in the cycle − 2)
                  + the sum of the moves' scores

where a move's score is the number of kinds the mover wants that the job offers, counted up to
``MAX_MOVE_SCORE``. So, in this order:

1. as many people as possible get a swap: every person is worth 1000, more than the other two terms can
   add up to for groups of up to 76 people (each person adds at most 3 and takes at most 10 away);
2. pairs are preferred to rings: a ring of n costs 10 × (n − 2). Two pairs always beat a ring of four over
   the same people (a ring's four moves score at most 12, two pairs at least 4), so rings are chosen where
   they serve more people ("pairs and, where that serves more people, rings of three or more"); between
   proposals that serve as many people, the penalty is weighed against the third term;
3. then moves where the wanted and offered kinds of work overlap more.

How: every cycle of up to ``max_ring`` allowed moves is enumerated, and an integer programme (one binary
variable per cycle, every person in at most one chosen cycle, maximise the sum of cycle values) is solved
exactly by ``scipy.optimize.milp`` (HiGHS). Same input, same output: offers are ordered by their key first,
cycles are enumerated in a fixed order, and among proposals of equal value the one whose cycles come first in
that order (lowest participant keys first) wins. Twelve participants take a few hundredths of a second.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy
from django.utils.translation import gettext, gettext_noop
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

PERSON_WEIGHT = 1000  # each person who gets a swap
RING_PENALTY = 10  # per person a cycle has beyond a pair
MAX_MOVE_SCORE = 3  # a move's shared kinds count up to this many, so coverage always comes first
DEFAULT_MAX_RING = 4


def parse_kinds(text: str) -> frozenset[str]:
    """'Financiën, communicatie ' → {'financiën', 'communicatie'}: comma-separated, stripped, case-folded."""
    return frozenset(part.strip().casefold() for part in (text or "").split(",") if part.strip())


@dataclass(frozen=True)
class Offer:
    """What the optimiser needs of a SwapOffer: who, their municipality, their job, and the kinds of work."""

    key: int  # the participant's id
    organisation_id: int | None
    organisation_name: str
    job: str
    offered: frozenset[str]
    wanted: frozenset[str]
    source: Any = field(default=None, compare=False, hash=False, repr=False)  # the SwapOffer, for callers

    @classmethod
    def of(cls, offer) -> "Offer":
        """From a SwapOffer whose participant and their organisation are loaded (or an Offer)."""
        if isinstance(offer, Offer):
            return offer
        organisation = offer.participant.organisation
        return cls(
            key=offer.participant_id,
            organisation_id=offer.participant.organisation_id,
            organisation_name=organisation.name if organisation is not None else "",
            job=offer.own_job,
            offered=parse_kinds(offer.job_kinds_offered),
            wanted=parse_kinds(offer.job_kinds_wanted),
            source=offer,
        )


@dataclass(frozen=True)
class Reason:
    """One short reason, translated when shown (so it renders in its reader's language)."""

    message: str  # an English message id, marked with gettext_noop
    params: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        text = gettext(self.message)
        return text % dict(self.params) if self.params else text


def _reason(message: str, **params) -> Reason:
    return Reason(message, tuple(sorted(params.items())))


@dataclass(frozen=True)
class Move:
    """`mover` takes over `host`'s job."""

    mover: Offer
    host: Offer
    shared: tuple[str, ...]  # the kinds the mover wants that the host's job offers, sorted

    @property
    def score(self) -> int:
        return min(len(self.shared), MAX_MOVE_SCORE)

    @property
    def reasons(self) -> list[Reason]:
        return move_reasons(self.mover, self.host)


@dataclass(frozen=True)
class Cycle:
    """A pair (two moves) or a ring (three or more): each person takes over the next one's job."""

    moves: tuple[Move, ...]

    @property
    def keys(self) -> tuple[int, ...]:
        return tuple(move.mover.key for move in self.moves)

    @property
    def size(self) -> int:
        return len(self.moves)

    @property
    def is_ring(self) -> bool:
        return self.size > 2

    @property
    def score(self) -> int:
        return sum(move.score for move in self.moves)


@dataclass
class SwapProposal:
    cycles: list[Cycle]
    left_out: dict[int, Reason]  # participant id → why they got no swap
    value: int  # proposal_value(cycles)

    @property
    def covered(self) -> int:
        return sum(cycle.size for cycle in self.cycles)


# --- rules and values (public, so that tests can check the optimum by brute force) ---------------------------


def shared_kinds(mover: Offer, host: Offer) -> tuple[str, ...]:
    return tuple(sorted(mover.wanted & host.offered))


def move_allowed(mover: Offer, host: Offer) -> bool:
    """A may take over B's job: different municipalities and at least one kind of work in common."""
    if mover.key == host.key:
        return False
    if mover.organisation_id is None or mover.organisation_id == host.organisation_id:
        return False
    return bool(mover.wanted & host.offered)


def move_reasons(mover: Offer, host: Offer) -> list[Reason]:
    reasons = [
        _reason(gettext_noop("wants to try: %(kinds)s — offered by %(job)s"), kinds=", ".join(shared), job=host.job)
        for shared in [shared_kinds(mover, host)]
        if shared
    ]
    reasons.append(_reason(gettext_noop("other municipality: %(name)s"), name=host.organisation_name))
    return reasons


def cycle_value(cycle: Cycle) -> int:
    return PERSON_WEIGHT * cycle.size - RING_PENALTY * (cycle.size - 2) + cycle.score


def proposal_value(cycles: Iterable[Cycle]) -> int:
    return sum(cycle_value(cycle) for cycle in cycles)


def cycle_of(offers: Sequence[Offer]) -> Cycle | None:
    """The cycle offers[0] → offers[1] → … → offers[0], or None when a move in it is not allowed."""
    if len(offers) < 2 or len({offer.key for offer in offers}) != len(offers):
        return None
    moves = []
    for index, mover in enumerate(offers):
        host = offers[(index + 1) % len(offers)]
        if not move_allowed(mover, host):
            return None
        moves.append(Move(mover=mover, host=host, shared=shared_kinds(mover, host)))
    return Cycle(moves=tuple(moves))


def swap_cycles(*, offers: Iterable, max_ring: int = DEFAULT_MAX_RING) -> list[Cycle]:
    """Every cycle of allowed moves with 2 to `max_ring` people, each once (it starts at its lowest key)."""
    ordered = sorted((Offer.of(offer) for offer in offers), key=lambda offer: offer.key)
    hosts_of = {mover.key: [host for host in ordered if move_allowed(mover, host)] for mover in ordered}
    cycles: list[Cycle] = []

    def extend(path: list[Offer], keys: set[int]) -> None:
        start, last = path[0], path[-1]
        for host in hosts_of[last.key]:
            if host.key == start.key:
                if len(path) >= 2:
                    cycles.append(_cycle(path))
            elif host.key > start.key and host.key not in keys and len(path) < max_ring:
                keys.add(host.key)
                extend([*path, host], keys)
                keys.discard(host.key)

    for start in ordered:
        extend([start], {start.key})
    return cycles


def _cycle(path: list[Offer]) -> Cycle:
    """The cycle along `path`, whose moves are known to be allowed."""
    return Cycle(
        moves=tuple(
            Move(mover=mover, host=host, shared=shared_kinds(mover, host))
            for mover, host in zip(path, [*path[1:], path[0]], strict=True)
        )
    )


# --- the optimiser --------------------------------------------------------------------------------------------


def swap_cycles_propose(*, offers: Iterable, max_ring: int = DEFAULT_MAX_RING) -> SwapProposal:
    """The best set of disjoint pairs and rings by ``proposal_value``, and a reason for everyone left out."""
    if max_ring < 2:
        raise ValueError("max_ring must be at least 2")
    ordered = sorted((Offer.of(offer) for offer in offers), key=lambda offer: offer.key)
    if len({offer.key for offer in ordered}) != len(ordered):
        raise ValueError("one offer per participant")
    cycles = swap_cycles(offers=ordered, max_ring=max_ring)
    chosen = _best_disjoint(_undominated(cycles), keys=[offer.key for offer in ordered])
    covered = {key for cycle in chosen for key in cycle.keys}
    return SwapProposal(
        cycles=chosen,
        left_out=left_out_reasons(offers=ordered, covered=covered, max_ring=max_ring, cycles=cycles),
        value=proposal_value(chosen),
    )


def _undominated(cycles: list[Cycle]) -> list[Cycle]:
    """The cycles an optimum may need: of the cycles over the same people only the best (the first of equals),
    and no ring whose people could be split into pairs instead (pairs serve the same people at a higher value).
    Leaving the others out changes no optimum's value; it keeps the integer programme small."""
    best: dict[frozenset[int], Cycle] = {}
    for cycle in cycles:
        people = frozenset(cycle.keys)
        if people not in best or cycle_value(cycle) > cycle_value(best[people]):
            best[people] = cycle
    pairs = {people for people in best if len(people) == 2}
    kept = []
    for people, cycle in best.items():
        if len(people) == 4:
            first, *others = sorted(people)
            if any(frozenset({first, partner}) in pairs and people - {first, partner} in pairs for partner in others):
                continue
        kept.append(cycle)
    return kept


def _best_disjoint(cycles: list[Cycle], *, keys: list[int]) -> list[Cycle]:
    if not cycles:
        return []
    row_of = {key: row for row, key in enumerate(keys)}
    rows = [row_of[key] for cycle in cycles for key in cycle.keys]
    columns = [column for column, cycle in enumerate(cycles) for _ in cycle.keys]
    membership = sparse.csr_array((numpy.ones(len(rows)), (rows, columns)), shape=(len(keys), len(cycles)))
    # Ties are broken towards the cycles enumerated first (lowest participant keys): each value is scaled by more
    # than any set of disjoint cycles' tie-break bonuses can add up to, so the tie-break never beats a real gain.
    count = len(cycles)
    scale = len(keys) * count + 1
    values = numpy.array(
        [cycle_value(cycle) * scale + (count - index) for index, cycle in enumerate(cycles)], dtype=float
    )
    result = milp(
        c=-values,  # milp minimises
        constraints=LinearConstraint(membership, lb=0, ub=1),
        integrality=numpy.ones(count),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0},  # the default (1e-4) would accept a proposal a few points below the best
    )
    if not result.success:  # pragma: no cover - a packing problem always has a solution (choose nothing)
        raise RuntimeError(f"the swap optimiser failed: {result.message}")
    chosen = [cycle for cycle, x in zip(cycles, result.x, strict=True) if x > 0.5]
    # Ordered for display: pairs first, then rings, each by their lowest participant key.
    return sorted(chosen, key=lambda cycle: (cycle.size, cycle.keys))


def left_out_reasons(
    *, offers: Iterable, covered: set[int], max_ring: int = DEFAULT_MAX_RING, cycles: list[Cycle] | None = None
) -> dict[int, Reason]:
    """Why each offer outside `covered` got no swap. Also used by pages, with `covered` = people in a swap."""
    ordered = sorted((Offer.of(offer) for offer in offers), key=lambda offer: offer.key)
    if cycles is None:
        cycles = swap_cycles(offers=ordered, max_ring=max_ring)
    in_some_cycle = {key for cycle in cycles for key in cycle.keys}
    reasons: dict[int, Reason] = {}
    for offer in ordered:
        if offer.key in covered:
            continue
        if not any(move_allowed(offer, host) for host in ordered):
            reasons[offer.key] = _reason(
                gettext_noop("nobody in another municipality offers the kind of work you want to try")
            )
        elif not any(move_allowed(mover, offer) for mover in ordered):
            reasons[offer.key] = _reason(
                gettext_noop("nobody in another municipality wants to try the kind of work your job offers")
            )
        elif offer.key not in in_some_cycle:
            reasons[offer.key] = _reason(
                gettext_noop(
                    "no pair or ring of up to %(max)s people closes: those whose job you could take want "
                    "other work than yours"
                ),
                max=max_ring,
            )
        else:
            reasons[offer.key] = _reason(gettext_noop("the matching jobs were needed for a larger swap"))
    return reasons
