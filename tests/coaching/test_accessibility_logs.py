"""axe-core (WCAG 2.1 A and AA) on the coach's log form and the participant's "my coaching" page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import MOBILE, assert_accessible, open_as
from tests.factories import CoachingNoteFactory, CoachingSessionFactory, CoachMatchFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def match(transactional_db, coaching):
    match = CoachMatchFactory(
        coach=coaching.coaches[1], participant=coaching.participants[0], cohort=coaching.cohort, confirmed=True
    )
    for days_ago in (3, 17):
        session = CoachingSessionFactory(match=match, date=timezone.localdate() - timedelta(days=days_ago))
        CoachingNoteFactory(session=session, visibility="private", text="Alleen voor de coach")
        CoachingNoteFactory(session=session, visibility="shared", text="Goed gesprek gehad")
        CoachingNoteFactory(session=session, author=match.participant, visibility="private", text="Mijn reflectie")
    return match


def test_the_coachs_log_form_has_no_axe_violations(page, log_in, live_server, match):
    open_as(page, log_in, live_server, match.coach, f"/coaching/matches/{match.pk}/logs/new/")

    assert page.locator("main form textarea").count() == 4
    assert_accessible(page)


def test_the_participants_coaching_page_on_a_phone_has_no_axe_violations(page, log_in, live_server, match):
    page.set_viewport_size(MOBILE)
    open_as(page, log_in, live_server, match.participant, "/coaching/my-coaching/")
    page.locator("main details summary").first.click()

    assert page.locator("main article").count() == 2
    assert page.get_by_text("Alleen voor de coach").count() == 0
    assert_accessible(page)


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("coach", lambda match: "/coaching/coachees/"),
        ("coach", lambda match: f"/coaching/matches/{match.pk}/logs/"),
        ("coach", lambda match: f"/coaching/logs/{match.sessions.first().pk}/edit/"),
        ("hr", lambda match: f"/coaching/cohorts/{match.cohort_id}/activity/"),
        ("manager", lambda match: "/coaching/team/"),
    ],
    ids=["coachees", "match-log", "session-edit", "hr-activity", "team"],
)
def test_the_other_log_pages_have_no_axe_violations(page, log_in, live_server, coaching, match, who, path):
    user = {"coach": match.coach, "hr": coaching.hr, "manager": coaching.manager}[who]
    open_as(page, log_in, live_server, user, path(match))

    assert_accessible(page)
