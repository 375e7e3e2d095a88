from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programmes import services
from programmes.models import Cohort
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory, TrackFactory, UserFactory, hr_adviser

pytestmark = pytest.mark.django_db


def test_the_new_cohort_form_defaults_to_the_programmes_group_rules(hr_client, programme):
    response = hr_client.get(reverse("programmes:cohort_create", args=[programme.slug]))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["capacity"].value() == 15
    assert form["start_threshold"].value() == 15


def test_hr_creates_a_planned_cohort(hr_client, hr, programme):
    response = hr_client.post(
        reverse("programmes:cohort_create", args=[programme.slug]),
        {
            "name": "Groep 2",
            "start_date": "2030-09-06",
            "end_date": "2031-02-21",
            "capacity": "15",
            "start_threshold": "15",
            "coordinator": str(hr.pk),
        },
    )

    cohort = Cohort.objects.get(programme=programme)
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:cohort_detail", args=[cohort.pk])
    assert (cohort.name, cohort.status, cohort.start_date, cohort.end_date) == (
        "Groep 2",
        Cohort.Status.PLANNED,
        date(2030, 9, 6),
        date(2031, 2, 21),
    )
    assert (cohort.capacity, cohort.start_threshold, cohort.coordinator) == (15, 15, hr)


def test_a_cohort_cannot_need_more_people_to_start_than_it_has_seats(hr_client, programme):
    response = hr_client.post(
        reverse("programmes:cohort_create", args=[programme.slug]),
        {"name": "Groep 2", "capacity": "12", "start_threshold": "15"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "start_threshold": ["The number needed to start cannot be more than the capacity."]
    }
    assert not Cohort.objects.exists()


def test_a_cohort_cannot_end_before_it_starts(hr_client, programme):
    response = hr_client.post(
        reverse("programmes:cohort_create", args=[programme.slug]),
        {
            "name": "Groep 2",
            "start_date": "2031-02-21",
            "end_date": "2030-09-06",
            "capacity": "15",
            "start_threshold": "15",
        },
    )

    assert response.context["form"].errors == {"end_date": ["The end date cannot be before the start date."]}
    assert not Cohort.objects.exists()


def test_the_coordinator_must_work_for_the_hr_advisers_organisation(hr_client, programme):
    outsider = UserFactory()

    response = hr_client.post(
        reverse("programmes:cohort_create", args=[programme.slug]),
        {"name": "Groep 2", "capacity": "15", "start_threshold": "15", "coordinator": str(outsider.pk)},
    )

    assert "coordinator" in response.context["form"].errors
    assert not Cohort.objects.exists()


def test_the_track_must_belong_to_the_programme(programme):
    other_track = TrackFactory()

    with pytest.raises(ValidationError) as error:
        services.cohort_create(programme=programme, name="Groep 2", track=other_track)

    assert error.value.message_dict == {"track": ["This track belongs to another programme."]}
    assert not Cohort.objects.exists()


def test_a_cohort_gets_a_track_or_year_level_of_its_programme(hr_client, programme):
    year_2 = TrackFactory(programme=programme, name="Jaar 2")

    hr_client.post(
        reverse("programmes:cohort_create", args=[programme.slug]),
        {"name": "Jaar 2 groep", "track": str(year_2.pk), "capacity": "20", "start_threshold": "1"},
    )

    assert Cohort.objects.get().track == year_2


def test_hr_edits_a_cohort(hr_client, programme):
    cohort = CohortFactory(programme=programme, name="Groep 1", planned=True)

    response = hr_client.post(
        reverse("programmes:cohort_edit", args=[cohort.pk]),
        {
            "name": "Groep 1 (najaar)",
            "start_date": "2030-10-04",
            "end_date": "2031-03-21",
            "capacity": "17",
            "start_threshold": "15",
        },
    )

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert (cohort.name, cohort.start_date, cohort.end_date, cohort.capacity, cohort.coordinator) == (
        "Groep 1 (najaar)",
        date(2030, 10, 4),
        date(2031, 3, 21),
        17,
        None,
    )
    assert cohort.status == Cohort.Status.PLANNED


def test_the_capacity_cannot_drop_below_the_people_already_placed(hr_client, programme):
    cohort = CohortFactory(programme=programme, capacity=15, start_threshold=2, status=Cohort.Status.OPEN)
    EnrolmentFactory.create_batch(3, cohort=cohort, placed=True)

    response = hr_client.post(
        reverse("programmes:cohort_edit", args=[cohort.pk]),
        {"name": cohort.name, "capacity": "2", "start_threshold": "2"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "capacity": ["3 people already have a place; the capacity cannot be lower."]
    }
    cohort.refresh_from_db()
    assert cohort.capacity == 15


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [
        ("planned", "open"),
        ("open", "full"),
        ("full", "running"),
        ("running", "completed"),
        ("completed", "evaluated"),
        ("open", "planned"),
        ("full", "open"),
        ("planned", "running"),
    ],
)
def test_hr_moves_the_status_along_an_allowed_transition(hr_client, programme, from_status, to_status):
    cohort = CohortFactory(programme=programme, status=from_status)

    response = hr_client.post(reverse("programmes:cohort_status", args=[cohort.pk]), {"status": to_status}, follow=True)

    cohort.refresh_from_db()
    assert cohort.status == to_status
    assert f"The cohort is now “{Cohort.Status(to_status).label}”." in response.content.decode()


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [
        ("planned", "completed"),
        ("open", "evaluated"),
        ("running", "open"),
        ("completed", "running"),
        ("evaluated", "planned"),
        ("planned", "planned"),
    ],
)
def test_a_forbidden_transition_is_refused_with_a_clear_message(hr_client, programme, from_status, to_status):
    cohort = CohortFactory(programme=programme, status=from_status)

    response = hr_client.post(reverse("programmes:cohort_status", args=[cohort.pk]), {"status": to_status}, follow=True)

    cohort.refresh_from_db()
    assert cohort.status == from_status
    current, new = Cohort.Status(from_status).label, Cohort.Status(to_status).label
    assert f"A cohort that is “{current}” cannot become “{new}”." in response.content.decode()


