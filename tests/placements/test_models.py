"""The placements schema's own guarantees."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import AssignmentFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def test_a_trainee_has_one_placement_per_round(region):
    first = PlacementFactory(
        trainee=region.trainees[0], assignment=AssignmentFactory(host_organisation=region.members[0])
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementFactory(
            trainee=region.trainees[0],
            assignment=AssignmentFactory(round=first.round, host_organisation=region.members[1]),
        )


def test_the_fixtures_spread_people_over_organisations(region, swap_world):
    assert {trainee.organisation_id for trainee in region.trainees} == {org.pk for org in region.members}
    assert len(swap_world.participants) == 12
    assert len({person.organisation_id for person in swap_world.participants}) == 6
