"""People, the organisations they work for, and what they may do in the portal."""

from datetime import date

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import age_on

from .roles import Role
from .scoping import ManagedByHRQuerySet


class OrganisationQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("id",)


class Organisation(models.Model):
    """A municipality, an association (VNG) or a region/network (Talentenregio, AV region)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        ASSOCIATION = "association", _("Association")
        REGION = "region", _("Region or network")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    networks = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="members",
        blank=True,
        verbose_name=_("networks"),
        help_text=_("Networks this organisation takes part in, such as Talentenregio or the AV region."),
    )
    # The CAO Gemeenten makes Liberation Day (5 May) a day off for municipal staff every year; many other
    # collective agreements only every fifth year (which is all the `holidays` library knows).
    liberation_day_every_year = models.BooleanField(
        _("5 May (Liberation Day) is a day off every year"),
        default=True,
        help_text=_("As the CAO Gemeenten sets for municipal staff. Off: only in lustrum years (2025, 2030, …)."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department of an organisation; managers approve from its budget."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)

    objects = ManagedByHRQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "organisation", name="department_unique_name_per_organisation"),
        ]

    def __str__(self) -> str:
        return self.name


class EducationLevel(models.TextChoices):
    MBO = "mbo", _("mbo")
    MBO_PLUS = "mbo+", _("mbo+")
    HBO = "hbo", _("hbo")
    WO = "wo", _("wo (university)")


class UserManager(BaseUserManager.from_queryset(ManagedByHRQuerySet)):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: the e-mail address is the login. Employment facts drive programme eligibility."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("department"),
    )
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        related_name="reports",
        null=True,
        blank=True,
        verbose_name=_("manager"),
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    employment_start_date = models.DateField(_("employment start date"), null=True, blank=True)
    education_level = models.CharField(_("education level"), max_length=4, choices=EducationLevel.choices, blank=True)
    introduction_completed_on = models.DateField(_("introduction programme completed on"), null=True, blank=True)
    contract_hours = models.DecimalField(
        _("contract hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    # Blank means the person has not chosen: pages follow the footer's language cookie, e-mails are Dutch.
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, blank=True, default=""
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform admin"), default=False, help_text=_("May use the Django admin of the whole platform.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_unique_email_case_insensitive"),
            models.CheckConstraint(condition=~Q(manager=F("id")), name="user_not_own_manager"),
            models.CheckConstraint(
                condition=Q(contract_hours__isnull=True) | Q(contract_hours__gte=0, contract_hours__lte=60),
                name="user_contract_hours_in_range",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "last_name"], name="user_org_last_name_idx")]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day: date) -> int | None:
        """Age in whole years on a day (None without a date of birth)."""
        if self.date_of_birth is None:
            return None
        return age_on(born=self.date_of_birth, on_date=day)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name or self.email


# Roles that are granted explicitly; manager, employee and platform admin are also derived
# (having reports, working for an organisation, being a superuser).
ASSIGNABLE_ROLES = [Role.HR_ADVISER, Role.MANAGER, Role.COACH, Role.TRAINER, Role.CAREER_ADVISER]


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=[(r.value, r.label) for r in ASSIGNABLE_ROLES])
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
        help_text=_("For HR advisers: the organisation whose people they manage."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="role_unique_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(organisation__isnull=True), name="role_unique_without_organisation"
            ),
            models.CheckConstraint(
                condition=~Q(role="hr_adviser") | Q(organisation__isnull=False),
                name="role_hr_adviser_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.organisation or '-'})"


class InvitationQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("user__organisation_id",)


class Invitation(models.Model):
    """An e-mail inviting a person to set a password; its status tells HR whether it arrived."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("person"))
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"


class PeopleImport(models.Model):
    """An uploaded HR export. The file is kept only until it is imported (or discarded)."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Checked, waiting for confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        COMPLETED = "completed", _("Imported")
        FAILED = "failed", _("Failed")
        DISCARDED = "discarded", _("Discarded")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="people_imports", verbose_name=_("organisation")
    )
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.TextField(_("content"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    problem_count = models.PositiveIntegerField(_("problems"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    error_message = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = ManagedByHRQuerySet.as_manager()

    class Meta:
        verbose_name = _("people import")
        verbose_name_plural = _("people imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
