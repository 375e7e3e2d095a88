"""The HR adviser's home: what needs them now, then how each running and open group is doing.

Built from a fixed number of queries whatever the number of groups, requests, rounds or coaches: every list
below is one query (grouped or annotated), and the groups' cost models come in one prefetch.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.scoping import hr_organisation_ids
from coaching.models import CoachMatch
from notifications.selectors import failed_email_count_for_hr, failed_emails_for_hr
from participants.models import Enrolment
from placements.models import Assignment, PlacementRound
from placements.selectors import assignments_of_host, rounds_for_host
from programmes.costs import ZERO, cohort_cost_summary
from programmes.models import Cohort
from sessions.models import Session

from . import ActionItem

# A group that still lacks people this close to its start needs HR now (recruit, or move the date).
START_SOON_DAYS = 28
# A coach who has logged nothing this long after the match was published may need a nudge.
COACH_SILENT_DAYS = 21

RUNNING_AND_OPEN = (Cohort.Status.PLANNED, Cohort.Status.OPEN, Cohort.Status.FULL, Cohort.Status.RUNNING)


# The icon ({% icon %}, core/templatetags/icons.py) that marks each kind of work on the list.
NEEDS_YOU_ICONS = {
    "late_requests": "hourglass-split",
    "below_threshold": "people",
    "assignments_to_review": "briefcase",
    "market_to_close": "shop",
    "allocation_to_publish": "diagram-3",
    "coach_without_logs": "journal-x",
    "failed_emails": "envelope-exclamation",
    "assignments_to_post": "journal-plus",
    "candidates_to_rank": "person-badge",
}


@dataclass
class GroupOverview:
    cohort: Cohort
    placed: int
    next_session_date: date | None
    next_session_title: str
    costs: dict
    charged_to_departments: Decimal

    @property
    def capacity(self) -> int:
        return self.cohort.capacity

    @property
    def threshold(self) -> int:
        return self.cohort.start_threshold

    @property
    def fill_percent(self) -> int:
        return min(100, round(100 * self.placed / self.capacity)) if self.capacity else 0

    @property
    def below_threshold(self) -> bool:
        return self.placed < self.threshold

    @property
    def subsidy_certain(self) -> Decimal:
        return self.costs["certain_subsidies"]

    @property
    def subsidy_possible(self) -> Decimal:
        return self.costs["possible_subsidies"]

    @property
    def total_costs(self) -> Decimal:
        return self.costs["total_costs"]

    @property
    def uncovered(self) -> Decimal:
        """What neither the departments' enrolments nor the certain subsidies pay yet."""
        return max(self.total_costs - self.subsidy_certain - self.charged_to_departments, ZERO)

    def _share(self, amount: Decimal) -> int:
        return round(100 * amount / self.total_costs) if self.total_costs else 0

    @property
    def departments_percent(self) -> int:
        return self._share(min(self.charged_to_departments, self.total_costs))

    @property
    def subsidy_percent(self) -> int:
        return min(self._share(self.subsidy_certain), 100 - self.departments_percent)


@dataclass
class HRHome:
    needs_you: list[ActionItem] = field(default_factory=list)
    groups: list[GroupOverview] = field(default_factory=list)
    failed_notifications: list = field(default_factory=list)


def _late_requests(user, now: datetime) -> list[ActionItem]:
    rows = (
        Enrolment.objects.managed_by(user)
        .filter(status=Enrolment.Status.AWAITING_MANAGER, decision_due_at__lt=now)
        .values("cohort_id", "cohort__name")
        .annotate(count=Count("pk"))
        .order_by("cohort__name")
    )
    return [
        ActionItem(
            "late_requests",
            ngettext(
                "%(count)d request for %(cohort)s waits past its manager's decision window.",
                "%(count)d requests for %(cohort)s wait past their manager's decision window.",
                row["count"],
            )
            % {"count": row["count"], "cohort": row["cohort__name"]},
            reverse("programmes:cohort_detail", args=[row["cohort_id"]]),
            _("See the queue"),
        )
        for row in rows
    ]


