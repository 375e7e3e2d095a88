"""Forms of placement rounds, assignments and the project market. They check the shape of the input; the services
in rounds.py, assignments.py and market.py check the rules."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Department, Organisation, User
from core.forms import CrispyForm, DateInput
from programmes.models import Track

from .. import assignments as assignment_services
from ..models import Assignment, PlacementRound


class RoundForm(CrispyForm):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=200, help_text=gettext_lazy("For example “Rotation 2”.")
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind of placement"), choices=())
    sequence = forms.IntegerField(
        label=gettext_lazy("Round number"),
        min_value=1,
        max_value=20,
        help_text=gettext_lazy("1, 2 or 3 for the three rotations of a traineeship."),
    )
    starts_on = forms.DateField(label=gettext_lazy("Placements start on"), widget=DateInput())
    ends_on = forms.DateField(
        label=gettext_lazy("Placements end on"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Leave empty for 8 months (a rotation) or 2 years (a fixed placement)."),
    )

    def __init__(self, *args, kinds: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, PlacementRound.Kind(kind).label) for kind in kinds]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end <= start:
            self.add_error("ends_on", _("The end date must be after the start date."))
        return cleaned


class RoundStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("New status"), choices=PlacementRound.Status.choices)


class SupervisorChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, show_organisation: bool = False, **kwargs):
        self.show_organisation = show_organisation
        super().__init__(*args, **kwargs)

    def label_from_instance(self, person):
        label = person.full_name or person.email
        return f"{label} ({person.organisation.name})" if self.show_organisation else label


class DepartmentChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, show_organisation: bool = False, **kwargs):
        self.show_organisation = show_organisation
        super().__init__(*args, **kwargs)

    def label_from_instance(self, department):
        return f"{department.name} ({department.organisation.name})" if self.show_organisation else department.name


class AssignmentForm(CrispyForm):
    """An assignment for a round: the host (when the person may post for several), what, where, who supervises."""

    host_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Host organisation"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("What the trainee will do and achieve: realistic within the placement period."),
    )
    department = DepartmentChoiceField(
        label=gettext_lazy("Department"), queryset=Department.objects.none(), required=False
    )
    supervisor = SupervisorChoiceField(
        label=gettext_lazy("Supervisor at the host"),
        queryset=User.objects.none(),
        help_text=gettext_lazy("The person who guides the trainee day to day."),
    )
    hours_per_week = forms.DecimalField(
        label=gettext_lazy("Hours per week"), min_value=1, max_value=40, max_digits=4, decimal_places=1, initial=36
    )
    track = forms.ModelChoiceField(
        label=gettext_lazy("Track"),
        queryset=Track.objects.none(),
        required=False,
        empty_label=gettext_lazy("Every trainee (no track)"),
        help_text=gettext_lazy("Only trainees of this track can take the assignment."),
    )
    suits_rotation = forms.BooleanField(label=gettext_lazy("Suits an 8-month rotation"), required=False, initial=True)
    suits_fixed = forms.BooleanField(label=gettext_lazy("Suits a fixed 2-year placement"), required=False)
    capacity = forms.IntegerField(
        label=gettext_lazy("Number of trainees"),
        min_value=assignment_services.MIN_CAPACITY,
        max_value=assignment_services.MAX_CAPACITY,
        initial=1,
    )

    def __init__(self, *args, round: PlacementRound, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        hosts = list(hosts)
        several = len(hosts) > 1
        if several:
            self.fields["host_organisation"].queryset = Organisation.objects.filter(pk__in=[host.pk for host in hosts])
        else:
            del self.fields["host_organisation"]
        self.fields["department"].queryset = assignment_services.department_choices(organisations=hosts)
        self.fields["department"].show_organisation = several
        self.fields["supervisor"].queryset = assignment_services.supervisor_choices(organisations=hosts)
        self.fields["supervisor"].show_organisation = several
        tracks = assignment_services.track_choices(round=round)
        if tracks.exists():
            self.fields["track"].queryset = tracks
        else:
            del self.fields["track"]
        if round.kind == PlacementRound.Kind.FIXED:
            self.fields["suits_fixed"].initial = True
            self.fields["suits_rotation"].initial = False

    def assignment_fields(self) -> dict:
        """The cleaned fields the services take (without the host)."""
        return {name: self.cleaned_data.get(name) for name in assignment_services.FIELDS}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", "publish"), ("reject", "reject")])
    note = forms.CharField(
        label=gettext_lazy("Note to the host"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PreferencesForm(forms.Form):
    """One number input per assignment the trainee may rank: 1 for their first choice, empty for no interest."""

    def __init__(self, *args, assignments: list[Assignment], ranks: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.assignments = assignments
        for assignment in assignments:
            self.fields[self.field_name(assignment.pk)] = forms.IntegerField(
                label=_("Your rank for “%(title)s”") % {"title": assignment.title},
                required=False,
                min_value=1,
                max_value=max(len(assignments), 1),
                initial=ranks.get(assignment.pk),
            )

    @staticmethod
    def field_name(assignment_id: int) -> str:
        return f"rank_{assignment_id}"

    def rows(self):
        return [(assignment, self[self.field_name(assignment.pk)]) for assignment in self.assignments]

    def clean(self):
        cleaned = super().clean()
        used: dict[int, list[str]] = {}
        for assignment in self.assignments:
            rank = cleaned.get(self.field_name(assignment.pk))
            if rank is not None:
                used.setdefault(rank, []).append(self.field_name(assignment.pk))
        for rank, names in sorted(used.items()):
            if len(names) > 1:
                for name in names:
                    self.add_error(name, _("Rank %(rank)s is given more than once.") % {"rank": rank})
        return cleaned

    def ranks(self) -> dict[int, int]:
        return {
            assignment.pk: self.cleaned_data[self.field_name(assignment.pk)]
            for assignment in self.assignments
            if self.cleaned_data.get(self.field_name(assignment.pk)) is not None
        }


class HostRankingForm(forms.Form):
    """Per candidate: a rank (1 = most wanted) or "not suitable"."""

    def __init__(self, *args, candidates: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for preference in candidates:
            name = preference.trainee.full_name or preference.trainee.email
            ranking = preference.host_ranking
            self.fields[f"rank_{preference.trainee_id}"] = forms.IntegerField(
                label=_("Your rank for %(name)s") % {"name": name},
                required=False,
                min_value=1,
                max_value=max(len(candidates), 1),
                initial=ranking.rank if ranking else None,
                widget=forms.NumberInput(attrs={"class": "form-control", "style": "max-width: 6rem"}),
            )
            self.fields[f"not_suitable_{preference.trainee_id}"] = forms.BooleanField(
                label=_("%(name)s is not suitable") % {"name": name},
                required=False,
                initial=bool(ranking and ranking.not_suitable),
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )

    def rows(self):
        return [
            (preference, self[f"rank_{preference.trainee_id}"], self[f"not_suitable_{preference.trainee_id}"])
            for preference in self.candidates
        ]

    def clean(self):
        cleaned = super().clean()
        used: dict[int, list[str]] = {}
        for preference in self.candidates:
            rank = cleaned.get(f"rank_{preference.trainee_id}")
            if rank is not None and cleaned.get(f"not_suitable_{preference.trainee_id}"):
                self.add_error(
                    f"rank_{preference.trainee_id}", _("A candidate is either ranked or not suitable, not both.")
                )
            elif rank is not None:
                used.setdefault(rank, []).append(f"rank_{preference.trainee_id}")
        for rank, names in sorted(used.items()):
            if len(names) > 1:
                for name in names:
                    self.add_error(name, _("Rank %(rank)s is given more than once.") % {"rank": rank})
        return cleaned

    def rankings(self) -> dict[int, dict]:
        return {
            preference.trainee_id: {
                "rank": self.cleaned_data.get(f"rank_{preference.trainee_id}"),
                "not_suitable": bool(self.cleaned_data.get(f"not_suitable_{preference.trainee_id}")),
            }
            for preference in self.candidates
        }
