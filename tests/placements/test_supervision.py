"""Supervisors see their own trainees and write the mid-term and final assessment; a host's supervisor sees only
their own trainees (404 otherwise); assessments are personal data, every read and change is audit-logged."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from audit.models import AuditEvent
from placements import placing
from placements.models import Placement, PlacementAssessment, PlacementRound
from tests.factories import PlacementFactory
from tests.placements.test_allocation_pages import make_assignment, make_round

MIDTERM, FINAL = PlacementAssessment.Kind.MIDTERM, PlacementAssessment.Kind.FINAL


@pytest.fixture
def placed(region):
    """Two trainees at two hosts in a published rotation that started on 1 October 2025."""
    round = make_round(
        region, status=PlacementRound.Status.PUBLISHED, starts_on=date(2025, 10, 1), ends_on=date(2026, 5, 31)
    )
    mine = PlacementFactory(assignment=make_assignment(region, round, region.members[1]), trainee=region.trainees[0])
    theirs = PlacementFactory(assignment=make_assignment(region, round, region.members[2]), trainee=region.trainees[1])
    return mine, theirs


def _url(placement, kind="midterm"):
    return f"/placements/placements/{placement.pk}/assessment/{kind}/"


def _snapshot():
    return (
        list(PlacementAssessment.objects.order_by("pk").values_list("pk", "placement", "kind", "text", "author")),
        AuditEvent.objects.count(),
    )


# --- the supervisor's trainees -------------------------------------------------------------------------------


def test_a_supervisor_sees_only_their_own_trainees_with_the_period_and_the_assessments_given(
    english_client, region, placed
):
    mine, theirs = placed
    PlacementAssessment.objects.create(placement=mine, kind=MIDTERM, author=mine.assignment.supervisor, text="Goed.")
    english_client.force_login(mine.assignment.supervisor)

    response = english_client.get("/placements/supervised/")

    assert response.status_code == 200
    [row] = response.context["placements"]
    assert row == mine
    assert (row.has_midterm, row.has_final) == (True, False)
    content = response.content.decode()
    assert mine.trainee.full_name in content and theirs.trainee.full_name not in content
    assert "1 Oct 2025 – 31 May 2026" in content
    assert "Goed." not in content


def test_a_proposed_placement_is_not_on_the_supervisors_list_yet(client, region):
    round = make_round(region)
    proposed = PlacementFactory(
        assignment=make_assignment(region, round, region.members[1]),
        trainee=region.trainees[0],
        status=Placement.Status.PROPOSED,
    )
    client.force_login(proposed.assignment.supervisor)

    assert client.get("/placements/supervised/").context["placements"] == []
    assert client.get(_url(proposed)).status_code == 404


# --- writing assessments ---------------------------------------------------------------------------------------


def test_a_supervisor_writes_the_midterm_assessment_and_it_is_recorded_without_its_content(client, placed):
    mine, _theirs = placed
    supervisor = mine.assignment.supervisor
    client.force_login(supervisor)

    response = client.post(_url(mine), {"text": "Pakt de omgevingsvisie voortvarend op."})

    assert response.status_code == 302
    assessment = PlacementAssessment.objects.get()
    assert (assessment.placement, assessment.kind, assessment.author) == (mine, MIDTERM, supervisor)
    assert assessment.text == "Pakt de omgevingsvisie voortvarend op."
    assert list(AuditEvent.objects.values_list("actor", "action", "target_type", "target_id", "subject")) == [
        (supervisor.pk, "created", "placements.placementassessment", assessment.pk, mine.trainee_id)
    ]


def test_the_supervisor_reads_and_changes_their_assessment_and_both_are_recorded(client, placed):
    mine, _theirs = placed
    supervisor = mine.assignment.supervisor
    assessment = PlacementAssessment.objects.create(placement=mine, kind=MIDTERM, author=supervisor, text="Eerste.")
    client.force_login(supervisor)

    form = client.get(_url(mine))
    client.post(_url(mine), {"text": "Tweede versie."})

    assert form.status_code == 200 and "Eerste." in form.content.decode()
    assert form["Cache-Control"] == "private, no-store"
    assessment.refresh_from_db()
    assert assessment.text == "Tweede versie."
    assert list(AuditEvent.objects.order_by("pk").values_list("action", "target_id")) == [
        ("viewed", assessment.pk),
        ("updated", assessment.pk),
    ]


def test_the_final_assessment_comes_after_the_midterm(english_client, placed):
    mine, _theirs = placed
    english_client.force_login(mine.assignment.supervisor)
    before = _snapshot()

    response = english_client.post(_url(mine, "final"), {"text": "Eindoordeel."})

    assert response.status_code == 200
    assert "Write the mid-term assessment first." in response.content.decode()
    assert _snapshot() == before
    english_client.post(_url(mine), {"text": "Tussentijds."})
    english_client.post(_url(mine, "final"), {"text": "Eindoordeel."})
    assert sorted(PlacementAssessment.objects.values_list("kind", flat=True)) == ["final", "midterm"]


def test_no_assessment_before_the_placement_has_started(region, placed):
    mine, _theirs = placed
    before = _snapshot()

    with translation.override("en"), pytest.raises(ValidationError) as error:
        placing.assessment_save(
            placement=mine, kind=MIDTERM, text="Te vroeg.", by=mine.assignment.supervisor, today=date(2025, 9, 30)
        )

    assert error.value.messages == ["You can write an assessment from the first day of the placement, Oct. 1, 2025."]
    assert _snapshot() == before


def test_an_empty_assessment_is_refused(english_client, placed):
    mine, _theirs = placed
    english_client.force_login(mine.assignment.supervisor)

    response = english_client.post(_url(mine), {"text": "   "})

    assert response.status_code == 200
    assert not PlacementAssessment.objects.exists()


# --- scope: a host's supervisor sees only their own trainees ------------------------------------------------------


@pytest.mark.parametrize("who", ["other_supervisor", "programme_hr", "trainee", "contact", "other_hr"])
def test_a_hosts_supervisor_sees_only_their_own_trainees_and_anyone_else_gets_404(client, region, placed, who):
    mine, theirs = placed
    PlacementAssessment.objects.create(placement=mine, kind=MIDTERM, author=mine.assignment.supervisor, text="Goed.")
    user = {
        "other_supervisor": theirs.assignment.supervisor,
        "programme_hr": region.hr,
        "trainee": mine.trainee,
        "contact": region.contacts[region.members[1].pk],
        "other_hr": region.other_hr,
    }[who]
    before = _snapshot()
    client.force_login(user)

    responses = [
        client.get(_url(mine)),
        client.post(_url(mine), {"text": "Overschreven."}),
        client.post(_url(mine, "final"), {"text": "Overschreven."}),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert _snapshot() == before


def test_the_service_refuses_another_supervisor(placed):
    mine, theirs = placed
    before = _snapshot()

    with pytest.raises(PermissionDenied):
        placing.assessment_save(placement=mine, kind=MIDTERM, text="Niet van mij.", by=theirs.assignment.supervisor)
    with pytest.raises(PermissionDenied):
        placing.assessment_for_author(placement=mine, kind=MIDTERM, by=theirs.assignment.supervisor)

    assert _snapshot() == before


def test_an_unknown_kind_of_assessment_is_not_found(client, placed):
    mine, _theirs = placed
    client.force_login(mine.assignment.supervisor)

    assert client.get(_url(mine, "weekly")).status_code == 404
