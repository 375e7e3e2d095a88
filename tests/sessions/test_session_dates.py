"""A session added or moved by hand is checked against the cohort's period and the public holidays (issue 10: a
session in 2021 was accepted for a cohort running 2026–2027). HR may keep a date that draws a warning, with a
reason that is recorded; without one, nothing is saved and nobody is told."""

from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import translation

from notifications.models import Notification
from sessions import services
from sessions.models import Session, SessionDateOverride
from sessions.selectors import session_date_warnings
from tests.factories import CohortFactory, OrganisationFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db

# The running cohort of tests/sessions/conftest.py runs from 3 September 2027 to 18 February 2028.
INSIDE = date(2027, 10, 8)
BEFORE = date(2021, 9, 3)
AFTER = date(2028, 3, 3)
NEW_YEAR = date(2028, 1, 1)


def create(cohort, day: date, **kwargs) -> Session:
    return services.session_create(
        cohort=cohort,
        kind="training",
        title="Persoonlijk leiderschap",
        date=day,
        start_time=time(9),
        end_time=time(12),
        **kwargs,
    )


def test_a_date_inside_the_cohorts_period_needs_no_reason_and_records_nothing(running):
    session = create(running.cohort, INSIDE, by=running.hr)

    assert Session.objects.get(pk=session.pk).date == INSIDE
    assert not SessionDateOverride.objects.exists()


@pytest.mark.parametrize(
    ("day", "warning"),
    [
        (BEFORE, "3 September 2021 is before the group starts (3 September 2027)."),
        (AFTER, "3 March 2028 is after the group ends (18 February 2028)."),
        (NEW_YEAR, "1 January 2028 is a public holiday: New Year's Day."),
    ],
)
def test_a_date_before_after_or_on_a_holiday_is_refused_without_a_reason_and_nothing_is_saved(running, day, warning):
    with translation.override("en"), pytest.raises(services.SessionDateNeedsReason) as refused:
        create(running.cohort, day, by=running.hr, date_reason="   ")

    assert refused.value.warnings == [warning]
    assert refused.value.message_dict["date"] == [warning, "Choose another date, or give a reason to keep this one."]
    assert not Session.objects.exists()
    assert not SessionDateOverride.objects.exists()


def test_with_a_reason_the_date_is_kept_and_the_warning_and_reason_are_recorded(running):
    with translation.override("en"):
        session = create(running.cohort, AFTER, by=running.hr, date_reason=" Inhaalbijeenkomst na de eindbijeenkomst ")

    assert Session.objects.get(pk=session.pk).date == AFTER
    override = SessionDateOverride.objects.get(session=session)
    assert (override.date, override.reason, override.by, override.warnings) == (
        AFTER,
        "Inhaalbijeenkomst na de eindbijeenkomst",
        running.hr,
        "3 March 2028 is after the group ends (18 February 2028).",
    )


def test_a_date_can_draw_two_warnings_at_once():
    cohort = CohortFactory(start_date=date(2028, 1, 3), end_date=date(2028, 6, 30))

    with translation.override("en"):
        warnings = session_date_warnings(cohort=cohort, day=NEW_YEAR)

    assert warnings == [
        "1 January 2028 is before the group starts (3 January 2028).",
        "1 January 2028 is a public holiday: New Year's Day.",
    ]


def test_a_cohort_without_dates_is_checked_for_public_holidays_only():
    cohort = CohortFactory(start_date=None, end_date=None)

    assert session_date_warnings(cohort=cohort, day=BEFORE) == []
    assert len(session_date_warnings(cohort=cohort, day=NEW_YEAR)) == 1


@pytest.mark.parametrize(("every_year", "warned"), [(True, True), (False, False)])
def test_5_may_2028_is_a_holiday_by_the_programme_owners_rule(every_year, warned):
    owner = OrganisationFactory(liberation_day_every_year=every_year)
    cohort = CohortFactory(
        programme=ProgrammeFactory(owner=owner), start_date=date(2028, 3, 1), end_date=date(2028, 8, 31)
    )

    with translation.override("en"):
        warnings = session_date_warnings(cohort=cohort, day=date(2028, 5, 5))

    assert warnings == (["5 May 2028 is a public holiday: Liberation Day."] if warned else [])


# --- moving -------------------------------------------------------------------------------------------------


def test_moving_out_of_the_period_without_a_reason_changes_nothing_and_tells_nobody(running):
    session = SessionFactory(cohort=running.cohort, date=INSIDE)

    with pytest.raises(services.SessionDateNeedsReason):
        services.session_update(session=session, by=running.hr, reason="Zaal bezet", date=AFTER)

    session.refresh_from_db()
    assert (session.date, session.sequence) == (INSIDE, 0)
    assert not Notification.objects.exists()
    assert not SessionDateOverride.objects.exists()


