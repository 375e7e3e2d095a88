"""Demo data: the organisations of the five programmes in docs/domain.md with invented people.

Every person here is invented; e-mail addresses use the reserved `.example` top-level domain.
Seeding is idempotent: objects are looked up by their natural key and created only when missing,
so running it twice changes nothing (and edits made while demonstrating are kept).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Department, EducationLevel, Organisation, Role, RoleAssignment, User
from coaching.demo import seed_coaching
from placements.demo import seed_placements
from programmes.demo import seed_programmes
from sessions.demo import seed_sessions

DEMO_PASSWORD = "groeipad-demo"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    description: str


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
    "vng": ["Traineeprogramma", "Democratie in Actie"],
    "talentenregio": ["Programmateam"],
    "av-regio": ["P&O"],
}
DEFAULT_DEPARTMENTS = ["Bedrijfsvoering", "Ruimte", "Samenleving"]

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
        organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
        self.organisations[slug] = organisation
        return organisation

    def department(self, organisation_slug: str, name: str) -> Department:
        organisation = self.organisations[organisation_slug]
        department = Department.objects.filter(organisation=organisation, name__iexact=name).first()
        if department is None:
            department = Department.objects.create(organisation=organisation, name=name)
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
        **extra,
    ) -> User:
        user = User.objects.filter(email=email).first()
        if user is not None:
            return user
        start = _years_ago(self.today, employed_years, employed_days)
        user = User.objects.create_user(
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=self.organisations.get(organisation_slug) if organisation_slug else None,
            department=self.departments.get((organisation_slug, department_name)) if department_name else None,
            manager=manager,
            date_of_birth=_years_ago(self.today, age, days=40),
            employment_start_date=start,
            education_level=education_level,
            introduction_completed_on=(start + timedelta(days=91)) if introduction_done else None,
            contract_hours=36,
            **extra,
        )
        user.password = self.password_hash
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user

    def role(self, user: User, role: str, organisation_slug: str | None = None) -> None:
        RoleAssignment.objects.get_or_create(
            user=user, role=role, organisation=self.organisations.get(organisation_slug) if organisation_slug else None
        )


def _seed_training_budgets(seeder: _Seeder) -> None:
    """Zwolle's departments get about EUR 1,000 per employee per year, for this year and the next."""
    from django.db.models import Count

    from participants.models import DepartmentBudget

    departments = Department.objects.filter(organisation=seeder.organisations["zwolle"]).annotate(
        headcount=Count("people")
    )
    for department in departments:
        for year in (seeder.today.year, seeder.today.year + 1):
            DepartmentBudget.objects.get_or_create(
                department=department, year=year, defaults={"amount": 1000 * max(department.headcount, 1)}
            )


