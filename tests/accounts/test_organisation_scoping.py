import pytest
from django.urls import reverse

from accounts.models import Department, Invitation
from tests.factories import DepartmentFactory, OrganisationFactory, UserFactory, hr_adviser


@pytest.fixture
def two_organisations():
    zwolle = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    dronten = OrganisationFactory(name="Gemeente Dronten", slug="dronten")
    return zwolle, dronten


@pytest.mark.django_db
def test_hr_sees_only_people_of_their_own_organisation(client, two_organisations):
    zwolle, dronten = two_organisations
    adviser = hr_adviser(zwolle)
    colleague = UserFactory(organisation=zwolle, last_name="Zwollenaar")
    UserFactory(organisation=dronten, last_name="Drontenaar")
    client.force_login(adviser)

    response = client.get(reverse("accounts:people"))

    names = [person.last_name for person in response.context["page"].object_list]
    assert colleague.last_name in names
    assert "Drontenaar" not in names


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["accounts:person_detail", "accounts:person_edit"])
def test_hr_of_another_organisation_gets_404_for_a_person(client, two_organisations, url_name):
    zwolle, dronten = two_organisations
    outsider = UserFactory(organisation=dronten)
    client.force_login(hr_adviser(zwolle))

    assert client.get(reverse(url_name, args=[outsider.pk])).status_code == 404


@pytest.mark.django_db
def test_hr_of_another_organisation_cannot_change_a_person(client, two_organisations):
    zwolle, dronten = two_organisations
    outsider = UserFactory(organisation=dronten, first_name="Origineel")
    client.force_login(hr_adviser(zwolle))

    response = client.post(
        reverse("accounts:person_edit", args=[outsider.pk]), {"first_name": "Gewijzigd", "last_name": "X"}
    )

    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.first_name == "Origineel"


@pytest.mark.django_db
def test_hr_of_another_organisation_cannot_invite_a_person(client, two_organisations):
    zwolle, dronten = two_organisations
    outsider = UserFactory(organisation=dronten)
    client.force_login(hr_adviser(zwolle))

    response = client.post(reverse("accounts:person_resend_invitation", args=[outsider.pk]))

    assert response.status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_hr_cannot_add_a_department_to_another_organisation(client, two_organisations):
    zwolle, dronten = two_organisations
    client.force_login(hr_adviser(zwolle))

    response = client.post(reverse("accounts:department_add", args=[dronten.pk]), {"name": "Stiekem"})

    assert response.status_code == 404
    assert not Department.objects.filter(name="Stiekem").exists()


@pytest.mark.django_db
def test_an_employee_cannot_open_hr_pages(client):
    employee = UserFactory()
    colleague = UserFactory(organisation=employee.organisation)
    client.force_login(employee)

    assert client.get(reverse("accounts:people")).status_code == 404
    assert client.get(reverse("accounts:person_detail", args=[colleague.pk])).status_code == 404


@pytest.mark.django_db
def test_hr_edits_a_person_of_their_own_organisation(client):
    organisation = OrganisationFactory()
    adviser = hr_adviser(organisation)
    department = DepartmentFactory(organisation=organisation, name="Sociaal Domein")
    manager = UserFactory(organisation=organisation)
    person = UserFactory(organisation=organisation)
    client.force_login(adviser)

    response = client.post(
        reverse("accounts:person_edit", args=[person.pk]),
        {
            "first_name": "Noor",
            "last_name": "van Dalen",
            "department": department.pk,
            "manager": manager.pk,
            "date_of_birth": "1996-03-04",
            "employment_start_date": "2024-09-01",
            "education_level": "mbo+",
            "introduction_completed_on": "2024-12-01",
            "contract_hours": "32",
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.department, person.manager) == (
        "Noor",
        "van Dalen",
        department,
        manager,
    )
    assert str(person.date_of_birth) == "1996-03-04"
    assert person.education_level == "mbo+"


@pytest.mark.django_db
def test_hr_cannot_pick_a_manager_from_another_organisation(client, two_organisations):
    zwolle, dronten = two_organisations
    person = UserFactory(organisation=zwolle)
    foreign_manager = UserFactory(organisation=dronten)
    client.force_login(hr_adviser(zwolle))

    response = client.post(
        reverse("accounts:person_edit", args=[person.pk]),
        {"first_name": "A", "last_name": "B", "manager": foreign_manager.pk},
    )

    assert response.status_code == 200
    assert "manager" in response.context["form"].errors
    person.refresh_from_db()
    assert person.manager is None


@pytest.mark.django_db
def test_people_list_query_count_does_not_grow_with_the_number_of_people(client, django_assert_max_num_queries):
    organisation = OrganisationFactory()
    adviser = hr_adviser(organisation)
    client.force_login(adviser)
    UserFactory(organisation=organisation)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("accounts:people"))
    manager = UserFactory(organisation=organisation)
    UserFactory.create_batch(30, organisation=organisation, manager=manager)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("accounts:people"))
    assert response.context["page"].paginator.count == 33
