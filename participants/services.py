"""Writes about enrolments and budgets: the enrolment state machine. Views, the admin and tasks call these.

requested → awaiting manager → approved → placed or waitlisted → active → completed; or rejected, withdrawn.

Every status change goes through ``_move``, which refuses a change the state machine does not allow and
records who, when, from, to and why. Every operation that changes an enrolment first locks its cohort's
row (``programmes.services.cohort_lock``): that serialises everything that counts or takes seats in one cohort, so two
managers approving the last seat at the same moment give one placement and one waitlist entry.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department, Role, User
from accounts.scoping import is_hr_of
from core.workdays import add_working_days
from notifications.events import Event
from notifications.services import notify
from programmes import services as programme_services
from programmes.costs import cohort_cost_per_participant
from programmes.models import Cohort, Track
from programmes.services import cohort_lock

from .eligibility import cohort_enrolment_reasons
from .models import DepartmentBudget, Enrolment, EnrolmentTransition
from .queue import Standing
from .selectors import (
    can_manage_enrolment,
    is_deciding_manager,
    queue_of,
    seats_taken,
)
from .signals import completion_attendance_check

Status = Enrolment.Status

MOTIVATION_MAX_LENGTH = 1000

# The ordinary flow. "" is the state before the enrolment exists.
TRANSITIONS: dict[str, frozenset[str]] = {
    "": frozenset({Status.REQUESTED}),
    Status.REQUESTED: frozenset({Status.AWAITING_MANAGER, Status.APPROVED, Status.WITHDRAWN}),
    Status.AWAITING_MANAGER: frozenset({Status.APPROVED, Status.REJECTED, Status.WITHDRAWN}),
    Status.APPROVED: frozenset({Status.PLACED, Status.WAITLISTED, Status.WITHDRAWN}),
    Status.WAITLISTED: frozenset({Status.PLACED, Status.WITHDRAWN}),
    Status.PLACED: frozenset({Status.ACTIVE, Status.WITHDRAWN}),
    Status.ACTIVE: frozenset({Status.COMPLETED, Status.WITHDRAWN}),
    Status.COMPLETED: frozenset(),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

WITHDRAWABLE_STATUSES = frozenset(status for status, targets in TRANSITIONS.items() if Status.WITHDRAWN in targets)

# What HR may decide instead of the manager (or undo), always with a reason. Approving places or
# waitlists by the ordinary rule, so an override never overbooks a cohort.
OVERRIDE_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REQUESTED: frozenset({Status.APPROVED, Status.REJECTED}),
    Status.AWAITING_MANAGER: frozenset({Status.APPROVED, Status.REJECTED}),
    Status.REJECTED: frozenset({Status.APPROVED}),
    Status.APPROVED: frozenset({Status.REJECTED, Status.WITHDRAWN}),
    Status.PLACED: frozenset({Status.REJECTED, Status.WITHDRAWN}),
    Status.WAITLISTED: frozenset({Status.REJECTED, Status.WITHDRAWN}),
    # Completing with a reason: for someone whose attendance stayed below the programme's minimum.
    Status.ACTIVE: frozenset({Status.COMPLETED, Status.WITHDRAWN}),
}

# Only before the cohort runs does a free seat go to the first on the waitlist.
FILLING_COHORT_STATUSES = (Cohort.Status.OPEN, Cohort.Status.FULL)


# --- the state machine ------------------------------------------------------------------------------


def _move(
    enrolment: Enrolment,
    *,
    to_status: str,
    actor: User | None,
    reason: str = "",
    is_override: bool = False,
) -> EnrolmentTransition:
    """Change the status (or create the enrolment) and record the transition; refuse what is not allowed."""
    from_status = "" if enrolment._state.adding else enrolment.status
    allowed = (OVERRIDE_TRANSITIONS if is_override else TRANSITIONS).get(from_status, frozenset())
    if to_status not in allowed:
        raise _invalid_transition(from_status, to_status)
    enrolment.status = to_status
    if from_status:
        enrolment.save(update_fields=["status", "updated_at"])
    else:
        enrolment.save()
    return EnrolmentTransition.objects.create(
        enrolment=enrolment,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason,
        is_override=is_override,
    )


def _invalid_transition(from_status: str, to_status: str) -> ValidationError:
    return ValidationError(
        _("An enrolment that is “%(from)s” cannot become “%(to)s”."),
        code="invalid_transition",
        params={"from": Status(from_status).label if from_status else "—", "to": Status(to_status).label},
    )


def _lock_enrolment(enrolment_id: int, *, cohort: Cohort) -> Enrolment:
    """Re-read the enrolment under lock (after its cohort's lock), so decisions use its current status."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("person", "person__organisation")
        .get(pk=enrolment_id)
    )
    enrolment.cohort = cohort
    return enrolment


