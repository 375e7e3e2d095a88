import smtplib
from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from core.mail import TransientSendError
from notifications import services
from notifications.models import Notification
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory, UserFactory
from tests.waiting import wait_for

pytestmark = pytest.mark.django_db

APPROVALS_URL = "/enrolments/approvals/"


def approval_request(*, manager_language: str = "en", **manager_fields):
    manager = UserFactory(preferred_language=manager_language, **manager_fields)
    person = UserFactory(first_name="Jan", last_name="Jansen", organisation=manager.organisation, manager=manager)
    cohort = CohortFactory(name="Group 2026", programme=ProgrammeFactory(name="Young Staff Track Zwolle"))
    enrolment = EnrolmentFactory(
        person=person, cohort=cohort, motivation="I want to grow into a team lead role.", cost=Decimal("933.33")
    )
    return manager, enrolment


def notify_manager(manager, enrolment, *, key: str | None = None) -> Notification | None:
    return services.notify(
        recipient=manager,
        event="enrolment_approval_requested",
        key=key or f"enrolment-{enrolment.pk}",
        context={"enrolment": enrolment},
        action_url=APPROVALS_URL,
    )


def test_notify_stores_subject_and_body_in_the_recipients_language():
    manager, enrolment = approval_request(manager_language="en")

    with translation.override("nl"):
        notification = notify_manager(manager, enrolment)
        assert translation.get_language() == "nl"

    notification.refresh_from_db()
    assert notification.recipient == manager
    assert notification.event == "enrolment_approval_requested"
    assert notification.key == f"enrolment-{enrolment.pk}"
    assert notification.subject == "Approval requested: Jan Jansen for Young Staff Track Zwolle"
    assert notification.body == (
        "Jan Jansen would like to take part in Young Staff Track Zwolle (Group 2026) and asks for your approval.\n"
        "\n"
        "The cost for your department is €933.33.\n"
        "\n"
        "Please approve or reject the request in Groeipad. "
        "The motivation is there too: for privacy it is not included in this message."
    )
    assert notification.action_url == APPROVALS_URL
    assert (notification.email_status, notification.read_at) == (Notification.EmailStatus.PENDING, None)


def test_a_dutch_recipient_gets_dutch_number_formats_whatever_the_current_language():
    manager, enrolment = approval_request(manager_language="nl")

    with translation.override("en"):
        notification = notify_manager(manager, enrolment)

    assert "933,33" in notification.body


def test_the_personal_motivation_is_not_in_the_message():
    manager, enrolment = approval_request()

    notification = notify_manager(manager, enrolment)

    assert "team lead" not in notification.body
    assert "team lead" not in notification.subject


def test_notify_twice_with_the_same_key_stores_and_sends_one_message(django_capture_on_commit_callbacks):
    manager, enrolment = approval_request()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = notify_manager(manager, enrolment)
        second = notify_manager(manager, enrolment)

    assert isinstance(first, Notification)
    assert second is None
    assert Notification.objects.filter(recipient=manager).count() == 1
    assert len(callbacks) == 1
    assert [message.to for message in mail.outbox] == [[manager.email]]


def test_a_different_key_is_a_second_message(django_capture_on_commit_callbacks):
    manager, enrolment = approval_request()

    with django_capture_on_commit_callbacks(execute=True):
        notify_manager(manager, enrolment, key="enrolment-1-request-1")
        notify_manager(manager, enrolment, key="enrolment-1-request-2")

    assert Notification.objects.filter(recipient=manager).count() == 2
    assert len(mail.outbox) == 2


def test_the_same_key_for_another_recipient_is_a_second_message(django_capture_on_commit_callbacks):
    manager, enrolment = approval_request()
    other_manager = UserFactory(preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        notify_manager(manager, enrolment, key="same")
        notify_manager(other_manager, enrolment, key="same")

    assert sorted(message.to[0] for message in mail.outbox) == sorted([manager.email, other_manager.email])


@pytest.mark.celery_worker
def test_the_email_is_sent_by_the_worker_only_after_commit(celery_worker):
    rolled_back_manager, rolled_back_enrolment = approval_request(email="teruggedraaid@example.test")
    committed_manager, committed_enrolment = approval_request(email="doorgegaan@example.test")

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            notify_manager(rolled_back_manager, rolled_back_enrolment)
            raise RuntimeError("the approval request failed after the message was stored")
    with transaction.atomic():
        canary = notify_manager(committed_manager, committed_enrolment)
        # Not yet committed: the worker cannot have sent it.
        assert mail.outbox == []

    # The worker handles tasks in order; once the later one is done, an earlier one would have been too.
    assert wait_for(lambda: Notification.objects.get(pk=canary.pk).email_status == Notification.EmailStatus.SENT)
    assert [message.to for message in mail.outbox] == [["doorgegaan@example.test"]]
    assert not Notification.objects.filter(recipient=rolled_back_manager).exists()


def test_a_duplicated_task_delivery_sends_one_email():
    manager, enrolment = approval_request()
    # The test's transaction never commits, so the task is not queued: the test delivers it itself.
    notification = notify_manager(manager, enrolment)

    first = services.notification_email_send(notification_id=notification.pk)
    second = services.notification_email_send(notification_id=notification.pk)

    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert (notification.email_status, notification.email_attempts) == (Notification.EmailStatus.SENT, 1)
    assert notification.emailed_at is not None


def test_an_smtp_failure_is_recorded_and_a_later_retry_sends(monkeypatch):
    manager, enrolment = approval_request()
    notification = notify_manager(manager, enrolment)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)

    with pytest.raises(TransientSendError):
        services.notification_email_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.FAILED
    assert notification.email_attempts == 1
    assert notification.email_error == "SMTPServerDisconnected"
    assert notification.emailed_at is None
    assert mail.outbox == []

    monkeypatch.undo()
    assert services.notification_email_send(notification_id=notification.pk) is True
    notification.refresh_from_db()
    assert (notification.email_status, notification.email_attempts, notification.email_error) == (
        Notification.EmailStatus.SENT,
        2,
        "",
    )
    assert len(mail.outbox) == 1


