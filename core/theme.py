"""The portal's visual identity: a municipality's colours, logo and name from settings.GROEIPAD_THEME.

Rules:
- Every key may be left empty; the look then comes from the NL Design System tokens that
  static/css/groeipad.css maps onto Bootstrap (vendor/nl-design-system), and the name is "Groeipad".
- Colours are accepted only as hexadecimal `#rgb` or `#rrggbb`. Anything else is ignored (and reported by
  the system check core.W001), so a setting can never write arbitrary CSS into /theme.css.
- Without `primary_text`, the text on the primary colour is white or black, whichever contrasts more;
  a pair that falls short of WCAG AA (4.5:1) is reported by the system check core.W002.
- `logo_url` is an https address, a path on this site ("/media/logo.svg") or a static file ("img/logo.svg");
  anything else is ignored.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static

DEFAULT_NAME = "Groeipad"
# The NL Design System example theme's action colour (--basis-color-action-2-inverse-bg-default in
# vendor/nl-design-system); groeipad.css uses the token itself, charts need it as a value.
DEFAULT_PRIMARY = "#00568b"
WHITE, BLACK = "#ffffff", "#000000"
AA_CONTRAST = 4.5

COLOUR_KEYS = ("primary", "primary_text", "header_background", "header_text")
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
LOGO_URL = re.compile(r"https://[^\s\"'<>()\\]+|/[^\s\"'<>()\\]*|[A-Za-z0-9_][A-Za-z0-9_./-]*")


def colour_normalise(value: str) -> str | None:
    """`#rrggbb` in lower case for a valid hex colour, None for anything else."""
    value = (value or "").strip()
    if not HEX_COLOUR.fullmatch(value):
        return None
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a `#rrggbb` colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two `#rrggbb` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or black, whichever reads better on `background`."""
    return WHITE if contrast_ratio(background, WHITE) >= contrast_ratio(background, BLACK) else BLACK


def colour_darken(colour: str, *, amount: float = 0.2) -> str:
    """`colour` mixed with `amount` black: the hover and active shade of a button."""
    return "#" + "".join(f"{round(channel * (1 - amount)):02x}" for channel in _channels(colour))


def logo_url_resolve(value: str) -> str:
    """The logo's address for an <img src>, or "" when the setting is empty or not an accepted form."""
    value = (value or "").strip()
    if not value or not LOGO_URL.fullmatch(value) or ".." in value:
        return ""
    if value.startswith(("https://", "/")):
        return value
    return static(value)


@dataclass(frozen=True)
class Theme:
    """The validated theme; colours are `#rrggbb` or "" where the NL Design System default applies."""

    name: str = DEFAULT_NAME
    primary: str = ""
    primary_text: str = ""
    header_background: str = ""
    header_text: str = ""
    logo_url: str = ""
    rejected: tuple[str, ...] = field(default=(), compare=False)

    @property
    def chart_primary(self) -> str:
        """The primary colour as a value (charts are drawn on a canvas, which cannot read CSS variables)."""
        return self.primary or DEFAULT_PRIMARY

    @property
    def theme_colour(self) -> str:
        """The colour a browser gives its own bar around the page (<meta name="theme-color">): the header's."""
        return self.header_background or self.chart_primary

    def custom_properties(self) -> dict[str, str]:
        """The CSS custom properties this theme overrides, in a fixed order; empty for the default theme."""
        properties = {}
        if self.primary:
            properties["--gp-primary"] = self.primary
            properties["--gp-primary-hover"] = colour_darken(self.primary)
            properties["--gp-primary-text"] = self.primary_text or text_colour_on(self.primary)
        elif self.primary_text:
            properties["--gp-primary-text"] = self.primary_text
        if self.header_background:
            properties["--gp-header-background"] = self.header_background
            properties["--gp-header-text"] = self.header_text or text_colour_on(self.header_background)
        elif self.header_text:
            properties["--gp-header-text"] = self.header_text
        return properties

    def css(self) -> str:
        """The stylesheet served as /theme.css; every value in it passed colour_normalise."""
        lines = [f"  {name}: {value};" for name, value in self.custom_properties().items()]
        return ":root {\n" + "\n".join(lines) + "\n}\n" if lines else ""

    @property
    def css_version(self) -> str:
        """Changes whenever the stylesheet does, so browsers may cache /theme.css?v=… for a year."""
        return hashlib.sha256(self.css().encode()).hexdigest()[:12]

    def contrast_problems(self) -> list[tuple[str, str, float]]:
        """(background key, text key, ratio) for each pair below WCAG AA."""
        properties = self.custom_properties()
        problems = []
        for background, text, keys in (
            ("--gp-primary", "--gp-primary-text", ("primary", "primary_text")),
            ("--gp-header-background", "--gp-header-text", ("header_background", "header_text")),
        ):
            if background in properties:
                ratio = contrast_ratio(properties[background], properties[text])
                if ratio < AA_CONTRAST:
                    problems.append((*keys, round(ratio, 2)))
        return problems


def theme_from_settings(configured: dict | None = None) -> Theme:
    """The theme of settings.GROEIPAD_THEME (or of `configured`), with every invalid value left out."""
    configured = getattr(settings, "GROEIPAD_THEME", {}) if configured is None else configured
    colours, rejected = {}, []
    for key in COLOUR_KEYS:
        raw = str(configured.get(key) or "")
        colours[key] = colour_normalise(raw) or ""
        if raw.strip() and not colours[key]:
            rejected.append(key)
    raw_logo = str(configured.get("logo_url") or "")
    logo_url = logo_url_resolve(raw_logo)
    if raw_logo.strip() and not logo_url:
        rejected.append("logo_url")
    return Theme(
        name=str(configured.get("name") or "").strip() or DEFAULT_NAME,
        logo_url=logo_url,
        rejected=tuple(rejected),
        **colours,
    )
