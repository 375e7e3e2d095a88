"""AV VIB's job swaps and joint project teams.

- Programme HR (HR of the organisation owning a job-swap programme): the offers, proposing swaps, the proposed
  and final swaps, and composing joint project teams.
- Participants (current members of a job-swap cohort): their offer, their move (accept or decline), their team.
- Managers: the moves that wait for their approval as home manager (their own staff moves) or host manager (a
  colleague of another municipality takes over their staff member's job).

Anything outside a person's scope answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Organisation, Role, User
from core.forms import add_validation_errors

from .. import swaps
from ..forms.swaps import ProjectTeamForm, SwapDecisionForm, SwapOfferForm, SwapProposeForm

# --- programme HR: swaps -------------------------------------------------------------------------------------


def _render_swaps(request, cohort, form, status=200):
    return render(
        request,
        "placements/swaps_hr.html",
        {"cohort": cohort, "overview": swaps.swap_overview(cohort=cohort), "form": form},
        status=status,
    )


@role_required(Role.HR_ADVISER)
def swaps_page(request, cohort_pk: int):
    """The offers, who has not offered yet, the proposed and final swaps, and why others have none."""
    cohort = swaps.swap_cohort_for_hr(user=request.user, pk=cohort_pk)
    return _render_swaps(request, cohort, SwapProposeForm(initial={"starts_on": cohort.start_date}))


@require_POST
@role_required(Role.HR_ADVISER)
def swaps_propose(request, cohort_pk: int):
    cohort = swaps.swap_cohort_for_hr(user=request.user, pk=cohort_pk)
    form = SwapProposeForm(request.POST)
    if form.is_valid():
        try:
            result = swaps.swaps_propose(cohort=cohort, by=request.user, starts_on=form.cleaned_data["starts_on"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            people = sum(len(swap_moves) for swap_moves in (cycle.moves for cycle in result.proposal.cycles))
            messages.success(
                request,
                ngettext(
                    "%(count)s swap has been proposed for %(people)s people; %(left)s left out.",
                    "%(count)s swaps have been proposed for %(people)s people; %(left)s left out.",
                    len(result.swaps),
                )
                % {"count": len(result.swaps), "people": people, "left": len(result.proposal.left_out)},
            )
            return redirect("placements:swaps", cohort_pk=cohort.pk)
    return _render_swaps(request, cohort, form, status=400)


# --- participants ------------------------------------------------------------------------------------------


@login_required
def swap_offer(request, cohort_pk: int):
    """A current member offers their own job and says which work they want to try."""
    cohort = swaps.swap_cohort_for_member(user=request.user, pk=cohort_pk)
    offer = cohort.swap_offers.filter(participant=request.user).first()
    initial = {}
    if offer is not None:
        initial = {
            "own_job": offer.own_job,
            "own_job_description": offer.own_job_description,
            "job_kinds_offered": offer.job_kinds_offered,
            "job_kinds_wanted": offer.job_kinds_wanted,
        }
    form = SwapOfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            swaps.swap_offer_save(cohort=cohort, participant=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Your offer has been saved."))
            return redirect("placements:my_swap")
    return render(request, "placements/swaps_offer.html", {"cohort": cohort, "form": form, "offer": offer})


@login_required
def my_swap(request):
    """The person's offer, their move (whose job they take over, where, when), the other moves, their team."""
    items = swaps.my_swaps(user=request.user)
    if not items:
        raise Http404
    return render(request, "placements/swaps_mine.html", {"items": items})


@require_POST
@login_required
def swap_move_accept(request, pk: int):
    move = swaps.move_for_participant(user=request.user, pk=pk)
    try:
        swaps.swap_move_accept(move=move, participant=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You have accepted the swap. Your manager and the host's manager are asked to approve.")
        )
    return redirect("placements:my_swap")


