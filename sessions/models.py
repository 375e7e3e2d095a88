"""Sessions (bijeenkomsten) of cohorts, the curriculum templates they are planned from, intervision
groups, attendance, open seats, the elective vote, individual TMA slots, calendar tokens and feedback."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.scoping import ManagedByHRQuerySet
from programmes.models import Cohort, Programme


class SessionKind(models.TextChoices):
    START_MEETING = "start_meeting", _("Start meeting")
    TRAINING = "training", _("Training")
    INTERVISION = "intervision", _("Intervision")
    WORK_VISIT = "work_visit", _("Work visit")
    ELECTIVE = "elective", _("Elective training")
    END_MEETING = "end_meeting", _("End meeting")
    PROGRAMME_DAY = "programme_day", _("Programme day")
    TMA = "tma", _("TMA talent-analysis session")
    OTHER = "other", _("Other")


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class SchoolRegion(models.TextChoices):
    """The Dutch school-holiday regions; their summer holidays (and some others) fall in different weeks."""

    NORTH = "noord", pgettext_lazy("school-holiday region", "North")
    MIDDLE = "midden", pgettext_lazy("school-holiday region", "Middle")
    SOUTH = "zuid", pgettext_lazy("school-holiday region", "South")


# A month and a day, "MM-DD": a break recurs every year on the same days.
MONTH_DAY_PATTERN = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


class CurriculumTemplate(models.Model):
    """How a programme's sessions recur: e.g. Zwolle, every two weeks on Friday, skipping its breaks."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="curriculum_templates", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    interval_weeks = models.PositiveSmallIntegerField(_("every so many weeks"), default=2)
    weekday = models.PositiveSmallIntegerField(_("weekday"), default=4, help_text=_("0 is Monday … 4 is Friday."))
    school_region = models.CharField(
        _("school-holiday region"),
        max_length=10,
        choices=SchoolRegion.choices,
        blank=True,
        help_text=_("The planner skips the breaks of this region and the breaks for every region."),
    )
    skip_public_holidays = models.BooleanField(_("skip Dutch public holidays"), default=True)

    class Meta:
        verbose_name = _("curriculum template")
        verbose_name_plural = _("curriculum templates")
        ordering = ["programme", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="curriculum_weekday_valid"),
            models.CheckConstraint(condition=Q(interval_weeks__gte=1), name="curriculum_interval_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weekday_label(self) -> str:
        return str(dict(WEEKDAYS)[self.weekday])


class TemplateBreak(models.Model):
    """A break of a curriculum template that recurs every year, such as Kerstvakantie or Zomervakantie: no
    sessions from `starts_on` to `ends_on` (month-day, both inclusive; "12-20" to "01-03" runs across new year).

    A break with a region applies only to a template that follows that school-holiday region; one without a
    region applies to every template it belongs to. School holidays move a little from year to year (the
    regions take turns to start first), so HR checks the dates when planning a new year.
    """

    template = models.ForeignKey(
        CurriculumTemplate, on_delete=models.CASCADE, related_name="breaks", verbose_name=_("template")
    )
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(
        _("school-holiday region"),
        max_length=10,
        choices=SchoolRegion.choices,
        blank=True,
        help_text=_("Empty: the break applies in every region."),
    )
    starts_on = models.CharField(_("from (MM-DD)"), max_length=5)
    ends_on = models.CharField(_("until (MM-DD)"), max_length=5)

    class Meta:
        verbose_name = _("break")
        verbose_name_plural = _("breaks")
        ordering = ["template", "starts_on", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__regex=MONTH_DAY_PATTERN), name="template_break_start_valid"),
            models.CheckConstraint(condition=Q(ends_on__regex=MONTH_DAY_PATTERN), name="template_break_end_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on} – {self.ends_on})"

    def applies_to(self, template: CurriculumTemplate) -> bool:
        return not self.region or self.region == template.school_region

    @property
    def period_label(self) -> str:
        """The break's days in words in the active language, e.g. "20 December – 3 January"."""
        # 2000 is a leap year, so 29 February can be shown too.
        first, last = (date(2000, *map(int, text.split("-"))) for text in (self.starts_on, self.ends_on))
        return f"{date_format(first, 'j F')} – {date_format(last, 'j F')}"


class CurriculumItem(models.Model):
    """One step of a template, planned on the template's next free date."""

    template = models.ForeignKey(
        CurriculumTemplate, on_delete=models.CASCADE, related_name="items", verbose_name=_("template")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    cost = models.DecimalField(_("cost (€)"), max_digits=10, decimal_places=2, default=0)
    is_open_for_extra = models.BooleanField(_("open for extra participants"), default=False)
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"), default=1, help_text=_("For example 40 for weekly programme days.")
    )

    class Meta:
        verbose_name = _("curriculum item")
        verbose_name_plural = _("curriculum items")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="curriculum_item_unique_position"),
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="curriculum_item_ends_after_start"),
            models.CheckConstraint(condition=Q(repeat_count__gte=1), name="curriculum_item_repeats_at_least_once"),
        ]

    def __str__(self) -> str:
        return self.title


