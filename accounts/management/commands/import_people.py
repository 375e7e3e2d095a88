"""Import people from an HR export (CSV) without the web pages, e.g. when an organisation starts."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation, PeopleImport
from accounts.people_import import (
    people_csv_decode,
    people_csv_validate,
    people_import_queue,
    people_import_run,
    people_import_upload,
)


class Command(BaseCommand):
    help = (
        "Import people from a CSV file into an organisation. Every row is checked first; "
        "if any row has a problem, the problems are listed and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file as exported from the HR system.")
        parser.add_argument("--organisation", required=True, help="The short name (slug) of the organisation.")
        parser.add_argument("--dry-run", action="store_true", help="Only check the file; import nothing.")
        parser.add_argument("--invite", action="store_true", help="Send an invitation e-mail to the new people.")

    def handle(self, *args, file: Path, organisation: str, dry_run: bool, invite: bool, **options):
        target = Organisation.objects.filter(slug=organisation).first()
        if target is None:
            raise CommandError(f"No organisation with the short name {organisation!r}.")
        try:
            raw_bytes = file.read_bytes()
            text = people_csv_decode(raw_bytes)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        result = people_csv_validate(organisation=target, text=text)
        for notice in result.notices:
            self.stdout.write(f"Note: {notice}")
        if result.problems:
            for problem in result.problems:
                row = problem.row if problem.row is not None else "-"
                self.stderr.write(f"Row {row}, {problem.column or '-'}: {problem.message}")
            raise CommandError(f"{len(result.problems)} problem(s); nothing was imported.")
        self.stdout.write(
            f"{len(result.rows)} people: {result.create_count} new, {result.update_count} to update, "
            f"{len(result.new_departments)} new department(s)."
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was imported.")
            return

        people_import = people_import_upload(
            organisation=target, uploaded_by=None, file_name=file.name, raw_bytes=raw_bytes
        )
        people_import_queue(people_import=people_import)
        done = people_import_run(
            import_id=people_import.pk,
            send_invitations=invite,
            progress=lambda processed, total: self.stdout.write(f"{processed}/{total}"),
        )
        if done is None or done.status != PeopleImport.Status.COMPLETED:
            raise CommandError(done.error_message if done is not None else "The import did not run.")
        self.stdout.write(self.style.SUCCESS(f"Imported: {done.created_count} created, {done.updated_count} updated."))
