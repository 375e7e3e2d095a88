"""HR plans a cohort's sessions: the planner, and creating, changing, moving and cancelling sessions.
The session page itself is for everyone the session concerns."""

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.models import Role
from accounts.scoping import is_hr
from core.forms import add_validation_errors
from programmes.selectors import cohort_for_hr

from .. import selectors, services
from ..forms import CancelForm, PlanForm, ProposedSessionFormSet, SessionForm
from ..models import Session
from ..planner import ProposedSession, schedule_propose


@role_required(Role.HR_ADVISER)
def cohort_schedule(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    context = selectors.cohort_schedule_overview(cohort=cohort)
    context.update({"cohort": cohort, "programme": cohort.programme})
    return render(request, "sessions/cohort_schedule.html", context)


@role_required(Role.HR_ADVISER)
def cohort_plan(request, cohort_pk: int):
    """Step 1: choose a template and a first date; step 2: review the proposal; step 3: save it."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    templates = selectors.curriculum_templates_for(cohort=cohort)
    action = request.POST.get("action")
    plan_form = PlanForm(request.POST if action else None, templates=templates, initial={"start": cohort.start_date})
    context = {"cohort": cohort, "programme": cohort.programme, "plan_form": plan_form, "formset": None}
    if action and plan_form.is_valid():
        template = plan_form.cleaned_data["template"]
        if action == "propose":
            try:
                proposal = schedule_propose(
                    template=template, start=plan_form.cleaned_data["start"], end=cohort.end_date
                )
            except ValidationError as error:
                plan_form.add_error(None, error.messages)
            else:
                context["formset"] = ProposedSessionFormSet(initial=[asdict(item) for item in proposal.sessions])
                context["skipped"] = proposal.skipped
                context["past_end"] = proposal.past_end
        elif action == "save":
            formset = ProposedSessionFormSet(request.POST)
            context["formset"] = formset
            if formset.is_valid():
                chosen = [
                    ProposedSession(**{key: value for key, value in row.items() if key != "include"})
                    for row in formset.cleaned_data
                    if row.get("include")
                ]
                try:
                    created = services.cohort_schedule_save(
                        cohort=cohort,
                        sessions=chosen,
                        location=plan_form.cleaned_data["location"],
                        online_url=plan_form.cleaned_data["online_url"],
                        by=request.user,
                    )
                except ValidationError as error:
                    formset_errors = getattr(error, "error_dict", None)
                    if formset_errors:
                        for key, field_errors in error.message_dict.items():
                            index, field = key.split("-", 1)
                            formset.forms[int(index)].add_error(field, field_errors)
                    else:
                        plan_form.add_error(None, error.messages)
                else:
                    messages.success(
                        request, _("The schedule has been saved: %(count)d sessions.") % {"count": len(created)}
                    )
                    return redirect("sessions:cohort_schedule", cohort_pk=cohort.pk)
    status = 400 if request.method == "POST" and (not plan_form.is_valid() or action == "save") else 200
    return render(request, "sessions/cohort_plan.html", context, status=status)


@role_required(Role.HR_ADVISER)
def session_create(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    form = SessionForm(request.POST or None, trainers=selectors.trainer_choices(user=request.user), is_new=True)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(cohort=cohort, by=request.user, **form.cleaned_data)
        except services.SessionDateNeedsReason as error:
            form.ask_date_reason(error.warnings)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The session has been added to the schedule."))
            return redirect("sessions:session_detail", pk=session.pk)
    return render(
        request,
        "sessions/session_form.html",
        {"cohort": cohort, "programme": cohort.programme, "form": form, "session": None},
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.HR_ADVISER)
def session_edit(request, pk: int):
    session = selectors.session_for_hr(user=request.user, pk=pk)
    if session.status == Session.Status.CANCELLED:
        messages.error(request, _("This session has been cancelled; plan a new one instead."))
        return redirect("sessions:session_detail", pk=session.pk)
    initial = {name: getattr(session, name) for name in services.EDITABLE_FIELDS}
    form = SessionForm(
        request.POST or None, initial=initial, trainers=selectors.trainer_choices(user=request.user), is_new=False
    )
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        reason = changes.pop("reason")
        try:
            change = services.session_update(session=session, by=request.user, reason=reason, **changes)
        except services.SessionDateNeedsReason as error:
            form.ask_date_reason(error.warnings)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if change.moved:
                messages.success(
                    request,
                    _("The session has been moved; %(count)d people have been told.") % {"count": change.notified},
                )
            else:
                messages.success(request, _("The session has been saved."))
            return redirect("sessions:session_detail", pk=session.pk)
    return render(
        request,
        "sessions/session_form.html",
        {"cohort": session.cohort, "programme": session.cohort.programme, "form": form, "session": session},
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.HR_ADVISER)
def session_cancel(request, pk: int):
    session = selectors.session_for_hr(user=request.user, pk=pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.session_cancel(session=session, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("The session has been cancelled; %(count)d people have been told.") % {"count": change.notified},
            )
            return redirect("sessions:cohort_schedule", cohort_pk=session.cohort_id)
    return render(
        request,
        "sessions/session_cancel.html",
        {"session": session, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _session_for_viewer(request, pk: int) -> tuple[Session, bool]:
    """The session and whether the viewer manages it as HR; 404 for anyone it does not concern."""
    if is_hr(request.user):
        try:
            return selectors.session_for_hr(user=request.user, pk=pk), True
        except Http404:
            pass
    return selectors.session_for_person(person=request.user, pk=pk), False


@login_required
def session_detail(request, pk: int):
    session, is_hr = _session_for_viewer(request, pk)
    ended = selectors.session_ends_at(session) <= timezone.now()
    is_trainer = session.trainer_id == request.user.pk
    return render(
        request,
        "sessions/session_detail.html",
        {
            "session": session,
            "cohort": session.cohort,
            "is_hr": is_hr,
            "is_trainer": is_trainer,
            "is_participant": not is_hr and not is_trainer,
            "has_ended": ended,
            "is_cancelled": session.status == Session.Status.CANCELLED,
            "date_override": selectors.session_date_override(session=session) if is_hr else None,
        },
    )


urlpatterns = [
    path("<int:pk>/", session_detail, name="session_detail"),
    path("<int:pk>/edit/", session_edit, name="session_edit"),
    path("<int:pk>/cancel/", session_cancel, name="session_cancel"),
    path("cohorts/<int:cohort_pk>/schedule/", cohort_schedule, name="cohort_schedule"),
    path("cohorts/<int:cohort_pk>/plan/", cohort_plan, name="cohort_plan"),
    path("cohorts/<int:cohort_pk>/sessions/new/", session_create, name="session_create"),
]
