"""HR divides a cohort into intervision groups: propose, review, save, adjust by hand, give each group sessions.

Only HR of the organisation that owns the programme; anything else answers 404.
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role, User
from accounts.selectors import hr_organisation_ids
from core.forms import add_validation_errors
from participants.models import Enrolment
from participants.selectors import cohort_members
from programmes.selectors import cohort_for_hr

from .. import grouping, intervision_groups, selectors
from ..models import IntervisionGroup, Session, SessionKind


class ProposeForm(forms.Form):
    min_size = forms.IntegerField(
        label=gettext_lazy("Smallest group"), min_value=2, max_value=30, initial=grouping.DEFAULT_MIN_SIZE
    )
    max_size = forms.IntegerField(
        label=gettext_lazy("Largest group"), min_value=2, max_value=30, initial=grouping.DEFAULT_MAX_SIZE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        smallest, largest = cleaned.get("min_size"), cleaned.get("max_size")
        if smallest and largest and largest < smallest:
            self.add_error("max_size", _("The largest group cannot be smaller than the smallest."))
        return cleaned


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        label = person.full_name or person.email
        if person.department_id:
            label += f" ({person.department.name})"
        current = getattr(person, "cohort_groups", [])
        if current:
            label += " — " + _("now in %(group)s") % {"group": current[0].name}
        return label


class GroupForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    facilitator = forms.ModelChoiceField(
        label=gettext_lazy("Facilitator"), queryset=User.objects.none(), required=False
    )
    members = MemberChoiceField(
        label=gettext_lazy("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Ticking someone who is in another group moves them to this group."),
    )

    def __init__(self, *args, facilitators, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitators
        self.fields["members"].queryset = members
        self.helper = FormHelper()
        self.helper.form_tag = False


def _current_members(cohort):
    return cohort_members(cohort=cohort, statuses=Enrolment.CURRENT_STATUSES)


@role_required(Role.HR_ADVISER)
def groups(request, cohort_pk: int):
    """The cohort's groups with their members, who is not in a group, and a proposal to review when asked."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    today = timezone.localdate()
    group_list = selectors.intervision_groups_of(cohort=cohort).annotate(
        planned_sessions=Count("sessions", filter=Q(sessions__status=Session.Status.PLANNED))
    )
    members = list(_current_members(cohort).prefetch_related(_cohort_groups(cohort)))
    unassigned = [person for person in members if not person.cohort_groups]
    to_split = Session.objects.filter(
        cohort=cohort,
        intervision_group__isnull=True,
        kind=SessionKind.INTERVISION,
        status=Session.Status.PLANNED,
        date__gte=today,
    ).count()

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


def _cohort_groups(cohort):
    return Prefetch(
        "intervision_groups", queryset=IntervisionGroup.objects.filter(cohort=cohort), to_attr="cohort_groups"
    )


@require_POST
@role_required(Role.HR_ADVISER)
def groups_save(request, cohort_pk: int):
    """Save the reviewed proposal. It came back as hidden lists of ids; the service checks it all again."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    try:
        id_lists = [[int(pk) for pk in value.split(",") if pk.strip()] for value in request.POST.getlist("group")]
    except ValueError:
        id_lists = []
    people = User.objects.in_bulk([pk for ids in id_lists for pk in ids])
    if not id_lists or any(pk not in people for ids in id_lists for pk in ids):
        messages.error(request, _("The proposal could not be read; propose the groups again."))
        return redirect("sessions:groups", cohort_pk=cohort.pk)
    try:
        created = intervision_groups.intervision_groups_create(
            cohort=cohort, groups=[[people[pk] for pk in ids] for ids in id_lists], by=request.user
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
    group = get_object_or_404(
        IntervisionGroup.objects.select_related("cohort__programme__owner", "facilitator"),
        pk=pk,
        cohort__programme__owner_id__in=hr_organisation_ids(request.user),
    )
    cohort = group.cohort
    members = _current_members(cohort).prefetch_related(_cohort_groups(cohort))
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
