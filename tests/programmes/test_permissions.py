"""Only HR of the organisation that owns a programme sees it; everyone else gets 404, as if it did not exist."""

import pytest
from django.urls import reverse

from programmes.models import Cohort
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory, UserFactory, hr_adviser

pytestmark = pytest.mark.django_db


def pages(cohort):
    slug = cohort.programme.slug
    return [
        ("get", reverse("programmes:programme_detail", args=[slug])),
        ("get", reverse("programmes:cohort_create", args=[slug])),
        ("post", reverse("programmes:cohort_create", args=[slug])),
        ("get", reverse("programmes:cohort_detail", args=[cohort.pk])),
        ("get", reverse("programmes:cohort_edit", args=[cohort.pk])),
        ("post", reverse("programmes:cohort_edit", args=[cohort.pk])),
        ("post", reverse("programmes:cohort_status", args=[cohort.pk])),
        ("get", reverse("programmes:cohort_members_csv", args=[cohort.pk])),
    ]


def post_data(cohort):
    return {"name": "Taken over", "capacity": "1", "start_threshold": "1", "status": "open"}


@pytest.fixture
def cohort(programme):
    cohort = CohortFactory(programme=programme, name="Groep 1", planned=True)
    EnrolmentFactory(cohort=cohort, placed=True)
    return cohort


def test_hr_of_another_organisation_gets_404_everywhere_and_changes_nothing(client, cohort, other_hr):
    client.force_login(other_hr)

    for method, url in pages(cohort):
        response = getattr(client, method)(url, post_data(cohort))
        assert response.status_code == 404, (method, url)

    cohort.refresh_from_db()
    assert (cohort.name, cohort.status, cohort.capacity) == ("Groep 1", Cohort.Status.PLANNED, 15)
    assert Cohort.objects.count() == 1


def test_hr_of_a_participating_municipality_does_not_manage_the_programme(client, cohort, programme):
    """Participating in a network's programme is not owning it: the programme team runs the cohorts."""
    member = hr_adviser(UserFactory().organisation)
    programme.participating_organisations.add(member.organisation)
    client.force_login(member)

    for method, url in pages(cohort):
        assert getattr(client, method)(url, post_data(cohort)).status_code == 404, (method, url)


def test_an_employee_of_the_owner_gets_404(client, cohort, zwolle):
    client.force_login(UserFactory(organisation=zwolle))

    for method, url in [*pages(cohort), ("get", reverse("programmes:programme_list"))]:
        assert getattr(client, method)(url, post_data(cohort)).status_code == 404, (method, url)


def test_anonymous_visitors_are_sent_to_the_login_page(client, cohort):
    for method, url in [*pages(cohort), ("get", reverse("programmes:programme_list"))]:
        response = getattr(client, method)(url, post_data(cohort))
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("account_login"))


def test_the_programme_list_shows_only_programmes_hr_manages(client, programme, other_hr):
    theirs = ProgrammeFactory(owner=other_hr.organisation, name="Deventer talent")
    client.force_login(other_hr)

    page = client.get(reverse("programmes:programme_list")).content.decode()

    assert theirs.name in page
    assert programme.name not in page


def test_an_unknown_cohort_or_programme_is_404(hr_client):
    assert hr_client.get(reverse("programmes:cohort_detail", args=[999999])).status_code == 404
    assert hr_client.get(reverse("programmes:programme_detail", args=["no-such-programme"])).status_code == 404
