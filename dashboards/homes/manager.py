"""The manager's home: what waits for their decision now, and how their team takes part in programmes.

The rules live where they belong and are only put together here: the requests, their cost and the budgets in
``participants.selectors``, who may enrol in ``participants.eligibility``, the job-swap moves in
``placements.swaps``. The home costs a fixed number of queries, whatever the size of the team:

- the requests waiting for the manager, their place in line and the budgets they fall in (up to 5);
- the job-swap moves waiting for the manager (up to 2);
- the team with its current and live enrolments (3);
- the cohorts the team may enrol in, with their programmes' participating organisations (2);
- the training budgets of the team's departments (2).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from accounts.models import Department, User
from accounts.selectors import reports_of
from participants.eligibility import cohort_enrolment_reasons
from participants.models import Enrolment
from participants.selectors import (
    approvals_for_manager,
    department_budget_overviews_for,
    enrollable_cohorts_for_organisations,
    enrolment_budget_year,
)
from placements.swaps import AwaitingApproval, moves_awaiting_approval
from programmes.models import Cohort

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetBar:
    """One department's training budget in one year, with the width of each part of its bar in whole percents.

    The bar spans the budget, or what is spent and committed when that is more (then nothing is left).
    """

    department: Department
    year: int
    has_budget: bool  # False when HR has set no budget for the year: the amount is then 0
    amount: Decimal
    spent: Decimal
    committed: Decimal
    left: Decimal
    spent_percent: int
    committed_percent: int
    left_percent: int

    @property
    def over_budget(self) -> Decimal:
        return max(-self.left, ZERO)

    @property
    def has_bar(self) -> bool:
        return self.spent_percent + self.committed_percent + self.left_percent > 0


@dataclass(frozen=True)
class TeamMember:
    person: User
    age: int | None
    current: list[Enrolment]  # placed or active: a member of the cohort now


@dataclass(frozen=True)
class OpenCohort:
    """A cohort open for enrolment, and the manager's staff who may enrol in it and have not enrolled in its
    programme (now or before)."""

    cohort: Cohort
    people: list[User]


@dataclass(frozen=True)
class ManagerHome:
    pending: list[Enrolment]  # with .budget and .budget_left_after, as approvals_for_manager gives them
    swap_moves: list[AwaitingApproval]
    team: list[TeamMember]
    open_cohorts: list[OpenCohort]
    budgets: list[BudgetBar]
    today: date
    budget_years: list[int] = field(default_factory=list)

    @property
    def in_programme_count(self) -> int:
        return sum(1 for member in self.team if member.current)


def manager_home(*, manager: User, today: date) -> ManagerHome:
    """Everything the manager's home shows, for this manager's own staff only."""
    pending = approvals_for_manager(manager=manager, history_limit=0)["pending"]
    team = list(
        reports_of(manager).prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.current().select_related("cohort__programme").order_by("cohort__start_date"),
                to_attr="current_enrolments",
            ),
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.filter(status__in=Enrolment.LIVE_STATUSES).select_related("cohort"),
                to_attr="live_enrolments",
            ),
        )
    )
    # This year's budget, and that of each year a waiting request would be paid from (a group that starts
    # next year is paid from next year's budget).
    years = sorted({today.year, *(enrolment_budget_year(enrolment) for enrolment in pending)})
    return ManagerHome(
        pending=pending,
        swap_moves=moves_awaiting_approval(manager=manager),
        team=[
            TeamMember(person=person, age=person.age_on(today), current=person.current_enrolments) for person in team
        ],
        open_cohorts=_open_cohorts(team, today=today),
        budgets=_budget_bars(team, years=years),
        today=today,
        budget_years=years,
    )


def _open_cohorts(team: list[User], *, today: date) -> list[OpenCohort]:
    """The open cohorts with the staff who may enrol (``cohort_enrolment_reasons`` is empty for them) and who
    have no live enrolment in any cohort of that programme: not requested, waiting, placed, active or completed."""
    if not team:
        return []
    cohorts = enrollable_cohorts_for_organisations(organisation_ids={person.organisation_id for person in team})
    rows = []
    for cohort in cohorts:
        people = [
            person
            for person in team
            if not any(enrolment.cohort.programme_id == cohort.programme_id for enrolment in person.live_enrolments)
            and not cohort_enrolment_reasons(person=person, cohort=cohort, on_date=today, has_live_enrolment=False)
        ]
        if people:
            rows.append(OpenCohort(cohort=cohort, people=people))
    return rows


def _budget_bars(team: list[User], *, years: list[int]) -> list[BudgetBar]:
    departments = {person.department_id: person.department for person in team if person.department_id}
    overviews = department_budget_overviews_for(keys={(pk, year) for pk in departments for year in years})
    bars = []
    for department in sorted(departments.values(), key=lambda department: (department.name, department.pk)):
        for year in years:
            overview = overviews[(department.pk, year)]
            spent, committed, left = bar_percents(
                amount=overview["amount"], spent=overview["spent"], committed=overview["committed"]
            )
            bars.append(
                BudgetBar(
                    department=department,
                    year=year,
                    has_budget=overview["budget"] is not None,
                    amount=overview["amount"],
                    spent=overview["spent"],
                    committed=overview["committed"],
                    left=overview["left"],
                    spent_percent=spent,
                    committed_percent=committed,
                    left_percent=left,
                )
            )
    return bars


def bar_percents(*, amount: Decimal, spent: Decimal, committed: Decimal) -> tuple[int, int, int]:
    """The widths of spent, committed and left in whole percents that add up to 100 (all 0 when there is
    nothing to show). The whole is the budget, or spent plus committed when that is more."""
    spent, committed = max(spent, ZERO), max(committed, ZERO)
    left = max(amount - spent - committed, ZERO)
    whole = spent + committed + left
    if whole <= 0:
        return 0, 0, 0
    exact = [part * 100 / whole for part in (spent, committed, left)]
    percents = [int(share) for share in exact]
    # Largest remainder: the percents left over go to the parts that lost most by rounding down.
    by_remainder = sorted(range(3), key=lambda index: exact[index] - percents[index], reverse=True)
    for index in by_remainder[: 100 - sum(percents)]:
        percents[index] += 1
    return percents[0], percents[1], percents[2]
