"""The project market: a trainee ranks the assignments of a round they may take; the host ranks its candidates.

- Trainees: current members of the round's cohort; anyone else answers 404. Ranking is possible while the
  market is open; otherwise the page shows what they ranked.
- Hosts: the contact person (HR adviser) of the host organisation, or the assignment's supervisor; 404 for others.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core.forms import add_validation_errors

from ..forms.market import HostRankingForm, PreferencesForm
from ..market import (
    assignment_for_host_ranking,
    candidates_of,
    host_rankings_save,
    offer_for_trainee,
    preferences_save,
    round_for_trainee,
    trainee_preferences,
)
from ..models import PlacementRound


@login_required
def market(request, pk: int):
    """The published assignments the trainee may take, each with a number input for its rank."""
    round = round_for_trainee(user=request.user, pk=pk)
    is_open = round.status == PlacementRound.Status.MARKET
    offer = offer_for_trainee(round=round, trainee=request.user) if is_open else []
    preferences = trainee_preferences(round=round, trainee=request.user)
    ranks = {preference.assignment_id: preference.rank for preference in preferences}
    form = PreferencesForm(
        request.POST if is_open and request.method == "POST" else None, assignments=offer, ranks=ranks
    )
    if form.is_bound and form.is_valid():
        try:
            stored = preferences_save(round=round, trainee=request.user, ranks=form.ranks())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if stored:
                messages.success(
                    request, _("Your preferences have been saved: %(count)s ranked.") % {"count": len(stored)}
                )
            else:
                messages.success(request, _("You have no preferences in this round any more."))
            return redirect("placements:market", pk=round.pk)
    elif request.method == "POST" and not is_open:
        messages.error(request, _("The project market is closed: preferences cannot change."))
        return redirect("placements:market", pk=round.pk)
    return render(
        request,
        "placements/market_trainee.html",
        {
            "round": round,
            "cohort": round.cohort,
            "is_open": is_open,
            "form": form,
            "preferences": preferences,
        },
    )


@login_required
def host_candidates(request, pk: int):
    """The trainees who ranked the assignment; the host ranks them or marks them not suitable."""
    assignment = assignment_for_host_ranking(user=request.user, pk=pk)
    is_open = assignment.round.status == PlacementRound.Status.MARKET
    candidates = candidates_of(assignment=assignment)
    form = HostRankingForm(request.POST if is_open and request.method == "POST" else None, candidates=candidates)
    if form.is_bound and form.is_valid():
        try:
            host_rankings_save(assignment=assignment, by=request.user, rankings=form.rankings())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Your view of the candidates has been saved."))
            return redirect("placements:host_candidates", pk=assignment.pk)
    elif request.method == "POST" and not is_open:
        messages.error(request, _("The project market is closed: candidates can no longer be ranked."))
        return redirect("placements:host_candidates", pk=assignment.pk)
    return render(
        request,
        "placements/market_candidates.html",
        {"assignment": assignment, "round": assignment.round, "form": form, "is_open": is_open},
    )


urlpatterns = [
    path("rounds/<int:pk>/market/", market, name="market"),
    path("assignments/<int:pk>/candidates/", host_candidates, name="host_candidates"),
]
