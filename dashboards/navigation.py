"""The navigation each role sees: a few top-level entries per role, some of them menus of related pages.

A person with several roles sees one role's navigation at a time and switches role in one place (the role
menu). The role shown is the one whose navigation holds the current page, else the one shown last (kept in
a functional cookie, so that remembering it costs no database write), else the person's main role. Each
role's navigation is complete on its own, so a page shared by several roles (My schedule) is in each of
them, once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import ROLE_PRIORITY, user_roles
from participants.selectors import approvals_waiting_count

ROLE_COOKIE = "groeipad_role"


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # How many things wait on that page for this person (a badge); None for no badge.
    count: Callable | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavMenu:
    label: str
    items: tuple[NavItem, ...]


@dataclass(frozen=True)
class NavSection:
    role: str
    label: str
    entries: tuple  # NavItem | NavMenu

    @property
    def items(self) -> tuple[NavItem, ...]:
        """Every page of the section, menus flattened, in order."""
        flat = []
        for entry in self.entries:
            flat.extend(entry.items if isinstance(entry, NavMenu) else (entry,))
        return tuple(flat)


@dataclass
class ShownItem:
    label: str
    url: str
    current: bool
    count: int = 0


@dataclass
class ShownEntry:
    label: str
    url: str = ""
    current: bool = False
    count: int = 0
    items: list[ShownItem] = field(default_factory=list)

    @property
    def is_menu(self) -> bool:
        return bool(self.items)


def _approvals(user) -> int:
    return approvals_waiting_count(manager=user)


ROLE_DASHBOARD_URL_NAMES = {
    Role.HR_ADVISER: "dashboards:hr",
    Role.MANAGER: "dashboards:manager",
    Role.COACH: "dashboards:coach",
    Role.TRAINER: "dashboards:trainer",
    Role.CAREER_ADVISER: "dashboards:career_adviser",
    Role.EMPLOYEE: "dashboards:employee",
    Role.PLATFORM_ADMIN: "dashboards:platform_admin",
}

ROLE_NAVIGATION: dict[str, tuple] = {
    Role.HR_ADVISER: (
        NavItem(_("HR dashboard"), "dashboards:hr"),
        NavMenu(
            _("Programmes"),
            (
                NavItem(_("Programmes and groups"), "programmes:programme_list"),
                NavItem(_("Training budgets"), "participants:budgets"),
            ),
        ),
        NavMenu(
            _("Coaching and placements"),
            (
                NavItem(_("Coach pool"), "coaching:pool"),
                NavItem(_("Assignments"), "placements:host_assignments"),
            ),
        ),
        NavMenu(
            _("People"),
            (
                NavItem(_("People"), "accounts:people"),
                NavItem(_("Import people"), "accounts:import_upload"),
                NavItem(_("Organisations"), "accounts:organisations"),
            ),
        ),
    ),
    Role.MANAGER: (
        NavItem(_("My team"), "dashboards:manager"),
        NavMenu(
            _("Approvals"),
            (
                NavItem(_("Programme requests"), "participants:approvals", count=_approvals),
                NavItem(_("Job swap approvals"), "placements:swap_approvals"),
            ),
        ),
        NavItem(_("Coaching in my team"), "coaching:team_coaching"),
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
    """The person's sections, one per role they have, in role priority."""
    roles = user_roles(user)
    return [
        NavSection(role=role, label=Role(role).label, entries=ROLE_NAVIGATION[role])
        for role in ROLE_PRIORITY
        if role in roles
    ]


def active_section(sections: list[NavSection], *, path: str, remembered: str | None) -> NavSection | None:
    """The section to show: the remembered role's if it holds this page, else the first that does, else the
    remembered role's, else the first."""
    if not sections:
        return None
    by_role = {section.role: section for section in sections}
    ordered = ([by_role[remembered]] if remembered in by_role else []) + sections
    for section in ordered:
        if any(item.url == path for item in section.items):
            return section
    return ordered[0]


def shown_entries(section: NavSection, *, user, path: str) -> list[ShownEntry]:
    """The section's entries ready for the template: current page marked, badges counted (one query each)."""

    def shown(item: NavItem) -> ShownItem:
        url = item.url
        return ShownItem(label=item.label, url=url, current=url == path, count=item.count(user) if item.count else 0)

    entries = []
    for entry in section.entries:
        if isinstance(entry, NavMenu):
            items = [shown(item) for item in entry.items]
            entries.append(
                ShownEntry(
                    label=entry.label,
                    current=any(item.current for item in items),
                    count=sum(item.count for item in items),
                    items=items,
                )
            )
        else:
            item = shown(entry)
            entries.append(ShownEntry(label=item.label, url=item.url, current=item.current, count=item.count))
    return entries


def navigation_context(request) -> dict:
    user = request.user
    sections = navigation_for(user)
    remembered = request.COOKIES.get(ROLE_COOKIE)
    section = active_section(sections, path=request.path, remembered=remembered)
    if section is None:
        return {"navigation": [], "navigation_entries": [], "navigation_roles": []}
    if remembered != section.role:
        request.navigation_role_to_remember = section.role
    roles = [
        {"label": other.label, "url": reverse(ROLE_DASHBOARD_URL_NAMES[other.role]), "current": other is section}
        for other in sections
    ]
    return {
        "navigation": sections,
        "navigation_section": section,
        "navigation_entries": shown_entries(section, user=user, path=request.path),
        "navigation_roles": roles,
        "current_path": request.path,
    }
