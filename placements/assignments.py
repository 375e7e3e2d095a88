"""Assignments (opdrachten): a host's contact person posts them in a round, programme HR reviews them, and only
published assignments reach the trainees' project market.

submitted → published | rejected (sent back with a note) ; rejected → submitted (edited and resubmitted);
submitted, rejected, or published before the market opens → withdrawn.

Who may act (views answer 404 to anyone else; the services refuse too):
- a host contact person (HR adviser of a participating organisation) posts, edits and withdraws assignments of
  their own organisation; programme HR (HR of the programme's owner) may do so on behalf of any participating host;
- programme HR reviews.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Department, Organisation, Role, User
from accounts.scoping import is_hr_of
from notifications.events import Event
from notifications.services import notify
from programmes.models import Track

from . import selectors
from .models import Assignment, PlacementRound

Status = Assignment.Status
RoundStatus = PlacementRound.Status

OPEN_FOR_ASSIGNMENTS = (RoundStatus.COLLECTING, RoundStatus.MARKET)
EDITABLE_STATUSES = (Status.SUBMITTED, Status.REJECTED)
MIN_CAPACITY, MAX_CAPACITY = 1, 5
MIN_HOURS, MAX_HOURS = Decimal("1"), Decimal("40")
FIELDS = (
    "title",
    "description",
    "department",
    "supervisor",
    "hours_per_week",
    "track",
    "suits_rotation",
    "suits_fixed",
    "capacity",
)


# --- reads -------------------------------------------------------------------------------------------------


def is_programme_hr(*, user, round: PlacementRound) -> bool:
    return is_hr_of(user, round.cohort.programme.owner_id)


def host_organisation_choices(*, user, round: PlacementRound) -> QuerySet[Organisation]:
    """The hosts this person may post for in the round: every participating organisation for programme HR, else the
    participating organisations they are HR adviser of."""
    organisations = round.cohort.programme.participating_organisations.order_by("name")
    if is_programme_hr(user=user, round=round):
        return organisations
    return organisations.managed_by(user)


def round_for_posting(*, user, pk: int) -> PlacementRound:
    """A round of a programme this person's organisation takes part in (or owns) with a host they may post for."""
    round = get_object_or_404(selectors.rounds_for_host(user=user).select_related("cohort__track"), pk=pk)
    if not host_organisation_choices(user=user, round=round).exists():
        raise Http404
    return round


def rounds_open_for_posting(*, user) -> QuerySet[PlacementRound]:
    return selectors.rounds_for_host(user=user).filter(status__in=OPEN_FOR_ASSIGNMENTS).order_by("starts_on", "pk")


def supervisor_choices(*, organisations) -> QuerySet[User]:
    return (
        User.objects.filter(organisation__in=organisations, is_active=True)
        .select_related("organisation")
        .order_by("last_name", "first_name", "email")
    )


def department_choices(*, organisations) -> QuerySet[Department]:
    return Department.objects.filter(organisation__in=organisations).select_related("organisation").order_by("name")


def track_choices(*, round: PlacementRound) -> QuerySet[Track]:
    return Track.objects.filter(programme_id=round.cohort.programme_id).order_by("name")


def host_assignment_list(*, user) -> QuerySet[Assignment]:
    """The assignments of the contact person's organisations across rounds, newest round first."""
    return (
        selectors.assignments_of_host(user=user)
        .select_related("round__cohort")
        .annotate(candidate_count=Count("preferences"))
        .order_by("-round__starts_on", "round__pk", "title", "pk")
    )


def _editor_scope(user) -> QuerySet[Assignment]:
    return (
        Assignment.objects.managed_by(user)
        | Assignment.objects.filter(round__in=PlacementRound.objects.managed_by(user))
    ).select_related(
        "round__cohort__programme__owner", "round__cohort__track", "host_organisation", "department", "supervisor"
    )


def assignment_for_editor(*, user, pk: int) -> Assignment:
    """An assignment of one of the person's host organisations, or of a programme their organisation owns."""
    return get_object_or_404(_editor_scope(user), pk=pk)


def assignment_for_reviewer(*, user, pk: int) -> Assignment:
    """An assignment in a round of a programme HR's organisation owns; 404 otherwise."""
    return get_object_or_404(
        Assignment.objects.select_related("round__cohort__programme", "host_organisation", "contact"),
        pk=pk,
        round__in=PlacementRound.objects.managed_by(user),
    )


def round_assignments(*, round: PlacementRound) -> QuerySet[Assignment]:
    """The round's assignments for HR's review, with how many trainees ranked each, in one query."""
    return (
        Assignment.objects.filter(round=round)
        .select_related("host_organisation", "department", "supervisor", "track", "contact")
        .annotate(candidate_count=Count("preferences"))
        .order_by("host_organisation__name", "title", "pk")
    )


