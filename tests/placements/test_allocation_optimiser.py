"""The project market's allocation optimiser: the hard rules always hold, the result is optimal (checked by brute
force), infeasible rounds say who cannot be placed and why, rotations prefer new organisations, nobody gets the
same assignment twice, stability is reported honestly, and every placement is explained.

The optimiser is a pure function of plain value objects; no database here.
"""

import itertools
import random

from django.utils import translation

from placements.allocation import (
    DEFAULT_RULES,
    AssignmentFacts,
    History,
    TraineeFacts,
    allocation_cost,
    forbidden_reason,
    pair_cost,
    placement_allocation_evaluate,
    placement_allocation_propose,
    reasons_from_text,
    reasons_to_text,
    rules_for_kind,
)

SEED = 20121001
FINANCIAL = 77


def trainee(pk, *, organisation=None, track=None):
    return TraineeFacts(pk, organisation, track)


def assignment(pk, *, capacity=1, host=None, track=None, track_name=""):
    return AssignmentFacts(pk, capacity, host if host is not None else 100 + pk, track, track_name)


def case(trainees, assignments, trainee_ranks, host_ranks=None, not_suitable=(), history=None, rules=None):
    return {
        "trainees": trainees,
        "assignments": assignments,
        "trainee_ranks": trainee_ranks,
        "host_ranks": host_ranks or {},
        "not_suitable": set(not_suitable),
        "history": history or {},
        "rules": rules or DEFAULT_RULES,
    }


def texts(reasons):
    with translation.override("en"):
        return [str(reason) for reason in reasons]


def random_case(rng, *, people, offers):
    organisations = [1, 2, 3, 4]
    trainees = [
        trainee(pk, organisation=rng.choice(organisations), track=FINANCIAL if rng.random() < 0.2 else None)
        for pk in range(1, people + 1)
    ]
    assignments = [
        assignment(
            pk,
            capacity=rng.randint(1, 2),
            host=rng.choice(organisations),
            track=FINANCIAL if rng.random() < 0.2 else None,
            track_name="Financieel traineeship",
        )
        for pk in range(1, offers + 1)
    ]
    trainee_ranks, host_ranks, not_suitable = {}, {}, set()
    for person in trainees:
        ranked = rng.sample(assignments, rng.randint(0, len(assignments)))
        for rank, offer in enumerate(ranked, start=1):
            trainee_ranks[(person.id, offer.id)] = rank
    for offer in assignments:
        candidates = [person for person in trainees if (person.id, offer.id) in trainee_ranks]
        rng.shuffle(candidates)
        for rank, person in enumerate(candidates[: rng.randint(0, len(candidates))], start=1):
            if rng.random() < 0.15:
                not_suitable.add((person.id, offer.id))
            else:
                host_ranks[(person.id, offer.id)] = rank
    history = {}
    for person in trainees:
        if rng.random() < 0.5:
            done = {offer.id for offer in assignments if rng.random() < 0.2}
            hosts = {rng.choice(organisations) for _ in range(rng.randint(1, 2))}
            history[person.id] = History(frozenset(done), frozenset(hosts))
    return case(trainees, assignments, trainee_ranks, host_ranks, not_suitable, history)


# --- hard rules --------------------------------------------------------------------------------------------


def test_the_allocation_never_exceeds_capacity_nor_breaks_a_rule_in_many_random_cases():
    rng = random.Random(SEED)
    for _case in range(300):
        problem = random_case(rng, people=rng.randint(1, 9), offers=rng.randint(0, 5))

        result = placement_allocation_propose(**problem)

        trainees = {person.id: person for person in problem["trainees"]}
        offers = {offer.id: offer for offer in problem["assignments"]}
        assert set(result.placements) | set(result.unplaced) == set(trainees)
        assert not set(result.placements) & set(result.unplaced)
        for offer in problem["assignments"]:
            assert sum(1 for chosen in result.placements.values() if chosen == offer.id) <= offer.capacity
        for person_id, offer_id in result.placements.items():
            person, offer = trainees[person_id], offers[offer_id]
            assert (person_id, offer_id) in problem["trainee_ranks"], "only an assignment they ranked"
            assert offer.track_id is None or offer.track_id == person.track_id, "track"
            assert (person_id, offer_id) not in problem["not_suitable"], "never a pair the host rejected"
            history = problem["history"].get(person_id, History())
            assert offer_id not in history.assignment_ids, "never the same assignment twice"
            assert result.explanations[person_id], "every placement is explained"
        for reasons in result.unplaced.values():
            assert reasons, "every unplaced trainee is told why"
        assert result.cost == allocation_cost(**problem, allocation=result.placements)


