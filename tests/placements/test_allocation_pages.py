"""HR allocates a round: run the optimiser into proposed placements, adjust a row by hand, publish and tell
trainees, supervisors and contact persons once each. Only programme HR; anyone else gets 404 and changes nothing.
"""

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from notifications.models import Notification
from participants.models import Enrolment
from placements import placing
from placements.allocation import reasons_from_text
from placements.models import Assignment, HostRanking, Placement, PlacementRound, Preference
from tests.factories import AssignmentFactory, DepartmentFactory, EnrolmentFactory, PlacementRoundFactory, UserFactory
from tests.sessions.test_attendance import chart_table

ALLOCATING = PlacementRound.Status.ALLOCATING


# --- helpers (also used by the timeline, supervision and accessibility tests) ---------------------------------


def make_round(region, *, sequence=1, status=ALLOCATING, starts_on=date(2026, 10, 1), ends_on=date(2027, 5, 31)):
    return PlacementRoundFactory(
        cohort=region.cohort,
        name=f"Rotatie {sequence}",
        sequence=sequence,
        kind=PlacementRound.Kind.ROTATION,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
    )


def make_assignment(region, round, organisation, *, title=None, capacity=1, track=None):
    kwargs = {"title": title} if title else {}
    return AssignmentFactory(
        round=round,
        host_organisation=organisation,
        supervisor=region.supervisors[organisation.pk],
        contact=region.contacts[organisation.pk],
        capacity=capacity,
        track=track,
        **kwargs,
    )


def rank(trainee, assignments):
    for position, assignment in enumerate(assignments, start=1):
        Preference.objects.create(trainee=trainee, assignment=assignment, rank=position)


def add_trainees(region, count):
    added = []
    for index in range(count):
        organisation = region.members[index % 4]
        person = UserFactory(organisation=organisation, department=DepartmentFactory(organisation=organisation))
        EnrolmentFactory(cohort=region.cohort, person=person, status=Enrolment.Status.ACTIVE)
        added.append(person)
    region.trainees.extend(added)
    return added


def ranked_round(region, *, sequence=1, status=ALLOCATING, **dates):
    """One assignment per member organisation plus a second at the first two (capacity 1 each; 6 places for 6
    trainees); every trainee ranks all of them, starting at a different place, none at their own employer first."""
    round = make_round(region, sequence=sequence, status=status, **dates)
    assignments = [make_assignment(region, round, organisation) for organisation in region.members]
    assignments += [make_assignment(region, round, organisation) for organisation in region.members[:2]]
    for index, trainee in enumerate(region.trainees):
        order = assignments[index % len(assignments) :] + assignments[: index % len(assignments)]
        order.sort(key=lambda assignment: assignment.host_organisation_id == trainee.organisation_id)
        rank(trainee, order)
    return round, assignments


def snapshot(round):
    round.refresh_from_db()
    return (
        round.status,
        round.published_at,
        list(Placement.objects.order_by("pk").values_list("pk", "trainee", "assignment", "status", "explanation")),
        Notification.objects.count(),
    )


def _url(round, suffix=""):
    return f"/placements/rounds/{round.pk}/allocation/{suffix}"


# --- running the allocation --------------------------------------------------------------------------------


def test_hr_runs_the_allocation_and_sees_the_proposal_per_trainee_with_reasons(english_client, region):
    round, assignments = ranked_round(region)
    english_client.force_login(region.hr)

    response = english_client.post(_url(round, "run/"))

    assert response.status_code == 302
    placements = list(Placement.objects.filter(round=round))
    assert len(placements) == 6
    assert {placement.status for placement in placements} == {Placement.Status.PROPOSED}
    assert {(placement.starts_on, placement.ends_on) for placement in placements} == {
        (date(2026, 10, 1), date(2027, 5, 31))
    }
    page = english_client.get(_url(round))
    assert page.status_code == 200
    overview = page.context["overview"]
    assert overview.placed_count == 6
    assert overview.choice_summary == [(1, 6), (2, 0), (3, 0)]
    assert overview.evaluation.stable is True
    content = page.content.decode()
    assert "the trainee&#x27;s 1st choice" in content  # HR reads about the trainee, not "your" (issue 10)
    assert "your 1st choice" not in content
    assert "6 got their 1st choice" in content
    assert "Stable: no trainee and host would both rather be together" in content


