"""The private iCalendar feed: valid RFC 5545, exactly the token owner's own sessions, Europe/Amsterdam
times across the daylight-saving change, and a 404 (that is not logged) for unknown and revoked tokens."""

import logging
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from sessions import calendar
from sessions.models import ExtraSeat, Session, SessionKind
from tests.factories import (
    AvailabilitySlotFactory,
    CohortFactory,
    IntervisionGroupFactory,
    ProgrammeFactory,
    SessionFactory,
    UserFactory,
)

AMSTERDAM_TZID = "Europe/Amsterdam"


def feed_url(token) -> str:
    return reverse("sessions:feed", args=[token.token])


def parse(response) -> Calendar:
    return Calendar.from_ical(response.content)


def by_uid(parsed: Calendar) -> dict:
    return {str(event["UID"]): event for event in parsed.events}


@pytest.fixture
def world(running):
    """Two members in different intervision groups; cohort sessions on both sides of the October clock
    change; an open session of another cohort the first member has an extra seat in; booked TMA slots."""
    first, second = running.members[0], running.members[1]
    cohort = running.cohort
    own_group = IntervisionGroupFactory(cohort=cohort, name="Groep Noord", facilitator=running.trainer)
    own_group.members.add(first)
    other_group = IntervisionGroupFactory(cohort=cohort, name="Groep Zuid")
    other_group.members.add(second)
    before_change = SessionFactory(
        cohort=cohort,
        title="Persoonlijk leiderschap",
        date=date(2027, 10, 23),
        start_time=time(9, 0),
        end_time=time(12, 30),
        trainer=running.trainer,
    )
    after_change = SessionFactory(
        cohort=cohort,
        title="Interactie met je omgeving",
        date=date(2027, 11, 6),
        start_time=time(9, 0),
        end_time=time(12, 30),
        external_trainer="Bureau Buiten",
        online_url="https://meet.example.test/interactie",
    )
    cancelled = SessionFactory(cohort=cohort, cancelled=True, title="Samenwerken", date=date(2027, 12, 10), sequence=2)
    own_intervision = SessionFactory(
        cohort=cohort, intervision=True, intervision_group=own_group, title="Intervisie Noord", date=date(2027, 10, 1)
    )
    other_intervision = SessionFactory(
        cohort=cohort, intervision=True, intervision_group=other_group, title="Intervisie Zuid", date=date(2027, 10, 1)
    )
    elsewhere = CohortFactory(programme=ProgrammeFactory(owner=running.organisation), name="Andere groep")
    open_session = SessionFactory(
        cohort=elsewhere, open_for_extra=True, title="Zwolse Politieke Antenne", date=date(2027, 9, 17)
    )
    ExtraSeat.objects.create(session=open_session, person=first)
    not_mine = SessionFactory(cohort=elsewhere, title="Alleen voor de andere groep", date=date(2027, 9, 24))
    first_slot = AvailabilitySlotFactory(
        adviser=running.career_adviser,
        cohort=cohort,
        starts_at=datetime(2027, 9, 8, 8, 0, tzinfo=UTC),
        ends_at=datetime(2027, 9, 8, 9, 0, tzinfo=UTC),
        booked_by=first,
        booked_at=datetime(2027, 8, 30, 10, 0, tzinfo=UTC),
        sequence_number=1,
    )
    second_slot = AvailabilitySlotFactory(
        adviser=running.career_adviser,
        cohort=cohort,
        starts_at=datetime(2027, 9, 8, 10, 0, tzinfo=UTC),
        ends_at=datetime(2027, 9, 8, 11, 0, tzinfo=UTC),
        booked_by=second,
        booked_at=datetime(2027, 8, 30, 11, 0, tzinfo=UTC),
        sequence_number=1,
    )
    free_slot = AvailabilitySlotFactory(adviser=running.career_adviser, cohort=cohort)
    return {
        "running": running,
        "first": first,
        "second": second,
        "before_change": before_change,
        "after_change": after_change,
        "cancelled": cancelled,
        "own_intervision": own_intervision,
        "other_intervision": other_intervision,
        "open_session": open_session,
        "not_mine": not_mine,
        "first_slot": first_slot,
        "second_slot": second_slot,
        "free_slot": free_slot,
    }