def _groups(user, today: date) -> list[GroupOverview]:
    next_session = Session.objects.filter(
        cohort=OuterRef("pk"), date__gte=today, status=Session.Status.PLANNED
    ).order_by("date", "start_time")
    cohorts = (
        Cohort.objects.managed_by(user)
        .filter(status__in=RUNNING_AND_OPEN)
        .select_related("programme")
        .prefetch_related("programme__cost_items")
        .annotate(
            placed_count=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.CURRENT_STATUSES)),
            charged=Coalesce(
                Sum("enrolments__cost", filter=Q(enrolments__status__in=Enrolment.CURRENT_STATUSES)), Decimal("0")
            ),
            next_session_date=Subquery(next_session.values("date")[:1]),
            next_session_title=Subquery(next_session.values("title")[:1]),
        )
        .order_by("start_date", "name")
    )
    return [
        GroupOverview(
            cohort=cohort,
            placed=cohort.placed_count,
            next_session_date=cohort.next_session_date,
            next_session_title=cohort.next_session_title or "",
            costs=cohort_cost_summary(cohort=cohort),
            charged_to_departments=cohort.charged,
        )
        for cohort in cohorts
    ]


def _groups_short_of_people(groups: list[GroupOverview], today: date) -> list[ActionItem]:
    soon = today + timedelta(days=START_SOON_DAYS)
    return [
        ActionItem(
            "below_threshold",
            _("%(cohort)s starts on %(date)s with %(placed)d of the %(needed)d people it needs to start.")
            % {
                "cohort": group.cohort.name,
                "date": date_format(group.cohort.start_date, "j F Y"),
                "placed": group.placed,
                "needed": group.threshold,
            },
            reverse("programmes:cohort_detail", args=[group.cohort.pk]),
            _("Fill the group"),
        )
        for group in groups
        if group.cohort.status in (Cohort.Status.PLANNED, Cohort.Status.OPEN)
        and group.cohort.start_date
        and today <= group.cohort.start_date <= soon
        and group.below_threshold
    ]


def _rounds(user) -> list[ActionItem]:
    rounds = (
        PlacementRound.objects.managed_by(user)
        .filter(
            status__in=(
                PlacementRound.Status.COLLECTING,
                PlacementRound.Status.MARKET,
                PlacementRound.Status.ALLOCATING,
            )
        )
        .select_related("cohort")
        .annotate(to_review=Count("assignments", filter=Q(assignments__status=Assignment.Status.SUBMITTED)))
        .order_by("starts_on", "pk")
    )
    items = []
    for round_ in rounds:
        names = {"round": round_.name, "cohort": round_.cohort.name}
        if round_.to_review:
            items.append(
                ActionItem(
                    "assignments_to_review",
                    ngettext(
                        "%(count)d assignment for %(round)s (%(cohort)s) waits for your review.",
                        "%(count)d assignments for %(round)s (%(cohort)s) wait for your review.",
                        round_.to_review,
                    )
                    % {"count": round_.to_review, **names},
                    reverse("placements:round_detail", args=[round_.pk]),
                    _("Review assignments"),
                )
            )
        if round_.status == PlacementRound.Status.MARKET:
            items.append(
                ActionItem(
                    "market_to_close",
                    _("The project market of %(round)s (%(cohort)s) is open; close it to allocate.") % names,
                    reverse("placements:round_detail", args=[round_.pk]),
                    _("Close the market"),
                )
            )
        elif round_.status == PlacementRound.Status.ALLOCATING:
            items.append(
                ActionItem(
                    "allocation_to_publish",
                    _("The allocation of %(round)s (%(cohort)s) waits to be published.") % names,
                    reverse("placements:round_allocation", args=[round_.pk]),
                    _("Review and publish"),
                )
            )
    return items


