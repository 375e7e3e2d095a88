"""The permission matrix of issue 5: (coach, other coach, participant, other participant, manager, HR, HR of
another organisation) × (list, detail, edit, export) for session logs and notes.

A note is read only by its author and, when shared, by the other side of the match; topics and next steps only
by the two sides. Everyone else gets 404 on the log's pages, or a page of their own without any of the text.
"""

from dataclasses import dataclass

import pytest

from coaching.models import CoachingNote, CoachingSession
from tests.factories import CoachingNoteFactory, CoachingSessionFactory, CoachMatchFactory

TOPIC = "Topic-zeta-481"
NEXT_STEPS = "Next-zeta-482"
COACH_PRIVATE = "Coach-private-zeta-483"
COACH_SHARED = "Coach-shared-zeta-484"
REFLECTION_PRIVATE = "Reflection-private-zeta-485"
REFLECTION_SHARED = "Reflection-shared-zeta-486"
SECRETS = (TOPIC, NEXT_STEPS, COACH_PRIVATE, COACH_SHARED, REFLECTION_PRIVATE, REFLECTION_SHARED)

USERS = ["coach", "other_coach", "participant", "other_participant", "manager", "hr", "other_hr"]

# What each person may read of the session; everyone not listed reads nothing.
READS = {
    "coach": {TOPIC, NEXT_STEPS, COACH_PRIVATE, COACH_SHARED, REFLECTION_SHARED},
    "participant": {TOPIC, NEXT_STEPS, COACH_SHARED, REFLECTION_PRIVATE, REFLECTION_SHARED},
}

NOTES = ["coach_private", "coach_shared", "reflection_private", "reflection_shared"]
AUTHOR_OF = {
    "coach_private": "coach",
    "coach_shared": "coach",
    "reflection_private": "participant",
    "reflection_shared": "participant",
}


@dataclass
class Matrix:
    users: dict
    match: object
    session: CoachingSession
    notes: dict[str, CoachingNote]


@pytest.fixture
def matrix(coaching) -> Matrix:
    coach, participant = coaching.coaches[1], coaching.participants[0]
    match = CoachMatchFactory(coach=coach, participant=participant, cohort=coaching.cohort, confirmed=True)
    session = CoachingSessionFactory(match=match, topics=TOPIC, next_steps=NEXT_STEPS)
    notes = {
        "coach_private": CoachingNoteFactory(session=session, visibility="private", text=COACH_PRIVATE),
        "coach_shared": CoachingNoteFactory(session=session, visibility="shared", text=COACH_SHARED),
        "reflection_private": CoachingNoteFactory(
            session=session, author=participant, visibility="private", text=REFLECTION_PRIVATE
        ),
        "reflection_shared": CoachingNoteFactory(
            session=session, author=participant, visibility="shared", text=REFLECTION_SHARED
        ),
    }
    # The other coach and the other participant have a coaching of their own, with its own log.
    other = CoachMatchFactory(coach=coaching.coaches[0], participant=coaching.participants[1], cohort=coaching.cohort)
    CoachingNoteFactory(session=CoachingSessionFactory(match=other), visibility="shared")
    users = {
        "coach": coach,
        "other_coach": coaching.coaches[0],
        "participant": participant,
        "other_participant": coaching.participants[1],
        "manager": coaching.manager,  # the participant's own manager
        "hr": coaching.hr,
        "other_hr": coaching.other_hr,
    }
    return Matrix(users=users, match=match, session=session, notes=notes)


def _found(*responses) -> set[str]:
    text = "".join(response.content.decode("utf-8-sig") for response in responses if response.status_code == 200)
    return {secret for secret in SECRETS if secret in text}


def _state(matrix: Matrix) -> tuple:
    return (
        list(CoachingSession.objects.filter(pk=matrix.session.pk).values()),
        list(CoachingNote.objects.filter(session=matrix.session).order_by("pk").values()),
    )


@pytest.mark.parametrize("who", USERS)
def test_list(client, matrix, who):
    """The coach's match log, the participant's own page; the manager's and HR's overviews show no text."""
    client.force_login(matrix.users[who])

    match_logs = client.get(f"/coaching/matches/{matrix.match.pk}/logs/")
    my_coaching = client.get("/coaching/my-coaching/")
    overviews = [client.get("/coaching/team/"), client.get(f"/coaching/cohorts/{matrix.match.cohort_id}/activity/")]

    assert match_logs.status_code == (200 if who == "coach" else 404)
    assert my_coaching.status_code == 200
    assert [response.status_code for response in overviews] == [
        200 if who in ("manager", "other_manager") else 404,
        200 if who == "hr" else 404,
    ]
    assert _found(match_logs, my_coaching, *overviews) == READS.get(who, set())


