"""Attendance: the trainer or HR registers who was present, and a cohort's attendance per member.

Rules:
- HR of the programme's owning organisation, or the session's own trainer, registers attendance; anyone
  else is refused (the pages answer 404).
- Only for a planned session that has started, and only for its attendees (selectors.session_attendees).
- A member's attendance counts the sessions held so far that concern them (cohort-wide sessions and those
  of their own intervision group; planned, dated today or earlier). The percentage is present / held, so
  sessions nobody registered yet count as not attended (the page shows how many are unregistered).
- A programme may require a minimum attendance (Programme.min_attendance_percent) to complete.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import is_hr_of
from core.charts import Chart, Series
from participants.models import Enrolment
from participants.selectors import cohort_members
from programmes.models import Cohort

from .models import Attendance, IntervisionGroup, Session
from .selectors import session_attendees, session_queryset, session_starts_at

Status = Attendance.Status


# --- who may register --------------------------------------------------------------------------------------


def can_register_attendance(*, user, session: Session) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return session.trainer_id == user.pk or is_hr_of(user, session.cohort.programme.owner_id)


def session_for_attendance(*, user, pk: int) -> Session:
    """A session this person may register attendance for (HR of the owner, or its trainer); 404 otherwise."""
    return get_object_or_404(
        session_queryset(),
        Q(trainer_id=user.pk) | Session.objects.managed_by_filter(user),
        pk=pk,
    )


def session_started(session: Session, *, now: datetime | None = None) -> bool:
    return session_starts_at(session) <= (now or timezone.now())


def sessions_awaiting_attendance(*, trainer, now: datetime | None = None) -> list[Session]:
    """The planned sessions this trainer runs that have started and for which nobody's attendance has been
    registered yet, oldest first (the trainer may register it: `can_register_attendance`). One query."""
    now = now or timezone.now()
    sessions = (
        session_queryset()
        .filter(trainer_id=trainer.pk, status=Session.Status.PLANNED, date__lte=timezone.localdate(now))
        .exclude(Exists(Attendance.objects.filter(session_id=OuterRef("pk"))))
        .order_by("date", "start_time", "pk")
    )
    return [session for session in sessions if session_started(session, now=now)]


def attendance_sheet(*, session: Session) -> list[tuple[User, str]]:
    """Each attendee with their registered status ("" when none yet), by name. Two queries."""
    attendees = list(session_attendees(session=session))
    registered = dict(Attendance.objects.filter(session=session).values_list("person_id", "status"))
    return [(person, registered.get(person.pk, "")) for person in attendees]


# --- registering ---------------------------------------------------------------------------------------------


@transaction.atomic
def attendance_register(*, session: Session, by: User, statuses: dict[int, str]) -> int:
    """Register the attendance of several attendees at once; all or nothing. Returns how many were saved.

    `statuses` maps a person's id to present / absent_excused / absent_unexcused. Refused for a cancelled
    session, a session that has not started, a person who is not expected at it and an unknown status.
    """
    session = (
        session_queryset().select_for_update(of=("self",)).get(pk=session.pk)
    )  # re-read under lock: a session cancelled a moment ago is refused
    if not can_register_attendance(user=by, session=session):
        raise PermissionDenied(_("Only HR or the session's trainer can register attendance."))
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session has been cancelled; there is no attendance to register."))
    if not session_started(session):
        raise ValidationError(_("This session has not started yet; register attendance once it has begun."))
    unknown = {status for status in statuses.values() if status not in Status.values}
    if unknown:
        raise ValidationError(_("Choose present, absent (excused) or absent (not excused)."))
    attendee_ids = set(session_attendees(session=session).values_list("pk", flat=True))
    if not set(statuses) <= attendee_ids:
        raise ValidationError(
            _("Attendance can only be registered for the people expected at this session; nothing was saved.")
        )
    for person_id, status in sorted(statuses.items()):
        Attendance.objects.update_or_create(
            session=session, person_id=person_id, defaults={"status": status, "registered_by": by}
        )
    return len(statuses)


# --- a cohort's attendance -----------------------------------------------------------------------------------


def cohort_attendance_summary(*, cohort: Cohort, today: date | None = None) -> list[dict]:
    """Per member (by name): sessions held so far that concern them, counts per status, the percentage
    present and whether it meets the programme's minimum (None when the programme has no minimum).

    Four queries, however many members and sessions: members, their intervision groups in this cohort,
    the sessions held, and the attendance registered for those.
    """
    return cohort_attendance_overview(cohort=cohort, today=today)["members"]


def cohort_attendance_overview(*, cohort: Cohort, today: date | None = None) -> dict[str, list[dict]]:
    """The cohort's attendance both ways, in the same four queries as cohort_attendance_summary:

    - "members": per member, as cohort_attendance_summary;
    - "sessions": per session held (by date), the members it concerns ("expected") and how many of them
      were registered present, absent excused, absent not excused, or not at all.
    """
    today = today or timezone.localdate()
    minimum = cohort.programme.min_attendance_percent
    members = list(
        cohort_members(cohort=cohort).prefetch_related(
            Prefetch(
                "intervision_groups",
                queryset=IntervisionGroup.objects.filter(cohort=cohort).only("pk"),
                to_attr="groups_here",
            )
        )
    )
    held = list(
        Session.objects.filter(cohort=cohort, status=Session.Status.PLANNED, date__lte=today)
        .order_by("date", "start_time", "pk")
        .values("pk", "intervision_group_id", "date", "title")
    )
    cohort_wide = {session["pk"] for session in held if session["intervision_group_id"] is None}
    by_group: dict[int, set[int]] = {}
    for session in held:
        if session["intervision_group_id"] is not None:
            by_group.setdefault(session["intervision_group_id"], set()).add(session["pk"])
    registered: dict[int, dict[int, str]] = {}
    for person_id, session_id, status in Attendance.objects.filter(
        session_id__in=[session["pk"] for session in held], person_id__in=[member.pk for member in members]
    ).values_list("person_id", "session_id", "status"):
        registered.setdefault(person_id, {})[session_id] = status

    rows = []
    per_session: dict[int, list[str]] = {session["pk"]: [] for session in held}  # a status per member concerned
    for member in members:
        concerned = set(cohort_wide)
        for group in member.groups_here:
            concerned |= by_group.get(group.pk, set())
        own = registered.get(member.pk, {})
        for session_id in concerned:
            per_session[session_id].append(own.get(session_id, ""))
        statuses = [status for session_id, status in own.items() if session_id in concerned]
        present = statuses.count(Status.PRESENT)
        held_count = len(concerned)
        rows.append(
            {
                "person": member,
                "held": held_count,
                "present": present,
                "excused": statuses.count(Status.ABSENT_EXCUSED),
                "unexcused": statuses.count(Status.ABSENT_UNEXCUSED),
                "not_registered": held_count - len(statuses),
                "percent": round(present * 100 / held_count) if held_count else None,
                "meets_minimum": _meets(present=present, held=held_count, minimum=minimum),
            }
        )
    sessions = [
        {
            "date": session["date"],
            "title": session["title"],
            "expected": len(per_session[session["pk"]]),
            "present": per_session[session["pk"]].count(Status.PRESENT),
            "excused": per_session[session["pk"]].count(Status.ABSENT_EXCUSED),
            "unexcused": per_session[session["pk"]].count(Status.ABSENT_UNEXCUSED),
            "not_registered": per_session[session["pk"]].count(""),
        }
        for session in held
    ]
    return {"members": rows, "sessions": sessions}


def cohort_attendance_charts(*, overview: dict[str, list[dict]], minimum: int | None) -> list[Chart]:
    """Two charts of a cohort_attendance_overview: each member's attendance against the programme's
    minimum, and per session held how its members were registered. None when nothing was held yet."""
    members = [row for row in overview["members"] if row["percent"] is not None]
    charts = []
    if members:
        names = [row["person"].full_name or row["person"].email for row in members]
        series = [Series(_("Attendance"), [row["percent"] for row in members])]
        if minimum is not None:
            series.append(Series(_("Minimum"), [minimum] * len(members), kind="line"))
        charts.append(
            Chart(
                title=_("Attendance per member"),
                kind="bar",
                labels=names,
                series=series,
                unit="%",
                horizontal=True,
                max_value=100,
                labels_heading=_("Member"),
                chart_id="chart-attendance-per-member",
            )
        )
    sessions = overview["sessions"]
    if sessions:
        charts.append(
            Chart(
                title=_("Attendance per session"),
                kind="bar",
                labels=[
                    f"{date_format(session['date'], 'SHORT_DATE_FORMAT')} {session['title']}" for session in sessions
                ],
                series=[
                    Series(_("Present"), [session["present"] for session in sessions]),
                    Series(_("Absent (excused)"), [session["excused"] for session in sessions]),
                    Series(_("Absent (not excused)"), [session["unexcused"] for session in sessions]),
                    Series(_("Not registered"), [session["not_registered"] for session in sessions]),
                ],
                stacked=True,
                labels_heading=_("Session"),
                chart_id="chart-attendance-per-session",
            )
        )
    return charts


def _meets(*, present: int, held: int, minimum: int | None) -> bool | None:
    if minimum is None:
        return None
    if held == 0:
        return True
    return present * 100 >= minimum * held  # exact, no rounding: 2 of 3 (66.7%) does not meet 67%


def enrolments_below_minimum_attendance(*, cohort: Cohort) -> list[Enrolment]:
    """The placed or active enrolments of the cohort whose attendance so far is below the programme's
    minimum; empty when the programme sets no minimum. Call it before completing a cohort."""
    if cohort.programme.min_attendance_percent is None:
        return []
    below = {row["person"].pk for row in cohort_attendance_summary(cohort=cohort) if row["meets_minimum"] is False}
    if not below:
        return []
    return list(
        Enrolment.objects.filter(cohort=cohort, person_id__in=below, status__in=Enrolment.CURRENT_STATUSES)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
