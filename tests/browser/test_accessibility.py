"""axe-core (WCAG 2.1 A and AA rules) on every page a role sees first, in a real browser."""

from datetime import date
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from accounts.models import Invitation, PeopleImport, Role
from tests.factories import (
    CohortFactory,
    DepartmentBudgetFactory,
    DepartmentFactory,
    EnrolmentFactory,
    NotificationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SwapMoveFactory,
    UserFactory,
    hr_adviser,
    with_role,
)

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
MOBILE = {"width": 375, "height": 812}

_axe = Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}  <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"      html: {node['html'].strip()[:300]}")
            summary = node.get("failureSummary")
            if summary:
                lines.append("      " + summary.replace("\n", "\n      "))
    return "\n".join(lines)


def assert_accessible(page) -> None:
    page.wait_for_load_state("load")
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n" + describe(
        violations
    )


def open_as(page, log_in, live_server, user, path: str) -> None:
    log_in(user)
    page.goto(live_server.url + path)
    assert page.url == live_server.url + path, f"expected {path}, the browser is at {page.url}"


@pytest.fixture
def hr_world():
    """An HR adviser of two organisations, enough people for a second page, and something to report."""
    organisation = OrganisationFactory(name="Gemeente Zaanstad")
    second = OrganisationFactory(name="Gemeente Wormerland")
    adviser = hr_adviser(organisation, first_name="Fatima", last_name="El Amrani")
    with_role(adviser, Role.HR_ADVISER, second)
    department = DepartmentFactory(organisation=organisation, name="Publiekszaken")
    manager = UserFactory(organisation=organisation, department=department, first_name="Joost", last_name="Bakker")
    person = UserFactory(
        organisation=organisation,
        department=department,
        manager=manager,
        first_name="Sanne",
        last_name="de Vries",
        contract_hours=32,
    )
    UserFactory.create_batch(50, organisation=organisation, department=department)
    UserFactory(organisation=organisation, department=department, is_active=False)
    Invitation.objects.create(user=person, invited_by=adviser, status=Invitation.Status.FAILED, attempts=3)
    PeopleImport.objects.create(
        organisation=organisation,
        uploaded_by=adviser,
        file_name="medewerkers.csv",
        status=PeopleImport.Status.COMPLETED,
    )
    return {"adviser": adviser, "person": person, "organisation": organisation}


def test_login_page(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page)


def test_login_page_with_errors(page, live_server):
    """The error state too: a failed login shows a message that must be readable and announced."""
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_login").fill("niemand@example.test")
    page.locator("#id_password").fill("wrong-password")
    page.locator("main form").get_by_role("button").click()
    page.wait_for_selector("main .alert, main .invalid-feedback")
    assert_accessible(page)


def test_password_reset_page(page, live_server):
    page.goto(live_server.url + "/accounts/password/reset/")
    assert_accessible(page)


def test_hr_dashboard(page, live_server, log_in, hr_world):
    open_as(page, log_in, live_server, hr_world["adviser"], "/dashboard/hr/")
    assert_accessible(page)


def test_hr_people_list(page, live_server, log_in, hr_world):
    open_as(page, log_in, live_server, hr_world["adviser"], "/people/")
    assert page.locator("nav .pagination").is_visible()
    assert_accessible(page)


def test_hr_person_detail(page, live_server, log_in, hr_world):
    open_as(page, log_in, live_server, hr_world["adviser"], f"/people/{hr_world['person'].pk}/")
    assert_accessible(page)


