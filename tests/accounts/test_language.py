"""Dutch first (issue 10, section 5): the person's own choice, else the footer's cookie, else Dutch.

The browser's Accept-Language never decides.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, User
from notifications import services as notification_services
from notifications.models import Notification
from tests.factories import (
    TEST_PASSWORD,
    CohortFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    UserFactory,
    hr_adviser,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
PROFILE_URL = reverse("accounts:my_profile")
SWITCH_URL = reverse("set_language")
COOKIE = settings.LANGUAGE_COOKIE_NAME


def page_language(response) -> str:
    """The language a page says it is in: its <html lang> and its Content-Language must agree."""
    content = response.content.decode()
    html_lang = content.split('<html lang="', 1)[1].split('"', 1)[0]
    assert response["Content-Language"] == html_lang
    return html_lang


def switch(client, language: str, *, next_url: str = PROFILE_URL):
    return client.post(SWITCH_URL, {"language": language, "next": next_url})


# --- Accept-Language is ignored ---------------------------------------------------------------------


def test_an_english_browser_gets_the_login_page_in_dutch(client):
    response = client.get(LOGIN_URL, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert page_language(response) == "nl"
    assert "Inloggen bij Groeipad" in response.content.decode()
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert "Cookie" in vary
    assert "Accept-Language" not in vary


def test_an_english_browser_gets_dutch_pages_when_logged_in_without_a_choice(client):
    person = UserFactory()
    client.force_login(person)

    response = client.get(PROFILE_URL, HTTP_ACCEPT_LANGUAGE="en")

    assert page_language(response) == "nl"
    assert "Mijn profiel" in response.content.decode()
    person.refresh_from_db()
    assert person.preferred_language == ""


def test_a_new_account_has_made_no_choice():
    assert User.objects.create_user(email="nieuw@example.test").preferred_language == ""


# --- the footer's switch ------------------------------------------------------------------------------


def test_the_footer_switch_gives_english_to_someone_not_logged_in_and_stores_nothing(client):
    UserFactory()

    response = switch(client, "en", next_url=LOGIN_URL)

    assert response.status_code == 302
    assert response.url == LOGIN_URL
    assert response.cookies[COOKIE].value == "en"
    assert response.cookies[COOKIE]["max-age"] == settings.LANGUAGE_COOKIE_AGE
    english = client.get(LOGIN_URL, HTTP_ACCEPT_LANGUAGE="nl")
    assert page_language(english) == "en"
    assert "Log in to Groeipad" in english.content.decode()
    assert list(User.objects.values_list("preferred_language", flat=True)) == [""]


def test_switching_in_the_footer_while_logged_in_stores_the_choice_on_the_account(client):
    person = UserFactory()
    bystander = UserFactory(organisation=person.organisation)
    client.force_login(person)

    response = switch(client, "en")

    assert response.status_code == 302
    assert response.url == PROFILE_URL
    assert response.cookies[COOKIE].value == "en"
    person.refresh_from_db()
    bystander.refresh_from_db()
    assert person.preferred_language == "en"
    assert bystander.preferred_language == ""
    # The account remembers it, also in a browser without the cookie.
    del client.cookies[COOKIE]
    assert page_language(client.get(PROFILE_URL)) == "en"


def test_switching_back_to_dutch_in_the_footer_stores_dutch(client):
    person = UserFactory(preferred_language="en")
    client.force_login(person)

    switch(client, "nl")

    person.refresh_from_db()
    assert person.preferred_language == "nl"
    assert page_language(client.get(PROFILE_URL)) == "nl"


def test_the_footer_switch_refuses_an_unknown_language_and_changes_nothing(client):
    person = UserFactory()
    client.force_login(person)

    response = switch(client, "fr")

    assert response.status_code == 302
    assert COOKIE not in response.cookies
    person.refresh_from_db()
    assert person.preferred_language == ""


def test_the_footer_switch_only_answers_post(client):
    person = UserFactory()
    client.force_login(person)

    response = client.get(SWITCH_URL, {"language": "en", "next": PROFILE_URL})

    assert response.status_code == 405
    person.refresh_from_db()
    assert person.preferred_language == ""


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/login/", ""])
def test_the_footer_switch_never_redirects_to_another_site(client, next_url):
    response = switch(client, "en", next_url=next_url)

    assert response.status_code == 302
    assert response.url == "/"


def test_the_footer_shows_the_current_language_as_chosen(english_client):
    page = english_client.get(LOGIN_URL).content.decode()

    assert f'action="{SWITCH_URL}"' in page
    assert '<option value="en" selected lang="en">English</option>' in page
    assert '<option value="nl" lang="nl">Nederlands</option>' in page


# --- the account's choice wins -------------------------------------------------------------------------


def test_a_person_who_chose_english_gets_english_pages_in_any_browser(client):
    client.force_login(UserFactory(preferred_language="en"))

    response = client.get(PROFILE_URL, HTTP_ACCEPT_LANGUAGE="nl-NL,nl")

    assert page_language(response) == "en"
    assert "My profile" in response.content.decode()


def test_a_person_who_chose_dutch_gets_dutch_even_with_an_english_cookie(english_client):
    english_client.force_login(UserFactory(preferred_language="nl"))

    response = english_client.get(PROFILE_URL, HTTP_ACCEPT_LANGUAGE="en")

    assert page_language(response) == "nl"
    assert "Mijn profiel" in response.content.decode()
    # The stale cookie is brought in line, so the login page after logging out is Dutch as well.
    assert response.cookies[COOKIE].value == "nl"


def test_the_english_cookie_still_gives_english_to_a_person_without_a_choice(english_client):
    english_client.force_login(UserFactory())

    response = english_client.get(PROFILE_URL)

    assert page_language(response) == "en"
    assert COOKIE not in response.cookies  # no choice on the account: the cookie is left alone


def test_after_logging_in_the_accounts_choice_wins_over_a_stale_cookie(english_client):
    UserFactory(email="sanne@example.test", preferred_language="nl")

    response = english_client.post(LOGIN_URL, {"login": "sanne@example.test", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "nl"
    assert page_language(english_client.get(PROFILE_URL)) == "nl"
    english_client.post("/accounts/logout/")
    assert page_language(english_client.get(LOGIN_URL)) == "nl"


def test_logging_in_greets_a_person_who_chose_english_in_english_on_a_dutch_browser(client):
    UserFactory(email="mark@example.test", first_name="Mark", last_name="Visser", preferred_language="en")

    response = client.post(
        LOGIN_URL, {"login": "mark@example.test", "password": TEST_PASSWORD}, HTTP_ACCEPT_LANGUAGE="nl", follow=True
    )

    assert page_language(response) == "en"
    assert "Successfully signed in as Mark Visser." in response.content.decode()
    assert client.cookies[COOKIE].value == "en"


def test_force_login_in_a_test_does_not_change_the_tests_language(client):
    from django.utils import translation

    with translation.override("nl"):
        client.force_login(UserFactory(preferred_language="en"))
        assert translation.get_language() == "nl"


# --- My profile ---------------------------------------------------------------------------------------


def test_my_profile_offers_the_choice_with_the_current_language_selected(client):
    client.force_login(UserFactory())

    page = client.get(PROFILE_URL).content.decode()

    radios = {
        match["value"]: match["rest"]
        for match in re.finditer(
            r'<input type="radio"[^>]*name="language" value="(?P<value>\w+)"(?P<rest>[^>]*)>', page
        )
    }
    assert list(radios) == ["nl", "en"]
    assert "checked" in radios["nl"]
    assert "checked" not in radios["en"]


def test_choosing_english_on_my_profile_stores_it_and_says_so_in_english(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(PROFILE_URL, {"language": "en"}, follow=True)

    assert response.redirect_chain == [(PROFILE_URL, 302)]
    person.refresh_from_db()
    assert person.preferred_language == "en"
    assert client.cookies[COOKIE].value == "en"
    assert page_language(response) == "en"
    assert "Your language has been saved." in response.content.decode()


def test_choosing_dutch_on_my_profile_says_so_in_dutch(english_client):
    person = UserFactory()
    english_client.force_login(person)

    response = english_client.post(PROFILE_URL, {"language": "nl"}, follow=True)

    person.refresh_from_db()
    assert person.preferred_language == "nl"
    assert page_language(response) == "nl"
    assert "Je taal is opgeslagen." in response.content.decode()


def test_my_profile_refuses_an_unknown_language_and_changes_nothing(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(PROFILE_URL, {"language": "fr"})

    assert response.status_code == 200
    assert COOKIE not in response.cookies
    person.refresh_from_db()
    assert person.preferred_language == ""


def test_nobody_can_choose_another_persons_language(client):
    """Neither form takes a person: whatever is posted, only the logged-in person's own choice changes."""
    person = UserFactory()
    other = UserFactory(organisation=person.organisation)
    client.force_login(person)

    client.post(PROFILE_URL, {"language": "en", "person": other.pk, "user": other.pk, "person_id": other.pk})
    switch(client, "en", next_url=PROFILE_URL)
    client.post(SWITCH_URL, {"language": "en", "user": other.pk})

    other.refresh_from_db()
    assert other.preferred_language == ""
    person.refresh_from_db()
    assert person.preferred_language == "en"


