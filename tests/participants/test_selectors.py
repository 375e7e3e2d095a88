"""The reads other apps build on: the cohort overview for HR's cohort page, and the employee's lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Enrolment
from participants.selectors import cohort_enrolment_overview, employee_programmes_overview, enrolments_of_person
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, ProgrammeFactory, UserFactory

from .conftest import employee_of

S = Enrolment.Status


def _fill(cohort, count):
    for i in range(count):
        EnrolmentFactory(
            cohort=cohort, status=[S.PLACED, S.ACTIVE, S.WAITLISTED, S.AWAITING_MANAGER, S.REJECTED][i % 5]
        )


@pytest.mark.django_db
def test_the_cohort_overview_groups_members_in_order_in_one_query(zwolle, django_assert_num_queries):
    now = timezone.now()
    zwolle.cohort.capacity = zwolle.cohort.start_threshold = 2
    zwolle.cohort.save()
    late = EnrolmentFactory(cohort=zwolle.cohort, waitlisted=True, requested_at=now - timedelta(days=1))
    early = EnrolmentFactory(cohort=zwolle.cohort, waitlisted=True, requested_at=now - timedelta(days=2))
    placed = EnrolmentFactory(cohort=zwolle.cohort, placed=True, requested_at=now - timedelta(days=5))
    active = EnrolmentFactory(cohort=zwolle.cohort, active=True, requested_at=now - timedelta(days=4))
    pending = EnrolmentFactory(cohort=zwolle.cohort, requested_at=now - timedelta(days=3))
    EnrolmentFactory(cohort=zwolle.cohort, rejected=True)
    EnrolmentFactory(cohort=zwolle.cohort, withdrawn=True)

    with django_assert_num_queries(1):
        overview = cohort_enrolment_overview(cohort=zwolle.cohort)
        names = [e.person.full_name for e in overview["placed"] + overview["waitlisted"] + overview["pending"]]

    assert overview["placed"] == [placed, active]
    assert overview["waitlisted"] == [early, late]
    # Both seats are taken; the request still waiting for its manager was made first, so it is first in line.
    assert overview["queue"] == [pending, early, late]
    assert [e.waitlist_position for e in overview["queue"]] == [1, 2, 3]
    assert overview["pending"] == [pending]
    assert overview["pending"][0].waiting_days == 3
    assert overview["counts"] == {
        "placed": 2,
        "waitlisted": 2,
        "pending": 1,
        "holding": 0,
        "capacity": 2,
        "seats_left": 0,
        "start_threshold": 2,
    }
    assert len(names) == 5


@pytest.mark.django_db
def test_the_cohort_overview_stays_one_query_as_the_cohort_grows(zwolle, django_assert_num_queries):
    _fill(zwolle.cohort, 40)

    with django_assert_num_queries(1):
        overview = cohort_enrolment_overview(cohort=zwolle.cohort)
        [(e.person.organisation, e.person.department, e.department, e.approver) for e in overview["placed"]]

    assert overview["counts"]["placed"] == 16


@pytest.mark.django_db
def test_the_programmes_overview_shows_own_and_open_to_all_programmes_only(zwolle):
    person = employee_of(zwolle.manager)
    open_to_all = CohortFactory(programme=ProgrammeFactory(requires_participating_employer=False))
    CohortFactory(programme=ProgrammeFactory(owner=OrganisationFactory(slug="dronten")))
    CohortFactory(programme=ProgrammeFactory(owner=zwolle.organisation, is_active=False))
    CohortFactory(programme=zwolle.programme, completed=True)

    rows = employee_programmes_overview(person=person, on_date=timezone.localdate())

    assert {row["cohort"] for row in rows} == {zwolle.cohort, open_to_all}
    assert all(row["can_enrol"] for row in rows)


@pytest.mark.django_db
def test_my_enrolments_are_newest_first_with_waitlist_positions_per_cohort(zwolle):
    person = employee_of(zwolle.manager)
    other_cohort = CohortFactory(programme=zwolle.programme, capacity=1, start_threshold=1)
    EnrolmentFactory(cohort=other_cohort, placed=True)
    EnrolmentFactory.create_batch(3, cohort=other_cohort, waitlisted=True)
    first = EnrolmentFactory(cohort=zwolle.cohort, person=person, placed=True)
    second = EnrolmentFactory(cohort=other_cohort, person=person, waitlisted=True)

    enrolments = list(enrolments_of_person(person=person))

    assert enrolments == [second, first]
    assert [e.waitlist_position for e in enrolments] == [4, None]


@pytest.mark.django_db
def test_the_admin_shows_enrolments_read_only(client, zwolle):
    enrolment = EnrolmentFactory(cohort=zwolle.cohort)
    client.force_login(UserFactory(platform_admin=True))

    assert client.get(reverse("admin:participants_enrolment_changelist")).status_code == 200
    assert client.get(reverse("admin:participants_enrolment_change", args=[enrolment.pk])).status_code == 200
    assert client.get(reverse("admin:participants_enrolment_add")).status_code == 403
    assert client.get(reverse("admin:participants_departmentbudget_changelist")).status_code == 200
