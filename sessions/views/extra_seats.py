"""Extra seats in open sessions: young employees sign up themselves; HR opens a session and sees who signed up."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors

from .. import extra_seats, selectors
from ..forms import ExtraSeatsForm


@role_required(*extra_seats.OPEN_SESSIONS_ROLES)
def open_sessions(request):
    return render(
        request, "sessions/extra_seats_open.html", {"rows": extra_seats.open_sessions_for(person=request.user)}
    )


@require_POST
@role_required(*extra_seats.OPEN_SESSIONS_ROLES)
def open_session_take(request, pk: int):
    session = extra_seats.open_session_for(person=request.user, pk=pk)
    try:
        extra_seats.extra_seat_take(session=session, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have a seat in “%(title)s”.") % {"title": session.title})
    return redirect("sessions:open_sessions")


@require_POST
@role_required(*extra_seats.OPEN_SESSIONS_ROLES)
def open_session_release(request, pk: int):
    session = extra_seats.open_session_for(person=request.user, pk=pk)
    try:
        extra_seats.extra_seat_release(session=session, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have given back your seat in “%(title)s”.") % {"title": session.title})
    return redirect("sessions:open_sessions")


@role_required(Role.HR_ADVISER)
def session_extra_seats(request, pk: int):
    session = selectors.session_for_hr(user=request.user, pk=pk)
    programme = session.cohort.programme
    form = ExtraSeatsForm(
        request.POST or None,
        initial={
            "is_open": session.is_open_for_extra,
            "extra_seats": session.extra_seats or programme.extra_seats_max,
        },
        programme=programme,
    )
    if request.method == "POST" and form.is_valid():
        try:
            extra_seats.session_extra_seats_set(session=session, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The extra seats have been saved."))
            return redirect("sessions:session_extra_seats", pk=session.pk)
    return render(
        request,
        "sessions/extra_seats_session.html",
        {
            "session": session,
            "cohort": session.cohort,
            "programme": programme,
            "form": form,
            "seats": list(extra_seats.extra_seat_holders(session=session)),
        },
    )


urlpatterns = [
    path("open-sessions/", open_sessions, name="open_sessions"),
    path("open-sessions/<int:pk>/take/", open_session_take, name="open_session_take"),
    path("open-sessions/<int:pk>/release/", open_session_release, name="open_session_release"),
    path("<int:pk>/extra-seats/", session_extra_seats, name="session_extra_seats"),
]
