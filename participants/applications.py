"""Organisations applying to a learning programme (the democratic-craftsmanship *leergang*).

Not individuals but municipalities sign up: an HR adviser of the municipality applies, HR of the
programme's owner plans an intake conversation, records the municipality's questions, and then admits it
to a learning group (a cohort of the programme) or declines it.

    applied ──plan intake──▶ intake planned ──record questions──▶ intake held ──admit──▶ admitted
       └──────────────┴───────────────────────────┴──decline──▶ declined

Services raise `PermissionDenied` for someone outside their scope (views answer 404 before that, through
the selectors) and `ValidationError` with a message for a step that is not possible now.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.scoping import is_hr_of
from programmes.models import Cohort, Programme
from programmes.selectors import programmes_open_for_applications

from .models import OrganisationApplication

Status = OrganisationApplication.Status

# Which step may be taken from which status.
PLAN_INTAKE_FROM = (Status.APPLIED, Status.INTAKE_PLANNED)
RECORD_INTAKE_FROM = (Status.INTAKE_PLANNED, Status.INTAKE_HELD)
ADMIT_FROM = (Status.INTAKE_HELD,)
DECLINE_FROM = (Status.APPLIED, Status.INTAKE_PLANNED, Status.INTAKE_HELD)
# A learning group that has not finished yet can take another municipality.
ADMITTING_COHORT_STATUSES = (Cohort.Status.PLANNED, Cohort.Status.OPEN, Cohort.Status.FULL, Cohort.Status.RUNNING)


# --- selectors ---------------------------------------------------------------------------------------------


def programme_open_for_applications(*, slug: str) -> Programme:
    return get_object_or_404(programmes_open_for_applications(), slug=slug)


def applicant_organisations(*, user: User, programme: Programme) -> QuerySet[Organisation]:
    """The municipalities this HR adviser may apply for (never the programme's owner itself)."""
    return (
        Organisation.objects.managed_by(user)
        .filter(kind=Organisation.Kind.MUNICIPALITY)
        .exclude(pk=programme.owner_id)
        .order_by("name")
    )


def applications_of_own_organisations(*, user: User, programme: Programme) -> QuerySet[OrganisationApplication]:
    """The applications of the HR adviser's own organisations to this programme, newest first."""
    return (
        OrganisationApplication.objects.filter(
            programme=programme, organisation__in=Organisation.objects.managed_by(user)
        )
        .select_related("organisation", "contact", "cohort")
        .order_by("-applied_at", "-pk")
    )


def applications_for_programme_owner(*, user: User, programme: Programme) -> QuerySet[OrganisationApplication]:
    """All applications to a programme, for HR of the organisation that owns it (empty for anyone else)."""
    queryset = OrganisationApplication.objects.filter(programme=programme).managed_by(user)
    return queryset.select_related("organisation", "contact", "cohort").order_by("applied_at", "pk")


def application_for_programme_owner(*, user: User, programme: Programme, pk: int) -> OrganisationApplication:
    """One application, for HR of the programme's owner; 404 for anyone else."""
    return get_object_or_404(applications_for_programme_owner(user=user, programme=programme), pk=pk)


def admitting_cohorts(*, programme: Programme) -> QuerySet[Cohort]:
    """The learning groups of the programme a municipality can still be admitted to."""
    return Cohort.objects.filter(programme=programme, status__in=ADMITTING_COHORT_STATUSES).order_by(
        "start_date", "name"
    )


# --- services ----------------------------------------------------------------------------------------------


def _require_programme_owner_hr(*, programme: Programme, by: User) -> None:
    if not is_hr_of(by, programme.owner_id):
        raise PermissionDenied


def _locked(application: OrganisationApplication) -> OrganisationApplication:
    return OrganisationApplication.objects.select_for_update().select_related("programme").get(pk=application.pk)


def _require_status(application: OrganisationApplication, allowed: tuple[str, ...], message: str) -> None:
    if application.status not in allowed:
        raise ValidationError(message % {"status": Status(application.status).label})


def _copy_back(target: OrganisationApplication, source: OrganisationApplication) -> None:
    for field in ("status", "intake_at", "questions", "cohort_id", "decision_reason", "updated_at"):
        setattr(target, field, getattr(source, field))


def application_submit(
    *, programme: Programme, organisation: Organisation, contact: User, motivation: str, commitment: str
) -> OrganisationApplication:
    """A municipality applies; the contact is an HR adviser of that municipality."""
    if not is_hr_of(contact, organisation.pk):
        raise PermissionDenied
    if programme.enrolment_mode != Programme.EnrolmentMode.ORGANISATION or not programme.is_active:
        raise ValidationError(_("Organisations cannot apply to this programme."))
    if organisation.kind != Organisation.Kind.MUNICIPALITY or organisation.pk == programme.owner_id:
        raise ValidationError(_("Only municipalities can apply to this programme."))
    errors = {}
    if not motivation.strip():
        errors["motivation"] = _("Tell why your municipality wants to take part.")
    if not commitment.strip():
        errors["commitment"] = _("Describe the commitment of college, council and civil servants.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return OrganisationApplication.objects.create(
                programme=programme,
                organisation=organisation,
                contact=contact,
                motivation=motivation.strip(),
                commitment=commitment.strip(),
                status=Status.APPLIED,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(organisation)s has already applied to this programme.") % {"organisation": organisation.name}
        ) from None


@transaction.atomic
def application_plan_intake(
    *, application: OrganisationApplication, by: User, intake_at: datetime
) -> OrganisationApplication:
    """Plan (or move) the intake conversation with the municipality."""
    locked = _locked(application)
    _require_programme_owner_hr(programme=locked.programme, by=by)
    _require_status(locked, PLAN_INTAKE_FROM, _("An intake cannot be planned for an application that is “%(status)s”."))
    if timezone.is_naive(intake_at):
        intake_at = timezone.make_aware(intake_at)
    if intake_at < timezone.now():
        raise ValidationError({"intake_at": _("Plan the intake conversation in the future.")})
    locked.intake_at = intake_at
    locked.status = Status.INTAKE_PLANNED
    locked.save(update_fields=["intake_at", "status", "updated_at"])
    _copy_back(application, locked)
    return locked


@transaction.atomic
def application_record_intake(
    *, application: OrganisationApplication, by: User, questions: str
) -> OrganisationApplication:
    """Record the municipality's questions from the intake conversation (they shape the learning group)."""
    locked = _locked(application)
    _require_programme_owner_hr(programme=locked.programme, by=by)
    _require_status(
        locked, RECORD_INTAKE_FROM, _("Questions can be recorded after an intake is planned, not when “%(status)s”.")
    )
    if not questions.strip():
        raise ValidationError({"questions": _("Write down the municipality's questions.")})
    locked.questions = questions.strip()
    locked.status = Status.INTAKE_HELD
    locked.save(update_fields=["questions", "status", "updated_at"])
    _copy_back(application, locked)
    return locked


@transaction.atomic
def application_admit(*, application: OrganisationApplication, by: User, cohort: Cohort) -> OrganisationApplication:
    """Admit the municipality to a learning group; it becomes a participating organisation of the programme."""
    locked = _locked(application)
    _require_programme_owner_hr(programme=locked.programme, by=by)
    _require_status(
        locked, ADMIT_FROM, _("Only after the intake can a municipality be admitted, not when “%(status)s”.")
    )
    if cohort.programme_id != locked.programme_id:
        raise ValidationError({"cohort": _("This learning group belongs to another programme.")})
    if cohort.status not in ADMITTING_COHORT_STATUSES:
        raise ValidationError({"cohort": _("This learning group has finished.")})
    locked.cohort = cohort
    locked.status = Status.ADMITTED
    locked.save(update_fields=["cohort", "status", "updated_at"])
    locked.programme.participating_organisations.add(locked.organisation_id)
    _copy_back(application, locked)
    return locked


@transaction.atomic
def application_decline(*, application: OrganisationApplication, by: User, reason: str) -> OrganisationApplication:
    """Decline the application, with a reason the municipality sees."""
    locked = _locked(application)
    _require_programme_owner_hr(programme=locked.programme, by=by)
    _require_status(locked, DECLINE_FROM, _("An application that is “%(status)s” cannot be declined."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason, so the municipality knows why.")})
    locked.decision_reason = reason.strip()
    locked.status = Status.DECLINED
    locked.save(update_fields=["decision_reason", "status", "updated_at"])
    _copy_back(application, locked)
    return locked
