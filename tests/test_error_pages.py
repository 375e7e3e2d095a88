"""The 403, 404 and 500 pages are the portal's own, in Dutch and English, and say what to do next (issue 10, §4).

This module is also the URLconf of its tests (`pytest.mark.urls`): the portal's URLs plus two views that
refuse and fail, so that Django's own error handlers (the production ones) render the pages.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template import loader
from django.test import Client
from django.urls import get_resolver, path
from django.utils import translation
from django.views import defaults

from config.urls import urlpatterns as portal_urlpatterns
from tests.factories import CoachMatchFactory, CoachProfileFactory, UserFactory
from tests.test_deployment import production_env


def _refuse(request):
    raise PermissionDenied("Alleen voor de test.")


def _fail(request):
    raise RuntimeError("A bug in a view.")


urlpatterns = [
    path("test-errors/refused/", _refuse),
    path("test-errors/failed/", _fail),
    *portal_urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

PAGES = {
    # status: (Dutch heading, English heading, English advice that names what to do next)
    403: ("Geen toegang", "No access", "ask your HR adviser to check your roles in Groeipad"),
    404: ("Pagina niet gevonden", "Page not found", "go to your home page and look for it from there"),
    500: ("Er ging iets mis", "Something went wrong", "Try again in a few minutes."),
}
URLS = {403: "/test-errors/refused/", 404: "/this-page-does-not-exist/", 500: "/test-errors/failed/"}


def _client(language: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _assert_portal_page(content: str, *, language: str, heading: str) -> None:
    assert f'<html lang="{language}">' in content
    assert f'<h1 class="h2">{heading}</h1>' in content
    assert f"<title>{heading} · Groeipad</title>" in content
    assert '<a class="navbar-brand fw-bold" href="/">Groeipad</a>' in content  # the portal's header
    assert 'href="/static/css/groeipad.css"' in content  # and its style sheet
    assert '<a class="btn btn-primary" href="/">' in content  # the way on: the home page


@pytest.mark.parametrize("status", [403, 404, 500])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_error_page_is_the_portals_own_in_the_visitors_language(status, language):
    dutch, english, advice = PAGES[status]

    response = _client(language).get(URLS[status])

    assert response.status_code == status
    content = response.content.decode()
    _assert_portal_page(content, language=language, heading=dutch if language == "nl" else english)
    if language == "en":
        assert advice in content
        assert "Go to your home page" in content
    else:
        assert "Ga naar je startpagina" in content
        assert english not in content


def test_a_logged_in_person_keeps_their_menu_on_a_404_and_a_403():
    person = UserFactory()
    client = _client("en")
    client.force_login(person)

    for status in (403, 404):
        content = client.get(URLS[status]).content.decode()

        assert 'href="/dashboard/employee/"' in content, status  # their navigation
        assert "Log out" in content, status


def test_an_object_out_of_a_persons_scope_answers_the_portals_404():
    """Another coach's match: the portal does not reveal that it exists, and says so in its 404 text."""
    match = CoachMatchFactory()
    other_coach = CoachProfileFactory().user
    client = _client("en")
    client.force_login(other_coach)

    response = client.get(f"/coaching/matches/{match.pk}/logs/")

    assert response.status_code == 404
    content = response.content.decode()
    _assert_portal_page(content, language="en", heading="Page not found")
    assert "This page does not exist, or it is not open to you." in content


def test_the_500_page_shows_nothing_of_the_person_or_the_error():
    person = UserFactory(email="iemand@zwolle.example")
    client = _client("en")
    client.force_login(person)

    response = client.get(URLS[500])

    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong" in content
    assert "iemand@zwolle.example" not in content
    assert "A bug in a view" not in content
    assert "RuntimeError" not in content


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_500_page_renders_without_a_request_and_without_the_database(language, django_assert_num_queries):
    """Django renders 500.html with an empty context: no request, no user, no context processors."""
    with translation.override(language), django_assert_num_queries(0):
        content = loader.get_template("500.html").render()

    _assert_portal_page(content, language=language, heading=PAGES[500][0 if language == "nl" else 1])
    # Without a request there is no CSRF token, so the footer's language switch (a POST form) is left out.
    assert "set_language" not in content and 'name="language"' not in content


def test_an_expired_form_gets_the_portals_page_and_nothing_is_saved():
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post("/accounts/login/", {"login": "iemand@zwolle.example", "password": "x"})

    assert response.status_code == 403
    content = response.content.decode()
    _assert_portal_page(content, language="en", heading="The form has expired")
    assert "Go back, reload the page and send the form again." in content


def test_the_portal_uses_djangos_own_error_handlers():
    """No handler in config.urls replaces Django's: those render 403.html, 404.html and 500.html when DEBUG
    is off (the test settings, like production, have DEBUG off)."""
    resolver = get_resolver("config.urls")

    assert settings.DEBUG is False
    assert resolver.resolve_error_handler(403) is defaults.permission_denied
    assert resolver.resolve_error_handler(404) is defaults.page_not_found
    assert resolver.resolve_error_handler(500) is defaults.server_error


PRODUCTION_SCRIPT = textwrap.dedent(
    """
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", "--no-input", verbosity=0)

    from django.conf import settings
    from django.test import Client, RequestFactory
    from django.urls import get_resolver

    client = Client(HTTP_HOST="groeipad.example.nl")
    not_found = client.get("/this-page-does-not-exist/", secure=True)
    request = RequestFactory(HTTP_HOST="groeipad.example.nl").get("/", secure=True)
    server_error = get_resolver().resolve_error_handler(500)(request)
    print(settings.DEBUG, not_found.status_code, server_error.status_code)
    print("Pagina niet gevonden" in not_found.content.decode(), "Er ging iets mis" in server_error.content.decode())
    """
)


def test_production_settings_serve_the_portals_404_and_500_pages(tmp_path: Path):
    """With the production settings (DEBUG off, hashed static files after collectstatic) the pages render."""
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_SCRIPT],
        cwd=Path(__file__).resolve().parent.parent,
        env=production_env(DJANGO_STATIC_ROOT=str(tmp_path / "static")),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "404", "500", "True", "True"]
