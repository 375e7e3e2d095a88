"""Who sees which job-swap cohort, offer, swap and move: HR of the programme, its current members, the managers
of the people in a move. Anything outside answers 404."""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from participants.models import Enrolment
from programmes.models import Cohort, Programme

from ..models import Swap, SwapMove, SwapOffer
from .rules import LIVE_STATUSES


def _swap_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.filter(programme__placement_pattern=Programme.PlacementPattern.JOB_SWAP).select_related(
        "programme__owner"
    )


def swap_cohort_for_hr(*, user, pk: int) -> Cohort:
    """A job-swap cohort of a programme HR's organisation owns; 404 otherwise."""
    return get_object_or_404(_swap_cohorts().managed_by(user), pk=pk)


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


def moves_prefetch() -> Prefetch:
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
    return Swap.objects.filter(cohort=cohort, status__in=statuses).prefetch_related(moves_prefetch()).order_by("pk")


def move_for_participant(*, user, pk: int) -> SwapMove:
    """The person's own move; 404 for anyone else's."""
    return get_object_or_404(SwapMove.objects.select_related("swap"), pk=pk, participant=user)


def move_for_manager(*, user, pk: int) -> SwapMove:
    """A move whose participant, or whose host, is this manager's staff; 404 for any other."""
    return get_object_or_404(
        SwapMove.objects.select_related("swap", "participant", "host_offer__participant").filter(
            pk=pk, swap__status=Swap.Status.PROPOSED
        ),
        manager_scope(user),
    )


def manager_scope(user) -> Q:
    return Q(participant__manager=user) | Q(host_offer__participant__manager=user)
