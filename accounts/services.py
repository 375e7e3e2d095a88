"""Writes about people: invitations, profile changes and roles. Views, tasks and commands call these."""

import logging
from datetime import date
from decimal import Decimal

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import EmailTracking, send_templated_email, tracked_email_send

from .models import Department, Invitation, Organisation, Role, RoleAssignment, User
from .scoping import is_hr_of
from .signals import manager_changed

logger = logging.getLogger(__name__)


def email_address_mark_verified(*, user: User) -> None:
    """HR's records are the source of the address, so it counts as verified for login."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


@transaction.atomic
def person_create(
    *,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    department: Department | None = None,
    manager: User | None = None,
    date_of_birth: date | None = None,
    employment_start_date: date | None = None,
    education_level: str = "",
    introduction_completed_on: date | None = None,
    contract_hours: Decimal | None = None,
) -> User:
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A person with this e-mail address already exists.")})
    _check_belongs_to(organisation, department=department, manager=manager)
    person = User.objects.create_user(
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        department=department,
        manager=manager,
        date_of_birth=date_of_birth,
        employment_start_date=employment_start_date,
        education_level=education_level,
        introduction_completed_on=introduction_completed_on,
        contract_hours=contract_hours,
    )
    email_address_mark_verified(user=person)
    return person


def _check_belongs_to(organisation: Organisation, *, department: Department | None, manager: User | None) -> None:
    if department is not None and department.organisation_id != organisation.id:
        raise ValidationError({"department": _("This department belongs to another organisation.")})
    if manager is not None and manager.organisation_id != organisation.id:
        raise ValidationError({"manager": _("The manager must work for the same organisation.")})


@transaction.atomic
def person_update(*, person: User, **fields) -> User:
    """Change a person's employment facts (not their e-mail address: that is theirs to change and verify)."""
    allowed = {
        "first_name",
        "last_name",
        "department",
        "manager",
        "date_of_birth",
        "employment_start_date",
        "education_level",
        "introduction_completed_on",
        "contract_hours",
        "is_active",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"person_update cannot change {sorted(unknown)}")
    organisation = person.organisation
    _check_belongs_to(organisation, department=fields.get("department"), manager=fields.get("manager"))
    manager = fields.get("manager")
    if manager is not None and manager.pk == person.pk:
        raise ValidationError({"manager": _("A person cannot be their own manager.")})
    old_manager_id = person.manager_id
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean(exclude=["password", "email"])
    person.save(update_fields=[*fields])
    if person.manager_id != old_manager_id:
        manager_changed.send(
            sender=User, person=person, old_manager_id=old_manager_id, new_manager_id=person.manager_id
        )
    return person


@transaction.atomic
def person_invite(*, invited_by: User | None, person: User) -> Invitation:
    """Record an invitation and e-mail it once the surrounding transaction has committed."""
    from .tasks import send_invitation

    invitation = Invitation.objects.create(user=person, invited_by=invited_by)
    transaction.on_commit(lambda: send_invitation.delay(invitation.pk))
    return invitation


def invitation_set_password_url(*, user: User) -> str:
    """A link to allauth's set-password page, valid until the person sets a password or logs in."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return f"{settings.SITE_URL}{path}"


INVITATION_EMAIL = EmailTracking(
    status_field="status",
    attempts_field="attempts",
    error_field="last_error",
    sent_at_field="sent_at",
    sent=Invitation.Status.SENT,
    failed=Invitation.Status.FAILED,
)


def invitation_send(*, invitation_id: int) -> bool:
    """Send one invitation e-mail, once; False if there was nothing to send (core.mail.tracked_email_send)."""
    return tracked_email_send(
        queryset=Invitation.objects.select_related("user__organisation", "invited_by"),
        pk=invitation_id,
        tracking=INVITATION_EMAIL,
        send=lambda invitation: _send_invitation_email(invitation=invitation),
    )


def _send_invitation_email(*, invitation: Invitation) -> None:
    user = invitation.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = _("Your Groeipad account is ready")
    send_templated_email(
        recipient=user,
        subject=subject,
        template="accounts/email/invitation",
        context={
            "person": user,
            "organisation": user.organisation,
            "invited_by": invitation.invited_by,
            "set_password_url": invitation_set_password_url(user=user),
            "site_url": settings.SITE_URL,
        },
    )


@transaction.atomic
def role_assign(*, user: User, role: str, organisation: Organisation | None = None) -> RoleAssignment:
    if role == Role.HR_ADVISER and organisation is None:
        raise ValidationError({"organisation": _("An HR adviser needs an organisation.")})
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, organisation=organisation)
    return assignment


@transaction.atomic
def role_revoke(*, user: User, role: str, organisation: Organisation | None = None) -> None:
    RoleAssignment.objects.filter(user=user, role=role, organisation=organisation).delete()


@transaction.atomic
@transaction.atomic
def organisation_settings_update(
    *, organisation: Organisation, by: User, liberation_day_every_year: bool
) -> Organisation:
    """HR of the organisation changes its own settings (today: whether 5 May is a day off every year)."""
    if not is_hr_of(by, organisation.pk):
        raise PermissionDenied(_("Only HR of this organisation may change its settings."))
    organisation.liberation_day_every_year = liberation_day_every_year
    organisation.save(update_fields=["liberation_day_every_year"])
    return organisation


@transaction.atomic
def department_create(*, organisation: Organisation, name: str) -> Department:
    name = " ".join(name.split())
    if Department.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError(_("This organisation already has a department with that name."))
    return Department.objects.create(organisation=organisation, name=name)


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Store the language a person chose for their pages and e-mails.

    Only ever called for the logged-in person themselves (the footer's switch, My profile): nobody
    chooses another person's language.
    """
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose one of the portal's languages.")})
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user
