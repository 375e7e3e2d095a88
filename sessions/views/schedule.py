"""Each person's own schedule: cohort sessions, their intervision group, extra seats, TMA sessions and the
sessions they run, with overlaps flagged."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from .. import selectors
from ..extra_seats import may_look_for_open_sessions

PAST_LIMIT = 20


@login_required
def my_schedule(request):
    now = timezone.now()
    entries = selectors.schedule_for(person=request.user)
    upcoming = [entry for entry in entries if entry.ends_at > now]
    past = [entry for entry in reversed(entries) if entry.ends_at <= now]
    my_cohorts = selectors.current_cohorts_of(person=request.user)
    return render(
        request,
        "sessions/my_schedule.html",
        {
            "upcoming": upcoming,
            "past": past[:PAST_LIMIT],
            "past_more": len(past) > PAST_LIMIT,
            "past_limit": PAST_LIMIT,
            "my_cohorts": my_cohorts,
            "has_tma_slots": any(cohort.has_tma_slots for cohort in my_cohorts),
            "may_look_for_open_sessions": may_look_for_open_sessions(request.user),
            "conflict_count": sum(1 for entry in upcoming if entry.conflicts_with and not entry.is_cancelled),
        },
    )


urlpatterns = [path("my-schedule/", my_schedule, name="my_schedule")]
