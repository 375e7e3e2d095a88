"""HR's coach matching page: overview, a proposal for the whole group, publishing all or nothing, ending a match."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import User
from coaching import matches
from coaching.models import CoachingSession, CoachingWish, CoachMatch
from demo.seed import seed_demo
from notifications.models import Notification
from participants.models import Enrolment
from programmes.models import Cohort
from tests.factories import (
    CoachingSessionFactory,
    CoachMatchFactory,
    CoachProfileFactory,
    EnrolmentFactory,
    OrganisationFactory,
    UserFactory,
)


def _url(coaching) -> str:
    return f"/coaching/cohorts/{coaching.cohort.pk}/matching/"


def _post_pairs(client, coaching, pairs, *, own_department=()):
    return client.post(
        _url(coaching) + "publish/",
        {
            "pair": [f"{participant.pk}={coach.pk if coach else ''}" for participant, coach in pairs],
            "own_department": [person.pk for person in own_department],
        },
    )


def _snapshot():
    return (
        list(CoachMatch.objects.order_by("pk").values_list("pk", "coach", "participant", "status", "ended_at")),
        Notification.objects.count(),
    )


def _user(coaching, who):
    return {
        "other_hr": coaching.other_hr,
        "participant": coaching.participants[1],
        "coach": coaching.coaches[0],
        "manager": coaching.manager,
    }[who]


# --- who may see and act ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_hr", "participant", "coach", "manager"])
def test_the_matching_page_is_not_found_for_anyone_but_hr_of_the_programme(client, coaching, who):
    client.force_login(_user(coaching, who))

    assert client.get(_url(coaching)).status_code == 404
    assert client.get(_url(coaching) + "?propose=1").status_code == 404


@pytest.mark.parametrize("who", ["other_hr", "participant", "coach", "manager"])
def test_nobody_else_can_publish_or_end_a_match(client, coaching, who):
    live = CoachMatchFactory(coach=coaching.coaches[1], participant=coaching.participants[0], cohort=coaching.cohort)
    before = _snapshot()
    client.force_login(_user(coaching, who))

    responses = [
        _post_pairs(client, coaching, [(coaching.participants[2], coaching.coaches[0])]),
        client.post(f"{_url(coaching)}{live.pk}/end/"),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert _snapshot() == before


def test_the_services_refuse_someone_who_is_not_hr_of_the_owner(coaching):
    live = CoachMatchFactory(coach=coaching.coaches[1], participant=coaching.participants[0], cohort=coaching.cohort)
    before = _snapshot()

    with pytest.raises(PermissionDenied):
        matches.coach_matches_publish(
            cohort=coaching.cohort, pairs=[(coaching.participants[2], coaching.coaches[0])], by=coaching.other_hr
        )
    with pytest.raises(PermissionDenied):
        matches.coach_match_end(match=live, by=coaching.other_hr)

    assert _snapshot() == before


# --- the overview -------------------------------------------------------------------------------------------


def test_hr_sees_each_member_with_their_coach_the_click_and_a_rematch_reason(english_client, coaching):
    CoachMatchFactory(
        coach=coaching.coaches[1],
        participant=coaching.participants[0],
        cohort=coaching.cohort,
        status=CoachMatch.Status.REMATCH_REQUESTED,
        rematch_requested_by=coaching.participants[0],
        rematch_reason="We zijn te vaak collega's in hetzelfde project.",
    )
    CoachMatchFactory(coach=coaching.coaches[2], participant=coaching.participants[1], cohort=coaching.cohort)
    english_client.force_login(coaching.hr)

    response = english_client.get(_url(coaching))

    assert response.status_code == 200
    rows = response.context["rows"]
    by_name = sorted(coaching.participants, key=lambda person: (person.last_name, person.first_name, person.pk))
    assert [row["person"] for row in rows] == by_name
    assert {row["person"].pk: row["match"].coach if row["match"] else None for row in rows} == {
        coaching.participants[0].pk: coaching.coaches[1],
        coaching.participants[1].pk: coaching.coaches[2],
        **{person.pk: None for person in coaching.participants[2:]},
    }
    content = response.content.decode()
    assert "Reason (for HR only): We zijn te vaak collega&#x27;s in hetzelfde project." in content
    assert "coach not yet confirmed" in content
    assert response.context["proposal_rows"] is None


def test_the_proposal_covers_everyone_without_a_coach_and_explains_each_row(english_client, coaching):
    CoachMatchFactory(coach=coaching.coaches[1], participant=coaching.participants[0], cohort=coaching.cohort)
    english_client.force_login(coaching.hr)

    response = english_client.get(_url(coaching) + "?propose=1")

    rows = response.context["proposal_rows"]
    assert [row["proposal"].participant for row in rows] == coaching.participants[1:]
    for row in rows:
        proposal = row["proposal"]
        assert proposal.coach is not None
        assert proposal.coach.user.department_id != proposal.participant.department_id
        assert row["selected"] == proposal.coach.user_id
        assert "other department" in [str(reason) for reason in proposal.reasons]
    assert response.content.decode().count('name="pair"') == 5


# --- publishing ---------------------------------------------------------------------------------------------


def test_hr_publishes_the_proposal_and_both_sides_are_introduced_once(english_client, coaching):
    english_client.force_login(coaching.hr)
    rows = english_client.get(_url(coaching) + "?propose=1").context["proposal_rows"]
    pairs = [(row["proposal"].participant, row["proposal"].coach.user) for row in rows]

    response = _post_pairs(english_client, coaching, pairs)

    assert response.status_code == 302
    created = CoachMatch.objects.filter(cohort=coaching.cohort).order_by("participant_id")
    assert [(match.participant, match.coach) for match in created] == sorted(pairs, key=lambda pair: pair[0].pk)
    assert {match.status for match in created} == {CoachMatch.Status.INTRODUCED}
    assert {match.published_by for match in created} == {coaching.hr}
    assert all("other department" in match.explanation for match in created)
    introduced = Notification.objects.filter(event="coach_match_introduced")
    assert introduced.count() == 12
    first = created.first()
    message = introduced.get(recipient=first.participant)
    assert message.key == f"match-{first.pk}"
    assert first.coach.email in message.body
    assert first.coach.department.name in message.body
    assert "confirm the click in Groeipad" in message.body
    assert message.action_url == "/coaching/my-coach/"
    assert introduced.get(recipient=first.coach, key=f"match-{first.pk}").action_url == f"/coaching/matches/{first.pk}/"

    # Publishing the same pairs again is refused (they have a coach) and sends nothing.
    again = _post_pairs(english_client, coaching, pairs)
    assert again.status_code == 200
    assert CoachMatch.objects.count() == 6
    assert Notification.objects.filter(event="coach_match_introduced").count() == 12


def test_publishing_more_participants_than_a_coach_has_places_changes_nothing(english_client, coaching):
    english_client.force_login(coaching.hr)
    people = [coaching.participants[index] for index in (0, 2, 3, 5)]  # none in coach 1's department
    before = _snapshot()

    response = _post_pairs(english_client, coaching, [(person, coaching.coaches[1]) for person in people])

    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == [
        f"{coaching.coaches[1].full_name} has 3 free places, but 4 participants were given to them."
    ]
    assert _snapshot() == before
    # The page shows HR's choices again to correct them.
    assert [row["selected"] for row in response.context["proposal_rows"]][:1] == [coaching.coaches[1].pk]


def test_a_coach_of_the_participant_s_own_department_is_refused_unless_hr_allows_it(english_client, coaching):
    english_client.force_login(coaching.hr)
    participant, colleague = coaching.participants[0], coaching.coaches[0]  # both in departments[0]
    before = _snapshot()

    refused = _post_pairs(english_client, coaching, [(participant, colleague)])

    assert [str(message) for message in refused.context["messages"]] == [
        f"{colleague.full_name} cannot coach {participant.full_name}: the coach works in their own department."
    ]
    assert _snapshot() == before

    allowed = _post_pairs(english_client, coaching, [(participant, colleague)], own_department=[participant])

    assert allowed.status_code == 302
    match = CoachMatch.objects.get()
    assert (match.participant, match.coach) == (participant, colleague)
    assert match.explanation == "same department (allowed by HR); 1 of 3 places used"


def test_a_participant_who_said_their_own_department_is_fine_may_get_a_colleague(english_client, coaching):
    participant, colleague = coaching.participants[0], coaching.coaches[0]
    CoachingWish.objects.create(participant=participant, avoid_own_department=False)
    english_client.force_login(coaching.hr)

    response = _post_pairs(english_client, coaching, [(participant, colleague)])

    assert response.status_code == 302
    assert CoachMatch.objects.get().explanation == "same department, which they said is fine; 1 of 3 places used"


@pytest.mark.parametrize("case", ["manager", "has_coach", "not_member", "not_approved", "other_pool", "self"])
def test_publishing_a_pair_that_breaks_a_rule_changes_nothing_for_any_pair(english_client, coaching, case):
    participant = coaching.participants[1]  # departments[1]
    coach = coaching.coaches[2]  # departments[2]
    expected = {
        "manager": "cannot coach",
        "has_coach": "already has a coach",
        "not_member": "is not a current member of this group",
        "not_approved": "is not an approved coach of this programme's pool",
        "other_pool": "is not an approved coach of this programme's pool",
        "self": "nobody can be their own coach",
    }[case]
    if case == "manager":
        participant = coaching.participants[0]
        coach = coaching.manager
        CoachProfileFactory(user=coach)
        CoachingWish.objects.create(participant=participant, avoid_own_department=False)
    elif case == "has_coach":
        CoachMatchFactory(coach=coaching.coaches[0], participant=participant)
    elif case == "not_member":
        participant = UserFactory(organisation=coaching.organisation, department=coaching.departments[1])
        EnrolmentFactory(cohort=coaching.cohort, person=participant, status=Enrolment.Status.WITHDRAWN)
    elif case == "not_approved":
        coach = CoachProfileFactory(volunteered=True, user=UserFactory(organisation=coaching.organisation)).user
    elif case == "other_pool":
        coach = CoachProfileFactory(user=UserFactory(organisation=OrganisationFactory())).user
    elif case == "self":
        CoachProfileFactory(user=participant)
        coach = participant
    english_client.force_login(coaching.hr)
    before = _snapshot()
    valid_pair = (coaching.participants[3], coaching.coaches[1])

    response = _post_pairs(english_client, coaching, [valid_pair, (participant, coach)])

    assert response.status_code == 200
    messages_shown = [str(message) for message in response.context["messages"]]
    assert len(messages_shown) == 1
    assert expected in messages_shown[0]
    assert _snapshot() == before


def test_a_tampered_proposal_is_refused_with_a_message(english_client, coaching):
    english_client.force_login(coaching.hr)
    before = _snapshot()

    responses = [
        english_client.post(_url(coaching) + "publish/", {"pair": ["abc"]}, follow=True),
        english_client.post(_url(coaching) + "publish/", {"pair": ["999999=1"]}, follow=True),
        english_client.post(_url(coaching) + "publish/", {}, follow=True),
    ]

    for response in responses:
        assert [str(m) for m in response.context["messages"]] == [
            "The proposal could not be read; propose the coaches again."
        ]
    assert _snapshot() == before


def test_publishing_nobody_for_everyone_is_refused(english_client, coaching):
    english_client.force_login(coaching.hr)

    response = _post_pairs(english_client, coaching, [(coaching.participants[0], None)])

    assert [str(m) for m in response.context["messages"]] == ["Choose a coach for at least one participant."]
    assert not CoachMatch.objects.exists()


# --- ending and re-matching ---------------------------------------------------------------------------------


def test_hr_ends_a_match_after_a_rematch_request_and_the_participant_is_proposed_again(english_client, coaching):
    participant = coaching.participants[0]
    match = CoachMatchFactory(
        coach=coaching.coaches[1],
        participant=participant,
        cohort=coaching.cohort,
        status=CoachMatch.Status.REMATCH_REQUESTED,
        rematch_requested_by=participant,
    )
    CoachingSessionFactory(match=match)
    english_client.force_login(coaching.hr)

    response = english_client.post(f"{_url(coaching)}{match.pk}/end/", follow=True)

    match.refresh_from_db()
    assert match.status == CoachMatch.Status.ENDED
    assert match.ended_at is not None
    assert CoachingSession.objects.filter(match=match).count() == 1  # the logs stay
    assert [str(m) for m in response.context["messages"]] == [
        f"The match of {participant.full_name} has ended. Propose a new coach below."
    ]
    proposal = english_client.get(_url(coaching) + "?propose=1").context["proposal_rows"]
    assert participant in [row["proposal"].participant for row in proposal]

    # And ending it again is not possible: it is no longer live.
    assert english_client.post(f"{_url(coaching)}{match.pk}/end/").status_code == 404
    assert CoachMatch.objects.get(pk=match.pk).ended_at == match.ended_at


def test_hr_cannot_end_the_match_of_someone_who_is_not_a_member_of_the_group(client, coaching):
    outsider = UserFactory(organisation=coaching.organisation)
    match = CoachMatchFactory(coach=coaching.coaches[1], participant=outsider)
    client.force_login(coaching.hr)

    assert client.post(f"{_url(coaching)}{match.pk}/end/").status_code == 404
    assert CoachMatch.objects.get(pk=match.pk).status == CoachMatch.Status.INTRODUCED


# --- query counts -------------------------------------------------------------------------------------------


def _grow(coaching, extra: int):
    for index in range(extra):
        person = UserFactory(organisation=coaching.organisation, department=coaching.departments[index % 3])
        EnrolmentFactory(cohort=coaching.cohort, person=person, status=Enrolment.Status.ACTIVE)
        CoachProfileFactory(user=UserFactory(organisation=coaching.organisation, department=coaching.departments[0]))
        if index % 2:
            CoachingWish.objects.create(participant=person).themes.set(coaching.coaches[0].coach_profile.themes.all())


@pytest.mark.parametrize("extra", [0, 8])
def test_the_matching_page_keeps_a_constant_number_of_queries_with_and_without_a_proposal(
    client, coaching, django_assert_num_queries, extra
):
    CoachMatchFactory(coach=coaching.coaches[1], participant=coaching.participants[0], cohort=coaching.cohort)
    CoachingWish.objects.create(participant=coaching.participants[2])
    _grow(coaching, extra)
    client.force_login(coaching.hr)
    client.get(_url(coaching))  # warm the session

    with django_assert_num_queries(13):
        overview = client.get(_url(coaching))
    with django_assert_num_queries(16):
        proposal = client.get(_url(coaching) + "?propose=1")

    assert len(overview.context["rows"]) == 6 + extra
    assert len(proposal.context["proposal_rows"]) == 5 + extra


# --- the demo: Zwolle's group of 15 in one step ---------------------------------------------------------------


def test_hr_matches_the_zwolle_demo_group_of_fifteen_in_one_step(db, english_client):
    seed_demo(today=date(2026, 11, 25))
    # The Tweede lichting has just started and nobody has a coach yet (the Najaarsgroep is matched).
    cohort = Cohort.objects.get(name="Tweede lichting", programme__owner__slug="zwolle")
    hr = User.objects.get(email="hr@zwolle.example")
    english_client.force_login(hr)

    page = english_client.get(f"/coaching/cohorts/{cohort.pk}/matching/?propose=1")
    rows = page.context["proposal_rows"]
    response = english_client.post(
        f"/coaching/cohorts/{cohort.pk}/matching/publish/",
        {"pair": [f"{row['proposal'].participant.pk}={row['selected']}" for row in rows]},
    )

    assert len(rows) == 15
    assert all(row["proposal"].coach is not None for row in rows)
    assert response.status_code == 302
    created = CoachMatch.objects.filter(cohort=cohort)
    assert created.count() == 15
    assert all(match.explanation for match in created)
    assert created.values("coach").distinct().count() >= 5  # the load is spread over the pool
    assert all(match.coach.department_id != match.participant.department_id for match in created)
    # A participant's wish for a coach is met when that coach has a place.
    assert created.get(participant__email="deelnemer18@zwolle.example").coach.email == "coach9@zwolle.example"
