from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, Organisation
from core.forms import CrispyForm, DateTimeLocalInput
from programmes.models import Cohort

from .models import Enrolment
from .services import MOTIVATION_MAX_LENGTH, OVERRIDE_TRANSITIONS, normalise_motivation


class MotivationField(forms.CharField):
    """Counts a line break as one character, as the browser's maxlength does (it sends CR LF)."""

    def to_python(self, value):
        return normalise_motivation(super().to_python(value))


class EnrolForm(CrispyForm):
    error_text_inline = False

    motivation = MotivationField(
        label=_("Why do you want to take part?"),
        max_length=MOTIVATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences for your manager, at most 1,000 characters."),
        error_messages={"max_length": _("Write at most %(limit_value)s characters (you wrote %(show_value)s).")},
    )


class ApproveForm(CrispyForm):
    error_text_inline = False

    note = forms.CharField(
        label=_("Note for the employee (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(CrispyForm):
    error_text_inline = False

    reason = forms.CharField(
        label=_("Reason for rejecting"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The employee will read this."),
    )


class WithdrawForm(CrispyForm):
    error_text_inline = False

    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverrideForm(CrispyForm):
    error_text_inline = False

    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason for the override"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the history and sent to the employee."),
    )

    def __init__(self, *args, enrolment: Enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = OVERRIDE_TRANSITIONS.get(enrolment.status, frozenset())
        self.fields["to_status"].choices = [
            (value, label) for value, label in Enrolment.Status.choices if value in allowed
        ]


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.name} ({obj.organisation.name})"


class BudgetForm(CrispyForm):
    error_text_inline = False

    department = DepartmentChoiceField(label=_("Department"), queryset=Department.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("Budget (€)"), required=False, min_value=0, max_digits=12, decimal_places=2)
    amount_per_head = forms.DecimalField(
        label=_("Or: amount per employee (€)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Multiplied by the department's current number of employees, e.g. €1,000 per employee."),
    )
    spent_elsewhere = forms.DecimalField(
        label=_("Already spent on other training (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )

    def __init__(self, *args, departments, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("year", timezone.localdate().year)
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments

    def clean(self):
        cleaned = super().clean()
        has_amount = cleaned.get("amount") is not None
        has_per_head = cleaned.get("amount_per_head") is not None
        if has_amount == has_per_head and not self.errors:
            raise forms.ValidationError(_("Enter either the budget or an amount per employee, not both."))
        return cleaned


# --- organisations applying to a learning programme ---------------------------------------------------------


class ApplicationForm(CrispyForm):
    organisation = forms.ModelChoiceField(label=_("Municipality"), queryset=Organisation.objects.none())
    motivation = forms.CharField(
        label=_("Why does your municipality want to take part?"), widget=forms.Textarea(attrs={"rows": 4})
    )
    commitment = forms.CharField(
        label=_("Commitment"),
        help_text=_("Who is committed: the college, the council, the civil servants who will take part."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class IntakePlanForm(CrispyForm):
    error_text_inline = False

    intake_at = forms.DateTimeField(
        label=_("Date and time of the intake conversation"),
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class IntakeRecordForm(CrispyForm):
    error_text_inline = False

    questions = forms.CharField(label=_("The municipality's questions"), widget=forms.Textarea(attrs={"rows": 5}))


class AdmitForm(CrispyForm):
    error_text_inline = False

    cohort = forms.ModelChoiceField(label=_("Learning group"), queryset=Cohort.objects.none())

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts


class DeclineForm(CrispyForm):
    error_text_inline = False

    reason = forms.CharField(
        label=_("Reason for declining"),
        help_text=_("The municipality sees this reason."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
