"""What every app's forms share: the date and time widgets, the one crispy FormHelper, and error helpers.

Forms are rendered with `{% crispy form %}` inside a `<form>` the template writes, with its own
`{% csrf_token %}` and buttons; crispy renders the fields only (see `form_helper`).
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    """The browser's date picker; the value in the ISO format it reads."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def form_helper(*, error_text_inline: bool = True) -> FormHelper:
    """The FormHelper of every form: fields only, as the template writes the form tag, token and buttons.

    `error_text_inline=False` shows a field's errors as paragraphs instead of inline text, as the `|crispy`
    filter does; help texts stay blocks either way.
    """
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    # Crispy's `error_text_inline` setter also switches help texts inline; only the errors change here.
    helper._error_text_inline = error_text_inline
    return helper


class CrispyForm(forms.Form):
    """A form rendered with `{% crispy form %}`: the base class of every form that crispy renders whole."""

    # The forms that were rendered with the `|crispy` filter showed field errors as paragraphs; they set this to
    # False, so that their pages look as they did.
    error_text_inline = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(error_text_inline=self.error_text_inline)


def add_validation_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the field is on the form, else on top."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)
