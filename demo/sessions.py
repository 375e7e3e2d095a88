"""Demo schedules: Zwolle's curriculum (the 2021 pilot's template) and VNG's year programmes on Friday, and what
the planner, HR, the trainer, the career adviser and the participants did with them.

- Zwolle's Najaarsgroep (half-way) and Tweede lichting (just started): their schedule from the template,
  the trainer on the trainings, intervision groups with their own sessions, attendance and feedback for the
  sessions held so far, an open elective vote (Najaarsgroep), TMA slots with bookings, and two young employees
  from outside the group in the extra seats of the Tweede lichting's Zwolse Politieke Antenne.
- VNG's Trainees jaar 1 (content) and jaar 2 (skills): a programme day every Friday, an intervision group of
  five, attendance of the days held.
- The running Talentenregio group's development programme and AV VIB's training programme, run by the trainer.

Everything goes through the services (planner, schedule, grouping, attendance, feedback, elective vote,
slots, extra seats). Only what fits the real clock is done, so seeding on a `today` away from it never asks
a service for something it refuses, such as booking the past.

Idempotent like the rest of the demo: a cohort that already has a schedule is left as it is.
"""

from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User
from demo.programmes import (
    AV_VIB,
    FRIDAY,
    NAJAARSGROEP,
    TALENTENREGIO_TRAINEESHIP,
    TWEEDE_LICHTING,
    VNG_TRAINEESHIP,
    VNG_YEAR_GROUPS,
    ZWOLLE_TRACK,
)
from participants.selectors import cohort_members
from participants.services import cohort_update
from programmes.models import Cohort, Programme
from sessions import services
from sessions.attendance import attendance_register
from sessions.elective import elective_poll_open, elective_vote_cast, poll_of
from sessions.extra_seats import extra_seat_take
from sessions.feedback import session_feedback_give
from sessions.grouping import intervision_groups_propose
from sessions.intervision_groups import (
    intervision_group_sessions_create,
    intervision_group_update,
    intervision_groups_create,
)
from sessions.models import (
    AvailabilitySlot,
    CurriculumItem,
    CurriculumTemplate,
    ExtraSeat,
    IntervisionGroup,
    Session,
    SessionKind,
    TemplateBreak,
)
from sessions.planner import schedule_propose
from sessions.selectors import session_attendees, session_ends_at
from sessions.slots import slot_book, slots_publish

Kind = SessionKind
ZWOLLE_PLACE = "Stadhuis Zwolle, Grote Kerkplein 15"
VNG_PLACE = "VNG, Nassaulaan 12, Den Haag"
TMA_PLACE = "BLIK Loopbaancentrum, kamer 3"

# Zwolle's pilot (docs/domain.md): every two weeks on Friday; each month a training and an intervision.
# Four external trainings at €2,000 and intervision at €600 a meeting; the Politieke Antenne is open to 2–5 extra.
ZWOLLE_CURRICULUM = [
    (Kind.START_MEETING, "Startbijeenkomst", time(15, 0), time(17, 0), Decimal("0"), False),
    (Kind.TRAINING, "Zwolse Politieke Antenne", time(9, 0), time(12, 30), Decimal("0"), True),
    (Kind.INTERVISION, "Intervisie 1", time(13, 30), time(16, 30), Decimal("600"), False),
    (Kind.TRAINING, "Persoonlijk leiderschap", time(9, 0), time(16, 30), Decimal("2000"), False),
    (Kind.INTERVISION, "Intervisie 2", time(13, 30), time(16, 30), Decimal("600"), False),
    (Kind.TRAINING, "Interactie met je omgeving", time(9, 0), time(16, 30), Decimal("2000"), False),
    (Kind.INTERVISION, "Intervisie 3", time(13, 30), time(16, 30), Decimal("600"), False),
    (Kind.TRAINING, "Samenwerken in Zwolse netwerken", time(9, 0), time(16, 30), Decimal("2000"), False),
    (Kind.INTERVISION, "Intervisie 4", time(13, 30), time(16, 30), Decimal("600"), False),
    (Kind.ELECTIVE, "Keuzetraining", time(9, 0), time(16, 30), Decimal("2000"), False),
    (Kind.INTERVISION, "Intervisie 5", time(13, 30), time(16, 30), Decimal("600"), False),
    (Kind.END_MEETING, "Eindbijeenkomst met evaluatie", time(15, 0), time(17, 30), Decimal("0"), False),
]

