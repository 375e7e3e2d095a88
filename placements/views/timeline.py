"""Placement timelines: a trainee's own placements over the whole programme, one trainee's timeline for
programme HR and their supervisors, and the group's matrix of trainees × rounds for programme HR.

Scope: a trainee sees only their own timeline (my-placements). A trainee's timeline page is for programme HR
and for the supervisors of one of that trainee's published placements; anyone else gets 404. Assessment texts
are read by the trainee and programme HR only (audit-logged); supervisors see whether they were given.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import cache_control

from accounts.decorators import role_required
from accounts.models import Role

from .. import placing


@cache_control(private=True, no_store=True)
@role_required(Role.EMPLOYEE)
def my_placements(request):
    timelines = placing.my_timelines(user=request.user)
    return render(request, "placements/timeline_mine.html", {"timelines": timelines})


@cache_control(private=True, no_store=True)
@login_required
def trainee_timeline(request, cohort_pk: int, trainee_pk: int):
    cohort, trainee, is_hr = placing.timeline_for_viewer(user=request.user, cohort_pk=cohort_pk, trainee_pk=trainee_pk)
    timeline = placing.trainee_timeline(cohort=cohort, trainee=trainee, reader=request.user, with_assessments=is_hr)
    return render(request, "placements/timeline_trainee.html", {"cohort": cohort, "timeline": timeline, "is_hr": is_hr})


@role_required(Role.HR_ADVISER)
def cohort_placements(request, cohort_pk: int):
    cohort = placing.cohort_for_placements_hr(user=request.user, pk=cohort_pk)
    matrix = placing.cohort_placements(cohort=cohort)
    return render(request, "placements/timeline_cohort.html", {"cohort": cohort, "matrix": matrix})


urlpatterns = [
    path("my-placements/", my_placements, name="my_placements"),
    path("cohorts/<int:cohort_pk>/trainees/<int:trainee_pk>/timeline/", trainee_timeline, name="trainee_timeline"),
    path("cohorts/<int:cohort_pk>/placements/", cohort_placements, name="cohort_placements"),
]
