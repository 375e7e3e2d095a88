"""Coach load (hours per coach per month against their norm) and the daily coaching reminders.

Load: for each approved (or paused) coach of the chosen organisations, the hours of the sessions they logged
in a month — a session counts in the month of its date — against the hours they offered
(``CoachProfile.hours_per_month``), their live coachees against their maximum, and the date of their last
session. Two flags: over the norm, and live coachees without any session logged in the 30 days up to the end
of the month (or up to today, for the running month). Paused coaches are listed because their existing
matches continue.

Reminders (a beat task runs them daily; each message is stored once by ``notify``'s unique key):

- a coach with a live match (introduced or confirmed) whose last session with that coachee is 30 or more
  days ago — or who never logged one and was matched 30 or more days ago — gets ``coach_no_log_reminder``,
  at most once per calendar month (key ``<coach_id>:<YYYY-MM>``);
- a participant who needs a coach and has none gets ``participant_without_coach_reminder`` once per cohort
  (key ``<participant_id>:<cohort_id>``), and the cohort's coordinator (or, without a coordinator, HR of the
  programme's owner) gets one summary per cohort per ISO week (key ``<cohort_id>:<iso-year>-W<week>``).
  "Needs a coach": placed or active in a running cohort that started more than 14 days ago, of a programme
  whose owner has at least one approved coach in its pool (that is how we tell that a programme coaches its
  participants), and no live match (a match whose participant asked for a different coach still counts:
  HR is already handling it).

Messages carry names and counts only, never what was said in coaching.
"""

import calendar
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Role, User
from notifications.events import Event
from notifications.services import notify
from participants.models import Enrolment
from programmes.models import Cohort

from .models import CoachingSession, CoachMatch, CoachProfile

NO_LOG_DAYS = 30
WITHOUT_COACH_AFTER_DAYS = 14
REMINDED_MATCH_STATUSES = (CoachMatch.Status.INTRODUCED, CoachMatch.Status.CONFIRMED)
MINUTES_PER_HOUR = Decimal(60)
LIVE = CoachMatch.LIVE_STATUSES


# --- load -----------------------------------------------------------------------------------------------------


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def coach_load(*, organisation_ids, month: date, today: date | None = None) -> list[dict]:
    """One row per approved or paused coach of these organisations' pools, in three queries whatever the size.

    Each row: profile (with user and department), coach, minutes, hours (Decimal, two decimals), norm,
    over_norm, live, max_coachees, last_session (up to the end of the month or today; or None),
    overdue_coachees (live coachees without a session in the last 30 days) and no_recent_log."""
    first, last = month_bounds(month)
    reference = min(today or timezone.localdate(), last)
    profiles = list(_load_profiles(organisation_ids))
    activity = {
        row["match__coach_id"]: row
        for row in CoachingSession.objects.filter(match__coach_id__in=activity_ids(profiles))
        .values("match__coach_id")
        .annotate(
            minutes=Sum("duration_minutes", filter=Q(date__gte=first, date__lte=last)),
            last=Max("date", filter=Q(date__lte=reference)),
        )
    }
    overdue = defaultdict(int)
    for coach_id in (
        overdue_matches(on=reference).filter(coach_id__in=activity_ids(profiles)).values_list("coach_id", flat=True)
    ):
        overdue[coach_id] += 1
    rows = []
    for profile in profiles:
        logged = activity.get(profile.user_id, {})
        minutes = logged.get("minutes") or 0
        hours = (Decimal(minutes) / MINUTES_PER_HOUR).quantize(Decimal("0.01"))
        last_session = logged.get("last")
        rows.append(
            {
                "profile": profile,
                "coach": profile.user,
                "minutes": minutes,
                "hours": hours,
                "norm": profile.hours_per_month,
                "over_norm": hours > profile.hours_per_month,
                "live": profile.live_matches,
                "max_coachees": profile.max_coachees,
                "last_session": last_session,
                "overdue_coachees": overdue[profile.user_id],
                "no_recent_log": overdue[profile.user_id] > 0,
            }
        )
    return rows


def _load_profiles(organisation_ids):
    return (
        CoachProfile.objects.filter(
            organisation_id__in=organisation_ids, status__in=[CoachProfile.Status.APPROVED, CoachProfile.Status.PAUSED]
        )
        .select_related("user__department")
        .annotate(live_matches=Count("user__coach_matches", filter=Q(user__coach_matches__status__in=LIVE)))
        .order_by("user__last_name", "user__first_name", "pk")
    )


def activity_ids(profiles) -> list[int]:
    return [profile.user_id for profile in profiles]


