"""Extra seats in open sessions (Zwolle's Politieke Antenne): who may take one, how many, and the pages."""

import threading
import time
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation

from notifications.models import Notification
from participants.models import Enrolment
from programmes.models import Cohort
from sessions import extra_seats
from sessions.models import ExtraSeat, Session
from sessions.selectors import session_attendees
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SessionFactory,
    UserFactory,
    hr_adviser,
)


@pytest.fixture
def antenne(running):
    """The Politieke Antenne of the running Zwolle cohort, open for three extra young employees."""
    return SessionFactory(
        cohort=running.cohort, title="Zwolse Politieke Antenne", is_open_for_extra=True, extra_seats=3
    )


def young_employee(running, **kwargs):
    return UserFactory(organisation=running.organisation, **kwargs)


def _refused(session, person) -> ValidationError:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        extra_seats.extra_seat_take(session=session, person=person)
    return refused.value


# --- taking a seat ------------------------------------------------------------------------------------------


def test_a_young_employee_from_outside_the_cohort_takes_a_seat_and_is_told_once(running, antenne):
    seat = extra_seats.extra_seat_take(session=antenne, person=running.outsider)

    assert list(ExtraSeat.objects.filter(session=antenne).values_list("person", flat=True)) == [running.outsider.pk]
    assert seat.person == running.outsider
    notifications = Notification.objects.filter(event="extra_seat_confirmed")
    assert list(notifications.values_list("recipient", "key")) == [(running.outsider.pk, f"extra-seat-{seat.pk}")]


def test_the_cohorts_members_keep_their_seats_and_never_need_an_extra_one(running, antenne):
    # given every extra seat taken
    people = [young_employee(running) for _ in range(3)]
    for person in people:
        extra_seats.extra_seat_take(session=antenne, person=person)

    # then all six members are still expected, plus the three extra people, and the cohort's capacity is untouched
    assert set(session_attendees(session=antenne)) == {*running.members, *people}
    assert Cohort.objects.get(pk=running.cohort.pk).capacity == 15
    # and a member asking for an extra seat is told they already have one, and nothing changes
    refused = _refused(antenne, running.members[0])
    assert refused.messages == ["You are a member of this group, so you already have a seat in this session."]
    assert ExtraSeat.objects.filter(session=antenne).count() == 3


def test_no_more_extra_people_than_extra_seats(running, antenne):
    for _ in range(3):
        extra_seats.extra_seat_take(session=antenne, person=young_employee(running))
    late = young_employee(running)

    refused = _refused(antenne, late)

    assert refused.messages == ["All extra seats in this session have been taken."]
    assert ExtraSeat.objects.filter(session=antenne).count() == 3
    assert not Notification.objects.filter(recipient=late).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"is_open_for_extra": False}, "This session is not open for extra participants."),
        ({"status": Session.Status.CANCELLED}, "This session has been cancelled."),
        ({"date": date.today() - timedelta(days=1)}, "This session has already started."),
    ],
)
def test_a_session_that_is_closed_cancelled_or_past_takes_nobody(running, antenne, change, message):
    Session.objects.filter(pk=antenne.pk).update(**change)
    antenne.refresh_from_db()

    refused = _refused(antenne, running.outsider)

    assert refused.messages == [message]
    assert not ExtraSeat.objects.exists()
    assert not Notification.objects.exists()


def test_someone_who_does_not_meet_the_programmes_rules_gets_no_seat(running, antenne):
    too_old = young_employee(running, date_of_birth=date(1980, 1, 1))
    elsewhere = UserFactory(organisation=OrganisationFactory())

    assert _refused(antenne, too_old).messages == ["This track is for employees under 36."]
    assert _refused(antenne, elsewhere).messages == ["Your organisation does not take part in this programme."]
    assert not ExtraSeat.objects.exists()
    assert not Notification.objects.exists()


def test_signing_up_twice_is_refused(running, antenne):
    extra_seats.extra_seat_take(session=antenne, person=running.outsider)

    assert _refused(antenne, running.outsider).messages == ["You have already signed up for this session."]
    assert ExtraSeat.objects.count() == 1
    assert Notification.objects.count() == 1


def test_giving_a_seat_back_frees_it_for_someone_else(running, antenne):
    antenne.extra_seats = 2
    antenne.save()
    extra_seats.extra_seat_take(session=antenne, person=running.outsider)
    extra_seats.extra_seat_take(session=antenne, person=young_employee(running))

    extra_seats.extra_seat_release(session=antenne, person=running.outsider)
    extra_seats.extra_seat_take(session=antenne, person=young_employee(running))

    assert ExtraSeat.objects.filter(session=antenne).count() == 2
    assert not ExtraSeat.objects.filter(person=running.outsider).exists()


