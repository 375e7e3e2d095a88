"""Record access to personal data. Only ids and the kind of action: content never enters the trail."""

from django.db import models

from .models import AuditEvent


def audit_record(*, actor, action: str, target: models.Model, subject=None) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        subject=subject,
    )


def audit_record_many(*, actor, action: str, targets, subject_of=lambda target: None) -> int:
    """One event per record, in one query (e.g. every note on a page that was read)."""
    events = [
        AuditEvent(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            target_type=target._meta.label_lower,
            target_id=target.pk,
            subject=subject_of(target),
        )
        for target in targets
    ]
    AuditEvent.objects.bulk_create(events)
    return len(events)
