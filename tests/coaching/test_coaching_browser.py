"""Issue 5's acceptance scenario in a real browser, as the demo users (English UI for stable labels).

HR matches the Zwolle demo group's 15 participants to the demo coaches in one step, with explanations;
a coach logs a session with a private and a shared note; the participant sees only the shared one; the
manager and HR see that a session took place, not its text. axe-core checks each page on the way.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from coaching.models import CoachingNote, CoachMatch, CoachProfile
from demo.seed import seed_demo
from programmes.models import Cohort
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_enrolment_loop import english_page, log_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

PRIVATE = "Privé: twijfelt over het vervolg van haar contract"
SHARED = "Gedeeld: oefen het gesprek met je leidinggevende met de STARR-methode"


def test_hr_matches_the_group_in_one_step_and_the_notes_stay_with_coach_and_participant(
    english_page,  # noqa: F811
    live_server,
):
    page, url = english_page, live_server.url
    seed_demo()
    cohort = Cohort.objects.get(name="Tweede lichting")  # just started, nobody has a coach yet

    # HR proposes coaches for all 15 in one step, reads the explanations and publishes.
    log_in(page, url, "hr@zwolle.example")
    page.goto(f"{url}/programmes/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Coach matching").first.click()
    page.get_by_role("button", name="Propose coaches").click()
    proposal = page.locator("main").inner_text()
    assert "other department" in proposal and "places used" in proposal
    assert_accessible(page)
    page.get_by_role("button", name="Publish and introduce").click()
    page.wait_for_load_state()

    matches = list(CoachMatch.objects.filter(cohort=cohort).select_related("coach", "participant"))
    assert len(matches) == 15
    assert all(match.explanation for match in matches)
    load = {}
    for match in matches:
        load[match.coach_id] = load.get(match.coach_id, 0) + 1
        assert match.coach.department_id != match.participant.department_id
    capacity = dict(CoachProfile.objects.values_list("user_id", "max_coachees"))
    assert all(count <= capacity[coach_id] for coach_id, count in load.items())

    # A coach logs a session with a private and a shared note.
    match = next(match for match in matches if match.participant.email == "deelnemer16@zwolle.example")
    log_in(page, url, match.coach.email)
    page.get_by_role("link", name="My coachees").click()
    page.get_by_role("link", name=f"Log a session with {match.participant.full_name}").click()
    page.get_by_label("Date").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_label("Duration (minutes)").fill("60")
    page.get_by_label("Topics").fill("Grenzen stellen")
    page.get_by_label("Agreed next steps").fill("Gesprek voorbereiden")
    page.get_by_label("Private note").fill(PRIVATE)
    page.get_by_label("Note shared with the participant").fill(SHARED)
    assert_accessible(page)
    page.get_by_role("button", name="Log the session").click()
    page.wait_for_load_state()
    assert CoachingNote.objects.filter(session__match=match).count() == 2

    # The participant reads the shared note only.
    log_in(page, url, match.participant.email)
    page.get_by_role("link", name="My coaching").first.click()
    mine = page.locator("main").inner_text()
    assert SHARED in mine and PRIVATE not in mine
    assert_accessible(page)

    # Their manager and HR see that a session took place, not what was said.
    log_in(page, url, match.participant.manager.email)
    page.get_by_role("link", name="Coaching in my team").click()
    team = page.locator("main").inner_text()
    assert match.participant.full_name in team and "Grenzen stellen" not in team
    assert SHARED not in team and PRIVATE not in team
    log_in(page, url, "hr@zwolle.example")
    page.goto(f"{url}/coaching/cohorts/{cohort.pk}/activity/")
    activity = page.locator("main").inner_text()
    assert "Grenzen stellen" not in activity and SHARED not in activity and PRIVATE not in activity
    row = page.get_by_role("row").filter(has_text=match.participant.full_name)
    assert "60" in row.inner_text()
    assert_accessible(page)
