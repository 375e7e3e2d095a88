"""The manager's home (issue 12): what waits for their decision, their team's participation and eligibility,
and the training budget of their departments; only ever their own staff, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from dashboards.homes.manager import bar_percents, manager_home
from participants.models import Enrolment
from participants.services import enrolment_approve, enrolment_reject
from tests.factories import (
    CohortFactory,
    DepartmentBudgetFactory,
    DepartmentFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SwapMoveFactory,
    UserFactory,
    hr_adviser,
    with_role,
)

pytestmark = pytest.mark.django_db

HOME = reverse("dashboards:manager")
# The cost of Zwolle's track per person, as the programme's costs divide it over a group of 15.
ZWOLLE_COST = Decimal("933.33")


@pytest.fixture
def zwolle():
    """Zwolle's track with an open group, a manager of Ruimtelijke Ontwikkeling and a budget for this year."""
    organisation = OrganisationFactory(name="Gemeente Zwolle", slug="zwolle")
    department = DepartmentFactory(organisation=organisation, name="Ruimtelijke Ontwikkeling")
    manager = UserFactory(organisation=organisation, department=department, first_name="Marieke", last_name="Baas")
    programme = ProgrammeFactory(zwolle=True, owner=organisation)
    year = timezone.localdate().year
    cohort = CohortFactory(
        programme=programme, name="Groep 1", start_date=date(year, 11, 6), end_date=date(year + 1, 5, 1)
    )
    DepartmentBudgetFactory(department=department, year=year, amount=Decimal("10000.00"))
    return {"organisation": organisation, "department": department, "manager": manager, "cohort": cohort, "year": year}


def staff_of(world, **kwargs):
    return UserFactory(
        organisation=world["organisation"], department=world["department"], manager=world["manager"], **kwargs
    )


