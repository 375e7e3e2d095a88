"""The enrolment pages: programmes, approvals, the enrolment detail and withdrawal; and their query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participants import selectors, services
from participants.models import Enrolment, EnrolmentTransition
from tests.factories import (
    CohortFactory,
    DepartmentBudgetFactory,
    DepartmentFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
)

from .conftest import employee_of

S = Enrolment.Status


def _motivation(cohort, text="Ik wil leren samenwerken in Zwolse netwerken."):
    return {f"cohort-{cohort.pk}-motivation": text}


# --- the employee's programmes page ------------------------------------------------------------------


@pytest.mark.django_db
def test_an_eligible_employee_sees_the_open_cohort_with_an_enrol_form(english_client, zwolle):
    CohortFactory(programme=zwolle.programme, planned=True, name="Nog niet open")
    elsewhere = ProgrammeFactory(owner=OrganisationFactory(slug="dronten"))
    CohortFactory(programme=elsewhere, name="Elders")
    english_client.force_login(employee_of(zwolle.manager))

    response = english_client.get(reverse("participants:programmes"))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["cohort"] for row in rows] == [zwolle.cohort]
    assert rows[0]["can_enrol"] and rows[0]["seats_left"] == 15
    content = response.content.decode()
    assert f'id="id_cohort-{zwolle.cohort.pk}-motivation"' in content
    assert f'for="id_cohort-{zwolle.cohort.pk}-motivation"' in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        ({"date_of_birth": date(1989, 1, 1)}, "This track is for employees under 36."),
        ({"introduction_completed_on": None}, "You can enrol once your introduction programme is completed."),
    ],
)
def test_an_ineligible_employee_sees_why_and_cannot_enrol(english_client, zwolle, facts, reason):
    person = employee_of(zwolle.manager, **facts)
    english_client.force_login(person)

    page = english_client.get(reverse("participants:programmes"))
    posted = english_client.post(
        reverse("participants:enrol", args=[zwolle.cohort.pk]), _motivation(zwolle.cohort), follow=True
    )

    assert page.context["rows"][0]["reasons"] == [reason]
    assert reason in page.content.decode()
    assert 'name="cohort-' not in page.content.decode()
    assert reason in posted.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_an_employee_enrols_with_a_motivation(english_client, zwolle):
    person = employee_of(zwolle.manager)
    english_client.force_login(person)

    response = english_client.post(reverse("participants:enrol", args=[zwolle.cohort.pk]), _motivation(zwolle.cohort))

    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.person, enrolment.status, enrolment.approver) == (person, S.AWAITING_MANAGER, zwolle.manager)
    page = english_client.get(reverse("participants:programmes"))
    assert "Your request has been sent to your manager for approval." in page.content.decode()
    assert list(page.context["enrolments"]) == [enrolment]


@pytest.mark.django_db
def test_enrolling_without_a_motivation_shows_the_form_again(english_client, zwolle):
    english_client.force_login(employee_of(zwolle.manager))

    response = english_client.post(
        reverse("participants:enrol", args=[zwolle.cohort.pk]), _motivation(zwolle.cohort, "")
    )

    assert response.status_code == 400
    assert response.context["rows"][0]["form"].errors
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_my_enrolments_show_the_place_on_the_waitlist(english_client, zwolle):
    person = employee_of(zwolle.manager)
    zwolle.cohort.capacity = 1
    zwolle.cohort.save()
    EnrolmentFactory(cohort=zwolle.cohort, placed=True)
    EnrolmentFactory(cohort=zwolle.cohort, waitlisted=True)
    mine = EnrolmentFactory(cohort=zwolle.cohort, person=person, waitlisted=True)
    english_client.force_login(person)

    response = english_client.get(reverse("participants:programmes"))

    [enrolment] = response.context["enrolments"]
    assert enrolment == mine and enrolment.waitlist_position == 2
    assert reverse("participants:withdraw", args=[mine.pk]) in response.content.decode()


# --- withdrawing ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_withdrawing_asks_for_confirmation_first(client, zwolle):
    enrolment = EnrolmentFactory(cohort=zwolle.cohort, person=employee_of(zwolle.manager), placed=True)
    waiting = EnrolmentFactory(cohort=zwolle.cohort, waitlisted=True)
    client.force_login(enrolment.person)
    url = reverse("participants:withdraw", args=[enrolment.pk])

    confirm = client.get(url)
    enrolment.refresh_from_db()
    assert confirm.status_code == 200 and enrolment.status == S.PLACED

    response = client.post(url, {"reason": "Nieuwe baan"})

    assert response.status_code == 302 and response.url == reverse("participants:programmes")
    enrolment.refresh_from_db()
    waiting.refresh_from_db()
    assert (enrolment.status, waiting.status) == (S.WITHDRAWN, S.PLACED)


@pytest.mark.django_db
def test_a_completed_enrolment_cannot_be_withdrawn(client, zwolle):
    enrolment = EnrolmentFactory(cohort=zwolle.cohort, person=employee_of(zwolle.manager), completed=True)
    client.force_login(enrolment.person)

    response = client.post(reverse("participants:withdraw", args=[enrolment.pk]))

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == S.COMPLETED


# --- the manager's approvals page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_manager_sees_the_request_with_its_cost_against_the_budget_of_the_year_it_falls_in(english_client, zwolle):
    # the group starts in 2027, so its cost comes from the 2027 budget, not this year's
    DepartmentBudgetFactory(department=zwolle.manager.department, year=2027, amount=Decimal("5000"))
    DepartmentBudgetFactory(department=zwolle.manager.department, year=2026, amount=Decimal("99"))
    enrolment = services.enrolment_request(
        person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="Ik wil groeien."
    )
    english_client.force_login(zwolle.manager)

    response = english_client.get(reverse("participants:approvals"))

    [pending] = response.context["pending"]
    assert pending == enrolment
    assert pending.cost == Decimal("933.33")
    assert (pending.budget["year"], pending.budget["left"]) == (2027, Decimal("5000.00"))
    assert pending.budget_left_after == Decimal("4066.67")
    content = response.content.decode()
    assert "Ik wil groeien." in content and "933.33" in content and "4,066.67" in content


@pytest.mark.django_db
def test_without_a_start_date_the_cost_falls_in_the_year_of_the_request(zwolle):
    zwolle.cohort.start_date = None
    zwolle.cohort.end_date = None
    zwolle.cohort.save()
    this_year = timezone.localdate().year
    DepartmentBudgetFactory(department=zwolle.manager.department, year=this_year, amount=Decimal("1000"))
    services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")

    [pending] = selectors.approvals_for_manager(manager=zwolle.manager)["pending"]

    assert (pending.budget["year"], pending.budget_left_after) == (this_year, Decimal("66.67"))


@pytest.mark.django_db
def test_the_manager_approves_on_the_page(client, zwolle):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
    client.force_login(zwolle.manager)

    response = client.post(reverse("participants:approve", args=[enrolment.pk]), {f"enrolment-{enrolment.pk}-note": ""})

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == S.PLACED
    decided = client.get(reverse("participants:approvals")).context["decided"]
    assert decided == [enrolment]


@pytest.mark.django_db
def test_rejecting_on_the_page_needs_a_reason(client, zwolle):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
    client.force_login(zwolle.manager)
    url = reverse("participants:reject", args=[enrolment.pk])

    refused = client.post(url, {f"enrolment-{enrolment.pk}-reason": ""})
    enrolment.refresh_from_db()
    assert refused.status_code == 400 and enrolment.status == S.AWAITING_MANAGER

    client.post(url, {f"enrolment-{enrolment.pk}-reason": "Niet dit jaar"})
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.decision_reason) == (S.REJECTED, "Niet dit jaar")


# --- the enrolment detail and HR's override --------------------------------------------------------------


@pytest.mark.django_db
def test_hr_sees_the_history_and_overrides_a_rejection(client, zwolle):
    enrolment = services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x")
    services.enrolment_reject(enrolment=enrolment, manager=zwolle.manager, reason="Geen tijd")
    client.force_login(zwolle.hr)
    url = reverse("participants:enrolment_detail", args=[enrolment.pk])

    page = client.get(url)
    assert [t.to_status for t in page.context["transitions"]] == [S.REQUESTED, S.AWAITING_MANAGER, S.REJECTED]
    assert "Geen tijd" in page.content.decode()

    refused = client.post(reverse("participants:override", args=[enrolment.pk]), {"to_status": "approved"})
    assert refused.status_code == 400

    response = client.post(
        reverse("participants:override", args=[enrolment.pk]), {"to_status": "approved", "reason": "Budget is er"}
    )

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == S.PLACED
    override = EnrolmentTransition.objects.get(enrolment=enrolment, is_override=True)
    assert (override.actor, override.from_status, override.to_status) == (zwolle.hr, S.REJECTED, S.APPROVED)


# --- query counts: constant as the lists grow ----------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _add_programmes(person, count):
    """Programmes of the person's organisation, each with a cohort they are in and an open one they are not."""
    statuses = [S.AWAITING_MANAGER, S.PLACED, S.WAITLISTED, S.REJECTED]
    for i in range(count):
        programme = ProgrammeFactory(
            owner=person.organisation,
            participating_organisations=[person.organisation],
            max_age_exclusive=36 if i % 2 else None,
            education_levels=["mbo"] if i % 3 == 0 else [],
        )
        EnrolmentFactory(cohort=CohortFactory(programme=programme), person=person, status=statuses[i % 4])
        open_cohort = CohortFactory(programme=programme)
        EnrolmentFactory.create_batch(2, cohort=open_cohort, waitlisted=True)


