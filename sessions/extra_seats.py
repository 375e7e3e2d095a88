"""Extra seats in open sessions (Zwolle's Politieke Antenne): young employees from outside the cohort sign up.

The cohort's own members always keep their seats: extra seats never count against the cohort's
capacity, and members never need (or get) one. HR opens a session with a number of extra seats within
the programme's ``extra_seats_min``–``extra_seats_max``; people who meet the programme's eligibility
rules and are not in the cohort take them, first come, first served. Taking and releasing lock the
session row, so two people taking the last seat at the same moment get one seat and one clear "full".
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.selectors import user_roles
from notifications.events import Event
from notifications.services import notify
from participants.eligibility import eligibility_reasons
from participants.models import Enrolment

from .models import ExtraSeat, Session
from .selectors import is_cohort_member, session_starts_at

# Who may use the open-sessions pages (the views' role_required): people of an organisation. Others, such as
# an external trainer, get 404 there, so their pages do not link to it.
OPEN_SESSIONS_ROLES = (Role.EMPLOYEE,)


def may_look_for_open_sessions(user) -> bool:
    return bool(user_roles(user) & set(OPEN_SESSIONS_ROLES))


def _has_started(session: Session) -> bool:
    return session_starts_at(session) <= timezone.now()


def seats_taken(*, session: Session) -> int:
    return ExtraSeat.objects.filter(session=session).count()


# --- reads -------------------------------------------------------------------------------------------------


@dataclass
class OpenSession:
    session: Session
    seats_left: int
    has_seat: bool


def _open_sessions_queryset(*, person: User) -> QuerySet[Session]:
    members = Enrolment.objects.filter(
        cohort_id=OuterRef("cohort_id"), person=person, status__in=Enrolment.MEMBER_STATUSES
    )
    return (
        Session.objects.filter(
            is_open_for_extra=True,
            status=Session.Status.PLANNED,
            intervision_group__isnull=True,
            date__gte=timezone.localdate(),
        )
        .exclude(Exists(members))
        .select_related("cohort__programme__owner", "trainer")
        .prefetch_related("cohort__programme__participating_organisations")
        .annotate(
            taken=Count("extra_seats_taken", distinct=True),
            has_seat=Exists(ExtraSeat.objects.filter(session_id=OuterRef("pk"), person=person)),
        )
        .order_by("date", "start_time", "pk")
    )


def open_sessions_for(*, person: User) -> list[OpenSession]:
    """Open sessions this person may join: planned, not yet started, open for extra participants, of a
    programme whose eligibility rules they meet (on the session's date), of a cohort they are not a member
    of. Each with the seats left (0 when full) and whether the person already has one. Fixed query count."""
    found = []
    for session in _open_sessions_queryset(person=person):
        if _has_started(session):
            continue
        if eligibility_reasons(person=person, programme=session.cohort.programme, on_date=session.date):
            continue
        found.append(
            OpenSession(
                session=session, seats_left=max(session.extra_seats - session.taken, 0), has_seat=session.has_seat
            )
        )
    return found


def open_session_for(*, person: User, pk: int) -> Session:
    """One session this person may sign up for or off: listed by ``open_sessions_for``, or one they hold a
    seat in. 404 otherwise, so sessions of other programmes are not revealed."""
    session = Session.objects.filter(pk=pk).filter(Q(is_open_for_extra=True) | Q(extra_seats_taken__person=person))
    session = session.select_related("cohort__programme").first()
    if session is None:
        raise Http404
    if ExtraSeat.objects.filter(session=session, person=person).exists():
        return session
    if is_cohort_member(person=person, cohort_id=session.cohort_id) or eligibility_reasons(
        person=person, programme=session.cohort.programme, on_date=session.date
    ):
        raise Http404
    return session


def extra_seat_holders(*, session: Session) -> QuerySet[ExtraSeat]:
    return (
        ExtraSeat.objects.filter(session=session)
        .select_related("person__organisation", "person__department")
        .order_by("created_at", "pk")
    )


# --- writes ------------------------------------------------------------------------------------------------


def _lock_session(session_id: int) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("cohort__programme")
        .prefetch_related("cohort__programme__participating_organisations")
        .get(pk=session_id)
    )


@transaction.atomic
def session_extra_seats_set(*, session: Session, is_open: bool, extra_seats: int) -> Session:
    """HR opens a session for extra participants with a number of seats, or closes it.

    Open: the number must lie within the programme's extra_seats_min–extra_seats_max and cannot be fewer
    than the seats already taken; only a planned, not yet started session of the whole cohort can open.
    Closed: nobody new can sign up; those who already did keep their seat (and the number stays as it was).
    """
    session = _lock_session(session.pk)
    programme = session.cohort.programme
    if not is_open:
        session.is_open_for_extra = False
        session.save(update_fields=["is_open_for_extra", "updated_at"])
        return session
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session has been cancelled."), code="cancelled")
    if _has_started(session):
        raise ValidationError(_("This session has already started."), code="past")
    if session.intervision_group_id:
        raise ValidationError(_("A session of an intervision group cannot take extra people."), code="group_session")
    if programme.extra_seats_max == 0:
        raise ValidationError(_("This programme does not take extra people in its sessions."), code="not_allowed")
    if extra_seats is None or not programme.extra_seats_min <= extra_seats <= programme.extra_seats_max:
        raise ValidationError(
            {
                "extra_seats": _("Choose between %(min)s and %(max)s extra seats.")
                % {"min": programme.extra_seats_min, "max": programme.extra_seats_max}
            },
            code="out_of_range",
        )
    taken = seats_taken(session=session)
    if extra_seats < taken:
        raise ValidationError(
            {
                "extra_seats": _("%(taken)s people have already signed up; the number cannot be lower.")
                % {"taken": taken}
            },
            code="below_taken",
        )
    session.is_open_for_extra = True
    session.extra_seats = extra_seats
    session.save(update_fields=["is_open_for_extra", "extra_seats", "updated_at"])
    return session


@transaction.atomic
def extra_seat_take(*, session: Session, person: User) -> ExtraSeat:
    """A young employee from outside the cohort takes one of a session's extra seats.

    Under a lock on the session row (counting and taking cannot interleave). Refused with a clear message,
    changing nothing: the session is cancelled, not open, already started; the person is a member of the
    cohort (they have their own seat); does not meet the programme's eligibility rules; already signed up;
    or every extra seat is taken. The person gets a confirmation.
    """
    session = _lock_session(session.pk)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session has been cancelled."), code="cancelled")
    if not session.is_open_for_extra:
        raise ValidationError(_("This session is not open for extra participants."), code="not_open")
    if _has_started(session):
        raise ValidationError(_("This session has already started."), code="past")
    if is_cohort_member(person=person, cohort_id=session.cohort_id):
        raise ValidationError(
            _("You are a member of this group, so you already have a seat in this session."), code="member"
        )
    reasons = eligibility_reasons(person=person, programme=session.cohort.programme, on_date=session.date)
    if reasons:
        raise ValidationError(reasons, code="not_eligible")
    if ExtraSeat.objects.filter(session=session, person=person).exists():
        raise ValidationError(_("You have already signed up for this session."), code="already")
    if seats_taken(session=session) >= session.extra_seats:
        raise ValidationError(_("All extra seats in this session have been taken."), code="full")
    try:
        with transaction.atomic():
            seat = ExtraSeat.objects.create(session=session, person=person)
    except IntegrityError as error:  # the session lock serialises sign-ups; the constraint is the last guard
        raise ValidationError(_("You have already signed up for this session."), code="already") from error
    notify(
        recipient=person,
        event=Event.EXTRA_SEAT_CONFIRMED,
        key=f"extra-seat-{seat.pk}",
        context={"session": session, "seat": seat},
        action_url=reverse("sessions:session_detail", args=[session.pk]),
    )
    return seat


@transaction.atomic
def extra_seat_release(*, session: Session, person: User) -> None:
    """The person gives their extra seat back, before the session starts; the seat is free for someone else."""
    session = _lock_session(session.pk)
    seat = ExtraSeat.objects.filter(session=session, person=person).first()
    if seat is None:
        raise ValidationError(_("You have no extra seat in this session."), code="no_seat")
    if _has_started(session):
        raise ValidationError(_("This session has already started."), code="past")
    seat.delete()
