"""Demo programmes: the five programmes of docs/domain.md with their real rules and numbers, and their cohorts,
dated relative to the day the demo is seeded.

Numbers come from the source documents (shared/seeds): Zwolle's group of 15 that starts when 15 have
enrolled, 2–5 extra seats in the open training, 6 months, 4 × €2,000 + 10 × €600 and a possible A&O fonds
subsidy of €5,000; Talentenregio's groups of 8–12 for two years with rotation or a fixed placement, two new
groups a year and the financial track; VNG's year levels and Friday programme day; AV VIB's six
municipalities, mbo/mbo+ and job swaps; the democratic-craftsmanship learning programme municipalities apply
to. Where the sources give no number (group sizes of VNG, AV VIB and the learning programme), the value is a
plausible invention. The texts are Dutch, as the programmes' own.

Programmes are set up in the admin (there is no service for them), so they are created here with the ORM;
cohorts are made with ``cohort_create`` and opened with ``cohort_status_change``. A cohort that is meant to
be running is left open here: demo/participants.py enrols its members and starts it.

Idempotent like demo/seed.py: programmes and cohorts are looked up by their natural key and created only
when missing; tracks, cost items and participating organisations are only added when missing, so edits
made while demonstrating are kept.
"""

import calendar
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import EducationLevel, Organisation, User
from participants.services import cohort_status_change
from programmes.models import Cohort, CostItem, Programme, Track
from programmes.services import cohort_create

FRIDAY = 4

VNG_TRAINEESHIP = "vng-traineeprogramma"
DEMOCRATIC_CRAFTSMANSHIP = "leergang-democratisch-vakmanschap"
TALENTENREGIO_TRAINEESHIP = "talentenregio-traineeprogramma"
AV_VIB = "av-vib-vakmensen-in-beweging"
ZWOLLE_TRACK = "zwolle-leer-en-ontwikkeltraject"

# The demo's cohorts that keep one name whatever the day (the others are named after their start).
NAJAARSGROEP = "Najaarsgroep"
TWEEDE_LICHTING = "Tweede lichting"
ZWOLLE_OPEN_GROUP = "Groep 1"
VNG_YEAR_GROUPS = {"Jaar 1": "Trainees jaar 1", "Jaar 2": "Trainees jaar 2"}
VIB_RUNNING = "VIB-pilotgroep"
VIB_PLANNED = "VIB-groep 1"
LEARNING_GROUP = "Leergroep 1"

DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

