"""axe-core (WCAG 2.1 A and AA) on the job-swap pages: HR's swaps page, a participant's my-swap page (also on a
phone), a manager's approvals and HR's project teams with a proposal."""

from datetime import date

import pytest

from placements import swaps
from placements.models import Swap
from tests.browser.test_accessibility import MOBILE, assert_accessible, open_as
from tests.placements.test_swaps import make_offers, moves_in_order, ring_of

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(transactional_db, swap_world):
    """The designed round proposed; the ring accepted by all and approved by some; a final pair; a team."""
    make_offers(swap_world)
    swaps.swaps_propose(cohort=swap_world.cohort, by=swap_world.hr, starts_on=date(2027, 10, 1))
    for move in moves_in_order(ring_of(swap_world)):
        swaps.swap_move_accept(move=move, participant=move.participant)
    pair = Swap.objects.get(moves__participant=swap_world.participants[1])
    for move in moves_in_order(pair):
        swaps.swap_move_accept(move=move, participant=move.participant)
        for side, person in ((swaps.HOME, move.participant), (swaps.HOST, move.host_offer.participant)):
            swaps.swap_move_approve(move=move, manager=swap_world.managers[person.organisation_id], side=side)
    people = swap_world.participants
    swaps.project_team_save(
        cohort=swap_world.cohort,
        by=swap_world.hr,
        name="Projectteam Inwerken",
        project="Een inwerkprogramma voor elkaars gemeente.",
        host_organisation=swap_world.municipalities[5],
        members=[people[0], people[3], people[5]],
    )
    return swap_world


@pytest.mark.parametrize("viewport", [None, MOBILE], ids=["desktop", "phone"])
def test_the_hr_swaps_page_has_no_axe_violations(page, log_in, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    open_as(page, log_in, live_server, world.hr, f"/placements/cohorts/{world.cohort.pk}/swaps/")

    assert page.locator("main article.card").count() == 5
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [None, MOBILE], ids=["desktop", "phone"])
def test_the_my_swap_page_has_no_axe_violations(page, log_in, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    open_as(page, log_in, live_server, world.participants[0], "/placements/my-swap/")

    assert page.locator("main table tbody tr").count() == 3
    assert_accessible(page)


def test_the_approvals_page_has_no_axe_violations(page, log_in, live_server, world):
    manager = world.managers[world.municipalities[0].pk]
    open_as(page, log_in, live_server, manager, "/placements/swap-approvals/")

    assert page.locator("main form button").count() == 4  # home and host for the ring's moves, approve or not
    assert_accessible(page)


def test_the_project_teams_page_with_a_proposal_has_no_axe_violations(page, log_in, live_server, world):
    open_as(page, log_in, live_server, world.hr, f"/placements/cohorts/{world.cohort.pk}/project-teams/?propose=1")

    assert page.locator("form[action$='/project-teams/save/'] button").count() == 1
    assert_accessible(page)


def test_the_offer_page_has_no_axe_violations(page, log_in, live_server, world):
    open_as(page, log_in, live_server, world.participants[7], f"/placements/cohorts/{world.cohort.pk}/swap/offer/")

    assert_accessible(page)