@transaction.atomic
def seed_demo(*, today: date | None = None) -> list[DemoLogin]:
    """Create (once) the demo organisations and people; return one demo login per role."""
    seeder = _Seeder(today or date.today())
    for slug, name, kind, _networks in ORGANISATIONS:
        seeder.organisation(slug, name, kind)
    for slug, _name, _kind, networks in ORGANISATIONS:
        organisation = seeder.organisations[slug]
        wanted = [seeder.organisations[network] for network in networks]
        if set(organisation.networks.all()) != set(wanted):
            organisation.networks.set(wanted)
        for department_name in DEPARTMENTS.get(slug, DEFAULT_DEPARTMENTS):
            seeder.department(slug, department_name)

    admin = seeder.person("beheer@groeipad.example", "Beheer", "Groeipad", None, is_staff=True, is_superuser=True)

    # Zwolle: the most detailed programme (young-staff track, group of 15, TMA with BLIK, internal coaches).
    hr_zwolle = seeder.person("hr@zwolle.example", "Hanna", "Hofstra", "zwolle", "HR", age=41, employed_years=12)
    seeder.role(hr_zwolle, Role.HR_ADVISER, "zwolle")
    managers = [
        seeder.person(
            f"leidinggevende{i + 1}@zwolle.example", first, last, "zwolle", department, age=48, employed_years=15
        )
        for i, ((first, last), department) in enumerate(
            [
                (("Marieke", "Oosterhuis"), "Ruimtelijke Ontwikkeling"),
                (("Gerard", "Lammers"), "Sociaal Domein"),
                (("Petra", "Zandstra"), "Publiekszaken"),
                (("Wouter", "Hendriks"), "Financiën"),
            ]
        )
    ]
    departments = ["Ruimtelijke Ontwikkeling", "Sociaal Domein", "Publiekszaken", "Financiën"]
    for index in range(20):
        first, last = _invented_name(index)
        seeder.person(
            f"medewerker{index + 1:02d}@zwolle.example",
            first,
            last,
            "zwolle",
            departments[index % 4],
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
    # The members of the running autumn group (Najaarsgroep): schedule, intervision, TMA sessions.
    for index in range(15):
        first, last = _invented_name(index + 30)
        seeder.person(
            f"deelnemer{index + 1:02d}@zwolle.example",
            first,
            last,
            "zwolle",
            departments[(index + 1) % 4],
            manager=managers[(index + 1) % 4],
            age=25 + index % 10,
            employed_years=1 + index % 5,
            education_level=[EducationLevel.HBO, EducationLevel.MBO_PLUS, EducationLevel.WO][index % 3],
        )
    coaches = []
    for index, (first, last, department) in enumerate(
        [
            ("Annemiek", "Visser", "Ruimtelijke Ontwikkeling"),
            ("Robert", "Huisman", "Sociaal Domein"),
            ("Ingrid", "Meijer", "Publiekszaken"),
            ("Frank", "Bosman", "Financiën"),
            ("Carla", "Dijkman", "Sociaal Domein"),
            ("Erik", "Wolters", "Ruimtelijke Ontwikkeling"),
        ]
    ):
        coach = seeder.person(
            f"coach{index + 1}@zwolle.example",
            first,
            last,
            "zwolle",
            department,
            manager=managers[index % 4],
            age=45 + index,
            employed_years=10 + index,
        )
        seeder.role(coach, Role.COACH)
        coaches.append(coach)
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
    for index in range(8):
        first, last = _invented_name(index + 5)
        seeder.person(
            f"trainee{index + 1}@vng.example",
            first,
            last,
            "vng",
            "Traineeprogramma",
            manager=vng_manager,
            age=25 + index % 4,
            employed_years=index % 2,
            employed_days=120,
            education_level=EducationLevel.WO,
        )
    # Democratic craftsmanship: municipalities apply; a contact person per municipality.
    hr_democracy = seeder.person("democratie@vng.example", "Saskia", "Vermeulen", "vng", "Democratie in Actie", age=44)
    seeder.role(hr_democracy, Role.HR_ADVISER, "vng")
    for slug in ["den-haag", "utrecht", "deventer"]:
        contact = seeder.person(
            f"hr@{slug}.example", "Contactpersoon", slug.replace("-", " ").title(), slug, "Bedrijfsvoering", age=45
        )
        seeder.role(contact, Role.HR_ADVISER, slug)

    # Talentenregio: trainee groups of 8-12 across member organisations; rotation (Dronten) or fixed (Heerde).
    hr_region = seeder.person(
        "programmateam@talentenregio.example", "Rianne", "Koopman", "talentenregio", "Programmateam", age=40
    )
    seeder.role(hr_region, Role.HR_ADVISER, "talentenregio")
    for index, slug in enumerate(["dronten", "heerde", "kampen", "hattem"]):
        contact = seeder.person(f"hr@{slug}.example", "Contactpersoon", slug.title(), slug, "Bedrijfsvoering", age=42)
        seeder.role(contact, Role.HR_ADVISER, slug)
        supervisor = seeder.person(f"begeleider@{slug}.example", "Begeleider", slug.title(), slug, "Ruimte", age=46)
        for trainee_index in range(3):
            first, last = _invented_name(index * 3 + trainee_index + 11)
            seeder.person(
                f"trainee{trainee_index + 1}@{slug}.example",
                first,
                last,
                slug,
                "Ruimte",
                manager=supervisor,
                age=25,
                employed_years=0,
                employed_days=60,
                education_level=EducationLevel.HBO,
            )

    # AV VIB: mbo/mbo+ staff of six municipalities swap jobs for three months.
    hr_av = seeder.person("po@av-regio.example", "Paul", "Verbeek", "av-regio", "P&O", age=50)
    seeder.role(hr_av, Role.HR_ADVISER, "av-regio")
    for index, slug in enumerate(
        ["gorinchem", "giessenlanden", "leerdam", "zederik", "molenwaard", "hardinxveld-giessendam"]
    ):
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

    seed_programmes(today=seeder.today)
    _seed_training_budgets(seeder)
    seed_sessions(today=seeder.today)
    seed_coaching(today=seeder.today)
    seed_placements(today=seeder.today)
    return [
        DemoLogin(Role.HR_ADVISER, hr_zwolle.email, "HR adviser, Gemeente Zwolle"),
        DemoLogin(Role.MANAGER, managers[0].email, "Manager, Ruimtelijke Ontwikkeling, Zwolle"),
        DemoLogin(Role.COACH, coaches[0].email, "Coach, Zwolle"),
        DemoLogin(Role.TRAINER, trainer.email, "External trainer"),
        DemoLogin(Role.CAREER_ADVISER, career_adviser.email, "Career adviser, BLIK Zwolle"),
        DemoLogin(Role.EMPLOYEE, "medewerker01@zwolle.example", "Young employee, Zwolle"),
        DemoLogin(Role.EMPLOYEE, "deelnemer01@zwolle.example", "Participant of the running Najaarsgroep, Zwolle"),
        DemoLogin(Role.PLATFORM_ADMIN, admin.email, "Platform admin"),
        DemoLogin(Role.HR_ADVISER, hr_region.email, "Programme team, Talentenregio"),
        DemoLogin(Role.HR_ADVISER, hr_av.email, "P&O, AV region (AV VIB)"),
        DemoLogin(Role.HR_ADVISER, hr_vng.email, "Coordinator, VNG traineeship"),
    ]
