"""Reads about sessions: who may see and manage which session, and each person's schedule.

Scope rules (every view asks these; anything outside them answers 404):
- HR advisers manage the sessions of cohorts whose programme their organisation owns;
- a trainer sees the sessions they run;
- a member (placed, active or completed enrolment) sees their cohort's sessions, and of intervision
  sessions only those of their own intervision group;
- a young employee with an extra seat sees that one open session.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Organisation, Role, User
from core.workdays import dutch_public_holidays
from participants.models import Enrolment
from participants.selectors import cohort_members
from programmes.models import Cohort, Programme

from .models import AvailabilitySlot, CurriculumTemplate, ExtraSeat, IntervisionGroup, Session, SessionKind

# Enrolments whose person belongs to the cohort's sessions: those with a seat, and (for the past) completed.
# Enrolments that may still act in a running cohort (vote, book, sign up for feedback).


def session_queryset() -> QuerySet[Session]:
    return Session.objects.select_related("cohort__programme__owner", "intervision_group__facilitator", "trainer")


def session_for_hr(*, user, pk: int) -> Session:
    """A session of a cohort HR manages; 404 otherwise."""
    return get_object_or_404(session_queryset().managed_by(user), pk=pk)


def is_cohort_member(*, person, cohort_id: int, statuses=Enrolment.MEMBER_STATUSES) -> bool:
    return Enrolment.objects.filter(cohort_id=cohort_id, person=person, status__in=statuses).exists()


def session_attendees(*, session: Session) -> QuerySet[User]:
    """Who is expected at a session: the cohort's members (only the group's members for a group's session),
    plus the extra participants of an open session."""
    members = User.objects.filter(
        enrolments__cohort_id=session.cohort_id, enrolments__status__in=Enrolment.CURRENT_STATUSES
    )
    if session.intervision_group_id:
        members = members.filter(intervision_groups=session.intervision_group_id)
    extra = User.objects.filter(extra_seats__session=session)
    return (
        User.objects.filter(Q(pk__in=members.values("pk")) | Q(pk__in=extra.values("pk")))
        .select_related("organisation", "department")
        .order_by("last_name", "first_name", "email")
    )


def _attends(*, person, statuses) -> Q:
    """Sessions of the person's cohorts (enrolled in one of `statuses`), of an intervision group's sessions
    only their own group's, and the open sessions they took an extra seat in."""
    member = Enrolment.objects.filter(cohort_id=OuterRef("cohort_id"), person=person, status__in=statuses)
    in_group = IntervisionGroup.members.through.objects.filter(
        intervisiongroup_id=OuterRef("intervision_group_id"), user_id=person.pk
    )
    extra_seat = ExtraSeat.objects.filter(session_id=OuterRef("pk"), person=person)
    return (Exists(member) & (Q(intervision_group__isnull=True) | Exists(in_group))) | Exists(extra_seat)


def sessions_expected_at(*, person) -> QuerySet[Session]:
    """The sessions this person is expected at: `session_attendees` read the other way round (keep the two
    together). Their current cohorts' sessions (of an intervision group's sessions only their own group's),
    and the open sessions they took an extra seat in."""
    return session_queryset().filter(_attends(person=person, statuses=Enrolment.CURRENT_STATUSES))


def sessions_visible_to(*, person) -> QuerySet[Session]:
    """Every session this person may see: as member, as member of the intervision group, with an extra
    seat, or as its trainer. Cancelled sessions are included (a schedule shows them struck through)."""
    return session_queryset().filter(_attends(person=person, statuses=Enrolment.MEMBER_STATUSES) | Q(trainer=person))


def session_for_person(*, person, pk: int) -> Session:
    """A session this person may see; 404 otherwise."""
    return get_object_or_404(sessions_visible_to(person=person), pk=pk)


# --- the schedule -------------------------------------------------------------------------------------------


