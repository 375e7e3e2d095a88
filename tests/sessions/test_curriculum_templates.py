"""HR keeps a programme's curriculum templates in the browser: rhythm, breaks (per school-holiday region), sessions."""

import pytest
from django.urls import reverse

from sessions.models import CurriculumTemplate, TemplateBreak

from .test_planner import zwolle_template

pytestmark = pytest.mark.django_db


def _rows(rows: list[dict], prefix: str = "form") -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def _breaks(rows: list[dict]) -> dict:
    return _rows(rows, prefix="breaks")


CHRISTMAS = {"name": "Kerstvakantie", "region": "", "starts_on": "12-19", "ends_on": "01-04"}
TEMPLATE = {
    "name": "VNG jaar 1",
    "interval_weeks": "1",
    "weekday": "4",
    "skip_public_holidays": "on",
    "school_region": "",
    **_breaks([CHRISTMAS]),
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
    assert (template.interval_weeks, template.weekday, template.school_region) == (1, 4, "")
    assert list(template.breaks.values_list("name", "region", "starts_on", "ends_on")) == [
        ("Kerstvakantie", "", "12-19", "01-04")
    ]
    assert list(template.items.values_list("title", "repeat_count")) == [("Programmadag", 36)]


def test_a_template_with_a_bad_break_date_or_no_sessions_is_refused_and_nothing_is_saved(english_client, running):
    english_client.force_login(running.hr)
    url = reverse("sessions:template_create", args=[running.programme.slug])

    bad_date = english_client.post(url, {**TEMPLATE, **_breaks([{**CHRISTMAS, "starts_on": "13-40"}]), **_rows([DAYS])})
    no_such_day = english_client.post(
        url, {**TEMPLATE, **_breaks([{**CHRISTMAS, "ends_on": "02-30"}]), **_rows([DAYS])}
    )
    no_sessions = english_client.post(url, {**TEMPLATE, **_rows([])})

    assert bad_date.status_code == no_such_day.status_code == no_sessions.status_code == 400
    assert "month-day" in bad_date.content.decode()
    assert "This day does not exist." in no_such_day.content.decode()
    assert "at least one session" in no_sessions.content.decode()
    assert not CurriculumTemplate.objects.exists()
    assert not TemplateBreak.objects.exists()


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


# --- breaks ---------------------------------------------------------------------------------------------------


def test_a_new_template_offers_a_christmas_and_a_summer_holiday_for_every_region(client, running):
    client.force_login(running.hr)

    response = client.get(reverse("sessions:template_create", args=[running.programme.slug]))

    breaks = response.context["break_formset"]
    assert [
        (str(form.initial["name"]), form.initial["starts_on"], form.initial["ends_on"]) for form in breaks.forms[:2]
    ] == [
        ("Kerstvakantie", "12-20", "01-03"),
        ("Zomervakantie", "07-04", "08-31"),
    ]
    assert 'name="breaks-0-name"' in response.content.decode()


def test_hr_gives_a_template_its_regions_summer_holiday_besides_christmas(client, running):
    client.force_login(running.hr)
    summer_north = {"name": "Zomervakantie", "region": "noord", "starts_on": "07-11", "ends_on": "08-23"}
    summer_south = {"name": "Zomervakantie", "region": "zuid", "starts_on": "07-18", "ends_on": "08-30"}

    response = client.post(
        reverse("sessions:template_create", args=[running.programme.slug]),
        {
            **TEMPLATE,
            "school_region": "noord",
            # the browser also sends an untouched empty break row; it is left out
            **_breaks(
                [CHRISTMAS, summer_north, summer_south, {"name": "", "region": "", "starts_on": "", "ends_on": ""}]
            ),
            **_rows([DAYS]),
        },
    )

    assert response.status_code == 302
    template = CurriculumTemplate.objects.get(programme=running.programme)
    assert template.school_region == "noord"
    assert list(template.breaks.values_list("name", "region", "starts_on", "ends_on")) == [
        ("Zomervakantie", "noord", "07-11", "08-23"),
        ("Zomervakantie", "zuid", "07-18", "08-30"),
        ("Kerstvakantie", "", "12-19", "01-04"),
    ]
    listing = client.get(reverse("sessions:template_list", args=[running.programme.slug])).content.decode()
    assert "Zomervakantie (Noord) 11 juli – 23 augustus" in listing
    assert "Kerstvakantie 19 december – 4 januari" in listing


def test_a_break_for_one_region_needs_the_template_to_follow_a_region_and_nothing_is_saved(english_client, running):
    english_client.force_login(running.hr)
    summer_north = {"name": "Zomervakantie", "region": "noord", "starts_on": "07-11", "ends_on": "08-23"}

    response = english_client.post(
        reverse("sessions:template_create", args=[running.programme.slug]),
        {**TEMPLATE, **_breaks([summer_north]), **_rows([DAYS])},
    )

    assert response.status_code == 400
    assert "Choose the template&#x27;s school-holiday region" in response.content.decode()
    assert not CurriculumTemplate.objects.exists()


def test_editing_shows_the_breaks_and_replaces_them(client, running):
    template = zwolle_template(running.programme)
    client.force_login(running.hr)
    url = reverse("sessions:template_edit", args=[template.pk])

    page = client.get(url)
    assert [form.initial for form in page.context["break_formset"].forms[:1]] == [
        {"name": "Kerstvakantie", "region": "", "starts_on": "12-20", "ends_on": "01-03"}
    ]

    summer = {"name": "Zomervakantie", "region": "", "starts_on": "07-04", "ends_on": "08-31"}
    removed_christmas = {**CHRISTMAS, "DELETE": "on"}
    response = client.post(
        url, {**TEMPLATE, "name": "Zwolle pilot", **_breaks([removed_christmas, summer]), **_rows([DAYS])}
    )

    assert response.status_code == 302
    assert list(template.breaks.values_list("name", flat=True)) == ["Zomervakantie"]
