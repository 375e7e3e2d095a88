"""The coach matching optimiser: hard rules always hold, the result is optimal (checked by brute force),
load spreads, wishes count, and every proposal is explained.

The optimiser is a pure function; most tests give it plain value objects with the attributes it reads.
"""

import itertools
import random
import time
from types import SimpleNamespace

import pytest
from django.utils import translation

from coaching.matching import (
    Wish,
    assignment_cost,
    coach_matching_propose,
    forbidden_reason,
    free_places,
    proposals_cost,
)
from coaching.models import CoachingWish, CoachMatch
from coaching.selectors import approved_coaches
from tests.factories import CoachMatchFactory, CoachProfileFactory, DepartmentFactory, ThemeFactory, UserFactory

SEED = 20210903


@pytest.fixture(autouse=True)
def _reasons_in_english():
    """The reasons are translated when read; outside a request that is the default language, Dutch."""
    with translation.override("en"):
        yield


class Themes(list):
    def all(self):
        return self


def person(pk, *, department=1, organisation=1, manager=None):
    return SimpleNamespace(pk=pk, department_id=department, organisation_id=organisation, manager_id=manager)


def coach(pk, *, user_id=None, department=1, organisation=1, capacity=3, used=0, themes=()):
    user_id = user_id if user_id is not None else 1000 + pk
    organisation_object = SimpleNamespace(pk=organisation, name=f"Gemeente {organisation}")
    user = SimpleNamespace(
        pk=user_id, department_id=department, organisation_id=organisation, organisation=organisation_object
    )
    return SimpleNamespace(
        pk=pk,
        user_id=user_id,
        user=user,
        organisation_id=organisation,
        organisation=organisation_object,
        max_coachees=capacity,
        live_matches=used,
        themes=Themes(SimpleNamespace(pk=theme_pk, name=name) for theme_pk, name in themes),
    )


def match(participant_id, coach_user_id):
    return SimpleNamespace(participant_id=participant_id, coach_id=coach_user_id)


def assigned(proposals):
    return {proposal.participant.pk: proposal.coach.pk if proposal.coach else None for proposal in proposals}


def random_case(rng, *, people, coaches):
    departments = [1, 2, 3]
    participants = [
        person(pk, department=rng.choice(departments), organisation=rng.choice([1, 1, 2]))
        for pk in range(1, people + 1)
    ]
    pool = []
    for pk in range(1, coaches + 1):
        capacity = rng.randint(1, 3)
        pool.append(
            coach(
                pk,
                department=rng.choice(departments),
                organisation=rng.choice([1, 1, 2]),
                capacity=capacity,
                used=rng.randint(0, capacity),
                themes=rng.sample([(1, "Leiderschap"), (2, "Loopbaan"), (3, "Samenwerken")], rng.randint(0, 2)),
            )
        )
    # Some participants are managed by a coach, one coach may be a participant too.
    for participant in participants:
        if pool and rng.random() < 0.2:
            participant.manager_id = rng.choice(pool).user_id
    if pool and rng.random() < 0.2:
        pool[0].user_id = pool[0].user.pk = participants[0].pk
    wishes = {}
    for participant in participants:
        if rng.random() < 0.7:
            wishes[participant.pk] = Wish(
                theme_ids=frozenset(rng.sample([1, 2, 3], rng.randint(0, 2))),
                preferred_coach_id=rng.choice([None, None, *[c.user_id for c in pool]]),
                avoid_own_department=rng.random() < 0.8,
            )
    return participants, pool, wishes


# --- hard rules --------------------------------------------------------------------------------------------


