"""The role dashboards show what is coming up: a trainer's sessions, a participant's, an adviser's bookings."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AvailabilitySlotFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_the_trainer_the_participant_and_the_career_adviser_each_see_their_next_appointments(english_client, running):
    soon = timezone.localdate() + timedelta(days=2)
    SessionFactory(cohort=running.cohort, title="Persoonlijk leiderschap", date=soon, trainer=running.trainer)
    SessionFactory(cohort=running.cohort, title="Gisteren", date=timezone.localdate() - timedelta(days=1))
    starts = timezone.make_aware(datetime.combine(soon + timedelta(days=1), time(10)))
    AvailabilitySlotFactory(
        cohort=running.cohort,
        adviser=running.career_adviser,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        booked_by=running.members[0],
        sequence_number=1,
    )

    seen = {}
    for person, url_name in [
        (running.trainer, "dashboards:trainer"),
        (running.members[0], "dashboards:employee"),
        (running.career_adviser, "dashboards:career_adviser"),
    ]:
        english_client.force_login(person)
        seen[url_name] = [entry.title for entry in english_client.get(reverse(url_name)).context["upcoming"]]

    assert seen == {
        "dashboards:trainer": ["Persoonlijk leiderschap"],
        "dashboards:employee": ["Persoonlijk leiderschap", "TMA talent-analysis session 1"],
        "dashboards:career_adviser": ["TMA talent-analysis session 1"],
    }
