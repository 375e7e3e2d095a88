from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_validation_errors

from .. import services
from ..decorators import role_required
from ..forms.people import DepartmentForm, LanguageForm, OrganisationSettingsForm, PersonForm, PersonInviteForm
from ..middleware import language_cookie_set
from ..models import Department, Role
from ..scoping import is_hr_of
from ..selectors import hr_organisations, people_for_hr, person_for_hr

PEOPLE_PER_PAGE = 50


@role_required(Role.HR_ADVISER)
def people(request):
    search = request.GET.get("q", "").strip()
    organisation_id = request.GET.get("organisation")
    organisation_id = int(organisation_id) if organisation_id and organisation_id.isdigit() else None
    queryset = people_for_hr(request.user, search=search, organisation_id=organisation_id)
    page = Paginator(queryset, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/people.html",
        {
            "page": page,
            "search": search,
            "organisations": hr_organisations(request.user),
            "organisation_id": organisation_id,
        },
    )


@role_required(Role.HR_ADVISER)
def person_detail(request, person_id: int):
    person = person_for_hr(request.user, person_id)
    return render(request, "accounts/person_detail.html", {"person": person})


@role_required(Role.HR_ADVISER)
def person_edit(request, person_id: int):
    person = person_for_hr(request.user, person_id)
    initial = {name: getattr(person, name) for name in PersonForm.base_fields}
    form = PersonForm(request.POST or None, initial=initial, organisation=person.organisation, exclude_person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The details have been saved."))
            return redirect("accounts:person_detail", person_id=person.pk)
    return render(request, "accounts/person_edit.html", {"person": person, "form": form})


@role_required(Role.HR_ADVISER)
def person_invite(request):
    organisations = hr_organisations(request.user)
    form = PersonInviteForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        send_invitation = data.pop("send_invitation")
        try:
            person = services.person_create(**data)
            if send_invitation:
                services.person_invite(invited_by=request.user, person=person)
        except ValidationError as error:
            add_validation_errors(form, error)
        except IntegrityError:
            form.add_error("email", _("A person with this e-mail address already exists."))
        else:
            if send_invitation:
                messages.success(request, _("The person has been added and an invitation is on its way."))
            else:
                messages.success(request, _("The person has been added."))
            return redirect("accounts:person_detail", person_id=person.pk)
    return render(request, "accounts/person_invite.html", {"form": form})


@require_POST
@role_required(Role.HR_ADVISER)
def person_resend_invitation(request, person_id: int):
    person = person_for_hr(request.user, person_id)
    if not person.is_active:
        raise Http404
    services.person_invite(invited_by=request.user, person=person)
    messages.success(request, _("A new invitation is on its way."))
    return redirect("accounts:person_detail", person_id=person.pk)


@role_required(Role.HR_ADVISER)
def organisations(request):
    from django.db.models import Count, Prefetch

    departments = Department.objects.annotate(people_count=Count("people")).order_by("name")
    items = hr_organisations(request.user).prefetch_related(Prefetch("departments", queryset=departments), "networks")
    for organisation in items:
        organisation.settings_form = OrganisationSettingsForm(
            initial={"liberation_day_every_year": organisation.liberation_day_every_year},
            prefix=f"organisation-{organisation.pk}",
        )
    return render(request, "accounts/organisations.html", {"organisations": items, "form": DepartmentForm()})


@require_POST
@role_required(Role.HR_ADVISER)
def organisation_settings(request, organisation_id: int):
    organisation = get_object_or_404(hr_organisations(request.user), pk=organisation_id)
    form = OrganisationSettingsForm(request.POST, prefix=f"organisation-{organisation.pk}")
    if form.is_valid():
        services.organisation_settings_update(
            organisation=organisation,
            by=request.user,
            liberation_day_every_year=form.cleaned_data["liberation_day_every_year"],
        )
        messages.success(
            request, _("The settings of %(organisation)s have been saved.") % {"organisation": organisation}
        )
    return redirect("accounts:organisations")


@require_POST
@role_required(Role.HR_ADVISER)
def department_add(request, organisation_id: int):
    if not is_hr_of(request.user, organisation_id):
        raise Http404
    organisation = get_object_or_404(hr_organisations(request.user), pk=organisation_id)
    form = DepartmentForm(request.POST)
    if form.is_valid():
        try:
            services.department_create(organisation=organisation, name=form.cleaned_data["name"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The department has been added."))
    else:
        messages.error(request, _("Enter a name for the department."))
    return redirect("accounts:organisations")


@login_required
def my_profile(request):
    person = request.user
    form = LanguageForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        services.user_language_set(user=person, language=language)
        response = redirect("accounts:my_profile")
        language_cookie_set(response, language)
        with translation.override(language):
            messages.success(request, _("Your language has been saved."))
        return response
    return render(request, "accounts/my_profile.html", {"person": person, "language_form": form})


@require_POST
def language_switch(request):
    """The footer's switch: stores the choice on the account when logged in, and in the cookie always."""
    form = LanguageForm(request.POST)
    response = redirect(_same_site_url(request, request.POST.get("next")))
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_language_set(user=request.user, language=language)
        language_cookie_set(response, language)
    return response


def _same_site_url(request, url: str | None) -> str:
    """`url` if it stays on this site (no open redirect), else the page the person came from, else home."""
    for candidate in (url, request.headers.get("referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return "/"


urlpatterns = [
    path("people/", people, name="people"),
    path("people/new/", person_invite, name="person_invite"),
    path("people/<int:person_id>/", person_detail, name="person_detail"),
    path("people/<int:person_id>/edit/", person_edit, name="person_edit"),
    path("people/<int:person_id>/invite/", person_resend_invitation, name="person_resend_invitation"),
    path("organisations/", organisations, name="organisations"),
    path("organisations/<int:organisation_id>/settings/", organisation_settings, name="organisation_settings"),
    path("organisations/<int:organisation_id>/departments/", department_add, name="department_add"),
    path("me/", my_profile, name="my_profile"),
]
