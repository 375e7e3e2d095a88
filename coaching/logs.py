"""Confidential coaching session logs: the coach logs sessions and writes notes, the participant reflects.

Who reads what (the visibility rules live in coaching.selectors.notes_visible_to):
- a note is read only by its author and, when shared, by the other side of that match;
- topics and next steps are read by the coach and the participant of the match;
- HR and managers read only THAT sessions take place (counts, minutes, dates), never their content.

Every read of a log page or export and every change writes an audit event with ids only: no topic, next
step or note text ever enters the audit trail, a log line or a URL.

A session can be logged while the match is live, also after the programme (the cohort) has ended: the
coaching may continue. An ended match is closed: nothing is added or changed any more, but everyone can
still delete what they wrote themselves.
"""

from datetime import date as date_type

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, QuerySet, Sum, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.models import AuditEvent
from audit.services import audit_record, audit_record_many
from core.spreadsheets import excel_csv_writer, spreadsheet_cell
from participants.selectors import cohort_members
from programmes.models import Cohort

from .models import CoachingNote, CoachingSession, CoachMatch
from .selectors import LIVE, coaching_activity, notes_visible_to

MIN_DURATION = 5
MAX_DURATION = 480
SESSIONS_PER_PAGE = 10

Visibility = CoachingNote.Visibility


# --- rules -----------------------------------------------------------------------------------------------


def _is_side(match: CoachMatch, user) -> bool:
    return user.pk in (match.coach_id, match.participant_id)


def _check_open(match: CoachMatch) -> None:
    if match.status == CoachMatch.Status.ENDED:
        raise ValidationError(_("This coaching has ended: its log can no longer be added to or changed."))


def _check_session_fields(*, date: date_type, duration_minutes: int) -> None:
    errors = {}
    if date > timezone.localdate():
        errors["date"] = _("A session cannot be logged before it took place: choose today or an earlier date.")
    if not MIN_DURATION <= duration_minutes <= MAX_DURATION:
        errors["duration_minutes"] = _("The duration must be between %(min)d and %(max)d minutes.") % {
            "min": MIN_DURATION,
            "max": MAX_DURATION,
        }
    if errors:
        raise ValidationError(errors)


def _check_visibility(visibility: str) -> None:
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who may read the note.")})


def _locked_match(match: CoachMatch) -> CoachMatch:
    return CoachMatch.objects.select_for_update().get(pk=match.pk)


def _locked_session(session: CoachingSession) -> CoachingSession:
    # Lock the match row too: ending a match and writing to its log are serialised on it.
    return CoachingSession.objects.select_for_update(of=("self", "match")).select_related("match").get(pk=session.pk)


# --- services: sessions -----------------------------------------------------------------------------------


def coaching_session_log(
    *,
    match: CoachMatch,
    coach,
    date: date_type,
    duration_minutes: int,
    topics: str,
    next_steps: str,
    private_note: str = "",
    shared_note: str = "",
) -> CoachingSession:
    """The coach logs a session of their match, with an optional private and an optional shared note."""
    with transaction.atomic():
        match = _locked_match(match)
        if match.coach_id != coach.pk:
            raise PermissionDenied
        _check_open(match)
        _check_session_fields(date=date, duration_minutes=duration_minutes)
        session = CoachingSession.objects.create(
            match=match,
            date=date,
            duration_minutes=duration_minutes,
            topics=topics.strip(),
            next_steps=next_steps.strip(),
        )
        notes = [
            CoachingNote.objects.create(session=session, author=coach, visibility=visibility, text=text.strip())
            for visibility, text in ((Visibility.PRIVATE, private_note), (Visibility.SHARED, shared_note))
            if text.strip()
        ]
        audit_record_many(
            actor=coach,
            action=AuditEvent.Action.CREATED,
            targets=[session, *notes],
            subject_of=lambda target: match.participant,
        )
    return session


def coaching_session_update(
    *, session: CoachingSession, by, date: date_type, duration_minutes: int, topics: str, next_steps: str
) -> CoachingSession:
    """The coach corrects a session they logged: its date, duration, topics and next steps."""
    with transaction.atomic():
        session = _locked_session(session)
        if session.match.coach_id != by.pk:
            raise PermissionDenied
        _check_open(session.match)
        _check_session_fields(date=date, duration_minutes=duration_minutes)
        session.date = date
        session.duration_minutes = duration_minutes
        session.topics = topics.strip()
        session.next_steps = next_steps.strip()
        session.save(update_fields=["date", "duration_minutes", "topics", "next_steps", "updated_at"])
        audit_record(actor=by, action=AuditEvent.Action.UPDATED, target=session, subject=session.match.participant)
    return session


# --- services: notes and reflections ----------------------------------------------------------------------


