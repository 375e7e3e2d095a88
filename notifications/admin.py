from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: messages are written by `notify` and the e-mail task, never by hand."""

    list_display = ["subject", "recipient", "event", "email_status", "email_attempts", "created_at", "read_at"]
    list_filter = ["email_status", "event"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "event", "key"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
