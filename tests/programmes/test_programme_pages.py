from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import EducationLevel
from programmes.models import Programme, Track
from programmes.selectors import programme_rules
from tests.factories import CohortFactory, CostItemFactory, EnrolmentFactory, ProgrammeFactory, TrackFactory

pytestmark = pytest.mark.django_db


def test_the_programme_page_shows_rules_tracks_cost_model_and_cohorts(hr_client, programme, zwolle):
    programme.max_age_exclusive = 36
    programme.requires_introduction_completed = True
    programme.save()
    programme.participating_organisations.add(zwolle)
    CostItemFactory(programme=programme, description="Externe training", quantity=4, unit_amount=Decimal("2000"))
    CostItemFactory(programme=programme, description="Intervisiebijeenkomst", quantity=10, unit_amount=Decimal("600"))
    CohortFactory(programme=programme, name="Groep 1", status="open")

    response = hr_client.get(reverse("programmes:programme_detail", args=[programme.slug]))

    page = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 200
    for text in [
        "Only for people younger than 36.",
        "The introduction programme must be completed first.",
        "Only for staff of the participating organisations: Gemeente Zwolle.",
        "The manager approves participation; the cost comes from the department&#x27;s training budget.",
        "Groups of at most 15; a group starts when 15 have a place.",
        "2 to 5 extra people may join the open sessions.",
        "Takes 6 months.",
        "€ 14,000.00",
        "€ 933.33",
        "Groep 1",
    ]:
        assert text in page, text


def test_rules_in_plain_language_for_a_traineeship_with_tracks():
    programme = ProgrammeFactory(
        kind=Programme.Kind.TRAINEESHIP,
        group_capacity=12,
        start_threshold=8,
        duration_months=24,
        hours_per_week=Decimal("8.0"),
        requires_manager_approval=False,
        requires_participating_employer=False,
        placement_pattern=Programme.PlacementPattern.ROTATION_OR_FIXED,
        education_levels=[EducationLevel.MBO, EducationLevel.MBO_PLUS],
    )
    TrackFactory(programme=programme, kind=Track.Kind.SPECIALISATION, name="Financieel traineeship")

    assert programme_rules(programme=programme) == [
        "Type: Traineeship.",
        "People enrol themselves.",
        "No age limit.",
        "Only for staff at education level mbo, mbo+.",
        "No manager approval is needed.",
        "Groups of at most 12; a group starts when 8 have a place.",
        "Takes 24 months.",
        "8 hours a week go to the programme.",
        "Placements: Rotation or fixed, chosen per host.",
        "Tracks: Financieel traineeship.",
    ]


def test_the_programme_list_needs_the_same_number_of_queries_for_1_or_4_programmes(
    hr_client, programme, zwolle, django_assert_num_queries
):
    def add_programme_with_everything(owner, programme=None):
        programme = programme or ProgrammeFactory(owner=owner)
        programme.participating_organisations.add(owner)
        TrackFactory(programme=programme)
        CostItemFactory(programme=programme)
        for _ in range(2):
            EnrolmentFactory(cohort=CohortFactory(programme=programme, planned=True), placed=True)

    url = reverse("programmes:programme_list")
    add_programme_with_everything(zwolle, programme)
    hr_client.get(url)
    with CaptureQueriesContext(connection) as one:
        hr_client.get(url)
    for _ in range(3):
        add_programme_with_everything(zwolle)

    with django_assert_num_queries(len(one.captured_queries)):
        response = hr_client.get(url)

    assert len(response.context["items"]) == 4
