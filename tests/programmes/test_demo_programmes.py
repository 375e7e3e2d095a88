from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from demo import programmes as demo
from demo.seed import seed_demo
from programmes.costs import cohort_cost_per_participant, programme_cost_summary
from programmes.models import Cohort, CostItem, Programme

pytestmark = pytest.mark.django_db


def test_zwolle_costs_933_33_per_participant():
    seed_demo()
    group = Cohort.objects.get(programme__slug=demo.ZWOLLE_TRACK, name="Groep 1")

    assert cohort_cost_per_participant(cohort=group) == Decimal("933.33")
    summary = programme_cost_summary(programme=group.programme, participants=15)
    assert (summary["total_costs"], summary["possible_subsidies"]) == (Decimal("14000.00"), Decimal("5000.00"))
    assert sorted(group.programme.cost_items.values_list("description", "quantity", "unit_amount", "kind")) == [
        ("A&O fonds", 1, Decimal("5000.00"), CostItem.Kind.SUBSIDY),
        ("Externe training", 4, Decimal("2000.00"), CostItem.Kind.COST),
        ("Intervisiebijeenkomst", 10, Decimal("600.00"), CostItem.Kind.COST),
    ]


def test_the_five_programmes_carry_the_rules_of_their_sources():
    seed_demo()
    programmes = {p.slug: p for p in Programme.objects.select_related("owner")}

    zwolle = programmes[demo.ZWOLLE_TRACK]
    assert (zwolle.owner.slug, zwolle.kind) == ("zwolle", Programme.Kind.YOUNG_STAFF_TRACK)
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

    vng = programmes[demo.VNG_TRAINEESHIP]
    assert (vng.owner.slug, vng.kind, vng.placement_pattern) == (
        "vng",
        Programme.Kind.TRAINEESHIP,
        Programme.PlacementPattern.CLIENT_ASSIGNMENTS,
    )
    assert (vng.hours_per_week, vng.duration_months) == (Decimal("8.0"), 24)
    assert sorted(vng.tracks.values_list("kind", "name")) == [("year_level", "Jaar 1"), ("year_level", "Jaar 2")]
    assert {"vng", "den-haag", "gorinchem", "dronten"} <= set(
        vng.participating_organisations.values_list("slug", flat=True)
    )

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


def test_every_programme_has_a_running_group_or_admits_municipalities_on_todays_date():
    today = timezone.localdate()
    seed_demo()
    cohorts = {(c.programme.slug, c.name): c for c in Cohort.objects.select_related("programme", "coordinator")}
    running = {key: cohort for key, cohort in cohorts.items() if cohort.status == Cohort.Status.RUNNING}

    for cohort in running.values():
        assert cohort.start_date <= today <= cohort.end_date, cohort
    assert {slug for slug, _name in running} == {
        demo.ZWOLLE_TRACK,
        demo.VNG_TRAINEESHIP,
        demo.TALENTENREGIO_TRAINEESHIP,
        demo.AV_VIB,
    }
    najaarsgroep = cohorts[(demo.ZWOLLE_TRACK, "Najaarsgroep")]
    assert najaarsgroep.start_date == demo.najaarsgroep_start(today=today)
    assert najaarsgroep.status == "running" and najaarsgroep.coordinator.email == "hr@zwolle.example"
    tweede = cohorts[(demo.ZWOLLE_TRACK, "Tweede lichting")]
    assert tweede.status == "running" and today - timedelta(days=14) < tweede.start_date <= today - timedelta(days=7)
    group_1 = cohorts[(demo.ZWOLLE_TRACK, "Groep 1")]
    assert group_1.start_date == demo.next_first_friday(today=today, at_least_days=60)
    assert group_1.status in ("open", "full") and group_1.start_date.weekday() == 4
    assert (group_1.capacity, group_1.start_threshold) == (15, 15)

    region_start = demo.talentenregio_running_start(today=today)
    region = cohorts[(demo.TALENTENREGIO_TRAINEESHIP, demo.traineegroep_name(region_start))]
    assert region.status == "running" and region.end_date == date(
        region_start.year + 2, region_start.month, 1
    ) - timedelta(days=1)
    next_start = demo.talentenregio_next_start(today=today)
    assert cohorts[(demo.TALENTENREGIO_TRAINEESHIP, demo.traineegroep_name(next_start))].status == "open"

    for name in ("Trainees jaar 1", "Trainees jaar 2"):
        year_group = cohorts[(demo.VNG_TRAINEESHIP, name)]
        assert (year_group.status, year_group.start_date) == ("running", demo.vng_year_start(today=today))
        assert year_group.track.name == name.removeprefix("Trainees ").capitalize()
    assert cohorts[(demo.AV_VIB, "VIB-pilotgroep")].status == "running"
    assert cohorts[(demo.AV_VIB, "VIB-groep 1")].status == "planned"
    assert cohorts[(demo.DEMOCRATIC_CRAFTSMANSHIP, "Leergroep 1")].status == "planned"
    assert len(cohorts) == 10


@pytest.mark.parametrize(
    "today, najaarsgroep, tweede_lichting, vng, region_running, region_next",
    [
        (
            date(2026, 11, 23),
            date(2026, 8, 7),
            date(2026, 11, 13),
            date(2026, 9, 4),
            date(2026, 10, 1),
            date(2027, 4, 1),
        ),
        (
            date(2027, 3, 15),
            date(2026, 12, 4),
            date(2027, 3, 5),
            date(2026, 9, 4),
            date(2026, 10, 1),
            date(2027, 10, 1),
        ),
        (
            date(2027, 9, 3),
            date(2027, 6, 4),
            date(2027, 8, 27),
            date(2027, 9, 3),
            date(2027, 4, 1),
            date(2028, 4, 1),
        ),
        (
            date(2027, 1, 2),
            date(2026, 10, 2),
            date(2026, 12, 25),
            date(2026, 9, 4),
            date(2026, 10, 1),
            date(2027, 4, 1),
        ),
    ],
)
def test_the_demo_dates_follow_the_day_it_is_seeded(
    today, najaarsgroep, tweede_lichting, vng, region_running, region_next
):
    assert demo.najaarsgroep_start(today=today) == najaarsgroep
    assert demo.tweede_lichting_start(today=today) == tweede_lichting
    assert demo.vng_year_start(today=today) == vng
    assert demo.talentenregio_running_start(today=today) == region_running
    assert demo.talentenregio_next_start(today=today) == region_next
    assert demo.traineegroep_name(region_running).startswith("Traineegroep ")


def test_next_first_friday_skips_a_first_friday_that_is_too_soon():
    assert demo.next_first_friday(today=date(2026, 11, 23), at_least_days=60) == date(2027, 2, 5)
    assert demo.next_first_friday(today=date(2026, 6, 1), at_least_days=60) == date(2026, 8, 7)
    assert demo.next_first_friday(today=date(2026, 7, 1), at_least_days=60) == date(2026, 9, 4)


def test_demo_hr_sees_their_programmes_and_cohort_pages(client):
    seed_demo()

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

    client.force_login(User.objects.get(email="hr@den-haag.example"))
    page = client.get(reverse("programmes:programme_list")).content.decode()
    assert "Leergang democratisch vakmanschap" in page
