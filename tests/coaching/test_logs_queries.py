"""The log pages keep a constant number of queries as logs grow: measured at a small and a large size."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coaching.models import CoachMatch
from tests.factories import (
    CoachingNoteFactory,
    CoachingSessionFactory,
    CoachMatchFactory,
    EnrolmentFactory,
    UserFactory,
)

# Each page's query budget, the same at both sizes. Every page pays 5 for the request itself: the login
# session, the user, and the navigation (roles, has reports) and unread count of base.html.
COACHEES_QUERIES = 6  # + the matches with their counts in one query
MATCH_LOGS_QUERIES = 10  # + match, count, the page of sessions, their visible notes, one audit insert
MY_COACHING_QUERIES = 10  # + matches, their sessions, the visible notes, one audit insert, whether in a group
COHORT_ACTIVITY_QUERIES = 11  # + HR's organisations, cohort (+ its cost items), members, matches, activity
TEAM_QUERIES = 9  # + matches of the staff, their activity, the staff, and the manager's approvals badge


def _log(match, *, sessions: int, notes_per_session: int) -> None:
    today = timezone.localdate()
    for day in range(sessions):
        session = CoachingSessionFactory(match=match, date=today - timedelta(days=day + 1))
        for index in range(notes_per_session):
            author = match.coach if index % 2 == 0 else match.participant
            CoachingNoteFactory(session=session, author=author, visibility="private" if index < 2 else "shared")


def _coachees(coaching, count: int) -> list[CoachMatch]:
    coach = coaching.coaches[1]
    matches = []
    for index in range(count):
        participant = coaching.participants[index] if index < 6 else UserFactory(organisation=coaching.organisation)
        status = CoachMatch.Status.ENDED if index % 4 == 3 else CoachMatch.Status.CONFIRMED
        matches.append(CoachMatchFactory(coach=coach, participant=participant, cohort=coaching.cohort, status=status))
    return matches


@pytest.mark.parametrize(("coachees", "sessions"), [(1, 1), (8, 6)], ids=["small", "large"])
def test_the_coachees_page_has_a_constant_number_of_queries(
    client, coaching, django_assert_max_num_queries, coachees, sessions
):
    for match in _coachees(coaching, coachees):
        _log(match, sessions=sessions, notes_per_session=2)
    client.force_login(coaching.coaches[1])

    with django_assert_max_num_queries(COACHEES_QUERIES):
        response = client.get("/coaching/coachees/")

    assert response.status_code == 200
    assert len(response.context["live"]) + len(response.context["ended"]) == coachees


@pytest.mark.parametrize(("sessions", "notes"), [(2, 1), (25, 4)], ids=["small", "large"])
def test_the_match_log_has_a_constant_number_of_queries(
    client, coaching, django_assert_max_num_queries, sessions, notes
):
    match = _coachees(coaching, 1)[0]
    _log(match, sessions=sessions, notes_per_session=notes)
    client.force_login(match.coach)

    with django_assert_max_num_queries(MATCH_LOGS_QUERIES):
        response = client.get(f"/coaching/matches/{match.pk}/logs/")

    assert response.status_code == 200
    assert len(response.context["sessions"]) == min(sessions, 10)


@pytest.mark.parametrize(("matches", "sessions"), [(1, 1), (3, 8)], ids=["small", "large"])
def test_the_participants_page_has_a_constant_number_of_queries(
    client, coaching, django_assert_max_num_queries, matches, sessions
):
    participant = coaching.participants[0]
    for index in range(matches):
        status = CoachMatch.Status.CONFIRMED if index == 0 else CoachMatch.Status.ENDED
        match = CoachMatchFactory(coach=coaching.coaches[index % 3], participant=participant, status=status)
        _log(match, sessions=sessions, notes_per_session=4)
    client.force_login(participant)

    with django_assert_max_num_queries(MY_COACHING_QUERIES):
        response = client.get("/coaching/my-coaching/")

    assert response.status_code == 200
    assert len(response.context["matches"]) == matches


@pytest.mark.parametrize(("extra_members", "sessions"), [(0, 1), (10, 5)], ids=["small", "large"])
def test_the_hr_activity_page_has_a_constant_number_of_queries(
    client, coaching, django_assert_max_num_queries, extra_members, sessions
):
    members = list(coaching.participants)
    for _ in range(extra_members):
        person = UserFactory(organisation=coaching.organisation, department=coaching.departments[0])
        EnrolmentFactory(cohort=coaching.cohort, person=person, status="active")
        members.append(person)
    for index, person in enumerate(members[: len(members) // 2]):
        match = CoachMatchFactory(coach=coaching.coaches[index % 3], participant=person, cohort=coaching.cohort)
        _log(match, sessions=sessions, notes_per_session=1)
    client.force_login(coaching.hr)

    with django_assert_max_num_queries(COHORT_ACTIVITY_QUERIES):
        response = client.get(f"/coaching/cohorts/{coaching.cohort.pk}/activity/")

    assert response.status_code == 200
    assert len(response.context["rows"]) == len(members)


@pytest.mark.parametrize(("staff", "sessions"), [(1, 1), (9, 4)], ids=["small", "large"])
def test_the_managers_team_page_has_a_constant_number_of_queries(
    client, coaching, django_assert_max_num_queries, staff, sessions
):
    people = [coaching.participants[0]] + [
        UserFactory(organisation=coaching.organisation, manager=coaching.manager) for _ in range(staff - 1)
    ]
    for index, person in enumerate(people):
        match = CoachMatchFactory(coach=coaching.coaches[index % 3], participant=person)
        _log(match, sessions=sessions, notes_per_session=1)
    client.force_login(coaching.manager)

    with django_assert_max_num_queries(TEAM_QUERIES):
        response = client.get("/coaching/team/")

    assert response.status_code == 200
    assert len(response.context["rows"]) == staff
