"""The homes of the employee (and host supervisor), the coach, the trainer and the career adviser (issue 12,
item 1): each "needs you" item appears when the situation exists, disappears once it is resolved, is never
shown to someone else, and each home costs the same number of queries at 1× and 5× the data."""

import itertools
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from coaching.models import CoachMatch
from placements.models import PlacementAssessment, Preference, Swap, SwapMove
from programmes.models import Programme
from sessions.models import Attendance, ElectiveBallot, ElectivePoll, ElectiveTopic, SessionFeedback
from sessions.slots import TMA_SESSIONS
from tests.factories import (
    AssignmentFactory,
    AvailabilitySlotFactory,
    CoachingNoteFactory,
    CoachingSessionFactory,
    CoachMatchFactory,
    CoachProfileFactory,
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PlacementFactory,
    PlacementRoundFactory,
    ProgrammeFactory,
    SessionFactory,
    SwapOfferFactory,
    UserFactory,
    with_role,
)

pytestmark = pytest.mark.django_db

EMPLOYEE = reverse("dashboards:employee")
COACH = reverse("dashboards:coach")
TRAINER = reverse("dashboards:trainer")
CAREER_ADVISER = reverse("dashboards:career_adviser")


def _today():
    return timezone.localdate()


def _running_member(person=None, **cohort_fields):
    """A person with a seat (active) in a running cohort that started a month ago."""
    person = person or UserFactory()
    cohort = CohortFactory(
        running=True,
        start_date=_today() - timedelta(days=30),
        end_date=_today() + timedelta(days=150),
        **cohort_fields,
    )
    EnrolmentFactory(cohort=cohort, person=person, active=True)
    return person, cohort


def _steps(client, person, kind=None):
    client.force_login(person)
    response = client.get(EMPLOYEE)
    assert response.status_code == 200
    steps = response.context["home"].steps
    return [step for step in steps if kind is None or step.kind == kind], response.content.decode()


def _future(days: int, hour: int = 10):
    return timezone.make_aware(datetime.combine(_today() + timedelta(days=days), time(hour)))


_slot_days = itertools.count(30)


def _free_slot(**fields):
    """A free TMA slot on a day of its own in the coming weeks (an adviser has one slot per start time)."""
    day = next(_slot_days)
    return AvailabilitySlotFactory(starts_at=_future(day), ends_at=_future(day, 11), **fields)


# --- employee: the next steps ------------------------------------------------------------------------------


def test_an_eligible_employee_is_asked_to_enrol_until_they_have_enrolled(english_client):
    person = UserFactory()
    cohort = CohortFactory(programme=ProgrammeFactory(owner=person.organisation, name="Jonge medewerkers"))
    outsider = UserFactory()  # another organisation, whose employer does not take part

    steps, page = _steps(english_client, person, "enrol")

    assert [step.url for step in steps] == [f"{reverse('participants:programmes')}#cohort-{cohort.pk}-heading"]
    assert "You can enrol in Jonge medewerkers" in page
    assert _steps(english_client, outsider, "enrol")[0] == []

    EnrolmentFactory(cohort=cohort, person=person)  # waiting for the manager

    assert _steps(english_client, person, "enrol")[0] == []


def test_a_member_is_not_asked_to_enrol_in_another_group_of_their_own_programme(english_client):
    person = UserFactory()
    programme = ProgrammeFactory(owner=person.organisation)
    newcomer = UserFactory(organisation=person.organisation)
    _running_member(person, programme=programme)
    next_group = CohortFactory(programme=programme)  # the programme's next group, open for enrolment

    assert _steps(english_client, person, "enrol")[0] == []
    assert [
        step.url.endswith(f"#cohort-{next_group.pk}-heading") for step in _steps(english_client, newcomer, "enrol")[0]
    ] == [True]


