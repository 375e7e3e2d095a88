"""The menu: one entry per page, whatever combination of roles a person has (issue 10, section 8)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from dashboards.navigation import navigation_for
from tests.factories import UserFactory, hr_adviser, with_role

MY_SCHEDULE = reverse("sessions:my_schedule")


def _menu_urls(page: str) -> list[str]:
    """The href of every link in the main menu (the navbar list before the inbox), in order."""
    menu = page.split('<ul class="navbar-nav me-auto">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', menu)


@pytest.mark.django_db
def test_a_career_adviser_who_is_also_an_employee_sees_my_schedule_once(english_client):
    adviser = with_role(UserFactory(), Role.CAREER_ADVISER)  # an organisation makes them an employee as well
    english_client.force_login(adviser)

    page = english_client.get(reverse("dashboards:career_adviser")).content.decode()

    urls = _menu_urls(page)
    assert urls.count(MY_SCHEDULE) == 1
    assert len(urls) == len(set(urls))
    # The employee's own pages are still there; only the repeat is gone, and it stays in the adviser's section.
    assert reverse("coaching:my_coaching") in urls
    sections = {section.role: [item.url for item in section.items] for section in navigation_for(adviser)}
    assert MY_SCHEDULE in sections[Role.CAREER_ADVISER]
    assert MY_SCHEDULE not in sections[Role.EMPLOYEE]


@pytest.mark.django_db
def test_no_url_appears_twice_for_a_person_with_every_role():
    person = hr_adviser(is_staff=True, is_superuser=True)
    for role in (Role.COACH, Role.TRAINER, Role.CAREER_ADVISER):
        with_role(person, role)
    UserFactory(organisation=person.organisation, manager=person)  # a report makes them a manager

    sections = navigation_for(person)

    urls = [item.url for section in sections for item in section.items]
    assert [section.role for section in sections] == [
        Role.HR_ADVISER,
        Role.MANAGER,
        Role.COACH,
        Role.CAREER_ADVISER,
        Role.TRAINER,
        Role.EMPLOYEE,
        Role.PLATFORM_ADMIN,
    ]
    assert len(urls) == len(set(urls))
    assert urls.count(MY_SCHEDULE) == 1
    # Each section still begins with its own dashboard.
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
def test_a_trainer_alone_keeps_my_sessions():
    trainer = with_role(UserFactory(organisation=None, department=None), Role.TRAINER)

    sections = navigation_for(trainer)

    with translation.override("en"):
        labels = [(str(item.label), item.url) for section in sections for item in section.items]
    assert labels == [
        ("Training", reverse("dashboards:trainer")),
        ("My sessions", MY_SCHEDULE),
    ]
