from django.db.models import Count, Q

from accounts.models import Invitation, Organisation, PeopleImport


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