def test_a_new_run_replaces_the_proposal_including_hand_made_changes(region):
    round, assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    first = dict(Placement.objects.filter(round=round).values_list("trainee", "assignment"))
    trainee = region.trainees[0]
    Placement.objects.filter(round=round).exclude(trainee=trainee).delete()
    free = next(
        a for a in assignments if a.pk != first[trainee.pk] and a.host_organisation_id != trainee.organisation_id
    )
    placing.placement_set(round=round, trainee=trainee, assignment=free, by=region.hr)

    placing.round_allocation_run(round=round, by=region.hr)

    assert dict(Placement.objects.filter(round=round).values_list("trainee", "assignment")) == first


def test_the_allocation_runs_only_once_the_market_is_closed_and_never_after_publishing(region):
    round, _assignments = ranked_round(region, status=PlacementRound.Status.MARKET)
    before = snapshot(round)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        placing.round_allocation_run(round=round, by=region.hr)

    assert error.value.messages == ["Close the project market first: placements are made once the market is closed."]
    assert snapshot(round) == before
    round.status = PlacementRound.Status.PUBLISHED
    round.save()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        placing.round_allocation_run(round=round, by=region.hr)
    assert error.value.messages == ["This round has been published: its placements can no longer change."]


def test_an_infeasible_round_shows_who_cannot_be_placed_and_why(english_client, region):
    round = make_round(region)
    popular = make_assignment(region, round, region.members[1], title="Omgevingsvisie")
    rejecting = make_assignment(region, round, region.members[2], title="Energietransitie")
    first, second, third = region.trainees[:3]
    rank(first, [popular])
    rank(second, [popular])
    rank(third, [rejecting])
    HostRanking.objects.create(assignment=popular, trainee=first, rank=1)
    HostRanking.objects.create(assignment=popular, trainee=second, rank=2)
    HostRanking.objects.create(assignment=rejecting, trainee=third, not_suitable=True)
    english_client.force_login(region.hr)

    english_client.post(_url(round, "run/"))
    response = english_client.get(_url(round))

    reasons = {row.trainee.pk: [str(reason) for reason in row.reasons] for row in response.context["overview"].rows}
    with translation.override("en"):
        assert reasons == {
            first.pk: ["the trainee's 1st choice", "the host ranked the trainee 1st"],
            second.pk: ["ranked only assignments that are full"],
            third.pk: ["every assignment they ranked rejected them"],
            **{trainee.pk: ["did not rank any assignment"] for trainee in region.trainees[3:]},
        }
    assert "Who could not be placed, and why" in response.content.decode()


# --- the outcome as a chart (issue 12) -----------------------------------------------------------------------


def test_the_allocation_page_charts_how_many_got_which_choice_and_how_many_none(english_client, region):
    extra = add_trainees(region, 2)  # ranked nothing and stay unplaced, like the sixth trainee
    round = make_round(region)
    first, second, third, fourth, fifth = (
        make_assignment(region, round, organisation, capacity=2 if index == 0 else 1)
        for index, organisation in enumerate([*region.members, region.members[0]])
    )
    anna, bram, carla, daan, eva, _floor = region.trainees[:6]
    rank(anna, [first, second])
    rank(bram, [first, third])
    rank(carla, [first, second, third])
    rank(daan, [first, second, fourth, third])
    rank(eva, [first])
    for trainee, assignment in ((anna, first), (bram, first), (carla, second), (daan, third), (eva, fifth)):
        placing.placement_set(round=round, trainee=trainee, assignment=assignment, by=region.hr)
    english_client.force_login(region.hr)

    response = english_client.get(_url(round))

    overview = response.context["overview"]
    assert (overview.choice_summary, overview.other_choices, overview.not_ranked) == ([(1, 2), (2, 1), (3, 0)], 1, 1)
    assert len(overview.unplaced_rows) == 1 + len(extra)
    assert chart_table(response.content.decode(), "chart-allocation-outcome") == [
        ["1st choice", "2"],  # Anna and Bram
        ["2nd choice", "1"],  # Carla
        ["3rd choice", "0"],  # shown, so that nobody reads a missing bar as "not counted"
        ["A lower choice", "1"],  # Daan's 4th
        ["Not one they ranked", "1"],  # Eva, placed by HR
        ["Not placed", "3"],  # Floor and the two who ranked nothing
    ]
    assert sum(response.context["chart"].series[0].values) == len(overview.rows) == 8


