"""Placement rounds and their assignments.

- Programme HR (HR of the programme's owner) creates a cohort's rounds, moves them through the project market and
  reviews the assignments hosts post; they may post on behalf of a host too.
- A host's contact person (HR adviser of a participating organisation) posts assignments in an open round, and
  edits or withdraws their organisation's assignments.
Anything outside a person's scope answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors
from participants.models import Enrolment
from programmes.selectors import cohort_for_hr

from .. import assignments, rounds, selectors
from ..forms.market import AssignmentForm, ReviewForm, RoundForm, RoundStatusForm
from ..models import Assignment, PlacementRound, Preference

STATUS_ORDER = [
    Assignment.Status.SUBMITTED,
    Assignment.Status.PUBLISHED,
    Assignment.Status.REJECTED,
    Assignment.Status.WITHDRAWN,
]
STATUS_FLOW = [PlacementRound.Status.COLLECTING, PlacementRound.Status.MARKET, PlacementRound.Status.ALLOCATING]


# --- rounds (programme HR) ----------------------------------------------------------------------------------


@role_required(Role.HR_ADVISER)
def cohort_rounds(request, cohort_pk: int):
    """The cohort's rounds with their counts, and a form to add the next round."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    kinds = rounds.round_kinds_for(programme=cohort.programme)
    form = None
    if kinds:
        form = RoundForm(request.POST or None, kinds=kinds, initial=rounds.round_defaults(cohort=cohort))
        if request.method == "POST" and form.is_valid():
            try:
                round = rounds.placement_round_create(cohort=cohort, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The round has been created. Hosts can now post assignments."))
                return redirect("placements:round_detail", pk=round.pk)
    return render(
        request,
        "placements/rounds_list.html",
        {
            "cohort": cohort,
            "rounds": rounds.rounds_of_cohort(cohort=cohort),
            "form": form,
            "member_count": cohort.enrolments.filter(status__in=Enrolment.CURRENT_STATUSES).count(),
        },
    )


@role_required(Role.HR_ADVISER)
def round_detail(request, pk: int):
    """A round for programme HR: its assignments by status with review buttons, and the next steps."""
    round = selectors.round_for_hr(user=request.user, pk=pk)
    assignment_list = list(assignments.round_assignments(round=round))
    groups = [
        {
            "status": status,
            "label": Assignment.Status(status).label,
            "assignments": [assignment for assignment in assignment_list if assignment.status == status],
        }
        for status in STATUS_ORDER
    ]
    counts = Enrolment.objects.filter(cohort_id=round.cohort_id, status__in=Enrolment.CURRENT_STATUSES).aggregate(
        members=Count("person", distinct=True)
    )
    ranked = Preference.objects.filter(assignment__round=round).aggregate(trainees=Count("trainee", distinct=True))
    return render(
        request,
        "placements/rounds_detail.html",
        {
            "round": round,
            "cohort": round.cohort,
            "groups": groups,
            "member_count": counts["members"],
            "ranked_count": ranked["trainees"],
            "transitions": [
                {"status": status, "label": PlacementRound.Status(status).label}
                for status in STATUS_FLOW
                if status in rounds.TRANSITIONS.get(round.status, ())
            ],
            "open_for_assignments": round.status in assignments.OPEN_FOR_ASSIGNMENTS,
        },
    )


@require_POST
@role_required(Role.HR_ADVISER)
def round_status(request, pk: int):
    round = selectors.round_for_hr(user=request.user, pk=pk)
    form = RoundStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect("placements:round_detail", pk=round.pk)
    try:
        rounds.placement_round_status_change(round=round, to_status=form.cleaned_data["to_status"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The round is now “%(status)s”.") % {"status": PlacementRound.Status(round.status).label}
        )
    return redirect("placements:round_detail", pk=round.pk)


# --- assignments (host contact persons, and programme HR on their behalf) ---------------------------------


def _back_to(request, round: PlacementRound):
    if assignments.is_programme_hr(user=request.user, round=round):
        return redirect("placements:round_detail", pk=round.pk)
    return redirect("placements:host_assignments")


@role_required(Role.HR_ADVISER)
def assignment_new(request, round_pk: int):
    round = assignments.round_for_posting(user=request.user, pk=round_pk)
    if round.status not in assignments.OPEN_FOR_ASSIGNMENTS:
        messages.error(request, _("This round no longer takes assignments."))
        return _back_to(request, round)
    hosts = list(assignments.host_organisation_choices(user=request.user, round=round))
    form = AssignmentForm(request.POST or None, round=round, hosts=hosts)
    if request.method == "POST" and form.is_valid():
        host = form.cleaned_data.get("host_organisation") or hosts[0]
        try:
            assignments.assignment_submit(
                round=round, host_organisation=host, by=request.user, **form.assignment_fields()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The assignment has been sent to the programme's HR for review."))
            return _back_to(request, round)
    return render(
        request,
        "placements/assignments_form.html",
        {"round": round, "form": form, "assignment": None, "hosts": hosts},
    )


@role_required(Role.HR_ADVISER)
def host_assignments(request):
    """The contact person's organisations' assignments across rounds, and the rounds open for new ones."""
    assignment_list = list(assignments.host_assignment_list(user=request.user))
    for assignment in assignment_list:
        assignment.can_edit = assignments.can_edit(assignment)
        assignment.can_withdraw = assignments.can_withdraw(assignment)
    return render(
        request,
        "placements/assignments_host.html",
        {
            "assignments": assignment_list,
            "open_rounds": assignments.rounds_open_for_posting(user=request.user),
        },
    )


@role_required(Role.HR_ADVISER)
def assignment_edit(request, pk: int):
    assignment = assignments.assignment_for_editor(user=request.user, pk=pk)
    round = assignment.round
    if not assignments.can_edit(assignment):
        messages.error(request, _("Only an assignment that waits for review or was sent back can be changed."))
        return _back_to(request, round)
    initial = {name: getattr(assignment, name) for name in assignments.FIELDS}
    form = AssignmentForm(request.POST or None, round=round, hosts=[assignment.host_organisation], initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assignments.assignment_update(assignment=assignment, by=request.user, **form.assignment_fields())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The assignment has been saved and waits for HR's review."))
            return _back_to(request, round)
    return render(
        request,
        "placements/assignments_form.html",
        {"round": round, "form": form, "assignment": assignment, "hosts": [assignment.host_organisation]},
    )


@require_POST
@role_required(Role.HR_ADVISER)
def assignment_withdraw(request, pk: int):
    assignment = assignments.assignment_for_editor(user=request.user, pk=pk)
    try:
        assignments.assignment_withdraw(assignment=assignment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The assignment has been withdrawn."))
    return _back_to(request, assignment.round)


@require_POST
@role_required(Role.HR_ADVISER)
def assignment_review(request, pk: int):
    assignment = assignments.assignment_for_reviewer(user=request.user, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to publish the assignment or to send it back."))
        return redirect("placements:round_detail", pk=assignment.round_id)
    publish = form.cleaned_data["decision"] == "publish"
    try:
        assignments.assignment_review(
            assignment=assignment, by=request.user, publish=publish, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if publish:
            messages.success(request, _("“%(title)s” has been published.") % {"title": assignment.title})
        else:
            messages.success(request, _("“%(title)s” has been sent back to the host.") % {"title": assignment.title})
    return redirect("placements:round_detail", pk=assignment.round_id)


urlpatterns = [
    path("cohorts/<int:cohort_pk>/rounds/", cohort_rounds, name="cohort_rounds"),
    path("rounds/<int:pk>/", round_detail, name="round_detail"),
    path("rounds/<int:pk>/status/", round_status, name="round_status"),
    path("rounds/<int:round_pk>/assignments/new/", assignment_new, name="assignment_new"),
    path("host/assignments/", host_assignments, name="host_assignments"),
    path("assignments/<int:pk>/edit/", assignment_edit, name="assignment_edit"),
    path("assignments/<int:pk>/withdraw/", assignment_withdraw, name="assignment_withdraw"),
    path("assignments/<int:pk>/review/", assignment_review, name="assignment_review"),
]
