"""`manage.py import_people`: the same check and import as the pages, from a file on disk.

It speaks the portal's language (settings.LANGUAGE_CODE, Dutch by default) in every line, whatever language is
active where it is called from: these tests call it with English active and read Dutch (issue 10).
"""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from accounts.models import Department, PeopleImport, User
from tests.accounts.test_people_import import csv_bytes, dutch_row
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

MANAGE_PY = Path(django_settings.BASE_DIR) / "manage.py"


@pytest.fixture(autouse=True)
def _english_active(settings):
    """English is active where the command is called from; the portal's language is Dutch."""
    settings.LANGUAGE_CODE = "nl"
    with translation.override("en"):
        yield


DUTCH_HEADER_WITH_PHONE = [
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
    "Telefoon",
]


def run_command(path, *args, **options) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_people", str(path), *args, stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def test_a_file_with_problems_lists_them_in_dutch_and_writes_nothing(tmp_path):
    OrganisationFactory(slug="almere", name="Gemeente Almere")
    path = tmp_path / "people.csv"
    path.write_bytes(
        csv_bytes(
            [
                dutch_row("anna@example.test", department="New department"),
                dutch_row("piet@example.test", born="31-02-1990", education="phd"),
                dutch_row("kees@example.test", manager="nobody@example.test", hours="61"),
                dutch_row("anna@example.test"),
                dutch_row("not-an-email"),
            ],
            header=DUTCH_HEADER_WITH_PHONE,
        )
    )
    counts = (User.objects.count(), Department.objects.count(), PeopleImport.objects.count())
    stdout, stderr = StringIO(), StringIO()

    with pytest.raises(CommandError) as refusal:
        call_command("import_people", str(path), organisation="almere", stdout=stdout, stderr=stderr)

    assert str(refusal.value) == "6 problemen; er is niets geïmporteerd."
    assert stdout.getvalue().splitlines() == ["Let op: De kolom “Telefoon” wordt niet gebruikt en genegeerd."]
    assert stderr.getvalue().splitlines() == [
        "Rij 3, Geboortedatum: “31-02-1990” in de kolom “Geboortedatum” is geen geldige datum; "
        "schrijf die als 31-12-2000.",
        "Rij 3, Opleidingsniveau: Onbekend opleidingsniveau “phd”; gebruik mbo, mbo+, hbo of wo.",
        "Rij 4, Contracturen: Contracturen moeten een getal van 0 tot 60 zijn, zoals 36 of 32,5.",
        "Rij 4, E-mail leidinggevende: Onbekende leidinggevende: er is niemand met dit e-mailadres in het bestand "
        "of bij Gemeente Almere.",
        "Rij 5, E-mail: Dit e-mailadres staat ook op rij 2; houd één rij per persoon over.",
        "Rij 6, E-mail: Dit is geen geldig e-mailadres.",
    ]
    assert (User.objects.count(), Department.objects.count(), PeopleImport.objects.count()) == counts


def test_a_problem_with_the_whole_file_is_one_dutch_line(tmp_path):
    OrganisationFactory(slug="almere")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([["Anna Jansen", "anna@example.test"]], header=["Naam", "Mail"]))

    with pytest.raises(CommandError) as refusal:
        stderr = StringIO()
        call_command("import_people", str(path), organisation="almere", stdout=StringIO(), stderr=stderr)

    assert str(refusal.value) == "1 probleem; er is niets geïmporteerd."
    assert stderr.getvalue().splitlines() == [
        "Rij 1: Het bestand heeft geen kolom met e-mailadressen; noem die bijvoorbeeld “E-mail”."
    ]


def test_a_clean_file_is_imported_with_dutch_progress_and_summary(tmp_path):
    organisation = OrganisationFactory(slug="almere")
    UserFactory(email="known@example.test", organisation=organisation)
    path = tmp_path / "people.csv"
    rows = [dutch_row("known@example.test", last="Known")] + [dutch_row(f"p{n}@example.test") for n in range(1200)]
    path.write_bytes(csv_bytes(rows))

    stdout, stderr = run_command(path, organisation="almere")

    assert stdout.splitlines() == [
        "1201 personen: 1200 nieuw, 1 bij te werken, 1 nieuwe afdeling.",
        "1000 van 1201 personen verwerkt",
        "1200 van 1201 personen verwerkt",
        "1201 van 1201 personen verwerkt",
        "Geïmporteerd: 1200 toegevoegd, 1 bijgewerkt.",
    ]
    assert stderr == ""
    assert User.objects.filter(organisation=organisation).count() == 1201
    assert User.objects.get(email="known@example.test").last_name == "Known"
    people_import = PeopleImport.objects.get()
    assert (people_import.status, people_import.content, people_import.uploaded_by) == ("completed", "", None)


