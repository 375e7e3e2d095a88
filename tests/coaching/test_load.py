"""Coach load per month (exact hours, flags) and its HR page; the two daily reminders, each sent once."""

from datetime import UTC, date, datetime

import pytest

from coaching.load import coach_load, coach_reminders_send, participants_without_coach_reminders_send
from coaching.models import CoachMatch, CoachProfile
from notifications.models import Notification
from participants.models import Enrolment
from programmes.models import Cohort
from tests.factories import (
    CoachingSessionFactory,
    CoachMatchFactory,
    CoachProfileFactory,
    CohortFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    UserFactory,
)

LOAD = "/coaching/load/"


def _match(coach, participant, *, published: date, **kwargs) -> CoachMatch:
    match = CoachMatchFactory(coach=coach, participant=participant, **kwargs)
    CoachMatch.objects.filter(pk=match.pk).update(
        published_at=datetime(published.year, published.month, published.day, 9, tzinfo=UTC)
    )
    match.refresh_from_db()
    return match


def _sessions(match, *dates_and_minutes):
    for day, minutes in dates_and_minutes:
        CoachingSessionFactory(match=match, date=day, duration_minutes=minutes)


@pytest.fixture
def logged(coaching):
    """Sessions around October 2026 for the three coaches of the Zwolle pool."""
    first, second, third = coaching.coaches
    anna, bram, carla, daan = coaching.participants[:4]
    first_a = _match(first, anna, published=date(2026, 9, 1), confirmed=True)
    first_b = _match(first, bram, published=date(2026, 9, 1))
    _sessions(
        first_a, (date(2026, 9, 30), 60), (date(2026, 10, 1), 90), (date(2026, 10, 31), 60), (date(2026, 11, 1), 120)
    )
    _sessions(first_b, (date(2026, 10, 15), 45))
    second_a = _match(second, carla, published=date(2026, 9, 1))
    _sessions(second_a, (date(2026, 10, 2), 150), (date(2026, 10, 20), 150))
    _match(third, daan, published=date(2026, 9, 1))  # never a session
    return coaching


def _by_coach(rows) -> dict:
    return {row["coach"]: row for row in rows}


# --- the numbers --------------------------------------------------------------------------------------------


def test_hours_count_in_the_month_of_the_session_date_exactly(logged):
    first, second, third = logged.coaches

    rows = _by_coach(
        coach_load(organisation_ids={logged.organisation.pk}, month=date(2026, 10, 1), today=date(2026, 11, 25))
    )

    assert [str(rows[coach]["hours"]) for coach in logged.coaches] == ["3.25", "5.00", "0.00"]
    assert [rows[coach]["minutes"] for coach in logged.coaches] == [195, 300, 0]
    assert [rows[coach]["last_session"] for coach in logged.coaches] == [date(2026, 10, 31), date(2026, 10, 20), None]
    assert [(rows[coach]["live"], rows[coach]["max_coachees"]) for coach in logged.coaches] == [(2, 3), (1, 3), (1, 3)]
    assert [rows[coach]["over_norm"] for coach in logged.coaches] == [False, True, False]
    # Up to 31 October: the third coach has had a coachee for two months without any session.
    assert [rows[coach]["no_recent_log"] for coach in logged.coaches] == [False, False, True]
    assert [rows[coach]["overdue_coachees"] for coach in logged.coaches] == [0, 0, 1]


def test_the_running_month_counts_up_to_today_and_flags_a_coachee_not_seen_for_a_month(logged):
    first, second, third = logged.coaches

    rows = _by_coach(
        coach_load(organisation_ids={logged.organisation.pk}, month=date(2026, 11, 1), today=date(2026, 11, 25))
    )

    assert [str(rows[coach]["hours"]) for coach in logged.coaches] == ["2.00", "0.00", "0.00"]
    assert rows[first]["last_session"] == date(2026, 11, 1)
    # Bram's last session was 15 October: 41 days before today.
    assert (rows[first]["overdue_coachees"], rows[first]["no_recent_log"]) == (1, True)
    assert rows[second]["no_recent_log"] is True  # 20 October is 36 days ago
    assert rows[third]["no_recent_log"] is True


def test_an_ended_match_counts_its_hours_but_not_as_a_coachee(logged):
    first = logged.coaches[0]
    ended = _match(first, logged.participants[4], published=date(2026, 9, 1), status=CoachMatch.Status.ENDED)
    _sessions(ended, (date(2026, 10, 5), 30))

    row = _by_coach(
        coach_load(organisation_ids={logged.organisation.pk}, month=date(2026, 10, 1), today=date(2026, 11, 25))
    )[first]

    assert (str(row["hours"]), row["live"]) == ("3.75", 2)


