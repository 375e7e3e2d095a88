"""Benchmark: check and import an HR export of N people (default 5,000), then roll everything back.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groeipad .venv/bin/python -m benchmarks.people_import [N]

Target (issue 2): 5,000 rows import in seconds, not minutes. Prints the time and query count of each step.
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Organisation  # noqa: E402
from accounts.people_import import (  # noqa: E402
    people_import_queue,
    people_import_run,
    people_import_upload,
    people_import_validate,
)


class Rollback(Exception):
    pass


def export(rows: int) -> bytes:
    header = (
        "Voornaam;Achternaam;E-mailadres;Geboortedatum;Datum in dienst;Afdeling;E-mail leidinggevende;Opleidingsniveau"
    )
    lines = [header]
    lines.append("Baas;Bench;baas@bench.example;01-01-1970;01-01-2000;Directie;;wo")
    for number in range(1, rows):
        lines.append(
            f"Voornaam{number};Achternaam{number};persoon{number}@bench.example;15-06-1995;01-09-2020;"
            f"Afdeling {number % 40};baas@bench.example;hbo"
        )
    return ("\n".join(lines) + "\n").encode()


def measure(label: str, step):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = step()
        elapsed = time.perf_counter() - started
    print(f"{label:<28} {elapsed:6.2f} s {len(queries.captured_queries):5d} queries")
    return result


def main(rows: int) -> None:
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(name="Benchmark", slug="benchmark-people-import")
            upload = measure(
                "upload + check",
                lambda: people_import_upload(
                    organisation=organisation, uploaded_by=None, file_name="bench.csv", raw_bytes=export(rows)
                ),
            )
            result = measure("check again (preview)", lambda: people_import_validate(people_import=upload))
            assert not result.problems, result.problems[:3]
            people_import_queue(people_import=upload)
            measure(f"import {rows} new people", lambda: people_import_run(import_id=upload.pk))
            again = people_import_upload(
                organisation=organisation, uploaded_by=None, file_name="bench.csv", raw_bytes=export(rows)
            )
            people_import_queue(people_import=again)
            measure(f"re-import {rows} (updates)", lambda: people_import_run(import_id=again.pk))
            raise Rollback
    except Rollback:
        print("rolled back: the database is as it was")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
