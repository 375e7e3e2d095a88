"""Supervisors (begeleiders) at the host: their own trainees with the placement period, and the mid-term and
final assessment of each placement.

Scope: a supervisor sees the published placements of their own assignments only; any other placement answers
404. The assessment page shows the text to its writer to change it; reads and changes are audit-logged.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.debug import sensitive_post_parameters

from core.forms import add_validation_errors

from .. import placing, selectors
from ..forms.placing import AssessmentForm
from ..models import PlacementAssessment


@login_required
def supervised(request):
    placements = list(placing.supervised_placements(user=request.user))
    return render(request, "placements/supervision_list.html", {"placements": placements})


@cache_control(private=True, no_store=True)
@sensitive_post_parameters("text")
@login_required
def assessment(request, pk: int, kind: str):
    placement = selectors.placement_for_supervisor(user=request.user, pk=pk)
    kind = placing.assessment_kind(kind)
    label = PlacementAssessment.Kind(kind).label
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                placing.assessment_save(placement=placement, kind=kind, text=form.cleaned_data["text"], by=request.user)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The %(kind)s has been saved.") % {"kind": label.lower()})
                return redirect("placements:supervised")
    else:
        existing = placing.assessment_for_author(placement=placement, kind=kind, by=request.user)
        form = AssessmentForm(initial={"text": existing.text} if existing else None)
    return render(
        request,
        "placements/supervision_assessment.html",
        {
            "placement": placement,
            "kind": kind,
            "label": label,
            "form": form,
            "not_yet": placing.assessment_open_from(placement=placement, kind=kind),
        },
    )


urlpatterns = [
    path("supervised/", supervised, name="supervised"),
    path("placements/<int:pk>/assessment/<str:kind>/", assessment, name="assessment"),
]
