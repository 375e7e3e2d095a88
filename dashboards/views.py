from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.decorators import role_required
from accounts.models import Role
from accounts.selectors import user_primary_role, user_roles
from coaching.logs import coachees_for_coach
from sessions.selectors import schedule_for

from .homes.hr import hr_home
from .homes.manager import manager_home
from .homes.platform import platform_home
from .navigation import ROLE_DASHBOARD_URL_NAMES
from .selectors import employee_placement_links, hr_dashboard_overview


@login_required
def home(request):
    """After login every person lands on the dashboard of their main role."""
    role = user_primary_role(request.user)
    if role is None:
        return render(request, "dashboards/no_role.html")
    return redirect(ROLE_DASHBOARD_URL_NAMES[role])


def _other_dashboards(user, current: str) -> list[tuple[str, str]]:
    return [(Role(role).label, ROLE_DASHBOARD_URL_NAMES[role]) for role in sorted(user_roles(user)) if role != current]


@role_required(Role.HR_ADVISER)
def hr(request):
    context = hr_dashboard_overview(request.user)
    context["home"] = home = hr_home(request.user)
    context["failed_notifications"] = home.failed_notifications
    context["other_dashboards"] = _other_dashboards(request.user, Role.HR_ADVISER)
    return render(request, "dashboards/hr.html", context)


@role_required(Role.MANAGER)
def manager(request):
    return render(
        request,
        "dashboards/manager.html",
        {
            "home": manager_home(manager=request.user, today=timezone.localdate()),
            "other_dashboards": _other_dashboards(request.user, Role.MANAGER),
        },
    )


@role_required(Role.COACH)
def coach(request):
    matches = [match for match in coachees_for_coach(coach=request.user) if not match.ended]
    return render(
        request,
        "dashboards/coach.html",
        {
            "other_dashboards": _other_dashboards(request.user, Role.COACH),
            "matches": matches,
            "month": timezone.localdate(),
        },
    )


@role_required(Role.TRAINER)
def trainer(request):
    return render(
        request,
        "dashboards/trainer.html",
        {"other_dashboards": _other_dashboards(request.user, Role.TRAINER), "upcoming": _next_up(request.user)},
    )


def _next_up(user, count: int = 5):
    """The person's next appointments (sessions, sessions they run, TMA sessions), for a dashboard."""
    now = timezone.now()
    upcoming = [entry for entry in schedule_for(person=user, since=timezone.localdate()) if entry.ends_at > now]
    return upcoming[:count]


@role_required(Role.CAREER_ADVISER)
def career_adviser(request):
    return render(
        request,
        "dashboards/career_adviser.html",
        {"other_dashboards": _other_dashboards(request.user, Role.CAREER_ADVISER), "upcoming": _next_up(request.user)},
    )


@role_required(Role.EMPLOYEE)
def employee(request):
    return render(
        request,
        "dashboards/employee.html",
        {
            "other_dashboards": _other_dashboards(request.user, Role.EMPLOYEE),
            "upcoming": _next_up(request.user),
            "placements": employee_placement_links(request.user),
        },
    )


@role_required(Role.PLATFORM_ADMIN)
def platform_admin(request):
    return render(
        request,
        "dashboards/platform_admin.html",
        {
            "home": platform_home(page_number=request.GET.get("page")),
            "other_dashboards": _other_dashboards(request.user, Role.PLATFORM_ADMIN),
        },
    )
