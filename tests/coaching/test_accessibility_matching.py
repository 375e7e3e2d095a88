"""axe-core (WCAG 2.1 A and AA) on HR's matching page with a proposal, and on the participant's my-coach page."""

import pytest

from coaching.models import CoachingWish, CoachMatch
from tests.browser.test_accessibility import MOBILE, assert_accessible, open_as
from tests.factories import CoachMatchFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db, coaching):
    CoachMatchFactory(
        coach=coaching.coaches[1],
        participant=coaching.participants[0],
        cohort=coaching.cohort,
        explanation="same theme: Loopbaan; other department; 1 of 3 places used",
    )
    CoachMatchFactory(
        coach=coaching.coaches[2],
        participant=coaching.participants[1],
        cohort=coaching.cohort,
        status=CoachMatch.Status.REMATCH_REQUESTED,
        rematch_requested_by=coaching.participants[1],
        rematch_reason="Het klikte niet.",
    )
    CoachingWish.objects.create(participant=coaching.participants[2], note_for_hr="Graag iemand van buiten.")
    return coaching


def test_the_matching_page_with_a_proposal_has_no_axe_violations(page, log_in, live_server, world):
    open_as(page, log_in, live_server, world.hr, f"/coaching/cohorts/{world.cohort.pk}/matching/?propose=1")

    assert page.locator("main select[name='pair']").count() == 4
    assert_accessible(page)


def test_the_my_coach_page_on_a_phone_has_no_axe_violations(page, log_in, live_server, world):
    page.set_viewport_size(MOBILE)
    open_as(page, log_in, live_server, world.participants[0], "/coaching/my-coach/")

    assert page.locator("main form textarea").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize(
    "who, path",
    [
        (lambda w: w.participants[3], lambda w: "/coaching/wish/"),
        (lambda w: w.coaches[1], lambda w: f"/coaching/matches/{w.participants[0].coachee_matches.get().pk}/"),
    ],
    ids=["wish", "coach-match"],
)
def test_the_wish_page_and_the_coach_s_match_page_have_no_axe_violations(page, log_in, live_server, world, who, path):
    open_as(page, log_in, live_server, who(world), path(world))

    assert_accessible(page)
