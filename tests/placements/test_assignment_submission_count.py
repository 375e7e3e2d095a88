"""The migration that stores which submission an assignment's latest is, counted from the notifications HR had."""

import importlib

import pytest
from django.apps import apps

from placements.models import Assignment
from tests.factories import AssignmentFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("placements.migrations.0002_assignment_submission_count")


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

    migration.count_submissions(apps, None)

    assert dict(Assignment.objects.values_list("pk", "submission_count")) == {
        twice.pk: 2,
        once.pk: 1,
        never.pk: 0,
        neighbour.pk: 0,
    }
