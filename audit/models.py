"""Who read or changed which piece of personal data, and when: never the data itself (AVG/GDPR)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Changed")
        DELETED = "deleted", _("Deleted")
        EXPORTED = "exported", _("Exported")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("who")
    )
    action = models.CharField(_("what"), max_length=10, choices=Action.choices)
    # "coaching.coachingsession" etc.; with the id, enough to find the record without copying it.
    target_type = models.CharField(_("kind of record"), max_length=100)
    target_id = models.PositiveBigIntegerField(_("record"))
    # The person the record is about, so a data subject's request can list every access.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("about")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} {self.target_type}:{self.target_id}"
