"""Enrolment pages: check access, validate the form, call a service, redirect with a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors

from .. import selectors, services
from ..forms import ApproveForm, BudgetForm, EnrolForm, OverrideForm, RejectForm, WithdrawForm
from ..models import Enrolment
from ..queue import Standing

Status = Enrolment.Status


# --- employee -------------------------------------------------------------------------------------


@role_required(Role.EMPLOYEE)
def programmes(request):
    return _render_programmes(request)


@require_POST
@role_required(Role.EMPLOYEE)
def enrol(request, cohort_id: int):
    cohort = get_object_or_404(selectors.enrollable_cohorts_for(person=request.user), pk=cohort_id)
    form = EnrolForm(request.POST, prefix=_enrol_prefix(cohort.pk))
    if not form.is_valid():
        return _render_programmes(request, bound_form=(cohort.pk, form), status=400)
    try:
        enrolment = services.enrolment_request(
            person=request.user, cohort=cohort, motivation=form.cleaned_data["motivation"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("participants:programmes")
    messages.success(request, _enrolled_message(enrolment))
    return redirect("participants:programmes")


def _render_programmes(request, *, bound_form=None, status=200):
    rows = selectors.employee_programmes_overview(person=request.user, on_date=timezone.localdate())
    for row in rows:
        if row["can_enrol"]:
            cohort_id = row["cohort"].pk
            if bound_form and bound_form[0] == cohort_id:
                row["form"] = bound_form[1]
            else:
                row["form"] = EnrolForm(prefix=_enrol_prefix(cohort_id))
    context = {
        "rows": rows,
        "enrolments": selectors.enrolments_of_person(person=request.user),
        "withdrawable_statuses": services.WITHDRAWABLE_STATUSES,
    }
    return render(request, "participants/programmes.html", context, status=status)


def _enrol_prefix(cohort_id: int) -> str:
    return f"cohort-{cohort_id}"


def _enrolled_message(enrolment: Enrolment) -> str:
    place = selectors.queue_place(enrolment=enrolment)
    if enrolment.status == Status.AWAITING_MANAGER and place and place.standing == Standing.HOLDING:
        return _(
            "Your request has been sent to your manager for approval. A place is held for you until "
            "%(date)s; your manager decides before then."
        ) % {"date": formats.date_format(enrolment.decision_last_day, "j F Y")}
    if enrolment.status == Status.AWAITING_MANAGER:
        return _(
            "Your request has been sent to your manager for approval. Every place is taken or held for "
            "people who asked before you: once approved you are number %(position)s on the waitlist."
        ) % {"position": place.line_number if place else "—"}
    if enrolment.status == Status.PLACED:
        return _("You have a place in this group.")
    if enrolment.status == Status.WAITLISTED:
        return _(
            "Every place is taken or held for people who asked before you: you are number %(position)s on the waitlist."
        ) % {"position": place.line_number if place else "—"}
    return _("Your enrolment has been received.")


@login_required
def withdraw(request, enrolment_id: int):
    """The person (or HR in scope) confirms the withdrawal on this page; nothing changes on GET."""
    enrolment = selectors.enrolment_for_viewer(user=request.user, enrolment_id=enrolment_id)
    if enrolment.status not in services.WITHDRAWABLE_STATUSES:
        messages.error(request, _("This enrolment can no longer be withdrawn."))
        return redirect("participants:enrolment_detail", enrolment.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_withdraw(enrolment=enrolment, by=request.user, reason=form.cleaned_data["reason"])
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The enrolment has been withdrawn."))
        if enrolment.person_id == request.user.pk:
            return redirect("participants:programmes")
        return redirect("participants:enrolment_detail", enrolment.pk)
    return render(request, "participants/withdraw_confirm.html", {"enrolment": enrolment, "form": form})


# --- the person and HR ----------------------------------------------------------------------------


@login_required
def enrolment_detail(request, enrolment_id: int):
    enrolment = selectors.enrolment_for_viewer(user=request.user, enrolment_id=enrolment_id)
    return _render_detail(request, enrolment)


@require_POST
@role_required(Role.HR_ADVISER)
def enrolment_override(request, enrolment_id: int):
    enrolment = selectors.enrolment_for_hr(user=request.user, enrolment_id=enrolment_id)
    form = OverrideForm(request.POST, enrolment=enrolment)
    if not form.is_valid():
        return _render_detail(request, enrolment, override_form=form, status=400)
    try:
        services.enrolment_override(
            enrolment=enrolment,
            hr_user=request.user,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
        )
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision has been overridden and the employee has been told."))
    return redirect("participants:enrolment_detail", enrolment.pk)


def _render_detail(request, enrolment: Enrolment, *, override_form=None, status=200):
    can_manage = selectors.can_manage_enrolment(user=request.user, enrolment=enrolment)
    if can_manage and override_form is None and services.OVERRIDE_TRANSITIONS.get(enrolment.status):
        override_form = OverrideForm(enrolment=enrolment)
    enrolment.queue_place = selectors.queue_place(enrolment=enrolment)
    context = {
        "enrolment": enrolment,
        "transitions": selectors.enrolment_transitions(enrolment=enrolment),
        "is_own": enrolment.person_id == request.user.pk,
        "can_manage": can_manage,
        "can_withdraw": enrolment.status in services.WITHDRAWABLE_STATUSES,
        "override_form": override_form if can_manage else None,
    }
    return render(request, "participants/enrolment_detail.html", context, status=status)


# --- manager --------------------------------------------------------------------------------------


@role_required(Role.MANAGER)
def approvals(request):
    return _render_approvals(request)


@require_POST
@role_required(Role.MANAGER)
def approve(request, enrolment_id: int):
    enrolment = selectors.enrolment_for_approver(manager=request.user, enrolment_id=enrolment_id)
    form = ApproveForm(request.POST, prefix=_decision_prefix(enrolment.pk))
    if not form.is_valid():
        return _render_approvals(request, bound_forms={enrolment.pk: {"approve_form": form}}, status=400)
    try:
        enrolment = services.enrolment_approve(
            enrolment=enrolment, manager=request.user, note=form.cleaned_data["note"]
        )
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = enrolment.person.full_name or enrolment.person.email
        if enrolment.status == Status.WAITLISTED:
            messages.success(
                request,
                _(
                    "Approved. Every place is taken or held for people who asked earlier, so %(name)s is "
                    "number %(position)s on the waitlist."
                )
                % {"name": name, "position": selectors.waitlist_position(enrolment=enrolment) or "—"},
            )
        else:
            messages.success(request, _("Approved. %(name)s has a place in the group.") % {"name": name})
    return redirect("participants:approvals")


@require_POST
@role_required(Role.MANAGER)
def reject(request, enrolment_id: int):
    enrolment = selectors.enrolment_for_approver(manager=request.user, enrolment_id=enrolment_id)
    form = RejectForm(request.POST, prefix=_decision_prefix(enrolment.pk))
    if not form.is_valid():
        return _render_approvals(request, bound_forms={enrolment.pk: {"reject_form": form}}, status=400)
    try:
        services.enrolment_reject(enrolment=enrolment, manager=request.user, reason=form.cleaned_data["reason"])
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request has been rejected and the employee has been told why."))
    return redirect("participants:approvals")


def _render_approvals(request, *, bound_forms=None, status=200):
    overview = selectors.approvals_for_manager(manager=request.user)
    bound_forms = bound_forms or {}
    for enrolment in overview["pending"]:
        prefix = _decision_prefix(enrolment.pk)
        forms = bound_forms.get(enrolment.pk, {})
        enrolment.approve_form = forms.get("approve_form") or ApproveForm(prefix=prefix)
        enrolment.reject_form = forms.get("reject_form") or RejectForm(prefix=prefix)
    return render(request, "participants/approvals.html", overview, status=status)


def _decision_prefix(enrolment_id: int) -> str:
    return f"enrolment-{enrolment_id}"


# --- HR: budgets ----------------------------------------------------------------------------------


@role_required(Role.HR_ADVISER)
def budgets(request):
    year = _year_from(request.GET.get("year"))
    departments = selectors.departments_for_hr(user=request.user)
    form = BudgetForm(request.POST or None, departments=departments, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        department = data["department"]
        amount = data["amount"]
        if amount is None:
            amount = services.budget_amount_for_headcount(
                headcount=selectors.department_headcount(department=department), per_head=data["amount_per_head"]
            )
        try:
            services.budget_set(
                department=department,
                year=data["year"],
                amount=amount,
                spent_elsewhere=data["spent_elsewhere"],
                by=request.user,
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("The budget of %(department)s for %(year)s has been set.")
                % {"department": department.name, "year": data["year"]},
            )
            return redirect(f"{request.path}?year={data['year']}")
    context = {"rows": selectors.budgets_for_hr(user=request.user, year=year), "year": year, "form": form}
    return render(request, "participants/budgets.html", context, status=400 if form.errors else 200)


def _year_from(value: str | None) -> int:
    if value and value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


urlpatterns = [
    path("programmes/", programmes, name="programmes"),
    path("cohorts/<int:cohort_id>/enrol/", enrol, name="enrol"),
    path("approvals/", approvals, name="approvals"),
    path("budgets/", budgets, name="budgets"),
    path("<int:enrolment_id>/", enrolment_detail, name="enrolment_detail"),
    path("<int:enrolment_id>/approve/", approve, name="approve"),
    path("<int:enrolment_id>/reject/", reject, name="reject"),
    path("<int:enrolment_id>/withdraw/", withdraw, name="withdraw"),
    path("<int:enrolment_id>/override/", enrolment_override, name="override"),
]
