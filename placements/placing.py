"""From the project market to placements: HR runs the allocation, adjusts it by hand and publishes it; each
trainee's placement timeline over the whole programme; supervisors' mid-term and final assessments.

Rules decided here (and why):
- The allocation runs on a round whose market is closed (status "allocating"), so that nobody changes a
  preference under it. A run replaces the round's PROPOSED placements, in one transaction, under a lock on
  the round row; every write to a round's placements takes the same lock first, so capacity is checked
  without a race.
- HR's manual adjustment (`placement_set`) keeps every hard rule of the optimiser (track, never the same
  assignment twice, never a pair the host marked "not suitable", capacity) except one: HR may place a trainee
  on an assignment they did not rank, because that is how HR helps someone who ranked only full assignments
  after talking with them. Such a placement is explained as "not one you ranked; set by HR".
- Publishing refuses while a current member of the cohort has no placement in the round, unless HR confirms
  "publish anyway" (someone on leave, or placed outside the market); a published round is closed.
  Publishing tells each trainee (where, when, who supervises), each supervisor and each contact person of the
  host (its HR advisers), one message per placement each: the key holds the placement id, so a repeat sends
  nothing.
- Assessments: the supervisor writes the mid-term assessment from the placement's first day and the final
  assessment only after the mid-term one. The trainee and programme HR read them; the supervisor who writes
  one sees it on the form to change it; nobody else. Every read and change is audit-logged with ids only.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from accounts.models import Role, User
from accounts.scoping import is_hr_of
from audit.models import AuditEvent
from audit.services import audit_record, audit_record_many
from core.charts import Chart, Series
from notifications.events import Event
from notifications.services import notify
from participants.models import Enrolment
from programmes.models import Cohort, Programme

from .allocation import (
    AllocationResult,
    Reason,
    RoundData,
    forbidden_reason,
    placement_allocation_evaluate,
    placement_allocation_propose,
    reasons_about_the_trainee,
    reasons_from_text,
    reasons_to_text,
    round_allocation_data,
)
from .models import Assignment, Placement, PlacementAssessment, PlacementRound
from .selectors import placements_supervised_by

RoundStatus = PlacementRound.Status
SET_BY_HR = Reason(gettext_noop("set by HR"))
ASSESSMENT_MAX_LENGTH = 10000
PATTERNS_WITH_PLACEMENTS = (
    Programme.PlacementPattern.ROTATION,
    Programme.PlacementPattern.FIXED,
    Programme.PlacementPattern.ROTATION_OR_FIXED,
    Programme.PlacementPattern.CLIENT_ASSIGNMENTS,
)
ROTATIONS = 3


# --- access -----------------------------------------------------------------------------------------------


def is_programme_hr(*, user, cohort: Cohort) -> bool:
    return is_hr_of(user, cohort.programme.owner_id)


def _check_programme_hr(*, user, round: PlacementRound) -> None:
    if not is_programme_hr(user=user, cohort=round.cohort):
        raise PermissionDenied


def _lock_round(round: PlacementRound) -> PlacementRound:
    return PlacementRound.objects.select_for_update(of=("self",)).select_related("cohort__programme").get(pk=round.pk)


def _require_allocating(round: PlacementRound) -> None:
    if round.status == RoundStatus.PUBLISHED:
        raise ValidationError(
            _("This round has been published: its placements can no longer change."), code="published"
        )
    if round.status != RoundStatus.ALLOCATING:
        raise ValidationError(
            _("Close the project market first: placements are made once the market is closed."), code="market_open"
        )


# --- the allocation ---------------------------------------------------------------------------------------


@transaction.atomic
def round_allocation_run(*, round: PlacementRound, by: User) -> AllocationResult:
    """Run the optimiser on the round's preferences and replace the round's proposed placements with the new
    proposal (starting and ending with the round). Returns the optimiser's result (who could not be placed and
    why, the stability check)."""
    _check_programme_hr(user=by, round=round)
    locked = _lock_round(round)
    _require_allocating(locked)
    data = round_allocation_data(round=locked)
    result = placement_allocation_propose(**data.optimiser_input())
    Placement.objects.filter(round=locked, status=Placement.Status.PROPOSED).delete()
    Placement.objects.bulk_create(
        [
            Placement(
                round=locked,
                trainee_id=trainee_id,
                assignment_id=assignment_id,
                starts_on=locked.starts_on,
                ends_on=locked.ends_on,
                status=Placement.Status.PROPOSED,
                explanation=reasons_to_text(result.explanations[trainee_id]),
            )
            for trainee_id, assignment_id in sorted(result.placements.items())
        ]
    )
    return result


def _member(round: PlacementRound, trainee: User) -> None:
    if not Enrolment.objects.filter(
        cohort_id=round.cohort_id, person=trainee, status__in=Enrolment.CURRENT_STATUSES
    ).exists():
        raise ValidationError(_("This person is not a current member of the group."), code="not_a_member")


@transaction.atomic
def placement_set(*, round: PlacementRound, trainee: User, assignment: Assignment, by: User) -> Placement:
    """HR places a trainee on an assignment by hand (a proposed placement, replacing theirs in this round)."""
    _check_programme_hr(user=by, round=round)
    locked = _lock_round(round)
    _require_allocating(locked)
    _member(locked, trainee)
    if assignment.round_id != locked.pk or assignment.status != Assignment.Status.PUBLISHED:
        raise ValidationError(_("Choose a published assignment of this round."), code="not_in_round")
    data = round_allocation_data(round=locked)
    facts = {fact.id: fact for fact in data.assignment_facts}
    trainee_facts = next(fact for fact in data.trainees if fact.id == trainee.pk)
    refusal = forbidden_reason(
        trainee_facts,
        facts[assignment.pk],
        trainee_ranks=data.trainee_ranks,
        not_suitable=data.not_suitable,
        history=data.history,
        ranked_required=False,
    )
    if refusal is not None:
        raise ValidationError(
            _("This placement breaks a rule: %(reason)s."), code="rule", params={"reason": str(refusal)}
        )
    taken = Placement.objects.filter(round=locked, assignment=assignment).exclude(trainee=trainee).count()
    if taken >= assignment.capacity:
        raise ValidationError(
            ngettext(
                "This assignment is full: it takes %(capacity)s trainee.",
                "This assignment is full: it takes %(capacity)s trainees.",
                assignment.capacity,
            ),
            code="full",
            params={"capacity": assignment.capacity},
        )
    evaluation = placement_allocation_evaluate(**data.optimiser_input(), allocation={trainee.pk: assignment.pk})
    placement, _created = Placement.objects.update_or_create(
        round=locked,
        trainee=trainee,
        defaults={
            "assignment": assignment,
            "starts_on": locked.starts_on,
            "ends_on": locked.ends_on,
            "status": Placement.Status.PROPOSED,
            "explanation": reasons_to_text([*evaluation.explanations[trainee.pk], SET_BY_HR]),
        },
    )
    return placement


@transaction.atomic
def placement_remove(*, placement: Placement, by: User) -> None:
    """HR takes a trainee's proposed placement away (the trainee is then unplaced in this round)."""
    _check_programme_hr(user=by, round=placement.round)
    _require_allocating(_lock_round(placement.round))
    Placement.objects.filter(pk=placement.pk, status=Placement.Status.PROPOSED).delete()


