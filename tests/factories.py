"""factory-boy factories for the people and organisations every later test needs."""

from datetime import date

import factory
from allauth.account.models import EmailAddress

from accounts.models import Department, EducationLevel, Organisation, Role, RoleAssignment, User

TEST_PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    slug = factory.Sequence(lambda n: f"gemeente-test-{n}")
    kind = Organisation.Kind.MUNICIPALITY


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.test")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    organisation = factory.SubFactory(OrganisationFactory)
    department = factory.LazyAttribute(lambda o: DepartmentFactory(organisation=o.organisation))
    date_of_birth = date(1995, 6, 15)
    employment_start_date = date(2022, 1, 1)
    education_level = EducationLevel.HBO
    introduction_completed_on = date(2022, 4, 1)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    class Params:
        platform_admin = factory.Trait(is_staff=True, is_superuser=True, organisation=None, department=None)


def hr_adviser(organisation: Organisation | None = None, **kwargs) -> User:
    organisation = organisation or OrganisationFactory()
    user = UserFactory(organisation=organisation, **kwargs)
    RoleAssignment.objects.create(user=user, role=Role.HR_ADVISER, organisation=organisation)
    return user


def with_role(user: User, role: str, organisation: Organisation | None = None) -> User:
    RoleAssignment.objects.create(user=user, role=role, organisation=organisation)
    return user