@dataclass
class ScheduleEntry:
    """One appointment in a person's schedule, whatever it comes from (a session, a TMA slot, …)."""

    uid: str
    kind: str
    kind_label: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    online_url: str = ""
    context: str = ""  # the cohort or programme it belongs to
    with_whom: str = ""  # trainer, facilitator or career adviser
    sequence: int = 0
    is_cancelled: bool = False
    last_modified: datetime | None = None
    url: str = ""
    role: str = "participant"  # or "trainer", "extra", "adviser"
    conflicts_with: list[str] = field(default_factory=list)

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()


def local_datetime(day: date, moment: time) -> datetime:
    """A date and a wall-clock time in Groeipad's time zone (Europe/Amsterdam) as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_default_timezone())


def _session_entry(session: Session, *, person) -> ScheduleEntry:
    if session.trainer_id == person.pk:
        role = "trainer"
    elif getattr(session, "has_extra_seat", False):
        role = "extra"
    else:
        role = "participant"
    trainer = session.trainer.full_name if session.trainer_id else session.external_trainer
    if not trainer and session.intervision_group_id and session.intervision_group.facilitator_id:
        trainer = session.intervision_group.facilitator.full_name
    return ScheduleEntry(
        uid=f"session-{session.pk}@groeipad",
        kind=session.kind,
        kind_label=str(SessionKind(session.kind).label),
        title=session.title,
        starts_at=local_datetime(session.date, session.start_time),
        ends_at=local_datetime(session.date, session.end_time),
        location=session.location,
        online_url=session.online_url,
        context=session.cohort.name
        if not session.intervision_group_id
        else f"{session.cohort.name} · {session.intervision_group.name}",
        with_whom=trainer,
        sequence=session.sequence,
        is_cancelled=session.status == Session.Status.CANCELLED,
        last_modified=session.updated_at,
        url=reverse("sessions:session_detail", args=[session.pk]),
        role=role,
    )


def _slot_entry(slot: AvailabilitySlot, *, person) -> ScheduleEntry:
    is_adviser = slot.adviser_id == person.pk
    if slot.sequence_number:
        title = str(SessionKind.TMA.label) + f" {slot.sequence_number}"
    else:
        title = str(SessionKind.TMA.label)
    return ScheduleEntry(
        uid=f"slot-{slot.pk}@groeipad",
        kind=SessionKind.TMA,
        kind_label=str(SessionKind.TMA.label),
        title=title,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        location=slot.location,
        context=slot.cohort.name if slot.cohort_id else "",
        with_whom=(slot.booked_by.full_name if is_adviser and slot.booked_by_id else slot.adviser.full_name),
        last_modified=slot.booked_at,
        role="adviser" if is_adviser else "participant",
    )


def schedule_for(*, person, since: date | None = None, until: date | None = None) -> list[ScheduleEntry]:
    """Everything in this person's schedule, in time order, with overlaps flagged.

    Cohort sessions, their intervision group's sessions, open sessions they took an extra seat in,
    sessions they run as trainer, and TMA sessions they booked (or, as career adviser, that were booked
    with them). A fixed number of queries, however many entries there are.
    """
    sessions = sessions_visible_to(person=person).annotate(
        has_extra_seat=Exists(ExtraSeat.objects.filter(session_id=OuterRef("pk"), person=person))
    )
    slots = AvailabilitySlot.objects.select_related("adviser", "booked_by", "cohort").filter(
        Q(booked_by=person) | Q(adviser=person, booked_by__isnull=False)
    )
    if since is not None:
        sessions = sessions.filter(date__gte=since)
        slots = slots.filter(ends_at__gte=local_datetime(since, time.min))
    if until is not None:
        sessions = sessions.filter(date__lte=until)
        slots = slots.filter(starts_at__lte=local_datetime(until, time.max))
    entries = [_session_entry(session, person=person) for session in sessions]
    entries += [_slot_entry(slot, person=person) for slot in slots]
    entries.sort(key=lambda entry: (entry.starts_at, entry.ends_at, entry.uid))
    flag_conflicts(entries)
    return entries


def flag_conflicts(entries: list[ScheduleEntry]) -> None:
    """Mark entries that overlap in time (cancelled ones never conflict). `entries` is sorted by start."""
    live = [entry for entry in entries if not entry.is_cancelled]
    for index, entry in enumerate(live):
        for other in live[index + 1 :]:
            if other.starts_at >= entry.ends_at:
                break
            entry.conflicts_with.append(other.title)
            other.conflicts_with.append(entry.title)


def cohort_sessions(*, cohort: Cohort) -> QuerySet[Session]:
    """A cohort's sessions (also each intervision group's) in time order, for HR and the PDF."""
    return session_queryset().filter(cohort=cohort).order_by("date", "start_time", "intervision_group__name", "pk")


def intervision_groups_of(*, cohort: Cohort) -> QuerySet[IntervisionGroup]:
    return (
        IntervisionGroup.objects.filter(cohort=cohort)
        .select_related("facilitator")
        .prefetch_related(
            Prefetch(
                "members", queryset=User.objects.select_related("organisation", "department").order_by("last_name")
            )
        )
        .order_by("name")
    )


def curriculum_templates_of(*, programme_id: int) -> QuerySet[CurriculumTemplate]:
    """A programme's templates with what the planner and the template pages read: items, breaks, the owner."""
    return (
        CurriculumTemplate.objects.filter(programme_id=programme_id)
        .select_related("programme__owner")
        .prefetch_related("items", "breaks")
        .order_by("name")
    )