# VNG (shared/seeds 000): in jaar 1 the Fridays are about content, in jaar 2 about skills; modules end with a
# (group) assignment, never an exam; intervision among the trainees; work visits; cases brought by clients;
# the year ends with presenting results to a gemeentesecretaris. (title, Fridays) per module.
VNG_MODULES = {
    "Jaar 1": [
        ("Hoe werkt een gemeente?", 3),
        ("Sociaal domein", 4),
        ("Werkbezoek: een kijkje in de keuken", 1),
        ("Fysiek domein en de Omgevingswet", 4),
        ("Actualiteit: asielbeleid en opvang", 3),
        ("Financiën en de begrotingscyclus", 3),
        ("Casus van een opdrachtgever", 3),
        ("Dienstverlening en de digitale overheid", 3),
    ],
    "Jaar 2": [
        ("Presenteren", 3),
        ("Adviseren", 4),
        ("Werkbezoek: een kijkje in de keuken", 1),
        ("Politiek bekwaam: werken in de bestuurlijke omgeving", 3),
        ("Verbinden in netwerken", 3),
        ("Projectmatig werken en onderhandelen", 3),
        ("Casus van een opdrachtgever", 3),
        ("Persoonlijk leiderschap", 3),
    ],
}
VNG_BREAKS = [("Kerstvakantie", "12-19", "01-04"), ("Zomervakantie", "07-18", "08-30")]


# Talentenregio (shared/seeds 002): the group of 8–12 meets for its development programme, about every four weeks.
REGION_CURRICULUM = [
    (Kind.START_MEETING, "Startdag van de traineegroep", time(9, 30), time(16, 0), Decimal("0"), False, 1),
    (
        Kind.PROGRAMME_DAY,
        "Ontwikkeldag: wie ben ik als professional?",
        time(9, 30),
        time(16, 0),
        Decimal("0"),
        False,
        1,
    ),
    (Kind.INTERVISION, "Intervisie", time(13, 30), time(16, 30), Decimal("0"), False, 1),
    (
        Kind.PROGRAMME_DAY,
        "Ontwikkeldag: werken in een politieke omgeving",
        time(9, 30),
        time(16, 0),
        Decimal("0"),
        False,
        1,
    ),
    (Kind.INTERVISION, "Intervisie", time(13, 30), time(16, 30), Decimal("0"), False, 1),
    (Kind.PROGRAMME_DAY, "Ontwikkeldag: samenwerken in de regio", time(9, 30), time(16, 0), Decimal("0"), False, 1),
    (Kind.OTHER, "Koffiemoment met het alumninetwerk", time(16, 0), time(17, 30), Decimal("0"), False, 1),
    (Kind.INTERVISION, "Intervisie", time(13, 30), time(16, 30), Decimal("0"), False, 1),
    (Kind.PROGRAMME_DAY, "Ontwikkeldag: je volgende opdracht kiezen", time(9, 30), time(16, 0), Decimal("0"), False, 1),
]
# AV VIB (shared/seeds 003): a training programme with a trainer/coach throughout the six months.
VIB_CURRICULUM = [
    (Kind.START_MEETING, "Aftrap Vakmensen in beweging", time(14, 0), time(17, 0), Decimal("0"), False, 1),
    (Kind.TRAINING, "Ondernemerschap en zelfmanagement", time(9, 0), time(16, 0), Decimal("0"), False, 1),
    (Kind.TRAINING, "Je netwerk gebruiken", time(9, 0), time(12, 30), Decimal("0"), False, 1),
    (Kind.INTERVISION, "Terugkomdag functiewisseling", time(13, 30), time(16, 30), Decimal("0"), False, 2),
    (Kind.TRAINING, "Samenwerken en communiceren in projecten", time(9, 0), time(16, 0), Decimal("0"), False, 1),
    (Kind.END_MEETING, "Slotbijeenkomst: de gezamenlijke projecten", time(14, 0), time(17, 0), Decimal("0"), False, 1),
]