def test_a_member_is_asked_to_book_tma_sessions_until_they_booked_all(english_client):
    person, cohort = _running_member()
    other, _other_cohort = _running_member()
    AvailabilitySlotFactory(cohort=cohort, starts_at=_future(3), ends_at=_future(3, 11))

    steps, page = _steps(english_client, person, "book_tma")

    assert [step.url for step in steps] == [reverse("sessions:tma_booking")]
    assert f"You have booked 0 of your {TMA_SESSIONS} TMA sessions in {cohort.name}." in page
    assert _steps(english_client, other, "book_tma")[0] == []

    for number in range(1, TMA_SESSIONS + 1):
        AvailabilitySlotFactory(
            cohort=cohort,
            starts_at=_future(10 + number),
            ends_at=_future(10 + number, 11),
            booked_by=person,
            sequence_number=number,
        )

    assert _steps(english_client, person, "book_tma")[0] == []


def test_a_trainee_is_asked_to_rank_until_they_ranked_and_then_can_change_it(english_client):
    person, cohort = _running_member()
    round_ = PlacementRoundFactory(cohort=cohort, name="Rotatie 2")
    assignment = AssignmentFactory(round=round_)
    outsider = UserFactory()

    steps, _page = _steps(english_client, person, "rank")

    assert [step.url for step in steps] == [reverse("placements:market", args=[round_.pk])]
    assert _steps(english_client, outsider, "rank")[0] == []

    Preference.objects.create(trainee=person, assignment=assignment, rank=1)

    steps, page = _steps(english_client, person, "rank")
    assert steps == []
    assert "Project market Rotatie 2: you have ranked" in page


def test_a_member_is_asked_to_vote_until_they_voted(english_client):
    person, cohort = _running_member()
    other, _other_cohort = _running_member()
    poll = ElectivePoll.objects.create(cohort=cohort)
    topic = ElectiveTopic.objects.create(poll=poll, title="Adviseren")

    steps, _page = _steps(english_client, person, "vote")

    assert [step.url for step in steps] == [reverse("sessions:elective_vote", args=[cohort.pk])]
    assert _steps(english_client, other, "vote")[0] == []

    ElectiveBallot.objects.create(poll=poll, topic=topic, voter=person)

    assert _steps(english_client, person, "vote")[0] == []


def test_a_closed_vote_asks_nothing(english_client):
    person, cohort = _running_member()
    ElectivePoll.objects.create(cohort=cohort, status=ElectivePoll.Status.CLOSED)

    assert _steps(english_client, person, "vote")[0] == []


def test_a_participant_is_asked_for_feedback_on_a_past_session_until_they_gave_it(english_client):
    person, cohort = _running_member()
    trainer = UserFactory()
    session = SessionFactory(cohort=cohort, title="Persoonlijk leiderschap", date=_today() - timedelta(days=2))
    session.trainer = trainer
    session.save()
    SessionFactory(cohort=cohort, title="Nog niet geweest", date=_today() + timedelta(days=2))
    SessionFactory(cohort=cohort, title="Afgelast", date=_today() - timedelta(days=3), cancelled=True)

    steps, page = _steps(english_client, person, "feedback")

    assert [step.url for step in steps] == [reverse("sessions:feedback", args=[session.pk])]
    assert "Persoonlijk leiderschap" in page
    assert _steps(english_client, UserFactory(), "feedback")[0] == []

    SessionFeedback.objects.create(session=session, person=person, rating=4)

    assert _steps(english_client, person, "feedback")[0] == []


def test_who_was_registered_absent_is_not_asked_for_feedback(english_client):
    person, cohort = _running_member()
    session = SessionFactory(cohort=cohort, date=_today() - timedelta(days=2))
    Attendance.objects.create(session=session, person=person, status=Attendance.Status.ABSENT_EXCUSED)

    assert _steps(english_client, person, "feedback")[0] == []


