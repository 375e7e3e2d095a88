import pytest
from django.urls import reverse

from tests.factories import NotificationFactory, OrganisationFactory, UserFactory, hr_adviser

pytestmark = pytest.mark.django_db


def test_hr_sees_messages_that_could_not_be_emailed_to_people_of_their_organisation_only(english_client):
    organisation = OrganisationFactory()
    own_person = UserFactory(organisation=organisation, first_name="Eigen", last_name="Medewerker")
    other_person = UserFactory(organisation=OrganisationFactory(), first_name="Andere", last_name="Gemeente")
    failed = NotificationFactory(recipient=own_person, failed=True, subject="You have a place in Traineeship")
    NotificationFactory(recipient=other_person, failed=True)
    NotificationFactory(recipient=own_person, subject="Delivered message", email_status="sent")
    english_client.force_login(hr_adviser(organisation))

    response = english_client.get(reverse("dashboards:hr"))

    page = response.content.decode()
    assert [notification.pk for notification in response.context["failed_notifications"]] == [failed.pk]
    assert "Messages that could not be e-mailed" in page
    assert reverse("accounts:person_detail", args=[own_person.pk]) in page
    assert "You have a place in Traineeship" in page
    assert "Andere Gemeente" not in page
    assert "Delivered message" not in page


def test_hr_is_told_when_every_message_was_delivered(english_client):
    organisation = OrganisationFactory()
    NotificationFactory(recipient=UserFactory(organisation=organisation), email_status="sent")
    english_client.force_login(hr_adviser(organisation))

    page = english_client.get(reverse("dashboards:hr")).content.decode()

    assert "All messages were delivered to the mail server." in page