def _vng_curriculum(year_level: str) -> list[tuple]:
    day, morning = (time(9, 30), time(16, 30)), (time(9, 30), time(12, 30))
    items = [(Kind.START_MEETING, "Opening van het traineejaar", *day, Decimal("0"), False, 1)]
    for title, fridays in VNG_MODULES[year_level]:
        kind = Kind.WORK_VISIT if title.startswith("Werkbezoek") else Kind.PROGRAMME_DAY
        items.append((kind, title, *day, Decimal("0"), False, fridays))
        if kind == Kind.PROGRAMME_DAY:
            items.append((Kind.INTERVISION, "Intervisie", *morning, Decimal("0"), False, 1))
    items.append((Kind.PROGRAMME_DAY, "Feedbackdag: vóór en dóór trainees", *day, Decimal("0"), False, 1))
    items.append(
        (Kind.END_MEETING, "Presentatie aan de gemeentesecretaris", time(13, 0), time(17, 0), Decimal("0"), False, 1)
    )
    return items


def _template(
    programme: Programme, name: str, items: list[tuple], *, breaks: list[tuple], **rules
) -> CurriculumTemplate:
    template, created = CurriculumTemplate.objects.get_or_create(programme=programme, name=name, defaults=rules)
    if created:
        TemplateBreak.objects.bulk_create(
            TemplateBreak(template=template, name=break_name, starts_on=starts_on, ends_on=ends_on)
            for break_name, starts_on, ends_on in breaks
        )
        CurriculumItem.objects.bulk_create(
            CurriculumItem(
                template=template,
                position=position,
                kind=kind,
                title=title,
                start_time=start,
                end_time=end,
                cost=cost,
                is_open_for_extra=is_open,
                repeat_count=repeat,
            )
            for position, (kind, title, start, end, cost, is_open, repeat) in enumerate(items, start=1)
        )
    return template


def _plan(cohort: Cohort, template: CurriculumTemplate, *, location: str, by: User) -> bool:
    """Plan the cohort's schedule from the template, as HR does on the schedule page. False if it had one."""
    if Session.objects.filter(cohort=cohort).exists():
        return False
    proposal = schedule_propose(template=template, start=cohort.start_date)
    services.cohort_schedule_save(cohort=cohort, sessions=proposal.sessions, location=location, by=by)
    last = max(session.date for session in proposal.sessions)
    if last > cohort.end_date:
        # Holidays and breaks pushed the end meeting past the planned end, as the planner warns: HR moves the end.
        cohort_update(
            cohort=cohort,
            name=cohort.name,
            track=cohort.track,
            start_date=cohort.start_date,
            end_date=last,
            capacity=cohort.capacity,
            start_threshold=cohort.start_threshold,
            coordinator=cohort.coordinator,
        )
    return True


def _trainer_on_trainings(cohort: Cohort, *, trainer: User, by: User) -> None:
    for session in Session.objects.filter(cohort=cohort, kind__in=[Kind.TRAINING, Kind.ELECTIVE], trainer=None):
        services.session_update(session=session, by=by, trainer=trainer)


def _intervision_groups(cohort: Cohort, *, facilitator: User | None, by: User) -> None:
    members = list(cohort_members(cohort=cohort))
    if not members or IntervisionGroup.objects.filter(cohort=cohort).exists():
        return
    groups = intervision_groups_create(cohort=cohort, groups=intervision_groups_propose(members=members), by=by)
    for group in groups:
        intervision_group_update(
            group=group, name=group.name, facilitator=facilitator, members=list(group.members.all())
        )
    intervision_group_sessions_create(cohort=cohort)


def _held(cohort: Cohort) -> list[Session]:
    now = timezone.now()
    planned = Session.objects.filter(cohort=cohort, status=Session.Status.PLANNED).order_by("date", "start_time")
    return [session for session in planned if session_ends_at(session) <= now]


