"""The private calendar link: made, replaced and stopped by its owner only, one live link per person."""

import os
import threading
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from sessions import calendar
from sessions.models import CalendarToken
from tests.browser.test_accessibility import assert_accessible, open_as
from tests.factories import EnrolmentFactory, SessionFactory, UserFactory

CALENDAR_PAGE = reverse("sessions:calendar")
CREATE = reverse("sessions:calendar_create")
REVOKE = reverse("sessions:calendar_revoke")


def live_tokens(user) -> list[str]:
    return list(CalendarToken.objects.filter(user=user, revoked_at__isnull=True).values_list("token", flat=True))


def test_the_page_needs_a_login(client, db):
    # when someone who is not logged in opens the page, then they are sent to the login page
    response = client.get(CALENDAR_PAGE)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={CALENDAR_PAGE}"


def test_a_person_without_a_link_is_offered_to_make_one(english_client, db):
    # given a person without a calendar link
    person = UserFactory()
    english_client.force_login(person)

    # when they open the page
    response = english_client.get(CALENDAR_PAGE)

    # then it explains the link and offers to make one
    assert response.status_code == 200
    content = response.content.decode()
    assert "You have no calendar link at the moment." in content
    assert "Make my calendar link" in content
    assert 'id="calendar-url"' not in content
    assert "Subscribe from web" in content
    assert "From URL" in content
    assert response["Cache-Control"].startswith("max-age=0")


def test_making_a_link_shows_it_as_an_absolute_url_in_a_labelled_read_only_field(english_client, db, settings):
    # given a person without a calendar link, on a portal with a configured site URL
    settings.SITE_URL, settings.SITE_URL_CONFIGURED = "https://groeipad.example.test", True
    person = UserFactory()
    english_client.force_login(person)

    # when they make one
    response = english_client.post(CREATE, follow=True)

    # then they have one live link, shown in full on the page
    (token,) = live_tokens(person)
    expected_url = f"https://groeipad.example.test/sessions/calendar/{token}.ics"
    content = response.content.decode()
    assert response.redirect_chain == [(CALENDAR_PAGE, 302)]
    assert "Your calendar link is ready." in content
    assert '<label for="calendar-url"' in content
    assert f'value="{expected_url}" readonly' in content
    assert "webcal://" + expected_url.split("://", 1)[1] in content
    assert len(token) >= 40


def test_without_a_configured_site_url_the_link_uses_the_address_the_portal_is_browsed_on(client, db, settings):
    # given a portal started without GROEIPAD_SITE_URL (SITE_URL keeps its default, 127.0.0.1:8000),
    # browsed from another device on the address of the machine it runs on
    settings.SITE_URL, settings.SITE_URL_CONFIGURED = "http://127.0.0.1:8000", False
    settings.ALLOWED_HOSTS = ["192.168.1.5"]
    person = UserFactory()
    token = calendar.calendar_token_create(user=person).token
    client.force_login(person)

    # when they open their calendar page
    content = client.get(CALENDAR_PAGE, HTTP_HOST="192.168.1.5:8000").content.decode()

    # then the link and the feed's links point to that address, not to 127.0.0.1
    assert f'value="http://192.168.1.5:8000/sessions/calendar/{token}.ics"' in content
    assert f'href="webcal://192.168.1.5:8000/sessions/calendar/{token}.ics"' in content
    assert "127.0.0.1" not in content
    session = SessionFactory(cohort=EnrolmentFactory(person=person, status="active").cohort, date=date(2027, 9, 17))
    feed = client.get(f"/sessions/calendar/{token}.ics", HTTP_HOST="192.168.1.5:8000").content.decode()
    assert f"URL:http://192.168.1.5:8000/sessions/{session.pk}/" in feed


