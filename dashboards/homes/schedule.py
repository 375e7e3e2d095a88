"""What comes next in a person's schedule, for every home that shows it."""

from django.utils import timezone

from sessions.selectors import ScheduleEntry, schedule_for

NEXT_UP_COUNT = 5


def next_appointments(*, person, count: int = NEXT_UP_COUNT) -> list[ScheduleEntry]:
    """The person's next appointments (sessions, sessions they run, TMA sessions) that have not ended yet."""
    now = timezone.now()
    upcoming = [entry for entry in schedule_for(person=person, since=timezone.localdate()) if entry.ends_at > now]
    return upcoming[:count]