@require_POST
@login_required
def swap_move_decline(request, pk: int):
    move = swaps.move_for_participant(user=request.user, pk=pk)
    try:
        swaps.swap_move_decline(move=move, participant=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have declined the swap. The others in it have been told."))
    return redirect("placements:my_swap")


# --- managers -----------------------------------------------------------------------------------------------


@role_required(Role.MANAGER)
def swap_approvals(request):
    awaiting = swaps.moves_awaiting_approval(manager=request.user)
    return render(request, "placements/swaps_approvals.html", {"awaiting": awaiting})


def _manager_decision(request, pk: int, service, success: str):
    move = swaps.move_for_manager(user=request.user, pk=pk)
    form = SwapDecisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        service(move=move, manager=request.user, side=form.cleaned_data["side"])
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("placements:swap_approvals")


@require_POST
@role_required(Role.MANAGER)
def swap_move_approve(request, pk: int):
    return _manager_decision(request, pk, swaps.swap_move_approve, _("You have approved the move."))


@require_POST
@role_required(Role.MANAGER)
def swap_move_reject(request, pk: int):
    return _manager_decision(
        request, pk, swaps.swap_move_reject, _("You have not approved the move; the swap has been cancelled.")
    )


# --- programme HR: joint project teams -----------------------------------------------------------------------


def _team_form(cohort, data=None, **kwargs) -> ProjectTeamForm:
    return ProjectTeamForm(
        data,
        hosts=swaps.host_organisation_choices(cohort=cohort),
        members=swaps.swap_members(cohort=cohort),
        **kwargs,
    )


@role_required(Role.HR_ADVISER)
def project_teams(request, cohort_pk: int):
    """The cohort's joint project teams, a form for a new team, and a one-click proposal to review."""
    cohort = swaps.swap_cohort_for_hr(user=request.user, pk=cohort_pk)
    form = _team_form(cohort, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            swaps.project_team_save(cohort=cohort, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The team has been saved."))
            return redirect("placements:project_teams", cohort_pk=cohort.pk)
    proposal = None
    if "propose" in request.GET:
        try:
            proposal = swaps.project_teams_propose(cohort=cohort)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    teams = list(swaps.project_teams_of(cohort=cohort))
    in_team = {person.pk for team in teams for person in team.members.all()}
    return render(
        request,
        "placements/swaps_project_teams.html",
        {
            "cohort": cohort,
            "teams": teams,
            "not_in_team": [person for person in swaps.swap_members(cohort=cohort) if person.pk not in in_team],
            "form": form,
            "proposal": proposal,
        },
    )


@require_POST
@role_required(Role.HR_ADVISER)
def project_teams_save(request, cohort_pk: int):
    """Save the reviewed proposal; it comes back as "host id:member ids" per team and is checked again."""
    cohort = swaps.swap_cohort_for_hr(user=request.user, pk=cohort_pk)
    teams = []
    try:
        for number, value in enumerate(request.POST.getlist("team"), start=1):
            host_id, _sep, ids = value.partition(":")
            teams.append(
                {
                    "name": _("Project team %(number)s") % {"number": number},
                    "host_id": int(host_id) if host_id else None,
                    "ids": [int(pk) for pk in ids.split(",") if pk.strip()],
                }
            )
    except ValueError:
        teams = []
    people = User.objects.in_bulk([pk for team in teams for pk in team["ids"]])
    hosts = Organisation.objects.in_bulk([team["host_id"] for team in teams if team["host_id"]])
    if not teams or any(pk not in people for team in teams for pk in team["ids"]):
        messages.error(request, _("The proposal could not be read; propose the teams again."))
        return redirect("placements:project_teams", cohort_pk=cohort.pk)
    try:
        created = swaps.project_teams_replace(
            cohort=cohort,
            by=request.user,
            teams=[
                {
                    "name": team["name"],
                    "members": [people[pk] for pk in team["ids"]],
                    "host_organisation": hosts.get(team["host_id"]),
                }
                for team in teams
            ],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s project teams have been saved.") % {"count": len(created)})
    return redirect("placements:project_teams", cohort_pk=cohort.pk)


@role_required(Role.HR_ADVISER)
def project_team_edit(request, pk: int):
    team = swaps.project_team_for_hr(user=request.user, pk=pk)
    cohort = team.cohort
    form = _team_form(
        cohort,
        request.POST or None,
        initial={
            "name": team.name,
            "project": team.project,
            "host_organisation": team.host_organisation,
            "members": list(team.members.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            swaps.project_team_save(cohort=cohort, by=request.user, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The team has been saved."))
            return redirect("placements:project_teams", cohort_pk=cohort.pk)
    return render(request, "placements/swaps_project_team_edit.html", {"cohort": cohort, "team": team, "form": form})


urlpatterns = [
    path("cohorts/<int:cohort_pk>/swaps/", swaps_page, name="swaps"),
    path("cohorts/<int:cohort_pk>/swaps/propose/", swaps_propose, name="swaps_propose"),
    path("cohorts/<int:cohort_pk>/swap/offer/", swap_offer, name="swap_offer"),
    path("my-swap/", my_swap, name="my_swap"),
    path("swap-moves/<int:pk>/accept/", swap_move_accept, name="swap_move_accept"),
    path("swap-moves/<int:pk>/decline/", swap_move_decline, name="swap_move_decline"),
    path("swap-approvals/", swap_approvals, name="swap_approvals"),
    path("swap-moves/<int:pk>/approve/", swap_move_approve, name="swap_move_approve"),
    path("swap-moves/<int:pk>/reject/", swap_move_reject, name="swap_move_reject"),
    path("cohorts/<int:cohort_pk>/project-teams/", project_teams, name="project_teams"),
    path("cohorts/<int:cohort_pk>/project-teams/save/", project_teams_save, name="project_teams_save"),
    path("project-teams/<int:pk>/", project_team_edit, name="project_team_edit"),
]
