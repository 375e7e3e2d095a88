"""Confidential coaching logs: the coach's pages, the participant's page, and the counts for HR and managers.

Scope: a match's log is for its coach and its participant only; anyone else (HR included) gets 404. A note
is read by its author and, when shared, by the other side. HR and managers see counts and dates only.
Every page sends `Cache-Control: private, no-store`; reading and changing is audit-logged (ids only), and
the note fields are kept out of error reports.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from accounts.selectors import reports_of, user_roles
from audit.models import AuditEvent
from audit.services import audit_record
from core.forms import add_validation_errors
from programmes.selectors import cohort_for_hr

from .. import logs
from ..forms.logs import NoteForm, SessionFieldsForm, SessionLogForm
from ..models import CoachMatch
from ..selectors import match_for_coach, reports_coaching, session_for_match_side
from .wishes import wish_page_open_to

NOTE_FIELDS = ("topics", "next_steps", "private_note", "shared_note", "text")


def _note_prefix(session) -> str:
    return f"session-{session.pk}"


def _csv_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _session_page_url(session, user) -> str:
    """Where a side of the match returns to after changing a note."""
    if session.match.coach_id == user.pk:
        return reverse("coaching:session_log_edit", args=[session.pk])
    return reverse("coaching:my_coaching") + f"#session-{session.pk}"


# --- the coach ------------------------------------------------------------------------------------------


@cache_control(private=True, no_store=True)
@login_required
def coachees(request):
    matches = list(logs.coachees_for_coach(coach=request.user))
    return render(
        request,
        "coaching/coachees.html",
        {
            "live": [match for match in matches if not match.ended],
            "ended": [match for match in matches if match.ended],
            "month": timezone.localdate(),
        },
    )


@cache_control(private=True, no_store=True)
@login_required
def match_logs(request, pk: int):
    match = match_for_coach(coach=request.user, pk=pk)
    page = Paginator(logs.sessions_of_match(match=match), logs.SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    sessions = logs.attach_visible_notes(user=request.user, sessions=list(page.object_list))
    logs.record_viewed(user=request.user, sessions=sessions, subject=match.participant)
    return render(
        request,
        "coaching/logs_match.html",
        {"match": match, "page": page, "sessions": sessions, "is_open": match.status != CoachMatch.Status.ENDED},
    )


@cache_control(private=True, no_store=True)
@sensitive_post_parameters(*NOTE_FIELDS)
@login_required
def session_log_new(request, pk: int):
    match = match_for_coach(coach=request.user, pk=pk)
    is_open = match.status != CoachMatch.Status.ENDED
    form = SessionLogForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            logs.coaching_session_log(match=match, coach=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The session has been logged."))
            return redirect("coaching:match_logs", pk=match.pk)
    return render(request, "coaching/logs_session_new.html", {"match": match, "form": form, "is_open": is_open})


@cache_control(private=True, no_store=True)
@sensitive_post_parameters(*NOTE_FIELDS)
@login_required
def session_log_edit(request, pk: int):
    session = logs.session_for_coach(coach=request.user, pk=pk)
    match = session.match
    fields = ("date", "duration_minutes", "topics", "next_steps")
    form = SessionFieldsForm(request.POST or None, initial={name: getattr(session, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        try:
            logs.coaching_session_update(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, pgettext("coaching", "The session has been saved."))
            return redirect("coaching:match_logs", pk=match.pk)
    own_notes = list(session.notes.filter(author=request.user).order_by("created_at", "pk"))
    logs.record_viewed(user=request.user, sessions=[session], subject=match.participant)
    return render(
        request,
        "coaching/logs_session_edit.html",
        {
            "session": session,
            "match": match,
            "form": form,
            "own_notes": own_notes,
            "note_form": NoteForm(coach_side=True, prefix=_note_prefix(session)),
            "is_open": match.status != CoachMatch.Status.ENDED,
        },
    )


@cache_control(private=True, no_store=True)
@login_required
def match_logs_export(request, pk: int):
    match = match_for_coach(coach=request.user, pk=pk)
    content, sessions = logs.logs_csv(user=request.user, matches=[match])
    logs.record_exported(user=request.user, sessions=sessions)
    return _csv_response(content, f"coaching-{match.pk}.csv")


# --- both sides of the match: one session, notes and reflections -----------------------------------------


@cache_control(private=True, no_store=True)
@login_required
def session_log(request, pk: int):
    """One session for its coach or its participant, with the notes the reader may read."""
    session = session_for_match_side(user=request.user, pk=pk)
    logs.attach_visible_notes(user=request.user, sessions=[session])
    logs.record_viewed(user=request.user, sessions=[session], subject=session.match.participant)
    return render(
        request,
        "coaching/logs_session_detail.html",
        {"session": session, "match": session.match, "is_coach": session.match.coach_id == request.user.pk},
    )


@cache_control(private=True, no_store=True)
@require_POST
@sensitive_post_parameters(*NOTE_FIELDS)
@login_required
def note_new(request, pk: int):
    session = session_for_match_side(user=request.user, pk=pk)
    is_coach = session.match.coach_id == request.user.pk
    form = NoteForm(request.POST, coach_side=is_coach, prefix=_note_prefix(session))
    if not form.is_valid():
        messages.error(request, _("The note was not saved: write something and choose who may read it."))
        return redirect(_session_page_url(session, request.user))
    try:
        logs.coaching_note_save(session=session, author=request.user, **form.cleaned_data)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your note has been saved.") if is_coach else _("Your reflection has been saved."))
    return redirect(_session_page_url(session, request.user))


@cache_control(private=True, no_store=True)
@sensitive_post_parameters(*NOTE_FIELDS)
@login_required
def note_edit(request, pk: int):
    note = logs.note_for_author(author=request.user, pk=pk)
    session = note.session
    is_coach = session.match.coach_id == request.user.pk
    form = NoteForm(
        request.POST or None, coach_side=is_coach, initial={"text": note.text, "visibility": note.visibility}
    )
    if request.method == "POST" and form.is_valid():
        try:
            logs.coaching_note_save(session=session, author=request.user, note=note, **form.cleaned_data)
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Your note has been saved."))
            return redirect(_session_page_url(session, request.user))
    audit_record(actor=request.user, action=AuditEvent.Action.VIEWED, target=note, subject=session.match.participant)
    return render(
        request,
        "coaching/logs_note_form.html",
        {
            "note": note,
            "session": session,
            "form": form,
            "is_coach": is_coach,
            "back_url": _session_page_url(session, request.user),
            "is_open": session.match.status != CoachMatch.Status.ENDED,
        },
    )


@cache_control(private=True, no_store=True)
@require_POST
@login_required
def note_delete(request, pk: int):
    note = logs.note_for_author(author=request.user, pk=pk)
    session = note.session
    try:
        logs.coaching_note_delete(note=note, by=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("The note has been deleted."))
    return redirect(_session_page_url(session, request.user))


# --- the participant ------------------------------------------------------------------------------------


@cache_control(private=True, no_store=True)
@login_required
def my_coaching(request):
    matches = logs.coaching_of_participant(participant=request.user)
    sessions = [session for match in matches for session in match.session_list]
    for session in sessions:
        session.reflection_form = NoteForm(coach_side=False, prefix=_note_prefix(session))
    logs.record_viewed(user=request.user, sessions=sessions, subject=request.user)
    return render(
        request,
        "coaching/logs_my_coaching.html",
        {
            "matches": matches,
            # Links only to the pages this person can open: the same checks those pages make.
            "is_employee": Role.EMPLOYEE in user_roles(request.user),
            "may_state_wish": wish_page_open_to(request.user),
        },
    )


@cache_control(private=True, no_store=True)
@login_required
def my_coaching_export(request):
    matches = list(CoachMatch.objects.filter(participant=request.user))
    content, sessions = logs.logs_csv(user=request.user, matches=matches)
    logs.record_exported(user=request.user, sessions=sessions)
    return _csv_response(content, "my-coaching.csv")


# --- HR and managers: that coaching takes place, never what was said --------------------------------------


@cache_control(private=True, no_store=True)
@role_required(Role.HR_ADVISER)
def cohort_coaching_activity(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    rows = logs.cohort_coaching_activity(cohort=cohort)
    return render(
        request,
        "coaching/logs_cohort_activity.html",
        {"cohort": cohort, "rows": rows, "without_coach": sum(1 for row in rows if row["match"] is None)},
    )


@cache_control(private=True, no_store=True)
@role_required(Role.HR_ADVISER)
def cohort_coaching_activity_export(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    content = logs.cohort_coaching_activity_csv(rows=logs.cohort_coaching_activity(cohort=cohort))
    audit_record(actor=request.user, action=AuditEvent.Action.EXPORTED, target=cohort)
    filename = f"coaching-{slugify(cohort.programme.name)}-{slugify(cohort.name) or cohort.pk}.csv"
    return _csv_response(content, filename)


@cache_control(private=True, no_store=True)
@role_required(Role.MANAGER)
def team_coaching(request):
    coached = {row["match"].participant_id: row for row in reports_coaching(manager=request.user)}
    rows = [{"person": person, "coaching": coached.get(person.pk)} for person in reports_of(request.user)]
    return render(request, "coaching/logs_team.html", {"rows": rows})


urlpatterns = [
    path("coachees/", coachees, name="coachees"),
    path("matches/<int:pk>/logs/", match_logs, name="match_logs"),
    path("matches/<int:pk>/logs/new/", session_log_new, name="session_log_new"),
    path("matches/<int:pk>/logs.csv", match_logs_export, name="match_logs_export"),
    path("logs/<int:pk>/", session_log, name="session_log"),
    path("logs/<int:pk>/edit/", session_log_edit, name="session_log_edit"),
    path("logs/<int:pk>/notes/", note_new, name="note_new"),
    path("notes/<int:pk>/edit/", note_edit, name="note_edit"),
    path("notes/<int:pk>/delete/", note_delete, name="note_delete"),
    path("my-coaching/", my_coaching, name="my_coaching"),
    path("my-coaching.csv", my_coaching_export, name="my_coaching_export"),
    path("cohorts/<int:cohort_pk>/activity/", cohort_coaching_activity, name="cohort_coaching_activity"),
    path(
        "cohorts/<int:cohort_pk>/activity.csv",
        cohort_coaching_activity_export,
        name="cohort_coaching_activity_export",
    ),
    path("team/", team_coaching, name="team_coaching"),
]
