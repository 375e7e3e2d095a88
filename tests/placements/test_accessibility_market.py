"""axe-core (WCAG 2.1 A and AA) on the project market, the assignment form and the other pages of rounds."""

import pytest

from placements import market
from placements.models import Assignment, PlacementRound
from tests.browser.test_accessibility import MOBILE, assert_accessible, open_as
from tests.factories import AssignmentFactory, DepartmentFactory, PlacementRoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db, region):
    round = PlacementRoundFactory(cohort=region.cohort, sequence=1, status=PlacementRound.Status.MARKET)
    assignments = []
    for index, host in enumerate(region.members[:3]):
        assignments.append(
            AssignmentFactory(
                round=round,
                host_organisation=host,
                supervisor=region.supervisors[host.pk],
                department=DepartmentFactory(organisation=host, name=f"Afdeling {index + 1}"),
                title=f"Opdracht {index + 1}",
                track=region.financial_track if index == 2 else None,
            )
        )
    AssignmentFactory(round=round, host_organisation=region.members[3], status=Assignment.Status.SUBMITTED)
    for trainee in region.trainees[:3]:
        market.preferences_save(round=round, trainee=trainee, ranks={assignments[0].pk: 1, assignments[1].pk: 2})
    region.round = round
    region.assignments = assignments
    return region


def test_the_market_page_on_a_phone_has_no_axe_violations(page, log_in, live_server, world):
    page.set_viewport_size(MOBILE)
    open_as(page, log_in, live_server, world.trainees[0], f"/placements/rounds/{world.round.pk}/market/")

    assert page.locator("main input[type=number]").count() == 2
    assert_accessible(page)


def test_the_assignment_form_with_errors_has_no_axe_violations(page, log_in, live_server, world):
    contact = world.contacts[world.members[0].pk]
    path = f"/placements/rounds/{world.round.pk}/assignments/new/"
    open_as(page, log_in, live_server, contact, path)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")

    assert page.locator("main .invalid-feedback").count() >= 3
    assert_accessible(page)


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("hr", lambda w: f"/placements/rounds/{w.round.pk}/"),
        ("hr", lambda w: f"/placements/cohorts/{w.cohort.pk}/rounds/"),
        ("contact", lambda w: "/placements/host/assignments/"),
        ("contact", lambda w: f"/placements/assignments/{w.assignments[0].pk}/candidates/"),
    ],
    ids=["round", "rounds", "host-assignments", "candidates"],
)
def test_the_other_round_and_market_pages_have_no_axe_violations(page, log_in, live_server, world, who, path):
    user = world.hr if who == "hr" else world.contacts[world.members[0].pk]
    open_as(page, log_in, live_server, user, path(world))

    assert_accessible(page)
