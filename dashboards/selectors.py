from django.db.models import Count, Q

from accounts.models import Invitation, Organisation, PeopleImport
from participants.models import Enrolment
from placements.models import Placement, PlacementRound
from programmes.models import Programme


def hr_dashboard_overview(user) -> dict:
    organisations = (
        Organisation.objects.managed_by(user)
        .annotate(
            people_count=Count("people", filter=Q(people__is_active=True), distinct=True),
            department_count=Count("departments", distinct=True),
        )
        .order_by("name")
    )
    failed_invitations = (
        Invitation.objects.managed_by(user)
        .filter(status=Invitation.Status.FAILED)
        .select_related("user")
        .order_by("-created_at")[:10]
    )
    recent_imports = (
        PeopleImport.objects.managed_by(user).select_related("organisation", "uploaded_by").order_by("-created_at")[:5]
    )
    return {
        "organisations": organisations,
        "failed_invitations": failed_invitations,
        "recent_imports": recent_imports,
    }


def employee_placement_links(user) -> dict:
    """What of the placements a person is part of, for links on their dashboard: open project markets of
    their cohorts, their placements, their job swap, the trainees they supervise. Four small queries."""
    current = Enrolment.objects.filter(person=user).current()
    return {
        "open_markets": list(
            PlacementRound.objects.filter(
                status=PlacementRound.Status.MARKET, cohort__in=current.values("cohort")
            ).select_related("cohort")
        ),
        "has_placements": current.filter(cohort__placement_rounds__isnull=False).exists()
        or Placement.objects.filter(trainee=user).exists(),
        "in_job_swap": current.filter(
            cohort__programme__placement_pattern=Programme.PlacementPattern.JOB_SWAP
        ).exists(),
        "supervises": Placement.objects.filter(assignment__supervisor=user, status=Placement.Status.PUBLISHED).exists(),
    }