def test_a_participant_is_asked_to_answer_a_proposed_swap_until_they_accepted(english_client):
    person, cohort = _running_member(programme=ProgrammeFactory(av_vib=True))
    host = UserFactory()
    EnrolmentFactory(cohort=cohort, person=host, active=True)
    SwapOfferFactory(cohort=cohort, participant=person)
    host_offer = SwapOfferFactory(cohort=cohort, participant=host, own_job="Vergunningverlener")
    swap = Swap.objects.create(
        cohort=cohort, starts_on=_today() + timedelta(days=30), ends_on=_today() + timedelta(days=120)
    )
    move = SwapMove.objects.create(swap=swap, participant=person, host_offer=host_offer)

    steps, page = _steps(english_client, person, "swap")

    assert [step.url for step in steps] == [reverse("placements:my_swap")]
    assert "Vergunningverlener" in page
    assert _steps(english_client, host, "swap")[0] == []  # host has no move of their own in this swap

    move.accepted_at = timezone.now()
    move.save()

    assert _steps(english_client, person, "swap")[0] == []


def test_someone_whose_group_has_not_started_sees_when_it_starts(client):
    person = UserFactory()
    cohort = CohortFactory(name="Groep 2", start_date=_today() + timedelta(days=40), full=True)
    EnrolmentFactory(cohort=cohort, person=person, placed=True)
    waiting = UserFactory()
    EnrolmentFactory(cohort=cohort, person=waiting, waitlisted=True)
    client.force_login(person)

    page = client.get(EMPLOYEE).content.decode()

    assert "Je groep Groep 2" in page  # Dutch by default
    assert [start.cohort for start in client.get(EMPLOYEE).context["home"].group_starts] == [cohort]
    client.force_login(waiting)
    assert client.get(EMPLOYEE).context["home"].group_starts == []


def test_with_nothing_to_do_the_home_says_so_and_what_to_do_next(english_client):
    person = UserFactory()
    english_client.force_login(person)

    page = english_client.get(EMPLOYEE).content.decode()

    assert "Nothing waits for you right now." in page
    assert reverse("participants:programmes") in page


# --- employee: the host supervisor -------------------------------------------------------------------------


def test_a_supervisor_sees_their_trainees_and_the_assessments_due(english_client):
    supervisor = UserFactory()
    trainee = UserFactory(first_name="Julia", last_name="Jonker")
    round_ = PlacementRoundFactory(
        starts_on=_today() - timedelta(days=60), ends_on=_today() + timedelta(days=20), status="published"
    )
    placement = PlacementFactory(
        trainee=trainee, assignment=AssignmentFactory(round=round_, supervisor=supervisor, title="Wijkaanpak")
    )
    someone_else = PlacementFactory(assignment=AssignmentFactory(round=round_))

    english_client.force_login(supervisor)
    response = english_client.get(EMPLOYEE)
    home = response.context["home"]

    assert [p.pk for p in home.supervision.placements] == [placement.pk]
    assert [step.url for step in home.supervision.due] == [
        reverse("placements:assessment", args=[placement.pk, "midterm"])
    ]
    assert "Julia Jonker" in response.content.decode()
    assert someone_else.trainee.last_name not in response.content.decode()

    PlacementAssessment.objects.create(placement=placement, kind="midterm", author=supervisor, text="GEHEIM oordeel")

    response = english_client.get(EMPLOYEE)
    home = response.context["home"]
    # The placement ends within 30 days: the final assessment is due now; the mid-term is done.
    assert [step.url for step in home.supervision.due] == [
        reverse("placements:assessment", args=[placement.pk, "final"])
    ]
    assert "GEHEIM" not in response.content.decode()

    PlacementAssessment.objects.create(placement=placement, kind="final", author=supervisor, text="Eindoordeel")

    assert english_client.get(EMPLOYEE).context["home"].supervision.due == []


def test_the_final_assessment_is_not_asked_long_before_the_placement_ends(english_client):
    supervisor = UserFactory()
    round_ = PlacementRoundFactory(starts_on=_today() - timedelta(days=60), ends_on=_today() + timedelta(days=200))
    placement = PlacementFactory(assignment=AssignmentFactory(round=round_, supervisor=supervisor))
    PlacementAssessment.objects.create(placement=placement, kind="midterm", author=supervisor, text="Goed bezig")
    english_client.force_login(supervisor)

    assert english_client.get(EMPLOYEE).context["home"].supervision.due == []