def test_the_optimiser_never_exceeds_capacity_nor_breaks_a_hard_rule_in_many_random_cases():
    rng = random.Random(SEED)
    for _case in range(300):
        participants, pool, wishes = random_case(rng, people=rng.randint(1, 9), coaches=rng.randint(0, 4))

        proposals = coach_matching_propose(participants=participants, coaches=pool, wishes=wishes)

        assert [proposal.participant.pk for proposal in proposals] == [p.pk for p in participants]
        for profile in pool:
            taken = sum(1 for proposal in proposals if proposal.coach is profile)
            assert taken <= free_places(profile, {})
            assert profile.live_matches + taken <= profile.max_coachees
        for proposal in proposals:
            assert proposal.reasons, "every proposal is explained"
            if proposal.coach is not None:
                wish = wishes.get(proposal.participant.pk, Wish())
                assert forbidden_reason(proposal.participant, proposal.coach, wish) is None
                assert proposal.coach.user_id != proposal.participant.pk
                assert proposal.coach.user_id != proposal.participant.manager_id


def test_a_participant_is_never_given_a_coach_of_their_own_department_by_default():
    participant = person(1, department=7)
    same_department = coach(1, department=7, capacity=3)

    with translation.override("en"):
        [proposal] = coach_matching_propose(participants=[participant], coaches=[same_department], wishes={})

    assert proposal.coach is None
    assert [str(reason) for reason in proposal.reasons] == ["no coach outside their own department has a free place"]


def test_a_participant_who_said_their_own_department_is_fine_may_get_a_colleague_from_it():
    participant = person(1, department=7)
    same_department = coach(1, department=7, capacity=3)
    wishes = {1: Wish(avoid_own_department=False)}

    with translation.override("en"):
        [proposal] = coach_matching_propose(participants=[participant], coaches=[same_department], wishes=wishes)

    assert proposal.coach is same_department
    assert [str(reason) for reason in proposal.reasons] == [
        "same department, which they said is fine",
        "1 of 3 places used",
    ]


def test_a_participant_is_never_given_their_own_manager_nor_themself():
    participant = person(1, department=1, manager=1002)
    themself = coach(1, user_id=1, department=2)
    manager = coach(2, user_id=1002, department=3)

    with translation.override("en"):
        [proposal] = coach_matching_propose(participants=[participant], coaches=[themself, manager], wishes={})

    assert proposal.coach is None
    assert [str(reason) for reason in proposal.reasons] == ["no coach who may coach them has a free place"]


def test_a_full_pool_leaves_participants_unmatched_with_the_reason():
    full = coach(1, department=2, capacity=2, used=2)

    with translation.override("en"):
        [proposal] = coach_matching_propose(participants=[person(1)], coaches=[full], wishes={})

    assert proposal.coach is None
    assert [str(reason) for reason in proposal.reasons] == ["no approved coach has a free place"]


def test_when_places_run_out_the_unmatched_participant_is_told_others_took_them():
    only_place = coach(1, department=2, capacity=1)

    with translation.override("en"):
        proposals = coach_matching_propose(participants=[person(1), person(2)], coaches=[only_place], wishes={})

    assert assigned(proposals) == {1: 1, 2: None}
    assert [str(reason) for reason in proposals[1].reasons] == [
        "the free places of the coaches who fit went to others in this group"
    ]


# --- existing matches ----------------------------------------------------------------------------------------


def test_an_existing_live_match_uses_a_place_and_its_participant_is_not_proposed_again():
    participants = [person(1), person(2), person(3)]
    small = coach(1, department=2, capacity=2)  # one place is already taken by participant 1
    other = coach(2, department=3, capacity=1)
    existing = [match(1, small.user_id)]

    proposals = coach_matching_propose(participants=participants, coaches=[small, other], wishes={}, existing=existing)

    assert assigned(proposals) == {2: 1, 3: 2} or assigned(proposals) == {2: 2, 3: 1}
    assert len(proposals) == 2


def test_existing_matches_count_even_when_the_live_matches_annotation_is_missing():
    profile = coach(1, department=2, capacity=1, used=0)
    existing = [match(9, profile.user_id)]

    proposals = coach_matching_propose(participants=[person(1)], coaches=[profile], wishes={}, existing=existing)

    assert assigned(proposals) == {1: None}


# --- optimality ----------------------------------------------------------------------------------------------