def test_a_dry_run_checks_and_writes_nothing(tmp_path):
    OrganisationFactory(slug="almere")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([dutch_row("anna@example.test")]))
    users = User.objects.count()

    stdout, _stderr = run_command(path, "--dry-run", organisation="almere")

    assert stdout.splitlines() == [
        "1 persoon: 1 nieuw, 0 bij te werken, 1 nieuwe afdeling.",
        "Proefrun: er is niets geïmporteerd.",
    ]
    assert (User.objects.count(), PeopleImport.objects.count()) == (users, 0)


def test_the_command_speaks_english_in_an_english_portal(tmp_path, settings):
    settings.LANGUAGE_CODE = "en"
    OrganisationFactory(slug="almere")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([dutch_row("anna@example.test"), dutch_row("piet@example.test", department="ICT")]))

    with translation.override("nl"):
        stdout, _stderr = run_command(path, "--dry-run", organisation="almere")

    assert stdout.splitlines() == [
        "2 people: 2 new, 0 to update, 2 new departments.",
        "Dry run: nothing was imported.",
    ]


def test_inviting_from_the_command_sends_an_invitation_to_the_new_people(tmp_path, django_capture_on_commit_callbacks):
    OrganisationFactory(slug="almere")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([dutch_row("anna@example.test")]))

    with django_capture_on_commit_callbacks(execute=True):
        run_command(path, "--invite", organisation="almere")

    assert [message.to for message in mail.outbox] == [["anna@example.test"]]
    assert User.objects.get(email="anna@example.test").invitations.get().status == "sent"


def test_an_unknown_organisation_or_file_or_a_binary_file_is_a_dutch_error(tmp_path):
    OrganisationFactory(slug="almere")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"Naam;E-mail\r\n" + bytes(range(1, 256)) * 100)

    with pytest.raises(CommandError) as unknown_organisation:
        run_command(tmp_path / "people.csv", organisation="nowhere")
    with pytest.raises(CommandError) as missing:
        run_command(tmp_path / "missing.csv", organisation="almere")
    with pytest.raises(CommandError) as directory:
        run_command(tmp_path, organisation="almere")
    with pytest.raises(CommandError) as not_text:
        run_command(binary, organisation="almere")

    assert str(unknown_organisation.value) == "Er is geen organisatie met de korte naam “nowhere”."
    assert str(missing.value) == f"Het bestand {tmp_path / 'missing.csv'} bestaat niet."
    assert str(directory.value) == f"Het bestand {tmp_path} kan niet worden gelezen."
    assert str(not_text.value) == (
        "Dit is geen CSV-tekstbestand: regel 2 bevat een teken dat nooit in tekst voorkomt. Exporteer de lijst uit "
        "het HR-systeem als “CSV UTF-8” en upload dat bestand."
    )
    assert PeopleImport.objects.count() == 0


# From a shell: what a person at the terminal reads, start to end.


def _manage(*args: str) -> subprocess.CompletedProcess:
    """manage.py in a new process on the test database (the data must be committed: transactional tests)."""
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, str(MANAGE_PY), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_from_a_shell_every_line_is_dutch(tmp_path):
    OrganisationFactory(slug="almere", name="Gemeente Almere")
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes([dutch_row("anna@example.test")]))
    bad.write_bytes(csv_bytes([dutch_row("anna@example.test", born="31-02-1990")]))

    dry_run = _manage("import_people", str(good), "--organisation", "almere", "--dry-run", "--no-color")
    refused = _manage("import_people", str(bad), "--organisation", "almere", "--no-color")
    unknown = _manage("import_people", str(good), "--organisation", "nowhere", "--no-color")

    assert (dry_run.returncode, dry_run.stderr) == (0, "")
    assert dry_run.stdout.splitlines() == [
        "1 persoon: 1 nieuw, 0 bij te werken, 1 nieuwe afdeling.",
        "Proefrun: er is niets geïmporteerd.",
    ]
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr.splitlines() == [
        "Rij 2, Geboortedatum: “31-02-1990” in de kolom “Geboortedatum” is geen geldige datum; "
        "schrijf die als 31-12-2000.",
        "1 probleem; er is niets geïmporteerd.",
    ]
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert unknown.stderr.splitlines() == ["Er is geen organisatie met de korte naam “nowhere”."]
    assert User.objects.filter(email="anna@example.test").count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_help_describes_the_command_and_its_arguments_in_dutch():
    result = _manage("import_people", "--help")

    assert result.returncode == 0
    help_text = " ".join(result.stdout.split())
    assert (
        "Importeer personen uit een CSV-bestand in een organisatie. Eerst wordt elke rij gecontroleerd; heeft een "
        "rij een probleem, dan worden de problemen opgesomd en wordt er niets geïmporteerd." in help_text
    )
    for line in (
        "file Het CSV-bestand zoals het uit het HR-systeem is geëxporteerd.",
        "--organisation ORGANISATION De korte naam (slug) van de organisatie.",
        "--dry-run Controleer alleen het bestand; importeer niets.",
        "--invite Stuur de nieuwe personen een uitnodiging per e-mail.",
    ):
        assert line in help_text
