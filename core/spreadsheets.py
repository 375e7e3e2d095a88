"""CSV exports that Dutch Excel opens correctly and safely."""

import csv
import io
from typing import Any

# Spreadsheet programs run cells starting with these as formulas; a leading apostrophe keeps them text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str:
    """A value as text that a spreadsheet shows and never runs (no formula injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def excel_csv_writer() -> tuple[io.StringIO, Any]:
    """A buffer and a writer for Dutch Excel: UTF-8 with a byte-order mark, ';' between fields, CRLF lines."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    return buffer, csv.writer(buffer, delimiter=";", lineterminator="\r\n")
