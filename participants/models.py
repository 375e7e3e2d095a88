"""Enrolment of people (and of organisations) in cohorts, its history, and department budgets."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, Organisation
from accounts.scoping import ManagedByHRQuerySet
from programmes.models import Cohort, Programme


class EnrolmentQuerySet(ManagedByHRQuerySet):
    # HR of the programme's owner and HR of the person's employer both steer an enrolment.
    organisation_fields = ("cohort__programme__owner_id", "person__organisation_id")

    def current(self):
        """Members of their cohort now: placed or active."""
        return self.filter(status__in=self.model.CURRENT_STATUSES)


class Enrolment(models.Model):
    """A person in a cohort. The moment of request decides the order of placement."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        AWAITING_MANAGER = "awaiting_manager", _("Awaiting manager")
        APPROVED = "approved", _("Approved")
        PLACED = "placed", _("Placed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Members of their cohort now: they hold one of its seats.
    CURRENT_STATUSES = (Status.PLACED, Status.ACTIVE)
    # Members now or before: they took part (a completed enrolment keeps its schedule and history).
    MEMBER_STATUSES = (*CURRENT_STATUSES, Status.COMPLETED)
    # Not finished with: one of these per person and cohort at most (a database constraint).
    LIVE_STATUSES = (Status.REQUESTED, Status.AWAITING_MANAGER, Status.APPROVED, Status.WAITLISTED, *MEMBER_STATUSES)
    # Live requests without a seat yet: the cohort's queue, in order of request.
    QUEUE_STATUSES = (Status.AWAITING_MANAGER, Status.APPROVED, Status.WAITLISTED)
    # Cost committed against the paying department's budget, and cost spent.
    COMMITTED_STATUSES = (Status.APPROVED, Status.PLACED, Status.WAITLISTED, Status.ACTIVE)
    SPENT_STATUSES = (Status.COMPLETED,)

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("cohort"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    motivation = models.TextField(_("motivation"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), db_index=True)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="enrolments_to_approve",
        null=True,
        blank=True,
        verbose_name=_("approving manager"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        related_name="enrolments",
        null=True,
        blank=True,
        verbose_name=_("paying department"),
    )
    cost = models.DecimalField(_("cost"), max_digits=10, decimal_places=2, default=0)
    decision_due_at = models.DateTimeField(
        _("manager's decision due"),
        null=True,
        blank=True,
        help_text=_("End of the decision window: until then a request waiting for its manager holds its place."),
    )
    hold_released_at = models.DateTimeField(
        _("place released at"),
        null=True,
        blank=True,
        help_text=_("When the decision window ran out undecided; the request then keeps its place in line only."),
    )
    waitlist_position_told = models.PositiveSmallIntegerField(
        _("number on the waitlist last told"),
        null=True,
        blank=True,
        help_text=_("Kept so that nobody's last message promises a better number than they have."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["requested_at", "pk"]
        constraints = [
            # One live enrolment per person and cohort; after rejection or withdrawal they may enrol again.
            models.UniqueConstraint(
                fields=["cohort", "person"],
                condition=~Q(status__in=["rejected", "withdrawn"]),
                name="enrolment_one_live_per_person_and_cohort",
            ),
            models.CheckConstraint(condition=Q(cost__gte=0), name="enrolment_cost_not_negative"),
        ]
        indexes = [
            models.Index(fields=["cohort", "status", "requested_at"], name="enrolment_queue_idx"),
            models.Index(
                fields=["decision_due_at"],
                condition=Q(status="awaiting_manager", hold_released_at__isnull=True),
                name="enrolment_window_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.cohort}"

    @property
    def decision_last_day(self):
        """The last day of the decision window (it ends at midnight after it), in the portal's time zone."""
        if self.decision_due_at is None:
            return None
        return (timezone.localtime(self.decision_due_at) - timedelta(microseconds=1)).date()


class EnrolmentTransition(models.Model):
    """Every change of an enrolment's status: who, when, from, to and why."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("enrolment")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Enrolment.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Enrolment.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    is_override = models.BooleanField(_("HR override"), default=False)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment change")
        verbose_name_plural = _("enrolment changes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class OrganisationApplicationQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("programme__owner_id",)


class OrganisationApplication(models.Model):
    """A municipality applying to a learning programme joined by organisations (democratic craftsmanship)."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        INTAKE_PLANNED = "intake_planned", _("Intake planned")
        INTAKE_HELD = "intake_held", _("Intake held")
        ADMITTED = "admitted", _("Admitted to a learning group")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="organisation_applications", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programme_applications", verbose_name=_("organisation")
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    motivation = models.TextField(_("motivation"), blank=True)
    commitment = models.TextField(
        _("commitment"), blank=True, help_text=_("Who takes part: college, council, civil servants.")
    )
    intake_at = models.DateTimeField(_("intake conversation"), null=True, blank=True)
    questions = models.TextField(_("the municipality's questions"), blank=True)
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisation_applications",
        verbose_name=_("learning group"),
    )
    decision_reason = models.TextField(
        _("reason for declining"), blank=True, help_text=_("Shown to the municipality when it is declined.")
    )
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganisationApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation application")
        verbose_name_plural = _("organisation applications")
        ordering = ["applied_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=~Q(status__in=["declined", "withdrawn"]),
                name="application_one_live_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.programme}"


class DepartmentBudget(models.Model):
    """A department's training budget for one year; approved enrolments commit their cost against it."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("department")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("budget (€)"), max_digits=12, decimal_places=2)
    spent_elsewhere = models.DecimalField(
        _("already spent on other training (€)"), max_digits=12, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = _("training budget")
        verbose_name_plural = _("training budgets")
        ordering = ["-year", "department"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="budget_one_per_department_and_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.year}"