def curriculum_templates_for(*, cohort: Cohort) -> QuerySet[CurriculumTemplate]:
    """The templates of the cohort's programme, for the planner."""
    return curriculum_templates_of(programme_id=cohort.programme_id)


def session_date_override(*, session: Session):
    """Why HR kept the session on its current date despite a warning: the latest such record, or None."""
    return session.date_overrides.filter(date=session.date).select_related("by").first()


def session_date_warnings(*, cohort: Cohort, day: date) -> list[str]:
    """What is odd about planning a session of this cohort on this day: before the cohort's start date,
    after its end date, or on a Dutch public holiday (with the programme owner's 5 May rule). Empty when
    nothing is. HR may still keep such a date, with a reason (services.session_create / session_update)."""
    warnings = []
    if cohort.start_date and day < cohort.start_date:
        warnings.append(
            _("%(day)s is before the group starts (%(start)s).")
            % {"day": date_format(day, "j F Y"), "start": date_format(cohort.start_date, "j F Y")}
        )
    if cohort.end_date and day > cohort.end_date:
        warnings.append(
            _("%(day)s is after the group ends (%(end)s).")
            % {"day": date_format(day, "j F Y"), "end": date_format(cohort.end_date, "j F Y")}
        )
    holidays = dutch_public_holidays(
        [day.year], liberation_day_every_year=cohort.programme.owner.liberation_day_every_year
    )
    if day in holidays:
        warnings.append(
            _("%(day)s is a public holiday: %(name)s.") % {"day": date_format(day, "j F Y"), "name": holidays[day]}
        )
    return warnings