def test_only_approved_and_paused_coaches_of_the_chosen_organisations_are_listed(logged):
    CoachProfile.objects.filter(user=logged.coaches[2]).update(status=CoachProfile.Status.PAUSED)
    CoachProfileFactory(user=UserFactory(organisation=logged.organisation), volunteered=True)
    CoachProfileFactory(user=UserFactory(organisation=logged.other_hr.organisation))

    rows = coach_load(organisation_ids={logged.organisation.pk}, month=date(2026, 10, 1), today=date(2026, 11, 25))

    assert [row["coach"] for row in rows] == logged.coaches
    assert rows[2]["profile"].status == CoachProfile.Status.PAUSED


# --- the page -----------------------------------------------------------------------------------------------


def test_hr_sees_the_load_of_a_chosen_month_with_flags_and_month_links(english_client, logged):
    english_client.force_login(logged.hr)

    response = english_client.get(LOAD, {"month": "2026-10"})

    assert response.status_code == 200
    assert response.context["month"] == date(2026, 10, 1)
    content = response.content.decode()
    assert "Coach load in October 2026" in content
    assert "3.25" in content and "5.00" in content
    assert "Above the hours offered" in content
    assert "No session with 1 coachee for a month" in content
    assert "?month=2026-09" in content and "?month=2026-11" in content
    assert 'for="id_month"' in content


def test_without_a_month_the_page_shows_this_month_and_a_wrong_month_is_explained(english_client, logged):
    english_client.force_login(logged.hr)

    plain = english_client.get(LOAD)
    wrong = english_client.get(LOAD, {"month": "oktober"})

    this_month = date.today().replace(day=1)
    assert plain.context["month"] == this_month
    assert f'value="{this_month:%Y-%m}"' in plain.content.decode()
    assert wrong.context["month"] == this_month
    assert "Enter a month as year-month" in wrong.content.decode()


def test_the_load_page_is_for_hr_of_the_pool_only(client, logged):
    client.force_login(logged.other_hr)

    assert client.get(LOAD, {"organisation": logged.organisation.pk}).status_code == 404
    assert client.get(LOAD, {"month": "2026-10"}).context["rows"] == []
    for person in (logged.coaches[0], logged.manager, logged.participants[0]):
        client.force_login(person)
        assert client.get(LOAD).status_code == 404


@pytest.mark.parametrize("extra", [0, 10])
def test_the_load_page_needs_the_same_number_of_queries_however_many_coaches(
    client, logged, django_assert_max_num_queries, extra
):
    for index in range(extra):
        coach = CoachProfileFactory(
            user=UserFactory(organisation=logged.organisation, department=logged.departments[index % 3])
        ).user
        match = _match(coach, UserFactory(organisation=logged.organisation), published=date(2026, 9, 1))
        _sessions(match, (date(2026, 10, 3), 60), (date(2026, 10, 17), 90))
    client.force_login(logged.hr)

    with django_assert_max_num_queries(9):
        response = client.get(LOAD, {"month": "2026-10"})

    assert len(response.context["rows"]) == 3 + extra


# --- reminders to coaches -----------------------------------------------------------------------------------

TODAY = date(2026, 11, 25)


def test_a_coach_without_a_session_for_a_month_is_reminded_once_a_month(logged):
    first, second, third = logged.coaches
    # The first coach saw Anna on 1 November but Bram last on 15 October; the second saw Carla on
    # 20 October; the third never logged a session since the match of 1 September.

    sent = coach_reminders_send(today=TODAY)
    again = coach_reminders_send(today=TODAY)

    assert (sent, again) == (3, 0)
    reminders = Notification.objects.filter(event="coach_no_log_reminder")
    assert sorted(reminder.recipient_id for reminder in reminders) == sorted(coach.pk for coach in logged.coaches)
    assert set(reminders.values_list("key", flat=True)) == {f"{coach.pk}:2026-11" for coach in logged.coaches}
    body = reminders.get(recipient=first).body
    assert logged.participants[1].full_name in body  # Bram
    assert logged.participants[0].full_name not in body  # Anna was seen recently
    assert "Grenzen stellen" not in body and "Gesprek met leidinggevende" not in body  # never coaching content
    # A new month, still nothing logged: reminded again, once.
    assert coach_reminders_send(today=date(2026, 12, 2)) == 3
    assert coach_reminders_send(today=date(2026, 12, 20)) == 0


