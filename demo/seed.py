"""Demo data: the organisations of the five programmes in docs/domain.md with invented people, and each
programme alive on the day it is seeded (built relative to ``timezone.localdate()``).

Every person here is invented; e-mail addresses use the reserved `.example` top-level domain.

Everything is made through the apps' services, so the demo obeys the rules users meet: people with
``person_create``, roles with ``role_assign``, enrolments with ``enrolment_request`` and the managers'
``enrolment_approve``, schedules with the planner, matches with the matching optimiser, placements with the
allocation. Where no service exists (organisations, programmes and their rules are set up in the admin),
the ORM creates them.

Seeding is idempotent (``make run`` seeds every time): each part is looked up by its natural key and made
only when missing, so running it twice changes nothing and edits made while demonstrating are kept.
Messages that the services send are kept in the people's inboxes but never e-mailed: the addresses are
invented.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, EducationLevel, Organisation, Role, User
from accounts.services import department_create, email_address_mark_verified, person_create, role_assign
from demo.coaching import seed_coaching
from demo.participants import seed_participants
from demo.placements import seed_placements
from demo.programmes import seed_programmes
from demo.sessions import seed_sessions
from notifications.models import Notification
from participants.models import DepartmentBudget
from participants.services import budget_amount_for_headcount, budget_set

DEMO_PASSWORD = "groeipad-demo"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    description: str
    what_to_try: str = ""


# (slug, name, kind, networks)
ORGANISATIONS = [
    ("vng", "VNG (Vereniging van Nederlandse Gemeenten)", Organisation.Kind.ASSOCIATION, []),
    ("talentenregio", "Talentenregio", Organisation.Kind.REGION, []),
    ("av-regio", "Regio Alblasserwaard-Vijfheerenlanden", Organisation.Kind.REGION, []),
    ("zwolle", "Gemeente Zwolle", Organisation.Kind.MUNICIPALITY, ["talentenregio"]),
    ("den-haag", "Gemeente Den Haag", Organisation.Kind.MUNICIPALITY, ["vng"]),
    ("utrecht", "Gemeente Utrecht", Organisation.Kind.MUNICIPALITY, ["vng"]),
    ("deventer", "Gemeente Deventer", Organisation.Kind.MUNICIPALITY, ["vng"]),
    ("dronten", "Gemeente Dronten", Organisation.Kind.MUNICIPALITY, ["talentenregio", "vng"]),
    ("heerde", "Gemeente Heerde", Organisation.Kind.MUNICIPALITY, ["talentenregio", "vng"]),
    ("kampen", "Gemeente Kampen", Organisation.Kind.MUNICIPALITY, ["talentenregio", "vng"]),
    ("hattem", "Gemeente Hattem", Organisation.Kind.MUNICIPALITY, ["talentenregio", "vng"]),
    ("gorinchem", "Gemeente Gorinchem", Organisation.Kind.MUNICIPALITY, ["av-regio", "vng"]),
    ("giessenlanden", "Gemeente Giessenlanden", Organisation.Kind.MUNICIPALITY, ["av-regio", "vng"]),
    ("leerdam", "Gemeente Leerdam", Organisation.Kind.MUNICIPALITY, ["av-regio", "vng"]),
    ("zederik", "Gemeente Zederik", Organisation.Kind.MUNICIPALITY, ["av-regio", "vng"]),
    ("molenwaard", "Gemeente Molenwaard", Organisation.Kind.MUNICIPALITY, ["av-regio", "vng"]),
    ("hardinxveld-giessendam", "Gemeente Hardinxveld-Giessendam", Organisation.Kind.MUNICIPALITY, ["av-regio", "vng"]),
]

DEPARTMENTS = {
    "zwolle": [
        "Ruimtelijke Ontwikkeling",
        "Sociaal Domein",
        "Publiekszaken",
        "Financiën",
        "BLIK Loopbaancentrum",
        "HR",
    ],
    "vng": ["Traineeprogramma", "Democratie in Actie", "Kennis en Advies"],
    "talentenregio": ["Programmateam"],
    "av-regio": ["P&O"],
}
DEFAULT_DEPARTMENTS = ["Bedrijfsvoering", "Ruimte", "Samenleving"]
ZWOLLE_DEPARTMENTS = ["Ruimtelijke Ontwikkeling", "Sociaal Domein", "Publiekszaken", "Financiën"]
REGION_MEMBERS = ["dronten", "heerde", "kampen", "hattem"]
VNG_CLIENTS = ["den-haag", "utrecht", "deventer"]
AV_MUNICIPALITIES = ["gorinchem", "giessenlanden", "leerdam", "zederik", "molenwaard", "hardinxveld-giessendam"]

FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Lotte",
    "Bram",
    "Fleur",
    "Jesse",
    "Noor",
    "Thijs",
    "Eva",
    "Luuk",
    "Iris",
    "Ruben",
    "Mila",
    "Sem",
    "Julia",
    "Milan",
    "Roos",
    "Stijn",
    "Anouk",
    "Joris",
    "Lieke",
    "Koen",
    "Femke",
    "Tim",
    "Esmee",
    "Gijs",
]
LAST_NAMES = [
    "Verhoef",
    "de Wit",
    "Kuipers",
    "van Dalen",
    "Brouwer",
    "Mulder",
    "Hoekstra",
    "van Leeuwen",
    "Postma",
    "Dekker",
    "Schouten",
    "van der Meer",
    "Bakker",
    "Vos",
    "Smeets",
    "Timmer",
    "Kok",
    "Willems",
    "Jonker",
    "Veldman",
]

# The coaches of Zwolle's pool (internal, experienced colleagues) and of VNG's (the trainees' personal coaches).
ZWOLLE_COACHES = [
    ("Annemiek", "Visser", "Ruimtelijke Ontwikkeling"),
    ("Robert", "Huisman", "Sociaal Domein"),
    ("Ingrid", "Meijer", "Publiekszaken"),
    ("Frank", "Bosman", "Financiën"),
    ("Carla", "Dijkman", "Sociaal Domein"),
    ("Erik", "Wolters", "Ruimtelijke Ontwikkeling"),
    ("Marloes", "Haverkamp", "Publiekszaken"),
    ("Hans", "Roelofs", "Financiën"),
    ("Wendy", "Sluiter", "Ruimtelijke Ontwikkeling"),
    ("Arjen", "Kamphuis", "Sociaal Domein"),
    ("Yvonne", "Lubbers", "BLIK Loopbaancentrum"),
]
VNG_COACHES = [("Ellen", "Brink"), ("Maarten", "Scholten"), ("Nadia", "Bouali")]


def _invented_name(index: int) -> tuple[str, str]:
    return FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[(index * 7) % len(LAST_NAMES)]


def _years_ago(today: date, years: int, days: int = 0) -> date:
    try:
        anniversary = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        anniversary = today.replace(year=today.year - years, day=28)
    return anniversary - timedelta(days=days)


class _Seeder:
    def __init__(self, today: date):
        self.today = today
        self.organisations: dict[str, Organisation] = {}
        self.departments: dict[tuple[str, str], Department] = {}
        # Hashing is deliberately slow; every demo person shares the one demo password, so hash it once.
        self.password_hash = make_password(DEMO_PASSWORD)

    def organisation(self, slug: str, name: str, kind: str) -> Organisation:
        # Organisations are set up by the platform admin (no service): created here when missing.
        organisation, _created = Organisation.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
        self.organisations[slug] = organisation
        return organisation

    def department(self, organisation_slug: str, name: str) -> Department:
        organisation = self.organisations[organisation_slug]
        department = Department.objects.filter(organisation=organisation, name__iexact=name).first()
        if department is None:
            department = department_create(organisation=organisation, name=name)
        self.departments[(organisation_slug, name)] = department
        return department

    def person(
        self,
        email: str,
        first_name: str,
        last_name: str,
        organisation_slug: str | None,
        department_name: str | None = None,
        manager: User | None = None,
        age: int = 30,
        employed_years: int = 3,
        employed_days: int = 0,
        education_level: str = EducationLevel.HBO,
        introduction_done: bool = True,
    ) -> User:
        user = User.objects.filter(email=email).first()
        if user is not None:
            return user
        start = _years_ago(self.today, employed_years, employed_days)
        facts = {
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": _years_ago(self.today, age, days=40),
            "employment_start_date": start,
            "education_level": education_level,
            "introduction_completed_on": (start + timedelta(days=91)) if introduction_done else None,
        }
        if organisation_slug:
            user = person_create(
                organisation=self.organisations[organisation_slug],
                department=self.departments.get((organisation_slug, department_name)) if department_name else None,
                manager=manager,
                contract_hours=36,
                **facts,
            )
        else:
            # Someone outside every organisation (an external trainer, the platform admin): no HR registers them.
            user = User.objects.create_user(**facts)
            email_address_mark_verified(user=user)
        user.password = self.password_hash
        user.save(update_fields=["password"])
        return user

    def role(self, user: User, role: str, organisation_slug: str | None = None) -> None:
        role_assign(user=user, role=role, organisation=self.organisations.get(organisation_slug))


def _seed_people(seeder: _Seeder) -> dict[str, User]:
    """The invented people of every programme; returns the ones the demo logins need."""
    people: dict[str, User] = {}
    admin = seeder.person("beheer@groeipad.example", "Beheer", "Groeipad", None)
    if not admin.is_superuser:
        # The platform admin is made in the admin or with createsuperuser; there is no service for it.
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    people["admin"] = admin

    # Zwolle: the most detailed programme (young-staff track, group of 15, TMA with BLIK, internal coaches).
    hr_zwolle = seeder.person("hr@zwolle.example", "Hanna", "Hofstra", "zwolle", "HR", age=41, employed_years=12)
    seeder.role(hr_zwolle, Role.HR_ADVISER, "zwolle")
    managers = [
        seeder.person(
            f"leidinggevende{i + 1}@zwolle.example", first, last, "zwolle", department, age=48, employed_years=15
        )
        for i, ((first, last), department) in enumerate(
            zip(
                [("Marieke", "Oosterhuis"), ("Gerard", "Lammers"), ("Petra", "Zandstra"), ("Wouter", "Hendriks")],
                ZWOLLE_DEPARTMENTS,
                strict=True,
            )
        )
    ]
    for index in range(20):
        first, last = _invented_name(index)
        seeder.person(
            f"medewerker{index + 1:02d}@zwolle.example",
            first,
            last,
            "zwolle",
            ZWOLLE_DEPARTMENTS[index % 4],
            manager=managers[index % 4],
            age=24 + index % 11,
            employed_years=1 + index % 4,
            education_level=[EducationLevel.HBO, EducationLevel.WO, EducationLevel.MBO_PLUS][index % 3],
        )
    # Two who may not (yet) join the young-staff track: one is 37, one is still in the introduction programme.
    seeder.person(
        "senior.medewerker@zwolle.example",
        "Karin",
        "Boersma",
        "zwolle",
        "Sociaal Domein",
        manager=managers[1],
        age=37,
        employed_years=9,
    )
    seeder.person(
        "nieuwe.medewerker@zwolle.example",
        "Youssef",
        "El Amrani",
        "zwolle",
        "Publiekszaken",
        manager=managers[2],
        age=26,
        employed_years=0,
        employed_days=30,
        introduction_done=False,
    )
    # The members of the two running groups: the Najaarsgroep (01–15) and the Tweede lichting (16–30).
    for index in range(30):
        first, last = _invented_name(index + 30)
        seeder.person(
            f"deelnemer{index + 1:02d}@zwolle.example",
            first,
            last,
            "zwolle",
            ZWOLLE_DEPARTMENTS[(index + 1) % 4],
            manager=managers[(index + 1) % 4],
            age=25 + index % 10,
            employed_years=1 + index % 5,
            education_level=[EducationLevel.HBO, EducationLevel.MBO_PLUS, EducationLevel.WO][index % 3],
        )
    for index, (first, last, department) in enumerate(ZWOLLE_COACHES):
        coach = seeder.person(
            f"coach{index + 1}@zwolle.example",
            first,
            last,
            "zwolle",
            department,
            manager=managers[index % 4] if department in ZWOLLE_DEPARTMENTS else None,
            age=45 + index % 12,
            employed_years=10 + index % 8,
        )
        if index == 0:
            people["coach"] = coach
    career_adviser = seeder.person(
        "loopbaanadviseur@zwolle.example",
        "Linda",
        "Kramer",
        "zwolle",
        "BLIK Loopbaancentrum",
        age=50,
        employed_years=20,
    )
    seeder.role(career_adviser, Role.CAREER_ADVISER, "zwolle")
    trainer = seeder.person("trainer@trainingsbureau.example", "Tom", "Rietveld", None, age=52)
    seeder.role(trainer, Role.TRAINER)

    # VNG traineeship: trainees on assignments at client municipalities, coordinated by VNG.
    hr_vng = seeder.person("coordinator@vng.example", "Vera", "Nijenhuis", "vng", "Traineeprogramma", age=39)
    seeder.role(hr_vng, Role.HR_ADVISER, "vng")
    vng_manager = seeder.person("teamleider@vng.example", "Hugo", "Sterk", "vng", "Traineeprogramma", age=47)
    for index in range(10):
        first, last = _invented_name(index + 5)
        # Trainees 1–5 are in their first year (first or second assignment), 6–10 in their second.
        seeder.person(
            f"trainee{index + 1}@vng.example",
            first,
            last,
            "vng",
            "Traineeprogramma",
            manager=vng_manager,
            age=24 + index % 5,
            employed_years=0 if index < 5 else 1,
            employed_days=90,
            education_level=EducationLevel.WO,
        )
    for index, (first, last) in enumerate(VNG_COACHES):
        seeder.person(f"coach{index + 1}@vng.example", first, last, "vng", "Kennis en Advies", age=44 + index * 5)
    for slug in VNG_CLIENTS:
        place = Organisation.objects.get(slug=slug).name.removeprefix("Gemeente ")
        contact = seeder.person(f"hr@{slug}.example", "Contactpersoon", place, slug, "Bedrijfsvoering", age=45)
        seeder.role(contact, Role.HR_ADVISER, slug)
        seeder.person(f"begeleider@{slug}.example", "Begeleider", place, slug, "Samenleving", age=43)

    # Democratic craftsmanship: municipalities apply; VNG's Democratie in Actie runs the learning programme.
    hr_democracy = seeder.person("democratie@vng.example", "Saskia", "Vermeulen", "vng", "Democratie in Actie", age=44)
    seeder.role(hr_democracy, Role.HR_ADVISER, "vng")

    # Talentenregio: trainee groups of 8-12 across member organisations; rotation (Dronten) or fixed (Heerde).
    hr_region = seeder.person(
        "programmateam@talentenregio.example", "Rianne", "Koopman", "talentenregio", "Programmateam", age=40
    )
    seeder.role(hr_region, Role.HR_ADVISER, "talentenregio")
    for index, slug in enumerate(REGION_MEMBERS):
        contact = seeder.person(f"hr@{slug}.example", "Contactpersoon", slug.title(), slug, "Bedrijfsvoering", age=42)
        seeder.role(contact, Role.HR_ADVISER, slug)
        seeder.person(f"begeleider@{slug}.example", "Begeleider", slug.title(), slug, "Ruimte", age=46)
        for trainee_index in range(3):
            first, last = _invented_name(index * 3 + trainee_index + 11)
            # A trainee is employed by their home organisation; its contact person is their manager there.
            seeder.person(
                f"trainee{trainee_index + 1}@{slug}.example",
                first,
                last,
                slug,
                "Ruimte",
                manager=contact,
                age=25,
                employed_years=0,
                employed_days=60,
                education_level=EducationLevel.HBO,
            )

    # AV VIB: mbo/mbo+ staff of six municipalities swap jobs for three months.
    hr_av = seeder.person("po@av-regio.example", "Paul", "Verbeek", "av-regio", "P&O", age=50)
    seeder.role(hr_av, Role.HR_ADVISER, "av-regio")
    for index, slug in enumerate(AV_MUNICIPALITIES):
        manager = seeder.person(
            f"leidinggevende@{slug}.example", "Leidinggevende", slug.title(), slug, "Bedrijfsvoering", age=49
        )
        for staff_index in range(2):
            first, last = _invented_name(index * 2 + staff_index + 3)
            seeder.person(
                f"vakmens{staff_index + 1}@{slug}.example",
                first,
                last,
                slug,
                ["Bedrijfsvoering", "Ruimte"][staff_index],
                manager=manager,
                age=30 + index,
                employed_years=6,
                education_level=[EducationLevel.MBO, EducationLevel.MBO_PLUS][staff_index],
            )
    return people


def _seed_organisations(seeder: _Seeder) -> None:
    for slug, name, kind, _networks in ORGANISATIONS:
        seeder.organisation(slug, name, kind)
    for slug, _name, _kind, networks in ORGANISATIONS:
        organisation = seeder.organisations[slug]
        wanted = [seeder.organisations[network] for network in networks]
        if set(organisation.networks.all()) != set(wanted):
            organisation.networks.set(wanted)
        for department_name in DEPARTMENTS.get(slug, DEFAULT_DEPARTMENTS):
            seeder.department(slug, department_name)


def _seed_training_budgets(seeder: _Seeder, *, hr: User) -> None:
    """Zwolle's departments get about EUR 1,000 per employee per year, for this year and the next."""
    departments = Department.objects.filter(organisation=seeder.organisations["zwolle"]).annotate(
        headcount=Count("people")
    )
    existing = set(DepartmentBudget.objects.filter(department__in=departments).values_list("department_id", "year"))
    for department in departments:
        for year in (seeder.today.year, seeder.today.year + 1):
            if (department.pk, year) not in existing:
                amount = budget_amount_for_headcount(headcount=max(department.headcount, 1), per_head=Decimal(1000))
                budget_set(department=department, year=year, amount=amount, by=hr)


