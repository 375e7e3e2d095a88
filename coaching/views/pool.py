"""The coach pool: employees volunteer (or accept HR's invitation) and edit their coach profile; HR sees the pool
with its capacity at a glance, invites colleagues and decides on volunteers.

HR pages are for HR of the pool's organisation only; a profile outside their organisations, or their own
profile, answers 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.scoping import hr_organisation_ids, is_hr_of
from accounts.selectors import person_for_hr
from core.forms import add_validation_errors

from .. import pool
from ..forms.pool import InviteSearchForm, PoolFilterForm, VolunteerForm
from ..models import CoachProfile


@role_required(Role.EMPLOYEE)
def volunteer(request):
    """Volunteer as coach, accept an invitation, or (as coach) edit the profile. HR approves volunteers."""
    profile = pool.profile_of(user=request.user)
    form = VolunteerForm(request.POST or None, initial=VolunteerForm.initial_from(profile))
    if request.method == "POST" and form.is_valid():
        was = profile.status if profile else None
        try:
            profile = pool.coach_volunteer(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if was in {CoachProfile.Status.APPROVED, CoachProfile.Status.PAUSED, CoachProfile.Status.VOLUNTEERED}:
                messages.success(request, _("Your coach profile has been saved."))
            else:
                messages.success(request, _("Thank you for volunteering as coach. HR will let you know."))
            return redirect("coaching:volunteer")
    return render(
        request, "coaching/pool_volunteer.html", {"profile": profile, "form": form, "Status": CoachProfile.Status}
    )


def _organisation_filter(request) -> int | None:
    """The organisation chosen on the page (HR of several organisations); outside HR's scope answers 404."""
    value = request.GET.get("organisation", "")
    if not value:
        return None
    try:
        organisation_id = int(value)
    except ValueError:
        raise Http404 from None
    if not is_hr_of(request.user, organisation_id):
        raise Http404
    return organisation_id


@role_required(Role.HR_ADVISER)
def pool_list(request):
    organisation_id = _organisation_filter(request)
    filter_form = PoolFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_bound and filter_form.is_valid() else ""
    search_form = InviteSearchForm(request.GET or None)
    search = search_form.cleaned_data["q"] if search_form.is_bound and search_form.is_valid() else ""
    organisation_ids = {organisation_id} if organisation_id else hr_organisation_ids(request.user)
    profiles = list(pool.pool_for_hr(user=request.user, status=status, organisation_id=organisation_id))
    for profile in profiles:
        profile.free_places = max(profile.max_coachees - profile.live_matches, 0)
        profile.is_own = profile.user_id == request.user.pk
    return render(
        request,
        "coaching/pool_list.html",
        {
            "profiles": profiles,
            "load_chart": pool.pool_load_chart(profiles=profiles),
            "totals": pool.pool_totals(organisation_ids=organisation_ids),
            "filter_form": filter_form,
            "search_form": search_form,
            "search": search,
            "candidates": pool.people_to_invite(hr=request.user, search=search) if search else [],
            "search_limit": pool.INVITE_SEARCH_LIMIT,
            "organisations": Organisation.objects.managed_by(request.user).order_by("name")
            if len(hr_organisation_ids(request.user)) > 1
            else [],
            "organisation_id": organisation_id,
            "Status": CoachProfile.Status,
        },
    )


@require_POST
@role_required(Role.HR_ADVISER)
def pool_invite(request):
    try:
        person_id = int(request.POST.get("person", ""))
    except ValueError:
        raise Http404 from None
    person = person_for_hr(request.user, person_id)
    try:
        pool.coach_invite(hr=request.user, user=person)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("%(name)s has been invited to the coach pool.") % {"name": person.full_name or person.email},
        )
    return redirect("coaching:pool")


def _decide(request, pk: int, decision, success: str, **kwargs):
    profile = pool.profile_for_decision(user=request.user, pk=pk)
    try:
        profile = decision(profile=profile, by=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, success % {"name": profile.user.full_name or profile.user.email})
    return redirect("coaching:pool")


@require_POST
@role_required(Role.HR_ADVISER)
def pool_approve(request, pk: int):
    return _decide(request, pk, pool.coach_approve, _("%(name)s is now a coach."))


@require_POST
@role_required(Role.HR_ADVISER)
def pool_decline(request, pk: int):
    return _decide(
        request, pk, pool.coach_decline, _("%(name)s has been declined."), reason=request.POST.get("reason", "")
    )


@require_POST
@role_required(Role.HR_ADVISER)
def pool_pause(request, pk: int):
    return _decide(request, pk, pool.coach_pause, _("%(name)s is paused and gets no new coachees."))


@require_POST
@role_required(Role.HR_ADVISER)
def pool_resume(request, pk: int):
    return _decide(request, pk, pool.coach_resume, _("%(name)s can be matched again."))


urlpatterns = [
    path("volunteer/", volunteer, name="volunteer"),
    path("pool/", pool_list, name="pool"),
    path("pool/invite/", pool_invite, name="pool_invite"),
    path("pool/<int:pk>/approve/", pool_approve, name="pool_approve"),
    path("pool/<int:pk>/decline/", pool_decline, name="pool_decline"),
    path("pool/<int:pk>/pause/", pool_pause, name="pool_pause"),
    path("pool/<int:pk>/resume/", pool_resume, name="pool_resume"),
]