def _attendance_and_feedback(cohort: Cohort, *, by: User, feedback: bool) -> None:
    """Attendance of every session held so far; one participant was ill twice, another missed one unannounced.

    The sessions of the last day held that someone else runs are left for their trainer to register (so the
    trainer's home has attendance to register); their participants still give feedback."""
    held = _held(cohort)
    last_day = held[-1].date if held else None
    for index, session in enumerate(held):
        if session.attendances.exists():
            continue
        attendees = list(session_attendees(session=session))
        statuses = {person.pk: "present" for person in attendees}
        if index in (1, 2) and attendees:
            statuses[attendees[0].pk] = "absent_excused"
        if index == 3 and len(attendees) > 1:
            statuses[attendees[1].pk] = "absent_unexcused"
        left_to_trainer = session.date == last_day and session.trainer_id not in (None, by.pk)
        if not left_to_trainer:
            attendance_register(session=session, by=by, statuses=statuses)
        if feedback:
            for offset, person in enumerate(attendees[1:5]):
                session_feedback_give(
                    session=session,
                    person=person,
                    rating=[5, 4, 4, 3][offset],
                    comment=[
                        "Heel praktisch, ik kan er morgen mee aan de slag.",
                        "Goede oefeningen en een fijne groep.",
                        "",
                        "Interessant, maar het mocht wat korter.",
                    ][offset],
                )


def _tma_slots(cohort: Cohort, *, today: date, weeks: int, bookers: list[User]) -> None:
    """The career adviser publishes TMA slots on Tuesday and Thursday mornings; a few participants book one."""
    adviser = User.objects.filter(email="loopbaanadviseur@zwolle.example").first()
    if adviser is None or AvailabilitySlot.objects.filter(cohort=cohort).exists():
        return
    clock = max(today, timezone.localdate())  # slots are published in the future of the real clock
    monday = clock + timedelta(days=7 - clock.weekday())
    first_slot = time(9, 0) if cohort.name == NAJAARSGROEP else time(13, 30)
    for week in range(weeks):
        for weekday in (1, 3):  # Tuesday and Thursday
            try:
                slots_publish(
                    adviser=adviser,
                    cohort=cohort,
                    day=monday + timedelta(weeks=week, days=weekday),
                    first_start=first_slot,
                    minutes=60,
                    count=4 if cohort.name == NAJAARSGROEP else 2,
                    location=TMA_PLACE,
                )
            except ValidationError as error:
                if error.code != "overlap":  # the adviser has other slots then (a demo seeded before): skip the day
                    raise
    free = list(AvailabilitySlot.objects.filter(cohort=cohort, booked_by__isnull=True).order_by("starts_at"))
    for person, slot in zip(bookers, free[::3], strict=False):
        slot_book(slot=slot, person=person)


def _elective_vote(cohort: Cohort, *, by: User) -> None:
    if poll_of(cohort=cohort) is not None:
        return
    participants = list(cohort_members(cohort=cohort))
    poll = elective_poll_open(cohort=cohort, topics=["Adviseren", "Gesprekken leiden", "Visueel denken"], by=by)
    topics = list(poll.topics.order_by("pk"))
    for index, person in enumerate(participants[2:9]):
        elective_vote_cast(poll=poll, person=person, topic=topics[index % 2])


def _extra_seats(cohort: Cohort, *, emails: list[str]) -> None:
    """Young employees from outside the group take extra seats in the open training that is still ahead."""
    ahead = list(
        Session.objects.filter(
            cohort=cohort, is_open_for_extra=True, status=Session.Status.PLANNED, date__gt=timezone.localdate()
        ).order_by("date")
    )
    if not ahead or ExtraSeat.objects.filter(session__cohort=cohort).exists():
        return
    for person in User.objects.filter(email__in=emails).order_by("email"):
        extra_seat_take(session=ahead[0], person=person)


