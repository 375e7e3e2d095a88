from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .selectors import inbox_for, notification_for_recipient

NOTIFICATIONS_PER_PAGE = 25


@login_required
def inbox(request):
    page = Paginator(inbox_for(recipient=request.user), NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def open_notification(request, notification_id: int):
    """Mark the message read and go to the page to act on; only ever to a page of this site."""
    notification = notification_for_recipient(recipient=request.user, notification_id=notification_id)
    services.notification_mark_read(notification=notification)
    if services.is_site_relative_path(notification.action_url):
        return redirect(notification.action_url)
    return redirect("notifications:inbox")


@require_POST
@login_required
def read_all(request):
    services.notifications_mark_all_read(recipient=request.user)
    messages.success(request, _("All messages are marked as read."))
    return redirect("notifications:inbox")
