"""Extra seats in open sessions: young employees sign up themselves; HR opens a session and sees who signed up."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors

from .. import extra_seats as service
from .. import selectors


class ExtraSeatsForm(forms.Form):
    is_open = forms.BooleanField(label=gettext_lazy("Open for extra participants"), required=False)
    extra_seats = forms.IntegerField(
        label=gettext_lazy("Number of extra seats"), min_value=0, max_value=100, required=False
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extra_seats"].help_text = _("Between %(min)s and %(max)s for this programme.") % {
            "min": programme.extra_seats_min,
            "max": programme.extra_seats_max,
        }
        self.helper = FormHelper()
        self.helper.form_tag = False


@role_required(*service.OPEN_SESSIONS_ROLES)
def open_sessions(request):
    return render(request, "sessions/extra_seats_open.html", {"rows": service.open_sessions_for(person=request.user)})


@require_POST
@role_required(*service.OPEN_SESSIONS_ROLES)
def open_session_take(request, pk: int):
    session = service.open_session_for(person=request.user, pk=pk)
    try:
        service.extra_seat_take(session=session, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have a seat in “%(title)s”.") % {"title": session.title})
    return redirect("sessions:open_sessions")


@require_POST
@role_required(*service.OPEN_SESSIONS_ROLES)
def open_session_release(request, pk: int):
    session = service.open_session_for(person=request.user, pk=pk)
    try:
        service.extra_seat_release(session=session, person=request.user)
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
            service.session_extra_seats_set(session=session, **form.cleaned_data)
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
            "seats": list(service.extra_seat_holders(session=session)),
        },
    )


urlpatterns = [
    path("open-sessions/", open_sessions, name="open_sessions"),
    path("open-sessions/<int:pk>/take/", open_session_take, name="open_session_take"),
    path("open-sessions/<int:pk>/release/", open_session_release, name="open_session_release"),
    path("<int:pk>/extra-seats/", session_extra_seats, name="session_extra_seats"),
]
