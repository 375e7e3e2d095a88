"""Issue 11: every notification event is one `Event` member with its own subject and body, in Dutch and English."""

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.template.utils import get_app_template_dirs
from django.utils import timezone, translation

from accounts.models import Organisation, User
from notifications import services
from notifications.events import Event
from notifications.models import Notification
from participants.models import Enrolment
from programmes.models import Cohort, Programme
from tests.factories import UserFactory

PARTS = ("subject", "body")
LANGUAGES = ("nl", "en")


def template_name(event: Event, part: str) -> str:
    return f"notifications/events/{event.value}/{part}.txt"


def one_of_everything() -> dict:
    """A context with every name any event template reads, built without the database.

    Each sender passes only what its own templates need; one shared context lets every template render
    here with real values (dates, counts for plural forms), which an empty one cannot.
    """
    organisation = Organisation(name="Gemeente Zwolle")
    person = User(first_name="Jan", last_name="Jansen", email="jan@example.org", organisation=organisation)
    coach = User(first_name="Els", last_name="de Vries", email="els@example.org", organisation=organisation)
    cohort = Cohort(
        name="Group 2026",
        programme=Programme(name="Young Staff Track Zwolle"),
        start_date=date(2026, 9, 4),
        start_threshold=12,
    )
    enrolment = Enrolment(
        person=person,
        cohort=cohort,
        approver=coach,
        status=Enrolment.Status.PLACED,
        cost=Decimal("933.33"),
        decision_reason="Agreed with the department head.",
    )
    session = SimpleNamespace(
        title="Kick-off",
        cohort=cohort,
        date=date(2026, 9, 11),
        start_time=time(9, 30),
        end_time=time(12, 0),
        location="Stadhuis",
        online_url="https://meet.example.org/kick-off",
    )
    starts_at = timezone.make_aware(datetime(2026, 9, 11, 9, 30))
    ends_at = timezone.make_aware(datetime(2026, 9, 11, 10, 30))
    host = SimpleNamespace(name="Gemeente Deventer", full_name="Piet Bakker", organisation=organisation)
    round_ = SimpleNamespace(name="Round 1", cohort=cohort, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 15))
    return {
        # participants
        "enrolment": enrolment,
        "cohort": cohort,
        "decide_by": date(2026, 6, 12),
        "position": 3,
        "placed_count": 12,
        "reason": "A reason given by HR.",
        # coaching
        "organisation": organisation.name,
        "invited_by": coach.full_name,
        "profile": SimpleNamespace(organisation=organisation),
        "coach_name": coach.full_name,
        "by": coach,
        "other": coach,
        "for_coach": False,
        "reasons": ["same interests", "another department"],
        "match": SimpleNamespace(participant=person, coach=coach),
        "days": 30,
        "coachee_count": 2,
        "coachee_names": ["Jan Jansen", "Anna Smit"],
        "waiting_count": 2,
        "programme": cohort.programme.name,
        # sessions
        "session": session,
        "previous": {"date": date(2026, 9, 10), "start_time": time(9, 0), "end_time": time(11, 0)},
        "title": session.title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "context_name": cohort.name,
        "location": session.location,
        "online_url": session.online_url,
        "with_whom": coach.full_name,
        "topics": ["Negotiating", "Writing clearly"],
        "winner": SimpleNamespace(title="Negotiating"),
        "slot": SimpleNamespace(adviser_id=None, starts_at=starts_at, ends_at=ends_at, location="Room 2"),
        "person": person,
        "adviser": coach,
        "number": 1,
        # placements
        "round": round_,
        "host": host,
        "assignment": SimpleNamespace(title="Omgevingsplan"),
        "placement": SimpleNamespace(starts_on=round_.starts_on, ends_on=round_.ends_on),
        "supervisor": coach,
        "trainee": person,
        "note": "Please add the working hours.",
        "published": True,
        "swap": SimpleNamespace(starts_on=date(2026, 11, 2), ends_on=date(2026, 11, 13)),
        "move": SimpleNamespace(participant=person, host_offer=SimpleNamespace(own_job="Policy adviser")),
        "size": 2,
        "side": "home",
        "both": True,
        "by_manager": True,
    }


def render(event: Event, part: str, language: str) -> str:
    """As notify renders a message: in the recipient's language, with the recipient and the site's address."""
    context = {**one_of_everything(), "recipient": User(preferred_language=language), "site_url": settings.SITE_URL}
    with translation.override(language):
        return render_to_string(template_name(event, part), context).strip()


@pytest.mark.parametrize("event", list(Event))
def test_every_event_has_a_subject_and_a_body(event):
    for part in PARTS:
        assert get_template(template_name(event, part))


@pytest.mark.parametrize("event", list(Event))
@pytest.mark.parametrize("part", PARTS)
def test_every_event_renders_in_dutch_and_in_english(event, part):
    dutch, english = render(event, part, "nl"), render(event, part, "en")

    assert dutch
    assert english
    assert dutch != english, "the Dutch text is the English one: is the translation missing from locale/nl?"


def test_no_event_template_without_an_event():
    template_dirs = [Path(directory) for directory in settings.TEMPLATES[0]["DIRS"]]
    template_dirs += [Path(directory) for directory in get_app_template_dirs("templates")]
    found = {
        path.name
        for directory in template_dirs
        if (directory / "notifications" / "events").is_dir()
        for path in (directory / "notifications" / "events").iterdir()
    }

    assert found == set(Event.values)


@pytest.mark.django_db
def test_notify_takes_the_value_of_an_event_as_that_event():
    recipient = UserFactory(preferred_language="en")

    notification = services.notify(
        recipient=recipient,
        event="swap_final",
        key="swap-1",
        context=one_of_everything(),
        action_url="/placements/",
    )

    assert notification.event == Event.SWAP_FINAL
    assert notification.subject == "A job swap is final"


@pytest.mark.django_db
def test_notify_refuses_an_unknown_event_and_stores_nothing():
    recipient = UserFactory(preferred_language="en")

    with pytest.raises(ValueError, match="Unknown notification event 'enrolment_aproved'"):
        services.notify(
            recipient=recipient, event="enrolment_aproved", key="enrolment-1", context={}, action_url="/enrolments/"
        )

    assert not Notification.objects.exists()
