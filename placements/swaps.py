"""AV VIB's job swaps (functiewisseling) and joint project teams: the reads (selectors) and writes (services).

The flow:

1. A current member (placed or active) of a cohort whose programme's placement pattern is job swap offers their
   own job and says which kinds of work it involves and which they want to try (``swap_offer_save``).
2. The programme's HR runs ``swaps_propose``: the optimiser (``swap_matching``) proposes pairs and rings between
   municipalities; the cohort's proposed swaps are replaced (final swaps, and the people in them, are never
   touched) and every participant in a new swap is told.
3. Each participant accepts or declines their move. Declining cancels the whole swap and tells the others.
   Once a move is accepted, its participant's manager (the home manager) and the manager of the person whose
   job they take over (the host manager) are asked to approve; one manager may be both, for different moves.
4. When every move of a swap is accepted and approved on both sides, the swap is final and everyone in it is
   told. A manager who does not approve cancels the swap, like a participant who declines.
5. After the swaps, HR composes joint project teams that mix municipalities (``project_teams_propose``,
   ``project_team_save``).

Every change of a swap's state happens under a lock on the swap's row; proposing locks the cohort's row.
Two people of one municipality are never in one move: the optimiser never proposes it and the services
refuse it again before they write.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Organisation, User
from accounts.selectors import hr_organisation_ids
from notifications.events import Event
from notifications.services import notify
from participants.models import Enrolment
from programmes.models import Cohort, Programme
from programmes.services import cohort_lock

from .models import ProjectTeam, Swap, SwapMove, SwapOffer
from .swap_matching import DEFAULT_MAX_RING, Offer, Reason, SwapProposal, left_out_reasons, move_reasons
from .swap_matching import swap_cycles_propose as _swap_cycles_propose

SWAP_MONTHS = 3
LIVE_STATUSES = (Swap.Status.PROPOSED, Swap.Status.FINAL)
HOME, HOST = "home", "host"
SIDES = (HOME, HOST)
NO_MANAGER_REASON = Reason(gettext_noop("no manager is registered to approve a swap"))


def swap_period(starts_on: date) -> tuple[date, date]:
    """Three months from the start date, the last day included: 1 October → 31 December."""
    return starts_on, starts_on + relativedelta(months=SWAP_MONTHS) - timedelta(days=1)


def _person_name(person: User) -> str:
    return person.full_name or person.email


# --- selectors: scope ----------------------------------------------------------------------------------------


def _swap_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.filter(programme__placement_pattern=Programme.PlacementPattern.JOB_SWAP).select_related(
        "programme__owner"
    )


def swap_cohort_for_hr(*, user, pk: int) -> Cohort:
    """A job-swap cohort of a programme HR's organisation owns; 404 otherwise."""
    return get_object_or_404(_swap_cohorts(), pk=pk, programme__owner_id__in=hr_organisation_ids(user))


def swap_cohorts_of_member(*, user) -> QuerySet[Cohort]:
    """The job-swap cohorts this person is a current member of, the most recent first."""
    return (
        _swap_cohorts()
        .filter(enrolments__person=user, enrolments__status__in=Enrolment.CURRENT_STATUSES)
        .distinct()
        .order_by("-start_date", "-pk")
    )


def swap_cohort_for_member(*, user, pk: int) -> Cohort:
    return get_object_or_404(swap_cohorts_of_member(user=user), pk=pk)


def swap_members(*, cohort: Cohort) -> QuerySet[User]:
    return (
        User.objects.filter(enrolments__cohort=cohort, enrolments__status__in=Enrolment.CURRENT_STATUSES)
        .select_related("organisation", "manager")
        .order_by("last_name", "first_name", "email")
        .distinct()
    )


