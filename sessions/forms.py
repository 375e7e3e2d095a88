from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SessionKind

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


class ProposedSessionForm(forms.Form):
    include = forms.BooleanField(label=_("Plan"), required=False, initial=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=PLANNABLE_KINDS)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("End"), widget=TIME_WIDGET)
    cost = forms.DecimalField(label=_("Cost (€)"), min_value=0, max_digits=10, decimal_places=2)
    is_open_for_extra = forms.BooleanField(label=_("Open for extra participants"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rendered as a table row, not through crispy: give the widgets Bootstrap's classes here.
        for field in self.fields.values():
            is_checkbox = isinstance(field.widget, forms.CheckboxInput)
            field.widget.attrs["class"] = "form-check-input" if is_checkbox else "form-control form-control-sm"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return cleaned


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
