"""includes/_page_header.html: how a page starts, an h1 with an optional lead and primary action."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from core.templatetags.icons import render_icon

HEADER = "includes/_page_header.html"


def test_the_header_is_the_title_alone_when_nothing_else_is_given():
    html = render_to_string(HEADER, {"title": "Training"})

    assert '<h1 class="h2 mb-0">Training</h1>' in html
    assert "<p" not in html
    assert "<a" not in html


def test_the_lead_and_the_action_follow_the_title_with_the_action_icon_before_its_text():
    html = render_to_string(
        HEADER,
        {
            "title": "Platform",
            "lead": "How the portal is doing.",
            "action_url": "/admin/",
            "action_label": "Open the Django admin",
            "action_icon": "gear",
        },
    )

    assert html.index("<h1") < html.index('<a class="btn btn-primary" href="/admin/">') < html.index("<p")
    assert f'href="/admin/">{render_icon("gear")}Open the Django admin</a>' in html
    assert '<p class="lead mt-2 mb-0">How the portal is doing.</p>' in html


def test_the_title_and_lead_are_escaped():
    html = render_to_string(HEADER, {"title": "<b>x</b>", "lead": "a & b"})

    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "a &amp; b" in html


def test_every_role_home_starts_with_the_page_header_and_writes_no_h1_of_its_own():
    homes = sorted((Path(settings.BASE_DIR) / "dashboards" / "templates" / "dashboards").glob("[!_]*.html"))

    assert len(homes) == 8
    for home in homes:
        source = home.read_text()
        assert source.count(HEADER) == 1, home.name
        assert "<h1" not in source, home.name