def swap_offers_of(*, cohort: Cohort) -> QuerySet[SwapOffer]:
    return (
        SwapOffer.objects.filter(cohort=cohort)
        .select_related("participant__organisation", "participant__manager")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def _moves_prefetch() -> Prefetch:
    return Prefetch(
        "moves",
        queryset=SwapMove.objects.select_related(
            "participant__organisation",
            "participant__manager",
            "host_offer__participant__organisation",
            "host_offer__participant__manager",
        ).order_by("pk"),
    )


def swaps_of(*, cohort: Cohort, statuses=LIVE_STATUSES) -> QuerySet[Swap]:
    return Swap.objects.filter(cohort=cohort, status__in=statuses).prefetch_related(_moves_prefetch()).order_by("pk")


def move_for_participant(*, user, pk: int) -> SwapMove:
    """The person's own move; 404 for anyone else's."""
    return get_object_or_404(SwapMove.objects.select_related("swap"), pk=pk, participant=user)


def move_for_manager(*, user, pk: int) -> SwapMove:
    """A move whose participant, or whose host, is this manager's staff; 404 for any other."""
    return get_object_or_404(
        SwapMove.objects.select_related("swap", "participant", "host_offer__participant").filter(
            pk=pk, swap__status=Swap.Status.PROPOSED
        ),
        _manager_scope(user),
    )


def _manager_scope(user) -> Q:
    return Q(participant__manager=user) | Q(host_offer__participant__manager=user)


# --- selectors: what the pages show ------------------------------------------------------------------------


@dataclass
class MoveView:
    move: SwapMove
    own_offer: SwapOffer | None  # the mover's own offer: the job someone else takes over
    reasons: list[Reason]

    @property
    def mover(self) -> User:
        return self.move.participant

    @property
    def host(self) -> User:
        return self.move.host_offer.participant

    @property
    def home_manager(self) -> User | None:
        return self.move.participant.manager

    @property
    def host_manager(self) -> User | None:
        return self.move.host_offer.participant.manager


@dataclass
class SwapView:
    swap: Swap
    moves: list[MoveView]

    @property
    def size(self) -> int:
        return len(self.moves)

    @property
    def is_ring(self) -> bool:
        return self.size > 2


def swap_view(swap: Swap) -> SwapView:
    """A swap (its moves prefetched, as by ``swaps_of``) with each move's explanation, in ring order."""
    moves = list(swap.moves.all())
    offer_of = {move.host_offer.participant_id: move.host_offer for move in moves}
    views = []
    for move in moves:
        own_offer = offer_of.get(move.participant_id)
        reasons = move_reasons(Offer.of(own_offer), Offer.of(move.host_offer)) if own_offer is not None else []
        views.append(MoveView(move=move, own_offer=own_offer, reasons=reasons))
    return SwapView(swap=swap, moves=views)


@dataclass
class LeftOut:
    offer: SwapOffer
    reason: Reason


@dataclass
class SwapOverview:
    cohort: Cohort
    offers: list[SwapOffer]
    without_offer: list[User]
    proposed: list[SwapView]
    final: list[SwapView]
    left_out: list[LeftOut] = field(default_factory=list)

    @property
    def people_in_swaps(self) -> int:
        return sum(view.size for view in [*self.proposed, *self.final])


def swap_overview(*, cohort: Cohort) -> SwapOverview:
    """HR's page: who offered what, who has not, the proposed and final swaps, and why others have none.
    A fixed number of queries, whatever the size of the cohort."""
    members = list(swap_members(cohort=cohort))
    member_ids = {person.pk for person in members}
    offers = [offer for offer in swap_offers_of(cohort=cohort) if offer.participant_id in member_ids]
    offered = {offer.participant_id for offer in offers}
    views = [swap_view(swap) for swap in swaps_of(cohort=cohort)]
    in_swaps = {item.move.participant_id for view in views for item in view.moves}
    left_out = []
    if views:
        eligible = [offer for offer in offers if _has_manager(offer.participant)]
        reasons = left_out_reasons(offers=eligible, covered=in_swaps)
        for offer in offers:
            if offer.participant_id in in_swaps:
                continue
            reason = reasons.get(offer.participant_id, NO_MANAGER_REASON)
            left_out.append(LeftOut(offer=offer, reason=reason))
    return SwapOverview(
        cohort=cohort,
        offers=offers,
        without_offer=[person for person in members if person.pk not in offered],
        proposed=[view for view in views if view.swap.status == Swap.Status.PROPOSED],
        final=[view for view in views if view.swap.status == Swap.Status.FINAL],
        left_out=left_out,
    )


@dataclass
class MySwap:
    cohort: Cohort
    offer: SwapOffer | None
    swap: SwapView | None
    my_move: MoveView | None
    team: ProjectTeam | None


def my_swaps(*, user) -> list[MySwap]:
    """For each job-swap cohort the person is a current member of: their offer, their live swap and team."""
    cohorts = list(swap_cohorts_of_member(user=user))
    offers = {
        offer.cohort_id: offer
        for offer in SwapOffer.objects.filter(participant=user, cohort__in=cohorts).select_related(
            "participant__organisation"
        )
    }
    swaps = {
        swap.cohort_id: swap
        for swap in Swap.objects.filter(cohort__in=cohorts, status__in=LIVE_STATUSES, moves__participant=user)
        .prefetch_related(_moves_prefetch())
        .order_by("pk")
    }
    teams = {
        team.cohort_id: team
        for team in ProjectTeam.objects.filter(cohort__in=cohorts, members=user)
        .select_related("host_organisation")
        .prefetch_related(Prefetch("members", queryset=User.objects.select_related("organisation")))
    }
    result = []
    for cohort in cohorts:
        view = swap_view(swaps[cohort.pk]) if cohort.pk in swaps else None
        my_move = next((item for item in view.moves if item.move.participant_id == user.pk), None) if view else None
        result.append(
            MySwap(cohort=cohort, offer=offers.get(cohort.pk), swap=view, my_move=my_move, team=teams.get(cohort.pk))
        )
    return result


@dataclass
class AwaitingApproval:
    view: MoveView
    swap: Swap
    sides: list[str]  # "home" and/or "host": what this manager is asked to approve


def moves_awaiting_approval(*, manager: User) -> list[AwaitingApproval]:
    """Accepted moves of proposed swaps that wait for this manager, as home manager, host manager or both."""
    swaps = (
        Swap.objects.filter(
            status=Swap.Status.PROPOSED,
            moves__in=SwapMove.objects.filter(_manager_scope(manager)),
        )
        .distinct()
        .select_related("cohort__programme")
        .prefetch_related(_moves_prefetch())
        .order_by("starts_on", "pk")
    )
    result = []
    for swap in swaps:
        for item in swap_view(swap).moves:
            move = item.move
            if move.accepted_at is None or move.declined_at is not None:
                continue
            sides = []
            if move.participant.manager_id == manager.pk and move.home_manager_approved_at is None:
                sides.append(HOME)
            if move.host_offer.participant.manager_id == manager.pk and move.host_manager_approved_at is None:
                sides.append(HOST)
            if sides:
                result.append(AwaitingApproval(view=item, swap=swap, sides=sides))
    return result


def project_teams_of(*, cohort: Cohort) -> QuerySet[ProjectTeam]:
    return (
        ProjectTeam.objects.filter(cohort=cohort)
        .select_related("host_organisation")
        .prefetch_related(Prefetch("members", queryset=User.objects.select_related("organisation")))
        .order_by("name", "pk")
    )


def project_team_for_hr(*, user, pk: int) -> ProjectTeam:
    return get_object_or_404(
        ProjectTeam.objects.select_related("cohort__programme__owner", "host_organisation").filter(
            cohort__programme__placement_pattern=Programme.PlacementPattern.JOB_SWAP
        ),
        pk=pk,
        cohort__programme__owner_id__in=hr_organisation_ids(user),
    )


def host_organisation_choices(*, cohort: Cohort) -> QuerySet[Organisation]:
    """Where a joint project may be hosted: the programme's participating organisations."""
    return cohort.programme.participating_organisations.order_by("name")


# --- services: offers ----------------------------------------------------------------------------------------


def _check_job_swap(cohort: Cohort) -> None:
    if cohort.programme.placement_pattern != Programme.PlacementPattern.JOB_SWAP:
        raise ValidationError(_("This programme has no job swaps."), code="not_job_swap")


def _check_hr(*, user, cohort: Cohort) -> None:
    if cohort.programme.owner_id not in hr_organisation_ids(user):
        raise PermissionDenied(_("Only HR of the programme may do this."))


def _current_member_ids(cohort: Cohort) -> set[int]:
    return set(
        User.objects.filter(enrolments__cohort=cohort, enrolments__status__in=Enrolment.CURRENT_STATUSES).values_list(
            "pk", flat=True
        )
    )


def _clean_text(value: str, *, field_name: str, label: str, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field_name: _("Fill in %(field)s.") % {"field": label}}, code="required")
    if len(value) > max_length:
        raise ValidationError(
            {field_name: _("Keep this under %(max)s characters.") % {"max": max_length}}, code="too_long"
        )
    return value


