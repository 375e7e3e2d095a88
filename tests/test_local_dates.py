"""Dates are written the Dutch way in Dutch ("vr 11 dec 2026") and the English way in English (issue 12)."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

DAY = date(2026, 12, 11)


def render(source: str, language: str) -> str:
    with translation.override(language):
        return Template("{% load local_dates %}" + source).render(Context({"day": DAY}))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "vr 11 dec 2026"), ("en", "Fri 11 Dec 2026")],
)
def test_an_abbreviated_month_follows_the_language(language, expected):
    assert render('{{ day|local_date:"D j M Y" }}', language) == expected


def test_a_named_format_is_left_to_django():
    assert render('{{ day|local_date:"DATE_FORMAT" }}', "nl") == render('{{ day|date:"DATE_FORMAT" }}', "nl")


def test_an_escaped_letter_m_stays_a_letter():
    assert render(r'{{ day|local_date:"j M \M" }}', "nl") == "11 dec M"
