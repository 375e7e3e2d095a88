"""Reads about people and what they may see. Every view asks these before it shows a person."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import ASSIGNABLE_ROLES, Organisation, Role, RoleAssignment, User

# The order in which a person with several roles is sent to a dashboard after login.
ROLE_PRIORITY = [
    Role.HR_ADVISER,
    Role.MANAGER,
    Role.COACH,
    Role.CAREER_ADVISER,
    Role.TRAINER,
    Role.EMPLOYEE,
    Role.PLATFORM_ADMIN,
]


def user_roles(user) -> frozenset[str]:
    """All roles of a person, explicit and derived, computed once per request object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_groeipad_roles", None)
    if cached is not None:
        return cached
    assigned = set(RoleAssignment.objects.filter(user=user, role__in=ASSIGNABLE_ROLES).values_list("role", flat=True))
    has_reports = User.objects.filter(manager=user, is_active=True).exists()
    roles = set(assigned)
    if has_reports:
        roles.add(Role.MANAGER)
    if user.organisation_id:
        roles.add(Role.EMPLOYEE)
    if user.is_superuser:
        roles.add(Role.PLATFORM_ADMIN)
    user._groeipad_roles = frozenset(roles)
    return user._groeipad_roles


def user_primary_role(user) -> str | None:
    roles = user_roles(user)
    return next((role for role in ROLE_PRIORITY if role in roles), None)


def hr_organisations(user) -> QuerySet[Organisation]:
    return Organisation.objects.managed_by(user).order_by("name")


def people_for_hr(user, *, search: str = "", organisation_id: int | None = None) -> QuerySet[User]:
    """People in the HR adviser's organisations, ready for a list (no per-row queries)."""
    people = User.objects.managed_by(user)
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
    people = people.select_related("organisation", "department", "manager").order_by("last_name", "first_name", "email")
    if search:
        for term in search.split():
            people = people.filter(
                Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(email__icontains=term)
                | Q(department__name__icontains=term)
            )
    return people


def person_for_hr(user, person_id: int) -> User:
    """One person in the HR adviser's scope; 404 for anyone else, so existence is not revealed."""
    return get_object_or_404(
        User.objects.managed_by(user)
        .select_related("organisation", "department", "manager")
        .prefetch_related("role_assignments__organisation", "invitations"),
        pk=person_id,
    )


def reports_of(manager: User) -> QuerySet[User]:
    """The manager's own staff, with what the manager's dashboard shows about them."""
    return (
        User.objects.filter(manager=manager, is_active=True)
        .select_related("department", "organisation")
        .annotate(has_reports=Exists(User.objects.filter(manager=OuterRef("pk"))))
        .order_by("last_name", "first_name")
    )
