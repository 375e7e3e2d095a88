"""`manage.py import_people`: the same check and import as the pages, from a file on disk."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from accounts.models import Department, PeopleImport, User
from tests.accounts.test_people_import import csv_bytes, dutch_row
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def run_command(path, *args, **options) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_people", str(path), *args, stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def test_a_file_with_problems_lists_them_and_writes_nothing(tmp_path):
    OrganisationFactory(slug="almere", name="Gemeente Almere")
    path = tmp_path / "people.csv"
    path.write_bytes(
        csv_bytes(
            [
                dutch_row("anna@example.test", department="New department"),
                dutch_row("piet@example.test", born="31-02-1990"),
                dutch_row("kees@example.test", manager="nobody@example.test"),
            ]
        )
    )
    counts = (User.objects.count(), Department.objects.count(), PeopleImport.objects.count())
    stderr = StringIO()

    with pytest.raises(CommandError) as refusal:
        call_command("import_people", str(path), organisation="almere", stdout=StringIO(), stderr=stderr)

    assert str(refusal.value) == "2 problem(s); nothing was imported."
    assert stderr.getvalue().splitlines() == [
        "Row 3, Geboortedatum: “31-02-1990” in the column “Geboortedatum” is not a valid date; write it as 31-12-2000.",
        "Row 4, E-mail leidinggevende: Unknown manager: no person with this e-mail address in the file or in "
        "Gemeente Almere.",
    ]
    assert (User.objects.count(), Department.objects.count(), PeopleImport.objects.count()) == counts


def test_a_clean_file_is_imported_with_progress_and_a_summary(tmp_path):
    organisation = OrganisationFactory(slug="almere")
    UserFactory(email="known@example.test", organisation=organisation)
    path = tmp_path / "people.csv"
    rows = [dutch_row("known@example.test", last="Known")] + [dutch_row(f"p{n}@example.test") for n in range(1200)]
    path.write_bytes(csv_bytes(rows))

    stdout, stderr = run_command(path, organisation="almere")

    assert stdout.splitlines() == [
        "1201 people: 1200 new, 1 to update, 1 new department(s).",
        "1000/1201",
        "1200/1201",
        "1201/1201",
        "Imported: 1200 created, 1 updated.",
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
        "1 people: 1 new, 0 to update, 1 new department(s).",
        "Dry run: nothing was imported.",
    ]
    assert (User.objects.count(), PeopleImport.objects.count()) == (users, 0)


def test_inviting_from_the_command_sends_an_invitation_to_the_new_people(tmp_path, django_capture_on_commit_callbacks):
    OrganisationFactory(slug="almere")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([dutch_row("anna@example.test")]))

    with django_capture_on_commit_callbacks(execute=True):
        run_command(path, "--invite", organisation="almere")

    assert [message.to for message in mail.outbox] == [["anna@example.test"]]
    assert User.objects.get(email="anna@example.test").invitations.get().status == "sent"


def test_an_unknown_organisation_or_file_is_an_error(tmp_path):
    OrganisationFactory(slug="almere")

    with pytest.raises(CommandError, match="No organisation with the short name 'nowhere'."):
        run_command(tmp_path / "people.csv", organisation="nowhere")
    with pytest.raises(CommandError, match="Cannot read"):
        run_command(tmp_path / "missing.csv", organisation="almere")
