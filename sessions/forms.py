"""The forms of the sessions app: planning, curriculum templates, groups, slots, extra seats, votes, feedback."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import CrispyForm, DateInput, TimeInput
from programmes.models import Cohort

from . import elective, feedback, grouping, slots
from .models import MONTH_DAY_PATTERN, WEEKDAYS, SchoolRegion, SessionKind

# Cohort sessions; TMA sessions are booked in the career adviser's slots.
PLANNABLE_KINDS = [(value, label) for value, label in SessionKind.choices if value != SessionKind.TMA]


class PlanForm(CrispyForm):
    error_text_inline = False

    template = forms.ModelChoiceField(label=_("Curriculum template"), queryset=None, empty_label=None)
    start = forms.DateField(
        label=_("First session on or after"),
        widget=DateInput(),
        help_text=_("The planner moves it to the template's weekday."),
    )
    location = forms.CharField(label=_("Place of every session"), max_length=255, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class TableRowForm(forms.Form):
    """A row of a table of sessions: rendered without crispy, so the widgets get Bootstrap's classes here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_checkbox = isinstance(field.widget, forms.CheckboxInput)
            field.widget.attrs["class"] = "form-check-input" if is_checkbox else "form-control form-control-sm"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return cleaned


class ProposedSessionForm(TableRowForm):
    include = forms.BooleanField(label=_("Plan"), required=False, initial=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=PLANNABLE_KINDS)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End"), widget=TimeInput())
    cost = forms.DecimalField(label=_("Cost (€)"), min_value=0, max_digits=10, decimal_places=2)
    is_open_for_extra = forms.BooleanField(label=_("Open for extra participants"), required=False)


ProposedSessionFormSet = forms.formset_factory(ProposedSessionForm, extra=0)


