"""Demo programmes: the five programmes of docs/domain.md with their real rules and numbers, and a cohort each.

Numbers come from the source documents (shared/seeds): Zwolle's group of 15 that starts when 15 have
enrolled, 2–5 extra seats in the open training, 6 months, 4 × €2,000 + 10 × €600 and a possible A&O fonds
subsidy of €5,000; Talentenregio's groups of 8–12 for two years with rotation or a fixed placement and the
financial track; VNG's year levels and Friday programme day; AV VIB's six municipalities, mbo/mbo+ and job
swaps; the democratic-craftsmanship learning programme municipalities apply to. Where the sources give no
number (group sizes of VNG, AV VIB and the learning programme), the value is a plausible invention.

Idempotent like core/demo.py: programmes and cohorts are looked up by their natural key and created only
when missing; tracks, cost items, participating organisations and applications are only added when missing,
so edits made while demonstrating are kept.
"""

import calendar
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import EducationLevel, Organisation, User
from participants.models import OrganisationApplication

from .models import Cohort, CostItem, Programme, Track

FRIDAY = 4

VNG_TRAINEESHIP = "vng-traineeprogramma"
DEMOCRATIC_CRAFTSMANSHIP = "leergang-democratisch-vakmanschap"
TALENTENREGIO_TRAINEESHIP = "talentenregio-traineeprogramma"
AV_VIB = "av-vib-vakmensen-in-beweging"
ZWOLLE_TRACK = "zwolle-leer-en-ontwikkeltraject"

