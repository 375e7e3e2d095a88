"""Placement rounds: programme HR creates a cohort's rounds and moves them through the project market."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from notifications.models import Notification
from participants.models import Enrolment
from placements import rounds
from placements.models import Assignment, PlacementRound
from tests.factories import AssignmentFactory, EnrolmentFactory, PlacementRoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def _rounds_url(region) -> str:
    return f"/placements/cohorts/{region.cohort.pk}/rounds/"


def _round(region, **kwargs) -> PlacementRound:
    kwargs.setdefault("status", PlacementRound.Status.COLLECTING)
    kwargs.setdefault("sequence", 1)
    return PlacementRoundFactory(cohort=region.cohort, **kwargs)


def _publish_one(region, round: PlacementRound) -> Assignment:
    host = region.members[0]
    return AssignmentFactory(round=round, host_organisation=host, supervisor=region.supervisors[host.pk])


# --- creating rounds -------------------------------------------------------------------------------------


def test_hr_creates_a_rotation_that_lasts_8_months_when_no_end_is_given(client, region):
    client.force_login(region.hr)

    response = client.post(
        _rounds_url(region), {"name": "Rotatie 1", "kind": "rotation", "sequence": 1, "starts_on": "2027-10-01"}
    )

    round = PlacementRound.objects.get(cohort=region.cohort)
    assert response.status_code == 302
    assert response["Location"] == f"/placements/rounds/{round.pk}/"
    assert (round.name, round.kind, round.sequence, round.status) == ("Rotatie 1", "rotation", 1, "collecting")
    assert (round.starts_on, round.ends_on) == (date(2027, 10, 1), date(2028, 5, 31))


def test_a_fixed_round_lasts_two_years_when_no_end_is_given(region):
    round = rounds.placement_round_create(
        cohort=region.cohort,
        name="Vaste plaatsing",
        kind="fixed",
        sequence=1,
        starts_on=date(2027, 10, 1),
        ends_on=None,
        by=region.hr,
    )

    assert round.ends_on == date(2029, 9, 30)


def test_the_form_suggests_the_next_rotation_after_the_last_round(client, region):
    _round(region, starts_on=date(2027, 10, 1), ends_on=date(2028, 5, 31))
    client.force_login(region.hr)

    initial = client.get(_rounds_url(region)).context["form"].initial

    assert (initial["kind"], initial["sequence"]) == ("rotation", 2)
    assert (initial["starts_on"], initial["ends_on"]) == (date(2028, 6, 1), date(2029, 1, 31))


def test_three_rotations_of_8_months_fill_a_two_year_traineeship_and_a_fourth_is_refused(region):
    starts_on = date(2027, 10, 1)
    for sequence in (1, 2, 3):
        round = rounds.placement_round_create(
            cohort=region.cohort,
            name=f"Rotatie {sequence}",
            kind="rotation",
            sequence=sequence,
            starts_on=starts_on,
            ends_on=None,
            by=region.hr,
        )
        starts_on = date.fromordinal(round.ends_on.toordinal() + 1)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        rounds.placement_round_create(
            cohort=region.cohort,
            name="Rotatie 4",
            kind="rotation",
            sequence=4,
            starts_on=starts_on,
            ends_on=None,
            by=region.hr,
        )

    assert refused.value.message_dict == {"kind": ["A traineeship has 3 rotations; this cohort has them all."]}
    assert list(region.cohort.placement_rounds.values_list("starts_on", "ends_on")) == [
        (date(2027, 10, 1), date(2028, 5, 31)),
        (date(2028, 6, 1), date(2029, 1, 31)),
        (date(2029, 2, 1), date(2029, 9, 30)),
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"sequence": 2, "starts_on": "2027-10-01", "ends_on": "2027-09-30"},
            "ends_on",
            "The end date must be after the start date.",
        ),
        (
            {"sequence": 1, "starts_on": "2029-01-01", "ends_on": ""},
            "sequence",
            "This cohort already has a round number 1.",
        ),
        (
            {"sequence": 2, "starts_on": "2028-05-01", "ends_on": ""},
            "starts_on",
            "The period overlaps “Rotatie 1”: a trainee has one placement at a time.",
        ),
        ({"sequence": 2, "starts_on": "2029-01-01", "kind": "client"}, "kind", None),
    ],
    ids=["end-before-start", "same-number", "overlap", "kind-not-in-pattern"],
)
def test_a_round_that_breaks_a_rule_is_refused_and_nothing_is_created(english_client, region, data, field, message):
    first = _round(region, name="Rotatie 1", starts_on=date(2027, 10, 1), ends_on=date(2028, 5, 31))
    english_client.force_login(region.hr)

    response = english_client.post(_rounds_url(region), {"name": "Rotatie 2", "kind": "rotation", **data})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert list(PlacementRound.objects.filter(cohort=region.cohort)) == [first]


def test_the_rounds_page_counts_assignments_and_trainees_who_ranked(english_client, region):
    round = _round(region, status=PlacementRound.Status.MARKET)
    published = [_publish_one(region, round) for _ in range(2)]
    AssignmentFactory(round=round, host_organisation=region.members[1], status=Assignment.Status.SUBMITTED)
    published[0].preferences.create(trainee=region.trainees[0], rank=1)
    published[1].preferences.create(trainee=region.trainees[0], rank=2)
    published[1].preferences.create(trainee=region.trainees[1], rank=1)
    english_client.force_login(region.hr)

    response = english_client.get(_rounds_url(region))

    listed = response.context["rounds"].get()
    assert (listed.submitted_count, listed.published_count, listed.ranked_count) == (1, 2, 2)
    assert round.name in response.content.decode()


# --- who may see and change rounds ---------------------------------------------------------------------


def _outsiders(region) -> dict:
    other_cohort_trainee = UserFactory(organisation=region.members[0])
    return {
        "other_hr": region.other_hr,
        "host_contact": region.contacts[region.members[0].pk],
        "trainee": region.trainees[0],
        "supervisor": region.supervisors[region.members[0].pk],
        "stranger": other_cohort_trainee,
    }


@pytest.mark.parametrize("who", ["other_hr", "host_contact", "trainee", "supervisor", "stranger"])
def test_only_programme_hr_sees_and_changes_rounds(client, region, who):
    round = _round(region)
    _publish_one(region, round)
    client.force_login(_outsiders(region)[who])

    responses = [
        client.get(_rounds_url(region)),
        client.post(
            _rounds_url(region), {"name": "Gekaapt", "kind": "rotation", "sequence": 2, "starts_on": "2029-01-01"}
        ),
        client.get(f"/placements/rounds/{round.pk}/"),
        client.post(f"/placements/rounds/{round.pk}/status/", {"to_status": "market"}),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    assert list(PlacementRound.objects.filter(cohort=region.cohort)) == [round]
    round.refresh_from_db()
    assert round.status == "collecting"
    assert not Notification.objects.exists()


# --- moving through the market -------------------------------------------------------------------------


def test_opening_the_market_tells_every_current_member_once(english_client, region):
    round = _round(region)
    _publish_one(region, round)
    withdrawn = EnrolmentFactory(cohort=region.cohort, status=Enrolment.Status.WITHDRAWN).person
    english_client.force_login(region.hr)

    response = english_client.post(f"/placements/rounds/{round.pk}/status/", {"to_status": "market"}, follow=True)

    round.refresh_from_db()
    assert round.status == "market"
    assert "The round is now “Project market open”." in response.content.decode()
    opened = Notification.objects.filter(event="market_opened")
    assert sorted(opened.values_list("recipient_id", flat=True)) == sorted(t.pk for t in region.trainees)
    assert not opened.filter(recipient=withdrawn).exists()
    assert set(opened.values_list("key", "action_url")) == {
        (f"round:{round.pk}", f"/placements/rounds/{round.pk}/market/")
    }

    english_client.post(f"/placements/rounds/{round.pk}/status/", {"to_status": "collecting"})
    english_client.post(f"/placements/rounds/{round.pk}/status/", {"to_status": "market"})

    assert Notification.objects.filter(event="market_opened").count() == len(region.trainees)


def test_the_market_cannot_open_without_a_published_assignment(english_client, region):
    round = _round(region)
    AssignmentFactory(round=round, host_organisation=region.members[0], status=Assignment.Status.SUBMITTED)
    english_client.force_login(region.hr)

    response = english_client.post(f"/placements/rounds/{round.pk}/status/", {"to_status": "market"}, follow=True)

    assert "Publish at least one assignment before you open the project market." in response.content.decode()
    round.refresh_from_db()
    assert round.status == "collecting"
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("start", "to_status", "allowed"),
    [
        ("collecting", "market", True),
        ("collecting", "allocating", False),
        ("market", "collecting", True),
        ("market", "allocating", True),
        ("allocating", "market", True),
        ("allocating", "collecting", False),
        ("allocating", "published", False),
        ("published", "market", False),
    ],
)
def test_a_round_moves_only_along_the_allowed_steps(region, start, to_status, allowed):
    round = _round(region, status=start)
    _publish_one(region, round)

    if allowed:
        rounds.placement_round_status_change(round=round, to_status=to_status, by=region.hr)
    else:
        with pytest.raises(ValidationError):
            rounds.placement_round_status_change(round=round, to_status=to_status, by=region.hr)

    round.refresh_from_db()
    assert round.status == (to_status if allowed else start)


# --- the round page -------------------------------------------------------------------------------------


def test_the_round_page_shows_the_assignments_by_status_with_review_buttons(english_client, region):
    round = _round(region)
    waiting = AssignmentFactory(
        round=round, host_organisation=region.members[0], status=Assignment.Status.SUBMITTED, title="Omgevingswet"
    )
    _publish_one(region, round)
    AssignmentFactory(
        round=round, host_organisation=region.members[1], status=Assignment.Status.REJECTED, review_note="Te vaag"
    )
    english_client.force_login(region.hr)

    response = english_client.get(f"/placements/rounds/{round.pk}/")

    content = response.content.decode()
    assert [(group["status"], len(group["assignments"])) for group in response.context["groups"]] == [
        ("submitted", 1),
        ("published", 1),
        ("rejected", 1),
        ("withdrawn", 0),
    ]
    assert f'action="/placements/assignments/{waiting.pk}/review/"' in content
    assert "Open the project market" in content
    assert "Te vaag" in content


def _round_with_assignments(region, count: int) -> PlacementRound:
    round = _round(region, status=PlacementRound.Status.MARKET)
    for index in range(count):
        host = region.members[index % 4]
        status = [Assignment.Status.SUBMITTED, Assignment.Status.PUBLISHED, Assignment.Status.REJECTED][index % 3]
        assignment = AssignmentFactory(
            round=round, host_organisation=host, supervisor=region.supervisors[host.pk], status=status
        )
        for rank, trainee in enumerate(region.trainees[: index % 4], start=1):
            assignment.preferences.create(trainee=trainee, rank=rank + index)
    return round


@pytest.mark.parametrize("size", [3, 15])
def test_the_round_page_needs_the_same_number_of_queries_however_many_assignments(
    client, region, django_assert_max_num_queries, size
):
    round = _round_with_assignments(region, size)
    client.force_login(region.hr)

    with django_assert_max_num_queries(10):
        response = client.get(f"/placements/rounds/{round.pk}/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_the_rounds_page_needs_the_same_number_of_queries_however_many_rounds(
    client, region, django_assert_max_num_queries, size
):
    for sequence in range(1, size + 1):
        round = _round(
            region, sequence=sequence, starts_on=date(2027 + sequence, 10, 1), ends_on=date(2028 + sequence, 5, 31)
        )
        _publish_one(region, round)
    client.force_login(region.hr)

    with django_assert_max_num_queries(10):
        response = client.get(_rounds_url(region))

    assert response.status_code == 200
