"""Municipalities apply to the democratic-craftsmanship learning programme; HR of VNG runs the intake."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from participants import applications
from participants.models import OrganisationApplication
from tests.factories import (
    CohortFactory,
    OrganisationApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    hr_adviser,
)

pytestmark = pytest.mark.django_db

Status = OrganisationApplication.Status


@pytest.fixture
def vng():
    return OrganisationFactory(slug="vng", name="VNG", kind=Organisation.Kind.ASSOCIATION)


@pytest.fixture
def vng_hr(vng):
    return hr_adviser(vng, email="democratie@vng.test")


@pytest.fixture
def leergang(vng):
    return ProgrammeFactory(
        owner=vng, name="Leergang democratisch vakmanschap", slug="leergang", learning_programme=True
    )


@pytest.fixture
def leergroep(leergang):
    return CohortFactory(programme=leergang, name="Leergroep 1", capacity=20, start_threshold=1, planned=True)


@pytest.fixture
def den_haag_hr():
    return hr_adviser(OrganisationFactory(slug="den-haag", name="Gemeente Den Haag"), email="hr@den-haag.test")


@pytest.fixture
def utrecht_hr():
    return hr_adviser(OrganisationFactory(slug="utrecht", name="Gemeente Utrecht"), email="hr@utrecht.test")


def future(days=7):
    return (timezone.localtime() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)


def step_url(name, application):
    return reverse(f"programmes:{name}", args=[application.programme.slug, application.pk])


def test_a_municipality_applies_and_vng_takes_it_through_intake_to_a_learning_group(
    client, leergang, leergroep, vng_hr, den_haag_hr
):
    client.force_login(den_haag_hr)
    apply_url = reverse("programmes:application_apply", args=[leergang.slug])
    assert client.get(apply_url).status_code == 200

    response = client.post(
        apply_url,
        {
            "organisation": str(den_haag_hr.organisation.pk),
            "motivation": "Our district officers work with residents' initiatives.",
            "commitment": "College and council support it; twelve civil servants join.",
        },
    )

    assert response.status_code == 302
    application = OrganisationApplication.objects.get()
    assert (application.organisation, application.contact, application.status) == (
        den_haag_hr.organisation,
        den_haag_hr,
        Status.APPLIED,
    )

    client.force_login(vng_hr)
    listing = client.get(reverse("programmes:application_list", args=[leergang.slug]))
    assert "Gemeente Den Haag" in listing.content.decode()

    intake_at = future()
    response = client.post(
        step_url("application_plan_intake", application), {"intake_at": intake_at.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.intake_at) == (Status.INTAKE_PLANNED, intake_at)

    client.post(step_url("application_record_intake", application), {"questions": "How to handle opposition?"})
    application.refresh_from_db()
    assert (application.status, application.questions) == (Status.INTAKE_HELD, "How to handle opposition?")

    client.post(step_url("application_admit", application), {"cohort": str(leergroep.pk)})
    application.refresh_from_db()
    assert (application.status, application.cohort) == (Status.ADMITTED, leergroep)
    assert den_haag_hr.organisation in leergang.participating_organisations.all()

    client.force_login(den_haag_hr)
    page = client.get(apply_url).content.decode()
    assert "Admitted to a learning group" in page
    assert "Leergroep 1" in page


def test_a_municipality_sees_only_its_own_applications(client, leergang, den_haag_hr, utrecht_hr):
    OrganisationApplicationFactory(programme=leergang, organisation=den_haag_hr.organisation, contact=den_haag_hr)
    client.force_login(utrecht_hr)

    response = client.get(reverse("programmes:application_apply", args=[leergang.slug]))

    assert response.status_code == 200
    assert list(response.context["applications"]) == []
    assert "Gemeente Den Haag" not in response.content.decode()


def test_municipality_hr_cannot_open_the_programme_owners_pages(client, leergang, den_haag_hr):
    application = OrganisationApplicationFactory(
        programme=leergang, organisation=den_haag_hr.organisation, contact=den_haag_hr
    )
    client.force_login(den_haag_hr)

    assert client.get(reverse("programmes:application_list", args=[leergang.slug])).status_code == 404
    assert client.get(step_url("application_detail", application)).status_code == 404
    assert client.post(step_url("application_decline", application), {"reason": "x"}).status_code == 404
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_programme_hr_of_another_organisation_gets_404_and_changes_nothing(client, leergang, leergroep, utrecht_hr):
    application = OrganisationApplicationFactory(programme=leergang, status=Status.INTAKE_HELD)
    client.force_login(hr_adviser(OrganisationFactory(slug="talentenregio", kind=Organisation.Kind.REGION)))

    assert client.get(reverse("programmes:application_list", args=[leergang.slug])).status_code == 404
    assert client.get(step_url("application_detail", application)).status_code == 404
    for name, data in [
        ("application_plan_intake", {"intake_at": future().strftime("%Y-%m-%dT%H:%M")}),
        ("application_record_intake", {"questions": "Other questions"}),
        ("application_admit", {"cohort": str(leergroep.pk)}),
        ("application_decline", {"reason": "No"}),
    ]:
        assert client.post(step_url(name, application), data).status_code == 404, name

    application.refresh_from_db()
    assert (application.status, application.cohort, application.decision_reason) == (Status.INTAKE_HELD, None, "")


def test_only_hr_of_a_municipality_can_apply(client, leergang, vng_hr):
    apply_url = reverse("programmes:application_apply", args=[leergang.slug])

    client.force_login(vng_hr)  # the owner itself
    assert client.get(apply_url).status_code == 404
    client.force_login(UserFactory())  # an employee
    assert client.get(apply_url).status_code == 404


def test_people_enrol_themselves_in_an_individual_programme_so_there_is_no_apply_page(client, programme, den_haag_hr):
    client.force_login(den_haag_hr)

    assert client.get(reverse("programmes:application_apply", args=[programme.slug])).status_code == 404


def test_a_municipality_applies_once_while_its_application_is_live(client, leergang, den_haag_hr):
    OrganisationApplicationFactory(programme=leergang, organisation=den_haag_hr.organisation)
    client.force_login(den_haag_hr)

    response = client.post(
        reverse("programmes:application_apply", args=[leergang.slug]),
        {"organisation": str(den_haag_hr.organisation.pk), "motivation": "Again", "commitment": "Yes"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Gemeente Den Haag has already applied to this programme."]
    assert OrganisationApplication.objects.count() == 1


def test_after_a_decline_the_municipality_may_apply_again(leergang, den_haag_hr):
    OrganisationApplicationFactory(programme=leergang, organisation=den_haag_hr.organisation, status=Status.DECLINED)

    applications.application_submit(
        programme=leergang, organisation=den_haag_hr.organisation, contact=den_haag_hr, motivation="m", commitment="c"
    )

    assert OrganisationApplication.objects.filter(status=Status.APPLIED).count() == 1


def test_hr_applies_only_for_their_own_municipality(leergang, den_haag_hr, utrecht_hr):
    with pytest.raises(PermissionDenied):
        applications.application_submit(
            programme=leergang,
            organisation=utrecht_hr.organisation,
            contact=den_haag_hr,
            motivation="m",
            commitment="c",
        )

    assert not OrganisationApplication.objects.exists()


def test_only_hr_of_the_owner_takes_the_steps(leergang, den_haag_hr):
    application = OrganisationApplicationFactory(programme=leergang, organisation=den_haag_hr.organisation)

    with pytest.raises(PermissionDenied):
        applications.application_plan_intake(application=application, by=den_haag_hr, intake_at=future())

    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_a_municipality_is_admitted_only_after_its_intake(client, leergang, leergroep, vng_hr):
    application = OrganisationApplicationFactory(programme=leergang, status=Status.APPLIED)
    client.force_login(vng_hr)

    response = client.post(step_url("application_admit", application), {"cohort": str(leergroep.pk)}, follow=True)

    assert "Only after the intake can a municipality be admitted, not when “Applied”." in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.cohort) == (Status.APPLIED, None)


def test_a_learning_group_of_another_programme_cannot_be_chosen(client, leergang, vng_hr):
    application = OrganisationApplicationFactory(programme=leergang, status=Status.INTAKE_HELD)
    other_group = CohortFactory(programme=ProgrammeFactory(owner=leergang.owner, learning_programme=True), planned=True)
    client.force_login(vng_hr)

    response = client.post(step_url("application_admit", application), {"cohort": str(other_group.pk)})

    assert response.status_code == 400
    assert "cohort" in response.context["admit_form"].errors
    application.refresh_from_db()
    assert application.status == Status.INTAKE_HELD
    with pytest.raises(ValidationError):
        applications.application_admit(application=application, by=vng_hr, cohort=other_group)


def test_an_intake_is_planned_in_the_future(client, leergang, vng_hr):
    application = OrganisationApplicationFactory(programme=leergang)
    client.force_login(vng_hr)

    response = client.post(
        step_url("application_plan_intake", application),
        {"intake_at": future(days=-2).strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.context["plan_form"].errors == {"intake_at": ["Plan the intake conversation in the future."]}
    application.refresh_from_db()
    assert (application.status, application.intake_at) == (Status.APPLIED, None)


def test_questions_are_recorded_only_after_an_intake_is_planned(leergang, vng_hr):
    application = OrganisationApplicationFactory(programme=leergang)

    with pytest.raises(ValidationError):
        applications.application_record_intake(application=application, by=vng_hr, questions="Q")

    application.refresh_from_db()
    assert (application.status, application.questions) == (Status.APPLIED, "")


def test_a_decline_needs_a_reason_and_the_municipality_sees_it(client, leergang, vng_hr, den_haag_hr):
    application = OrganisationApplicationFactory(
        programme=leergang, organisation=den_haag_hr.organisation, status=Status.INTAKE_PLANNED
    )
    client.force_login(vng_hr)

    response = client.post(step_url("application_decline", application), {"reason": ""})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Status.INTAKE_PLANNED

    client.post(step_url("application_decline", application), {"reason": "The group for this round is full."})
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (Status.DECLINED, "The group for this round is full.")

    client.force_login(den_haag_hr)
    page = client.get(reverse("programmes:application_apply", args=[leergang.slug])).content.decode()
    assert "Reason: The group for this round is full." in page


def test_an_admitted_municipality_cannot_be_declined(leergang, leergroep, vng_hr):
    application = OrganisationApplicationFactory(programme=leergang, status=Status.ADMITTED, cohort=leergroep)

    with pytest.raises(ValidationError):
        applications.application_decline(application=application, by=vng_hr, reason="Changed our mind")

    application.refresh_from_db()
    assert application.status == Status.ADMITTED


def test_the_application_page_offers_only_the_next_steps(client, leergang, leergroep, vng_hr):
    application = OrganisationApplicationFactory(programme=leergang, status=Status.INTAKE_HELD)
    client.force_login(vng_hr)

    response = client.get(step_url("application_detail", application))

    assert response.status_code == 200
    assert (
        response.context["can_plan"],
        response.context["can_record"],
        response.context["can_admit"],
        response.context["can_decline"],
    ) == (False, True, True, True)
    assert list(response.context["admit_form"].fields["cohort"].queryset) == [leergroep]