def _locked(enrolment: Enrolment) -> tuple[Cohort, Enrolment]:
    cohort = cohort_lock(cohort_id=enrolment.cohort_id)
    return cohort, _lock_enrolment(enrolment.pk, cohort=cohort)


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")}, code="reason_required")
    return reason


# --- enrolling, deciding, withdrawing ---------------------------------------------------------------


def normalise_motivation(motivation: str | None) -> str:
    """Line breaks count as one character, as the browser counts them for the field's maxlength (a browser
    sends each as CR LF, so 1,000 typed characters with nine line breaks would otherwise count 1,009)."""
    return (motivation or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def decision_due_at(*, requested_at: datetime, working_days: int, liberation_day_every_year: bool) -> datetime:
    """The end of a request's decision window: midnight after its last working day, in the portal's time zone.

    A request made on Friday 4 December 2026 with 10 working days may be decided up to and including
    Friday 18 December; one made on Friday 18 December up to and including Tuesday 5 January 2027
    (Christmas and New Year's Day do not count).
    """
    last_day = add_working_days(
        timezone.localtime(requested_at).date(), working_days, liberation_day_every_year=liberation_day_every_year
    )
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


@transaction.atomic
def enrolment_request(*, person: User, cohort: Cohort, motivation: str, on_date: date | None = None) -> Enrolment:
    """Enrol a person in a cohort. With manager approval it waits for their manager; without, it is placed
    (or waitlisted) at once. The cost per participant is fixed now and charged to the person's department."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    motivation = normalise_motivation(motivation)
    if len(motivation) > MOTIVATION_MAX_LENGTH:
        raise ValidationError(
            {"motivation": _("Write at most %(max)s characters.") % {"max": MOTIVATION_MAX_LENGTH}},
            code="max_length",
        )
    reasons = cohort_enrolment_reasons(person=person, cohort=cohort, on_date=on_date or timezone.localdate())
    if reasons:
        raise ValidationError(reasons, code="not_eligible")

    needs_approval = cohort.programme.requires_manager_approval
    manager = person.manager if person.manager_id else None
    if needs_approval and (manager is None or not manager.is_active):
        raise ValidationError(
            _("Your manager must approve this enrolment, but none is registered; ask HR to register your manager."),
            code="no_manager",
        )

    requested_at = timezone.now()
    enrolment = Enrolment(
        cohort=cohort,
        person=person,
        motivation=motivation,
        requested_at=requested_at,
        decision_due_at=decision_due_at(
            requested_at=requested_at,
            working_days=cohort.programme.decision_window_working_days,
            liberation_day_every_year=person.organisation.liberation_day_every_year if person.organisation_id else True,
        )
        if needs_approval
        else None,
        approver=manager if needs_approval else None,
        department_id=person.department_id,
        cost=cohort_cost_per_participant(cohort=cohort),
    )
    try:
        with transaction.atomic():
            _move(enrolment, to_status=Status.REQUESTED, actor=person)
    except IntegrityError as error:
        # The cohort lock already serialises enrolments; the database constraint is the last guard.
        raise ValidationError(_("You are already enrolled in this group."), code="already_enrolled") from error

    if needs_approval:
        transition = _move(enrolment, to_status=Status.AWAITING_MANAGER, actor=person)
        notify(
            recipient=manager,
            event=Event.ENROLMENT_APPROVAL_REQUESTED,
            key=_transition_key(enrolment, transition),
            context={"enrolment": enrolment, "decide_by": enrolment.decision_last_day},
            action_url=reverse("participants:approvals"),
        )
    else:
        _move(enrolment, to_status=Status.APPROVED, actor=None)
        enrolment.decided_at = timezone.now()
        enrolment.save(update_fields=["decided_at", "updated_at"])
        _rebalance(cohort)
        enrolment.refresh_from_db(fields=["status"])
    return enrolment


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, manager: User, note: str = "") -> Enrolment:
    """The person's manager approves: the cost is committed and the person is placed, or waitlisted if full."""
    cohort, enrolment = _locked(enrolment)
    _check_deciding_manager(enrolment=enrolment, manager=manager, to_status=Status.APPROVED)
    note = (note or "").strip()
    transition = _move(enrolment, to_status=Status.APPROVED, actor=manager, reason=note)
    enrolment.decided_at = timezone.now()
    enrolment.decision_reason = note
    enrolment.save(update_fields=["decided_at", "decision_reason", "updated_at"])
    _notify_person(enrolment, event=Event.ENROLMENT_APPROVED, transition=transition)
    _rebalance(cohort)
    enrolment.refresh_from_db(fields=["status"])
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, manager: User, reason: str) -> Enrolment:
    """The person's manager rejects, with a reason the person will read."""
    reason = _required_reason(reason)
    cohort, enrolment = _locked(enrolment)
    _check_deciding_manager(enrolment=enrolment, manager=manager, to_status=Status.REJECTED)
    transition = _move(enrolment, to_status=Status.REJECTED, actor=manager, reason=reason)
    enrolment.decided_at = timezone.now()
    enrolment.decision_reason = reason
    enrolment.save(update_fields=["decided_at", "decision_reason", "updated_at"])
    _notify_person(enrolment, event=Event.ENROLMENT_REJECTED, transition=transition)
    _rebalance(cohort)
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, by: User, reason: str = "") -> Enrolment:
    """The person (or HR in scope) withdraws. A seat that comes free goes to the first on the waitlist."""
    cohort, enrolment = _locked(enrolment)
    if by.pk != enrolment.person_id and not can_manage_enrolment(user=by, enrolment=enrolment):
        raise PermissionDenied(_("Only the person or HR may withdraw this enrolment."))
    _move(enrolment, to_status=Status.WITHDRAWN, actor=by, reason=(reason or "").strip())
    _rebalance(cohort)
    return enrolment


