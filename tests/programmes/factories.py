"""Factories for programmes, cohorts and organisation applications (kept apart from tests/factories.py)."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from participants.models import Enrolment, OrganisationApplication
from programmes.models import Cohort, CostItem, Programme, Track
from tests.factories import OrganisationFactory, UserFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = Programme.Kind.YOUNG_STAFF_TRACK
    owner = factory.SubFactory(OrganisationFactory)
    group_capacity = 15
    start_threshold = 15
    duration_months = 6

    class Params:
        learning_programme = factory.Trait(
            kind=Programme.Kind.LEARNING_PROGRAMME,
            enrolment_mode=Programme.EnrolmentMode.ORGANISATION,
            requires_manager_approval=False,
        )


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Track.Kind.YEAR_LEVEL
    name = factory.Sequence(lambda n: f"Year {n}")


class CostItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostItem

    programme = factory.SubFactory(ProgrammeFactory)
    kind = CostItem.Kind.COST
    description = factory.Sequence(lambda n: f"Item {n}")
    quantity = 1
    unit_amount = Decimal("100.00")

    class Params:
        subsidy = factory.Trait(kind=CostItem.Kind.SUBSIDY)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    status = Cohort.Status.PLANNED
    start_date = date(2030, 9, 6)
    end_date = date(2031, 2, 21)
    capacity = factory.LazyAttribute(lambda o: o.programme.group_capacity)
    start_threshold = factory.LazyAttribute(lambda o: o.programme.start_threshold)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """Created straight in the database; the enrolment services are the enrolment engineer's to test."""

    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory(UserFactory)
    status = Enrolment.Status.PLACED
    requested_at = factory.LazyFunction(timezone.now)
    cost = Decimal("0.00")


class OrganisationApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationApplication

    programme = factory.SubFactory(ProgrammeFactory, learning_programme=True)
    organisation = factory.SubFactory(OrganisationFactory)
    contact = None
    motivation = "We want to strengthen the democratic craftsmanship of our district officers."
    commitment = "College and council support it."