def test_a_trainee_never_gets_the_same_assignment_twice_even_as_their_only_choice():
    person = trainee(1)
    again = assignment(1)
    history = {1: History(frozenset({1}), frozenset({again.host_organisation_id}))}

    result = placement_allocation_propose(**case([person], [again], {(1, 1): 1}, history=history))

    assert result.placements == {}
    assert texts(result.unplaced[1]) == ["already did all the assignments they ranked"]


def test_an_assignment_of_a_track_is_only_for_trainees_of_that_track():
    financial = trainee(1, track=FINANCIAL)
    general = trainee(2)
    finance_offer = assignment(1, track=FINANCIAL, track_name="Financieel traineeship")
    open_offer = assignment(2)
    ranks = {(1, 1): 1, (1, 2): 2, (2, 1): 1, (2, 2): 2}

    result = placement_allocation_propose(**case([financial, general], [finance_offer, open_offer], ranks))

    assert result.placements == {1: 1, 2: 2}
    with translation.override("en"):
        reason = forbidden_reason(general, finance_offer, trainee_ranks=ranks, not_suitable=set(), history={})
        assert str(reason) == "this assignment is for another track"


def test_an_unranked_assignment_is_never_given_even_when_it_is_free():
    result = placement_allocation_propose(
        **case([trainee(1), trainee(2)], [assignment(1), assignment(2)], {(1, 1): 1, (2, 1): 1})
    )

    assert len(result.placements) == 1
    [unplaced] = result.unplaced
    assert texts(result.unplaced[unplaced]) == ["ranked only assignments that are full"]


# --- optimality ----------------------------------------------------------------------------------------------


def brute_force_best(problem):
    best = None
    choices = [None, *[offer.id for offer in problem["assignments"]]]
    people = [person.id for person in problem["trainees"]]
    for combination in itertools.product(choices, repeat=len(people)):
        cost = allocation_cost(**problem, allocation=dict(zip(people, combination, strict=True)))
        if cost is not None and (best is None or cost < best):
            best = cost
    return best


def test_the_allocation_is_optimal_on_small_cases_checked_against_brute_force():
    rng = random.Random(SEED)
    for _case in range(40):
        problem = random_case(rng, people=5, offers=4)

        result = placement_allocation_propose(**problem)

        assert result.cost == brute_force_best(problem)


def test_the_whole_group_is_optimised_so_that_one_more_trainee_is_placed():
    # Trainee 1 likes assignment 1 best, but trainee 2 ranked only assignment 1: one by one, 2 would be left out.
    ranks = {(1, 1): 1, (1, 2): 2, (2, 1): 1}

    result = placement_allocation_propose(**case([trainee(1), trainee(2)], [assignment(1), assignment(2)], ranks))

    assert result.placements == {1: 2, 2: 1}
    assert result.unplaced == {}


def test_a_pair_costs_both_sides_ranks_and_the_organisation_penalties():
    person = trainee(1, organisation=5)
    at_employer = assignment(1, host=5)
    seen_before = assignment(2, host=6)
    history = {1: History(frozenset(), frozenset({6}))}
    ranks, host_ranks = {(1, 1): 2, (1, 2): 1}, {(1, 2): 1}

    costs = [
        pair_cost(person, offer, trainee_ranks=ranks, host_ranks=host_ranks, history=history)
        for offer in (at_employer, seen_before)
    ]

    # 2 × 2 + the unranked middle value 3 + own employer 1; 2 × 1 + 1 + an organisation seen before 3.
    assert costs == [8, 6]


def test_the_allocation_is_the_same_whatever_the_order_of_the_input():
    rng = random.Random(SEED)
    problem = random_case(rng, people=8, offers=5)

    first = placement_allocation_propose(**problem)
    shuffled = {**problem, "trainees": problem["trainees"][::-1], "assignments": problem["assignments"][::-1]}
    second = placement_allocation_propose(**shuffled)

    assert first.placements == second.placements


# --- infeasible rounds: who and why ---------------------------------------------------------------------------


