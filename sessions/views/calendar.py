"""A person's private calendar link (its page, the feed it opens) and the printable schedule of a cohort."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.pdf import render_pdf

from .. import calendar

# Why `private, max-age=300`: the feed holds personal data and its URL is a credential, so no shared
# cache (proxy, CDN) may keep it ("private"); the subscriber's own app may reuse it for five minutes,
# which spares us clients that poll very often while a moved or cancelled session still arrives quickly.
FEED_CACHE_CONTROL = "private, max-age=300"


@never_cache
@login_required
def calendar_link(request):
    token = calendar.calendar_token_live(user=request.user)
    base_url = calendar.portal_base_url(request=request)
    context = {"token": token, "feed_url": calendar.calendar_feed_url(token=token, base_url=base_url) if token else ""}
    if token:
        context["webcal_url"] = "webcal://" + context["feed_url"].split("://", 1)[1]
    return render(request, "sessions/calendar_link.html", context)


@require_POST
@login_required
def calendar_link_create(request):
    had_link = calendar.calendar_token_live(user=request.user) is not None
    calendar.calendar_token_create(user=request.user)
    if had_link:
        messages.success(
            request, _("You have a new calendar link. The old link no longer works: replace it in your calendar app.")
        )
    else:
        messages.success(request, _("Your calendar link is ready. Add it to your calendar app as described below."))
    return redirect("sessions:calendar")


@require_POST
@login_required
def calendar_link_revoke(request):
    if calendar.calendar_token_revoke(user=request.user):
        messages.success(request, _("Your calendar link has been stopped. Calendar apps no longer receive updates."))
    else:
        messages.info(request, _("You had no calendar link."))
    return redirect("sessions:calendar")


def _unlogged(response: HttpResponse) -> HttpResponse:
    # Django logs every 4xx response with its path ("Not Found: /sessions/calendar/<token>.ics"); the token
    # is a credential and stays out of the logs. Marking the response as logged skips that line.
    response._has_been_logged = True
    return response


@csrf_exempt  # a refused CSRF check would log the path, token included; the feed never changes anything
def feed(request, token: str):
    """The iCalendar feed; no login, the token is the credential. Unknown and revoked tokens answer the same 404."""
    if request.method not in ("GET", "HEAD"):
        return _unlogged(HttpResponseNotAllowed(["GET", "HEAD"]))
    owner = calendar.calendar_owner(token=token)
    if owner is None:
        return _unlogged(HttpResponseNotFound(b"Not found", content_type="text/plain; charset=utf-8"))
    body = calendar.calendar_feed(user=owner, base_url=calendar.portal_base_url(request=request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="groeipad.ics"'
    response["Cache-Control"] = FEED_CACHE_CONTROL
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
def cohort_schedule_pdf(request, cohort_pk: int):
    cohort = calendar.cohort_for_schedule(user=request.user, pk=cohort_pk)
    schedule = calendar.cohort_schedule(cohort=cohort, user=request.user)
    pdf = render_pdf("sessions/cohort_schedule_pdf.html", {"schedule": schedule})
    filename = f"{slugify(cohort.programme.name)}-{slugify(cohort.name)}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("calendar/", calendar_link, name="calendar"),
    path("calendar/new/", calendar_link_create, name="calendar_create"),
    path("calendar/stop/", calendar_link_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", feed, name="feed"),
    path("cohorts/<int:cohort_pk>/schedule.pdf", cohort_schedule_pdf, name="cohort_schedule_pdf"),
]
