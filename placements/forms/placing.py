"""Forms of the allocation page (HR's adjustment of a row, publishing) and of the supervisor's assessment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CrispyForm

from ..placing import ASSESSMENT_MAX_LENGTH


class PlacementAdjustForm(forms.Form):
    """One row of the proposal: the assignment HR chooses for a trainee, or none."""

    assignment = forms.TypedChoiceField(label=_("Assignment"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].choices = [("", _("No placement")), *[(option.pk, str(option)) for option in options]]


class PublishForm(CrispyForm):
    publish_anyway = forms.BooleanField(
        label=_("Publish anyway, although not every trainee of the group has a placement in this round"),
        required=False,
    )


class AssessmentForm(CrispyForm):
    text = forms.CharField(
        label=_("Assessment"),
        max_length=ASSESSMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Only the trainee and the programme's HR read this. Every read is recorded."),
    )