@pytest.mark.django_db
def test_the_programmes_page_keeps_a_constant_number_of_queries(client, zwolle, django_assert_num_queries):
    person = employee_of(zwolle.manager)
    client.force_login(person)
    url = reverse("participants:programmes")
    _add_programmes(person, 5)
    small = _queries(client, url)

    _add_programmes(person, 20)

    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["rows"]) == 1 + 25 * 2  # Zwolle's cohort and two of each programme
    assert len(response.context["enrolments"]) == 25


def _add_requests(manager, count):
    """Requests of the manager's staff in different departments (each with a budget), and decided ones."""
    programme = ProgrammeFactory(owner=manager.organisation, participating_organisations=[manager.organisation])
    cohort = CohortFactory(programme=programme)
    for _ in range(count):
        department = DepartmentFactory(organisation=manager.organisation)
        DepartmentBudgetFactory(department=department, year=timezone.localdate().year)
        person = employee_of(manager, department=department)
        EnrolmentFactory(cohort=cohort, person=person, cost=Decimal("933.33"))
        EnrolmentFactory(
            cohort=CohortFactory(programme=programme), person=person, placed=True, decided_at="2026-01-10T10:00Z"
        )


@pytest.mark.django_db
def test_the_approvals_page_keeps_a_constant_number_of_queries(client, zwolle, django_assert_num_queries):
    client.force_login(zwolle.manager)
    url = reverse("participants:approvals")
    _add_requests(zwolle.manager, 5)
    small = _queries(client, url)

    _add_requests(zwolle.manager, 20)

    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["pending"]) == 25
    assert len(response.context["decided"]) == 25


@pytest.mark.django_db
def test_the_budgets_page_keeps_a_constant_number_of_queries(client, zwolle, django_assert_num_queries):
    client.force_login(zwolle.hr)
    url = reverse("participants:budgets")
    _add_requests(zwolle.manager, 5)
    small = _queries(client, url)

    _add_requests(zwolle.manager, 20)

    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["rows"]) >= 25


@pytest.mark.django_db
def test_the_enrolment_detail_keeps_a_constant_number_of_queries(client, zwolle, django_assert_num_queries):
    client.force_login(zwolle.hr)
    enrolment = EnrolmentFactory(cohort=zwolle.cohort, person=employee_of(zwolle.manager), waitlisted=True)
    EnrolmentTransition.objects.create(enrolment=enrolment, to_status=S.REQUESTED, actor=enrolment.person)
    url = reverse("participants:enrolment_detail", args=[enrolment.pk])
    small = _queries(client, url)

    for _ in range(20):
        EnrolmentTransition.objects.create(enrolment=enrolment, to_status=S.REQUESTED, actor=zwolle.hr)

    with django_assert_num_queries(small):
        client.get(url)
