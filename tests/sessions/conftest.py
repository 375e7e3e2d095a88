"""Shared set-up for the sessions tests: a running Zwolle cohort with members, its HR, a trainer,
a career adviser, an outsider of the same organisation and HR of another organisation."""

from dataclasses import dataclass

import pytest

from accounts.models import Organisation, Role, User
from participants.models import Enrolment
from programmes.models import Cohort, Programme
from tests.factories import (
    CohortFactory,
    DepartmentFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    hr_adviser,
    with_role,
)


@dataclass
class RunningCohort:
    organisation: Organisation
    programme: Programme
    cohort: Cohort
    members: list[User]
    hr: User
    other_hr: User  # HR adviser of another organisation
    trainer: User
    career_adviser: User
    outsider: User  # a young employee of the same organisation, not in the cohort
    manager: User


def make_members(cohort: Cohort, count: int, *, status=Enrolment.Status.ACTIVE, departments=None) -> list[User]:
    """`count` people with a seat in the cohort, spread over the given departments (two new ones by default)."""
    organisation = cohort.programme.owner
    departments = departments or [DepartmentFactory(organisation=organisation) for _ in range(2)]
    people = []
    for index in range(count):
        person = UserFactory(organisation=organisation, department=departments[index % len(departments)])
        EnrolmentFactory(cohort=cohort, person=person, status=status)
        people.append(person)
    return people


@pytest.fixture
def running(db) -> RunningCohort:
    organisation = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    programme = ProgrammeFactory(
        zwolle=True,
        owner=organisation,
        participating_organisations=[organisation],
        extra_seats_min=2,
        extra_seats_max=5,
    )
    cohort = CohortFactory(programme=programme, name="Groep 2027-1", status=Cohort.Status.RUNNING)
    manager = UserFactory(organisation=organisation, last_name="Leidinggevende")
    members = make_members(cohort, 6)
    trainer = with_role(UserFactory(organisation=None, department=None, last_name="Trainer"), Role.TRAINER)
    career_adviser = with_role(UserFactory(organisation=organisation), Role.CAREER_ADVISER, organisation)
    other_organisation = OrganisationFactory(name="Gemeente Kampen", slug="kampen")
    return RunningCohort(
        organisation=organisation,
        programme=programme,
        cohort=cohort,
        members=members,
        hr=hr_adviser(organisation),
        other_hr=hr_adviser(other_organisation),
        trainer=trainer,
        career_adviser=career_adviser,
        outsider=UserFactory(organisation=organisation, manager=manager),
        manager=manager,
    )
