"""Attendance: the trainer or HR registers it per session; HR sees it per member; a programme's minimum."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Role
from participants.models import Enrolment
from sessions import attendance as service
from sessions.models import Attendance, Session
from tests.factories import IntervisionGroupFactory, SessionFactory, UserFactory, hr_adviser, with_role

from .conftest import make_members

PRESENT = Attendance.Status.PRESENT
EXCUSED = Attendance.Status.ABSENT_EXCUSED
UNEXCUSED = Attendance.Status.ABSENT_UNEXCUSED


def days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def held_session(running, *, days: int = 7, **kwargs) -> Session:
    kwargs.setdefault("trainer", running.trainer)
    return SessionFactory(cohort=running.cohort, date=days_ago(days), **kwargs)


def registered(session: Session) -> dict[int, str]:
    return dict(Attendance.objects.filter(session=session).values_list("person_id", "status"))


def form_data(statuses: dict) -> dict:
    return {f"person_{person.pk}": status for person, status in statuses.items()}


# --- registering ---------------------------------------------------------------------------------------------


def test_the_trainer_registers_attendance_for_the_members_of_a_session(running, english_client):
    # given a session the trainer ran last week
    session = held_session(running)
    first, second, third = running.members[:3]
    english_client.force_login(running.trainer)

    # when the trainer saves present, excused and not excused for three members
    response = english_client.post(
        reverse("sessions:attendance", args=[session.pk]),
        form_data({first: PRESENT, second: EXCUSED, third: UNEXCUSED}),
        follow=True,
    )

    # then exactly those three are registered, by the trainer
    assert registered(session) == {first.pk: PRESENT, second.pk: EXCUSED, third.pk: UNEXCUSED}
    assert set(Attendance.objects.filter(session=session).values_list("registered_by", flat=True)) == {
        running.trainer.pk
    }
    assert "Attendance saved for 3 people." in response.content.decode()


def test_hr_of_the_owning_organisation_corrects_attendance_without_duplicates(running):
    session = held_session(running)
    member = running.members[0]
    service.attendance_register(session=session, by=running.trainer, statuses={member.pk: UNEXCUSED})

    saved = service.attendance_register(session=session, by=running.hr, statuses={member.pk: EXCUSED})

    assert saved == 1
    assert registered(session) == {member.pk: EXCUSED}
    assert Attendance.objects.get(session=session, person=member).registered_by == running.hr


def test_the_form_lists_every_attendee_in_a_fieldset_with_their_status_prefilled(running, english_client):
    session = held_session(running)
    member = running.members[0]
    service.attendance_register(session=session, by=running.trainer, statuses={member.pk: EXCUSED})
    english_client.force_login(running.hr)

    response = english_client.get(reverse("sessions:attendance", args=[session.pk]))

    content = response.content.decode()
    assert [person.pk for person, _status in response.context["sheet"]] == [
        person.pk for person in sorted(running.members, key=lambda p: (p.last_name, p.first_name, p.email))
    ]
    assert content.count("<fieldset") == 6
    assert content.count("<legend") == 6
    assert f'<legend class="h6 float-none w-auto px-1 mb-2">{member.full_name}' in content
    assert f'id="attendance-{member.pk}-absent_excused" value="absent_excused" checked' in content
    assert content.count(" checked>") == 1


@pytest.mark.parametrize("who", ["other_trainer", "other_hr", "outsider", "member", "career_adviser"])
def test_only_hr_and_the_sessions_own_trainer_can_register_attendance(running, client, who):
    # given a held session with one registration, and someone who is not its trainer nor HR of the owner
    session = held_session(running)
    member = running.members[0]
    service.attendance_register(session=session, by=running.trainer, statuses={member.pk: PRESENT})
    people = {
        "other_trainer": with_role(UserFactory(organisation=None, department=None), Role.TRAINER),
        "other_hr": running.other_hr,
        "outsider": running.outsider,
        "member": running.members[1],
        "career_adviser": running.career_adviser,
    }
    client.force_login(people[who])

    # when they open the form or post to it
    opened = client.get(reverse("sessions:attendance", args=[session.pk]))
    posted = client.post(reverse("sessions:attendance", args=[session.pk]), form_data({member: UNEXCUSED}))

    # then both answer 404 and the registration is unchanged
    assert (opened.status_code, posted.status_code) == (404, 404)
    assert registered(session) == {member.pk: PRESENT}


def test_the_service_refuses_a_wrong_trainer(running):
    session = held_session(running)
    other_trainer = with_role(UserFactory(organisation=None, department=None), Role.TRAINER)

    with pytest.raises(service.PermissionDenied):
        service.attendance_register(session=session, by=other_trainer, statuses={running.members[0].pk: PRESENT})

    assert registered(session) == {}


def test_attendance_for_a_cancelled_session_is_refused(running, english_client):
    session = held_session(running, cancelled=True)
    english_client.force_login(running.trainer)

    response = english_client.post(
        reverse("sessions:attendance", args=[session.pk]), form_data({running.members[0]: PRESENT}), follow=True
    )

    assert registered(session) == {}
    assert "This session has been cancelled; there is no attendance to register." in response.content.decode()


def test_attendance_for_a_session_that_has_not_started_is_refused(running, english_client):
    session = SessionFactory(cohort=running.cohort, trainer=running.trainer, date=timezone.localdate() + timedelta(1))
    english_client.force_login(running.trainer)

    response = english_client.post(
        reverse("sessions:attendance", args=[session.pk]), form_data({running.members[0]: PRESENT}), follow=True
    )

    assert registered(session) == {}
    assert "This session has not started yet; register attendance once it has begun." in response.content.decode()


def test_a_person_who_is_not_expected_at_the_session_is_refused_and_nothing_is_saved(running, english_client):
    session = held_session(running)
    english_client.force_login(running.hr)

    response = english_client.post(
        reverse("sessions:attendance", args=[session.pk]),
        form_data({running.members[0]: PRESENT, running.outsider: PRESENT}),
        follow=True,
    )

    assert registered(session) == {}
    assert "Attendance can only be registered for the people expected at this session" in response.content.decode()


def test_an_unknown_status_is_refused_and_nothing_is_saved(running):
    session = held_session(running)
    first, second = running.members[:2]

    with pytest.raises(ValidationError) as refused:
        service.attendance_register(session=session, by=running.hr, statuses={first.pk: PRESENT, second.pk: "late"})

    assert refused.value.messages == ["Choose present, absent (excused) or absent (not excused)."]
    assert registered(session) == {}


def test_an_intervision_groups_session_takes_only_the_groups_members(running):
    group = IntervisionGroupFactory(cohort=running.cohort, facilitator=running.trainer)
    group.members.set(running.members[:3])
    session = held_session(running, intervision=True, intervision_group=group)

    with pytest.raises(ValidationError):
        service.attendance_register(session=session, by=running.trainer, statuses={running.members[4].pk: PRESENT})
    service.attendance_register(session=session, by=running.trainer, statuses={running.members[0].pk: PRESENT})

    assert registered(session) == {running.members[0].pk: PRESENT}


@pytest.mark.parametrize("size", [3, 15])
def test_the_attendance_form_needs_the_same_number_of_queries_however_many_attendees(
    running, client, django_assert_max_num_queries, size
):
    session = held_session(running)
    make_members(running.cohort, size)
    service.attendance_register(
        session=session, by=running.trainer, statuses={member.pk: PRESENT for member in running.members}
    )
    client.force_login(running.trainer)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("sessions:attendance", args=[session.pk]))

    assert len(response.context["sheet"]) == 6 + size


# --- the cohort's attendance ---------------------------------------------------------------------------------


@pytest.fixture
def attended(running):
    """Three held cohort sessions, one held group session, one future and one cancelled session."""
    group = IntervisionGroupFactory(cohort=running.cohort)
    anna, bram, carla = running.members[:3]
    group.members.set([anna, bram])
    first, second, third = (held_session(running, days=days) for days in (21, 14, 7))
    group_session = held_session(running, days=10, intervision=True, intervision_group=group)
    future = SessionFactory(cohort=running.cohort, date=timezone.localdate() + timedelta(days=7))
    held_session(running, days=3, cancelled=True)
    service.attendance_register(
        session=first, by=running.hr, statuses={anna.pk: PRESENT, bram.pk: PRESENT, carla.pk: PRESENT}
    )
    service.attendance_register(
        session=second, by=running.hr, statuses={anna.pk: PRESENT, bram.pk: EXCUSED, carla.pk: UNEXCUSED}
    )
    service.attendance_register(session=third, by=running.hr, statuses={anna.pk: PRESENT, bram.pk: UNEXCUSED})
    service.attendance_register(session=group_session, by=running.hr, statuses={anna.pk: PRESENT, bram.pk: PRESENT})
    Attendance.objects.create(session=future, person=carla, status=PRESENT, registered_by=running.hr)  # not counted
    return {"anna": anna, "bram": bram, "carla": carla}


def _row(rows, person) -> dict:
    [row] = [row for row in rows if row["person"] == person]
    return {key: value for key, value in row.items() if key != "person"}


def test_the_cohort_summary_counts_the_sessions_held_that_concern_each_member(running, attended):
    running.programme.min_attendance_percent = 75
    running.programme.save()

    rows = service.cohort_attendance_summary(cohort=running.cohort)

    assert len(rows) == 6
    # Anna and Bram are in the intervision group: 3 cohort sessions + 1 group session held
    assert _row(rows, attended["anna"]) == {
        "held": 4,
        "present": 4,
        "excused": 0,
        "unexcused": 0,
        "not_registered": 0,
        "percent": 100,
        "meets_minimum": True,
    }
    assert _row(rows, attended["bram"]) == {
        "held": 4,
        "present": 2,
        "excused": 1,
        "unexcused": 1,
        "not_registered": 0,
        "percent": 50,
        "meets_minimum": False,
    }
    # Carla is in no group: the 3 cohort sessions; the third was not registered for her
    assert _row(rows, attended["carla"]) == {
        "held": 3,
        "present": 1,
        "excused": 0,
        "unexcused": 1,
        "not_registered": 1,
        "percent": 33,
        "meets_minimum": False,
    }
    assert _row(rows, running.members[5]) == {
        "held": 3,
        "present": 0,
        "excused": 0,
        "unexcused": 0,
        "not_registered": 3,
        "percent": 0,
        "meets_minimum": False,
    }


def test_the_summary_has_no_minimum_when_the_programme_sets_none(running, attended):
    rows = service.cohort_attendance_summary(cohort=running.cohort)

    assert {row["meets_minimum"] for row in rows} == {None}


def test_the_summary_counts_only_sessions_up_to_the_given_day(running, attended):
    rows = service.cohort_attendance_summary(cohort=running.cohort, today=days_ago(12))

    # only the cohort sessions of 21 and 14 days ago; the group's session 10 days ago is later
    assert _row(rows, attended["bram"])["held"] == 2
    assert _row(rows, attended["carla"])["held"] == 2


def test_the_cohort_attendance_page_shows_each_member_and_the_minimum(running, attended, english_client):
    running.programme.min_attendance_percent = 75
    running.programme.save()
    english_client.force_login(running.hr)

    response = english_client.get(reverse("sessions:cohort_attendance", args=[running.cohort.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "To complete the programme a participant must attend at least 75%." in content
    assert attended["anna"].full_name in content
    assert "<caption>Attendance of 6 members</caption>" in content


@pytest.mark.parametrize("who", ["other_hr", "trainer", "outsider", "member"])
def test_the_cohort_attendance_page_is_for_hr_of_the_owning_organisation_only(running, client, who):
    user = running.members[0] if who == "member" else getattr(running, who)
    client.force_login(user)

    assert client.get(reverse("sessions:cohort_attendance", args=[running.cohort.pk])).status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_the_cohort_summary_needs_the_same_number_of_queries_however_large_the_cohort(
    running, client, django_assert_max_num_queries, size
):
    members = running.members + make_members(running.cohort, size)
    group = IntervisionGroupFactory(cohort=running.cohort)
    group.members.set(members[: len(members) // 2])
    for days in range(1, size + 1):
        session = held_session(running, days=days)
        service.attendance_register(
            session=session, by=running.hr, statuses={member.pk: PRESENT for member in members[::2]}
        )
        held_session(running, days=days, intervision=True, intervision_group=group)
    client.force_login(running.hr)

    with django_assert_max_num_queries(4):
        rows = service.cohort_attendance_summary(cohort=running.cohort)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("sessions:cohort_attendance", args=[running.cohort.pk]))

    assert len(rows) == len(members)
    assert rows[0]["held"] in {size, 2 * size}
    assert len(response.context["rows"]) == len(members)


# --- the minimum attendance to complete ----------------------------------------------------------------------


def test_enrolments_below_the_minimum_are_the_active_ones_that_miss_it(running, attended):
    running.programme.min_attendance_percent = 50
    running.programme.save()
    withdrawn = make_members(running.cohort, 1, status=Enrolment.Status.WITHDRAWN)[0]

    below = service.enrolments_below_minimum_attendance(cohort=running.cohort)

    # Anna 100% and Bram 50% meet it; Carla 33% and the three members with nothing registered do not
    expected = sorted(
        [attended["carla"], *running.members[3:]], key=lambda person: (person.last_name, person.first_name)
    )
    assert [enrolment.person for enrolment in below] == expected
    assert {enrolment.status for enrolment in below} == {Enrolment.Status.ACTIVE}
    assert withdrawn not in [enrolment.person for enrolment in below]


def test_the_minimum_is_exact_two_of_three_does_not_meet_67_percent(running):
    member = running.members[0]
    sessions = [held_session(running, days=days) for days in (9, 8, 7)]
    for session, status in zip(sessions, [PRESENT, PRESENT, UNEXCUSED], strict=True):
        service.attendance_register(session=session, by=running.hr, statuses={member.pk: status})
    running.programme.min_attendance_percent = 67
    running.programme.save()

    below = service.enrolments_below_minimum_attendance(cohort=running.cohort)

    assert member in [enrolment.person for enrolment in below]
    running.programme.min_attendance_percent = 66
    running.programme.save()
    assert member not in [
        enrolment.person for enrolment in service.enrolments_below_minimum_attendance(cohort=running.cohort)
    ]


def test_without_a_minimum_nobody_is_below_it(running, attended):
    assert running.programme.min_attendance_percent is None

    assert service.enrolments_below_minimum_attendance(cohort=running.cohort) == []


def test_hr_of_another_organisation_cannot_register_even_via_the_service(running):
    session = held_session(running)
    kampen_hr = hr_adviser(running.other_hr.organisation)

    with pytest.raises(service.PermissionDenied):
        service.attendance_register(session=session, by=kampen_hr, statuses={running.members[0].pk: PRESENT})

    assert registered(session) == {}


# --- the cohort's attendance as charts -------------------------------------------------------------------------


def chart_table(content: str, chart_id: str) -> list[list[str]]:
    """The rows of the table alternative of one chart on a page, as the text of their cells."""
    figure = content.split(f'<figure class="gp-chart" id="{chart_id}">', 1)[1].split("</figure>", 1)[0]
    body = figure.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def test_the_cohort_attendance_page_charts_each_member_against_the_minimum_and_each_session(
    running, attended, english_client
):
    running.programme.min_attendance_percent = 75
    running.programme.save()
    english_client.force_login(running.hr)

    response = english_client.get(reverse("sessions:cohort_attendance", args=[running.cohort.pk]))

    content = response.content.decode()
    rows = response.context["rows"]
    percent = {row["person"].pk: row["percent"] for row in rows}
    assert [percent[attended[name].pk] for name in ("anna", "bram", "carla")] == [100, 50, 33]
    assert chart_table(content, "chart-attendance-per-member") == [
        [row["person"].full_name, f"{row['percent']}%", "75%"] for row in rows
    ]
    held = Session.objects.filter(cohort=running.cohort, status=Session.Status.PLANNED, date__lte=days_ago(0))
    with translation.override("en"):
        labels = [
            f"{date_format(session.date, 'SHORT_DATE_FORMAT')} {session.title}" for session in held.order_by("date")
        ]
    # present, absent excused, absent not excused, not registered, of the members each session concerns
    assert chart_table(content, "chart-attendance-per-session") == [
        [labels[0], "3", "0", "0", "3"],  # 21 days ago, the whole group of 6
        [labels[1], "1", "1", "1", "3"],  # 14 days ago
        [labels[2], "2", "0", "0", "0"],  # 10 days ago, the intervision group of Anna and Bram
        [labels[3], "1", "0", "1", "4"],  # 7 days ago; the cancelled and the future session are not charted
    ]
    [per_member, per_session] = response.context["charts"]
    assert [dataset["label"] for dataset in per_member.as_config()["data"]["datasets"]] == ["Attendance", "Minimum"]
    assert per_session.stacked is True


def test_without_a_minimum_the_member_chart_has_no_minimum_line(running, attended, english_client):
    english_client.force_login(running.hr)

    response = english_client.get(reverse("sessions:cohort_attendance", args=[running.cohort.pk]))

    [per_member, _per_session] = response.context["charts"]
    assert [series.label for series in per_member.series] == ["Attendance"]
    assert chart_table(response.content.decode(), "chart-attendance-per-member")[0][2:] == []


def test_before_any_session_is_held_the_page_shows_no_chart(running, english_client):
    english_client.force_login(running.hr)

    response = english_client.get(reverse("sessions:cohort_attendance", args=[running.cohort.pk]))

    assert response.context["charts"] == []
    assert 'class="gp-chart"' not in response.content.decode()
