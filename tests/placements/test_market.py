"""The project market: trainees rank the published assignments they may take, hosts rank their candidates, and the
allocation reads both sides through market_preferences."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from participants.models import Enrolment
from placements import market
from placements.models import Assignment, HostRanking, PlacementRound, Preference
from programmes.models import Track
from tests.factories import (
    AssignmentFactory,
    CohortFactory,
    DepartmentFactory,
    EnrolmentFactory,
    PlacementFactory,
    PlacementRoundFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _market(region, *, count: int = 3, sequence: int = 1, cohort=None, **kwargs) -> tuple[PlacementRound, list]:
    round = PlacementRoundFactory(
        cohort=cohort or region.cohort, sequence=sequence, status=PlacementRound.Status.MARKET, **kwargs
    )
    assignments = []
    for index in range(count):
        host = region.members[index % 4]
        assignments.append(
            AssignmentFactory(
                round=round,
                host_organisation=host,
                supervisor=region.supervisors[host.pk],
                department=DepartmentFactory(organisation=host),
                title=f"Opdracht {index + 1}",
            )
        )
    return round, assignments


def _ranks(trainee, round) -> dict[int, int]:
    return dict(
        Preference.objects.filter(trainee=trainee, assignment__round=round).values_list("assignment_id", "rank")
    )


def _host_view(assignment) -> dict:
    return {
        trainee_id: (rank, not_suitable)
        for trainee_id, rank, not_suitable in HostRanking.objects.filter(assignment=assignment).values_list(
            "trainee_id", "rank", "not_suitable"
        )
    }


# --- the whole flow ---------------------------------------------------------------------------------------


def test_the_whole_flow_from_round_to_both_sides_preferences(client, region):
    dronten, kampen, heerde = region.members[0], region.members[2], region.members[1]
    client.force_login(region.hr)
    client.post(
        f"/placements/cohorts/{region.cohort.pk}/rounds/",
        {"name": "Rotatie 1", "kind": "rotation", "sequence": 1, "starts_on": "2027-10-01"},
    )
    round = PlacementRound.objects.get(cohort=region.cohort)

    def post_assignment(host, title):
        client.force_login(region.contacts[host.pk])
        response = client.post(
            f"/placements/rounds/{round.pk}/assignments/new/",
            {
                "title": title,
                "description": "Een opdracht van acht maanden.",
                "supervisor": region.supervisors[host.pk].pk,
                "hours_per_week": "36",
                "suits_rotation": "on",
                "capacity": "1",
            },
        )
        assert response.status_code == 302
        return Assignment.objects.get(title=title)

    omgevingswet = post_assignment(dronten, "Omgevingswet")
    begroting = post_assignment(kampen, "Begroting")
    vaag = post_assignment(heerde, "Iets met data")

    client.force_login(region.hr)
    client.post(f"/placements/assignments/{omgevingswet.pk}/review/", {"decision": "publish", "note": ""})
    client.post(f"/placements/assignments/{begroting.pk}/review/", {"decision": "publish", "note": ""})
    client.post(f"/placements/assignments/{vaag.pk}/review/", {"decision": "reject", "note": "Te vaag."})
    client.post(f"/placements/rounds/{round.pk}/status/", {"to_status": "market"})

    first, second = region.trainees[0], region.trainees[1]
    client.force_login(first)
    page = client.get(f"/placements/rounds/{round.pk}/market/")
    assert [assignment.title for assignment, _field in page.context["form"].rows()] == ["Omgevingswet", "Begroting"]
    client.post(f"/placements/rounds/{round.pk}/market/", {f"rank_{omgevingswet.pk}": "2", f"rank_{begroting.pk}": "1"})
    client.force_login(second)
    client.post(f"/placements/rounds/{round.pk}/market/", {f"rank_{omgevingswet.pk}": "1"})

    client.force_login(region.supervisors[dronten.pk])
    candidates = client.get(f"/placements/assignments/{omgevingswet.pk}/candidates/")
    assert [(p.trainee, p.rank) for p in candidates.context["form"].candidates] == sorted(
        [(first, 2), (second, 1)], key=lambda pair: (pair[0].last_name, pair[0].first_name, pair[0].pk)
    )
    client.post(
        f"/placements/assignments/{omgevingswet.pk}/candidates/",
        {f"rank_{second.pk}": "1", f"not_suitable_{first.pk}": "on"},
    )

    client.force_login(region.hr)
    client.post(f"/placements/rounds/{round.pk}/status/", {"to_status": "allocating"})
    round.refresh_from_db()
    assert round.status == "allocating"

    preferences = market.market_preferences(round=round)

    assert preferences["trainees"] == sorted(region.trainees, key=lambda t: (t.last_name, t.first_name, t.pk))
    assert preferences["assignments"] == [omgevingswet, begroting]  # by host: Gemeente Dronten, Gemeente Kampen
    assert preferences["trainee_ranks"] == {
        (first.pk, omgevingswet.pk): 2,
        (first.pk, begroting.pk): 1,
        (second.pk, omgevingswet.pk): 1,
    }
    assert preferences["host_ranks"] == {(second.pk, omgevingswet.pk): 1}
    assert preferences["not_suitable"] == {(first.pk, omgevingswet.pk)}
    assert preferences["eligible"] == {
        (trainee.pk, assignment.pk) for trainee in region.trainees for assignment in (omgevingswet, begroting)
    }
    assert preferences["previous_hosts"] == {trainee.pk: set() for trainee in region.trainees}

    client.force_login(first)
    closed = client.post(f"/placements/rounds/{round.pk}/market/", {f"rank_{omgevingswet.pk}": "1"})
    assert closed.status_code == 302
    assert _ranks(first, round) == {omgevingswet.pk: 2, begroting.pk: 1}


# --- the trainee's page -----------------------------------------------------------------------------------


def test_the_market_shows_only_published_assignments_with_their_details(english_client, region):
    round, (published,) = _market(region, count=1)
    AssignmentFactory(
        round=round, host_organisation=region.members[1], status=Assignment.Status.SUBMITTED, title="Nog niet"
    )
    AssignmentFactory(
        round=round, host_organisation=region.members[1], status=Assignment.Status.REJECTED, title="Afgewezen"
    )
    english_client.force_login(region.trainees[0])

    response = english_client.get(f"/placements/rounds/{round.pk}/market/")

    content = response.content.decode()
    assert [assignment for assignment, _field in response.context["form"].rows()] == [published]
    assert "Nog niet" not in content and "Afgewezen" not in content
    for text in (published.host_organisation.name, published.department.name, published.supervisor.full_name):
        assert text in content
    assert f'for="id_rank_{published.pk}"' in content
    assert f"Your rank for “{published.title}”" in content


def test_a_trainee_ranks_and_gaps_close_up(client, region):
    round, assignments = _market(region, count=3)
    trainee = region.trainees[0]
    client.force_login(trainee)

    response = client.post(
        f"/placements/rounds/{round.pk}/market/",
        {f"rank_{assignments[0].pk}": "3", f"rank_{assignments[2].pk}": "1", f"rank_{assignments[1].pk}": ""},
    )

    assert response.status_code == 302
    assert _ranks(trainee, round) == {assignments[2].pk: 1, assignments[0].pk: 2}


def test_saving_again_replaces_the_preferences(client, region):
    round, assignments = _market(region, count=3)
    trainee = region.trainees[0]
    market.preferences_save(round=round, trainee=trainee, ranks={assignments[0].pk: 1, assignments[1].pk: 2})
    client.force_login(trainee)

    client.post(f"/placements/rounds/{round.pk}/market/", {f"rank_{assignments[2].pk}": "1"})

    assert _ranks(trainee, round) == {assignments[2].pk: 1}


def test_a_rank_given_twice_is_refused_and_changes_nothing(english_client, region):
    round, assignments = _market(region, count=3)
    trainee = region.trainees[0]
    market.preferences_save(round=round, trainee=trainee, ranks={assignments[0].pk: 1})
    english_client.force_login(trainee)

    response = english_client.post(
        f"/placements/rounds/{round.pk}/market/", {f"rank_{assignments[1].pk}": "1", f"rank_{assignments[2].pk}": "1"}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[f"rank_{assignments[1].pk}"] == ["Rank 1 is given more than once."]
    assert errors[f"rank_{assignments[2].pk}"] == ["Rank 1 is given more than once."]
    assert _ranks(trainee, round) == {assignments[0].pk: 1}


def test_the_service_refuses_duplicate_ranks_an_unpublished_assignment_and_another_rounds_assignment(region):
    round, assignments = _market(region, count=2)
    other_round, (elsewhere,) = _market(region, count=1, sequence=2)
    waiting = AssignmentFactory(round=round, host_organisation=region.members[0], status=Assignment.Status.SUBMITTED)
    trainee = region.trainees[0]

    for ranks in (
        {assignments[0].pk: 1, assignments[1].pk: 1},
        {assignments[0].pk: 1, waiting.pk: 2},
        {elsewhere.pk: 1},
        {assignments[0].pk: 0},
    ):
        with pytest.raises(ValidationError):
            market.preferences_save(round=round, trainee=trainee, ranks=ranks)

    assert not Preference.objects.exists()


@pytest.mark.parametrize("status", ["collecting", "allocating", "published"])
def test_preferences_cannot_change_while_the_market_is_not_open(english_client, region, status):
    round, assignments = _market(region, count=2)
    trainee = region.trainees[0]
    market.preferences_save(round=round, trainee=trainee, ranks={assignments[0].pk: 1})
    PlacementRound.objects.filter(pk=round.pk).update(status=status)
    english_client.force_login(trainee)

    page = english_client.get(f"/placements/rounds/{round.pk}/market/")
    response = english_client.post(
        f"/placements/rounds/{round.pk}/market/", {f"rank_{assignments[1].pk}": "1"}, follow=True
    )

    assert page.status_code == 200
    assert page.context["form"].rows() == []
    assert assignments[0].title in page.content.decode()  # what they ranked is still shown
    assert "The project market is closed: preferences cannot change." in response.content.decode()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        market.preferences_save(round=round, trainee=trainee, ranks={assignments[1].pk: 1})
    assert refused.value.messages == ["The project market is closed: preferences cannot change."]
    assert _ranks(trainee, round) == {assignments[0].pk: 1}


@pytest.mark.parametrize("who", ["other_cohort", "withdrawn", "hr", "host_contact"])
def test_only_current_members_of_the_cohort_see_the_market_and_rank(client, region, who):
    round, assignments = _market(region, count=2)
    if who == "other_cohort":
        other = CohortFactory(programme=region.programme, name="Traineegroep april")
        user = EnrolmentFactory(cohort=other, status=Enrolment.Status.ACTIVE).person
    elif who == "withdrawn":
        user = EnrolmentFactory(cohort=region.cohort, status=Enrolment.Status.WITHDRAWN).person
    elif who == "hr":
        user = region.hr
    else:
        user = region.contacts[region.members[0].pk]
    client.force_login(user)

    responses = [
        client.get(f"/placements/rounds/{round.pk}/market/"),
        client.post(f"/placements/rounds/{round.pk}/market/", {f"rank_{assignments[0].pk}": "1"}),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert not Preference.objects.exists()
    with pytest.raises(PermissionDenied):  # the service checks membership itself
        market.preferences_save(round=round, trainee=user, ranks={assignments[0].pk: 1})
    assert not Preference.objects.exists()


# --- the rules: track, and never the same assignment twice ----------------------------------------------


def test_a_trainee_of_a_track_sees_assignments_of_that_track_or_none(client, region):
    social = TrackFactory(programme=region.programme, kind=Track.Kind.SPECIALISATION, name="Sociaal domein")
    financial_cohort = CohortFactory(programme=region.programme, name="Financieel 2027", track=region.financial_track)
    trainee = EnrolmentFactory(
        cohort=financial_cohort, person=UserFactory(organisation=region.members[0]), status=Enrolment.Status.ACTIVE
    ).person
    round, (everyone, financial, other_track) = _market(region, count=3, cohort=financial_cohort)
    Assignment.objects.filter(pk=financial.pk).update(track=region.financial_track)
    Assignment.objects.filter(pk=other_track.pk).update(track=social)
    client.force_login(trainee)

    offered = [
        assignment for assignment, _field in client.get(f"/placements/rounds/{round.pk}/market/").context["form"].rows()
    ]

    assert offered == [everyone, financial]
    with pytest.raises(ValidationError):
        market.preferences_save(round=round, trainee=trainee, ranks={other_track.pk: 1})
    assert not Preference.objects.exists()
    assert market.market_preferences(round=round)["eligible"] == {(trainee.pk, everyone.pk), (trainee.pk, financial.pk)}


def test_a_trainee_without_a_track_does_not_see_a_tracks_assignments(client, region):
    round, (everyone, financial) = _market(region, count=2)
    Assignment.objects.filter(pk=financial.pk).update(track=region.financial_track)
    client.force_login(region.trainees[0])

    offered = [
        assignment for assignment, _field in client.get(f"/placements/rounds/{round.pk}/market/").context["form"].rows()
    ]

    assert offered == [everyone]


def test_a_trainee_cannot_rank_an_assignment_they_had_in_an_earlier_round(client, region):
    dronten = region.members[0]
    first_round = PlacementRoundFactory(cohort=region.cohort, sequence=1, status=PlacementRound.Status.PUBLISHED)
    had = AssignmentFactory(round=first_round, host_organisation=dronten, title="Omgevingswet invoeren")
    veteran, newcomer = region.trainees[0], region.trainees[1]
    PlacementFactory(trainee=veteran, assignment=had)
    round, (other,) = _market(region, count=1, sequence=2)
    again = AssignmentFactory(
        round=round,
        host_organisation=dronten,
        supervisor=region.supervisors[dronten.pk],
        title="  omgevingswet  Invoeren",
    )
    client.force_login(veteran)

    offered = [
        assignment for assignment, _field in client.get(f"/placements/rounds/{round.pk}/market/").context["form"].rows()
    ]
    tampered = client.post(f"/placements/rounds/{round.pk}/market/", {f"rank_{again.pk}": "1"})

    assert offered == [other]
    assert tampered.status_code == 302 and not Preference.objects.exists()  # the field is not on the form
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        market.preferences_save(round=round, trainee=veteran, ranks={again.pk: 1})
    assert refused.value.messages == [
        "You had “  omgevingswet  Invoeren” in an earlier round; you cannot rank it again."
    ]
    assert not Preference.objects.exists()

    client.force_login(newcomer)
    assert again in [a for a, _field in client.get(f"/placements/rounds/{round.pk}/market/").context["form"].rows()]

    preferences = market.market_preferences(round=round)
    assert (veteran.pk, again.pk) not in preferences["eligible"]
    assert (newcomer.pk, again.pk) in preferences["eligible"]
    assert preferences["previous_hosts"][veteran.pk] == {dronten.pk}


# --- the host's candidates --------------------------------------------------------------------------------


def _with_candidates(region):
    round, (assignment, other) = _market(region, count=2)
    for trainee in region.trainees[:3]:
        market.preferences_save(round=round, trainee=trainee, ranks={assignment.pk: 1, other.pk: 2})
    return round, assignment, other


def test_the_host_contact_ranks_candidates_and_marks_one_not_suitable(english_client, region):
    _round, assignment, _other = _with_candidates(region)
    first, second, third = region.trainees[:3]
    english_client.force_login(region.contacts[assignment.host_organisation_id])

    page = english_client.get(f"/placements/assignments/{assignment.pk}/candidates/")
    response = english_client.post(
        f"/placements/assignments/{assignment.pk}/candidates/",
        {f"rank_{first.pk}": "3", f"rank_{third.pk}": "1", f"not_suitable_{second.pk}": "on"},
    )

    content = page.content.decode()
    assert all(trainee.full_name in content for trainee in (first, second, third))
    assert response.status_code == 302
    assert _host_view(assignment) == {third.pk: (1, False), first.pk: (2, False), second.pk: (None, True)}
    assert set(HostRanking.objects.values_list("ranked_by", flat=True)) == {
        region.contacts[assignment.host_organisation_id].pk
    }


def test_the_assignments_supervisor_ranks_its_candidates(client, region):
    _round, assignment, _other = _with_candidates(region)
    client.force_login(assignment.supervisor)

    response = client.post(
        f"/placements/assignments/{assignment.pk}/candidates/", {f"rank_{region.trainees[0].pk}": "1"}
    )

    assert response.status_code == 302
    assert _host_view(assignment) == {region.trainees[0].pk: (1, False)}


def test_ranked_and_not_suitable_at_once_is_refused_and_changes_nothing(english_client, region):
    _round, assignment, _other = _with_candidates(region)
    first = region.trainees[0]
    market.host_rankings_save(assignment=assignment, by=assignment.supervisor, rankings={first.pk: {"rank": 1}})
    english_client.force_login(assignment.supervisor)

    response = english_client.post(
        f"/placements/assignments/{assignment.pk}/candidates/",
        {f"rank_{first.pk}": "1", f"not_suitable_{first.pk}": "on", f"rank_{region.trainees[1].pk}": "2"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors[f"rank_{first.pk}"] == [
        "A candidate is either ranked or not suitable, not both."
    ]
    assert _host_view(assignment) == {first.pk: (1, False)}


def test_the_service_ranks_only_candidates_and_each_rank_once(region):
    _round, assignment, _other = _with_candidates(region)
    stranger = region.trainees[5]

    for rankings in (
        {stranger.pk: {"rank": 1, "not_suitable": False}},
        {region.trainees[0].pk: {"rank": 1}, region.trainees[1].pk: {"rank": 1}},
        {region.trainees[0].pk: {"rank": 1, "not_suitable": True}},
    ):
        with pytest.raises(ValidationError):
            market.host_rankings_save(assignment=assignment, by=assignment.supervisor, rankings=rankings)

    assert not HostRanking.objects.exists()


@pytest.mark.parametrize("who", ["other_host", "other_supervisor", "trainee", "other_hr", "programme_hr"])
def test_nobody_else_sees_or_ranks_the_candidates(client, region, who):
    _round, assignment, other = _with_candidates(region)
    market.host_rankings_save(
        assignment=assignment, by=assignment.supervisor, rankings={region.trainees[0].pk: {"rank": 1}}
    )
    user = {
        "other_host": region.contacts[other.host_organisation_id],
        "other_supervisor": other.supervisor,
        "trainee": region.trainees[0],
        "other_hr": region.other_hr,
        "programme_hr": region.hr,
    }[who]
    client.force_login(user)

    responses = [
        client.get(f"/placements/assignments/{assignment.pk}/candidates/"),
        client.post(
            f"/placements/assignments/{assignment.pk}/candidates/",
            {f"not_suitable_{region.trainees[0].pk}": "on"},
        ),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert _host_view(assignment) == {region.trainees[0].pk: (1, False)}


def test_candidates_cannot_be_ranked_when_the_market_is_closed(english_client, region):
    round, assignment, _other = _with_candidates(region)
    PlacementRound.objects.filter(pk=round.pk).update(status=PlacementRound.Status.ALLOCATING)
    english_client.force_login(assignment.supervisor)

    response = english_client.post(
        f"/placements/assignments/{assignment.pk}/candidates/", {f"rank_{region.trainees[0].pk}": "1"}, follow=True
    )

    assert "The project market is closed: candidates can no longer be ranked." in response.content.decode()
    assert not HostRanking.objects.exists()


# --- queries ----------------------------------------------------------------------------------------------


def _more_members(region, count: int) -> list:
    people = []
    for index in range(count):
        person = UserFactory(organisation=region.members[index % 4])
        EnrolmentFactory(cohort=region.cohort, person=person, status=Enrolment.Status.ACTIVE)
        people.append(person)
    return [*region.trainees, *people]


@pytest.mark.parametrize("size", [2, 12])
def test_the_market_page_needs_the_same_number_of_queries_however_many_assignments(
    client, region, django_assert_max_num_queries, size
):
    round, assignments = _market(region, count=size)
    earlier = PlacementRoundFactory(cohort=region.cohort, sequence=2, status=PlacementRound.Status.PUBLISHED)
    for trainee in region.trainees[: size // 2]:
        PlacementFactory(trainee=trainee, assignment=AssignmentFactory(round=earlier))
    market.preferences_save(
        round=round, trainee=region.trainees[0], ranks={a.pk: rank for rank, a in enumerate(assignments, 1)}
    )
    client.force_login(region.trainees[0])

    with django_assert_max_num_queries(9):
        response = client.get(f"/placements/rounds/{round.pk}/market/")

    assert len(response.context["form"].rows()) == size


@pytest.mark.parametrize("size", [2, 12])
def test_the_candidates_page_needs_the_same_number_of_queries_however_many_candidates(
    client, region, django_assert_max_num_queries, size
):
    round, (assignment,) = _market(region, count=1)
    trainees = _more_members(region, size)[:size]
    for trainee in trainees:
        market.preferences_save(round=round, trainee=trainee, ranks={assignment.pk: 1})
    market.host_rankings_save(assignment=assignment, by=assignment.supervisor, rankings={trainees[0].pk: {"rank": 1}})
    client.force_login(assignment.supervisor)

    with django_assert_max_num_queries(9):
        response = client.get(f"/placements/assignments/{assignment.pk}/candidates/")

    assert len(response.context["form"].rows()) == size


@pytest.mark.parametrize("size", [2, 12])
def test_market_preferences_reads_both_sides_in_five_queries(region, django_assert_num_queries, size):
    trainees = _more_members(region, size)
    round, assignments = _market(region, count=size, sequence=2)
    earlier = PlacementRoundFactory(cohort=region.cohort, sequence=1, status=PlacementRound.Status.PUBLISHED)
    for trainee in trainees[:size]:
        PlacementFactory(trainee=trainee, assignment=AssignmentFactory(round=earlier))
        market.preferences_save(round=round, trainee=trainee, ranks={assignments[0].pk: 1, assignments[1].pk: 2})
    market.host_rankings_save(
        assignment=assignments[0],
        by=assignments[0].supervisor,
        rankings={trainees[0].pk: {"rank": 1}, trainees[1].pk: {"not_suitable": True}},
    )

    with django_assert_num_queries(5):
        preferences = market.market_preferences(round=round)

    assert len(preferences["trainees"]) == len(trainees)
    assert len(preferences["trainee_ranks"]) == 2 * size
    assert preferences["host_ranks"] == {(trainees[0].pk, assignments[0].pk): 1}
    assert preferences["not_suitable"] == {(trainees[1].pk, assignments[0].pk)}