def section(page: str, heading_id: str) -> str:
    """The part of the page from a section's heading to the end of that section."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


# --- needs you ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("decide", ["approve", "reject"])
def test_a_request_of_own_staff_waits_on_the_home_until_the_manager_decides(english_client, zwolle, decide):
    person = staff_of(zwolle, first_name="Sanne", last_name="Verhoef")
    enrolment = EnrolmentFactory(person=person, cohort=zwolle["cohort"], cost=ZWOLLE_COST)
    english_client.force_login(zwolle["manager"])

    needs_you = section(english_client.get(HOME).content.decode(), "needs-you-heading")

    assert "Sanne Verhoef" in needs_you
    assert "Groep 1" in needs_you
    assert "933.33" in needs_you
    assert "9,066.67" in needs_you  # €10,000 budget, nothing committed yet, less this request
    assert f'href="{reverse("participants:approvals")}"' in needs_you
    assert "No request of your staff is waiting for your decision." not in needs_you

    if decide == "approve":
        enrolment_approve(enrolment=enrolment, manager=zwolle["manager"])
    else:
        enrolment_reject(enrolment=enrolment, manager=zwolle["manager"], reason="Geen budget dit jaar.")
    response = english_client.get(HOME)
    needs_you = section(response.content.decode(), "needs-you-heading")

    assert response.context["home"].pending == []
    assert "Sanne Verhoef" not in needs_you
    assert "No request of your staff is waiting for your decision." in needs_you
    assert f'href="{reverse("participants:approvals")}"' not in needs_you


def test_another_managers_staff_never_appear_on_the_home(english_client, zwolle):
    other_manager = UserFactory(organisation=zwolle["organisation"], department=zwolle["department"])
    theirs = UserFactory(
        organisation=zwolle["organisation"], manager=other_manager, first_name="Ander", last_name="Team"
    )
    EnrolmentFactory(person=theirs, cohort=zwolle["cohort"], cost=ZWOLLE_COST)
    EnrolmentFactory(person=UserFactory(organisation=zwolle["organisation"], manager=other_manager), active=True)
    # A request this manager was asked to decide, of someone who has since moved to another manager.
    moved = UserFactory(
        organisation=zwolle["organisation"], manager=other_manager, first_name="Ex", last_name="Medewerker"
    )
    EnrolmentFactory(person=moved, cohort=zwolle["cohort"], approver=zwolle["manager"])
    own = staff_of(zwolle, first_name="Eigen", last_name="Medewerker")
    english_client.force_login(zwolle["manager"])

    response = english_client.get(HOME)
    page = response.content.decode()
    home = response.context["home"]

    assert home.pending == []
    assert [member.person for member in home.team] == [own]
    assert [person for row in home.open_cohorts for person in row.people] == [own]
    assert "Ander Team" not in page
    assert "Ex Medewerker" not in page


def test_the_other_manager_sees_their_own_request_and_not_this_managers(english_client, zwolle):
    own = staff_of(zwolle, first_name="Sanne", last_name="Verhoef")
    EnrolmentFactory(person=own, cohort=zwolle["cohort"])
    other_manager = UserFactory(organisation=zwolle["organisation"])
    UserFactory(organisation=zwolle["organisation"], manager=other_manager)  # makes them a manager
    english_client.force_login(other_manager)

    page = english_client.get(HOME).content.decode()

    assert "Sanne Verhoef" not in page
    assert "No request of your staff is waiting for your decision." in page


@pytest.mark.parametrize("who", ["employee", "hr_adviser", "coach"])
def test_someone_who_manages_nobody_is_refused_the_home(client, zwolle, who):
    staff_of(zwolle)
    person = {
        "employee": lambda: UserFactory(organisation=zwolle["organisation"]),
        "hr_adviser": lambda: hr_adviser(zwolle["organisation"]),
        "coach": lambda: with_role(UserFactory(organisation=zwolle["organisation"]), Role.COACH),
    }[who]()
    client.force_login(person)

    response = client.get(HOME)

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_job_swap_moves_waiting_for_the_manager_are_on_the_home(english_client, zwolle):
    mover = staff_of(zwolle, first_name="Vera", last_name="Vakmens")
    host = UserFactory(first_name="Henk", last_name="Gastheer")
    move = SwapMoveFactory(participant=mover, host_offer__participant=host, accepted=True)
    SwapMoveFactory(swap=move.swap, participant=UserFactory(), host_offer__participant=UserFactory())  # not accepted
    english_client.force_login(zwolle["manager"])

    needs_you = section(english_client.get(HOME).content.decode(), "needs-you-heading")

    assert "Vera Vakmens" in needs_you
    assert "Henk Gastheer" in needs_you
    assert f'href="{reverse("placements:swap_approvals")}"' in needs_you
    # No programme request waits, so the job swaps' button is the page's primary action.
    assert f'class="btn btn-primary" href="{reverse("placements:swap_approvals")}"' in needs_you


def test_without_job_swaps_the_home_says_nothing_about_them(english_client, zwolle):
    staff_of(zwolle)
    english_client.force_login(zwolle["manager"])

    page = english_client.get(HOME).content.decode()

    assert reverse("placements:swap_approvals") not in section(page, "needs-you-heading")


# --- the team's participation ---------------------------------------------------------------------------


def test_the_team_shows_who_takes_part_in_which_programme_now(english_client, zwolle):
    active = staff_of(zwolle, first_name="Actief", last_name="Deelnemer")
    EnrolmentFactory(
        person=active, cohort=CohortFactory(programme=zwolle["cohort"].programme, name="Najaarsgroep"), active=True
    )
    finished = staff_of(zwolle, first_name="Klaar", last_name="Deelnemer")
    EnrolmentFactory(
        person=finished, cohort=CohortFactory(programme=zwolle["cohort"].programme, name="Voorjaar"), completed=True
    )
    english_client.force_login(zwolle["manager"])

    response = english_client.get(HOME)
    current = {
        member.person.last_name + member.person.first_name: member.current for member in response.context["home"].team
    }

    assert [enrolment.cohort.name for enrolment in current["DeelnemerActief"]] == ["Najaarsgroep"]
    assert current["DeelnemerKlaar"] == []
    assert response.context["home"].in_programme_count == 1
    assert "1 of the 2 people who report to you takes part in a programme now." in response.content.decode()


def test_eligible_staff_who_have_not_enrolled_are_shown_with_the_open_group(english_client, zwolle):
    today = timezone.localdate()
    may = staff_of(zwolle, first_name="Jong", last_name="Talent", date_of_birth=date(today.year - 30, 1, 1))
    staff_of(zwolle, first_name="Te", last_name="Oud", date_of_birth=date(today.year - 40, 1, 1))
    staff_of(zwolle, first_name="Nog", last_name="Introductie", introduction_completed_on=None)
    waiting = staff_of(zwolle, first_name="Al", last_name="Aangevraagd")
    EnrolmentFactory(person=waiting, cohort=zwolle["cohort"])
    done = staff_of(zwolle, first_name="Al", last_name="Gedaan")
    earlier = CohortFactory(programme=zwolle["cohort"].programme, name="Najaarsgroep", completed=True)
    EnrolmentFactory(person=done, cohort=earlier, completed=True)
    # Rejected before: they may enrol again.
    again = staff_of(zwolle, first_name="Opnieuw", last_name="Welkom")
    EnrolmentFactory(person=again, cohort=zwolle["cohort"], rejected=True)
    CohortFactory(programme=zwolle["cohort"].programme, name="Groep 2", planned=True)  # not open yet
    english_client.force_login(zwolle["manager"])

    response = english_client.get(HOME)
    rows = response.context["home"].open_cohorts
    may_enrol = section(response.content.decode(), "team-heading")
    may_enrol = may_enrol[may_enrol.index('id="may-enrol-heading"') :]

    assert [(row.cohort, set(row.people)) for row in rows] == [(zwolle["cohort"], {may, again})]
    assert "Jong Talent" in may_enrol and "Opnieuw Welkom" in may_enrol
    for name in ["Te Oud", "Nog Introductie", "Al Aangevraagd", "Al Gedaan", "Groep 2"]:
        assert name not in may_enrol


def test_nobody_eligible_is_said_in_words(english_client, zwolle):
    staff_of(zwolle, date_of_birth=date(1970, 1, 1))
    english_client.force_login(zwolle["manager"])

    page = english_client.get(HOME).content.decode()

    assert "None of your staff may enrol in an open group of a programme they have not enrolled in." in page


# --- the training budget --------------------------------------------------------------------------------


def test_the_budget_shows_spent_committed_and_left_against_the_departments_budget(zwolle):
    department, year = zwolle["department"], zwolle["year"] + 1
    DepartmentBudgetFactory(
        department=department, year=year, amount=Decimal("10000.00"), spent_elsewhere=Decimal("1000.00")
    )
    cohort = CohortFactory(programme=zwolle["cohort"].programme, start_date=date(year, 2, 5), end_date=date(year, 8, 1))
    for status, cost in [
        (Enrolment.Status.COMPLETED, "500.00"),  # spent
        (Enrolment.Status.ACTIVE, "2000.00"),  # committed
        (Enrolment.Status.APPROVED, "1500.00"),  # committed
        (Enrolment.Status.REJECTED, "3000.00"),  # neither
        (Enrolment.Status.AWAITING_MANAGER, "933.33"),  # neither, until approved
    ]:
        EnrolmentFactory(person=staff_of(zwolle), cohort=cohort, status=status, cost=Decimal(cost))
    # Another department's enrolment, and one paid from the year after, do not count.
    EnrolmentFactory(person=UserFactory(), cohort=cohort, active=True, cost=Decimal("999.00"))
    next_year = CohortFactory(
        programme=zwolle["cohort"].programme, start_date=date(year + 1, 1, 8), end_date=date(year + 1, 6, 1)
    )
    EnrolmentFactory(person=staff_of(zwolle), cohort=next_year, active=True, cost=Decimal("777.00"))

    home = manager_home(manager=zwolle["manager"], today=date(year, 3, 1))

    assert [(bar.department, bar.year) for bar in home.budgets] == [(department, year)]
    bar = home.budgets[0]
    assert (bar.amount, bar.spent, bar.committed, bar.left) == (
        Decimal("10000.00"),
        Decimal("1500.00"),
        Decimal("3500.00"),
        Decimal("5000.00"),
    )
    assert (bar.spent_percent, bar.committed_percent, bar.left_percent) == (15, 35, 50)
    assert bar.over_budget == 0
    # The waiting request is paid from this budget too: what would be left once it is approved.
    assert [enrolment.budget_left_after for enrolment in home.pending] == [Decimal("4066.67")]


def test_the_budget_bar_on_the_page_has_named_parts_and_the_numbers_in_text(english_client, zwolle):
    person = staff_of(zwolle)
    EnrolmentFactory(person=person, cohort=zwolle["cohort"], active=True, cost=Decimal("2500.00"))
    english_client.force_login(zwolle["manager"])

    budget = section(english_client.get(HOME).content.decode(), "budget-heading")

    name = f"Ruimtelijke Ontwikkeling {zwolle['year']}"
    assert 'class="progress-stacked gp-budget mb-2" role="group"' in budget
    assert f'class="progress gp-share-25" role="progressbar" aria-label="{name}: committed"' in budget
    assert f'class="progress gp-share-75" role="progressbar" aria-label="{name}: left"' in budget
    assert ": spent" not in budget  # nothing spent: no part of width 0
    assert "Committed: €&nbsp;2,500.00" in budget
    assert "Left: €&nbsp;7,500.00" in budget
    assert "Budget € 10,000.00" in budget


def test_a_department_over_budget_says_by_how_much(zwolle):
    staff_of(zwolle)
    cohort = zwolle["cohort"]
    EnrolmentFactory(person=staff_of(zwolle), cohort=cohort, active=True, cost=Decimal("9000.00"))
    EnrolmentFactory(person=staff_of(zwolle), cohort=cohort, completed=True, cost=Decimal("3000.00"))

    bar = manager_home(manager=zwolle["manager"], today=date(zwolle["year"], 12, 1)).budgets[0]

    assert (bar.spent, bar.committed, bar.left) == (Decimal("3000.00"), Decimal("9000.00"), Decimal("-2000.00"))
    assert bar.over_budget == Decimal("2000.00")
    assert (bar.spent_percent, bar.committed_percent, bar.left_percent) == (25, 75, 0)


def test_a_department_without_a_budget_shows_no_bar(english_client, zwolle):
    department = DepartmentFactory(organisation=zwolle["organisation"], name="Sociaal Domein")
    UserFactory(organisation=zwolle["organisation"], department=department, manager=zwolle["manager"])
    english_client.force_login(zwolle["manager"])

    response = english_client.get(HOME)
    home, page = response.context["home"], response.content.decode()

    without = next(bar for bar in home.budgets if bar.department == department)
    assert (without.has_budget, without.has_bar) == (False, False)
    assert f"No budget has been set for {zwolle['year']}; HR sets it." in page


@pytest.mark.parametrize(
    ("amount", "spent", "committed", "percents"),
    [
        ("100", "0", "0", (0, 0, 100)),
        ("0", "0", "0", (0, 0, 0)),
        ("3", "1", "1", (34, 33, 33)),  # thirds: the leftover percent goes to one part, the whole is 100
        ("1000", "600", "900", (40, 60, 0)),  # over budget: the bar spans what is spent and committed
        ("1000", "0", "1", (0, 0, 100)),  # 0.1 % rounds away; the numbers beside the bar say it exactly
    ],
)
def test_bar_percents_are_whole_and_add_up_to_one_hundred(amount, spent, committed, percents):
    assert bar_percents(amount=Decimal(amount), spent=Decimal(spent), committed=Decimal(committed)) == percents


# --- a fixed number of queries --------------------------------------------------------------------------

# Session, user and roles (4), the home's own reads (14, listed in dashboards/homes/manager.py), and the
# navigation's badges: requests waiting for approval and unread messages (2).
HOME_QUERIES = 20


@pytest.mark.parametrize("scale", [1, 5])
def test_the_home_costs_the_same_number_of_queries_at_one_and_five_times_the_data(
    client, zwolle, django_assert_max_num_queries, scale
):
    programme = zwolle["cohort"].programme
    for _ in range(scale):
        department = DepartmentFactory(organisation=zwolle["organisation"])
        DepartmentBudgetFactory(department=department, year=zwolle["year"])
        cohort = CohortFactory(programme=programme, start_date=zwolle["cohort"].start_date)
        waiting = UserFactory(organisation=zwolle["organisation"], department=department, manager=zwolle["manager"])
        EnrolmentFactory(person=waiting, cohort=cohort, cost=ZWOLLE_COST)
        active = staff_of(zwolle)
        EnrolmentFactory(person=active, cohort=CohortFactory(programme=programme, running=True), active=True)
        staff_of(zwolle)  # may enrol
        mover = staff_of(zwolle)
        SwapMoveFactory(participant=mover, accepted=True)
    client.force_login(zwolle["manager"])

    with django_assert_max_num_queries(HOME_QUERIES) as captured:
        response = client.get(HOME)

    home = response.context["home"]
    assert (len(home.pending), len(home.swap_moves), len(home.team)) == (scale, scale, 4 * scale)
    assert len(home.budgets) == scale + 1
    assert len(captured.captured_queries) == HOME_QUERIES
