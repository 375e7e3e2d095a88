from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import MONTH_DAY_PATTERN, WEEKDAYS, SchoolRegion, SessionKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

# Cohort sessions; TMA sessions are booked in the career adviser's slots.
PLANNABLE_KINDS = [(value, label) for value, label in SessionKind.choices if value != SessionKind.TMA]


class PlanForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Curriculum template"), queryset=None, empty_label=None)
    start = forms.DateField(
        label=_("First session on or after"),
        widget=DATE_WIDGET,
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
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("End"), widget=TIME_WIDGET)
    cost = forms.DecimalField(label=_("Cost (€)"), min_value=0, max_digits=10, decimal_places=2)
    is_open_for_extra = forms.BooleanField(label=_("Open for extra participants"), required=False)


ProposedSessionFormSet = forms.formset_factory(ProposedSessionForm, extra=0)


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PLANNABLE_KINDS)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("End"), widget=TIME_WIDGET)
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


class CancelForm(forms.Form):
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


class CurriculumTemplateForm(forms.Form):
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
    start_time = forms.TimeField(label=_("Start"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("End"), widget=TIME_WIDGET)
    repeat_count = forms.IntegerField(label=_("Times"), min_value=1, max_value=60, initial=1)
    cost = forms.DecimalField(label=_("Cost (€)"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    is_open_for_extra = forms.BooleanField(label=_("Open for extra participants"), required=False)


CurriculumItemFormSet = forms.formset_factory(CurriculumItemForm, extra=3, can_delete=True)
