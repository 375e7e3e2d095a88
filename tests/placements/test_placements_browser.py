"""Issue 6's acceptance scenario in a real browser, as the demo users (English UI for stable labels).

Talentenregio HR runs the first rotation round of a group of 10 with 12 assignments; the allocation is
published with explanations; a trainee sees their three-rotation timeline. AV VIB HR proposes swaps for 12
participants, including a ring; each move is accepted and approved by both managers. axe-core checks pages.
"""

import pytest

from accounts.models import User
from demo.placements import _members, _rank
from demo.seed import seed_demo
from placements import swaps as swap_services
from placements.models import Placement, PlacementRound, Preference, Swap, SwapMove
from programmes.models import Cohort
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_enrolment_loop import english_page, log_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


def test_talentenregio_hr_allocates_a_round_of_10_and_a_trainee_sees_their_timeline(english_page, live_server):  # noqa: F811
    page, url = english_page, live_server.url
    seed_demo()
    # The running group's rotation 1 is published; the market of rotation 2 is open.
    round_ = PlacementRound.objects.get(
        cohort__programme__slug="talentenregio-traineeprogramma", status=PlacementRound.Status.MARKET
    )
    # The four trainees who have not ranked yet do so now, as the other six did.
    ranked = set(Preference.objects.filter(assignment__round=round_).values_list("trainee_id", flat=True))
    _rank(round_, [trainee for trainee in _members(round_.cohort) if trainee.pk not in ranked], how_many=5)

    log_in(page, url, "programmateam@talentenregio.example")
    page.goto(f"{url}/programmes/cohorts/{round_.cohort_id}/")
    page.get_by_role("link", name="Placement rounds").click()
    page.get_by_role("link", name=round_.name).first.click()
    page.get_by_role("button", name="Close the market and allocate").click()
    page.get_by_role("link", name="Allocation").first.click()
    page.get_by_role("button", name="Run the allocation").click()
    page.wait_for_load_state()
    proposal = page.locator("main").inner_text()
    assert "choice" in proposal
    assert_accessible(page)
    page.get_by_role("button", name="Publish the placements").click()
    page.wait_for_load_state()

    placements = list(Placement.objects.filter(round=round_).select_related("assignment"))
    assert len(placements) == 10
    assert all(placement.status == "published" and placement.explanation for placement in placements)
    taken = {}
    for placement in placements:
        taken[placement.assignment_id] = taken.get(placement.assignment_id, 0) + 1
    capacity = {placement.assignment_id: placement.assignment.capacity for placement in placements}
    assert all(count <= capacity[assignment_id] for assignment_id, count in taken.items())

    trainee = placements[0].trainee
    log_in(page, url, trainee.email)
    page.get_by_role("link", name="My placements").click()
    timeline = page.locator("main").inner_text()
    assert placements[0].assignment.title in timeline
    assert "Rotatie 1" in timeline and "Rotatie 3" in timeline
    assert_accessible(page)


def test_av_vib_swaps_include_a_ring_and_become_final_when_both_managers_approve(english_page, live_server):  # noqa: F811
    page, url = english_page, live_server.url
    seed_demo()
    cohort = Cohort.objects.get(name="VIB-pilotgroep")

    log_in(page, url, "po@av-regio.example")
    page.goto(f"{url}/programmes/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Job swaps").click()
    page.get_by_role("button", name="Propose swaps").click()
    page.wait_for_load_state()
    assert_accessible(page)

    swaps = list(
        Swap.objects.filter(cohort=cohort).prefetch_related("moves__participant", "moves__host_offer__participant")
    )
    sizes = sorted(swap.moves.count() for swap in swaps)
    assert 3 in sizes and sizes.count(2) >= 3
    for swap in swaps:
        for move in swap.moves.all():
            assert move.participant.organisation_id != move.host_offer.participant.organisation_id

    # One participant of the ring accepts and both their managers approve in the browser.
    ring = next(swap for swap in swaps if swap.moves.count() == 3)
    move = ring.moves.select_related("participant__manager", "host_offer__participant__manager").first()
    log_in(page, url, move.participant.email)
    page.goto(f"{url}/placements/my-swap/")
    assert_accessible(page)
    page.get_by_role("button", name="Accept the swap").click()
    page.wait_for_load_state()
    log_in(page, url, move.participant.manager.email)
    page.get_by_role("button", name="Approvals").click()
    page.get_by_role("link", name="Job swap approvals").click()
    page.get_by_role("button", name="Approve as home manager").first.click()
    page.wait_for_load_state()
    log_in(page, url, move.host_offer.participant.manager.email)
    page.get_by_role("button", name="Approvals").click()
    page.get_by_role("link", name="Job swap approvals").click()
    page.get_by_role("button", name="Approve as host manager").first.click()
    page.wait_for_load_state()
    move.refresh_from_db()
    assert move.accepted_at and move.home_manager_approved_at and move.host_manager_approved_at
    ring.refresh_from_db()
    assert ring.status == Swap.Status.PROPOSED  # the other two moves of the ring are not approved yet

    # The rest of the ring accepts and is approved (through the services), and the ring becomes final.
    for other in (
        SwapMove.objects.filter(swap=ring)
        .exclude(pk=move.pk)
        .select_related("participant__manager", "host_offer__participant__manager")
    ):
        swap_services.swap_move_accept(move=other, participant=other.participant)
        other.refresh_from_db()
        for side, manager in (("home", other.participant.manager), ("host", other.host_offer.participant.manager)):
            fresh = SwapMove.objects.get(pk=other.pk)
            if (side == "home" and fresh.home_manager_approved_at) or (
                side == "host" and fresh.host_manager_approved_at
            ):
                continue
            swap_services.swap_move_approve(move=fresh, manager=User.objects.get(pk=manager.pk), side=side)
    ring.refresh_from_db()
    assert ring.status == Swap.Status.FINAL
