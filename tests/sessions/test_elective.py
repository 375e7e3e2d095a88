"""The elective vote (keuzetraining): opening, proposing, voting, closing, the elective session, the pages."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from notifications.models import Notification
from participants.models import Enrolment
from sessions import elective
from sessions.models import ElectiveBallot, ElectivePoll, ElectiveTopic, Session, SessionKind
from tests.factories import CohortFactory, EnrolmentFactory, SessionFactory, UserFactory

TOPICS = ["Adviseren", "Gespreksvoering", "Visueel denken"]


@pytest.fixture
def poll(running):
    return elective.elective_poll_open(cohort=running.cohort, topics=TOPICS, by=running.hr)


def topic(poll, title) -> ElectiveTopic:
    return ElectiveTopic.objects.get(poll=poll, title=title)


# --- opening ----------------------------------------------------------------------------------------------


def test_hr_opens_the_vote_and_every_current_member_is_told_once(running):
    former = UserFactory(organisation=running.organisation)
    EnrolmentFactory(cohort=running.cohort, person=former, status=Enrolment.Status.WITHDRAWN)

    poll = elective.elective_poll_open(cohort=running.cohort, topics=["  Adviseren ", "", *TOPICS[1:]], by=running.hr)

    assert list(poll.topics.values_list("title", flat=True)) == TOPICS
    told = Notification.objects.filter(event="elective_vote_opened")
    assert sorted(told.values_list("recipient", flat=True)) == sorted(member.pk for member in running.members)
    assert set(told.values_list("key", flat=True)) == {f"elective-poll-{poll.pk}"}
    assert set(told.values_list("action_url", flat=True)) == {f"/sessions/cohorts/{running.cohort.pk}/elective/vote/"}


@pytest.mark.parametrize(
    ("topics", "message"),
    [
        (["Adviseren"], "List at least two topics, one per line."),
        (["Adviseren", "adviseren "], "“adviseren” is listed twice."),
    ],
)
def test_a_vote_needs_two_different_topics(running, topics, message):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        elective.elective_poll_open(cohort=running.cohort, topics=topics, by=running.hr)

    assert refused.value.message_dict == {"topics": [message]}
    assert not ElectivePoll.objects.exists()
    assert not Notification.objects.exists()


def test_only_hr_of_the_programme_opens_the_vote_and_only_once(running, poll):
    with pytest.raises(PermissionDenied):
        elective.elective_poll_open(cohort=running.cohort, topics=TOPICS, by=running.other_hr)
    with pytest.raises(ValidationError) as again:
        elective.elective_poll_open(cohort=running.cohort, topics=["A", "B"], by=running.hr)

    assert again.value.code == "exists"
    assert ElectiveTopic.objects.count() == 3
    assert Notification.objects.count() == 6


# --- proposing and voting ---------------------------------------------------------------------------------


def test_a_member_proposes_a_topic_and_a_duplicate_is_refused_whatever_its_case(running, poll):
    added = elective.elective_topic_propose(poll=poll, person=running.members[0], title="Timemanagement")

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        elective.elective_topic_propose(poll=poll, person=running.members[1], title="  visueel   DENKEN ")

    assert added.proposed_by == running.members[0]
    assert refused.value.message_dict == {"title": ["“visueel DENKEN” is already on the list."]}
    assert list(poll.topics.values_list("title", flat=True)) == [*TOPICS, "Timemanagement"]


def test_only_current_members_propose_and_vote(running, poll):
    with pytest.raises(PermissionDenied):
        elective.elective_topic_propose(poll=poll, person=running.outsider, title="Iets anders")
    with pytest.raises(PermissionDenied):
        elective.elective_vote_cast(poll=poll, person=running.hr, topic=topic(poll, "Adviseren"))

    assert poll.topics.count() == 3
    assert not ElectiveBallot.objects.exists()


def test_a_member_votes_once_and_voting_again_changes_the_vote(running, poll):
    voter = running.members[0]

    elective.elective_vote_cast(poll=poll, person=voter, topic=topic(poll, "Adviseren"))
    elective.elective_vote_cast(poll=poll, person=voter, topic=topic(poll, "Visueel denken"))

    assert list(ElectiveBallot.objects.values_list("voter", "topic__title")) == [(voter.pk, "Visueel denken")]


def test_a_vote_for_a_topic_of_another_cohorts_vote_is_refused(running, poll):
    other_cohort = CohortFactory(programme=running.programme)
    other = elective.elective_poll_open(cohort=other_cohort, topics=["X", "Y"], by=running.hr)

    with pytest.raises(ValidationError):
        elective.elective_vote_cast(poll=poll, person=running.members[0], topic=topic(other, "X"))

    assert not ElectiveBallot.objects.exists()


# --- closing ----------------------------------------------------------------------------------------------


def _vote(poll, running, choices: list[str]) -> None:
    for member, title in zip(running.members, choices, strict=False):
        elective.elective_vote_cast(poll=poll, person=member, topic=topic(poll, title))


def test_closing_picks_the_topic_with_most_votes_and_it_becomes_the_elective_session(running, poll):
    session = SessionFactory(
        cohort=running.cohort, kind=SessionKind.ELECTIVE, title="Keuzetraining", date=date(2028, 1, 21)
    )
    _vote(poll, running, ["Adviseren", "Visueel denken", "Visueel denken", "Gespreksvoering", "Visueel denken"])

    closed = elective.elective_poll_close(poll=poll, by=running.hr)

    assert (closed.status, closed.winner.title, closed.session) == (
        ElectivePoll.Status.CLOSED,
        "Visueel denken",
        session,
    )
    session.refresh_from_db()
    assert (session.title, session.sequence) == ("Visueel denken", 1)
    told = Notification.objects.filter(event="elective_chosen")
    assert sorted(told.values_list("recipient", flat=True)) == sorted(member.pk for member in running.members)


def test_a_tie_goes_to_the_topic_proposed_first(running, poll):
    late = elective.elective_topic_propose(poll=poll, person=running.members[0], title="Timemanagement")
    elective.elective_vote_cast(poll=poll, person=running.members[0], topic=late)
    elective.elective_vote_cast(poll=poll, person=running.members[1], topic=late)
    for member, title in zip(running.members[2:5], ["Gespreksvoering", "Gespreksvoering", "Adviseren"], strict=True):
        elective.elective_vote_cast(poll=poll, person=member, topic=topic(poll, title))
    # Timemanagement 2, Gespreksvoering 2, Adviseren 1: Gespreksvoering was proposed first

    closed = elective.elective_poll_close(poll=poll, by=running.hr)

    assert closed.winner.title == "Gespreksvoering"


def test_closing_twice_does_nothing_and_tells_nobody_twice(running, poll):
    _vote(poll, running, ["Adviseren"])
    elective.elective_poll_close(poll=poll, by=running.hr)
    first_closed_at = ElectivePoll.objects.get(pk=poll.pk).closed_at

    elective.elective_poll_close(poll=poll, by=running.hr)

    assert ElectivePoll.objects.get(pk=poll.pk).closed_at == first_closed_at
    assert Notification.objects.filter(event="elective_chosen").count() == 6


def test_without_an_elective_session_the_vote_closes_without_one(running, poll):
    _vote(poll, running, ["Adviseren"])

    closed = elective.elective_poll_close(poll=poll, by=running.hr)

    assert (closed.winner.title, closed.session) == ("Adviseren", None)
    assert not Session.objects.exists()


def test_after_closing_nobody_votes_or_proposes(running, poll):
    elective.elective_poll_close(poll=poll, by=running.hr)

    with pytest.raises(ValidationError):
        elective.elective_vote_cast(poll=poll, person=running.members[0], topic=topic(poll, "Adviseren"))
    with pytest.raises(ValidationError):
        elective.elective_topic_propose(poll=poll, person=running.members[0], title="Nieuw")

    assert not ElectiveBallot.objects.exists()
    assert poll.topics.count() == 3


def test_only_hr_of_the_programme_closes_the_vote(running, poll):
    with pytest.raises(PermissionDenied):
        elective.elective_poll_close(poll=poll, by=running.other_hr)

    assert ElectivePoll.objects.get(pk=poll.pk).status == ElectivePoll.Status.OPEN
    assert not Notification.objects.filter(event="elective_chosen").exists()


# --- the pages --------------------------------------------------------------------------------------------


def _hr_url(running) -> str:
    return f"/sessions/cohorts/{running.cohort.pk}/elective/"


def test_hr_opens_the_vote_on_the_page_with_suggested_topics(english_client, running):
    english_client.force_login(running.hr)

    form = english_client.get(_hr_url(running))
    opened = english_client.post(_hr_url(running), {"topics": "Advising\r\nLeading conversations\r\n"})

    assert "Leading conversations" in form.content.decode()
    assert opened.status_code == 302
    assert list(ElectiveTopic.objects.values_list("title", flat=True)) == ["Advising", "Leading conversations"]


def test_hr_sees_the_tally_and_closes_the_vote(english_client, running, poll):
    SessionFactory(cohort=running.cohort, kind=SessionKind.ELECTIVE, title="Keuzetraining")
    _vote(poll, running, ["Gespreksvoering", "Gespreksvoering"])
    english_client.force_login(running.hr)

    tally = english_client.get(_hr_url(running))
    closed = english_client.post(f"{_hr_url(running)}close/", follow=True)

    assert [(t.title, t.votes) for t in tally.context["overview"].topics] == [
        ("Gespreksvoering", 2),
        ("Adviseren", 0),
        ("Visueel denken", 0),
    ]
    assert "“Gespreksvoering” won and is now the elective session." in closed.content.decode()


def test_a_member_votes_and_proposes_on_the_vote_page(english_client, running, poll):
    member = running.members[0]
    english_client.force_login(member)

    page = english_client.get(f"{_hr_url(running)}vote/")
    voted = english_client.post(f"{_hr_url(running)}vote/", {"topic": topic(poll, "Adviseren").pk}, follow=True)
    proposed = english_client.post(f"{_hr_url(running)}propose/", {"title": "Timemanagement"}, follow=True)
    duplicate = english_client.post(f"{_hr_url(running)}propose/", {"title": "adviseren"})

    assert "<legend" in page.content.decode() and 'type="radio"' in page.content.decode()
    assert "Your vote for “Adviseren” has been saved." in voted.content.decode()
    assert "“Timemanagement” has been added to the vote." in proposed.content.decode()
    assert "“adviseren” is already on the list." in duplicate.content.decode()
    assert list(ElectiveBallot.objects.values_list("voter", "topic__title")) == [(member.pk, "Adviseren")]
    assert poll.topics.count() == 4


def test_members_see_the_winner_after_closing(english_client, running, poll):
    _vote(poll, running, ["Visueel denken"])
    elective.elective_poll_close(poll=poll, by=running.hr)
    english_client.force_login(running.members[3])

    response = english_client.get(f"{_hr_url(running)}vote/")

    assert "The group chose: <strong>Visueel denken</strong>." in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "other_hr", "hr"])
def test_the_vote_page_is_not_found_for_non_members_and_they_change_nothing(client, running, poll, who):
    client.force_login(getattr(running, who))

    responses = [
        client.get(f"{_hr_url(running)}vote/"),
        client.post(f"{_hr_url(running)}vote/", {"topic": topic(poll, "Adviseren").pk}),
        client.post(f"{_hr_url(running)}propose/", {"title": "Iets"}),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert not ElectiveBallot.objects.exists()
    assert poll.topics.count() == 3


@pytest.mark.parametrize("who", ["other_hr", "member", "outsider"])
def test_the_hr_vote_pages_are_not_found_for_others_and_they_change_nothing(client, running, who):
    client.force_login(running.members[0] if who == "member" else getattr(running, who))

    responses = [
        client.get(_hr_url(running)),
        client.post(_hr_url(running), {"topics": "A\nB"}),
        client.post(f"{_hr_url(running)}close/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert not ElectivePoll.objects.exists()


def test_others_cannot_close_an_open_vote(client, running, poll):
    client.force_login(running.other_hr)

    assert client.post(f"{_hr_url(running)}close/").status_code == 404
    assert ElectivePoll.objects.get(pk=poll.pk).status == ElectivePoll.Status.OPEN
