"""Writes and reads about placement rounds: programme HR creates a cohort's rounds and moves them through the
project market.

collecting (hosts post assignments, HR reviews) → market (trainees rank, hosts rank their candidates) →
allocating (the market is closed; HR runs the allocation) → published (set by the allocation's publish service).
HR may step back from market to collecting and from allocating to market.
"""

import calendar
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.events import Event
from notifications.services import notify
from participants.models import Enrolment
from programmes.models import Cohort, Programme
from programmes.services import cohort_lock

from .models import Assignment, PlacementRound

Status = PlacementRound.Status
Kind = PlacementRound.Kind

# Talentenregio: three rotations of 8 months make the 2-year traineeship; a fixed placement lasts the 2 years.
ROTATION_MONTHS = 8
ROTATIONS_PER_TRAINEESHIP = 3
FIXED_MONTHS = 24
DEFAULT_MONTHS = {Kind.ROTATION: ROTATION_MONTHS, Kind.FIXED: FIXED_MONTHS}

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.COLLECTING: frozenset({Status.MARKET}),
    Status.MARKET: frozenset({Status.COLLECTING, Status.ALLOCATING}),
    Status.ALLOCATING: frozenset({Status.MARKET}),
    Status.PUBLISHED: frozenset(),
}

# The kinds of round that fit a programme's placement pattern.
KINDS_FOR_PATTERN: dict[str, tuple[str, ...]] = {
    Programme.PlacementPattern.ROTATION: (Kind.ROTATION,),
    Programme.PlacementPattern.FIXED: (Kind.FIXED,),
    Programme.PlacementPattern.ROTATION_OR_FIXED: (Kind.ROTATION, Kind.FIXED),
    Programme.PlacementPattern.CLIENT_ASSIGNMENTS: (Kind.CLIENT,),
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_round_end(*, kind: str, starts_on: date) -> date | None:
    """The last day of a round of this kind: 1 Oct → 31 May for an 8-month rotation; None when there is no rule."""
    months = DEFAULT_MONTHS.get(kind)
    if months is None or starts_on is None:
        return None
    return add_months(starts_on, months) - timedelta(days=1)


def round_kinds_for(*, programme: Programme) -> tuple[str, ...]:
    return KINDS_FOR_PATTERN.get(programme.placement_pattern, ())


def round_defaults(*, cohort: Cohort) -> dict:
    """What the create form suggests: the next number, the day after the last round ends (or the cohort's start),
    the programme's first kind of round, and the end that goes with it."""
    last = PlacementRound.objects.filter(cohort=cohort).order_by("-sequence").first()
    kinds = round_kinds_for(programme=cohort.programme)
    kind = kinds[0] if kinds else Kind.ROTATION
    starts_on = last.ends_on + timedelta(days=1) if last else cohort.start_date
    sequence = last.sequence + 1 if last else 1
    return {
        "name": _("Rotation %(number)s") % {"number": sequence} if kind == Kind.ROTATION else "",
        "kind": kind,
        "sequence": sequence,
        "starts_on": starts_on,
        "ends_on": default_round_end(kind=kind, starts_on=starts_on),
    }


def rounds_of_cohort(*, cohort: Cohort) -> QuerySet[PlacementRound]:
    """The cohort's rounds with what the rounds page counts, in one query."""
    return PlacementRound.objects.filter(cohort=cohort).annotate(
        submitted_count=Count("assignments", filter=Q(assignments__status=Assignment.Status.SUBMITTED), distinct=True),
        published_count=Count("assignments", filter=Q(assignments__status=Assignment.Status.PUBLISHED), distinct=True),
        ranked_count=Count("assignments__preferences__trainee", distinct=True),
    )


@transaction.atomic
def placement_round_create(
    *, cohort: Cohort, name: str, kind: str, sequence: int, starts_on: date, ends_on: date | None, by: User
) -> PlacementRound:
    """Create a round of the cohort, collecting assignments. Without an end, a rotation lasts 8 months and a fixed
    placement 2 years. The round's number is unique in the cohort; rounds of a cohort do not overlap (a trainee
    has one placement at a time); a rotation traineeship has at most three rotations."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors.setdefault("name", []).append(_("Give the round a name."))
    kinds = round_kinds_for(programme=cohort.programme)
    if kind not in kinds:
        errors.setdefault("kind", []).append(_("This kind of round does not fit the programme's placement pattern."))
    if not sequence or sequence < 1:
        errors.setdefault("sequence", []).append(_("The round number is 1 or more."))
    if ends_on is None:
        ends_on = default_round_end(kind=kind, starts_on=starts_on)
        if ends_on is None:
            errors.setdefault("ends_on", []).append(_("Give the date the placements end."))
    if starts_on and ends_on and ends_on <= starts_on:
        errors.setdefault("ends_on", []).append(_("The end date must be after the start date."))
    if errors:
        raise ValidationError(errors)

    others = PlacementRound.objects.filter(cohort=cohort)
    if others.filter(sequence=sequence).exists():
        errors.setdefault("sequence", []).append(
            _("This cohort already has a round number %(number)s.") % {"number": sequence}
        )
    overlapping = others.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
    if overlapping:
        errors.setdefault("starts_on", []).append(
            _("The period overlaps “%(name)s”: a trainee has one placement at a time.") % {"name": overlapping.name}
        )
    if kind == Kind.ROTATION and others.filter(kind=Kind.ROTATION).count() >= ROTATIONS_PER_TRAINEESHIP:
        errors.setdefault("kind", []).append(
            _("A traineeship has %(count)s rotations; this cohort has them all.") % {"count": ROTATIONS_PER_TRAINEESHIP}
        )
    if errors:
        raise ValidationError(errors)
    return PlacementRound.objects.create(
        cohort=cohort, name=name, kind=kind, sequence=sequence, starts_on=starts_on, ends_on=ends_on
    )


@transaction.atomic
def placement_round_status_change(*, round: PlacementRound, to_status: str, by: User) -> PlacementRound:
    """Move a round along collecting → market → allocating (and one step back). Opening the market needs a
    published assignment and tells every current member of the cohort. Publishing is the allocation's business."""
    locked = PlacementRound.objects.select_for_update(of=("self",)).select_related("cohort__programme").get(pk=round.pk)
    if to_status not in TRANSITIONS.get(locked.status, frozenset()):
        raise ValidationError(
            _("A round that is “%(from)s” cannot become “%(to)s”."),
            code="invalid_transition",
            params={"from": Status(locked.status).label, "to": Status(to_status).label if to_status in Status else "?"},
        )
    if to_status == Status.MARKET and not locked.assignments.filter(status=Assignment.Status.PUBLISHED).exists():
        raise ValidationError(
            _("Publish at least one assignment before you open the project market."), code="nothing_published"
        )
    locked.status = to_status
    locked.save(update_fields=["status"])
    round.status = to_status
    if to_status == Status.MARKET:
        _notify_market_opened(round=locked)
    return locked


def _notify_market_opened(*, round: PlacementRound) -> None:
    members = (
        User.objects.filter(
            enrolments__cohort_id=round.cohort_id, enrolments__status__in=Enrolment.CURRENT_STATUSES, is_active=True
        )
        .distinct()
        .order_by("pk")
    )
    action_url = reverse("placements:market", args=[round.pk])
    for member in members:
        # idempotency: (market_opened, round id, member) is unique, so reopening the market sends nothing twice.
        notify(
            recipient=member,
            event=Event.MARKET_OPENED,
            key=f"round:{round.pk}",
            context={"round": round, "cohort": round.cohort, "ends_on": round.ends_on},
            action_url=action_url,
        )
