"""The job-swap optimiser: never two people of one municipality in a move, optimal against brute force, rings
only where they serve more people, reasons for everyone left out, deterministic and fast.

The optimiser is a pure function; these tests give it plain Offer values (no database).
"""

import itertools
import random
import time

import pytest
from django.utils import translation

from placements.swap_matching import (
    MAX_MOVE_SCORE,
    Offer,
    cycle_of,
    cycle_value,
    move_allowed,
    parse_kinds,
    proposal_value,
    swap_cycles_propose,
)

SEED = 20240301
KINDS = ["financiën", "communicatie", "vergunningen", "handhaving", "wmo", "ict", "inkoop", "archief"]


@pytest.fixture(autouse=True)
def _reasons_in_english():
    """Reasons are translated when read; outside a request that is the default language, Dutch."""
    with translation.override("en"):
        yield


def offer(key: int, municipality: int, offered: str, wanted: str, job: str = "") -> Offer:
    return Offer(
        key=key,
        organisation_id=municipality,
        organisation_name=f"Gemeente {municipality}",
        job=job or f"job {key}",
        offered=parse_kinds(offered),
        wanted=parse_kinds(wanted),
    )


def random_offers(rng: random.Random, *, people: int, municipalities: int, kinds: int = 5) -> list[Offer]:
    pool = KINDS[:kinds]
    return [
        offer(
            key=100 + index,
            municipality=rng.randrange(municipalities),
            offered=", ".join(rng.sample(pool, rng.randint(1, 2))),
            wanted=", ".join(rng.sample(pool, rng.randint(1, 2))),
        )
        for index in range(people)
    ]


def moves_of(proposal) -> list[tuple[int, int]]:
    return [(move.mover.key, move.host.key) for cycle in proposal.cycles for move in cycle.moves]


# --- brute force, independent of the optimiser's enumeration ----------------------------------------------


def all_cycles(offers: list[Offer], max_ring: int):
    """Every allowed cycle, found by trying every ordering of every subset (each cycle once)."""
    found = []
    for size in range(2, max_ring + 1):
        for subset in itertools.combinations(offers, size):
            first, *rest = subset
            for order in itertools.permutations(rest):
                cycle = cycle_of([first, *order])
                if cycle is not None:
                    found.append(cycle)
    return found


def best_value_by_brute_force(offers: list[Offer], max_ring: int = 4) -> int:
    cycles = all_cycles(offers, max_ring)
    best = 0

    def search(start: int, used: frozenset[int], value: int) -> None:
        nonlocal best
        best = max(best, value)
        for index in range(start, len(cycles)):
            keys = set(cycles[index].keys)
            if not keys & used:
                search(index + 1, used | keys, value + cycle_value(cycles[index]))

    search(0, frozenset(), 0)
    return best


# --- the rules ---------------------------------------------------------------------------------------------


def test_kinds_are_compared_case_insensitively_after_stripping():
    assert parse_kinds(" Financiën ,communicatie,, ") == frozenset({"financiën", "communicatie"})
    assert move_allowed(offer(1, 1, "x", " FINANCIËN"), offer(2, 2, "financiën ", "x"))


def test_a_move_within_one_municipality_is_never_allowed_even_when_the_work_matches():
    same = offer(2, 1, "financiën", "vergunningen")

    assert not move_allowed(offer(1, 1, "vergunningen", "financiën"), same)
    assert swap_cycles_propose(offers=[offer(1, 1, "vergunningen", "financiën"), same]).cycles == []


def test_random_rounds_never_pair_two_people_of_one_municipality_and_use_everyone_once():
    rng = random.Random(SEED)
    for _round in range(60):
        offers = random_offers(rng, people=rng.randint(4, 14), municipalities=rng.randint(2, 6))
        municipality = {item.key: item.organisation_id for item in offers}

        proposal = swap_cycles_propose(offers=offers)

        for mover, host in moves_of(proposal):
            assert municipality[mover] != municipality[host]
        covered = [key for cycle in proposal.cycles for key in cycle.keys]
        assert len(covered) == len(set(covered))
        assert set(covered) | set(proposal.left_out) == set(municipality)
        assert not set(covered) & set(proposal.left_out)


# --- optimality --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("people", [6, 7])
def test_the_proposal_is_optimal_on_small_rounds_checked_by_brute_force(people):
    rng = random.Random(SEED + people)
    for _round in range(25):
        offers = random_offers(rng, people=people, municipalities=rng.randint(2, 4), kinds=4)

        proposal = swap_cycles_propose(offers=offers)

        assert proposal.value == proposal_value(proposal.cycles)
        assert proposal.value == best_value_by_brute_force(offers)


def test_with_rings_of_at_most_three_the_optimum_is_checked_by_brute_force_too():
    rng = random.Random(SEED)
    for _round in range(15):
        offers = random_offers(rng, people=7, municipalities=3, kinds=4)

        assert swap_cycles_propose(offers=offers, max_ring=3).value == best_value_by_brute_force(offers, max_ring=3)


def test_a_ring_appears_when_only_a_ring_can_serve_the_people():
    anna = offer(1, 1, "vergunningen", "financiën", job="medewerker vergunningen")
    bram = offer(2, 2, "financiën", "communicatie", job="medewerker financiën")
    cees = offer(3, 3, "communicatie", "vergunningen", job="communicatieadviseur")

    proposal = swap_cycles_propose(offers=[cees, anna, bram])

    assert [cycle.keys for cycle in proposal.cycles] == [(1, 2, 3)]
    assert moves_of(proposal) == [(1, 2), (2, 3), (3, 1)]
    assert proposal.left_out == {}
    assert proposal.value == 3 * 1000 - 10 + 3


