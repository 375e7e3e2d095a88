"""The coach pool: volunteer → HR approves (coach role) → in the pool with capacity; invitations; decline, pause,
resume; only HR of the pool's organisation decides, never about themself; the pool page in constant queries."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import Role, RoleAssignment
from audit.models import AuditEvent
from coaching import pool
from coaching.models import CoachMatch, CoachProfile
from notifications.models import Notification
from tests.factories import CoachMatchFactory, CoachProfileFactory, ThemeFactory, UserFactory, hr_adviser
from tests.sessions.test_attendance import chart_table

POOL = "/coaching/pool/"
VOLUNTEER = "/coaching/volunteer/"


def _profile_data(**overrides) -> dict:
    data = {
        "expertise": "Twintig jaar projectleider in het sociaal domein",
        "languages": "Nederlands, English",
        "hours_per_month": "4",
        "max_coachees": "2",
        "coach_training_completed_on": "2026-03-15",
        "motivation": "Ik gun jonge collega's wat ik zelf had",
    }
    data.update(overrides)
    return data


def _state(profile: CoachProfile) -> tuple:
    profile.refresh_from_db()
    return profile.status, profile.decided_by_id, profile.decided_at


# --- volunteer → approve → in the pool ----------------------------------------------------------------------


def test_an_employee_volunteers_hr_approves_and_the_coach_is_in_the_pool_with_capacity(
    client, english_client, coaching
):
    leadership = ThemeFactory(name="Leiderschap")
    employee = UserFactory(
        organisation=coaching.organisation, department=coaching.departments[1], first_name="Ineke", last_name="Mulder"
    )
    client.force_login(employee)

    response = client.post(VOLUNTEER, _profile_data(themes=[leadership.pk]))

    assert response.status_code == 302
    profile = CoachProfile.objects.get(user=employee)
    assert profile.status == CoachProfile.Status.VOLUNTEERED
    assert profile.organisation == coaching.organisation
    assert (profile.max_coachees, str(profile.hours_per_month)) == (2, "4.0")
    assert profile.coach_training_completed_on == date(2026, 3, 15)
    assert list(profile.themes.all()) == [leadership]
    told = Notification.objects.get(event="coach_volunteered")
    assert told.recipient == coaching.hr
    assert told.action_url == POOL
    assert "Ineke Mulder" in told.subject
    assert not RoleAssignment.objects.filter(user=employee, role=Role.COACH).exists()

    english_client.force_login(coaching.hr)
    waiting = english_client.get(POOL)
    assert waiting.context["profiles"][0] == profile  # waiting volunteers first
    assert f"/coaching/pool/{profile.pk}/approve/" in waiting.content.decode()

    response = english_client.post(f"/coaching/pool/{profile.pk}/approve/")

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == CoachProfile.Status.APPROVED
    assert profile.decided_by == coaching.hr
    assert (
        RoleAssignment.objects.filter(user=employee, role=Role.COACH, organisation=coaching.organisation).count() == 1
    )
    assert Notification.objects.get(event="coach_approved").recipient == employee
    assert AuditEvent.objects.filter(target_type="coaching.coachprofile", target_id=profile.pk).count() == 1
    page = english_client.get(POOL, {"status": "approved"})
    row = next(item for item in page.context["profiles"] if item.user == employee)
    assert (row.live_matches, row.max_coachees, row.free_places) == (0, 2, 2)
    content = page.content.decode()
    assert "Ineke Mulder" in content and "0 of 2" in content and "15 March 2026" in content
    assert page.context["totals"] == {"approved_coaches": 4, "free_places": 11, "without_coach": 6}


def test_approving_twice_keeps_one_role_and_refuses_the_second_decision(coaching):
    profile = CoachProfileFactory(user=UserFactory(organisation=coaching.organisation), volunteered=True)
    pool.coach_approve(profile=profile, by=coaching.hr)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        pool.coach_approve(profile=profile, by=coaching.hr)

    assert "cannot become" in refused.value.messages[0]
    assert RoleAssignment.objects.filter(user=profile.user, role=Role.COACH).count() == 1
    assert Notification.objects.filter(event="coach_approved").count() == 1


def test_an_approved_coach_edits_their_profile_and_stays_approved_without_bothering_hr(client, coaching):
    coach = coaching.coaches[0]
    client.force_login(coach)

    response = client.post(VOLUNTEER, _profile_data(max_coachees="4", hours_per_month="6"))

    assert response.status_code == 302
    profile = coach.coach_profile
    profile.refresh_from_db()
    assert (profile.status, profile.max_coachees, str(profile.hours_per_month)) == ("approved", 4, "6.0")
    assert not Notification.objects.filter(event="coach_volunteered").exists()


def test_a_coach_cannot_lower_their_maximum_below_the_people_they_coach_now(english_client, coaching):
    coach = coaching.coaches[0]
    CoachMatchFactory(coach=coach, participant=coaching.participants[1])
    CoachMatchFactory(coach=coach, participant=coaching.participants[2], confirmed=True)
    english_client.force_login(coach)

    response = english_client.post(VOLUNTEER, _profile_data(max_coachees="1"))

    assert response.status_code == 200
    assert "You coach 2 people now" in response.content.decode()
    assert CoachProfile.objects.get(user=coach).max_coachees == 3


def test_a_training_date_in_the_future_is_refused_and_nothing_is_saved(english_client, coaching):
    employee = UserFactory(organisation=coaching.organisation)
    english_client.force_login(employee)

    response = english_client.post(VOLUNTEER, _profile_data(coach_training_completed_on="2999-01-01"))

    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert not CoachProfile.objects.filter(user=employee).exists()
    assert not Notification.objects.exists()


def test_someone_without_an_organisation_cannot_volunteer(client, db):
    outsider = UserFactory(organisation=None, department=None)
    client.force_login(outsider)

    assert client.get(VOLUNTEER).status_code == 404
    assert client.post(VOLUNTEER, _profile_data()).status_code == 404
    assert not CoachProfile.objects.exists()


# --- invitations ----------------------------------------------------------------------------------------------


def test_hr_finds_a_colleague_invites_them_and_the_filled_in_profile_waits_for_approval(
    client, english_client, coaching
):
    person = UserFactory(
        organisation=coaching.organisation, first_name="Karin", last_name="Veldhuis", email="k.veldhuis@zwolle.test"
    )
    UserFactory(organisation=coaching.other_hr.organisation, first_name="Karin", last_name="Kampen")
    english_client.force_login(coaching.hr)

    found = english_client.get(POOL, {"q": "Karin"})

    assert [candidate.pk for candidate in found.context["candidates"]] == [person.pk]
    response = english_client.post("/coaching/pool/invite/", {"person": person.pk})

    assert response.status_code == 302
    profile = CoachProfile.objects.get(user=person)
    assert (profile.status, profile.decided_by) == (CoachProfile.Status.INVITED, coaching.hr)
    invitation = Notification.objects.get(event="coach_invited")
    assert (invitation.recipient, invitation.action_url) == (person, VOLUNTEER)
    assert english_client.get(POOL, {"q": "Karin"}).context["candidates"] == []  # already in the pool

    client.force_login(person)
    client.post(VOLUNTEER, _profile_data())

    profile.refresh_from_db()
    assert profile.status == CoachProfile.Status.VOLUNTEERED
    assert profile.expertise == "Twintig jaar projectleider in het sociaal domein"
    assert Notification.objects.filter(event="coach_volunteered", recipient=coaching.hr).count() == 1
    pool.coach_approve(profile=profile, by=coaching.hr)
    assert RoleAssignment.objects.filter(user=person, role=Role.COACH).exists()


def test_inviting_someone_already_in_the_pool_is_refused_and_changes_nothing(english_client, coaching):
    english_client.force_login(coaching.hr)
    coach = coaching.coaches[0]

    response = english_client.post("/coaching/pool/invite/", {"person": coach.pk}, follow=True)

    assert "already in the coach pool" in response.content.decode()
    assert CoachProfile.objects.get(user=coach).status == CoachProfile.Status.APPROVED
    assert not Notification.objects.exists()


def test_hr_cannot_invite_someone_of_another_organisation(client, coaching):
    stranger = UserFactory(organisation=coaching.other_hr.organisation)
    client.force_login(coaching.hr)

    assert client.post("/coaching/pool/invite/", {"person": stranger.pk}).status_code == 404
    assert not CoachProfile.objects.filter(user=stranger).exists()
    assert not Notification.objects.exists()


def test_the_invite_search_shows_at_most_twenty_people(client, coaching):
    UserFactory.create_batch(25, organisation=coaching.organisation, last_name="Jansen")
    client.force_login(coaching.hr)

    response = client.get(POOL, {"q": "Jansen"})

    assert len(response.context["candidates"]) == 20


# --- decline, pause, resume -----------------------------------------------------------------------------------


def test_hr_declines_a_volunteer_with_a_reason_and_without_one_nothing_changes(english_client, coaching):
    profile = CoachProfileFactory(user=UserFactory(organisation=coaching.organisation), volunteered=True)
    english_client.force_login(coaching.hr)

    refused = english_client.post(f"/coaching/pool/{profile.pk}/decline/", {"reason": "  "}, follow=True)

    assert "Give a reason." in refused.content.decode()
    assert _state(profile) == (CoachProfile.Status.VOLUNTEERED, None, None)

    english_client.post(f"/coaching/pool/{profile.pk}/decline/", {"reason": "Te weinig tijd dit jaar"})

    assert _state(profile)[:2] == (CoachProfile.Status.DECLINED, coaching.hr.pk)
    assert not RoleAssignment.objects.filter(user=profile.user, role=Role.COACH).exists()
    told = Notification.objects.get(event="coach_declined")
    assert told.recipient == profile.user
    assert "Te weinig tijd dit jaar" in told.body


def test_a_declined_person_may_volunteer_again_and_waits_for_hr_again(client, coaching):
    profile = CoachProfileFactory(user=UserFactory(organisation=coaching.organisation), volunteered=True)
    pool.coach_decline(profile=profile, by=coaching.hr, reason="Nog geen ervaring")
    client.force_login(profile.user)

    client.post(VOLUNTEER, _profile_data())

    assert _state(profile) == (CoachProfile.Status.VOLUNTEERED, None, None)
    assert Notification.objects.filter(event="coach_volunteered").count() == 1


def test_hr_pauses_a_coach_who_keeps_their_coachees_and_resumes_them(client, coaching):
    coach = coaching.coaches[0]
    match = CoachMatchFactory(coach=coach, participant=coaching.participants[1])
    profile = coach.coach_profile
    client.force_login(coaching.hr)

    client.post(f"/coaching/pool/{profile.pk}/pause/")

    assert _state(profile)[0] == CoachProfile.Status.PAUSED
    match.refresh_from_db()
    assert match.status == CoachMatch.Status.INTRODUCED
    totals = client.get(POOL).context["totals"]
    assert totals == {"approved_coaches": 2, "free_places": 6, "without_coach": 5}

    client.post(f"/coaching/pool/{profile.pk}/resume/")

    assert _state(profile)[0] == CoachProfile.Status.APPROVED
    assert client.get(POOL).context["totals"] == {"approved_coaches": 3, "free_places": 8, "without_coach": 5}


def test_an_approved_coach_cannot_be_resumed_or_approved_again(english_client, coaching):
    profile = coaching.coaches[0].coach_profile
    english_client.force_login(coaching.hr)

    response = english_client.post(f"/coaching/pool/{profile.pk}/resume/", follow=True)

    assert "cannot become" in response.content.decode()
    assert _state(profile) == (CoachProfile.Status.APPROVED, None, None)


# --- who may decide ---------------------------------------------------------------------------------------------


def test_hr_of_another_organisation_gets_404_and_changes_nothing(client, coaching):
    volunteer = CoachProfileFactory(user=UserFactory(organisation=coaching.organisation), volunteered=True)
    approved = coaching.coaches[0].coach_profile
    before = (_state(volunteer), _state(approved))
    client.force_login(coaching.other_hr)

    responses = [
        client.get(POOL, {"organisation": coaching.organisation.pk}),
        client.post(f"/coaching/pool/{volunteer.pk}/approve/"),
        client.post(f"/coaching/pool/{volunteer.pk}/decline/", {"reason": "Nee"}),
        client.post(f"/coaching/pool/{approved.pk}/pause/"),
        client.post(f"/coaching/pool/{approved.pk}/resume/"),
        client.post("/coaching/pool/invite/", {"person": coaching.participants[0].pk}),
    ]

    assert [response.status_code for response in responses] == [404] * 6
    assert (_state(volunteer), _state(approved)) == before
    assert not RoleAssignment.objects.filter(user=volunteer.user, role=Role.COACH).exists()
    assert not CoachProfile.objects.filter(user=coaching.participants[0]).exists()
    assert not Notification.objects.exists()
    own_pool = client.get(POOL)
    assert own_pool.status_code == 200
    assert own_pool.context["profiles"] == []
    assert own_pool.context["totals"] == {"approved_coaches": 0, "free_places": 0, "without_coach": 0}


def test_an_employee_cannot_approve_themself_nor_see_the_pool(client, coaching):
    employee = UserFactory(organisation=coaching.organisation)
    client.force_login(employee)
    client.post(VOLUNTEER, _profile_data())
    profile = CoachProfile.objects.get(user=employee)
    before = _state(profile)

    assert client.post(f"/coaching/pool/{profile.pk}/approve/").status_code == 404
    assert client.get(POOL).status_code == 404
    assert _state(profile) == before
    assert not RoleAssignment.objects.filter(user=employee, role=Role.COACH).exists()


def test_an_hr_adviser_who_volunteers_cannot_approve_themself(client, coaching):
    second_hr = hr_adviser(coaching.organisation)
    client.force_login(second_hr)
    client.post(VOLUNTEER, _profile_data())
    profile = CoachProfile.objects.get(user=second_hr)

    assert client.post(f"/coaching/pool/{profile.pk}/approve/").status_code == 404
    assert _state(profile) == (CoachProfile.Status.VOLUNTEERED, None, None)
    assert not RoleAssignment.objects.filter(user=second_hr, role=Role.COACH).exists()
    # The other HR adviser is told, and may approve.
    assert Notification.objects.get(event="coach_volunteered").recipient == coaching.hr
    with pytest.raises(PermissionDenied):
        pool.coach_approve(profile=profile, by=second_hr)
    pool.coach_approve(profile=profile, by=coaching.hr)
    assert _state(profile)[0] == CoachProfile.Status.APPROVED


@pytest.mark.parametrize("who", ["manager", "coach", "participant"])
def test_the_pool_page_is_not_found_for_anyone_but_hr(client, coaching, who):
    user = {"manager": coaching.manager, "coach": coaching.coaches[0], "participant": coaching.participants[0]}[who]
    client.force_login(user)

    assert client.get(POOL).status_code == 404


# --- the load as a chart (issue 12) -------------------------------------------------------------------------


@pytest.fixture
def loaded(coaching):
    """Coach0 coaches 2 of 3, Coach1 1 of 5 (an ended match does not count), Coach2 nobody; a paused coach
    keeps 1 of 2; a volunteer waiting for HR coaches nobody yet."""
    first, second, _third = coaching.coaches
    CoachProfile.objects.filter(user=second).update(max_coachees=5)
    CoachMatchFactory(coach=first, participant=coaching.participants[0])
    CoachMatchFactory(coach=first, participant=coaching.participants[1], confirmed=True)
    CoachMatchFactory(coach=second, participant=coaching.participants[2])
    CoachMatchFactory(coach=second, participant=coaching.participants[3], status=CoachMatch.Status.ENDED)
    paused = CoachProfileFactory(
        user=UserFactory(organisation=coaching.organisation, last_name="Gepauzeerd"), max_coachees=2
    )
    CoachMatchFactory(coach=paused.user, participant=coaching.participants[4])
    pool.coach_pause(profile=paused, by=coaching.hr)
    volunteer = UserFactory(organisation=coaching.organisation, last_name="Vrijwilliger")
    CoachProfileFactory(user=volunteer, volunteered=True)
    coaching.paused = paused.user
    return coaching


def test_the_pool_page_charts_each_coachs_coachees_against_their_maximum(english_client, loaded):
    english_client.force_login(loaded.hr)

    response = english_client.get(POOL)

    first, second, third = (person.full_name for person in loaded.coaches)
    # coach, coachees now, maximum; in the table's order (by name), without the volunteer
    assert chart_table(response.content.decode(), "chart-coach-load") == [
        [first, "2", "3"],
        [second, "1", "5"],
        [third, "0", "3"],
        [loaded.paused.full_name, "1", "2"],
    ]
    chart = response.context["load_chart"]
    assert (chart.horizontal, chart.stacked, [series.kind for series in chart.series]) == (True, False, [None, None])


def test_the_load_chart_follows_the_status_filter_and_is_left_out_without_coaches(english_client, loaded):
    english_client.force_login(loaded.hr)

    paused = english_client.get(POOL, {"status": "paused"})
    volunteers = english_client.get(POOL, {"status": "volunteered"})

    assert chart_table(paused.content.decode(), "chart-coach-load") == [[loaded.paused.full_name, "1", "2"]]
    assert volunteers.context["load_chart"] is None
    assert 'id="chart-coach-load"' not in volunteers.content.decode()


# --- the page in constant queries -----------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 12])
def test_the_pool_page_needs_the_same_number_of_queries_however_big_the_pool(
    client, coaching, django_assert_max_num_queries, extra
):
    themes = [ThemeFactory(name="Leiderschap"), ThemeFactory(name="Samenwerken")]
    for index in range(extra):
        person = UserFactory(organisation=coaching.organisation, department=coaching.departments[index % 3])
        profile = CoachProfileFactory(user=person, themes=themes, volunteered=index % 2 == 0)
        if index % 2:
            CoachMatchFactory(coach=profile.user, participant=UserFactory(organisation=coaching.organisation))
    UserFactory.create_batch(extra, organisation=coaching.organisation, last_name="Zoekbaar")
    client.force_login(coaching.hr)

    with django_assert_max_num_queries(11):  # the load chart is drawn from the same rows: no query of its own
        response = client.get(POOL, {"q": "Zoekbaar"})

    assert len(response.context["profiles"]) == 3 + extra
    assert len(response.context["candidates"]) == min(extra, 20)
