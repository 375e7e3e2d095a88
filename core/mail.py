"""Sending Groeipad's own e-mails (invitations, notifications): one shape, one retry policy."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

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
