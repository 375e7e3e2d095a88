"""axe-core (WCAG 2.1 A and AA) on the portal's 403, 404 and 500 pages, logged in and not, on a phone too."""

import pytest

from tests.browser.test_accessibility import MOBILE, assert_accessible
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.urls("tests.test_error_pages"),  # the portal's URLs plus a view that refuses and one that fails
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/this-page-does-not-exist/", "Pagina niet gevonden"),
        ("/test-errors/refused/", "Geen toegang"),
        ("/test-errors/failed/", "Er ging iets mis"),
    ],
)
def test_an_error_page_for_a_visitor_has_no_axe_violations(page, live_server, path, heading):
    response = page.goto(live_server.url + path)

    assert response.status in (403, 404, 500)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert_accessible(page)
    page.get_by_role("link", name="Ga naar je startpagina").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/?next=/")


def test_a_404_for_a_logged_in_person_on_a_phone_has_no_axe_violations(page, live_server, log_in, transactional_db):
    page.set_viewport_size(MOBILE)
    log_in(UserFactory())

    response = page.goto(live_server.url + "/coaching/matches/999999/logs/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    assert_accessible(page)
