from .selectors import unread_count_for


def unread_notifications(request):
    """The unread count in the header: one COUNT per request for a logged-in person, none otherwise."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notification_count": 0}
    count = getattr(request, "_groeipad_unread_notification_count", None)
    if count is None:
        count = unread_count_for(recipient=user)
        request._groeipad_unread_notification_count = count
    return {"unread_notification_count": count}
