"""Forms for AV VIB's job swaps and joint project teams. They only read input; the services in the swaps package decide."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import DateInput
from accounts.models import Organisation, User

from .swaps import SIDES


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class SwapOfferForm(_Form):
    own_job = forms.CharField(
        label=_("My job"), max_length=200, help_text=_("Your job title, e.g. medewerker vergunningen.")
    )
    own_job_description = forms.CharField(
        label=_("What my job involves"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What a colleague from another municipality would do for three months in your place."),
    )
    job_kinds_offered = forms.CharField(
        label=_("Kinds of work in my job"),
        max_length=200,
        help_text=_("Separate them with commas, e.g. vergunningen, handhaving."),
    )
    job_kinds_wanted = forms.CharField(
        label=_("Kinds of work I want to try"),
        max_length=200,
        help_text=_("Separate them with commas, e.g. financiën, communicatie."),
    )


class SwapProposeForm(_Form):
    starts_on = forms.DateField(
        label=_("The swaps start on"),
        widget=DateInput(),
        help_text=_("Every swap lasts three months from this date."),
    )


class SwapDecisionForm(forms.Form):
    """A manager's approval (or not) of one move: as the home manager or as the host manager."""

    side = forms.ChoiceField(choices=[(side, side) for side in SIDES])


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        label = person.full_name or person.email
        if person.organisation_id:
            label += f" ({person.organisation.name})"
        return label


class ProjectTeamForm(_Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    project = forms.CharField(
        label=_("Project"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the team works on, and for whom."),
    )
    host_organisation = forms.ModelChoiceField(
        label=_("Hosted by"), queryset=Organisation.objects.none(), required=False
    )
    members = MemberChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ticking someone who is in another team moves them to this team."),
    )

    def __init__(self, *args, hosts, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_organisation"].queryset = hosts
        self.fields["members"].queryset = members
