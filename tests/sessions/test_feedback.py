"""Session feedback: attendees rate and comment once a session has ended; HR sees results without names."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sessions import feedback as service
from sessions.models import ExtraSeat, SessionFeedback
from tests.factories import IntervisionGroupFactory, SessionFactory, UserFactory

from .conftest import make_members


def held_session(running, *, days: int = 2, **kwargs):
    return SessionFactory(cohort=running.cohort, date=timezone.localdate() - timedelta(days=days), **kwargs)


def given(session) -> list[tuple[int, int, str]]:
    return list(
        SessionFeedback.objects.filter(session=session)
        .order_by("person_id")
        .values_list("person_id", "rating", "comment")
    )


# --- giving feedback -----------------------------------------------------------------------------------------


def test_an_attendee_rates_and_comments_a_session_that_has_ended(running, english_client):
    # given a training two days ago
    session = held_session(running, trainer=running.trainer)
    member = running.members[0]
    english_client.force_login(member)

    # when a member sends four stars and a comment
    response = english_client.post(
        reverse("sessions:feedback", args=[session.pk]), {"rating": "4", "comment": "  Veel geleerd.  "}, follow=True
    )

    # then it is stored once, trimmed
    assert given(session) == [(member.pk, 4, "Veel geleerd.")]
    assert "Thank you for your feedback." in response.content.decode()


def test_the_form_shows_the_rating_as_radio_buttons_in_a_fieldset_with_a_legend(running, english_client):
    session = held_session(running)
    english_client.force_login(running.members[0])

    response = english_client.get(reverse("sessions:feedback", args=[session.pk]))

    content = response.content.decode()
    assert "<fieldset" in content
    assert "How would you rate this session?" in content.split("<legend", 1)[1].split("</legend>", 1)[0]
    assert len(re.findall(r'<input type="radio"[^>]* name="rating" value="[1-5]"', content)) == 5
    assert "HR sees the results without your name." in content


def test_an_attendee_changes_their_feedback_within_14_days(running):
    session = held_session(running)
    member = running.members[0]
    service.session_feedback_give(session=session, person=member, rating=2, comment="Te lang.")
    SessionFeedback.objects.filter(session=session).update(created_at=timezone.now() - timedelta(days=13))

    service.session_feedback_give(session=session, person=member, rating=3, comment="Toch nuttig.")

    assert given(session) == [(member.pk, 3, "Toch nuttig.")]


def test_feedback_can_no_longer_be_changed_after_14_days(running, english_client):
    session = held_session(running, days=30)
    member = running.members[0]
    service.session_feedback_give(session=session, person=member, rating=2, comment="Te lang.")
    SessionFeedback.objects.filter(session=session).update(created_at=timezone.now() - timedelta(days=15))
    english_client.force_login(member)

    opened = english_client.get(reverse("sessions:feedback", args=[session.pk]))
    posted = english_client.post(
        reverse("sessions:feedback", args=[session.pk]), {"rating": "5", "comment": "Top"}, follow=True
    )

    assert "that time has passed" in opened.content.decode()
    assert 'name="rating"' not in opened.content.decode()
    assert "Feedback can be changed for 14 days after you gave it; that time has passed." in posted.content.decode()
    assert given(session) == [(member.pk, 2, "Te lang.")]


def test_feedback_before_the_session_has_ended_is_refused(running, english_client):
    session = SessionFactory(cohort=running.cohort, date=timezone.localdate() + timedelta(days=1))
    member = running.members[0]
    english_client.force_login(member)

    response = english_client.post(
        reverse("sessions:feedback", args=[session.pk]), {"rating": "5", "comment": ""}, follow=True
    )

    assert given(session) == []
    assert "You can give feedback once the session has ended." in response.content.decode()


def test_feedback_on_a_cancelled_session_is_refused(running, english_client):
    session = held_session(running, cancelled=True)
    member = running.members[0]
    english_client.force_login(member)

    response = english_client.post(
        reverse("sessions:feedback", args=[session.pk]), {"rating": "5", "comment": ""}, follow=True
    )

    assert given(session) == []
    assert "This session has been cancelled; there is nothing to give feedback on." in response.content.decode()


@pytest.mark.parametrize("rating", ["0", "6", "", "vijf"])
def test_a_rating_outside_one_to_five_is_refused(running, english_client, rating):
    session = held_session(running)
    english_client.force_login(running.members[0])

    response = english_client.post(reverse("sessions:feedback", args=[session.pk]), {"rating": rating})

    assert response.status_code == 200
    assert response.context["form"].errors["rating"]
    assert given(session) == []


def test_the_service_refuses_a_rating_outside_one_to_five(running):
    session = held_session(running)

    with pytest.raises(ValidationError) as refused:
        service.session_feedback_give(session=session, person=running.members[0], rating=6, comment="")

    assert refused.value.message_dict == {"rating": ["Choose a rating from 1 to 5."]}
    assert given(session) == []


@pytest.mark.parametrize("who", ["outsider", "hr", "trainer", "other_hr", "career_adviser"])
def test_only_attendees_can_give_feedback(running, client, who):
    session = held_session(running, trainer=running.trainer)
    client.force_login(getattr(running, who))

    opened = client.get(reverse("sessions:feedback", args=[session.pk]))
    posted = client.post(reverse("sessions:feedback", args=[session.pk]), {"rating": "1", "comment": "x"})

    assert (opened.status_code, posted.status_code) == (404, 404)
    assert given(session) == []


def test_a_member_of_another_intervision_group_cannot_give_feedback_on_this_groups_session(running, client):
    group = IntervisionGroupFactory(cohort=running.cohort)
    group.members.set(running.members[:3])
    session = held_session(running, intervision=True, intervision_group=group)
    client.force_login(running.members[4])

    response = client.post(reverse("sessions:feedback", args=[session.pk]), {"rating": "1"})

    assert response.status_code == 404
    assert given(session) == []


def test_an_extra_participant_of_an_open_session_can_give_feedback(running):
    session = held_session(running, open_for_extra=True)
    ExtraSeat.objects.create(session=session, person=running.outsider)

    service.session_feedback_give(session=session, person=running.outsider, rating=5, comment="")

    assert given(session) == [(running.outsider.pk, 5, "")]


# --- results for HR ------------------------------------------------------------------------------------------


@pytest.fixture
def rated(running):
    anna, bram, carla = running.members[:3]
    external = held_session(running, days=20, title="Politieke Antenne", external_trainer="Bureau Antenne")
    internal = held_session(running, days=10, title="Persoonlijk leiderschap", trainer=running.trainer)
    second_internal = held_session(running, days=5, title="Samenwerken", trainer=running.trainer)
    unrated = held_session(running, days=3, title="Intervisie 1")
    SessionFactory(cohort=running.cohort, title="Eindbijeenkomst", date=timezone.localdate() + timedelta(days=30))
    held_session(running, days=4, title="Afgelast", cancelled=True)
    for person, rating, comment in [(anna, 5, "Inspirerend"), (bram, 4, ""), (carla, 3, "Arnhem was beter")]:
        service.session_feedback_give(session=external, person=person, rating=rating, comment=comment)
    for person, rating, comment in [(anna, 2, "Te theoretisch"), (bram, 3, "")]:
        service.session_feedback_give(session=internal, person=person, rating=rating, comment=comment)
    service.session_feedback_give(session=second_internal, person=carla, rating=5, comment="")
    return {"external": external, "internal": internal, "second_internal": second_internal, "unrated": unrated}


def test_hr_sees_the_average_count_and_comments_per_session(running, rated):
    summary = service.cohort_feedback_summary(cohort=running.cohort)

    assert [
        (result.session.title, result.responses, result.average, result.comments) for result in summary["sessions"]
    ] == [
        ("Politieke Antenne", 3, Decimal("4.0"), ["Arnhem was beter", "Inspirerend"]),
        ("Persoonlijk leiderschap", 2, Decimal("2.5"), ["Te theoretisch"]),
        ("Samenwerken", 1, Decimal("5.0"), []),
        ("Intervisie 1", 0, None, []),
    ]


def test_hr_sees_the_average_per_trainer_internal_and_external(running, rated):
    summary = service.cohort_feedback_summary(cohort=running.cohort)

    expected = [
        ("Bureau Antenne", 1, 3, Decimal("4.0")),
        (running.trainer.full_name, 2, 3, Decimal("3.3")),  # (2 + 3 + 5) / 3 responses
    ]
    assert [(result.name, result.sessions, result.responses, result.average) for result in summary["trainers"]] == (
        sorted(expected, key=lambda row: row[0].casefold())
    )


def test_the_results_page_shows_no_names_of_the_people_who_gave_feedback(running, rated, english_client):
    for index, member in enumerate(running.members):
        member.first_name, member.last_name = f"Voornaam{index}x", f"Achternaam{index}q"
        member.save(update_fields=["first_name", "last_name"])
    english_client.force_login(running.hr)

    response = english_client.get(reverse("sessions:feedback_results", args=[running.cohort.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "These results are anonymous" in content
    assert "Average rating 4.0 out of 5, from 3 responses." in content
    assert "Inspirerend" in content
    for member in running.members:
        assert member.first_name not in content
        assert member.last_name not in content
        assert member.email not in content
    assert running.trainer.full_name in content


@pytest.mark.parametrize("who", ["other_hr", "trainer", "outsider", "member"])
def test_the_results_page_is_for_hr_of_the_owning_organisation_only(running, rated, client, who):
    client.force_login(running.members[0] if who == "member" else getattr(running, who))

    assert client.get(reverse("sessions:feedback_results", args=[running.cohort.pk])).status_code == 404


@pytest.mark.parametrize("size", [2, 10])
def test_the_results_need_the_same_number_of_queries_however_many_sessions_and_responses(
    running, client, django_assert_max_num_queries, size
):
    members = running.members + make_members(running.cohort, size)
    for index in range(size):
        trainer = running.trainer if index % 2 else None
        session = held_session(running, days=index + 1, trainer=trainer, external_trainer=f"Extern {index % 3}")
        for member in members:
            SessionFeedback.objects.create(session=session, person=member, rating=1 + index % 5, comment=f"C{index}")
    client.force_login(running.hr)

    with django_assert_max_num_queries(2):
        summary = service.cohort_feedback_summary(cohort=running.cohort)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("sessions:feedback_results", args=[running.cohort.pk]))

    assert len(summary["sessions"]) == size
    assert len(response.context["sessions"]) == size


def test_a_trainer_who_is_also_listed_as_a_user_with_no_name_is_shown_by_email(running):
    nameless = UserFactory(first_name="", last_name="", organisation=None, department=None)
    session = held_session(running, trainer=nameless)
    service.session_feedback_give(session=session, person=running.members[0], rating=4, comment="")

    summary = service.cohort_feedback_summary(cohort=running.cohort)

    assert [result.name for result in summary["trainers"]] == [nameless.email]
