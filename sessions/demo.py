"""Demo schedules: Zwolle's curriculum (the 2021 pilot's template), VNG's weekly programme days, and a
running Zwolle group (Najaarsgroep) of 15 invented participants whose schedule the planner made.

Idempotent like the rest of the demo: everything is looked up by its natural key and made once.
"""

from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User
from participants.models import Enrolment
from programmes.demo import FRIDAY, VNG_TRAINEESHIP, ZWOLLE_TRACK
from programmes.models import Cohort, Programme

from . import services
from .attendance import attendance_register
from .elective import elective_poll_open, elective_vote_cast, poll_of
from .feedback import session_feedback_give
from .grouping import (
    intervision_group_sessions_create,
    intervision_group_update,
    intervision_groups_create,
    intervision_groups_propose,
)
from .models import (
    Attendance,
    AvailabilitySlot,
    CurriculumItem,
    CurriculumTemplate,
    IntervisionGroup,
    Session,
    SessionKind,
)
from .planner import first_date_on_weekday, schedule_propose
from .selectors import cohort_members, session_attendees, session_ends_at
from .slots import slot_book

Kind = SessionKind
ZWOLLE_PLACE = "Stadhuis Zwolle, Grote Kerkplein 15"
NAJAARSGROEP = "Najaarsgroep"

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


def _template(programme: Programme, name: str, items: list[tuple], **rules) -> CurriculumTemplate:
    template, created = CurriculumTemplate.objects.get_or_create(programme=programme, name=name, defaults=rules)
    if created:
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


def _najaarsgroep(programme: Programme, *, today: date) -> Cohort:
    # Started on the first Friday of the month before last, so it is half-way: sessions behind and ahead.
    month_index = today.month - 3
    first_of_month = date(today.year + month_index // 12, month_index % 12 + 1, 1)
    start = first_date_on_weekday(first_of_month, FRIDAY)
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name=NAJAARSGROEP,
        defaults={
            "status": Cohort.Status.RUNNING,
            "start_date": start,
            "end_date": start + timedelta(weeks=24),
            "capacity": programme.group_capacity,
            "start_threshold": programme.start_threshold,
            "coordinator": User.objects.filter(email="hr@zwolle.example").first(),
        },
    )
    return cohort


def _enrol_participants(cohort: Cohort) -> list[User]:
    participants = list(
        User.objects.filter(email__startswith="deelnemer", organisation__slug="zwolle").order_by("email")
    )
    requested = timezone.make_aware(timezone.datetime.combine(cohort.start_date - timedelta(days=60), time(9)))
    for index, person in enumerate(participants):
        Enrolment.objects.get_or_create(
            cohort=cohort,
            person=person,
            defaults={
                "status": Enrolment.Status.ACTIVE,
                "motivation": "Ik wil mijn netwerk in de gemeente vergroten.",
                "requested_at": requested + timedelta(minutes=index),
                "approver": person.manager,
                "department": person.department,
                "cost": Decimal("933.33"),
                "decided_at": requested + timedelta(days=3),
            },
        )
    return participants


def _tma_slots(cohort: Cohort, *, today: date) -> None:
    adviser = User.objects.filter(email="loopbaanadviseur@zwolle.example").first()
    if adviser is None or AvailabilitySlot.objects.filter(adviser=adviser, cohort=cohort).exists():
        return
    # Two mornings a week for the next three weeks, four one-hour slots each.
    monday = today + timedelta(days=7 - today.weekday())
    slots = []
    for week in range(3):
        for weekday in (1, 3):  # Tuesday and Thursday
            day = monday + timedelta(weeks=week, days=weekday)
            for hour in (9, 10, 11, 13):
                starts = timezone.make_aware(timezone.datetime.combine(day, time(hour)))
                slots.append(
                    AvailabilitySlot(
                        adviser=adviser,
                        cohort=cohort,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=1),
                        location="BLIK Loopbaancentrum, kamer 3",
                    )
                )
    AvailabilitySlot.objects.bulk_create(slots)


