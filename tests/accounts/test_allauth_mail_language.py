"""allauth's own e-mails speak the recipient's language (issue 10, section 5).

The recipient's stored choice wins over the language of the request that caused the mail (the person
asking for a password reset is not necessarily its recipient); without a choice the mail follows the
request: the language cookie, else Dutch.
"""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = "/accounts/password/reset/"
LOGIN_URL = "/accounts/login/"

ENGLISH_RESET_SUBJECT = "[Groeipad] Password Reset Email"
ENGLISH_RESET_TEXT = "You're receiving this email because you or someone else has requested a password reset"
DUTCH_RESET_SUBJECT = "[Groeipad] Nieuw wachtwoord"
DUTCH_RESET_TEXT = "Je ontvangt deze mail omdat er een verzoek is ingelegd om je wachtwoord"

ENGLISH_CONFIRMATION_SUBJECT = "[Groeipad] Please Confirm Your Email Address"
DUTCH_CONFIRMATION_SUBJECT = "[Groeipad] Bevestig je e-mailadres"


def the_one_mail_to(address: str):
    assert [message.to for message in mail.outbox] == [[address]]
    return mail.outbox[0]


def test_a_password_reset_for_a_person_who_chose_english_is_english_from_a_dutch_browser(client):
    UserFactory(email="emma@example.test", preferred_language="en")

    client.post(RESET_URL, {"email": "emma@example.test"})

    message = the_one_mail_to("emma@example.test")
    assert message.subject == ENGLISH_RESET_SUBJECT
    assert ENGLISH_RESET_TEXT in message.body
    assert DUTCH_RESET_TEXT not in message.body


def test_a_password_reset_for_a_person_without_a_choice_is_dutch(client):
    UserFactory(email="daan@example.test", preferred_language="")

    client.post(RESET_URL, {"email": "daan@example.test"})

    message = the_one_mail_to("daan@example.test")
    assert message.subject == DUTCH_RESET_SUBJECT
    assert DUTCH_RESET_TEXT in message.body
    assert ENGLISH_RESET_TEXT not in message.body


def test_a_person_who_chose_dutch_gets_a_dutch_reset_mail_even_when_asked_from_an_english_browser(english_client):
    UserFactory(email="noor@example.test", preferred_language="nl")

    english_client.post(RESET_URL, {"email": "noor@example.test"})

    message = the_one_mail_to("noor@example.test")
    assert message.subject == DUTCH_RESET_SUBJECT
    assert DUTCH_RESET_TEXT in message.body


def test_without_a_choice_the_reset_mail_follows_the_language_cookie(english_client):
    UserFactory(email="sem@example.test", preferred_language="")

    english_client.post(RESET_URL, {"email": "sem@example.test"})

    message = the_one_mail_to("sem@example.test")
    assert message.subject == ENGLISH_RESET_SUBJECT
    assert ENGLISH_RESET_TEXT in message.body


def test_the_reset_mail_leaves_the_requests_language_as_it_was(client):
    UserFactory(email="emma@example.test", preferred_language="en")

    response = client.post(RESET_URL, {"email": "emma@example.test"}, follow=True)

    assert mail.outbox[0].subject == ENGLISH_RESET_SUBJECT
    assert '<html lang="nl">' in response.content.decode()


@pytest.mark.parametrize(
    ("choice", "subject", "text"),
    [
        ("en", ENGLISH_CONFIRMATION_SUBJECT, "To confirm this is correct, go to "),
        ("", DUTCH_CONFIRMATION_SUBJECT, "Om te bevestigen dat dit correct is, bezoek: "),
    ],
)
def test_the_confirmation_mail_at_login_with_an_unverified_address_speaks_the_persons_language(
    client, choice, subject, text
):
    person = UserFactory(email="lotte@example.test", preferred_language=choice)
    EmailAddress.objects.filter(user=person).update(verified=False)

    client.post(LOGIN_URL, {"login": "lotte@example.test", "password": TEST_PASSWORD})

    assert "_auth_user_id" not in client.session  # mandatory verification: not logged in yet
    message = the_one_mail_to("lotte@example.test")
    assert message.subject == subject
    assert text in message.body