def test_moving_out_of_the_period_with_a_reason_moves_it_records_why_and_tells_the_members(running):
    session = SessionFactory(cohort=running.cohort, date=INSIDE)

    change = services.session_update(
        session=session, by=running.hr, reason="Zaal bezet", date_reason="Trainer kan alleen dan", date=AFTER
    )

    session.refresh_from_db()
    assert (change.moved, session.date, session.sequence) == (True, AFTER, 1)
    assert list(SessionDateOverride.objects.values_list("session", "date", "reason")) == [
        (session.pk, AFTER, "Trainer kan alleen dan")
    ]
    assert Notification.objects.filter(event="session_moved").count() == len(running.members)


def test_changing_anything_but_the_date_of_a_kept_date_asks_for_no_new_reason(running):
    session = SessionFactory(cohort=running.cohort, date=AFTER)  # kept there earlier

    change = services.session_update(session=session, by=running.hr, title="Terugkomdag")

    assert change.moved is False
    assert Session.objects.get(pk=session.pk).title == "Terugkomdag"
    assert not SessionDateOverride.objects.exists()


# --- in the browser -----------------------------------------------------------------------------------------


SESSION_FORM = {
    "kind": "training",
    "title": "Terugkomdag",
    "start_time": "09:00",
    "end_time": "12:00",
    "location": "Stadhuis",
    "online_url": "",
    "trainer": "",
    "external_trainer": "",
    "cost": "0",
    "capacity": "",
}


def test_the_form_shows_the_warning_and_a_reason_field_and_saves_only_with_a_reason(english_client, running):
    english_client.force_login(running.hr)
    url = reverse("sessions:session_create", args=[running.cohort.pk])

    plain = english_client.get(url).content.decode()
    warned = english_client.post(url, {**SESSION_FORM, "date": "2021-09-03"})

    # at first the reason is a hidden field; after the warning it is a labelled text area
    assert 'type="hidden" name="date_reason"' in plain
    assert warned.status_code == 400
    page = warned.content.decode()
    assert "Check the date: nothing has been saved yet." in page
    assert "3 September 2021 is before the group starts (3 September 2027)." in page
    assert '<textarea name="date_reason"' in page
    assert "Why this date anyway" in page
    assert not Session.objects.exists()

    blank = english_client.post(url, {**SESSION_FORM, "date": "2021-09-03", "date_reason": "  "})
    assert blank.status_code == 400
    assert not Session.objects.exists()

    kept = english_client.post(url, {**SESSION_FORM, "date": "2021-09-03", "date_reason": "Voorbereiding"}, follow=True)
    session = Session.objects.get()
    assert kept.redirect_chain[-1][0] == reverse("sessions:session_detail", args=[session.pk])
    assert session.date == BEFORE
    detail = kept.content.decode()
    assert "Date kept despite" in detail
    assert "Reason: Voorbereiding" in detail


def test_moving_in_the_browser_to_a_holiday_asks_for_a_reason_first(english_client, running):
    session = SessionFactory(cohort=running.cohort, date=INSIDE, title="Terugkomdag")
    english_client.force_login(running.hr)
    url = reverse("sessions:session_edit", args=[session.pk])

    warned = english_client.post(url, {**SESSION_FORM, "date": "2028-01-01", "reason": "Zaal bezet"})

    assert warned.status_code == 400
    assert "1 January 2028 is a public holiday: New Year&#x27;s Day." in warned.content.decode()
    assert Session.objects.get(pk=session.pk).date == INSIDE
    assert not Notification.objects.exists()

    moved = english_client.post(
        url, {**SESSION_FORM, "date": "2028-01-01", "reason": "Zaal bezet", "date_reason": "Afgesproken met de groep"}
    )

    assert moved.status_code == 302
    assert Session.objects.get(pk=session.pk).date == NEW_YEAR
    assert SessionDateOverride.objects.get(session=session).reason == "Afgesproken met de groep"


def test_the_reason_is_shown_to_hr_only(client, running):
    session = create(running.cohort, AFTER, by=running.hr, date_reason="Inhaalbijeenkomst")
    url = reverse("sessions:session_detail", args=[session.pk])

    client.force_login(running.hr)
    assert "Inhaalbijeenkomst" in client.get(url).content.decode()
    client.force_login(running.members[0])
    assert "Inhaalbijeenkomst" not in client.get(url).content.decode()