def test_before_the_allocation_has_run_the_page_has_no_outcome_chart(english_client, region):
    round, _assignments = ranked_round(region)
    english_client.force_login(region.hr)

    response = english_client.get(_url(round))

    assert response.context["chart"] is None
    assert 'class="gp-chart"' not in response.content.decode()


def test_the_outcome_chart_leaves_out_lower_and_unranked_choices_when_nobody_got_one(english_client, region):
    round, _assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    english_client.force_login(region.hr)

    response = english_client.get(_url(round))

    assert chart_table(response.content.decode(), "chart-allocation-outcome") == [
        ["1st choice", "6"],
        ["2nd choice", "0"],
        ["3rd choice", "0"],
        ["Not placed", "0"],
    ]


# --- HR's adjustments --------------------------------------------------------------------------------------


def test_hr_places_a_trainee_by_hand_also_on_an_assignment_they_did_not_rank(english_client, region):
    round = make_round(region)
    wanted = make_assignment(region, round, region.members[1])
    unranked = make_assignment(region, round, region.members[2])
    trainee = region.trainees[0]
    rank(trainee, [wanted])
    placing.round_allocation_run(round=round, by=region.hr)
    english_client.force_login(region.hr)

    response = english_client.post(_url(round, f"trainees/{trainee.pk}/"), {"assignment": unranked.pk})

    assert response.status_code == 302
    placement = Placement.objects.get(round=round, trainee=trainee)
    assert placement.assignment == unranked
    with translation.override("en"):
        assert [str(reason) for reason in reasons_from_text(placement.explanation)] == [
            "not one you ranked",
            "the host did not rank the candidates",
            "set by HR",
        ]


@pytest.mark.parametrize("rule", ["full", "track", "not_suitable", "done_before", "other_round"])
def test_a_hand_made_placement_that_breaks_a_rule_is_refused_and_changes_nothing(region, rule):
    round = make_round(region)
    trainee, other = region.trainees[:2]
    assignment = make_assignment(region, round, region.members[1], title="Omgevingsvisie")
    if rule == "full":
        Placement.objects.create(
            round=round, trainee=other, assignment=assignment, starts_on=round.starts_on, ends_on=round.ends_on
        )
    elif rule == "track":
        assignment.track = region.financial_track
        assignment.save()
    elif rule == "not_suitable":
        HostRanking.objects.create(assignment=assignment, trainee=trainee, not_suitable=True)
    elif rule == "done_before":
        earlier = make_round(region, sequence=0, status=PlacementRound.Status.PUBLISHED, starts_on=date(2026, 1, 1))
        before = make_assignment(region, earlier, region.members[1], title="omgevingsvisie ")
        Placement.objects.create(
            round=earlier, trainee=trainee, assignment=before, starts_on=earlier.starts_on, ends_on=earlier.ends_on
        )
    else:
        assignment = make_assignment(region, make_round(region, sequence=5), region.members[1])
    before = snapshot(round)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        placing.placement_set(round=round, trainee=trainee, assignment=assignment, by=region.hr)

    assert error.value.messages == [
        {
            "full": "This assignment is full: it takes 1 trainee.",
            "track": "This placement breaks a rule: this assignment is for another track.",
            "not_suitable": "This placement breaks a rule: the host marked them as not suitable.",
            "done_before": "This placement breaks a rule: already did this assignment in an earlier placement.",
            "other_round": "Choose a published assignment of this round.",
        }[rule]
    ]
    assert snapshot(round) == before


def test_hr_removes_a_proposed_placement(english_client, region):
    round, _assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    trainee = region.trainees[0]
    english_client.force_login(region.hr)

    english_client.post(_url(round, f"trainees/{trainee.pk}/"), {"assignment": ""})

    assert not Placement.objects.filter(round=round, trainee=trainee).exists()
    assert Placement.objects.filter(round=round).count() == 5


# --- publishing ----------------------------------------------------------------------------------------------


