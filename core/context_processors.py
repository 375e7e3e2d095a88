from .theme import theme_from_settings


def theme(request):
    """The municipality's theme for base.html: its name and logo in the header, its /theme.css if any."""
    return {"theme": theme_from_settings()}
