"""Session feedback: attendees rate a session (1–5) and comment; HR sees the results without names.

Rules:
- Only an attendee of the session (selectors.session_attendees), never its trainer, gives feedback; only
  once the session has ended and never for a cancelled one.
- One response per person and session; it can be changed for FEEDBACK_CHANGE_DAYS after it was first given.
- HR of the programme's owning organisation sees per session the average, the number of responses and the
  comments, and per trainer the average over their sessions. Feedback is personal data: the results never
  show who gave it, and comments are listed in alphabetical order so their order reveals nothing either.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from programmes.models import Cohort

from .models import Attendance, Session, SessionFeedback
from .selectors import session_attendees, session_ends_at, session_queryset, sessions_expected_at

FEEDBACK_CHANGE_DAYS = 14
COMMENT_MAX_LENGTH = 2000
RATINGS = (1, 2, 3, 4, 5)


def session_ended(session: Session, *, now: datetime | None = None) -> bool:
    return session_ends_at(session) <= (now or timezone.now())


def is_feedback_giver(*, person, session: Session) -> bool:
    return session.trainer_id != person.pk and session_attendees(session=session).filter(pk=person.pk).exists()


def session_for_feedback(*, person, pk: int) -> Session:
    """A session this person attended (as member or extra participant, not as trainer); 404 otherwise."""
    session = get_object_or_404(session_queryset(), pk=pk)
    if not is_feedback_giver(person=person, session=session):
        raise Http404
    return session


def feedback_of(*, person, session: Session) -> SessionFeedback | None:
    return SessionFeedback.objects.filter(session=session, person=person).first()


def can_change(feedback: SessionFeedback, *, now: datetime | None = None) -> bool:
    return (now or timezone.now()) < feedback.created_at + timedelta(days=FEEDBACK_CHANGE_DAYS)


def sessions_awaiting_feedback(*, person, since: date, now: datetime | None = None) -> list[Session]:
    """The sessions since `since` this person may give feedback on and has not yet, newest first: they were
    expected at it (`sessions_expected_at`, the rule of `is_feedback_giver`), did not run it, it has ended
    and was not cancelled. Sessions for which they were registered absent are left out: we ask those who
    were there. One query."""
    now = now or timezone.now()
    sessions = (
        sessions_expected_at(person=person)
        .exclude(trainer_id=person.pk)
        .filter(status=Session.Status.PLANNED, date__gte=since, date__lte=timezone.localdate(now))
        .exclude(Exists(SessionFeedback.objects.filter(session_id=OuterRef("pk"), person=person)))
        .exclude(
            Exists(
                Attendance.objects.filter(session_id=OuterRef("pk"), person=person).exclude(
                    status=Attendance.Status.PRESENT
                )
            )
        )
        .order_by("-date", "-start_time", "-pk")
    )
    return [session for session in sessions if session_ended(session, now=now)]


@transaction.atomic
def session_feedback_give(*, session: Session, person: User, rating: int, comment: str) -> SessionFeedback:
    """Give (or, within 14 days of giving it, change) one's rating and comment of a session that has ended."""
    if not is_feedback_giver(person=person, session=session):
        raise PermissionDenied(_("Only the participants of this session can give feedback on it."))
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session has been cancelled; there is nothing to give feedback on."))
    if not session_ended(session):
        raise ValidationError(_("You can give feedback once the session has ended."))
    if rating not in RATINGS:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Keep the comment under %(max)s characters.") % {"max": COMMENT_MAX_LENGTH}}
        )
    existing = SessionFeedback.objects.select_for_update().filter(session=session, person=person).first()
    if existing is not None and not can_change(existing):
        raise ValidationError(
            _("Feedback can be changed for %(days)s days after you gave it; that time has passed.")
            % {"days": FEEDBACK_CHANGE_DAYS}
        )
    feedback, _created = SessionFeedback.objects.update_or_create(
        session=session, person=person, defaults={"rating": rating, "comment": comment}
    )
    return feedback


# --- results for HR -----------------------------------------------------------------------------------------


def _average(total: int | None, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class SessionResult:
    session: Session
    responses: int
    average: Decimal | None
    comments: list[str]


@dataclass
class TrainerResult:
    name: str
    sessions: int = 0
    responses: int = 0
    rating_total: int = 0
    session_titles: list[str] = field(default_factory=list)

    @property
    def average(self) -> Decimal | None:
        return _average(self.rating_total, self.responses)


def cohort_feedback_summary(*, cohort: Cohort) -> dict:
    """The feedback on a cohort's sessions, for HR: per session (time order) and per trainer (by name).

    Without names: only ratings and comment texts are read. Two queries, however many sessions and responses.
    """
    sessions = (
        Session.objects.filter(cohort=cohort, status=Session.Status.PLANNED)
        .select_related("trainer", "intervision_group")
        .annotate(
            responses=Count("feedback"),
            rating_total=Sum("feedback__rating"),
        )
        .prefetch_related(
            Prefetch(
                "feedback",
                queryset=SessionFeedback.objects.exclude(comment="").only("session_id", "comment").order_by("comment"),
                to_attr="commented",
            )
        )
        .order_by("date", "start_time", "pk")
    )
    session_results = []
    trainers: dict[tuple, TrainerResult] = {}
    for session in sessions:
        if not session.responses and not session_ended(session):
            continue  # not held yet
        session_results.append(
            SessionResult(
                session=session,
                responses=session.responses,
                average=_average(session.rating_total, session.responses),
                comments=[feedback.comment for feedback in session.commented],
            )
        )
        if session.trainer_id:
            key, name = ("user", session.trainer_id), session.trainer.full_name or session.trainer.email
        elif session.external_trainer.strip():
            name = session.external_trainer.strip()
            key = ("external", name.casefold())
        else:
            continue
        result = trainers.setdefault(key, TrainerResult(name=name))
        result.sessions += 1
        result.responses += session.responses
        result.rating_total += session.rating_total or 0
        result.session_titles.append(session.title)
    return {
        "sessions": session_results,
        "trainers": sorted(trainers.values(), key=lambda result: result.name.casefold()),
    }
