import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, User
from core.mail import TransientSendError
from tests.factories import OrganisationFactory, UserFactory, hr_adviser
from tests.waiting import wait_for


@pytest.mark.celery_worker
def test_invitation_is_sent_by_the_worker_after_commit(celery_worker):
    person = UserFactory(email="nieuw@example.test")

    with transaction.atomic():
        invitation = services.person_invite(invited_by=None, person=person)

    assert wait_for(lambda: Invitation.objects.get(pk=invitation.pk).status == Invitation.Status.SENT)
    assert [message.to for message in mail.outbox] == [["nieuw@example.test"]]
    body = mail.outbox[0].body
    assert "/accounts/password/reset/key/" in body
    assert mail.outbox[0].alternatives[0][1] == "text/html"


@pytest.mark.celery_worker
def test_invitation_is_not_sent_when_the_transaction_rolls_back(celery_worker):
    rolled_back = UserFactory(email="teruggedraaid@example.test")
    committed = UserFactory(email="doorgegaan@example.test")

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            services.person_invite(invited_by=None, person=rolled_back)
            raise RuntimeError("HR's form failed after the invitation was recorded")
    with transaction.atomic():
        canary = services.person_invite(invited_by=None, person=committed)

    # The worker handles tasks in order; once the later one is done, an earlier one would have been too.
    assert wait_for(lambda: Invitation.objects.get(pk=canary.pk).status == Invitation.Status.SENT)
    assert [message.to for message in mail.outbox] == [["doorgegaan@example.test"]]
    assert not Invitation.objects.filter(user=rolled_back).exists()


@pytest.mark.django_db
def test_sending_an_invitation_twice_sends_one_email():
    person = UserFactory()
    invitation = Invitation.objects.create(user=person)

    first = services.invitation_send(invitation_id=invitation.pk)
    second = services.invitation_send(invitation_id=invitation.pk)

    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_smtp_failure_is_recorded_for_hr_and_retried(monkeypatch):
    person = UserFactory()
    invitation = Invitation.objects.create(user=person)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)

    with pytest.raises(TransientSendError):
        services.invitation_send(invitation_id=invitation.pk)

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.FAILED
    assert invitation.attempts == 1
    assert invitation.last_error == "SMTPServerDisconnected"
    assert person.email not in invitation.last_error

    monkeypatch.undo()
    assert services.invitation_send(invitation_id=invitation.pk) is True
    invitation.refresh_from_db()
    assert (invitation.status, invitation.attempts) == (Invitation.Status.SENT, 2)


@pytest.mark.django_db
def test_the_invitation_task_retries_on_smtp_errors_with_backoff():
    from accounts.tasks import send_invitation

    assert TransientSendError in send_invitation.autoretry_for
    assert send_invitation.retry_backoff and send_invitation.max_retries == 5


@pytest.mark.django_db
def test_the_invitation_link_lets_the_person_choose_a_password_and_log_in(client):
    person = UserFactory(email="kiest@example.test", password=None)
    person.set_unusable_password()
    person.save()
    url = services.invitation_set_password_url(user=person)
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]

    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"password1": "Mijn-eigen-wachtwoord-9", "password2": "Mijn-eigen-wachtwoord-9"})

    person.refresh_from_db()
    assert person.check_password("Mijn-eigen-wachtwoord-9")


@pytest.mark.django_db
def test_hr_adds_a_person_and_the_invitation_goes_out_after_commit(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("accounts:person_invite"),
            {
                "organisation": organisation.pk,
                "email": "Fleur.Brouwer@Example.test",
                "first_name": "Fleur",
                "last_name": "Brouwer",
                "send_invitation": "on",
            },
        )

    person = User.objects.get(email="fleur.brouwer@example.test")
    assert response.status_code == 302
    assert response.url == reverse("accounts:person_detail", args=[person.pk])
    assert person.organisation == organisation
    assert not person.has_usable_password()
    assert len(callbacks) == 1
    assert [message.to for message in mail.outbox] == [["fleur.brouwer@example.test"]]


@pytest.mark.django_db
def test_adding_a_person_with_an_existing_email_is_refused_and_sends_nothing(client):
    organisation = OrganisationFactory()
    UserFactory(email="bestaat@example.test")
    client.force_login(hr_adviser(organisation))

    response = client.post(
        reverse("accounts:person_invite"),
        {
            "organisation": organisation.pk,
            "email": "BESTAAT@example.test",
            "first_name": "X",
            "last_name": "Y",
            "send_invitation": "on",
        },
    )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.filter(email="bestaat@example.test").count() == 1
    assert mail.outbox == []
