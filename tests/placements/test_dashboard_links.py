"""The employee dashboard leads trainees to an open project market and their placements, supervisors to
their trainees, and AV VIB participants to their job swap."""

import pytest
from django.urls import reverse

from placements.models import PlacementRound
from tests.factories import AssignmentFactory, PlacementFactory, PlacementRoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_trainee_is_led_to_the_open_market_and_a_supervisor_to_their_trainees(english_client, region):
    round_ = PlacementRoundFactory(cohort=region.cohort, status=PlacementRound.Status.MARKET, name="Rotatie 1")
    english_client.force_login(region.trainees[0])

    trainee_page = english_client.get(reverse("dashboards:employee")).content.decode()

    assert reverse("placements:market", args=[round_.pk]) in trainee_page
    assert reverse("placements:my_placements") in trainee_page
    assert reverse("placements:supervised") not in trainee_page

    supervisor = region.supervisors[region.members[0].pk]
    PlacementFactory(
        trainee=region.trainees[1],
        assignment=AssignmentFactory(round=round_, supervisor=supervisor, host_organisation=region.members[0]),
    )
    english_client.force_login(supervisor)
    assert reverse("placements:supervised") in english_client.get(reverse("dashboards:employee")).content.decode()


def test_an_av_vib_participant_is_led_to_their_swap_and_others_are_not(english_client, swap_world):
    english_client.force_login(swap_world.participants[0])
    assert reverse("placements:my_swap") in english_client.get(reverse("dashboards:employee")).content.decode()

    english_client.force_login(UserFactory(organisation=swap_world.municipalities[0]))
    assert reverse("placements:my_swap") not in english_client.get(reverse("dashboards:employee")).content.decode()