@pytest.fixture
def manager_world():
    """A manager whose home shows everything: a request and a job-swap move waiting, someone in a programme,
    someone who may enrol, a budget partly committed, one over budget and a department without a budget."""
    organisation = OrganisationFactory(name="Gemeente Zwolle")
    department = DepartmentFactory(organisation=organisation, name="Ruimtelijke Ontwikkeling")
    manager = UserFactory(organisation=organisation, department=department, first_name="Joost")
    year = timezone.localdate().year
    programme = ProgrammeFactory(zwolle=True, owner=organisation)
    cohort = CohortFactory(
        programme=programme, name="Groep 1", start_date=date(year, 11, 6), end_date=date(year + 1, 5, 1)
    )
    DepartmentBudgetFactory(department=department, year=year, amount=Decimal("10000.00"))
    crowded = DepartmentFactory(organisation=organisation, name="Sociaal Domein")
    DepartmentBudgetFactory(department=crowded, year=year, amount=Decimal("1000.00"))

    def staff(**kwargs):
        kwargs.setdefault("department", department)
        return UserFactory(organisation=organisation, manager=manager, **kwargs)

    EnrolmentFactory(person=staff(first_name="Sanne"), cohort=cohort, cost=Decimal("933.33"))
    EnrolmentFactory(person=staff(), cohort=cohort, active=True, cost=Decimal("933.33"))
    EnrolmentFactory(person=staff(), cohort=cohort, completed=True, cost=Decimal("933.33"))
    EnrolmentFactory(person=staff(department=crowded), cohort=cohort, active=True, cost=Decimal("1500.00"))
    staff(date_of_birth=date(1999, 2, 3))  # may enrol
    staff(department=DepartmentFactory(organisation=organisation, name="Publiekszaken"), date_of_birth=None)
    staff(department=None)
    SwapMoveFactory(participant=staff(), accepted=True)
    return manager


def test_manager_dashboard(page, live_server, log_in, manager_world):
    open_as(page, log_in, live_server, manager_world, "/dashboard/manager/")
    assert page.locator("main .progress-stacked [role=progressbar]").count() >= 3
    assert_accessible(page)


@pytest.mark.parametrize("width", [320, 375])
def test_manager_dashboard_on_a_phone(page, live_server, log_in, manager_world, width):
    page.set_viewport_size({"width": width, "height": 812})
    open_as(page, log_in, live_server, manager_world, "/dashboard/manager/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.COACH, "/dashboard/coach/"),
        (Role.TRAINER, "/dashboard/trainer/"),
        (Role.CAREER_ADVISER, "/dashboard/career-adviser/"),
    ],
)
def test_role_dashboards(page, live_server, log_in, role, path):
    user = with_role(UserFactory(), role)
    open_as(page, log_in, live_server, user, path)
    assert_accessible(page)


def test_employee_dashboard(page, live_server, log_in):
    open_as(page, log_in, live_server, UserFactory(first_name="Sanne"), "/dashboard/employee/")
    assert_accessible(page)


def test_platform_admin_dashboard(page, live_server, log_in):
    open_as(page, log_in, live_server, UserFactory(platform_admin=True), "/dashboard/platform/")
    assert_accessible(page)


def test_login_page_on_a_phone(page, live_server):
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page)


def test_hr_dashboard_on_a_phone(page, live_server, log_in, hr_world):
    page.set_viewport_size(MOBILE)
    open_as(page, log_in, live_server, hr_world["adviser"], "/dashboard/hr/")
    assert_accessible(page)
    # The collapsed menu opens and its links are reachable (and still pass with the menu open).
    toggler = page.locator("header .navbar-toggler")
    assert toggler.is_visible()
    toggler.click()
    page.locator("#main-nav.show").wait_for()
    assert toggler.get_attribute("aria-expanded") == "true"
    assert_accessible(page)


def test_the_inbox_with_unread_and_read_messages_over_two_pages(page, live_server, log_in):
    person = UserFactory()
    NotificationFactory.create_batch(20, recipient=person, read=True)
    NotificationFactory.create_batch(10, recipient=person, body="A first line.\nA second line.")
    log_in(person)

    page.goto(live_server.url + "/inbox/")

    assert page.locator(".gp-header .badge").inner_text().startswith("10")
    assert_accessible(page)


def test_the_hr_dashboard_with_a_message_that_could_not_be_emailed(page, live_server, log_in):
    organisation = OrganisationFactory()
    NotificationFactory(recipient=UserFactory(organisation=organisation), failed=True)
    log_in(hr_adviser(organisation))

    page.goto(live_server.url + "/dashboard/hr/")

    assert page.locator("#failed-notifications-heading").is_visible()
    assert_accessible(page)
