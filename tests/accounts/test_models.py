import pytest
from django.db import IntegrityError

from accounts.models import Role, RoleAssignment, User
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.django_db
def test_email_is_the_login_and_is_stored_lowercase():
    user = User.objects.create_user(email="Anna.de.Vries@Example.TEST", password="s3cret-enough-1")

    assert user.email == "anna.de.vries@example.test"
    assert user.check_password("s3cret-enough-1")
    assert User.USERNAME_FIELD == "email"


@pytest.mark.django_db
def test_user_without_password_cannot_log_in_until_they_set_one():
    user = User.objects.create_user(email="nieuw@example.test")

    assert not user.has_usable_password()


@pytest.mark.django_db
def test_email_addresses_are_unique_regardless_of_case():
    UserFactory(email="piet@example.test")

    with pytest.raises(IntegrityError):
        User.objects.create(email="PIET@example.test")


@pytest.mark.django_db
def test_a_person_cannot_be_their_own_manager():
    person = UserFactory()
    person.manager = person

    with pytest.raises(IntegrityError):
        person.save()


@pytest.mark.django_db
def test_an_hr_adviser_role_needs_an_organisation():
    user = UserFactory()

    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=user, role=Role.HR_ADVISER, organisation=None)


@pytest.mark.django_db
def test_organisations_can_belong_to_a_network():
    region = OrganisationFactory(name="Talentenregio", slug="talentenregio", kind="region")
    dronten = OrganisationFactory(name="Gemeente Dronten", slug="dronten")
    dronten.networks.add(region)

    assert list(region.members.all()) == [dronten]
