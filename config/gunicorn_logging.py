"""Gunicorn's access log without secrets in paths: a calendar feed's URL holds its owner's private token."""

import re

from gunicorn.glogging import Logger

# /sessions/calendar/<token>.ics — the token is a credential; the log keeps the rest of the line.
SECRET_PATH = re.compile(r"(/sessions/calendar/)[^/?\s]+(\.ics)")


def mask_secrets(text):
    return SECRET_PATH.sub(r"\1…\2", text) if isinstance(text, str) else text


class MaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            atoms[key] = mask_secrets(atoms.get(key))
        return atoms
