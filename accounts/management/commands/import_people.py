"""Import people from an HR export (CSV) without the web pages, e.g. when an organisation starts.

Everything the command prints is in the portal's language (settings.LANGUAGE_CODE, Dutch by default), whichever
language is active where it is called from: the same people read its output as the portal's pages.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Organisation, PeopleImport
from accounts.people_import import (
    Problem,
    people_csv_decode,
    people_csv_validate,
    people_import_queue,
    people_import_run,
    people_import_upload,
)


class Command(BaseCommand):
    help = gettext_lazy(
        "Import people from a CSV file into an organisation. Every row is checked first; "
        "if any row has a problem, the problems are listed and nothing is imported."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # The help texts are read when the parser is made, so they are made in the portal's language too.
        with translation.override(settings.LANGUAGE_CODE):
            parser = super().create_parser(prog_name, subcommand, **kwargs)
            parser.description = str(self.help)
        return parser

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("The CSV file as exported from the HR system."))
        parser.add_argument("--organisation", required=True, help=_("The short name (slug) of the organisation."))
        parser.add_argument("--dry-run", action="store_true", help=_("Only check the file; import nothing."))
        parser.add_argument("--invite", action="store_true", help=_("Send an invitation e-mail to the new people."))

    def execute(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                return super().execute(*args, **options)
            except CommandError as error:
                # From a shell, Django would print "CommandError: …" before the message; the message alone keeps
                # every line in the portal's language. (call_command callers still get the CommandError.)
                if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                    raise
                self.stderr.write(str(error))
                sys.exit(error.returncode)

    def handle(self, *args, file: Path, organisation: str, dry_run: bool, invite: bool, **options):
        target = Organisation.objects.filter(slug=organisation).first()
        if target is None:
            raise CommandError(_("No organisation with the short name “%(slug)s”.") % {"slug": organisation})
        try:
            raw_bytes = file.read_bytes()
        except FileNotFoundError as error:
            raise CommandError(_("There is no file %(file)s.") % {"file": file}) from error
        except OSError as error:
            # Not error.strerror: the operating system's wording would be in another language.
            raise CommandError(_("Cannot read %(file)s.") % {"file": file}) from error
        try:
            text = people_csv_decode(raw_bytes)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        result = people_csv_validate(organisation=target, text=text)
        for notice in result.notices:
            self.stdout.write(_("Note: %(notice)s") % {"notice": notice})
        if result.problems:
            for problem in result.problems:
                self.stderr.write(_problem_line(problem))
            count = len(result.problems)
            raise CommandError(
                ngettext("%(count)s problem; nothing was imported.", "%(count)s problems; nothing was imported.", count)
                % {"count": count}
            )
        departments = len(result.new_departments)
        self.stdout.write(
            _("%(people)s: %(new)s new, %(update)s to update, %(departments)s.")
            % {
                "people": ngettext("%(count)s person", "%(count)s people", result.person_count)
                % {"count": result.person_count},
                "new": result.create_count,
                "update": result.update_count,
                "departments": ngettext("%(count)s new department", "%(count)s new departments", departments)
                % {"count": departments},
            }
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was imported."))
            return

        people_import = people_import_upload(
            organisation=target, uploaded_by=None, file_name=file.name, raw_bytes=raw_bytes
        )
        people_import_queue(people_import=people_import)
        done = people_import_run(
            import_id=people_import.pk,
            send_invitations=invite,
            progress=lambda processed, total: self.stdout.write(
                _("%(processed)s of %(total)s people processed") % {"processed": processed, "total": total}
            ),
        )
        if done is None or done.status != PeopleImport.Status.COMPLETED:
            raise CommandError(done.error_message if done is not None else _("The import did not run."))
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported: %(created)s added, %(updated)s updated.")
                % {"created": done.created_count, "updated": done.updated_count}
            )
        )


def _problem_line(problem: Problem) -> str:
    if problem.row is None:
        return problem.message
    if not problem.column:
        return _("Row %(row)s: %(problem)s") % {"row": problem.row, "problem": problem.message}
    return _("Row %(row)s, %(column)s: %(problem)s") % {
        "row": problem.row,
        "column": problem.column,
        "problem": problem.message,
    }
