"""HR matches a cohort's participants with coaches: overview, proposal for the whole group, publish, end a match.

Only HR of the organisation that owns the cohort's programme; anyone else answers 404.
The proposal is never stored: it is shown for review, travels back as participant_id=coach_id pairs, and
the publishing service checks everything again under lock.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role, User
from programmes.selectors import cohort_for_hr

from .. import matches, selectors


def _read_pairs(post) -> tuple[dict[int, int | None], set[int]] | None:
    """{participant id: coach id or None} from "12=34" / "12=" values, and the rows allowed their own
    department; None when the form was tampered with or is incomplete."""
    selected: dict[int, int | None] = {}
    try:
        for value in post.getlist("pair"):
            participant, _separator, coach = value.partition("=")
            participant_id = int(participant)
            if participant_id in selected:
                return None
            selected[participant_id] = int(coach) if coach else None
        allowed = {int(value) for value in post.getlist("own_department")}
    except ValueError:
        return None
    return (selected, allowed) if selected else None


def _matching_page(request, cohort, *, propose: bool, selected=None, allowed=frozenset()):
    members = list(matches.current_members(cohort=cohort))
    coaches = list(matches.coaches_for_cohort(cohort=cohort))
    rows = matches.cohort_matching_rows(cohort=cohort, members=members)
    proposal_rows = None
    if propose:
        proposals, wishes = matches.cohort_coach_proposal(cohort=cohort, members=members, coaches=coaches)
        proposal_rows = matches.coach_proposal_rows(
            proposals=proposals, coaches=coaches, wishes=wishes, selected=selected, own_department_allowed=allowed
        )
    return render(
        request,
        "coaching/matching_cohort.html",
        {
            "cohort": cohort,
            "rows": rows,
            "with_coach": sum(1 for row in rows if row["match"]),
            "coaches": coaches,
            "proposal_rows": proposal_rows,
        },
    )


@role_required(Role.HR_ADVISER)
def cohort_matching(request, cohort_pk: int):
    """The cohort's members with their coach and the click status; with ?propose=1 a proposal to review."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    return _matching_page(request, cohort, propose="propose" in request.GET)


@require_POST
@role_required(Role.HR_ADVISER)
def cohort_matching_publish(request, cohort_pk: int):
    """Publish the reviewed proposal (all or nothing); on a refusal, show it again with HR's choices."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    read = _read_pairs(request.POST)
    ids = {pk for participant, coach in (read[0].items() if read else ()) for pk in (participant, coach) if pk}
    people = User.objects.in_bulk(ids)
    if read is None or len(people) != len(ids):
        messages.error(request, _("The proposal could not be read; propose the coaches again."))
        return redirect("coaching:cohort_matching", cohort_pk=cohort.pk)
    selected, allowed = read
    pairs = [(people[participant], people[coach]) for participant, coach in selected.items() if coach]
    try:
        created = matches.coach_matches_publish(
            cohort=cohort, pairs=pairs, by=request.user, own_department_allowed=allowed
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _matching_page(request, cohort, propose=True, selected=selected, allowed=allowed)
    messages.success(
        request,
        _("%(count)s coach matches have been published. Coaches and participants have been introduced.")
        % {"count": len(created)},
    )
    return redirect("coaching:cohort_matching", cohort_pk=cohort.pk)


@require_POST
@role_required(Role.HR_ADVISER)
def cohort_match_end(request, cohort_pk: int, pk: int):
    """End a current member's live match, e.g. after a rematch request; then HR proposes again."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    match = get_object_or_404(
        selectors.matches_for_hr(user=request.user).filter(
            status__in=selectors.LIVE, participant__in=matches.current_members(cohort=cohort)
        ),
        pk=pk,
    )
    try:
        matches.coach_match_end(match=match, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The match of %(name)s has ended. Propose a new coach below.")
            % {"name": match.participant.full_name or match.participant.email},
        )
    return redirect("coaching:cohort_matching", cohort_pk=cohort.pk)


urlpatterns = [
    path("cohorts/<int:cohort_pk>/matching/", cohort_matching, name="cohort_matching"),
    path("cohorts/<int:cohort_pk>/matching/publish/", cohort_matching_publish, name="cohort_matching_publish"),
    path("cohorts/<int:cohort_pk>/matching/<int:pk>/end/", cohort_match_end, name="cohort_match_end"),
]