def _host_work(user) -> list[ActionItem]:
    """For HR of a host organisation (host contact): rounds of another organisation's programme that collect
    assignments and have none of theirs yet, and candidates of their assignments waiting for their ranking."""
    host_ids = hr_organisation_ids(user)
    collecting = (
        rounds_for_host(user=user)
        .filter(status=PlacementRound.Status.COLLECTING)
        .exclude(cohort__programme__owner_id__in=host_ids)
        .exclude(assignments__host_organisation_id__in=host_ids)
        .order_by("starts_on", "pk")
    )
    items = [
        ActionItem(
            "assignments_to_post",
            _("%(round)s of %(programme)s collects assignments; your organisation has not posted one yet.")
            % {"round": round_.name, "programme": round_.cohort.programme.name},
            reverse("placements:assignment_new", args=[round_.pk]),
            _("Post an assignment"),
        )
        for round_ in collecting
    ]
    to_rank = (
        assignments_of_host(user=user)
        .filter(status=Assignment.Status.PUBLISHED, round__status=PlacementRound.Status.MARKET)
        .annotate(
            candidates=Count("preferences", distinct=True),
            ranked=Count("host_rankings", distinct=True),
        )
        .filter(candidates__gt=F("ranked"))
        .order_by("round__starts_on", "title")
    )
    items += [
        ActionItem(
            "candidates_to_rank",
            ngettext(
                "%(count)d candidate for %(assignment)s waits for your view.",
                "%(count)d candidates for %(assignment)s wait for your view.",
                assignment.candidates - assignment.ranked,
            )
            % {"count": assignment.candidates - assignment.ranked, "assignment": assignment.title},
            reverse("placements:host_candidates", args=[assignment.pk]),
            _("Rank the candidates"),
        )
        for assignment in to_rank
    ]
    return items


def _silent_coaches(user, now: datetime) -> list[ActionItem]:
    rows = (
        CoachMatch.objects.managed_by(user)
        .filter(
            status__in=CoachMatch.LIVE_STATUSES,
            published_at__lt=now - timedelta(days=COACH_SILENT_DAYS),
            sessions__isnull=True,
        )
        .values("coach_id", "coach__first_name", "coach__last_name", "coach__email", "cohort_id", "cohort__name")
        .annotate(count=Count("pk", distinct=True))
        .order_by("coach__last_name", "coach__first_name", "cohort_id")
    )
    items = []
    for row in rows:
        name = f"{row['coach__first_name']} {row['coach__last_name']}".strip() or row["coach__email"]
        items.append(
            ActionItem(
                "coach_without_logs",
                ngettext(
                    "%(coach)s has not logged a session yet with %(count)d coachee of %(cohort)s, "
                    "matched over %(days)d days ago.",
                    "%(coach)s has not logged a session yet with %(count)d coachees of %(cohort)s, "
                    "matched over %(days)d days ago.",
                    row["count"],
                )
                % {
                    "coach": name,
                    "count": row["count"],
                    "cohort": row["cohort__name"] or _("no group"),
                    "days": COACH_SILENT_DAYS,
                },
                reverse("coaching:cohort_coaching_activity", args=[row["cohort_id"]])
                if row["cohort_id"]
                else reverse("coaching:pool"),
                _("See coaching activity"),
            )
        )
    return items


def _failed_emails(user, failed: list) -> list[ActionItem]:
    if not failed:
        return []
    count = failed_email_count_for_hr(user=user)
    return [
        ActionItem(
            "failed_emails",
            ngettext(
                "%(count)d message could not be e-mailed; the person can still read it in Groeipad.",
                "%(count)d messages could not be e-mailed; the people can still read them in Groeipad.",
                count,
            )
            % {"count": count},
            "#failed-notifications-heading",
            _("See which"),
        )
    ]


def hr_home(user, *, now: datetime | None = None) -> HRHome:
    now = now or timezone.now()
    today = timezone.localdate(now)
    groups = _groups(user, today)
    failed = list(failed_emails_for_hr(user=user))
    needs_you = [
        replace(item, icon=NEEDS_YOU_ICONS[item.kind])
        for item in (
            *_late_requests(user, now),
            *_groups_short_of_people(groups, today),
            *_rounds(user),
            *_host_work(user),
            *_silent_coaches(user, now),
            *_failed_emails(user, failed),
        )
    ]
    return HRHome(needs_you=needs_you, groups=groups, failed_notifications=failed)
