"""People import: the check of every row, the one-transaction import, and its pages."""

from datetime import date
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Department, Invitation, PeopleImport, User
from accounts.people_import import (
    Problem,
    people_csv_validate,
    people_import_confirm,
    people_import_progress_store,
    people_import_queue,
    people_import_run,
    people_import_upload,
    people_import_validate,
)
from tests.factories import DepartmentFactory, OrganisationFactory, UserFactory, hr_adviser

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are compared in English, the language of the message ids."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


DUTCH_HEADER = [
    "Voornaam",
    "Tussenvoegsel",
    "Achternaam",
    "E-mail",
    "Geboortedatum",
    "Datum in dienst",
    "Afdeling",
    "E-mail leidinggevende",
    "Opleidingsniveau",
    "Introductie afgerond",
    "Contracturen",
]


def dutch_row(
    email: str,
    *,
    first: str = "Anna",
    infix: str = "",
    last: str = "Jansen",
    born: str = "15-06-1995",
    start: str = "01-09-2024",
    department: str = "Finance",
    manager: str = "",
    education: str = "hbo",
    introduction: str = "",
    hours: str = "36",
) -> list[str]:
    return [first, infix, last, email, born, start, department, manager, education, introduction, hours]


def csv_bytes(rows: list[list[str]], *, header: list[str] = DUTCH_HEADER, delimiter: str = ";", encoding="utf-8"):
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def import_file(organisation, raw_bytes: bytes, *, send_invitations: bool = False) -> PeopleImport:
    """Upload, queue and run an import as the background task does."""
    people_import = people_import_upload(
        organisation=organisation, uploaded_by=None, file_name="people.csv", raw_bytes=raw_bytes
    )
    people_import_queue(people_import=people_import)
    people_import_run(import_id=people_import.pk, send_invitations=send_invitations)
    people_import.refresh_from_db()
    return people_import


def problems_of(organisation, raw_bytes: bytes) -> list[Problem]:
    return people_csv_validate(organisation=organisation, text=raw_bytes.decode("utf-8-sig")).problems


# The file and its rows


def test_a_clean_file_imports_every_field():
    organisation = OrganisationFactory()
    finance = DepartmentFactory(organisation=organisation, name="Finance")
    raw = csv_bytes(
        [
            dutch_row(
                "Pieter.vanderBerg@Example.test",
                first="Pieter",
                infix="van der",
                last="Berg",
                born="15-06-1995",
                start="2024-09-01",
                department="finance",
                manager="m.bakker@example.test",
                education="HBO",
                introduction="1.12.2024",
                hours="32,5",
            ),
            dutch_row(
                "m.bakker@example.test",
                first="Mira",
                last="Bakker",
                born="3/4/1980",
                start="01-01-2010",
                department="Sociaal  Domein",
                education="mbo plus",
                hours="36",
            ),
        ]
    )

    people_import = import_file(organisation, raw)

    assert (people_import.status, people_import.created_count, people_import.updated_count) == ("completed", 2, 0)
    assert (people_import.total_rows, people_import.content, people_import.error_message) == (2, "", "")
    assert people_import.completed_at is not None
    pieter = User.objects.get(email="pieter.vanderberg@example.test")
    mira = User.objects.get(email="m.bakker@example.test")
    assert (pieter.first_name, pieter.last_name) == ("Pieter", "van der Berg")
    assert pieter.organisation == organisation
    assert pieter.department == finance
    assert pieter.manager == mira
    assert pieter.date_of_birth == date(1995, 6, 15)
    assert pieter.employment_start_date == date(2024, 9, 1)
    assert pieter.education_level == "hbo"
    assert pieter.introduction_completed_on == date(2024, 12, 1)
    assert pieter.contract_hours == Decimal("32.5")
    assert not pieter.has_usable_password()
    assert (mira.first_name, mira.last_name, mira.manager) == ("Mira", "Bakker", None)
    assert mira.department.name == "Sociaal Domein"
    assert mira.date_of_birth == date(1980, 4, 3)
    assert mira.education_level == "mbo+"
    assert mira.introduction_completed_on is None
    assert mira.contract_hours == Decimal("36.0")
    assert sorted(Department.objects.filter(organisation=organisation).values_list("name", flat=True)) == [
        "Finance",
        "Sociaal Domein",
    ]
    assert set(EmailAddress.objects.filter(user__in=[pieter, mira]).values_list("email", "verified", "primary")) == {
        ("pieter.vanderberg@example.test", True, True),
        ("m.bakker@example.test", True, True),
    }
    assert Invitation.objects.count() == 0


