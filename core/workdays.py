"""Working days and Dutch public holidays, shared by the planner and the enrolment decision window."""

from datetime import date, timedelta

import holidays
from django.utils import translation

LIBERATION_DAY = (5, 5)


def dutch_public_holidays(years, *, liberation_day_every_year: bool = True) -> dict[date, str]:
    """Dutch public holidays in these years, by date, named in the active language (Dutch or English).

    The `holidays` library counts Liberation Day only in lustrum years (2025, 2030, …). Whether staff are
    off on 5 May in the other years depends on their collective agreement, hence the switch.
    """
    language = "nl" if (translation.get_language() or "nl").startswith("nl") else "en_US"
    years = sorted(set(years))
    days = dict(holidays.country_holidays("NL", years=years, language=language))
    if liberation_day_every_year:
        name = holidays.country_holidays("NL", years=[2025], language=language)[date(2025, *LIBERATION_DAY)]
        for year in years:
            days.setdefault(date(year, *LIBERATION_DAY), name)
    return days


def is_working_day(day: date, *, public_holidays: dict[date, str]) -> bool:
    return day.weekday() < 5 and day not in public_holidays


def add_working_days(start: date, count: int, *, liberation_day_every_year: bool = True) -> date:
    """The `count`-th working day after `start` (Monday to Friday, public holidays excluded).

    add_working_days(a Friday, 1) is the next Monday; `start` itself never counts.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    # Ten working days never span more than a few weeks; look ahead generously for long windows.
    horizon = start + timedelta(days=count * 2 + 21)
    public_holidays = dutch_public_holidays(
        range(start.year, horizon.year + 1), liberation_day_every_year=liberation_day_every_year
    )
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, public_holidays=public_holidays):
            remaining -= 1
    return day
