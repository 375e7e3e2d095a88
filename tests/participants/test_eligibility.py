"""Who may enrol in which of the five seed programmes, and the reasons people read when they may not."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import EducationLevel, Organisation
from notifications.models import Notification
from participants import services
from participants.eligibility import cohort_enrolment_reasons, eligibility_reasons
from participants.models import Enrolment
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, ProgrammeFactory, UserFactory

from .conftest import employee_of, manager_in, years_ago

TODAY = date(2027, 6, 1)

UNDER_36 = "This track is for employees under 36."
INTRODUCTION = "You can enrol once your introduction programme is completed."
NOT_PARTICIPATING = "Your organisation does not take part in this programme."
NO_BIRTH_DATE = "Your date of birth is not registered; ask HR."
ORGANISATIONS_APPLY = "Municipalities apply for this programme as an organisation; ask your HR department."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def reasons(person, programme):
    return eligibility_reasons(person=person, programme=programme, on_date=TODAY)


# --- Zwolle: under 36, introduction completed, manager approval ----------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("date_of_birth", "expected"),
    [
        (date(1991, 6, 2), []),  # 35, turns 36 tomorrow
        (date(1991, 6, 1), [UNDER_36]),  # 36 today
        (date(1990, 1, 1), [UNDER_36]),  # 37
        (None, [NO_BIRTH_DATE]),
    ],
)
def test_zwolle_is_for_employees_under_36(zwolle, date_of_birth, expected):
    person = employee_of(zwolle.manager, date_of_birth=date_of_birth)

    assert reasons(person, zwolle.programme) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("completed_on", "expected"),
    [(date(2027, 5, 31), []), (date(2027, 6, 1), []), (date(2027, 6, 2), [INTRODUCTION]), (None, [INTRODUCTION])],
)
def test_zwolle_requires_the_introduction_programme_completed(zwolle, completed_on, expected):
    person = employee_of(zwolle.manager, introduction_completed_on=completed_on)

    assert reasons(person, zwolle.programme) == expected


@pytest.mark.django_db
def test_zwolle_is_not_open_to_staff_of_another_municipality(zwolle):
    dronten = OrganisationFactory(name="Gemeente Dronten", slug="dronten")

    assert reasons(employee_of(manager_in(dronten)), zwolle.programme) == [NOT_PARTICIPATING]


@pytest.mark.django_db
def test_a_37_year_old_still_in_the_introduction_sees_both_reasons(zwolle):
    person = employee_of(zwolle.manager, date_of_birth=date(1990, 1, 1), introduction_completed_on=None)

    assert reasons(person, zwolle.programme) == [UNDER_36, INTRODUCTION]


# --- AV VIB: mbo/mbo+ staff of the six AV municipalities --------------------------------------------


@pytest.fixture
def av_vib(db):
    region = OrganisationFactory(name="AV regio", slug="av", kind=Organisation.Kind.REGION)
    gorinchem = OrganisationFactory(name="Gemeente Gorinchem", slug="gorinchem")
    leerdam = OrganisationFactory(name="Gemeente Leerdam", slug="leerdam")
    programme = ProgrammeFactory(av_vib=True, owner=region, participating_organisations=[gorinchem, leerdam])
    return programme, gorinchem


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (EducationLevel.MBO, []),
        (EducationLevel.MBO_PLUS, []),
        (EducationLevel.HBO, ["This programme is for staff at mbo or mbo+ level."]),
        (EducationLevel.WO, ["This programme is for staff at mbo or mbo+ level."]),
        ("", ["Your education level is not registered; ask HR."]),
    ],
)
def test_av_vib_is_for_staff_at_mbo_level(av_vib, level, expected):
    programme, gorinchem = av_vib
    person = employee_of(manager_in(gorinchem), education_level=level)

    assert reasons(person, programme) == expected


@pytest.mark.django_db
def test_av_vib_has_no_age_or_introduction_rule(av_vib):
    programme, gorinchem = av_vib
    person = employee_of(
        manager_in(gorinchem), education_level=EducationLevel.MBO, date_of_birth=None, introduction_completed_on=None
    )

    assert reasons(person, programme) == []


@pytest.mark.django_db
def test_av_vib_is_not_open_outside_the_region(av_vib, zwolle):
    programme, _gorinchem = av_vib

    assert reasons(employee_of(zwolle.manager, education_level=EducationLevel.MBO), programme) == [NOT_PARTICIPATING]


# --- VNG traineeship: VNG's own trainees ----------------------------------------------------------------


@pytest.mark.django_db
def test_vng_traineeship_is_open_to_the_owners_trainees_only(zwolle):
    vng = OrganisationFactory(name="VNG", slug="vng", kind=Organisation.Kind.ASSOCIATION)
    programme = ProgrammeFactory(vng_traineeship=True, owner=vng)

    assert reasons(employee_of(manager_in(vng)), programme) == []
    assert reasons(employee_of(zwolle.manager), programme) == [NOT_PARTICIPATING]


@pytest.mark.django_db
def test_a_programme_open_to_every_organisation_admits_anyone():
    programme = ProgrammeFactory(vng_traineeship=True, requires_participating_employer=False)

    assert reasons(UserFactory(), programme) == []


# --- Talentenregio: the member organisations ------------------------------------------------------------


@pytest.mark.django_db
def test_talentenregio_is_open_to_its_member_organisations(zwolle):
    region = OrganisationFactory(name="Talentenregio", slug="talentenregio", kind=Organisation.Kind.REGION)
    dronten = OrganisationFactory(name="Gemeente Dronten", slug="dronten")
    heerde = OrganisationFactory(name="Gemeente Heerde", slug="heerde")
    programme = ProgrammeFactory(talentenregio=True, owner=region, participating_organisations=[dronten, heerde])

    assert reasons(employee_of(manager_in(dronten)), programme) == []
    assert reasons(employee_of(manager_in(heerde)), programme) == []
    assert reasons(employee_of(zwolle.manager), programme) == [NOT_PARTICIPATING]


# --- Democratic craftsmanship: organisations apply -----------------------------------------------------


@pytest.mark.django_db
def test_democratic_craftsmanship_is_applied_for_by_organisations_not_people(zwolle):
    vng = OrganisationFactory(name="VNG", slug="vng", kind=Organisation.Kind.ASSOCIATION)
    programme = ProgrammeFactory(
        democratic_craftsmanship=True, owner=vng, participating_organisations=[zwolle.organisation]
    )

    assert reasons(employee_of(zwolle.manager), programme) == [ORGANISATIONS_APPLY]


# --- the cohort: open, and not enrolled already -----------------------------------------------------------


@pytest.mark.django_db
def test_a_cohort_that_is_not_open_takes_no_enrolments(zwolle):
    planned = CohortFactory(programme=zwolle.programme, planned=True)
    running = CohortFactory(programme=zwolle.programme, running=True)
    full = CohortFactory(programme=zwolle.programme, full=True)
    person = employee_of(zwolle.manager)

    for cohort in (planned, running):
        assert cohort_enrolment_reasons(person=person, cohort=cohort, on_date=TODAY) == [
            "This group is not open for enrolment."
        ]
    # a full cohort still takes enrolments: they join its waitlist
    assert cohort_enrolment_reasons(person=person, cohort=full, on_date=TODAY) == []


@pytest.mark.django_db
def test_a_live_enrolment_blocks_another_but_a_withdrawn_one_does_not(zwolle):
    person = employee_of(zwolle.manager)
    enrolment = EnrolmentFactory(cohort=zwolle.cohort, person=person)

    assert cohort_enrolment_reasons(person=person, cohort=zwolle.cohort, on_date=TODAY) == [
        "You are already enrolled in this group."
    ]
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.save()
    assert cohort_enrolment_reasons(person=person, cohort=zwolle.cohort, on_date=TODAY) == []


# --- the service applies the same rules -------------------------------------------------------------------


@pytest.mark.django_db
def test_enrolment_request_refuses_an_ineligible_person_with_the_reasons_and_creates_nothing(zwolle):
    person = employee_of(zwolle.manager, date_of_birth=date(1980, 1, 1), introduction_completed_on=None)

    with pytest.raises(ValidationError) as refused:
        services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="x", on_date=TODAY)

    assert refused.value.messages == [UNDER_36, INTRODUCTION]
    assert not Enrolment.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_enrolment_request_refuses_a_second_live_enrolment(zwolle):
    person = employee_of(zwolle.manager)
    services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="x")

    with pytest.raises(ValidationError):
        services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="x")

    assert Enrolment.objects.count() == 1


@pytest.mark.django_db
def test_enrolment_request_needs_a_registered_manager_when_approval_is_required(zwolle):
    person = UserFactory(organisation=zwolle.organisation, manager=None, date_of_birth=years_ago(30))

    with pytest.raises(ValidationError) as refused:
        services.enrolment_request(person=person, cohort=zwolle.cohort, motivation="x")

    assert "ask HR to register your manager" in refused.value.messages[0]
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_enrolment_request_refuses_a_motivation_over_1000_characters(zwolle):
    with pytest.raises(ValidationError):
        services.enrolment_request(person=employee_of(zwolle.manager), cohort=zwolle.cohort, motivation="x" * 1001)

    assert not Enrolment.objects.exists()
