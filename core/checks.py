"""System checks on settings a municipality fills in, so a mistake shows at start-up instead of in a page."""

from django.core.checks import Warning, register

from .theme import theme_from_settings


@register()
def theme_check(app_configs, **kwargs):
    theme = theme_from_settings()
    warnings = [
        Warning(
            f"GROEIPAD_THEME[{key!r}] is not accepted and is ignored.",
            hint=(
                "Give a colour as #rgb or #rrggbb."
                if key != "logo_url"
                else "Give an https:// address, a path starting with / or a static file such as img/logo.svg."
            ),
            id="core.W001",
        )
        for key in theme.rejected
    ]
    warnings += [
        Warning(
            f"GROEIPAD_THEME: {text} on {background} has a contrast of {ratio}:1, below WCAG AA (4.5:1).",
            hint="Choose a darker background or leave the text colour empty to get white or black.",
            id="core.W002",
        )
        for background, text, ratio in theme.contrast_problems()
    ]
    return warnings
