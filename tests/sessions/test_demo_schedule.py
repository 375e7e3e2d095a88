"""The demo's running Zwolle group: 15 invented participants and a schedule the planner made."""

from datetime import date

import pytest

from core.demo import seed_demo
from participants.models import Enrolment
from sessions.models import AvailabilitySlot, CurriculumTemplate, ElectivePoll, IntervisionGroup, Session

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


def test_the_najaarsgroep_has_15_participants_and_a_fortnightly_friday_schedule_around_christmas():
    seed_demo(today=TODAY)
    seed_demo(today=TODAY)  # idempotent

    enrolments = Enrolment.objects.filter(cohort__name="Najaarsgroep", status="active")
    assert enrolments.count() == 15
    sessions = list(Session.objects.filter(cohort__name="Najaarsgroep", intervision_group=None).order_by("date"))
    dates = sorted(set(Session.objects.filter(cohort__name="Najaarsgroep").values_list("date", flat=True)))
    assert dates == [
        date(2026, 9, 4), date(2026, 9, 18), date(2026, 10, 2), date(2026, 10, 16), date(2026, 10, 30),
        date(2026, 11, 13), date(2026, 11, 27), date(2026, 12, 11), date(2027, 1, 8), date(2027, 1, 22),
        date(2027, 2, 5), date(2027, 2, 19),
    ]  # fmt: skip
    assert sessions[1].title == "Zwolse Politieke Antenne" and sessions[1].is_open_for_extra
    assert sessions[3].trainer.email == "trainer@trainingsbureau.example"
    groups = IntervisionGroup.objects.filter(cohort__name="Najaarsgroep")
    assert sorted(group.members.count() for group in groups) == [5, 5, 5]
    assert {group.name for group in groups} == {"Groep 1", "Groep 2", "Groep 3"}
    assert ElectivePoll.objects.get(cohort__name="Najaarsgroep").status == "open"
    assert AvailabilitySlot.objects.filter(cohort__name="Najaarsgroep").count() == 24
    assert set(CurriculumTemplate.objects.values_list("programme__slug", flat=True)) == {
        "zwolle-leer-en-ontwikkeltraject",
        "vng-traineeprogramma",
    }
