"""The writes of a job swap: a participant's offer, HR proposing the swaps, and each move accepted, approved or
declined. Every change of a swap's state happens under a lock on the swap's row; proposing locks the cohort's row."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.events import Event
from notifications.services import notify
from programmes.models import Cohort
from programmes.services import cohort_lock

from ..models import Swap, SwapMove, SwapOffer
from ..swap_matching import DEFAULT_MAX_RING, SwapProposal
from ..swap_matching import swap_cycles_propose as _swap_cycles_propose
from .rules import (
    HOME,
    HOST,
    LIVE_STATUSES,
    NO_MANAGER_REASON,
    SIDES,
    check_hr,
    check_job_swap,
    current_member_ids,
    has_manager,
    person_name,
    swap_period,
)
from .scope import swap_offers_of

# --- offers ------------------------------------------------------------------------------------------------


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
    in a proposed or final swap (its explanation would no longer hold: decline first, or ask P&O).

    The fields come as ``SwapOfferForm`` cleans them: stripped, within their lengths, the kinds of work as one
    comma-separated list."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    check_job_swap(cohort)
    if participant.pk not in current_member_ids(cohort):
        raise PermissionDenied(_("Only a current member of the group can offer their job."))
    fields = {
        "own_job": own_job,
        "own_job_description": own_job_description,
        "job_kinds_offered": job_kinds_offered,
        "job_kinds_wanted": job_kinds_wanted,
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


# --- proposing ----------------------------------------------------------------------------------------------


@dataclass
class SwapRound:
    swaps: list[Swap]
    proposal: SwapProposal  # its left_out also holds those without a manager


def _check_other_municipality(*, mover: User, host: User) -> None:
    if mover.organisation_id is None or mover.organisation_id == host.organisation_id:
        raise ValidationError(
            _("%(mover)s and %(host)s work for the same municipality; they cannot swap jobs.")
            % {"mover": person_name(mover), "host": person_name(host)},
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
    check_hr(user=by, cohort=cohort)
    check_job_swap(cohort)
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
    members = current_member_ids(cohort)
    offers = [
        offer
        for offer in swap_offers_of(cohort=cohort)
        if offer.participant_id in members and offer.participant_id not in in_final
    ]
    eligible = [offer for offer in offers if has_manager(offer.participant)]
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
                f"{person_name(move.mover.source.participant)} → {move.host.job}: "
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


# --- accepting, approving, declining ------------------------------------------------------------------------


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
            _("%(name)s has not accepted this move yet.") % {"name": person_name(move.participant)},
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