def test_the_feed_validates_and_holds_exactly_the_persons_own_sessions(client, world):
    # given the first member's calendar link
    token = calendar.calendar_token_create(user=world["first"])

    # when a calendar app fetches it (without logging in)
    response = client.get(feed_url(token))

    # then it is a valid iCalendar with the cohort's sessions, their own group's intervision, the extra-seat
    # session and their own TMA slot, and nothing else
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="groeipad.ics"'
    assert response["Cache-Control"] == "private, max-age=300"
    parsed = parse(response)
    assert str(parsed["PRODID"]) == "-//Groeipad//NL"
    assert str(parsed["VERSION"]) == "2.0"
    assert str(parsed["CALSCALE"]) == "GREGORIAN"
    assert str(parsed["METHOD"]) == "PUBLISH"
    assert str(parsed["X-WR-CALNAME"]) != ""
    assert [timezone.tz_name for timezone in parsed.timezones] == [AMSTERDAM_TZID]
    assert parsed.get_missing_tzids() == set()
    assert set(by_uid(parsed)) == {
        f"session-{world['before_change'].pk}@groeipad",
        f"session-{world['after_change'].pk}@groeipad",
        f"session-{world['cancelled'].pk}@groeipad",
        f"session-{world['own_intervision'].pk}@groeipad",
        f"session-{world['open_session'].pk}@groeipad",
        f"slot-{world['first_slot'].pk}@groeipad",
    }
    # a round trip gives the same calendar
    assert Calendar.from_ical(parsed.to_ical()).to_ical() == parsed.to_ical()


