"""Individual TMA talent-analysis sessions: career advisers publish slots, participants book their three.

Rules:
- A career adviser (role assigned with an organisation) publishes slots for cohorts of programmes that
  organisation owns; a series on one day is created completely or not at all and never overlaps the
  adviser's own slots. Only unbooked slots can be withdrawn.
- A current member of the slot's cohort books up to TMA_SESSIONS slots per cohort, numbered 1, 2, 3: a
  booking takes the lowest free number. Never two bookings of one slot, never two slots at overlapping times,
  never more than three: each booking locks the person's row and then the slot's row and re-checks under
  those locks; the unique constraint on (booked_by, cohort, sequence_number) is the last guard.
- A booking can be cancelled up to CANCEL_DEADLINE before it starts.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, RoleAssignment, User
from notifications.events import Event
from notifications.services import notify
from participants.models import Enrolment
from programmes.models import Cohort

from .models import AvailabilitySlot
from .selectors import local_datetime

TMA_SESSIONS = 3
CANCEL_DEADLINE = timedelta(hours=24)
DEFAULT_SLOT_MINUTES = 60
MIN_SLOT_MINUTES = 15
MAX_SLOT_MINUTES = 240
MAX_SLOTS_PER_DAY = 12
# Cohorts an adviser can publish slots for: TMA runs "before, during or after the track", but only current
# members (placed or active, selectors.CURRENT_MEMBER_STATUSES) can book, so not for completed cohorts.
PUBLISHABLE_COHORT_STATUSES = (Cohort.Status.PLANNED, Cohort.Status.OPEN, Cohort.Status.FULL, Cohort.Status.RUNNING)


# --- reads -------------------------------------------------------------------------------------------------


def adviser_organisation_ids(user) -> frozenset[int]:
    """The organisations for which this person works as career adviser (none for anyone else)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_groeipad_adviser_organisation_ids", None)
    if cached is None:
        cached = frozenset(
            RoleAssignment.objects.filter(user=user, role=Role.CAREER_ADVISER, organisation__isnull=False).values_list(
                "organisation_id", flat=True
            )
        )
        user._groeipad_adviser_organisation_ids = cached
    return cached


def cohorts_for_adviser(*, adviser) -> QuerySet[Cohort]:
    """The cohorts this career adviser may publish slots for: of programmes their organisations own."""
    return (
        Cohort.objects.filter(
            programme__owner_id__in=adviser_organisation_ids(adviser), status__in=PUBLISHABLE_COHORT_STATUSES
        )
        .select_related("programme")
        .order_by("programme__name", "-start_date", "name")
    )


def cohort_for_adviser(*, adviser, pk) -> Cohort:
    """A cohort this adviser may publish for; 404 otherwise."""
    return get_object_or_404(cohorts_for_adviser(adviser=adviser), pk=pk)


def slot_for_adviser(*, adviser, pk: int) -> AvailabilitySlot:
    """One of the adviser's own slots; 404 otherwise."""
    return get_object_or_404(AvailabilitySlot.objects.select_related("cohort", "booked_by"), pk=pk, adviser=adviser)


def adviser_upcoming_slots(*, adviser, now: datetime | None = None) -> QuerySet[AvailabilitySlot]:
    """The adviser's slots that have not ended, with who booked them, in time order."""
    now = now or timezone.now()
    return (
        AvailabilitySlot.objects.filter(adviser=adviser, ends_at__gt=now)
        .select_related("cohort__programme", "booked_by")
        .order_by("starts_at", "pk")
    )


def _current_member_of_slot_cohort(person) -> Exists:
    return Exists(
        Enrolment.objects.filter(cohort_id=OuterRef("cohort_id"), person=person, status__in=Enrolment.CURRENT_STATUSES)
    )


def slot_for_person(*, person, pk: int) -> AvailabilitySlot:
    """A slot of a cohort this person is a current member of; 404 otherwise."""
    return get_object_or_404(
        AvailabilitySlot.objects.select_related("cohort", "adviser").filter(_current_member_of_slot_cohort(person)),
        pk=pk,
    )


@dataclass
class CohortTma:
    """What the booking page shows for one cohort: the person's bookings and the free future slots."""

    cohort: Cohort
    booked: list[AvailabilitySlot] = field(default_factory=list)
    free: list[AvailabilitySlot] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return max(TMA_SESSIONS - len(self.booked), 0)

    @property
    def numbers(self) -> list[tuple[int, AvailabilitySlot | None]]:
        """(1, slot or None), (2, …), (3, …): each TMA number with the booking that holds it."""
        by_number = {slot.sequence_number: slot for slot in self.booked}
        return [(number, by_number.get(number)) for number in range(1, TMA_SESSIONS + 1)]


