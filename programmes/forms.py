from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import CrispyForm, DateInput

from .models import Cohort, Programme, Track


class CohortForm(CrispyForm):
    """Name, track, dates, group size and coordinator of a cohort; choices limited to HR's scope."""

    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("For example “Group 1” or “Autumn 2026”."))
    track = forms.ModelChoiceField(label=_("Track or year level"), queryset=Track.objects.none(), required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=500)
    start_threshold = forms.IntegerField(
        label=_("Number needed to start"),
        min_value=1,
        max_value=500,
        help_text=_("The group starts when this many have a place."),
    )
    coordinator = forms.ModelChoiceField(label=_("Coordinator"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, programme: Programme, tracks, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = tracks
        if not self.fields["track"].queryset.exists():
            del self.fields["track"]
        self.fields["coordinator"].queryset = coordinators
        self.fields["capacity"].initial = programme.group_capacity
        self.fields["start_threshold"].initial = programme.start_threshold

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        capacity, threshold = cleaned.get("capacity"), cleaned.get("start_threshold")
        if capacity and threshold and threshold > capacity:
            self.add_error("start_threshold", _("The number needed to start cannot be more than the capacity."))
        cleaned.setdefault("track", None)
        return cleaned


class CohortStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Cohort.Status.choices)
