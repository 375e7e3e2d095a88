"""Seats go in order of request (issue 10, section 1): the queue, decision windows and positions."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.workdays import add_working_days
from notifications.models import Notification
from participants import selectors, services
from participants.models import Enrolment
from participants.queue import QueuedRequest, QueuePlace, Standing, cohort_queue
from programmes.models import Cohort
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory

from .conftest import employee_of, manager_in

Status = Enrolment.Status
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _request(id, minutes, *, approved=False, window_open=True):
    return QueuedRequest(
        id=id, requested_at=T0 + timedelta(minutes=minutes), approved=approved, window_open=window_open
    )


# --- the rule, without a database ---------------------------------------------------------------------


def test_the_first_claimers_get_the_free_seats_in_order_of_request_whoever_was_approved_first():
    requests = [
        _request(3, 3, approved=True),
        _request(1, 1),  # waits for its manager, window open: holds a seat
        _request(2, 2, approved=True),
        _request(4, 4, approved=True),
    ]

    places = cohort_queue(requests, free_seats=2)

    assert places == [
        QueuePlace(1, Standing.HOLDING, 1, None),
        QueuePlace(2, Standing.TO_PLACE, 2, None),
        QueuePlace(3, Standing.IN_LINE, 3, 1),
        QueuePlace(4, Standing.IN_LINE, 4, 2),
    ]


def test_a_request_whose_window_ran_out_keeps_its_order_but_holds_no_seat():
    requests = [_request(1, 1, window_open=False), _request(2, 2, approved=True), _request(3, 3)]

    places = cohort_queue(requests, free_seats=1)

    assert [(p.id, p.standing, p.position, p.line_number) for p in places] == [
        (1, Standing.RELEASED, 1, None),
        (2, Standing.TO_PLACE, 2, None),
        (3, Standing.IN_LINE, 3, 1),
    ]


def test_once_approved_an_expired_request_goes_ahead_of_everyone_who_asked_later():
    requests = [_request(1, 1, approved=True, window_open=False), _request(2, 2, approved=True)]

    places = cohort_queue(requests, free_seats=0)

    assert [(p.id, p.line_number) for p in places] == [(1, 1), (2, 2)]


def test_no_two_requests_ever_get_the_same_number_in_line():
    generator = random.Random(10)
    for _ in range(300):
        requests = [
            _request(
                i, generator.randint(0, 5), approved=generator.random() < 0.5, window_open=generator.random() < 0.7
            )
            for i in range(generator.randint(0, 25))
        ]
        free_seats = generator.randint(-2, 10)
        places = cohort_queue(requests, free_seats=free_seats)

        numbers = [p.line_number for p in places if p.line_number is not None]
        assert numbers == list(range(1, len(numbers) + 1))
        assert [p.position for p in places] == list(range(1, len(places) + 1))
        claimers = [r for r in requests if r.approved or r.window_open]
        seated = [p for p in places if p.standing in (Standing.TO_PLACE, Standing.HOLDING)]
        assert len(seated) == min(max(free_seats, 0), len(claimers))
        assert len(seated) + len(numbers) == len(claimers)


# --- requests and decisions ---------------------------------------------------------------------------


def _requests(cohort, count):
    """`count` young employees, each with a manager of their own, who enrol one after the other."""
    people = []
    for _ in range(count):
        manager = manager_in(cohort.programme.owner)
        person = employee_of(manager)
        services.enrolment_request(person=person, cohort=cohort, motivation="Graag")
        people.append((person, manager))
    return [(Enrolment.objects.get(person=person, cohort=cohort), manager) for person, manager in people]


@pytest.fixture
def small_cohort(zwolle):
    zwolle.cohort.capacity = zwolle.cohort.start_threshold = 3
    zwolle.cohort.save()
    return zwolle.cohort


@pytest.mark.django_db
def test_a_request_holds_its_place_for_ten_working_days_without_public_holidays(zwolle):
    person = employee_of(zwolle.manager)
    friday_before_christmas = datetime(2026, 12, 18, 14, 0, tzinfo=timezone.get_current_timezone())

    due = services.decision_due_at(
        requested_at=friday_before_christmas, working_days=10, liberation_day_every_year=True
    )

    # 21–24 Dec, 28–31 Dec, 4–5 Jan: Christmas, Boxing Day and New Year's Day do not count.
    assert timezone.localtime(due) == datetime(2027, 1, 6, 0, 0, tzinfo=timezone.get_current_timezone())
    enrolment = services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="")
    assert enrolment.decision_due_at is not None
    assert enrolment.decision_last_day > timezone.localdate()


@pytest.mark.django_db
def test_the_decision_window_counts_5_may_by_the_organisations_collective_agreement():
    requested = datetime(2026, 4, 30, 10, 0, tzinfo=timezone.get_current_timezone())  # a Thursday

    every_year = services.decision_due_at(requested_at=requested, working_days=3, liberation_day_every_year=True)
    lustrum_only = services.decision_due_at(requested_at=requested, working_days=3, liberation_day_every_year=False)

    # 1 May, 4 May, then 5 May is off (every year) or a working day (2026 is no lustrum year).
    assert timezone.localtime(every_year).date() == date(2026, 5, 7)
    assert timezone.localtime(lustrum_only).date() == date(2026, 5, 6)


@pytest.mark.django_db
def test_the_decision_window_is_a_programme_setting(zwolle):
    zwolle.programme.decision_window_working_days = 2
    zwolle.programme.save()

    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="")

    assert enrolment.decision_last_day == add_working_days(timezone.localdate(enrolment.requested_at), 2)


@pytest.mark.django_db
def test_an_approval_waits_while_earlier_requests_hold_every_seat(small_cohort):
    requests = _requests(small_cohort, 4)
    fourth, fourth_manager = requests[3]

    services.enrolment_approve(enrolment=fourth, manager=fourth_manager)

    fourth.refresh_from_db()
    assert fourth.status == Status.WAITLISTED
    assert selectors.waitlist_position(enrolment=fourth) == 1
    message = Notification.objects.get(recipient=fourth.person, event="enrolment_waitlisted")
    assert "number 1" in message.body or "nummer 1" in message.body
    assert not Notification.objects.filter(event="enrolment_placed").exists()


@pytest.mark.django_db
def test_an_approval_places_when_everyone_ahead_is_placed_or_holds_a_seat(small_cohort):
    requests = _requests(small_cohort, 4)
    second, second_manager = requests[1]

    services.enrolment_approve(enrolment=second, manager=second_manager)

    second.refresh_from_db()
    assert second.status == Status.PLACED
    places = selectors.queue_places_for(cohort_ids={small_cohort.pk})
    assert places[requests[0][0].pk].standing == Standing.HOLDING
    assert places[requests[2][0].pk].standing == Standing.HOLDING
    assert places[requests[3][0].pk] == QueuePlace(requests[3][0].pk, Standing.IN_LINE, 3, 1)


@pytest.mark.django_db
def test_seventeen_approved_in_a_shuffled_order_place_exactly_the_first_fifteen(zwolle):
    requests = _requests(zwolle.cohort, 17)
    order = list(range(17))
    random.Random(2026).shuffle(order)

    for index in order:
        enrolment, manager = requests[index]
        services.enrolment_approve(enrolment=Enrolment.objects.get(pk=enrolment.pk), manager=manager)

    statuses = [Enrolment.objects.get(pk=e.pk).status for e, _manager in requests]
    assert statuses == [Status.PLACED] * 15 + [Status.WAITLISTED] * 2
    assert [selectors.waitlist_position(enrolment=e) for e, _manager in requests[15:]] == [1, 2]
    zwolle.cohort.refresh_from_db()
    assert zwolle.cohort.status == Cohort.Status.FULL
    assert Notification.objects.filter(event="enrolment_placed").count() == 15


@pytest.mark.django_db
def test_a_rejection_moves_the_queue_on_at_once(small_cohort):
    requests = _requests(small_cohort, 4)
    fourth, fourth_manager = requests[3]
    services.enrolment_approve(enrolment=fourth, manager=fourth_manager)
    first, first_manager = requests[0]

    services.enrolment_reject(enrolment=first, manager=first_manager, reason="Geen budget meer dit jaar.")

    fourth.refresh_from_db()
    assert fourth.status == Status.PLACED
    assert Notification.objects.filter(recipient=fourth.person, event="enrolment_placed").count() == 0
    assert Notification.objects.filter(recipient=fourth.person, event="enrolment_moved_up").count() == 1


@pytest.mark.django_db
def test_withdrawing_a_request_that_holds_a_seat_moves_the_queue_on(small_cohort):
    requests = _requests(small_cohort, 4)
    fourth, fourth_manager = requests[3]
    services.enrolment_approve(enrolment=fourth, manager=fourth_manager)
    second = requests[1][0]

    services.enrolment_withdraw(enrolment=second, by=second.person)

    fourth.refresh_from_db()
    assert fourth.status == Status.PLACED


@pytest.mark.django_db
def test_a_placed_person_withdraws_and_number_one_moves_up_and_is_told_once(zwolle):
    requests = _requests(zwolle.cohort, 17)
    for enrolment, manager in reversed(requests):
        services.enrolment_approve(enrolment=Enrolment.objects.get(pk=enrolment.pk), manager=manager)
    sixteenth, seventeenth = requests[15][0], requests[16][0]
    leaver = requests[4][0]

    services.enrolment_withdraw(enrolment=leaver, by=leaver.person, reason="Andere baan")

    sixteenth.refresh_from_db()
    assert sixteenth.status == Status.PLACED
    assert Notification.objects.filter(recipient=sixteenth.person, event="enrolment_moved_up").count() == 1
    assert selectors.waitlist_position(enrolment=seventeenth) == 1
    # A second withdrawal of the same enrolment is refused and tells nobody anything more.
    with pytest.raises(ValidationError):
        services.enrolment_withdraw(enrolment=leaver, by=leaver.person)
    assert Notification.objects.filter(event="enrolment_moved_up").count() == 1


@pytest.mark.django_db
def test_a_placed_person_never_loses_a_seat_to_an_earlier_request(small_cohort):
    requests = _requests(small_cohort, 4)
    first = requests[0][0]
    Enrolment.objects.filter(pk=first.pk).update(decision_due_at=timezone.now() - timedelta(minutes=1))
    services.enrolment_decision_windows_expire()
    for enrolment, manager in requests[1:]:
        services.enrolment_approve(enrolment=enrolment, manager=manager)
    fourth = requests[3][0]
    fourth.refresh_from_db()
    assert fourth.status == Status.PLACED

    services.enrolment_approve(enrolment=first, manager=requests[0][1])

    first.refresh_from_db()
    fourth.refresh_from_db()
    assert (first.status, fourth.status) == (Status.WAITLISTED, Status.PLACED)
    assert selectors.waitlist_position(enrolment=first) == 1


# --- decision windows that run out ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_expired_window_releases_the_seat_tells_manager_and_hr_once_and_moves_the_queue(small_cohort, zwolle):
    requests = _requests(small_cohort, 4)
    fourth, fourth_manager = requests[3]
    services.enrolment_approve(enrolment=fourth, manager=fourth_manager)
    second, second_manager = requests[1]
    Enrolment.objects.filter(pk=second.pk).update(decision_due_at=timezone.now() - timedelta(seconds=1))

    assert services.enrolment_decision_windows_expire() == 1
    assert services.enrolment_decision_windows_expire() == 0

    second.refresh_from_db()
    fourth.refresh_from_db()
    assert second.status == Status.AWAITING_MANAGER and second.hold_released_at is not None
    assert selectors.queue_place(enrolment=second).standing == Standing.RELEASED
    assert fourth.status == Status.PLACED
    assert Notification.objects.filter(event="enrolment_window_expired_manager", recipient=second_manager).count() == 1
    assert Notification.objects.filter(event="enrolment_window_expired_hr", recipient=zwolle.hr).count() == 1
    # The manager can still approve: the request then takes its turn by its moment of request, so it goes
    # ahead of the third request, which still waits for its manager (and is now first in line).
    services.enrolment_approve(enrolment=second, manager=second_manager)
    second.refresh_from_db()
    assert second.status == Status.PLACED
    third = requests[2][0]
    assert selectors.queue_place(enrolment=third) == QueuePlace(third.pk, Standing.IN_LINE, 2, 1)


@pytest.mark.django_db
def test_a_window_still_open_is_not_released(small_cohort):
    _requests(small_cohort, 2)

    assert services.enrolment_decision_windows_expire() == 0
    assert not Notification.objects.filter(event__startswith="enrolment_window_expired").exists()


@pytest.mark.django_db
def test_the_beat_task_releases_expired_windows(small_cohort, settings):
    from participants.tasks import expire_decision_windows

    [(first, _manager)] = _requests(small_cohort, 1)
    Enrolment.objects.filter(pk=first.pk).update(decision_due_at=timezone.now() - timedelta(seconds=1))

    assert expire_decision_windows.delay().get() == 1
    assert "expire-enrolment-decision-windows" in settings.CELERY_BEAT_SCHEDULE


# --- capacity -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_lowering_the_capacity_to_exactly_the_number_placed_makes_the_cohort_full(zwolle):
    from participants.services import cohort_update

    for enrolment, manager in _requests(zwolle.cohort, 3):
        services.enrolment_approve(enrolment=enrolment, manager=manager)
    cohort = zwolle.cohort

    cohort_update(
        cohort=cohort,
        name=cohort.name,
        track=None,
        start_date=cohort.start_date,
        end_date=cohort.end_date,
        capacity=3,
        start_threshold=3,
        coordinator=None,
    )

    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.FULL


@pytest.mark.django_db
def test_raising_the_capacity_gives_the_new_seat_to_the_first_in_line(small_cohort):
    from participants.services import cohort_update

    requests = _requests(small_cohort, 5)
    for enrolment, manager in requests:
        services.enrolment_approve(enrolment=enrolment, manager=manager)

    cohort_update(
        cohort=small_cohort,
        name=small_cohort.name,
        track=None,
        start_date=small_cohort.start_date,
        end_date=small_cohort.end_date,
        capacity=4,
        start_threshold=3,
        coordinator=None,
    )

    assert [Enrolment.objects.get(pk=e.pk).status for e, _m in requests] == [Status.PLACED] * 4 + [Status.WAITLISTED]


# --- positions as people see them ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_my_enrolments_show_my_current_place_in_line_in_two_queries_for_any_number_of_cohorts(
    zwolle, django_assert_num_queries
):
    person = employee_of(zwolle.manager)
    cohorts = [CohortFactory(programme=ProgrammeFactory(owner=zwolle.organisation), capacity=1) for _ in range(3)]
    for cohort in cohorts:
        EnrolmentFactory(cohort=cohort, placed=True)
        EnrolmentFactory(cohort=cohort, waitlisted=True)
        EnrolmentFactory(cohort=cohort, person=person, waitlisted=True)

    with django_assert_num_queries(3):
        enrolments = selectors.enrolments_of_person(person=person)

    assert [e.waitlist_position for e in enrolments] == [2, 2, 2]


@pytest.mark.django_db
def test_someone_pushed_back_by_an_earlier_late_approval_is_told_their_new_number_once(zwolle):
    zwolle.cohort.capacity = zwolle.cohort.start_threshold = 2
    zwolle.cohort.save()
    requests = _requests(zwolle.cohort, 4)
    first, first_manager = requests[0]
    Enrolment.objects.filter(pk=first.pk).update(decision_due_at=timezone.now() - timedelta(seconds=1))
    services.enrolment_decision_windows_expire()
    for enrolment, manager in requests[1:]:
        services.enrolment_approve(enrolment=enrolment, manager=manager)
    fourth = requests[3][0]
    assert selectors.waitlist_position(enrolment=fourth) == 1

    services.enrolment_approve(enrolment=first, manager=first_manager)
    services.cohort_queue_rebalance(cohort=zwolle.cohort)  # a later change tells nobody again

    assert selectors.waitlist_position(enrolment=first) == 1
    assert selectors.waitlist_position(enrolment=fourth) == 2
    [changed] = Notification.objects.filter(recipient=fourth.person, event="enrolment_waitlist_position_changed")
    assert "number 2" in changed.body or "nummer 2" in changed.body
    first_told = Notification.objects.get(recipient=first.person, event="enrolment_waitlisted")
    assert "nummer 1" in first_told.body or "number 1" in first_told.body
    # Each person's latest message states a number no better than their real one.
    first.refresh_from_db()
    fourth.refresh_from_db()
    assert (first.waitlist_position_told, fourth.waitlist_position_told) == (1, 2)


@pytest.mark.parametrize(
    "placed, holding, released, waitlisted, expected",
    [
        (1, 0, 0, 0, {"seats_open": 2}),
        (1, 1, 3, 0, {"seats_open": 1}),
        (1, 2, 0, 0, {"seats_open": 0, "number_in_line_if_enrolled": 1}),
        (2, 2, 1, 1, {"seats_open": 0, "number_in_line_if_enrolled": 3}),
        (3, 0, 0, 2, {"seats_open": 0, "number_in_line_if_enrolled": 3}),
    ],
)
@pytest.mark.django_db
def test_the_programmes_page_tells_where_a_new_request_would_stand_as_the_queue_does(
    small_cohort, zwolle, placed, holding, released, waitlisted, expected
):
    now = timezone.now()
    for index in range(placed):
        EnrolmentFactory(cohort=small_cohort, placed=True, requested_at=now - timedelta(days=30, minutes=index))
    for index in range(holding):
        EnrolmentFactory(
            cohort=small_cohort,
            requested_at=now - timedelta(days=5, minutes=index),
            decision_due_at=now + timedelta(days=3),
        )
    for index in range(released):
        EnrolmentFactory(
            cohort=small_cohort,
            requested_at=now - timedelta(days=20, minutes=index),
            decision_due_at=now - timedelta(days=1),
        )
    for index in range(waitlisted):
        EnrolmentFactory(cohort=small_cohort, waitlisted=True, requested_at=now - timedelta(days=10, minutes=index))
    person = employee_of(zwolle.manager)

    [row] = [
        r
        for r in selectors.employee_programmes_overview(person=person, on_date=now.date())
        if r["cohort"] == small_cohort
    ]
    enrolment = services.enrolment_request(person=person, cohort=small_cohort, motivation="")

    assert {key: row[key] for key in expected} == expected
    place = selectors.queue_place(enrolment=enrolment)
    if expected["seats_open"]:
        assert place.standing == Standing.HOLDING
    else:
        assert place.line_number == expected["number_in_line_if_enrolled"]