def test_english_column_names_with_a_full_name_column():
    organisation = OrganisationFactory()
    raw = csv_bytes(
        [["Anna Maria de Vries", "anna@example.test", "1995-06-15", "Finance", "", "WO"]],
        header=["Full name", "Email address", "Birth date", "Department", "Manager email", "Education"],
        delimiter=",",
    )

    people_import = import_file(organisation, raw)

    assert people_import.status == "completed"
    anna = User.objects.get(email="anna@example.test")
    assert (anna.first_name, anna.last_name, anna.date_of_birth) == ("Anna", "Maria de Vries", date(1995, 6, 15))
    assert (anna.department.name, anna.education_level, anna.employment_start_date) == ("Finance", "wo", None)


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8"), (",", "utf-8"), ("\t", "utf-8"), (";", "utf-8-sig"), (";", "cp1252")],
)
def test_separators_byte_order_mark_and_windows_encoding_are_understood(delimiter, encoding):
    organisation = OrganisationFactory()
    raw = csv_bytes(
        [dutch_row("rene@example.test", first="René", last="Müller")], delimiter=delimiter, encoding=encoding
    )

    people_import = import_file(organisation, raw)

    assert people_import.status == "completed"
    rene = User.objects.get(email="rene@example.test")
    assert (rene.first_name, rene.last_name, rene.department.name) == ("René", "Müller", "Finance")


def test_column_names_are_normalised():
    organisation = OrganisationFactory()
    raw = csv_bytes([["Anna", "Jansen", "anna@example.test"]], header=[" ROEPNAAM ", "last_name:", "E_Mail"])

    result = people_csv_validate(organisation=organisation, text=raw.decode())

    assert (result.problems, result.notices) == ([], [])
    assert result.columns == {"first_name", "last_name", "email"}
    assert (result.rows[0].first_name, result.rows[0].last_name) == ("Anna", "Jansen")


def expected_age_of_1900() -> int:
    return timezone.localdate().year - 1900


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        ({"email": "not-an-email"}, "E-mail", "This is not a valid e-mail address."),
        ({"email": ""}, "E-mail", "The e-mail address is missing."),
        (
            {"email": "FIRST@example.test"},
            "E-mail",
            "This e-mail address is also on row 2; keep one row per person.",
        ),
        ({"first": "", "last": ""}, "Achternaam", "The name is missing."),
        (
            {"born": "31-02-1990"},
            "Geboortedatum",
            "“31-02-1990” in the column “Geboortedatum” is not a valid date; write it as 31-12-2000.",
        ),
        (
            {"start": "June 2024"},
            "Datum in dienst",
            "“June 2024” in the column “Datum in dienst” is not a valid date; write it as 31-12-2000.",
        ),
        (
            {"born": "01-01-1900"},
            "Geboortedatum",
            f"This date of birth gives an age of {expected_age_of_1900()}; it must be between 15 and 100.",
        ),
        ({"education": "phd"}, "Opleidingsniveau", "Unknown education level “phd”; use mbo, mbo+, hbo or wo."),
        (
            {"manager": "nobody@example.test"},
            "E-mail leidinggevende",
            "Unknown manager: no person with this e-mail address in the file or in Gemeente Almere.",
        ),
        ({"manager": "second@example.test"}, "E-mail leidinggevende", "A person cannot be their own manager."),
        ({"department": "D" * 201}, "Afdeling", "This is longer than 200 characters."),
        ({"last": "L" * 151}, "Achternaam", "This is longer than 150 characters."),
        ({"hours": "61"}, "Contracturen", "Contract hours must be a number from 0 to 60, such as 36 or 32,5."),
        ({"hours": "full time"}, "Contracturen", "Contract hours must be a number from 0 to 60, such as 36 or 32,5."),
    ],
)
def test_each_problem_is_reported_on_its_row_and_column(overrides, column, message):
    organisation = OrganisationFactory(name="Gemeente Almere")
    values = {"email": "second@example.test", **overrides}
    raw = csv_bytes([dutch_row("first@example.test"), dutch_row(values.pop("email"), **values)])

    assert problems_of(organisation, raw) == [Problem(row=3, column=column, message=message)]