def test_an_unexpected_failure_is_recorded_for_hr_and_not_retried(monkeypatch):
    manager, enrolment = approval_request()
    notification = notify_manager(manager, enrolment)

    def broken(*args, **kwargs):
        raise ValueError("a bug, not a busy mail server")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)

    with pytest.raises(ValueError):
        services.notification_email_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert (notification.email_status, notification.email_attempts, notification.email_error) == (
        Notification.EmailStatus.FAILED,
        1,
        "ValueError",
    )


def test_the_email_task_retries_smtp_errors_with_backoff_and_a_bound():
    from notifications.tasks import send_notification_email

    assert send_notification_email.autoretry_for == (TransientSendError,)
    assert send_notification_email.retry_backoff == 30
    assert send_notification_email.max_retries == 5


def test_an_inactive_recipient_gets_the_message_in_the_inbox_but_no_email(django_capture_on_commit_callbacks):
    manager, enrolment = approval_request(is_active=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = notify_manager(manager, enrolment)

    assert notification.email_status == Notification.EmailStatus.SKIPPED
    assert callbacks == []
    assert mail.outbox == []


def test_a_recipient_deactivated_before_sending_gets_no_email():
    manager, enrolment = approval_request()
    notification = notify_manager(manager, enrolment)
    manager.is_active = False
    manager.save(update_fields=["is_active"])

    assert services.notification_email_send(notification_id=notification.pk) is False

    notification.refresh_from_db()
    assert (notification.email_status, notification.email_attempts) == (Notification.EmailStatus.SKIPPED, 0)
    assert mail.outbox == []


def test_the_email_has_plain_text_and_html_with_an_absolute_link_to_act_on(
    settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://groeipad.example.test"
    manager, enrolment = approval_request(first_name="Petra")

    with django_capture_on_commit_callbacks(execute=True):
        notify_manager(manager, enrolment)

    [message] = mail.outbox
    assert message.subject == "[Groeipad] Approval requested: Jan Jansen for Young Staff Track Zwolle"
    assert message.to == [manager.email]
    assert message.body.startswith("Hello Petra,\n\nJan Jansen would like to take part")
    assert "\nhttps://groeipad.example.test/enrolments/approvals/\n" in message.body
    assert "This message is also in your Groeipad inbox: https://groeipad.example.test/inbox/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<a href="https://groeipad.example.test/enrolments/approvals/"' in html
    assert '<a href="https://groeipad.example.test/inbox/">Groeipad inbox</a>' in html
    assert "Jan Jansen would like to take part" in html


def test_text_from_people_is_escaped_in_the_html_email(django_capture_on_commit_callbacks):
    person = UserFactory(preferred_language="en")
    enrolment = EnrolmentFactory(person=person, status="rejected", decision_reason="<b>No budget</b> & no time")

    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(
            recipient=person,
            event="enrolment_rejected",
            key=f"enrolment-{enrolment.pk}",
            context={"enrolment": enrolment},
            action_url="/enrolments/",
        )

    assert "<b>No budget</b> & no time" in notification.body
    [(html, _mimetype)] = mail.outbox[0].alternatives
    assert "&lt;b&gt;No budget&lt;/b&gt; &amp; no time" in html
    assert "<b>No budget" not in html


@pytest.mark.parametrize(
    "action_url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "enrolments/", ""]
)
def test_notify_refuses_a_link_that_is_not_a_path_on_this_site(action_url):
    manager, enrolment = approval_request()

    with pytest.raises(ValueError):
        services.notify(
            recipient=manager,
            event="enrolment_approval_requested",
            key="x",
            context={"enrolment": enrolment},
            action_url=action_url,
        )

    assert not Notification.objects.exists()


def test_the_email_task_is_registered_with_the_worker_app():
    from config.celery import app

    app.loader.import_default_modules()

    assert "notifications.tasks.send_notification_email" in app.tasks
