"""Completing a programme can require a minimum attendance: those below it stay active for HR to decide."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participants import services as enrolment_services
from participants.models import Enrolment
from sessions.models import Attendance
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _held_sessions(running, count: int):
    return [
        SessionFactory(cohort=running.cohort, date=timezone.localdate() - timedelta(days=7 * (index + 1)))
        for index in range(count)
    ]


def test_completing_the_cohort_leaves_those_below_the_minimum_active(english_client, running):
    running.programme.min_attendance_percent = 80
    running.programme.save()
    sessions = _held_sessions(running, 5)
    for person in running.members:
        for index, session in enumerate(sessions):
            # the first member missed two of five sessions (60%); everyone else was always there
            missed = person == running.members[0] and index < 2
            Attendance.objects.create(session=session, person=person, status="absent_excused" if missed else "present")
    english_client.force_login(running.hr)

    response = english_client.post(
        reverse("programmes:cohort_status", args=[running.cohort.pk]), {"status": "completed"}, follow=True
    )

    statuses = dict(Enrolment.objects.filter(cohort=running.cohort).values_list("person_id", "status"))
    assert statuses[running.members[0].pk] == "active"
    assert all(statuses[person.pk] == "completed" for person in running.members[1:])
    assert "1 participant stays active" in response.content.decode()


def test_a_single_completion_below_the_minimum_is_refused_and_an_override_completes_it(running):
    running.programme.min_attendance_percent = 50
    running.programme.save()
    session = _held_sessions(running, 1)[0]
    Attendance.objects.create(session=session, person=running.members[0], status="absent_unexcused")
    enrolment = Enrolment.objects.get(cohort=running.cohort, person=running.members[0])

    with pytest.raises(ValidationError):
        enrolment_services.enrolment_complete(enrolment=enrolment, by=running.hr)
    enrolment.refresh_from_db()
    assert enrolment.status == "active"

    enrolment_services.enrolment_override(
        enrolment=enrolment, hr_user=running.hr, to_status="completed", reason="Ziek geweest; gesprek gevoerd."
    )
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_without_a_minimum_attendance_does_not_decide_completion(running):
    session = _held_sessions(running, 1)[0]
    Attendance.objects.create(session=session, person=running.members[0], status="absent_unexcused")

    completed = enrolment_services.cohort_enrolments_complete(cohort=running.cohort, by=running.hr)

    assert completed == len(running.members)
