"""Placement timelines: a trainee's three rotations over the programme, who may see a trainee's timeline, the
rounds still to come, assessments only for the trainee and programme HR, and HR's matrix of the group."""

from datetime import date

import pytest

from audit.models import AuditEvent
from placements import placing
from placements.models import Placement, PlacementAssessment, PlacementRound
from tests.factories import PlacementFactory
from tests.placements.test_allocation_pages import add_trainees, make_assignment, make_round, ranked_round

PUBLISHED = PlacementRound.Status.PUBLISHED
ROTATIONS = [
    (date(2026, 10, 1), date(2027, 5, 31)),
    (date(2027, 6, 1), date(2028, 1, 31)),
    (date(2028, 2, 1), date(2028, 9, 30)),
]


def three_rotations(region, trainee, *, published=3):
    """Three rounds of 8 months; the trainee is placed at a different member organisation in each published one."""
    placements = []
    for index, (starts_on, ends_on) in enumerate(ROTATIONS):
        status = PUBLISHED if index < published else PlacementRound.Status.MARKET
        round = make_round(region, sequence=index + 1, status=status, starts_on=starts_on, ends_on=ends_on)
        if index < published:
            organisation = region.members[index + 1]
            assignment = make_assignment(region, round, organisation, title=f"Opdracht {organisation.slug}")
            placements.append(PlacementFactory(assignment=assignment, trainee=trainee))
    return placements


def assess(placement, kind, text="Werkt zelfstandig en zoekt samenwerking."):
    return PlacementAssessment.objects.create(
        placement=placement, kind=kind, author=placement.assignment.supervisor, text=text
    )


def _timeline_url(region, trainee):
    return f"/placements/cohorts/{region.cohort.pk}/trainees/{trainee.pk}/timeline/"


# --- the trainee's own timeline ------------------------------------------------------------------------------


def test_a_trainee_sees_their_three_rotations_as_a_timeline(english_client, region):
    trainee = region.trainees[0]
    placements = three_rotations(region, trainee)
    english_client.force_login(trainee)

    response = english_client.get("/placements/my-placements/")

    assert response.status_code == 200
    [timeline] = response.context["timelines"]
    assert [entry.placement for entry in timeline.placed] == placements
    assert [entry.placement.assignment.host_organisation for entry in timeline.placed] == region.members[1:4]
    assert [(entry.placement.starts_on, entry.placement.ends_on) for entry in timeline.placed] == ROTATIONS
    assert (timeline.pattern, timeline.planned, timeline.to_come, timeline.unplanned) == ("rotation", 3, [], 0)
    content = response.content.decode()
    assert "Rotation: three placements of 8 months over two years, preferably at different organisations." in content
    assert "3 of 3 placements so far." in content
    assert "1 Oct 2026 – 31 May 2027" in content
    for placement in placements:
        assert placement.assignment.title in content
        assert placement.assignment.supervisor.full_name in content
    assert "36 hours a week" in content
    assert "Still to come" not in content
    assert response["Cache-Control"] == "private, no-store"


def test_the_timeline_shows_the_rounds_still_to_come_and_the_placements_not_planned_yet(english_client, region):
    trainee = region.trainees[0]
    three_rotations(region, trainee, published=1)
    PlacementRound.objects.filter(sequence=3).delete()
    english_client.force_login(trainee)

    response = english_client.get("/placements/my-placements/")

    [timeline] = response.context["timelines"]
    assert len(timeline.placed) == 1
    assert [entry.round.name for entry in timeline.to_come] == ["Rotatie 2"]
    assert timeline.unplanned == 1
    content = response.content.decode()
    assert "1 of 3 placements so far." in content
    assert "1 more placement, not planned yet" in content


def test_proposed_placements_and_other_trainees_placements_are_not_on_the_timeline(client, region):
    trainee, other = region.trainees[:2]
    round = make_round(region)
    PlacementFactory(
        assignment=make_assignment(region, round, region.members[1]), trainee=trainee, status=Placement.Status.PROPOSED
    )
    PlacementFactory(assignment=make_assignment(region, round, region.members[2]), trainee=other)
    client.force_login(trainee)

    response = client.get("/placements/my-placements/")

    [timeline] = response.context["timelines"]
    assert timeline.placed == []
    assert [entry.round for entry in timeline.to_come] == [round]  # still being allocated: to come


def test_a_trainee_reads_their_assessments_on_their_timeline_and_each_read_is_recorded(client, region):
    trainee = region.trainees[0]
    [first, *_rest] = three_rotations(region, trainee)
    midterm = assess(first, PlacementAssessment.Kind.MIDTERM, "Sterk in het contact met bewoners.")
    client.force_login(trainee)

    response = client.get("/placements/my-placements/")

    assert "Sterk in het contact met bewoners." in response.content.decode()
    assert list(AuditEvent.objects.values_list("actor", "action", "target_type", "target_id", "subject")) == [
        (trainee.pk, "viewed", "placements.placementassessment", midterm.pk, trainee.pk)
    ]


def test_someone_outside_programmes_with_placements_sees_an_empty_page(english_client, region):
    english_client.force_login(region.contacts[region.members[0].pk])

    response = english_client.get("/placements/my-placements/")

    assert response.status_code == 200
    assert response.context["timelines"] == []
    assert "You are not in a programme with placements." in response.content.decode()


# --- one trainee's timeline for HR and supervisors -----------------------------------------------------------


