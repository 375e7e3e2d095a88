"""Session feedback: the attendee's form, and the results for HR (without names)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors
from programmes.selectors import cohort_for_hr

from .. import feedback as service
from ..models import Session

RATING_CHOICES = [
    (1, gettext_lazy("1 — poor")),
    (2, gettext_lazy("2 — fair")),
    (3, gettext_lazy("3 — good")),
    (4, gettext_lazy("4 — very good")),
    (5, gettext_lazy("5 — excellent")),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("How would you rate this session?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        required=False,
        max_length=service.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What went well, what could be better? HR reads comments without your name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


@login_required
def feedback(request, pk: int):
    session = service.session_for_feedback(person=request.user, pk=pk)
    existing = service.feedback_of(person=request.user, session=session)
    is_cancelled = session.status == Session.Status.CANCELLED
    has_ended = service.session_ended(session)
    can_edit = not is_cancelled and has_ended and (existing is None or service.can_change(existing))
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else None
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.session_feedback_give(session=session, person=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return redirect("sessions:feedback", pk=session.pk)
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("sessions:feedback", pk=session.pk)
    return render(
        request,
        "sessions/feedback_form.html",
        {
            "session": session,
            "form": form,
            "existing": existing,
            "can_edit": can_edit,
            "is_cancelled": is_cancelled,
            "has_ended": has_ended,
            "change_days": service.FEEDBACK_CHANGE_DAYS,
        },
    )


@role_required(Role.HR_ADVISER)
def feedback_results(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    return render(
        request,
        "sessions/feedback_results.html",
        {"cohort": cohort, **service.cohort_feedback_summary(cohort=cohort)},
    )


urlpatterns = [
    path("<int:pk>/feedback/", feedback, name="feedback"),
    path("cohorts/<int:cohort_pk>/feedback/", feedback_results, name="feedback_results"),
]
