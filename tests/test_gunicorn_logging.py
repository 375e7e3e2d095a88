"""Gunicorn's access log leaves calendar tokens out: the feed URL is its owner's credential."""

from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config

from config.gunicorn_logging import MaskingLogger


def test_the_access_log_masks_a_calendar_feed_token_and_keeps_other_paths():
    logger = MaskingLogger(Config())
    response = SimpleNamespace(status="200 OK", sent=120, headers=[])
    request = SimpleNamespace(headers=[])

    def atoms_for(path: str) -> dict:
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": path,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_REFERER": f"https://groeipad.example{path}",
        }
        return logger.atoms(response, request, environ, timedelta(milliseconds=5))

    feed = atoms_for("/sessions/calendar/s3cr3t-T0ken_abc.ics")
    other = atoms_for("/sessions/my-schedule/")

    assert "s3cr3t" not in feed["r"] + feed["U"] + feed["f"]
    assert feed["U"] == "/sessions/calendar/….ics"
    assert other["U"] == "/sessions/my-schedule/"
