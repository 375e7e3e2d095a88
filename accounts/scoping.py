"""The one rule of who manages what: an HR adviser manages what belongs to their own organisations.

Everything the portal shows HR (people, programmes, cohorts, sessions, coaches, placements) is scoped by
this rule. It is written here once: `hr_organisation_ids` for one object, `is_hr_of` for a check, and
`ManagedByHRQuerySet.managed_by` for a list, which each model's QuerySet points at its organisation.
"""

import operator
from functools import reduce

from django.db import models
from django.db.models import Q

from .roles import Role


def hr_organisation_ids(user) -> frozenset[int]:
    """The organisations whose people this HR adviser manages (none for anyone else), once per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_groeipad_hr_organisation_ids", None)
    if cached is None:
        cached = frozenset(user.role_assignments.filter(role=Role.HR_ADVISER).values_list("organisation_id", flat=True))
        user._groeipad_hr_organisation_ids = cached
    return cached


def is_hr(user) -> bool:
    """Whether the person is an HR adviser of any organisation."""
    return bool(hr_organisation_ids(user))


def is_hr_of(user, organisation_id: int | None) -> bool:
    """Whether the person is an HR adviser of this organisation."""
    return organisation_id is not None and organisation_id in hr_organisation_ids(user)


class ManagedByHRQuerySet(models.QuerySet):
    """Rows that belong to an organisation and are managed by that organisation's HR advisers.

    `organisation_fields` are the lookups from a row to the ids of the organisations whose HR manages it;
    HR of any one of them does (an enrolment: HR of the programme's owner and HR of the person's employer).
    """

    organisation_fields: tuple[str, ...] = ("organisation_id",)

    def managed_by_filter(self, user) -> Q:
        """The condition `managed_by` applies, to combine with others (`Q(person=user) | ...`)."""
        organisation_ids = hr_organisation_ids(user)
        return reduce(operator.or_, (Q(**{f"{field}__in": organisation_ids}) for field in self.organisation_fields))

    def managed_by(self, user):
        return self.filter(self.managed_by_filter(user))
