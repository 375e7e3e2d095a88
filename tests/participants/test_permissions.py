"""Who may see and decide what: out-of-scope objects answer 404 and refused actions change nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from notifications.models import Notification
from participants import services
from participants.models import Enrolment, EnrolmentTransition
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, ProgrammeFactory, hr_adviser

from .conftest import employee_of, manager_in

Status = Enrolment.Status


@pytest.fixture
def request_of_manager(zwolle):
    """An enrolment of the manager's own staff, waiting for that manager."""
    return services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="Graag")


def _unchanged(enrolment, status=Status.AWAITING_MANAGER):
    enrolment.refresh_from_db()
    assert enrolment.status == status
    assert enrolment.decided_at is None
    assert EnrolmentTransition.objects.filter(enrolment=enrolment).count() == 2  # requested, awaiting manager
    assert not Notification.objects.exclude(event="enrolment_approval_requested").exists()


# --- managers -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["participants:approve", "participants:reject"])
def test_a_manager_of_another_team_gets_404_on_deciding_and_nothing_changes(
    client, zwolle, request_of_manager, url_name
):
    client.force_login(zwolle.other_manager)
    employee_of(zwolle.other_manager)  # so they are a manager

    response = client.post(
        reverse(url_name, args=[request_of_manager.pk]),
        {f"enrolment-{request_of_manager.pk}-reason": "Nee", f"enrolment-{request_of_manager.pk}-note": ""},
    )

    assert response.status_code == 404
    _unchanged(request_of_manager)


@pytest.mark.django_db
def test_a_manager_of_another_team_does_not_see_the_request(client, zwolle, request_of_manager):
    employee_of(zwolle.other_manager)
    client.force_login(zwolle.other_manager)

    response = client.get(reverse("participants:approvals"))

    assert response.status_code == 200
    assert response.context["pending"] == []
    assert request_of_manager.person.last_name not in response.content.decode()


@pytest.mark.django_db
def test_a_manager_of_another_team_is_refused_by_the_service_too(zwolle, request_of_manager):
    with pytest.raises(PermissionDenied):
        services.enrolment_approve(enrolment=request_of_manager, manager=zwolle.other_manager)
    with pytest.raises(PermissionDenied):
        services.enrolment_reject(enrolment=request_of_manager, manager=zwolle.other_manager, reason="Nee")

    _unchanged(request_of_manager)


@pytest.mark.django_db
def test_the_former_manager_can_no_longer_decide_once_the_person_moved_to_another_team(zwolle, request_of_manager):
    person = request_of_manager.person
    person.manager = zwolle.other_manager
    person.save()

    with pytest.raises(PermissionDenied):
        services.enrolment_approve(enrolment=request_of_manager, manager=zwolle.manager)

    _unchanged(request_of_manager)


@pytest.mark.django_db
def test_an_employee_cannot_approve_their_own_request(client, zwolle):
    # given an employee who is a manager too (so the role check passes) and has a request of their own
    person = employee_of(zwolle.manager)
    employee_of(person)
    enrolment = services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="Graag")
    client.force_login(person)

    # when they approve it through the page or the service
    response = client.post(reverse("participants:approve", args=[enrolment.pk]))
    with pytest.raises(PermissionDenied):
        services.enrolment_approve(enrolment=enrolment, manager=person)

    # then it is refused and nothing changed
    assert response.status_code == 404
    _unchanged(enrolment)


@pytest.mark.django_db
def test_an_employee_without_reports_cannot_open_the_approvals_page(client, zwolle):
    client.force_login(employee_of(zwolle.manager))

    assert client.get(reverse("participants:approvals")).status_code == 404


# --- the enrolment detail and HR's override ---------------------------------------------------------


@pytest.mark.django_db
def test_hr_of_another_organisation_gets_404_on_detail_and_override_and_nothing_changes(
    client, zwolle, request_of_manager
):
    dronten = OrganisationFactory(name="Gemeente Dronten", slug="dronten")
    outsider = hr_adviser(dronten)
    client.force_login(outsider)

    detail = client.get(reverse("participants:enrolment_detail", args=[request_of_manager.pk]))
    override = client.post(
        reverse("participants:override", args=[request_of_manager.pk]),
        {"to_status": "approved", "reason": "Ik wil het"},
    )

    assert detail.status_code == 404
    assert override.status_code == 404
    with pytest.raises(PermissionDenied):
        services.enrolment_override(
            enrolment=request_of_manager, hr_user=outsider, to_status=Status.APPROVED, reason="Ik wil het"
        )
    _unchanged(request_of_manager)


