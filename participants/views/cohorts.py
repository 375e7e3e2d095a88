"""HR pages for the cohorts of a programme: new, edit, the cohort page with its members and queue, the status
and the members' export.

They live in participants, not programmes, because they show and change enrolments: the cohort page lists
those placed and waiting, a status change activates or completes them, a new capacity gives seats to the
queue. Their URLs stay in the ``programmes`` namespace under /programmes/ (config/urls.py). A cohort outside
the HR adviser's scope answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors
from programmes import selectors as programme_selectors
from programmes import services as programme_services
from programmes.forms import CohortForm, CohortStatusForm
from programmes.models import Cohort, Programme

from .. import selectors, services


def _cohort_form(request, *, programme: Programme, initial: dict | None = None) -> CohortForm:
    return CohortForm(
        request.POST or None,
        initial=initial,
        programme=programme,
        tracks=programme_selectors.track_choices(programme=programme),
        coordinators=programme_selectors.coordinator_choices(user=request.user),
    )


@role_required(Role.HR_ADVISER)
def cohort_create(request, slug: str):
    programme = programme_selectors.programme_for_hr(user=request.user, slug=slug)
    form = _cohort_form(request, programme=programme, initial={"coordinator": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            cohort = programme_services.cohort_create(programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("The cohort has been created. It is planned; open it for enrolment when ready.")
            )
            return redirect("programmes:cohort_detail", pk=cohort.pk)
    return render(request, "participants/cohort_form.html", {"programme": programme, "form": form, "cohort": None})


@role_required(Role.HR_ADVISER)
def cohort_edit(request, pk: int):
    cohort = programme_selectors.cohort_with_costs_for_hr(user=request.user, pk=pk)
    initial = {name: getattr(cohort, name) for name in CohortForm.base_fields}
    form = _cohort_form(request, programme=cohort.programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The cohort has been saved."))
            return redirect("programmes:cohort_detail", pk=cohort.pk)
    return render(
        request, "participants/cohort_form.html", {"programme": cohort.programme, "form": form, "cohort": cohort}
    )


@role_required(Role.HR_ADVISER)
def cohort_detail(request, pk: int):
    cohort = programme_selectors.cohort_with_costs_for_hr(user=request.user, pk=pk)
    context = selectors.cohort_page_overview(cohort=cohort)
    context["cohort"] = cohort
    context["programme"] = cohort.programme
    return render(request, "participants/cohort_detail.html", context)


@require_POST
@role_required(Role.HR_ADVISER)
def cohort_status(request, pk: int):
    cohort = programme_selectors.cohort_with_costs_for_hr(user=request.user, pk=pk)
    form = CohortStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect("programmes:cohort_detail", pk=cohort.pk)
    try:
        services.cohort_status_change(cohort=cohort, to_status=form.cleaned_data["status"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The cohort is now “%(status)s”.") % {"status": Cohort.Status(cohort.status).label})
        still_active = selectors.cohort_still_active_count(cohort=cohort)
        if cohort.status == Cohort.Status.COMPLETED and still_active:
            messages.warning(
                request,
                ngettext(
                    "%(count)d participant stays active: their attendance is below the programme's minimum.",
                    "%(count)d participants stay active: their attendance is below the programme's minimum.",
                    still_active,
                )
                % {"count": still_active},
            )
    return redirect("programmes:cohort_detail", pk=cohort.pk)


@role_required(Role.HR_ADVISER)
def cohort_members_csv(request, pk: int):
    cohort = programme_selectors.cohort_with_costs_for_hr(user=request.user, pk=pk)
    response = HttpResponse(selectors.cohort_members_csv(cohort=cohort), content_type="text/csv; charset=utf-8")
    filename = f"{slugify(cohort.programme.name)}-{slugify(cohort.name) or cohort.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("cohorts/<int:pk>/", cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/status/", cohort_status, name="cohort_status"),
    path("cohorts/<int:pk>/members.csv", cohort_members_csv, name="cohort_members_csv"),
    path("<slug:slug>/cohorts/new/", cohort_create, name="cohort_create"),
]
