from django.db.models import Count, Q

from accounts.models import Invitation, Organisation, PeopleImport, User
from accounts.selectors import hr_organisation_ids
from notifications.selectors import failed_emails_for_hr


def hr_dashboard_overview(user) -> dict:
    organisation_ids = hr_organisation_ids(user)
    organisations = (
        Organisation.objects.filter(id__in=organisation_ids)
        .annotate(
            people_count=Count("people", filter=Q(people__is_active=True), distinct=True),
            department_count=Count("departments", distinct=True),
        )
        .order_by("name")
    )
    failed_invitations = (
        Invitation.objects.filter(user__organisation_id__in=organisation_ids, status=Invitation.Status.FAILED)
        .select_related("user")
        .order_by("-created_at")[:10]
    )
    recent_imports = (
        PeopleImport.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "uploaded_by")
        .order_by("-created_at")[:5]
    )
    return {
        "organisations": organisations,
        "failed_invitations": failed_invitations,
        "failed_notifications": failed_emails_for_hr(organisation_ids=organisation_ids),
        "recent_imports": recent_imports,
    }


def platform_overview() -> dict:
    return {
        "organisation_count": Organisation.objects.count(),
        "people_count": User.objects.filter(is_active=True).count(),
    }