PROGRAMMES = [
    {
        "slug": VNG_TRAINEESHIP,
        "name": "VNG traineeprogramma",
        "owner": "vng",
        "participants": "vng+members",
        "kind": Programme.Kind.TRAINEESHIP,
        "description": (
            "Trainees work 40 hours a week on an assignment at a client municipality. Fridays (8 hours a week) "
            "are the training programme, usually at the VNG office in Den Haag: content modules with "
            "assignments, skills modules, intervision, work visits and real cases brought by clients. Every "
            "trainee has a supervisor at the client, a VNG coordinator and a personal coach."
        ),
        "requires_manager_approval": False,
        "group_capacity": 20,
        "start_threshold": 1,
        "duration_months": 24,
        "hours_per_week": Decimal("8"),
        "placement_pattern": Programme.PlacementPattern.CLIENT_ASSIGNMENTS,
        "tracks": [
            (Track.Kind.YEAR_LEVEL, "Jaar 1", "Trainees on their first or second assignment; the focus is on content."),
            (Track.Kind.YEAR_LEVEL, "Jaar 2", "Experienced trainees; the focus is on skills."),
        ],
    },
    {
        "slug": DEMOCRATIC_CRAFTSMANSHIP,
        "name": "Leergang democratisch vakmanschap",
        "owner": "vng",
        "participants": "",
        "kind": Programme.Kind.LEARNING_PROGRAMME,
        "enrolment_mode": Programme.EnrolmentMode.ORGANISATION,
        "description": (
            "A learning programme of VNG's Democratie in Actie for civil servants who work closely with residents. "
            "Municipalities apply, not individuals: after a local intake their questions are collected and a "
            "learning group is composed. It needs commitment from the college, the council and the civil servants, "
            "runs about six months in a series of meetings, and builds a pool of civil servants who advise other "
            "municipalities."
        ),
        "requires_manager_approval": False,
        "group_capacity": 20,
        "start_threshold": 1,
        "duration_months": 6,
    },
    {
        "slug": TALENTENREGIO_TRAINEESHIP,
        "name": "Talentenregio traineeprogramma",
        "owner": "talentenregio",
        "participants": "members",
        "kind": Programme.Kind.TRAINEESHIP,
        "description": (
            "Trainees get a two-year contract of 36 hours a week: three assignments of eight months at (often) "
            "different member organisations, or two years in one department of one organisation, chosen per host. "
            "They follow a development programme in a group of 8 to 12 with coaches. New groups start in October; "
            "vacancies open in June, interviews are in July."
        ),
        "requires_manager_approval": False,
        "group_capacity": 12,
        "start_threshold": 8,
        "duration_months": 24,
        "placement_pattern": Programme.PlacementPattern.ROTATION_OR_FIXED,
        "tracks": [
            (
                Track.Kind.SPECIALISATION,
                "Financieel traineeship",
                "Since 2022, for talent with a financial background or an affinity with finance.",
            ),
        ],
    },
    {
        "slug": AV_VIB,
        "name": "AV VIB – Vakmensen in beweging",
        "owner": "av-regio",
        "participants": "members",
        "kind": Programme.Kind.EXCHANGE,
        "description": (
            "For staff at mbo and mbo+ level of the six municipalities of the AV region. For three months "
            "participants work in another organisation, then they run joint projects in other organisations; a "
            "training programme and a trainer/coach run throughout. Participants find swap matches and organise "
            "each other's onboarding themselves; P&O steps in only when needed."
        ),
        "education_levels": [EducationLevel.MBO.value, EducationLevel.MBO_PLUS.value],
        "requires_manager_approval": True,
        "group_capacity": 12,
        "start_threshold": 6,
        "duration_months": 6,
        "placement_pattern": Programme.PlacementPattern.JOB_SWAP,
    },
    {
        "slug": ZWOLLE_TRACK,
        "name": "Zwolle leer- en ontwikkeltraject",
        "owner": "zwolle",
        "participants": "owner",
        "kind": Programme.Kind.YOUNG_STAFF_TRACK,
        "description": (
            "For every employee under 36 who has completed the introduction programme. The group meets every two "
            "weeks, mostly on Friday: each month one training and one intervision meeting, six months in all. "
            "With a TMA talent analysis (three sessions with a career adviser of BLIK) and an internal coach. "
            "The manager approves; the cost comes from the department's training budget."
        ),
        "max_age_exclusive": 36,
        "requires_introduction_completed": True,
        "requires_manager_approval": True,
        "group_capacity": 15,
        "start_threshold": 15,
        "extra_seats_min": 2,
        "extra_seats_max": 5,
        # The whole track is mandatory; 80% present allows for an illness or two (our assumption, not the source's).
        "min_attendance_percent": 80,
        "duration_months": 6,
        "cost_items": [
            (CostItem.Kind.COST, "Externe training", 4, Decimal("2000.00"), True),
            (CostItem.Kind.COST, "Intervisiebijeenkomst", 10, Decimal("600.00"), True),
            (CostItem.Kind.SUBSIDY, "A&O fonds", 1, Decimal("5000.00"), False),
        ],
    },
]


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _first_weekday_of_month(year: int, month: int, weekday: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def next_first_friday(*, today: date, at_least_days: int) -> date:
    """The first Friday of a month that is at least this many days ahead (groups start on a Friday)."""
    earliest = today + timedelta(days=at_least_days)
    candidate = _first_weekday_of_month(earliest.year, earliest.month, FRIDAY)
    if candidate < earliest:
        following = _add_months(date(earliest.year, earliest.month, 1), 1)
        candidate = _first_weekday_of_month(following.year, following.month, FRIDAY)
    return candidate


def _next_october(*, today: date, at_least_days: int) -> date:
    earliest = today + timedelta(days=at_least_days)
    october = date(earliest.year, 10, 1)
    return october if october >= earliest else date(earliest.year + 1, 10, 1)


def _current_school_year_start(today: date) -> date:
    """The first Friday of the September that started the current programme year (VNG groups)."""
    year = today.year if today.month >= 9 else today.year - 1
    return _first_weekday_of_month(year, 9, FRIDAY)


def _organisations_for(spec: dict, owner: Organisation) -> list[Organisation]:
    match spec["participants"]:
        case "owner":
            return [owner]
        case "members":
            return list(owner.members.all())
        case "vng+members":
            return [owner, *owner.members.all()]
        case _:
            return []


def _programme(spec: dict) -> Programme:
    owner = Organisation.objects.get(slug=spec["owner"])
    rule_fields = {
        key: value
        for key, value in spec.items()
        if key not in {"slug", "owner", "participants", "tracks", "cost_items"}
    }
    programme, _ = Programme.objects.get_or_create(slug=spec["slug"], defaults={"owner": owner, **rule_fields})
    organisations = _organisations_for(spec, owner)
    if organisations:
        # add() only inserts the missing links, so organisations added while demonstrating stay.
        programme.participating_organisations.add(*organisations)
    existing_tracks = set(programme.tracks.values_list("name", flat=True))
    for kind, name, description in spec.get("tracks", []):
        if name not in existing_tracks:
            Track.objects.create(programme=programme, kind=kind, name=name, description=description)
    existing_items = set(programme.cost_items.values_list("kind", "description"))
    for kind, description, quantity, unit_amount, is_certain in spec.get("cost_items", []):
        if (kind, description) not in existing_items:
            CostItem.objects.create(
                programme=programme,
                kind=kind,
                description=description,
                quantity=quantity,
                unit_amount=unit_amount,
                is_certain=is_certain,
            )
    return programme


def _cohort(
    programme: Programme,
    name: str,
    *,
    status: str,
    start_date: date,
    end_date: date,
    coordinator_email: str,
    track_name: str | None = None,
) -> Cohort:
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name=name,
        defaults={
            "status": status,
            "track": programme.tracks.get(name=track_name) if track_name else None,
            "start_date": start_date,
            "end_date": end_date,
            "capacity": programme.group_capacity,
            "start_threshold": programme.start_threshold,
            "coordinator": User.objects.filter(email=coordinator_email).first(),
        },
    )
    return cohort


