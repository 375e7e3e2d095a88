"""`{% icon "check-circle" %}`: a Bootstrap Icon, drawn inline so it takes the text colour and needs no request.

    {% load icons %}
    <button type="submit" class="btn btn-primary">{% icon "check-circle" %}{% translate "Approve" %}</button>

The icons are decorative: the SVG is hidden from assistive technology (aria-hidden, and focusable="false" for
old Edge), so the text beside it stays the accessible name. An icon never stands alone on a control.

The icons come from static/vendor/bootstrap-icons/, where `make assets` copies the few that
scripts/vendor-assets.mjs lists. A name that is not there is a mistake in a template: with a literal name the
template does not compile, and with a name from a variable rendering raises, when DEBUG or
GROEIPAD_ICONS_STRICT (on in the tests) is set. In production the icon is left out and the mistake logged,
so a page still works without its icon.
"""

import logging
import re
from functools import cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.base import FilterExpression, Parser, Token
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
logger = logging.getLogger(__name__)

DIRECTORY = "vendor/bootstrap-icons"
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Bootstrap Icons are one <svg ... viewBox="..."> around their paths; only the viewBox and the paths are kept.
SVG = re.compile(r'<svg\b[^>]*\bviewBox="(?P<view_box>[^"]+)"[^>]*>(?P<body>.*)</svg>\s*$', re.DOTALL)


class UnknownIcon(template.TemplateSyntaxError):
    pass


@cache
def _vendored(name: str) -> tuple[str, str] | None:
    """The viewBox and the inner markup of the vendored icon `name`, or None when it is not vendored."""
    if not NAME.fullmatch(name):
        return None
    path = finders.find(f"{DIRECTORY}/{name}.svg")
    if path is None:
        return None
    with open(path, encoding="utf-8") as svg_file:
        match = SVG.match(svg_file.read())
    if match is None:
        raise ValueError(f"{path} is not an SVG in the Bootstrap Icons form.")
    return match["view_box"], "".join(line.strip() for line in match["body"].splitlines())


def _missing(name: str) -> str:
    return f'No icon "{name}" in static/{DIRECTORY}/: add it to ICONS in scripts/vendor-assets.mjs.'


def _strict() -> bool:
    return settings.DEBUG or settings.GROEIPAD_ICONS_STRICT


def render_icon(name: str) -> SafeString:
    """The inline SVG of the vendored icon `name`; see the module docstring for an unknown name."""
    icon = _vendored(name)
    if icon is None:
        message = _missing(name)
        if _strict():
            raise UnknownIcon(message)
        logger.error(message)
        return mark_safe("")
    view_box, body = icon
    # The body is our own vendored file, not user input: it is markup, not text to escape.
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}" fill="currentColor" aria-hidden="true" '
        'focusable="false" class="gp-icon">{}</svg>',
        view_box,
        mark_safe(body),  # noqa: S308
    )


class IconNode(template.Node):
    def __init__(self, name: FilterExpression) -> None:
        self.name = name

    def render(self, context: template.Context) -> str:
        return render_icon(str(self.name.resolve(context)))


@register.tag
def icon(parser: Parser, token: Token) -> IconNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% icon %} takes one name, e.g. {% icon "check-circle" %}.')
    name = parser.compile_filter(bits[1])
    literal = name.var if not name.filters and isinstance(name.var, str) else None
    if literal is not None and _vendored(literal) is None and _strict():
        raise UnknownIcon(_missing(literal))
    return IconNode(name)