def _seed_zwolle(*, today: date) -> None:
    zwolle = Programme.objects.get(slug=ZWOLLE_TRACK)
    template = _template(
        zwolle,
        "Zwolse leerlijn (pilot 2021)",
        [(*item, 1) for item in ZWOLLE_CURRICULUM],
        interval_weeks=2,
        weekday=FRIDAY,
        breaks=[("Kerstvakantie", "12-20", "01-03")],
    )
    hr = User.objects.get(email="hr@zwolle.example")
    trainer = User.objects.get(email="trainer@trainingsbureau.example")
    for name in (NAJAARSGROEP, TWEEDE_LICHTING):
        cohort = zwolle.cohorts.filter(name=name, status=Cohort.Status.RUNNING).first()
        if cohort is None or not _plan(cohort, template, location=ZWOLLE_PLACE, by=hr):
            continue
        _trainer_on_trainings(cohort, trainer=trainer, by=hr)
        _intervision_groups(cohort, facilitator=trainer, by=hr)
        _attendance_and_feedback(cohort, by=hr, feedback=True)
        members = sorted(cohort_members(cohort=cohort), key=lambda person: person.email)
        if name == NAJAARSGROEP:
            _elective_vote(cohort, by=hr)
            _tma_slots(cohort, today=today, weeks=3, bookers=members[:3])
        else:
            _tma_slots(cohort, today=today, weeks=2, bookers=members[:1])
            _extra_seats(cohort, emails=["medewerker19@zwolle.example", "medewerker20@zwolle.example"])


def _seed_vng() -> None:
    vng = Programme.objects.get(slug=VNG_TRAINEESHIP)
    coordinator = User.objects.get(email="coordinator@vng.example")
    for year_level, name in VNG_YEAR_GROUPS.items():
        template = _template(
            vng,
            f"Programmadagen {year_level.lower()}",
            _vng_curriculum(year_level),
            interval_weeks=1,
            weekday=FRIDAY,
            breaks=VNG_BREAKS,
        )
        cohort = vng.cohorts.filter(name=name, status=Cohort.Status.RUNNING).first()
        if cohort is None or not _plan(cohort, template, location=VNG_PLACE, by=coordinator):
            continue
        _intervision_groups(cohort, facilitator=coordinator, by=coordinator)
        _attendance_and_feedback(cohort, by=coordinator, feedback=False)


def _seed_group_programme(
    slug: str, *, template_name: str, items: list[tuple], place: str, weekday: int, interval_weeks: int
) -> None:
    """The development programme of the running Talentenregio and AV VIB groups, run by the trainer."""
    programme = Programme.objects.get(slug=slug)
    template = _template(
        programme,
        template_name,
        items,
        interval_weeks=interval_weeks,
        weekday=weekday,
        breaks=[("Kerstvakantie", "12-20", "01-03"), ("Zomervakantie", "07-11", "08-23")],
    )
    cohort = programme.cohorts.filter(status=Cohort.Status.RUNNING).order_by("start_date").first()
    if cohort is None or not _plan(cohort, template, location=place, by=cohort.coordinator):
        return
    trainer = User.objects.get(email="trainer@trainingsbureau.example")
    _trainer_on_trainings(cohort, trainer=trainer, by=cohort.coordinator)
    _attendance_and_feedback(cohort, by=cohort.coordinator, feedback=False)


@transaction.atomic
def seed_sessions(*, today: date) -> None:
    # The services word their messages in each reader's language; the titles they compose ("Intervisie – Groep
    # 1") are in the portal's language, Dutch.
    with translation.override("nl"):
        _seed_zwolle(today=today)
        _seed_vng()
        _seed_group_programme(
            TALENTENREGIO_TRAINEESHIP,
            template_name="Ontwikkelprogramma traineegroep",
            items=REGION_CURRICULUM,
            place="Talentenregio, Stationsweg 8, Zwolle",
            weekday=3,  # Thursday
            interval_weeks=4,
        )
        _seed_group_programme(
            AV_VIB,
            template_name="Opleidingsprogramma VIB",
            items=VIB_CURRICULUM,
            place="Stadhuis Gorinchem, Raadhuisstraat 1",
            weekday=1,  # Tuesday
            interval_weeks=3,
        )
