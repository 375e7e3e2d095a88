"""Programmes (their rules, tracks and cost model) and cohorts, the runs of a programme."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.scoping import ManagedByHRQuerySet


class ProgrammeQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("owner_id",)


class Programme(models.Model):
    class Kind(models.TextChoices):
        TRAINEESHIP = "traineeship", _("Traineeship")
        YOUNG_STAFF_TRACK = "young_staff_track", _("Development track for young staff")
        EXCHANGE = "exchange", _("Job exchange")
        LEARNING_PROGRAMME = "learning_programme", _("Learning programme for organisations")

    class EnrolmentMode(models.TextChoices):
        INDIVIDUAL = "individual", _("People enrol themselves")
        ORGANISATION = "organisation", _("Organisations apply")

    class PlacementPattern(models.TextChoices):
        NONE = "none", _("No placements")
        ROTATION = "rotation", _("Rotation (3 × 8 months)")
        FIXED = "fixed", _("Fixed placement (2 years)")
        ROTATION_OR_FIXED = "rotation_or_fixed", _("Rotation or fixed, chosen per host")
        CLIENT_ASSIGNMENTS = "client_assignments", _("Assignments at client municipalities")
        JOB_SWAP = "job_swap", _("Job swap (3 months)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="owned_programmes", verbose_name=_("owner")
    )
    participating_organisations = models.ManyToManyField(
        Organisation, related_name="programmes", blank=True, verbose_name=_("participating organisations")
    )
    enrolment_mode = models.CharField(
        _("enrolment"), max_length=20, choices=EnrolmentMode.choices, default=EnrolmentMode.INDIVIDUAL
    )
    # Eligibility rules (empty means: no rule).
    max_age_exclusive = models.PositiveSmallIntegerField(
        _("only for people younger than"), null=True, blank=True, help_text=_("For example 36 for “under 36”.")
    )
    education_levels = models.JSONField(
        _("education levels"), default=list, blank=True, help_text=_("Empty means every level.")
    )
    requires_introduction_completed = models.BooleanField(_("introduction programme must be completed"), default=False)
    requires_participating_employer = models.BooleanField(
        _("only for staff of participating organisations"), default=True
    )
    requires_manager_approval = models.BooleanField(_("manager approval required"), default=True)
    # Group rules.
    group_capacity = models.PositiveSmallIntegerField(_("group size"), default=15)
    start_threshold = models.PositiveSmallIntegerField(
        _("number needed to start"), default=15, help_text=_("The group starts when this many are placed.")
    )
    extra_seats_min = models.PositiveSmallIntegerField(_("extra seats in open sessions, at least"), default=0)
    extra_seats_max = models.PositiveSmallIntegerField(_("extra seats in open sessions, at most"), default=0)
    duration_months = models.PositiveSmallIntegerField(_("duration in months"), default=6)
    hours_per_week = models.DecimalField(
        _("programme hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    placement_pattern = models.CharField(
        _("placement pattern"), max_length=30, choices=PlacementPattern.choices, default=PlacementPattern.NONE
    )
    decision_window_working_days = models.PositiveSmallIntegerField(
        _("decision window (working days)"),
        default=10,
        help_text=_(
            "How long a request waiting for its manager holds its place in the queue, in working days "
            "(public holidays excluded). After it, the request keeps its place on the waitlist only."
        ),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance to complete (%)"),
        null=True,
        blank=True,
        help_text=_("Empty means attendance does not decide completion."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(start_threshold__gte=1), name="programme_start_threshold_positive"),
            models.CheckConstraint(condition=Q(group_capacity__gte=1), name="programme_capacity_positive"),
            models.CheckConstraint(
                condition=Q(extra_seats_max__gte=models.F("extra_seats_min")), name="programme_extra_seats_range"
            ),
            models.CheckConstraint(
                condition=Q(decision_window_working_days__gte=1), name="programme_decision_window_positive"
            ),
            models.CheckConstraint(
                condition=Q(min_attendance_percent__isnull=True) | Q(min_attendance_percent__lte=100),
                name="programme_min_attendance_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    """A year level (VNG jaar 1 / jaar 2) or a specialisation (Talentenregio's financial track)."""

    class Kind(models.TextChoices):
        YEAR_LEVEL = "year_level", _("Year level")
        SPECIALISATION = "specialisation", _("Track")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["programme", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="track_unique_name_per_programme")]

    def __str__(self) -> str:
        return self.name


class CostItem(models.Model):
    """One line of a programme's cost model per group, e.g. 4 trainings × €2,000, or a subsidy."""

    class Kind(models.TextChoices):
        COST = "cost", _("Cost")
        SUBSIDY = "subsidy", _("Subsidy")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cost_items", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COST)
    description = models.CharField(_("description"), max_length=200)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    unit_amount = models.DecimalField(_("amount each (€)"), max_digits=10, decimal_places=2)
    is_certain = models.BooleanField(
        _("certain"), default=True, help_text=_("Uncheck for a subsidy that is possible but not granted yet.")
    )

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        ordering = ["programme", "kind", "pk"]
        constraints = [models.CheckConstraint(condition=Q(unit_amount__gte=0), name="cost_item_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"

    @property
    def total(self) -> Decimal:
        return self.quantity * self.unit_amount


class CohortQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("programme__owner_id",)


class Cohort(models.Model):
    """One run of a programme (*groep*, *lichting*, *leergroep*)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for enrolment")
        FULL = "full", _("Full")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        EVALUATED = "evaluated", _("Evaluated")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    track = models.ForeignKey(
        Track, on_delete=models.PROTECT, related_name="cohorts", null=True, blank=True, verbose_name=_("track")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    start_threshold = models.PositiveSmallIntegerField(_("number needed to start"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="coordinated_cohorts",
        null=True,
        blank=True,
        verbose_name=_("coordinator"),
    )
    ready_notified_at = models.DateTimeField(_("HR told it can start at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="cohort_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name
