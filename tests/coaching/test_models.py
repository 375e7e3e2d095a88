"""The coaching schema's own guarantees: one live coach per participant, nobody coaches themselves."""

import pytest
from django.db import IntegrityError, transaction

from coaching.models import CoachMatch
from tests.factories import CoachingNoteFactory, CoachMatchFactory

pytestmark = pytest.mark.django_db


def test_a_participant_has_one_live_coach_at_a_time(coaching):
    participant = coaching.participants[0]
    CoachMatchFactory(coach=coaching.coaches[0], participant=participant)

    with pytest.raises(IntegrityError), transaction.atomic():
        CoachMatchFactory(coach=coaching.coaches[1], participant=participant)

    CoachMatch.objects.filter(participant=participant).update(status=CoachMatch.Status.ENDED)
    CoachMatchFactory(coach=coaching.coaches[1], participant=participant)  # after the first ended: fine


def test_nobody_coaches_themselves(coaching):
    with pytest.raises(IntegrityError), transaction.atomic():
        CoachMatchFactory(coach=coaching.coaches[0], participant=coaching.coaches[0])


def test_a_note_never_shows_its_text_when_printed(coaching):
    note = CoachingNoteFactory(text="Vertrouwelijk: conflict met collega")

    assert "Vertrouwelijk" not in str(note)
