"""The demo's enrolments and applications: running groups made through the enrolment services, Groep 1's queue
in order of request, and three municipalities at three steps of applying to the learning programme."""

import pytest
from django.utils import timezone

from demo.seed import seed_demo
from participants.models import Enrolment, EnrolmentTransition, OrganisationApplication
from programmes.models import Cohort

pytestmark = pytest.mark.django_db


def test_groep_1_has_a_realistic_queue_in_order_of_request():
    seed_demo()
    cohort = Cohort.objects.get(name="Groep 1")

    queue = list(Enrolment.objects.filter(cohort=cohort).order_by("requested_at", "pk").select_related("person"))
    statuses = [enrolment.status for enrolment in queue]
    assert len(queue) == 18
    awaiting = [enrolment.person.email for enrolment in queue if enrolment.status == "awaiting_manager"]
    assert awaiting == ["medewerker01@zwolle.example", "medewerker06@zwolle.example", "medewerker11@zwolle.example"]
    placed = statuses.count("placed")
    assert 0 < placed <= cohort.capacity and statuses.count("waitlisted") >= 1
    # Seats go in order of request: nobody placed after someone who waits on the waitlist.
    assert "placed" not in statuses[statuses.index("waitlisted") :]
    assert all(enrolment.approver_id == enrolment.person.manager_id for enrolment in queue)
    assert all(enrolment.motivation for enrolment in queue)


def test_the_running_groups_went_through_the_enrolment_services_and_their_requests_predate_the_start():
    seed_demo()

    for cohort in Cohort.objects.filter(status=Cohort.Status.RUNNING):
        enrolments = Enrolment.objects.filter(cohort=cohort)
        assert enrolments.exists() and set(enrolments.values_list("status", flat=True)) == {"active"}, cohort
        assert all(enrolment.requested_at.date() < cohort.start_date for enrolment in enrolments), cohort
        steps = set(EnrolmentTransition.objects.filter(enrolment__cohort=cohort).values_list("to_status", flat=True))
        assert {"requested", "approved", "placed", "active"} <= steps, cohort
        if cohort.programme.requires_manager_approval:
            assert "awaiting_manager" in steps, cohort


def test_three_municipalities_apply_to_the_learning_programme_at_three_steps():
    seed_demo()

    applications = {
        application.organisation.slug: application
        for application in OrganisationApplication.objects.select_related("organisation", "cohort")
    }
    assert {slug: application.status for slug, application in applications.items()} == {
        "den-haag": "applied",
        "utrecht": "intake_planned",
        "deventer": "admitted",
    }
    assert applications["utrecht"].intake_at > timezone.now()
    assert applications["deventer"].intake_at < timezone.now() and applications["deventer"].questions
    assert applications["deventer"].cohort.name == "Leergroep 1"
    assert all(application.contact.email == f"hr@{slug}.example" for slug, application in applications.items())
