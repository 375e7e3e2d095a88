from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.forms import CrispyForm, DateInput

from ..models import Department, Organisation, User


class PersonForm(CrispyForm):
    """The employment facts HR keeps about a person; the choice lists are limited to one organisation."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    manager = forms.ModelChoiceField(label=_("Manager"), queryset=User.objects.none(), required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    employment_start_date = forms.DateField(label=_("Employment start date"), required=False, widget=DateInput())
    education_level = forms.ChoiceField(
        label=_("Education level"),
        choices=[("", "—"), *User._meta.get_field("education_level").choices],
        required=False,
    )
    introduction_completed_on = forms.DateField(
        label=_("Introduction programme completed on"), required=False, widget=DateInput()
    )
    contract_hours = forms.DecimalField(
        label=_("Contract hours per week"), required=False, min_value=0, max_value=60, decimal_places=1
    )

    def __init__(self, *args, organisation: Organisation, exclude_person: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organisation=organisation)
        managers = User.objects.filter(organisation=organisation, is_active=True).order_by("last_name", "first_name")
        if exclude_person is not None:
            managers = managers.exclude(pk=exclude_person.pk)
        self.fields["manager"].queryset = managers


class PersonInviteForm(PersonForm):
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    send_invitation = forms.BooleanField(label=_("Send an invitation e-mail now"), required=False, initial=True)
    field_order = ["organisation", "email", "first_name", "last_name"]

    def __init__(self, *args, organisations, **kwargs):
        organisation = kwargs.pop("organisation", None) or organisations.first()
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].initial = organisation
        # With several organisations the department and manager must still belong to the chosen one;
        # the service checks that and the view shows its message on the field.
        organisation_ids = list(organisations.values_list("pk", flat=True))
        self.fields["department"].queryset = Department.objects.filter(
            organisation_id__in=organisation_ids
        ).select_related("organisation")
        self.fields["manager"].queryset = User.objects.filter(
            organisation_id__in=organisation_ids, is_active=True
        ).order_by("last_name", "first_name")


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Name of the new department"), max_length=200)


class OrganisationSettingsForm(CrispyForm):
    error_text_inline = False

    liberation_day_every_year = forms.BooleanField(
        label=_("5 May (Liberation Day) is a day off every year"),
        required=False,
        help_text=_(
            "As the CAO Gemeenten sets for municipal staff. Switch it off when your collective agreement gives "
            "5 May off only in lustrum years (2025, 2030, …). Planning and decision windows follow it."
        ),
    )


class LanguageForm(CrispyForm):
    """The language a person reads Groeipad in: the footer's switch and My profile both post this."""

    error_text_inline = False

    language = forms.ChoiceField(
        label=_("Language for pages and e-mails"),
        # Each language in its own name, as in the footer: someone who cannot read Dutch finds "English".
        choices=[(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES],
        widget=forms.RadioSelect,
    )
