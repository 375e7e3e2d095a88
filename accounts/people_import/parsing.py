"""Reading an HR export (CSV) into people: the pure half of the people import.

The text is decoded strictly (``people_csv_decode``), the header matched to the columns the import understands
(``COLUMNS``, under any of the names HR systems give them) and every row read into a normalised ``PersonRow``,
with the problems that need no other row and no database (``people_csv_parse``). Nothing here reads or writes
the database: what the models can store comes in as ``FieldRules``, and the checks against the rows already in
the portal, and the import itself, are in ``services``.
"""

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import age_on

MIN_AGE = 15
MAX_AGE = 100
MAX_CONTRACT_HOURS = Decimal(60)
DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class Column:
    """A column the import understands, under any of the names HR systems give it."""

    key: str
    label: Promise
    names: tuple[str, ...]
    hint: Promise | str = ""
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "email",
        gettext_lazy("E-mail address"),
        ("E-mail", "Email", "E-mailadres", "Emailadres", "E-mail address", "Email address"),
        required=True,
    ),
    Column("full_name", gettext_lazy("Full name"), ("Naam", "Volledige naam", "Name", "Full name")),
    Column("first_name", gettext_lazy("First name"), ("Voornaam", "Roepnaam", "First name")),
    Column("infix", gettext_lazy("Surname prefix"), ("Tussenvoegsel", "Tussenvoegsels")),
    Column("last_name", gettext_lazy("Last name"), ("Achternaam", "Last name", "Surname")),
    Column(
        "date_of_birth",
        gettext_lazy("Date of birth"),
        ("Geboortedatum", "Date of birth", "Birth date"),
        hint=gettext_lazy("as 31-12-2000 or 2000-12-31"),
    ),
    Column(
        "employment_start_date",
        gettext_lazy("Employment start date"),
        (
            "Datum in dienst",
            "In dienst",
            "Indiensttreding",
            "Datum indiensttreding",
            "Startdatum",
            "Start date",
            "Employment start date",
        ),
        hint=gettext_lazy("as 31-12-2000 or 2000-12-31"),
    ),
    Column(
        "department",
        gettext_lazy("Department"),
        ("Afdeling", "Department"),
        hint=gettext_lazy("new departments are added"),
    ),
    Column(
        "manager",
        gettext_lazy("Manager's e-mail address"),
        (
            "Leidinggevende",
            "E-mail leidinggevende",
            "Email leidinggevende",
            "Manager",
            "Manager e-mail",
            "Manager email",
        ),
        hint=gettext_lazy("a person in the file or already in the portal"),
    ),
    Column(
        "education_level",
        gettext_lazy("Education level"),
        ("Opleidingsniveau", "Opleiding", "Education level", "Education"),
        hint="mbo, mbo+, hbo, wo",
    ),
    Column(
        "introduction_completed_on",
        gettext_lazy("Introduction programme completed on"),
        ("Introductie afgerond", "Introductieprogramma afgerond", "Introduction completed"),
        hint=gettext_lazy("a date"),
    ),
    Column(
        "contract_hours",
        gettext_lazy("Contract hours per week"),
        ("Contracturen", "Uren per week", "Contract hours"),
        hint=gettext_lazy("0 to 60, such as 36 or 32,5"),
    ),
)


def normalise_header(text: str) -> str:
    """Lowercase, '-' and '_' as spaces, single spaces, no trailing colon: "E-mail_adres:" → "e mail adres"."""
    text = text.strip().lower().replace("-", " ").replace("_", " ")
    return " ".join(text.split()).rstrip(":").strip()


COLUMN_BY_NAME: dict[str, Column] = {normalise_header(name): column for column in COLUMNS for name in column.names}
# Other ways a file writes an education level (lowercase, single spaces) than the stored value itself.
EDUCATION_LEVEL_ALIASES = {"mbo plus": "mbo+"}
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True)
class FieldRules:
    """What the portal can store, as its models define it: a longer value or an unknown level is a problem."""

    email_max_length: int
    name_max_length: int
    department_max_length: int
    # The stored values of the education levels: "mbo", "mbo+", "hbo", "wo".
    education_levels: Collection[str]


