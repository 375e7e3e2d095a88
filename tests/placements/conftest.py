"""Shared set-up for the placements tests: Talentenregio's trainee group across member organisations, and
AV VIB's twelve mbo professionals of six municipalities."""

from dataclasses import dataclass, field

import pytest

from accounts.models import Organisation, User
from participants.models import Enrolment
from programmes.models import Cohort, Programme, Track
from tests.factories import (
    CohortFactory,
    DepartmentFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    TrackFactory,
    UserFactory,
    hr_adviser,
)


@dataclass
class Region:
    network: Organisation  # Talentenregio, owner of the programme
    members: list[Organisation]  # dronten, heerde, kampen, hattem
    programme: Programme
    financial_track: Track
    cohort: Cohort
    trainees: list[User]  # active members, spread over the member organisations
    hr: User  # programme team of the network
    contacts: dict[int, User]  # organisation id → its HR contact person
    supervisors: dict[int, User]  # organisation id → a supervisor (begeleider)
    other_hr: User  # HR adviser of an organisation outside the network


@pytest.fixture
def region(db) -> Region:
    network = OrganisationFactory(name="Talentenregio", slug="talentenregio", kind=Organisation.Kind.REGION)
    members = [
        OrganisationFactory(name=f"Gemeente {name.title()}", slug=name)
        for name in ("dronten", "heerde", "kampen", "hattem")
    ]
    programme = ProgrammeFactory(talentenregio=True, owner=network, participating_organisations=members)
    financial = TrackFactory(programme=programme, kind=Track.Kind.SPECIALISATION, name="Financieel traineeship")
    cohort = CohortFactory(programme=programme, name="Traineegroep oktober", status=Cohort.Status.RUNNING, capacity=12)
    trainees = []
    for index in range(6):
        organisation = members[index % 4]
        person = UserFactory(organisation=organisation, department=DepartmentFactory(organisation=organisation))
        EnrolmentFactory(cohort=cohort, person=person, status=Enrolment.Status.ACTIVE)
        trainees.append(person)
    hr, other_hr = hr_adviser(network), hr_adviser(OrganisationFactory(name="Gemeente Zwolle", slug="zwolle"))
    contacts = {organisation.pk: hr_adviser(organisation) for organisation in members}
    supervisors = {
        organisation.pk: UserFactory(organisation=organisation, last_name="Begeleider") for organisation in members
    }
    User.objects.update(preferred_language="en")  # messages are rendered in the recipient's language
    for person in [*trainees, hr, other_hr, *contacts.values(), *supervisors.values()]:
        person.preferred_language = "en"
    return Region(
        network=network,
        members=members,
        programme=programme,
        financial_track=financial,
        cohort=cohort,
        trainees=trainees,
        hr=hr,
        contacts=contacts,
        supervisors=supervisors,
        other_hr=other_hr,
    )


@dataclass
class SwapWorld:
    owner: Organisation  # the AV region's P&O
    municipalities: list[Organisation]
    programme: Programme
    cohort: Cohort
    participants: list[User]  # two per municipality
    managers: dict[int, User] = field(default_factory=dict)  # municipality id → the participants' manager
    hr: User | None = None
    other_hr: User | None = None


@pytest.fixture
def swap_world(db) -> SwapWorld:
    owner = OrganisationFactory(name="AV regio P&O", slug="av-regio", kind=Organisation.Kind.REGION)
    names = ["gorinchem", "giessenlanden", "leerdam", "zederik", "molenwaard", "hardinxveld-giessendam"]
    municipalities = [OrganisationFactory(name=f"Gemeente {name.title()}", slug=name) for name in names]
    programme = ProgrammeFactory(
        name="AV VIB",
        kind=Programme.Kind.EXCHANGE,
        owner=owner,
        participating_organisations=municipalities,
        placement_pattern=Programme.PlacementPattern.JOB_SWAP,
        education_levels=["mbo", "mbo_plus"],
        group_capacity=12,
        start_threshold=6,
    )
    cohort = CohortFactory(programme=programme, name="VIB-groep 1", status=Cohort.Status.RUNNING, capacity=12)
    world = SwapWorld(owner=owner, municipalities=municipalities, programme=programme, cohort=cohort, participants=[])
    for municipality in municipalities:
        manager = UserFactory(organisation=municipality, last_name="Leidinggevende")
        world.managers[municipality.pk] = manager
        for _ in range(2):
            person = UserFactory(organisation=municipality, manager=manager, education_level="mbo")
            EnrolmentFactory(cohort=cohort, person=person, status=Enrolment.Status.ACTIVE)
            world.participants.append(person)
    world.hr = hr_adviser(owner)
    world.other_hr = hr_adviser(OrganisationFactory(name="Gemeente Zwolle", slug="zwolle"))
    User.objects.update(preferred_language="en")  # messages are rendered in the recipient's language
    for person in [*world.participants, *world.managers.values(), world.hr, world.other_hr]:
        person.preferred_language = "en"
    return world


@pytest.fixture(autouse=True)
def _english():
    """The placements tests read messages, reasons and explanations in English: outside a request the active
    language is the default, Dutch, and messages are rendered in each recipient's preferred language."""
    from django.utils import translation

    with translation.override("en"):
        yield
