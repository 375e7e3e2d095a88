"""Writes about sessions: HR plans a cohort's schedule, adds, changes, moves and cancels sessions.

Moving or cancelling a session tells everyone concerned (its attendees and its trainer) through the
notification system; the session's `sequence` goes up so calendar clients replace the event.
A session added by hand, or moved to another date, is checked against the cohort's period and the public
holidays (selectors.session_date_warnings): with a warning, nothing is saved unless HR gives a reason, which
is then kept as a SessionDateOverride.
Scope (which HR adviser may touch which cohort) is checked by the views through the selectors.
"""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.events import Event
from notifications.services import notify
from programmes.models import Cohort
from programmes.services import cohort_lock

from .models import CurriculumItem, CurriculumTemplate, Session, SessionDateOverride, SessionKind, TemplateBreak
from .planner import ProposedSession
from .selectors import session_attendees, session_date_warnings

# What makes a change a move: attendees must hear about it and calendars must update.
MOVE_FIELDS = ("date", "start_time", "end_time", "location", "online_url")
EDITABLE_FIELDS = (
    "kind",
    "title",
    *MOVE_FIELDS,
    "trainer",
    "external_trainer",
    "cost",
    "capacity",
)


class SessionDateNeedsReason(ValidationError):
    """The session's date has warnings (see `warnings`) and no reason was given to keep it; nothing was saved."""

    def __init__(self, warnings: list[str]):
        self.warnings = warnings
        super().__init__(
            {"date": [*warnings, _("Choose another date, or give a reason to keep this one.")]},
            code="date_needs_reason",
        )


def _date_warnings_accepted(*, cohort: Cohort, day: date, reason: str) -> list[str]:
    """The warnings about this date, when a reason accepts them; raises SessionDateNeedsReason without one."""
    warnings = session_date_warnings(cohort=cohort, day=day)
    if warnings and not reason.strip():
        raise SessionDateNeedsReason(warnings)
    return warnings


def _record_date_override(*, session: Session, warnings: list[str], reason: str, by: User | None) -> None:
    if warnings:
        SessionDateOverride.objects.create(
            session=session, date=session.date, warnings="\n".join(warnings), reason=reason.strip(), by=by
        )


@dataclass
class SessionChange:
    session: Session
    moved: bool
    notified: int


def _validate_times(*, day: date, start_time: time, end_time: time, field_prefix: str = "") -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if start_time and end_time and end_time <= start_time:
        errors[f"{field_prefix}end_time"] = [_("The session must end after it starts.")]
    return errors


