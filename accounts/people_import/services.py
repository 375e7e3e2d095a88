"""The people import's checks and lifecycle: a file read by ``parsing`` is checked as a whole against the portal,
shown as a preview, and imported in one transaction.

Nothing is written until every row is clean and HR confirms. People are matched on their (lowercase) e-mail
address, so importing the same file again updates them and never creates duplicates. Checking and importing take
a constant number of queries whatever the size of the file: existing people and departments are loaded at once,
and people are written with bulk operations in batches.

Columns present in the file overwrite the person's value (an empty cell empties it); columns absent from the file
leave the person's value as it is.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Department, EducationLevel, Invitation, Organisation, PeopleImport, User
from ..signals import manager_changed
from .parsing import FieldRules, PersonRow, Problem, people_csv_decode, people_csv_parse

logger = logging.getLogger(__name__)

# Called with (rows processed, total rows) while an import runs.
Progress = Callable[[int, int], None]

BATCH_SIZE = 1000
# Progress outlives the run a little so that a page polling at that moment still finds it.
PROGRESS_TIMEOUT_SECONDS = 60 * 60
FIELD_RULES = FieldRules(
    email_max_length=User._meta.get_field("email").max_length,
    name_max_length=min(User._meta.get_field("first_name").max_length, User._meta.get_field("last_name").max_length),
    department_max_length=Department._meta.get_field("name").max_length,
    education_levels=frozenset(EducationLevel.values),
)


@dataclass
class ValidationResult:
    """What an import would do, and everything that stops it."""

    rows: list[PersonRow]
    problems: list[Problem]
    notices: list[str]
    # The keys of the columns found in the file (see COLUMNS); only those are written.
    columns: frozenset[str]
    # People are counted by e-mail address: a person on two rows (a problem) is one person, and a row without a
    # usable address (also a problem) is nobody yet.
    person_count: int
    create_count: int
    update_count: int
    new_departments: list[str]
    # People of the organisation named in the file (as a row or as a manager): lowercase e-mail → id.
    known_people: dict[str, int]


def people_csv_validate(*, organisation: Organisation, text: str, lock_people: bool = False) -> ValidationResult:
    """Check a whole file against itself and the current database, in two queries whatever its size.

    With lock_people (inside a transaction), the existing people named in the file stay locked until it ends, so
    nobody can delete them or move them to another organisation while the import writes.
    """
    parsed = people_csv_parse(
        text, today=timezone.localdate(), max_rows=settings.PEOPLE_IMPORT_MAX_ROWS, rules=FIELD_RULES
    )
    rows, problems, labels = parsed.rows, parsed.problems, parsed.labels
    if not rows:
        return ValidationResult(
            rows=[],
            problems=problems,
            notices=parsed.notices,
            columns=frozenset(parsed.positions),
            person_count=0,
            create_count=0,
            update_count=0,
            new_departments=[],
            known_people={},
        )
    first_rows: dict[str, int] = {}
    for person in rows:
        if person.email and first_rows.setdefault(person.email, person.row) != person.row:
            # A problem, not a row to skip: the import never guesses which of two rows about one person is right.
            message = _("This e-mail address is also on row %(row)s; keep one row per person.") % {
                "row": first_rows[person.email]
            }
            problems.append(Problem(person.row, labels["email"], message))
    owners, department_names = _load_existing(organisation=organisation, rows=rows, lock_people=lock_people)
    known_people = {email: pk for email, (pk, organisation_id) in owners.items() if organisation_id == organisation.pk}
    for person in rows:
        if person.email in owners and person.email not in known_people:
            message = _("This e-mail address belongs to a person of another organisation.")
            problems.append(Problem(person.row, labels["email"], message))
        if not person.manager_email:
            continue
        if person.manager_email == person.email:
            problems.append(Problem(person.row, labels["manager"], _("A person cannot be their own manager.")))
        elif person.manager_email not in first_rows and person.manager_email not in known_people:
            message = _("Unknown manager: no person with this e-mail address in the file or in %(organisation)s.") % {
                "organisation": organisation.name
            }
            problems.append(Problem(person.row, labels["manager"], message))
    # Stable: within a row the problems keep the order of the columns they were found in.
    problems.sort(key=lambda problem: problem.row or 0)
    new_departments: dict[str, str] = {}
    for person in rows:
        key = person.department.lower()
        if key and key not in department_names:
            new_departments.setdefault(key, person.department)
    return ValidationResult(
        rows=rows,
        problems=problems,
        notices=parsed.notices,
        columns=frozenset(parsed.positions),
        person_count=len(first_rows),
        create_count=sum(1 for email in first_rows if email not in owners),
        update_count=sum(1 for email in first_rows if email in known_people),
        new_departments=sorted(new_departments.values(), key=str.lower),
        known_people=known_people,
    )


def _load_existing(
    *, organisation: Organisation, rows: list[PersonRow], lock_people: bool
) -> tuple[dict[str, tuple[int, int | None]], set[str]]:
    """Who of the people named in the file already has an account (in any organisation), and which departments
    the organisation has (lowercase names): one query each."""
    emails = {person.email for person in rows if person.email} | {
        person.manager_email for person in rows if person.manager_email
    }
    # Lower(email) is what the unique constraint indexes, so this lookup uses that index.
    people = (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .values_list("email_lower", "pk", "organisation_id")
    )
    if lock_people:
        people = people.select_for_update()
    owners = {email: (pk, organisation_id) for email, pk, organisation_id in people}
    names = Department.objects.filter(organisation=organisation).values_list("name", flat=True)
    return owners, {name.lower() for name in names}


# Pages and services


def people_import_for_hr(user: User, import_id: int) -> PeopleImport:
    """An import of one of the HR adviser's organisations; 404 for anyone else, so existence is not revealed."""
    return get_object_or_404(
        PeopleImport.objects.select_related("organisation", "uploaded_by"),
        pk=import_id,
        organisation__in=Organisation.objects.managed_by(user),
    )


