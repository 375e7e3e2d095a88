import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications.context_processors import unread_notifications
from notifications.models import Notification
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

INBOX_URL = "/inbox/"


def test_the_inbox_is_mounted_at_inbox():
    assert reverse("notifications:inbox") == INBOX_URL


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(INBOX_URL)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_inbox_shows_only_the_persons_own_messages_newest_first(english_client):
    person = UserFactory()
    now = timezone.now()
    older = NotificationFactory(recipient=person, subject="Older message")
    newer = NotificationFactory(recipient=person, subject="Newer message")
    Notification.objects.filter(pk=older.pk).update(created_at=now - timedelta(days=1))
    NotificationFactory(subject="Message for someone else")
    english_client.force_login(person)

    response = english_client.get(INBOX_URL)

    assert [notification.pk for notification in response.context["page"].object_list] == [newer.pk, older.pk]
    assert "Message for someone else" not in response.content.decode()


def test_unread_messages_are_marked_in_words_not_only_by_colour(english_client):
    person = UserFactory()
    unread = NotificationFactory(recipient=person)
    read = NotificationFactory(recipient=person, read=True)
    english_client.force_login(person)

    page = english_client.get(INBOX_URL).content.decode()

    rows = page.split("<tr")
    [unread_row] = [row for row in rows if unread.get_absolute_url() in row]
    [read_row] = [row for row in rows if read.get_absolute_url() in row]
    assert '<span class="badge text-bg-warning">Unread</span>' in unread_row
    assert 'class="fw-bold"' in unread_row
    assert "Unread" not in read_row
    assert '<span class="text-body-secondary">Read</span>' in read_row


def test_the_inbox_shows_25_messages_a_page(client):
    person = UserFactory()
    NotificationFactory.create_batch(30, recipient=person)
    client.force_login(person)

    first = client.get(INBOX_URL)
    second = client.get(INBOX_URL, {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_the_inbox_query_count_does_not_grow_with_the_messages(client, django_assert_max_num_queries):
    person = UserFactory()
    NotificationFactory.create_batch(2, recipient=person)
    client.force_login(person)
    with CaptureQueriesContext(connection) as few:
        client.get(INBOX_URL)
    NotificationFactory.create_batch(30, recipient=person)
    NotificationFactory.create_batch(10, recipient=person, read=True)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INBOX_URL)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


def test_opening_a_message_marks_it_read_and_goes_to_the_page_to_act_on(client):
    person = UserFactory()
    notification = NotificationFactory(recipient=person, action_url="/enrolments/approvals/?cohort=3")
    client.force_login(person)

    response = client.get(notification.get_absolute_url())

    assert response.status_code == 302
    assert response.url == "/enrolments/approvals/?cohort=3"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_a_message_again_keeps_the_first_moment_it_was_read(client):
    person = UserFactory()
    first_read = timezone.now() - timedelta(days=2)
    notification = NotificationFactory(recipient=person, read_at=first_read)
    client.force_login(person)

    client.get(notification.get_absolute_url())

    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_someone_elses_message_answers_404_and_stays_unread(client):
    owner = UserFactory()
    notification = NotificationFactory(recipient=owner)
    client.force_login(UserFactory())

    response = client.get(notification.get_absolute_url())

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("action_url", ["/\\evil.example/", "/\t/evil.example/", "/\\/evil.example/"])
def test_a_message_never_redirects_to_another_site(client, action_url):
    person = UserFactory()
    notification = NotificationFactory(recipient=person, action_url=action_url)
    client.force_login(person)

    response = client.get(notification.get_absolute_url())

    assert response.status_code == 302
    assert response.url == INBOX_URL


def test_the_database_refuses_a_link_to_another_site():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        NotificationFactory(action_url="//evil.example/")


def test_mark_all_read_marks_only_the_persons_own_messages(client):
    person = UserFactory()
    own = NotificationFactory.create_batch(3, recipient=person)
    someone_elses = NotificationFactory()
    client.force_login(person)

    response = client.post(reverse("notifications:read_all"))

    assert response.status_code == 302
    assert response.url == INBOX_URL
    assert Notification.objects.filter(pk__in=[n.pk for n in own], read_at__isnull=True).count() == 0
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None


def test_mark_all_read_is_refused_for_a_get(client):
    person = UserFactory()
    notification = NotificationFactory(recipient=person)
    client.force_login(person)

    response = client.get(reverse("notifications:read_all"))

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_header_shows_the_inbox_link_with_the_unread_count(english_client):
    person = UserFactory()
    NotificationFactory.create_batch(2, recipient=person)
    NotificationFactory(recipient=person, read=True)
    NotificationFactory()
    english_client.force_login(person)

    response = english_client.get(reverse("dashboards:employee"))

    assert response.context["unread_notification_count"] == 2
    assert (
        '<span class="badge rounded-pill text-bg-warning">2<span class="visually-hidden"> unread messages</span></span>'
        in response.content.decode()
    )


def test_the_header_shows_no_badge_without_unread_messages(english_client):
    person = UserFactory()
    NotificationFactory(recipient=person, read=True)
    english_client.force_login(person)

    page = english_client.get(reverse("dashboards:employee")).content.decode()

    assert f'href="{INBOX_URL}"' in page
    assert "unread message" not in page


def test_the_inbox_link_is_the_current_page_on_the_inbox(english_client):
    english_client.force_login(UserFactory())

    page = english_client.get(INBOX_URL).content.decode()

    link = page.split(f'<a class="nav-link active" href="{INBOX_URL}" aria-current="page">', 1)[1].split("</a>", 1)[0]
    assert re.sub(r"<svg.*?</svg>", "", link, flags=re.S).startswith("Inbox")  # after its decorative icon


def test_the_unread_count_costs_one_query_per_request_and_none_when_anonymous(django_assert_num_queries):
    person = UserFactory()
    NotificationFactory.create_batch(3, recipient=person)
    request = RequestFactory().get("/")
    request.user = person
    anonymous_request = RequestFactory().get("/")
    anonymous_request.user = AnonymousUser()

    with django_assert_num_queries(1):
        assert unread_notifications(request) == {"unread_notification_count": 3}
        assert unread_notifications(request) == {"unread_notification_count": 3}
    with django_assert_num_queries(0):
        assert unread_notifications(anonymous_request) == {"unread_notification_count": 0}
