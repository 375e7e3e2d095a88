"""Programme HR allocates a round: run the optimiser, review the proposal per trainee (with both sides' ranks and
the reasons), adjust a row by hand, publish. Anyone but HR of the programme's owner gets 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors

from .. import placing, selectors
from ..forms.placing import PlacementAdjustForm, PublishForm
from ..models import Assignment


def _page(request, round, *, publish_form=None):
    overview = placing.round_allocation_overview(round=round)
    return render(
        request,
        "placements/allocation_round.html",
        {
            "round": round,
            "cohort": round.cohort,
            "overview": overview,
            "chart": placing.round_allocation_chart(overview=overview),
            "publish_form": publish_form or PublishForm(),
            "editable": round.status == round.Status.ALLOCATING,
        },
    )


@role_required(Role.HR_ADVISER)
def round_allocation(request, pk: int):
    round = selectors.round_for_hr(user=request.user, pk=pk)
    return _page(request, round)


@require_POST
@role_required(Role.HR_ADVISER)
def round_allocation_run(request, pk: int):
    round = selectors.round_for_hr(user=request.user, pk=pk)
    try:
        result = placing.round_allocation_run(round=round, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("placements:round_allocation", pk=round.pk)
    total = result.placed_count + len(result.unplaced)
    messages.success(
        request,
        ngettext(
            "The allocation placed %(placed)s of %(total)s trainee. Review the proposal, then publish it.",
            "The allocation placed %(placed)s of %(total)s trainees. Review the proposal, then publish it.",
            total,
        )
        % {"placed": result.placed_count, "total": total},
    )
    if result.unplaced:
        messages.warning(request, _("Not everyone could be placed: the reasons are listed per trainee."))
    return redirect("placements:round_allocation", pk=round.pk)


@require_POST
@role_required(Role.HR_ADVISER)
def placement_adjust(request, pk: int, trainee_pk: int):
    """HR chooses another assignment (or none) for one trainee of the proposal."""
    round = selectors.round_for_hr(user=request.user, pk=pk)
    trainee = placing.round_member(round=round, pk=trainee_pk)
    assignments = Assignment.objects.filter(round=round, status=Assignment.Status.PUBLISHED)
    form = PlacementAdjustForm(request.POST, options=assignments)
    if not form.is_valid():
        messages.error(request, _("Choose one of the assignments in the list."))
        return redirect("placements:round_allocation", pk=round.pk)
    name = trainee.full_name or trainee.email
    try:
        if form.cleaned_data["assignment"] is None:
            placement = placing.round_placement(round=round, trainee=trainee)
            if placement is not None:
                placing.placement_remove(placement=placement, by=request.user)
            messages.success(request, _("%(name)s has no placement in this round now.") % {"name": name})
        else:
            assignment = get_object_or_404(assignments, pk=form.cleaned_data["assignment"])
            placing.placement_set(round=round, trainee=trainee, assignment=assignment, by=request.user)
            messages.success(
                request, _("%(name)s is now placed on “%(title)s”.") % {"name": name, "title": assignment.title}
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(reverse("placements:round_allocation", args=[round.pk]) + f"#trainee-{trainee.pk}")


@require_POST
@role_required(Role.HR_ADVISER)
def round_publish(request, pk: int):
    round = selectors.round_for_hr(user=request.user, pk=pk)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        published = placing.round_publish(
            round=round, by=request.user, publish_anyway=form.cleaned_data.get("publish_anyway", False)
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return _page(request, round, publish_form=form)
    messages.success(
        request,
        ngettext(
            "%(count)s placement has been published. The trainee, the supervisor and the host's contact persons "
            "have been told.",
            "%(count)s placements have been published. Trainees, supervisors and the hosts' contact persons have "
            "been told.",
            len(published),
        )
        % {"count": len(published)},
    )
    return redirect("placements:round_allocation", pk=round.pk)


urlpatterns = [
    path("rounds/<int:pk>/allocation/", round_allocation, name="round_allocation"),
    path("rounds/<int:pk>/allocation/run/", round_allocation_run, name="round_allocation_run"),
    path("rounds/<int:pk>/allocation/trainees/<int:trainee_pk>/", placement_adjust, name="round_allocation_adjust"),
    path("rounds/<int:pk>/allocation/publish/", round_publish, name="round_publish"),
]
