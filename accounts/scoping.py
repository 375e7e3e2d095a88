"""The one rule of who manages what: an HR adviser manages what belongs to their own organisations.

Everything the portal shows HR (people, programmes, cohorts, sessions, coaches, placements) is scoped by
this rule. It is written here once: `hr_organisation_ids` for one object, `is_hr_of` for a check, and
`ManagedByHRQuerySet.managed_by` for a list, which each model's QuerySet points at its organisation.
"""

from django.db import models

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


def is_hr_of(user, organisation_id: int | None) -> bool:
    """Whether the person is an HR adviser of this organisation."""
    return organisation_id is not None and organisation_id in hr_organisation_ids(user)


class ManagedByHRQuerySet(models.QuerySet):
    """Rows that belong to an organisation and are managed by that organisation's HR advisers.

    `organisation_field` is the lookup from the row to the id of that organisation.
    """

    organisation_field = "organisation_id"

    def managed_by(self, user):
        return self.filter(**{f"{self.organisation_field}__in": hr_organisation_ids(user)})
