"""Every link a demo user is shown leads somewhere: no 4xx or 5xx (issue 10, section 4).

The demo data is loaded as `make run` loads it; then, for EVERY demo login that `seed_demo` prints, the test
logs in with the demo password and walks breadth-first from the person's home page, menu and dashboards over
every link to this site (GET only, never the logout link, never a form), to a bounded depth. URLs that differ
only in their ids or query values count as one page, which keeps the walk to about a minute; a few of each are
still opened so that one bad object among good ones is found. Every failing link is reported with the login,
the page it was found on and the status, not just the first.

Run it alone with `pytest -m link_walk`.
"""

import re
from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse

from accounts.models import User
from accounts.selectors import user_roles
from config.urls import urlpatterns as portal_urlpatterns
from dashboards.navigation import ROLE_DASHBOARD_URL_NAMES, navigation_for
from demo.seed import DEMO_PASSWORD

pytestmark = [pytest.mark.link_walk, pytest.mark.django_db]

# Pages at this depth are opened and checked, but their own links are not followed.
MAX_DEPTH = 4
# How many URLs of one shape (same path with the ids left out, same query parameter names) are opened per login.
PER_SHAPE = 3
HOSTS = {"testserver", urlsplit(settings.SITE_URL).netloc}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.example\b")
ID_SEGMENT = re.compile(r"/(?:\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[A-Za-z0-9_-]{20,})(?=/|$|\.)")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_on(page_url: str, html: str) -> list[str]:
    """The site-internal links of a page as paths with their query (no fragment), in page order."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href = href.strip()
        if href.startswith(("mailto:", "tel:", "javascript:", "webcal:", "data:")):
            continue
        absolute = urlsplit(urljoin("http://testserver" + page_url, urldefrag(href).url))
        if absolute.scheme not in ("http", "https") or absolute.netloc not in HOSTS:
            continue
        found.append(absolute.path + (f"?{absolute.query}" if absolute.query else ""))
    return found


def shape_of(url: str) -> tuple[str, tuple[str, ...]]:
    """The same page for another object or another search: ids left out, query values left out."""
    parts = urlsplit(url)
    return ID_SEGMENT.sub("/<id>", parts.path), tuple(sorted({name for name, _value in parse_qsl(parts.query)}))


@dataclass(frozen=True)
class Failure:
    login: str  # as seed_demo prints it: role, e-mail address and what the login is for
    found_on: str
    link: str
    status: int
    ended_at: str

    def __str__(self) -> str:
        where = f" (redirected to {self.ended_at})" if self.ended_at != self.link else ""
        return f"{self.login}: {self.link} answers {self.status}{where}, linked from {self.found_on}"


def demo_logins() -> dict[str, str]:
    """The e-mail addresses that `seed_demo` prints, each with its printed line (role and description)."""
    out = StringIO()
    call_command("seed_demo", stdout=out)
    logins = {}
    for line in out.getvalue().splitlines():
        for email in EMAIL.findall(line):
            logins.setdefault(email, " ".join(line.split()))
    return logins


def start_pages(person: User) -> list[str]:
    """Where a person starts: the home page, every menu item, every dashboard of theirs, the header's links."""
    pages = [reverse("dashboards:home")]
    pages += [item.url for section in navigation_for(person) for item in section.items]
    pages += [reverse(ROLE_DASHBOARD_URL_NAMES[role]) for role in user_roles(person)]
    pages += [reverse("notifications:inbox"), reverse("account_email")]
    return list(dict.fromkeys(pages))


def is_walkable(url: str) -> bool:
    """Every link but the logout link (which is a form anyway; a GET link to it would end the walk)."""
    return urlsplit(url).path != reverse("account_logout")


