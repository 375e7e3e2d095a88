"""Who may enrol in what, answered in plain language: an empty list of reasons means eligible.

The functions read only what is already loaded on the objects they get (a programme's
participating organisations are read through ``.all()``, so a prefetch makes a list of
cohorts cost no extra queries).
"""

from datetime import date

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from accounts.models import EducationLevel, User
from programmes.models import Cohort, Programme

# A cohort takes enrolments while it is open, and while it is full: later enrolments join its waitlist.
ENROLLABLE_COHORT_STATUSES = (Cohort.Status.OPEN, Cohort.Status.FULL)


def eligibility_reasons(*, person: User, programme: Programme, on_date: date) -> list[str]:
    """Why this person may not enrol in this programme (empty when they may)."""
    if programme.enrolment_mode == Programme.EnrolmentMode.ORGANISATION:
        # No individual rule matters: the municipality applies, not the person.
        return [_("Municipalities apply for this programme as an organisation; ask your HR department.")]

    reasons: list[str] = []
    if not programme.is_active:
        reasons.append(_("This programme does not take enrolments at the moment."))

    if programme.requires_participating_employer and not _employer_takes_part(person, programme):
        reasons.append(_("Your organisation does not take part in this programme."))

    if programme.max_age_exclusive is not None:
        if person.date_of_birth is None:
            reasons.append(_("Your date of birth is not registered; ask HR."))
        elif person.age_on(on_date) >= programme.max_age_exclusive:
            reasons.append(_("This track is for employees under %(age)s.") % {"age": programme.max_age_exclusive})

    if programme.education_levels:
        if not person.education_level:
            reasons.append(_("Your education level is not registered; ask HR."))
        elif person.education_level not in programme.education_levels:
            labels = [str(EducationLevel(level).label) for level in programme.education_levels]
            reasons.append(
                _("This programme is for staff at %(levels)s level.") % {"levels": get_text_list(labels, _("or"))}
            )

    if programme.requires_introduction_completed and (
        person.introduction_completed_on is None or person.introduction_completed_on > on_date
    ):
        reasons.append(_("You can enrol once your introduction programme is completed."))

    return reasons


def cohort_enrolment_reasons(
    *, person: User, cohort: Cohort, on_date: date, has_live_enrolment: bool | None = None
) -> list[str]:
    """The programme's reasons plus those of this cohort: closed for enrolment, or already enrolled.

    ``has_live_enrolment`` may be passed by a caller that already knows it, to save a query.
    """
    reasons = eligibility_reasons(person=person, programme=cohort.programme, on_date=on_date)
    if cohort.status not in ENROLLABLE_COHORT_STATUSES:
        reasons.append(_("This group is not open for enrolment."))
    if has_live_enrolment is None:
        from .models import Enrolment

        has_live_enrolment = Enrolment.objects.filter(
            cohort=cohort, person=person, status__in=Enrolment.LIVE_STATUSES
        ).exists()
    if has_live_enrolment:
        reasons.append(_("You are already enrolled in this group."))
    return reasons


def _employer_takes_part(person: User, programme: Programme) -> bool:
    if person.organisation_id is None:
        return False
    if person.organisation_id == programme.owner_id:
        return True
    return any(
        organisation.pk == person.organisation_id for organisation in programme.participating_organisations.all()
    )
