"""The platform admin's home: the organisations on the portal, people by role, and whether the background
tasks and e-mail run. A fixed number of queries; the organisations are paginated."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Organisation, Role, RoleAssignment, User
from core.health import TaskHealth, task_health
from notifications.selectors import email_delivery_counts
from programmes.models import Cohort, Programme

ORGANISATIONS_PER_PAGE = 25
# A message still unsent after this long lost its task, or no worker runs.
UNSENT_TOO_LONG = timedelta(minutes=30)


@dataclass(frozen=True)
class RoleCount:
    role: str
    label: str
    count: int


@dataclass(frozen=True)
class PlatformHome:
    organisations: Page
    organisation_count: int
    people_count: int
    roles: list[RoleCount]
    tasks: TaskHealth
    failed_emails: int
    unsent_emails: int

    @property
    def needs_attention(self) -> bool:
        return not self.tasks.healthy or bool(self.failed_emails or self.unsent_emails)


def _role_counts() -> list[RoleCount]:
    assigned = dict(
        RoleAssignment.objects.filter(user__is_active=True)
        .values("role")
        .annotate(count=Count("user", distinct=True))
        .values_list("role", "count")
    )
    derived = User.objects.filter(is_active=True).aggregate(
        # distinct: the join on reports repeats a manager once per report.
        employees=Count("pk", filter=Q(organisation__isnull=False), distinct=True),
        managers=Count("pk", filter=Q(reports__is_active=True), distinct=True),
        admins=Count("pk", filter=Q(is_superuser=True), distinct=True),
    )
    counts = {
        **assigned,
        Role.EMPLOYEE: derived["employees"],
        Role.MANAGER: derived["managers"],
        Role.PLATFORM_ADMIN: derived["admins"],
    }
    return [RoleCount(role.value, role.label, counts.get(role.value, 0)) for role in Role]


def _count(rows, group_field: str):
    return Coalesce(Subquery(rows.values(group_field).annotate(count=Count("pk")).values("count")[:1]), 0)


def platform_home(*, page_number=None, now: datetime | None = None) -> PlatformHome:
    now = now or timezone.now()
    running = (Cohort.Status.OPEN, Cohort.Status.FULL, Cohort.Status.RUNNING)
    # Counted in subqueries, not joins: three joins would multiply people by programmes by groups.
    organisations = Organisation.objects.annotate(
        people_count=_count(User.objects.filter(organisation=OuterRef("pk"), is_active=True), "organisation"),
        programme_count=_count(Programme.objects.filter(owner=OuterRef("pk")), "owner"),
        running_cohort_count=_count(
            Cohort.objects.filter(programme__owner=OuterRef("pk"), status__in=running), "programme__owner"
        ),
    ).order_by("name")
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(page_number)
    delivery = email_delivery_counts(stuck_after=now - UNSENT_TOO_LONG)
    return PlatformHome(
        organisations=page,
        organisation_count=page.paginator.count,
        people_count=User.objects.filter(is_active=True).count(),
        roles=_role_counts(),
        tasks=task_health(now=now),
        failed_emails=delivery["failed"],
        unsent_emails=delivery["stuck"],
    )