@dataclass(frozen=True)
class Problem:
    """Something that stops the import. `row` is None for a problem with the whole file."""

    row: int | None
    column: str
    message: str


@dataclass
class PersonRow:
    """One person as read from the file, normalised; fields with a problem are left empty."""

    row: int
    email: str
    first_name: str = ""
    last_name: str = ""
    department: str = ""
    manager_email: str = ""
    date_of_birth: date | None = None
    employment_start_date: date | None = None
    education_level: str = ""
    introduction_completed_on: date | None = None
    contract_hours: Decimal | None = None


# Bytes and characters that a text export never holds: the control characters except tab, line feed and carriage
# return. Binary data is full of them, so a renamed binary file is refused even where it happens to decode (every
# byte sequence is "valid" in some single-byte encoding). C0 and DEL are the same bytes in every encoding we read;
# C1 (U+0080 to U+009F) can only come from UTF-8, as Windows-1252 maps those bytes to printable characters.
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_C1_CONTROL_CHARACTER = re.compile("[\u0080-\u009f]")
# A well-formed UTF-8 sequence of two to four bytes (RFC 3629). In a file that is not UTF-8 as a whole, one of
# these means two encodings mixed: read as Windows-1252, "José" would become "JosÃ©".
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_UTF16_BYTE_ORDER_MARKS = (b"\xff\xfe", b"\xfe\xff")


def people_csv_decode(raw_bytes: bytes) -> str:
    """The text of an uploaded file; ValidationError (and nothing kept) when it is not a clean text file.

    Accepted: UTF-8, with or without byte order mark, as "CSV UTF-8" and most HR systems write it; else
    Windows-1252, as Excel's plain "CSV" and older HR systems write it here (its printable part includes all of
    ISO-8859-1's, so a Latin-1 export reads the same). Both are decoded strictly: a byte the encoding does not
    define refuses the file instead of becoming a replacement character. Refused as well: UTF-16 ("Unicode
    text"), a file that mixes UTF-8 with another encoding, and any control character but tab, LF and CR.
    """
    if raw_bytes.startswith(_UTF16_BYTE_ORDER_MARKS):
        raise ValidationError(
            _(
                "This file is saved as UTF-16 (“Unicode text”). Export the list from the HR system as “CSV UTF-8” "
                "and upload that file."
            ),
            code="utf16",
        )
    if control := _CONTROL_BYTE.search(raw_bytes):
        raise _control_character_error(line=raw_bytes.count(b"\n", 0, control.start()) + 1)
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        if _UTF8_SEQUENCE.search(raw_bytes):
            raise ValidationError(
                _(
                    "Part of this file is UTF-8 and part is not, so names would come out garbled. Export the list "
                    "from the HR system again as “CSV UTF-8”."
                ),
                code="mixed_encodings",
            ) from None
        try:
            return raw_bytes.decode("cp1252")
        except UnicodeDecodeError:
            raise ValidationError(
                _(
                    "This is not a CSV text file. Export the list from the HR system as “CSV UTF-8” and upload that "
                    "file."
                ),
                code="not_text",
            ) from None
    if control := _C1_CONTROL_CHARACTER.search(text):
        raise _control_character_error(line=text.count("\n", 0, control.start()) + 1)
    return text


def _control_character_error(*, line: int) -> ValidationError:
    return ValidationError(
        _(
            "This is not a CSV text file: line %(line)s holds a character that text never contains. Export the list "
            "from the HR system as “CSV UTF-8” and upload that file."
        )
        % {"line": line},
        code="not_text",
    )


def _sniff_delimiter(text: str) -> str:
    """The separator that occurs most in the header line (Dutch Excel writes ';', most systems ',')."""
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _parse_date(value: str) -> date:
    """A date as dd-mm-yyyy, d-m-yyyy, dd/mm/yyyy, dd.mm.yyyy or yyyy-mm-dd; ValueError otherwise."""
    if match := _DAY_FIRST.fullmatch(value):
        return date(int(match[4]), int(match[3]), int(match[1]))
    if match := _YEAR_FIRST.fullmatch(value):
        return date(int(match[1]), int(match[2]), int(match[3]))
    raise ValueError(value)


