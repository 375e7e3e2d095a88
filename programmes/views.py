"""HR pages for programmes and cohorts, and for organisations applying to a learning programme.

Every page is for HR advisers. A programme is managed by HR of the organisation that owns it; anything
else answers 404, so its existence is not revealed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.selectors import hr_organisation_ids
from core.forms import add_validation_errors
from participants import applications

from . import selectors, services
from .forms import (
    AdmitForm,
    ApplicationForm,
    CohortForm,
    CohortStatusForm,
    DeclineForm,
    IntakePlanForm,
    IntakeRecordForm,
)
from .models import Cohort, Programme

# --- programmes and cohorts --------------------------------------------------------------------------------


@role_required(Role.HR_ADVISER)
def programme_list(request):
    own = hr_organisation_ids(request.user)
    can_apply_to = applications.programmes_open_for_applications().exclude(owner_id__in=own).order_by("name")
    return render(
        request,
        "programmes/programme_list.html",
        {
            "items": selectors.programme_list_for_hr(user=request.user),
            "can_apply_to": can_apply_to if _is_municipality_hr(request.user) else [],
        },
    )


def _is_municipality_hr(user) -> bool:
    return Organisation.objects.filter(id__in=hr_organisation_ids(user), kind=Organisation.Kind.MUNICIPALITY).exists()


@role_required(Role.HR_ADVISER)
def programme_detail(request, slug: str):
    programme = selectors.programme_for_hr(user=request.user, slug=slug)
    return render(request, "programmes/programme_detail.html", selectors.programme_overview(programme=programme))


def _cohort_form(request, *, programme: Programme, initial: dict | None = None) -> CohortForm:
    return CohortForm(
        request.POST or None,
        initial=initial,
        programme=programme,
        tracks=selectors.track_choices(programme=programme),
        coordinators=selectors.coordinator_choices(user=request.user),
    )


@role_required(Role.HR_ADVISER)
def cohort_create(request, slug: str):
    programme = selectors.programme_for_hr(user=request.user, slug=slug)
    form = _cohort_form(request, programme=programme, initial={"coordinator": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("The cohort has been created. It is planned; open it for enrolment when ready.")
            )
            return redirect("programmes:cohort_detail", pk=cohort.pk)
    return render(request, "programmes/cohort_form.html", {"programme": programme, "form": form, "cohort": None})


@role_required(Role.HR_ADVISER)
def cohort_edit(request, pk: int):
    cohort = selectors.cohort_for_hr(user=request.user, pk=pk)
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
        request, "programmes/cohort_form.html", {"programme": cohort.programme, "form": form, "cohort": cohort}
    )


@role_required(Role.HR_ADVISER)
def cohort_detail(request, pk: int):
    cohort = selectors.cohort_for_hr(user=request.user, pk=pk)
    context = selectors.cohort_page_overview(cohort=cohort)
    context["cohort"] = cohort
    context["programme"] = cohort.programme
    return render(request, "programmes/cohort_detail.html", context)


@require_POST
@role_required(Role.HR_ADVISER)
def cohort_status(request, pk: int):
    cohort = selectors.cohort_for_hr(user=request.user, pk=pk)
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
    cohort = selectors.cohort_for_hr(user=request.user, pk=pk)
    response = HttpResponse(selectors.cohort_members_csv(cohort=cohort), content_type="text/csv; charset=utf-8")
    filename = f"{slugify(cohort.programme.name)}-{slugify(cohort.name) or cohort.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- organisations applying to a learning programme ---------------------------------------------------------


@role_required(Role.HR_ADVISER)
def application_apply(request, slug: str):
    """HR of a municipality applies for it, and sees how its applications are doing."""
    programme = applications.programme_open_for_applications(slug=slug)
    organisations = applications.applicant_organisations(user=request.user, programme=programme)
    if not organisations.exists():
        raise Http404
    form = ApplicationForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            applications.application_submit(programme=programme, contact=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Your application has been sent. HR of the programme will plan an intake."))
            return redirect("programmes:application_apply", slug=programme.slug)
    own_applications = applications.applications_of_own_organisations(user=request.user, programme=programme)
    return render(
        request,
        "programmes/application_apply.html",
        {"programme": programme, "form": form, "applications": own_applications},
    )


def _owned_learning_programme(request, slug: str) -> Programme:
    programme = selectors.programme_for_hr(user=request.user, slug=slug)
    if programme.enrolment_mode != Programme.EnrolmentMode.ORGANISATION:
        raise Http404
    return programme


@role_required(Role.HR_ADVISER)
def application_list(request, slug: str):
    programme = _owned_learning_programme(request, slug)
    items = applications.applications_for_programme_owner(user=request.user, programme=programme)
    return render(request, "programmes/application_list.html", {"programme": programme, "applications": items})


def _application_page(request, programme, application, **forms):
    context = {
        "programme": programme,
        "application": application,
        "plan_form": IntakePlanForm(initial={"intake_at": application.intake_at}),
        "record_form": IntakeRecordForm(initial={"questions": application.questions}),
        "admit_form": AdmitForm(cohorts=applications.admitting_cohorts(programme=programme)),
        "decline_form": DeclineForm(),
        "can_plan": application.status in applications.PLAN_INTAKE_FROM,
        "can_record": application.status in applications.RECORD_INTAKE_FROM,
        "can_admit": application.status in applications.ADMIT_FROM,
        "can_decline": application.status in applications.DECLINE_FROM,
    }
    context.update(forms)
    return render(request, "programmes/application_detail.html", context, status=400 if forms else 200)


@role_required(Role.HR_ADVISER)
def application_detail(request, slug: str, pk: int):
    programme = _owned_learning_programme(request, slug)
    application = applications.application_for_programme_owner(user=request.user, programme=programme, pk=pk)
    return _application_page(request, programme, application)


def _application_step(request, slug: str, pk: int, *, form_name: str, form, step, success: str):
    """Validate the step's form, call the service, and redirect; on a problem show the page with the errors."""
    programme = _owned_learning_programme(request, slug)
    application = applications.application_for_programme_owner(user=request.user, programme=programme, pk=pk)
    if form.is_valid():
        try:
            step(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Not a problem with what was typed but with the step itself (wrong status): say so on the page.
                messages.error(request, " ".join(error.messages))
                return redirect("programmes:application_detail", slug=programme.slug, pk=application.pk)
            add_validation_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("programmes:application_detail", slug=programme.slug, pk=application.pk)
    return _application_page(request, programme, application, **{form_name: form})


@require_POST
@role_required(Role.HR_ADVISER)
def application_plan_intake(request, slug: str, pk: int):
    return _application_step(
        request,
        slug,
        pk,
        form_name="plan_form",
        form=IntakePlanForm(request.POST),
        step=applications.application_plan_intake,
        success=_("The intake conversation has been planned."),
    )


@require_POST
@role_required(Role.HR_ADVISER)
def application_record_intake(request, slug: str, pk: int):
    return _application_step(
        request,
        slug,
        pk,
        form_name="record_form",
        form=IntakeRecordForm(request.POST),
        step=applications.application_record_intake,
        success=_("The municipality's questions have been recorded."),
    )


@require_POST
@role_required(Role.HR_ADVISER)
def application_admit(request, slug: str, pk: int):
    programme = _owned_learning_programme(request, slug)
    return _application_step(
        request,
        slug,
        pk,
        form_name="admit_form",
        form=AdmitForm(request.POST, cohorts=applications.admitting_cohorts(programme=programme)),
        step=applications.application_admit,
        success=_("The municipality has been admitted to the learning group."),
    )


@require_POST
@role_required(Role.HR_ADVISER)
def application_decline(request, slug: str, pk: int):
    return _application_step(
        request,
        slug,
        pk,
        form_name="decline_form",
        form=DeclineForm(request.POST),
        step=applications.application_decline,
        success=_("The application has been declined."),
    )