def test_a_seat_cannot_be_given_back_once_the_session_has_started(running, antenne):
    extra_seats.extra_seat_take(session=antenne, person=running.outsider)
    Session.objects.filter(pk=antenne.pk).update(date=timezone.localdate() - timedelta(days=1))

    with pytest.raises(ValidationError) as refused:
        extra_seats.extra_seat_release(session=antenne, person=running.outsider)

    assert refused.value.code == "past"
    assert ExtraSeat.objects.filter(person=running.outsider).count() == 1


# --- HR opens a session -----------------------------------------------------------------------------------


def test_hr_opens_a_session_with_a_number_of_seats_within_the_programmes_range(running):
    session = SessionFactory(cohort=running.cohort)

    extra_seats.session_extra_seats_set(session=session, is_open=True, extra_seats=5)

    session.refresh_from_db()
    assert (session.is_open_for_extra, session.extra_seats) == (True, 5)


@pytest.mark.parametrize("number", [1, 6, None])
def test_a_number_of_seats_outside_the_programmes_range_is_refused(running, number):
    session = SessionFactory(cohort=running.cohort)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        extra_seats.session_extra_seats_set(session=session, is_open=True, extra_seats=number)

    assert refused.value.message_dict == {"extra_seats": ["Choose between 2 and 5 extra seats."]}
    session.refresh_from_db()
    assert (session.is_open_for_extra, session.extra_seats) == (False, 0)


def test_the_number_of_seats_cannot_drop_below_those_taken_and_closing_keeps_them(running, antenne):
    for _ in range(3):
        extra_seats.extra_seat_take(session=antenne, person=young_employee(running))

    with pytest.raises(ValidationError):
        extra_seats.session_extra_seats_set(session=antenne, is_open=True, extra_seats=2)
    extra_seats.session_extra_seats_set(session=antenne, is_open=False, extra_seats=2)

    antenne.refresh_from_db()
    assert (antenne.is_open_for_extra, antenne.extra_seats) == (False, 3)
    assert ExtraSeat.objects.filter(session=antenne).count() == 3


# --- the list of open sessions ----------------------------------------------------------------------------


def test_the_open_sessions_are_those_of_programmes_the_person_may_join(running, antenne):
    SessionFactory(cohort=running.cohort, title="Gesloten training")
    SessionFactory(cohort=running.cohort, title="Afgelast", open_for_extra=True, cancelled=True)
    SessionFactory(cohort=running.cohort, title="Voorbij", open_for_extra=True, date=date.today() - timedelta(days=2))
    other_programme = ProgrammeFactory(owner=OrganisationFactory(), extra_seats_min=1, extra_seats_max=3)
    SessionFactory(cohort=CohortFactory(programme=other_programme), title="Elders", open_for_extra=True)
    extra_seats.extra_seat_take(session=antenne, person=young_employee(running))

    rows = extra_seats.open_sessions_for(person=running.outsider)

    assert [(row.session.title, row.seats_left, row.has_seat) for row in rows] == [
        ("Zwolse Politieke Antenne", 2, False)
    ]
    assert extra_seats.open_sessions_for(person=running.members[0]) == []


# --- the pages --------------------------------------------------------------------------------------------


def test_a_young_employee_signs_up_and_off_on_the_open_sessions_page(english_client, running, antenne):
    english_client.force_login(running.outsider)

    listed = english_client.get("/sessions/open-sessions/")
    taken = english_client.post(f"/sessions/open-sessions/{antenne.pk}/take/", follow=True)

    assert "Zwolse Politieke Antenne" in listed.content.decode()
    assert "You have a seat in “Zwolse Politieke Antenne”." in taken.content.decode()
    assert ExtraSeat.objects.filter(session=antenne, person=running.outsider).exists()

    released = english_client.post(f"/sessions/open-sessions/{antenne.pk}/release/", follow=True)

    assert "You have given back your seat" in released.content.decode()
    assert not ExtraSeat.objects.exists()