def _is_valid_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


class _RowReader:
    """Reads one data row into a PersonRow, collecting the problems that need no other rows or the database."""

    def __init__(self, *, positions: dict[str, int], labels: dict[str, str], today: date, rules: FieldRules) -> None:
        self.positions = positions
        self.labels = labels
        self.today = today
        self.rules = rules
        # The row being read.
        self.row_number = 0
        self.cells: list[str] = []
        self.problems: list[Problem] = []

    def read(self, row_number: int, cells: list[str]) -> tuple[PersonRow, list[Problem]]:
        self.problems = []
        self.row_number = row_number
        self.cells = cells
        person = PersonRow(row=row_number, email=self._email("email"))
        person.first_name, person.last_name = self._name()
        person.date_of_birth = self._date("date_of_birth")
        if person.date_of_birth is not None:
            age = age_on(born=person.date_of_birth, on_date=self.today)
            if not MIN_AGE <= age <= MAX_AGE:
                self._problem(
                    "date_of_birth",
                    _("This date of birth gives an age of %(age)s; it must be between %(min)s and %(max)s.")
                    % {"age": age, "min": MIN_AGE, "max": MAX_AGE},
                )
                person.date_of_birth = None
        person.employment_start_date = self._date("employment_start_date")
        person.introduction_completed_on = self._date("introduction_completed_on")
        person.department = self._department()
        person.manager_email = self._email("manager")
        person.education_level = self._education_level()
        person.contract_hours = self._contract_hours()
        return person, self.problems

    def _cell(self, key: str) -> str:
        position = self.positions.get(key)
        if position is None or position >= len(self.cells):
            return ""
        return self.cells[position].strip()

    def _problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(row=self.row_number, column=self.labels.get(key, ""), message=message))

    def _too_long(self, key: str, max_length: int) -> None:
        self._problem(key, _("This is longer than %(max)s characters.") % {"max": max_length})

    def _department(self) -> str:
        value = " ".join(self._cell("department").split())
        if len(value) > self.rules.department_max_length:
            self._too_long("department", self.rules.department_max_length)
            return ""
        return value

    def _email(self, key: str) -> str:
        value = self._cell(key).lower()
        if not value:
            if key == "email":
                self._problem(key, _("The e-mail address is missing."))
            return ""
        if len(value) > self.rules.email_max_length or not _is_valid_email(value):
            self._problem(key, _("This is not a valid e-mail address."))
            return ""
        return value

    def _name(self) -> tuple[str, str]:
        first_name = " ".join(self._cell("first_name").split())
        last_name = " ".join(self._cell("last_name").split())
        if "last_name" not in self.positions:
            full_name = " ".join(self._cell("full_name").split()).split(" ", 1)
            first_name = first_name or full_name[0]
            last_name = full_name[1] if len(full_name) > 1 else ""
        infix = " ".join(self._cell("infix").split())
        last_name = f"{infix} {last_name}".strip()
        name_key = "last_name" if "last_name" in self.positions else "full_name"
        if not first_name and not last_name:
            self._problem(name_key, _("The name is missing."))
        first_name_key = "first_name" if "first_name" in self.positions else name_key
        for key, value in ((first_name_key, first_name), (name_key, last_name)):
            if len(value) > self.rules.name_max_length:
                self._too_long(key, self.rules.name_max_length)
        return first_name, last_name

    def _date(self, key: str) -> date | None:
        value = self._cell(key)
        if not value:
            return None
        try:
            return _parse_date(value)
        except ValueError:
            self._problem(
                key,
                _("“%(value)s” in the column “%(column)s” is not a valid date; write it as 31-12-2000.")
                % {"value": value[:30], "column": self.labels[key]},
            )
            return None

    def _education_level(self) -> str:
        value = " ".join(self._cell("education_level").lower().split())
        if not value:
            return ""
        level = EDUCATION_LEVEL_ALIASES.get(value, value)
        if level not in self.rules.education_levels:
            self._problem(
                "education_level",
                _("Unknown education level “%(value)s”; use mbo, mbo+, hbo or wo.") % {"value": value[:30]},
            )
            return ""
        return level

    def _contract_hours(self) -> Decimal | None:
        value = self._cell("contract_hours").replace(",", ".")
        if not value:
            return None
        try:
            hours = Decimal(value)
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite() or not 0 <= hours <= MAX_CONTRACT_HOURS:
            self._problem("contract_hours", _("Contract hours must be a number from 0 to 60, such as 36 or 32,5."))
            return None
        # The portal keeps one decimal.
        return hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _read_header(cells: list[str]) -> tuple[dict[str, int], dict[str, str], list[Problem], list[str]]:
    """Where each known column is, its label as written in the file, file-level problems and notices."""
    positions: dict[str, int] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    notices: list[str] = []
    for position, cell in enumerate(cells):
        written = cell.strip()
        if not written:
            continue
        column = COLUMN_BY_NAME.get(normalise_header(written))
        if column is None:
            notices.append(_("The column “%(column)s” is not used and will be ignored.") % {"column": written})
        elif column.key in positions:
            problems.append(
                Problem(
                    row=1,
                    column=written,
                    message=_("The columns “%(first)s” and “%(second)s” both hold the %(field)s; keep one of them.")
                    % {"first": labels[column.key], "second": written, "field": str(column.label).lower()},
                )
            )
        else:
            positions[column.key] = position
            labels[column.key] = written
    if "email" not in positions:
        problems.append(
            Problem(
                row=1,
                column="",
                message=_("The file has no column with e-mail addresses; name it, for example, “%(name)s”.")
                % {"name": "E-mail"},
            )
        )
    if "last_name" not in positions and "full_name" not in positions:
        problems.append(
            Problem(
                row=1,
                column="",
                message=_("The file has no column with names; add a column “%(last)s” or “%(full)s”.")
                % {"last": "Achternaam", "full": "Naam"},
            )
        )
    if "last_name" in positions and "full_name" in positions:
        notices.append(
            _("The column “%(column)s” is ignored because the file has a column with last names.")
            % {"column": labels.pop("full_name")}
        )
        del positions["full_name"]
    return positions, labels, problems, notices


