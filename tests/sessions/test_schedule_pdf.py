"""The PDF of a cohort's schedule: for HR of the owning organisation and the cohort's members only, with the
organisation's name on it, and rendered without fetching anything but our own static files."""

import re
import threading
import zlib
from datetime import date, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.pdf import ResourceRefused, html_to_pdf, static_file_for, url_fetcher
from sessions import calendar
from tests.factories import IntervisionGroupFactory, SessionFactory, UserFactory

STATIC_CSS = Path(settings.BASE_DIR) / "static" / "css" / "groeipad.css"


def pdf_url(cohort) -> str:
    return reverse("sessions:cohort_schedule_pdf", args=[cohort.pk])


@pytest.fixture
def planned(running):
    """The running cohort with two sessions, one cancelled, and two intervision groups with a session each."""
    first, second = running.members[0], running.members[1]
    north = IntervisionGroupFactory(cohort=running.cohort, name="Groep Noord", facilitator=running.trainer)
    north.members.add(first)
    south = IntervisionGroupFactory(cohort=running.cohort, name="Groep Zuid")
    south.members.add(second)
    return {
        "running": running,
        "training": SessionFactory(
            cohort=running.cohort,
            title="Zwolse Politieke Antenne",
            date=date(2027, 9, 17),
            start_time=time(9, 0),
            end_time=time(16, 30),
            trainer=running.trainer,
        ),
        "cancelled": SessionFactory(
            cohort=running.cohort, cancelled=True, title="Samenwerken", date=date(2027, 12, 10)
        ),
        "north": SessionFactory(
            cohort=running.cohort, intervision=True, intervision_group=north, title="Intervisie Noord"
        ),
        "south": SessionFactory(
            cohort=running.cohort, intervision=True, intervision_group=south, title="Intervisie Zuid"
        ),
    }


def pdf_streams(pdf: bytes) -> bytes:
    """All of a PDF's compressed streams, inflated (where WeasyPrint puts the document information)."""
    return b"\n".join(zlib.decompress(stream) for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S))


def schedule_html(*, cohort, user, language: str) -> str:
    """The HTML the view gives WeasyPrint."""
    with translation.override(language):
        schedule = calendar.cohort_schedule(cohort=cohort, user=user)
        return render_to_string("sessions/cohort_schedule_pdf.html", {"schedule": schedule})


# --- who may have it ---------------------------------------------------------------------------------------


def test_hr_of_the_owning_organisation_gets_the_pdf(english_client, planned):
    # given HR of Zwolle
    running = planned["running"]
    client = english_client
    client.force_login(running.hr)

    # when they ask for the cohort's schedule as PDF
    response = client.get(pdf_url(running.cohort))

    # then they get a PDF named after the programme and the cohort
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="leer-en-ontwikkeltraject-jonge-medewerkers-groep-2027-1.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    # with the organisation as author and the programme and cohort as title
    information = pdf_streams(response.content)
    assert b"/Author (Gemeente Zwolle)" in information
    assert b"/Title (Schedule: Leer- en ontwikkeltraject jonge medewerkers - Groep 2027-1)" in information


def test_a_member_gets_the_pdf(client, planned):
    # given a member of the cohort
    running = planned["running"]
    client.force_login(running.members[0])

    # when they ask for the schedule, then they get the PDF
    response = client.get(pdf_url(running.cohort))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["other_hr", "outsider", "trainer", "career_adviser", "manager"])
def test_anyone_else_gets_404(client, planned, who):
    # given someone who is neither HR of Zwolle nor a member of the cohort
    running = planned["running"]
    client.force_login(getattr(running, who))

    # when they ask for the schedule, then it does not exist for them
    response = client.get(pdf_url(running.cohort))

    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_a_member_who_withdrew_gets_404(client, planned):
    # given a member whose enrolment was withdrawn
    running = planned["running"]
    person = running.members[2]
    person.enrolments.update(status="withdrawn")
    client.force_login(person)

    # when they ask for the schedule, then it answers 404
    assert client.get(pdf_url(running.cohort)).status_code == 404


def test_an_unknown_cohort_and_an_anonymous_visitor_are_refused(client, planned):
    running = planned["running"]
    # an anonymous visitor is sent to the login page
    response = client.get(pdf_url(running.cohort))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # HR asking for a cohort that does not exist gets 404
    client.force_login(running.hr)
    assert client.get(reverse("sessions:cohort_schedule_pdf", args=[running.cohort.pk + 1000])).status_code == 404


# --- what is on it -----------------------------------------------------------------------------------------


def test_the_schedule_names_the_organisation_programme_cohort_and_sessions(planned):
    # given HR of Zwolle
    running = planned["running"]

    # when the schedule is rendered in English
    html = schedule_html(cohort=running.cohort, user=running.hr, language="en")

    # then the organisation, programme, cohort, sessions, trainer and group are on it, a cancelled session marked
    assert '<p class="organisation">Gemeente Zwolle</p>' in html
    assert "<h1>Leer- en ontwikkeltraject jonge medewerkers</h1>" in html
    assert "Groep 2027-1" in html
    assert '<td class="nowrap">Friday 17 September 2027</td>' in html
    assert '<td class="nowrap">09:00–16:30</td>' in html
    assert "Zwolse Politieke Antenne" in html
    assert running.trainer.full_name in html
    assert '<tr class="cancelled">' in html
    assert '<span class="title">Samenwerken</span> <span class="tag">Cancelled</span>' in html
    assert "Stadhuis Zwolle, zaal 2" in html
    # HR sees every intervision group's session
    assert "Intervisie Noord" in html
    assert "Intervisie Zuid" in html
    assert "made with Groeipad on" in html