def test_row_numbers_count_empty_lines_as_a_spreadsheet_does():
    organisation = OrganisationFactory()
    raw = b"Naam;E-mail\r\nAnna Jansen;anna@example.test\r\n;\r\n\r\nPiet Bos;not-an-email\r\n"

    result = people_csv_validate(organisation=organisation, text=raw.decode())

    assert len(result.rows) == 2
    assert result.problems == [Problem(row=5, column="E-mail", message="This is not a valid e-mail address.")]


def test_an_e_mail_address_of_another_organisation_is_a_problem():
    organisation = OrganisationFactory()
    UserFactory(email="taken@example.test", organisation=OrganisationFactory())
    raw = csv_bytes([dutch_row("Taken@Example.test")])

    assert problems_of(organisation, raw) == [
        Problem(row=2, column="E-mail", message="This e-mail address belongs to a person of another organisation.")
    ]


def test_a_manager_already_in_the_organisation_is_known():
    organisation = OrganisationFactory()
    manager = UserFactory(email="boss@example.test", organisation=organisation)
    raw = csv_bytes([dutch_row("anna@example.test", manager="BOSS@example.test")])

    import_file(organisation, raw)

    assert User.objects.get(email="anna@example.test").manager == manager


def test_a_manager_listed_later_in_the_file_than_their_report():
    organisation = OrganisationFactory()
    raw = csv_bytes(
        [
            dutch_row("report@example.test", manager="middle@example.test"),
            dutch_row("middle@example.test", manager="top@example.test"),
            dutch_row("top@example.test"),
        ]
    )

    import_file(organisation, raw)

    people = {person.email: person for person in User.objects.filter(organisation=organisation)}
    assert people["report@example.test"].manager == people["middle@example.test"]
    assert people["middle@example.test"].manager == people["top@example.test"]
    assert people["top@example.test"].manager is None


@pytest.mark.parametrize(
    ("header", "rows", "problems", "notices"),
    [
        (
            ["Naam", "Telefoon"],
            [["Anna Jansen", "0612345678"]],
            [Problem(1, "", "The file has no column with e-mail addresses; name it, for example, “E-mail”.")],
            ["The column “Telefoon” is not used and will be ignored."],
        ),
        (
            ["Voornaam", "E-mail"],
            [["Anna", "anna@example.test"]],
            [Problem(1, "", "The file has no column with names; add a column “Achternaam” or “Naam”.")],
            [],
        ),
        (
            ["Voornaam", "Roepnaam", "Achternaam", "E-mail"],
            [["Anna", "Ans", "Jansen", "anna@example.test"]],
            [
                Problem(
                    1, "Roepnaam", "The columns “Voornaam” and “Roepnaam” both hold the first name; keep one of them."
                )
            ],
            [],
        ),
        (["Naam", "E-mail"], [], [Problem(None, "", "The file contains no people.")], []),
        (
            ["Naam", "E-mail", "Afdeling"],
            [["Anna Jansen", "anna@example.test", "Finance"], ["Piet Bos", "piet@example.test", "Finance"]] * 2,
            [Problem(None, "", "The file has more than 3 rows; split it into smaller files.")],
            [],
        ),
    ],
)
def test_problems_with_the_whole_file(settings, header, rows, problems, notices):
    settings.PEOPLE_IMPORT_MAX_ROWS = 3
    organisation = OrganisationFactory()

    result = people_csv_validate(organisation=organisation, text=csv_bytes(rows, header=header).decode())

    assert (result.problems, result.notices, result.rows) == (problems, notices, [])


