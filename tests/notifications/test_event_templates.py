"""The messages of issue 3, as other apps send them: every event renders in the recipient's language."""

from datetime import date
from decimal import Decimal

import pytest

from notifications import services
from participants.models import Enrolment
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment():
    cohort = CohortFactory(
        name="Group 2026",
        programme=ProgrammeFactory(name="Young Staff Track Zwolle"),
        start_date=date(2026, 9, 4),
        start_threshold=12,
    )
    person = UserFactory(first_name="Jan", last_name="Jansen", preferred_language="en")
    return EnrolmentFactory(person=person, cohort=cohort, cost=Decimal("933.33"))


def notify_person(enrolment, event: str, **context):
    return services.notify(
        recipient=enrolment.person,
        event=event,
        key=f"enrolment-{enrolment.pk}",
        context={"enrolment": enrolment, **context},
        action_url="/enrolments/",
    )


def test_approved(enrolment):
    enrolment.status = Enrolment.Status.APPROVED

    notification = notify_person(enrolment, "enrolment_approved")

    assert notification.subject == "Your enrolment for Young Staff Track Zwolle is approved"
    assert notification.body == (
        "Your enrolment for Young Staff Track Zwolle (Group 2026) has been approved.\n"
        "\n"
        "We will let you know as soon as your place in the group is confirmed."
    )


def test_rejected_with_the_reason(enrolment):
    enrolment.status = Enrolment.Status.REJECTED
    enrolment.decision_reason = "The department budget for 2026 is spent."

    notification = notify_person(enrolment, "enrolment_rejected")

    assert notification.subject == "Your enrolment for Young Staff Track Zwolle was not approved"
    assert notification.body == (
        "Your enrolment for Young Staff Track Zwolle (Group 2026) has not been approved.\n"
        "\n"
        "The reason given:\n"
        "The department budget for 2026 is spent.\n"
        "\n"
        "If you have questions about this decision, please talk to your manager or your HR adviser."
    )


def test_rejected_without_a_reason(enrolment):
    notification = notify_person(enrolment, "enrolment_rejected")

    assert "reason" not in notification.body


def test_placed(enrolment):
    notification = notify_person(enrolment, "enrolment_placed")

    assert notification.subject == "You have a place in Young Staff Track Zwolle"
    assert notification.body == (
        "Good news: you have a place in Group 2026 of Young Staff Track Zwolle.\n"
        "\n"
        "The group starts on Sept. 4, 2026.\n"
        "\n"
        "You will find the details and the schedule in Groeipad."
    )


def test_waitlisted_with_a_position(enrolment):
    notification = notify_person(enrolment, "enrolment_waitlisted", position=3)

    assert notification.subject == "You are on the waiting list for Young Staff Track Zwolle"
    assert notification.body == (
        "Places in Group 2026 of Young Staff Track Zwolle go to requests in the order they were made. "
        "Every place is taken, or held for someone who asked before you, so you are on the waiting list.\n"
        "\n"
        "Your place on the waiting list: number 3.\n"
        "\n"
        "Your current place is always on your enrolment page. "
        "We will let you know as soon as a place becomes free for you."
    )


def test_waitlisted_without_a_position(enrolment):
    notification = notify_person(enrolment, "enrolment_waitlisted")

    assert notification.body == (
        "Places in Group 2026 of Young Staff Track Zwolle go to requests in the order they were made. "
        "Every place is taken, or held for someone who asked before you, so you are on the waiting list.\n"
        "\n"
        "Your current place is always on your enrolment page. "
        "We will let you know as soon as a place becomes free for you."
    )


def test_moved_up(enrolment):
    notification = notify_person(enrolment, "enrolment_moved_up")

    assert notification.subject == "A place has become free for you in Young Staff Track Zwolle"
    assert notification.body == (
        "A place has become free in Group 2026 of Young Staff Track Zwolle: "
        "you have moved up from the waiting list into the group.\n"
        "\n"
        "The group starts on Sept. 4, 2026.\n"
        "\n"
        "You will find the details and the schedule in Groeipad."
    )


def test_overridden_with_the_reason(enrolment):
    enrolment.status = Enrolment.Status.PLACED

    notification = notify_person(enrolment, "enrolment_overridden", reason="Agreed with the department head.")

    assert notification.subject == "HR has changed your enrolment for Young Staff Track Zwolle"
    assert notification.body == (
        "HR has changed your enrolment for Young Staff Track Zwolle (Group 2026). Its status is now: Placed.\n"
        "\n"
        "The reason given:\n"
        "Agreed with the department head.\n"
        "\n"
        "If you have questions about this change, please talk to your HR adviser."
    )


def test_cohort_ready_to_start(enrolment):
    hr = UserFactory(preferred_language="en")
    cohort = enrolment.cohort

    notification = services.notify(
        recipient=hr,
        event="cohort_ready_to_start",
        key=f"cohort-{cohort.pk}",
        context={"cohort": cohort, "placed_count": 12},
        action_url=f"/programmes/cohorts/{cohort.pk}/",
    )

    assert notification.subject == "Group 2026 can start"
    assert notification.body == (
        "Group 2026 of Young Staff Track Zwolle has 12 people placed, which reaches the 12 needed to start.\n"
        "\n"
        "The planned start date is Sept. 4, 2026.\n"
        "\n"
        "Please check the group in Groeipad and confirm the start."
    )


def test_approval_requested_without_a_cost(enrolment):
    manager = UserFactory(preferred_language="en")
    enrolment.cost = Decimal("0.00")

    notification = services.notify(
        recipient=manager,
        event="enrolment_approval_requested",
        key=f"enrolment-{enrolment.pk}",
        context={"enrolment": enrolment},
        action_url="/enrolments/approvals/",
    )

    assert notification.body == (
        "Jan Jansen would like to take part in Young Staff Track Zwolle (Group 2026) and asks for your approval.\n"
        "\n"
        "Please approve or reject the request in Groeipad. "
        "The motivation is there too: for privacy it is not included in this message."
    )
