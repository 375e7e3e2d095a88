"""Session feedback: the attendee's form, and the results for HR (without names)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors
from programmes.selectors import cohort_for_hr

from ..feedback import (
    FEEDBACK_CHANGE_DAYS,
    can_change,
    cohort_feedback_summary,
    feedback_of,
    session_ended,
    session_feedback_give,
    session_for_feedback,
)
from ..forms import FeedbackForm
from ..models import Session


@login_required
def feedback(request, pk: int):
    session = session_for_feedback(person=request.user, pk=pk)
    existing = feedback_of(person=request.user, session=session)
    is_cancelled = session.status == Session.Status.CANCELLED
    has_ended = session_ended(session)
    can_edit = not is_cancelled and has_ended and (existing is None or can_change(existing))
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else None
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session_feedback_give(session=session, person=request.user, **form.cleaned_data)
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
            "change_days": FEEDBACK_CHANGE_DAYS,
        },
    )


@role_required(Role.HR_ADVISER)
def feedback_results(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    return render(
        request,
        "sessions/feedback_results.html",
        {"cohort": cohort, **cohort_feedback_summary(cohort=cohort)},
    )


urlpatterns = [
    path("<int:pk>/feedback/", feedback, name="feedback"),
    path("cohorts/<int:cohort_pk>/feedback/", feedback_results, name="feedback_results"),
]
