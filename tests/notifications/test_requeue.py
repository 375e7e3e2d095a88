from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from notifications.tasks import requeue_unsent_notifications
from tests.factories import NotificationFactory


def stored_minutes_ago(notification: Notification, minutes: int) -> Notification:
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    return notification


@pytest.mark.django_db
def test_beat_sends_a_message_whose_task_was_lost_and_leaves_the_rest_alone():
    lost = stored_minutes_ago(NotificationFactory(subject="Lost on the way"), 30)
    stored_minutes_ago(NotificationFactory(subject="Still in the queue"), 2)
    already_sent = stored_minutes_ago(
        NotificationFactory(email_status=Notification.EmailStatus.SENT, subject="Sent long ago"), 60
    )

    requeued = requeue_unsent_notifications()

    assert requeued == 1
    assert [message.subject for message in mail.outbox] == ["[Groeipad] Lost on the way"]
    lost.refresh_from_db()
    already_sent.refresh_from_db()
    assert lost.email_status == Notification.EmailStatus.SENT
    assert already_sent.email_attempts == 0


@pytest.mark.django_db
def test_running_the_beat_task_twice_sends_nothing_twice():
    stored_minutes_ago(NotificationFactory(), 30)

    requeue_unsent_notifications()
    requeue_unsent_notifications()

    assert len(mail.outbox) == 1
