"""Placements: assignments (opdrachten) offered in placement rounds, the project market's preferences on both
sides, the placements HR publishes (rotations, fixed placements, VNG client assignments), supervisors'
assessments, and AV VIB's job swaps (pairs and rings between municipalities)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, Organisation
from accounts.scoping import ManagedByHRQuerySet
from programmes.models import Cohort, Track


class PlacementRoundQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("cohort__programme__owner_id",)


class PlacementRound(models.Model):
    """One round of the project market for a cohort: e.g. Talentenregio's second 8-month rotation."""

    class Status(models.TextChoices):
        COLLECTING = "collecting", _("Collecting assignments")
        MARKET = "market", _("Project market open")
        ALLOCATING = "allocating", _("Allocating")
        PUBLISHED = "published", _("Published")

    class Kind(models.TextChoices):
        ROTATION = "rotation", _("Rotation (8 months)")
        FIXED = "fixed", _("Fixed placement (2 years)")
        CLIENT = "client", _("Assignment at a client municipality")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="placement_rounds", verbose_name=_("cohort")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ROTATION)
    sequence = models.PositiveSmallIntegerField(
        _("round number"), default=1, help_text=_("1, 2 or 3 for the three rotations of a traineeship.")
    )
    starts_on = models.DateField(_("placements start on"))
    ends_on = models.DateField(_("placements end on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.COLLECTING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = PlacementRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement round")
        verbose_name_plural = _("placement rounds")
        ordering = ["cohort", "sequence", "starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="round_ends_after_start"),
            models.UniqueConstraint(fields=["cohort", "sequence"], name="round_unique_sequence_per_cohort"),
        ]

    def __str__(self) -> str:
        return self.name


class AssignmentQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("host_organisation_id",)


class Assignment(models.Model):
    """An assignment (opdracht) a host organisation offers in a round; HR of the programme reviews it first."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Sent back")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    round = models.ForeignKey(
        PlacementRound, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("round")
    )
    host_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("host organisation")
    )
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("department")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervised_assignments",
        verbose_name=_("supervisor at the host"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="posted_assignments",
        verbose_name=_("posted by"),
    )
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, default=36)
    track = models.ForeignKey(
        Track,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("track"),
        help_text=_("Only trainees of this track, e.g. the financial track; empty for everyone."),
    )
    suits_rotation = models.BooleanField(_("suits an 8-month rotation"), default=True)
    suits_fixed = models.BooleanField(_("suits a fixed 2-year placement"), default=False)
    capacity = models.PositiveSmallIntegerField(_("number of trainees"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    review_note = models.TextField(_("HR's note"), blank=True)
    # Which submission for review the latest is (1 for the first, 2 after the first send-back, ...): the key of
    # the notification that tells HR about it.
    submission_count = models.PositiveIntegerField(_("times submitted for review"), default=0, editable=False)
    # How many times HR has reviewed it: the key of the notification that tells the contact person of a review.
    review_count = models.PositiveIntegerField(_("times reviewed"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "host_organisation__name", "title"]
        constraints = [models.CheckConstraint(condition=Q(capacity__gte=1), name="assignment_capacity_positive")]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """A trainee's ranking of an assignment in the project market (1 = most wanted)."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="placement_preferences"
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rank"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["trainee", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["trainee", "assignment"], name="preference_once_per_assignment"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="preference_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id} → {self.assignment_id}: {self.rank}"


