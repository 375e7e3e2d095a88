"""Individual TMA sessions: the career adviser's slots page and the participant's booking page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors

from .. import slots as tma
from ..forms import SlotSeriesForm

SLOTS_PER_PAGE = 50


def _posted_cohort_in_scope(request) -> None:
    """A posted group outside the adviser's scope answers 404, like any object out of scope."""
    raw = request.POST.get("cohort", "")
    if raw.isdigit():
        tma.cohort_for_adviser(adviser=request.user, pk=int(raw))


@role_required(Role.CAREER_ADVISER)
def slots(request):
    cohorts = tma.cohorts_for_adviser(adviser=request.user)
    if request.method == "POST":
        _posted_cohort_in_scope(request)
    initial = {}
    if request.GET.get("cohort", "").isdigit():
        initial["cohort"] = tma.cohort_for_adviser(adviser=request.user, pk=int(request.GET["cohort"]))
    form = SlotSeriesForm(request.POST or None, cohorts=cohorts, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            published = tma.slots_publish(adviser=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("%(count)s slot(s) published. Participants of the group can book them now.")
                % {"count": len(published)},
            )
            return redirect("sessions:slots")
    page = Paginator(tma.adviser_upcoming_slots(adviser=request.user), SLOTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "sessions/slots_manage.html",
        {"form": form, "page": page, "has_cohorts": cohorts.exists(), "cancel_hours": 24},
    )


@require_POST
@role_required(Role.CAREER_ADVISER)
def slot_withdraw(request, pk: int):
    slot = tma.slot_for_adviser(adviser=request.user, pk=pk)
    try:
        tma.slot_withdraw(adviser=request.user, slot=slot)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The slot has been withdrawn."))
    return redirect("sessions:slots")


@login_required
def tma_booking(request):
    return render(
        request,
        "sessions/slots_booking.html",
        {"overview": tma.tma_overview(person=request.user), "tma_sessions": tma.TMA_SESSIONS},
    )


@require_POST
@login_required
def tma_book(request, pk: int):
    slot = tma.slot_for_person(person=request.user, pk=pk)
    try:
        booked = tma.slot_book(slot=slot, person=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("TMA session %(number)s is booked. You and the career adviser will receive a message.")
            % {"number": booked.sequence_number},
        )
    return redirect("sessions:tma_booking")


@require_POST
@login_required
def tma_cancel(request, pk: int):
    slot = tma.slot_for_person(person=request.user, pk=pk)
    if slot.booked_by_id != request.user.pk:
        raise Http404
    try:
        tma.slot_cancel(slot=slot, person=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your booking has been cancelled; the slot is free again."))
    return redirect("sessions:tma_booking")


urlpatterns = [
    path("slots/", slots, name="slots"),
    path("slots/<int:pk>/withdraw/", slot_withdraw, name="slot_withdraw"),
    path("tma/", tma_booking, name="tma_booking"),
    path("tma/<int:pk>/book/", tma_book, name="tma_book"),
    path("tma/<int:pk>/cancel/", tma_cancel, name="tma_cancel"),
]
