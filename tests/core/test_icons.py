"""{% icon %}: the vendored Bootstrap Icons drawn inline, decorative, and a wrong name caught."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from core.templatetags.icons import UnknownIcon, render_icon
from dashboards.homes.hr import NEEDS_YOU_ICONS

VENDORED = Path(settings.BASE_DIR) / "static" / "vendor" / "bootstrap-icons"
LITERAL_ICON = re.compile(r"""\{%\s*icon\s+["']([^"']+)["']\s*%\}|action_icon=["']([^"']+)["']""")


def render(source: str, **context) -> str:
    return Template("{% load icons %}" + source).render(Context(context))


def test_an_icon_is_inline_svg_hidden_from_assistive_technology_with_the_paths_of_the_vendored_file():
    html = render('<button>{% icon "check-circle" %}Approve</button>')

    assert html.startswith(
        '<button><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" fill="currentColor" '
        'aria-hidden="true" focusable="false" class="gp-icon"><path d="M8 15A7 7 0 1 1 8 1a7'
    )
    assert html.endswith("</svg>Approve</button>")
    assert html.count("<path ") == (VENDORED / "check-circle.svg").read_text().count("<path ")
    # Nothing of the file's own attributes (width, class="bi ...") comes along, and no title to be read out.
    assert 'width="16"' not in html
    assert "bi-check-circle" not in html
    assert "<title>" not in html


def test_the_name_can_come_from_a_variable():
    assert render("{% icon name %}", name="envelope") == render('{% icon "envelope" %}')


def test_a_misspelt_literal_name_stops_the_template_from_compiling():
    with pytest.raises(UnknownIcon, match='No icon "chek-circle"'):
        Template('{% load icons %}{% icon "chek-circle" %}')


def test_an_unknown_name_from_a_variable_raises_when_rendering():
    template = Template("{% load icons %}{% icon name %}")

    with pytest.raises(UnknownIcon, match='No icon "no-such-icon"'):
        template.render(Context({"name": "no-such-icon"}))


@pytest.mark.parametrize("name", ["../LICENSE", "VERSION", "", "Check-Circle", "check circle"])
def test_a_name_that_is_no_icon_file_name_is_refused_not_looked_up(name):
    with pytest.raises(UnknownIcon):
        render_icon(name)


def test_without_strict_icons_an_unknown_name_is_left_out_and_logged(settings, caplog):
    settings.DEBUG = False
    settings.GROEIPAD_ICONS_STRICT = False

    html = render("<button>{% icon name %}Save</button>", name="no-such-icon")

    assert html == "<button>Save</button>"
    assert 'No icon "no-such-icon"' in caplog.text


def test_the_tag_takes_exactly_one_name():
    with pytest.raises(Exception, match="takes one name"):
        Template('{% load icons %}{% icon "envelope" "gear" %}')


def test_every_icon_a_template_names_is_vendored_and_every_vendored_icon_is_named():
    """Templates that no test renders are checked too, and nothing is vendored that no page shows."""
    named = set(NEEDS_YOU_ICONS.values())
    for template in Path(settings.BASE_DIR).glob("**/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        for match in LITERAL_ICON.finditer(template.read_text()):
            named.add(match[1] or match[2])
    vendored = {path.stem for path in VENDORED.glob("*.svg")}

    assert named == vendored
