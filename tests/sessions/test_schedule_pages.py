"""HR's schedule pages, the planner in the browser's forms, the session page and each person's schedule."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from sessions.models import AvailabilitySlot, ExtraSeat, Session
from tests.factories import AvailabilitySlotFactory, IntervisionGroupFactory, SessionFactory, UserFactory

from .conftest import make_members
from .test_planner import ZWOLLE_PILOT, zwolle_template

pytestmark = pytest.mark.django_db


def future(days: int = 30) -> date:
    return timezone.localdate() + timedelta(days=days)


# --- who may see what ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["sessions:cohort_schedule", "sessions:cohort_plan", "sessions:session_create"])
def test_hr_of_another_organisation_and_members_get_404_on_hr_cohort_pages(client, running, url_name):
    url = reverse(url_name, args=[running.cohort.pk])
    for person in (running.other_hr, running.members[0], running.trainer):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(running.hr)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url_name", ["sessions:session_edit", "sessions:session_cancel"])
def test_only_hr_of_the_owning_organisation_changes_a_session(client, running, url_name):
    session = SessionFactory(cohort=running.cohort, title="Persoonlijk leiderschap", date=future())
    url = reverse(url_name, args=[session.pk])
    for person in (running.other_hr, running.members[0], running.trainer):
        client.force_login(person)
        response = client.post(
            url,
            {
                "reason": "weg",
                "title": "Gekaapt",
                "kind": "training",
                "date": future(3),
                "start_time": "09:00",
                "end_time": "10:00",
                "cost": "0",
            },
        )
        assert response.status_code == 404
    session.refresh_from_db()
    assert (session.title, session.status, session.sequence) == ("Persoonlijk leiderschap", "planned", 0)
    assert not Notification.objects.exists()


def test_the_session_page_is_for_members_its_trainer_and_hr_only(client, running):
    session = SessionFactory(cohort=running.cohort, date=future(), trainer=running.trainer)
    url = reverse("sessions:session_detail", args=[session.pk])
    for person, status in [
        (running.members[0], 200),
        (running.trainer, 200),
        (running.hr, 200),
        (running.other_hr, 404),
        (running.outsider, 404),
        (UserFactory(), 404),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == status, person


def test_another_groups_intervision_session_is_hidden_from_a_member(client, running):
    mine, theirs = IntervisionGroupFactory(cohort=running.cohort), IntervisionGroupFactory(cohort=running.cohort)
    mine.members.set(running.members[:3])
    theirs.members.set(running.members[3:])
    their_session = SessionFactory(cohort=running.cohort, intervision=True, intervision_group=theirs, date=future())
    client.force_login(running.members[0])

    assert client.get(reverse("sessions:session_detail", args=[their_session.pk])).status_code == 404


# --- planning ----------------------------------------------------------------------------------------------


def test_hr_plans_the_zwolle_pilot_reviews_it_and_saves_it(english_client, running):
    template = zwolle_template(running.programme)
    english_client.force_login(running.hr)
    url = reverse("sessions:cohort_plan", args=[running.cohort.pk])
    plan = {"template": template.pk, "start": "2021-09-03", "location": "Stadhuis Zwolle", "online_url": ""}

    proposal = english_client.post(url, {**plan, "action": "propose"})

    assert proposal.status_code == 200
    formset = proposal.context["formset"]
    assert [form.initial["date"] for form in formset.forms] == [day for day, _kind, _title in ZWOLLE_PILOT]
    assert "Break: Kerstvakantie" in proposal.content.decode()
    assert "after the group's end date" not in proposal.content.decode()

    # HR leaves out the elective (still to be chosen) and moves the end meeting to the afternoon.
    rows = {"form-TOTAL_FORMS": "12", "form-INITIAL_FORMS": "12"}
    for index, form in enumerate(formset.forms):
        for name, value in form.initial.items():
            rows[f"form-{index}-{name}"] = value.isoformat() if hasattr(value, "isoformat") else value
        rows[f"form-{index}-include"] = "on"
        if not form.initial["is_open_for_extra"]:
            del rows[f"form-{index}-is_open_for_extra"]
    del rows["form-9-include"]
    rows["form-11-start_time"] = "15:00"
    response = english_client.post(url, {**plan, **rows, "action": "save"})

    assert response.status_code == 302
    sessions = list(Session.objects.filter(cohort=running.cohort).order_by("date"))
    assert len(sessions) == 11
    assert "Keuzetraining" not in [session.title for session in sessions]
    assert sessions[-1].start_time == time(15, 0)
    assert all(session.location == "Stadhuis Zwolle" for session in sessions)


def test_the_proposal_warns_which_sessions_fall_after_the_cohorts_end_date(english_client, running):
    template = zwolle_template(running.programme)
    english_client.force_login(running.hr)

    # the cohort ends on 18 February 2028; a fortnight later start puts the end meeting past it
    proposal = english_client.post(
        reverse("sessions:cohort_plan", args=[running.cohort.pk]),
        {"template": template.pk, "start": "2027-09-17", "location": "", "online_url": "", "action": "propose"},
    )

    assert proposal.status_code == 200
    page = proposal.content.decode()
    assert "1 session falls after the group's end date (18 February 2028):" in page
    assert "<li>Friday 3 March 2028: Eindbijeenkomst</li>" in page
    assert len(proposal.context["formset"].forms) == 12  # still proposed: HR decides
    assert not Session.objects.exists()


def test_a_proposal_row_ending_before_it_starts_is_shown_with_its_error_and_nothing_is_saved(english_client, running):
    template = zwolle_template(running.programme)
    english_client.force_login(running.hr)
    row = {
        "include": "on",
        "kind": "training",
        "title": "Les",
        "date": "2027-09-03",
        "start_time": "12:00",
        "end_time": "10:00",
        "cost": "0",
    }
    data = {
        "template": template.pk,
        "start": "2027-09-03",
        "location": "",
        "online_url": "",
        "action": "save",
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        **{f"form-0-{k}": v for k, v in row.items()},
    }

    response = english_client.post(reverse("sessions:cohort_plan", args=[running.cohort.pk]), data)

    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()
    assert not Session.objects.exists()


def test_hr_moves_a_session_in_the_browser_and_the_members_are_told(english_client, running):
    session = SessionFactory(cohort=running.cohort, date=future())
    english_client.force_login(running.hr)
    data = {
        "kind": "training",
        "title": session.title,
        "date": "2027-10-08",  # in the cohort's period
        "start_time": "09:00",
        "end_time": "16:30",
        "location": "Online",
        "online_url": "https://meet.example/abc",
        "trainer": "",
        "external_trainer": "",
        "cost": "0",
        "capacity": "",
        "reason": "Zaal bezet",
    }

    response = english_client.post(reverse("sessions:session_edit", args=[session.pk]), data, follow=True)

    assert "6 people have been told" in response.content.decode()
    assert Notification.objects.filter(event="session_moved").count() == 6


# --- my schedule --------------------------------------------------------------------------------------------


def test_a_trainee_sees_only_their_own_schedule_with_conflicts_flagged(english_client, running):
    me = running.members[0]
    mine = IntervisionGroupFactory(cohort=running.cohort)
    mine.members.add(me)
    other = IntervisionGroupFactory(cohort=running.cohort)
    other.members.add(running.members[1])
    SessionFactory(cohort=running.cohort, title="Persoonlijk leiderschap", date=future(7))
    SessionFactory(
        cohort=running.cohort, title="Onze intervisie", intervision_group=mine, date=future(14), intervision=True
    )
    SessionFactory(
        cohort=running.cohort, title="Hun intervisie", intervision_group=other, date=future(14), intervision=True
    )
    SessionFactory(title="Andere groep", date=future(7))
    open_session = SessionFactory(title="Politieke Antenne", date=future(21), open_for_extra=True)
    ExtraSeat.objects.create(session=open_session, person=me)
    starts = timezone.make_aware(timezone.datetime.combine(future(7), time(10, 0)))
    AvailabilitySlotFactory(
        cohort=running.cohort,
        adviser=running.career_adviser,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        booked_by=me,
        sequence_number=1,
    )
    english_client.force_login(me)

    response = english_client.get(reverse("sessions:my_schedule"))

    titles = [entry.title for entry in response.context["upcoming"]]
    assert titles == [
        "Persoonlijk leiderschap",
        "TMA talent-analysis session 1",
        "Onze intervisie",
        "Politieke Antenne",
    ]
    # the TMA session at 10:00 falls inside the training day: both are flagged
    assert [bool(entry.conflicts_with) for entry in response.context["upcoming"]] == [True, True, False, False]
    assert response.context["conflict_count"] == 2


def test_the_trainer_sees_the_sessions_they_run(client, running):
    SessionFactory(cohort=running.cohort, title="Samenwerken", date=future(3), trainer=running.trainer)
    SessionFactory(cohort=running.cohort, title="Niet van mij", date=future(3))
    client.force_login(running.trainer)

    response = client.get(reverse("sessions:my_schedule"))

    assert [(entry.title, entry.role) for entry in response.context["upcoming"]] == [("Samenwerken", "trainer")]


def test_the_schedule_page_keeps_a_constant_number_of_queries_as_sessions_grow(
    client, running, django_assert_max_num_queries
):
    me = running.members[0]
    group = IntervisionGroupFactory(cohort=running.cohort)
    group.members.add(me)
    client.force_login(me)

    def add(count: int) -> None:
        for index in range(count):
            SessionFactory(cohort=running.cohort, date=future(index + 1), trainer=running.trainer)
            SessionFactory(cohort=running.cohort, intervision=True, intervision_group=group, date=future(index + 1))
            SessionFactory(cohort=running.cohort, date=timezone.localdate() - timedelta(days=index + 1))
            starts = timezone.now() + timedelta(days=index + 1, hours=1)
            AvailabilitySlot.objects.create(
                adviser=running.career_adviser,
                cohort=running.cohort,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                booked_by=me,
                sequence_number=None,
            )

    add(2)
    with django_assert_max_num_queries(12) as small:
        assert client.get(reverse("sessions:my_schedule")).status_code == 200
    add(25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("sessions:my_schedule"))
    assert len(response.context["upcoming"]) == 27 * 3


def test_hrs_cohort_schedule_page_keeps_a_constant_number_of_queries(client, running, django_assert_max_num_queries):
    client.force_login(running.hr)
    url = reverse("sessions:cohort_schedule", args=[running.cohort.pk])
    SessionFactory.create_batch(3, cohort=running.cohort, trainer=running.trainer)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    SessionFactory.create_batch(30, cohort=running.cohort, trainer=running.trainer)
    make_members(running.cohort, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["sessions"]) == 33


# --- links on my schedule lead only where the person may go (issue 10) ----------------------------------------


def test_a_trainee_is_linked_to_the_open_sessions_and_may_open_them(client, running):
    client.force_login(running.members[0])

    page = client.get(reverse("sessions:my_schedule")).content.decode()

    assert f'href="{reverse("sessions:open_sessions")}"' in page
    assert client.get(reverse("sessions:open_sessions")).status_code == 200


def test_an_external_trainer_is_not_linked_to_the_open_sessions_they_may_not_open(client, running):
    SessionFactory(cohort=running.cohort, trainer=running.trainer, date=future())
    client.force_login(running.trainer)

    page = client.get(reverse("sessions:my_schedule")).content.decode()

    assert f'href="{reverse("sessions:open_sessions")}"' not in page
    assert client.get(reverse("sessions:open_sessions")).status_code == 404
