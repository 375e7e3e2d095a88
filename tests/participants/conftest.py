"""Shared set-up for enrolment tests: Zwolle's programme, its managers and young employees."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import Department, Organisation, User
from programmes.models import Cohort, Programme
from tests.factories import (
    CohortFactory,
    DepartmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    hr_adviser,
)


def years_ago(years: int, *, days: int = 0) -> date:
    """A date of birth that makes someone exactly `years` old today (`days` later: still younger)."""
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        born = today.replace(year=today.year - years, day=28)
    return born + timedelta(days=days)


def manager_in(organisation: Organisation, *, department: Department | None = None, **kwargs) -> User:
    department = department or DepartmentFactory(organisation=organisation)
    return UserFactory(organisation=organisation, department=department, date_of_birth=years_ago(50), **kwargs)


def employee_of(manager: User, **kwargs) -> User:
    """A young employee (30, introduction completed) who reports to this manager, in the manager's department."""
    defaults = {
        "organisation": manager.organisation,
        "department": manager.department,
        "manager": manager,
        "date_of_birth": years_ago(30),
        "introduction_completed_on": date(2022, 4, 1),
    }
    return UserFactory(**{**defaults, **kwargs})


@dataclass
class Zwolle:
    organisation: Organisation
    programme: Programme
    cohort: Cohort
    hr: User
    manager: User
    other_manager: User


@pytest.fixture
def zwolle(db) -> Zwolle:
    organisation = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    programme = ProgrammeFactory(zwolle=True, owner=organisation, participating_organisations=[organisation])
    cohort = CohortFactory(programme=programme, name="Groep 2027-1")
    return Zwolle(
        organisation=organisation,
        programme=programme,
        cohort=cohort,
        hr=hr_adviser(organisation),
        manager=manager_in(organisation, last_name="Leidinggevende"),
        other_manager=manager_in(organisation, last_name="Andere"),
    )
