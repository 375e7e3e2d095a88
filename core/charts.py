"""Charts: a bar or line chart described in Python, drawn by Chart.js and readable as a table.

    chart = Chart(
        title=_("Attendance per member"),
        kind="bar",
        labels=["Anna", "Bram"],
        series=[Series(_("Attendance"), [100, 50]), Series(_("Minimum"), [75, 75], kind="line")],
        unit="%",
        max_value=100,
    )
    {% include "includes/_chart.html" with chart=chart %}

templates/includes/_chart.html shows a <figure> with the canvas, the Chart.js configuration (as_config) in a
json_script, and a <table> of the same numbers; static/js/charts.js (linked by base.html) draws every chart
on a page. Without JavaScript, in print and for screen readers the table carries the data.

Colours: the first series takes the theme's primary colour (settings.GROEIPAD_THEME), the others follow
PALETTE, which is told apart with the common colour-vision deficiencies and has at least 3:1 contrast
against the white page (WCAG 2.1, 1.4.11 non-text contrast).
"""

from dataclasses import dataclass, field
from typing import Literal

from django.utils.text import slugify

from .theme import Theme, theme_from_settings

Kind = Literal["bar", "line"]

# Dark variants of the Okabe-Ito colours: each at least 3:1 against white (tests/core/test_charts.py).
PALETTE = ("#b35900", "#007a5e", "#a6307a", "#5c5c5c", "#806600", "#2f6fb3")
BAR_OPACITY = "cc"  # bars a little lighter than their border, so adjoining stacked bars stay apart


@dataclass(frozen=True)
class Series:
    """One row of values, one per label; None where there is no value. `kind` draws it differently from
    the chart (a "line" over bars: a target or a minimum). `reference` draws it as a dashed line without
    points that is never stacked: a capacity or a threshold on a line chart."""

    label: str
    values: list[float | int | None]
    colour: str | None = None
    kind: Kind | None = None
    reference: bool = False


@dataclass(frozen=True)
class Chart:
    title: str
    kind: Kind
    labels: list[str]
    series: list[Series]
    stacked: bool = False
    unit: str = ""
    horizontal: bool = False  # bars along the labels' axis downwards: for long or many labels
    max_value: float | None = None  # the value axis ends here (100 for percentages), else at the data
    counts: bool = False  # the values are counts of people: the value axis has whole-number ticks only
    labels_heading: str = ""  # the heading of the table's first column
    chart_id: str = ""
    theme: Theme | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(
                    f"Series {series.label!r} has {len(series.values)} values for {len(self.labels)} labels."
                )
        if not self.chart_id:
            object.__setattr__(self, "chart_id", "chart-" + (slugify(self.title) or "unnamed"))

    @property
    def data_id(self) -> str:
        """The id of the json_script that holds as_config()."""
        return f"{self.chart_id}-data"

    @property
    def size(self) -> str:
        """The canvas height, as a class of groeipad.css: a horizontal chart grows with its labels."""
        if self.horizontal and len(self.labels) > 16:
            return "lg"
        if self.horizontal and len(self.labels) > 8:
            return "md"
        return "sm"

    def colours(self) -> list[str]:
        """A colour per series: its own, else the theme's primary for the first and PALETTE for the rest."""
        primary = (self.theme or theme_from_settings()).chart_primary
        free = iter([primary, *(colour for colour in PALETTE if colour != primary)])
        return [series.colour or next(free) for series in self.series]

    def rows(self) -> list[tuple[str, list[float | int | None]]]:
        """The table alternative: per label, the value of each series (in the order of `series`)."""
        return [(label, [series.values[index] for series in self.series]) for index, label in enumerate(self.labels)]

    def as_config(self) -> dict:
        """The Chart.js configuration (https://www.chartjs.org/docs/4.5.1/configuration/), JSON-serialisable.

        Number formats, the unit on the axis and in tooltips, and animation (off for prefers-reduced-motion)
        are added by static/js/charts.js, as they are functions or depend on the browser.
        """
        datasets = []
        for index, (series, colour) in enumerate(zip(self.series, self.colours(), strict=True)):
            kind = series.kind or self.kind
            dataset = {
                "label": series.label,
                "data": series.values,
                "borderColor": colour,
                "backgroundColor": colour + BAR_OPACITY if kind == "bar" else colour,
                "borderWidth": 2 if kind == "line" else 1,
            }
            if series.reference or (series.kind and series.kind != self.kind):
                # a reference drawn over the others (order -1), in a stack of its own so it is never added up
                dataset.update({"type": kind, "pointRadius": 0, "borderDash": [6, 4], "fill": False, "order": -1})
                dataset["stack"] = f"reference-{index}"
            else:
                # stacked: one stack for all values; else a stack per series, so bars stand side by side
                # instead of being drawn over each other
                dataset["stack"] = "values" if self.stacked else f"values-{index}"
                if kind == "line":
                    dataset.update({"pointRadius": 3, "fill": False, "tension": 0})
            datasets.append(dataset)
        label_axis, value_axis = ("y", "x") if self.horizontal else ("x", "y")
        value_scale: dict = {"beginAtZero": True, "stacked": self.stacked}
        if self.max_value is not None:
            value_scale["max"] = self.max_value
        if self.counts:
            value_scale["ticks"] = {"precision": 0}
        return {
            "type": self.kind,
            "data": {"labels": list(self.labels), "datasets": datasets},
            "options": {
                "indexAxis": label_axis,
                "responsive": True,
                "maintainAspectRatio": False,
                "scales": {label_axis: {"stacked": self.stacked}, value_axis: value_scale},
                "plugins": {
                    "legend": {"display": len(self.series) > 1, "position": "bottom"},
                    "title": {"display": False},  # the <figcaption> is the title
                },
            },
        }
