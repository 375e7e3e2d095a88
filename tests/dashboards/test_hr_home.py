"""The HR adviser's home: what needs them now (each item appears when the situation exists and goes once it
is resolved), how each running and open group is doing, and a query count that does not grow with the data
(issue 12, item 1)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import CoachMatch
from core.templatetags.icons import render_icon
from dashboards.homes.hr import NEEDS_YOU_ICONS
from participants.models import Enrolment
from placements.models import Assignment, PlacementRound
from tests.factories import (
    AssignmentFactory,
    CoachingSessionFactory,
    CoachMatchFactory,
    CohortFactory,
    CostItemFactory,
    EnrolmentFactory,
    NotificationFactory,
    OrganisationFactory,
    PlacementRoundFactory,
    ProgrammeFactory,
    SessionFactory,
    UserFactory,
    hr_adviser,
)

pytestmark = pytest.mark.django_db

HOME = reverse("dashboards:hr")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Gemeente Zwolle")


@pytest.fixture
def hr(organisation):
    return hr_adviser(organisation)


@pytest.fixture
def programme(organisation):
    return ProgrammeFactory(owner=organisation, name="Leer- en ontwikkeltraject")


def _kinds(response) -> list[str]:
    return [item.kind for item in response.context["home"].needs_you]


def _home(client, user):
    client.force_login(user)
    return client.get(HOME)


def test_a_request_past_its_decision_window_needs_hr_until_the_manager_decides(english_client, hr, programme):
    cohort = CohortFactory(programme=programme, name="Groep 1")
    person = UserFactory(organisation=programme.owner, manager=UserFactory(organisation=programme.owner))
    late = EnrolmentFactory(cohort=cohort, person=person, decision_due_at=timezone.now() - timedelta(days=1))
    EnrolmentFactory(cohort=cohort, decision_due_at=timezone.now() + timedelta(days=3))  # still within its window

    response = _home(english_client, hr)

    assert _kinds(response) == ["late_requests"]
    page = response.content.decode()
    assert "1 request for Groep 1 waits past its manager&#x27;s decision window." in page
    assert reverse("programmes:cohort_detail", args=[cohort.pk]) in page

    Enrolment.objects.filter(pk=late.pk).update(status=Enrolment.Status.PLACED)
    assert "late_requests" not in _kinds(english_client.get(HOME))


def test_each_kind_of_work_has_its_own_icon_shown_before_the_text(english_client, hr, programme):
    cohort = CohortFactory(programme=programme, name="Groep 1")
    EnrolmentFactory(cohort=cohort, decision_due_at=timezone.now() - timedelta(days=1))

    page = _home(english_client, hr).content.decode()

    item = page.split('data-kind="late_requests">', 1)[1].split("</li>", 1)[0]
    assert item.strip().startswith(f"<span>{render_icon('hourglass-split')}1 request for Groep 1 waits")
    assert len(set(NEEDS_YOU_ICONS.values())) == len(NEEDS_YOU_ICONS)


def test_a_group_short_of_people_close_to_its_start_needs_hr_until_it_has_enough(english_client, hr, programme):
    today = timezone.localdate()
    cohort = CohortFactory(programme=programme, start_date=today + timedelta(days=14), capacity=15, start_threshold=3)
    CohortFactory(programme=programme, start_date=today + timedelta(days=120), capacity=15, start_threshold=3)
    EnrolmentFactory(cohort=cohort, placed=True)

    response = _home(english_client, hr)

    assert _kinds(response) == ["below_threshold"]
    assert "with 1 of the 3 people it needs to start" in response.content.decode()

    EnrolmentFactory.create_batch(2, cohort=cohort, placed=True)
    assert _kinds(english_client.get(HOME)) == []


def test_a_round_asks_for_review_then_for_closing_its_market_then_for_publishing(english_client, hr, programme):
    cohort = CohortFactory(programme=programme, running=True, name="Trainees 2026")
    round_ = PlacementRoundFactory(cohort=cohort, name="Rotatie 2", status=PlacementRound.Status.COLLECTING)
    assignment = AssignmentFactory(round=round_, status=Assignment.Status.SUBMITTED)

    assert _kinds(_home(english_client, hr)) == ["assignments_to_review"]

    Assignment.objects.filter(pk=assignment.pk).update(status=Assignment.Status.PUBLISHED)
    PlacementRound.objects.filter(pk=round_.pk).update(status=PlacementRound.Status.MARKET)
    response = english_client.get(HOME)
    assert _kinds(response) == ["market_to_close"]
    assert reverse("placements:round_detail", args=[round_.pk]) in response.content.decode()

    PlacementRound.objects.filter(pk=round_.pk).update(status=PlacementRound.Status.ALLOCATING)
    response = english_client.get(HOME)
    assert _kinds(response) == ["allocation_to_publish"]
    assert reverse("placements:round_allocation", args=[round_.pk]) in response.content.decode()

    PlacementRound.objects.filter(pk=round_.pk).update(status=PlacementRound.Status.PUBLISHED)
    assert _kinds(english_client.get(HOME)) == []


def test_a_coach_who_has_logged_nothing_three_weeks_after_the_match_is_listed_until_they_log(
    english_client, hr, programme
):
    cohort = CohortFactory(programme=programme, running=True, name="Najaarsgroep")
    coach = UserFactory(organisation=programme.owner, first_name="Ingrid", last_name="Meijer")
    participant = UserFactory(organisation=programme.owner)
    match = CoachMatchFactory(coach=coach, participant=participant, cohort=cohort)
    recent = CoachMatchFactory(
        coach=UserFactory(organisation=programme.owner),
        participant=UserFactory(organisation=programme.owner),
        cohort=cohort,
    )
    CoachMatch.objects.filter(pk=match.pk).update(published_at=timezone.now() - timedelta(days=30))
    CoachMatch.objects.filter(pk=recent.pk).update(published_at=timezone.now() - timedelta(days=3))

    response = _home(english_client, hr)

    assert _kinds(response) == ["coach_without_logs"]
    assert "Ingrid Meijer has not logged a session yet with 1 coachee of Najaarsgroep" in response.content.decode()

    CoachingSessionFactory(match=match)
    assert _kinds(english_client.get(HOME)) == []


def test_messages_that_could_not_be_emailed_need_hr_all_of_them_counted(english_client, hr, organisation):
    NotificationFactory.create_batch(12, recipient=UserFactory(organisation=organisation), failed=True)

    response = _home(english_client, hr)

    assert _kinds(response) == ["failed_emails"]
    assert "12 messages could not be e-mailed" in response.content.decode()


def test_hr_of_another_organisation_sees_none_of_it(english_client, hr, programme):
    today = timezone.localdate()
    cohort = CohortFactory(programme=programme, start_date=today + timedelta(days=7), start_threshold=5)
    EnrolmentFactory(cohort=cohort, decision_due_at=timezone.now() - timedelta(days=1))
    PlacementRoundFactory(cohort=cohort, status=PlacementRound.Status.MARKET)
    NotificationFactory(recipient=UserFactory(organisation=programme.owner), failed=True)
    other = hr_adviser(OrganisationFactory(name="Gemeente Dronten"))

    response = _home(english_client, other)

    assert _kinds(response) == []
    assert response.context["home"].groups == []
    assert cohort.name not in response.content.decode()


def test_a_person_who_is_not_hr_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(HOME).status_code == 404


def test_nothing_waiting_says_so_and_points_to_the_programmes(english_client, hr):
    page = _home(english_client, hr).content.decode()

    assert "Nothing needs you right now" in page
    assert reverse("programmes:programme_list") in page


def test_each_group_shows_its_fill_next_session_and_costs_against_subsidy(english_client, hr, programme):
    CostItemFactory(programme=programme, quantity=4, unit_amount=Decimal("2000.00"))
    CostItemFactory(programme=programme, subsidy=True, unit_amount=Decimal("1000.00"))
    CostItemFactory(programme=programme, subsidy=True, unit_amount=Decimal("5000.00"), is_certain=False)
    today = timezone.localdate()
    cohort = CohortFactory(programme=programme, running=True, capacity=10, start_threshold=5, name="Groep 2")
    EnrolmentFactory.create_batch(4, cohort=cohort, active=True, cost=Decimal("700.00"))
    EnrolmentFactory(cohort=cohort, withdrawn=True, cost=Decimal("700.00"))
    SessionFactory(cohort=cohort, date=today - timedelta(days=3), title="Kick-off")
    SessionFactory(cohort=cohort, date=today + timedelta(days=10), title="Politieke Antenne")
    SessionFactory(cohort=cohort, date=today + timedelta(days=20), title="Intervisie")
    CohortFactory(programme=programme, completed=True, name="Oude groep")

    response = _home(english_client, hr)

    [group] = response.context["home"].groups
    assert (group.cohort.name, group.placed, group.capacity, group.threshold) == ("Groep 2", 4, 10, 5)
    assert (group.fill_percent, group.below_threshold) == (40, True)
    assert group.next_session_title == "Politieke Antenne"
    assert group.total_costs == Decimal("8000.00")
    assert group.charged_to_departments == Decimal("2800.00")
    assert (group.subsidy_certain, group.subsidy_possible) == (Decimal("1000.00"), Decimal("5000.00"))
    assert group.uncovered == Decimal("4200.00")
    page = response.content.decode()
    assert "4 of 10 places taken; 5 needed to start" in page
    assert 'aria-valuenow="4"' in page and 'aria-valuemax="10"' in page
    assert "Oude groep" not in page


@pytest.mark.parametrize("size", [1, 5])
def test_the_home_needs_the_same_number_of_queries_at_five_times_the_data(
    client, hr, programme, django_assert_max_num_queries, size
):
    today = timezone.localdate()
    CostItemFactory(programme=programme)
    for _ in range(size):
        cohort = CohortFactory(programme=programme, start_date=today + timedelta(days=10), start_threshold=5)
        EnrolmentFactory.create_batch(2, cohort=cohort, placed=True)
        EnrolmentFactory(cohort=cohort, decision_due_at=timezone.now() - timedelta(days=1))
        SessionFactory(cohort=cohort, date=today + timedelta(days=12))
        round_ = PlacementRoundFactory(cohort=cohort, status=PlacementRound.Status.MARKET)
        AssignmentFactory(round=round_, status=Assignment.Status.SUBMITTED)
        match = CoachMatchFactory(cohort=cohort, participant=UserFactory(organisation=programme.owner))
        CoachMatch.objects.filter(pk=match.pk).update(published_at=timezone.now() - timedelta(days=40))
        NotificationFactory(recipient=UserFactory(organisation=programme.owner), failed=True)
    client.force_login(hr)

    # session, user, roles (2), unread count; organisations, invitations, imports; HR's organisations, groups,
    # their cost items, late requests, rounds, rounds collecting from a host, host candidates, coach matches,
    # failed e-mails and their count
    with django_assert_max_num_queries(19):
        response = client.get(HOME)

    assert len(response.context["home"].groups) == size
    assert len(response.context["home"].needs_you) == 5 * size + 1  # one line for all failed e-mails


def test_a_host_contact_is_asked_to_post_an_assignment_until_their_organisation_has_one(english_client):
    host = OrganisationFactory(name="Gemeente Dronten")
    programme = ProgrammeFactory(name="Talentenregio traineeprogramma", participating_organisations=[host])
    round_ = PlacementRoundFactory(cohort=CohortFactory(programme=programme, running=True), name="Rotatie 3")
    round_.status = PlacementRound.Status.COLLECTING
    round_.save(update_fields=["status"])
    contact = hr_adviser(host)
    other_host_contact = hr_adviser(OrganisationFactory())

    response = _home(english_client, contact)
    assert _kinds(response) == ["assignments_to_post"]
    assert reverse("placements:assignment_new", args=[round_.pk]) in response.content.decode()
    assert _kinds(_home(english_client, other_host_contact)) == []

    AssignmentFactory(round=round_, host_organisation=host, status=Assignment.Status.SUBMITTED)
    assert _kinds(_home(english_client, contact)) == []


def test_a_host_contact_is_asked_to_rank_candidates_until_each_has_their_view(english_client):
    from placements.models import HostRanking, Preference

    host = OrganisationFactory(name="Gemeente Dronten")
    programme = ProgrammeFactory(participating_organisations=[host])
    round_ = PlacementRoundFactory(cohort=CohortFactory(programme=programme, running=True))
    assignment = AssignmentFactory(round=round_, host_organisation=host, title="Vitale dorpskernen")
    first, second = UserFactory(), UserFactory()
    Preference.objects.create(trainee=first, assignment=assignment, rank=1)
    Preference.objects.create(trainee=second, assignment=assignment, rank=2)
    contact = hr_adviser(host)

    response = _home(english_client, contact)
    assert _kinds(response) == ["candidates_to_rank"]
    assert "2 candidates for Vitale dorpskernen wait for your view." in response.content.decode()

    HostRanking.objects.create(assignment=assignment, trainee=first, rank=1, ranked_by=contact)
    assert "1 candidate for Vitale dorpskernen waits for your view." in english_client.get(HOME).content.decode()
    HostRanking.objects.create(assignment=assignment, trainee=second, not_suitable=True, ranked_by=contact)
    assert _kinds(english_client.get(HOME)) == []
