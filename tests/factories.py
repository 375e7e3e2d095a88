"""factory-boy factories: one per model, the single set every test imports.

Each factory builds the common case; states (enrolment and cohort statuses, programme kinds, subsidies,
read or failed messages) are `Params` traits, so a test names the state it needs: `EnrolmentFactory(placed=True)`,
`CohortFactory(planned=True)`, `ProgrammeFactory(learning_programme=True)`.
"""

from datetime import date

import factory
from allauth.account.models import EmailAddress

from accounts.models import Department, EducationLevel, Organisation, Role, RoleAssignment, User

TEST_PASSWORD = "correct-horse-battery-staple"
_FAKE_NL = factory.Faker._get_faker(locale="nl_NL")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    slug = factory.Sequence(lambda n: f"gemeente-test-{n}")
    kind = Organisation.Kind.MUNICIPALITY


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.test")
    first_name = factory.Faker("first_name", locale="nl_NL")
    # Dutch surnames, but none with an apostrophe ("van 't Riet"): pages escape it (&#x27;), and tests that
    # look for a name in a page would then fail only now and then.
    last_name = factory.LazyFunction(lambda: _FAKE_NL.last_name().replace("'", "").replace("  ", " ").strip())
    organisation = factory.SubFactory(OrganisationFactory)
    department = factory.LazyAttribute(lambda o: DepartmentFactory(organisation=o.organisation))
    date_of_birth = date(1995, 6, 15)
    employment_start_date = date(2022, 1, 1)
    education_level = EducationLevel.HBO
    introduction_completed_on = date(2022, 4, 1)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    class Params:
        platform_admin = factory.Trait(is_staff=True, is_superuser=True, organisation=None, department=None)


def hr_adviser(organisation: Organisation | None = None, **kwargs) -> User:
    organisation = organisation or OrganisationFactory()
    user = UserFactory(organisation=organisation, **kwargs)
    RoleAssignment.objects.create(user=user, role=Role.HR_ADVISER, organisation=organisation)
    return user


def with_role(user: User, role: str, organisation: Organisation | None = None) -> User:
    RoleAssignment.objects.create(user=user, role=role, organisation=organisation)
    return user


# --- programmes, cohorts, enrolments and budgets (participants) ----------------------------------------

from datetime import UTC, datetime, timedelta  # noqa: E402
from decimal import Decimal  # noqa: E402

from participants.models import DepartmentBudget, Enrolment, OrganisationApplication  # noqa: E402
from programmes.models import Cohort, CostItem, Programme, Track  # noqa: E402


class CostItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostItem

    programme = factory.SubFactory("tests.factories.ProgrammeFactory")
    kind = CostItem.Kind.COST
    description = factory.Sequence(lambda n: f"Training {n}")
    quantity = 1
    unit_amount = Decimal("1000.00")
    is_certain = True

    class Params:
        subsidy = factory.Trait(kind=CostItem.Kind.SUBSIDY)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme open to its owner's staff. Traits mirror the five programmes of docs/domain.md."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Programma {n}")
    slug = factory.Sequence(lambda n: f"programma-{n}")
    kind = Programme.Kind.YOUNG_STAFF_TRACK
    owner = factory.SubFactory(OrganisationFactory)
    enrolment_mode = Programme.EnrolmentMode.INDIVIDUAL
    requires_manager_approval = True
    group_capacity = 15
    start_threshold = 15

    @factory.post_generation
    def participating_organisations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.participating_organisations.set(extracted)

    class Params:
        # Zwolle: under 36, introduction completed, manager approval, groups of 15 that start at 15,
        # 4 trainings × €2,000 + 10 intervisions × €600 (€933.33 each), a possible A&O subsidy of €5,000.
        zwolle = factory.Trait(
            name="Leer- en ontwikkeltraject jonge medewerkers",
            kind=Programme.Kind.YOUNG_STAFF_TRACK,
            max_age_exclusive=36,
            requires_introduction_completed=True,
            requires_manager_approval=True,
            group_capacity=15,
            start_threshold=15,
            extra_seats_min=2,
            extra_seats_max=5,
            trainings=factory.RelatedFactory(
                CostItemFactory,
                factory_related_name="programme",
                description="External training",
                quantity=4,
                unit_amount=Decimal("2000.00"),
            ),
            intervisions=factory.RelatedFactory(
                CostItemFactory,
                factory_related_name="programme",
                description="Intervision session",
                quantity=10,
                unit_amount=Decimal("600.00"),
            ),
            subsidy=factory.RelatedFactory(
                CostItemFactory,
                factory_related_name="programme",
                kind=CostItem.Kind.SUBSIDY,
                description="A&O fonds",
                unit_amount=Decimal("5000.00"),
                is_certain=False,
            ),
        )
        # AV VIB: a six-month job swap for staff at mbo/mbo+ level of the six AV municipalities.
        av_vib = factory.Trait(
            name="Vakmensen in beweging",
            kind=Programme.Kind.EXCHANGE,
            education_levels=["mbo", "mbo+"],
            placement_pattern=Programme.PlacementPattern.JOB_SWAP,
            group_capacity=12,
            start_threshold=6,
        )
        # VNG traineeship: VNG's own trainees on assignments at client municipalities; two year groups.
        vng_traineeship = factory.Trait(
            name="VNG traineeprogramma",
            kind=Programme.Kind.TRAINEESHIP,
            placement_pattern=Programme.PlacementPattern.CLIENT_ASSIGNMENTS,
            duration_months=24,
            group_capacity=20,
            start_threshold=10,
        )
        # Talentenregio: a regional traineeship for the member organisations, groups of 8–12.
        talentenregio = factory.Trait(
            name="Talentenregio traineeprogramma",
            kind=Programme.Kind.TRAINEESHIP,
            placement_pattern=Programme.PlacementPattern.ROTATION_OR_FIXED,
            duration_months=24,
            group_capacity=12,
            start_threshold=8,
        )
        # A learning programme: municipalities apply, not individuals, so no manager approves.
        learning_programme = factory.Trait(
            kind=Programme.Kind.LEARNING_PROGRAMME,
            enrolment_mode=Programme.EnrolmentMode.ORGANISATION,
            requires_manager_approval=False,
        )
        # Democratic craftsmanship: VNG's learning programme.
        democratic_craftsmanship = factory.Trait(learning_programme=True, name="Leergang democratisch vakmanschap")
        no_approval = factory.Trait(requires_manager_approval=False)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Track.Kind.YEAR_LEVEL
    name = factory.Sequence(lambda n: f"Year {n}")


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort open for enrolment; the other statuses are traits."""

    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Groep {n}")
    status = Cohort.Status.OPEN
    start_date = date(2027, 9, 3)
    end_date = date(2028, 2, 18)
    capacity = factory.LazyAttribute(lambda o: o.programme.group_capacity)
    start_threshold = factory.LazyAttribute(lambda o: min(o.programme.start_threshold, o.capacity))

    class Params:
        planned = factory.Trait(status=Cohort.Status.PLANNED)
        full = factory.Trait(status=Cohort.Status.FULL)
        running = factory.Trait(status=Cohort.Status.RUNNING)
        completed = factory.Trait(status=Cohort.Status.COMPLETED)
        evaluated = factory.Trait(status=Cohort.Status.EVALUATED)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment in a given state, without history: for fixtures and lists. Transitions go through services."""

    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory(UserFactory)
    status = Enrolment.Status.AWAITING_MANAGER
    motivation = "Ik wil mij verder ontwikkelen."
    requested_at = factory.Sequence(lambda n: datetime(2026, 1, 5, 9, 0, tzinfo=UTC) + timedelta(minutes=n))
    approver = factory.LazyAttribute(lambda o: o.person.manager)
    department = factory.LazyAttribute(lambda o: o.person.department)
    cost = Decimal("0.00")

    class Params:
        approved = factory.Trait(status=Enrolment.Status.APPROVED)
        placed = factory.Trait(status=Enrolment.Status.PLACED)
        waitlisted = factory.Trait(status=Enrolment.Status.WAITLISTED)
        active = factory.Trait(status=Enrolment.Status.ACTIVE)
        completed = factory.Trait(status=Enrolment.Status.COMPLETED)
        rejected = factory.Trait(status=Enrolment.Status.REJECTED, decision_reason="Geen budget dit jaar.")
        withdrawn = factory.Trait(status=Enrolment.Status.WITHDRAWN)


