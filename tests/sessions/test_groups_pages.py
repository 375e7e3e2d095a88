"""The intervision group pages: HR of the programme only, propose → review → save, edit, sessions per group."""

import pytest

from sessions.models import IntervisionGroup, Session
from tests.factories import IntervisionGroupFactory, SessionFactory

from .conftest import make_members


def _groups_url(running) -> str:
    return f"/sessions/cohorts/{running.cohort.pk}/groups/"


def _make_groups(running, people_per_group: int = 3) -> list[IntervisionGroup]:
    groups = []
    members = running.members
    for number, start in enumerate(range(0, len(members), people_per_group), start=1):
        group = IntervisionGroupFactory(cohort=running.cohort, name=f"Groep {number}", facilitator=running.trainer)
        group.members.set(members[start : start + people_per_group])
        groups.append(group)
    return groups


# --- who may see the pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_hr", "member", "outsider", "trainer"])
def test_the_groups_page_is_not_found_for_anyone_but_hr_of_the_programme(client, running, who):
    user = running.members[0] if who == "member" else getattr(running, who)
    client.force_login(user)

    assert client.get(_groups_url(running)).status_code == 404


@pytest.mark.parametrize("who", ["other_hr", "member"])
def test_nobody_else_can_save_groups_edit_a_group_or_make_sessions(client, running, who):
    groups = _make_groups(running)
    intervision = SessionFactory(cohort=running.cohort, intervision=True)
    client.force_login(running.members[0] if who == "member" else running.other_hr)
    ids = ",".join(str(person.pk) for person in running.members)

    responses = [
        client.post(f"{_groups_url(running)}save/", {"group": ids}),
        client.post(f"/sessions/groups/{groups[0].pk}/edit/", {"name": "Gekaapt", "members": []}),
        client.post(f"{_groups_url(running)}sessions/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert list(IntervisionGroup.objects.filter(cohort=running.cohort).order_by("pk")) == groups
    assert [set(group.members.all()) for group in groups] == [set(running.members[:3]), set(running.members[3:])]
    assert Session.objects.get(cohort=running.cohort) == intervision


# --- propose, review, save --------------------------------------------------------------------------------


def test_hr_sees_the_groups_with_members_and_facilitator(english_client, running):
    _make_groups(running)
    english_client.force_login(running.hr)

    response = english_client.get(_groups_url(running))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Groep 1" in content and "Groep 2" in content
    assert running.trainer.full_name in content
    for member in running.members:
        assert member.full_name in content
        assert member.department.name in content


def test_hr_proposes_groups_reviews_them_and_saves_them(english_client, running):
    make_members(running.cohort, 6)  # twelve members: two groups of six
    english_client.force_login(running.hr)

    review = english_client.get(_groups_url(running), {"propose": "1", "min_size": "4", "max_size": "6"})

    assert review.status_code == 200
    assert "Save these groups" in review.content.decode()
    proposal = review.context["proposal"]
    assert [len(group["people"]) for group in proposal] == [6, 6]
    assert not IntervisionGroup.objects.filter(cohort=running.cohort).exists()  # nothing saved on review

    saved = english_client.post(f"{_groups_url(running)}save/", {"group": [group["ids"] for group in proposal]})

    assert saved.status_code == 302
    groups = list(IntervisionGroup.objects.filter(cohort=running.cohort).order_by("name"))
    assert [sorted(group.members.values_list("pk", flat=True)) for group in groups] == [
        sorted(person.pk for person in group["people"]) for group in proposal
    ]


def test_a_proposal_that_cannot_be_made_shows_why(english_client, running):
    english_client.force_login(running.hr)

    response = english_client.get(_groups_url(running), {"propose": "1", "min_size": "4", "max_size": "5"})

    # six members in groups of 4–5: two groups would need eight
    assert "6 people cannot be divided into groups of 4 to 5 people." in response.content.decode()
    assert response.context["proposal"] == []


def test_a_tampered_proposal_is_checked_again_on_save_and_changes_nothing(english_client, running):
    report = running.members[1]
    report.manager = running.members[0]
    report.save()
    english_client.force_login(running.hr)
    together = ",".join(str(person.pk) for person in running.members[:3])
    rest = ",".join(str(person.pk) for person in running.members[3:])

    response = english_client.post(f"{_groups_url(running)}save/", {"group": [together, rest]}, follow=True)

    assert "A person cannot be in a group with their own manager" in response.content.decode()
    assert not IntervisionGroup.objects.filter(cohort=running.cohort).exists()


def test_a_proposal_with_someone_from_outside_the_cohort_is_refused(english_client, running):
    english_client.force_login(running.hr)
    ids = ",".join(str(person.pk) for person in [*running.members, running.outsider])

    response = english_client.post(f"{_groups_url(running)}save/", {"group": ids}, follow=True)

    assert "is not a current member of this cohort." in response.content.decode()
    assert not IntervisionGroup.objects.filter(cohort=running.cohort).exists()


# --- edit and sessions ------------------------------------------------------------------------------------


def test_hr_moves_a_member_on_the_edit_page(english_client, running):
    first, second = _make_groups(running)
    english_client.force_login(running.hr)
    members = [person.pk for person in [*running.members[:3], running.members[3]]]

    response = english_client.post(
        f"/sessions/groups/{first.pk}/edit/",
        {"name": "De Denkers", "facilitator": running.trainer.pk, "members": members},
    )

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.name == "De Denkers"
    assert set(first.members.values_list("pk", flat=True)) == set(members)
    assert set(second.members.all()) == set(running.members[4:])


def test_the_edit_page_refuses_a_person_with_their_own_manager(english_client, running):
    first, second = _make_groups(running)
    report = running.members[4]
    report.manager = running.members[0]
    report.save()
    english_client.force_login(running.hr)

    response = english_client.post(
        f"/sessions/groups/{first.pk}/edit/",
        {"name": "Groep 1", "members": [person.pk for person in [*running.members[:3], report]]},
    )

    assert response.status_code == 200
    assert "A person cannot be in a group with their own manager" in response.content.decode()
    assert set(first.members.all()) == set(running.members[:3])
    assert set(second.members.all()) == set(running.members[3:])


def test_the_edit_page_offers_trainers_and_staff_of_the_organisation_as_facilitator(english_client, running):
    first, _second = _make_groups(running)
    english_client.force_login(running.hr)

    facilitators = set(
        english_client.get(f"/sessions/groups/{first.pk}/edit/").context["form"].fields["facilitator"].queryset
    )

    assert running.trainer in facilitators and running.hr in facilitators and running.outsider in facilitators
    assert running.other_hr not in facilitators


def test_hr_gives_each_group_its_own_intervision_sessions(english_client, running):
    _make_groups(running)
    SessionFactory(cohort=running.cohort, intervision=True, title="Intervisie 1")
    english_client.force_login(running.hr)

    response = english_client.post(f"{_groups_url(running)}sessions/", follow=True)

    assert "2 intervision sessions have been planned for the groups." in response.content.decode()
    assert sorted(Session.objects.filter(cohort=running.cohort).values_list("title", flat=True)) == [
        "Intervisie 1 – Groep 1",
        "Intervisie 1 – Groep 2",
    ]


# --- queries ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra_members", [0, 24])
def test_the_groups_page_needs_the_same_number_of_queries_however_many_people(
    client, running, django_assert_num_queries, extra_members
):
    make_members(running.cohort, extra_members)
    running.members = list(running.cohort.enrolments.values_list("person", flat=True))
    groups = []
    for number in range(1, 3 + extra_members // 6):
        group = IntervisionGroupFactory(cohort=running.cohort, name=f"Groep {number}", facilitator=running.trainer)
        groups.append(group)
    for index, person_pk in enumerate(running.members):
        groups[index % len(groups)].members.add(person_pk)
    SessionFactory(cohort=running.cohort, intervision_group=groups[0], intervision=True)
    client.force_login(running.hr)

    with django_assert_num_queries(12):
        response = client.get(_groups_url(running), {"propose": "1", "min_size": "4", "max_size": "6"})

    assert response.status_code == 200