def tma_overview(*, person, now: datetime | None = None) -> list[CohortTma]:
    """Per cohort the person is a current member of and that has slots: their bookings and the free slots.

    Two queries, however many cohorts and slots there are.
    """
    now = now or timezone.now()
    slots = (
        AvailabilitySlot.objects.filter(_current_member_of_slot_cohort(person))
        .filter(Q(booked_by=person) | Q(booked_by__isnull=True, starts_at__gt=now))
        .select_related("cohort__programme", "adviser")
        .order_by("cohort__start_date", "cohort_id", "starts_at", "pk")
    )
    overview: dict[int, CohortTma] = {}
    for slot in slots:
        entry = overview.setdefault(slot.cohort_id, CohortTma(cohort=slot.cohort))
        if slot.booked_by_id == person.pk:
            slot.is_past = slot.ends_at <= now
            slot.can_cancel = can_cancel(slot, now=now)
            entry.booked.append(slot)
        else:
            entry.free.append(slot)
    for entry in overview.values():
        entry.booked.sort(key=lambda slot: slot.sequence_number or 0)
    return list(overview.values())


def can_cancel(slot: AvailabilitySlot, *, now: datetime | None = None) -> bool:
    return slot.starts_at - (now or timezone.now()) >= CANCEL_DEADLINE


# --- publishing and withdrawing ------------------------------------------------------------------------------


@transaction.atomic
def slots_publish(
    *,
    adviser: User,
    cohort: Cohort,
    day: date,
    first_start: time,
    minutes: int,
    count: int,
    location: str,
) -> list[AvailabilitySlot]:
    """Publish `count` consecutive slots of `minutes` each on `day` from `first_start` (local time).

    All or nothing: refused when the cohort is not the adviser's, the first slot is not in the future, the
    series runs past midnight or overlaps one of the adviser's own slots.
    """
    if cohort.programme.owner_id not in adviser_organisation_ids(adviser) or not cohort_is_publishable(cohort):
        raise PermissionDenied(_("You cannot publish slots for this group."))
    if not MIN_SLOT_MINUTES <= minutes <= MAX_SLOT_MINUTES:
        raise ValidationError(
            {
                "minutes": _("A session lasts between %(min)s and %(max)s minutes.")
                % {"min": MIN_SLOT_MINUTES, "max": MAX_SLOT_MINUTES}
            }
        )
    if not 1 <= count <= MAX_SLOTS_PER_DAY:
        raise ValidationError({"count": _("Publish between 1 and %(max)s slots a day.") % {"max": MAX_SLOTS_PER_DAY}})
    location = (location or "").strip()
    first = local_datetime(day, first_start)
    length = timedelta(minutes=minutes)
    last_end = first + length * count
    if first <= timezone.now():
        raise ValidationError({"first_start": _("The first slot must be in the future.")})
    if timezone.localtime(last_end - timedelta(microseconds=1)).date() != day:
        raise ValidationError({"count": _("The slots must end on the same day; publish fewer or shorter slots.")})

    # Serialise this adviser's publishing, so two series sent at the same moment cannot overlap each other.
    User.objects.select_for_update(no_key=True).filter(pk=adviser.pk).first()
    overlapping = (
        AvailabilitySlot.objects.filter(adviser=adviser, starts_at__lt=last_end, ends_at__gt=first)
        .order_by("starts_at")
        .first()
    )
    if overlapping is not None:
        local = timezone.localtime(overlapping.starts_at)
        raise ValidationError(
            _("These slots overlap a slot you already published at %(time)s on %(date)s; nothing was published.")
            % {"time": local.strftime("%H:%M"), "date": local.strftime("%d-%m-%Y")},
            code="overlap",
        )
    slots = [
        AvailabilitySlot(
            adviser=adviser,
            cohort=cohort,
            starts_at=first + length * index,
            ends_at=first + length * (index + 1),
            location=location,
        )
        for index in range(count)
    ]
    try:
        with transaction.atomic():
            return AvailabilitySlot.objects.bulk_create(slots)
    except IntegrityError as error:
        raise ValidationError(
            _("These slots overlap a slot you already published; nothing was published."), code="overlap"
        ) from error


def cohort_is_publishable(cohort: Cohort) -> bool:
    return cohort.status in PUBLISHABLE_COHORT_STATUSES


@transaction.atomic
def slot_withdraw(*, adviser: User, slot: AvailabilitySlot) -> None:
    """Withdraw one of the adviser's own slots, as long as nobody has booked it."""
    locked = AvailabilitySlot.objects.select_for_update().filter(pk=slot.pk).first()
    if locked is None:
        return  # already withdrawn: withdrawing twice changes nothing
    if locked.adviser_id != adviser.pk:
        raise PermissionDenied(_("You can only withdraw your own slots."))
    if locked.booked_by_id is not None:
        raise ValidationError(
            _(
                "This slot has been booked, so it cannot be withdrawn. Ask the participant to cancel "
                "the booking, or agree on another time with them."
            ),
            code="booked",
        )
    locked.delete()


