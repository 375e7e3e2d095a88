"""The menu: a few entries per role, related pages grouped in menus, one role at a time with a role switch,
counts of what waits as badges, and the current page marked (issue 12, item 2)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from dashboards.navigation import navigation_for
from participants.models import Enrolment
from tests.factories import EnrolmentFactory, UserFactory, hr_adviser, with_role

MY_SCHEDULE = reverse("sessions:my_schedule")
APPROVALS = reverse("participants:approvals")


def _menu(page: str) -> str:
    return page.split('<ul class="navbar-nav me-auto">', 1)[1].split('<ul class="navbar-nav">', 1)[0]


def _menu_urls(page: str) -> list[str]:
    """The href of every page link in the main menu (menus included), in order."""
    return re.findall(r'href="([^"]+)"', _menu(page))


def _role_switch(page: str) -> list[str]:
    if "Switch role" not in page:
        return []
    switch = page.split("Switch role", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', switch)


@pytest.mark.django_db
def test_a_person_with_two_roles_sees_one_roles_menu_and_switches_in_one_place(english_client):
    adviser = with_role(UserFactory(), Role.CAREER_ADVISER)  # an organisation makes them an employee as well
    english_client.force_login(adviser)

    page = english_client.get(reverse("dashboards:career_adviser")).content.decode()

    urls = _menu_urls(page)
    assert urls == [reverse("dashboards:career_adviser"), reverse("sessions:slots"), MY_SCHEDULE]
    assert _role_switch(page) == [reverse("dashboards:career_adviser"), reverse("dashboards:employee")]

    # Switching to the employee role shows the employee's own pages, My schedule among them, once.
    page = english_client.get(reverse("dashboards:employee")).content.decode()
    urls = _menu_urls(page)
    assert reverse("coaching:my_coaching") in urls and reverse("sessions:slots") not in urls
    assert urls.count(MY_SCHEDULE) == 1

    # A page both roles have keeps the role chosen last.
    page = english_client.get(MY_SCHEDULE).content.decode()
    assert reverse("coaching:my_coaching") in _menu_urls(page)


@pytest.mark.django_db
def test_someone_with_one_role_gets_no_role_switch(english_client):
    person = UserFactory()
    english_client.force_login(person)

    page = english_client.get(reverse("dashboards:employee")).content.decode()

    assert _role_switch(page) == []
    assert "Switch role" not in page


@pytest.mark.django_db
def test_no_url_appears_twice_in_any_roles_menu():
    person = hr_adviser(is_staff=True, is_superuser=True)
    for role in (Role.COACH, Role.TRAINER, Role.CAREER_ADVISER):
        with_role(person, role)
    UserFactory(organisation=person.organisation, manager=person)  # a report makes them a manager

    sections = navigation_for(person)

    assert [section.role for section in sections] == [
        Role.HR_ADVISER,
        Role.MANAGER,
        Role.COACH,
        Role.CAREER_ADVISER,
        Role.TRAINER,
        Role.EMPLOYEE,
        Role.PLATFORM_ADMIN,
    ]
    for section in sections:
        urls = [item.url for item in section.items]
        assert len(urls) == len(set(urls)), section.role
    assert [section.items[0].url_name for section in sections] == [
        "dashboards:hr",
        "dashboards:manager",
        "dashboards:coach",
        "dashboards:career_adviser",
        "dashboards:trainer",
        "dashboards:employee",
        "dashboards:platform_admin",
    ]


@pytest.mark.django_db
def test_the_hr_menu_has_five_entries_at_most_and_every_hr_page_in_its_menus(english_client):
    adviser = hr_adviser()
    english_client.force_login(adviser)

    page = english_client.get(reverse("dashboards:hr")).content.decode()

    menu = _menu(page)
    top_level = re.findall(r'<li class="nav-item( dropdown)?">', menu)
    assert len(top_level) <= 5
    for url_name in (
        "programmes:programme_list",
        "participants:budgets",
        "coaching:pool",
        "placements:host_assignments",
        "accounts:people",
        "accounts:import_upload",
        "accounts:organisations",
    ):
        assert f'href="{reverse(url_name)}"' in menu, url_name


@pytest.mark.django_db
def test_the_current_page_is_marked_and_so_is_its_menu(english_client):
    english_client.force_login(hr_adviser())

    page = english_client.get(reverse("participants:budgets")).content.decode()

    menu = _menu(page)
    assert f'class="dropdown-item active" href="{reverse("participants:budgets")}" aria-current="page"' in menu
    assert 'dropdown-toggle active" data-bs-toggle="dropdown" aria-expanded="false">Programmes' in menu
    assert menu.count('aria-current="page"') == 1


@pytest.mark.django_db
def test_the_approvals_badge_counts_requests_of_own_staff_and_goes_when_decided(english_client):
    manager = UserFactory()
    request = EnrolmentFactory(person=UserFactory(organisation=manager.organisation, manager=manager))
    EnrolmentFactory(person=UserFactory(organisation=manager.organisation, manager=manager))
    EnrolmentFactory()  # someone else's request: not this manager's count
    english_client.force_login(manager)

    menu = _menu(english_client.get(reverse("dashboards:manager")).content.decode())
    assert re.search(rf'href="{APPROVALS}">Programme requests <span class="badge[^"]*">2<span', menu)
    assert ">Approvals <span" in menu  # the menu itself carries the total

    Enrolment.objects.filter(pk=request.pk).update(status=Enrolment.Status.APPROVED)
    menu = _menu(english_client.get(reverse("dashboards:manager")).content.decode())
    assert re.search(rf'href="{APPROVALS}">Programme requests <span class="badge[^"]*">1<span', menu)


@pytest.mark.django_db
def test_another_managers_staff_never_count_in_the_badge(english_client):
    manager, other = UserFactory(), UserFactory()
    EnrolmentFactory(person=UserFactory(organisation=other.organisation, manager=other))
    UserFactory(organisation=manager.organisation, manager=manager)  # a report, with no request
    english_client.force_login(manager)

    menu = _menu(english_client.get(reverse("dashboards:manager")).content.decode())

    assert f'href="{APPROVALS}">Programme requests</a>' in menu


@pytest.mark.django_db
def test_the_menu_costs_the_same_queries_with_many_requests(client, django_assert_max_num_queries):
    manager = UserFactory()

    def measure() -> int:
        client.force_login(manager)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(APPROVALS)
        return len(queries)

    EnrolmentFactory(person=UserFactory(organisation=manager.organisation, manager=manager))
    few = measure()
    for _ in range(5):
        EnrolmentFactory(person=UserFactory(organisation=manager.organisation, manager=manager))
    with django_assert_max_num_queries(few):
        client.get(APPROVALS)


@pytest.mark.django_db
def test_a_trainer_alone_keeps_my_sessions():
    trainer = with_role(UserFactory(organisation=None, department=None), Role.TRAINER)

    sections = navigation_for(trainer)

    with translation.override("en"):
        labels = [(str(item.label), item.url) for section in sections for item in section.items]
    assert labels == [
        ("Training", reverse("dashboards:trainer")),
        ("My sessions", MY_SCHEDULE),
    ]
