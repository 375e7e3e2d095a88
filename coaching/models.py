"""Coaching: the coach pool, coach matches with their "click" check, and confidential session logs.

Confidentiality lives in the selectors (coaching/selectors.py): a note is read only by its author and,
when shared, by the other side of the match; HR and managers see that sessions take place, never
what was said. Reading and changing logs is recorded in the audit trail without their content.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.scoping import ManagedByHRQuerySet
from programmes.models import Cohort


class Theme(models.Model):
    """A coaching theme, e.g. leadership or career; coaches offer themes and participants wish for them."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("coaching theme")
        verbose_name_plural = _("coaching themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CoachProfileQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("organisation_id",)


class CoachProfile(models.Model):
    """An employee in an organisation's coach pool: volunteered or invited, then approved by HR."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        VOLUNTEERED = "volunteered", _("Volunteered, waiting for HR")
        APPROVED = "approved", _("Approved")
        PAUSED = "paused", _("Paused")
        DECLINED = "declined", _("Declined")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile", verbose_name=_("coach")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="coach_profiles", verbose_name=_("coach pool of")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VOLUNTEERED)
    expertise = models.TextField(_("expertise and experience"), blank=True)
    themes = models.ManyToManyField(Theme, related_name="coaches", blank=True, verbose_name=_("themes"))
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        default="Nederlands",
        help_text=_("For example: Nederlands, English"),
    )
    hours_per_month = models.DecimalField(
        _("hours available per month"), max_digits=4, decimal_places=1, default=4, help_text=_("About half a day.")
    )
    max_coachees = models.PositiveSmallIntegerField(_("maximum number of coachees"), default=3)
    coach_training_completed_on = models.DateField(_("short coach training followed on"), null=True, blank=True)
    motivation = models.TextField(_("why I want to coach"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CoachProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("coach profile")
        verbose_name_plural = _("coach profiles")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(condition=Q(max_coachees__gte=1), name="coach_takes_at_least_one"),
            models.CheckConstraint(condition=Q(hours_per_month__gte=0), name="coach_hours_not_negative"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class CoachingWish(models.Model):
    """What a participant asks of a coach. The note is for HR only."""

    participant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_wish", verbose_name=_("participant")
    )
    themes = models.ManyToManyField(Theme, related_name="+", blank=True, verbose_name=_("themes I want to work on"))
    preferred_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preferred coach"),
    )
    avoid_own_department = models.BooleanField(_("not someone from my own department"), default=True)
    note_for_hr = models.TextField(_("note for HR"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("coaching wish")
        verbose_name_plural = _("coaching wishes")

    def __str__(self) -> str:
        return str(self.participant)


class CoachMatchQuerySet(ManagedByHRQuerySet):
    # HR of the participant's employer and HR of the programme's owner both manage a match.
    organisation_fields = ("participant__organisation_id", "cohort__programme__owner_id")


class CoachMatch(models.Model):
    """A participant and their coach. Published by HR; both confirm the "click" after the introduction."""

    class Status(models.TextChoices):
        INTRODUCED = "introduced", _("Introduced")
        CONFIRMED = "confirmed", _("Confirmed by both")
        REMATCH_REQUESTED = "rematch_requested", _("Different match asked")
        ENDED = "ended", _("Ended")

    LIVE_STATUSES = (Status.INTRODUCED, Status.CONFIRMED, Status.REMATCH_REQUESTED)

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coach_matches", verbose_name=_("coach")
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coachee_matches",
        verbose_name=_("participant"),
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="coach_matches", verbose_name=_("cohort")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INTRODUCED)
    explanation = models.TextField(_("why this match"), blank=True)
    coach_confirmed_at = models.DateTimeField(_("coach confirmed at"), null=True, blank=True)
    participant_confirmed_at = models.DateTimeField(_("participant confirmed at"), null=True, blank=True)
    rematch_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Shown to HR only, never to the other side.
    rematch_reason = models.TextField(_("reason (for HR only)"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = CoachMatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("coach match")
        verbose_name_plural = _("coach matches")
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(status__in=["introduced", "confirmed", "rematch_requested"]),
                name="one_live_coach_per_participant",
            ),
            models.CheckConstraint(condition=~Q(coach=models.F("participant")), name="no_coaching_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.coach} ↔ {self.participant}"


class CoachingSession(models.Model):
    """A coaching conversation the coach logged. Its date and duration are visible to HR and the manager
    (that coaching takes place); topics and next steps only to the coach and the participant."""

    match = models.ForeignKey(CoachMatch, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("match"))
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    topics = models.TextField(_("topics"), blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480), name="coaching_duration_sensible"
            )
        ]
        indexes = [models.Index(fields=["match", "date"], name="coaching_session_match_date")]

    def __str__(self) -> str:
        return f"{self.match} {self.date}"


class CoachingNote(models.Model):
    """A note on a coaching session: the coach's (private or shared with the participant) or the
    participant's own reflection (private or shared with the coach). Nobody else ever reads it."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Only for me")
        SHARED = "shared", _("Shared with the other side of the coaching")

    session = models.ForeignKey(CoachingSession, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coaching_notes")
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("coaching note")
        verbose_name_plural = _("coaching notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        # Never the text: notes must not leak into logs, admin lists or error reports.
        return f"note {self.pk}"
