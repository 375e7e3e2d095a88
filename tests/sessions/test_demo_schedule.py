"""The demo's schedules: Zwolle's two running groups and VNG's year groups, planned by the planner on Fridays."""

from datetime import timedelta

import pytest
from django.utils import timezone

from demo import programmes as demo
from demo.seed import seed_demo
from participants.models import Enrolment
from sessions.models import (
    Attendance,
    AvailabilitySlot,
    CurriculumTemplate,
    ElectivePoll,
    ExtraSeat,
    IntervisionGroup,
    Session,
    SessionFeedback,
)
from sessions.planner import schedule_propose

pytestmark = pytest.mark.django_db


def test_the_zwolle_groups_meet_fortnightly_on_friday_as_the_planner_proposes_and_what_is_past_took_place():
    today = timezone.localdate()
    seed_demo()

    template = CurriculumTemplate.objects.get(programme__slug=demo.ZWOLLE_TRACK)
    for name in ("Najaarsgroep", "Tweede lichting"):
        cohort_sessions = Session.objects.filter(cohort__name=name)
        assert Enrolment.objects.filter(cohort__name=name, status="active").count() == 15
        start = cohort_sessions.order_by("date").first().cohort.start_date
        planned = {proposed.date for proposed in schedule_propose(template=template, start=start).sessions}
        assert set(cohort_sessions.values_list("date", flat=True)) == planned
        assert all(day.weekday() == 4 for day in cohort_sessions.values_list("date", flat=True))
        groups = IntervisionGroup.objects.filter(cohort__name=name)
        assert sorted(group.members.count() for group in groups) == [5, 5, 5]
        assert {group.facilitator.email for group in groups} == {"trainer@trainingsbureau.example"}
        trainings = cohort_sessions.filter(kind__in=["training", "elective"])
        assert {session.trainer.email for session in trainings} == {"trainer@trainingsbureau.example"}
        held = [s for s in cohort_sessions.filter(status="planned") if s.date < today]
        assert all(Attendance.objects.filter(session=session).exists() for session in held), name
        assert not Attendance.objects.filter(session__cohort__name=name, session__date__gt=today).exists()

    najaarsgroep = Session.objects.filter(cohort__name="Najaarsgroep", intervision_group=None).order_by("date")
    assert najaarsgroep[1].title == "Zwolse Politieke Antenne" and najaarsgroep[1].is_open_for_extra
    assert ElectivePoll.objects.get(cohort__name="Najaarsgroep").status == "open"
    assert not ElectivePoll.objects.filter(cohort__name="Tweede lichting").exists()
    assert SessionFeedback.objects.filter(session__cohort__name="Najaarsgroep").exists()
    assert AvailabilitySlot.objects.filter(cohort__name="Najaarsgroep").count() == 24
    assert AvailabilitySlot.objects.filter(cohort__name="Najaarsgroep", booked_by__email="deelnemer01@zwolle.example")
    assert all(slot.starts_at > timezone.now() for slot in AvailabilitySlot.objects.all())


def test_young_employees_from_outside_the_group_hold_extra_seats_in_the_next_politieke_antenne():
    seed_demo()

    seats = ExtraSeat.objects.select_related("session", "person")
    assert sorted(seat.person.email for seat in seats) == ["medewerker19@zwolle.example", "medewerker20@zwolle.example"]
    (session,) = {seat.session for seat in seats}
    assert (session.cohort.name, session.title, session.extra_seats) == (
        "Tweede lichting",
        "Zwolse Politieke Antenne",
        5,
    )
    assert session.date > timezone.localdate()


def test_the_vng_year_groups_have_a_programme_day_every_friday_and_an_intervision_group_of_five():
    today = timezone.localdate()
    seed_demo()

    for year_level, name in demo.VNG_YEAR_GROUPS.items():
        sessions = Session.objects.filter(cohort__name=name).order_by("date")
        dates = sorted(set(sessions.values_list("date", flat=True)))
        assert dates[0] == demo.vng_year_start(today=today)
        assert all(day.weekday() == 4 for day in dates)
        gaps = {(later - earlier).days for earlier, later in zip(dates, dates[1:], strict=False)}
        assert 7 in gaps and all(gap % 7 == 0 for gap in gaps)  # weekly, skipping holidays and breaks
        assert len(dates) >= 30
        titles = set(sessions.values_list("title", flat=True))
        assert "Opening van het traineejaar" in titles and "Presentatie aan de gemeentesecretaris" in titles
        assert ("Hoe werkt een gemeente? 1" in titles) == (year_level == "Jaar 1")
        assert ("Presenteren 1" in titles) == (year_level == "Jaar 2")
        (group,) = IntervisionGroup.objects.filter(cohort__name=name)
        assert (group.members.count(), group.facilitator.email) == (5, "coordinator@vng.example")
        assert sessions.filter(intervision_group=group, date__gt=today).exists()
        assert all(
            Attendance.objects.filter(session=s).exists() for s in sessions if s.date < today - timedelta(days=1)
        )
    assert set(CurriculumTemplate.objects.values_list("programme__slug", flat=True)) == {
        demo.ZWOLLE_TRACK,
        demo.VNG_TRAINEESHIP,
        demo.TALENTENREGIO_TRAINEESHIP,
        demo.AV_VIB,
    }
