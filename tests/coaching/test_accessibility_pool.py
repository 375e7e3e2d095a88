"""axe-core (WCAG 2.1 A and AA) on the coach pool and coach load pages (HR) and the volunteer page (an invited
colleague)."""

import pytest

from coaching import pool
from tests.browser.test_accessibility import MOBILE, assert_accessible, open_as
from tests.factories import CoachMatchFactory, CoachProfileFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db, coaching):
    CoachMatchFactory(coach=coaching.coaches[0], participant=coaching.participants[0])
    CoachProfileFactory(
        user=UserFactory(organisation=coaching.organisation, first_name="Vera", last_name="Vrijwilliger"),
        volunteered=True,
    )
    paused = CoachProfileFactory(user=UserFactory(organisation=coaching.organisation, last_name="Gepauzeerd"))
    pool.coach_pause(profile=paused, by=coaching.hr)
    coaching.invited = UserFactory(organisation=coaching.organisation, first_name="Ivo", last_name="Uitgenodigd")
    pool.coach_invite(hr=coaching.hr, user=coaching.invited)
    UserFactory(organisation=coaching.organisation, first_name="Sanne", last_name="Zoekbaar")
    return coaching


def test_the_pool_page_with_volunteers_and_a_search_has_no_axe_violations(page, log_in, live_server, world):
    open_as(page, log_in, live_server, world.hr, "/coaching/pool/?q=Zoekbaar")

    assert page.locator("#coach-pool tbody tr").count() == 6
    assert page.locator("#invite-candidates tbody tr").count() == 1
    assert_accessible(page)
    page.locator("#coach-pool details summary").first.click()  # the decline form, opened
    assert_accessible(page)


def test_the_volunteer_page_on_a_phone_has_no_axe_violations(page, log_in, live_server, world):
    page.set_viewport_size(MOBILE)
    open_as(page, log_in, live_server, world.invited, "/coaching/volunteer/")

    assert page.locator("main form input[name='max_coachees']").count() == 1
    assert_accessible(page)


def test_the_load_page_has_no_axe_violations(page, log_in, live_server, world):
    open_as(page, log_in, live_server, world.hr, "/coaching/load/")

    assert page.locator("#coach-load tbody tr").count() == 4
    assert_accessible(page)