def test_an_infeasible_round_lists_who_cannot_be_placed_and_why():
    people = [trainee(pk) for pk in (1, 2, 3, 4, 5, 6)]
    popular = assignment(1)
    rejecting = assignment(2)
    finance = assignment(3, track=FINANCIAL, track_name="Financieel traineeship")
    ranks = {
        (1, 1): 1,  # gets it
        (2, 1): 1,  # only ranked the popular one, which is full
        (3, 2): 1,  # the host rejected them
        (4, 1): 2,  # had assignment 1 before and was rejected by 2
        (4, 2): 1,
        (6, 3): 1,  # ranked only an assignment of another track
    }
    history = {4: History(frozenset({1}), frozenset({101}))}
    host_ranks = {(1, 1): 1, (2, 1): 2}
    not_suitable = {(3, 2), (4, 2)}

    result = placement_allocation_propose(
        **case(people, [popular, rejecting, finance], ranks, host_ranks, not_suitable, history)
    )

    assert result.placements == {1: 1}
    assert {person: texts(reasons) for person, reasons in result.unplaced.items()} == {
        2: ["ranked only assignments that are full"],
        3: ["every assignment they ranked rejected them"],
        4: [
            "none of the assignments they ranked is open to them",
            "already did 1 assignment they ranked",
            "1 assignment they ranked rejected them",
        ],
        5: ["did not rank any assignment"],
        6: ["ranked only assignments of another track"],
    }


def test_a_trainee_whose_track_has_no_assignment_is_told_so():
    finance_trainee = trainee(1, track=FINANCIAL)
    finance_offer = assignment(1, track=FINANCIAL + 1)

    result = placement_allocation_propose(**case([finance_trainee], [finance_offer], {(1, 1): 1}))

    assert texts(result.unplaced[1]) == ["no assignment of their track"]


def test_a_round_without_assignments_says_so_for_everyone():
    result = placement_allocation_propose(**case([trainee(1), trainee(2)], [], {}))

    assert {person: texts(reasons) for person, reasons in result.unplaced.items()} == {
        1: ["there are no published assignments in this round"],
        2: ["there are no published assignments in this round"],
    }


# --- rotations: preferably different organisations -----------------------------------------------------------


def test_a_rotation_prefers_an_organisation_the_trainee_was_not_placed_at_before():
    person = trainee(1, organisation=9)
    at_old_host = assignment(1, host=6)
    at_new_host = assignment(2, host=7)
    history = {1: History(frozenset({55}), frozenset({6}))}

    result = placement_allocation_propose(
        **case([person], [at_old_host, at_new_host], {(1, 1): 1, (1, 2): 2}, history=history)
    )

    assert result.placements == {1: 2}
    assert texts(result.explanations[1]) == [
        "your 2nd choice",
        "the host did not rank the candidates",
        "a different organisation than your earlier placements",
    ]


def test_a_new_organisation_is_not_worth_two_choices_down():
    person = trainee(1)
    history = {1: History(frozenset(), frozenset({6}))}
    offers = [assignment(1, host=6), assignment(2, host=7), assignment(3, host=8)]

    result = placement_allocation_propose(
        **case([person], offers[::2], {(1, 1): 1, (1, 3): 3}, history=history)  # 1st at the old host, 3rd new
    )

    assert result.placements == {1: 1}
    assert texts(result.explanations[1])[-1] == "the same organisation as an earlier placement"


def test_in_a_rotation_three_trainees_spread_over_new_organisations():
    people = [trainee(pk) for pk in (1, 2, 3)]
    offers = [assignment(1, host=11), assignment(2, host=12), assignment(3, host=13)]
    ranks = {(t, a): 1 if a == t else 2 for t in (1, 2, 3) for a in (1, 2, 3)}  # everyone's 1st is "their own"
    # Each trainee was at the host of their 1st choice before: the rotation moves them on.
    history = {t: History(frozenset(), frozenset({10 + t})) for t in (1, 2, 3)}

    result = placement_allocation_propose(**case(people, offers, ranks, history=history))

    assert all(result.placements[t] != t for t in (1, 2, 3))


def test_a_placement_at_the_own_employer_is_only_a_tie_breaker():
    person = trainee(1, organisation=11)
    own, other = assignment(1, host=11), assignment(2, host=12)

    tie = placement_allocation_propose(**case([person], [own, other], {(1, 1): 1, (1, 2): 1}))
    first_choice = placement_allocation_propose(**case([person], [own, other], {(1, 1): 1, (1, 2): 2}))

    assert tie.placements == {1: 2}
    assert first_choice.placements == {1: 1}
    assert texts(first_choice.explanations[1])[-1] == "at your own employer"