def _clean_kinds(value: str, *, field_name: str) -> str:
    value = _clean_text(value, field_name=field_name, label=_("the kinds of work"), max_length=200)
    kinds = [part.strip() for part in value.split(",") if part.strip()]
    if not kinds:
        raise ValidationError({field_name: _("Name at least one kind of work.")}, code="no_kinds")
    return ", ".join(kinds)


@transaction.atomic
def swap_offer_save(
    *,
    cohort: Cohort,
    participant: User,
    own_job: str,
    job_kinds_offered: str,
    job_kinds_wanted: str,
    own_job_description: str = "",
) -> SwapOffer:
    """Create or change the participant's offer. Only a current member of a job-swap cohort; not while they are
    in a proposed or final swap (its explanation would no longer hold: decline first, or ask P&O)."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_job_swap(cohort)
    if participant.pk not in _current_member_ids(cohort):
        raise PermissionDenied(_("Only a current member of the group can offer their job."))
    fields = {
        "own_job": _clean_text(own_job, field_name="own_job", label=_("your job"), max_length=200),
        "own_job_description": _clean_text(
            own_job_description, field_name="own_job_description", label="", max_length=5000, required=False
        ),
        "job_kinds_offered": _clean_kinds(job_kinds_offered, field_name="job_kinds_offered"),
        "job_kinds_wanted": _clean_kinds(job_kinds_wanted, field_name="job_kinds_wanted"),
    }
    if _in_live_swap(cohort=cohort, person_id=participant.pk):
        raise ValidationError(
            _("You are in a proposed or final swap, so your offer cannot change now. Decline the swap first."),
            code="in_swap",
        )
    offer, _created = SwapOffer.objects.update_or_create(cohort=cohort, participant=participant, defaults=fields)
    return offer


def _in_live_swap(*, cohort: Cohort, person_id: int) -> bool:
    return SwapMove.objects.filter(
        swap__cohort=cohort, swap__status__in=LIVE_STATUSES, participant_id=person_id
    ).exists()


def _has_manager(person: User) -> bool:
    return person.manager_id is not None and person.manager.is_active


# --- services: proposing -------------------------------------------------------------------------------------


@dataclass
class SwapRound:
    swaps: list[Swap]
    proposal: SwapProposal  # its left_out also holds those without a manager


def _check_other_municipality(*, mover: User, host: User) -> None:
    if mover.organisation_id is None or mover.organisation_id == host.organisation_id:
        raise ValidationError(
            _("%(mover)s and %(host)s work for the same municipality; they cannot swap jobs.")
            % {"mover": _person_name(mover), "host": _person_name(host)},
            code="same_municipality",
        )


@transaction.atomic
def swaps_propose(
    *, cohort: Cohort, by: User, starts_on: date | None = None, max_ring: int = DEFAULT_MAX_RING
) -> SwapRound:
    """HR proposes swaps for everybody who offered their job and is not in a final swap.

    The cohort's proposed swaps are replaced (their acceptances and approvals are gone); final swaps and the
    people in them are left alone. The period is three months from `starts_on` (default: the cohort's start).
    Each participant of a new swap is told (swap_proposed).
    """
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_hr(user=by, cohort=cohort)
    _check_job_swap(cohort)
    starts_on = starts_on or cohort.start_date
    if starts_on is None:
        raise ValidationError({"starts_on": _("Give the date the swaps start.")}, code="no_start")
    starts_on, ends_on = swap_period(starts_on)

    # Lock the proposed swaps before reading who is in a final one: a swap that turns final meanwhile
    # drops out of this set (its row is re-checked after the lock), so it is never deleted.
    replaced = list(
        Swap.objects.select_for_update(of=("self",))
        .filter(cohort=cohort, status=Swap.Status.PROPOSED)
        .values_list("pk", flat=True)
    )
    in_final = set(
        SwapMove.objects.filter(swap__cohort=cohort, swap__status=Swap.Status.FINAL).values_list(
            "participant_id", flat=True
        )
    )
    members = _current_member_ids(cohort)
    offers = [
        offer
        for offer in swap_offers_of(cohort=cohort)
        if offer.participant_id in members and offer.participant_id not in in_final
    ]
    eligible = [offer for offer in offers if _has_manager(offer.participant)]
    proposal = _swap_cycles_propose(offers=eligible, max_ring=max_ring)
    eligible_ids = {offer.pk for offer in eligible}
    for offer in offers:
        if offer.pk not in eligible_ids:
            proposal.left_out[offer.participant_id] = NO_MANAGER_REASON

    Swap.objects.filter(pk__in=replaced).delete()
    swaps = []
    for cycle in proposal.cycles:
        for move in cycle.moves:
            _check_other_municipality(mover=move.mover.source.participant, host=move.host.source.participant)
        with translation.override(settings.LANGUAGE_CODE):
            explanation = "\n".join(
                f"{_person_name(move.mover.source.participant)} → {move.host.job}: "
                + "; ".join(str(reason) for reason in move.reasons)
                for move in cycle.moves
            )
        swap = Swap.objects.create(cohort=cohort, starts_on=starts_on, ends_on=ends_on, explanation=explanation)
        moves = SwapMove.objects.bulk_create(
            SwapMove(swap=swap, participant=move.mover.source.participant, host_offer=move.host.source)
            for move in cycle.moves
        )
        for move, planned in zip(moves, cycle.moves, strict=True):
            notify(
                recipient=move.participant,
                event=Event.SWAP_PROPOSED,
                key=f"swap:{swap.pk}:move:{move.pk}",
                context={"swap": swap, "move": move, "host": planned.host.source.participant, "size": cycle.size},
                action_url=reverse("placements:my_swap"),
            )
        swaps.append(swap)
    return SwapRound(swaps=swaps, proposal=proposal)


# --- services: accepting, approving, declining ---------------------------------------------------------------


def _locked_move(move: SwapMove) -> tuple[Swap, SwapMove]:
    """Lock the move's swap, then re-read the move, so every decision uses the current state."""
    swap = Swap.objects.select_for_update(of=("self",)).filter(pk=move.swap_id).first()
    if swap is None:
        raise ValidationError(_("This swap has been replaced by a new proposal."), code="gone")
    move = SwapMove.objects.select_related(
        "participant__manager", "participant__organisation", "host_offer__participant__manager"
    ).get(pk=move.pk)
    move.swap = swap
    return swap, move


def _check_open(swap: Swap) -> None:
    if swap.status != Swap.Status.PROPOSED:
        raise ValidationError(
            _("This swap is %(status)s; it can no longer change.") % {"status": swap.get_status_display().lower()},
            code="not_open",
        )


def _swap_moves(swap: Swap) -> list[SwapMove]:
    return list(
        SwapMove.objects.filter(swap=swap)
        .select_related("participant__manager", "participant__organisation", "host_offer__participant__organisation")
        .order_by("pk")
    )


@transaction.atomic
def swap_move_accept(*, move: SwapMove, participant: User) -> SwapMove:
    """The participant accepts their move; their manager and the host's manager are asked to approve (once)."""
    swap, move = _locked_move(move)
    if move.participant_id != participant.pk:
        raise PermissionDenied(_("Only the participant can accept their move."))
    _check_open(swap)
    if move.accepted_at is not None:
        return move
    _check_other_municipality(mover=move.participant, host=move.host_offer.participant)
    move.accepted_at = timezone.now()
    move.save(update_fields=["accepted_at"])
    for side, manager in ((HOME, move.participant.manager), (HOST, move.host_offer.participant.manager)):
        if manager is None:
            continue
        notify(
            recipient=manager,
            event=Event.SWAP_APPROVAL_REQUESTED,
            key=f"swap-move:{move.pk}:{side}",
            context={"swap": swap, "move": move, "side": side, "host": move.host_offer.participant},
            action_url=reverse("placements:swap_approvals"),
        )
    _finalise_if_complete(swap)
    return move


@transaction.atomic
def swap_move_decline(*, move: SwapMove, participant: User) -> Swap:
    """The participant declines: the whole swap is cancelled and the others in it are told."""
    swap, move = _locked_move(move)
    if move.participant_id != participant.pk:
        raise PermissionDenied(_("Only the participant can decline their move."))
    _check_open(swap)
    return _cancel(swap=swap, move=move, by_manager=False)


def _check_manager(*, move: SwapMove, manager: User, side: str) -> None:
    if side not in SIDES:
        raise ValidationError(_("Approve as the home manager or as the host manager."), code="bad_side")
    expected = move.participant.manager_id if side == HOME else move.host_offer.participant.manager_id
    if expected is None or expected != manager.pk:
        raise PermissionDenied(_("Only the manager of this person can approve this."))


@transaction.atomic
def swap_move_approve(*, move: SwapMove, manager: User, side: str) -> SwapMove:
    """The home manager (the mover's manager) or the host manager (the manager of the person whose job is taken
    over) approves an accepted move. When every move is accepted and approved on both sides, the swap is final."""
    swap, move = _locked_move(move)
    _check_manager(move=move, manager=manager, side=side)
    _check_open(swap)
    if move.accepted_at is None:
        raise ValidationError(
            _("%(name)s has not accepted this move yet.") % {"name": _person_name(move.participant)},
            code="not_accepted",
        )
    field_name = "home_manager_approved_at" if side == HOME else "host_manager_approved_at"
    if getattr(move, field_name) is None:
        setattr(move, field_name, timezone.now())
        move.save(update_fields=[field_name])
    _finalise_if_complete(swap)
    return move


@transaction.atomic
def swap_move_reject(*, move: SwapMove, manager: User, side: str) -> Swap:
    """A home or host manager does not approve: the whole swap is cancelled and everyone in it is told."""
    swap, move = _locked_move(move)
    _check_manager(move=move, manager=manager, side=side)
    _check_open(swap)
    return _cancel(swap=swap, move=move, by_manager=True)


def _cancel(*, swap: Swap, move: SwapMove, by_manager: bool) -> Swap:
    move.declined_at = timezone.now()
    move.save(update_fields=["declined_at"])
    swap.status = Swap.Status.CANCELLED
    swap.save(update_fields=["status"])
    for other in _swap_moves(swap):
        if not by_manager and other.participant_id == move.participant_id:
            continue  # the person who declined knows
        notify(
            recipient=other.participant,
            event=Event.SWAP_DECLINED,
            key=f"swap:{swap.pk}",
            context={"swap": swap, "by_manager": by_manager},
            action_url=reverse("placements:my_swap"),
        )
    return swap


def _finalise_if_complete(swap: Swap) -> None:
    moves = _swap_moves(swap)
    complete = all(
        move.accepted_at and move.home_manager_approved_at and move.host_manager_approved_at and not move.declined_at
        for move in moves
    )
    if not moves or not complete:
        return
    for move in moves:
        _check_other_municipality(mover=move.participant, host=move.host_offer.participant)
    swap.status = Swap.Status.FINAL
    swap.final_at = timezone.now()
    swap.save(update_fields=["status", "final_at"])
    recipients: dict[int, tuple[User, str]] = {}
    for move in moves:
        recipients.setdefault(move.participant_id, (move.participant, reverse("placements:my_swap")))
    for move in moves:
        manager = move.participant.manager
        if manager is not None:
            recipients.setdefault(manager.pk, (manager, reverse("placements:swap_approvals")))
    for recipient, action_url in recipients.values():
        notify(
            recipient=recipient,
            event=Event.SWAP_FINAL,
            key=f"swap:{swap.pk}",
            context={"swap": swap, "size": len(moves)},
            action_url=action_url,
        )


# --- joint project teams -------------------------------------------------------------------------------------


@dataclass
class TeamProposal:
    name: str
    members: list[User]
    host_organisation: Organisation | None

    @property
    def municipality_count(self) -> int:
        return len({person.organisation_id for person in self.members})

    @property
    def works_at_host(self) -> list[User]:
        if self.host_organisation is None:
            return []
        return [person for person in self.members if person.organisation_id == self.host_organisation.pk]

    @property
    def member_ids(self) -> str:
        return ",".join(str(person.pk) for person in self.members)


def project_team_sizes(*, count: int, size: int = 4) -> list[int]:
    """Teams of 3 to `size` people, as equal as possible, largest first; a group of 3 to 5 is one team."""
    if size < 3:
        raise ValidationError(_("A joint project team has at least three people."), code="size_too_small")
    if count < 3:
        raise ValidationError(_("At least three current members are needed for a joint project team."), code="too_few")
    number = -(-count // size)
    while number > 1 and count < 3 * number:
        number -= 1
    base, larger = divmod(count, number)
    return [base + 1] * larger + [base] * (number - larger)


def project_teams_propose(*, cohort: Cohort, size: int = 4) -> list[TeamProposal]:
    """Teams of 3–`size` current members that mix municipalities, each with a host organisation where none of
    its members works if that is possible. Reads only; deterministic (by municipality, name and id).

    Members are listed municipality by municipality (the largest first) and dealt round the teams like cards,
    so the people of one municipality land in different teams: every team has people of at least two
    municipalities when the cohort has them, and as many as the numbers allow. Each team's host is the
    participating organisation where the fewest of its members work, then the one hosting the fewest teams so
    far, then by name.
    """
    members = list(swap_members(cohort=cohort))
    sizes = project_team_sizes(count=len(members), size=size)
    by_municipality: dict[int | None, list[User]] = defaultdict(list)
    for person in members:
        by_municipality[person.organisation_id].append(person)
    ordered = [
        person
        for _organisation, people in sorted(
            by_municipality.items(), key=lambda item: (-len(item[1]), item[1][0].organisation.name if item[0] else "")
        )
        for person in people
    ]
    teams: list[list[User]] = [[] for _size in sizes]
    for index, person in enumerate(ordered):
        teams[index % len(sizes)].append(person)

    hosts = list(host_organisation_choices(cohort=cohort))
    hosting: dict[int, int] = defaultdict(int)
    proposals = []
    for number, people in enumerate(teams, start=1):
        host = None
        if hosts:
            host = min(
                hosts,
                key=lambda organisation, people=people: (
                    sum(person.organisation_id == organisation.pk for person in people),
                    hosting[organisation.pk],
                    organisation.name,
                ),
            )
            hosting[host.pk] += 1
        proposals.append(
            TeamProposal(name=_("Project team %(number)s") % {"number": number}, members=people, host_organisation=host)
        )
    return proposals


def _clean_team(*, cohort: Cohort, name: str, project: str, host_organisation, members) -> dict:
    name = _clean_text(name, field_name="name", label=_("a name"), max_length=200)
    project = _clean_text(project, field_name="project", label="", max_length=5000, required=False)
    if (
        host_organisation is not None
        and not cohort.programme.participating_organisations.filter(pk=host_organisation.pk).exists()
    ):
        raise ValidationError({"host_organisation": _("Choose one of the programme's organisations.")}, code="bad_host")
    current = _current_member_ids(cohort)
    people = list(members)
    outsiders = [person for person in people if person.pk not in current]
    if outsiders:
        raise ValidationError(
            {"members": _("%(name)s is not a current member of this group.") % {"name": _person_name(outsiders[0])}},
            code="not_member",
        )
    if len({person.pk for person in people}) < 2:
        raise ValidationError({"members": _("A joint project team needs at least two members.")}, code="too_small")
    return {"name": name, "project": project, "host_organisation": host_organisation, "members": people}


@transaction.atomic
def project_team_save(
    *,
    cohort: Cohort,
    by: User,
    name: str,
    members,
    project: str = "",
    host_organisation: Organisation | None = None,
    team: ProjectTeam | None = None,
) -> ProjectTeam:
    """Create a team (or change `team`). Members are current members of the cohort; someone in another team of
    the cohort moves to this one, so everybody is in one team at most."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_hr(user=by, cohort=cohort)
    _check_job_swap(cohort)
    if team is not None and team.cohort_id != cohort.pk:
        raise PermissionDenied(_("This team belongs to another group."))
    cleaned = _clean_team(
        cohort=cohort, name=name, project=project, host_organisation=host_organisation, members=members
    )
    people = cleaned.pop("members")
    if team is None:
        team = ProjectTeam.objects.create(cohort=cohort, **cleaned)
    else:
        for key, value in cleaned.items():
            setattr(team, key, value)
        team.save()
    for other in ProjectTeam.objects.filter(cohort=cohort).exclude(pk=team.pk):
        other.members.remove(*people)
    team.members.set(people)
    return team


@transaction.atomic
def project_teams_replace(*, cohort: Cohort, by: User, teams: list[dict]) -> list[ProjectTeam]:
    """Replace the cohort's teams with `teams` (each: name, members, host_organisation, project), e.g. a reviewed
    proposal. Everyone in one team at most."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_hr(user=by, cohort=cohort)
    _check_job_swap(cohort)
    if not teams:
        raise ValidationError(_("Propose at least one team."), code="no_teams")
    cleaned = [
        _clean_team(
            cohort=cohort,
            name=team["name"],
            project=team.get("project", ""),
            host_organisation=team.get("host_organisation"),
            members=team["members"],
        )
        for team in teams
    ]
    seen: set[int] = set()
    for team in cleaned:
        for person in team["members"]:
            if person.pk in seen:
                raise ValidationError(
                    _("%(name)s is in more than one team.") % {"name": _person_name(person)}, code="twice"
                )
            seen.add(person.pk)
    ProjectTeam.objects.filter(cohort=cohort).delete()
    created = []
    for team in cleaned:
        people = team.pop("members")
        saved = ProjectTeam.objects.create(cohort=cohort, **team)
        saved.members.set(people)
        created.append(saved)
    return created
