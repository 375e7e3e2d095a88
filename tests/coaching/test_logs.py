"""Session logs: the coach logs sessions with private and shared notes, the participant reflects, HR and the
manager see counts only; refused changes change nothing; every read and change is in the audit trail."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from accounts.models import User
from audit.models import AuditEvent
from coaching import logs
from coaching.models import CoachingNote, CoachingSession, CoachMatch
from programmes.models import Cohort
from tests.factories import CoachingNoteFactory, CoachingSessionFactory, CoachMatchFactory

PRIVATE, SHARED = CoachingNote.Visibility.PRIVATE, CoachingNote.Visibility.SHARED


@dataclass
class Logs:
    match: CoachMatch
    coach: User
    participant: User
    other_coach: User


@pytest.fixture
def world(coaching) -> Logs:
    match = CoachMatchFactory(
        coach=coaching.coaches[1], participant=coaching.participants[0], cohort=coaching.cohort, confirmed=True
    )
    return Logs(match=match, coach=match.coach, participant=match.participant, other_coach=coaching.coaches[0])


def _today() -> date:
    return timezone.localdate()


def _log_form(**overrides) -> dict:
    data = {
        "date": (_today() - timedelta(days=2)).isoformat(),
        "duration_minutes": "75",
        "topics": "Feedback geven aan collega's",
        "next_steps": "Oefenen in het teamoverleg",
        "private_note": "Lijkt onzeker over de nieuwe rol",
        "shared_note": "Mooi dat je het gesprek aanging",
    }
    return {**data, **overrides}


def _snapshot() -> tuple:
    return (
        list(CoachingSession.objects.order_by("pk").values()),
        list(CoachingNote.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


# --- the coach logs a session ------------------------------------------------------------------------------


def test_the_coach_logs_a_session_with_a_private_and_a_shared_note(english_client, world):
    english_client.force_login(world.coach)

    response = english_client.post(f"/coaching/matches/{world.match.pk}/logs/new/", _log_form())

    assert response.status_code == 302
    assert response["Location"] == f"/coaching/matches/{world.match.pk}/logs/"
    session = CoachingSession.objects.get(match=world.match)
    assert (session.date, session.duration_minutes) == (_today() - timedelta(days=2), 75)
    assert (session.topics, session.next_steps) == ("Feedback geven aan collega's", "Oefenen in het teamoverleg")
    notes = list(session.notes.order_by("visibility").values_list("author_id", "visibility", "text"))
    assert notes == [
        (world.coach.pk, PRIVATE, "Lijkt onzeker over de nieuwe rol"),
        (world.coach.pk, SHARED, "Mooi dat je het gesprek aanging"),
    ]
    events = AuditEvent.objects.filter(action=AuditEvent.Action.CREATED)
    assert sorted((event.target_type, event.actor_id, event.subject_id) for event in events) == [
        ("coaching.coachingnote", world.coach.pk, world.participant.pk),
        ("coaching.coachingnote", world.coach.pk, world.participant.pk),
        ("coaching.coachingsession", world.coach.pk, world.participant.pk),
    ]


def test_both_notes_are_optional(world):
    session = logs.coaching_session_log(
        match=world.match, coach=world.coach, date=_today(), duration_minutes=30, topics="", next_steps=""
    )

    assert session.notes.count() == 0
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATED).count() == 1


def test_the_log_form_page_shows_the_fields(english_client, world):
    english_client.force_login(world.coach)

    response = english_client.get(f"/coaching/matches/{world.match.pk}/logs/new/")

    content = response.content.decode()
    assert response.status_code == 200
    for label in ("Date", "Duration (minutes)", "Topics", "Agreed next steps", "Private note"):
        assert label in content
    assert "Note shared with the participant" in content
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("days_ago", "duration", "field", "message"),
    [
        (-1, 60, "date", "A session cannot be logged before it took place: choose today or an earlier date."),
        (0, 4, "duration_minutes", "The duration must be between 5 and 480 minutes."),
        (0, 481, "duration_minutes", "The duration must be between 5 and 480 minutes."),
    ],
    ids=["future", "too-short", "too-long"],
)
def test_a_session_in_the_future_or_of_a_strange_length_is_refused_and_nothing_is_written(
    world, days_ago, duration, field, message
):
    before = _snapshot()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        logs.coaching_session_log(
            match=world.match,
            coach=world.coach,
            date=_today() - timedelta(days=days_ago),
            duration_minutes=duration,
            topics="t",
            next_steps="n",
            private_note="geheim",
            shared_note="gedeeld",
        )

    assert refused.value.message_dict == {field: [message]}
    assert _snapshot() == before


def test_the_page_refuses_a_future_date_with_a_message_and_writes_nothing(english_client, world):
    english_client.force_login(world.coach)
    before = _snapshot()

    response = english_client.post(
        f"/coaching/matches/{world.match.pk}/logs/new/",
        _log_form(date=(_today() + timedelta(days=1)).isoformat()),
    )

    assert response.status_code == 200
    assert "A session cannot be logged before it took place" in response.content.decode()
    assert _snapshot() == before


def test_logging_continues_after_the_cohort_has_completed(coaching, world):
    Cohort.objects.filter(pk=coaching.cohort.pk).update(
        status=Cohort.Status.COMPLETED,
        start_date=_today() - timedelta(days=240),
        end_date=_today() - timedelta(days=60),
    )

    session = logs.coaching_session_log(
        match=world.match,
        coach=world.coach,
        date=_today() - timedelta(days=1),
        duration_minutes=60,
        topics="Na het traject",
        next_steps="",
        shared_note="We gaan door",
    )

    assert session.match.cohort.status == Cohort.Status.COMPLETED
    assert list(session.notes.values_list("visibility", "text")) == [(SHARED, "We gaan door")]


def test_logging_for_an_ended_match_is_refused_with_a_clear_message(english_client, world):
    CoachMatch.objects.filter(pk=world.match.pk).update(status=CoachMatch.Status.ENDED)
    english_client.force_login(world.coach)
    before = _snapshot()

    page = english_client.get(f"/coaching/matches/{world.match.pk}/logs/new/")
    response = english_client.post(f"/coaching/matches/{world.match.pk}/logs/new/", _log_form())

    assert "Ask HR for a new match if you continue coaching this person." in page.content.decode()
    assert response.status_code == 200
    assert "This coaching has ended: its log can no longer be added to or changed." in response.content.decode()
    assert _snapshot() == before


def test_another_coach_cannot_log_a_session_for_the_match(client, world):
    client.force_login(world.other_coach)
    before = _snapshot()

    response = client.post(f"/coaching/matches/{world.match.pk}/logs/new/", _log_form())

    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        logs.coaching_session_log(
            match=world.match, coach=world.other_coach, date=_today(), duration_minutes=60, topics="", next_steps=""
        )
    assert _snapshot() == before


def test_the_participant_cannot_log_a_session(client, world):
    client.force_login(world.participant)
    before = _snapshot()

    response = client.post(f"/coaching/matches/{world.match.pk}/logs/new/", _log_form())

    assert response.status_code == 404
    assert _snapshot() == before


# --- the coach changes a session and their notes -----------------------------------------------------------


def test_the_coach_changes_a_session(english_client, world):
    session = CoachingSessionFactory(match=world.match, date=_today() - timedelta(days=10))
    english_client.force_login(world.coach)

    response = english_client.post(
        f"/coaching/logs/{session.pk}/edit/",
        {
            "date": (_today() - timedelta(days=9)).isoformat(),
            "duration_minutes": "90",
            "topics": "A",
            "next_steps": "B",
        },
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.date, session.duration_minutes, session.topics, session.next_steps) == (
        _today() - timedelta(days=9),
        90,
        "A",
        "B",
    )
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATED, target_type="coaching.coachingsession", target_id=session.pk
    ).exists()


def test_a_change_to_an_ended_match_is_refused_and_changes_nothing(world):
    session = CoachingSessionFactory(match=world.match, date=_today() - timedelta(days=10))
    note = CoachingNoteFactory(session=session, text="Oud")
    CoachMatch.objects.filter(pk=world.match.pk).update(status=CoachMatch.Status.ENDED)
    before = _snapshot()

    with pytest.raises(ValidationError):
        logs.coaching_session_update(
            session=session, by=world.coach, date=_today(), duration_minutes=60, topics="Nieuw", next_steps=""
        )
    with pytest.raises(ValidationError):
        logs.coaching_note_save(session=session, author=world.coach, visibility=SHARED, text="Nieuw", note=note)
    with pytest.raises(ValidationError):
        logs.coaching_reflection_save(session=session, participant=world.participant, visibility=SHARED, text="R")

    assert _snapshot() == before


def test_the_author_may_still_delete_their_note_after_the_match_ended(world):
    session = CoachingSessionFactory(match=world.match, date=_today() - timedelta(days=10))
    note = CoachingNoteFactory(session=session, text="Oud")
    CoachMatch.objects.filter(pk=world.match.pk).update(status=CoachMatch.Status.ENDED)

    logs.coaching_note_delete(note=note, by=world.coach)

    assert not CoachingNote.objects.filter(pk=note.pk).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.DELETED, target_type="coaching.coachingnote", target_id=note.pk
    ).exists()


def test_the_coach_adds_a_note_changes_its_visibility_and_deletes_it(english_client, world):
    session = CoachingSessionFactory(match=world.match, date=_today() - timedelta(days=3))
    english_client.force_login(world.coach)
    prefix = f"session-{session.pk}"

    added = english_client.post(
        f"/coaching/logs/{session.pk}/notes/", {f"{prefix}-text": "Eerste indruk", f"{prefix}-visibility": "private"}
    )
    note = CoachingNote.objects.get(session=session)
    changed = english_client.post(f"/coaching/notes/{note.pk}/edit/", {"text": "Tweede indruk", "visibility": "shared"})
    note.refresh_from_db()
    after_change = (note.author_id, note.visibility, note.text)
    deleted = english_client.post(f"/coaching/notes/{note.pk}/delete/")

    assert [added.status_code, changed.status_code, deleted.status_code] == [302, 302, 302]
    assert added["Location"] == f"/coaching/logs/{session.pk}/edit/"
    assert after_change == (world.coach.pk, SHARED, "Tweede indruk")
    assert not CoachingNote.objects.filter(pk=note.pk).exists()
    actions = list(
        AuditEvent.objects.filter(target_type="coaching.coachingnote", target_id=note.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [AuditEvent.Action.CREATED, AuditEvent.Action.UPDATED, AuditEvent.Action.DELETED]


def test_an_empty_note_is_refused(world):
    session = CoachingSessionFactory(match=world.match)
    before = _snapshot()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        logs.coaching_note_save(session=session, author=world.coach, visibility=PRIVATE, text="   ")

    assert refused.value.message_dict == {"text": ["Write something, or delete the note."]}
    assert _snapshot() == before


def test_nobody_changes_or_deletes_someone_elses_note(world):
    session = CoachingSessionFactory(match=world.match)
    reflection = CoachingNoteFactory(session=session, author=world.participant, visibility=SHARED, text="Mijn kijk")
    before = _snapshot()

    with pytest.raises(PermissionDenied):
        logs.coaching_note_save(session=session, author=world.coach, visibility=PRIVATE, text="x", note=reflection)
    with pytest.raises(PermissionDenied):
        logs.coaching_note_delete(note=reflection, by=world.coach)
    with pytest.raises(PermissionDenied):
        logs.coaching_note_save(session=session, author=world.other_coach, visibility=SHARED, text="x")

    assert _snapshot() == before


# --- the participant ---------------------------------------------------------------------------------------


def test_the_participant_sees_the_shared_note_and_never_the_private_one(english_client, world):
    session = CoachingSessionFactory(match=world.match, topics="Timemanagement", next_steps="Agenda opschonen")
    CoachingNoteFactory(session=session, visibility=PRIVATE, text="Alleen voor de coach")
    CoachingNoteFactory(session=session, visibility=SHARED, text="Goed bezig met plannen")
    english_client.force_login(world.participant)

    response = english_client.get("/coaching/my-coaching/")

    content = response.content.decode()
    assert response.status_code == 200
    assert world.coach.full_name in content
    assert "Timemanagement" in content and "Agenda opschonen" in content
    assert "Shared by your coach" in content and "Goed bezig met plannen" in content
    assert "Alleen voor de coach" not in content
    assert response["Cache-Control"] == "private, no-store"


def test_the_participant_adds_a_shared_reflection_that_the_coach_reads(english_client, world):
    session = CoachingSessionFactory(match=world.match)
    english_client.force_login(world.participant)
    prefix = f"session-{session.pk}"

    response = english_client.post(
        f"/coaching/logs/{session.pk}/notes/",
        {f"{prefix}-text": "Ik merk dat ik vaker nee zeg", f"{prefix}-visibility": "shared"},
    )
    english_client.force_login(world.coach)
    coach_page = english_client.get(f"/coaching/matches/{world.match.pk}/logs/")

    assert response.status_code == 302
    assert response["Location"] == f"/coaching/my-coaching/#session-{session.pk}"
    assert list(session.notes.values_list("author_id", "visibility", "text")) == [
        (world.participant.pk, SHARED, "Ik merk dat ik vaker nee zeg")
    ]
    assert "Ik merk dat ik vaker nee zeg" in coach_page.content.decode()


def test_a_private_reflection_stays_with_the_participant(english_client, world):
    session = CoachingSessionFactory(match=world.match)
    logs.coaching_reflection_save(
        session=session, participant=world.participant, visibility=PRIVATE, text="Twijfel over mijn keuze"
    )
    english_client.force_login(world.coach)

    pages = [
        english_client.get(f"/coaching/matches/{world.match.pk}/logs/"),
        english_client.get(f"/coaching/logs/{session.pk}/"),
        english_client.get(f"/coaching/logs/{session.pk}/edit/"),
        english_client.get(f"/coaching/matches/{world.match.pk}/logs.csv"),
    ]

    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    assert all("Twijfel over mijn keuze" not in page.content.decode("utf-8-sig") for page in pages)


def test_the_coach_cannot_write_a_reflection_as_the_participant(world):
    session = CoachingSessionFactory(match=world.match)
    before = _snapshot()

    with pytest.raises(PermissionDenied):
        logs.coaching_reflection_save(session=session, participant=world.coach, visibility=SHARED, text="x")

    assert _snapshot() == before


# --- the coach's pages -------------------------------------------------------------------------------------


def test_the_coachees_page_shows_counts_and_minutes_this_month(english_client, coaching, world):
    today = _today()
    CoachingSessionFactory(match=world.match, date=today, duration_minutes=60)
    CoachingSessionFactory(match=world.match, date=today.replace(day=1), duration_minutes=45)
    CoachingSessionFactory(match=world.match, date=today.replace(day=1) - timedelta(days=1), duration_minutes=90)
    ended = CoachMatchFactory(coach=world.coach, participant=coaching.participants[3], status=CoachMatch.Status.ENDED)

    matches = list(logs.coachees_for_coach(coach=world.coach))
    english_client.force_login(world.coach)
    response = english_client.get("/coaching/coachees/")

    assert [(m.pk, m.session_count, m.last_session, m.minutes_this_month) for m in matches] == [
        (world.match.pk, 3, today, 105),
        (ended.pk, 0, None, None),
    ]
    content = response.content.decode()
    assert response.status_code == 200
    assert world.participant.full_name in content and coaching.participants[3].full_name in content
    assert "Earlier coachees" in content
    assert world.participant.department.name in content


def test_the_match_log_is_newest_first_and_paginated(english_client, world):
    sessions = [
        CoachingSessionFactory(match=world.match, date=_today() - timedelta(days=day), topics=f"Onderwerp {day}")
        for day in range(1, 13)
    ]
    english_client.force_login(world.coach)

    first = english_client.get(f"/coaching/matches/{world.match.pk}/logs/")
    second = english_client.get(f"/coaching/matches/{world.match.pk}/logs/", {"page": 2})

    assert [session.pk for session in first.context["sessions"]] == [session.pk for session in sessions[:10]]
    assert [session.pk for session in second.context["sessions"]] == [session.pk for session in sessions[10:]]
    viewed = AuditEvent.objects.filter(action=AuditEvent.Action.VIEWED, target_type="coaching.coachingsession")
    assert viewed.count() == 12
    assert set(viewed.values_list("actor_id", "subject_id")) == {(world.coach.pk, world.participant.pk)}


# --- exports -----------------------------------------------------------------------------------------------


def test_the_coachs_export_is_for_dutch_excel_and_guards_against_formulas(english_client, world):
    session = CoachingSessionFactory(match=world.match, date=date(2026, 9, 1), topics="=HYPERLINK(1)", next_steps="")
    CoachingNoteFactory(session=session, visibility=PRIVATE, text="+privé")
    english_client.force_login(world.coach)

    response = english_client.get(f"/coaching/matches/{world.match.pk}/logs.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    lines = raw.lstrip("\ufeff").split("\r\n")
    assert lines[0] == "Coach;Participant;Date;Duration (minutes);Topics;Agreed next steps;Note by;Note"
    assert lines[1] == (
        f"{world.coach.full_name};{world.participant.full_name};2026-09-01;60;'=HYPERLINK(1);;Coach, private;'+privé"
    )
    assert list(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).values_list("target_id", flat=True)) == [
        session.pk
    ]


def test_the_participants_export_holds_what_they_may_read(english_client, world):
    session = CoachingSessionFactory(match=world.match, date=date(2026, 9, 1), topics="Rol", next_steps="Plan")
    CoachingNoteFactory(session=session, visibility=PRIVATE, text="coach-privé")
    CoachingNoteFactory(session=session, visibility=SHARED, text="coach-gedeeld")
    CoachingNoteFactory(session=session, author=world.participant, visibility=PRIVATE, text="eigen-reflectie")
    english_client.force_login(world.participant)

    response = english_client.get("/coaching/my-coaching.csv")

    lines = response.content.decode("utf-8").lstrip("\ufeff").split("\r\n")
    common = f"{world.coach.full_name};{world.participant.full_name};2026-09-01;60;Rol;Plan"
    assert lines[1:] == [
        f"{common};Coach, shared;coach-gedeeld",
        f"{common};Participant, private;eigen-reflectie",
        "",
    ]


# --- HR and the manager: counts, never text ----------------------------------------------------------------


def _secret_session(world) -> CoachingSession:
    session = CoachingSessionFactory(
        match=world.match, date=date(2026, 10, 6), duration_minutes=50, topics="Geheim-onderwerp", next_steps="Stap-x"
    )
    CoachingNoteFactory(session=session, visibility=SHARED, text="Gedeelde-tekst")
    CoachingNoteFactory(session=session, author=world.participant, visibility=SHARED, text="Reflectie-tekst")
    CoachingSessionFactory(match=world.match, date=date(2026, 11, 3), duration_minutes=40, topics="Geheim-2")
    return session


SECRETS = ("Geheim-onderwerp", "Stap-x", "Gedeelde-tekst", "Reflectie-tekst", "Geheim-2")


def test_hr_sees_per_participant_that_coaching_takes_place_and_not_what_was_said(english_client, coaching, world):
    _secret_session(world)
    english_client.force_login(coaching.hr)

    rows = logs.cohort_coaching_activity(cohort=coaching.cohort)
    response = english_client.get(f"/coaching/cohorts/{coaching.cohort.pk}/activity/")
    export = english_client.get(f"/coaching/cohorts/{coaching.cohort.pk}/activity.csv")

    by_person = {row["person"].pk: row for row in rows}
    assert len(rows) == 6
    assert (by_person[world.participant.pk]["match"], by_person[world.participant.pk]["count"]) == (world.match, 2)
    assert (by_person[world.participant.pk]["minutes"], by_person[world.participant.pk]["last"]) == (
        90,
        date(2026, 11, 3),
    )
    assert [row["match"] for row in rows if row["person"].pk != world.participant.pk] == [None] * 5
    content = response.content.decode()
    assert response.status_code == 200
    assert world.coach.full_name in content and "3 November 2026" in content
    csv_lines = export.content.decode("utf-8").lstrip("\ufeff").split("\r\n")
    assert (
        f"{world.participant.full_name};{world.participant.department.name};{world.coach.full_name};"
        "Confirmed by both;2;90;2026-11-03" in csv_lines
    )
    for secret in SECRETS:
        assert secret not in content
        assert secret not in export.content.decode("utf-8")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED, target_type="programmes.cohort").count() == 1


def test_hr_of_another_organisation_does_not_find_the_cohort_activity(client, coaching, world):
    client.force_login(coaching.other_hr)

    responses = [
        client.get(f"/coaching/cohorts/{coaching.cohort.pk}/activity/"),
        client.get(f"/coaching/cohorts/{coaching.cohort.pk}/activity.csv"),
    ]

    assert [response.status_code for response in responses] == [404, 404]


def test_the_manager_sees_their_staffs_coaching_counts_and_not_the_text(english_client, coaching, world):
    _secret_session(world)
    english_client.force_login(coaching.manager)

    response = english_client.get("/coaching/team/")

    content = response.content.decode()
    assert response.status_code == 200
    assert world.participant.full_name in content
    assert world.coach.full_name in content
    assert response.context["rows"][0]["coaching"]["count"] == 2
    assert "3 November 2026" in content
    for secret in SECRETS:
        assert secret not in content


def test_the_team_page_is_for_managers_only(client, coaching, world):
    client.force_login(world.participant)

    assert client.get("/coaching/team/").status_code == 404


# --- the audit trail ---------------------------------------------------------------------------------------


def test_reading_and_changing_logs_is_audited_without_any_content(english_client, world):
    english_client.force_login(world.coach)
    english_client.post(
        f"/coaching/matches/{world.match.pk}/logs/new/",
        _log_form(topics="Audit-onderwerp", next_steps="Audit-stap", private_note="Audit-p", shared_note="Audit-g"),
    )
    session = CoachingSession.objects.get(match=world.match)
    english_client.get(f"/coaching/matches/{world.match.pk}/logs/")
    english_client.get(f"/coaching/matches/{world.match.pk}/logs.csv")
    english_client.post(
        f"/coaching/logs/{session.pk}/edit/",
        {"date": session.date.isoformat(), "duration_minutes": "60", "topics": "Audit-2", "next_steps": "Audit-3"},
    )
    english_client.force_login(world.participant)
    english_client.get("/coaching/my-coaching/")
    english_client.post(
        f"/coaching/logs/{session.pk}/notes/",
        {f"session-{session.pk}-text": "Audit-reflectie", f"session-{session.pk}-visibility": "shared"},
    )
    english_client.get("/coaching/my-coaching.csv")

    events = list(AuditEvent.objects.order_by("pk"))
    assert [(event.action, event.target_type, event.actor_id) for event in events] == [
        ("created", "coaching.coachingsession", world.coach.pk),
        ("created", "coaching.coachingnote", world.coach.pk),
        ("created", "coaching.coachingnote", world.coach.pk),
        ("viewed", "coaching.coachingsession", world.coach.pk),
        ("exported", "coaching.coachingsession", world.coach.pk),
        ("updated", "coaching.coachingsession", world.coach.pk),
        ("viewed", "coaching.coachingsession", world.participant.pk),
        ("created", "coaching.coachingnote", world.participant.pk),
        ("exported", "coaching.coachingsession", world.participant.pk),
    ]
    assert {event.subject_id for event in events} == {world.participant.pk}
    stored = [str(value) for event in AuditEvent.objects.values() for value in event.values()]
    for content in ("Audit", "onderwerp", "reflectie"):
        assert not any(content in value for value in stored)


def test_note_text_stays_out_of_the_logs(world, caplog):
    with caplog.at_level("DEBUG"):
        session = logs.coaching_session_log(
            match=world.match,
            coach=world.coach,
            date=_today(),
            duration_minutes=60,
            topics="Log-onderwerp",
            next_steps="Log-stap",
            private_note="Log-privé",
        )
        note = session.notes.get()

    assert str(note) == f"note {note.pk}"
    assert "Log-" not in caplog.text