@transaction.atomic
def enrolment_override(*, enrolment: Enrolment, hr_user: User, to_status: str, reason: str) -> Enrolment:
    """HR of the programme's owner or of the person's organisation overrides a decision, with a reason.

    Approving places or waitlists by the ordinary rule; rejecting or withdrawing someone with a seat
    gives the seat to the first on the waitlist.
    """
    reason = _required_reason(reason)
    cohort, enrolment = _locked(enrolment)
    if not can_manage_enrolment(user=hr_user, enrolment=enrolment):
        raise PermissionDenied(_("Only HR of the programme or of the person's organisation may override."))
    try:
        with transaction.atomic():
            transition = _move(enrolment, to_status=to_status, actor=hr_user, reason=reason, is_override=True)
    except IntegrityError as error:
        raise ValidationError(
            _("This person has enrolled in this group again since; decide on that enrolment instead."),
            code="already_enrolled",
        ) from error
    enrolment.decided_at = timezone.now()
    enrolment.decision_reason = reason
    enrolment.save(update_fields=["decided_at", "decision_reason", "updated_at"])
    _rebalance(cohort)
    enrolment.refresh_from_db(fields=["status"])
    # Told after the placement, so the message shows where the override left the enrolment.
    notify(
        recipient=enrolment.person,
        event=Event.ENROLMENT_OVERRIDDEN,
        key=_transition_key(enrolment, transition),
        context={"enrolment": enrolment, "reason": reason},
        action_url=_enrolment_url(enrolment),
    )
    return enrolment


@transaction.atomic
def enrolment_activate(*, enrolment: Enrolment, by: User) -> Enrolment:
    """The cohort has started: a placed person becomes an active participant."""
    cohort, enrolment = _locked(enrolment)
    _check_manages_cohort(user=by, cohort=cohort, enrolment=enrolment)
    _move(enrolment, to_status=Status.ACTIVE, actor=by)
    return enrolment


