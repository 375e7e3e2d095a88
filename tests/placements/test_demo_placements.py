"""The demo's placements: Talentenregio's group with rotation 1 published and the market of rotation 2 open, VNG's
client assignments, and AV VIB's twelve swap offers that allow pairs and one ring."""

import pytest
from django.db.models import F
from django.utils import timezone

from coaching.matches import current_members
from demo import programmes as demo
from demo.seed import seed_demo
from placements.models import Assignment, Placement, PlacementRound, Preference, SwapOffer
from placements.swap_matching import swap_cycles_propose
from placements.swaps import swap_offers_of
from programmes.models import Cohort

pytestmark = pytest.mark.django_db


def test_the_talentenregio_group_is_placed_in_rotation_1_and_ranks_rotation_2_on_todays_date():
    today = timezone.localdate()
    seed_demo()

    cohort = Cohort.objects.get(name=demo.traineegroep_name(demo.talentenregio_running_start(today=today)))
    rounds = list(PlacementRound.objects.filter(cohort=cohort).order_by("sequence"))
    assert [(r.sequence, r.name, r.status) for r in rounds] == [
        (1, "Rotatie 1", "published"),
        (2, "Rotatie 2", "market"),
        (3, "Rotatie 3", "collecting"),
    ]
    assert all((r.ends_on - r.starts_on).days in range(240, 245) for r in rounds)  # three rotations of 8 months
    first, second, _third = rounds
    assert first.starts_on <= today <= first.ends_on < second.starts_on  # the group is in its first rotation
    trainees = set(current_members(cohort=cohort))
    placements = Placement.objects.filter(round=first, status="published").select_related("assignment")
    assert {placement.trainee for placement in placements} == trainees and len(trainees) == 10
    assert all(placement.explanation for placement in placements)
    assert not placements.filter(assignment__host_organisation=F("trainee__organisation")).exists()
    assert Placement.objects.filter(round=first, assignment__supervisor__email="begeleider@dronten.example").exists()
    # Rotation 2: its assignments are published, six trainees ranked them, one more waits for HR's review.
    assert Assignment.objects.filter(round=second, status="published").count() == 9
    assert Assignment.objects.filter(round=second, status="submitted").count() == 1
    ranked = set(Preference.objects.filter(assignment__round=second).values_list("trainee__email", flat=True))
    assert len(ranked) == 6 and "trainee1@dronten.example" not in ranked
    assert not Preference.objects.filter(assignment__host_organisation=F("trainee__organisation")).exists()


def test_every_vng_trainee_has_a_published_client_assignment_for_the_year():
    seed_demo()

    for name in demo.VNG_YEAR_GROUPS.values():
        cohort = Cohort.objects.get(name=name)
        (round_,) = PlacementRound.objects.filter(cohort=cohort)
        assert (round_.kind, round_.status, round_.starts_on, round_.ends_on) == (
            "client",
            "published",
            cohort.start_date,
            cohort.end_date,
        )
        placements = Placement.objects.filter(round=round_, status="published").select_related("assignment")
        assert {p.trainee for p in placements} == set(current_members(cohort=cohort))
        assert {p.assignment.host_organisation.slug for p in placements} <= {"den-haag", "utrecht", "deventer"}
        assert all(p.assignment.hours_per_week == 32 for p in placements)
    assert Placement.objects.filter(assignment__supervisor__email="begeleider@den-haag.example").count() == 3


def test_av_vib_has_twelve_offers_of_six_municipalities_that_allow_pairs_and_a_ring():
    seed_demo()
    cohort = Cohort.objects.get(name="VIB-pilotgroep")

    offers = list(swap_offers_of(cohort=cohort))
    assert len(offers) == 12
    assert len({offer.participant.organisation_id for offer in offers}) == 6
    assert SwapOffer.objects.get(participant__email="vakmens1@gorinchem.example").own_job_description == (
        "Ik werk als medewerker vergunningen bij Gemeente Gorinchem."
    )
    sizes = sorted(len(cycle.moves) for cycle in swap_cycles_propose(offers=offers).cycles)
    assert 3 in sizes and sizes.count(2) >= 3
