"""Department training budgets: approved enrolments commit their cost; completed ones are spent."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from participants import services
from participants.models import DepartmentBudget, Enrolment
from participants.selectors import department_budget_overview
from tests.factories import (
    CohortFactory,
    DepartmentBudgetFactory,
    DepartmentFactory,
    EnrolmentFactory,
    OrganisationFactory,
    UserFactory,
    hr_adviser,
)

from .conftest import employee_of

S = Enrolment.Status
COST = Decimal("933.33")


@pytest.mark.django_db
def test_the_overview_counts_committed_and_spent_enrolments_of_the_year(zwolle):
    department = zwolle.manager.department
    DepartmentBudgetFactory(department=department, year=2027, amount=Decimal("15000"), spent_elsewhere=Decimal("1000"))

    def enrolment(status, cohort=zwolle.cohort, **kwargs):
        return EnrolmentFactory(
            cohort=cohort, person=employee_of(zwolle.manager), status=status, cost=COST, department=department, **kwargs
        )

    for status in (S.APPROVED, S.PLACED, S.WAITLISTED, S.ACTIVE):
        enrolment(status)  # committed
    enrolment(S.COMPLETED)  # spent
    for status in (S.AWAITING_MANAGER, S.REJECTED, S.WITHDRAWN, S.REQUESTED):
        enrolment(status)  # neither
    next_year = CohortFactory(programme=zwolle.programme, start_date=date(2028, 3, 1), end_date=None)
    enrolment(S.PLACED, cohort=next_year)  # another year
    undated = CohortFactory(programme=zwolle.programme, start_date=None, end_date=None)
    enrolment(S.PLACED, cohort=undated, requested_at=datetime(2027, 2, 1, tzinfo=UTC))  # year of request
    EnrolmentFactory(cohort=zwolle.cohort, placed=True, cost=COST)  # another department

    overview = department_budget_overview(department=department, year=2027)

    assert overview["amount"] == Decimal("15000.00")
    assert overview["committed"] == 5 * COST
    assert overview["spent"] == Decimal("1000.00") + COST
    assert overview["left"] == Decimal("15000.00") - Decimal("1000.00") - 6 * COST


@pytest.mark.django_db
def test_a_department_without_a_budget_has_nothing_left_to_commit(zwolle):
    overview = department_budget_overview(department=zwolle.manager.department, year=2027)

    assert overview == {
        "budget": None,
        "year": 2027,
        "amount": Decimal("0.00"),
        "spent": Decimal("0.00"),
        "committed": Decimal("0.00"),
        "left": Decimal("0.00"),
    }


@pytest.mark.django_db
def test_approval_commits_the_zwolle_cost_and_completion_spends_it(zwolle):
    department = zwolle.manager.department
    DepartmentBudgetFactory(department=department, year=2027, amount=Decimal("12000"))
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
    assert department_budget_overview(department=department, year=2027)["committed"] == Decimal("0.00")

    services.enrolment_approve(enrolment=enrolment, manager=zwolle.manager)
    assert department_budget_overview(department=department, year=2027)["left"] == Decimal("11066.67")

    services.enrolment_activate(enrolment=enrolment, by=zwolle.hr)
    services.enrolment_complete(enrolment=enrolment, by=zwolle.hr)
    overview = department_budget_overview(department=department, year=2027)
    assert (overview["spent"], overview["committed"], overview["left"]) == (COST, Decimal("0.00"), Decimal("11066.67"))


@pytest.mark.django_db
def test_budget_set_creates_and_then_updates_the_one_budget_of_the_year(zwolle):
    department = zwolle.manager.department

    services.budget_set(department=department, year=2027, amount=Decimal("10000"), by=zwolle.hr)
    services.budget_set(
        department=department, year=2027, amount=Decimal("12000"), spent_elsewhere=Decimal("500"), by=zwolle.hr
    )

    budget = DepartmentBudget.objects.get()
    assert (budget.year, budget.amount, budget.spent_elsewhere) == (2027, Decimal("12000.00"), Decimal("500.00"))


@pytest.mark.django_db
def test_budget_set_refuses_a_negative_amount(zwolle):
    with pytest.raises(ValidationError):
        services.budget_set(department=zwolle.manager.department, year=2027, amount=Decimal("-1"), by=zwolle.hr)

    assert not DepartmentBudget.objects.exists()


def test_the_amount_per_head_is_multiplied_by_the_headcount():
    assert services.budget_amount_for_headcount(headcount=12, per_head=Decimal("1000")) == Decimal("12000.00")


# --- the HR budgets page --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_hr_sees_the_budgets_of_their_own_departments_only(client, zwolle):
    DepartmentBudgetFactory(department=zwolle.manager.department, year=2027, amount=Decimal("8000"))
    other = DepartmentFactory(organisation=OrganisationFactory(slug="dronten"), name="Dronten Afdeling")
    client.force_login(zwolle.hr)

    response = client.get(reverse("participants:budgets"), {"year": 2027})

    assert response.status_code == 200
    departments = {row["department"] for row in response.context["rows"]}
    assert zwolle.manager.department in departments
    assert other not in departments
    row = next(row for row in response.context["rows"] if row["department"] == zwolle.manager.department)
    assert row["amount"] == Decimal("8000.00")


@pytest.mark.django_db
def test_hr_sets_a_budget_per_head_on_the_page(client, zwolle):
    department = zwolle.manager.department
    for _ in range(3):
        employee_of(zwolle.manager)  # with the manager: 4 people in the department
    client.force_login(zwolle.hr)

    response = client.post(
        reverse("participants:budgets"),
        {"department": department.pk, "year": 2027, "amount_per_head": "1000", "spent_elsewhere": ""},
    )

    assert response.status_code == 302
    assert DepartmentBudget.objects.get(department=department, year=2027).amount == Decimal("4000.00")


@pytest.mark.django_db
def test_hr_cannot_set_the_budget_of_another_organisations_department(client, zwolle):
    other = DepartmentFactory(organisation=OrganisationFactory(slug="dronten"))
    client.force_login(zwolle.hr)

    response = client.post(reverse("participants:budgets"), {"department": other.pk, "year": 2027, "amount": "5000"})

    assert response.status_code == 400
    assert not DepartmentBudget.objects.exists()


@pytest.mark.django_db
def test_the_budget_form_wants_an_amount_or_an_amount_per_head(client, zwolle):
    client.force_login(zwolle.hr)

    response = client.post(reverse("participants:budgets"), {"department": zwolle.manager.department.pk, "year": 2027})

    assert response.status_code == 400
    assert not DepartmentBudget.objects.exists()


@pytest.mark.django_db
def test_employees_and_managers_cannot_open_the_budgets_page(client, zwolle):
    employee_of(zwolle.manager)
    for user in (UserFactory(), zwolle.manager):
        client.force_login(user)
        assert client.get(reverse("participants:budgets")).status_code == 404


@pytest.mark.django_db
def test_hr_of_two_organisations_sees_both(client, zwolle):
    dronten = OrganisationFactory(slug="dronten")
    department = DepartmentFactory(organisation=dronten)
    adviser = hr_adviser(dronten)
    RoleAssignment.objects.create(user=adviser, role=Role.HR_ADVISER, organisation=zwolle.organisation)
    client.force_login(adviser)

    response = client.get(reverse("participants:budgets"))

    departments = {row["department"] for row in response.context["rows"]}
    assert {department, zwolle.manager.department} <= departments
