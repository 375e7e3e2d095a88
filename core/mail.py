"""Sending Groeipad's own e-mails (invitations, notifications): one shape, one retry policy."""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

# Failures that may pass by themselves (mail server busy or unreachable); tasks retry these.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError)

# Celery options for every task that sends e-mail: bounded retries with backoff on transient errors.
EMAIL_TASK_RETRY_OPTIONS = {
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


class TransientSendError(Exception):
    """Sending failed for a reason that may pass (SMTP server busy, network); the task retries."""


def send_templated_email(*, recipient, subject: str, template: str, context: dict) -> None:
    """Render `<template>.txt` and `<template>.html` in the recipient's language and send both parts.

    `subject` is rendered by the caller (usually inside the same language) and gets the site prefix.
    """
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        text_body = render_to_string(f"{template}.txt", context)
        html_body = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=text_body, to=[recipient.email]
    )
    message.attach_alternative(html_body, "text/html")
    message.send()


@dataclass(frozen=True)
class EmailTracking:
    """Where a model keeps the delivery of its e-mail: the fields and the status values they take."""

    status_field: str
    attempts_field: str
    error_field: str
    sent_at_field: str
    sent: str
    failed: str
    skipped: str | None = None


def tracked_email_send(
    *,
    queryset: models.QuerySet,
    pk: int,
    tracking: EmailTracking,
    send: Callable[[models.Model], None],
    can_receive: Callable[[models.Model], bool] = lambda row: True,
) -> bool:
    """Send the e-mail of one row at most once, and record on the row how it went (HR sees failures).

    Returns False when there was nothing to send. Every failure is recorded; SMTP and network errors
    raise TransientSendError so that the task retries, any other error is raised as it is.
    """
    name = queryset.model._meta.model_name
    finished = {tracking.sent} | ({tracking.skipped} if tracking.skipped else set())
    with transaction.atomic():
        row = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
        # idempotency: the row is locked and its status checked, so a retried or duplicated task
        # finds it sent (or skipped) and sends nothing a second time.
        if row is None or getattr(row, tracking.status_field) in finished:
            return False
        if tracking.skipped and not can_receive(row):
            setattr(row, tracking.status_field, tracking.skipped)
            row.save(update_fields=[tracking.status_field])
            logger.info("%s %s not e-mailed: recipient inactive or without address", name, pk)
            return False
        setattr(row, tracking.attempts_field, getattr(row, tracking.attempts_field) + 1)
        try:
            send(row)
        except Exception as error:  # every failure must be visible to HR, not only SMTP ones
            failure = error
            setattr(row, tracking.status_field, tracking.failed)
            setattr(row, tracking.error_field, type(error).__name__)
        else:
            failure = None
            setattr(row, tracking.status_field, tracking.sent)
            setattr(row, tracking.sent_at_field, timezone.now())
            setattr(row, tracking.error_field, "")
        row.save(
            update_fields=[tracking.status_field, tracking.attempts_field, tracking.error_field, tracking.sent_at_field]
        )
    if failure is not None:
        # Logged by id only: no addresses, names or subjects in logs.
        logger.warning("%s %s could not be e-mailed (%s)", name, pk, type(failure).__name__)
        if isinstance(failure, TRANSIENT_MAIL_ERRORS):
            raise TransientSendError(type(failure).__name__) from failure
        raise failure
    logger.info("%s %s e-mailed", name, pk)
    return True