def coaching_note_save(
    *, session: CoachingSession, author, visibility: str, text: str, note: CoachingNote | None = None
) -> CoachingNote:
    """Add a note to a session (note=None) or change one's own note: its text and who may read it.

    The author is the coach (a private note, or shared with the participant) or the participant (a
    reflection, private or shared with the coach). Nobody changes someone else's note.
    """
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write something, or delete the note.")})
    _check_visibility(visibility)
    with transaction.atomic():
        session = _locked_session(session)
        if not _is_side(session.match, author):
            raise PermissionDenied
        _check_open(session.match)
        if note is None:
            note = CoachingNote.objects.create(session=session, author=author, visibility=visibility, text=text)
            action = AuditEvent.Action.CREATED
        else:
            note = CoachingNote.objects.select_for_update().filter(pk=note.pk).first()
            if note is None or note.author_id != author.pk or note.session_id != session.pk:
                raise PermissionDenied
            note.visibility = visibility
            note.text = text
            note.save(update_fields=["visibility", "text", "updated_at"])
            action = AuditEvent.Action.UPDATED
        audit_record(actor=author, action=action, target=note, subject=session.match.participant)
    return note


def coaching_reflection_save(
    *, session: CoachingSession, participant, visibility: str, text: str, note: CoachingNote | None = None
) -> CoachingNote:
    """The participant adds or changes their own reflection on a session (private, or shared with the coach)."""
    if session.match.participant_id != participant.pk:
        raise PermissionDenied
    return coaching_note_save(session=session, author=participant, visibility=visibility, text=text, note=note)


def coaching_note_delete(*, note: CoachingNote, by) -> None:
    """The author deletes their own note; also after the match ended (what you wrote, you may remove)."""
    with transaction.atomic():
        note = CoachingNote.objects.select_for_update().select_related("session__match").filter(pk=note.pk).first()
        if note is None or note.author_id != by.pk:
            raise PermissionDenied
        # Record first: after delete() the note has no id left to point at.
        audit_record(actor=by, action=AuditEvent.Action.DELETED, target=note, subject=note.session.match.participant)
        note.delete()


# --- selectors: scope -------------------------------------------------------------------------------------


def session_for_coach(*, coach, pk: int) -> CoachingSession:
    """A logged session for its coach only (for editing); anyone else, the participant included, gets 404."""
    return get_object_or_404(
        CoachingSession.objects.select_related("match__participant__department", "match__cohort"),
        pk=pk,
        match__coach=coach,
    )


def note_for_author(*, author, pk: int) -> CoachingNote:
    """One's own note; anyone else's answers 404, whatever its visibility."""
    return get_object_or_404(
        CoachingNote.objects.select_related("session__match__coach", "session__match__participant"),
        pk=pk,
        author=author,
    )


# 1 for an ended match, 0 for a live one: lists show the live matches first.
_ENDED_LAST = Case(When(status=CoachMatch.Status.ENDED, then=Value(1)), default=Value(0), output_field=IntegerField())


# --- selectors: the coach's pages -------------------------------------------------------------------------


def coachees_for_coach(*, coach, today: date_type | None = None) -> QuerySet[CoachMatch]:
    """The coach's matches, live first, each with its number of sessions, last date and minutes this month."""
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    return (
        CoachMatch.objects.filter(coach=coach)
        .select_related("participant__department", "cohort__programme")
        .annotate(
            session_count=Count("sessions"),
            last_session=Max("sessions__date"),
            minutes_this_month=Sum("sessions__duration_minutes", filter=Q(sessions__date__gte=month_start)),
            ended=_ENDED_LAST,
        )
        .order_by("ended", "participant__last_name", "participant__first_name", "-published_at")
    )


def sessions_of_match(*, match: CoachMatch) -> QuerySet[CoachingSession]:
    return CoachingSession.objects.filter(match=match).order_by("-date", "-pk")


def attach_visible_notes(*, user, sessions: list[CoachingSession]) -> list[CoachingSession]:
    """Give each session `visible_notes`: the notes this person may read, oldest first. One query."""
    by_session: dict[int, list[CoachingNote]] = {session.pk: [] for session in sessions}
    for note in notes_visible_to(user=user, sessions=[session.pk for session in sessions]):
        by_session[note.session_id].append(note)
    for session in sessions:
        session.visible_notes = by_session[session.pk]
    return sessions


def record_viewed(*, user, sessions, subject) -> int:
    """VIEWED, once per session shown on a page; ids only."""
    return audit_record_many(
        actor=user, action=AuditEvent.Action.VIEWED, targets=list(sessions), subject_of=lambda target: subject
    )


# --- selectors: the participant's page --------------------------------------------------------------------


