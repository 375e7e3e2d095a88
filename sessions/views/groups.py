"""HR divides a cohort into intervision groups: propose, review, save, adjust by hand, give each group sessions.

Only HR of the organisation that owns the programme; anything else answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors
from programmes.selectors import cohort_for_hr

from .. import grouping, intervision_groups, selectors
from ..forms import GroupForm, ProposalSaveForm, ProposeForm


@role_required(Role.HR_ADVISER)
def groups(request, cohort_pk: int):
    """The cohort's groups with their members, who is not in a group, and a proposal to review when asked."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    group_list = selectors.intervision_groups_with_planned_counts(cohort=cohort)
    members = list(selectors.current_members_with_groups(cohort=cohort))
    unassigned = [person for person in members if not person.cohort_groups]
    to_split = selectors.intervision_sessions_to_split_count(cohort=cohort, since=timezone.localdate())

    proposal = None
    form = ProposeForm(request.GET if "propose" in request.GET else None)
    if form.is_bound and form.is_valid():
        try:
            proposal = grouping.intervision_groups_propose(members=members, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
    return render(
        request,
        "sessions/groups_list.html",
        {
            "cohort": cohort,
            "groups": group_list,
            "unassigned": unassigned,
            "member_count": len(members),
            "to_split": to_split,
            "form": form,
            "proposal": [
                {"people": people, "ids": ",".join(str(person.pk) for person in people)} for people in proposal or []
            ],
            "proposal_department_pairs": grouping.same_department_pairs(proposal) if proposal else 0,
        },
    )


@require_POST
@role_required(Role.HR_ADVISER)
def groups_save(request, cohort_pk: int):
    """Save the reviewed proposal. It came back as hidden lists of ids; the service checks it all again."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    form = ProposalSaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The proposal could not be read; propose the groups again."))
        return redirect("sessions:groups", cohort_pk=cohort.pk)
    try:
        created = intervision_groups.intervision_groups_create(
            cohort=cohort, groups=form.cleaned_data["group"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s intervision groups have been saved.") % {"count": len(created)})
    return redirect("sessions:groups", cohort_pk=cohort.pk)


@require_POST
@role_required(Role.HR_ADVISER)
def group_sessions_create(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    try:
        created = intervision_groups.intervision_group_sessions_create(cohort=cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(
                request, _("%(count)s intervision sessions have been planned for the groups.") % {"count": created}
            )
        else:
            messages.info(request, _("There were no intervision sessions of the whole cohort left to divide."))
    return redirect("sessions:groups", cohort_pk=cohort.pk)


@role_required(Role.HR_ADVISER)
def group_edit(request, pk: int):
    group = selectors.intervision_group_for_hr(user=request.user, pk=pk)
    cohort = group.cohort
    members = selectors.current_members_with_groups(cohort=cohort)
    form = GroupForm(
        request.POST or None,
        initial={"name": group.name, "facilitator": group.facilitator, "members": list(group.members.all())},
        facilitators=intervision_groups.facilitator_choices(cohort=cohort),
        members=members,
    )
    if request.method == "POST" and form.is_valid():
        try:
            intervision_groups.intervision_group_update(group=group, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The group has been saved."))
            return redirect("sessions:groups", cohort_pk=cohort.pk)
    return render(request, "sessions/groups_edit.html", {"cohort": cohort, "group": group, "form": form})


urlpatterns = [
    path("cohorts/<int:cohort_pk>/groups/", groups, name="groups"),
    path("cohorts/<int:cohort_pk>/groups/save/", groups_save, name="groups_save"),
    path("cohorts/<int:cohort_pk>/groups/sessions/", group_sessions_create, name="group_sessions_create"),
    path("groups/<int:pk>/edit/", group_edit, name="group_edit"),
]