def test_an_unknown_status_is_refused(hr_client, programme):
    cohort = CohortFactory(programme=programme, status="planned")

    response = hr_client.post(
        reverse("programmes:cohort_status", args=[cohort.pk]), {"status": "cancelled"}, follow=True
    )

    cohort.refresh_from_db()
    assert cohort.status == "planned"
    assert "Choose a valid status." in response.content.decode()


def test_the_status_service_refuses_a_skipped_step():
    cohort = CohortFactory(programme=ProgrammeFactory(), status=Cohort.Status.PLANNED)

    with pytest.raises(ValidationError):
        services.cohort_status_change(cohort=cohort, to_status=Cohort.Status.EVALUATED)

    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.PLANNED


def test_the_status_cannot_be_changed_with_get(hr_client, programme):
    cohort = CohortFactory(programme=programme, status="planned")

    response = hr_client.get(reverse("programmes:cohort_status", args=[cohort.pk]) + "?status=open")

    assert response.status_code == 405
    cohort.refresh_from_db()
    assert cohort.status == "planned"


@pytest.mark.django_db
def test_raising_the_capacity_moves_the_waitlist_up_in_enrolment_order():
    from participants import services
    from participants.models import Enrolment

    cohort = CohortFactory(capacity=1, start_threshold=1)
    EnrolmentFactory(cohort=cohort, status=Enrolment.Status.PLACED)
    first = EnrolmentFactory(cohort=cohort, status=Enrolment.Status.WAITLISTED)
    second = EnrolmentFactory(cohort=cohort, status=Enrolment.Status.WAITLISTED)
    Enrolment.objects.filter(pk=first.pk).update(requested_at=second.requested_at.replace(year=2020))

    services.cohort_update(
        cohort=cohort,
        name=cohort.name,
        track=None,
        start_date=cohort.start_date,
        end_date=cohort.end_date,
        capacity=2,
        start_threshold=1,
        coordinator=None,
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Enrolment.Status.PLACED, Enrolment.Status.WAITLISTED)


@pytest.mark.django_db
def test_starting_a_cohort_makes_its_placed_members_active():
    from participants import services
    from participants.models import Enrolment

    cohort = CohortFactory(status="full")
    member = EnrolmentFactory(cohort=cohort, status=Enrolment.Status.PLACED)
    adviser = hr_adviser(cohort.programme.owner)

    services.cohort_status_change(cohort=cohort, to_status="running", by=adviser)

    member.refresh_from_db()
    assert member.status == Enrolment.Status.ACTIVE