def coaching_of_participant(*, participant) -> list[CoachMatch]:
    """The participant's matches (live first, then earlier ones), each with `session_list`, whose sessions
    carry `visible_notes`: the coach's shared notes and the participant's own reflections. Three queries."""
    matches = list(
        CoachMatch.objects.filter(participant=participant)
        .select_related("coach__department", "cohort__programme")
        .prefetch_related(Prefetch("sessions", queryset=CoachingSession.objects.order_by("-date", "-pk")))
        .annotate(ended=_ENDED_LAST)
        .order_by("ended", "-published_at")
    )
    sessions = [session for match in matches for session in match.sessions.all()]
    attach_visible_notes(user=participant, sessions=sessions)
    for match in matches:
        match.session_list = list(match.sessions.all())
        match.is_open = match.status != CoachMatch.Status.ENDED
    return matches


# --- selectors: HR and managers (counts only, never content) ----------------------------------------------


def cohort_coaching_activity(*, cohort: Cohort) -> list[dict]:
    """Per member of the cohort: their coach, the match status, how many sessions, minutes and the last date.

    The coach shown is the live one, else the latest match of this cohort; the counts add up the sessions of
    those matches. No topics, next steps or notes: this is for HR, who sees only that coaching takes place.
    """
    members = list(cohort_members(cohort=cohort))
    matches = list(
        CoachMatch.objects.filter(participant__in=members)
        .filter(Q(cohort=cohort) | Q(status__in=LIVE))
        .select_related("coach__department")
        .order_by("-published_at", "-pk")
    )
    activity = coaching_activity(matches=matches)
    rows = []
    for person in members:
        own = [match for match in matches if match.participant_id == person.pk]
        current = next((match for match in own if match.status in LIVE), own[0] if own else None)
        counted = [activity[match.pk] for match in own if match.pk in activity]
        rows.append(
            {
                "person": person,
                "match": current,
                "count": sum(row["count"] for row in counted),
                "minutes": sum(row["minutes"] or 0 for row in counted),
                "last": max((row["last"] for row in counted), default=None),
            }
        )
    return rows


# --- exports (CSV for Dutch Excel) ------------------------------------------------------------------------


def _note_label(note: CoachingNote, match: CoachMatch) -> str:
    if note.author_id == match.coach_id:
        return _("Coach, private") if note.visibility == Visibility.PRIVATE else _("Coach, shared")
    return _("Participant, private") if note.visibility == Visibility.PRIVATE else _("Participant, shared")


def logs_csv(*, user, matches: list[CoachMatch]) -> tuple[str, list[CoachingSession]]:
    """The sessions of these matches with the notes this person may read; one row per note (a session
    without notes gets one row). Returns the CSV text and the sessions exported (for the audit trail)."""
    sessions = list(
        CoachingSession.objects.filter(match__in=matches)
        .select_related("match__coach", "match__participant")
        .order_by("date", "pk")
    )
    attach_visible_notes(user=user, sessions=sessions)
    buffer, writer = excel_csv_writer()
    writer.writerow(
        [
            _("Coach"),
            _("Participant"),
            _("Date"),
            _("Duration (minutes)"),
            _("Topics"),
            _("Agreed next steps"),
            _("Note by"),
            _("Note"),
        ]
    )
    for session in sessions:
        match = session.match
        common = [
            spreadsheet_cell(match.coach.full_name or match.coach.email),
            spreadsheet_cell(match.participant.full_name or match.participant.email),
            session.date.isoformat(),
            session.duration_minutes,
            spreadsheet_cell(session.topics),
            spreadsheet_cell(session.next_steps),
        ]
        for note in session.visible_notes or [None]:
            if note is None:
                writer.writerow([*common, "", ""])
            else:
                writer.writerow([*common, _note_label(note, match), spreadsheet_cell(note.text)])
    return buffer.getvalue(), sessions


def record_exported(*, user, sessions: list[CoachingSession]) -> int:
    return audit_record_many(
        actor=user,
        action=AuditEvent.Action.EXPORTED,
        targets=sessions,
        subject_of=lambda target: target.match.participant,
    )


def cohort_coaching_activity_csv(*, rows: list[dict]) -> str:
    """HR's export: the same counts as the page, no content."""
    buffer, writer = excel_csv_writer()
    writer.writerow(
        [
            _("Participant"),
            _("Department"),
            _("Coach"),
            _("Match status"),
            pgettext("coaching", "Sessions"),
            _("Total minutes"),
            _("Last session"),
        ]
    )
    for row in rows:
        person, match = row["person"], row["match"]
        writer.writerow(
            [
                spreadsheet_cell(person.full_name or person.email),
                spreadsheet_cell(person.department.name if person.department_id else ""),
                spreadsheet_cell((match.coach.full_name or match.coach.email) if match else ""),
                spreadsheet_cell(match.get_status_display() if match else _("No coach")),
                row["count"],
                row["minutes"],
                row["last"].isoformat() if row["last"] else "",
            ]
        )
    return buffer.getvalue()
