"""HTML to PDF with WeasyPrint, fetching nothing but our own static files.

A PDF template may contain user text (titles, places, names). The template engine escapes it, and the URL
fetcher below refuses every URL that is not one of our static files, so an `<img src="http://…">`, an
external stylesheet, or `file:///etc/passwd` is never read, whatever ends up in the HTML. WeasyPrint is
imported only when a PDF is made: it loads Pango at import time, which the rest of the site does not need.
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils._os import safe_join


class ResourceRefused(ValueError):
    """A PDF asked for a URL that is not one of our static files."""


def _static_prefix() -> str:
    return "/" + settings.STATIC_URL.strip("/") + "/"


def _site_origin() -> tuple[str, str]:
    site = urlsplit(settings.SITE_URL)
    return site.scheme.lower(), site.netloc.lower()


def static_file_for(url: str) -> Path:
    """The file on disk of a static URL (`/static/css/groeipad.css`, or the same under SITE_URL).

    Raises ResourceRefused for anything else: other schemes (file:, data:, ftp:), other hosts, paths
    outside STATIC_URL, path traversal, and static names that do not exist.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if (parts.scheme.lower(), parts.netloc.lower()) != _site_origin():
            raise ResourceRefused(f"Not one of our static files: {parts.scheme}://{parts.netloc}")
    path = unquote(parts.path)
    prefix = _static_prefix()
    if not path.startswith(prefix):
        raise ResourceRefused("Not under STATIC_URL")
    name = path[len(prefix) :]
    normalised = posixpath.normpath(name)
    if not name or normalised != name or normalised.startswith(("/", "..")) or "\\" in name or "\x00" in name:
        raise ResourceRefused("Not a plain static file name")
    found = finders.find(normalised)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        candidate = Path(safe_join(str(settings.STATIC_ROOT), normalised))
        if candidate.is_file():
            return candidate
    raise ResourceRefused("No such static file")


def url_fetcher(url: str):
    """WeasyPrint's fetch for a URL: the static file's bytes, or ResourceRefused (WeasyPrint then leaves the
    resource out and logs a warning)."""
    from weasyprint.urls import URLFetcherResponse

    path = static_file_for(url)
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime_type})


def html_to_pdf(html: str) -> bytes:
    """A PDF of this HTML. Relative URLs resolve against SITE_URL, so `{% static %}` links work."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return url_fetcher(url)

    return HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=StaticOnlyFetcher()).write_pdf()


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a Django template (autoescaped) and turn it into a PDF."""
    return html_to_pdf(render_to_string(template_name, context, request=request))
