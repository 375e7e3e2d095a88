"""Reads about notifications: a person's inbox and unread count, and what HR must know about."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Notification


def inbox_for(*, recipient) -> QuerySet[Notification]:
    """A person's own messages, newest first."""
    return Notification.objects.filter(recipient=recipient).order_by("-created_at", "-pk")


def unread_count_for(*, recipient) -> int:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).count()


def notification_for_recipient(*, recipient, notification_id: int) -> Notification:
    """One of the person's own messages; 404 for anyone else's, so its existence is not revealed."""
    return get_object_or_404(Notification, pk=notification_id, recipient=recipient)


def failed_emails_for_hr(*, user, limit: int = 10) -> QuerySet[Notification]:
    """Messages to people of HR's organisations that could not be e-mailed, newest first."""
    return (
        Notification.objects.managed_by(user)
        .filter(email_status=Notification.EmailStatus.FAILED)
        .select_related("recipient")
        .order_by("-created_at", "-pk")[:limit]
    )


def failed_email_count_for_hr(*, user) -> int:
    return Notification.objects.managed_by(user).filter(email_status=Notification.EmailStatus.FAILED).count()


def notifications_stuck_unsent(*, older_than, limit: int = 500) -> list[int]:
    """Messages still waiting for their e-mail long after they were stored (their task was lost)."""
    return list(
        Notification.objects.filter(email_status=Notification.EmailStatus.PENDING, created_at__lt=older_than)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def email_delivery_counts(*, stuck_after) -> dict[str, int]:
    """Across the platform: messages that could not be e-mailed, and those still unsent since before
    `stuck_after` (their task was lost or no worker runs). One query."""
    return Notification.objects.aggregate(
        failed=Count("pk", filter=Q(email_status=Notification.EmailStatus.FAILED)),
        stuck=Count("pk", filter=Q(email_status=Notification.EmailStatus.PENDING, created_at__lt=stuck_after)),
    )
