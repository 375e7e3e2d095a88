"""Writes about cohorts: HR creates and edits them and moves their status along the allowed transitions.

Scope (which HR adviser may touch which cohort) is checked by the views through the selectors; these
functions check the rules of the data itself.
"""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Cohort, Programme, Track
from .selectors import ALLOWED_COHORT_TRANSITIONS


def cohort_lock(*, cohort_id: int) -> Cohort:
    """Lock one cohort's row for the rest of the transaction and read it afresh (with its programme).

    Every write that counts or hands out something of a cohort (seats, groups, votes, matches, rounds,
    swaps) takes this lock first, so two requests for the same cohort are served one after the other.
    """
    return Cohort.objects.select_for_update(of=("self",)).select_related("programme").get(pk=cohort_id)


def _validate_cohort(
    *,
    programme: Programme,
    track: Track | None,
    start_date: date | None,
    end_date: date | None,
    capacity: int,
    start_threshold: int,
) -> None:
    errors: dict[str, list[str]] = {}
    if track is not None and track.programme_id != programme.pk:
        errors.setdefault("track", []).append(_("This track belongs to another programme."))
    if start_date and end_date and end_date < start_date:
        errors.setdefault("end_date", []).append(_("The end date cannot be before the start date."))
    if capacity < 1:
        errors.setdefault("capacity", []).append(_("A cohort has at least one seat."))
    if start_threshold < 1:
        errors.setdefault("start_threshold", []).append(_("At least one person is needed to start."))
    elif start_threshold > capacity:
        errors.setdefault("start_threshold", []).append(
            _("The number needed to start cannot be more than the capacity.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cohort_create(
    *,
    programme: Programme,
    name: str,
    track: Track | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    capacity: int | None = None,
    start_threshold: int | None = None,
    coordinator: User | None = None,
) -> Cohort:
    """A new cohort, planned; capacity and start threshold default to the programme's group rules."""
    capacity = programme.group_capacity if capacity is None else capacity
    start_threshold = programme.start_threshold if start_threshold is None else start_threshold
    _validate_cohort(
        programme=programme,
        track=track,
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        start_threshold=start_threshold,
    )
    return Cohort.objects.create(
        programme=programme,
        name=name.strip(),
        track=track,
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        start_threshold=start_threshold,
        coordinator=coordinator,
        status=Cohort.Status.PLANNED,
    )


@transaction.atomic
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
    before_save: Callable[[Cohort], None] | None = None,
    after_save: Callable[[Cohort], None] | None = None,
) -> Cohort:
    """Change a cohort's details (not its status: see cohort_status_change).

    The apps above take their own steps through the hooks, under the cohort's lock and in the same transaction:
    ``before_save`` is called with the locked cohort once the details are valid (it may refuse the change with
    a ``ValidationError``), ``after_save`` once they are saved. The portal changes a cohort through
    ``participants.services.cohort_update``: everyone placed keeps their seat, and new seats go to the queue.
    """
    cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)
    _validate_cohort(
        programme=cohort.programme,
        track=track,
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        start_threshold=start_threshold,
    )
    if before_save is not None:
        before_save(cohort)
    cohort.name = name.strip()
    cohort.track = track
    cohort.start_date = start_date
    cohort.end_date = end_date
    cohort.capacity = capacity
    cohort.start_threshold = start_threshold
    cohort.coordinator = coordinator
    cohort.save(update_fields=["name", "track", "start_date", "end_date", "capacity", "start_threshold", "coordinator"])
    if after_save is not None:
        after_save(cohort)
    return cohort


def cohort_allowed_statuses(*, cohort: Cohort) -> tuple[str, ...]:
    return ALLOWED_COHORT_TRANSITIONS[cohort.status]


@transaction.atomic
def cohort_status_change(
    *, cohort: Cohort, to_status: str, after_save: Callable[[Cohort], None] | None = None
) -> Cohort:
    """Move the cohort to the next status: planned → open → full → running → completed → evaluated.

    Also allowed: back from open to planned, from full to open (a seat came free), and straight from
    planned or open to running (a group HR composed itself). Anything else is refused with a message.

    ``after_save`` is called with the locked cohort once its new status is saved, in the same transaction. The
    portal changes the status through ``participants.services.cohort_status_change``, which takes the enrolment
    steps that go with it there (a starting group becomes active, an ending one completes).
    """
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if to_status not in Cohort.Status.values:
        raise ValidationError(_("Unknown status."))
    if to_status not in ALLOWED_COHORT_TRANSITIONS[locked.status]:
        raise ValidationError(
            _("A cohort that is “%(current)s” cannot become “%(new)s”.")
            % {"current": Cohort.Status(locked.status).label, "new": Cohort.Status(to_status).label}
        )
    locked.status = to_status
    locked.save(update_fields=["status"])
    cohort.status = to_status
    if after_save is not None:
        after_save(locked)
    return locked