def _validate_session(fields: dict, *, cohort: Cohort) -> None:
    errors = _validate_times(
        day=fields.get("date"), start_time=fields.get("start_time"), end_time=fields.get("end_time")
    )
    if fields.get("cost") is not None and fields["cost"] < 0:
        errors.setdefault("cost", []).append(_("The cost cannot be negative."))
    if fields.get("kind") == SessionKind.TMA:
        errors.setdefault("kind", []).append(
            _("Individual TMA sessions are booked in the career adviser's slots, not planned for the cohort.")
        )
    if fields.get("capacity") is not None and fields["capacity"] < 1:
        errors.setdefault("capacity", []).append(_("A session has at least one seat."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *,
    cohort: Cohort,
    kind: str,
    title: str,
    date: date,
    start_time: time,
    end_time: time,
    location: str = "",
    online_url: str = "",
    trainer: User | None = None,
    external_trainer: str = "",
    cost: Decimal = Decimal("0.00"),
    capacity: int | None = None,
    is_open_for_extra: bool = False,
    intervision_group=None,
    date_reason: str = "",
    by: User | None = None,
) -> Session:
    """Add a session to a cohort by hand. A date before or after the cohort's period or on a public holiday
    needs `date_reason` (else SessionDateNeedsReason, nothing saved); the reason is recorded."""
    fields = {
        "kind": kind,
        "title": title.strip(),
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "location": location.strip(),
        "online_url": online_url.strip(),
        "trainer": trainer,
        "external_trainer": external_trainer.strip(),
        "cost": cost,
        "capacity": capacity,
    }
    _validate_session(fields, cohort=cohort)
    if intervision_group is not None and intervision_group.cohort_id != cohort.pk:
        raise ValidationError({"intervision_group": [_("This intervision group belongs to another cohort.")]})
    warnings = _date_warnings_accepted(cohort=cohort, day=date, reason=date_reason)
    session = Session.objects.create(
        cohort=cohort, intervision_group=intervision_group, is_open_for_extra=is_open_for_extra, **fields
    )
    _record_date_override(session=session, warnings=warnings, reason=date_reason, by=by)
    return session


def _lock_session(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("cohort__programme__owner", "intervision_group", "trainer")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_update(*, session: Session, by: User, reason: str = "", date_reason: str = "", **changes) -> SessionChange:
    """Change a session's details. A change of date, time or place is a move: the sequence goes up and
    attendees and trainer are told (once per revision). A cancelled session cannot be changed.
    A new date before or after the cohort's period or on a public holiday needs `date_reason` (else
    SessionDateNeedsReason, nothing changed); the reason is recorded."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    locked = _lock_session(session)
    if locked.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session has been cancelled; plan a new one instead."))
    merged = {name: getattr(locked, name) for name in EDITABLE_FIELDS}
    for name, value in changes.items():
        merged[name] = value.strip() if isinstance(value, str) else value
    _validate_session(merged, cohort=locked.cohort)
    moved = any(merged[name] != getattr(locked, name) for name in MOVE_FIELDS)
    if moved and merged["date"] < timezone.localdate() and merged["date"] != locked.date:
        raise ValidationError({"date": [_("A session cannot be moved to a date in the past.")]})
    warnings = (
        _date_warnings_accepted(cohort=locked.cohort, day=merged["date"], reason=date_reason)
        if merged["date"] != locked.date
        else []
    )
    previous = {"date": locked.date, "start_time": locked.start_time, "end_time": locked.end_time}
    for name, value in merged.items():
        setattr(locked, name, value)
    if moved:
        locked.sequence = F("sequence") + 1
    locked.save()
    locked.refresh_from_db(fields=["sequence", "updated_at"])
    _record_date_override(session=locked, warnings=warnings, reason=date_reason, by=by)
    notified = _notify_concerned(locked, event=Event.SESSION_MOVED, previous=previous, reason=reason) if moved else 0
    _copy_into(session, locked)
    return SessionChange(session=session, moved=moved, notified=notified)


@transaction.atomic
def session_cancel(*, session: Session, by: User, reason: str) -> SessionChange:
    """Cancel a session and tell everyone concerned; it stays in schedules and feeds as cancelled."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason; it is sent to the participants.")]})
    locked = _lock_session(session)
    if locked.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session has already been cancelled."))
    locked.status = Session.Status.CANCELLED
    locked.cancellation_reason = reason
    locked.sequence = F("sequence") + 1
    locked.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    locked.refresh_from_db(fields=["sequence", "updated_at"])
    notified = _notify_concerned(locked, event=Event.SESSION_CANCELLED, previous=None, reason=reason)
    _copy_into(session, locked)
    return SessionChange(session=session, moved=False, notified=notified)


def _copy_into(target: Session, source: Session) -> None:
    for name in (*EDITABLE_FIELDS, "status", "cancellation_reason", "sequence", "updated_at"):
        setattr(target, name, getattr(source, name))


def session_concerned(*, session: Session) -> list[User]:
    """Everyone a change of this session concerns: its attendees and its trainer."""
    people = list(session_attendees(session=session))
    if session.trainer_id and all(person.pk != session.trainer_id for person in people):
        people.append(session.trainer)
    return people


def _notify_concerned(session: Session, *, event: Event, previous: dict | None, reason: str) -> int:
    url = reverse("sessions:session_detail", args=[session.pk])
    sent = 0
    for person in session_concerned(session=session):
        # idempotency: one message per person and revision of the session.
        message = notify(
            recipient=person,
            event=event,
            key=f"{session.pk}:{session.sequence}",
            context={"session": session, "previous": previous, "reason": reason},
            action_url=url,
        )
        sent += message is not None
    return sent


