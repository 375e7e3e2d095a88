"""Who may see what in placements. Every view asks these; out of scope answers 404.

- Programme HR: HR advisers of the organisation that owns the cohort's programme (Talentenregio's programme
  team, the AV region's P&O) run rounds, review assignments, allocate and publish, and see every placement.
- Host contact persons: HR advisers of a participating (host) organisation post assignments in a round of a
  programme their organisation takes part in, see their own organisation's assignments and their candidates.
- Supervisors (begeleiders): the assignment's supervisor sees the placements of their own assignments only.
- Trainees: current members (placed/active) of the cohort rank assignments and see their own placements.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Organisation
from participants.models import Enrolment
from programmes.models import Cohort

from .models import Assignment, Placement, PlacementRound


def rounds_for_hr(*, user) -> QuerySet[PlacementRound]:
    return PlacementRound.objects.managed_by(user).select_related("cohort__programme__owner")


def round_for_hr(*, user, pk: int) -> PlacementRound:
    """A round of a programme HR's organisation owns; 404 otherwise."""
    return get_object_or_404(rounds_for_hr(user=user), pk=pk)


def rounds_for_host(*, user) -> QuerySet[PlacementRound]:
    """Rounds a host contact person may post assignments in: programmes their organisation takes part in."""
    return (
        PlacementRound.objects.filter(
            Q(cohort__programme__participating_organisations__in=Organisation.objects.managed_by(user))
            | PlacementRound.objects.managed_by_filter(user)
        )
        .select_related("cohort__programme__owner")
        .distinct()
    )


def assignments_of_host(*, user) -> QuerySet[Assignment]:
    """Assignments of the host organisations this contact person (HR adviser) works for."""
    return Assignment.objects.managed_by(user).select_related(
        "round__cohort__programme", "host_organisation", "department", "supervisor", "track"
    )


def is_current_member(*, person, cohort: Cohort) -> bool:
    return Enrolment.objects.filter(cohort=cohort, person=person, status__in=Enrolment.CURRENT_STATUSES).exists()


def placements_supervised_by(*, user) -> QuerySet[Placement]:
    return Placement.objects.filter(assignment__supervisor=user, status=Placement.Status.PUBLISHED).select_related(
        "trainee__organisation", "assignment__host_organisation", "round__cohort"
    )


def placement_for_supervisor(*, user, pk: int) -> Placement:
    """One of the supervisor's own trainees' placements; 404 for any other."""
    return get_object_or_404(placements_supervised_by(user=user), pk=pk)
