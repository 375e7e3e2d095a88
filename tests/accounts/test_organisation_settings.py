"""HR sets whether 5 May is a day off every year for their own organisation (issue 10, section 7)."""

from datetime import date

import pytest
from django.urls import reverse

from core.workdays import add_working_days
from tests.factories import OrganisationFactory, UserFactory, hr_adviser

pytestmark = pytest.mark.django_db


def _post(client, organisation, *, every_year: bool):
    data = {f"organisation-{organisation.pk}-liberation_day_every_year": "on"} if every_year else {}
    return client.post(reverse("accounts:organisation_settings", args=[organisation.pk]), data)


def test_hr_switches_5_may_to_lustrum_years_only_for_their_organisation(client):
    zwolle = OrganisationFactory(slug="zwolle")
    client.force_login(hr_adviser(zwolle))

    page = client.get(reverse("accounts:organisations")).content.decode()
    response = _post(client, zwolle, every_year=False)

    assert f'name="organisation-{zwolle.pk}-liberation_day_every_year"' in page
    assert response.status_code == 302
    zwolle.refresh_from_db()
    assert zwolle.liberation_day_every_year is False
    # Thursday 30 April 2026 + 3 working days: 1 May, 4 May, then 5 May counts as a working day.
    assert add_working_days(date(2026, 4, 30), 3, liberation_day_every_year=False) == date(2026, 5, 5)


def test_hr_of_another_organisation_cannot_change_it(client):
    zwolle, dronten = OrganisationFactory(slug="zwolle"), OrganisationFactory(slug="dronten")
    client.force_login(hr_adviser(dronten))

    response = _post(client, zwolle, every_year=False)

    assert response.status_code == 404
    zwolle.refresh_from_db()
    assert zwolle.liberation_day_every_year is True


def test_an_employee_cannot_change_it(client):
    zwolle = OrganisationFactory(slug="zwolle")
    client.force_login(UserFactory(organisation=zwolle))

    response = _post(client, zwolle, every_year=False)

    assert response.status_code in (403, 404)
    zwolle.refresh_from_db()
    assert zwolle.liberation_day_every_year is True
