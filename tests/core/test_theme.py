"""The municipality's theme (settings.GROEIPAD_THEME): validated colours in /theme.css, the logo in the header."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from core.checks import theme_check
from core.theme import DEFAULT_PRIMARY, Theme, contrast_ratio, theme_from_settings

STATIC = Path(settings.BASE_DIR) / "static"

ZWOLLE = {
    "name": "Groeipad Zwolle",
    "primary": "#1D4F91",
    "primary_text": "",
    "header_background": "#fff",
    "header_text": "#1d4f91",
    "logo_url": "img/favicon.svg",
}


def test_the_default_theme_sets_nothing_so_the_nl_design_system_tokens_decide():
    theme = theme_from_settings()

    assert theme == Theme(name="Groeipad")
    assert theme.css() == ""
    assert theme_check(None) == []


def test_colours_are_normalised_and_a_missing_text_colour_is_the_more_readable_of_white_and_black():
    theme = theme_from_settings(ZWOLLE)

    assert theme.css() == (
        ":root {\n"
        "  --gp-primary: #1d4f91;\n"
        "  --gp-primary-hover: #173f74;\n"
        "  --gp-primary-text: #ffffff;\n"
        "  --gp-header-background: #ffffff;\n"
        "  --gp-header-text: #1d4f91;\n"
        "}\n"
    )
    assert theme.logo_url == "/static/img/favicon.svg"
    assert theme.rejected == ()


@pytest.mark.parametrize(
    "value",
    [
        "red; } body { display: none",
        "#12345",
        "#1d4f91; background: url(https://evil.example/x)",
        "rgb(0, 0, 0)",
        "javascript:alert(1)",
        "#gggggg",
    ],
)
def test_a_value_that_is_not_a_hex_colour_is_ignored_and_reported(value):
    theme = theme_from_settings({"primary": value})

    assert theme.primary == ""
    assert theme.css() == ""
    assert theme.rejected == ("primary",)
    [warning] = _check_with({"primary": value})
    assert warning.id == "core.W001"


def _check_with(configured: dict):
    with override_settings(GROEIPAD_THEME=configured):
        return theme_check(None)


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "http://insecure.example/logo.png", '/logo.svg" onerror="alert(1)', "../secrets.txt"],
)
def test_a_logo_address_that_is_not_https_a_site_path_or_a_static_file_is_ignored(value):
    theme = theme_from_settings({"logo_url": value})

    assert theme.logo_url == ""
    assert theme.rejected == ("logo_url",)


def test_a_text_colour_without_enough_contrast_is_reported_by_the_system_check():
    [warning] = _check_with({"primary": "#1d4f91", "primary_text": "#2a5ca0"})

    assert warning.id == "core.W002"
    assert "1.2" in warning.msg


def test_the_default_colours_meet_wcag_aa():
    # the tokens' values that groeipad.css falls back on: action colour, its hover, body text, footer
    assert contrast_ratio("#00568b", "#ffffff") >= 4.5
    assert contrast_ratio("#003e65", "#ffffff") >= 4.5
    assert contrast_ratio("#001a40", "#ffffff") >= 4.5
    assert contrast_ratio("#001a40", "#eff1f3") >= 4.5
    assert contrast_ratio("#00568b", "#eff1f3") >= 4.5


def test_the_production_check_stays_clean_with_the_default_theme():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_theme_css_serves_the_configured_colours_and_may_be_cached_under_its_version(client):
    with override_settings(GROEIPAD_THEME=ZWOLLE):
        version = theme_from_settings().css_version
        response = client.get(reverse("theme_css"), {"v": version})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "--gp-primary: #1d4f91;" in response.content.decode()
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


@pytest.mark.django_db
def test_theme_css_under_an_old_version_is_cached_only_briefly(client):
    with override_settings(GROEIPAD_THEME=ZWOLLE):
        response = client.get(reverse("theme_css"), {"v": "old"})

    assert "max-age=300" in response["Cache-Control"]


@pytest.mark.django_db
def test_theme_css_of_an_invalid_setting_holds_nothing_of_it(client):
    with override_settings(GROEIPAD_THEME={"primary": "red;}</style><script>alert(1)</script>"}):
        response = client.get(reverse("theme_css"))

    assert response.content == b""


@pytest.mark.django_db
def test_a_page_links_the_theme_and_shows_the_logo_and_name_in_the_header(client):
    with override_settings(GROEIPAD_THEME=ZWOLLE):
        version = theme_from_settings().css_version
        content = client.get(reverse("account_login")).content.decode()

    assert f'<link rel="stylesheet" href="/theme.css?v={version}">' in content
    assert '<img class="gp-logo" src="/static/img/favicon.svg" alt="">Groeipad Zwolle</a>' in content


@pytest.mark.django_db
def test_a_page_with_the_default_theme_links_no_theme_and_shows_no_logo(client):
    content = client.get(reverse("account_login")).content.decode()

    assert "/theme.css" not in content
    assert "gp-logo" not in content
    assert "vendor/nl-design-system/voorbeeld-design-tokens.css" in content


def test_the_web_manifest_names_groeipad_and_its_icons_exist_at_their_sizes():
    manifest = json.loads((STATIC / "manifest.webmanifest").read_text())

    assert manifest["name"] == "Groeipad"
    assert manifest["theme_color"] == DEFAULT_PRIMARY
    sizes = {}
    for icon in manifest["icons"]:
        path = STATIC / icon["src"]
        assert path.is_file(), icon["src"]
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                sizes[icon["sizes"]] = image.size
    assert sizes == {"192x192": (192, 192), "512x512": (512, 512)}
    with Image.open(STATIC / "img" / "apple-touch-icon.png") as image:
        assert image.size == (180, 180)


@pytest.mark.django_db
def test_every_page_links_the_icons_the_manifest_and_the_browser_colour(client):
    content = client.get(reverse("account_login")).content.decode()

    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in content
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in content
    assert '<meta name="theme-color" content="#00568b">' in content