def programme_hr_people(*, round: PlacementRound) -> QuerySet[User]:
    """HR advisers of the programme's owner: the people who review assignments."""
    return User.objects.filter(
        is_active=True,
        role_assignments__role=Role.HR_ADVISER,
        role_assignments__organisation_id=round.cohort.programme.owner_id,
    ).distinct()


def can_edit(assignment: Assignment) -> bool:
    return assignment.status in EDITABLE_STATUSES and assignment.round.status in OPEN_FOR_ASSIGNMENTS


def can_withdraw(assignment: Assignment) -> bool:
    """While it waits for review or was sent back, or when published before the market opens."""
    round_status = assignment.round.status
    return round_status in OPEN_FOR_ASSIGNMENTS and (
        assignment.status in EDITABLE_STATUSES
        or (assignment.status == Status.PUBLISHED and round_status == RoundStatus.COLLECTING)
    )


# --- writes ------------------------------------------------------------------------------------------------


def _may_act_for_host(*, user, round: PlacementRound, host_organisation: Organisation) -> bool:
    return is_hr_of(user, round.cohort.programme.owner_id) or is_hr_of(user, host_organisation.pk)


def _lock_round(round: PlacementRound) -> PlacementRound:
    return (
        PlacementRound.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "cohort__track")
        .get(pk=round.pk)
    )


def _lock_assignment(assignment: Assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("host_organisation", "contact")
        .get(pk=assignment.pk)
    )


def _require_open(round: PlacementRound) -> None:
    if round.status not in OPEN_FOR_ASSIGNMENTS:
        raise ValidationError(
            _("This round no longer takes assignments: it is “%(status)s”.")
            % {"status": RoundStatus(round.status).label},
            code="round_closed",
        )


def _cleaned_fields(*, round: PlacementRound, host_organisation: Organisation, fields: dict) -> dict:
    """Check an assignment's fields against the round and the host; every problem at once, per field."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown assignment fields: {sorted(unknown)}")
    values = {
        "title": (fields.get("title") or "").strip(),
        "description": (fields.get("description") or "").strip(),
        "department": fields.get("department"),
        "supervisor": fields.get("supervisor"),
        "hours_per_week": fields.get("hours_per_week"),
        "track": fields.get("track"),
        "suits_rotation": bool(fields.get("suits_rotation")),
        "suits_fixed": bool(fields.get("suits_fixed")),
        "capacity": fields.get("capacity"),
    }
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    programme = round.cohort.programme
    if not programme.participating_organisations.filter(pk=host_organisation.pk).exists():
        refuse("host_organisation", _("%(host)s does not take part in this programme.") % {"host": host_organisation})
    if not values["title"]:
        refuse("title", _("Give the assignment a title."))
    if not values["description"]:
        refuse("description", _("Describe the assignment."))
    supervisor = values["supervisor"]
    if supervisor is None:
        refuse("supervisor", _("Choose the supervisor at the host."))
    elif supervisor.organisation_id != host_organisation.pk or not supervisor.is_active:
        refuse("supervisor", _("The supervisor must be an active person of %(host)s.") % {"host": host_organisation})
    department = values["department"]
    if department is not None and department.organisation_id != host_organisation.pk:
        refuse("department", _("The department must be one of %(host)s.") % {"host": host_organisation})
    track = values["track"]
    if track is not None and track.programme_id != programme.pk:
        refuse("track", _("Choose a track of this programme."))
    hours = values["hours_per_week"]
    if hours is None or not (MIN_HOURS <= Decimal(hours) <= MAX_HOURS):
        refuse(
            "hours_per_week",
            _("The hours per week are between %(min)s and %(max)s.") % {"min": MIN_HOURS, "max": MAX_HOURS},
        )
    capacity = values["capacity"]
    if capacity is None or not (MIN_CAPACITY <= capacity <= MAX_CAPACITY):
        refuse(
            "capacity",
            _("An assignment is for %(min)s to %(max)s trainees.") % {"min": MIN_CAPACITY, "max": MAX_CAPACITY},
        )
    if round.kind == PlacementRound.Kind.ROTATION and not values["suits_rotation"]:
        refuse("suits_rotation", _("This is a round of 8-month rotations: the assignment must suit a rotation."))
    if round.kind == PlacementRound.Kind.FIXED and not values["suits_fixed"]:
        refuse("suits_fixed", _("This is a round of fixed placements: the assignment must suit a fixed placement."))
    if errors:
        raise ValidationError(errors)
    return values


def _notify_submitted(*, assignment: Assignment, round: PlacementRound, by: User) -> None:
    """Tell programme HR about the assignment's latest submission (its ``submission_count``)."""
    key = f"assignment:{assignment.pk}:{assignment.submission_count}"
    action_url = reverse("placements:round_detail", args=[round.pk])
    for person in programme_hr_people(round=round).exclude(pk=by.pk).order_by("pk"):
        # idempotency: the key names this submission, so a repeated call sends nothing twice.
        notify(
            recipient=person,
            event=Event.ASSIGNMENT_SUBMITTED,
            key=key,
            context={"assignment": assignment, "round": round, "host": assignment.host_organisation},
            action_url=action_url,
        )