# --- booking and cancelling ---------------------------------------------------------------------------------


def _lock_person(person: User) -> None:
    """Serialise everything one person books or cancels: their numbers and overlaps are re-checked under it."""
    User.objects.select_for_update(no_key=True).filter(pk=person.pk).first()


def _lock_slot(slot: AvailabilitySlot) -> AvailabilitySlot:
    return (
        AvailabilitySlot.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "adviser", "booked_by")
        .get(pk=slot.pk)
    )


def _taken_numbers(*, person: User, cohort_id: int) -> set[int]:
    return set(
        AvailabilitySlot.objects.filter(booked_by=person, cohort_id=cohort_id).values_list("sequence_number", flat=True)
    )


def _slot_key(slot: AvailabilitySlot) -> str:
    # The booking moment is part of the key, so booking the slot again after a cancel notifies again.
    return f"slot-{slot.pk}-{slot.booked_at.isoformat()}"


def _notify_booking(slot: AvailabilitySlot, *, person: User, event: Event, key: str, number: int) -> None:
    context = {"slot": slot, "person": person, "adviser": slot.adviser, "cohort": slot.cohort, "number": number}
    notify(recipient=person, event=event, key=key, context=context, action_url=reverse("sessions:tma_booking"))
    notify(recipient=slot.adviser, event=event, key=key, context=context, action_url=reverse("sessions:slots"))


@transaction.atomic
def slot_book(*, slot: AvailabilitySlot, person: User) -> AvailabilitySlot:
    """Book a free future slot for `person`, who must be a current member of its cohort.

    The booking gets the lowest TMA number (1, 2, 3) the person has not booked in this cohort yet.
    Refused when the slot is taken or past, when the person already has three, or a TMA session at an
    overlapping time. The adviser and the person are told.
    """
    _lock_person(person)
    slot = _lock_slot(slot)
    if (
        slot.cohort_id is None
        or not Enrolment.objects.filter(
            cohort_id=slot.cohort_id, person=person, status__in=Enrolment.CURRENT_STATUSES
        ).exists()
    ):
        raise PermissionDenied(_("Only members of this group can book this slot."))
    now = timezone.now()
    if slot.booked_by_id == person.pk:
        raise ValidationError(_("You have already booked this slot."), code="already_yours")
    if slot.booked_by_id is not None:
        raise ValidationError(_("Someone else has just booked this slot. Choose another time."), code="taken")
    if slot.starts_at <= now:
        raise ValidationError(_("This slot has already started; choose a later one."), code="past")
    taken = _taken_numbers(person=person, cohort_id=slot.cohort_id)
    free_numbers = [number for number in range(1, TMA_SESSIONS + 1) if number not in taken]
    if not free_numbers:
        raise ValidationError(
            _("You have already booked your %(count)s TMA sessions.") % {"count": TMA_SESSIONS}, code="all_booked"
        )
    if AvailabilitySlot.objects.filter(
        booked_by=person, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
    ).exists():
        raise ValidationError(
            _("You already have a TMA session at an overlapping time. Choose another slot."), code="overlap"
        )
    slot.booked_by = person
    slot.booked_at = now
    slot.sequence_number = free_numbers[0]
    try:
        with transaction.atomic():
            slot.save(update_fields=["booked_by", "booked_at", "sequence_number"])
    except IntegrityError as error:
        # The locks above serialise bookings; the constraint on the TMA number is the last guard.
        raise ValidationError(
            _("You booked this TMA session at the same moment elsewhere; check your bookings."), code="duplicate"
        ) from error
    _notify_booking(slot, person=person, event=Event.TMA_BOOKED, key=_slot_key(slot), number=slot.sequence_number)
    return slot


@transaction.atomic
def slot_cancel(*, slot: AvailabilitySlot, person: User) -> AvailabilitySlot:
    """Cancel the person's own booking, up to 24 hours before it starts; the slot becomes free again."""
    _lock_person(person)
    slot = _lock_slot(slot)
    if slot.booked_by_id != person.pk:
        raise PermissionDenied(_("You can only cancel your own booking."))
    if not can_cancel(slot):
        raise ValidationError(
            _(
                "A TMA session can be cancelled up to 24 hours before it starts. "
                "Contact your career adviser to cancel at this late stage."
            ),
            code="too_late",
        )
    key = _slot_key(slot)
    number = slot.sequence_number
    slot.booked_by = None
    slot.booked_at = None
    slot.sequence_number = None
    slot.save(update_fields=["booked_by", "booked_at", "sequence_number"])
    _notify_booking(slot, person=person, event=Event.TMA_BOOKING_CANCELLED, key=key, number=number)
    return slot
