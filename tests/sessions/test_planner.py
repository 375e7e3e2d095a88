"""The planner: Zwolle's pilot planning date for date, holidays and the template's breaks skipped (per school-holiday
region), VNG's weekly days, 5 May by the owner's rule, and a warning for sessions after the cohort's end."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.utils import translation

from sessions.models import CurriculumItem, CurriculumTemplate, SessionKind, TemplateBreak
from sessions.planner import in_break, schedule_propose
from tests.factories import OrganisationFactory, ProgrammeFactory

Kind = SessionKind

# docs/domain.md: Zwolle's pilot, every two weeks on Friday, from the start meeting on 3 September 2021.
ZWOLLE_PILOT = [
    (date(2021, 9, 3), Kind.START_MEETING, "Startbijeenkomst"),
    (date(2021, 9, 17), Kind.TRAINING, "Zwolse Politieke Antenne"),
    (date(2021, 10, 1), Kind.INTERVISION, "Intervisie 1"),
    (date(2021, 10, 15), Kind.TRAINING, "Persoonlijk leiderschap"),
    (date(2021, 10, 29), Kind.INTERVISION, "Intervisie 2"),
    (date(2021, 11, 12), Kind.TRAINING, "Interactie met je omgeving"),
    (date(2021, 11, 26), Kind.INTERVISION, "Intervisie 3"),
    (date(2021, 12, 10), Kind.TRAINING, "Samenwerken in Zwolse netwerken"),
    (date(2022, 1, 7), Kind.INTERVISION, "Intervisie 4"),
    (date(2022, 1, 21), Kind.ELECTIVE, "Keuzetraining"),
    (date(2022, 2, 4), Kind.INTERVISION, "Intervisie 5"),
    (date(2022, 2, 18), Kind.END_MEETING, "Eindbijeenkomst"),
]


def zwolle_template(programme=None, **rules) -> CurriculumTemplate:
    template = CurriculumTemplate.objects.create(
        programme=programme or ProgrammeFactory(zwolle=True), name="Zwolle pilot", interval_weeks=2, weekday=4, **rules
    )
    TemplateBreak.objects.create(template=template, name="Kerstvakantie", starts_on="12-20", ends_on="01-03")
    for position, (_day, kind, title) in enumerate(ZWOLLE_PILOT, start=1):
        CurriculumItem.objects.create(
            template=template,
            position=position,
            kind=kind,
            title=title,
            start_time=time(13, 30) if kind == Kind.INTERVISION else time(9, 0),
            end_time=time(16, 30),
            cost=Decimal("600.00") if kind == Kind.INTERVISION else Decimal("0.00"),
            is_open_for_extra=title == "Zwolse Politieke Antenne",
        )
    return template


@pytest.mark.django_db
def test_the_zwolle_template_from_3_september_2021_reproduces_the_pilot_planning_date_for_date():
    with translation.override("en"):
        proposal = schedule_propose(template=zwolle_template(), start=date(2021, 9, 3))

    assert [(item.date, item.kind, item.title) for item in proposal.sessions] == ZWOLLE_PILOT
    # the fortnight of 24 December fell in the Christmas break and was skipped, keeping the rhythm
    assert [(skip.date, skip.reason) for skip in proposal.skipped] == [(date(2021, 12, 24), "Break: Kerstvakantie")]
    assert proposal.sessions[1].is_open_for_extra is True
    assert proposal.sessions[2].start_time == time(13, 30)


@pytest.mark.django_db
def test_a_start_on_another_weekday_moves_to_the_templates_friday():
    proposal = schedule_propose(template=zwolle_template(), start=date(2021, 9, 1))  # a Wednesday

    assert proposal.sessions[0].date == date(2021, 9, 3)


@pytest.mark.django_db
def test_a_public_holiday_is_skipped_and_named():
    # King's Day 2025 is Saturday 26 April; Liberation Day, Monday 5 May 2025, is a public holiday (every five years).
    template = CurriculumTemplate.objects.create(
        programme=ProgrammeFactory(), name="Maandag", interval_weeks=1, weekday=0
    )
    CurriculumItem.objects.create(
        template=template,
        position=1,
        kind=Kind.TRAINING,
        title="Les",
        start_time=time(9),
        end_time=time(12),
        repeat_count=3,
    )

    proposal = schedule_propose(template=template, start=date(2025, 4, 28))

    assert [item.date for item in proposal.sessions] == [date(2025, 4, 28), date(2025, 5, 12), date(2025, 5, 19)]
    assert [skip.date for skip in proposal.skipped] == [date(2025, 5, 5)]
    assert "Bevrijdingsdag" in proposal.skipped[0].reason or "Liberation" in proposal.skipped[0].reason
    assert [item.title for item in proposal.sessions] == ["Les 1", "Les 2", "Les 3"]


@pytest.mark.django_db
def test_holidays_are_kept_when_the_template_says_so():
    template = CurriculumTemplate.objects.create(
        programme=ProgrammeFactory(),
        name="Ook feestdagen",
        interval_weeks=1,
        weekday=0,
        skip_public_holidays=False,
    )
    CurriculumItem.objects.create(
        template=template, position=1, kind=Kind.TRAINING, title="Les", start_time=time(9), end_time=time(12)
    )

    proposal = schedule_propose(template=template, start=date(2025, 5, 5))

    assert proposal.sessions[0].date == date(2025, 5, 5)
    assert proposal.skipped == []


@pytest.mark.django_db
def test_vngs_weekly_friday_programme_days_fit_the_same_planner():
    template = CurriculumTemplate.objects.create(
        programme=ProgrammeFactory(), name="VNG jaar 1", interval_weeks=1, weekday=4
    )
    TemplateBreak.objects.create(template=template, name="Kerstvakantie", starts_on="12-20", ends_on="01-04")
    CurriculumItem.objects.create(
        template=template,
        position=1,
        kind=Kind.PROGRAMME_DAY,
        title="Programmadag",
        start_time=time(9),
        end_time=time(17),
        repeat_count=20,
    )

    proposal = schedule_propose(template=template, start=date(2027, 10, 1))

    days = [item.date for item in proposal.sessions]
    assert len(days) == 20
    assert all(day.weekday() == 4 for day in days)
    assert date(2027, 12, 24) not in days and date(2027, 12, 31) not in days
    assert days[-1] == date(2028, 2, 25)  # 20 Fridays from 1 Oct 2027, leaving out the two in the break


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2021, 12, 19), False), (date(2021, 12, 20), True), (date(2022, 1, 3), True), (date(2022, 1, 4), False)],
)
def test_a_break_runs_across_new_year_inclusive(day, expected):
    assert in_break(day, start="12-20", end="01-03") is expected


@pytest.mark.django_db
def test_a_break_that_covers_the_whole_year_is_refused_with_a_clear_message(english_client, running):
    template = CurriculumTemplate.objects.create(programme=running.programme, name="Altijd vakantie")
    TemplateBreak.objects.create(template=template, name="Sabbatical", starts_on="01-01", ends_on="12-31")
    CurriculumItem.objects.create(
        template=template, position=1, kind=Kind.TRAINING, title="Les", start_time=time(9), end_time=time(12)
    )
    english_client.force_login(running.hr)

    response = english_client.post(
        f"/sessions/cohorts/{running.cohort.pk}/plan/",
        {"template": template.pk, "start": "2027-09-03", "location": "", "online_url": "", "action": "propose"},
    )

    assert response.status_code == 400
    assert "leave no date to plan on" in response.content.decode()
    assert response.context["formset"] is None


# --- breaks per school-holiday region (issue 10: a group starting in March met on 8 and 22 July and 5 August) ------


def regional_template(region: str) -> CurriculumTemplate:
    """The Zwolle template with a summer holiday for North and another for South (dates made up for the test);
    public holidays are left to the other tests (Good Friday 2022 would move the spring sessions)."""
    template = zwolle_template(school_region=region, skip_public_holidays=False)
    TemplateBreak.objects.create(
        template=template, name="Zomervakantie", region="noord", starts_on="07-04", ends_on="08-21"
    )
    TemplateBreak.objects.create(
        template=template, name="Zomervakantie zuid", region="zuid", starts_on="07-23", ends_on="09-04"
    )
    return template


@pytest.mark.django_db
def test_a_group_starting_in_march_skips_its_regions_summer_holiday_and_keeps_the_rhythm():
    with translation.override("en"):
        proposal = schedule_propose(template=regional_template("noord"), start=date(2022, 3, 4))

    days = [item.date for item in proposal.sessions]
    assert days == [
        date(2022, 3, 4),
        date(2022, 3, 18),
        date(2022, 4, 1),
        date(2022, 4, 15),
        date(2022, 4, 29),
        date(2022, 5, 13),
        date(2022, 5, 27),
        date(2022, 6, 10),
        date(2022, 6, 24),
        # 8 and 22 July, 5 and 19 August fall in North's summer holiday; South's (to 4 September) does not apply
        date(2022, 9, 2),
        date(2022, 9, 16),
        date(2022, 9, 30),
    ]
    assert [(skip.date, skip.reason) for skip in proposal.skipped] == [
        (date(2022, 7, 8), "Break: Zomervakantie"),
        (date(2022, 7, 22), "Break: Zomervakantie"),
        (date(2022, 8, 5), "Break: Zomervakantie"),
        (date(2022, 8, 19), "Break: Zomervakantie"),
    ]


@pytest.mark.django_db
def test_a_template_of_another_region_skips_that_regions_summer_holiday_only():
    proposal = schedule_propose(template=regional_template("zuid"), start=date(2022, 3, 4))

    days = [item.date for item in proposal.sessions]
    assert date(2022, 7, 8) in days and date(2022, 7, 22) in days  # North's holiday does not apply
    assert [skip.date for skip in proposal.skipped] == [date(2022, 8, 5), date(2022, 8, 19), date(2022, 9, 2)]


@pytest.mark.django_db
def test_a_template_without_a_region_skips_only_the_breaks_for_every_region():
    template = regional_template("")

    proposal = schedule_propose(template=template, start=date(2022, 3, 4))

    assert proposal.skipped == []
    assert date(2022, 7, 8) in [item.date for item in proposal.sessions]


# --- the cohort's end date ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_proposal_names_the_sessions_that_fall_after_the_cohorts_end_date():
    proposal = schedule_propose(template=zwolle_template(), start=date(2021, 9, 3), end=date(2022, 1, 31))

    assert [(item.date, item.title) for item in proposal.past_end] == [
        (date(2022, 2, 4), "Intervisie 5"),
        (date(2022, 2, 18), "Eindbijeenkomst"),
    ]
    assert len(proposal.sessions) == 12  # the proposal itself still holds every session, for HR to decide


@pytest.mark.django_db
def test_a_proposal_within_the_cohorts_period_or_without_an_end_date_warns_of_nothing():
    template = zwolle_template()

    assert schedule_propose(template=template, start=date(2021, 9, 3), end=date(2022, 2, 18)).past_end == []
    assert schedule_propose(template=template, start=date(2021, 9, 3)).past_end == []


# --- 5 May: the programme owner's collective agreement decides -------------------------------------------------


def tuesday_template(*, liberation_day_every_year: bool) -> CurriculumTemplate:
    owner = OrganisationFactory(liberation_day_every_year=liberation_day_every_year)
    template = CurriculumTemplate.objects.create(
        programme=ProgrammeFactory(owner=owner), name="Dinsdag", interval_weeks=1, weekday=1
    )
    CurriculumItem.objects.create(
        template=template,
        position=1,
        kind=Kind.TRAINING,
        title="Les",
        start_time=time(9),
        end_time=time(12),
        repeat_count=2,
    )
    return template


@pytest.mark.django_db
def test_5_may_2026_is_skipped_when_the_owners_staff_are_off_every_year():
    # Tuesday 5 May 2026 is not a lustrum year: the holidays library alone would plan on it.
    with translation.override("nl"):
        proposal = schedule_propose(template=tuesday_template(liberation_day_every_year=True), start=date(2026, 5, 5))

    assert [item.date for item in proposal.sessions] == [date(2026, 5, 12), date(2026, 5, 19)]
    assert [(skip.date, skip.reason) for skip in proposal.skipped] == [(date(2026, 5, 5), "Feestdag: Bevrijdingsdag")]


@pytest.mark.django_db
def test_5_may_2026_is_planned_when_the_owners_staff_are_off_in_lustrum_years_only():
    proposal = schedule_propose(template=tuesday_template(liberation_day_every_year=False), start=date(2026, 5, 5))

    assert [item.date for item in proposal.sessions] == [date(2026, 5, 5), date(2026, 5, 12)]
    assert proposal.skipped == []