def _contact_persons(organisation_ids) -> dict[int, list[User]]:
    contacts: dict[int, list[User]] = defaultdict(list)
    people = (
        User.objects.filter(
            role_assignments__role=Role.HR_ADVISER,
            role_assignments__organisation_id__in=organisation_ids,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )
    for person in people.prefetch_related("role_assignments"):
        for assignment in person.role_assignments.all():
            if assignment.role == Role.HR_ADVISER and assignment.organisation_id in organisation_ids:
                contacts[assignment.organisation_id].append(person)
    return contacts


def unplaced_members(*, round: PlacementRound) -> QuerySet[User]:
    """Current members of the cohort without a placement in the round."""
    return (
        User.objects.filter(enrolments__cohort_id=round.cohort_id, enrolments__status__in=Enrolment.CURRENT_STATUSES)
        .exclude(placements__round=round)
        .distinct()
    )


@transaction.atomic
def round_publish(*, round: PlacementRound, by: User, publish_anyway: bool = False) -> list[Placement]:
    """Publish every proposed placement of the round, close the round and tell trainees, supervisors and the
    hosts' contact persons (once each per placement)."""
    _check_programme_hr(user=by, round=round)
    locked = _lock_round(round)
    _require_allocating(locked)
    placements = list(
        Placement.objects.filter(round=locked, status=Placement.Status.PROPOSED)
        .select_related("trainee", "assignment__host_organisation", "assignment__supervisor", "assignment__department")
        .order_by("pk")
    )
    if not placements:
        raise ValidationError(_("There is nothing to publish yet: run the allocation first."), code="empty")
    unplaced = unplaced_members(round=locked).count()
    if unplaced and not publish_anyway:
        raise ValidationError(
            ngettext(
                "%(count)s trainee of the group has no placement in this round. Place them, or confirm that you "
                "publish anyway.",
                "%(count)s trainees of the group have no placement in this round. Place them, or confirm that you "
                "publish anyway.",
                unplaced,
            ),
            code="unplaced",
            params={"count": unplaced},
        )
    Placement.objects.filter(pk__in=[placement.pk for placement in placements]).update(
        status=Placement.Status.PUBLISHED
    )
    locked.status = RoundStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at"])
    round.status, round.published_at = locked.status, locked.published_at
    contacts = _contact_persons({placement.assignment.host_organisation_id for placement in placements})
    for placement in placements:
        placement.status = Placement.Status.PUBLISHED
        _notify_published(placement=placement, round=locked, contacts=contacts)
    return placements


def _notify_published(*, placement: Placement, round: PlacementRound, contacts) -> None:
    assignment = placement.assignment
    context = {
        "placement": placement,
        "round": round,
        "cohort": round.cohort,
        "trainee": placement.trainee,
        "assignment": assignment,
        "host": assignment.host_organisation,
        "supervisor": assignment.supervisor,
    }
    key = f"placement:{placement.pk}"
    # idempotency: (event, placement id, recipient) is unique in notify, so publishing never tells anyone twice.
    notify(
        recipient=placement.trainee,
        event=Event.PLACEMENT_PUBLISHED,
        key=key,
        context=context,
        action_url=reverse("placements:my_placements"),
    )
    notify(
        recipient=assignment.supervisor,
        event=Event.PLACEMENT_SUPERVISOR_INFORMED,
        key=key,
        context=context,
        action_url=reverse("placements:supervised"),
    )
    for contact in contacts.get(assignment.host_organisation_id, []):
        notify(
            recipient=contact,
            event=Event.PLACEMENT_CONTACT_INFORMED,
            key=key,
            context=context,
            action_url=reverse("placements:host_assignments"),
        )


# --- the allocation page ----------------------------------------------------------------------------------


@dataclass
class AllocationRow:
    trainee: User
    placement: Placement | None
    trainee_rank: int | None
    host_rank: int | None
    not_suitable: bool
    reasons: list  # why this placement (stored with it), or why they are unplaced
    options: list = field(default_factory=list)  # [(assignment, free places, trainee's rank)] HR may choose


@dataclass
class AllocationOverview:
    round: PlacementRound
    rows: list[AllocationRow]
    assignments: list[Assignment]
    taken: dict[int, int]  # assignment id → trainees placed on it
    evaluation: AllocationResult
    has_run: bool
    blocking: list[tuple[User, Assignment]]
    choice_summary: list[tuple[int, int]]  # (rank, how many) for 1st, 2nd, 3rd
    other_choices: int  # a 4th choice or lower
    not_ranked: int  # set by HR on an assignment they did not rank

    @property
    def placed_count(self) -> int:
        return sum(1 for row in self.rows if row.placement is not None)

    @property
    def unplaced_rows(self) -> list[AllocationRow]:
        return [row for row in self.rows if row.placement is None]


def round_allocation_overview(*, round: PlacementRound) -> AllocationOverview:
    """Everything the allocation page shows, in a constant number of queries: per current member their
    (proposed or published) placement with both sides' ranks and the explanation, or why they are unplaced;
    the assignments HR may choose per row; the stability check and how many got their 1st/2nd/3rd choice."""
    data: RoundData = round_allocation_data(round=round)
    placements = {
        placement.trainee_id: placement
        for placement in Placement.objects.filter(round=round).select_related(
            "assignment__host_organisation", "assignment__supervisor"
        )
    }
    member_ids = {member.pk for member in data.members}
    allocation = {trainee_id: p.assignment_id for trainee_id, p in placements.items() if trainee_id in member_ids}
    evaluation = placement_allocation_evaluate(**data.optimiser_input(), allocation=allocation)
    taken: dict[int, int] = defaultdict(int)
    for placement in placements.values():
        taken[placement.assignment_id] += 1
    facts = {fact.id: fact for fact in data.assignment_facts}
    assignments_by_id = {assignment.pk: assignment for assignment in data.assignments}
    editable = round.status == RoundStatus.ALLOCATING
    rows = []
    for member, trainee_facts in zip(data.members, data.trainees, strict=True):
        placement = placements.get(member.pk)
        key = (member.pk, placement.assignment_id) if placement else None
        options = []
        if editable:
            for assignment in data.assignments:
                is_current = placement is not None and placement.assignment_id == assignment.pk
                free = assignment.capacity - taken[assignment.pk] + (1 if is_current else 0)
                allowed = (
                    forbidden_reason(
                        trainee_facts,
                        facts[assignment.pk],
                        trainee_ranks=data.trainee_ranks,
                        not_suitable=data.not_suitable,
                        history=data.history,
                        ranked_required=False,
                    )
                    is None
                )
                if allowed and free > 0:
                    options.append((assignment, free, data.trainee_ranks.get((member.pk, assignment.pk))))
        rows.append(
            AllocationRow(
                trainee=member,
                placement=placement,
                trainee_rank=data.trainee_ranks.get(key) if key else None,
                host_rank=data.host_ranks.get(key) if key else None,
                not_suitable=bool(key) and key in data.not_suitable,
                # HR reads why in the third person ("the trainee's 2nd choice"); the trainee's own page says "your".
                reasons=reasons_about_the_trainee(reasons_from_text(placement.explanation))
                if placement
                else evaluation.unplaced[member.pk],
                options=options,
            )
        )
    members_by_id = {member.pk: member for member in data.members}
    counts = evaluation.choice_counts
    return AllocationOverview(
        round=round,
        rows=rows,
        assignments=data.assignments,
        taken=dict(taken),
        evaluation=evaluation,
        has_run=bool(placements),
        blocking=[
            (members_by_id[trainee_id], assignments_by_id[assignment_id])
            for trainee_id, assignment_id in evaluation.blocking_pairs
        ],
        choice_summary=[(rank, counts.get(rank, 0)) for rank in (1, 2, 3)],
        other_choices=sum(count for rank, count in counts.items() if rank is not None and rank > 3),
        not_ranked=counts.get(None, 0),
    )


def round_allocation_chart(*, overview: AllocationOverview) -> Chart | None:
    """How the allocation turned out, as a bar chart of round_allocation_overview's own counts: how many
    trainees got their 1st, 2nd and 3rd choice, a lower choice, an assignment they did not rank (set by HR)
    and none at all. The first three and "not placed" are always shown, so a zero reads as a zero; the other
    two only when someone is in them. No queries; None before the allocation has run."""
    if not overview.has_run:
        return None
    ordinals = {1: _("1st choice"), 2: _("2nd choice"), 3: _("3rd choice")}
    bars = [(ordinals[rank], count) for rank, count in overview.choice_summary]
    if overview.other_choices:
        bars.append((_("A lower choice"), overview.other_choices))
    if overview.not_ranked:
        bars.append((_("Not one they ranked"), overview.not_ranked))
    bars.append((_("Not placed"), len(overview.unplaced_rows)))
    return Chart(
        title=_("What the trainees got"),
        kind="bar",
        labels=[label for label, _count in bars],
        series=[Series(_("Trainees"), [count for _label, count in bars])],
        counts=True,
        labels_heading=_("Outcome"),
        chart_id="chart-allocation-outcome",
    )


def round_member(*, round: PlacementRound, pk: int) -> User:
    """A current member of the round's cohort; 404 otherwise."""
    return get_object_or_404(
        User.objects.filter(
            enrolments__cohort_id=round.cohort_id, enrolments__status__in=Enrolment.CURRENT_STATUSES
        ).distinct(),
        pk=pk,
    )


def round_placement(*, round: PlacementRound, trainee: User) -> Placement | None:
    return Placement.objects.filter(round=round, trainee=trainee).select_related("round__cohort__programme").first()


# --- timelines --------------------------------------------------------------------------------------------


@dataclass
class TimelineEntry:
    round: PlacementRound
    placement: Placement | None  # published placement of the trainee in this round, or None
    assessments: dict[str, PlacementAssessment] = field(default_factory=dict)  # kind → assessment (readers only)
    given: set[str] = field(default_factory=set)  # kinds of assessments given (shown to everyone who may see)
    read_by_the_trainee: bool = True  # the reasons speak to the trainee ("your 2nd choice"), else about them

    @property
    def reasons(self) -> list[Reason]:
        """Why this placement (the allocation's explanation, in the reader's language and person)."""
        if not self.placement:
            return []
        reasons = reasons_from_text(self.placement.explanation)
        return reasons if self.read_by_the_trainee else reasons_about_the_trainee(reasons)

    @property
    def ordered_assessments(self) -> list[PlacementAssessment]:
        return [self.assessments[kind] for kind in PlacementAssessment.Kind.values if kind in self.assessments]


@dataclass
class Timeline:
    cohort: Cohort
    trainee: User
    entries: list[TimelineEntry]
    pattern: str  # Programme.PlacementPattern value
    pattern_text: str
    planned: int | None  # how many placements the pattern foresees (3 for a rotation), None when open
    with_assessments: bool  # the trainee or programme HR: assessments' texts and why each placement is shown

    @property
    def placed(self) -> list[TimelineEntry]:
        return [entry for entry in self.entries if entry.placement is not None]

    @property
    def to_come(self) -> list[TimelineEntry]:
        """Rounds of the cohort in which the trainee has no published placement yet."""
        return [entry for entry in self.entries if entry.placement is None and entry.round.status != "published"]

    @property
    def unplanned(self) -> int:
        """Placements the pattern foresees for which no round exists yet."""
        if self.planned is None:
            return 0
        return max(self.planned - len(self.placed) - len(self.to_come), 0)


def _pattern(cohort: Cohort, placements: list[Placement]) -> tuple[str, str, int | None]:
    pattern = cohort.programme.placement_pattern
    Pattern = Programme.PlacementPattern
    if pattern == Pattern.ROTATION_OR_FIXED:
        is_fixed = any(placement.round.kind == PlacementRound.Kind.FIXED for placement in placements)
        pattern = Pattern.FIXED if is_fixed else Pattern.ROTATION
    if pattern == Pattern.ROTATION:
        text = _("Rotation: three placements of 8 months over two years, preferably at different organisations.")
        return pattern, text, ROTATIONS
    if pattern == Pattern.FIXED:
        return pattern, _("Fixed placement: two years in one department of one organisation."), 1
    if pattern == Pattern.CLIENT_ASSIGNMENTS:
        return pattern, _("Assignments at client municipalities during the traineeship."), None
    return pattern, Pattern(pattern).label if pattern in Pattern.values else "", None


def trainee_timeline(*, cohort: Cohort, trainee: User, reader: User | None, with_assessments: bool) -> Timeline:
    """The trainee's published placements in the cohort, one entry per round, in three queries. With
    with_assessments (the trainee and programme HR) the assessments' texts are read, and each read is
    audit-logged for `reader`; otherwise only whether they were given."""
    rounds = list(PlacementRound.objects.filter(cohort=cohort).order_by("sequence", "starts_on", "pk"))
    placements = list(
        Placement.objects.filter(round__cohort=cohort, trainee=trainee, status=Placement.Status.PUBLISHED)
        .select_related("round", "assignment__host_organisation", "assignment__supervisor", "assignment__department")
        .order_by("starts_on", "pk")
    )
    by_round = {placement.round_id: placement for placement in placements}
    assessments = list(PlacementAssessment.objects.filter(placement__in=placements).order_by("placement_id", "kind"))
    if with_assessments and assessments:
        audit_record_many(
            actor=reader, action=AuditEvent.Action.VIEWED, targets=assessments, subject_of=lambda _target: trainee
        )
    per_placement: dict[int, dict[str, PlacementAssessment]] = defaultdict(dict)
    for assessment in assessments:
        per_placement[assessment.placement_id][assessment.kind] = assessment
    entries = []
    for round in rounds:
        placement = by_round.get(round.pk)
        given = per_placement.get(placement.pk, {}) if placement else {}
        entries.append(
            TimelineEntry(
                round=round,
                placement=placement,
                assessments=dict(given) if with_assessments else {},
                given=set(given),
                read_by_the_trainee=reader is not None and reader.pk == trainee.pk,
            )
        )
    pattern, text, planned = _pattern(cohort, placements)
    return Timeline(
        cohort=cohort,
        trainee=trainee,
        entries=entries,
        pattern=pattern,
        pattern_text=text,
        planned=planned,
        with_assessments=with_assessments,
    )


def my_timelines(*, user: User) -> list[Timeline]:
    """The person's timelines: one per cohort they are (or were) a member of whose programme has placements."""
    cohorts = list(
        Cohort.objects.filter(
            enrolments__person=user,
            enrolments__status__in=Enrolment.MEMBER_STATUSES,
            programme__placement_pattern__in=PATTERNS_WITH_PLACEMENTS,
        )
        .select_related("programme")
        .distinct()
        .order_by("-start_date", "pk")
    )
    return [trainee_timeline(cohort=cohort, trainee=user, reader=user, with_assessments=True) for cohort in cohorts]


def timeline_for_viewer(*, user: User, cohort_pk: int, trainee_pk: int) -> tuple[Cohort, User, bool]:
    """The cohort and trainee of a timeline page, and whether the viewer is programme HR (who reads the
    assessments). Programme HR and the supervisors of one of the trainee's published placements in the cohort
    may see it; anyone else (or a trainee who is not in the cohort) gets 404."""
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_pk)
    trainee = get_object_or_404(
        User.objects.filter(enrolments__cohort=cohort, enrolments__status__in=Enrolment.MEMBER_STATUSES).distinct(),
        pk=trainee_pk,
    )
    if is_programme_hr(user=user, cohort=cohort):
        return cohort, trainee, True
    supervises = Placement.objects.filter(
        round__cohort=cohort, trainee=trainee, status=Placement.Status.PUBLISHED, assignment__supervisor=user
    ).exists()
    if not supervises:
        raise Http404
    return cohort, trainee, False


