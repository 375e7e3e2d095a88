"""Attendance: registering it per session (trainer or HR) and the cohort's overview per member (HR)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import ngettext

from accounts.decorators import role_required
from accounts.models import Role
from programmes.selectors import cohort_for_hr

from ..attendance import (
    attendance_register,
    attendance_sheet,
    cohort_attendance_charts,
    cohort_attendance_overview,
    session_for_attendance,
    session_started,
)
from ..models import Attendance, Session

FIELD_PREFIX = "person_"


def _posted_statuses(post) -> dict[int, str]:
    """{person id: status} from fields named person_<id>; unknown people and statuses are left to the service."""
    statuses = {}
    for name, value in post.items():
        suffix = name.removeprefix(FIELD_PREFIX)
        if name.startswith(FIELD_PREFIX) and suffix.isdigit() and value:
            statuses[int(suffix)] = value
    return statuses


@login_required
def attendance(request, pk: int):
    session = session_for_attendance(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            saved = attendance_register(session=session, by=request.user, statuses=_posted_statuses(request.POST))
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext("Attendance saved for %(count)d person.", "Attendance saved for %(count)d people.", saved)
                % {"count": saved},
            )
            return redirect("sessions:attendance", pk=session.pk)
    is_open = session.status == Session.Status.PLANNED and session_started(session)
    return render(
        request,
        "sessions/attendance_form.html",
        {
            "session": session,
            "sheet": attendance_sheet(session=session),
            "choices": Attendance.Status.choices,
            "is_open": is_open,
            "is_cancelled": session.status == Session.Status.CANCELLED,
            "field_prefix": FIELD_PREFIX,
        },
    )


@role_required(Role.HR_ADVISER)
def cohort_attendance(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    minimum = cohort.programme.min_attendance_percent
    overview = cohort_attendance_overview(cohort=cohort)
    return render(
        request,
        "sessions/attendance_cohort.html",
        {
            "cohort": cohort,
            "rows": overview["members"],
            "minimum": minimum,
            "charts": cohort_attendance_charts(overview=overview, minimum=minimum),
        },
    )


urlpatterns = [
    path("<int:pk>/attendance/", attendance, name="attendance"),
    path("cohorts/<int:cohort_pk>/attendance/", cohort_attendance, name="cohort_attendance"),
]
