"""What the job-swap pages show: the offers, the swaps with each move's explanation, who is left out and why,
a participant's own swap and team, the moves that wait for a manager, and the joint project teams."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Organisation, User
from programmes.models import Cohort, Programme

from ..models import ProjectTeam, Swap, SwapMove, SwapOffer
from ..swap_matching import Offer, Reason, left_out_reasons, move_reasons
from .rules import HOME, HOST, LIVE_STATUSES, NO_MANAGER_REASON, has_manager
from .scope import manager_scope, moves_prefetch, swap_cohorts_of_member, swap_members, swap_offers_of, swaps_of


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
        eligible = [offer for offer in offers if has_manager(offer.participant)]
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
        .prefetch_related(moves_prefetch())
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
            moves__in=SwapMove.objects.filter(manager_scope(manager)),
        )
        .distinct()
        .select_related("cohort__programme")
        .prefetch_related(moves_prefetch())
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
        cohort__in=Cohort.objects.managed_by(user),
    )


def host_organisation_choices(*, cohort: Cohort) -> QuerySet[Organisation]:
    """Where a joint project may be hosted: the programme's participating organisations."""
    return cohort.programme.participating_organisations.order_by("name")
