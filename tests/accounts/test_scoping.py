"""The one scope rule (accounts/scoping.py): HR advisers manage what belongs to their own organisations."""

import pytest

from accounts.models import Organisation, User
from accounts.scoping import hr_organisation_ids, is_hr_of
from participants.models import Enrolment
from programmes.models import Cohort, Programme
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    hr_adviser,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_municipalities():
    zwolle, deventer = OrganisationFactory(name="Zwolle"), OrganisationFactory(name="Deventer")
    return zwolle, deventer, hr_adviser(zwolle), hr_adviser(deventer)


def test_hr_manages_the_programmes_and_cohorts_of_their_own_organisation_only(two_municipalities):
    zwolle, deventer, zwolle_hr, deventer_hr = two_municipalities
    own = CohortFactory(programme=ProgrammeFactory(owner=zwolle))
    other = CohortFactory(programme=ProgrammeFactory(owner=deventer))

    assert list(Programme.objects.managed_by(zwolle_hr)) == [own.programme]
    assert list(Cohort.objects.managed_by(zwolle_hr)) == [own]
    assert list(Cohort.objects.managed_by(deventer_hr)) == [other]
    assert is_hr_of(zwolle_hr, own.programme.owner_id)
    assert not is_hr_of(zwolle_hr, other.programme.owner_id)


def test_an_enrolment_is_managed_by_hr_of_the_programme_owner_and_of_the_employer(two_municipalities):
    zwolle, deventer, zwolle_hr, deventer_hr = two_municipalities
    third_hr = hr_adviser(OrganisationFactory(name="Kampen"))
    enrolment = EnrolmentFactory(
        cohort=CohortFactory(programme=ProgrammeFactory(owner=zwolle)), person=UserFactory(organisation=deventer)
    )

    assert list(Enrolment.objects.managed_by(zwolle_hr)) == [enrolment]
    assert list(Enrolment.objects.managed_by(deventer_hr)) == [enrolment]
    assert list(Enrolment.objects.managed_by(third_hr)) == []


def test_someone_without_an_hr_role_manages_nothing_and_costs_no_list_query(
    two_municipalities, django_assert_num_queries
):
    zwolle, _, _, _ = two_municipalities
    CohortFactory(programme=ProgrammeFactory(owner=zwolle))
    employee = UserFactory(organisation=zwolle)

    with django_assert_num_queries(1):  # the person's HR roles, looked up once
        assert hr_organisation_ids(employee) == frozenset()
        assert list(Cohort.objects.managed_by(employee)) == []
        assert list(Organisation.objects.managed_by(employee)) == []
        assert list(User.objects.managed_by(employee)) == []


def test_the_hr_organisations_are_looked_up_once_per_request_object(two_municipalities, django_assert_num_queries):
    zwolle, _, zwolle_hr, _ = two_municipalities
    with django_assert_num_queries(1):
        assert hr_organisation_ids(zwolle_hr) == frozenset({zwolle.pk})
        assert hr_organisation_ids(zwolle_hr) == frozenset({zwolle.pk})
        assert is_hr_of(zwolle_hr, zwolle.pk)