class SessionForm(CrispyForm):
    error_text_inline = False

    kind = forms.ChoiceField(label=_("Kind"), choices=PLANNABLE_KINDS)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End"), widget=TimeInput())
    location = forms.CharField(label=_("Place"), max_length=255, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    trainer = forms.ModelChoiceField(
        label=_("Trainer or facilitator in Groeipad"),
        queryset=None,
        required=False,
        help_text=_("They see the session in their schedule and register attendance."),
    )
    external_trainer = forms.CharField(
        label=_("External trainer"), max_length=200, required=False, help_text=_("A name, if not in Groeipad.")
    )
    cost = forms.DecimalField(label=_("Cost (€)"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, required=False)
    reason = forms.CharField(
        label=_("Why it changes (sent to the participants)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Shown only once the date has drawn a warning (ask_date_reason); hidden, it keeps what was typed.
    date_reason = forms.CharField(
        label=_("Why this date anyway"),
        required=False,
        widget=forms.HiddenInput,
        help_text=_("Kept with the session, so colleagues can see why. Not sent to the participants."),
    )

    def __init__(self, *args, trainers, is_new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = trainers
        self.date_warnings: list[str] = []
        if is_new:
            del self.fields["reason"]

    def ask_date_reason(self, warnings: list[str]) -> None:
        """Show the warnings about the chosen date (the template lists them) and the field for the reason."""
        self.date_warnings = warnings
        self.fields["date_reason"].widget = forms.Textarea(attrs={"rows": 2})
        self.add_error("date", _("Choose another date, or give a reason to keep this one."))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return cleaned


class CancelForm(CrispyForm):
    error_text_inline = False

    reason = forms.CharField(
        label=_("Why it is cancelled (sent to the participants)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MonthDayField(forms.RegexField):
    """A day of the year as month-day, "MM-DD" (12-20 is 20 December), that exists in some year (02-29 does)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": _("Write the date as month-day, e.g. 12-20.")})
        super().__init__(regex=MONTH_DAY_PATTERN, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value:
            month, day = map(int, value.split("-"))
            try:
                date(2000, month, day)  # a leap year
            except ValueError as error:
                raise ValidationError(_("This day does not exist."), code="no_such_day") from error
        return value


class CurriculumTemplateForm(CrispyForm):
    error_text_inline = False

    name = forms.CharField(label=_("Name"), max_length=200)
    interval_weeks = forms.IntegerField(label=_("Every so many weeks"), min_value=1, max_value=8, initial=2)
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        coerce=int,
        initial=4,
        choices=WEEKDAYS,
    )
    skip_public_holidays = forms.BooleanField(label=_("Skip Dutch public holidays"), required=False, initial=True)
    school_region = forms.ChoiceField(
        label=_("School-holiday region"),
        choices=[("", _("None")), *SchoolRegion.choices],
        required=False,
        help_text=_(
            "Summer holidays differ per region (Zwolle is in region North). The planner skips the breaks of this "
            "region and the breaks for every region."
        ),
    )


class TemplateBreakForm(TableRowForm):
    name = forms.CharField(label=_("Break"), max_length=100)
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("Every region")), *SchoolRegion.choices], required=False
    )
    starts_on = MonthDayField(label=_("From (MM-DD)"))
    ends_on = MonthDayField(label=_("Until (MM-DD)"))


TemplateBreakFormSet = forms.formset_factory(TemplateBreakForm, extra=2, can_delete=True)

# What a new template starts with: the old default Christmas break, and a summer holiday wide enough for every
# region (school summer holidays run from early July to the end of August, each region six weeks of it).
NEW_TEMPLATE_BREAKS = [
    {"name": _("Christmas holiday"), "region": "", "starts_on": "12-20", "ends_on": "01-03"},
    {"name": _("Summer holiday"), "region": "", "starts_on": "07-04", "ends_on": "08-31"},
]


class CurriculumItemForm(TableRowForm):
    # A blank first choice, so that the empty rows the browser sends back count as unchanged.
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *PLANNABLE_KINDS])
    title = forms.CharField(label=_("Title"), max_length=200)
    start_time = forms.TimeField(label=_("Start"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End"), widget=TimeInput())
    repeat_count = forms.IntegerField(label=_("Times"), min_value=1, max_value=60, initial=1)
    cost = forms.DecimalField(label=_("Cost (€)"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    is_open_for_extra = forms.BooleanField(label=_("Open for extra participants"), required=False)


CurriculumItemFormSet = forms.formset_factory(CurriculumItemForm, extra=3, can_delete=True)


class ProposeForm(CrispyForm):
    """The group sizes for a proposal of intervision groups."""

    min_size = forms.IntegerField(
        label=_("Smallest group"), min_value=2, max_value=30, initial=grouping.DEFAULT_MIN_SIZE
    )
    max_size = forms.IntegerField(
        label=_("Largest group"), min_value=2, max_value=30, initial=grouping.DEFAULT_MAX_SIZE
    )

    def clean(self):
        cleaned = super().clean()
        smallest, largest = cleaned.get("min_size"), cleaned.get("max_size")
        if smallest and largest and largest < smallest:
            self.add_error("max_size", gettext("The largest group cannot be smaller than the smallest."))
        return cleaned


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        label = person.full_name or person.email
        if person.department_id:
            label += f" ({person.department.name})"
        current = getattr(person, "cohort_groups", [])
        if current:
            label += " — " + gettext("now in %(group)s") % {"group": current[0].name}
        return label


class GroupForm(CrispyForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    facilitator = forms.ModelChoiceField(label=_("Facilitator"), queryset=User.objects.none(), required=False)
    members = MemberChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ticking someone who is in another group moves them to this group."),
    )

    def __init__(self, *args, facilitators, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitators
        self.fields["members"].queryset = members


class GroupIdsField(forms.Field):
    """Hidden values of comma-separated ids, one per group, read as a list of id lists."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return [[int(pk) for pk in ids.split(",") if pk.strip()] for ids in value or []]
        except ValueError as error:
            raise ValidationError(
                _("The proposal could not be read; propose the groups again."), code="invalid"
            ) from error


class ProposalSaveForm(forms.Form):
    """The reviewed proposal as it comes back: per group one hidden `group` value with its members' ids.

    `cleaned_data["group"]` is the groups as lists of people; an id that is no person makes the form invalid.
    The service checks everything else about the groups again.
    """

    group = GroupIdsField()

    def clean_group(self):
        id_lists = self.cleaned_data["group"]
        people = User.objects.in_bulk([pk for ids in id_lists for pk in ids])
        if any(pk not in people for ids in id_lists for pk in ids):
            raise ValidationError(_("The proposal could not be read; propose the groups again."), code="unknown")
        return [[people[pk] for pk in ids] for ids in id_lists]


class SlotSeriesForm(CrispyForm):
    """A series of consecutive slots on one day for one cohort."""

    error_text_inline = False

    cohort = forms.ModelChoiceField(label=_("Group"), queryset=Cohort.objects.none())
    day = forms.DateField(label=_("Date"), widget=DateInput())
    first_start = forms.TimeField(label=_("Start of the first slot"), widget=TimeInput())
    minutes = forms.IntegerField(
        label=_("Length of each session (minutes)"),
        initial=slots.DEFAULT_SLOT_MINUTES,
        min_value=slots.MIN_SLOT_MINUTES,
        max_value=slots.MAX_SLOT_MINUTES,
    )
    count = forms.IntegerField(
        label=_("Number of slots that day"), initial=1, min_value=1, max_value=slots.MAX_SLOTS_PER_DAY
    )
    location = forms.CharField(
        label=_("Place"),
        max_length=255,
        required=False,
        help_text=_("For example “BLIK Loopbaancentrum, room 3” or “online (link follows)”."),
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        self.fields["cohort"].label_from_instance = lambda cohort: f"{cohort.programme.name} — {cohort.name}"


class ExtraSeatsForm(CrispyForm):
    is_open = forms.BooleanField(label=_("Open for extra participants"), required=False)
    extra_seats = forms.IntegerField(label=_("Number of extra seats"), min_value=0, max_value=100, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extra_seats"].help_text = gettext("Between %(min)s and %(max)s for this programme.") % {
            "min": programme.extra_seats_min,
            "max": programme.extra_seats_max,
        }


class OpenVoteForm(CrispyForm):
    topics = forms.CharField(
        label=_("Topics"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One topic per line; at least two. Members can propose more."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].initial = "\n".join(
            [gettext("Advising"), gettext("Leading conversations"), gettext("Visual thinking")]
        )


class ProposeTopicForm(CrispyForm):
    title = forms.CharField(label=_("Your topic"), max_length=elective.TOPIC_MAX_LENGTH)


RATING_CHOICES = [
    (1, _("1 — poor")),
    (2, _("2 — fair")),
    (3, _("3 — good")),
    (4, _("4 — very good")),
    (5, _("5 — excellent")),
]


class FeedbackForm(CrispyForm):
    error_text_inline = False

    rating = forms.TypedChoiceField(
        label=_("How would you rate this session?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=feedback.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What went well, what could be better? HR reads comments without your name."),
    )
