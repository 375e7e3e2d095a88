"""Forms of the people import: the upload and the confirmation."""

from pathlib import PurePath

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import CrispyForm

from ..models import Organisation

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class PeopleImportUploadForm(CrispyForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("A .csv file of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations
        choices = list(organisations[:2])
        if len(choices) == 1:
            # One organisation: nothing to choose; a disabled field always takes its initial value.
            field.initial = choices[0]
            field.disabled = True
            field.widget = forms.HiddenInput()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() != ".csv":
            raise forms.ValidationError(_("Choose a CSV file (a file name ending in .csv)."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it into smaller files."))
        return upload


class PeopleImportConfirmForm(CrispyForm):
    send_invitations = forms.BooleanField(
        label=_("Send an invitation e-mail to the new people"),
        help_text=_("People who are already in the portal do not receive an e-mail."),
        required=False,
        initial=False,
    )
