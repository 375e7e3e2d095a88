"""HR keeps a programme's curriculum templates in the browser."""

import pytest
from django.urls import reverse

from sessions.models import CurriculumTemplate

from .test_planner import zwolle_template

pytestmark = pytest.mark.django_db


def _rows(rows: list[dict]) -> dict:
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"form-{index}-{name}": value for name, value in row.items()})
    return data


TEMPLATE = {
    "name": "VNG jaar 1",
    "interval_weeks": "1",
    "weekday": "4",
    "skip_public_holidays": "on",
    "christmas_break_start": "12-19",
    "christmas_break_end": "01-04",
}
DAYS = {
    "kind": "programme_day",
    "title": "Programmadag",
    "start_time": "09:30",
    "end_time": "16:30",
    "repeat_count": "36",
    "cost": "0",
}


def test_hr_creates_a_weekly_template_with_a_repeated_programme_day(client, running):
    client.force_login(running.hr)

    response = client.post(
        reverse("sessions:template_create", args=[running.programme.slug]),
        # the browser also sends the untouched empty row with its initial values; it is left out
        {**TEMPLATE, **_rows([DAYS, {"kind": "", "repeat_count": "1", "cost": "0"}])},
    )

    assert response.status_code == 302
    template = CurriculumTemplate.objects.get(programme=running.programme)
    assert (template.interval_weeks, template.weekday, template.christmas_break_end) == (1, 4, "01-04")
    assert list(template.items.values_list("title", "repeat_count")) == [("Programmadag", 36)]


def test_a_template_with_a_bad_break_date_or_no_sessions_is_refused_and_nothing_is_saved(english_client, running):
    english_client.force_login(running.hr)
    url = reverse("sessions:template_create", args=[running.programme.slug])

    bad_date = english_client.post(url, {**TEMPLATE, "christmas_break_start": "13-40", **_rows([DAYS])})
    no_sessions = english_client.post(url, {**TEMPLATE, **_rows([])})

    assert bad_date.status_code == no_sessions.status_code == 400
    assert "month-day" in bad_date.content.decode()
    assert "at least one session" in no_sessions.content.decode()
    assert not CurriculumTemplate.objects.exists()


def test_editing_replaces_the_items_in_their_new_order(client, running):
    template = zwolle_template(running.programme)
    client.force_login(running.hr)
    rows = [
        {
            "kind": "start_meeting",
            "title": "Start",
            "start_time": "15:00",
            "end_time": "17:00",
            "repeat_count": "1",
            "cost": "0",
        },
        {
            "kind": "end_meeting",
            "title": "Einde",
            "start_time": "15:00",
            "end_time": "17:00",
            "repeat_count": "1",
            "cost": "0",
        },
    ]

    response = client.post(
        reverse("sessions:template_edit", args=[template.pk]),
        {**TEMPLATE, "name": "Zwolle kort", "interval_weeks": "2", **_rows(rows)},
    )

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.name == "Zwolle kort"
    assert list(template.items.order_by("position").values_list("position", "title")) == [(1, "Start"), (2, "Einde")]


def test_hr_of_another_organisation_cannot_see_or_change_the_templates(client, running):
    template = zwolle_template(running.programme)
    client.force_login(running.other_hr)

    assert client.get(reverse("sessions:template_list", args=[running.programme.slug])).status_code == 404
    response = client.post(reverse("sessions:template_edit", args=[template.pk]), {**TEMPLATE, **_rows([DAYS])})

    assert response.status_code == 404
    assert CurriculumTemplate.objects.get(pk=template.pk).name == "Zwolle pilot"
    assert template.items.count() == 12
