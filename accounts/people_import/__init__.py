"""The people import: an HR export (CSV) checked as a whole, shown as a preview, and imported in one transaction.

- ``parsing``: reading the file into people and the problems of single rows; pure, no database;
- ``services``: the checks against the portal's people and departments, and the import's lifecycle (upload,
  preview, confirm or discard, run, progress), each step in its own transaction.

The names below are the package's public face; views, the task, the command and tests use them from here.
"""

from .parsing import (
    COLUMNS,
    Column,
    FieldRules,
    ParsedFile,
    PersonRow,
    Problem,
    people_csv_decode,
    people_csv_parse,
)
from .services import (
    FIELD_RULES,
    ValidationResult,
    people_csv_validate,
    people_import_confirm,
    people_import_discard,
    people_import_for_hr,
    people_import_progress,
    people_import_progress_store,
    people_import_queue,
    people_import_run,
    people_import_upload,
    people_import_validate,
)

__all__ = [
    "COLUMNS",
    "FIELD_RULES",
    "Column",
    "FieldRules",
    "ParsedFile",
    "PersonRow",
    "Problem",
    "ValidationResult",
    "people_csv_decode",
    "people_csv_parse",
    "people_csv_validate",
    "people_import_confirm",
    "people_import_discard",
    "people_import_for_hr",
    "people_import_progress",
    "people_import_progress_store",
    "people_import_queue",
    "people_import_run",
    "people_import_upload",
    "people_import_validate",
]
