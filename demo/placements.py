"""Demo placements, made with the placements services as programme HR, the hosts and the trainees use them:

- Talentenregio's running group of 10: three 8-month rotations. Rotation 1 went through the whole project
  market (the hosts' contact persons posted assignments, HR published them, the trainees and two hosts ranked,
  HR ran the allocation and published it), so every trainee is placed. The market of rotation 2 is open: its
  assignments are published, some trainees have ranked them, one new assignment waits for HR's review.
  Rotation 3 collects assignments.
- VNG: each year group has a round of client assignments (opdrachten) at client municipalities, allocated
  and published, so every trainee has a client and a supervisor there.
- AV VIB: the pilot group's twelve offered their jobs, ready for P&O to propose swaps.

Idempotent like the rest of the demo: a cohort that already has rounds (or offers) is left as it is.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from accounts.models import Organisation, User
from coaching.matches import current_members
from demo.programmes import AV_VIB, TALENTENREGIO_TRAINEESHIP, VIB_RUNNING, VNG_TRAINEESHIP, VNG_YEAR_GROUPS
from placements.assignments import assignment_review, assignment_submit
from placements.market import host_rankings_save, preferences_save
from placements.models import Assignment, PlacementRound, SwapOffer
from placements.placing import round_allocation_run, round_publish
from placements.rounds import placement_round_create, placement_round_status_change
from placements.swaps import swap_offer_save
from programmes.models import Cohort, Programme

Status = PlacementRound.Status

# Per member organisation, per rotation: (title, department, what the trainee does, places). Realistic in 8 months.
ROTATION_ASSIGNMENTS = {
    1: {
        "dronten": [
            (
                "Omgevingsvisie Dronten 2040",
                "Ruimte",
                "Je haalt met inwoners en ondernemers op wat Dronten in 2040 moet zijn.",
                1,
            ),
            ("Energietransitie in de wijken", "Ruimte", "Je helpt twee wijken op weg naar een wijkuitvoeringsplan.", 2),
            (
                "Meerjarenbegroting en risico's",
                "Bedrijfsvoering",
                "Je brengt de risico's van de begroting in kaart.",
                1,
            ),
        ],
        "heerde": [
            ("Participatie bij het dorpshart", "Ruimte", "Je organiseert de participatie bij de herinrichting.", 1),
            (
                "Dienstverlening aan de balie digitaliseren",
                "Bedrijfsvoering",
                "Je maakt drie balieproducten digitaal.",
                1,
            ),
            ("Grip op het sociaal domein", "Samenleving", "Je ontwerpt sturingsinformatie voor het sociaal domein.", 1),
        ],
        "kampen": [
            ("Evenementenbeleid voor de Hanzestad", "Samenleving", "Je schrijft het nieuwe evenementenbeleid.", 1),
            ("Huisvesting van arbeidsmigranten", "Ruimte", "Je zoekt met partners naar goede huisvesting.", 1),
            (
                "Inkoop en aanbesteding jeugdzorg",
                "Bedrijfsvoering",
                "Je bereidt de aanbesteding van jeugdzorg voor.",
                1,
            ),
        ],
        "hattem": [
            ("Klimaatadaptatie in de binnenstad", "Ruimte", "Je maakt een plan tegen wateroverlast en hitte.", 1),
            (
                "Regionale samenwerking: de kracht van klein",
                "Bedrijfsvoering",
                "Je onderzoekt wat Hattem samen doet.",
                1,
            ),
            ("Woningbouwprogramma versnellen", "Ruimte", "Je helpt de woningbouwprojecten sneller te starten.", 2),
        ],
    },
    2: {
        "dronten": [
            ("Vitale dorpskernen", "Samenleving", "Je werkt met de dorpsraden aan voorzieningen in de kernen.", 1),
            ("Datagedreven werken", "Bedrijfsvoering", "Je zet een dashboard op voor het college.", 1),
        ],
        "heerde": [
            ("Mobiliteitsplan Heerde", "Ruimte", "Je werkt het mobiliteitsplan uit met inwoners.", 1),
            ("Arbeidsmarktcommunicatie", "Bedrijfsvoering", "Je laat zien waarom werken bij Heerde leuk is.", 1),
        ],
        "kampen": [
            (
                "Ondermijning in het buitengebied",
                "Samenleving",
                "Je brengt signalen samen en adviseert over aanpak.",
                1,
            ),
            ("Onderhoud van de kademuren", "Ruimte", "Je begeleidt het voorbereidende onderzoek.", 1),
        ],
        "hattem": [
            ("Inwonerpanel opzetten", "Samenleving", "Je zet een inwonerpanel op en voert de eerste peiling uit.", 2),
            ("Duurzaam inkopen", "Bedrijfsvoering", "Je maakt duurzaamheid onderdeel van elke inkoop.", 1),
            ("Toekomst van de sportvelden", "Ruimte", "Je onderzoekt met de clubs hoe de velden verder kunnen.", 1),
        ],
    },
}
# Posted for rotation 2 after its market opened: it waits for the programme team's review.
LATE_ASSIGNMENT = ("dronten", "Wijkgericht werken in Dronten-Noord", "Samenleving", "Je bouwt mee aan het wijkteam.", 1)

# VNG's client municipalities and what they ask of a trainee for the year: (title, department, description).
CLIENT_ASSIGNMENTS = {
    "Jaar 1": {
        "den-haag": [
            ("Wijkaanpak Den Haag Zuidwest", "Samenleving", "Je ondersteunt het wijkteam bij de aanpak in Zuidwest."),
            (
                "Opvang van statushouders",
                "Samenleving",
                "Je werkt mee aan huisvesting en begeleiding van statushouders.",
            ),
        ],
        "utrecht": [
            ("Energieloket Utrecht", "Ruimte", "Je helpt het energieloket inwoners beter te bereiken."),
        ],
        "deventer": [
            ("Omgevingsplan Deventer", "Ruimte", "Je werkt mee aan het omgevingsplan en de participatie erbij."),
            ("Schulddienstverlening vernieuwen", "Samenleving", "Je onderzoekt hoe inwoners eerder hulp krijgen."),
        ],
    },
    "Jaar 2": {
        "den-haag": [
            ("Programma Haagse economie", "Bedrijfsvoering", "Je adviseert over het economisch programma van de stad."),
        ],
        "utrecht": [
            ("Mobiliteitstransitie Utrecht", "Ruimte", "Je schrijft mee aan de aanpak voor minder autoverkeer."),
            ("Inkoop sociaal domein", "Bedrijfsvoering", "Je bereidt de nieuwe inkoop van Wmo-voorzieningen voor."),
        ],
        "deventer": [
            ("Informatiegestuurd werken", "Bedrijfsvoering", "Je helpt teams hun eigen cijfers te gebruiken."),
            ("Raadsvoorstel woningbouw", "Ruimte", "Je bereidt met de wethouder een raadsvoorstel voor."),
        ],
    },
}

# AV VIB: (own job, kinds of work offered, kinds wanted) per municipality, two people each. Designed so that
# pairs serve most people and a ring of three serves three who could not swap in pairs.
SWAP_OFFERS = {
    "gorinchem": [
        ("Medewerker vergunningen", "vergunningen", "financiën"),
        ("Medewerker burgerzaken", "burgerzaken", "communicatie"),
    ],
    "giessenlanden": [
        ("Medewerker financiële administratie", "financiën", "vergunningen"),
        ("Medewerker openbare ruimte", "groen", "handhaving"),
    ],
    "leerdam": [
        ("Communicatiemedewerker", "communicatie", "burgerzaken"),
        ("Medewerker inkoop", "inkoop", "ICT"),
    ],
    "zederik": [
        ("Boa handhaving", "handhaving", "groen"),
        ("Medewerker ICT-beheer", "ICT", "sociaal domein"),
    ],
    "molenwaard": [
        ("Consulent sociaal domein", "sociaal domein", "inkoop"),
        ("Medewerker belastingen", "belastingen", "archief"),
    ],
    "hardinxveld-giessendam": [
        ("Medewerker archief", "archief", "belastingen"),
        ("Medewerker planning en control", "planning en control", "vastgoed"),
    ],
}


def _members(cohort: Cohort) -> list[User]:
    return sorted(current_members(cohort=cohort), key=lambda person: person.email)


def _post(round_: PlacementRound, slug: str, items, *, hours: Decimal, fixed: bool, publish: bool = True) -> list:
    """The host's contact person posts the assignments; programme HR publishes them."""
    organisation = Organisation.objects.get(slug=slug)
    contact = User.objects.get(email=f"hr@{slug}.example")
    supervisor = User.objects.get(email=f"begeleider@{slug}.example")
    hr = round_.cohort.coordinator
    posted = []
    for title, department, description, *rest in items:
        assignment = assignment_submit(
            round=round_,
            host_organisation=organisation,
            by=contact,
            title=title,
            description=description,
            department=organisation.departments.filter(name=department).first(),
            supervisor=supervisor,
            hours_per_week=hours,
            track=None,
            suits_rotation=round_.kind == PlacementRound.Kind.ROTATION,
            suits_fixed=fixed,
            capacity=rest[0] if rest else 1,
        )
        if publish:
            assignment = assignment_review(assignment=assignment, by=hr, publish=True, note="")
        posted.append(assignment)
    return posted


