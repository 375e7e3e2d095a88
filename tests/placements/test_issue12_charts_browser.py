"""Issue 12's charts in a real browser: the allocation outcome, the coach pool's load and the cohort's fill are
drawn by Chart.js, their tables fold away, axe finds nothing, and a 320 px wide phone scrolls no page sideways."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements import placing
from tests.browser.test_accessibility import assert_accessible, open_as
from tests.factories import CoachMatchFactory, CoachProfileFactory, EnrolmentFactory, UserFactory
from tests.participants.test_cohort_fill_chart import moved
from tests.placements.test_allocation_pages import ranked_round
from tests.sessions.test_attendance_chart_browser import canvas_has_ink

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

PHONE = {"width": 320, "height": 700}


@pytest.fixture
def world(transactional_db, region):
    """An allocation with one trainee left unplaced; the network's coach pool with two coaches, one with a
    long name (the labels of a horizontal chart must fit a phone); a cohort with places taken."""
    round, _assignments = ranked_round(region)
    placing.round_allocation_run(round=round, by=region.hr)
    round.placements.filter(trainee=region.trainees[5]).delete()
    busy = CoachProfileFactory(
        user=UserFactory(organisation=region.network, first_name="Maximiliaan", last_name="van Oldenbarnevelt-Smit")
    )
    CoachProfileFactory(user=UserFactory(organisation=region.network, last_name="Jansen"), max_coachees=5)
    for trainee in region.trainees[:2]:
        CoachMatchFactory(coach=busy.user, participant=trainee)
    cohort = region.cohort
    cohort.start_date = timezone.localdate() + timedelta(days=10)
    cohort.save()
    for days_ago in (6, 3):
        day = timezone.localdate() - timedelta(days=days_ago)
        moved(EnrolmentFactory(cohort=cohort, placed=True), day, "", "placed")
    region.hr.preferred_language = "nl"  # the fixture reads messages in English; the pages here are read in Dutch
    region.hr.save(update_fields=["preferred_language"])
    region.round = round
    return region


def assert_drawn(page, chart: str) -> None:
    page.wait_for_selector(f'{chart} canvas[data-chart-drawn="true"]')
    assert canvas_has_ink(page, chart)
    assert page.eval_on_selector(f"{chart} details", "details => details.open") is False


def assert_no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone-320"])
def test_the_allocation_and_coach_pool_charts_are_drawn_and_axe_finds_nothing(
    page, log_in, live_server, world, viewport
):
    page.emulate_media(reduced_motion="reduce")
    if viewport:
        page.set_viewport_size(viewport)

    open_as(page, log_in, live_server, world.hr, reverse("placements:round_allocation", args=[world.round.pk]))
    assert_drawn(page, "#chart-allocation-outcome")
    assert page.get_attribute("#chart-allocation-outcome canvas", "aria-label") == "Wat de trainees kregen"
    page.click("#chart-allocation-outcome summary")
    assert page.is_visible("#chart-allocation-outcome table")
    assert_accessible(page)
    if viewport:
        assert_no_sideways_scroll(page)

    page.goto(live_server.url + reverse("coaching:pool"))
    assert_drawn(page, "#chart-coach-load")
    assert page.get_attribute("#chart-coach-load canvas", "aria-label") == "Coachees per coach tegenover hun maximum"
    assert_accessible(page)
    if viewport:
        assert_no_sideways_scroll(page)

    page.goto(live_server.url + reverse("programmes:cohort_detail", args=[world.cohort.pk]))
    assert_drawn(page, "#chart-cohort-fill")
    assert_accessible(page)
    if viewport:
        assert_no_sideways_scroll(page)