def test_times_are_europe_amsterdam_on_both_sides_of_the_october_clock_change(client, world):
    # given sessions at 09:00 on 23 October 2027 (summer time) and on 6 November 2027 (winter time)
    token = calendar.calendar_token_create(user=world["first"])

    # when the feed is fetched
    response = client.get(feed_url(token))

    # then both start at 09:00 Europe/Amsterdam: 07:00 UTC before the change and 08:00 UTC after it
    events = by_uid(parse(response))
    before = events[f"session-{world['before_change'].pk}@groeipad"]
    after = events[f"session-{world['after_change'].pk}@groeipad"]
    assert before["DTSTART"].params["TZID"] == AMSTERDAM_TZID
    assert after["DTSTART"].params["TZID"] == AMSTERDAM_TZID
    assert before.start.replace(tzinfo=None) == datetime(2027, 10, 23, 9, 0)
    assert after.start.replace(tzinfo=None) == datetime(2027, 11, 6, 9, 0)
    assert before.start.astimezone(UTC) == datetime(2027, 10, 23, 7, 0, tzinfo=UTC)
    assert after.start.astimezone(UTC) == datetime(2027, 11, 6, 8, 0, tzinfo=UTC)
    assert before.end.astimezone(UTC) == datetime(2027, 10, 23, 10, 30, tzinfo=UTC)
    assert after.end.astimezone(UTC) == datetime(2027, 11, 6, 11, 30, tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Amsterdam:20271023T090000" in response.content
    assert b"DTSTART;TZID=Europe/Amsterdam:20271106T090000" in response.content
    # and the TMA slot (stored in UTC) comes out in Amsterdam time too: 08:00 UTC is 10:00 in September
    slot = events[f"slot-{world['first_slot'].pk}@groeipad"]
    assert slot["DTSTART"].params["TZID"] == AMSTERDAM_TZID
    assert slot.start.replace(tzinfo=None) == datetime(2027, 9, 8, 10, 0)


def test_each_event_carries_what_a_calendar_app_needs(client, world, settings):
    settings.SITE_URL, settings.SITE_URL_CONFIGURED = "https://groeipad.example.test", True
    # given the first member's link
    token = calendar.calendar_token_create(user=world["first"])

    # when the feed is fetched
    events = by_uid(parse(client.get(feed_url(token))))

    # then a planned session is CONFIRMED with its place, trainer, link back and revision
    session = world["after_change"]
    event = events[f"session-{session.pk}@groeipad"]
    assert str(event["SUMMARY"]) == "Interactie met je omgeving"
    assert str(event["LOCATION"]) == "Stadhuis Zwolle, zaal 2"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["SEQUENCE"] == 0
    assert str(event["URL"]) == settings.SITE_URL + reverse("sessions:session_detail", args=[session.pk])
    assert "Bureau Buiten" in str(event["DESCRIPTION"])
    assert "https://meet.example.test/interactie" in str(event["DESCRIPTION"])
    assert world["running"].cohort.name in str(event["DESCRIPTION"])
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["LAST-MODIFIED"].dt.utcoffset() == timedelta(0)
    # a cancelled session stays in the feed as CANCELLED, so calendar apps remove it
    cancelled = events[f"session-{world['cancelled'].pk}@groeipad"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["SEQUENCE"] == 2
    # the TMA slot links to the schedule page (it has no page of its own) and names the career adviser
    slot = events[f"slot-{world['first_slot'].pk}@groeipad"]
    assert str(slot["URL"]) == settings.SITE_URL + reverse("sessions:my_schedule")
    assert world["running"].career_adviser.full_name in str(slot["DESCRIPTION"])
    assert str(slot["STATUS"]) == "CONFIRMED"


def test_a_token_shows_only_its_owners_schedule(client, world):
    # given both members have a link
    first_token = calendar.calendar_token_create(user=world["first"])
    second_token = calendar.calendar_token_create(user=world["second"])

    # when the second member's feed is fetched
    response = client.get(feed_url(second_token))

    # then it holds the second member's group and TMA slot, not the first member's private ones
    uids = set(by_uid(parse(response)))
    assert f"session-{world['other_intervision'].pk}@groeipad" in uids
    assert f"slot-{world['second_slot'].pk}@groeipad" in uids
    assert f"slot-{world['first_slot'].pk}@groeipad" not in uids
    assert f"session-{world['own_intervision'].pk}@groeipad" not in uids
    assert f"session-{world['open_session'].pk}@groeipad" not in uids
    # and the first member's feed still is their own
    first_uids = set(by_uid(parse(client.get(feed_url(first_token)))))
    assert f"slot-{world['second_slot'].pk}@groeipad" not in first_uids
    assert f"slot-{world['first_slot'].pk}@groeipad" in first_uids


def test_the_feed_names_no_other_people_than_trainers_and_advisers(client, world):
    # given the first member's feed
    token = calendar.calendar_token_create(user=world["first"])

    # when it is fetched
    content = client.get(feed_url(token)).content.decode()

    # then no other member's name or e-mail address is in it
    for other in world["running"].members[1:]:
        assert other.last_name not in content
        assert other.email not in content
    assert world["first"].email not in content


def test_a_career_advisers_feed_does_not_name_who_booked_the_slot(client, world):
    # given the career adviser's own link; two participants booked a slot with them
    token = calendar.calendar_token_create(user=world["running"].career_adviser)

    # when the adviser's feed is fetched
    response = client.get(feed_url(token))

    # then the booked slots are there (the free one is not), without the participants' names
    uids = set(by_uid(parse(response)))
    assert uids == {f"slot-{world['first_slot'].pk}@groeipad", f"slot-{world['second_slot'].pk}@groeipad"}
    content = response.content.decode()
    assert world["first"].last_name not in content
    assert world["second"].last_name not in content


def test_a_made_up_token_and_a_revoked_token_give_the_same_404(client, world):
    # given a link that was stopped
    token = calendar.calendar_token_create(user=world["first"])
    assert client.get(feed_url(token)).status_code == 200
    calendar.calendar_token_revoke(user=world["first"])

    # when the stopped link and a made-up one are fetched
    revoked = client.get(feed_url(token))
    made_up = client.get(reverse("sessions:feed", args=["verzonnen-token-" + "x" * 30]))

    # then both answer the same 404
    assert revoked.status_code == made_up.status_code == 404
    assert revoked.content == made_up.content
    assert revoked["Content-Type"] == made_up["Content-Type"]


def test_the_token_of_a_deactivated_person_gives_404(client, world):
    # given a live link of a person who then left the organisation
    token = calendar.calendar_token_create(user=world["first"])
    world["first"].is_active = False
    world["first"].save(update_fields=["is_active"])

    # when it is fetched, then it answers 404
    assert client.get(feed_url(token)).status_code == 404


def test_the_token_never_reaches_the_log(client, world, caplog):
    # given a live link and a stopped one
    live = calendar.calendar_token_create(user=world["second"])
    revoked = calendar.calendar_token_create(user=world["first"])
    calendar.calendar_token_revoke(user=world["first"])

    # when they are fetched, and the feed is posted to
    with caplog.at_level(logging.DEBUG):
        assert client.get(feed_url(live)).status_code == 200
        assert client.get(feed_url(revoked)).status_code == 404
        assert client.post(feed_url(live)).status_code == 405

    # then no log line holds a token
    assert live.token not in caplog.text
    assert revoked.token not in caplog.text


def test_the_feed_uses_a_fixed_number_of_queries(client, running, django_assert_num_queries):
    # given a member with a link, a few sessions and a booked TMA slot
    person = running.members[0]
    token = calendar.calendar_token_create(user=person)
    group = IntervisionGroupFactory(cohort=running.cohort)
    group.members.add(person)

    def add_entries(count: int) -> None:
        for index in range(count):
            SessionFactory(
                cohort=running.cohort, date=date(2027, 9, 3) + timedelta(days=index), trainer=running.trainer
            )
            SessionFactory(
                cohort=running.cohort,
                intervision=True,
                intervision_group=group,
                date=date(2027, 9, 3) + timedelta(days=index),
            )
            AvailabilitySlotFactory(
                adviser=running.career_adviser,
                cohort=running.cohort,
                booked_by=person,
                booked_at=datetime(2027, 8, 1, tzinfo=UTC),
            )

    add_entries(2)
    # when the feed is fetched with few entries, then with many
    with django_assert_num_queries(3):
        small = client.get(feed_url(token))
    add_entries(20)
    with django_assert_num_queries(3):
        large = client.get(feed_url(token))

    # then the query count did not grow with the entries
    assert len(parse(small).events) == 6
    assert len(parse(large).events) == 66


def test_the_feed_leaves_out_what_is_more_than_a_year_old(client, running, settings):
    # given a session of two years ago and one of last month
    person = running.members[0]
    token = calendar.calendar_token_create(user=person)
    old = SessionFactory(cohort=running.cohort, date=date.today() - timedelta(days=730))
    recent = SessionFactory(cohort=running.cohort, date=date.today() - timedelta(days=30))

    # when the feed is fetched
    uids = set(by_uid(parse(client.get(feed_url(token)))))

    # then only the recent one is in it
    assert uids == {f"session-{recent.pk}@groeipad"}
    assert f"session-{old.pk}@groeipad" not in uids


def test_an_empty_schedule_is_still_a_valid_calendar(client, db):
    # given a person without any session
    person = UserFactory()
    token = calendar.calendar_token_create(user=person)

    # when the feed is fetched
    response = client.get(feed_url(token))

    # then it is a valid calendar without events
    assert response.status_code == 200
    parsed = parse(response)
    assert parsed.events == []
    assert str(parsed["PRODID"]) == "-//Groeipad//NL"


def test_the_feed_speaks_the_persons_preferred_language(client, running):
    # given a member who prefers English
    person = running.members[0]
    person.preferred_language = "en"
    person.save(update_fields=["preferred_language"])
    token = calendar.calendar_token_create(user=person)
    SessionFactory(cohort=running.cohort, kind=SessionKind.WORK_VISIT, status=Session.Status.PLANNED)

    # when the feed is fetched by a calendar app that asks for Dutch
    response = client.get(feed_url(token), headers={"accept-language": "nl"})

    # then the description uses the English labels
    (event,) = parse(response).events
    assert str(event["DESCRIPTION"]).splitlines()[0] == "Work visit"