PROGRAMMES = [
    {
        "slug": VNG_TRAINEESHIP,
        "name": "VNG traineeprogramma",
        "owner": "vng",
        "participants": "vng+members",
        "kind": Programme.Kind.TRAINEESHIP,
        "description": (
            "Trainees werken 40 uur per week aan een opdracht bij een opdrachtgevende gemeente. Op vrijdag "
            "(8 uur per week) volgen ze het opleidingsprogramma, meestal op het VNG-kantoor in Den Haag: "
            "inhoudelijke modules met opdrachten (sociaal en fysiek domein, actualiteit zoals het asielbeleid, "
            "hoe werkt een gemeente?), vaardigheden als presenteren en adviseren, intervisie, werkbezoeken en "
            "casussen van opdrachtgevers. Examens zijn er niet: modules sluit je af met een (groeps)opdracht. "
            "Iedere trainee heeft een begeleider bij de opdrachtgever, een coördinator van VNG Trainees en een "
            "eigen coach. Het programma is vóór en dóór trainees."
        ),
        "requires_manager_approval": False,
        "group_capacity": 20,
        "start_threshold": 1,
        "duration_months": 24,
        "hours_per_week": Decimal("8"),
        "placement_pattern": Programme.PlacementPattern.CLIENT_ASSIGNMENTS,
        "tracks": [
            (
                Track.Kind.YEAR_LEVEL,
                "Jaar 1",
                "Trainees die met hun eerste of tweede opdracht bezig zijn; de nadruk ligt op de inhoud.",
            ),
            (Track.Kind.YEAR_LEVEL, "Jaar 2", "De meer ervaren trainees; de nadruk ligt op vaardigheden."),
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
            "Een leergang van Democratie in Actie (VNG) voor ambtenaren die veel met inwoners en de buitenwereld "
            "te maken hebben: wijkambtenaren, stadsmakelaars, beleidsmedewerkers en mensen in de uitvoering. "
            "Het gaat om het organiseren en faciliteren van democratische processen en de omgang met tegenspraak. "
            "Niet ambtenaren, maar gemeenten melden zich aan: na een lokale intake worden de vraagstukken "
            "verzameld en wordt de leergroep samengesteld. Deelname vraagt commitment van college, raad en "
            "ambtenaren. Het traject duurt ongeveer een half jaar en bouwt een pool van ambtenaren op die als "
            "adviseur en ambassadeur andere gemeenten helpen."
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
            "Sinds 2012 ontdekken jonge talenten in het traineeprogramma van Talentenregio hoe leuk het is om "
            "voor de overheid te werken. Trainees krijgen een contract van twee jaar voor 36 uur per week: drie "
            "keer acht maanden een opdracht bij (vaak) verschillende Talentenregio-organisaties, of twee jaar bij "
            "één organisatie, naar keuze van de organisatie. De opdrachten worden gepresenteerd op de "
            "projectenmarkt. In een groep van 8 tot 12 trainees werken ze met coaches aan hun persoonlijke "
            "ontwikkeling. Er starten twee nieuwe groepen per jaar."
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
                "Sinds 2022, voor talent met een financiële achtergrond of affiniteit met financiën.",
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
            "Voor medewerkers op mbo- en mbo+-niveau van de zes gemeenten in de regio "
            "Alblasserwaard-Vijfheerenlanden. Het programma duurt ongeveer zes maanden: drie maanden werk je in "
            "een andere organisatie, daarna draai je met collega's gezamenlijke projecten in andere organisaties. "
            "De hele looptijd is er een opleidingsprogramma en een trainer/coach. Deelnemers nemen zelf de regie: "
            "ze zoeken mee naar een goede match voor de functiewisseling en organiseren elkaars inwerken; P&O "
            "springt bij als het nodig is."
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
            "Voor iedere medewerker jonger dan 36 die het introductieprogramma heeft afgerond. De groep van 15 "
            "komt om de twee weken bij elkaar, meestal op vrijdag: elke maand een training en een "
            "intervisiebijeenkomst, zes maanden lang. Met de Zwolse Politieke Antenne, Persoonlijk leiderschap, "
            "Interactie met je omgeving, Samenwerken in Zwolse netwerken en een keuzetraining die de groep zelf "
            "kiest. Daarnaast een talentanalyse (TMA, drie gesprekken met een loopbaanadviseur van BLIK) en een "
            "interne coach. Je leidinggevende keurt je deelname goed; de kosten komen uit het opleidingsbudget "
            "van je afdeling. Groepen worden gevuld op volgorde van inschrijving."
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


def najaarsgroep_start(*, today: date) -> date:
    """The first Friday of the month three months back: the group is half-way, with sessions behind and ahead."""
    month_index = today.year * 12 + today.month - 1 - 3
    return _first_weekday_of_month(month_index // 12, month_index % 12 + 1, FRIDAY)


def tweede_lichting_start(*, today: date) -> date:
    """The Friday between two weeks and one week ago: the start meeting is behind the group, the Politieke
    Antenne two weeks later still ahead (so young employees can take its extra seats)."""
    week_ago = today - timedelta(days=7)
    return week_ago - timedelta(days=(week_ago.weekday() - FRIDAY) % 7)


def vng_year_start(*, today: date) -> date:
    """The first Friday of the latest September on or before today: VNG's year groups run from there."""
    start = _first_weekday_of_month(today.year, 9, FRIDAY)
    return start if start <= today else _first_weekday_of_month(today.year - 1, 9, FRIDAY)


def talentenregio_running_start(*, today: date) -> date:
    """Talentenregio starts two groups a year (April and October): the latest start at least a month ago, so
    the group is in its first 8-month rotation with at least a month of it to go."""
    month_ago = _add_months(today, -1)
    year = month_ago.year
    for candidate in (date(year, 10, 1), date(year, 4, 1), date(year - 1, 10, 1)):
        if candidate <= month_ago:
            return candidate
    raise AssertionError("unreachable")


def talentenregio_next_start(*, today: date) -> date:
    """The next April or October start that is at least 60 days away (vacancies and interviews come first)."""
    earliest = today + timedelta(days=60)
    for candidate in (date(earliest.year, 4, 1), date(earliest.year, 10, 1), date(earliest.year + 1, 4, 1)):
        if candidate >= earliest:
            return candidate
    raise AssertionError("unreachable")


def traineegroep_name(start: date) -> str:
    return f"Traineegroep {DUTCH_MONTHS[start.month - 1]} {start.year}"


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
    """The cohort of this name, or a new one made by HR's services and moved to `status` (planned or open)."""
    cohort = Cohort.objects.filter(programme=programme, name=name).first()
    if cohort is not None:
        return cohort
    coordinator = User.objects.get(email=coordinator_email)
    cohort = cohort_create(
        programme=programme,
        name=name,
        track=programme.tracks.get(name=track_name) if track_name else None,
        start_date=start_date,
        end_date=end_date,
        coordinator=coordinator,
    )
    if status == Cohort.Status.OPEN:
        cohort_status_change(cohort=cohort, to_status=Cohort.Status.OPEN, by=coordinator)
    return cohort


@transaction.atomic
def seed_programmes(*, today: date) -> None:
    """Create (once) the five demo programmes with their rules, tracks, cost models and demo cohorts."""
    programmes = {spec["slug"]: _programme(spec) for spec in PROGRAMMES}
    Status = Cohort.Status

    # Zwolle: a group half-way, a group that has just started and still needs coaches, and the next group,
    # open for enrolment. The pilot ran from a start meeting on a Friday to an end meeting 24 weeks later.
    zwolle = programmes[ZWOLLE_TRACK]
    for name, start in (
        (NAJAARSGROEP, najaarsgroep_start(today=today)),
        (TWEEDE_LICHTING, tweede_lichting_start(today=today)),
        (ZWOLLE_OPEN_GROUP, next_first_friday(today=today, at_least_days=60)),
    ):
        _cohort(
            zwolle,
            name,
            status=Status.OPEN,
            start_date=start,
            end_date=start + timedelta(weeks=24),
            coordinator_email="hr@zwolle.example",
        )

    # Talentenregio: a running group in its first rotation, and the next group recruiting. They are named after
    # their start, which depends on the day, so they are made once, when the programme has no groups yet.
    region = programmes[TALENTENREGIO_TRAINEESHIP]
    if not region.cohorts.exists():
        for start in (talentenregio_running_start(today=today), talentenregio_next_start(today=today)):
            _cohort(
                region,
                traineegroep_name(start),
                status=Status.OPEN,
                start_date=start,
                end_date=_add_months(start, 24) - timedelta(days=1),
                coordinator_email="programmateam@talentenregio.example",
            )

    vng_start = vng_year_start(today=today)
    for year_level, name in VNG_YEAR_GROUPS.items():
        _cohort(
            programmes[VNG_TRAINEESHIP],
            name,
            status=Status.OPEN,
            track_name=year_level,
            start_date=vng_start,
            end_date=_add_months(vng_start, 12) - timedelta(days=1),
            coordinator_email="coordinator@vng.example",
        )

    # AV VIB: the pilot group started at the start of last month; the next group is planned.
    this_month = date(today.year, today.month, 1)
    pilot_start = _add_months(this_month, -1)
    swap_start = _add_months(this_month, 4)
    for name, start, status in ((VIB_RUNNING, pilot_start, Status.OPEN), (VIB_PLANNED, swap_start, Status.PLANNED)):
        _cohort(
            programmes[AV_VIB],
            name,
            status=status,
            start_date=start,
            end_date=_add_months(start, 6) - timedelta(days=1),
            coordinator_email="po@av-regio.example",
        )

    learning_start = next_first_friday(today=today, at_least_days=90)
    _cohort(
        programmes[DEMOCRATIC_CRAFTSMANSHIP],
        LEARNING_GROUP,
        status=Status.PLANNED,
        start_date=learning_start,
        end_date=_add_months(learning_start, 6),
        coordinator_email="democratie@vng.example",
    )