def trainer_choices(*, user) -> QuerySet[User]:
    """Who HR can name as trainer or facilitator: people with the trainer role (external trainers have no
    organisation; internal ones belong to HR's organisations) and the HR advisers of those organisations."""
    own_organisations = Organisation.objects.managed_by(user)
    return (
        User.objects.filter(
            Q(role_assignments__role=Role.TRAINER, role_assignments__organisation__isnull=True)
            | Q(role_assignments__role=Role.TRAINER, role_assignments__organisation__in=own_organisations)
            | Q(role_assignments__role=Role.HR_ADVISER, role_assignments__organisation__in=own_organisations),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def cohort_schedule_overview(*, cohort: Cohort) -> dict:
    """What HR's schedule page of a cohort shows: the sessions with their counts, in constant queries."""
    from django.db.models import Count

    sessions = list(
        cohort_sessions(cohort=cohort).annotate(
            extra_taken=Count("extra_seats_taken", distinct=True),
            attendance_count=Count("attendances", distinct=True),
        )
    )
    planned = [session for session in sessions if session.status == Session.Status.PLANNED]
    return {
        "sessions": sessions,
        "planned_count": len(planned),
        "total_cost": sum((session.cost for session in planned), start=0),
        "has_templates": CurriculumTemplate.objects.filter(programme_id=cohort.programme_id).exists(),
    }


def session_starts_at(session: Session) -> datetime:
    return local_datetime(session.date, session.start_time)


def session_ends_at(session: Session) -> datetime:
    return local_datetime(session.date, session.end_time)


def current_cohorts_of(*, person) -> list[Cohort]:
    """The cohorts this person currently has a seat in, each marked with `has_open_poll` (an open elective
    vote) and `has_tma_slots` (a career adviser published individual sessions for it); one query."""
    from .models import ElectivePoll

    return list(
        Cohort.objects.filter(enrolments__person=person, enrolments__status__in=Enrolment.CURRENT_STATUSES)
        .annotate(
            has_open_poll=Exists(
                ElectivePoll.objects.filter(cohort_id=OuterRef("pk"), status=ElectivePoll.Status.OPEN)
            ),
            has_tma_slots=Exists(AvailabilitySlot.objects.filter(cohort_id=OuterRef("pk"))),
        )
        .order_by("start_date", "name")
        .distinct()
    )


# --- curriculum templates and intervision groups, for HR's pages ---------------------------------------------


def programme_for_curricula(*, user, slug: str) -> Programme:
    """A programme HR manages, for its curriculum templates pages (nothing prefetched); 404 otherwise."""
    return get_object_or_404(Programme.objects.managed_by(user), slug=slug)


def curriculum_template_for_hr(*, user, pk: int) -> CurriculumTemplate:
    """A curriculum template of a programme HR manages; 404 otherwise."""
    return get_object_or_404(
        CurriculumTemplate.objects.select_related("programme").filter(programme__in=Programme.objects.managed_by(user)),
        pk=pk,
    )


def curriculum_template_rows(*, template: CurriculumTemplate) -> tuple[list, list]:
    """A template's items (in their order) and its breaks, for the template form."""
    return list(template.items.order_by("position")), list(template.breaks.all())


def intervision_group_for_hr(*, user, pk: int) -> IntervisionGroup:
    """An intervision group of a cohort HR manages, with its cohort and facilitator; 404 otherwise."""
    return get_object_or_404(
        IntervisionGroup.objects.select_related("cohort__programme__owner", "facilitator").filter(
            cohort__in=Cohort.objects.managed_by(user)
        ),
        pk=pk,
    )


def intervision_groups_with_planned_counts(*, cohort: Cohort) -> QuerySet[IntervisionGroup]:
    """The cohort's groups (as `intervision_groups_of`), each with `planned_sessions`: how many are planned."""
    return intervision_groups_of(cohort=cohort).annotate(
        planned_sessions=Count("sessions", filter=Q(sessions__status=Session.Status.PLANNED))
    )


def current_members_with_groups(*, cohort: Cohort) -> QuerySet[User]:
    """The cohort's current members, each with `cohort_groups`: the cohort's intervision groups they are in."""
    return cohort_members(cohort=cohort, statuses=Enrolment.CURRENT_STATUSES).prefetch_related(
        Prefetch("intervision_groups", queryset=IntervisionGroup.objects.filter(cohort=cohort), to_attr="cohort_groups")
    )


def intervision_sessions_to_split_count(*, cohort: Cohort, since: date) -> int:
    """How many planned intervision sessions of the whole cohort, from `since` on, are not yet per group."""
    return Session.objects.filter(
        cohort=cohort,
        intervision_group__isnull=True,
        kind=SessionKind.INTERVISION,
        status=Session.Status.PLANNED,
        date__gte=since,
    ).count()