@transaction.atomic
def enrolment_complete(*, enrolment: Enrolment, by: User) -> Enrolment:
    """The cohort has ended: an active participant has completed it (its cost now counts as spent).

    Refused when the programme requires a minimum attendance that this person did not reach; HR can still
    complete them with an override and a reason."""
    cohort, enrolment = _locked(enrolment)
    _check_manages_cohort(user=by, cohort=cohort, enrolment=enrolment)
    if enrolment.pk in _below_minimum_attendance(cohort):
        raise ValidationError(
            _("This participant's attendance is below the programme's minimum of %(percent)d%%.")
            % {"percent": cohort.programme.min_attendance_percent}
        )
    _move(enrolment, to_status=Status.COMPLETED, actor=by)
    return enrolment


@transaction.atomic
def cohort_enrolments_activate(*, cohort: Cohort, by: User) -> int:
    """Make every placed person of a starting cohort active. Returns how many. Safe to run twice."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_manages_cohort(user=by, cohort=cohort)
    enrolments = Enrolment.objects.select_for_update(of=("self",)).filter(cohort=cohort, status=Status.PLACED)
    count = 0
    for enrolment in enrolments.order_by("requested_at", "pk"):
        _move(enrolment, to_status=Status.ACTIVE, actor=by)
        count += 1
    return count


@transaction.atomic
def cohort_enrolments_complete(*, cohort: Cohort, by: User) -> int:
    """Mark every active participant of an ending cohort completed. Returns how many. Safe to run twice.

    Participants whose attendance is below the programme's minimum stay active: HR sees them on the cohort's
    attendance page and decides (an override completes them with a reason)."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_manages_cohort(user=by, cohort=cohort)
    enrolments = (
        Enrolment.objects.select_for_update(of=("self",))
        .filter(cohort=cohort, status=Status.ACTIVE)
        .exclude(pk__in=_below_minimum_attendance(cohort))
    )
    count = 0
    for enrolment in enrolments.order_by("requested_at", "pk"):
        _move(enrolment, to_status=Status.COMPLETED, actor=by)
        count += 1
    return count


def _below_minimum_attendance(cohort: Cohort) -> set[int]:
    """The enrolments whose attendance is below the programme's minimum, as the apps above answer
    ``completion_attendance_check`` (sessions, which registers attendance and builds on participants)."""
    below: set[int] = set()
    for _receiver, enrolment_ids in completion_attendance_check.send(sender=Cohort, cohort=cohort):
        below.update(enrolment_ids)
    return below


@transaction.atomic
def cohort_queue_rebalance(*, cohort: Cohort) -> list[Enrolment]:
    """Give free seats to the queue in order of request, e.g. after HR changed the capacity (which may also
    make the cohort full or open again). Returns who got a seat."""
    return _rebalance(cohort_lock(cohort_id=cohort.pk))


# --- changes to a cohort, with the enrolment steps that go with them -----------------------------------


def cohort_update(
    *,
    cohort: Cohort,
    name: str,
    track: Track | None,
    start_date: date | None,
    end_date: date | None,
    capacity: int,
    start_threshold: int,
    coordinator: User | None,
) -> Cohort:
    """Change a cohort's details (``programmes.services.cohort_update``), in one transaction under its lock.

    The capacity cannot drop below those who have a place; new seats go to the queue in order of request, and
    a capacity now equal to those placed makes the cohort full."""

    def keep_those_placed(locked: Cohort) -> None:
        placed = Enrolment.objects.filter(cohort=locked).current().count()
        if capacity < placed:
            raise ValidationError(
                {
                    "capacity": _("%(placed)d people already have a place; the capacity cannot be lower.")
                    % {"placed": placed}
                }
            )

    return programme_services.cohort_update(
        cohort=cohort,
        name=name,
        track=track,
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        start_threshold=start_threshold,
        coordinator=coordinator,
        before_save=keep_those_placed,
        after_save=lambda locked: cohort_queue_rebalance(cohort=locked),
    )


