"""No double booking of TMA slots, even when two requests arrive at the same moment (real threads, PostgreSQL)."""

import threading
import time as clock
from datetime import datetime, time, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation

from notifications.models import Notification
from sessions import slots as tma
from sessions.models import AvailabilitySlot
from tests.factories import AvailabilitySlotFactory

pytestmark = pytest.mark.django_db(transaction=True)

_original_taken_numbers = tma._taken_numbers


def _slow_taken_numbers(*, person, cohort_id):
    """Read the person's numbers, then pause: without the locks both requests would see the same free number
    (and the same free slot) and both would book."""
    taken = _original_taken_numbers(person=person, cohort_id=cohort_id)
    clock.sleep(0.3)
    return taken


def _slot(running, hour: int) -> AvailabilitySlot:
    day = timezone.localdate() + timedelta(days=10)
    starts_at = timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_default_timezone())
    return AvailabilitySlotFactory(
        adviser=running.career_adviser,
        cohort=running.cohort,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
    )


def _at_the_same_moment(*calls) -> tuple[list, list[BaseException]]:
    """Run each (slot, person) booking in its own thread and database connection, released together."""
    barrier = threading.Barrier(len(calls))
    booked: list = []
    errors: list[BaseException] = []

    def book(slot, person):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):  # a new thread speaks the default language (Dutch)
                booked.append(tma.slot_book(slot=slot, person=person))
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection; close it so the test database can be dropped

    with mock.patch("sessions.slots._taken_numbers", _slow_taken_numbers):
        threads = [threading.Thread(target=book, args=call) for call in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    return booked, errors


def test_two_participants_booking_the_same_slot_at_the_same_moment_give_exactly_one_booking(running):
    # given one free slot and two members of the cohort
    slot = _slot(running, 9)
    first, second = running.members[:2]

    # when both book it at the same moment
    booked, errors = _at_the_same_moment((slot, first), (slot, second))

    # then exactly one has it, the other is told clearly, and only the winner's booking is notified
    assert len(booked) == 1
    assert [type(error) for error in errors] == [ValidationError]
    assert errors[0].messages == ["Someone else has just booked this slot. Choose another time."]
    slot.refresh_from_db()
    winner = booked[0].booked_by
    assert slot.booked_by_id == winner.pk
    assert slot.sequence_number == 1
    assert AvailabilitySlot.objects.filter(booked_by__isnull=False).count() == 1
    assert sorted(Notification.objects.filter(event="tma_booked").values_list("recipient_id", flat=True)) == sorted(
        [winner.pk, running.career_adviser.pk]
    )


def test_one_participant_double_submitting_two_slots_for_their_last_number_gets_one_booking(running):
    # given a member who has booked TMA sessions 1 and 2, and two more free slots
    member = running.members[0]
    tma.slot_book(slot=_slot(running, 9), person=member)
    tma.slot_book(slot=_slot(running, 10), person=member)
    left, right = _slot(running, 13), _slot(running, 14)

    # when they submit both free slots at the same moment (two tabs, a double click)
    booked, errors = _at_the_same_moment((left, member), (right, member))

    # then one becomes TMA session 3 and the other is refused: never a fourth booking
    assert len(booked) == 1
    assert booked[0].sequence_number == 3
    assert [error.messages for error in errors] == [["You have already booked your 3 TMA sessions."]]
    assert sorted(AvailabilitySlot.objects.filter(booked_by=member).values_list("sequence_number", flat=True)) == [
        1,
        2,
        3,
    ]
    assert AvailabilitySlot.objects.filter(pk__in=[left.pk, right.pk], booked_by__isnull=True).count() == 1
    assert Notification.objects.filter(event="tma_booked", recipient=member).count() == 3