@transaction.atomic
def cohort_schedule_save(
    *, cohort: Cohort, sessions: list[ProposedSession], location: str = "", online_url: str = "", by: User
) -> list[Session]:
    """Save the reviewed proposal as the cohort's schedule, all or nothing.

    Refused when the cohort already has planned sessions (move or cancel those one by one instead), so
    that a form sent twice does not plan everything twice. Fills the cohort's start and end dates when empty.
    """
    locked = cohort_lock(cohort_id=cohort.pk)
    if not sessions:
        raise ValidationError(_("The schedule has no sessions; keep at least one."))
    if Session.objects.filter(cohort=locked, status=Session.Status.PLANNED).exists():
        raise ValidationError(
            _("This cohort already has a schedule. Change, move or cancel its sessions one by one instead.")
        )
    errors: dict[str, list[str]] = {}
    for index, proposed in enumerate(sessions):
        for name, messages in _validate_times(
            day=proposed.date, start_time=proposed.start_time, end_time=proposed.end_time, field_prefix=f"{index}-"
        ).items():
            errors[name] = messages
        if not proposed.title.strip():
            errors[f"{index}-title"] = [_("Give the session a title.")]
    if errors:
        raise ValidationError(errors)
    created = Session.objects.bulk_create(
        [
            Session(
                cohort=locked,
                kind=proposed.kind,
                title=proposed.title.strip(),
                date=proposed.date,
                start_time=proposed.start_time,
                end_time=proposed.end_time,
                cost=proposed.cost,
                is_open_for_extra=proposed.is_open_for_extra,
                extra_seats=locked.programme.extra_seats_max if proposed.is_open_for_extra else 0,
                location=location.strip(),
                online_url=online_url.strip(),
            )
            for proposed in sorted(sessions, key=lambda proposed: (proposed.date, proposed.start_time))
        ]
    )
    dates = [session.date for session in created]
    update_fields = []
    if locked.start_date is None:
        locked.start_date = min(dates)
        update_fields.append("start_date")
    if locked.end_date is None:
        locked.end_date = max(dates)
        update_fields.append("end_date")
    if update_fields:
        locked.save(update_fields=update_fields)
    return created


@transaction.atomic
def curriculum_template_save(
    *, programme, template: CurriculumTemplate | None, items: list[dict], breaks: list[dict] = (), **rules
) -> CurriculumTemplate:
    """Create or replace a programme's curriculum template, its items (in the given order) and its breaks
    (dicts of name, region, starts_on, ends_on), all or nothing.

    A break for one school-holiday region needs the template to follow a region, or it would never apply.
    """
    if not items:
        raise ValidationError(_("A template has at least one session."))
    if any(template_break.get("region") for template_break in breaks) and not rules.get("school_region"):
        raise ValidationError(
            {
                "school_region": [
                    _("Choose the template's school-holiday region: some of its breaks are for one region only.")
                ]
            }
        )
    name = rules.pop("name").strip()
    duplicate = CurriculumTemplate.objects.filter(programme=programme, name__iexact=name)
    if template is not None:
        duplicate = duplicate.exclude(pk=template.pk)
    if duplicate.exists():
        raise ValidationError({"name": [_("This programme already has a template with this name.")]})
    if template is None:
        template = CurriculumTemplate.objects.create(programme=programme, name=name, **rules)
    else:
        template = CurriculumTemplate.objects.select_for_update().get(pk=template.pk)
        template.name = name
        for field_name, value in rules.items():
            setattr(template, field_name, value)
        template.save()
        template.items.all().delete()
        template.breaks.all().delete()
    CurriculumItem.objects.bulk_create(
        CurriculumItem(template=template, position=position, **item) for position, item in enumerate(items, start=1)
    )
    TemplateBreak.objects.bulk_create(
        TemplateBreak(
            template=template,
            name=template_break["name"].strip(),
            region=template_break.get("region") or "",
            starts_on=template_break["starts_on"],
            ends_on=template_break["ends_on"],
        )
        for template_break in breaks
    )
    return template