def test_a_file_that_is_not_csv_is_a_problem_with_the_whole_file():
    organisation = OrganisationFactory()
    text = "Naam;E-mail\r\nAnna Jansen;anna@example.test\r\n" + "x" * 200_000 + "\r\n"

    result = people_csv_validate(organisation=organisation, text=text)

    assert (result.rows, result.problems) == ([], [Problem(None, "", "The file cannot be read as CSV at line 3.")])


def test_unknown_columns_are_a_notice_not_a_problem():
    organisation = OrganisationFactory()
    raw = csv_bytes([["Anna Jansen", "anna@example.test", "0612345678"]], header=["Naam", "E-mail", "Telefoon"])

    result = people_csv_validate(organisation=organisation, text=raw.decode())

    assert result.problems == []
    assert result.notices == ["The column “Telefoon” is not used and will be ignored."]
    assert (result.create_count, result.update_count) == (1, 0)


def test_the_preview_counts_new_and_updated_people_and_new_departments():
    organisation = OrganisationFactory()
    DepartmentFactory(organisation=organisation, name="Finance")
    UserFactory(email="known@example.test", organisation=organisation)
    raw = csv_bytes(
        [
            dutch_row("known@example.test", department="FINANCE"),
            dutch_row("new@example.test", department="ICT"),
            dutch_row("other@example.test", department="ict"),
        ]
    )

    result = people_csv_validate(organisation=organisation, text=raw.decode())

    assert (result.create_count, result.update_count, result.new_departments) == (2, 1, ["ICT"])


def test_a_person_on_two_rows_is_a_problem_and_counted_once():
    # Issue 10: the summary counted a person who is on two rows as two new people.
    organisation = OrganisationFactory()
    UserFactory(email="known@example.test", organisation=organisation)
    raw = csv_bytes(
        [
            dutch_row("anna@example.test"),
            dutch_row("known@example.test"),
            dutch_row("Anna@Example.test", department="ICT"),
            dutch_row("known@example.test"),
            dutch_row("piet@example.test"),
        ]
    )

    result = people_csv_validate(organisation=organisation, text=raw.decode())

    assert (len(result.rows), result.person_count, result.create_count, result.update_count) == (5, 3, 2, 1)
    assert result.problems == [
        Problem(4, "E-mail", "This e-mail address is also on row 2; keep one row per person."),
        Problem(5, "E-mail", "This e-mail address is also on row 3; keep one row per person."),
    ]


def test_people_of_another_organisation_or_without_an_address_are_neither_new_nor_updated():
    organisation = OrganisationFactory()
    UserFactory(email="elsewhere@example.test", organisation=OrganisationFactory())
    raw = csv_bytes([dutch_row("anna@example.test"), dutch_row("elsewhere@example.test"), dutch_row("")])

    result = people_csv_validate(organisation=organisation, text=raw.decode())

    assert (result.person_count, result.create_count, result.update_count) == (2, 1, 0)
    assert [problem.message for problem in result.problems] == [
        "This e-mail address belongs to a person of another organisation.",
        "The e-mail address is missing.",
    ]


# Writing