def test_programme_hr_sees_a_trainees_timeline_with_the_assessments(client, region):
    trainee = region.trainees[0]
    [first, *_rest] = three_rotations(region, trainee)
    midterm = assess(first, PlacementAssessment.Kind.MIDTERM, "Neemt initiatief.")
    client.force_login(region.hr)

    response = client.get(_timeline_url(region, trainee))

    assert response.status_code == 200
    assert len(response.context["timeline"].placed) == 3
    assert "Neemt initiatief." in response.content.decode()
    assert list(AuditEvent.objects.values_list("actor", "action", "target_id", "subject")) == [
        (region.hr.pk, "viewed", midterm.pk, trainee.pk)
    ]


def test_a_supervisor_of_one_placement_sees_the_whole_timeline_but_no_assessment_text(english_client, region):
    trainee = region.trainees[0]
    [first, second, _third] = three_rotations(region, trainee)
    assess(first, PlacementAssessment.Kind.MIDTERM, "Neemt initiatief.")
    english_client.force_login(second.assignment.supervisor)

    response = english_client.get(_timeline_url(region, trainee))

    assert response.status_code == 200
    assert len(response.context["timeline"].placed) == 3
    content = response.content.decode()
    assert "Neemt initiatief." not in content
    assert "mid-term given" in content
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("who", ["other_supervisor", "other_hr", "the_trainee", "other_trainee", "contact"])
def test_a_trainees_timeline_is_not_found_for_anyone_else(client, region, who):
    trainee, other = region.trainees[:2]
    three_rotations(region, trainee)
    elsewhere = make_assignment(region, make_round(region, sequence=9, status=PUBLISHED), region.members[0])
    PlacementFactory(assignment=elsewhere, trainee=other)
    user = {
        "other_supervisor": elsewhere.supervisor,  # supervises another trainee of the same cohort
        "other_hr": region.other_hr,
        "the_trainee": trainee,
        "other_trainee": other,
        "contact": region.contacts[region.members[1].pk],
    }[who]
    client.force_login(user)

    assert client.get(_timeline_url(region, trainee)).status_code == 404
    assert not AuditEvent.objects.exists()


def test_a_timeline_of_someone_outside_the_cohort_is_not_found_even_for_hr(client, region):
    client.force_login(region.hr)

    assert client.get(_timeline_url(region, region.other_hr)).status_code == 404


# --- the group's matrix for HR ----------------------------------------------------------------------------------


def test_hr_sees_the_groups_placements_per_round(english_client, region):
    trainee = region.trainees[0]
    placements = three_rotations(region, trainee)
    english_client.force_login(region.hr)

    response = english_client.get(f"/placements/cohorts/{region.cohort.pk}/placements/")

    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert [round.name for round in matrix.rounds] == ["Rotatie 1", "Rotatie 2", "Rotatie 3"]
    cells = dict(matrix.rows)
    assert cells[trainee] == placements
    assert cells[region.trainees[1]] == [None, None, None]
    assert placements[0].assignment.host_organisation.name in response.content.decode()


def test_the_groups_placements_are_not_found_for_hr_of_another_organisation(client, region):
    client.force_login(region.other_hr)

    assert client.get(f"/placements/cohorts/{region.cohort.pk}/placements/").status_code == 404


@pytest.mark.parametrize("extra", [0, 10])
def test_the_groups_placements_page_reads_in_a_constant_number_of_queries(
    client, region, django_assert_num_queries, extra
):
    add_trainees(region, extra)
    three_rotations(region, region.trainees[0])
    for index, trainee in enumerate(region.trainees[1:], start=1):
        round = PlacementRound.objects.get(sequence=1 + index % 3)
        PlacementFactory(assignment=make_assignment(region, round, region.members[index % 4]), trainee=trainee)
    client.force_login(region.hr)

    # Session and user (2), roles and HR organisations (3), the cohort, rounds, members, placements (4), unread (1).
    with django_assert_num_queries(10):
        response = client.get(f"/placements/cohorts/{region.cohort.pk}/placements/")

    assert len(response.context["matrix"].rows) == 6 + extra


@pytest.mark.parametrize("extra_rounds", [0, 2])
def test_a_timeline_reads_in_a_constant_number_of_queries(client, region, django_assert_num_queries, extra_rounds):
    trainee = region.trainees[0]
    placements = three_rotations(region, trainee)
    for index in range(extra_rounds):
        round = make_round(
            region,
            sequence=10 + index,
            status=PUBLISHED,
            starts_on=date(2029, 1 + index, 1),
            ends_on=date(2029, 1 + index, 28),
        )
        assignment = make_assignment(region, round, region.members[0])
        placements.append(PlacementFactory(assignment=assignment, trainee=trainee))
    for placement in placements:
        assess(placement, PlacementAssessment.Kind.MIDTERM)
    client.force_login(trainee)

    # Session and user (2), roles (2), cohorts, rounds, placements, assessments (4), the audit events (1), unread (1).
    with django_assert_num_queries(10):
        response = client.get("/placements/my-placements/")

    assert len(response.context["timelines"][0].placed) == 3 + extra_rounds


def test_the_trainee_reads_why_they_got_their_placement_and_the_supervisor_does_not(english_client, region):
    round, _assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    placing.round_publish(round=round, by=region.hr)
    trainee = region.trainees[0]
    placement = Placement.objects.select_related("assignment").get(round=round, trainee=trainee)
    english_client.force_login(trainee)

    mine = english_client.get("/placements/my-placements/").content.decode()
    english_client.force_login(placement.assignment.supervisor)
    supervisor_view = english_client.get(_timeline_url(region, trainee)).content.decode()

    assert "Why this placement" in mine and "your 1st choice" in mine
    assert "Why this placement" not in supervisor_view and "your 1st choice" not in supervisor_view