@dataclass
class ParsedFile:
    """A file as read: where each known column is and its label as written, the rows, problems and notices."""

    positions: dict[str, int]
    labels: dict[str, str]
    rows: list[PersonRow]
    problems: list[Problem]
    notices: list[str]


def people_csv_parse(text: str, *, today: date, max_rows: int, rules: FieldRules) -> ParsedFile:
    """Read the header and every row (ages as on `today`); a problem with the whole file leaves no rows."""
    parsed = ParsedFile(positions={}, labels={}, rows=[], problems=[], notices=[])
    reader: _RowReader | None = None
    records = csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(text))
    try:
        # Row numbers count every line, empty ones too, as a spreadsheet shows them.
        for row_number, cells in enumerate(records, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if reader is None:
                parsed.positions, parsed.labels, parsed.problems, parsed.notices = _read_header(cells)
                if parsed.problems:
                    return parsed
                reader = _RowReader(positions=parsed.positions, labels=parsed.labels, today=today, rules=rules)
                continue
            if len(parsed.rows) == max_rows:
                message = _("The file has more than %(max)s rows; split it into smaller files.") % {"max": max_rows}
                return _file_problem(parsed, message)
            person, problems = reader.read(row_number, cells)
            parsed.rows.append(person)
            parsed.problems.extend(problems)
    except csv.Error:
        message = _("The file cannot be read as CSV at line %(line)s.") % {"line": records.line_num}
        return _file_problem(parsed, message)
    if not parsed.rows:
        return _file_problem(parsed, _("The file contains no people."))
    return parsed


def _file_problem(parsed: ParsedFile, message: str) -> ParsedFile:
    parsed.rows = []
    parsed.problems = [Problem(row=None, column="", message=message)]
    return parsed
