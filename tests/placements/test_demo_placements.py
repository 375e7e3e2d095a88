"""The demo's placements: Talentenregio's group of 10 at the project market with 12 assignments, and AV VIB's
group of 12 with swap offers that allow pairs and one ring."""

from datetime import date

import pytest
from django.db.models import F

from core.demo import seed_demo
from participants.models import Enrolment
from placements.models import Assignment, PlacementRound, Preference, SwapOffer

pytestmark = pytest.mark.django_db


def test_the_region_has_a_group_of_10_at_the_market_with_12_assignments_and_av_vib_12_offers():
    seed_demo(today=date(2026, 11, 25))
    seed_demo(today=date(2026, 11, 25))  # idempotent

    rounds = PlacementRound.objects.filter(cohort__name="Traineegroep 2026").order_by("sequence")
    assert [(r.sequence, r.status) for r in rounds] == [(1, "market"), (2, "collecting"), (3, "collecting")]
    assert all((r.ends_on - r.starts_on).days in range(240, 245) for r in rounds)  # three rotations of 8 months
    round_ = rounds[0]
    assert Enrolment.objects.filter(cohort=round_.cohort, status="active").count() == 10
    assert Assignment.objects.filter(round=round_, status="published").count() == 12
    assert Preference.objects.filter(assignment__round=round_).values("trainee").distinct().count() == 10
    # nobody ranks an assignment at their own employer
    assert not Preference.objects.filter(assignment__host_organisation=F("trainee__organisation")).exists()
    offers = SwapOffer.objects.filter(cohort__name="VIB-pilotgroep").select_related("participant")
    assert offers.count() == 12
    assert len({offer.participant.organisation_id for offer in offers}) == 6
