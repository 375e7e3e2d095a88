"""axe-core (WCAG 2.1 A and AA) on the enrolment pages, in a real browser (see tests/browser)."""

from datetime import date

import pytest

from participants import services
from tests.browser.test_accessibility import assert_accessible, open_as
from tests.factories import (
    CohortFactory,
    DepartmentBudgetFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    hr_adviser,
)

from .conftest import employee_of, manager_in

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db):
    zwolle = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    programme = ProgrammeFactory(zwolle=True, owner=zwolle, participating_organisations=[zwolle])
    cohort = CohortFactory(programme=programme, name="Groep 2027-1")
    other = CohortFactory(programme=ProgrammeFactory(owner=zwolle, education_levels=["mbo"]), name="Vakmensen 2027")
    manager = manager_in(zwolle, first_name="Joost", last_name="Bakker")
    DepartmentBudgetFactory(department=manager.department, year=date.today().year)
    person = employee_of(manager, first_name="Sanne", last_name="de Vries")
    waiting = services.enrolment_request(person=employee_of(manager), cohort=cohort, motivation="Ik wil groeien.")
    decided = services.enrolment_request(person=employee_of(manager), cohort=cohort, motivation="Graag.")
    services.enrolment_approve(enrolment=decided, manager=manager)
    mine = EnrolmentFactory(cohort=other, person=person, waitlisted=True)
    return {"hr": hr_adviser(zwolle), "manager": manager, "person": person, "waiting": waiting, "mine": mine}


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("person", lambda w: "/enrolments/programmes/"),
        ("person", lambda w: f"/enrolments/{w['mine'].pk}/withdraw/"),
        ("manager", lambda w: "/enrolments/approvals/"),
        ("hr", lambda w: f"/enrolments/{w['waiting'].pk}/"),
        ("hr", lambda w: "/enrolments/budgets/"),
    ],
)
def test_the_enrolment_pages_have_no_axe_violations(page, log_in, live_server, world, who, path):  # noqa: F811
    open_as(page, log_in, live_server, world[who], path(world))

    assert_accessible(page)
