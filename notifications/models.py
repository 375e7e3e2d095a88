"""Messages to people: stored for the in-portal inbox and e-mailed by a worker."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.scoping import ManagedByHRQuerySet


class NotificationQuerySet(ManagedByHRQuerySet):
    # HR sees the delivery of messages to the people of their organisations.
    organisation_fields = ("recipient__organisation_id",)


class Notification(models.Model):
    """One message to one person about one event; (event, key, recipient) is unique, so it exists once."""

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be e-mailed")
        SENT = "sent", _("E-mailed")
        FAILED = "failed", _("Could not be e-mailed")
        SKIPPED = "skipped", _("Not e-mailed (inactive or no e-mail address)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.SlugField(_("event"), max_length=60)
    key = models.CharField(
        _("key"), max_length=200, help_text=_("Identifies the occurrence of the event, e.g. the enrolment.")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    action_url = models.CharField(
        _("link"), max_length=500, help_text=_("The page in Groeipad to act on, as a path such as /enrolments/.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    # The exception's class name only: no addresses or other personal data.
    email_error = models.CharField(_("e-mail error"), max_length=100, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "key", "recipient"], name="notification_unique_event_key"),
            # Links stay inside the portal: a path, never another site ("//host" is another site too).
            models.CheckConstraint(
                condition=Q(action_url__startswith="/") & ~Q(action_url__startswith="//"),
                name="notification_action_url_is_a_path",
            ),
        ]
        indexes = [
            # The unread count in every page header.
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read_idx"),
            # The inbox, newest first.
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_newest_idx"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("notifications:open", args=[self.pk])

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