def test_a_placement_that_has_not_started_asks_no_assessment_and_others_have_no_supervision(english_client):
    supervisor = UserFactory()
    round_ = PlacementRoundFactory(starts_on=_today() + timedelta(days=10), ends_on=_today() + timedelta(days=200))
    PlacementFactory(assignment=AssignmentFactory(round=round_, supervisor=supervisor))
    english_client.force_login(supervisor)

    assert english_client.get(EMPLOYEE).context["home"].supervision.due == []

    english_client.force_login(UserFactory())
    assert english_client.get(EMPLOYEE).context["home"].supervision is None


# --- coach -------------------------------------------------------------------------------------------------


def _coach():
    return CoachProfileFactory().user


def test_a_coach_is_asked_to_confirm_the_click_until_they_did(english_client):
    coach = _coach()
    match = CoachMatchFactory(coach=coach)
    english_client.force_login(coach)

    home = english_client.get(COACH).context["home"]
    assert [task.match.pk for task in home.to_confirm] == [match.pk]
    assert reverse("coaching:coach_match", args=[match.pk]) in english_client.get(COACH).content.decode()

    match.coach_confirmed_at = timezone.now()
    match.save()

    assert english_client.get(COACH).context["home"].to_confirm == []


def test_a_coach_is_asked_for_a_first_log_until_a_session_is_logged(english_client):
    coach = _coach()
    match = CoachMatchFactory(coach=coach, confirmed=True)
    english_client.force_login(coach)

    home = english_client.get(COACH).context["home"]
    assert [(task.kind, task.match.pk) for task in home.logs_to_write] == [("first", match.pk)]
    assert reverse("coaching:session_log_new", args=[match.pk]) in english_client.get(COACH).content.decode()

    CoachingSessionFactory(match=match, date=_today())

    assert english_client.get(COACH).context["home"].logs_to_write == []


def test_a_coach_is_asked_to_log_when_the_last_session_is_over_a_month_ago_and_never_sees_note_content(
    english_client,
):
    coach = _coach()
    match = CoachMatchFactory(coach=coach, confirmed=True)
    old = CoachingSessionFactory(match=match, date=_today() - timedelta(days=45), topics="GEHEIM onderwerp")
    CoachingNoteFactory(session=old, text="GEHEIME notitie")
    recent = CoachMatchFactory(coach=coach, confirmed=True)
    CoachingSessionFactory(match=recent, date=_today() - timedelta(days=3))
    english_client.force_login(coach)

    response = english_client.get(COACH)
    page = response.content.decode()

    assert [(task.kind, task.match.pk) for task in response.context["home"].logs_to_write] == [("overdue", match.pk)]
    assert "GEHEIM" not in page

    CoachingSessionFactory(match=match, date=_today())

    assert english_client.get(COACH).context["home"].logs_to_write == []


def test_a_coach_does_not_see_another_coachs_coachees_and_ended_matches_ask_nothing(english_client):
    coach = _coach()
    CoachMatchFactory(coach=_coach(), confirmed=True)
    CoachMatchFactory(coach=coach, status=CoachMatch.Status.ENDED)
    english_client.force_login(coach)

    home = english_client.get(COACH).context["home"]

    assert (home.matches, home.to_confirm, home.logs_to_write) == ([], [], [])


def test_only_coaches_reach_the_coach_home(client):
    client.force_login(UserFactory())

    assert client.get(COACH).status_code == 404


# --- trainer -----------------------------------------------------------------------------------------------


def _trainer():
    return with_role(UserFactory(organisation=None, department=None), Role.TRAINER)