def cohort_status_change(*, cohort: Cohort, to_status: str, by: User | None = None) -> Cohort:
    """Move the cohort to its next status (``programmes.services.cohort_status_change``) and, when ``by`` (HR)
    is given, take the enrolment steps in the same transaction: a group that starts makes everyone with a place
    an active participant, a group that ends completes its participants."""

    def take_enrolment_steps(locked: Cohort) -> None:
        if by is not None and to_status == Cohort.Status.RUNNING:
            cohort_enrolments_activate(cohort=locked, by=by)
        elif by is not None and to_status == Cohort.Status.COMPLETED:
            cohort_enrolments_complete(cohort=locked, by=by)

    return programme_services.cohort_status_change(cohort=cohort, to_status=to_status, after_save=take_enrolment_steps)


# --- decision windows and changes of manager -------------------------------------------------------


def enrolment_decision_windows_expire(*, now: datetime | None = None) -> int:
    """Release the place of every request whose decision window ran out undecided; returns how many.

    The request keeps its position (once approved it is waitlisted ahead of later requests) but no longer
    holds a seat, so the queue moves on at once. The manager and the programme's HR are told, once.
    Called by beat every few minutes; each cohort is done in its own transaction under its lock.
    """
    now = now or timezone.now()
    due = Enrolment.objects.filter(
        status=Status.AWAITING_MANAGER, hold_released_at__isnull=True, decision_due_at__lte=now
    )
    released = 0
    for cohort_id in sorted(set(due.values_list("cohort_id", flat=True))):
        with transaction.atomic():
            cohort = cohort_lock(cohort_id=cohort_id)
            # idempotency: re-read under the cohort lock; a request released (or decided) meanwhile is skipped.
            expired = list(
                due.filter(cohort_id=cohort_id)
                .select_for_update(of=("self",))
                .select_related("person", "approver")
                .order_by("requested_at", "pk")
            )
            hr = _programme_hr(cohort)
            for enrolment in expired:
                enrolment.cohort = cohort
                enrolment.hold_released_at = now
                enrolment.save(update_fields=["hold_released_at", "updated_at"])
                key = f"enrolment-{enrolment.pk}-window-expired"
                if enrolment.approver_id:
                    _tell_about_request([enrolment.approver], enrolment, Event.ENROLMENT_WINDOW_EXPIRED_MANAGER, key)
                _tell_about_request(hr, enrolment, Event.ENROLMENT_WINDOW_EXPIRED_HR, key)
                released += 1
            _rebalance(cohort)
    return released


def _tell_about_request(recipients, enrolment: Enrolment, event: Event, key: str) -> None:
    """A message about a waiting request: a manager acts on Approvals, HR on the enrolment's page."""
    for recipient in recipients:
        is_manager = recipient.pk == enrolment.approver_id
        notify(
            recipient=recipient,
            event=event,
            key=key,
            context={"enrolment": enrolment, "decide_by": enrolment.decision_last_day},
            action_url=reverse("participants:approvals") if is_manager else _enrolment_url(enrolment),
        )


def enrolments_follow_manager(*, person: User, old_manager_id: int | None, new_manager_id: int | None) -> int:
    """The person's manager changed: every request of theirs that waits for a manager now waits for the new
    one (who is told); the old manager can no longer decide it. With no new manager, HR is told to decide.
    Returns how many requests moved. The decision window stays as it was: others in the queue wait on it."""
    new_manager = User.objects.filter(pk=new_manager_id, is_active=True).first() if new_manager_id else None
    moved = 0
    waiting = Enrolment.objects.filter(person=person, status=Status.AWAITING_MANAGER)
    for cohort_id in sorted(set(waiting.values_list("cohort_id", flat=True))):
        with transaction.atomic():
            cohort = cohort_lock(cohort_id=cohort_id)
            for enrolment in (
                waiting.filter(cohort_id=cohort_id).select_for_update(of=("self",)).select_related("person")
            ):
                if enrolment.approver_id == new_manager_id:
                    continue
                enrolment.cohort = cohort
                enrolment.approver = new_manager
                enrolment.save(update_fields=["approver", "updated_at"])
                note = EnrolmentTransition.objects.create(
                    enrolment=enrolment,
                    from_status=enrolment.status,
                    to_status=enrolment.status,
                    reason=(
                        _("The request now waits for %(manager)s, the new manager.")
                        % {"manager": new_manager.full_name or new_manager.email}
                        if new_manager
                        else _("The person no longer has a manager; HR decides on this request.")
                    ),
                )
                key = f"enrolment-{enrolment.pk}-manager-{note.pk}"
                if new_manager is not None:
                    _tell_about_request([new_manager], enrolment, Event.ENROLMENT_APPROVAL_REQUESTED, key)
                else:
                    _tell_about_request(_programme_hr(cohort), enrolment, Event.ENROLMENT_WITHOUT_MANAGER, key)
                moved += 1
    return moved


