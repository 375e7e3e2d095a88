"""Forms of the coach pool and the coach load pages. They validate input; the services decide."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CrispyForm, DateInput

from ..models import CoachProfile, Theme
from ..pool import MAX_COACHEES, MAX_HOURS_PER_MONTH


class VolunteerForm(CrispyForm):
    error_text_inline = False

    expertise = forms.CharField(
        label=_("Expertise and experience"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the work you did, the roles you had, what colleagues ask you about."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes you can coach on"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("Languages"), max_length=200, required=False, help_text=_("For example: Nederlands, English")
    )
    hours_per_month = forms.DecimalField(
        label=_("Hours available per month"),
        min_value=0,
        max_value=MAX_HOURS_PER_MONTH,
        max_digits=4,
        decimal_places=1,
        initial=4,
        help_text=_("About half a day a month is usual."),
    )
    max_coachees = forms.IntegerField(
        label=_("Maximum number of coachees at a time"), min_value=1, max_value=MAX_COACHEES, initial=3
    )
    coach_training_completed_on = forms.DateField(
        label=_("Short coach training followed on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if you have not followed it yet."),
    )
    motivation = forms.CharField(
        label=_("Why I want to coach"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_from(cls, profile: CoachProfile | None) -> dict:
        if profile is None:
            return {"languages": "Nederlands"}
        return {
            "expertise": profile.expertise,
            "themes": list(profile.themes.all()),
            "languages": profile.languages,
            "hours_per_month": profile.hours_per_month,
            "max_coachees": profile.max_coachees,
            "coach_training_completed_on": profile.coach_training_completed_on,
            "motivation": profile.motivation,
        }


class PoolFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *CoachProfile.Status.choices]
    )


class InviteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a colleague by name or e-mail address"), max_length=100, required=False, strip=True
    )


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "pattern": r"\d{4}-\d{2}", "placeholder": "YYYY-MM"}),
        help_text=_("Year and month, for example 2027-10."),
    )

    def clean_month(self) -> date | None:
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            chosen = date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Enter a month as year-month, for example 2027-10.")) from None
        if not 2000 <= chosen.year <= 2100:
            raise forms.ValidationError(_("Enter a month between 2000 and 2100."))
        return chosen