def test_signing_up_for_a_session_one_may_not_join_is_not_found_and_changes_nothing(client, running, antenne):
    client.force_login(UserFactory(organisation=OrganisationFactory()))
    closed = SessionFactory(cohort=running.cohort)

    responses = [
        client.post(f"/sessions/open-sessions/{antenne.pk}/take/"),
        client.post(f"/sessions/open-sessions/{closed.pk}/take/"),
        client.post(f"/sessions/open-sessions/{antenne.pk}/release/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert not ExtraSeat.objects.exists()


def test_a_member_signing_up_for_their_own_cohorts_session_is_not_found(client, running, antenne):
    client.force_login(running.members[0])

    assert client.post(f"/sessions/open-sessions/{antenne.pk}/take/").status_code == 404
    assert not ExtraSeat.objects.exists()


def test_hr_opens_a_session_and_sees_who_signed_up(english_client, running, antenne):
    extra_seats.extra_seat_take(session=antenne, person=running.outsider)
    session = SessionFactory(cohort=running.cohort, title="Politieke Antenne 2")
    english_client.force_login(running.hr)

    listed = english_client.get(f"/sessions/{antenne.pk}/extra-seats/")
    saved = english_client.post(f"/sessions/{session.pk}/extra-seats/", {"is_open": "on", "extra_seats": "4"})
    refused = english_client.post(f"/sessions/{session.pk}/extra-seats/", {"is_open": "on", "extra_seats": "9"})

    assert running.outsider.full_name in listed.content.decode()
    assert saved.status_code == 302
    assert "Choose between 2 and 5 extra seats." in refused.content.decode()
    session.refresh_from_db()
    assert (session.is_open_for_extra, session.extra_seats) == (True, 4)


@pytest.mark.parametrize("who", ["other_hr", "outsider", "member"])
def test_the_extra_seats_page_is_for_hr_of_the_programme_only(client, running, who):
    session = SessionFactory(cohort=running.cohort)
    client.force_login(running.members[0] if who == "member" else getattr(running, who))

    responses = [
        client.get(f"/sessions/{session.pk}/extra-seats/"),
        client.post(f"/sessions/{session.pk}/extra-seats/", {"is_open": "on", "extra_seats": "5"}),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    session.refresh_from_db()
    assert (session.is_open_for_extra, session.extra_seats) == (False, 0)


def test_the_open_sessions_page_is_for_employees(client, running):
    client.force_login(running.trainer)  # works for no organisation

    assert client.get("/sessions/open-sessions/").status_code == 404


@pytest.mark.parametrize("sessions", [1, 8])
def test_the_open_sessions_page_needs_the_same_number_of_queries_however_many_sessions(
    client, running, django_assert_num_queries, sessions
):
    for index in range(sessions):
        session = SessionFactory(cohort=running.cohort, title=f"Open {index}", open_for_extra=True)
        extra_seats.extra_seat_take(session=session, person=young_employee(running))
    client.force_login(running.outsider)

    with django_assert_num_queries(7):
        response = client.get("/sessions/open-sessions/")

    assert len(response.context["rows"]) == sessions


# --- two people, one seat ---------------------------------------------------------------------------------


def _slow_seats_taken(*, session):
    """Count, then pause: without the session lock both threads would count the same free seat."""
    taken = ExtraSeat.objects.filter(session=session).count()
    time.sleep(0.3)
    return taken


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_extra_seat_at_the_same_moment_get_one_seat_and_one_refusal():
    # given an open session with one extra seat left
    zwolle = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    hr_adviser(zwolle)
    programme = ProgrammeFactory(
        zwolle=True, owner=zwolle, participating_organisations=[zwolle], extra_seats_min=2, extra_seats_max=5
    )
    cohort = CohortFactory(programme=programme, status=Cohort.Status.RUNNING)
    EnrolmentFactory(cohort=cohort, person=UserFactory(organisation=zwolle), status=Enrolment.Status.ACTIVE)
    session = SessionFactory(cohort=cohort, is_open_for_extra=True, extra_seats=2)
    extra_seats.extra_seat_take(session=session, person=UserFactory(organisation=zwolle))
    first, second = UserFactory(organisation=zwolle), UserFactory(organisation=zwolle)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def take(person):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):
                extra_seats.extra_seat_take(session=session, person=person)
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection; close it so the test database can be dropped

    # when both sign up at the same moment, each in their own thread and database connection
    with mock.patch("sessions.extra_seats.seats_taken", _slow_seats_taken):
        threads = [threading.Thread(target=take, args=(person,)) for person in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    # then exactly one of them has the seat, the other was told it is full
    assert [type(error) for error in errors] == [ValidationError]
    assert errors[0].messages == ["All extra seats in this session have been taken."]
    assert ExtraSeat.objects.filter(session=session).count() == 2
    assert ExtraSeat.objects.filter(session=session, person__in=[first, second]).count() == 1
    assert Notification.objects.filter(event="extra_seat_confirmed").count() == 2
