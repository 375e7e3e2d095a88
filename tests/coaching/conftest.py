"""Shared set-up for the coaching tests: a running Zwolle cohort, its coach pool, and everyone around it."""

from dataclasses import dataclass

import pytest

from accounts.models import Department, Organisation, User
from participants.models import Enrolment
from programmes.models import Cohort, Programme
from tests.factories import (
    CoachProfileFactory,
    CohortFactory,
    DepartmentFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    UserFactory,
    hr_adviser,
)


@dataclass
class CoachingWorld:
    organisation: Organisation
    programme: Programme
    cohort: Cohort
    departments: list[Department]
    participants: list[User]  # active members of the cohort, spread over the departments
    coaches: list[User]  # approved coaches of Zwolle's pool, one per department, 3 places each
    hr: User
    other_hr: User  # HR adviser of another organisation
    manager: User  # manager of participants[0]
    other_manager: User


@pytest.fixture
def coaching(db) -> CoachingWorld:
    organisation = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    programme = ProgrammeFactory(zwolle=True, owner=organisation, participating_organisations=[organisation])
    cohort = CohortFactory(programme=programme, name="Groep 2027-1", status=Cohort.Status.RUNNING)
    departments = [
        DepartmentFactory(organisation=organisation, name=name) for name in ("Ruimte", "Sociaal", "Financiën")
    ]
    manager = UserFactory(organisation=organisation, department=departments[0], last_name="Leidinggevende")
    other_manager = UserFactory(organisation=organisation, department=departments[1], last_name="Anders")
    leadership, career = ThemeFactory(name="Leiderschap"), ThemeFactory(name="Loopbaan")
    coaches = [
        CoachProfileFactory(
            user=UserFactory(organisation=organisation, department=department, last_name=f"Coach{index}"),
            themes=[leadership] if index % 2 == 0 else [career],
        ).user
        for index, department in enumerate(departments)
    ]
    participants = []
    for index in range(6):
        person = UserFactory(
            organisation=organisation,
            department=departments[index % 3],
            manager=manager if index == 0 else other_manager,
        )
        EnrolmentFactory(cohort=cohort, person=person, status=Enrolment.Status.ACTIVE)
        participants.append(person)
    # Messages are rendered in each recipient's language; the tests read them in English.
    User.objects.filter(organisation=organisation).update(preferred_language="en")
    for person in [*coaches, *participants, manager, other_manager]:
        person.preferred_language = "en"
    return CoachingWorld(
        organisation=organisation,
        programme=programme,
        cohort=cohort,
        departments=departments,
        participants=participants,
        coaches=coaches,
        hr=hr_adviser(organisation),
        other_hr=hr_adviser(OrganisationFactory(name="Gemeente Kampen", slug="kampen")),
        manager=manager,
        other_manager=other_manager,
    )
