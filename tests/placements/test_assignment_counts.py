"""The migrations that store which submission and which review an assignment is at, counted from the notifications
that told HR and the contact person about them."""

import importlib

import pytest
from django.apps import apps

from placements.models import Assignment
from tests.factories import AssignmentFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

submissions = importlib.import_module("placements.migrations.0002_assignment_submission_count")
reviews = importlib.import_module("placements.migrations.0003_assignment_review_count")


def test_the_count_is_the_number_of_submissions_hr_was_told_about():
    twice, once, never, neighbour = (AssignmentFactory() for _ in range(4))
    hr, colleague = UserFactory(), UserFactory()
    for recipient in (hr, colleague):  # one submission told to two people counts once
        NotificationFactory(event="assignment_submitted", key=f"assignment:{twice.pk}:1", recipient=recipient)
    NotificationFactory(event="assignment_submitted", key=f"assignment:{twice.pk}:2", recipient=hr)
    NotificationFactory(event="assignment_submitted", key=f"assignment:{once.pk}:1", recipient=hr)
    # Other events of the assignment are not submissions.
    NotificationFactory(event="assignment_reviewed", key=f"assignment:{never.pk}:1", recipient=hr)
    # A notification of an assignment that no longer exists is left alone.
    NotificationFactory(event="assignment_submitted", key=f"assignment:{neighbour.pk + 1000}:1", recipient=hr)
    Assignment.objects.update(submission_count=0)

    submissions.count_submissions(apps, None)

    assert dict(Assignment.objects.values_list("pk", "submission_count")) == {
        twice.pk: 2,
        once.pk: 1,
        never.pk: 0,
        neighbour.pk: 0,
    }


def test_the_review_count_is_the_number_of_reviews_the_contact_was_told_about():
    reviewed_twice, submitted_only = AssignmentFactory(), AssignmentFactory()
    contact = UserFactory()
    for number in (1, 2):
        NotificationFactory(
            event="assignment_reviewed", key=f"assignment:{reviewed_twice.pk}:{number}", recipient=contact
        )
    NotificationFactory(event="assignment_submitted", key=f"assignment:{submitted_only.pk}:1", recipient=contact)
    Assignment.objects.update(review_count=0)

    reviews.count_reviews(apps, None)

    assert dict(Assignment.objects.values_list("pk", "review_count")) == {reviewed_twice.pk: 2, submitted_only.pk: 0}