def test_a_trainer_is_asked_to_register_attendance_until_it_is_registered(english_client):
    trainer = _trainer()
    person, cohort = _running_member()
    held = SessionFactory(
        cohort=cohort, trainer=trainer, title="Persoonlijk leiderschap", date=_today() - timedelta(days=1)
    )
    SessionFactory(cohort=cohort, trainer=trainer, date=_today() + timedelta(days=7))  # not held yet
    SessionFactory(cohort=cohort, trainer=trainer, date=_today() - timedelta(days=8), cancelled=True)
    SessionFactory(cohort=cohort, trainer=_trainer(), date=_today() - timedelta(days=1))  # someone else's
    english_client.force_login(trainer)

    response = english_client.get(TRAINER)

    assert [session.pk for session in response.context["home"].attendance_due] == [held.pk]
    assert reverse("sessions:attendance", args=[held.pk]) in response.content.decode()

    Attendance.objects.create(session=held, person=person, status=Attendance.Status.PRESENT, registered_by=trainer)

    response = english_client.get(TRAINER)
    assert response.context["home"].attendance_due == []
    assert "You have registered the attendance of every session you ran." in response.content.decode()


def test_only_trainers_reach_the_trainer_home(client):
    client.force_login(UserFactory())

    assert client.get(TRAINER).status_code == 404


# --- career adviser ----------------------------------------------------------------------------------------


def _adviser(organisation):
    return with_role(UserFactory(organisation=organisation), Role.CAREER_ADVISER, organisation)


def test_a_career_adviser_is_asked_to_publish_slots_until_there_are_enough(english_client):
    organisation = OrganisationFactory()
    adviser = _adviser(organisation)
    first, cohort = _running_member(programme=ProgrammeFactory(owner=organisation))
    second = UserFactory()
    EnrolmentFactory(cohort=cohort, person=second, active=True)
    AvailabilitySlotFactory(adviser=adviser, cohort=cohort, starts_at=_future(5), ends_at=_future(5, 11))
    AvailabilitySlotFactory(
        adviser=adviser, cohort=cohort, starts_at=_future(6), ends_at=_future(6, 11), booked_by=first, sequence_number=1
    )
    other_adviser = _adviser(OrganisationFactory())
    english_client.force_login(adviser)

    response = english_client.get(CAREER_ADVISER)
    (need,) = response.context["home"].needs

    assert (need.cohort, need.members, need.members_waiting, need.sessions_to_book, need.free_slots) == (
        cohort,
        2,
        2,
        2 * TMA_SESSIONS - 1,
        1,
    )
    assert need.slots_to_publish == 2 * TMA_SESSIONS - 2
    assert reverse("sessions:slots") in response.content.decode()

    for _slot in range(need.slots_to_publish):
        _free_slot(adviser=adviser, cohort=cohort)

    response = english_client.get(CAREER_ADVISER)
    assert response.context["home"].slots_to_publish == []
    assert "Enough free slots are published" in response.content.decode()

    english_client.force_login(other_adviser)
    assert english_client.get(CAREER_ADVISER).context["home"].needs == []


def test_only_career_advisers_reach_the_career_adviser_home(client):
    client.force_login(UserFactory())

    assert client.get(CAREER_ADVISER).status_code == 404


# --- a fixed number of queries -----------------------------------------------------------------------------


def _employee_world(person, *, count: int) -> None:
    """`count` of each situation that puts a step on the person's home."""
    for _index in range(count):
        CohortFactory(programme=ProgrammeFactory(owner=person.organisation))  # to enrol in
        _person, cohort = _running_member(person)
        AvailabilitySlotFactory(cohort=cohort, starts_at=_future(3), ends_at=_future(3, 11))
        AssignmentFactory(round=PlacementRoundFactory(cohort=cohort))
        poll = ElectivePoll.objects.create(cohort=cohort)
        ElectiveTopic.objects.create(poll=poll, title="Adviseren")
        SessionFactory(cohort=cohort, date=_today() - timedelta(days=1))
        SessionFactory(cohort=cohort, date=_today() + timedelta(days=1))
        host = UserFactory()
        swap = Swap.objects.create(cohort=cohort, starts_on=_today(), ends_on=_today() + timedelta(days=90))
        SwapMove.objects.create(
            swap=swap, participant=person, host_offer=SwapOfferFactory(cohort=cohort, participant=host)
        )
        round_ = PlacementRoundFactory(starts_on=_today() - timedelta(days=5), ends_on=_today() + timedelta(days=10))
        PlacementFactory(assignment=AssignmentFactory(round=round_, supervisor=person))


