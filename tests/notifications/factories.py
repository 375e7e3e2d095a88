"""Programmes, cohorts and enrolments enough for notification tests, and stored notifications."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from notifications.models import Notification
from participants.models import Enrolment
from programmes.models import Cohort, Programme
from tests.factories import OrganisationFactory, UserFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = Programme.Kind.YOUNG_STAFF_TRACK
    owner = factory.SubFactory(OrganisationFactory)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    start_date = date(2026, 9, 4)
    capacity = 15
    start_threshold = 12


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory(UserFactory)
    status = Enrolment.Status.AWAITING_MANAGER
    requested_at = factory.LazyFunction(timezone.now)
    cost = Decimal("933.33")


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    event = "enrolment_placed"
    key = factory.Sequence(lambda n: f"enrolment-{n}")
    subject = factory.Sequence(lambda n: f"Message {n}")
    body = "You have a place."
    action_url = "/enrolments/"

    class Params:
        read = factory.Trait(read_at=factory.LazyFunction(timezone.now))
        failed = factory.Trait(
            email_status=Notification.EmailStatus.FAILED, email_attempts=1, email_error="SMTPServerDisconnected"
        )