def test_a_file_with_problems_writes_nothing_and_cannot_be_confirmed():
    organisation = OrganisationFactory()
    adviser = hr_adviser(organisation)
    users, departments = User.objects.count(), Department.objects.count()
    raw = csv_bytes([dutch_row("anna@example.test", department="New"), dutch_row("piet@example.test", born="x")])

    people_import = people_import_upload(
        organisation=organisation, uploaded_by=adviser, file_name="people.csv", raw_bytes=raw
    )
    with pytest.raises(ValidationError) as refusal:
        people_import_confirm(people_import=people_import, confirmed_by=adviser, send_invitations=True)

    assert refusal.value.messages == ["The file has problems. Fix these rows in your file and upload it again."]
    people_import.refresh_from_db()
    assert (people_import.status, people_import.total_rows, people_import.problem_count) == ("preview", 2, 1)
    assert (User.objects.count(), Department.objects.count(), Invitation.objects.count()) == (users, departments, 0)


def test_reimporting_the_same_file_updates_and_never_duplicates():
    organisation = OrganisationFactory()
    existing = UserFactory(email="Piet.Bos@Example.test", organisation=organisation, first_name="P.")
    rows = [
        dutch_row("anna@example.test", manager="piet.bos@example.test"),
        dutch_row("piet.bos@example.test", first="Piet", last="Bos", department="Finance"),
    ]
    first = import_file(organisation, csv_bytes(rows))
    users, addresses = User.objects.count(), EmailAddress.objects.count()

    rows[0] = dutch_row("anna@example.test", department="ICT", hours="", education="")
    second = import_file(organisation, csv_bytes(rows))

    assert (first.created_count, first.updated_count) == (1, 1)
    assert (second.created_count, second.updated_count) == (0, 2)
    assert (User.objects.count(), EmailAddress.objects.count()) == (users, addresses)
    anna = User.objects.get(email="anna@example.test")
    assert (anna.department.name, anna.manager, anna.contract_hours, anna.education_level) == ("ICT", None, None, "")
    existing.refresh_from_db()
    assert (existing.email, existing.first_name, existing.last_name) == ("Piet.Bos@Example.test", "Piet", "Bos")
    assert Department.objects.filter(organisation=organisation, name__iexact="finance").count() == 1


def test_columns_absent_from_the_file_are_left_as_they_are():
    organisation = OrganisationFactory()
    person = UserFactory(email="anna@example.test", organisation=organisation, contract_hours=Decimal("24.0"))
    department = person.department

    import_file(organisation, csv_bytes([["Anna Jansen", "anna@example.test"]], header=["Naam", "E-mail"]))

    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Anna", "Jansen")
    assert (person.department, person.contract_hours, person.date_of_birth) == (department, 24, date(1995, 6, 15))


def test_running_an_import_twice_creates_nothing_the_second_time():
    organisation = OrganisationFactory()
    people_import = import_file(organisation, csv_bytes([dutch_row("anna@example.test")]))
    users = User.objects.count()

    again = people_import_run(import_id=people_import.pk, send_invitations=True)

    assert again is None
    assert (User.objects.count(), Invitation.objects.count()) == (users, 0)
    people_import.refresh_from_db()
    assert (people_import.status, people_import.created_count) == ("completed", 1)


def test_the_run_fails_and_writes_nothing_when_problems_appeared_meanwhile():
    organisation = OrganisationFactory()
    people_import = people_import_upload(
        organisation=organisation,
        uploaded_by=None,
        file_name="people.csv",
        raw_bytes=csv_bytes([dutch_row("anna@example.test"), dutch_row("piet@example.test", department="Legal")]),
    )
    people_import_queue(people_import=people_import)
    UserFactory(email="piet@example.test", organisation=OrganisationFactory())
    users, departments = User.objects.count(), Department.objects.count()

    result = people_import_run(import_id=people_import.pk)

    assert result.status == "failed"
    assert result.error_message == (
        "The file no longer passes the checks (1 problem), for example because people changed in the meantime. "
        "Nothing was imported; upload the file again to see the problem."
    )
    assert (result.content, result.created_count) == ("", 0)
    assert (User.objects.count(), Department.objects.count()) == (users, departments)