def cohort_for_placements_hr(*, user: User, pk: int) -> Cohort:
    return get_object_or_404(Cohort.objects.select_related("programme").managed_by(user), pk=pk)


@dataclass
class CohortPlacements:
    cohort: Cohort
    rounds: list[PlacementRound]
    rows: list[tuple[User, list[Placement | None]]]  # per member, a placement (or None) per round


def cohort_placements(*, cohort: Cohort) -> CohortPlacements:
    """A matrix of the cohort's members × rounds with the placement in each cell, in three queries."""
    rounds = list(PlacementRound.objects.filter(cohort=cohort).order_by("sequence", "starts_on", "pk"))
    members = list(
        User.objects.filter(enrolments__cohort=cohort, enrolments__status__in=Enrolment.MEMBER_STATUSES)
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    cells = {
        (placement.trainee_id, placement.round_id): placement
        for placement in Placement.objects.filter(round__cohort=cohort).select_related("assignment__host_organisation")
    }
    return CohortPlacements(
        cohort=cohort,
        rounds=rounds,
        rows=[(member, [cells.get((member.pk, round.pk)) for round in rounds]) for member in members],
    )


# --- supervisors and their assessments ----------------------------------------------------------------------


def _given(kind: str):
    return Exists(PlacementAssessment.objects.filter(placement=OuterRef("pk"), kind=kind))


def supervised_placements(*, user: User) -> QuerySet[Placement]:
    """The supervisor's own trainees' published placements, with whether each assessment was given (never its
    text)."""
    return (
        placements_supervised_by(user=user)
        .select_related("assignment__department")
        .annotate(
            has_midterm=_given(PlacementAssessment.Kind.MIDTERM), has_final=_given(PlacementAssessment.Kind.FINAL)
        )
        .order_by("-starts_on", "trainee__last_name", "trainee__first_name", "pk")
    )


def assessment_kind(kind: str) -> str:
    """The kind from a URL; 404 for anything else."""
    if kind not in PlacementAssessment.Kind.values:
        raise Http404
    return kind


def assessment_for_author(*, placement: Placement, kind: str, by: User) -> PlacementAssessment | None:
    """The assessment on the supervisor's form (to change it); the read is audit-logged."""
    if placement.assignment.supervisor_id != by.pk:
        raise PermissionDenied
    assessment = PlacementAssessment.objects.filter(placement=placement, kind=kind).first()
    if assessment is not None:
        audit_record(actor=by, action=AuditEvent.Action.VIEWED, target=assessment, subject=placement.trainee)
    return assessment


def assessment_open_from(*, placement: Placement, kind: str, today: date | None = None) -> str | None:
    """Why the supervisor cannot write this assessment yet, or None when they can."""
    today = today or timezone.localdate()
    if today < placement.starts_on:
        return _("You can write an assessment from the first day of the placement, %(date)s.") % {
            "date": formats.date_format(placement.starts_on, "DATE_FORMAT")
        }
    if (
        kind == PlacementAssessment.Kind.FINAL
        and not PlacementAssessment.objects.filter(placement=placement, kind=PlacementAssessment.Kind.MIDTERM).exists()
    ):
        return _("Write the mid-term assessment first.")
    return None


@transaction.atomic
def assessment_save(
    *, placement: Placement, kind: str, text: str, by: User, today: date | None = None
) -> PlacementAssessment:
    """The supervisor writes or changes the mid-term or final assessment of their trainee's placement."""
    locked = (
        Placement.objects.select_for_update(of=("self",)).select_related("assignment", "trainee").get(pk=placement.pk)
    )
    if locked.assignment.supervisor_id != by.pk or locked.status != Placement.Status.PUBLISHED:
        raise PermissionDenied
    if kind not in PlacementAssessment.Kind.values:
        raise ValidationError(_("Choose the mid-term or the final assessment."), code="kind")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the assessment.")}, code="required")
    if len(text) > ASSESSMENT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Keep the assessment under %(max)s characters.") % {"max": ASSESSMENT_MAX_LENGTH}}
        )
    closed = assessment_open_from(placement=locked, kind=kind, today=today)
    if closed:
        raise ValidationError(closed, code="not_yet")
    assessment, created = PlacementAssessment.objects.update_or_create(
        placement=locked, kind=kind, defaults={"text": text, "author": by}
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATED if created else AuditEvent.Action.UPDATED,
        target=assessment,
        subject=locked.trainee,
    )
    return assessment
