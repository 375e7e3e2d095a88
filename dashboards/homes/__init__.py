"""Each role's home: what needs the person now and how their programmes are doing, one module per role,
built from selectors with a fixed number of queries."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionItem:
    """One thing that waits for the person on their home: a sentence, and one link to where they act."""

    kind: str  # stable key per kind of work: for tests and for the icon
    text: str
    url: str
    action: str
    icon: str = ""  # a name for {% icon %} (core/templatetags/icons.py); the HR home marks each kind
