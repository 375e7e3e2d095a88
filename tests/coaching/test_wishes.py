"""The participant's coaching wish: who may state one, what is checked, and that the note reaches HR only."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from coaching import matches
from coaching.models import CoachingWish, Theme
from participants.models import Enrolment
from tests.factories import (
    CoachMatchFactory,
    CoachProfileFactory,
    EnrolmentFactory,
    OrganisationFactory,
    UserFactory,
)

URL = "/coaching/wish/"


def _wishes():
    return [
        (wish.participant_id, wish.preferred_coach_id, wish.avoid_own_department, wish.note_for_hr)
        for wish in CoachingWish.objects.order_by("pk")
    ]


@pytest.mark.parametrize("who", ["coach", "manager", "waitlisted", "completed", "other_hr"])
def test_the_wish_page_is_not_found_for_someone_who_is_not_in_a_group_and_has_no_coach(client, coaching, who):
    if who in ("waitlisted", "completed"):
        user = UserFactory(organisation=coaching.organisation)
        status = Enrolment.Status.WAITLISTED if who == "waitlisted" else Enrolment.Status.COMPLETED
        EnrolmentFactory(cohort=coaching.cohort, person=user, status=status)
    else:
        user = {"coach": coaching.coaches[0], "manager": coaching.manager, "other_hr": coaching.other_hr}[who]
    client.force_login(user)

    assert client.get(URL).status_code == 404
    assert client.post(URL, {"avoid_own_department": "on"}).status_code == 404
    assert _wishes() == []


def test_a_member_states_their_wish(english_client, coaching):
    participant = coaching.participants[0]  # departments[0]
    preferred = coaching.coaches[1]  # departments[1]
    leadership = Theme.objects.get(name="Leiderschap")
    english_client.force_login(participant)

    page = english_client.get(URL)
    response = english_client.post(
        URL,
        {
            "themes": [leadership.pk],
            "preferred_coach": preferred.pk,
            "avoid_own_department": "on",
            "note_for_hr": "Liefst iemand met ervaring als teamleider.",
        },
        follow=True,
    )

    assert list(page.context["form"].fields["preferred_coach"].queryset) == sorted(
        coaching.coaches, key=lambda user: (user.last_name, user.first_name, user.pk)
    )
    assert [str(m) for m in response.context["messages"]] == ["Your coaching wish has been saved."]
    wish = CoachingWish.objects.get(participant=participant)
    assert list(wish.themes.all()) == [leadership]
    assert (wish.preferred_coach, wish.avoid_own_department, wish.note_for_hr) == (
        preferred,
        True,
        "Liefst iemand met ervaring als teamleider.",
    )
    # Changing it replaces the one wish.
    english_client.post(URL, {"themes": [], "preferred_coach": ""})
    wish = CoachingWish.objects.get(participant=participant)
    assert (list(wish.themes.all()), wish.preferred_coach, wish.avoid_own_department) == ([], None, False)


def test_the_note_is_shown_to_hr_on_the_matching_page(english_client, coaching):
    note = "Ik wil liever geen coach uit Ruimte."
    CoachingWish.objects.create(participant=coaching.participants[0], note_for_hr=note)
    english_client.force_login(coaching.hr)

    content = english_client.get(f"/coaching/cohorts/{coaching.cohort.pk}/matching/").content.decode()

    assert "Note for HR: Ik wil liever geen coach uit Ruimte." in content


def test_someone_who_already_has_a_coach_may_state_a_wish_too(client, coaching):
    alumnus = UserFactory(organisation=coaching.organisation)
    CoachMatchFactory(coach=coaching.coaches[0], participant=alumnus)
    client.force_login(alumnus)

    response = client.post(URL, {"avoid_own_department": "on", "note_for_hr": ""})

    assert response.status_code == 302
    assert CoachingWish.objects.filter(participant=alumnus).exists()


def test_a_preferred_coach_of_the_own_department_is_refused_while_someone_from_elsewhere_is_asked(
    english_client, coaching
):
    participant, colleague = coaching.participants[0], coaching.coaches[0]  # both departments[0]
    english_client.force_login(participant)

    refused = english_client.post(URL, {"preferred_coach": colleague.pk, "avoid_own_department": "on"})

    assert refused.status_code == 200
    assert refused.context["form"].errors["preferred_coach"] == [
        "This coach works in your own department. Choose another coach, or untick “not someone from my own department”."
    ]
    assert _wishes() == []

    allowed = english_client.post(URL, {"preferred_coach": colleague.pk})

    assert allowed.status_code == 302
    assert _wishes() == [(participant.pk, colleague.pk, False, "")]


def test_a_coach_of_another_organisation_cannot_be_preferred(client, coaching):
    elsewhere = CoachProfileFactory(user=UserFactory(organisation=OrganisationFactory())).user
    client.force_login(coaching.participants[0])

    response = client.post(URL, {"preferred_coach": elsewhere.pk, "avoid_own_department": "on"})

    assert response.status_code == 200
    assert "preferred_coach" in response.context["form"].errors
    assert _wishes() == []


def test_the_own_manager_is_not_offered_and_the_service_refuses_them(coaching):
    participant = coaching.participants[0]
    CoachProfileFactory(user=coaching.manager)

    assert coaching.manager not in matches.preferred_coach_choices(participant=participant)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        matches.coaching_wish_save(
            participant=participant,
            themes=[],
            preferred_coach=coaching.manager,
            avoid_own_department=False,
            note_for_hr="",
        )

    assert refused.value.message_dict == {"preferred_coach": ["Your own manager cannot be your coach."]}
    assert _wishes() == []


def test_a_note_that_is_too_long_is_refused(client, coaching):
    client.force_login(coaching.participants[0])

    response = client.post(URL, {"avoid_own_department": "on", "note_for_hr": "x" * 1001})

    assert response.status_code == 200
    assert "note_for_hr" in response.context["form"].errors
    assert _wishes() == []


# --- the link on My coaching (issue 10, section 4): shown exactly to those whom the wish page lets in ------

MY_COACHING = "/coaching/my-coaching/"
WISH_LINK = f'href="{URL}"'


def _person(coaching, who):
    if who == "member":
        return coaching.participants[0]
    if who == "has_a_coach":
        alumnus = UserFactory(organisation=coaching.organisation)
        CoachMatchFactory(coach=coaching.coaches[0], participant=alumnus)
        return alumnus
    if who in ("waitlisted", "completed", "approved"):
        person = UserFactory(organisation=coaching.organisation)
        EnrolmentFactory(cohort=coaching.cohort, person=person, status=getattr(Enrolment.Status, who.upper()))
        return person
    if who == "not_enrolled":
        return UserFactory(organisation=coaching.organisation)
    if who == "no_organisation":
        return UserFactory(organisation=None, department=None)
    return {"coach": coaching.coaches[0], "manager": coaching.manager, "other_hr": coaching.other_hr}[who]


@pytest.mark.parametrize(
    ("who", "may"),
    [
        ("member", True),
        ("has_a_coach", True),
        ("waitlisted", False),
        ("approved", False),
        ("completed", False),
        ("not_enrolled", False),
        ("coach", False),
        ("manager", False),
        ("other_hr", False),
        ("no_organisation", False),
    ],
)
def test_my_coaching_links_to_the_wish_page_exactly_when_the_wish_page_opens(english_client, coaching, who, may):
    person = _person(coaching, who)
    english_client.force_login(person)

    page = english_client.get(MY_COACHING)
    wish_page = english_client.get(URL)

    assert page.status_code == 200
    content = page.content.decode()
    assert (WISH_LINK in content) is may
    assert wish_page.status_code == (200 if may else 404)
    # Those without the link are told, in one sentence, when they can state a wish and what to do until then.
    assert ('id="coaching-wish-later"' in content) is not may
    # Every link on the page works for this person.
    for href in set(re.findall(r'href="(/coaching/[^"#]*)"', content)):
        assert english_client.get(href).status_code == 200, href


def test_an_employee_without_a_place_is_sent_to_programmes_and_enrolments(english_client, coaching):
    person = _person(coaching, "waitlisted")
    english_client.force_login(person)

    content = english_client.get(MY_COACHING).content.decode()

    assert (
        "You can tell HR what you would like in a coach once you have a place in a group: enrol or follow your "
        'enrolment under <a href="/enrolments/programmes/">Programmes and enrolments</a>.'
    ) in content
    assert english_client.get("/enrolments/programmes/").status_code == 200


def test_someone_without_an_organisation_gets_no_links_to_employee_pages(english_client, coaching):
    english_client.force_login(_person(coaching, "no_organisation"))

    content = english_client.get(MY_COACHING).content.decode()

    assert "/coaching/my-coach/" not in content
    assert "/enrolments/programmes/" not in content
    assert "You can tell HR what you would like in a coach once you have a place in a group." in content


def test_the_wish_sentence_is_in_dutch_by_default(client, coaching):
    person = _person(coaching, "not_enrolled")
    person.preferred_language = "nl"
    person.save(update_fields=["preferred_language"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    client.force_login(person)

    content = client.get(MY_COACHING).content.decode()

    assert "Je kunt HR laten weten wat je zoekt in een coach zodra je een plek in een groep hebt" in content
