"""Every page a demo role reaches from its navigation, at a phone's, a small laptop's and a desktop's width, in
Dutch and in English: the page opens without an error, nothing is wider than the window, and axe-core finds no
WCAG 2.1 A/AA violation on the portal's own pages (issue 12, "Done when").

The demo is loaded as `make run` loads it. One login per distinct set of roles is enough to see every menu; the
walk follows the header's links (menus and the role switch included), not the pages' own links (the link walk
does those)."""

from urllib.parse import urlsplit

import pytest

from accounts.models import User
from accounts.selectors import user_roles
from demo.seed import DEMO_PASSWORD, seed_demo

from .fixtures import _log_in
from .test_accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

WIDTHS = (375, 1024, 1280)
LANGUAGES = ("nl", "en")
# Not the portal's own pages: Django's admin has its own markup; its width and status are still checked.
AXE_EXEMPT_PREFIXES = ("/admin/",)


def header_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("header nav a[href]", "links => links.map(link => link.getAttribute('href'))")
    return [href for href in hrefs if href.startswith("/")]


def page_width_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def logins_with_distinct_roles(logins) -> list[str]:
    chosen, seen = [], set()
    for login in logins:
        roles = user_roles(User.objects.get(email=login.email))
        if roles not in seen:
            seen.add(roles)
            chosen.append(login.email)
    return chosen


def test_every_role_can_use_every_page_of_its_navigation(page, live_server):
    logins = seed_demo()
    emails = logins_with_distinct_roles(logins)
    problems = []
    visited_pages = 0
    for language in LANGUAGES:
        for email in emails:
            page.context.clear_cookies()
            page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            page.set_viewport_size({"width": 1280, "height": 900})
            _log_in(page, live_server.url, email, DEMO_PASSWORD)
            to_visit, seen = [urlsplit(page.url).path], set()
            while to_visit:
                path = to_visit.pop(0)
                if path in seen:
                    continue
                seen.add(path)
                response = page.goto(live_server.url + path)
                visited_pages += 1
                if response is None or response.status >= 400:
                    problems.append(f"{language} {email} {path}: HTTP {response.status if response else '?'}")
                    continue
                to_visit.extend(link for link in header_links(page) if link not in seen)
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    overflow = page_width_overflow(page)
                    if overflow > 0:
                        problems.append(f"{language} {email} {path} at {width} px: {overflow} px wider than the window")
                    if not path.startswith(AXE_EXEMPT_PREFIXES):
                        try:
                            assert_accessible(page)
                        except AssertionError as error:
                            problems.append(f"{language} {email} {path} at {width} px: {error}")
                page.set_viewport_size({"width": 1280, "height": 900})
    assert visited_pages > 2 * len(emails) * 3, "the walk saw too few pages: is the navigation rendered?"
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
