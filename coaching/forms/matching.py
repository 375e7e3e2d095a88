"""Forms for the coaching wish and the "click" pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import CrispyForm

from ..matches import NOTE_MAX_LENGTH, REASON_MAX_LENGTH
from ..models import Theme


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, coach):
        label = coach.full_name or coach.email
        if coach.department_id:
            label += f" ({coach.department.name})"
        return label


class WishForm(CrispyForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes I want to work on"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_coach = CoachChoiceField(
        label=_("Preferred coach"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No preference"),
        help_text=_("Optional. HR takes it into account, but cannot always promise it."),
    )
    avoid_own_department = forms.BooleanField(
        label=_("Not someone from my own department"), required=False, initial=True
    )
    note_for_hr = forms.CharField(
        label=_("Note for HR"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only HR reads this note; coaches do not."),
    )

    def __init__(self, *args, themes, coaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        self.fields["preferred_coach"].queryset = coaches


class RematchForm(CrispyForm):
    reason = forms.CharField(
        label=_("Why (only HR reads this; optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
