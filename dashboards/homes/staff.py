"""The homes of the people who work with participants: the coach, the trainer and the career adviser.

Each answers "what needs me now" (logs to write, attendance to register, TMA slots to publish) and "what comes
next", from the selectors of the app that owns the rule, in a fixed number of queries. The coach's home shows
THAT coaching took place (dates and counts), never what was said.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from coaching.load import NO_LOG_DAYS, REMINDED_MATCH_STATUSES, overdue_matches
from coaching.logs import coachees_for_coach
from coaching.models import CoachMatch
from participants.models import Enrolment
from programmes.models import Cohort
from sessions.attendance import sessions_awaiting_attendance
from sessions.models import AvailabilitySlot, Session
from sessions.selectors import ScheduleEntry
from sessions.slots import TMA_SESSIONS, cohorts_for_adviser

from .schedule import next_appointments

# --- coach --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoachTask:
    """A coachee whose coaching waits for the coach: "confirm" the click, or a log to write ("first", "overdue")."""

    kind: str
    match: CoachMatch
    since: date | None  # the last session logged; for a first log, the day of the match


@dataclass
class CoachHome:
    matches: list[CoachMatch]  # live matches, with session_count, last_session, minutes_this_month
    to_confirm: list[CoachTask]
    logs_to_write: list[CoachTask]
    no_log_days: int = NO_LOG_DAYS


def coach_home(*, coach, today: date | None = None) -> CoachHome:
    """The coach's live coachees; whose click they still have to confirm; and the logs to write: coachees with no
    session logged yet, or none in the last NO_LOG_DAYS days (coaching.load's reminder rule). Two queries."""
    today = today or timezone.localdate()
    matches = [match for match in coachees_for_coach(coach=coach, today=today) if not match.ended]
    overdue = set(overdue_matches(on=today).filter(coach=coach).values_list("pk", flat=True))
    to_confirm, logs = [], []
    for match in matches:
        if match.status == CoachMatch.Status.INTRODUCED and match.coach_confirmed_at is None:
            to_confirm.append(CoachTask(kind="confirm", match=match, since=timezone.localdate(match.published_at)))
        if match.status not in REMINDED_MATCH_STATUSES:
            continue  # a different coach was asked: HR handles it
        if not match.session_count:
            logs.append(CoachTask(kind="first", match=match, since=timezone.localdate(match.published_at)))
        elif match.pk in overdue:
            logs.append(CoachTask(kind="overdue", match=match, since=match.last_session))
    return CoachHome(matches=matches, to_confirm=to_confirm, logs_to_write=logs)


# --- trainer ------------------------------------------------------------------------------------------------


@dataclass
class TrainerHome:
    attendance_due: list[Session]
    upcoming: list[ScheduleEntry]


def trainer_home(*, trainer, now: datetime | None = None) -> TrainerHome:
    """Sessions the trainer ran without any attendance registered, and their next appointments."""
    return TrainerHome(
        attendance_due=sessions_awaiting_attendance(trainer=trainer, now=now),
        upcoming=next_appointments(person=trainer),
    )


# --- career adviser -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortTmaNeed:
    """One cohort the adviser publishes for: how many TMA sessions its current members still have to book,
    how many free future slots are published for it (by any adviser), and how many more are needed."""

    cohort: Cohort
    members: int
    members_waiting: int  # current members with fewer than TMA_SESSIONS bookings
    sessions_to_book: int
    free_slots: int

    @property
    def slots_to_publish(self) -> int:
        return max(self.sessions_to_book - self.free_slots, 0)


@dataclass
class CareerAdviserHome:
    needs: list[CohortTmaNeed]
    upcoming: list[ScheduleEntry]  # the next appointments: the TMA sessions booked with the adviser
    tma_sessions: int = TMA_SESSIONS

    @property
    def slots_to_publish(self) -> list[CohortTmaNeed]:
        return [need for need in self.needs if need.slots_to_publish]


def career_adviser_home(*, adviser, now: datetime | None = None) -> CareerAdviserHome:
    """Per cohort the adviser may publish for (sessions.slots.cohorts_for_adviser) with current members: the TMA
    sessions still to book against the free slots published; the adviser's next appointments."""
    now = now or timezone.now()
    cohorts = list(
        cohorts_for_adviser(adviser=adviser)
        .annotate(
            members=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.CURRENT_STATUSES), distinct=True),
            free_slots=Count(
                "availability_slots",
                filter=Q(availability_slots__booked_by__isnull=True, availability_slots__starts_at__gt=now),
                distinct=True,
            ),
        )
        .filter(members__gt=0)
    )
    # Bookings count only for current members, as only they can book (sessions.slots).
    member = Enrolment.objects.filter(
        cohort_id=OuterRef("cohort_id"), person_id=OuterRef("booked_by_id"), status__in=Enrolment.CURRENT_STATUSES
    )
    booked: dict[int, list[int]] = {}
    for row in (
        AvailabilitySlot.objects.filter(cohort__in=[cohort.pk for cohort in cohorts], booked_by__isnull=False)
        .filter(Exists(member))
        .values("cohort_id", "booked_by_id")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        booked.setdefault(row["cohort_id"], []).append(min(row["count"], TMA_SESSIONS))
    needs = []
    for cohort in cohorts:
        counts = booked.get(cohort.pk, [])
        done = sum(1 for count in counts if count >= TMA_SESSIONS)
        needs.append(
            CohortTmaNeed(
                cohort=cohort,
                members=cohort.members,
                members_waiting=cohort.members - done,
                sessions_to_book=cohort.members * TMA_SESSIONS - sum(counts),
                free_slots=cohort.free_slots,
            )
        )
    return CareerAdviserHome(needs=needs, upcoming=next_appointments(person=adviser))
