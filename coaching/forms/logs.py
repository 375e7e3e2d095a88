"""Forms for the coaching log: a logged session, a note or reflection. The services check the rules again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import CrispyForm, DateInput

from ..logs import MAX_DURATION, MIN_DURATION
from ..models import CoachingNote


class SessionFieldsForm(CrispyForm):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        initial=60,
        help_text=_("Between 5 and 480 minutes."),
    )
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Read by you and the participant only."),
    )
    next_steps = forms.CharField(
        label=_("Agreed next steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Read by you and the participant only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()


class SessionLogForm(SessionFieldsForm):
    private_note = forms.CharField(
        label=_("Private note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only for you: nobody else ever reads it, not the participant, not HR."),
    )
    shared_note = forms.CharField(
        label=_("Note shared with the participant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The participant reads this note; HR and the manager do not."),
    )


class NoteForm(CrispyForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
    visibility = forms.ChoiceField(
        label=_("Who may read it"), choices=CoachingNote.Visibility.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, coach_side: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if coach_side:
            choices = [
                (CoachingNote.Visibility.PRIVATE, _("Only for me")),
                (CoachingNote.Visibility.SHARED, _("Shared with the participant")),
            ]
        else:
            self.fields["text"].label = _("Reflection")
            choices = [
                (CoachingNote.Visibility.PRIVATE, _("Only for me")),
                (CoachingNote.Visibility.SHARED, _("Shared with my coach")),
            ]
        self.fields["visibility"].choices = choices
        self.fields["visibility"].initial = CoachingNote.Visibility.PRIVATE