def test_progress_is_reported_per_batch():
    organisation = OrganisationFactory()
    known = [UserFactory(email=f"known{number}@example.test", organisation=organisation) for number in range(2)]
    rows = [dutch_row(person.email) for person in known] + [dutch_row(f"new{n}@example.test") for n in range(1500)]
    people_import = people_import_upload(
        organisation=organisation, uploaded_by=None, file_name="people.csv", raw_bytes=csv_bytes(rows)
    )
    people_import_queue(people_import=people_import)
    reports = []

    people_import_run(import_id=people_import.pk, progress=lambda processed, total: reports.append((processed, total)))

    assert reports == [(1000, 1502), (1500, 1502), (1502, 1502)]


def test_a_new_upload_discards_the_same_persons_earlier_preview():
    organisation = OrganisationFactory()
    adviser = hr_adviser(organisation)
    raw = csv_bytes([dutch_row("anna@example.test")])
    earlier = people_import_upload(organisation=organisation, uploaded_by=adviser, file_name="a.csv", raw_bytes=raw)
    colleague = people_import_upload(
        organisation=organisation, uploaded_by=hr_adviser(organisation), file_name="b.csv", raw_bytes=raw
    )

    people_import_upload(organisation=organisation, uploaded_by=adviser, file_name="c.csv", raw_bytes=raw)

    earlier.refresh_from_db()
    colleague.refresh_from_db()
    assert (earlier.status, earlier.content) == ("discarded", "")
    assert colleague.status == "preview"


def test_5000_rows_with_two_bad_rows_show_exactly_those_problems_and_import_after_fixing(
    django_assert_max_num_queries,
):
    organisation = OrganisationFactory(name="Gemeente Almere")
    boss = UserFactory(email="boss@example.test", organisation=organisation)
    users, departments = User.objects.count(), Department.objects.count()

    def rows(*, bad: bool) -> list[list[str]]:
        result = []
        for number in range(5000):
            # Every tenth person is managed by the next person in the file (a manager on a later row).
            manager = f"person{number + 1}@example.test" if number % 10 == 0 else "boss@example.test"
            result.append(
                dutch_row(
                    f"person{number}@example.test",
                    first=f"First{number}",
                    last=f"Last{number}",
                    department=f"Department {number % 20}",
                    manager=manager,
                    born="31-02-1990" if bad and number == 999 else "15-06-1995",
                )
            )
        if bad:
            result[3999][7] = "nobody@example.test"
        return result

    people_import = people_import_upload(
        organisation=organisation, uploaded_by=None, file_name="all.csv", raw_bytes=csv_bytes(rows(bad=True))
    )
    with django_assert_max_num_queries(10):
        result = people_import_validate(people_import=people_import)

    assert result.problems == [
        Problem(
            1001,
            "Geboortedatum",
            "“31-02-1990” in the column “Geboortedatum” is not a valid date; write it as 31-12-2000.",
        ),
        Problem(
            4001,
            "E-mail leidinggevende",
            "Unknown manager: no person with this e-mail address in the file or in Gemeente Almere.",
        ),
    ]
    assert (User.objects.count(), Department.objects.count()) == (users, departments)

    fixed = people_import_upload(
        organisation=organisation, uploaded_by=None, file_name="all.csv", raw_bytes=csv_bytes(rows(bad=False))
    )
    people_import_queue(people_import=fixed)
    with django_assert_max_num_queries(60):
        people_import_run(import_id=fixed.pk)

    fixed.refresh_from_db()
    assert (fixed.status, fixed.created_count, fixed.updated_count) == ("completed", 5000, 0)
    assert User.objects.count() == users + 5000
    assert Department.objects.filter(organisation=organisation, name__startswith="Department ").count() == 20
    assert User.objects.filter(manager=boss).count() == 4500
    assert User.objects.get(email="person10@example.test").manager.email == "person11@example.test"
    assert EmailAddress.objects.filter(email__startswith="person", verified=True).count() == 5000


# Pages


def upload(client, raw: bytes, name: str = "people.csv"):
    return client.post(reverse("accounts:import_upload"), {"file": SimpleUploadedFile(name, raw, "text/csv")})