def _keep_messages_off_the_mail(since_pk: int) -> None:
    """The services told the demo people what happened, as they tell real people: the messages stay in their
    inboxes, but nothing is e-mailed to the invented addresses. Marked before the transaction commits, so the
    e-mail task (which runs after the commit) finds them skipped and sends nothing."""
    Notification.objects.filter(pk__gt=since_pk, email_status=Notification.EmailStatus.PENDING).update(
        email_status=Notification.EmailStatus.SKIPPED
    )


DEMO_LOGINS = [
    # Zwolle leer- en ontwikkeltraject
    DemoLogin(
        Role.HR_ADVISER,
        "hr@zwolle.example",
        _("HR adviser, Gemeente Zwolle"),
        _(
            "Groep 1: the queue, who waits for their manager and the waitlist; Tweede lichting → Coach matching: "
            "match the group in one step"
        ),
    ),
    DemoLogin(
        Role.MANAGER,
        "leidinggevende1@zwolle.example",
        _("Manager, Ruimtelijke Ontwikkeling, Zwolle"),
        _("Approvals: decide on a request to join Groep 1; Coaching in my team"),
    ),
    DemoLogin(
        Role.COACH,
        "coach1@zwolle.example",
        _("Coach, Zwolle"),
        _("My coachees: read the sessions you logged and log a new one"),
    ),
    DemoLogin(
        Role.TRAINER,
        "trainer@trainingsbureau.example",
        _("External trainer and intervision facilitator"),
        _("Your next sessions; after a session, open it to register attendance"),
    ),
    DemoLogin(
        Role.CAREER_ADVISER,
        "loopbaanadviseur@zwolle.example",
        _("Career adviser, BLIK Zwolle"),
        _("TMA slots: see who booked a talent-analysis session and publish more slots"),
    ),
    DemoLogin(
        Role.EMPLOYEE,
        "deelnemer01@zwolle.example",
        _("Participant of the Najaarsgroep, Zwolle"),
        _("My schedule, My coaching (your coach and your sessions), book a TMA session, vote for the elective"),
    ),
    DemoLogin(
        Role.EMPLOYEE,
        "deelnemer16@zwolle.example",
        _("Participant of the Tweede lichting, Zwolle (no coach yet)"),
        _("My coaching: tell HR what you want to work on with a coach"),
    ),
    DemoLogin(
        Role.EMPLOYEE,
        "medewerker20@zwolle.example",
        _("Young employee, Zwolle, not enrolled yet"),
        _("Programmes and enrolments: enrol in Groep 1; you have an extra seat in a Zwolse Politieke Antenne"),
    ),
    # VNG traineeprogramma
    DemoLogin(
        Role.HR_ADVISER,
        "coordinator@vng.example",
        _("Coordinator, VNG traineeship"),
        _(
            "Trainees jaar 1 and jaar 2: Friday programme days, client assignments, intervision groups and a "
            "coach for every trainee"
        ),
    ),
    DemoLogin(
        Role.EMPLOYEE,
        "trainee1@vng.example",
        _("VNG trainee, jaar 1"),
        _("My schedule (the Friday programme days), My placements (your client assignment), My coaching"),
    ),
    DemoLogin(
        Role.COACH,
        "coach1@vng.example",
        _("Personal coach of VNG trainees"),
        _("My coachees: log a session"),
    ),
    DemoLogin(
        Role.EMPLOYEE,
        "begeleider@den-haag.example",
        _("Supervisor at the client, Gemeente Den Haag (VNG trainee)"),
        _("Trainees I supervise: the trainee on your assignment and their assessments"),
    ),
    # Leergang democratisch vakmanschap
    DemoLogin(
        Role.HR_ADVISER,
        "democratie@vng.example",
        _("Democratie in Actie, VNG (learning programme)"),
        _("Leergang democratisch vakmanschap → Applications: plan the intake with Den Haag, note Utrecht's questions"),
    ),
    DemoLogin(
        Role.HR_ADVISER,
        "hr@deventer.example",
        _("Contact person, Gemeente Deventer (democratic craftsmanship)"),
        _("Programmes → Leergang democratisch vakmanschap: your municipality's admission to Leergroep 1"),
    ),
    # Talentenregio traineeprogramma
    DemoLogin(
        Role.HR_ADVISER,
        "programmateam@talentenregio.example",
        _("Programme team, Talentenregio"),
        _(
            "The running trainee group → Placement rounds: rotation 1 is published, the project market of "
            "rotation 2 is open"
        ),
    ),
    DemoLogin(
        Role.HR_ADVISER,
        "hr@dronten.example",
        _("Host contact, Gemeente Dronten (Talentenregio)"),
        _("Assignments: post an assignment for rotation 2 and rank the candidates of your assignments"),
    ),
    DemoLogin(
        Role.EMPLOYEE,
        "begeleider@dronten.example",
        _("Supervisor at the host, Gemeente Dronten (Talentenregio)"),
        _("Trainees I supervise: the trainees on your assignments in rotation 1"),
    ),
    DemoLogin(
        Role.EMPLOYEE,
        "trainee1@dronten.example",
        _("Talentenregio trainee"),
        _("Project market: rank the assignments of rotation 2; My placements: your timeline"),
    ),
    # AV VIB – Vakmensen in beweging
    DemoLogin(
        Role.HR_ADVISER,
        "po@av-regio.example",
        _("P&O, AV region (AV VIB)"),
        _("VIB-pilotgroep → Job swaps: propose swaps in pairs and rings"),
    ),
    DemoLogin(
        Role.EMPLOYEE,
        "vakmens1@gorinchem.example",
        _("AV VIB participant, Gemeente Gorinchem"),
        _("My job swap: your offer; accept a swap once P&O proposes one"),
    ),
    DemoLogin(
        Role.PLATFORM_ADMIN,
        "beheer@groeipad.example",
        _("Administrator of the whole portal"),
        _("Django admin: every organisation, person and the audit trail"),
    ),
]