def walk(client: Client, login: str, starts: list[str]) -> tuple[list[Failure], int]:
    """Open `starts` and, breadth-first, the links on them; return what failed and how many URLs were opened."""
    failures: list[Failure] = []
    opened: set[str] = set()
    per_shape: dict[tuple, int] = {}
    queue = deque((url, "(menu and dashboards)", 0) for url in starts)
    # Django's admin is Django's own: the pages its index links to are checked, but not walked further.
    admin = reverse("admin:index")
    while queue:
        url, found_on, depth = queue.popleft()
        if url in opened or not is_walkable(url):
            continue
        shape = shape_of(url)
        if per_shape.get(shape, 0) >= PER_SHAPE:
            continue
        per_shape[shape] = per_shape.get(shape, 0) + 1
        opened.add(url)
        response = client.get(url, follow=True)
        ended_at = response.request["PATH_INFO"]
        if response.status_code >= 400:
            failures.append(Failure(login, found_on, url, response.status_code, ended_at))
            continue
        if depth >= MAX_DEPTH or url.startswith(admin) and url != admin:
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue  # a download (CSV, PDF, calendar): it answered, that is all there is to check
        for link in links_on(ended_at, response.content.decode()):
            if link not in opened:
                queue.append((link, url, depth + 1))
    return failures, len(opened)


def test_every_link_of_every_demo_login_works():
    logins = demo_logins()
    assert len(logins) >= 8, logins  # every role, and more than one HR adviser and employee

    failures: list[Failure] = []
    opened = {}
    for email, printed in logins.items():
        client = Client(raise_request_exception=False)  # a 500 is reported like a 404, and the walk goes on
        assert client.login(email=email, password=DEMO_PASSWORD), f"{printed}: cannot log in with the demo password"
        person = User.objects.get(email=email)
        login_failures, opened[email] = walk(client, printed, start_pages(person))
        failures += login_failures

    assert not failures, f"{len(failures)} link(s) lead to an error:\n" + "\n".join(f"- {f}" for f in failures)
    # The walk really went somewhere for everyone (a login that sees only its dashboard would be a finding too).
    assert all(count >= 5 for count in opened.values()), opened


# --- the walker itself ----------------------------------------------------------------------------------


def test_links_on_keeps_internal_get_links_only():
    html = """
      <a href="/coaching/">a</a> <a href="people/?page=2#top">b</a> <a href="#main">skip</a>
      <a href="mailto:iemand@zwolle.example">c</a> <a href="https://example.org/x">d</a>
      <a href="http://127.0.0.1:8000/sessions/feed/abc.ics">e</a> <a>no href</a>
      <form method="post" action="/accounts/logout/"><button>x</button></form>
    """

    assert links_on("/accounts/", html) == [
        "/coaching/",
        "/accounts/people/?page=2",
        "/accounts/",
        "/sessions/feed/abc.ics",
    ]


def test_urls_with_other_ids_or_query_values_have_one_shape():
    assert shape_of("/programmes/12/cohorts/7/") == shape_of("/programmes/3/cohorts/40/")
    assert shape_of("/people/?page=2&q=a") == shape_of("/people/?q=b&page=3")
    assert shape_of("/people/?page=2") != shape_of("/people/")
    feed = "/sessions/feed/0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e.ics"
    assert shape_of(feed) == shape_of("/sessions/feed/ffff0000ffff0000ffff0000.ics")


def _page(*links):
    return lambda request: HttpResponse("".join(f'<a href="{link}">x</a>' for link in links))


def _fail(request):
    raise RuntimeError("A bug.")


urlpatterns = [
    path("walk/start/", _page("/walk/next/", "/walk/missing/", "/walk/next/#again", "/accounts/logout/")),
    path("walk/next/", _page("/walk/fails/", "/walk/start/", "/walk/csv/")),
    path("walk/csv/", lambda request: HttpResponse('<a href="/walk/never/">x</a>', content_type="text/csv")),
    path("walk/fails/", _fail),
    *portal_urlpatterns,
]


@pytest.mark.urls(__name__)
def test_the_walk_reports_every_failing_link_with_the_page_it_is_on_and_goes_on():
    client = Client(raise_request_exception=False)

    failures, opened = walk(client, "Trainer t@x.example", ["/walk/start/"])

    assert [str(failure) for failure in failures] == [
        "Trainer t@x.example: /walk/missing/ answers 404, linked from /walk/start/",
        "Trainer t@x.example: /walk/fails/ answers 500, linked from /walk/next/",
    ]
    # Each URL once, the logout link never, and nothing followed from a download.
    assert opened == 5  # start, next, missing, fails and csv
