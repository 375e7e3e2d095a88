"""Demo placements: a running Talentenregio trainee group of 10 with a first rotation round whose project
market is open (12 published assignments at the four member organisations, every trainee's ranking, some
host rankings), and a running AV VIB group of 12 with their swap offers, ready for HR to propose swaps.

Idempotent like the rest of the demo. Made through the ORM in one transaction: the demo states a moment in
the round (the market is open), not a history of service calls.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from participants.models import Enrolment
from programmes.demo import AV_VIB, TALENTENREGIO_TRAINEESHIP
from programmes.models import Cohort, Programme

from .models import Assignment, HostRanking, PlacementRound, Preference, SwapOffer

REGION_MEMBERS = ["dronten", "heerde", "kampen", "hattem"]
AV_MUNICIPALITIES = ["gorinchem", "giessenlanden", "leerdam", "zederik", "molenwaard", "hardinxveld-giessendam"]

# Per member organisation: three assignments (title, department, financial track?).
ASSIGNMENTS = {
    "dronten": [
        ("Omgevingsvisie Dronten 2040", "Ruimte", False),
        ("Energietransitie in de wijken", "Ruimte", False),
        ("Meerjarenbegroting en risico's", "Bedrijfsvoering", True),
    ],
    "heerde": [
        ("Participatie bij de herinrichting van het dorpshart", "Ruimte", False),
        ("Dienstverlening aan de balie digitaliseren", "Bedrijfsvoering", False),
        ("Grip op het sociaal domein: sturingsinformatie", "Bedrijfsvoering", True),
    ],
    "kampen": [
        ("Hanzestad als erfgoedparel: evenementenbeleid", "Ruimte", False),
        ("Huisvesting van arbeidsmigranten", "Ruimte", False),
        ("Inkoop en aanbesteding jeugdzorg", "Bedrijfsvoering", False),
    ],
    "hattem": [
        ("Klimaatadaptatie in de binnenstad", "Ruimte", False),
        ("Regionale samenwerking: de kracht van klein", "Bedrijfsvoering", False),
        ("Woningbouwprogramma versnellen", "Ruimte", False),
    ],
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


def _months_later(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def _running_cohort(programme: Programme, name: str, *, start: date, months: int) -> Cohort:
    end_month = start.month - 1 + months
    end = date(start.year + end_month // 12, end_month % 12 + 1, 1) - timedelta(days=1)
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name=name,
        defaults={
            "status": Cohort.Status.RUNNING,
            "start_date": start,
            "end_date": end,
            "capacity": programme.group_capacity,
            "start_threshold": programme.start_threshold,
            "coordinator": User.objects.filter(organisation=programme.owner).order_by("pk").first(),
        },
    )
    return cohort


def _enrol(cohort: Cohort, people: list[User]) -> None:
    requested = timezone.make_aware(datetime.combine(cohort.start_date - timedelta(days=90), time(9)))
    for index, person in enumerate(people):
        Enrolment.objects.get_or_create(
            cohort=cohort,
            person=person,
            defaults={
                "status": Enrolment.Status.ACTIVE,
                "requested_at": requested + timedelta(minutes=index),
                "approver": person.manager,
                "department": person.department,
                "decided_at": requested + timedelta(days=2),
            },
        )


def _talentenregio(today: date) -> None:
    programme = Programme.objects.get(slug=TALENTENREGIO_TRAINEESHIP)
    october = date(today.year if today.month >= 10 else today.year - 1, 10, 1)
    cohort = _running_cohort(programme, "Traineegroep 2026", start=october, months=24)
    trainees = list(
        User.objects.filter(email__startswith="trainee", organisation__slug__in=REGION_MEMBERS).order_by("email")
    )[:10]
    _enrol(cohort, trainees)
    # Three rotations of 8 months in two years; the first one's market is open, the others are to come.
    starts = cohort.start_date
    rounds = []
    for sequence in (1, 2, 3):
        ends = _months_later(starts, 8) - timedelta(days=1)
        round_, created = PlacementRound.objects.get_or_create(
            cohort=cohort,
            sequence=sequence,
            defaults={
                "name": f"Rotatie {sequence}",
                "kind": PlacementRound.Kind.ROTATION,
                "starts_on": starts,
                "ends_on": ends,
                "status": PlacementRound.Status.MARKET if sequence == 1 else PlacementRound.Status.COLLECTING,
            },
        )
        rounds.append((round_, created))
        starts = ends + timedelta(days=1)
    round_, created = rounds[0]
    if not created:
        return
    financial = programme.tracks.filter(name__icontains="financ").first()
    assignments = []
    for slug, items in ASSIGNMENTS.items():
        organisation = Organisation.objects.get(slug=slug)
        supervisor = User.objects.get(email=f"begeleider@{slug}.example")
        contact = User.objects.filter(email=f"hr@{slug}.example").first()
        for title, department_name, is_financial in items:
            assignments.append(
                Assignment.objects.create(
                    round=round_,
                    host_organisation=organisation,
                    department=organisation.departments.filter(name=department_name).first(),
                    title=title,
                    description="Een opdracht die in acht maanden echt af kan, met een begeleider op de afdeling.",
                    supervisor=supervisor,
                    contact=contact,
                    hours_per_week=Decimal("36"),
                    track=financial if is_financial else None,
                    suits_rotation=True,
                    suits_fixed=slug == "heerde",
                    status=Assignment.Status.PUBLISHED,
                )
            )
    # Every trainee ranks seven assignments, none at their own employer; popular ones overlap on purpose.
    for index, trainee in enumerate(trainees):
        others = [
            assignment
            for assignment in assignments
            if assignment.host_organisation_id != trainee.organisation_id and assignment.track_id is None
        ]
        for rank, assignment in enumerate((others[index % 4 :] + others[: index % 4])[:7], start=1):
            Preference.objects.create(trainee=trainee, assignment=assignment, rank=rank)
    # Two hosts already met their candidates.
    for assignment in assignments[:2]:
        for rank, preference in enumerate(assignment.preferences.order_by("rank", "trainee__email"), start=1):
            HostRanking.objects.create(assignment=assignment, trainee=preference.trainee, rank=rank)


def _av_vib(today: date) -> None:
    programme = Programme.objects.get(slug=AV_VIB)
    start = date(today.year, today.month, 1) - timedelta(days=1)
    start = date(start.year, start.month, 1)
    cohort = _running_cohort(programme, "VIB-pilotgroep", start=start, months=6)
    people = []
    for slug, offers in SWAP_OFFERS.items():
        for index, (own_job, offered, wanted) in enumerate(offers, start=1):
            person = User.objects.get(email=f"vakmens{index}@{slug}.example")
            people.append(person)
            _enrol(cohort, [person])
            SwapOffer.objects.get_or_create(
                cohort=cohort,
                participant=person,
                defaults={
                    "own_job": own_job,
                    "own_job_description": f"{own_job} bij de gemeente.",
                    "job_kinds_offered": offered,
                    "job_kinds_wanted": wanted,
                },
            )


@transaction.atomic
def seed_placements(*, today: date) -> None:
    _talentenregio(today)
    _av_vib(today)