def test_publishing_makes_every_placement_final_and_tells_everyone_once(region):
    round, _assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)

    published = placing.round_publish(round=round, by=region.hr)

    round.refresh_from_db()
    assert round.status == PlacementRound.Status.PUBLISHED and round.published_at is not None
    assert set(Placement.objects.filter(round=round).values_list("status", flat=True)) == {"published"}
    placements = list(Placement.objects.filter(round=round).select_related("assignment"))
    expected = set()
    for placement in placements:
        host = placement.assignment.host_organisation_id
        expected |= {
            ("placement_published", f"placement:{placement.pk}", placement.trainee_id),
            ("placement_supervisor_informed", f"placement:{placement.pk}", region.supervisors[host].pk),
            ("placement_contact_informed", f"placement:{placement.pk}", region.contacts[host].pk),
        }
    sent = list(Notification.objects.values_list("event", "key", "recipient"))
    assert len(sent) == len(expected) == 3 * len(published) == 18
    assert set(sent) == expected
    message = Notification.objects.get(event="placement_published", recipient=placements[0].trainee)
    assert message.action_url == "/placements/my-placements/"


def test_publishing_twice_is_refused_and_tells_nobody_again(region):
    round, _assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    placing.round_publish(round=round, by=region.hr)
    before = snapshot(round)

    with pytest.raises(ValidationError):
        placing.round_publish(round=round, by=region.hr)
    for placement in Placement.objects.filter(round=round).select_related("assignment__host_organisation"):
        placing._notify_published(placement=placement, round=round, contacts=placing._contact_persons({0}))

    assert snapshot(round) == before


def test_publishing_with_someone_unplaced_needs_hr_to_confirm(english_client, region):
    round, _assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    Placement.objects.filter(round=round, trainee=region.trainees[0]).delete()
    before = snapshot(round)
    english_client.force_login(region.hr)

    refused = english_client.post(_url(round, "publish/"))

    assert refused.status_code == 200
    assert "1 trainee of the group has no placement in this round." in refused.content.decode()
    assert snapshot(round) == before

    english_client.post(_url(round, "publish/"), {"publish_anyway": "on"})

    round.refresh_from_db()
    assert round.status == PlacementRound.Status.PUBLISHED
    assert Placement.objects.filter(round=round, status="published").count() == 5


def test_nothing_to_publish_before_a_run(region):
    round, _assignments = ranked_round(region)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        placing.round_publish(round=round, by=region.hr, publish_anyway=True)

    assert error.value.messages == ["There is nothing to publish yet: run the allocation first."]


# --- who may ------------------------------------------------------------------------------------------------


def _who(region, who):
    return {
        "other_hr": region.other_hr,
        "contact": region.contacts[region.members[0].pk],
        "supervisor": region.supervisors[region.members[0].pk],
        "trainee": region.trainees[0],
    }[who]


@pytest.mark.parametrize("who", ["other_hr", "contact", "supervisor", "trainee"])
def test_every_allocation_page_is_not_found_for_anyone_but_programme_hr_and_nothing_changes(client, region, who):
    round, assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    trainee = region.trainees[1]
    before = snapshot(round)
    client.force_login(_who(region, who))

    responses = [
        client.get(_url(round)),
        client.post(_url(round, "run/")),
        client.post(_url(round, f"trainees/{trainee.pk}/"), {"assignment": assignments[0].pk}),
        client.post(_url(round, f"trainees/{trainee.pk}/"), {"assignment": ""}),
        client.post(_url(round, "publish/"), {"publish_anyway": "on"}),
        client.get(f"/placements/cohorts/{region.cohort.pk}/placements/"),
    ]

    assert [response.status_code for response in responses] == [404] * 6
    assert snapshot(round) == before


def test_the_services_refuse_hr_of_another_organisation(region):
    round, assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    placement = Placement.objects.filter(round=round).first()
    before = snapshot(round)

    for call in (
        lambda: placing.round_allocation_run(round=round, by=region.other_hr),
        lambda: placing.placement_set(
            round=round, trainee=region.trainees[0], assignment=assignments[0], by=region.other_hr
        ),
        lambda: placing.placement_remove(placement=placement, by=region.other_hr),
        lambda: placing.round_publish(round=round, by=region.other_hr, publish_anyway=True),
    ):
        with pytest.raises(PermissionDenied):
            call()

    assert snapshot(round) == before


# --- queries ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 8])
def test_the_allocation_page_reads_in_a_constant_number_of_queries(client, region, django_assert_num_queries, extra):
    add_trainees(region, extra)
    round, _assignments = ranked_round(region)
    for organisation in region.members:
        make_assignment(region, round, organisation, capacity=2)  # more places than trainees in both sizes
    HostRanking.objects.create(assignment=_assignments[0], trainee=region.trainees[0], rank=1)
    placing.round_allocation_run(round=round, by=region.hr)
    client.force_login(region.hr)

    # Session and user (2), roles and HR organisations (3), the round, members, assignments, both sides' ranks,
    # earlier placements, this round's placements (7), the unread count (1): 13 whatever the size. The outcome
    # chart is drawn from the same overview and adds none.
    with django_assert_num_queries(13):
        response = client.get(_url(round))

    assert response.status_code == 200
    assert len(response.context["overview"].rows) == 6 + extra