@transaction.atomic
def assignment_submit(*, round: PlacementRound, host_organisation: Organisation, by: User, **fields) -> Assignment:
    """Post an assignment for review in a round that collects assignments or has its market open.

    The supervisor and department belong to the host, the host takes part in the programme, a rotation round's
    assignment suits a rotation and a fixed round's a fixed placement, and it is for 1 to 5 trainees. Programme HR
    is told there is something to review.
    """
    round = _lock_round(round)
    if not _may_act_for_host(user=by, round=round, host_organisation=host_organisation):
        raise PermissionDenied
    _require_open(round)
    values = _cleaned_fields(round=round, host_organisation=host_organisation, fields=fields)
    assignment = Assignment.objects.create(
        round=round,
        host_organisation=host_organisation,
        contact=by,
        status=Status.SUBMITTED,
        submission_count=1,
        **values,
    )
    _notify_submitted(assignment=assignment, round=round, by=by)
    return assignment


@transaction.atomic
def assignment_update(*, assignment: Assignment, by: User, **fields) -> Assignment:
    """Change an assignment that waits for review or was sent back; a sent-back one goes back to HR's review."""
    round = _lock_round(assignment.round)
    locked = _lock_assignment(assignment)
    if not _may_act_for_host(user=by, round=round, host_organisation=locked.host_organisation):
        raise PermissionDenied
    _require_open(round)
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("Only an assignment that waits for review or was sent back can be changed."), code="not_editable"
        )
    values = _cleaned_fields(round=round, host_organisation=locked.host_organisation, fields=fields)
    resubmitted = locked.status == Status.REJECTED
    for name, value in values.items():
        setattr(locked, name, value)
    locked.status = Status.SUBMITTED
    update_fields = [*values, "status"]
    if resubmitted:
        locked.submission_count = F("submission_count") + 1
        update_fields.append("submission_count")
    locked.save(update_fields=update_fields)
    if resubmitted:
        locked.refresh_from_db(fields=["submission_count"])
        _notify_submitted(assignment=locked, round=round, by=by)
    return locked


@transaction.atomic
def assignment_withdraw(*, assignment: Assignment, by: User) -> Assignment:
    """Take an assignment back: while it waits for review or was sent back, or when published before the market
    opens. Once trainees can rank it, only HR's review decides."""
    round = _lock_round(assignment.round)
    locked = _lock_assignment(assignment)
    if not _may_act_for_host(user=by, round=round, host_organisation=locked.host_organisation):
        raise PermissionDenied
    _require_open(round)
    locked.round = round
    if not can_withdraw(locked):
        raise ValidationError(
            _("Trainees can already rank this assignment; ask the programme's HR to take it back."),
            code="not_withdrawable",
        )
    locked.status = Status.WITHDRAWN
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def assignment_review(*, assignment: Assignment, by: User, publish: bool, note: str) -> Assignment:
    """Programme HR publishes an assignment that waits for review, or sends it back with a note (required).
    The contact person who posted it is told."""
    round = _lock_round(assignment.round)
    if not is_hr_of(by, round.cohort.programme.owner_id):
        raise PermissionDenied
    locked = _lock_assignment(assignment)
    note = (note or "").strip()
    if locked.status != Status.SUBMITTED:
        raise ValidationError(_("Only an assignment that waits for review can be reviewed."), code="not_submitted")
    if round.status not in OPEN_FOR_ASSIGNMENTS:
        raise ValidationError(
            _("This round is “%(status)s”: assignments can no longer be reviewed.")
            % {"status": RoundStatus(round.status).label},
            code="round_closed",
        )
    if not publish and not note:
        raise ValidationError({"note": _("Say why you send the assignment back.")}, code="note_required")
    locked.status = Status.PUBLISHED if publish else Status.REJECTED
    locked.review_note = note
    locked.review_count = F("review_count") + 1
    locked.save(update_fields=["status", "review_note", "review_count"])
    locked.refresh_from_db(fields=["review_count"])
    contact = locked.contact
    if contact is not None and contact.pk != by.pk:
        # idempotency: the key names this review (the n-th of the assignment); a repeat sends nothing.
        notify(
            recipient=contact,
            event=Event.ASSIGNMENT_REVIEWED,
            key=f"assignment:{locked.pk}:{locked.review_count}",
            context={"assignment": locked, "round": round, "published": publish, "note": note},
            action_url=reverse("placements:host_assignments"),
        )
    assignment.status, assignment.review_note = locked.status, locked.review_note
    return locked