def _rank(round_: PlacementRound, trainees: list[User], *, how_many: int) -> None:
    """Each trainee ranks assignments of other organisations than their own employer, in a varied order."""
    assignments = list(round_.assignments.filter(status=Assignment.Status.PUBLISHED).order_by("pk"))
    for index, trainee in enumerate(trainees):
        others = [
            assignment for assignment in assignments if assignment.host_organisation_id != trainee.organisation_id
        ]
        shift = index % len(others)
        chosen = (others[shift:] + others[:shift])[:how_many]
        preferences_save(round=round_, trainee=trainee, ranks={a.pk: rank for rank, a in enumerate(chosen, start=1)})


def _allocate_and_publish(round_: PlacementRound, *, hr: User) -> None:
    placement_round_status_change(round=round_, to_status=Status.ALLOCATING, by=hr)
    round_allocation_run(round=round_, by=hr)
    round_publish(round=round_, by=hr, publish_anyway=True)


def _talentenregio() -> None:
    programme = Programme.objects.get(slug=TALENTENREGIO_TRAINEESHIP)
    cohort = programme.cohorts.filter(status=Cohort.Status.RUNNING).order_by("start_date").first()
    if cohort is None or PlacementRound.objects.filter(cohort=cohort).exists() or not _members(cohort):
        return
    hr = cohort.coordinator
    trainees = _members(cohort)
    starts = cohort.start_date
    rounds = []
    for sequence in (1, 2, 3):
        round_ = placement_round_create(
            cohort=cohort,
            name=f"Rotatie {sequence}",
            kind=PlacementRound.Kind.ROTATION,
            sequence=sequence,
            starts_on=starts,
            ends_on=None,  # 8 months
            by=hr,
        )
        rounds.append(round_)
        starts = round_.ends_on + date.resolution
    first, second, _third = rounds
    for slug, items in ROTATION_ASSIGNMENTS[1].items():
        _post(first, slug, items, hours=Decimal("36"), fixed=slug == "heerde")
    placement_round_status_change(round=first, to_status=Status.MARKET, by=hr)
    _rank(first, trainees, how_many=7)
    # Two hosts met their candidates and ranked them.
    for assignment in first.assignments.filter(host_organisation__slug__in=["dronten", "heerde"]).order_by("pk")[:2]:
        candidates = list(
            assignment.preferences.order_by("rank", "trainee__email").values_list("trainee_id", flat=True)
        )
        host_rankings_save(
            assignment=assignment,
            by=User.objects.get(email=f"hr@{assignment.host_organisation.slug}.example"),
            rankings={trainee_id: {"rank": rank} for rank, trainee_id in enumerate(candidates, start=1)},
        )
    _allocate_and_publish(first, hr=hr)

    for slug, items in ROTATION_ASSIGNMENTS[2].items():
        _post(second, slug, items, hours=Decimal("36"), fixed=slug == "heerde")
    placement_round_status_change(round=second, to_status=Status.MARKET, by=hr)
    # The market has just opened: six of the ten ranked already (the first, trainee1@dronten, has not).
    _rank(second, [trainee for trainee in trainees if trainee.email != "trainee1@dronten.example"][:6], how_many=5)
    slug, *late = LATE_ASSIGNMENT
    _post(second, slug, [late], hours=Decimal("36"), fixed=False, publish=False)