# --- the queue (always under the cohort lock) ------------------------------------------------------


def _rebalance(cohort: Cohort) -> list[Enrolment]:
    """Give the free seats to the queue in order of request (participants/queue.py) and tell each person
    whose place changed. Returns who got a seat.

    Approved people within the seats are placed; approved people beyond them are waitlisted. Someone
    already on the waitlist moves up only while the cohort fills (open or full): a running group takes
    no one mid-way. Runs after every change that can move the queue: a request, a decision, a withdrawal,
    an expired decision window, a change of capacity.
    """
    now = timezone.now()
    taken = seats_taken(cohort=cohort)
    queued = (
        Enrolment.objects.select_for_update(of=("self",))
        .filter(cohort=cohort, status__in=Enrolment.QUEUE_STATUSES)
        .select_related("person")
        .order_by("requested_at", "pk")
    )
    queue = queue_of(cohort=cohort, enrolments=list(queued), now=now, taken=taken)
    may_move_up = cohort.status in FILLING_COHORT_STATUSES
    placed: list[Enrolment] = []
    for enrolment, place in queue:
        enrolment.cohort = cohort
        if place.standing == Standing.TO_PLACE and (enrolment.status == Status.APPROVED or may_move_up):
            was_waitlisted = enrolment.status == Status.WAITLISTED
            transition = _move(enrolment, to_status=Status.PLACED, actor=None)
            event = Event.ENROLMENT_MOVED_UP if was_waitlisted else Event.ENROLMENT_PLACED
            _notify_person(enrolment, event=event, transition=transition)
            placed.append(enrolment)
        elif place.standing == Standing.IN_LINE and enrolment.status == Status.APPROVED:
            # Told the number as it is now: everyone ahead of them has been seated or numbered already.
            transition = _move(enrolment, to_status=Status.WAITLISTED, actor=None)
            _notify_person(
                enrolment,
                event=Event.ENROLMENT_WAITLISTED,
                transition=transition,
                extra={"position": place.line_number},
            )
            _remember_told_position(enrolment, place.line_number)
        elif place.standing == Standing.IN_LINE and enrolment.status == Status.WAITLISTED:
            told = enrolment.waitlist_position_told
            if told is not None and place.line_number > told:
                # An earlier request was approved after its window and went ahead: their last message
                # would otherwise promise a better number than they have (and the same as someone else's).
                notify(
                    recipient=enrolment.person,
                    event=Event.ENROLMENT_WAITLIST_POSITION_CHANGED,
                    key=f"enrolment-{enrolment.pk}-position-{place.line_number}-after-{told}",
                    context={"enrolment": enrolment, "position": place.line_number},
                    action_url=_enrolment_url(enrolment),
                )
                _remember_told_position(enrolment, place.line_number)
    taken += len(placed)
    _after_seats_changed(cohort, taken=taken)
    return placed


def _remember_told_position(enrolment: Enrolment, position: int) -> None:
    enrolment.waitlist_position_told = position
    enrolment.save(update_fields=["waitlist_position_told", "updated_at"])


def _after_seats_changed(cohort: Cohort, *, taken: int) -> None:
    """Full when every seat is taken, open again when one is free; tell HR once when the group can start."""
    if cohort.status == Cohort.Status.OPEN and taken >= cohort.capacity:
        cohort.status = Cohort.Status.FULL
        cohort.save(update_fields=["status"])
    elif cohort.status == Cohort.Status.FULL and taken < cohort.capacity:
        cohort.status = Cohort.Status.OPEN
        cohort.save(update_fields=["status"])
    if cohort.ready_notified_at is None and taken >= cohort.start_threshold:
        cohort.ready_notified_at = timezone.now()
        cohort.save(update_fields=["ready_notified_at"])
        for recipient in _programme_hr(cohort):
            notify(
                recipient=recipient,
                event=Event.COHORT_READY_TO_START,
                key=f"cohort-{cohort.pk}",
                context={"cohort": cohort, "placed_count": taken},
                action_url=_cohort_url(cohort),
            )


