from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from core.demo import seed_demo
from participants.models import OrganisationApplication
from programmes import demo
from programmes.costs import cohort_cost_per_participant, programme_cost_summary
from programmes.models import Cohort, CostItem, Programme, Track

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def snapshot():
    return {
        "programmes": sorted(
            Programme.objects.values_list(
                "slug", "owner__slug", "kind", "group_capacity", "start_threshold", "duration_months"
            )
        ),
        "participating": sorted(
            Programme.participating_organisations.through.objects.values_list("programme__slug", "organisation__slug")
        ),
        "tracks": sorted(Track.objects.values_list("programme__slug", "kind", "name")),
        "cost_items": sorted(
            CostItem.objects.values_list("programme__slug", "kind", "description", "quantity", "unit_amount")
        ),
        "cohorts": sorted(
            Cohort.objects.values_list("programme__slug", "name", "status", "start_date", "end_date", "capacity")
        ),
        "applications": sorted(OrganisationApplication.objects.values_list("programme__slug", "organisation__slug")),
        "cost_totals": {
            programme.slug: programme_cost_summary(programme=programme, participants=programme.group_capacity)
            for programme in Programme.objects.all()
        },
    }


def test_seeding_twice_changes_nothing():
    seed_demo(today=TODAY)
    first = snapshot()

    seed_demo(today=TODAY)

    second = snapshot()
    assert second == first
    assert len(first["programmes"]) == 5
    assert len(first["cohorts"]) == 9


def test_zwolle_costs_933_33_per_participant():
    seed_demo(today=TODAY)
    group = Cohort.objects.get(programme__slug=demo.ZWOLLE_TRACK, name="Groep 1")

    assert cohort_cost_per_participant(cohort=group) == Decimal("933.33")
    summary = programme_cost_summary(programme=group.programme, participants=15)
    assert (summary["total_costs"], summary["possible_subsidies"]) == (Decimal("14000.00"), Decimal("5000.00"))


def test_the_five_programmes_carry_the_rules_of_their_sources():
    seed_demo(today=TODAY)
    programmes = {p.slug: p for p in Programme.objects.select_related("owner")}

    zwolle = programmes[demo.ZWOLLE_TRACK]
    assert zwolle.owner.slug == "zwolle"
    assert zwolle.kind == Programme.Kind.YOUNG_STAFF_TRACK
    assert (zwolle.max_age_exclusive, zwolle.requires_introduction_completed, zwolle.requires_manager_approval) == (
        36,
        True,
        True,
    )
    assert (zwolle.group_capacity, zwolle.start_threshold, zwolle.extra_seats_min, zwolle.extra_seats_max) == (
        15,
        15,
        2,
        5,
    )
    assert zwolle.duration_months == 6
    assert sorted(zwolle.cost_items.values_list("description", "quantity", "unit_amount", "is_certain")) == [
        ("A&O fonds", 1, Decimal("5000.00"), False),
        ("Externe training", 4, Decimal("2000.00"), True),
        ("Intervisiebijeenkomst", 10, Decimal("600.00"), True),
    ]

    vng = programmes[demo.VNG_TRAINEESHIP]
    assert (vng.owner.slug, vng.kind, vng.placement_pattern) == (
        "vng",
        Programme.Kind.TRAINEESHIP,
        Programme.PlacementPattern.CLIENT_ASSIGNMENTS,
    )
    assert (vng.hours_per_week, vng.duration_months) == (Decimal("8.0"), 24)
    assert sorted(vng.tracks.values_list("kind", "name")) == [("year_level", "Jaar 1"), ("year_level", "Jaar 2")]
    vng_participants = set(vng.participating_organisations.values_list("slug", flat=True))
    assert {"vng", "den-haag", "gorinchem", "dronten"} <= vng_participants

    leergang = programmes[demo.DEMOCRATIC_CRAFTSMANSHIP]
    assert (leergang.owner.slug, leergang.kind, leergang.enrolment_mode, leergang.duration_months) == (
        "vng",
        Programme.Kind.LEARNING_PROGRAMME,
        Programme.EnrolmentMode.ORGANISATION,
        6,
    )

    region = programmes[demo.TALENTENREGIO_TRAINEESHIP]
    assert (region.owner.slug, region.duration_months, region.placement_pattern) == (
        "talentenregio",
        24,
        Programme.PlacementPattern.ROTATION_OR_FIXED,
    )
    assert (region.group_capacity, region.start_threshold, region.max_age_exclusive) == (12, 8, None)
    assert list(region.tracks.values_list("kind", "name")) == [("specialisation", "Financieel traineeship")]
    assert {"dronten", "heerde"} <= set(region.participating_organisations.values_list("slug", flat=True))

    swap = programmes[demo.AV_VIB]
    assert (swap.owner.slug, swap.kind, swap.placement_pattern, swap.education_levels, swap.duration_months) == (
        "av-regio",
        Programme.Kind.EXCHANGE,
        Programme.PlacementPattern.JOB_SWAP,
        ["mbo", "mbo+"],
        6,
    )
    assert set(swap.participating_organisations.values_list("slug", flat=True)) == {
        "gorinchem",
        "giessenlanden",
        "leerdam",
        "zederik",
        "molenwaard",
        "hardinxveld-giessendam",
    }