def test_a_fixed_placement_round_does_not_mind_organisations():
    person = trainee(1, organisation=11)
    history = {1: History(frozenset(), frozenset({11}))}
    own = assignment(1, host=11)

    cost = pair_cost(
        person, own, trainee_ranks={(1, 1): 1}, host_ranks={}, history=history, rules=rules_for_kind("fixed")
    )

    assert cost == 2 * 1 + 3
    assert rules_for_kind("rotation") == DEFAULT_RULES


# --- stability ----------------------------------------------------------------------------------------------


def _tied_case(favourite: int, other: int):
    # Both rank assignment 1 then 2; both hosts prefer `favourite`. Both allocations cost 9 (2×1+1 + 2×2+2 and
    # 2×2+1 + 2×1+2): favourite at 1 is stable, favourite at 2 is blocked by (favourite, assignment 1).
    ranks = {(favourite, 1): 1, (favourite, 2): 2, (other, 1): 1, (other, 2): 2}
    host_ranks = {(favourite, 1): 1, (other, 1): 2, (favourite, 2): 1, (other, 2): 2}
    return case([trainee(1), trainee(2)], [assignment(1), assignment(2)], ranks, host_ranks)


def test_among_equally_good_allocations_a_stable_one_is_chosen():
    problem = _tied_case(favourite=1, other=2)
    unstable = placement_allocation_evaluate(**problem, allocation={1: 2, 2: 1})

    result = placement_allocation_propose(**problem)

    assert unstable.cost == result.cost == (0, 9)
    assert (unstable.stable, unstable.blocking_pairs) == (False, [(1, 1)])
    assert result.placements == {1: 1, 2: 2}
    assert (result.stable, result.blocking_pairs) == (True, [])


def test_an_unstable_optimum_is_made_stable_by_a_swap_that_costs_the_group_nothing():
    # With these ids the solver's first optimum is the unstable one; one cost-neutral swap repairs it.
    problem = _tied_case(favourite=2, other=1)

    result = placement_allocation_propose(**problem)

    assert result.placements == {2: 1, 1: 2}
    assert (result.stable, result.stability_moves, result.cost) == (True, 1, (0, 9))


def test_a_blocking_pair_that_would_cost_the_group_a_placement_is_reported_not_resolved():
    # Trainee 2 ranked only assignment 1; the host of 1 prefers trainee 1, who ranks it 1st.
    ranks = {(1, 1): 1, (1, 2): 2, (2, 1): 1}
    host_ranks = {(1, 1): 1, (2, 1): 2}

    result = placement_allocation_propose(
        **case([trainee(1), trainee(2)], [assignment(1), assignment(2)], ranks, host_ranks)
    )

    assert result.placements == {1: 2, 2: 1}
    assert (result.stable, result.blocking_pairs) == (False, [(1, 1)])


def test_a_free_place_a_trainee_prefers_blocks_when_the_host_has_room():
    problem = case([trainee(1)], [assignment(1, capacity=2), assignment(2)], {(1, 1): 1, (1, 2): 2})

    evaluated = placement_allocation_evaluate(**problem, allocation={1: 2})

    assert evaluated.blocking_pairs == [(1, 1)]


# --- explanations --------------------------------------------------------------------------------------------


def test_each_placement_is_explained_in_plain_words():
    person = trainee(1, organisation=3, track=FINANCIAL)
    offer = assignment(1, host=4, track=FINANCIAL, track_name="Financieel traineeship")
    history = {1: History(frozenset(), frozenset({2}))}

    result = placement_allocation_propose(
        **case([person], [offer], {(1, 1): 1}, host_ranks={(1, 1): 2}, history=history)
    )

    assert texts(result.explanations[1]) == [
        "your 1st choice",
        "the host ranked you 2nd",
        "a different organisation than your earlier placements",
        "track: Financieel traineeship",
    ]
    assert result.choice_counts == {1: 1}


def test_an_explanation_is_stored_as_message_ids_and_read_in_the_readers_language():
    result = placement_allocation_propose(**case([trainee(1)], [assignment(1)], {(1, 1): 4}, {(1, 1): 5, (2, 1): 1}))
    stored = reasons_to_text(result.explanations[1])

    assert texts(reasons_from_text(stored)) == ["your choice number 4", "the host ranked you number 5"]
    assert texts(reasons_from_text("Door HR met de trainee afgesproken.")) == ["Door HR met de trainee afgesproken."]
    assert reasons_from_text("") == []