def test_upload_shows_a_preview_with_every_problem_and_no_confirm_button(client):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))

    response = upload(client, csv_bytes([dutch_row("anna@example.test", born="32-01-1990"), dutch_row("x")]))

    people_import = PeopleImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:import_detail", args=[people_import.pk])
    page = client.get(response["Location"]).content.decode()
    assert "“32-01-1990” in the column “Geboortedatum” is not a valid date" in page
    assert "This is not a valid e-mail address." in page
    assert "Fix these rows in your file and upload it again." in page
    assert reverse("accounts:import_confirm", args=[people_import.pk]) not in page
    assert User.objects.filter(email="anna@example.test").count() == 0


def test_the_preview_summary_counts_a_person_on_two_rows_once(client):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))

    response = upload(
        client,
        csv_bytes([dutch_row("anna@example.test"), dutch_row("piet@example.test"), dutch_row("anna@example.test")]),
    )

    page = client.get(response["Location"]).content.decode()
    assert '<dt class="col-sm-3">People in the file</dt><dd class="col-sm-9">2 (on 3 rows)</dd>' in page
    assert '<dt class="col-sm-3">New people</dt><dd class="col-sm-9">2</dd>' in page
    assert "This e-mail address is also on row 2; keep one row per person." in page
    assert reverse("accounts:import_confirm", args=[PeopleImport.objects.get().pk]) not in page


def test_the_upload_page_explains_the_columns(client):
    client.force_login(hr_adviser())

    page = client.get(reverse("accounts:import_upload")).content.decode()

    assert "semicolons (;) or commas (,)" in page
    assert "Geboortedatum, Date of birth, Birth date" in page


@pytest.mark.parametrize(
    ("name", "raw", "error"),
    [
        ("people.xlsx", b"Naam;E-mail\n", "Choose a CSV file (a file name ending in .csv)."),
        ("people.csv", b"", "The submitted file is empty."),
        ("people.csv", b"x" * (10 * 1024 * 1024 + 1), "The file is larger than 10 MB; split it into smaller files."),
    ],
)
def test_upload_refuses_other_files_with_a_form_error(client, name, raw, error):
    client.force_login(hr_adviser())

    response = upload(client, raw, name)

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [error]}
    assert PeopleImport.objects.count() == 0


def test_an_hr_adviser_of_several_organisations_chooses_one(client):
    first, second = OrganisationFactory(name="Gemeente A"), OrganisationFactory(name="Gemeente B")
    adviser = hr_adviser(first)
    adviser.role_assignments.create(role="hr_adviser", organisation=second)
    client.force_login(adviser)

    response = client.post(
        reverse("accounts:import_upload"),
        {"organisation": second.pk, "file": SimpleUploadedFile("p.csv", csv_bytes([dutch_row("anna@example.test")]))},
    )

    assert response.status_code == 302
    assert PeopleImport.objects.get().organisation == second


def test_confirming_in_the_page_imports_and_invites_only_the_new_people(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    adviser = hr_adviser(organisation)
    UserFactory(email="known@example.test", organisation=organisation)
    client.force_login(adviser)
    upload(
        client, csv_bytes([dutch_row(email) for email in ("known@example.test", "a@example.test", "b@example.test")])
    )
    people_import = PeopleImport.objects.get()
    page = client.get(reverse("accounts:import_detail", args=[people_import.pk])).content.decode()
    assert reverse("accounts:import_confirm", args=[people_import.pk]) in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:import_confirm", args=[people_import.pk]), {"send_invitations": "on"})

    assert response.status_code == 302
    people_import.refresh_from_db()
    assert (people_import.status, people_import.created_count, people_import.updated_count) == ("completed", 2, 1)
    invitations = Invitation.objects.select_related("user")
    assert sorted((i.user.email, i.invited_by, i.status) for i in invitations) == [
        ("a@example.test", adviser, "sent"),
        ("b@example.test", adviser, "sent"),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.test", "b@example.test"]
    page = client.get(reverse("accounts:import_detail", args=[people_import.pk])).content.decode()
    assert "The import has started." in page
    assert reverse("accounts:people") in page


def test_confirming_without_invitations_sends_nothing(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))
    upload(client, csv_bytes([dutch_row("a@example.test")]))
    people_import = PeopleImport.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:import_confirm", args=[people_import.pk]))

    assert User.objects.filter(email="a@example.test").exists()
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


def test_confirming_a_file_with_problems_in_the_page_is_refused(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))
    upload(client, csv_bytes([dutch_row("a@example.test", hours="99")]))
    people_import = PeopleImport.objects.get()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("accounts:import_confirm", args=[people_import.pk]), follow=True)

    assert "The file has problems." in response.content.decode()
    assert callbacks == []
    people_import.refresh_from_db()
    assert people_import.status == "preview"
    assert not User.objects.filter(email="a@example.test").exists()