def _vng() -> None:
    programme = Programme.objects.get(slug=VNG_TRAINEESHIP)
    for year_level, name in VNG_YEAR_GROUPS.items():
        cohort = programme.cohorts.filter(name=name, status=Cohort.Status.RUNNING).first()
        if cohort is None or PlacementRound.objects.filter(cohort=cohort).exists() or not _members(cohort):
            continue
        round_ = placement_round_create(
            cohort=cohort,
            name=f"Opdrachten {cohort.start_date.year}–{cohort.start_date.year + 1}",
            kind=PlacementRound.Kind.CLIENT,
            sequence=1,
            starts_on=cohort.start_date,
            ends_on=cohort.end_date,
            by=cohort.coordinator,
        )
        for slug, items in CLIENT_ASSIGNMENTS[year_level].items():
            # 40 hours a week, of which Friday (8 hours) is the programme day: 32 hours at the client.
            _post(round_, slug, items, hours=Decimal("32"), fixed=False)
        placement_round_status_change(round=round_, to_status=Status.MARKET, by=cohort.coordinator)
        _rank(round_, _members(cohort), how_many=5)
        _allocate_and_publish(round_, hr=cohort.coordinator)


def _av_vib() -> None:
    cohort = Cohort.objects.filter(programme__slug=AV_VIB, name=VIB_RUNNING, status=Cohort.Status.RUNNING).first()
    if cohort is None or SwapOffer.objects.filter(cohort=cohort).exists():
        return
    for slug, offers in SWAP_OFFERS.items():
        organisation = Organisation.objects.get(slug=slug)
        for index, (own_job, offered, wanted) in enumerate(offers, start=1):
            swap_offer_save(
                cohort=cohort,
                participant=User.objects.get(email=f"vakmens{index}@{slug}.example"),
                own_job=own_job,
                own_job_description=f"Ik werk als {own_job[0].lower()}{own_job[1:]} bij {organisation.name}.",
                job_kinds_offered=offered,
                job_kinds_wanted=wanted,
            )


@transaction.atomic
def seed_placements(*, today: date) -> None:
    _talentenregio()
    _vng()
    _av_vib()