def brute_force_best(participants, pool, wishes, existing=()):
    best = None
    choices = [None, *[profile.pk for profile in pool]]
    for combination in itertools.product(choices, repeat=len(participants)):
        assignment = dict(zip([p.pk for p in participants], combination, strict=True))
        cost = assignment_cost(
            participants=participants, coaches=pool, wishes=wishes, existing=existing, assignment=assignment
        )
        if cost is not None and (best is None or cost < best):
            best = cost
    return best


def test_the_optimiser_is_optimal_on_small_cases_checked_against_brute_force():
    rng = random.Random(SEED)
    for _case in range(150):
        participants, pool, wishes = random_case(rng, people=rng.randint(1, 4), coaches=rng.randint(1, 3))

        proposals = coach_matching_propose(participants=participants, coaches=pool, wishes=wishes)

        found = proposals_cost(proposals=proposals, participants=participants, coaches=pool, wishes=wishes)
        assert found == brute_force_best(participants, pool, wishes)


def test_the_whole_group_is_optimised_so_that_one_more_participant_gets_a_coach():
    # Participant 1 prefers coach A, but only A may coach participant 2 (B is in 2's department):
    # one by one, 1 would take A and 2 would stay without a coach.
    first, second = person(1, department=1), person(2, department=2)
    coach_a = coach(1, department=3, capacity=1)
    coach_b = coach(2, department=2, capacity=1)
    wishes = {1: Wish(preferred_coach_id=coach_a.user_id)}

    proposals = coach_matching_propose(participants=[first, second], coaches=[coach_a, coach_b], wishes=wishes)

    assert assigned(proposals) == {1: 2, 2: 1}


# --- soft goals ----------------------------------------------------------------------------------------------


def test_the_load_spreads_when_there_are_enough_places():
    participants = [person(pk, department=9) for pk in (1, 2, 3)]
    pool = [coach(pk, department=pk, capacity=3) for pk in (1, 2, 3)]

    proposals = coach_matching_propose(participants=participants, coaches=pool, wishes={})

    assert sorted(assigned(proposals).values()) == [1, 2, 3]


def test_a_coach_who_already_coaches_is_asked_last():
    busy = coach(1, department=2, capacity=3, used=2)
    free = coach(2, department=3, capacity=3, used=0)

    proposals = coach_matching_propose(participants=[person(1)], coaches=[busy, free], wishes={})

    assert assigned(proposals) == {1: 2}


def test_shared_themes_and_the_preferred_coach_win_over_others():
    leadership = coach(1, department=2, themes=[(1, "Leiderschap")])
    career = coach(2, department=3, themes=[(2, "Loopbaan")])
    preferred = coach(3, department=4)
    wishes = {1: Wish(theme_ids=frozenset({2})), 2: Wish(theme_ids=frozenset({1})), 3: Wish(preferred_coach_id=1003)}

    proposals = coach_matching_propose(
        participants=[person(1), person(2), person(3)], coaches=[leadership, career, preferred], wishes=wishes
    )

    assert assigned(proposals) == {1: 2, 2: 1, 3: 3}


def test_a_coach_of_the_same_organisation_is_preferred_over_one_of_another_organisation():
    elsewhere = coach(1, department=2, organisation=2)
    here = coach(2, department=3, organisation=1)
    participants = [person(1), person(2), person(3)]

    with translation.override("en"):
        one = coach_matching_propose(participants=participants[:1], coaches=[elsewhere, here], wishes={})
        three = coach_matching_propose(participants=participants, coaches=[elsewhere, here], wishes={})
        reasons = [str(reason) for proposal in three if proposal.coach is elsewhere for reason in proposal.reasons]

    # The organisation's own coach first; another organisation's coach once the own coach's load weighs more.
    assert assigned(one) == {1: 2}
    assert sorted(assigned(three).values()) == [1, 2, 2]
    assert reasons == ["other department", "other organisation: Gemeente 2", "1 of 3 places used"]