def test_pairs_are_preferred_to_a_ring_over_the_same_people_even_when_the_ring_shares_more_work():
    # 1↔2 and 3↔4 are pairs (one shared kind per move); 1→3→2→4→1 is a ring over the same four people with
    # three shared kinds per move.
    offers = [
        offer(1, 1, "a, x, y", "b, c, g, h"),
        offer(2, 2, "b, k, l", "a, f, m, n"),
        offer(3, 3, "c, g, h", "b, k, l, f"),
        offer(4, 4, "f, m, n", "a, x, y, c"),
    ]
    ring = cycle_of([offers[0], offers[2], offers[1], offers[3]])
    assert ring is not None and ring.score == 12

    proposal = swap_cycles_propose(offers=offers)

    assert [cycle.keys for cycle in proposal.cycles] == [(1, 2), (3, 4)]
    assert proposal.value > cycle_value(ring)


def test_a_ring_of_three_wins_over_a_pair_when_it_serves_one_more_person():
    # 1↔2 is a pair; but 1→2→3→1 serves 3 people (3 wants 1's work, 2 wants 3's, 1 wants 2's).
    offers = [offer(1, 1, "a", "b"), offer(2, 2, "b", "a, c"), offer(3, 3, "c", "a")]

    proposal = swap_cycles_propose(offers=offers)

    assert [cycle.keys for cycle in proposal.cycles] == [(1, 2, 3)]


def test_more_shared_kinds_break_a_tie_between_pairs_and_count_up_to_the_cap():
    offers = [
        offer(1, 1, "a", "b, c, d"),
        offer(2, 2, "b", "a"),
        offer(3, 3, "b, c, d", "a"),
    ]

    proposal = swap_cycles_propose(offers=offers)

    assert [cycle.keys for cycle in proposal.cycles] == [(1, 3)]
    assert proposal.cycles[0].score == 3 + 1
    assert MAX_MOVE_SCORE == 3


# --- reasons -----------------------------------------------------------------------------------------------


def test_each_move_is_explained_with_the_shared_work_and_the_other_municipality():
    anna = Offer(
        1, 1, "Gemeente Gorinchem", "medewerker vergunningen", parse_kinds("vergunningen"), parse_kinds("financiën")
    )
    bram = Offer(
        2, 2, "Gemeente Leerdam", "medewerker financiën", parse_kinds("financiën"), parse_kinds("vergunningen")
    )

    proposal = swap_cycles_propose(offers=[anna, bram])

    assert [[str(reason) for reason in move.reasons] for move in proposal.cycles[0].moves] == [
        ["wants to try: financiën — offered by medewerker financiën", "other municipality: Gemeente Leerdam"],
        ["wants to try: vergunningen — offered by medewerker vergunningen", "other municipality: Gemeente Gorinchem"],
    ]


def test_everyone_left_out_gets_a_reason():
    offers = [
        offer(1, 1, "a", "b"),
        offer(2, 2, "b", "a"),
        offer(3, 3, "b", "a"),  # could swap with 1, but 1 swaps with 2 (the lower key wins a tie)
        offer(4, 1, "z", "b"),  # wants b, offered in other municipalities, but nobody wants z
        offer(5, 4, "y", "onbekend"),  # nobody offers what 5 wants
        offer(6, 2, "q", "y"),  # wants 5's work, but 5 wants nothing that 6 offers, nor anyone else
    ]

    proposal = swap_cycles_propose(offers=offers)

    assert [cycle.keys for cycle in proposal.cycles] == [(1, 2)]
    assert {key: str(reason) for key, reason in proposal.left_out.items()} == {
        3: "the matching jobs were needed for a larger swap",
        4: "nobody in another municipality wants to try the kind of work your job offers",
        5: "nobody in another municipality offers the kind of work you want to try",
        6: "nobody in another municipality wants to try the kind of work your job offers",
    }


def test_someone_in_no_closing_cycle_is_told_so():
    offers = [offer(1, 1, "a", "b"), offer(2, 2, "b", "c"), offer(3, 3, "c", "d"), offer(4, 4, "d", "x, a")]
    offers.append(offer(5, 5, "x", "z"))

    proposal = swap_cycles_propose(offers=offers, max_ring=3)

    assert proposal.cycles == []
    assert str(proposal.left_out[1]) == (
        "no pair or ring of up to 3 people closes: those whose job you could take want other work than yours"
    )


# --- determinism and speed ---------------------------------------------------------------------------------


def test_the_same_offers_in_another_order_give_the_same_proposal():
    offers = random_offers(random.Random(SEED), people=12, municipalities=6)
    shuffled = list(offers)
    random.Random(1).shuffle(shuffled)

    assert moves_of(swap_cycles_propose(offers=shuffled)) == moves_of(swap_cycles_propose(offers=offers))


def test_twelve_participants_of_six_municipalities_take_less_than_a_second():
    rng = random.Random(SEED)
    offers = [
        offer(
            key=index,
            municipality=index // 2,
            offered=", ".join(rng.sample(KINDS, 2)),
            wanted=", ".join(rng.sample(KINDS, 3)),
        )
        for index in range(12)
    ]

    started = time.perf_counter()
    proposal = swap_cycles_propose(offers=offers)
    elapsed = time.perf_counter() - started

    assert elapsed < 1
    assert proposal.covered + len(proposal.left_out) == 12
