"""core.charts: the Chart.js configuration and the table alternative of a chart."""

import json
import re

import pytest
from django.template.loader import render_to_string

from core.charts import PALETTE, Chart, Series
from core.theme import DEFAULT_PRIMARY, Theme, contrast_ratio


def table_rows(html: str) -> list[list[str]]:
    """The cells of the table's body, as text."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        rows.append(
            [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row, re.S)]
        )
    return rows


def attendance_chart(**kwargs) -> Chart:
    defaults = {
        "title": "Attendance per member",
        "kind": "bar",
        "labels": ["Anna de Boer", "Bram Jansen"],
        "series": [Series("Attendance", [100, 50]), Series("Minimum", [75, 75], kind="line")],
        "unit": "%",
        "horizontal": True,
        "max_value": 100,
        "labels_heading": "Member",
        "theme": Theme(),
    }
    return Chart(**(defaults | kwargs))


def test_the_config_has_the_labels_the_values_and_the_theme_colour_first():
    config = attendance_chart().as_config()

    assert config["type"] == "bar"
    assert config["data"]["labels"] == ["Anna de Boer", "Bram Jansen"]
    bars, minimum = config["data"]["datasets"]
    assert bars == {
        "label": "Attendance",
        "data": [100, 50],
        "borderColor": DEFAULT_PRIMARY,
        "backgroundColor": DEFAULT_PRIMARY + "cc",
        "borderWidth": 1,
        "stack": "values-0",
    }
    assert minimum["type"] == "line"
    assert minimum["data"] == [75, 75]
    assert minimum["borderColor"] == PALETTE[0]
    assert minimum["stack"] == "reference-1"  # never added to the bars
    assert config["options"]["indexAxis"] == "y"
    assert config["options"]["scales"] == {
        "y": {"stacked": False},
        "x": {"beginAtZero": True, "stacked": False, "max": 100},
    }
    assert config["options"]["plugins"]["legend"]["display"] is True
    json.dumps(config)  # json_script must be able to serialise it


def test_a_municipalitys_primary_colour_leads_and_its_own_colour_wins():
    chart = attendance_chart(
        series=[Series("Present", [1, 2]), Series("Absent", [0, 1]), Series("Late", [1, 0], colour="#123456")],
        theme=Theme(primary="#1d4f91"),
    )

    assert chart.colours() == ["#1d4f91", PALETTE[0], "#123456"]


def test_a_stacked_line_chart_stacks_both_axes_and_has_points():
    config = attendance_chart(
        kind="line", stacked=True, horizontal=False, series=[Series("Present", [3, 4])]
    ).as_config()

    assert config["options"]["scales"]["x"] == {"stacked": True}
    assert config["options"]["scales"]["y"]["stacked"] is True
    [dataset] = config["data"]["datasets"]
    assert dataset["pointRadius"] == 3
    assert config["options"]["plugins"]["legend"]["display"] is False


def test_a_reference_on_a_line_chart_is_dashed_without_points_and_never_stacked():
    config = attendance_chart(
        kind="line",
        horizontal=False,
        stacked=True,
        series=[Series("Places taken", [3, 4]), Series("Capacity", [15, 15], reference=True)],
    ).as_config()

    taken, capacity = config["data"]["datasets"]
    assert (taken["pointRadius"], taken["stack"], "borderDash" in taken) == (3, "values", False)  # stacked=True
    assert capacity["type"] == "line"
    assert (capacity["pointRadius"], capacity["borderDash"], capacity["stack"]) == (0, [6, 4], "reference-1")


def test_bars_of_two_series_stand_side_by_side_unless_stacked():
    series = [Series("Coachees now", [2, 1]), Series("Maximum", [3, 5])]

    side_by_side = attendance_chart(series=series).as_config()["data"]["datasets"]
    stacked = attendance_chart(series=series, stacked=True).as_config()["data"]["datasets"]

    assert [dataset["stack"] for dataset in side_by_side] == ["values-0", "values-1"]
    assert [dataset["stack"] for dataset in stacked] == ["values", "values"]


def test_a_chart_of_counts_has_whole_number_ticks_only():
    assert attendance_chart(counts=True).as_config()["options"]["scales"]["x"]["ticks"] == {"precision": 0}
    assert "ticks" not in attendance_chart().as_config()["options"]["scales"]["x"]


def test_a_series_needs_a_value_for_every_label():
    with pytest.raises(ValueError, match="has 1 values for 2 labels"):
        attendance_chart(series=[Series("Attendance", [100])])


def test_the_chart_id_comes_from_the_title_unless_given():
    assert attendance_chart().chart_id == "chart-attendance-per-member"
    assert attendance_chart(chart_id="chart-two").data_id == "chart-two-data"


def test_every_palette_colour_has_3_to_1_contrast_against_the_page():
    assert all(contrast_ratio(colour, "#ffffff") >= 3 for colour in (DEFAULT_PRIMARY, *PALETTE))


def test_the_include_renders_a_named_canvas_the_config_and_a_table_with_the_same_numbers():
    chart = attendance_chart()

    html = render_to_string("includes/_chart.html", {"chart": chart})

    assert '<figure class="gp-chart" id="chart-attendance-per-member">' in html
    assert '<figcaption class="gp-chart-title">Attendance per member</figcaption>' in html
    assert (
        '<canvas role="img" aria-label="Attendance per member" data-chart="chart-attendance-per-member-data" '
        'data-chart-unit="%"></canvas>'
    ) in html
    script = html.split('<script id="chart-attendance-per-member-data" type="application/json">', 1)[1]
    assert json.loads(script.split("</script>", 1)[0]) == chart.as_config()
    assert '<details class="gp-chart-table" data-chart-table open>' in html
    assert table_rows(html) == [["Anna de Boer", "100%", "75%"], ["Bram Jansen", "50%", "75%"]]
    assert '<th scope="col">Member</th>' in html


def test_labels_and_titles_are_escaped_in_the_canvas_the_table_and_the_script():
    chart = attendance_chart(title='<b>"x"</b>', labels=["<script>alert(1)</script>", "Bram"])

    html = render_to_string("includes/_chart.html", {"chart": chart})

    assert "<script>alert(1)</script>" not in html
    assert "<b>" not in html
