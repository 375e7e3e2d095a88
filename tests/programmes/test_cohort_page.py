from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participants.models import Enrolment
from tests.factories import CohortFactory, CostItemFactory, DepartmentFactory, EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def cohort(programme):
    CostItemFactory(programme=programme, description="Externe training", quantity=4, unit_amount=Decimal("2000"))
    CostItemFactory(programme=programme, description="Intervisiebijeenkomst", quantity=10, unit_amount=Decimal("600"))
    return CohortFactory(programme=programme, name="Groep 1", status="open", capacity=15, start_threshold=15)


def test_the_cohort_page_shows_seats_left_and_how_many_more_are_needed_to_start(hr_client, cohort):
    EnrolmentFactory.create_batch(12, cohort=cohort, status=Enrolment.Status.PLACED)
    EnrolmentFactory(cohort=cohort, status=Enrolment.Status.ACTIVE)

    response = hr_client.get(reverse("programmes:cohort_detail", args=[cohort.pk]))

    page = response.content.decode()
    assert response.context["seats"] == {
        "placed_count": 13,
        "seats_left": 2,
        "threshold_reached": False,
        "more_needed": 2,
    }
    assert "seats left" in page
    assert "2 more needed to start" in page
    assert "The group starts when 15 have a place." in page


def test_the_cohort_page_says_when_the_start_threshold_is_reached(hr_client, cohort):
    EnrolmentFactory.create_batch(15, cohort=cohort, placed=True)

    page = hr_client.get(reverse("programmes:cohort_detail", args=[cohort.pk])).content.decode()

    assert "Start threshold reached" in page
    assert "more needed to start" not in page


def test_the_cohort_page_shows_members_waitlist_pending_approvals_and_costs(hr_client, cohort):
    now = timezone.now()
    member = EnrolmentFactory(cohort=cohort, person=UserFactory(first_name="Sanne", last_name="Verhoef"), placed=True)
    EnrolmentFactory(
        cohort=cohort,
        status=Enrolment.Status.WAITLISTED,
        person=UserFactory(first_name="Daan", last_name="de Wit"),
        requested_at=now - timedelta(days=1),
    )
    EnrolmentFactory(
        cohort=cohort,
        status=Enrolment.Status.AWAITING_MANAGER,
        person=UserFactory(first_name="Lotte", last_name="Kuipers"),
        requested_at=now - timedelta(days=9, hours=2),
    )
    EnrolmentFactory(cohort=cohort, status=Enrolment.Status.WITHDRAWN, person=UserFactory(first_name="Weg"))

    response = hr_client.get(reverse("programmes:cohort_detail", args=[cohort.pk]))

    page = response.content.decode()
    assert [e.person.first_name for e in response.context["placed"]] == ["Sanne"]
    assert [e.person.first_name for e in response.context["waitlisted"]] == ["Daan"]
    assert [e.person.first_name for e in response.context["pending"]] == ["Lotte"]
    assert reverse("participants:enrolment_detail", args=[member.pk]) in page
    assert [e.person.first_name for e in response.context["queue"]] == ["Lotte", "Daan"]
    assert "<td>9 days</td>" in page
    assert "Weg" not in page
    assert "This cohort costs € 14,000.00: € 933.33 per participant." in page.replace("\xa0", " ")


def test_the_cohort_page_offers_only_the_allowed_next_statuses(hr_client, cohort):
    response = hr_client.get(reverse("programmes:cohort_detail", args=[cohort.pk]))

    assert [status.value for status in response.context["allowed_statuses"]] == ["full", "running", "planned"]


def test_the_cohort_page_needs_the_same_number_of_queries_for_5_or_30_members(
    hr_client, cohort, django_assert_num_queries
):
    def enrol(count):
        for index in range(count):
            status = [Enrolment.Status.PLACED, Enrolment.Status.WAITLISTED, Enrolment.Status.AWAITING_MANAGER][
                index % 3
            ]
            person = UserFactory(organisation=cohort.programme.owner)
            EnrolmentFactory(cohort=cohort, person=person, status=status, department=person.department)

    url = reverse("programmes:cohort_detail", args=[cohort.pk])
    enrol(5)
    hr_client.get(url)  # warm up: session and caches
    with CaptureQueriesContext(connection) as small:
        hr_client.get(url)
    enrol(25)

    with django_assert_num_queries(len(small.captured_queries)):
        response = hr_client.get(url)

    assert (
        len(response.context["placed"]) + len(response.context["waitlisted"]) + len(response.context["pending"]) == 30
    )


def test_the_members_csv_is_for_dutch_excel_and_holds_only_what_hr_needs(hr_client, cohort, zwolle):
    department = DepartmentFactory(organisation=zwolle, name="Sociaal Domein")
    placed = UserFactory(
        organisation=zwolle,
        department=department,
        first_name="Sanne",
        last_name="Verhoef",
        email="sanne.verhoef@zwolle.test",
    )
    waiting = UserFactory(
        organisation=zwolle, department=department, first_name="=Daan", last_name="de Wit", email="daan@zwolle.test"
    )
    EnrolmentFactory(
        cohort=cohort,
        person=placed,
        placed=True,
        department=department,
        requested_at=datetime(2030, 5, 1, 9, 30, tzinfo=AMSTERDAM),
    )
    EnrolmentFactory(
        cohort=cohort,
        person=waiting,
        status=Enrolment.Status.WAITLISTED,
        department=None,  # no paying department chosen: the CSV shows where the person works
        requested_at=datetime(2030, 5, 2, 14, 5, tzinfo=AMSTERDAM),
    )
    EnrolmentFactory(cohort=cohort, status=Enrolment.Status.REJECTED)
    cohort.capacity = cohort.start_threshold = 1
    cohort.save()

    response = hr_client.get(reverse("programmes:cohort_members_csv", args=[cohort.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="zwolle-leer-en-ontwikkeltraject-groep-1.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").split("\r\n") == [
        "Name;E-mail address;Organisation;Department;Status;Requested at;Position",
        "Sanne Verhoef;sanne.verhoef@zwolle.test;Gemeente Zwolle;Sociaal Domein;Placed;2030-05-01 09:30;1",
        "'=Daan de Wit;daan@zwolle.test;Gemeente Zwolle;Sociaal Domein;Waitlisted;2030-05-02 14:05;1",
        "",
    ]
