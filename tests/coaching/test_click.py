"""The "click": both sides confirm after the introduction, or either asks for a different match (reason for HR only)."""

import pytest

from coaching import matches
from coaching.models import CoachMatch
from notifications.models import Notification
from tests.factories import CoachingSessionFactory, CoachMatchFactory


@pytest.fixture
def match(coaching):
    return CoachMatchFactory(
        coach=coaching.coaches[1],
        participant=coaching.participants[0],
        cohort=coaching.cohort,
        explanation="same theme: Loopbaan; other department; 1 of 3 places used",
        published_by=coaching.hr,
    )


def _state(match):
    match = CoachMatch.objects.get(pk=match.pk)
    return (
        match.status,
        match.coach_confirmed_at,
        match.participant_confirmed_at,
        match.rematch_reason,
        Notification.objects.count(),
    )


# --- the pages ----------------------------------------------------------------------------------------------


def test_the_participant_sees_their_coach_and_why(english_client, coaching, match):
    english_client.force_login(coaching.participants[0])

    response = english_client.get("/coaching/my-coach/")

    assert response.status_code == 200
    assert response.context["match"] == match
    content = response.content.decode()
    assert coaching.coaches[1].email in content
    assert coaching.coaches[1].department.name in content
    assert "same theme: Loopbaan; other department; 1 of 3 places used" in content
    assert "It clicks: confirm this match" in content


def test_the_coach_sees_their_coachee(english_client, coaching, match):
    english_client.force_login(coaching.coaches[1])

    response = english_client.get(f"/coaching/matches/{match.pk}/")

    assert response.status_code == 200
    assert coaching.participants[0].email in response.content.decode()
    assert response.context["side"] == "coach"


def test_without_a_coach_the_participant_is_told_and_pointed_to_the_wish(english_client, coaching):
    english_client.force_login(coaching.participants[0])

    response = english_client.get("/coaching/my-coach/")

    assert response.context["match"] is None
    content = response.content.decode()
    assert "You do not have a coach yet." in content
    assert 'href="/coaching/wish/"' in content


@pytest.mark.parametrize("who", ["participant", "hr", "other_hr", "other_coach", "manager"])
def test_the_coach_page_is_only_for_the_match_s_coach(client, coaching, match, who):
    user = {
        "participant": coaching.participants[0],
        "hr": coaching.hr,
        "other_hr": coaching.other_hr,
        "other_coach": coaching.coaches[2],
        "manager": coaching.manager,
    }[who]
    client.force_login(user)

    assert client.get(f"/coaching/matches/{match.pk}/").status_code == 404


# --- confirming ---------------------------------------------------------------------------------------------


def test_both_sides_confirm_and_each_time_the_other_side_is_told(english_client, coaching, match):
    participant, coach = coaching.participants[0], coaching.coaches[1]
    english_client.force_login(participant)

    first = english_client.post(f"/coaching/matches/{match.pk}/confirm/", follow=True)

    match.refresh_from_db()
    assert first.redirect_chain == [("/coaching/my-coach/", 302)]
    assert match.status == CoachMatch.Status.INTRODUCED
    assert match.participant_confirmed_at is not None and match.coach_confirmed_at is None
    to_coach = Notification.objects.get(event="coach_match_confirmed", recipient=coach)
    assert to_coach.key == f"match-{match.pk}-participant"
    assert to_coach.action_url == f"/coaching/matches/{match.pk}/"
    assert f"{participant.full_name} confirmed that it clicks." in to_coach.body

    english_client.force_login(coach)
    assert (
        "Your coachee has confirmed the match." in english_client.get(f"/coaching/matches/{match.pk}/").content.decode()
    )
    second = english_client.post(f"/coaching/matches/{match.pk}/confirm/", follow=True)

    match.refresh_from_db()
    assert second.redirect_chain == [(f"/coaching/matches/{match.pk}/", 302)]
    assert match.status == CoachMatch.Status.CONFIRMED
    assert match.coach_confirmed_at is not None
    to_participant = Notification.objects.get(event="coach_match_confirmed", recipient=participant)
    assert to_participant.subject == "Your coaching match is confirmed"
    assert [str(m) for m in second.context["messages"]] == ["You both confirmed: the coaching can start."]


def test_confirming_twice_changes_nothing_and_sends_nothing_again(coaching, match):
    matches.coach_match_confirm(match=match, by=coaching.participants[0])
    before = _state(match)

    matches.coach_match_confirm(match=match, by=coaching.participants[0])

    assert _state(match) == before


