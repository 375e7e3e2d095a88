"""Benchmark: a trainee's schedule, calendar feed and the planner for a busy person, then roll back.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groeipad .venv/bin/python -m benchmarks.schedule [N]

A VNG trainee in their second year has ~80 programme days, intervision and TMA sessions; N cohorts of
40 weekly sessions each (default 5: 200 sessions) is a generous upper bound. Target (issue 4): the
schedule page and the feed stay well under a second with a fixed number of queries; the planner
proposes a year of weekly days in milliseconds.
"""

import os
import sys
import time
from datetime import date
from datetime import time as clock

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Organisation, User  # noqa: E402
from participants.models import Enrolment  # noqa: E402
from programmes.models import Cohort, Programme  # noqa: E402
from sessions.calendar import calendar_feed  # noqa: E402
from sessions.models import CurriculumItem, CurriculumTemplate, Session, SessionKind  # noqa: E402
from sessions.planner import schedule_propose  # noqa: E402
from sessions.selectors import schedule_for  # noqa: E402


class Rollback(Exception):
    pass


def measure(label: str, step):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = step()
        elapsed = time.perf_counter() - started
    print(f"{label:<34} {elapsed * 1000:8.1f} ms {len(queries.captured_queries):5d} queries")
    return result


def main(cohorts: int) -> None:
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(name="Benchmark", slug="benchmark-schedule")
            person = User.objects.create_user(email="trainee@bench.example", organisation=organisation)
            programme = Programme.objects.create(
                name="Bench", slug="bench-schedule", kind="traineeship", owner=organisation
            )
            template = CurriculumTemplate.objects.create(programme=programme, name="Weekly", interval_weeks=1)
            CurriculumItem.objects.create(
                template=template,
                position=1,
                kind=SessionKind.PROGRAMME_DAY,
                title="Programmadag",
                start_time=clock(9, 30),
                end_time=clock(16, 30),
                repeat_count=40,
            )
            proposal = measure(
                "planner: 40 weekly days", lambda: schedule_propose(template=template, start=date(2027, 9, 3))
            )
            for index in range(cohorts):
                cohort = Cohort.objects.create(
                    programme=programme, name=f"Bench {index}", capacity=20, start_threshold=1
                )
                Enrolment.objects.create(
                    cohort=cohort, person=person, status="active", requested_at="2027-01-01T09:00Z"
                )
                Session.objects.bulk_create(
                    Session(
                        cohort=cohort,
                        kind=item.kind,
                        title=item.title,
                        date=item.date,
                        start_time=item.start_time,
                        end_time=item.end_time,
                    )
                    for item in proposal.sessions
                )
            entries = measure(f"schedule of {cohorts * 40} sessions", lambda: schedule_for(person=person))
            feed = measure("calendar feed (ICS)", lambda: calendar_feed(user=person))
            measure("schedule again (warm)", lambda: schedule_for(person=person))
            measure("calendar feed again (warm)", lambda: calendar_feed(user=person))
            overlapping = sum(1 for entry in entries if entry.conflicts_with)
            print(f"{len(entries)} entries, {overlapping} overlapping, feed {len(feed) // 1024} KiB")
            raise Rollback
    except Rollback:
        print("rolled back: the database is as it was")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
