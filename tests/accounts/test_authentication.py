import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory, hr_adviser

LOGIN_URL = "/accounts/login/"


@pytest.mark.django_db
def test_login_with_email_and_password_lands_on_the_dashboard(client):
    person = UserFactory(email="sanne@example.test")

    response = client.post(LOGIN_URL, {"login": "Sanne@Example.test", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("dashboards:home")
    assert int(client.session["_auth_user_id"]) == person.pk


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(email="sanne@example.test")

    response = client.post(LOGIN_URL, {"login": "sanne@example.test", "password": "wrong-password"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


@pytest.mark.django_db
def test_logout_ends_the_session(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_page_is_dutch_by_default_and_english_on_request(client):
    dutch = client.get(LOGIN_URL)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # what the footer's switch sets
    english = client.get(LOGIN_URL)

    assert '<html lang="nl">' in dutch.content.decode()
    assert "Inloggen" in dutch.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert "Log in to Groeipad" in english.content.decode()


@pytest.mark.django_db
def test_there_is_no_open_sign_up(english_client):
    response = english_client.post(
        "/accounts/signup/",
        {"email": "new@example.test", "password1": "x-Very-long-1", "password2": "x-Very-long-1"},
    )

    assert response.status_code == 200
    assert "Accounts are created by HR" in response.content.decode()
    assert not User.objects.filter(email="new@example.test").exists()


@pytest.mark.django_db
def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    UserFactory(email="lotte@example.test")

    client.post("/accounts/password/reset/", {"email": "lotte@example.test"})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else "/" + path
    response = client.post(form_url, {"password1": "Nieuw-wachtwoord-2026", "password2": "Nieuw-wachtwoord-2026"})
    assert response.status_code == 302
    client.logout()
    response = client.post(LOGIN_URL, {"login": "lotte@example.test", "password": "Nieuw-wachtwoord-2026"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.test"})

    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_failed_logins_are_rate_limited_per_account(english_client):
    person = UserFactory(email="daan@example.test")

    for _attempt in range(5):
        english_client.post(LOGIN_URL, {"login": "daan@example.test", "password": "wrong"})
    response = english_client.post(LOGIN_URL, {"login": "daan@example.test", "password": TEST_PASSWORD})

    # Even the right password is refused while the account is locked out.
    assert "_auth_user_id" not in english_client.session
    assert "Too many failed login attempts" in response.content.decode()
    person.refresh_from_db()
    assert person.last_login is None


@pytest.mark.django_db
def test_the_failed_login_counter_lives_in_the_shared_redis_cache(client, settings):
    from django.core.cache import cache

    UserFactory(email="daan@example.test")
    client.post(LOGIN_URL, {"login": "daan@example.test", "password": "wrong"})

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    keys = cache._cache.get_client().keys("*")
    assert any(b"login_failed" in key or b"rl:" in key or b"ratelimit" in key.lower() for key in keys), keys


@pytest.mark.django_db
def test_changing_the_email_address_requires_verification_of_the_new_address(client):
    person = UserFactory(email="bram@example.test")
    client.force_login(person)

    client.post("/accounts/email/", {"action_add": "", "email": "bram.nieuw@example.test"})

    person.refresh_from_db()
    assert person.email == "bram@example.test"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bram.nieuw@example.test"]


@pytest.mark.django_db
def test_hr_can_log_in_and_lands_on_the_hr_dashboard(client):
    adviser = hr_adviser()

    client.post(LOGIN_URL, {"login": adviser.email, "password": TEST_PASSWORD})
    response = client.get(reverse("dashboards:home"))

    assert response.status_code == 302
    assert response.url == reverse("dashboards:hr")


@pytest.mark.django_db
def test_a_failed_login_is_announced_to_screen_readers(client):
    UserFactory(email="noor@example.test")

    response = client.post(LOGIN_URL, {"login": "noor@example.test", "password": "wrong"})

    assert 'class="alert alert-block alert-danger" role="alert"' in response.content.decode()
