"""Small date facts that every app counts the same way."""

from datetime import date


def age_on(*, born: date, on_date: date) -> int:
    """Age in whole years on a day (a person born on 29 February turns a year older on 1 March)."""
    return on_date.year - born.year - ((on_date.month, on_date.day) < (born.month, born.day))
