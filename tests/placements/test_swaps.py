"""AV VIB's job swaps: offers, a proposal round for the twelve participants of six municipalities, acceptance,
both managers' approval, declining, joint project teams, and who may do and see what (404 otherwise)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from notifications.models import Notification
from participants.models import Enrolment
from placements import swaps
from placements.forms.swaps import SwapOfferForm
from placements.models import ProjectTeam, Swap, SwapMove, SwapOffer
from tests.factories import EnrolmentFactory, SwapOfferFactory, UserFactory

# Who offers what in the designed round (participant index → own job, offered kinds, wanted kinds). Participants
# 2i and 2i+1 work for municipality i: gorinchem, giessenlanden, leerdam, zederik, molenwaard, hardinxveld.
# 0 → 2 → 4 → 0 can only be a ring; 1↔6, 3↔8, 5↔10 and 7↔9 are pairs; nobody offers what 11 wants.
DESIGNED = {
    0: ("medewerker vergunningen", "vergunningen", "financiën"),
    2: ("medewerker financiën", "financiën", "communicatie"),
    4: ("communicatieadviseur", "communicatie", "Vergunningen"),
    1: ("medewerker belastingen", "belastingen", "sociaal domein"),
    6: ("consulent sociaal domein", "sociaal domein", "belastingen"),
    3: ("inkoper", "inkoop", "ict"),
    8: ("medewerker ict", "ict", "inkoop"),
    5: ("archiefmedewerker", "archief", "groen"),
    10: ("medewerker groen", "groen", "archief"),
    7: ("opzichter wegen", "wegen", "evenementen"),
    9: ("evenementencoördinator", "evenementen", "wegen"),
    11: ("medewerker burgerzaken", "burgerzaken", "toerisme"),
}


def make_offers(world, indexes=None) -> dict[int, SwapOffer]:
    offers = {}
    for index in DESIGNED if indexes is None else indexes:
        job, offered, wanted = DESIGNED[index]
        offers[index] = SwapOfferFactory(
            cohort=world.cohort,
            participant=world.participants[index],
            own_job=job,
            job_kinds_offered=offered,
            job_kinds_wanted=wanted,
        )
    return offers


def propose(world, **kwargs) -> swaps.SwapRound:
    return swaps.swaps_propose(cohort=world.cohort, by=world.hr, starts_on=date(2027, 10, 1), **kwargs)


def manager_of(world, person):
    return world.managers[person.organisation_id]


def ring_of(world) -> Swap:
    return Swap.objects.get(moves__participant=world.participants[0])


def moves_in_order(swap) -> list[SwapMove]:
    return list(swap.moves.select_related("participant", "host_offer__participant").order_by("pk"))


def approve_everything(world, swap, *, skip_last: bool = False) -> None:
    moves = moves_in_order(swap)
    for move in moves:
        swaps.swap_move_accept(move=move, participant=move.participant)
    steps = [(move, swaps.HOME) for move in moves] + [(move, swaps.HOST) for move in moves]
    if skip_last:
        steps = steps[:-1]
    for move, side in steps:
        person = move.participant if side == swaps.HOME else move.host_offer.participant
        swaps.swap_move_approve(move=move, manager=manager_of(world, person), side=side)


def state(swap) -> list[tuple]:
    return [
        (move.accepted_at, move.home_manager_approved_at, move.host_manager_approved_at, move.declined_at)
        for move in moves_in_order(swap)
    ] + [Swap.objects.get(pk=swap.pk).status]


# --- offers ------------------------------------------------------------------------------------------------


def test_a_current_member_offers_their_job_and_can_change_it(swap_world):
    person = swap_world.participants[0]

    swaps.swap_offer_save(
        cohort=swap_world.cohort,
        participant=person,
        own_job=" medewerker vergunningen ",
        job_kinds_offered="Vergunningen,, handhaving ",
        job_kinds_wanted="financiën",
    )
    offer = swaps.swap_offer_save(
        cohort=swap_world.cohort,
        participant=person,
        own_job="medewerker vergunningen",
        job_kinds_offered="vergunningen",
        job_kinds_wanted="financiën, communicatie",
    )

    assert SwapOffer.objects.filter(cohort=swap_world.cohort).count() == 1
    assert (offer.own_job, offer.job_kinds_offered, offer.job_kinds_wanted) == (
        "medewerker vergunningen",
        "vergunningen",
        "financiën, communicatie",
    )


def test_an_offer_needs_kinds_of_work(english_client, swap_world):
    english_client.force_login(swap_world.participants[0])

    response = english_client.post(
        f"/placements/cohorts/{swap_world.cohort.pk}/swap/offer/",
        {"own_job": "medewerker", "job_kinds_offered": " , ", "job_kinds_wanted": "financiën"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"job_kinds_offered": ["Name at least one kind of work."]}
    assert not SwapOffer.objects.exists()


def test_the_offer_form_writes_the_kinds_of_work_one_way():
    form = SwapOfferForm(
        data={
            "own_job": " medewerker vergunningen ",
            "job_kinds_offered": "Vergunningen,, handhaving ",
            "job_kinds_wanted": "financiën",
        }
    )

    assert form.is_valid()
    assert form.cleaned_data == {
        "own_job": "medewerker vergunningen",
        "own_job_description": "",
        "job_kinds_offered": "Vergunningen, handhaving",
        "job_kinds_wanted": "financiën",
    }


@pytest.mark.parametrize("who", ["withdrawn", "outsider"])
def test_only_a_current_member_can_offer_their_job(swap_world, who):
    person = UserFactory(organisation=swap_world.municipalities[0])
    if who == "withdrawn":
        EnrolmentFactory(cohort=swap_world.cohort, person=person, status=Enrolment.Status.WITHDRAWN)

    with pytest.raises(PermissionDenied):
        swaps.swap_offer_save(
            cohort=swap_world.cohort,
            participant=person,
            own_job="medewerker",
            job_kinds_offered="a",
            job_kinds_wanted="b",
        )

    assert not SwapOffer.objects.exists()


def test_an_offer_cannot_change_while_its_participant_is_in_a_swap(swap_world):
    offers = make_offers(swap_world)
    propose(swap_world)

    with pytest.raises(ValidationError):
        swaps.swap_offer_save(
            cohort=swap_world.cohort,
            participant=swap_world.participants[0],
            own_job="iets anders",
            job_kinds_offered="x",
            job_kinds_wanted="y",
        )

    assert SwapOffer.objects.get(pk=offers[0].pk).own_job == "medewerker vergunningen"


# --- proposing ---------------------------------------------------------------------------------------------


def test_the_twelve_participant_round_yields_pairs_and_a_ring_between_municipalities(swap_world):
    make_offers(swap_world)
    people = swap_world.participants

    result = propose(swap_world)

    shapes = sorted(
        [move.participant_id for move in moves_in_order(swap)] for swap in Swap.objects.filter(cohort=swap_world.cohort)
    )
    assert shapes == sorted(
        [
            [people[0].pk, people[2].pk, people[4].pk],
            [people[1].pk, people[6].pk],
            [people[3].pk, people[8].pk],
            [people[5].pk, people[10].pk],
            [people[7].pk, people[9].pk],
        ]
    )
    ring = ring_of(swap_world)
    assert [move.host_offer.participant_id for move in moves_in_order(ring)] == [
        people[2].pk,
        people[4].pk,
        people[0].pk,
    ]
    assert (ring.status, ring.starts_on, ring.ends_on) == (Swap.Status.PROPOSED, date(2027, 10, 1), date(2027, 12, 31))
    with translation.override("en"):
        assert {key: str(reason) for key, reason in result.proposal.left_out.items()} == {
            people[11].pk: "nobody in another municipality offers the kind of work you want to try"
        }


def test_no_move_in_a_proposal_ever_joins_two_people_of_one_municipality(swap_world):
    # Colleagues of one municipality want each other's work; only one of them can swap, with giessenlanden.
    a, b, c = swap_world.participants[0], swap_world.participants[1], swap_world.participants[2]
    for person, offered, wanted in ((a, "vergunningen", "wmo"), (b, "wmo", "vergunningen"), (c, "wmo", "vergunningen")):
        SwapOfferFactory(
            cohort=swap_world.cohort, participant=person, job_kinds_offered=offered, job_kinds_wanted=wanted
        )

    result = propose(swap_world)

    moves = SwapMove.objects.select_related("participant", "host_offer__participant").order_by("pk")
    assert [(move.participant, move.host_offer.participant) for move in moves] == [(a, c), (c, a)]
    assert all(move.participant.organisation_id != move.host_offer.participant.organisation_id for move in moves)
    assert list(result.proposal.left_out) == [b.pk]


def test_each_participant_of_a_proposed_swap_is_told_once(swap_world):
    make_offers(swap_world)

    propose(swap_world)

    told = Notification.objects.filter(event="swap_proposed")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(p.pk for p in swap_world.participants[:11])
    first = told.get(recipient=swap_world.participants[0])
    assert first.action_url == "/placements/my-swap/"


def test_proposing_again_replaces_proposed_swaps_and_leaves_final_ones_alone(swap_world):
    make_offers(swap_world)
    propose(swap_world)
    ring = ring_of(swap_world)
    approve_everything(swap_world, ring)
    proposed_before = set(Swap.objects.filter(status=Swap.Status.PROPOSED).values_list("pk", flat=True))

    propose(swap_world)

    assert Swap.objects.get(pk=ring.pk).status == Swap.Status.FINAL
    assert [move.participant for move in moves_in_order(ring)] == [swap_world.participants[i] for i in (0, 2, 4)]
    proposed_after = set(Swap.objects.filter(status=Swap.Status.PROPOSED).values_list("pk", flat=True))
    assert len(proposed_after) == 4 and not proposed_before & proposed_after
    in_final = {p.pk for p in (swap_world.participants[i] for i in (0, 2, 4))}
    assert not SwapMove.objects.filter(swap__status=Swap.Status.PROPOSED, participant_id__in=in_final).exists()


def test_someone_without_a_manager_is_left_out_with_a_reason(swap_world):
    make_offers(swap_world, indexes=[1, 6])
    person = swap_world.participants[6]
    person.manager = None
    person.save()

    result = propose(swap_world)

    assert result.swaps == []
    with translation.override("en"):
        assert str(result.proposal.left_out[person.pk]) == "no manager is registered to approve a swap"


def test_hr_of_another_organisation_cannot_propose_and_nothing_is_written(swap_world):
    make_offers(swap_world)

    with pytest.raises(PermissionDenied):
        swaps.swaps_propose(cohort=swap_world.cohort, by=swap_world.other_hr)

    assert not Swap.objects.exists()
    assert not Notification.objects.exists()


# --- accepting and approving -------------------------------------------------------------------------------


def test_a_swap_is_final_only_after_every_move_is_accepted_and_approved_by_both_managers(swap_world):
    make_offers(swap_world)
    propose(swap_world)
    ring = ring_of(swap_world)

    approve_everything(swap_world, ring, skip_last=True)

    assert Swap.objects.get(pk=ring.pk).status == Swap.Status.PROPOSED
    assert not Notification.objects.filter(event="swap_final").exists()

    last = moves_in_order(ring)[-1]
    swaps.swap_move_approve(move=last, manager=manager_of(swap_world, last.host_offer.participant), side=swaps.HOST)

    ring.refresh_from_db()
    assert ring.status == Swap.Status.FINAL
    assert ring.final_at is not None
    people = [swap_world.participants[i] for i in (0, 2, 4)]
    managers = [manager_of(swap_world, person) for person in people]
    assert set(Notification.objects.filter(event="swap_final").values_list("recipient_id", flat=True)) == {
        person.pk for person in people + managers
    }


def test_approval_is_refused_before_the_participant_accepted(swap_world):
    make_offers(swap_world)
    propose(swap_world)
    move = moves_in_order(ring_of(swap_world))[0]

    with pytest.raises(ValidationError):
        swaps.swap_move_approve(move=move, manager=manager_of(swap_world, move.participant), side=swaps.HOME)

    move.refresh_from_db()
    assert move.home_manager_approved_at is None


def test_accepting_asks_both_managers_once(swap_world):
    make_offers(swap_world)
    propose(swap_world)
    move = moves_in_order(ring_of(swap_world))[0]

    swaps.swap_move_accept(move=move, participant=move.participant)
    swaps.swap_move_accept(move=move, participant=move.participant)

    asked = Notification.objects.filter(event="swap_approval_requested").order_by("key")
    assert [(n.recipient_id, n.key) for n in asked] == [
        (manager_of(swap_world, move.participant).pk, f"swap-move:{move.pk}:home"),
        (manager_of(swap_world, move.host_offer.participant).pk, f"swap-move:{move.pk}:host"),
    ]


def test_one_manager_approves_as_home_manager_and_as_host_manager_for_different_moves(swap_world):
    make_offers(swap_world, indexes=[1, 6])
    propose(swap_world)
    pair = Swap.objects.get()
    going, coming = moves_in_order(pair)  # participant 1 (gorinchem) → 6's job, and 6 → 1's job
    gorinchem_manager = manager_of(swap_world, going.participant)
    for move in (going, coming):
        swaps.swap_move_accept(move=move, participant=move.participant)

    swaps.swap_move_approve(move=going, manager=gorinchem_manager, side=swaps.HOME)
    swaps.swap_move_approve(move=coming, manager=gorinchem_manager, side=swaps.HOST)

    going.refresh_from_db()
    coming.refresh_from_db()
    assert going.home_manager_approved_at is not None and going.host_manager_approved_at is None
    assert coming.host_manager_approved_at is not None and coming.home_manager_approved_at is None


@pytest.mark.parametrize("who", ["other_municipality", "home_as_host"])
def test_a_manager_who_is_not_the_persons_manager_is_refused_and_nothing_changes(swap_world, who):
    make_offers(swap_world)
    propose(swap_world)
    move = moves_in_order(ring_of(swap_world))[0]  # participant 0 (gorinchem) takes over 2's job (giessenlanden)
    swaps.swap_move_accept(move=move, participant=move.participant)
    before = state(move.swap)
    if who == "other_municipality":
        manager, side = swap_world.managers[swap_world.municipalities[3].pk], swaps.HOME
    else:
        manager, side = manager_of(swap_world, move.participant), swaps.HOST

    with pytest.raises(PermissionDenied):
        swaps.swap_move_approve(move=move, manager=manager, side=side)
    with pytest.raises(PermissionDenied):
        swaps.swap_move_reject(move=move, manager=manager, side=side)

    assert state(move.swap) == before


def test_a_hand_made_move_within_one_municipality_is_refused_by_the_service(swap_world):
    offers = make_offers(swap_world, indexes=[0, 1])
    swap = Swap.objects.create(cohort=swap_world.cohort, starts_on=date(2027, 10, 1), ends_on=date(2027, 12, 31))
    move = SwapMove.objects.create(swap=swap, participant=swap_world.participants[0], host_offer=offers[1])

    with pytest.raises(ValidationError):
        swaps.swap_move_accept(move=move, participant=swap_world.participants[0])

    move.refresh_from_db()
    assert move.accepted_at is None


# --- declining ---------------------------------------------------------------------------------------------


def test_declining_cancels_the_whole_swap_and_tells_the_others(swap_world):
    make_offers(swap_world)
    propose(swap_world)
    ring = ring_of(swap_world)
    first, second, third = moves_in_order(ring)
    swaps.swap_move_accept(move=first, participant=first.participant)

    swaps.swap_move_decline(move=second, participant=second.participant)

    ring.refresh_from_db()
    assert ring.status == Swap.Status.CANCELLED
    second.refresh_from_db()
    assert second.declined_at is not None
    told = Notification.objects.filter(event="swap_declined")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted([first.participant_id, third.participant_id])
    with pytest.raises(ValidationError):
        swaps.swap_move_accept(move=third, participant=third.participant)
    third.refresh_from_db()
    assert third.accepted_at is None


def test_a_manager_who_does_not_approve_cancels_the_swap_and_everyone_is_told(swap_world):
    make_offers(swap_world)
    propose(swap_world)
    ring = ring_of(swap_world)
    move = moves_in_order(ring)[0]
    swaps.swap_move_accept(move=move, participant=move.participant)

    swaps.swap_move_reject(move=move, manager=manager_of(swap_world, move.host_offer.participant), side=swaps.HOST)

    ring.refresh_from_db()
    assert ring.status == Swap.Status.CANCELLED
    assert Notification.objects.filter(event="swap_declined").count() == 3


def test_only_the_participant_of_a_move_can_accept_or_decline_it(swap_world):
    make_offers(swap_world)
    propose(swap_world)
    move = moves_in_order(ring_of(swap_world))[0]
    before = state(move.swap)

    with pytest.raises(PermissionDenied):
        swaps.swap_move_accept(move=move, participant=swap_world.participants[2])
    with pytest.raises(PermissionDenied):
        swaps.swap_move_decline(move=move, participant=swap_world.participants[2])

    assert state(move.swap) == before


# --- joint project teams -----------------------------------------------------------------------------------


def test_the_team_proposal_mixes_municipalities_and_hosts_teams_elsewhere(swap_world):
    proposal = swaps.project_teams_propose(cohort=swap_world.cohort)

    assert [len(team.members) for team in proposal] == [4, 4, 4]
    assert sorted(person.pk for team in proposal for person in team.members) == sorted(
        person.pk for person in swap_world.participants
    )
    assert all(team.municipality_count >= 3 for team in proposal)
    assert all(team.host_organisation is not None and team.works_at_host == [] for team in proposal)
    assert len({team.host_organisation.pk for team in proposal}) == 3


@pytest.mark.parametrize(("count", "sizes"), [(3, [3]), (5, [5]), (7, [4, 3]), (9, [3, 3, 3]), (13, [4, 3, 3, 3])])
def test_teams_have_three_or_four_people_where_the_numbers_allow(count, sizes):
    assert swaps.project_team_sizes(count=count) == sizes


def test_a_saved_team_moves_its_members_out_of_other_teams(swap_world):
    people = swap_world.participants
    first = swaps.project_team_save(
        cohort=swap_world.cohort, by=swap_world.hr, name="Team A", members=[people[0], people[2], people[4]]
    )

    second = swaps.project_team_save(
        cohort=swap_world.cohort,
        by=swap_world.hr,
        name="Team B",
        project="Inwerken in elkaars gemeente",
        host_organisation=swap_world.municipalities[5],
        members=[people[4], people[6]],
    )

    assert set(first.members.all()) == {people[0], people[2]}
    assert set(second.members.all()) == {people[4], people[6]}


def test_a_team_only_takes_current_members_and_nothing_is_saved_otherwise(swap_world):
    outsider = UserFactory(organisation=swap_world.municipalities[0])

    with pytest.raises(ValidationError):
        swaps.project_team_save(
            cohort=swap_world.cohort, by=swap_world.hr, name="Team", members=[swap_world.participants[0], outsider]
        )
    with pytest.raises(PermissionDenied):
        swaps.project_team_save(
            cohort=swap_world.cohort, by=swap_world.other_hr, name="Team", members=swap_world.participants[:3]
        )

    assert not ProjectTeam.objects.exists()


# --- the pages: who sees what ------------------------------------------------------------------------------


def swaps_url(world) -> str:
    return f"/placements/cohorts/{world.cohort.pk}/swaps/"


@pytest.mark.parametrize("who", ["other_hr", "participant", "manager"])
def test_the_hr_swaps_pages_are_not_found_for_anyone_but_hr_of_the_programme(client, swap_world, who):
    make_offers(swap_world)
    user = {
        "other_hr": swap_world.other_hr,
        "participant": swap_world.participants[0],
        "manager": swap_world.managers[swap_world.municipalities[0].pk],
    }[who]
    client.force_login(user)

    responses = [
        client.get(swaps_url(swap_world)),
        client.post(f"{swaps_url(swap_world)}propose/", {"starts_on": "2027-10-01"}),
        client.get(f"/placements/cohorts/{swap_world.cohort.pk}/project-teams/"),
        client.post(f"/placements/cohorts/{swap_world.cohort.pk}/project-teams/save/", {"team": "::"}),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    assert not Swap.objects.exists()
    assert not ProjectTeam.objects.exists()


def test_hr_proposes_swaps_and_sees_the_offers_the_swaps_and_who_is_left_out(english_client, swap_world):
    make_offers(swap_world, indexes=[i for i in DESIGNED if i != 7])
    english_client.force_login(swap_world.hr)

    response = english_client.post(f"{swaps_url(swap_world)}propose/", {"starts_on": "2027-10-01"}, follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "4 swaps have been proposed for 9 people; 2 left out." in page
    assert "Ring of 3 people: Gemeente Gorinchem → Gemeente Giessenlanden → Gemeente Leerdam → Gemeente Gorinchem" in (
        page
    )
    assert "wants to try: financiën — offered by medewerker financiën" in page
    assert "other municipality: Gemeente Giessenlanden" in page
    assert "nobody in another municipality offers the kind of work you want to try" in page
    assert swap_world.participants[7].last_name in page.split("No offer yet")[1].split("</ul>")[0]


def test_a_propose_without_a_date_is_refused_with_a_message(english_client, swap_world):
    make_offers(swap_world)
    english_client.force_login(swap_world.hr)

    response = english_client.post(f"{swaps_url(swap_world)}propose/", {"starts_on": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Swap.objects.exists()


def test_the_hr_swaps_page_needs_the_same_queries_for_a_small_and_a_full_round(
    client, swap_world, django_assert_max_num_queries
):
    make_offers(swap_world, indexes=[1, 6, 11])
    propose(swap_world)
    client.force_login(swap_world.hr)
    client.get(swaps_url(swap_world))  # warm the session

    with django_assert_max_num_queries(QUERIES_HR_SWAPS):
        small = client.get(swaps_url(swap_world))

    make_offers(swap_world, indexes=[i for i in DESIGNED if i not in (1, 6, 11)])
    propose(swap_world)
    approve_everything(swap_world, ring_of(swap_world))

    with django_assert_max_num_queries(QUERIES_HR_SWAPS):
        full = client.get(swaps_url(swap_world))

    assert small.status_code == full.status_code == 200
    assert full.content.decode().count('<article class="card') == 5


# session, user, roles (2), HR organisations, cohort, members, offers, swaps, moves, unread messages
QUERIES_HR_SWAPS = 11


def test_a_participant_offers_their_job_on_the_offer_page(english_client, swap_world):
    person = swap_world.participants[0]
    english_client.force_login(person)

    response = english_client.post(
        f"/placements/cohorts/{swap_world.cohort.pk}/swap/offer/",
        {"own_job": "medewerker vergunningen", "job_kinds_offered": "vergunningen", "job_kinds_wanted": "financiën"},
        follow=True,
    )

    assert response.redirect_chain == [("/placements/my-swap/", 302)]
    assert "Your offer has been saved." in response.content.decode()
    assert SwapOffer.objects.get(participant=person).job_kinds_wanted == "financiën"


@pytest.mark.parametrize("who", ["manager", "other_hr", "outsider"])
def test_the_offer_and_my_swap_pages_are_not_found_for_non_members(client, swap_world, who):
    user = {
        "manager": swap_world.managers[swap_world.municipalities[0].pk],
        "other_hr": swap_world.other_hr,
        "outsider": UserFactory(organisation=swap_world.municipalities[0]),
    }[who]
    client.force_login(user)

    responses = [
        client.get("/placements/my-swap/"),
        client.post(
            f"/placements/cohorts/{swap_world.cohort.pk}/swap/offer/",
            {"own_job": "x", "job_kinds_offered": "a", "job_kinds_wanted": "b"},
        ),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert not SwapOffer.objects.exists()


def test_a_participant_sees_their_move_and_the_ring_and_accepts_it(english_client, swap_world):
    make_offers(swap_world)
    propose(swap_world)
    person = swap_world.participants[0]
    move = SwapMove.objects.get(participant=person)
    english_client.force_login(person)

    page = english_client.get("/placements/my-swap/").content.decode()
    response = english_client.post(f"/placements/swap-moves/{move.pk}/accept/", follow=True)

    host = swap_world.participants[2]
    assert (
        f"From Oct. 1, 2027 until Dec. 31, 2027 you take over the job of {host.full_name} "
        "(medewerker financiën) at Gemeente Giessenlanden."
    ) in page
    assert "Everyone in your ring" in page
    assert page.count("<tr") == 4  # the header and the three moves
    assert "You have accepted the swap." in response.content.decode()
    move.refresh_from_db()
    assert move.accepted_at is not None


def test_a_participant_not_in_the_swap_cannot_accept_or_decline_it_and_nothing_changes(client, swap_world):
    make_offers(swap_world)
    propose(swap_world)
    move = SwapMove.objects.get(participant=swap_world.participants[0])
    before = state(move.swap)
    client.force_login(swap_world.participants[1])

    responses = [
        client.post(f"/placements/swap-moves/{move.pk}/accept/"),
        client.post(f"/placements/swap-moves/{move.pk}/decline/"),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert state(move.swap) == before
    assert not Notification.objects.filter(event__in=["swap_declined", "swap_approval_requested"]).exists()


def test_declining_on_the_page_cancels_the_swap_and_tells_the_others(english_client, swap_world):
    make_offers(swap_world)
    propose(swap_world)
    move = SwapMove.objects.get(participant=swap_world.participants[1])
    english_client.force_login(swap_world.participants[1])

    response = english_client.post(f"/placements/swap-moves/{move.pk}/decline/", follow=True)

    assert "You have declined the swap." in response.content.decode()
    assert Swap.objects.get(pk=move.swap_id).status == Swap.Status.CANCELLED
    assert list(Notification.objects.filter(event="swap_declined").values_list("recipient_id", flat=True)) == [
        swap_world.participants[6].pk
    ]


def test_both_managers_approve_on_their_page_and_the_swap_becomes_final(english_client, swap_world):
    make_offers(swap_world, indexes=[1, 6])
    propose(swap_world)
    pair = Swap.objects.get()
    for move in moves_in_order(pair):
        swaps.swap_move_accept(move=move, participant=move.participant)
    gorinchem = manager_of(swap_world, swap_world.participants[1])
    zederik = manager_of(swap_world, swap_world.participants[6])

    for manager in (gorinchem, zederik):
        english_client.force_login(manager)
        page = english_client.get("/placements/swap-approvals/").content.decode()
        assert "2 moves wait for your approval" in page
        for move in moves_in_order(pair):
            side = swaps.HOME if move.participant.manager_id == manager.pk else swaps.HOST
            response = english_client.post(f"/placements/swap-moves/{move.pk}/approve/", {"side": side})
            assert response.status_code == 302

    pair.refresh_from_db()
    assert pair.status == Swap.Status.FINAL
    assert "No job swap waits for your approval." in english_client.get("/placements/swap-approvals/").content.decode()


@pytest.mark.parametrize("who", ["other_municipality", "home_as_host"])
def test_a_manager_out_of_scope_gets_404_on_approve_and_reject_and_nothing_changes(client, swap_world, who):
    make_offers(swap_world)
    propose(swap_world)
    move = moves_in_order(ring_of(swap_world))[0]
    swaps.swap_move_accept(move=move, participant=move.participant)
    before = state(move.swap)
    if who == "other_municipality":
        manager, side = swap_world.managers[swap_world.municipalities[3].pk], swaps.HOME
    else:
        manager, side = manager_of(swap_world, move.participant), swaps.HOST
    client.force_login(manager)

    responses = [
        client.post(f"/placements/swap-moves/{move.pk}/approve/", {"side": side}),
        client.post(f"/placements/swap-moves/{move.pk}/reject/", {"side": side}),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert state(move.swap) == before
    assert not Notification.objects.filter(event__in=["swap_declined", "swap_final"]).exists()


def test_hr_saves_the_proposed_teams_and_a_participant_sees_their_team(english_client, swap_world):
    english_client.force_login(swap_world.hr)
    page = english_client.get(f"/placements/cohorts/{swap_world.cohort.pk}/project-teams/?propose=1").content.decode()
    values = [part.split('"')[0] for part in page.split('name="team" value="')[1:]]
    assert len(values) == 3

    response = english_client.post(
        f"/placements/cohorts/{swap_world.cohort.pk}/project-teams/save/", {"team": values}, follow=True
    )

    assert "3 project teams have been saved." in response.content.decode()
    teams = list(ProjectTeam.objects.filter(cohort=swap_world.cohort).order_by("name"))
    assert [team.name for team in teams] == ["Project team 1", "Project team 2", "Project team 3"]
    assert sum(team.members.count() for team in teams) == 12
    person = swap_world.participants[0]
    english_client.force_login(person)
    mine = english_client.get("/placements/my-swap/").content.decode()
    team = ProjectTeam.objects.get(members=person)
    assert "My project team" in mine and team.name in mine and team.host_organisation.name in mine


def test_the_swap_pages_are_not_found_for_a_cohort_without_job_swaps(client, region):
    client.force_login(region.hr)

    responses = [
        client.get(f"/placements/cohorts/{region.cohort.pk}/swaps/"),
        client.get(f"/placements/cohorts/{region.cohort.pk}/project-teams/"),
    ]

    assert [response.status_code for response in responses] == [404, 404]


def test_the_managers_are_asked_in_words_that_say_which_side_they_approve(swap_world):
    make_offers(swap_world, indexes=[1, 6])
    propose(swap_world)
    going = moves_in_order(Swap.objects.get())[0]  # participant 1 (gorinchem) takes over 6's job (zederik)
    for manager in swap_world.managers.values():
        manager.preferred_language = "en"
        manager.save()

    swaps.swap_move_accept(move=going, participant=going.participant)

    mover, host = going.participant, going.host_offer.participant
    home = Notification.objects.get(event="swap_approval_requested", key=f"swap-move:{going.pk}:home")
    other = Notification.objects.get(event="swap_approval_requested", key=f"swap-move:{going.pk}:host")
    assert home.subject == f"Approve a job swap of {mover.full_name}"
    assert home.body.splitlines()[0] == (
        f"{mover.full_name} has accepted a job swap: from Oct. 1, 2027 until Dec. 31, 2027 they would work as "
        "consulent sociaal domein at Gemeente Zederik. As their manager, please approve it or not."
    )
    assert other.body.splitlines()[0] == (
        f"{mover.full_name} of Gemeente Gorinchem would take over the job of {host.full_name} (consulent sociaal "
        f"domein) from Oct. 1, 2027 until Dec. 31, 2027. As the manager of {host.full_name}, please approve it or not."
    )
    assert (home.action_url, other.action_url) == ("/placements/swap-approvals/", "/placements/swap-approvals/")


def test_the_approvals_page_needs_the_same_queries_for_one_and_for_more_moves(
    english_client, swap_world, django_assert_max_num_queries
):
    make_offers(swap_world)
    propose(swap_world)
    manager = swap_world.managers[swap_world.municipalities[0].pk]  # of participants 0 (ring) and 1 (pair)
    pair = moves_in_order(Swap.objects.get(moves__participant=swap_world.participants[1]))
    for move in pair:
        swaps.swap_move_accept(move=move, participant=move.participant)
    english_client.force_login(manager)
    english_client.get("/placements/swap-approvals/")

    with django_assert_max_num_queries(QUERIES_APPROVALS):
        small = english_client.get("/placements/swap-approvals/")

    for move in moves_in_order(ring_of(swap_world)):
        swaps.swap_move_accept(move=move, participant=move.participant)

    with django_assert_max_num_queries(QUERIES_APPROVALS):
        large = english_client.get("/placements/swap-approvals/")

    assert "2 moves wait for your approval" in small.content.decode()
    assert "4 moves wait for your approval" in large.content.decode()


# session, user, roles (2), the manager's approvals badge, swaps, moves, unread messages
QUERIES_APPROVALS = 8


def test_the_project_teams_page_needs_the_same_queries_for_one_and_for_three_teams(
    client, swap_world, django_assert_max_num_queries
):
    people = swap_world.participants
    swaps.project_team_save(cohort=swap_world.cohort, by=swap_world.hr, name="Team 1", members=people[:3])
    url = f"/placements/cohorts/{swap_world.cohort.pk}/project-teams/"
    client.force_login(swap_world.hr)
    client.get(url)

    with django_assert_max_num_queries(QUERIES_TEAMS):
        client.get(url)

    for number in (2, 3):
        swaps.project_team_save(
            cohort=swap_world.cohort,
            by=swap_world.hr,
            name=f"Team {number}",
            members=people[3 * number : 3 * number + 3],
        )

    with django_assert_max_num_queries(QUERIES_TEAMS):
        response = client.get(url)

    assert response.content.decode().count('<article class="card') == 3


# session, user, roles (3), cohort, teams, their members, members (twice: list and form), hosts, unread messages
QUERIES_TEAMS = 12


def test_hr_edits_a_team_and_hr_elsewhere_gets_404_and_changes_nothing(english_client, swap_world):
    people = swap_world.participants
    team = swaps.project_team_save(cohort=swap_world.cohort, by=swap_world.hr, name="Team 1", members=people[:3])
    data = {
        "name": "Team Inwerken",
        "project": "Samen inwerken",
        "host_organisation": swap_world.municipalities[5].pk,
        "members": [people[0].pk, people[2].pk, people[4].pk],
    }
    english_client.force_login(swap_world.other_hr)

    refused = english_client.post(f"/placements/project-teams/{team.pk}/", data)

    assert refused.status_code == 404
    team.refresh_from_db()
    assert (team.name, set(team.members.all())) == ("Team 1", set(people[:3]))

    english_client.force_login(swap_world.hr)
    response = english_client.post(f"/placements/project-teams/{team.pk}/", data, follow=True)

    assert "The team has been saved." in response.content.decode()
    team.refresh_from_db()
    assert (team.name, team.project, team.host_organisation) == (
        "Team Inwerken",
        "Samen inwerken",
        swap_world.municipalities[5],
    )
    assert set(team.members.all()) == {people[0], people[2], people[4]}
