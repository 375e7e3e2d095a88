"""Reads about coaching, and who may see what. Every view asks these; out of scope answers 404.

- HR advisers manage the coach pool of their organisations and the matches of participants in
  cohorts their organisation owns (or who work for their organisation). They see THAT coaching takes
  place (matches, session dates and durations), never topics, next steps or notes.
- A coach sees their own matches and the sessions they logged, with their own notes and the notes
  their coachee shared with them.
- A participant sees their own match and sessions, the coach's shared notes and their own reflections.
- A manager sees, for their own staff, whether they have a coach and how often sessions take place.
"""

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from accounts.models import Role
from accounts.selectors import user_roles

from .models import CoachingNote, CoachingSession, CoachMatch, CoachProfile

LIVE = CoachMatch.LIVE_STATUSES


def is_hr(user) -> bool:
    return Role.HR_ADVISER in user_roles(user)


def coach_profiles_for_hr(*, user) -> QuerySet[CoachProfile]:
    """The coach pool(s) of HR's organisations, with each coach's live load, in constant queries."""
    return (
        CoachProfile.objects.managed_by(user)
        .select_related("user__department", "user__organisation", "organisation")
        .prefetch_related("themes")
        .annotate(live_matches=Count("user__coach_matches", filter=Q(user__coach_matches__status__in=LIVE)))
        .order_by("user__last_name", "user__first_name")
    )


def approved_coaches(*, organisation_ids) -> QuerySet[CoachProfile]:
    """Approved coaches of these organisations' pools, with their live load and themes, for matching."""
    return (
        CoachProfile.objects.filter(organisation_id__in=organisation_ids, status=CoachProfile.Status.APPROVED)
        .select_related("user__department", "user__organisation")
        .prefetch_related("themes")
        .annotate(live_matches=Count("user__coach_matches", filter=Q(user__coach_matches__status__in=LIVE)))
        .order_by("user__last_name", "user__first_name", "pk")
    )


def matches_for_hr(*, user) -> QuerySet[CoachMatch]:
    """Matches HR may manage: of participants working for, or in a cohort owned by, HR's organisations."""
    return CoachMatch.objects.managed_by(user).select_related(
        "coach__department", "participant__department", "participant__organisation", "cohort"
    )


def match_for_coach(*, coach, pk: int) -> CoachMatch:
    return get_object_or_404(CoachMatch.objects.select_related("participant__department", "cohort"), pk=pk, coach=coach)


def session_for_match_side(*, user, pk: int) -> CoachingSession:
    """A logged session for its coach or its participant only; everyone else (HR included) gets 404."""
    return get_object_or_404(
        CoachingSession.objects.select_related("match__coach", "match__participant"),
        Q(match__coach=user) | Q(match__participant=user),
        pk=pk,
    )


def notes_visible_to(*, user, sessions) -> QuerySet[CoachingNote]:
    """The notes on these sessions this person may read: their own, and the other side's shared ones.
    HR and managers are never the author nor a side of the match, so they read none."""
    return (
        CoachingNote.objects.filter(session__in=sessions)
        .filter(
            Q(author=user)
            | Q(visibility=CoachingNote.Visibility.SHARED, session__match__coach=user)
            | Q(visibility=CoachingNote.Visibility.SHARED, session__match__participant=user)
        )
        .select_related("author")
        .order_by("created_at", "pk")
    )


def coaching_activity(*, matches) -> dict[int, dict]:
    """Per match: how many sessions were logged, how many minutes, and the last date. No content."""
    rows = (
        CoachingSession.objects.filter(match__in=matches)
        .values("match_id")
        .annotate(count=Count("pk"), minutes=Sum("duration_minutes"), last=Max("date"))
    )
    return {row["match_id"]: row for row in rows}


def reports_coaching(*, manager) -> list[dict]:
    """For a manager: each of their own staff with a live coach, and how often sessions took place."""
    matches = list(
        CoachMatch.objects.filter(participant__manager=manager, participant__is_active=True, status__in=LIVE)
        .select_related("participant", "coach")
        .order_by("participant__last_name", "participant__first_name")
    )
    activity = coaching_activity(matches=matches)
    return [{"match": match, **activity.get(match.pk, {"count": 0, "minutes": 0, "last": None})} for match in matches]
