import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import OrganisationFactory, UserFactory, hr_adviser, with_role

DASHBOARDS = {
    Role.HR_ADVISER: "dashboards:hr",
    Role.MANAGER: "dashboards:manager",
    Role.COACH: "dashboards:coach",
    Role.TRAINER: "dashboards:trainer",
    Role.CAREER_ADVISER: "dashboards:career_adviser",
    Role.EMPLOYEE: "dashboards:employee",
    Role.PLATFORM_ADMIN: "dashboards:platform_admin",
}


def person_with_only(role: str):
    """A person who has exactly this one role (and nothing derived beyond it)."""
    if role == Role.PLATFORM_ADMIN:
        return UserFactory(platform_admin=True)
    if role == Role.EMPLOYEE:
        return UserFactory()
    if role == Role.HR_ADVISER:
        return hr_adviser()
    if role == Role.MANAGER:
        manager = UserFactory()
        UserFactory(organisation=manager.organisation, manager=manager)
        return manager
    return with_role(UserFactory(organisation=None, department=None), role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(DASHBOARDS))
def test_each_role_lands_on_its_own_dashboard_after_login(client, role):
    person = person_with_only(role)
    client.force_login(person)

    response = client.get(reverse("dashboards:home"))

    assert response.status_code == 302
    assert response.url == reverse(DASHBOARDS[role])
    assert client.get(response.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(DASHBOARDS))
def test_nobody_reaches_the_dashboard_of_a_role_they_do_not_have(client, role):
    trainer_only = with_role(UserFactory(organisation=None, department=None), Role.TRAINER)
    employee = UserFactory()
    client.force_login(employee if role == Role.TRAINER else trainer_only)

    response = client.get(reverse(DASHBOARDS[role]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("dashboards:hr"))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_navigation_shows_only_the_sections_of_the_persons_roles(client):
    employee = UserFactory()
    client.force_login(employee)

    page = client.get(reverse("dashboards:employee")).content.decode()

    assert reverse("dashboards:employee") in page
    assert reverse("accounts:people") not in page
    assert reverse("dashboards:manager") not in page
    assert reverse("admin:index") not in page


@pytest.mark.django_db
def test_hr_navigation_links_to_every_hr_page(client):
    adviser = hr_adviser()
    client.force_login(adviser)

    page = client.get(reverse("dashboards:hr")).content.decode()

    for url_name in ["dashboards:hr", "accounts:people", "accounts:import_upload", "accounts:organisations"]:
        assert f'href="{reverse(url_name)}"' in page


@pytest.mark.django_db
def test_a_person_with_several_roles_can_reach_each_dashboard(client):
    organisation = OrganisationFactory()
    adviser = hr_adviser(organisation)
    with_role(adviser, Role.COACH)
    client.force_login(adviser)

    assert client.get(reverse("dashboards:home")).url == reverse("dashboards:hr")
    assert client.get(reverse("dashboards:coach")).status_code == 200
    assert client.get(reverse("dashboards:employee")).status_code == 200


@pytest.mark.django_db
def test_the_manager_dashboard_lists_only_their_own_reports(client):
    manager = UserFactory()
    own = UserFactory(organisation=manager.organisation, manager=manager, first_name="Eigen", last_name="Medewerker")
    UserFactory(organisation=manager.organisation, first_name="Ander", last_name="Team")
    client.force_login(manager)

    response = client.get(reverse("dashboards:manager"))

    assert [member.person.pk for member in response.context["home"].team] == [own.pk]
    assert "Ander Team" not in response.content.decode()


@pytest.mark.django_db
def test_the_manager_dashboard_query_count_does_not_grow_with_the_team(client, django_assert_max_num_queries):
    manager = UserFactory()
    client.force_login(manager)
    UserFactory(organisation=manager.organisation, manager=manager)
    # The home also reads requests, job swaps, open groups and budgets (tests/dashboards/test_manager_home.py
    # counts them with requests waiting); with none waiting, 14.
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("dashboards:manager"))
    UserFactory.create_batch(20, organisation=manager.organisation, manager=manager)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("dashboards:manager"))