def test_the_demo_cohorts_have_the_expected_status_dates_and_coordinators():
    seed_demo(today=TODAY)
    cohorts = {(c.programme.slug, c.name): c for c in Cohort.objects.select_related("programme", "coordinator")}

    group_1 = cohorts[(demo.ZWOLLE_TRACK, "Groep 1")]
    # 23 Nov 2026 + 60 days = 22 Jan 2027; the first Friday of February is the first one after it.
    assert (group_1.status, group_1.start_date, group_1.start_date.weekday()) == ("open", date(2027, 2, 5), 4)
    assert (group_1.capacity, group_1.start_threshold, group_1.coordinator.email) == (15, 15, "hr@zwolle.example")
    assert cohorts[(demo.TALENTENREGIO_TRAINEESHIP, "Traineegroep oktober")].status == "open"
    assert cohorts[(demo.TALENTENREGIO_TRAINEESHIP, "Traineegroep oktober")].start_date == date(2027, 10, 1)
    assert {cohort.track.name for (slug, _), cohort in cohorts.items() if slug == demo.VNG_TRAINEESHIP} == {
        "Jaar 1",
        "Jaar 2",
    }
    assert {cohort.status for (slug, _), cohort in cohorts.items() if slug == demo.VNG_TRAINEESHIP} == {"running"}
    assert cohorts[(demo.AV_VIB, "VIB-groep 1")].status == "planned"
    assert cohorts[(demo.DEMOCRATIC_CRAFTSMANSHIP, "Leergroep 1")].status == "planned"


def test_next_first_friday_skips_a_first_friday_that_is_too_soon():
    assert demo.next_first_friday(today=date(2026, 11, 23), at_least_days=60) == date(2027, 2, 5)
    assert demo.next_first_friday(today=date(2026, 6, 1), at_least_days=60) == date(2026, 8, 7)
    assert demo.next_first_friday(today=date(2026, 7, 1), at_least_days=60) == date(2026, 9, 4)


def test_demo_hr_sees_their_programmes_and_cohort_pages(client):
    seed_demo(today=TODAY)

    for email, slug in [
        ("hr@zwolle.example", demo.ZWOLLE_TRACK),
        ("programmateam@talentenregio.example", demo.TALENTENREGIO_TRAINEESHIP),
        ("po@av-regio.example", demo.AV_VIB),
        ("coordinator@vng.example", demo.VNG_TRAINEESHIP),
        ("democratie@vng.example", demo.DEMOCRATIC_CRAFTSMANSHIP),
    ]:
        client.force_login(User.objects.get(email=email))
        assert client.get(reverse("programmes:programme_detail", args=[slug])).status_code == 200, email
        for cohort in Cohort.objects.filter(programme__slug=slug):
            assert client.get(reverse("programmes:cohort_detail", args=[cohort.pk])).status_code == 200, cohort

    client.force_login(User.objects.get(email="hr@deventer.example"))
    page = client.get(reverse("programmes:programme_list")).content.decode()
    assert "Leergang democratisch vakmanschap" in page
    apply_url = reverse("programmes:application_apply", args=[demo.DEMOCRATIC_CRAFTSMANSHIP])
    assert client.get(apply_url).status_code == 200