def people_import_upload(
    *, organisation: Organisation, uploaded_by: User | None, file_name: str, raw_bytes: bytes
) -> PeopleImport:
    """Check an uploaded file and keep it for the preview.

    Raises ValidationError, and keeps nothing of the file, when it is not a clean text file or cannot be used as a
    whole (no e-mail or name column, not readable as CSV, no people, too many rows): a preview of it would only
    repeat that problem, and the content is personal data. Problems of single rows are kept for the preview.
    """
    text = people_csv_decode(raw_bytes)
    result = people_csv_validate(organisation=organisation, text=text)
    if not result.rows:
        # The notes say which columns were not recognised, which explains most of these problems.
        raise ValidationError([*(problem.message for problem in result.problems), *result.notices], code="unusable")
    with transaction.atomic():
        if uploaded_by is not None:
            # A new upload replaces this person's unconfirmed earlier ones: their content is personal data that
            # no longer serves a purpose.
            PeopleImport.objects.filter(
                organisation=organisation, uploaded_by=uploaded_by, status=PeopleImport.Status.PREVIEW
            ).update(status=PeopleImport.Status.DISCARDED, content="")
        return PeopleImport.objects.create(
            organisation=organisation,
            uploaded_by=uploaded_by,
            file_name=file_name[: PeopleImport._meta.get_field("file_name").max_length],
            content=text,
            status=PeopleImport.Status.PREVIEW,
            total_rows=len(result.rows),
            problem_count=len(result.problems),
        )


def people_import_validate(*, people_import: PeopleImport) -> ValidationResult:
    """Check the stored file again, so that the preview reflects the database as it is now."""
    return people_csv_validate(organisation=people_import.organisation, text=people_import.content)


def _lock(people_import: PeopleImport, *, status: str) -> PeopleImport:
    """Lock the import's row; ValidationError unless it (still) has this status. Call inside a transaction."""
    locked = PeopleImport.objects.select_for_update().get(pk=people_import.pk)
    if locked.status != status:
        raise ValidationError(_("This import has already been confirmed or discarded."))
    locked.organisation = people_import.organisation
    return locked


@transaction.atomic
def people_import_queue(*, people_import: PeopleImport) -> PeopleImport:
    """Mark a previewed import as ready to run (people_import_run checks the file again before writing)."""
    locked = _lock(people_import, status=PeopleImport.Status.PREVIEW)
    locked.status = PeopleImport.Status.QUEUED
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def people_import_confirm(*, people_import: PeopleImport, confirmed_by: User, send_invitations: bool) -> PeopleImport:
    """HR confirms a clean preview: the import is queued and runs in the background once this commits."""
    from ..tasks import run_people_import

    locked = _lock(people_import, status=PeopleImport.Status.PREVIEW)
    result = people_import_validate(people_import=locked)
    if result.problems:
        raise ValidationError(_("The file has problems. Fix these rows in your file and upload it again."))
    locked = people_import_queue(people_import=locked)
    import_id, invited_by_id = locked.pk, confirmed_by.pk
    transaction.on_commit(
        lambda: run_people_import.delay(import_id, send_invitations=send_invitations, invited_by_id=invited_by_id)
    )
    return locked