def seed_demo(*, today: date | None = None) -> list[DemoLogin]:
    """Create (once) the demo organisations, people and the five programmes in use; return the demo logins.

    ``today`` is the day the demo is built around (default: today). The services check against the real
    clock, so a `today` far from it can leave out what they refuse (booking a slot in the past, say).
    Whatever language the caller has active, what the services write (explanations, titles) is Dutch.
    """
    with translation.override("nl"):
        return _seed_demo(today=today or timezone.localdate())


@transaction.atomic
def _seed_demo(*, today: date) -> list[DemoLogin]:
    last_message = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    connection = transaction.get_connection()
    hooks_before = len(connection.run_on_commit)
    seeder = _Seeder(today)
    _seed_organisations(seeder)
    _seed_people(seeder)
    hr_zwolle = User.objects.get(email="hr@zwolle.example")
    seed_programmes(today=today)
    _seed_training_budgets(seeder, hr=hr_zwolle)
    seed_participants(today=today)
    seed_sessions(today=today)
    seed_coaching(today=today)
    seed_placements(today=today)
    _keep_messages_off_the_mail(last_message)
    # The only work the services leave for after the commit is e-mailing (notifications, invitations); the demo
    # e-mails nothing, so those hooks are dropped rather than run just to find the messages skipped.
    del connection.run_on_commit[hooks_before:]
    return list(DEMO_LOGINS)
