"""The "click": after the introduction meeting, coach and participant each confirm the match, or ask for another.

Only the match's coach and participant reach these pages and actions; everyone else (HR included) gets 404.
The reason for asking another match is for HR only: it is never shown on these pages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role

from .. import matches, selectors
from ..forms.matching import RematchForm
from .wishes import wish_page_open_to


def _render(request, *, match, side):
    return render(
        request,
        "coaching/click_match.html",
        {
            "match": match,
            "side": side,
            "other": (match.coach if side == "participant" else match.participant) if match else None,
            "rematch_form": RematchForm(),
            "may_state_wish": side == "participant" and wish_page_open_to(request.user),
        },
    )


@role_required(Role.EMPLOYEE)
def my_coaching_match(request):
    """The participant's coach, with the click check; or that there is no coach yet."""
    return _render(request, match=matches.participant_match(participant=request.user), side="participant")


@login_required
def coach_match(request, pk: int):
    """A coach's match with one coachee."""
    return _render(request, match=selectors.match_for_coach(coach=request.user, pk=pk), side="coach")


def _back(match, side):
    if side == "coach":
        return redirect("coaching:coach_match", pk=match.pk)
    return redirect("coaching:my_coaching_match")


@require_POST
@login_required
def match_confirm(request, pk: int):
    match = matches.match_for_side(user=request.user, pk=pk)
    side = matches.match_side(match=match, user=request.user)
    try:
        match = matches.coach_match_confirm(match=match, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if match.status == match.Status.CONFIRMED:
            messages.success(request, _("You both confirmed: the coaching can start."))
        else:
            messages.success(request, _("You confirmed the match. We let the other side know."))
    return _back(match, side)


@require_POST
@login_required
def match_rematch(request, pk: int):
    match = matches.match_for_side(user=request.user, pk=pk)
    side = matches.match_side(match=match, user=request.user)
    form = RematchForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            messages.error(request, " ".join(field_errors))
        return _back(match, side)
    try:
        matches.coach_match_request_rematch(match=match, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You asked for a different match. HR will be in touch."))
    return _back(match, side)


urlpatterns = [
    path("my-coach/", my_coaching_match, name="my_coaching_match"),
    path("matches/<int:pk>/", coach_match, name="coach_match"),
    path("matches/<int:pk>/confirm/", match_confirm, name="match_confirm"),
    path("matches/<int:pk>/rematch/", match_rematch, name="match_rematch"),
]
