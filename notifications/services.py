"""Writes about notifications: store a message, e-mail it, mark it read. Every app sends through `notify`."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from core.mail import EmailTracking, send_templated_email, tracked_email_send

from .events import Event
from .models import Notification

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = Notification._meta.get_field("subject").max_length


def is_site_relative_path(url: str) -> bool:
    """True for a path on this site such as "/enrolments/"; False for other sites ("//host", "/\\host", "https:")."""
    if not url or not url.startswith("/"):
        return False
    # Browsers read "/\host" and "/<tab>/host" as "//host"; Django's check knows these tricks.
    return url_has_allowed_host_and_scheme(url, allowed_hosts=set()) and not urlsplit(url).netloc


@transaction.atomic
def notify(*, recipient, event: Event, key: str, context: dict, action_url: str) -> Notification | None:
    """Store a message for `recipient` and e-mail it after the surrounding transaction commits.

    Subject and body are rendered now, in the recipient's preferred_language, from the templates
    notifications/events/<event>/subject.txt and body.txt (plain text); the e-mail wraps the body in
    the generic HTML and text layouts when it is sent.
    Idempotent: (event, key, recipient) is unique; a second call with the same triple stores and
    sends nothing and returns None.
    `event` is an `Event`; a string equal to one of its values is taken as that member, any other is refused.
    """
    event = _known_event(event)
    if not is_site_relative_path(action_url):
        raise ValueError("action_url must be a path on this site, such as /enrolments/.")
    subject, body = _render_message(recipient=recipient, event=event, context=context)
    can_be_emailed = recipient.is_active and bool(recipient.email)
    # idempotency: the unique constraint on (event, key, recipient) makes a repeated call find the
    # stored message instead of creating a second one; only a newly created message is e-mailed.
    notification, created = Notification.objects.get_or_create(
        event=event,
        key=key,
        recipient=recipient,
        defaults={
            "subject": subject,
            "body": body,
            "action_url": action_url,
            "email_status": Notification.EmailStatus.PENDING if can_be_emailed else Notification.EmailStatus.SKIPPED,
        },
    )
    if not created:
        return None
    if notification.email_status == Notification.EmailStatus.PENDING:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def _known_event(event: Event | str) -> Event:
    try:
        return Event(event)
    except ValueError:
        raise ValueError(
            f"Unknown notification event {event!r}: add it to notifications.events.Event, with its templates."
        ) from None


def _render_message(*, recipient, event: Event, context: dict) -> tuple[str, str]:
    template_context = {**context, "recipient": recipient, "site_url": settings.SITE_URL}
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"notifications/events/{event.value}/subject.txt", template_context)
        body = render_to_string(f"notifications/events/{event.value}/body.txt", template_context)
    # A subject is one line (a line break in a mail header is refused) and fits the column.
    subject = Truncator(" ".join(subject.split())).chars(SUBJECT_MAX_LENGTH)
    return subject, body.strip()


NOTIFICATION_EMAIL = EmailTracking(
    status_field="email_status",
    attempts_field="email_attempts",
    error_field="email_error",
    sent_at_field="emailed_at",
    sent=Notification.EmailStatus.SENT,
    failed=Notification.EmailStatus.FAILED,
    skipped=Notification.EmailStatus.SKIPPED,
)


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one stored message, once; False if there was nothing to send (core.mail.tracked_email_send).

    A recipient who is inactive or has no address is skipped; a failure is recorded for HR's dashboard.
    """
    return tracked_email_send(
        queryset=Notification.objects.select_related("recipient"),
        pk=notification_id,
        tracking=NOTIFICATION_EMAIL,
        send=lambda notification: _send_notification_email(notification=notification),
        can_receive=lambda notification: notification.recipient.is_active and bool(notification.recipient.email),
    )


def _send_notification_email(*, notification: Notification) -> None:
    send_templated_email(
        recipient=notification.recipient,
        subject=notification.subject,
        template="notifications/email/notification",
        context={
            "recipient": notification.recipient,
            "notification": notification,
            "action_link": f"{settings.SITE_URL}{notification.action_url}",
            "inbox_link": f"{settings.SITE_URL}{reverse('notifications:inbox')}",
        },
    )


def notification_mark_read(*, notification: Notification) -> None:
    """Mark one message read; reading it again keeps the first moment."""
    if notification.read_at is not None:
        return
    now = timezone.now()
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    notification.read_at = now


def notifications_mark_all_read(*, recipient) -> int:
    """Mark every unread message of this person read. Returns how many were unread."""
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).update(read_at=timezone.now())
