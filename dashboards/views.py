from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.decorators import role_required
from accounts.models import Role
from accounts.selectors import user_primary_role, user_roles

from .homes.employee import employee_home
from .homes.hr import hr_home
from .homes.manager import manager_home
from .homes.platform import platform_home
from .homes.staff import career_adviser_home, coach_home, trainer_home
from .navigation import ROLE_DASHBOARD_URL_NAMES
from .selectors import hr_dashboard_overview


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
    home = coach_home(coach=request.user)
    return render(
        request,
        "dashboards/coach.html",
        {
            "other_dashboards": _other_dashboards(request.user, Role.COACH),
            "home": home,
            "matches": home.matches,
            "month": timezone.localdate(),
        },
    )


@role_required(Role.TRAINER)
def trainer(request):
    home = trainer_home(trainer=request.user)
    return render(
        request,
        "dashboards/trainer.html",
        {"other_dashboards": _other_dashboards(request.user, Role.TRAINER), "home": home, "upcoming": home.upcoming},
    )


@role_required(Role.CAREER_ADVISER)
def career_adviser(request):
    home = career_adviser_home(adviser=request.user)
    return render(
        request,
        "dashboards/career_adviser.html",
        {
            "other_dashboards": _other_dashboards(request.user, Role.CAREER_ADVISER),
            "home": home,
            "upcoming": home.upcoming,
        },
    )


@role_required(Role.EMPLOYEE)
def employee(request):
    home = employee_home(person=request.user)
    return render(
        request,
        "dashboards/employee.html",
        {"other_dashboards": _other_dashboards(request.user, Role.EMPLOYEE), "home": home, "upcoming": home.upcoming},
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
