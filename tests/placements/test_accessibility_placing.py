"""axe-core (WCAG 2.1 A and AA) on the allocation page with a proposal, the trainee's timeline, and the
supervisor's and HR's placement pages."""

import pytest

from placements import placing
from placements.models import PlacementAssessment, PlacementRound
from tests.browser.test_accessibility import MOBILE, assert_accessible, open_as
from tests.placements.test_allocation_pages import ranked_round
from tests.placements.test_timeline import three_rotations

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db, region):
    round, _assignments = ranked_round(region, sequence=4)
    placing.round_allocation_run(round=round, by=region.hr)
    # One trainee without a placement, so that the page shows who could not be placed and why.
    round.placements.filter(trainee=region.trainees[5]).delete()
    trainee = region.trainees[0]
    placements = three_rotations(region, trainee)
    PlacementAssessment.objects.create(
        placement=placements[0],
        kind=PlacementAssessment.Kind.MIDTERM,
        author=placements[0].assignment.supervisor,
        text="Neemt initiatief en werkt goed samen.",
    )
    region.round = round
    region.placements = placements
    return region


def test_the_allocation_page_with_a_proposal_has_no_axe_violations(page, log_in, live_server, world):
    open_as(page, log_in, live_server, world.hr, f"/placements/rounds/{world.round.pk}/allocation/")

    assert page.locator("main table select").count() == 6
    assert page.locator("#unplaced-heading").count() == 1
    assert_accessible(page)


def test_the_allocation_page_on_a_phone_has_no_axe_violations(page, log_in, live_server, world):
    page.set_viewport_size(MOBILE)
    open_as(page, log_in, live_server, world.hr, f"/placements/rounds/{world.round.pk}/allocation/")

    assert_accessible(page)


def test_the_trainees_timeline_has_no_axe_violations(page, log_in, live_server, world):
    open_as(page, log_in, live_server, world.trainees[0], "/placements/my-placements/")

    assert page.locator("main .card").count() == 3
    assert_accessible(page)


def test_the_trainees_timeline_on_a_phone_has_no_axe_violations(page, log_in, live_server, world):
    page.set_viewport_size(MOBILE)
    open_as(page, log_in, live_server, world.trainees[0], "/placements/my-placements/")

    assert_accessible(page)


@pytest.mark.parametrize(
    "who, path",
    [
        ("hr", lambda w: f"/placements/cohorts/{w.cohort.pk}/placements/"),
        ("hr", lambda w: f"/placements/cohorts/{w.cohort.pk}/trainees/{w.trainees[0].pk}/timeline/"),
        ("supervisor", lambda w: "/placements/supervised/"),
        ("supervisor", lambda w: f"/placements/placements/{w.placements[0].pk}/assessment/midterm/"),
    ],
    ids=["cohort-placements", "trainee-timeline", "supervised", "assessment"],
)
def test_the_hr_and_supervisor_pages_have_no_axe_violations(page, log_in, live_server, world, who, path):
    user = world.hr if who == "hr" else world.placements[0].assignment.supervisor
    open_as(page, log_in, live_server, user, path(world))

    assert_accessible(page)


def test_a_published_round_shows_its_placements_without_forms(page, log_in, live_server, world):
    world.round.status = PlacementRound.Status.ALLOCATING
    world.round.save()
    placing.round_publish(round=world.round, by=world.hr, publish_anyway=True)
    open_as(page, log_in, live_server, world.hr, f"/placements/rounds/{world.round.pk}/allocation/")

    assert page.locator("main table select").count() == 0
    assert_accessible(page)