def test_each_proposal_is_explained_in_short_reasons():
    participant = person(1, department=1)
    profile = coach(1, department=2, capacity=3, used=0, themes=[(1, "Leiderschap"), (2, "Loopbaan")])
    wishes = {1: Wish(theme_ids=frozenset({1}), preferred_coach_id=profile.user_id)}

    with translation.override("en"):
        [proposal] = coach_matching_propose(participants=[participant], coaches=[profile], wishes=wishes)
        reasons = [str(reason) for reason in proposal.reasons]
        explanation = proposal.explanation

    assert reasons == ["same theme: Leiderschap", "their preferred coach", "other department", "1 of 3 places used"]
    assert explanation == "same theme: Leiderschap; their preferred coach; other department; 1 of 3 places used"
    assert (proposal.places_used, proposal.capacity) == (1, 3)


def test_the_places_used_count_the_new_coachees_of_the_same_proposal():
    participants = [person(1, department=9), person(2, department=9)]
    profile = coach(1, department=2, capacity=3, used=1)

    with translation.override("en"):
        proposals = coach_matching_propose(participants=participants, coaches=[profile], wishes={})
        used = [[str(reason) for reason in proposal.reasons][-1] for proposal in proposals]

    assert used == ["2 of 3 places used", "3 of 3 places used"]


def test_the_proposal_is_the_same_whatever_the_order_of_the_input():
    rng = random.Random(SEED)
    participants, pool, wishes = random_case(rng, people=8, coaches=4)

    first = assigned(coach_matching_propose(participants=participants, coaches=pool, wishes=wishes))
    shuffled_people, shuffled_pool = participants[:], pool[:]
    rng.shuffle(shuffled_people)
    rng.shuffle(shuffled_pool)
    second = assigned(coach_matching_propose(participants=shuffled_people, coaches=shuffled_pool, wishes=wishes))

    assert first == second


# --- with the real models ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_fifteen_participants_and_six_coaches_with_three_places_are_matched_in_one_fast_step():
    departments = [DepartmentFactory(name=name) for name in ("Ruimte", "Sociaal", "Publiek", "Financiën")]
    organisation = departments[0].organisation
    for department in departments:
        department.organisation = organisation
        department.save()
    leadership = ThemeFactory(name="Leiderschap")
    for index in range(6):
        CoachProfileFactory(
            user=UserFactory(organisation=organisation, department=departments[index % 4]),
            themes=[leadership] if index % 2 else [],
        )
    participants = [UserFactory(organisation=organisation, department=departments[index % 4]) for index in range(15)]
    wish = CoachingWish.objects.create(participant=participants[0])
    wish.themes.set([leadership])
    coaches = list(approved_coaches(organisation_ids=[organisation.pk]))
    wishes = {w.participant_id: w for w in CoachingWish.objects.prefetch_related("themes")}

    started = time.perf_counter()
    proposals = coach_matching_propose(participants=participants, coaches=coaches, wishes=wishes)
    elapsed = time.perf_counter() - started

    assert elapsed < 0.5
    assert all(proposal.coach is not None for proposal in proposals)
    assert all(proposal.coach.user.department_id != proposal.participant.department_id for proposal in proposals)
    loads = sorted(sum(1 for p in proposals if p.coach.pk == c.pk) for c in coaches)
    assert loads == [2, 2, 2, 3, 3, 3]
    assert proposals[0].coach.themes.all()[0] == leadership


@pytest.mark.django_db
def test_the_live_matches_annotation_counts_a_coach_s_existing_coachees(coaching):
    CoachMatchFactory(coach=coaching.coaches[0], participant=coaching.participants[1])
    CoachMatchFactory(coach=coaching.coaches[0], participant=coaching.participants[2], status=CoachMatch.Status.ENDED)
    coaches = list(approved_coaches(organisation_ids=[coaching.organisation.pk]))
    members = [p for p in coaching.participants if p != coaching.participants[1]]

    proposals = coach_matching_propose(participants=members, coaches=coaches, wishes={})

    taken = sum(1 for proposal in proposals if proposal.coach and proposal.coach.user == coaching.coaches[0])
    assert taken <= 2
    assert len(proposals) == 5
    assert all(proposal.coach is not None for proposal in proposals)
