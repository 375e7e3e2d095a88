import pytest

from tests.factories import OrganisationFactory, ProgrammeFactory, hr_adviser


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English message ids."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def zwolle(db):
    return OrganisationFactory(slug="zwolle", name="Gemeente Zwolle")


@pytest.fixture
def hr(zwolle):
    return hr_adviser(zwolle, email="hr@zwolle.test", first_name="Hanna", last_name="Hofstra")


@pytest.fixture
def programme(zwolle):
    return ProgrammeFactory(
        owner=zwolle,
        name="Zwolle leer- en ontwikkeltraject",
        slug="zwolle-track",
        group_capacity=15,
        start_threshold=15,
        extra_seats_min=2,
        extra_seats_max=5,
    )


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


@pytest.fixture
def other_hr(db):
    return hr_adviser(OrganisationFactory(slug="deventer", name="Gemeente Deventer"))