@pytest.mark.django_db
def test_hr_of_the_persons_organisation_may_override_a_programme_owned_elsewhere(zwolle):
    region = OrganisationFactory(name="Talentenregio", slug="talentenregio")
    programme = ProgrammeFactory(owner=region, participating_organisations=[zwolle.organisation])
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=programme), person=employee_of(zwolle.manager))

    services.enrolment_override(enrolment=enrolment, hr_user=zwolle.hr, to_status=Status.REJECTED, reason="Budget op")

    enrolment.refresh_from_db()
    assert enrolment.status == Status.REJECTED


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["person", "hr", "owner_hr", "manager", "colleague", "other_hr"])
def test_only_the_person_and_hr_in_scope_see_an_enrolment(client, zwolle, who):
    region = OrganisationFactory(name="Talentenregio", slug="talentenregio")
    programme = ProgrammeFactory(owner=region, participating_organisations=[zwolle.organisation])
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=programme), person=employee_of(zwolle.manager))
    viewers = {
        "person": enrolment.person,
        "hr": zwolle.hr,
        "owner_hr": hr_adviser(region),
        "manager": zwolle.manager,
        "colleague": employee_of(zwolle.manager),
        "other_hr": hr_adviser(OrganisationFactory(slug="dronten")),
    }
    client.force_login(viewers[who])

    response = client.get(reverse("participants:enrolment_detail", args=[enrolment.pk]))

    assert response.status_code == (200 if who in {"person", "hr", "owner_hr"} else 404)
    if response.status_code == 200:
        assert (response.context["override_form"] is not None) == (who != "person")


@pytest.mark.django_db
def test_the_person_cannot_override_their_own_enrolment(client, zwolle, request_of_manager):
    client.force_login(request_of_manager.person)

    response = client.post(
        reverse("participants:override", args=[request_of_manager.pk]), {"to_status": "approved", "reason": "Graag"}
    )

    assert response.status_code == 404
    _unchanged(request_of_manager)


# --- withdrawing --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_another_employee_cannot_withdraw_someone_elses_enrolment(client, zwolle, request_of_manager):
    colleague = employee_of(zwolle.manager)
    client.force_login(colleague)

    response = client.post(reverse("participants:withdraw", args=[request_of_manager.pk]))
    with pytest.raises(PermissionDenied):
        services.enrolment_withdraw(enrolment=request_of_manager, by=colleague)

    assert response.status_code == 404
    _unchanged(request_of_manager)


@pytest.mark.django_db
def test_the_manager_cannot_withdraw_on_behalf_of_their_staff(zwolle, request_of_manager):
    with pytest.raises(PermissionDenied):
        services.enrolment_withdraw(enrolment=request_of_manager, by=zwolle.manager)

    _unchanged(request_of_manager)


@pytest.mark.django_db
def test_hr_of_another_organisation_cannot_activate_or_set_budgets(zwolle):
    outsider = hr_adviser(OrganisationFactory(slug="dronten"))
    enrolment = EnrolmentFactory(cohort=zwolle.cohort, person=employee_of(zwolle.manager), placed=True)

    with pytest.raises(PermissionDenied):
        services.enrolment_activate(enrolment=enrolment, by=outsider)
    with pytest.raises(PermissionDenied):
        services.cohort_enrolments_activate(cohort=zwolle.cohort, by=outsider)
    with pytest.raises(PermissionDenied):
        services.budget_set(department=zwolle.manager.department, year=2027, amount=1000, by=outsider)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.PLACED
    assert not zwolle.manager.department.budgets.exists()


@pytest.mark.django_db
def test_an_employee_cannot_enrol_in_a_cohort_of_a_programme_their_organisation_does_not_take_part_in(client, zwolle):
    dronten = OrganisationFactory(name="Gemeente Dronten", slug="dronten")
    person = employee_of(manager_in(dronten))
    client.force_login(person)

    response = client.post(
        reverse("participants:enrol", args=[zwolle.cohort.pk]), {f"cohort-{zwolle.cohort.pk}-motivation": "x"}
    )

    assert response.status_code == 404
    assert not Enrolment.objects.exists()