def test_hr_cannot_choose_a_language_for_the_people_they_manage(client):
    """HR edits a person's employment facts, but the language is the person's own to choose."""
    hr = hr_adviser()
    person = UserFactory(organisation=hr.organisation)
    client.force_login(hr)

    response = client.post(
        reverse("accounts:person_edit", args=[person.pk]),
        {"first_name": person.first_name, "last_name": person.last_name, "preferred_language": "en"},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.preferred_language == ""


def test_someone_not_logged_in_cannot_post_a_choice_to_my_profile(client):
    UserFactory()

    response = client.post(PROFILE_URL, {"language": "en"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert list(User.objects.values_list("preferred_language", flat=True)) == [""]


def test_the_service_refuses_a_language_the_portal_does_not_have():
    person = UserFactory(preferred_language="en")

    with pytest.raises(ValidationError):
        services.user_language_set(user=person, language="fr")

    person.refresh_from_db()
    assert person.preferred_language == "en"


# --- e-mails follow the recipient's choice, not the language of whoever caused them --------------------


def approval_requested_for(manager: User) -> Notification:
    employee = UserFactory(first_name="Jan", last_name="Jansen", organisation=manager.organisation, manager=manager)
    cohort = CohortFactory(programme=ProgrammeFactory(name="Young Staff Track Zwolle"))
    enrolment = EnrolmentFactory(person=employee, cohort=cohort)
    return notification_services.notify(
        recipient=manager,
        event="enrolment_approval_requested",
        key=f"enrolment-{enrolment.pk}",
        context={"enrolment": enrolment},
        action_url="/enrolments/approvals/",
    )


def test_a_person_who_chose_english_in_the_footer_gets_english_notification_e_mails(client):
    manager = UserFactory()
    client.force_login(manager)
    switch(client, "en")
    manager.refresh_from_db()

    notification = approval_requested_for(manager)
    notification_services.notification_email_send(notification_id=notification.pk)

    [message] = mail.outbox
    assert message.subject == "[Groeipad] Approval requested: Jan Jansen for Young Staff Track Zwolle"
    assert message.body.startswith(f"Hello {manager.first_name},")
    assert "Kind regards," in message.body


def test_a_person_without_a_choice_gets_dutch_notification_e_mails_even_from_an_english_session(english_client):
    manager = UserFactory()
    english_client.force_login(manager)
    english_client.get(PROFILE_URL)

    notification = approval_requested_for(manager)
    notification_services.notification_email_send(notification_id=notification.pk)

    [message] = mail.outbox
    assert message.subject == "[Groeipad] Goedkeuring gevraagd: Jan Jansen voor Young Staff Track Zwolle"
    assert message.body.startswith(f"Beste {manager.first_name},")


def test_an_invitation_is_in_the_language_the_person_chose_not_in_hrs(
    english_client, django_capture_on_commit_callbacks
):
    hr = hr_adviser(preferred_language="en")
    dutch = UserFactory(organisation=hr.organisation, first_name="Sanne", preferred_language="nl")
    english = UserFactory(organisation=hr.organisation, first_name="Mark", preferred_language="en")
    english_client.force_login(hr)

    with django_capture_on_commit_callbacks(execute=True):
        for person in (dutch, english):
            english_client.post(reverse("accounts:person_resend_invitation", args=[person.pk]))

    assert Invitation.objects.filter(status=Invitation.Status.SENT).count() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[dutch.email].subject == "[Groeipad] Je Groeipad-account staat klaar"
    assert by_address[dutch.email].body.startswith("Beste Sanne,")
    assert by_address[english.email].subject == "[Groeipad] Your Groeipad account is ready"
    assert by_address[english.email].body.startswith("Hello Mark,")


# --- the data migration ----------------------------------------------------------------------------------


def test_the_migration_forgets_the_old_default_dutch_and_keeps_english():
    migration = importlib.import_module("accounts.migrations.0003_user_preferred_language_blank_is_no_choice")
    defaulted = UserFactory(preferred_language="nl")
    english = UserFactory(preferred_language="en")

    migration.forget_default_dutch(apps, None)

    defaulted.refresh_from_db()
    english.refresh_from_db()
    assert (defaulted.preferred_language, english.preferred_language) == ("", "en")
    migration.restore_default_dutch(apps, None)
    defaulted.refresh_from_db()
    assert defaulted.preferred_language == "nl"