@pytest.mark.parametrize("who", USERS)
def test_detail(client, matrix, who):
    """One session, and each note's own page: for the sides of the match, and a note for its author only."""
    client.force_login(matrix.users[who])

    detail = client.get(f"/coaching/logs/{matrix.session.pk}/")
    note_pages = {name: client.get(f"/coaching/notes/{note.pk}/edit/") for name, note in matrix.notes.items()}

    assert detail.status_code == (200 if who in ("coach", "participant") else 404)
    assert _found(detail) == READS.get(who, set())
    assert {name: page.status_code for name, page in note_pages.items()} == {
        name: 200 if AUTHOR_OF[name] == who else 404 for name in NOTES
    }


@pytest.mark.parametrize("who", USERS)
def test_edit_the_session(client, matrix, who):
    """Only the coach changes the session; for anyone else it answers 404 and nothing changes."""
    client.force_login(matrix.users[who])
    before = _state(matrix)

    page = client.get(f"/coaching/logs/{matrix.session.pk}/edit/")
    response = client.post(
        f"/coaching/logs/{matrix.session.pk}/edit/",
        {"date": "2026-10-01", "duration_minutes": "45", "topics": "Gewijzigd", "next_steps": ""},
    )

    if who == "coach":
        assert (page.status_code, response.status_code) == (200, 302)
        assert _found(page) == {TOPIC, NEXT_STEPS, COACH_PRIVATE, COACH_SHARED}  # own notes, to edit
        assert CoachingSession.objects.get(pk=matrix.session.pk).topics == "Gewijzigd"
    else:
        assert (page.status_code, response.status_code) == (404, 404)
        assert _state(matrix) == before


@pytest.mark.parametrize("note_name", NOTES)
@pytest.mark.parametrize("who", USERS)
def test_edit_or_delete_a_note(client, matrix, who, note_name):
    """Only the author changes or deletes a note, whatever its visibility; anyone else gets 404, nothing changes."""
    note = matrix.notes[note_name]
    client.force_login(matrix.users[who])
    before = _state(matrix)

    changed = client.post(f"/coaching/notes/{note.pk}/edit/", {"text": "Overschreven", "visibility": "shared"})
    after_change = CoachingNote.objects.filter(pk=note.pk).values_list("visibility", "text").first()
    deleted = client.post(f"/coaching/notes/{note.pk}/delete/")

    if AUTHOR_OF[note_name] == who:
        assert (changed.status_code, deleted.status_code) == (302, 302)
        assert after_change == ("shared", "Overschreven")
        assert not CoachingNote.objects.filter(pk=note.pk).exists()
    else:
        assert (changed.status_code, deleted.status_code) == (404, 404)
        assert _state(matrix) == before


@pytest.mark.parametrize("who", USERS)
def test_add_a_note_to_the_session(client, matrix, who):
    """Only the two sides add notes to the session; anyone else gets 404 and nothing is added."""
    client.force_login(matrix.users[who])
    prefix = f"session-{matrix.session.pk}"
    before = _state(matrix)

    response = client.post(
        f"/coaching/logs/{matrix.session.pk}/notes/", {f"{prefix}-text": "Erbij", f"{prefix}-visibility": "private"}
    )

    if who in ("coach", "participant"):
        assert response.status_code == 302
        assert CoachingNote.objects.filter(session=matrix.session, author=matrix.users[who], text="Erbij").exists()
    else:
        assert response.status_code == 404
        assert _state(matrix) == before


@pytest.mark.parametrize("who", USERS)
def test_export(client, matrix, who):
    """The coach's export of the match, each person's own export, HR's counts: each holds only what they may read."""
    client.force_login(matrix.users[who])

    match_export = client.get(f"/coaching/matches/{matrix.match.pk}/logs.csv")
    own_export = client.get("/coaching/my-coaching.csv")
    hr_export = client.get(f"/coaching/cohorts/{matrix.match.cohort_id}/activity.csv")

    assert match_export.status_code == (200 if who == "coach" else 404)
    assert own_export.status_code == 200
    assert hr_export.status_code == (200 if who == "hr" else 404)
    assert _found(match_export, own_export, hr_export) == READS.get(who, set())
    for response in (match_export, own_export, hr_export):
        if response.status_code == 200:
            assert response["Cache-Control"] == "private, no-store"
