"""The cohort's attendance charts in a real browser: Chart.js draws them, the tables fold away, axe is content."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions import attendance
from sessions.models import Attendance
from tests.browser.test_accessibility import assert_accessible, open_as
from tests.factories import SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

PER_MEMBER = "#chart-attendance-per-member"
PER_SESSION = "#chart-attendance-per-session"


@pytest.fixture
def held(transactional_db, running):
    """Two sessions held, attended by some of the six members, and a minimum of 75%."""
    running.programme.min_attendance_percent = 75
    running.programme.save()
    first, second = running.members[:2]
    for days, present in ((14, [first, second]), (7, [first])):
        session = SessionFactory(
            cohort=running.cohort, trainer=running.trainer, date=timezone.localdate() - timedelta(days=days)
        )
        attendance.attendance_register(
            session=session, by=running.hr, statuses={person.pk: Attendance.Status.PRESENT for person in present}
        )
    return running


def canvas_has_ink(page, selector: str) -> bool:
    """Whether the chart's canvas has pixels that are not transparent: Chart.js drew on it."""
    return page.eval_on_selector(
        f"{selector} canvas",
        """canvas => {
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
            return false;
        }""",
    )


def test_the_charts_are_drawn_their_tables_fold_away_and_axe_finds_nothing(page, log_in, live_server, held):
    page.emulate_media(reduced_motion="reduce")

    open_as(page, log_in, live_server, held.hr, reverse("sessions:cohort_attendance", args=[held.cohort.pk]))

    for chart in (PER_MEMBER, PER_SESSION):
        page.wait_for_selector(f'{chart} canvas[data-chart-drawn="true"]')
        assert canvas_has_ink(page, chart)
        assert page.eval_on_selector(f"{chart} details", "details => details.open") is False
    assert page.eval_on_selector(PER_MEMBER + " canvas", "canvas => Chart.getChart(canvas).options.animation") is False
    assert page.get_attribute(PER_MEMBER + " canvas", "aria-label") == "Aanwezigheid per deelnemer"

    page.click(f"{PER_SESSION} summary")
    assert page.is_visible(f"{PER_SESSION} table")
    assert_accessible(page)


def test_without_javascript_the_tables_stay_open(browser, live_server, held, client):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    client.force_login(held.hr)
    session_cookie = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session_cookie, "url": live_server.url}])
    page = context.new_page()

    page.goto(live_server.url + reverse("sessions:cohort_attendance", args=[held.cohort.pk]))

    assert page.is_visible(f"{PER_MEMBER} table")
    assert page.is_visible(f"{PER_SESSION} table")
    context.close()
