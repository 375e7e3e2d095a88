"""Personal calendars: the revocable token of a person's private iCalendar link, the feed it opens, and the
PDF of a cohort's schedule.

The token is the only credential of the feed (calendar apps cannot log in), so:
- a person has at most one live token (a partial unique constraint); making a new one revokes the old one;
- the token is looked up in the database together with "not revoked", so an unknown and a revoked token
  are the same miss;
- the feed shows only the token owner's own schedule, and of other people only the name of the trainer,
  facilitator or career adviser.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from accounts.models import User
from accounts.scoping import is_hr_of
from programmes.models import Cohort
from programmes.selectors import cohort_for_hr

from .models import CalendarToken, Session
from .selectors import ScheduleEntry, cohort_sessions, is_cohort_member, schedule_for

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# How far back the feed reaches: a calendar app keeps what it already has, but a new subscription should
# still show the recent past.
FEED_HISTORY = timedelta(days=365)


# --- tokens ------------------------------------------------------------------------------------------------


def calendar_token_live(*, user) -> CalendarToken | None:
    """The person's working calendar token, if any."""
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


def calendar_token_create(*, user) -> CalendarToken:
    """A new private calendar link for this person; a live one is revoked first, so the old link stops working.

    The person's row is locked first (a person without any token has no token row to lock), then their live
    token, so two requests at once give one live token, never an IntegrityError or two live tokens.
    """
    with transaction.atomic():
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        list(CalendarToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
        CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        return CalendarToken.objects.create(user=user)


def calendar_token_revoke(*, user) -> int:
    """Stop this person's calendar link. Returns how many links were stopped (0 or 1)."""
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def site_url_configured() -> bool:
    """Whether the portal's address was configured (GROEIPAD_SITE_URL), rather than SITE_URL's default."""
    # settings.SITE_URL always has a value: its default serves `make run` and the e-mails of workers.
    return settings.SITE_URL_CONFIGURED


def portal_base_url(*, request) -> str:
    """The address for absolute links shown in a page or served in a feed: the configured site URL, else the
    address the portal is being browsed on (so a portal on http://192.168.1.5:8000 gives links that work
    from a phone, not 127.0.0.1). The request's host has passed ALLOWED_HOSTS."""
    if site_url_configured():
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


def calendar_feed_url(*, token: CalendarToken, base_url: str) -> str:
    return base_url + reverse("sessions:feed", args=[token.token])


def calendar_owner(*, token: str) -> User | None:
    """The active person whose live token this is; None for an unknown, revoked or too long token."""
    if not token or len(token) > CalendarToken._meta.get_field("token").max_length:
        return None
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return found.user if found else None


# --- the iCalendar feed ------------------------------------------------------------------------------------


def _description(entry: ScheduleEntry) -> str:
    lines = [entry.kind_label]
    if entry.context:
        lines.append(_("Group: %(context)s") % {"context": entry.context})
    # A career adviser's entry names the participant who booked it: that stays out of the feed.
    if entry.with_whom and entry.role != "adviser":
        lines.append(_("Trainer: %(name)s") % {"name": entry.with_whom})
    if entry.online_url:
        lines.append(_("Online: %(url)s") % {"url": entry.online_url})
    if entry.is_cancelled:
        lines.append(_("This session has been cancelled."))
    return "\n".join(lines)


def _event(entry: ScheduleEntry, *, stamp: datetime, base_url: str) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.starts_at.astimezone(AMSTERDAM))
    event.add("dtend", entry.ends_at.astimezone(AMSTERDAM))
    event.add("summary", entry.title)
    if entry.location or entry.online_url:
        event.add("location", entry.location or entry.online_url)
    event.add("description", _description(entry))
    event.add("url", base_url + (entry.url or reverse("sessions:my_schedule")))
    event.add("sequence", entry.sequence)
    event.add("status", "CANCELLED" if entry.is_cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if entry.is_cancelled else "OPAQUE")
    if entry.last_modified is not None:
        event.add("last-modified", entry.last_modified.astimezone(UTC))
    return event


def calendar_build(*, entries: list[ScheduleEntry], name: str, base_url: str | None = None) -> Calendar:
    """An RFC 5545 calendar of these entries, in Europe/Amsterdam time with its VTIMEZONE; the events link to
    the portal at `base_url` (settings.SITE_URL when not given)."""
    base_url = settings.SITE_URL if base_url is None else base_url
    calendar = Calendar()
    calendar.add("prodid", "-//Groeipad//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # A hint for clients that honour it (Outlook, Apple); Google refreshes on its own schedule.
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for entry in entries:
        calendar.add_component(_event(entry, stamp=stamp, base_url=base_url))
    if entries:
        # The VTIMEZONE covers the entries' years only (from 1970 on it would hold a hundred transitions).
        first = min(entry.starts_at for entry in entries).astimezone(AMSTERDAM).date()
        last = max(entry.ends_at for entry in entries).astimezone(AMSTERDAM).date()
        calendar.add_missing_timezones(first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1))
    return calendar


def calendar_feed(*, user: User, base_url: str | None = None) -> bytes:
    """The person's own schedule (from a year ago on) as iCalendar, in their preferred language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        since = timezone.localdate() - FEED_HISTORY
        entries = schedule_for(person=user, since=since)
        return calendar_build(entries=entries, name=_("Groeipad schedule"), base_url=base_url).to_ical()


# --- the PDF of a cohort's schedule ------------------------------------------------------------------------


def cohort_for_schedule(*, user, pk: int) -> Cohort:
    """A cohort whose schedule this person may print: HR of the owning organisation, or a member; 404 otherwise."""
    try:
        return cohort_for_hr(user=user, pk=pk)
    except Http404:
        if not is_cohort_member(person=user, cohort_id=pk):
            raise
    return get_object_or_404(Cohort.objects.select_related("programme__owner", "track"), pk=pk)


@dataclass
class CohortSchedule:
    cohort: Cohort
    sessions: list[Session]
    generated_at: datetime

    @property
    def programme(self):
        return self.cohort.programme

    @property
    def organisation(self):
        return self.cohort.programme.owner


def cohort_schedule(*, cohort: Cohort, user) -> CohortSchedule:
    """The cohort's sessions for its printed schedule. HR sees every intervision group's sessions; a member
    sees those of the cohort and of their own intervision group only (as on their schedule)."""
    sessions: QuerySet[Session] = cohort_sessions(cohort=cohort).select_related("intervision_group__facilitator")
    if not is_hr_of(user, cohort.programme.owner_id):
        sessions = sessions.filter(Q(intervision_group__isnull=True) | Q(intervision_group__members=user))
    return CohortSchedule(cohort=cohort, sessions=list(sessions), generated_at=timezone.localtime())