@pytest.mark.parametrize(
    ("configured", "secure", "expected"),
    [
        (True, False, "https://groeipad.example.test"),
        (False, False, "http://portal.gemeente.example:8000"),
        (False, True, "https://portal.gemeente.example:8000"),
    ],
)
def test_the_portal_address_is_the_configured_site_url_else_the_requests_own(
    rf, settings, configured, secure, expected
):
    settings.SITE_URL, settings.SITE_URL_CONFIGURED = "https://groeipad.example.test", configured
    settings.ALLOWED_HOSTS = ["portal.gemeente.example"]
    request = rf.get("/sessions/calendar/", HTTP_HOST="portal.gemeente.example:8000", secure=secure)

    assert calendar.portal_base_url(request=request) == expected


@pytest.mark.parametrize(("environment", "expected"), [("https://groeipad.example.test", "True"), ("", "False")])
def test_the_settings_say_a_site_url_was_configured_only_when_groeipad_site_url_is_set(environment, expected):
    import subprocess
    import sys

    env = {**os.environ, "GROEIPAD_SITE_URL": environment}
    result = subprocess.run(
        [sys.executable, "-c", "from config.settings import base; print(base.SITE_URL_CONFIGURED)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == expected


def test_a_new_link_stops_the_old_one(client, db):
    # given a person with a working link
    person = UserFactory()
    old = calendar.calendar_token_create(user=person)
    assert client.get(reverse("sessions:feed", args=[old.token])).status_code == 200
    client.force_login(person)

    # when they make a new one
    response = client.post(CREATE)

    # then only the new link works, and the old one is kept as revoked
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.revoked_at is not None
    (new,) = live_tokens(person)
    assert new != old.token
    assert CalendarToken.objects.filter(user=person).count() == 2
    assert client.get(reverse("sessions:feed", args=[old.token])).status_code == 404
    assert client.get(reverse("sessions:feed", args=[new])).status_code == 200


def test_the_service_replaces_a_live_token(db):
    # given a person with a live token
    person = UserFactory()
    first = calendar.calendar_token_create(user=person)

    # when a new one is made, then the first is revoked and the new one is live
    second = calendar.calendar_token_create(user=person)

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert live_tokens(person) == [second.token]
    assert calendar.calendar_token_live(user=person) == second


def test_stopping_the_link_makes_the_feed_404(client, db):
    # given a person with a working link
    person = UserFactory()
    token = calendar.calendar_token_create(user=person)
    client.force_login(person)

    # when they stop it
    response = client.post(REVOKE)

    # then the feed answers 404 and there is no live link
    assert response.status_code == 302
    assert response["Location"] == CALENDAR_PAGE
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert live_tokens(person) == []
    assert client.get(reverse("sessions:feed", args=[token.token])).status_code == 404


def test_stopping_without_a_link_changes_nothing(english_client, db):
    # given a person without a link
    person = UserFactory()
    english_client.force_login(person)

    # when they stop "their link", then they are told they had none
    response = english_client.post(REVOKE, follow=True)

    assert "You had no calendar link." in response.content.decode()
    assert CalendarToken.objects.count() == 0
    assert calendar.calendar_token_revoke(user=person) == 0


def test_posting_without_a_login_is_sent_to_login_and_changes_nothing(client, db):
    # given a person with a live link
    person = UserFactory()
    token = calendar.calendar_token_create(user=person)

    # when someone who is not logged in posts to make or stop a link
    for url in (CREATE, REVOKE):
        response = client.post(url)

        # then they are sent to the login page
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    # and nothing changed
    assert live_tokens(person) == [token.token]
    assert CalendarToken.objects.count() == 1


def test_making_or_stopping_a_link_needs_a_post(client, db):
    # given a logged-in person with a live link
    person = UserFactory()
    token = calendar.calendar_token_create(user=person)
    client.force_login(person)

    # when the actions are opened with GET, then they are refused and nothing changed
    assert client.get(CREATE).status_code == 405
    assert client.get(REVOKE).status_code == 405
    assert live_tokens(person) == [token.token]


def test_a_person_can_never_stop_or_replace_someone_elses_link(client, db):
    # given two people with a live link each
    person, other = UserFactory(), UserFactory()
    calendar.calendar_token_create(user=person)
    others = calendar.calendar_token_create(user=other)
    client.force_login(person)

    # when the first person posts the other's token to stop and to replace "it"
    client.post(REVOKE, {"token": others.token, "user": other.pk})
    client.post(CREATE, {"token": others.token, "user": other.pk})

    # then only their own link changed; the other's link still works
    assert live_tokens(other) == [others.token]
    assert client.get(reverse("sessions:feed", args=[others.token])).status_code == 200
    assert CalendarToken.objects.filter(user=person).count() == 2
    assert CalendarToken.objects.filter(user=other).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_for_a_new_link_at_the_same_moment_leave_one_live_link():
    # given a person with a live link
    person = UserFactory()
    calendar.calendar_token_create(user=person)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def make_new_link():
        try:
            barrier.wait(timeout=10)
            calendar.calendar_token_create(user=person)
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()

    # when two requests make a new link at the same moment, each in its own database connection
    threads = [threading.Thread(target=make_new_link) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then neither failed and exactly one link is live
    assert errors == []
    assert len(live_tokens(person)) == 1
    assert CalendarToken.objects.filter(user=person).count() == 3


@pytest.mark.browser
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_the_calendar_page_has_no_axe_violations(page, log_in, live_server, transactional_db):
    # given a person with a live calendar link
    person = UserFactory(first_name="Sanne", last_name="de Vries")
    calendar.calendar_token_create(user=person)

    # when they open the page in a real browser, then axe-core finds no WCAG 2.1 A/AA violation
    open_as(page, log_in, live_server, person, CALENDAR_PAGE)
    assert page.locator("#calendar-url").is_visible()
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_the_copy_button_copies_the_link_by_keyboard_and_says_so(page, log_in, live_server, transactional_db, settings):
    # given a person with a live link, on a portal without a configured site URL
    settings.SITE_URL_CONFIGURED = False
    person = UserFactory()
    token = calendar.calendar_token_create(user=person).token
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    open_as(page, log_in, live_server, person, CALENDAR_PAGE)

    # the link is the address the portal is browsed on
    expected_url = f"{live_server.url}/sessions/calendar/{token}.ics"
    assert page.locator("#calendar-url").input_value() == expected_url
    status = page.locator("#calendar-url-status")
    assert (status.get_attribute("role"), status.get_attribute("aria-live"), status.text_content()) == (
        "status",
        "polite",
        "",
    )

    # when they reach the labelled button with the keyboard and press Enter
    button = page.get_by_role("button", name="Link kopiëren")
    page.locator("#calendar-url").focus()
    page.keyboard.press("Tab")
    assert button.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")

    # then the link is on the clipboard and the status line says so
    page.wait_for_function("document.getElementById('calendar-url-status').textContent.length > 0")
    assert status.text_content() == "De link is gekopieerd. Plak hem in je agenda-app."
    assert page.evaluate("navigator.clipboard.readText()") == expected_url
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_when_copying_fails_the_link_is_selected_and_the_status_says_how_to_copy_it(
    page, log_in, live_server, transactional_db
):
    # given a browser that refuses both ways of copying
    person = UserFactory()
    token = calendar.calendar_token_create(user=person).token
    page.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new Error('refused'));document.execCommand = () => false;"
    )
    open_as(page, log_in, live_server, person, CALENDAR_PAGE)

    # when they press the button
    page.get_by_role("button", name="Link kopiëren").click()

    # then the status explains, and the whole link is selected for Ctrl+C
    page.wait_for_function("document.getElementById('calendar-url-status').textContent.length > 0")
    assert page.locator("#calendar-url-status").text_content() == (
        "Kopiëren lukte hier niet. De link is geselecteerd: kopieer hem met Ctrl+C (of ⌘+C)."
    )
    selection = page.locator("#calendar-url").evaluate("field => [field.selectionStart, field.selectionEnd]")
    assert selection == [0, len(f"{live_server.url}/sessions/calendar/{token}.ics")]
