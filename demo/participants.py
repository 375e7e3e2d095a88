"""Demo enrolments and applications, made as people make them: each person enrols with ``enrolment_request``,
their manager decides with ``enrolment_approve`` (where the programme asks for it), and HR starts the group
with ``cohort_status_change``, which makes everyone placed an active participant.

- Zwolle: the Najaarsgroep (half-way) and the Tweede lichting (just started) each have their 15; Groep 1 is
  open for enrolment with a realistic queue: most placed, some waiting for their manager, a short waitlist.
- VNG: five trainees in each year group; Talentenregio: a group of ten; AV VIB: the pilot group of twelve.
- Leergang democratisch vakmanschap: Den Haag has applied, Utrecht's intake is planned, Deventer is admitted.

The services stamp what they do with the real clock. For the groups that started before today the demo then
dates the requests and decisions back to before the start (only those timestamps, nothing the rules read),
so that a participant's history reads as it happened.

Idempotent like the rest of the demo: a cohort that already has enrolments is left as it is.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from demo.programmes import (
    AV_VIB,
    DEMOCRATIC_CRAFTSMANSHIP,
    LEARNING_GROUP,
    NAJAARSGROEP,
    TALENTENREGIO_TRAINEESHIP,
    TWEEDE_LICHTING,
    VIB_RUNNING,
    VNG_TRAINEESHIP,
    VNG_YEAR_GROUPS,
    ZWOLLE_OPEN_GROUP,
    ZWOLLE_TRACK,
)
from participants.applications import (
    application_admit,
    application_plan_intake,
    application_record_intake,
    application_submit,
)
from participants.models import Enrolment, EnrolmentTransition, OrganisationApplication
from participants.services import (
    cohort_status_change,
    enrolment_approve,
    enrolment_decision_windows_expire,
    enrolment_request,
)
from programmes.models import Cohort, Programme

MOTIVATIONS = [
    "Ik wil mijn netwerk binnen de gemeente vergroten en leren hoe andere afdelingen werken.",
    "Ik werk veel met bestuurders en wil beter aanvoelen wat er politiek speelt.",
    "Na twee jaar in mijn functie wil ik bewuster kiezen welke kant ik op wil groeien.",
    "Ik wil sterker worden in samenwerken met partners in de stad.",
    "Mijn leidinggevende en ik zien dat ik meer regie kan nemen; daar wil ik aan werken.",
    "Ik wil leren adviseren en mijn verhaal overtuigend brengen.",
    "Graag leer ik van collega's van mijn leeftijd die voor dezelfde vragen staan.",
]
VNG_MOTIVATIONS = [
    "Ik wil breed kennismaken met het werk van gemeenten voordat ik een richting kies.",
    "Ik wil in twee jaar leren hoe beleid en uitvoering elkaar in een gemeente raken.",
]
REGION_MOTIVATION = "Ik wil bij verschillende organisaties in de regio ontdekken welk werk bij mij past."
VIB_MOTIVATION = "Ik wil een paar maanden in een andere gemeente meedraaien en nieuwe dingen leren."


def _motivation(index: int, texts: list[str]) -> str:
    return texts[index % len(texts)]


def _enrol(cohort: Cohort, people: list[User], *, texts: list[str], awaiting: frozenset[int] = frozenset()) -> None:
    """Enrol everyone in order of request; their managers approve, except those whose index is in `awaiting`."""
    for index, person in enumerate(people):
        enrolment = enrolment_request(person=person, cohort=cohort, motivation=_motivation(index, texts))
        if enrolment.status == Enrolment.Status.AWAITING_MANAGER and index not in awaiting:
            enrolment_approve(enrolment=enrolment, manager=person.manager)


def _start(cohort: Cohort, *, requested_days_before: int) -> None:
    """HR starts the group (everyone placed becomes active); the requests are dated before the start."""
    cohort.refresh_from_db()
    cohort_status_change(cohort=cohort, to_status=Cohort.Status.RUNNING, by=cohort.coordinator)
    requested = timezone.make_aware(
        datetime.combine(cohort.start_date - timedelta(days=requested_days_before), time(9))
    )
    enrolments = list(Enrolment.objects.filter(cohort=cohort).order_by("requested_at", "pk"))
    for index, enrolment in enumerate(enrolments):
        moment = requested + timedelta(hours=index)
        Enrolment.objects.filter(pk=enrolment.pk).update(requested_at=moment, decided_at=moment + timedelta(days=2))
        EnrolmentTransition.objects.filter(enrolment=enrolment).exclude(to_status=Enrolment.Status.ACTIVE).update(
            created_at=moment
        )


def _people(prefix: str, organisation_slugs: list[str], *, count: int, offset: int = 0) -> list[User]:
    people = User.objects.filter(email__startswith=prefix, organisation__slug__in=organisation_slugs).order_by("email")
    return list(people.select_related("manager", "organisation")[offset : offset + count])


def _fresh(cohort: Cohort | None) -> bool:
    """A cohort of the demo that takes enrolments and has none yet (one seeded before is left as it is)."""
    return (
        cohort is not None
        and cohort.status in (Cohort.Status.OPEN, Cohort.Status.FULL)
        and not Enrolment.objects.filter(cohort=cohort).exists()
    )


def _seed_zwolle() -> None:
    zwolle = Programme.objects.get(slug=ZWOLLE_TRACK)
    for name, offset in ((NAJAARSGROEP, 0), (TWEEDE_LICHTING, 15)):
        cohort = zwolle.cohorts.filter(name=name).first()
        if _fresh(cohort):
            _enrol(cohort, _people("deelnemer", ["zwolle"], count=15, offset=offset), texts=MOTIVATIONS)
            _start(cohort, requested_days_before=60)
    # Groep 1 fills in order of request: 18 young employees asked; the managers of three still have to decide.
    open_group = zwolle.cohorts.filter(name=ZWOLLE_OPEN_GROUP).first()
    if _fresh(open_group):
        employees = _people("medewerker", ["zwolle"], count=18)
        _enrol(open_group, employees, texts=MOTIVATIONS, awaiting=frozenset({0, 5, 10}))
        _let_the_first_decision_window_run_out(open_group)


def _let_the_first_decision_window_run_out(cohort: Cohort) -> None:
    """The earliest request still waiting was made three weeks ago and its manager's window ran out: HR's
    home lists it and the queue shows its place released."""
    late = (
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.AWAITING_MANAGER)
        .order_by("requested_at", "pk")
        .first()
    )
    if late is None:
        return
    now = timezone.now()
    Enrolment.objects.filter(pk=late.pk).update(
        requested_at=now - timedelta(days=21), decision_due_at=now - timedelta(days=7)
    )
    enrolment_decision_windows_expire(now=now)


def _seed_vng() -> None:
    vng = Programme.objects.get(slug=VNG_TRAINEESHIP)
    for offset, name in enumerate(VNG_YEAR_GROUPS.values()):
        cohort = vng.cohorts.filter(name=name).first()
        if _fresh(cohort):
            _enrol(cohort, _people("trainee", ["vng"], count=5, offset=offset * 5), texts=VNG_MOTIVATIONS)
            _start(cohort, requested_days_before=30)


def _seed_talentenregio() -> None:
    region = Programme.objects.get(slug=TALENTENREGIO_TRAINEESHIP)
    cohort = region.cohorts.order_by("start_date").first()
    if _fresh(cohort):
        slugs = list(region.participating_organisations.values_list("slug", flat=True))
        trainees = sorted(_people("trainee", slugs, count=12), key=lambda person: person.email)[:10]
        _enrol(cohort, trainees, texts=[REGION_MOTIVATION])
        _start(cohort, requested_days_before=75)


def _seed_av_vib() -> None:
    cohort = Cohort.objects.filter(programme__slug=AV_VIB, name=VIB_RUNNING).first()
    if _fresh(cohort):
        slugs = list(cohort.programme.participating_organisations.values_list("slug", flat=True))
        _enrol(cohort, _people("vakmens", slugs, count=12), texts=[VIB_MOTIVATION])
        _start(cohort, requested_days_before=45)


def _seed_applications(*, today: date) -> None:
    """Three municipalities at three steps of applying to the learning programme."""
    programme = Programme.objects.get(slug=DEMOCRATIC_CRAFTSMANSHIP)
    if OrganisationApplication.objects.filter(programme=programme).exists():
        return
    owner_hr = User.objects.get(email="democratie@vng.example")
    applications = {}
    for slug, motivation, commitment in [
        (
            "den-haag",
            "Onze wijkbeheerders en beleidsadviseurs werken steeds vaker met bewonersinitiatieven. We willen dat "
            "ze democratische processen goed kunnen faciliteren, ook als er tegenspraak is.",
            "Het college steunt deelname; twaalf ambtenaren van drie stadsdelen doen mee.",
        ),
        (
            "utrecht",
            "We starten een professionaliseringstraject over participatie voor onze ambtenaren en willen leren "
            "van andere gemeenten.",
            "College en raad hebben ingestemd; acht ambtenaren van drie afdelingen doen mee.",
        ),
        (
            "deventer",
            "Met de nieuwe wijkaanpak komen onze ambtenaren vaker in gesprek met inwoners. Welke rol neem je dan "
            "als ambtenaar in, en hoe ziet je democratisch kompas eruit?",
            "De gemeentesecretaris is ambassadeur; raad en college zijn geïnformeerd. Tien ambtenaren doen mee.",
        ),
    ]:
        organisation = Organisation.objects.get(slug=slug)
        applications[slug] = application_submit(
            programme=programme,
            organisation=organisation,
            contact=User.objects.get(email=f"hr@{slug}.example"),
            motivation=motivation,
            commitment=commitment,
        )
    # The intake is planned in the future of the real clock (the service refuses the past), whatever `today` is.
    clock = max(today, timezone.localdate())
    next_week = clock + timedelta(days=7 - clock.weekday() + 1)  # Tuesday next week
    application_plan_intake(
        application=applications["utrecht"],
        by=owner_hr,
        intake_at=timezone.make_aware(datetime.combine(next_week, time(10, 0))),
    )
    deventer = applications["deventer"]
    application_plan_intake(application=deventer, by=owner_hr, intake_at=timezone.now() + timedelta(hours=1))
    application_record_intake(
        application=deventer,
        by=owner_hr,
        questions=(
            "Hoe gaan we om met tegenspraak in participatietrajecten? Wat verwacht de raad van ons als ambtenaren? "
            "Hoe faciliteren we een bewonersinitiatief zonder het over te nemen?"
        ),
    )
    application_admit(application=deventer, by=owner_hr, cohort=programme.cohorts.get(name=LEARNING_GROUP))
    # The intake took place three weeks ago (the service plans intakes in the future only).
    held = timezone.make_aware(datetime.combine(today - timedelta(days=21), time(10, 0)))
    OrganisationApplication.objects.filter(pk=deventer.pk).update(intake_at=held)


@transaction.atomic
def seed_participants(*, today: date) -> None:
    _seed_zwolle()
    _seed_vng()
    _seed_talentenregio()
    _seed_av_vib()
    _seed_applications(today=today)