def overdue_matches(*, on: date):
    """Live matches (introduced or confirmed) whose last session up to `on` is 30 or more days before it, or
    that have none and were published 30 or more days before it."""
    cutoff = on - timedelta(days=NO_LOG_DAYS)
    return (
        CoachMatch.objects.filter(status__in=REMINDED_MATCH_STATUSES)
        .annotate(last_logged=Max("sessions__date", filter=Q(sessions__date__lte=on)))
        .filter(Q(last_logged__lte=cutoff) | Q(last_logged__isnull=True, published_at__date__lte=cutoff))
    )


# --- reminders ------------------------------------------------------------------------------------------------


def coach_reminders_send(*, today: date | None = None) -> int:
    """Remind coaches who have not logged a session with a live coachee for 30 days. Returns how many new
    messages were stored (at most one per coach per calendar month)."""
    today = today or timezone.localdate()
    coachees: dict[int, list[User]] = defaultdict(list)
    coaches: dict[int, User] = {}
    for match in (
        overdue_matches(on=today)
        .filter(coach__is_active=True)
        .select_related("coach", "participant")
        .order_by("coach_id", "participant__last_name", "participant__first_name", "pk")
    ):
        coaches[match.coach_id] = match.coach
        coachees[match.coach_id].append(match.participant)
    url = _url("coaching:coachees")
    sent = 0
    for coach_id, coach in coaches.items():
        people = coachees[coach_id]
        # idempotency: (coach_no_log_reminder, "<coach>:<YYYY-MM>", coach) is stored once, so a coach is
        # reminded at most once a month however often the task runs.
        message = notify(
            recipient=coach,
            event=Event.COACH_NO_LOG_REMINDER,
            key=f"{coach_id}:{today:%Y-%m}",
            context={
                "coachee_names": [person.full_name or person.email for person in people],
                "coachee_count": len(people),
                "days": NO_LOG_DAYS,
            },
            action_url=url,
        )
        sent += message is not None
    return sent


def participants_waiting_for_coach(*, today: date):
    """Enrolments of people who need a coach and have none (see the module docstring), oldest cohort first."""
    started_before = today - timedelta(days=WITHOUT_COACH_AFTER_DAYS)
    coaching_owners = CoachProfile.objects.filter(status=CoachProfile.Status.APPROVED).values("organisation_id")
    live_match = CoachMatch.objects.filter(participant=OuterRef("person_id"), status__in=LIVE)
    return (
        Enrolment.objects.filter(
            status__in=Enrolment.CURRENT_STATUSES,
            person__is_active=True,
            cohort__status=Cohort.Status.RUNNING,
            cohort__start_date__lt=started_before,
            cohort__programme__owner_id__in=coaching_owners,
        )
        .exclude(Exists(live_match))
        .select_related("person", "cohort__programme", "cohort__coordinator")
        .order_by("cohort__start_date", "cohort_id", "person__last_name", "person__first_name", "pk")
    )


def participants_without_coach_reminders_send(*, today: date | None = None) -> int:
    """Tell participants who have waited too long for a coach (once per cohort) and their cohort's coordinator
    (once a week, with how many wait). Returns how many new messages were stored."""
    today = today or timezone.localdate()
    waiting: dict[int, list[Enrolment]] = defaultdict(list)
    cohorts: dict[int, Cohort] = {}
    for enrolment in participants_waiting_for_coach(today=today):
        cohorts[enrolment.cohort_id] = enrolment.cohort
        waiting[enrolment.cohort_id].append(enrolment)
    participant_url = _url("coaching:wish")
    iso_year, iso_week, _weekday = today.isocalendar()
    sent = 0
    for cohort_id, enrolments in waiting.items():
        cohort = cohorts[cohort_id]
        context = {"cohort": cohort.name, "programme": cohort.programme.name}
        for enrolment in enrolments:
            # idempotency: one message per participant and cohort, ever.
            message = notify(
                recipient=enrolment.person,
                event=Event.PARTICIPANT_WITHOUT_COACH_REMINDER,
                key=f"{enrolment.person_id}:{cohort_id}",
                context={**context, "waiting_count": 0},
                action_url=participant_url,
            )
            sent += message is not None
        for recipient in _cohort_responsibles(cohort):
            # idempotency: one summary per cohort per ISO week.
            message = notify(
                recipient=recipient,
                event=Event.PARTICIPANT_WITHOUT_COACH_REMINDER,
                key=f"{cohort_id}:{iso_year}-W{iso_week:02d}",
                context={**context, "waiting_count": len(enrolments)},
                action_url=_url("coaching:cohort_matching", cohort_id),
            )
            sent += message is not None
    return sent


def _cohort_responsibles(cohort: Cohort) -> list[User]:
    """The cohort's coordinator; without one, HR of the programme's owner (someone must hear of it)."""
    if cohort.coordinator_id and cohort.coordinator.is_active:
        return [cohort.coordinator]
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.HR_ADVISER,
            role_assignments__organisation_id=cohort.programme.owner_id,
        )
        .distinct()
        .order_by("pk")
    )


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return reverse("dashboards:home")
