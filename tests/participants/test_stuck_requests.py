"""Requests that got stuck (issue 10, section 2) and the motivation's length (section 3)."""

import pytest
from django.urls import reverse

from accounts.services import person_update
from notifications.models import Notification
from participants import services
from participants.models import Enrolment, EnrolmentTransition

from .conftest import employee_of, manager_in

Status = Enrolment.Status


@pytest.fixture
def waiting(zwolle):
    person = employee_of(zwolle.manager, first_name="Noor", last_name="Visser")
    return services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="Graag")


@pytest.mark.django_db
def test_a_waiting_request_moves_to_the_new_manager_who_is_told(zwolle, waiting):
    new_manager = zwolle.other_manager

    person_update(person=waiting.person, manager=new_manager)

    waiting.refresh_from_db()
    assert waiting.approver == new_manager
    assert Notification.objects.filter(recipient=new_manager, event="enrolment_approval_requested").count() == 1
    note = EnrolmentTransition.objects.filter(enrolment=waiting).last()
    assert (note.from_status, note.to_status) == (Status.AWAITING_MANAGER, Status.AWAITING_MANAGER)
    assert new_manager.full_name in note.reason


@pytest.mark.django_db
def test_the_old_manager_can_no_longer_see_or_decide_a_request_that_moved(client, zwolle, waiting):
    person_update(person=waiting.person, manager=zwolle.other_manager)
    client.force_login(zwolle.manager)

    page = client.get(reverse("participants:approvals"))
    response = client.post(reverse("participants:approve", args=[waiting.pk]), {f"enrolment-{waiting.pk}-note": ""})

    assert "Noor Visser" not in page.content.decode()
    assert response.status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Status.AWAITING_MANAGER


@pytest.mark.django_db
def test_the_new_manager_sees_and_approves_the_moved_request(client, zwolle, waiting):
    person_update(person=waiting.person, manager=zwolle.other_manager)
    client.force_login(zwolle.other_manager)

    assert "Noor Visser" in client.get(reverse("participants:approvals")).content.decode()
    client.post(reverse("participants:approve", args=[waiting.pk]), {f"enrolment-{waiting.pk}-note": ""})

    waiting.refresh_from_db()
    assert waiting.status == Status.PLACED


@pytest.mark.django_db
def test_a_request_whose_person_loses_their_manager_is_put_before_hr(zwolle, waiting):
    person_update(person=waiting.person, manager=None)

    waiting.refresh_from_db()
    assert waiting.approver is None
    assert Notification.objects.filter(recipient=zwolle.hr, event="enrolment_without_manager").count() == 1


@pytest.mark.django_db
def test_the_people_import_moves_waiting_requests_to_the_manager_in_the_file(zwolle, waiting):
    from accounts.people_import import people_import_queue, people_import_run, people_import_upload

    new_manager = zwolle.other_manager
    person = waiting.person
    content = (
        "voornaam;achternaam;e-mail;e-mail leidinggevende\n"
        f"{person.first_name};{person.last_name};{person.email};{new_manager.email}\n"
    )

    people_import = people_import_upload(
        organisation=zwolle.organisation, uploaded_by=zwolle.hr, file_name="mensen.csv", raw_bytes=content.encode()
    )
    people_import_queue(people_import=people_import)
    people_import_run(import_id=people_import.pk)

    waiting.refresh_from_db()
    assert waiting.approver == new_manager
    assert Notification.objects.filter(recipient=new_manager, event="enrolment_approval_requested").count() == 1


@pytest.mark.django_db
def test_a_change_that_is_not_of_the_manager_moves_nothing(zwolle, waiting):
    person_update(person=waiting.person, first_name="Nora")

    waiting.refresh_from_db()
    assert waiting.approver == zwolle.manager
    assert not Notification.objects.filter(recipient=zwolle.other_manager).exists()


@pytest.mark.django_db
def test_hr_sees_whom_each_request_waits_on(client, zwolle, waiting):
    client.force_login(zwolle.hr)
    orphan = services.enrolment_request(
        person=employee_of(manager_in(zwolle.organisation)), cohort=zwolle.cohort, motivation=""
    )
    person_update(person=orphan.person, manager=None)

    response = client.get(reverse("programmes:cohort_detail", args=[zwolle.cohort.pk]))

    queue = response.context["queue"]
    assert [e.pk for e in queue] == [waiting.pk, orphan.pk]
    page = response.content.decode()
    assert zwolle.manager.full_name in page
    assert "HR beslist" in page or "HR decides" in page


@pytest.mark.django_db
def test_the_queue_on_the_cohort_page_needs_the_same_queries_for_5_or_30_requests(
    client, zwolle, django_assert_max_num_queries
):
    client.force_login(zwolle.hr)
    url = reverse("programmes:cohort_detail", args=[zwolle.cohort.pk])

    def enrol(count):
        for _ in range(count):
            services.enrolment_request(
                person=employee_of(manager_in(zwolle.organisation)), cohort=zwolle.cohort, motivation=""
            )

    enrol(5)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    enrol(25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["queue"]) == 30


# --- the motivation: the browser and the server count alike ------------------------------------------------


@pytest.mark.django_db
def test_a_motivation_of_1000_characters_with_line_breaks_is_accepted(client, zwolle):
    person = employee_of(zwolle.manager)
    client.force_login(person)
    # What the browser sends for 1,000 typed characters, nine of them line breaks (sent as CR LF).
    motivation = "\r\n".join(["x" * 99] * 9 + ["x" * 100])

    response = client.post(
        reverse("participants:enrol", args=[zwolle.cohort.pk]), {f"cohort-{zwolle.cohort.pk}-motivation": motivation}
    )

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=person)
    assert len(enrolment.motivation) == 1000
    assert "\r" not in enrolment.motivation


@pytest.mark.django_db
def test_a_motivation_over_1000_characters_is_refused_with_the_limit_in_words(client, zwolle):
    person = employee_of(zwolle.manager)
    client.force_login(person)

    response = client.post(
        reverse("participants:enrol", args=[zwolle.cohort.pk]),
        {f"cohort-{zwolle.cohort.pk}-motivation": "x" * 1001},
    )

    assert response.status_code == 400
    assert "Schrijf hoogstens 1000 tekens" in response.content.decode()
    assert not Enrolment.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_the_service_counts_line_breaks_as_the_form_does(zwolle):
    person = employee_of(zwolle.manager)

    enrolment = services.enrolment_request(
        person=person, cohort=zwolle.cohort, motivation="\r\n".join(["x" * 99] * 9 + ["x" * 100])
    )

    assert len(enrolment.motivation) == 1000


@pytest.mark.django_db
def test_the_enrol_form_tells_the_limit(client, zwolle):
    client.force_login(employee_of(zwolle.manager))

    page = client.get(reverse("participants:programmes")).content.decode()

    assert 'maxlength="1000"' in page
    assert "hoogstens 1.000 tekens" in page
