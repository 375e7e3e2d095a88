"""Never overbook: two managers approving the last seat at the same moment give one placement and one waitlist entry."""

import threading
import time
from unittest import mock

import pytest
from django.db import connection

from notifications.models import Notification
from participants import selectors, services
from participants.models import Enrolment
from programmes.models import Cohort
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, ProgrammeFactory, hr_adviser

from .conftest import employee_of, manager_in

Status = Enrolment.Status


def _slow_seats_taken(*, cohort):
    """Count, then pause: without the cohort lock both threads would count the same free seat."""
    taken = selectors.seats_taken(cohort=cohort)
    time.sleep(0.3)
    return taken


@pytest.mark.django_db(transaction=True)
def test_two_managers_approving_the_last_seat_at_the_same_moment_give_one_placement_and_one_waitlist_entry():
    # given a cohort with one seat left and two requests of two different managers' staff
    zwolle = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    hr_adviser(zwolle)
    programme = ProgrammeFactory(zwolle=True, owner=zwolle, participating_organisations=[zwolle])
    cohort = CohortFactory(programme=programme, capacity=3, start_threshold=3)
    EnrolmentFactory.create_batch(2, cohort=cohort, placed=True)
    first_manager, second_manager = manager_in(zwolle), manager_in(zwolle)
    first = services.enrolment_request(person=employee_of(first_manager), cohort=cohort, motivation="Eerste")
    second = services.enrolment_request(person=employee_of(second_manager), cohort=cohort, motivation="Tweede")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def approve(enrolment, manager):
        try:
            barrier.wait(timeout=10)
            services.enrolment_approve(enrolment=enrolment, manager=manager)
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection; close it so the test database can be dropped

    # when both managers approve at the same moment, each in their own thread and database connection
    with mock.patch("participants.services.seats_taken", _slow_seats_taken):
        threads = [
            threading.Thread(target=approve, args=(first, first_manager)),
            threading.Thread(target=approve, args=(second, second_manager)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    # then one is placed and the other waitlisted, and the cohort holds exactly its capacity
    assert errors == []
    statuses = sorted(Enrolment.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True))
    assert statuses == [Status.PLACED, Status.WAITLISTED]
    assert Enrolment.objects.filter(cohort=cohort, status__in=Enrolment.CURRENT_STATUSES).count() == cohort.capacity
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.FULL
    assert Notification.objects.filter(event="enrolment_placed").count() == 1
    assert Notification.objects.filter(event="enrolment_waitlisted").count() == 1
    assert Notification.objects.filter(event="cohort_ready_to_start").count() == 1


@pytest.mark.django_db(transaction=True)
def test_seventeen_approvals_in_random_order_from_parallel_threads_place_exactly_the_first_fifteen_by_request():
    # given 17 requests for 15 seats, each waiting for a different manager
    import random

    zwolle = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    hr_adviser(zwolle)
    programme = ProgrammeFactory(zwolle=True, owner=zwolle, participating_organisations=[zwolle])
    cohort = CohortFactory(programme=programme, capacity=15, start_threshold=15)
    requests = []
    for index in range(17):
        manager = manager_in(zwolle)
        person = employee_of(manager)
        requests.append((services.enrolment_request(person=person, cohort=cohort, motivation=f"{index}"), manager))
    order = list(range(17))
    random.Random(17).shuffle(order)
    barrier = threading.Barrier(17)
    errors: list[BaseException] = []

    def approve(enrolment, manager, delay):
        try:
            barrier.wait(timeout=20)
            time.sleep(delay)  # the shuffled order, give or take the scheduler
            services.enrolment_approve(enrolment=enrolment, manager=manager)
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()

    # when their managers approve in a shuffled order, all at about the same moment, each in their own connection
    threads = [
        threading.Thread(target=approve, args=(*requests[index], rank * 0.005)) for rank, index in enumerate(order)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then exactly the first 15 by moment of request have a seat, and 16 and 17 are numbers 1 and 2 in line
    assert errors == []
    statuses = [Enrolment.objects.get(pk=enrolment.pk).status for enrolment, _manager in requests]
    assert statuses == [Status.PLACED] * 15 + [Status.WAITLISTED] * 2
    assert [selectors.waitlist_position(enrolment=enrolment) for enrolment, _manager in requests[15:]] == [1, 2]
    assert Notification.objects.filter(event="enrolment_placed").count() == 15
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.FULL