@transaction.atomic
def people_import_discard(*, people_import: PeopleImport) -> PeopleImport:
    """Drop a previewed import; its content (personal data) is removed at once."""
    locked = _lock(people_import, status=PeopleImport.Status.PREVIEW)
    locked.status = PeopleImport.Status.DISCARDED
    locked.content = ""
    locked.save(update_fields=["status", "content"])
    return locked


def _progress_key(import_id: int) -> str:
    return f"people-import:{import_id}:progress"


def people_import_progress_store(*, import_id: int, processed: int, total: int) -> None:
    """Keep the progress of a running import in the (shared) cache: the import's own row only changes at commit."""
    cache.set(_progress_key(import_id), {"processed": processed, "total": total}, PROGRESS_TIMEOUT_SECONDS)


def people_import_progress(*, people_import: PeopleImport) -> dict[str, int | str]:
    """What the progress page shows: status, rows processed and total rows."""
    status = people_import.status
    total = people_import.total_rows
    if status == PeopleImport.Status.COMPLETED:
        return {"status": status, "processed": total, "total": total}
    stored = None
    if status in (PeopleImport.Status.QUEUED, PeopleImport.Status.RUNNING):
        stored = cache.get(_progress_key(people_import.pk))
    if stored:
        return {"status": PeopleImport.Status.RUNNING, "processed": stored["processed"], "total": stored["total"]}
    return {"status": status, "processed": 0, "total": total}


def people_import_run(
    *,
    import_id: int,
    send_invitations: bool = False,
    invited_by_id: int | None = None,
    progress: Progress | None = None,
) -> PeopleImport | None:
    """Import a queued file in one transaction. Returns None if there was nothing to run.

    If the file no longer passes the checks (people changed in the meantime), the import fails and nothing is
    written. With send_invitations, the new people get an invitation e-mail once the import has committed.
    """
    try:
        return _run(
            import_id=import_id, send_invitations=send_invitations, invited_by_id=invited_by_id, progress=progress
        )
    except IntegrityError:
        # Someone added a person or department with the same e-mail or name while the import ran. Logged by id
        # only: the database's message would name the e-mail address.
        logger.warning("People import %s failed on a conflicting change", import_id)
        return _fail(
            import_id,
            _("People changed in the portal while the import ran, so nothing was imported. Upload the file again."),
        )
    except Exception:
        _fail(import_id, _("The import stopped because of an unexpected error; nothing was imported."))
        raise


def _fail(import_id: int, message: str) -> PeopleImport | None:
    with transaction.atomic():
        people_import = PeopleImport.objects.select_for_update().filter(pk=import_id).first()
        if people_import is None or people_import.status != PeopleImport.Status.QUEUED:
            return None
        _finish(people_import, status=PeopleImport.Status.FAILED, error_message=message)
        return people_import


def _finish(people_import: PeopleImport, *, status: str, error_message: str = "") -> None:
    people_import.status = status
    people_import.error_message = error_message[: PeopleImport._meta.get_field("error_message").max_length]
    people_import.content = ""  # personal data does not linger once the import is over
    people_import.completed_at = timezone.now()
    people_import.save(
        update_fields=[
            "status",
            "error_message",
            "content",
            "completed_at",
            "total_rows",
            "problem_count",
            "created_count",
            "updated_count",
        ]
    )


def _run(
    *, import_id: int, send_invitations: bool, invited_by_id: int | None, progress: Progress | None
) -> PeopleImport | None:
    report = progress or (lambda processed, total: None)
    with transaction.atomic():
        people_import = (
            PeopleImport.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .filter(pk=import_id)
            .first()
        )
        # idempotency: the row is locked and only a queued import runs, so a retried or duplicated task waits for
        # the first one and then finds the import completed (or failed) and writes nothing.
        if people_import is None or people_import.status != PeopleImport.Status.QUEUED:
            return None
        result = people_csv_validate(
            organisation=people_import.organisation, text=people_import.content, lock_people=True
        )
        people_import.total_rows = len(result.rows)
        people_import.problem_count = len(result.problems)
        if result.problems:
            message = ngettext(
                "The file no longer passes the checks (%(count)s problem), for example because people changed in "
                "the meantime. Nothing was imported; upload the file again to see the problem.",
                "The file no longer passes the checks (%(count)s problems), for example because people changed in "
                "the meantime. Nothing was imported; upload the file again to see the problems.",
                len(result.problems),
            ) % {"count": len(result.problems)}
            _finish(people_import, status=PeopleImport.Status.FAILED, error_message=message)
            return people_import
        new_people = _write_people(people_import=people_import, result=result, report=report)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=person, email=person.email, verified=True, primary=True) for person in new_people],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )
        if send_invitations and new_people:
            _invite(new_people=new_people, invited_by_id=invited_by_id)
        people_import.created_count = len(new_people)
        people_import.updated_count = len(result.rows) - len(new_people)
        _finish(people_import, status=PeopleImport.Status.COMPLETED)
        return people_import


