"""axe-core (WCAG 2.1 A and AA) on a page of each: intervision groups, extra seats, the elective vote."""

import pytest

from sessions import elective
from tests.browser.test_accessibility import MOBILE, assert_accessible, open_as
from tests.factories import IntervisionGroupFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db, running):
    group = IntervisionGroupFactory(cohort=running.cohort, name="Groep 1", facilitator=running.trainer)
    group.members.set(running.members[:3])
    SessionFactory(cohort=running.cohort, intervision=True, title="Intervisie 1")
    SessionFactory(cohort=running.cohort, title="Zwolse Politieke Antenne", open_for_extra=True)
    poll = elective.elective_poll_open(
        cohort=running.cohort, topics=["Adviseren", "Gespreksvoering", "Visueel denken"], by=running.hr
    )
    elective.elective_vote_cast(poll=poll, person=running.members[0], topic=poll.topics.first())
    return running


def test_the_groups_page_with_a_proposal_has_no_axe_violations(page, log_in, live_server, world):
    path = f"/sessions/cohorts/{world.cohort.pk}/groups/?propose=1&min_size=4&max_size=6"
    open_as(page, log_in, live_server, world.hr, path)

    assert page.locator("form[action$='/groups/save/'] button").count() == 1
    assert_accessible(page)


def test_the_open_sessions_page_on_a_phone_has_no_axe_violations(page, log_in, live_server, world):
    page.set_viewport_size(MOBILE)
    open_as(page, log_in, live_server, world.outsider, "/sessions/open-sessions/")

    assert page.locator("main table").count() == 1
    assert_accessible(page)


def test_the_elective_vote_page_has_no_axe_violations(page, log_in, live_server, world):
    open_as(page, log_in, live_server, world.members[0], f"/sessions/cohorts/{world.cohort.pk}/elective/vote/")

    assert page.locator("main fieldset legend").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        lambda w: f"/sessions/groups/{w.cohort.intervision_groups.get().pk}/edit/",
        lambda w: f"/sessions/{w.cohort.sessions.get(is_open_for_extra=True).pk}/extra-seats/",
        lambda w: f"/sessions/cohorts/{w.cohort.pk}/elective/",
    ],
    ids=["group-edit", "extra-seats", "elective-tally"],
)
def test_the_hr_pages_for_groups_extra_seats_and_the_vote_have_no_axe_violations(
    page, log_in, live_server, world, path
):
    open_as(page, log_in, live_server, world.hr, path(world))

    assert_accessible(page)