def _programme_hr(cohort: Cohort) -> list[User]:
    """HR advisers of the programme's owner, and the cohort's coordinator."""
    recipients = list(
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.HR_ADVISER,
            role_assignments__organisation_id=cohort.programme.owner_id,
        )
        .distinct()
        .order_by("pk")
    )
    if cohort.coordinator_id and cohort.coordinator_id not in {user.pk for user in recipients}:
        recipients.append(cohort.coordinator)
    return recipients


# --- checks, links and messages -----------------------------------------------------------------


def _check_deciding_manager(*, enrolment: Enrolment, manager: User, to_status: str) -> None:
    if manager.pk == enrolment.person_id:
        raise PermissionDenied(_("You cannot decide on your own enrolment."))
    if not is_deciding_manager(user=manager, enrolment=enrolment):
        raise PermissionDenied(_("Only the person's own manager may decide on this enrolment."))
    # A manager decides only what waits for them ("requested → approved" is the path without approval).
    if enrolment.status != Status.AWAITING_MANAGER:
        raise _invalid_transition(enrolment.status, to_status)


def _check_manages_cohort(*, user: User, cohort: Cohort, enrolment: Enrolment | None = None) -> None:
    """HR of the programme's owner (or of the person's organisation), or the cohort's coordinator."""
    if user.pk is not None and user.pk == cohort.coordinator_id:
        return
    if is_hr_of(user, cohort.programme.owner_id):
        return
    if enrolment is not None and is_hr_of(user, enrolment.person.organisation_id):
        return
    raise PermissionDenied(_("Only HR of the programme or the cohort's coordinator may do this."))


def _transition_key(enrolment: Enrolment, transition: EnrolmentTransition) -> str:
    return f"enrolment-{enrolment.pk}-{transition.to_status}-{transition.pk}"


def _enrolment_url(enrolment: Enrolment) -> str:
    return reverse("participants:enrolment_detail", args=[enrolment.pk])


def _cohort_url(cohort: Cohort) -> str:
    # The cohort page belongs to the programmes app; until it exists, HR lands on their dashboard.
    try:
        return reverse("programmes:cohort_detail", args=[cohort.pk])
    except NoReverseMatch:
        return reverse("dashboards:home")


def _notify_person(enrolment: Enrolment, *, event: Event, transition: EnrolmentTransition, extra: dict | None = None):
    notify(
        recipient=enrolment.person,
        event=event,
        key=_transition_key(enrolment, transition),
        context={"enrolment": enrolment, **(extra or {})},
        action_url=_enrolment_url(enrolment),
    )


# --- budgets ------------------------------------------------------------------------------------


@transaction.atomic
def budget_set(
    *, department: Department, year: int, amount: Decimal, by: User, spent_elsewhere: Decimal | None = None
) -> DepartmentBudget:
    """Set a department's training budget for a year (HR of its organisation only)."""
    if not is_hr_of(by, department.organisation_id):
        raise PermissionDenied(_("Only HR of the department's organisation may set its budget."))
    errors = {}
    if amount is None or amount < 0:
        errors["amount"] = _("The budget cannot be negative.")
    if spent_elsewhere is not None and spent_elsewhere < 0:
        errors["spent_elsewhere"] = _("The amount spent cannot be negative.")
    if not 2000 <= year <= 2100:
        errors["year"] = _("Enter a year between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)
    defaults = {"amount": amount}
    if spent_elsewhere is not None:
        defaults["spent_elsewhere"] = spent_elsewhere
    budget, _created = DepartmentBudget.objects.update_or_create(department=department, year=year, defaults=defaults)
    return budget


def budget_amount_for_headcount(*, headcount: int, per_head: Decimal) -> Decimal:
    """The usual rule: an amount per employee, e.g. €1,000 × the department's headcount."""
    return (per_head * headcount).quantize(Decimal("0.01"))