def _write_people(*, people_import: PeopleImport, result: ValidationResult, report: Progress) -> list[User]:
    """Create the new people and update the known ones in batches, then set managers; returns the new people."""
    organisation = people_import.organisation
    department_ids = _departments_ensure(organisation=organisation, names=result.new_departments)
    fields = _fields_to_write(result.columns)
    new_people: list[User] = []
    known_people: list[User] = []
    for row in result.rows:
        values = {name: getattr(row, name) for name in fields if name != "department"}
        if "department" in fields:
            values["department_id"] = department_ids[row.department.lower()] if row.department else None
        person_id = result.known_people.get(row.email)
        if person_id is None:
            person = User(email=row.email, organisation=organisation, **values)
            person.set_unusable_password()
            new_people.append(person)
        else:
            # The e-mail is only read (to find the manager), never written: it is how the person was matched.
            known_people.append(User(pk=person_id, email=row.email, **values))
    total = len(result.rows)
    processed = 0
    for batch in _batches(new_people):
        User.objects.bulk_create(batch)
        processed += len(batch)
        report(processed, total)
    for batch in _batches(known_people):
        _update(batch, fields)
        processed += len(batch)
        report(processed, total)
    if "manager" in result.columns:
        _managers_set(result=result, new_people=new_people, known_people=known_people)
    return new_people


def _managers_set(*, result: ValidationResult, new_people: list[User], known_people: list[User]) -> None:
    """A second pass: a manager may be on a later row, and new people only have an id once they are created.

    Known people get the manager of their row (none if the cell is empty); new people only if they have one.
    """
    ids = result.known_people | {person.email: person.pk for person in new_people}
    manager_emails = {row.email: row.manager_email for row in result.rows}
    changed = list(known_people)
    manager_changes = []
    for person in known_people:
        manager_email = manager_emails[person.email]
        old_manager_id = person.manager_id
        person.manager_id = ids[manager_email] if manager_email else None
        if person.manager_id != old_manager_id:
            manager_changes.append((person, old_manager_id))
    for person in new_people:
        manager_email = manager_emails[person.email]
        if manager_email:
            person.manager_id = ids[manager_email]
            changed.append(person)
    for batch in _batches(changed):
        _update(batch, ["manager"])
    for person, old_manager_id in manager_changes:
        manager_changed.send(
            sender=User, person=person, old_manager_id=old_manager_id, new_manager_id=person.manager_id
        )


def _update(people: list[User], fields: list[str]) -> None:
    """Write these fields of people that exist (each has its id).

    bulk_update() builds a CASE expression per person and field, which takes about 10 seconds for 5,000 people; an
    upsert on the primary key writes the same columns in a fraction of that. The people were locked when the file
    was checked, so every id exists and the insert half of the upsert never happens.
    """
    User.objects.bulk_create(people, update_conflicts=True, unique_fields=["pk"], update_fields=fields)


def _fields_to_write(columns: frozenset[str]) -> list[str]:
    """The User fields the file has columns for; the last name is always there (a name column is required)."""
    fields = ["last_name"]
    if columns & {"first_name", "full_name"}:
        fields.append("first_name")
    optional = ("date_of_birth", "employment_start_date", "education_level", "introduction_completed_on")
    fields.extend(key for key in (*optional, "contract_hours", "department") if key in columns)
    return fields


def _batches(items: list[User]) -> list[list[User]]:
    return [items[start : start + BATCH_SIZE] for start in range(0, len(items), BATCH_SIZE)]


def _departments_ensure(*, organisation: Organisation, names: list[str]) -> dict[str, int]:
    """Add the departments the organisation lacks; returns every department's id by lowercase name."""
    if names:
        Department.objects.bulk_create(
            [Department(organisation=organisation, name=name) for name in names], ignore_conflicts=True
        )
    departments = Department.objects.filter(organisation=organisation).values_list("name", "pk")
    return {name.lower(): pk for name, pk in departments}


def _invite(*, new_people: list[User], invited_by_id: int | None) -> None:
    """Record an invitation for each new person and e-mail them once the import has committed."""
    from ..tasks import send_invitation

    invitations = Invitation.objects.bulk_create(
        [Invitation(user=person, invited_by_id=invited_by_id) for person in new_people], batch_size=BATCH_SIZE
    )
    invitation_ids = [invitation.pk for invitation in invitations]

    def enqueue() -> None:
        for invitation_id in invitation_ids:
            send_invitation.delay(invitation_id)

    transaction.on_commit(enqueue)