class OrganisationApplicationFactory(factory.django.DjangoModelFactory):
    """A municipality's application to a learning programme, as just applied."""

    class Meta:
        model = OrganisationApplication

    programme = factory.SubFactory(ProgrammeFactory, learning_programme=True)
    organisation = factory.SubFactory(OrganisationFactory)
    contact = None
    motivation = "We want to strengthen the democratic craftsmanship of our district officers."
    commitment = "College and council support it."


class DepartmentBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentBudget

    department = factory.SubFactory(DepartmentFactory)
    year = 2027
    amount = Decimal("15000.00")
    spent_elsewhere = Decimal("0.00")

    class Params:
        # €1,000 per employee, Zwolle's rule of thumb, for a department of 12.
        per_head = factory.Trait(amount=Decimal("12000.00"))
        partly_spent = factory.Trait(spent_elsewhere=Decimal("4000.00"))
        empty = factory.Trait(amount=Decimal("0.00"))


# --- sessions and schedules ------------------------------------------------------------------------------

from datetime import time  # noqa: E402

from sessions.models import AvailabilitySlot, IntervisionGroup, Session, SessionKind  # noqa: E402


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    kind = SessionKind.TRAINING
    title = factory.Sequence(lambda n: f"Training {n}")
    date = date(2027, 9, 17)
    start_time = time(9, 0)
    end_time = time(16, 30)
    location = "Stadhuis Zwolle, zaal 2"

    class Params:
        intervision = factory.Trait(kind=SessionKind.INTERVISION, title="Intervisie", start_time=time(13, 0))
        cancelled = factory.Trait(status=Session.Status.CANCELLED, cancellation_reason="Trainer ziek")
        open_for_extra = factory.Trait(is_open_for_extra=True, extra_seats=5)


class IntervisionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntervisionGroup

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Sequence(lambda n: f"Intervisiegroep {n}")


class AvailabilitySlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilitySlot

    adviser = factory.SubFactory(UserFactory)
    cohort = factory.SubFactory(CohortFactory)
    starts_at = factory.Sequence(lambda n: datetime(2027, 9, 1, 8, 0, tzinfo=UTC) + timedelta(hours=n))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    location = "BLIK Loopbaancentrum"


# --- coaching ----------------------------------------------------------------------------------------------

from coaching.models import CoachingNote, CoachingSession, CoachMatch, CoachProfile, Theme  # noqa: E402


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Thema {n}")


class CoachProfileFactory(factory.django.DjangoModelFactory):
    """An approved coach in their organisation's pool (with the coach role, as approval gives it)."""

    class Meta:
        model = CoachProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda o: o.user.organisation)
    status = CoachProfile.Status.APPROVED
    max_coachees = 3
    hours_per_month = Decimal("4.0")

    @factory.post_generation
    def coach_role(obj, create, extracted, **kwargs):
        if create and obj.status == CoachProfile.Status.APPROVED:
            RoleAssignment.objects.get_or_create(user=obj.user, role=Role.COACH, organisation=obj.organisation)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    class Params:
        volunteered = factory.Trait(status=CoachProfile.Status.VOLUNTEERED)


class CoachMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachMatch

    coach = factory.SubFactory(UserFactory)
    participant = factory.SubFactory(UserFactory)
    status = CoachMatch.Status.INTRODUCED

    class Params:
        confirmed = factory.Trait(status=CoachMatch.Status.CONFIRMED)


class CoachingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingSession

    match = factory.SubFactory(CoachMatchFactory)
    date = date(2027, 10, 1)
    duration_minutes = 60
    topics = "Grenzen stellen in het team"
    next_steps = "Gesprek met leidinggevende voorbereiden"


class CoachingNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingNote

    session = factory.SubFactory(CoachingSessionFactory)
    author = factory.LazyAttribute(lambda o: o.session.match.coach)
    visibility = CoachingNote.Visibility.PRIVATE
    text = factory.Sequence(lambda n: f"Notitie {n}")


# --- placements ------------------------------------------------------------------------------------------

from placements.models import Assignment, Placement, PlacementRound, Swap, SwapMove, SwapOffer  # noqa: E402


class PlacementRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementRound

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Sequence(lambda n: f"Rotatie {n}")
    sequence = factory.Sequence(lambda n: n + 1)
    starts_on = date(2027, 10, 1)
    ends_on = date(2028, 5, 31)
    status = PlacementRound.Status.MARKET


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    round = factory.SubFactory(PlacementRoundFactory)
    host_organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Opdracht {n}")
    description = "Een realistische opdracht voor acht maanden."
    supervisor = factory.LazyAttribute(lambda o: UserFactory(organisation=o.host_organisation))
    status = Assignment.Status.PUBLISHED
    capacity = 1


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    assignment = factory.SubFactory(AssignmentFactory)
    round = factory.LazyAttribute(lambda o: o.assignment.round)
    trainee = factory.SubFactory(UserFactory)
    starts_on = factory.LazyAttribute(lambda o: o.round.starts_on)
    ends_on = factory.LazyAttribute(lambda o: o.round.ends_on)
    status = Placement.Status.PUBLISHED


class SwapOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SwapOffer

    participant = factory.SubFactory(UserFactory)
    own_job = factory.Sequence(lambda n: f"Medewerker {n}")
    job_kinds_offered = "vergunningen"
    job_kinds_wanted = "financiën"


class SwapFactory(factory.django.DjangoModelFactory):
    """A proposed job swap in an AV VIB cohort, without moves (add them with SwapMoveFactory)."""

    class Meta:
        model = Swap

    cohort = factory.SubFactory(CohortFactory, programme=factory.SubFactory(ProgrammeFactory, av_vib=True))
    status = Swap.Status.PROPOSED
    starts_on = date(2027, 10, 1)
    ends_on = date(2027, 12, 31)


class SwapMoveFactory(factory.django.DjangoModelFactory):
    """A participant's move into the job of whoever made the host offer, as proposed: not yet accepted."""

    class Meta:
        model = SwapMove

    swap = factory.SubFactory(SwapFactory)
    participant = factory.SubFactory(UserFactory)
    host_offer = factory.SubFactory(SwapOfferFactory, cohort=factory.SelfAttribute("..swap.cohort"))

    class Params:
        # Accepted by the participant: the managers are now asked to approve.
        accepted = factory.Trait(accepted_at=factory.LazyFunction(lambda: datetime.now(UTC)))


# --- notifications ---------------------------------------------------------------------------------------

from django.utils import timezone  # noqa: E402

from notifications.models import Notification  # noqa: E402


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    event = "enrolment_placed"
    key = factory.Sequence(lambda n: f"enrolment-{n}")
    subject = factory.Sequence(lambda n: f"Message {n}")
    body = "You have a place."
    action_url = "/enrolments/"

    class Params:
        read = factory.Trait(read_at=factory.LazyFunction(timezone.now))
        failed = factory.Trait(
            email_status=Notification.EmailStatus.FAILED, email_attempts=1, email_error="SMTPServerDisconnected"
        )