def _coach_world(coach, *, count: int) -> None:
    for _index in range(count):
        CoachMatchFactory(coach=coach)
        CoachMatchFactory(coach=coach, confirmed=True)
        CoachingSessionFactory(match=CoachMatchFactory(coach=coach, confirmed=True), date=_today() - timedelta(days=40))


def _trainer_world(trainer, *, count: int) -> None:
    for _index in range(count):
        _person, cohort = _running_member()
        SessionFactory(cohort=cohort, trainer=trainer, date=_today() - timedelta(days=1))
        SessionFactory(cohort=cohort, trainer=trainer, date=_today() + timedelta(days=1))


def _adviser_world(adviser, *, count: int) -> None:
    for _index in range(count):
        person, cohort = _running_member(programme=ProgrammeFactory(owner=adviser.organisation))
        _free_slot(adviser=adviser, cohort=cohort)
        _free_slot(adviser=adviser, cohort=cohort, booked_by=person, sequence_number=1)


def _employee():
    return UserFactory()


HOMES = {
    "employee": (EMPLOYEE, _employee, _employee_world),
    "coach": (COACH, _coach, _coach_world),
    "trainer": (TRAINER, _trainer, _trainer_world),
    "career_adviser": (CAREER_ADVISER, lambda: _adviser(OrganisationFactory()), _adviser_world),
}


@pytest.mark.parametrize("home", list(HOMES))
def test_each_home_costs_the_same_queries_at_one_and_five_times_the_data(client, home, django_assert_max_num_queries):
    url, make_person, build = HOMES[home]
    person = make_person()
    build(person, count=1)
    client.force_login(person)
    client.get(url)  # warm the session and the content types
    with django_assert_max_num_queries(40) as once:
        first = client.get(url)
    build(person, count=4)

    with django_assert_max_num_queries(len(once.captured_queries)) as five_times:
        fifth = client.get(url)

    assert len(five_times.captured_queries) == len(once.captured_queries)
    # The data did grow: five times the items on the home.
    assert _item_count(fifth.context["home"]) == 5 * _item_count(first.context["home"]) > 0


def _item_count(home) -> int:
    if hasattr(home, "steps"):
        return len(home.steps) + len(home.supervision.due if home.supervision else [])
    if hasattr(home, "logs_to_write"):
        return len(home.to_confirm) + len(home.logs_to_write)
    if hasattr(home, "attendance_due"):
        return len(home.attendance_due)
    return len(home.slots_to_publish)


def test_the_employee_home_of_the_job_swap_programme_links_to_the_swap(english_client):
    person, _cohort = _running_member(programme=ProgrammeFactory(placement_pattern=Programme.PlacementPattern.JOB_SWAP))

    assert reverse("placements:my_swap") in _steps(english_client, person)[1]


def test_sessions_expected_at_is_session_attendees_read_the_other_way_round():
    """The feedback step asks `sessions_expected_at`; it must agree with `session_attendees` (the feedback rule)."""
    from sessions.models import ExtraSeat
    from sessions.selectors import session_attendees, sessions_expected_at
    from tests.factories import IntervisionGroupFactory

    in_group, cohort = _running_member()
    outside_group = UserFactory()
    EnrolmentFactory(cohort=cohort, person=outside_group, active=True)
    former = UserFactory()
    EnrolmentFactory(cohort=cohort, person=former, completed=True)
    extra = UserFactory()
    group = IntervisionGroupFactory(cohort=cohort)
    group.members.add(in_group)
    cohort_wide = SessionFactory(cohort=cohort, open_for_extra=True)
    ExtraSeat.objects.create(session=cohort_wide, person=extra)
    group_session = SessionFactory(cohort=cohort, intervision_group=group, intervision=True)

    for session in (cohort_wide, group_session):
        expected = {person.pk for person in session_attendees(session=session)}
        found = {
            person.pk
            for person in (in_group, outside_group, former, extra)
            if sessions_expected_at(person=person).filter(pk=session.pk).exists()
        }
        assert found == expected
    assert {person.pk for person in session_attendees(session=group_session)} == {in_group.pk}
