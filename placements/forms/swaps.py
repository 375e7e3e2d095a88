"""Forms for AV VIB's job swaps and joint project teams. They check and normalise the input (required, length,
the kinds of work as one comma-separated list); the services in the swaps package decide the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from core.forms import CrispyForm, DateInput

from ..swaps import SIDES


class SwapOfferForm(CrispyForm):
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

    def clean_job_kinds_offered(self) -> str:
        return _kinds_of_work(self.cleaned_data["job_kinds_offered"])

    def clean_job_kinds_wanted(self) -> str:
        return _kinds_of_work(self.cleaned_data["job_kinds_wanted"])


def _kinds_of_work(value: str) -> str:
    """A comma-separated list written one way: "Vergunningen,, handhaving " → "Vergunningen, handhaving"."""
    kinds = [part.strip() for part in value.split(",") if part.strip()]
    if not kinds:
        raise forms.ValidationError(_("Name at least one kind of work."), code="no_kinds")
    return ", ".join(kinds)


class SwapProposeForm(CrispyForm):
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


class ProjectTeamForm(CrispyForm):
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
