from django import forms
from django.utils.translation import gettext_lazy as _

from .models import WEEKDAYS, SessionKind

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

    def __init__(self, *args, trainers, is_new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = trainers
        if is_new:
            del self.fields["reason"]

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
    christmas_break_start = forms.RegexField(
        label=_("Christmas break from (MM-DD)"),
        regex=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        required=False,
        initial="12-20",
        error_messages={"invalid": _("Write the date as month-day, e.g. 12-20.")},
    )
    christmas_break_end = forms.RegexField(
        label=_("Christmas break until (MM-DD)"),
        regex=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        required=False,
        initial="01-03",
        error_messages={"invalid": _("Write the date as month-day, e.g. 01-03.")},
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("christmas_break_start")) != bool(cleaned.get("christmas_break_end")):
            self.add_error("christmas_break_end", _("Give both ends of the Christmas break, or neither."))
        return cleaned


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