def test_the_dates_follow_the_active_language(planned):
    running = planned["running"]

    html = schedule_html(cohort=running.cohort, user=running.hr, language="nl")

    assert '<td class="nowrap">vrijdag 17 september 2027</td>' in html


def test_a_member_sees_only_their_own_intervision_groups_sessions(planned):
    # given a member of group North
    running = planned["running"]

    # when their schedule is rendered
    html = schedule_html(cohort=running.cohort, user=running.members[0], language="en")

    # then the cohort's sessions and their group's are on it, the other group's are not
    assert "Zwolse Politieke Antenne" in html
    assert "Intervisie Noord" in html
    assert "Groep Noord" in html
    assert "Intervisie Zuid" not in html
    assert "Groep Zuid" not in html


def test_user_text_is_escaped(planned):
    # given a session whose title and place hold HTML
    running = planned["running"]
    SessionFactory(
        cohort=running.cohort,
        title='<img src="http://example.com/x.png">',
        location='<link rel="stylesheet" href="http://example.com/x.css">',
    )

    # when the schedule is rendered
    html = schedule_html(cohort=running.cohort, user=running.hr, language="en")

    # then it is text, not markup
    assert '<img src="http://example.com/x.png">' not in html
    assert "&lt;img src=&quot;http://example.com/x.png&quot;&gt;" in html
    assert '<link rel="stylesheet" href="http://example.com/x.css">' not in html


def test_the_pdf_uses_a_fixed_number_of_queries(client, planned, django_assert_num_queries):
    # given HR of Zwolle and a few sessions
    running = planned["running"]
    client.force_login(running.hr)

    def add_sessions(count: int) -> None:
        for index in range(count):
            SessionFactory(cohort=running.cohort, trainer=UserFactory(), date=date(2027, 9, 3) + timedelta(days=index))

    # when the PDF is made with few sessions, then with many
    with django_assert_num_queries(5) as small:
        assert client.get(pdf_url(running.cohort)).status_code == 200
    add_sessions(25)
    with django_assert_num_queries(5) as large:
        assert client.get(pdf_url(running.cohort)).status_code == 200

    # then the count did not grow
    assert len(large.captured_queries) == len(small.captured_queries)


# --- nothing external is fetched ---------------------------------------------------------------------------


def test_the_url_fetcher_serves_our_static_files():
    # when WeasyPrint asks for our stylesheet, by path or under SITE_URL
    by_path = url_fetcher("/static/css/groeipad.css")
    by_site = url_fetcher(settings.SITE_URL + "/static/css/groeipad.css")

    # then it gets the file from disk
    assert by_path.read() == STATIC_CSS.read_bytes()
    assert by_site.read() == STATIC_CSS.read_bytes()
    assert by_path.content_type == "text/css"
    assert static_file_for("/static/css/groeipad.css") == STATIC_CSS


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/css/groeipad.css",
        "//example.com/static/css/groeipad.css",
        "file:///etc/passwd",
        "file:///static/css/groeipad.css",
        "/etc/passwd",
        "/static/../config/settings/base.py",
        "/static/%2e%2e/manage.py",
        "/static/css/../../manage.py",
        "/static/css/missing.css",
        "data:text/css,body{}",
        "ftp://127.0.0.1/static/css/groeipad.css",
    ],
)
def test_the_url_fetcher_refuses_everything_else(url):
    with pytest.raises(ResourceRefused):
        url_fetcher(url)


class _RecordingHandler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red; }")

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@pytest.fixture
def listening_server():
    """A real HTTP server on this machine that records every request it gets."""
    _RecordingHandler.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RecordingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _RecordingHandler.hits
    server.shutdown()
    server.server_close()


def test_rendering_fetches_no_external_url(listening_server):
    # given HTML with an external image, an external stylesheet, a local file and our own stylesheet
    base, hits = listening_server
    html = f"""<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="{base}/external.css">
      <link rel="stylesheet" href="/static/css/groeipad.css">
      <style>@import url("{base}/imported.css"); body {{ background: url("{base}/background.png"); }}</style>
    </head><body><h1>Gemeente Zwolle</h1>
      <img src="{base}/x.png" alt=""><img src="file:///etc/passwd" alt="">
    </body></html>"""
    # the server really answers when asked directly (so a fetch would have been seen)
    from urllib.request import urlopen

    with urlopen(f"{base}/probe") as probe:
        assert probe.status == 200
    assert hits == ["/probe"]

    # when it is rendered to PDF
    pdf = html_to_pdf(html)

    # then the PDF is made and the server was never asked for anything
    assert pdf.startswith(b"%PDF")
    assert hits == ["/probe"]
