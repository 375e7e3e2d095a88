"""What every part of a job swap shares: its period, the live statuses, the sides of an approval, the checks."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from accounts.scoping import is_hr_of
from participants.models import Enrolment
from programmes.models import Cohort, Programme

from ..models import Swap
from ..swap_matching import Reason

SWAP_MONTHS = 3
LIVE_STATUSES = (Swap.Status.PROPOSED, Swap.Status.FINAL)
HOME, HOST = "home", "host"
SIDES = (HOME, HOST)
NO_MANAGER_REASON = Reason(gettext_noop("no manager is registered to approve a swap"))


def swap_period(starts_on: date) -> tuple[date, date]:
    """Three months from the start date, the last day included: 1 October → 31 December."""
    return starts_on, starts_on + relativedelta(months=SWAP_MONTHS) - timedelta(days=1)


def person_name(person: User) -> str:
    return person.full_name or person.email


def check_job_swap(cohort: Cohort) -> None:
    if cohort.programme.placement_pattern != Programme.PlacementPattern.JOB_SWAP:
        raise ValidationError(_("This programme has no job swaps."), code="not_job_swap")


def check_hr(*, user, cohort: Cohort) -> None:
    if not is_hr_of(user, cohort.programme.owner_id):
        raise PermissionDenied(_("Only HR of the programme may do this."))


def current_member_ids(cohort: Cohort) -> set[int]:
    return set(
        User.objects.filter(enrolments__cohort=cohort, enrolments__status__in=Enrolment.CURRENT_STATUSES).values_list(
            "pk", flat=True
        )
    )


def has_manager(person: User) -> bool:
    return person.manager_id is not None and person.manager.is_active