@pytest.mark.parametrize("status", [CoachMatch.Status.REMATCH_REQUESTED, CoachMatch.Status.ENDED])
def test_a_match_that_is_being_rematched_or_ended_cannot_be_confirmed(english_client, coaching, match, status):
    CoachMatch.objects.filter(pk=match.pk).update(status=status)
    before = _state(match)
    english_client.force_login(coaching.coaches[1])

    response = english_client.post(f"/coaching/matches/{match.pk}/confirm/", follow=True)

    assert [str(m) for m in response.context["messages"]] == ["This match can no longer be confirmed."]
    assert _state(match) == before


# --- asking for a different match ---------------------------------------------------------------------------


def test_the_coach_asks_for_a_different_match_and_only_hr_reads_the_reason(english_client, coaching, match):
    english_client.force_login(coaching.coaches[1])

    response = english_client.post(
        f"/coaching/matches/{match.pk}/rematch/", {"reason": "Ik ken haar ouders goed."}, follow=True
    )

    match.refresh_from_db()
    assert [str(m) for m in response.context["messages"]] == ["You asked for a different match. HR will be in touch."]
    assert match.status == CoachMatch.Status.REMATCH_REQUESTED
    assert match.rematch_requested_by == coaching.coaches[1]
    assert match.rematch_reason == "Ik ken haar ouders goed."
    # HR of the programme's owner is told, without the reason; nobody else is told anything.
    [message] = Notification.objects.filter(event="coach_rematch_requested")
    assert message.recipient == coaching.hr
    assert message.key == f"match-{match.pk}"
    assert message.action_url == f"/coaching/cohorts/{coaching.cohort.pk}/matching/"
    assert "ouders" not in message.body and "ouders" not in message.subject
    assert Notification.objects.filter(recipient=coaching.participants[0]).count() == 0
    # The participant sees that a different match was asked, never why.
    english_client.force_login(coaching.participants[0])
    page = english_client.get("/coaching/my-coach/").content.decode()
    assert "A different match has been asked for. HR will be in touch." in page
    assert "ouders" not in page
    # HR reads it on the matching page.
    english_client.force_login(coaching.hr)
    matching_page = english_client.get(f"/coaching/cohorts/{coaching.cohort.pk}/matching/").content.decode()
    assert "Ik ken haar ouders goed." in matching_page


def test_the_participant_may_ask_without_a_reason_and_cannot_ask_twice(english_client, coaching, match):
    english_client.force_login(coaching.participants[0])
    english_client.post(f"/coaching/matches/{match.pk}/rematch/", {"reason": ""}, follow=True)
    before = _state(match)

    again = english_client.post(f"/coaching/matches/{match.pk}/rematch/", {"reason": "Toch nog iets"}, follow=True)

    assert before[0] == CoachMatch.Status.REMATCH_REQUESTED and before[3] == ""
    assert [str(m) for m in again.context["messages"]] == ["A different match has already been asked for."]
    assert _state(match) == before


def test_a_reason_that_is_too_long_is_refused(english_client, coaching, match):
    before = _state(match)
    english_client.force_login(coaching.participants[0])

    response = english_client.post(f"/coaching/matches/{match.pk}/rematch/", {"reason": "x" * 1001}, follow=True)

    assert response.context["messages"]
    assert _state(match) == before


def test_a_rematch_request_keeps_the_logged_sessions(coaching, match):
    CoachingSessionFactory(match=match)

    matches.coach_match_request_rematch(match=match, by=coaching.participants[0], reason="")

    assert match.sessions.count() == 1


# --- nobody else ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["hr", "other_hr", "other_coach", "other_participant", "manager"])
def test_nobody_but_the_two_sides_can_confirm_or_ask_for_a_different_match(client, coaching, match, who):
    user = {
        "hr": coaching.hr,
        "other_hr": coaching.other_hr,
        "other_coach": coaching.coaches[2],
        "other_participant": coaching.participants[1],
        "manager": coaching.manager,
    }[who]
    before = _state(match)
    client.force_login(user)

    responses = [
        client.post(f"/coaching/matches/{match.pk}/confirm/"),
        client.post(f"/coaching/matches/{match.pk}/rematch/", {"reason": "Gekaapt"}),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert _state(match) == before


def test_the_services_refuse_anyone_but_the_two_sides(coaching, match):
    from django.core.exceptions import PermissionDenied

    before = _state(match)

    with pytest.raises(PermissionDenied):
        matches.coach_match_confirm(match=match, by=coaching.hr)
    with pytest.raises(PermissionDenied):
        matches.coach_match_request_rematch(match=match, by=coaching.coaches[2], reason="")
    with pytest.raises(PermissionDenied):
        matches.coach_match_end(match=match, by=coaching.coaches[1])

    assert _state(match) == before