# --- the "done when" ---------------------------------------------------------------------------------


def test_a_group_of_ten_with_twelve_assignments_is_placed_completely_with_explanations(english_client, region):
    add_trainees(region, 4)
    round = make_round(region)
    assignments = [
        make_assignment(region, round, organisation, title=f"Opdracht {organisation.slug} {number}")
        for organisation in region.members
        for number in (1, 2, 3)
    ]
    finance = assignments[2]
    finance.track = region.financial_track
    finance.save()
    for index, trainee in enumerate(region.trainees):
        others = [a for a in assignments if a.host_organisation_id != trainee.organisation_id]
        rank(trainee, (others[index % 5 :] + others[: index % 5])[:5])
    HostRanking.objects.create(assignment=assignments[0], trainee=region.trainees[1], not_suitable=True)
    english_client.force_login(region.hr)

    english_client.post(_url(round, "run/"))
    english_client.post(_url(round, "publish/"))

    placements = list(Placement.objects.filter(round=round).select_related("assignment"))
    assert len(placements) == 10 and {p.status for p in placements} == {"published"}
    assert len({p.trainee_id for p in placements}) == 10
    for assignment in assignments:
        assert sum(1 for p in placements if p.assignment_id == assignment.pk) <= assignment.capacity
    for placement in placements:
        assert Preference.objects.filter(trainee=placement.trainee, assignment=placement.assignment).exists()
        assert placement.assignment.track_id is None  # the cohort has no track: never the financial assignment
        assert placement.assignment.status == Assignment.Status.PUBLISHED
        with translation.override("en"):
            reasons = [str(reason) for reason in reasons_from_text(placement.explanation)]
        assert re.fullmatch(r"your (1st|2nd|3rd) choice|your choice number [45]", reasons[0])
    assert not any(p.trainee == region.trainees[1] and p.assignment == assignments[0] for p in placements)
    assert Notification.objects.filter(event="placement_published").count() == 10


def test_the_published_messages_say_where_when_and_who_supervises(region):
    round = make_round(region)
    host = region.members[1]
    assignment = make_assignment(region, round, host, title="Omgevingsvisie Heerde 2040")
    trainee = region.trainees[0]
    supervisor, contact = region.supervisors[host.pk], region.contacts[host.pk]
    for person in (trainee, supervisor, contact):
        person.preferred_language = "en"
        person.save()
    rank(trainee, [assignment])
    placing.placement_set(round=round, trainee=trainee, assignment=assignment, by=region.hr)

    placing.round_publish(round=round, by=region.hr, publish_anyway=True)

    messages = {message.event: (message.subject, message.body) for message in Notification.objects.order_by("event")}
    name, boss = trainee.full_name, supervisor.full_name
    assert messages == {
        "placement_published": (
            "Rotatie 1: your placement at Gemeente Heerde",
            "The placements of Rotatie 1 (Traineegroep oktober) have been published.\n\n"
            "Your assignment: Omgevingsvisie Heerde 2040 at Gemeente Heerde.\n"
            "When: from Oct. 1, 2026 until May 31, 2027.\n"
            f"Your supervisor: {boss}.\n\n"
            "You find your placements, and why you got this one, under My placements in Groeipad.",
        ),
        "placement_supervisor_informed": (
            f"{name} is coming to you as a trainee",
            f"{name} has been placed on your assignment “Omgevingsvisie Heerde 2040”, and you are their supervisor.\n"
            "The placement runs from Oct. 1, 2026 until May 31, 2027.\n\n"
            "Under My trainees in Groeipad you see your trainees and write the mid-term and final assessment.",
        ),
        "placement_contact_informed": (
            "Rotatie 1: a trainee is coming to Gemeente Heerde",
            f"{name} has been placed on “Omgevingsvisie Heerde 2040” at Gemeente Heerde.\n"
            f"The placement runs from Oct. 1, 2026 until May 31, 2027, supervised by {boss}.",
        ),
    }
