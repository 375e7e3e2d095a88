"""Pages for organisations applying to a learning programme (see participants/applications.py): HR of a
municipality applies; HR of the programme's owner plans the intake, records the questions, admits or declines.

Their URLs stay in the ``programmes`` namespace under /programmes/<slug>/ (config/urls.py). A programme or
application outside the HR adviser's scope answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors
from programmes import selectors as programme_selectors
from programmes.models import Programme

from .. import applications
from ..forms import AdmitForm, ApplicationForm, DeclineForm, IntakePlanForm, IntakeRecordForm


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
        "participants/application_apply.html",
        {"programme": programme, "form": form, "applications": own_applications},
    )


def _owned_learning_programme(request, slug: str) -> Programme:
    programme = programme_selectors.programme_for_hr(user=request.user, slug=slug)
    if programme.enrolment_mode != Programme.EnrolmentMode.ORGANISATION:
        raise Http404
    return programme


@role_required(Role.HR_ADVISER)
def application_list(request, slug: str):
    programme = _owned_learning_programme(request, slug)
    items = applications.applications_for_programme_owner(user=request.user, programme=programme)
    return render(request, "participants/application_list.html", {"programme": programme, "applications": items})


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
    return render(request, "participants/application_detail.html", context, status=400 if forms else 200)


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


urlpatterns = [
    path("<slug:slug>/apply/", application_apply, name="application_apply"),
    path("<slug:slug>/applications/", application_list, name="application_list"),
    path("<slug:slug>/applications/<int:pk>/", application_detail, name="application_detail"),
    path("<slug:slug>/applications/<int:pk>/intake/", application_plan_intake, name="application_plan_intake"),
    path("<slug:slug>/applications/<int:pk>/questions/", application_record_intake, name="application_record_intake"),
    path("<slug:slug>/applications/<int:pk>/admit/", application_admit, name="application_admit"),
    path("<slug:slug>/applications/<int:pk>/decline/", application_decline, name="application_decline"),
]
