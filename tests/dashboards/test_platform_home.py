"""The platform admin's home: organisations, people by role, and the health of tasks and e-mail, told apart
from a real worker and beat's heartbeat (issue 12, item 1)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.health import last_heartbeat, record_heartbeat, task_health
from notifications.models import Notification
from tests.factories import (
    CohortFactory,
    NotificationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    hr_adviser,
    with_role,
)
from tests.waiting import wait_for

HOME = reverse("dashboards:platform_admin")


@pytest.fixture
def admin():
    return UserFactory(platform_admin=True)


@pytest.mark.django_db
def test_the_platform_counts_organisations_and_people_by_role(english_client, admin):
    zwolle = OrganisationFactory(name="Gemeente Zwolle")
    manager = UserFactory(organisation=zwolle)
    UserFactory.create_batch(3, organisation=zwolle, manager=manager)
    UserFactory(organisation=zwolle, is_active=False)
    hr_adviser(zwolle)
    with_role(UserFactory(organisation=zwolle), Role.COACH)
    programme = ProgrammeFactory(owner=zwolle)
    CohortFactory(programme=programme, running=True)
    CohortFactory(programme=programme, completed=True)
    english_client.force_login(admin)

    response = english_client.get(HOME)

    home = response.context["home"]
    counts = {role.role: role.count for role in home.roles}
    assert counts[Role.EMPLOYEE] == 6  # the manager, three reports, HR and the coach; not the inactive one
    assert (counts[Role.MANAGER], counts[Role.HR_ADVISER], counts[Role.COACH]) == (1, 1, 1)
    assert counts[Role.PLATFORM_ADMIN] == 1
    [row] = [organisation for organisation in home.organisations if organisation.name == "Gemeente Zwolle"]
    assert (row.people_count, row.programme_count, row.running_cohort_count) == (6, 1, 1)


@pytest.mark.django_db
def test_without_a_broker_the_page_says_scheduled_work_does_not_run(english_client, admin):
    english_client.force_login(admin)

    page = english_client.get(HOME).content.decode()

    assert "no broker is configured; scheduled work" in page


@pytest.mark.django_db
def test_failed_and_long_unsent_emails_show_until_they_are_sent(english_client, admin):
    NotificationFactory(failed=True)
    stuck = NotificationFactory()
    Notification.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=2))
    NotificationFactory()  # pending for a moment only: on its way
    english_client.force_login(admin)

    home = english_client.get(HOME).context["home"]
    assert (home.failed_emails, home.unsent_emails) == (1, 1)

    Notification.objects.update(email_status=Notification.EmailStatus.SENT)
    response = english_client.get(HOME)
    assert (response.context["home"].failed_emails, response.context["home"].unsent_emails) == (0, 0)
    assert "Every message was e-mailed or is on its way." in response.content.decode()


@pytest.mark.django_db
def test_an_hr_adviser_is_refused_the_platform_page(client):
    client.force_login(hr_adviser())

    assert client.get(HOME).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 5])
def test_the_platform_page_needs_the_same_queries_at_five_times_the_data(
    client, admin, django_assert_max_num_queries, size
):
    for _ in range(size):
        organisation = OrganisationFactory()
        UserFactory.create_batch(3, organisation=organisation)
        hr_adviser(organisation)
        CohortFactory(programme=ProgrammeFactory(owner=organisation), running=True)
        NotificationFactory(failed=True)
    client.force_login(admin)

    # session, user, roles (2), unread count; organisations (count and page), people, role assignments,
    # derived roles, e-mail delivery
    with django_assert_max_num_queries(11):
        response = client.get(HOME)

    assert response.context["home"].organisation_count == 2 * size  # each NotificationFactory's own too


@pytest.mark.celery_worker
def test_a_real_worker_running_the_heartbeat_makes_the_tasks_healthy_and_a_stale_beat_shows(celery_worker):
    from core.tasks import heartbeat

    heartbeat.delay()

    assert wait_for(lambda: last_heartbeat() is not None)
    health = task_health()
    assert not health.runs_in_process and health.heartbeat_recent and health.workers
    assert health.healthy

    record_heartbeat(now=timezone.now() - timedelta(minutes=10))  # beat stopped ten minutes ago
    stale = task_health()
    assert stale.workers and not stale.heartbeat_recent and not stale.healthy