def _application(programme: Programme, organisation_slug: str, **fields) -> None:
    organisation = Organisation.objects.get(slug=organisation_slug)
    if OrganisationApplication.objects.filter(programme=programme, organisation=organisation).exists():
        return
    OrganisationApplication.objects.create(
        programme=programme,
        organisation=organisation,
        contact=User.objects.filter(email=f"hr@{organisation_slug}.example").first(),
        **fields,
    )


@transaction.atomic
def seed_programmes(*, today: date) -> None:
    """Create (once) the five demo programmes with their rules, tracks, cost models and demo cohorts."""
    programmes = {spec["slug"]: _programme(spec) for spec in PROGRAMMES}

    zwolle_start = next_first_friday(today=today, at_least_days=60)
    _cohort(
        programmes[ZWOLLE_TRACK],
        "Groep 1",
        status=Cohort.Status.OPEN,
        start_date=zwolle_start,
        # The pilot ran from a start meeting on a Friday to an end meeting 24 weeks later (3 Sep – 18 Feb).
        end_date=zwolle_start + timedelta(weeks=24),
        coordinator_email="hr@zwolle.example",
    )

    region_start = _next_october(today=today, at_least_days=60)
    _cohort(
        programmes[TALENTENREGIO_TRAINEESHIP],
        "Traineegroep oktober",
        status=Cohort.Status.OPEN,
        start_date=region_start,
        end_date=_add_months(region_start, 24) - timedelta(days=1),
        coordinator_email="programmateam@talentenregio.example",
    )

    vng_start = _current_school_year_start(today)
    for year_level in ("Jaar 1", "Jaar 2"):
        _cohort(
            programmes[VNG_TRAINEESHIP],
            f"Trainees {year_level.lower()}",
            status=Cohort.Status.RUNNING,
            track_name=year_level,
            start_date=vng_start,
            end_date=_add_months(vng_start, 12) - timedelta(days=1),
            coordinator_email="coordinator@vng.example",
        )

    swap_start = _add_months(date(today.year, today.month, 1), 4)
    _cohort(
        programmes[AV_VIB],
        "VIB-groep 1",
        status=Cohort.Status.PLANNED,
        start_date=swap_start,
        end_date=_add_months(swap_start, 6) - timedelta(days=1),
        coordinator_email="po@av-regio.example",
    )

    learning_start = next_first_friday(today=today, at_least_days=90)
    learning_programme = programmes[DEMOCRATIC_CRAFTSMANSHIP]
    _cohort(
        learning_programme,
        "Leergroep 1",
        status=Cohort.Status.PLANNED,
        start_date=learning_start,
        end_date=_add_months(learning_start, 6),
        coordinator_email="democratie@vng.example",
    )
    _application(
        learning_programme,
        "den-haag",
        status=OrganisationApplication.Status.APPLIED,
        motivation="Our district officers and policy advisers work more and more with residents' initiatives.",
        commitment="The college supports taking part; twelve civil servants will join.",
    )
    _application(
        learning_programme,
        "utrecht",
        status=OrganisationApplication.Status.INTAKE_HELD,
        motivation="We are starting a professionalisation programme on participation for our civil servants.",
        commitment="College and council have agreed; eight civil servants of three departments will join.",
        intake_at=timezone.make_aware(datetime.combine(today - timedelta(days=7), time(10, 0))),
        questions="How do we deal with opposition in participation processes? What does the council expect of us?",
    )