def test_a_coach_who_logged_recently_or_was_matched_recently_is_not_reminded(coaching):
    coach, other, newcomer = coaching.coaches
    recent = _match(coach, coaching.participants[0], published=date(2026, 9, 1), confirmed=True)
    _sessions(recent, (date(2026, 10, 27), 60))  # 29 days before today
    _match(newcomer, coaching.participants[1], published=date(2026, 10, 27))  # matched 29 days ago
    old = _match(other, coaching.participants[2], published=date(2026, 6, 1), status=CoachMatch.Status.ENDED)
    _match(other, coaching.participants[3], published=date(2026, 6, 1), status=CoachMatch.Status.REMATCH_REQUESTED)
    _sessions(old, (date(2026, 6, 10), 60))

    assert coach_reminders_send(today=TODAY) == 0
    assert not Notification.objects.exists()
    # The day the 30 days are up, both are reminded.
    assert coach_reminders_send(today=date(2026, 11, 26)) == 2


# --- reminders about participants without a coach -----------------------------------------------------------


@pytest.fixture
def waiting(coaching):
    """The Zwolle cohort started on 1 November 2026; two of its six participants have a coach."""
    Cohort.objects.filter(pk=coaching.cohort.pk).update(start_date=date(2026, 11, 1), coordinator=coaching.hr)
    coaching.cohort.refresh_from_db()
    CoachMatchFactory(coach=coaching.coaches[0], participant=coaching.participants[0])
    CoachMatchFactory(
        coach=coaching.coaches[1], participant=coaching.participants[1], status=CoachMatch.Status.REMATCH_REQUESTED
    )
    return coaching


def test_participants_without_a_coach_are_reminded_once_and_the_coordinator_weekly(waiting):
    sent = participants_without_coach_reminders_send(today=TODAY)
    again = participants_without_coach_reminders_send(today=TODAY)

    assert (sent, again) == (4 + 1, 0)
    reminders = Notification.objects.filter(event="participant_without_coach_reminder")
    assert sorted(reminders.exclude(recipient=waiting.hr).values_list("recipient_id", flat=True)) == sorted(
        person.pk for person in waiting.participants[2:]
    )
    assert reminders.get(recipient=waiting.participants[2]).key == f"{waiting.participants[2].pk}:{waiting.cohort.pk}"
    summary = reminders.get(recipient=waiting.hr)
    assert summary.key == f"{waiting.cohort.pk}:2026-W48"
    # A week later: only the coordinator hears again.
    assert participants_without_coach_reminders_send(today=date(2026, 12, 2)) == 1
    assert reminders.filter(recipient=waiting.hr).count() == 2


def test_the_coordinator_summary_counts_the_waiting_and_names_nobody_s_coaching(waiting):
    waiting.hr.preferred_language = "en"
    waiting.hr.save(update_fields=["preferred_language"])

    participants_without_coach_reminders_send(today=TODAY)

    summary = Notification.objects.get(event="participant_without_coach_reminder", recipient=waiting.hr)
    assert "4 participants still without a coach" in summary.subject
    assert "Groep 2027-1" in summary.subject


def test_nobody_is_reminded_in_the_first_two_weeks_of_a_group(waiting):
    assert participants_without_coach_reminders_send(today=date(2026, 11, 15)) == 0
    assert participants_without_coach_reminders_send(today=date(2026, 11, 16)) == 5


def test_only_participants_of_running_groups_of_programmes_with_coaches_are_reminded(waiting):
    # A running group of an organisation without approved coaches, and people who are not taking part.
    kampen = waiting.other_hr.organisation
    CoachProfileFactory(user=UserFactory(organisation=kampen), volunteered=True)
    elsewhere = CohortFactory(
        programme=ProgrammeFactory(owner=kampen, participating_organisations=[kampen]),
        status=Cohort.Status.RUNNING,
        start_date=date(2026, 10, 1),
    )
    EnrolmentFactory(cohort=elsewhere, person=UserFactory(organisation=kampen), status=Enrolment.Status.ACTIVE)
    EnrolmentFactory(cohort=waiting.cohort, person=UserFactory(organisation=waiting.organisation), waitlisted=True)
    EnrolmentFactory(cohort=waiting.cohort, person=UserFactory(organisation=waiting.organisation), withdrawn=True)
    placed = UserFactory(organisation=waiting.organisation)
    EnrolmentFactory(cohort=waiting.cohort, person=placed, placed=True)

    assert participants_without_coach_reminders_send(today=TODAY) == 5 + 1
    assert Notification.objects.filter(recipient=placed).count() == 1
    assert not Notification.objects.filter(recipient__organisation=kampen).exists()


def test_without_a_coordinator_hr_of_the_programme_gets_the_summary(waiting):
    Cohort.objects.filter(pk=waiting.cohort.pk).update(coordinator=None)

    participants_without_coach_reminders_send(today=TODAY)

    assert (
        Notification.objects.filter(event="participant_without_coach_reminder", key__contains="-W").get().recipient
        == waiting.hr
    )