def test_a_queued_import_shows_its_progress(client):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))
    upload(client, csv_bytes([dutch_row("a@example.test"), dutch_row("b@example.test")]))
    people_import = people_import_queue(people_import=PeopleImport.objects.get())
    progress_url = reverse("accounts:import_progress", args=[people_import.pk])

    page = client.get(reverse("accounts:import_detail", args=[people_import.pk])).content.decode()
    waiting = client.get(progress_url).json()
    people_import_progress_store(import_id=people_import.pk, processed=1, total=2)
    running = client.get(progress_url).json()

    assert '<progress class="w-100" value="0" max="2" aria-label="Import progress">' in page
    assert f'data-import-progress-url="{progress_url}"' in page
    assert "js/import-progress.js" in page
    assert waiting == {"status": "queued", "processed": 0, "total": 2}
    assert running == {"status": "running", "processed": 1, "total": 2}


def test_the_progress_endpoint_answers_json(client):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))
    people_import = import_file(organisation, csv_bytes([dutch_row("a@example.test"), dutch_row("b@example.test")]))

    response = client.get(reverse("accounts:import_progress", args=[people_import.pk]))

    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "completed", "processed": 2, "total": 2}


def test_discarding_removes_the_file_content(client):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))
    upload(client, csv_bytes([dutch_row("a@example.test")]))
    people_import = PeopleImport.objects.get()

    response = client.post(reverse("accounts:import_discard", args=[people_import.pk]))

    assert response.status_code == 302
    people_import.refresh_from_db()
    assert (people_import.status, people_import.content) == ("discarded", "")
    assert not User.objects.filter(email="a@example.test").exists()


def test_confirm_and_discard_accept_only_post(client):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))
    upload(client, csv_bytes([dutch_row("a@example.test")]))
    people_import = PeopleImport.objects.get()

    confirm = client.get(reverse("accounts:import_confirm", args=[people_import.pk]))
    discard = client.get(reverse("accounts:import_discard", args=[people_import.pk]))

    assert (confirm.status_code, discard.status_code) == (405, 405)
    people_import.refresh_from_db()
    assert people_import.status == "preview"


def test_an_hr_adviser_of_another_organisation_gets_404(client):
    organisation = OrganisationFactory()
    people_import = people_import_upload(
        organisation=organisation,
        uploaded_by=hr_adviser(organisation),
        file_name="people.csv",
        raw_bytes=csv_bytes([dutch_row("a@example.test")]),
    )
    client.force_login(hr_adviser(OrganisationFactory()))

    responses = [
        client.get(reverse("accounts:import_detail", args=[people_import.pk])),
        client.post(reverse("accounts:import_confirm", args=[people_import.pk])),
        client.post(reverse("accounts:import_discard", args=[people_import.pk])),
        client.get(reverse("accounts:import_progress", args=[people_import.pk])),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    people_import.refresh_from_db()
    assert people_import.status == "preview"
    assert not User.objects.filter(email="a@example.test").exists()


def test_an_employee_without_the_hr_role_gets_404(client):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:import_upload"))

    assert response.status_code == 404
