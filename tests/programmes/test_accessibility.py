"""axe-core (WCAG 2.1 A and AA) on the HR programme, cohort and application pages, in a real browser."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from participants.models import Enrolment, OrganisationApplication
from tests.browser.test_accessibility import MOBILE, assert_accessible, open_as
from tests.factories import (
    CohortFactory,
    CostItemFactory,
    EnrolmentFactory,
    OrganisationApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    TrackFactory,
    UserFactory,
    hr_adviser,
)

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def world(programme, hr):
    CostItemFactory(programme=programme, description="Externe training", quantity=4, unit_amount=Decimal("2000"))
    CostItemFactory(programme=programme, description="Intervisiebijeenkomst", quantity=10, unit_amount=Decimal("600"))
    CostItemFactory(
        programme=programme, subsidy=True, description="A&O fonds", unit_amount=Decimal("5000"), is_certain=False
    )
    TrackFactory(programme=programme, name="Jaar 1")
    cohort = CohortFactory(programme=programme, name="Groep 1", status="open", coordinator=hr)
    now = timezone.now()
    for index, status in enumerate(
        [Enrolment.Status.PLACED] * 4 + [Enrolment.Status.WAITLISTED] * 2 + [Enrolment.Status.AWAITING_MANAGER] * 2
    ):
        person = UserFactory(organisation=programme.owner)
        EnrolmentFactory(
            cohort=cohort,
            person=person,
            status=status,
            department=person.department,
            requested_at=now - timedelta(index),
        )
    vng = OrganisationFactory(slug="vng", name="VNG", kind=Organisation.Kind.ASSOCIATION)
    vng_hr = hr_adviser(vng)
    leergang = ProgrammeFactory(owner=vng, name="Leergang democratisch vakmanschap", learning_programme=True)
    CohortFactory(programme=leergang, name="Leergroep 1", planned=True)
    municipality_hr = hr_adviser(OrganisationFactory(name="Gemeente Den Haag"))
    application = OrganisationApplicationFactory(
        programme=leergang,
        organisation=municipality_hr.organisation,
        contact=municipality_hr,
        status=OrganisationApplication.Status.INTAKE_HELD,
        intake_at=now - timedelta(days=3),
        questions="How do we handle opposition?",
    )
    return {
        "hr": hr,
        "cohort": cohort,
        "vng_hr": vng_hr,
        "leergang": leergang,
        "municipality_hr": municipality_hr,
        "application": application,
    }


def test_programme_and_cohort_pages_are_accessible(page, log_in, live_server, world, programme):  # noqa: F811
    cohort = world["cohort"]
    open_as(page, log_in, live_server, world["hr"], reverse("programmes:programme_list"))
    assert_accessible(page)
    for path in [
        reverse("programmes:programme_detail", args=[programme.slug]),
        reverse("programmes:cohort_create", args=[programme.slug]),
        reverse("programmes:cohort_detail", args=[cohort.pk]),
        reverse("programmes:cohort_edit", args=[cohort.pk]),
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + reverse("programmes:cohort_detail", args=[cohort.pk]))
    assert_accessible(page)


def test_application_pages_are_accessible(page, log_in, live_server, world):  # noqa: F811
    leergang, application = world["leergang"], world["application"]
    open_as(page, log_in, live_server, world["vng_hr"], reverse("programmes:application_list", args=[leergang.slug]))
    assert_accessible(page)
    page.goto(live_server.url + reverse("programmes:application_detail", args=[leergang.slug, application.pk]))
    assert_accessible(page)

    page.context.clear_cookies()
    open_as(
        page,
        log_in,
        live_server,
        world["municipality_hr"],
        reverse("programmes:application_apply", args=[leergang.slug]),
    )
    assert_accessible(page)