class IntervisionGroup(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="intervision_groups", verbose_name=_("cohort")
    )
    name = models.CharField(_("name"), max_length=100)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_intervision_groups",
        verbose_name=_("facilitator"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="intervision_groups", blank=True, verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("intervision group")
        verbose_name_plural = _("intervision groups")
        ordering = ["cohort", "name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "name"], name="intervision_group_unique_name")]

    def __str__(self) -> str:
        return self.name


class SessionQuerySet(ManagedByHRQuerySet):
    organisation_fields = ("cohort__programme__owner_id",)


class Session(models.Model):
    """A meeting of a cohort (or of one intervision group): when, where, who runs it, what it costs."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort"))
    intervision_group = models.ForeignKey(
        IntervisionGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("intervision group"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    location = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions_as_trainer",
        verbose_name=_("trainer or facilitator"),
    )
    external_trainer = models.CharField(_("external trainer"), max_length=200, blank=True)
    cost = models.DecimalField(_("cost (€)"), max_digits=10, decimal_places=2, default=0)
    capacity = models.PositiveSmallIntegerField(_("capacity"), null=True, blank=True)
    is_open_for_extra = models.BooleanField(_("open for extra participants"), default=False)
    extra_seats = models.PositiveSmallIntegerField(_("extra seats"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Raised on every move, so calendar clients replace the event (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="session_cost_not_negative"),
        ]
        indexes = [models.Index(fields=["cohort", "date"], name="session_cohort_date_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"


class SessionDateOverride(models.Model):
    """HR kept a session on a date the portal warned about (outside the cohort's period, on a public holiday),
    and why: one row each time, so the session's history keeps every reason."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="date_overrides", verbose_name=_("session")
    )
    date = models.DateField(_("date"))
    warnings = models.TextField(_("warnings"))
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("date kept despite a warning")
        verbose_name_plural = _("dates kept despite a warning")
        ordering = ["-at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="session_date_override_has_reason")]

    def __str__(self) -> str:
        return f"{self.session_id} {self.date}: {self.reason}"


class ExtraSeat(models.Model):
    """A young employee from outside the cohort who signed up for an open session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="extra_seats_taken")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extra_seats")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extra seat")
        verbose_name_plural = _("extra seats")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="extra_seat_once_per_person")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT_EXCUSED = "absent_excused", _("Absent (excused)")
        ABSENT_UNEXCUSED = "absent_unexcused", _("Absent (not excused)")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    registered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="attendance_once_per_person")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}: {self.status}"


class ElectivePoll(models.Model):
    """The cohort's vote on its elective training (keuzetraining)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="elective_poll")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    winner = models.ForeignKey("ElectiveTopic", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("elective vote")
        verbose_name_plural = _("elective votes")

    def __str__(self) -> str:
        return f"{self.cohort} ({self.status})"


class ElectiveTopic(models.Model):
    poll = models.ForeignKey(ElectivePoll, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("topic"), max_length=200)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("elective topic")
        verbose_name_plural = _("elective topics")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(Lower("title"), "poll", name="elective_topic_unique")]

    def __str__(self) -> str:
        return self.title


class ElectiveBallot(models.Model):
    poll = models.ForeignKey(ElectivePoll, on_delete=models.CASCADE, related_name="ballots")
    topic = models.ForeignKey(ElectiveTopic, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="elective_one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.voter} → {self.topic}"


class AvailabilitySlot(models.Model):
    """A time a career adviser offers for an individual TMA session; one participant may book it."""

    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability_slots")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="availability_slots", null=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("place"), max_length=255, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booked_slots",
        verbose_name=_("booked by"),
    )
    booked_at = models.DateTimeField(_("booked at"), null=True, blank=True)
    sequence_number = models.PositiveSmallIntegerField(
        _("TMA session number"), null=True, blank=True, help_text=_("1, 2 or 3 for the person who booked it.")
    )

    class Meta:
        verbose_name = _("available slot")
        verbose_name_plural = _("available slots")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"),
            models.UniqueConstraint(fields=["adviser", "starts_at"], name="slot_unique_per_adviser_and_time"),
            models.UniqueConstraint(
                fields=["booked_by", "cohort", "sequence_number"],
                condition=Q(booked_by__isnull=False),
                name="slot_one_booking_per_tma_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.adviser} {self.starts_at:%Y-%m-%d %H:%M}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a person's private iCalendar subscription link; revoking it stops the feed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="one_live_calendar_token"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({'revoked' if self.revoked_at else 'active'})"


class SessionFeedback(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_feedback")
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="feedback_once_per_person"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}: {self.rating}"
