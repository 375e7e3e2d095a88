"""The navigation each role sees: one section per role the person has, nothing else.

A page shared by several roles (My schedule for career advisers, trainers and employees) is listed once:
in the section of the person's first role in ROLE_PRIORITY, under that role's label for it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import ROLE_PRIORITY, user_roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavSection:
    role: str
    label: str
    items: tuple[NavItem, ...]


ROLE_DASHBOARD_URL_NAMES = {
    Role.HR_ADVISER: "dashboards:hr",
    Role.MANAGER: "dashboards:manager",
    Role.COACH: "dashboards:coach",
    Role.TRAINER: "dashboards:trainer",
    Role.CAREER_ADVISER: "dashboards:career_adviser",
    Role.EMPLOYEE: "dashboards:employee",
    Role.PLATFORM_ADMIN: "dashboards:platform_admin",
}

ROLE_NAVIGATION: dict[str, tuple[NavItem, ...]] = {
    Role.HR_ADVISER: (
        NavItem(_("HR dashboard"), "dashboards:hr"),
        NavItem(_("Programmes"), "programmes:programme_list"),
        NavItem(_("Training budgets"), "participants:budgets"),
        NavItem(_("Coach pool"), "coaching:pool"),
        NavItem(_("Assignments"), "placements:host_assignments"),
        NavItem(_("People"), "accounts:people"),
        NavItem(_("Import people"), "accounts:import_upload"),
        NavItem(_("Organisations"), "accounts:organisations"),
    ),
    Role.MANAGER: (
        NavItem(_("My team"), "dashboards:manager"),
        NavItem(_("Approvals"), "participants:approvals"),
        NavItem(_("Coaching in my team"), "coaching:team_coaching"),
        NavItem(_("Job swap approvals"), "placements:swap_approvals"),
    ),
    Role.COACH: (
        NavItem(_("Coaching"), "dashboards:coach"),
        NavItem(_("My coachees"), "coaching:coachees"),
        NavItem(_("My coach profile"), "coaching:volunteer"),
    ),
    Role.CAREER_ADVISER: (
        NavItem(_("Career advice"), "dashboards:career_adviser"),
        NavItem(_("TMA slots"), "sessions:slots"),
        NavItem(_("My schedule"), "sessions:my_schedule"),
    ),
    Role.TRAINER: (
        NavItem(_("Training"), "dashboards:trainer"),
        NavItem(_("My sessions"), "sessions:my_schedule"),
    ),
    Role.EMPLOYEE: (
        NavItem(_("My development"), "dashboards:employee"),
        NavItem(_("Programmes and enrolments"), "participants:programmes"),
        NavItem(_("My schedule"), "sessions:my_schedule"),
        NavItem(_("My coaching"), "coaching:my_coaching"),
        NavItem(_("My profile"), "accounts:my_profile"),
    ),
    Role.PLATFORM_ADMIN: (
        NavItem(_("Platform"), "dashboards:platform_admin"),
        NavItem(_("Django admin"), "admin:index"),
    ),
}


def navigation_for(user) -> list[NavSection]:
    """The person's sections in role priority; no URL appears twice (a later section leaves it out)."""
    roles = user_roles(user)
    seen: set[str] = set()
    sections = []
    for role in ROLE_PRIORITY:
        if role not in roles:
            continue
        items = tuple(item for item in ROLE_NAVIGATION[role] if item.url not in seen)
        seen.update(item.url for item in items)
        if items:
            sections.append(NavSection(role=role, label=Role(role).label, items=items))
    return sections