class HostRanking(models.Model):
    """The host's view of a candidate after meeting them: a rank (1 = most wanted) or 'not suitable'."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="host_rankings")
    trainee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    not_suitable = models.BooleanField(_("not suitable"), default=False)
    ranked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("host ranking")
        verbose_name_plural = _("host rankings")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "trainee"], name="host_ranking_once_per_candidate"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} ← {self.trainee_id}"


class Placement(models.Model):
    """A trainee at a host for a period, with a supervisor: proposed by the allocation, published by HR."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PUBLISHED = "published", _("Published")

    round = models.ForeignKey(
        PlacementRound, on_delete=models.CASCADE, related_name="placements", verbose_name=_("round")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="placements", verbose_name=_("trainee")
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="placements", verbose_name=_("assignment")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    explanation = models.TextField(_("why this placement"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["trainee", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["round", "trainee"], name="placement_one_per_trainee_and_round"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="placement_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} @ {self.assignment}"


class PlacementAssessment(models.Model):
    """The host supervisor's mid-term or final assessment of a placement: personal data, audit-logged."""

    class Kind(models.TextChoices):
        MIDTERM = "midterm", _("Mid-term assessment")
        FINAL = "final", _("Final assessment")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("assessment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("placement assessment")
        verbose_name_plural = _("placement assessments")
        constraints = [models.UniqueConstraint(fields=["placement", "kind"], name="assessment_once_per_kind")]

    def __str__(self) -> str:
        return f"assessment {self.pk}"  # never the text


class SwapOffer(models.Model):
    """AV VIB: a participant offers their own job for three months and says what work they want to try."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="swap_offers", verbose_name=_("cohort"))
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="swap_offers", verbose_name=_("participant")
    )
    own_job = models.CharField(_("my job"), max_length=200)
    own_job_description = models.TextField(_("what my job involves"), blank=True)
    job_kinds_offered = models.CharField(
        _("kind of work of my job"), max_length=200, help_text=_("Comma-separated, e.g. vergunningen, handhaving.")
    )
    job_kinds_wanted = models.CharField(
        _("kind of work I want to try"), max_length=200, help_text=_("Comma-separated, e.g. financiën, communicatie.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("swap offer")
        verbose_name_plural = _("swap offers")
        constraints = [models.UniqueConstraint(fields=["cohort", "participant"], name="swap_offer_once_per_cohort")]

    def __str__(self) -> str:
        return self.own_job


class Swap(models.Model):
    """A swap between municipalities: a pair (A↔B) or a ring (A→B→C→A). Final when every move is accepted by its
    participant and approved by both the home manager and the host manager."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        FINAL = "final", _("Final")
        CANCELLED = "cancelled", _("Cancelled")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="swaps", verbose_name=_("cohort"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    explanation = models.TextField(_("why this swap"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    final_at = models.DateTimeField(_("final at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job swap")
        verbose_name_plural = _("job swaps")
        ordering = ["cohort", "pk"]

    def __str__(self) -> str:
        return f"swap {self.pk}"


class SwapMove(models.Model):
    """One person's move in a swap: they take over the job of `host_offer`'s participant for the period."""

    swap = models.ForeignKey(Swap, on_delete=models.CASCADE, related_name="moves")
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="swap_moves")
    host_offer = models.ForeignKey(SwapOffer, on_delete=models.PROTECT, related_name="+", verbose_name=_("takes over"))
    accepted_at = models.DateTimeField(_("accepted by the participant at"), null=True, blank=True)
    home_manager_approved_at = models.DateTimeField(_("approved by the home manager at"), null=True, blank=True)
    host_manager_approved_at = models.DateTimeField(_("approved by the host manager at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("swap move")
        verbose_name_plural = _("swap moves")
        constraints = [
            models.UniqueConstraint(fields=["swap", "participant"], name="swap_move_once_per_participant"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.host_offer}"


class ProjectTeam(models.Model):
    """After the swaps, participants of different organisations run a joint project together (AV VIB)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="project_teams", verbose_name=_("cohort"))
    name = models.CharField(_("name"), max_length=200)
    project = models.TextField(_("project"), blank=True)
    host_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("hosted by")
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="project_teams", verbose_name=_("members"))

    class Meta:
        verbose_name = _("project team")
        verbose_name_plural = _("project teams")
        ordering = ["cohort", "name"]

    def __str__(self) -> str:
        return self.name