@transaction.atomic
def seed_sessions(*, today: date) -> None:
    zwolle = Programme.objects.get(slug=ZWOLLE_TRACK)
    zwolle_template = _template(
        zwolle,
        "Zwolse leerlijn (pilot 2021)",
        [(*item, 1) for item in ZWOLLE_CURRICULUM],
        interval_weeks=2,
        weekday=FRIDAY,
        christmas_break_start="12-20",
        christmas_break_end="01-03",
    )
    vng = Programme.objects.get(slug=VNG_TRAINEESHIP)
    _template(
        vng,
        "Programmadagen op vrijdag",
        [
            (Kind.START_MEETING, "Opening van het traineejaar", time(9, 30), time(16, 30), Decimal("0"), False, 1),
            (Kind.PROGRAMME_DAY, "Programmadag", time(9, 30), time(16, 30), Decimal("0"), False, 36),
            (
                Kind.END_MEETING,
                "Presentatie aan de gemeentesecretaris",
                time(13, 0),
                time(17, 0),
                Decimal("0"),
                False,
                1,
            ),
        ],
        interval_weeks=1,
        weekday=FRIDAY,
        christmas_break_start="12-19",
        christmas_break_end="01-04",
    )

    cohort = _najaarsgroep(zwolle, today=today)
    _enrol_participants(cohort)
    hr = User.objects.get(email="hr@zwolle.example")
    trainer = User.objects.filter(email="trainer@trainingsbureau.example").first()
    if not Session.objects.filter(cohort=cohort).exists():
        proposal = schedule_propose(template=zwolle_template, start=cohort.start_date)
        sessions = services.cohort_schedule_save(
            cohort=cohort, sessions=proposal.sessions, location=ZWOLLE_PLACE, by=hr
        )
        Session.objects.filter(pk__in=[s.pk for s in sessions], kind__in=[Kind.TRAINING, Kind.ELECTIVE]).update(
            trainer=trainer
        )
    _tma_slots(cohort, today=today)
    with translation.override("nl"):
        _groups_and_history(cohort, hr=hr, trainer=trainer)


def _groups_and_history(cohort: Cohort, *, hr: User, trainer: User | None) -> None:
    """Intervision groups, attendance and feedback for the sessions held so far, an open elective vote and a
    first TMA booking, all through the services. Only what fits the real clock is done, so seeding a fixed
    `today` later (as the tests do) never asks a service for something it refuses, such as booking the past."""
    participants = list(cohort_members(cohort=cohort))
    if not IntervisionGroup.objects.filter(cohort=cohort).exists():
        groups = intervision_groups_create(
            cohort=cohort, groups=intervision_groups_propose(members=participants), by=hr
        )
        for group in groups:
            intervision_group_update(
                group=group, name=group.name, facilitator=trainer, members=list(group.members.all())
            )
        intervision_group_sessions_create(cohort=cohort)
    now = timezone.now()
    held = [
        session
        for session in Session.objects.filter(cohort=cohort, status=Session.Status.PLANNED).order_by("date")
        if session_ends_at(session) <= now
    ]
    if held and not Attendance.objects.filter(session__cohort=cohort).exists():
        for index, session in enumerate(held):
            attendees = list(session_attendees(session=session))
            statuses = {person.pk: Attendance.Status.PRESENT for person in attendees}
            # One participant was ill twice; another missed one session without letting anyone know.
            if index in (1, 2) and attendees:
                statuses[attendees[0].pk] = Attendance.Status.ABSENT_EXCUSED
            if index == 3 and len(attendees) > 1:
                statuses[attendees[1].pk] = Attendance.Status.ABSENT_UNEXCUSED
            attendance_register(session=session, by=hr, statuses=statuses)
            for offset, person in enumerate(attendees[:4]):
                session_feedback_give(
                    session=session,
                    person=person,
                    rating=[5, 4, 4, 3][offset],
                    comment=["Heel praktisch.", "Goede oefeningen.", "", "Het mocht wat korter."][offset],
                )
    if poll_of(cohort=cohort) is None:
        poll = elective_poll_open(cohort=cohort, topics=["Adviseren", "Gesprekken leiden", "Visueel denken"], by=hr)
        topics = list(poll.topics.order_by("pk"))
        for index, person in enumerate(participants[2:9]):
            elective_vote_cast(poll=poll, person=person, topic=topics[index % 2])
    first = participants[0] if participants else None
    if first and not AvailabilitySlot.objects.filter(cohort=cohort, booked_by=first).exists():
        free = AvailabilitySlot.objects.filter(cohort=cohort, booked_by__isnull=True, starts_at__gt=now).first()
        if free is not None:
            slot_book(slot=free, person=first)
