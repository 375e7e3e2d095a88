"""Dates written the way the reader's language writes them.

Django's `M` format gives a three-letter month with a capital ("Dec") in every language. Dutch writes
abbreviated months in lower case ("vr 11 dec 2026"), so in Dutch `local_date` writes `M` as `b` (the same
abbreviation in lower case); in English it is Django's `date` filter unchanged.
"""

import re

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import translation
from django.utils.formats import FORMAT_SETTINGS

register = template.Library()

LOWER_CASE_MONTH_LANGUAGES = {"nl"}
_UNESCAPED_M = re.compile(r"(?<!\\)M")


@register.filter(expects_localtime=True, is_safe=False)
def local_date(value, arg: str | None = None):
    """`{{ day|local_date:"D j M Y" }}`: "vr 11 dec 2026" in Dutch, "Fri 11 Dec 2026" in English."""
    language = (translation.get_language() or "").split("-")[0]
    if arg and arg not in FORMAT_SETTINGS and language in LOWER_CASE_MONTH_LANGUAGES:
        arg = _UNESCAPED_M.sub("b", arg)
    return date_filter(value, arg)
