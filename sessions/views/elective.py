"""The elective vote: HR opens and closes it; the cohort's members vote and propose topics.

HR pages are for HR of the programme's organisation; the vote page is for the cohort's members.
Anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors
from participants.models import Enrolment
from programmes.models import Cohort
from programmes.selectors import cohort_for_hr

from .. import selectors
from ..elective import (
    ballot_of,
    elective_poll_close,
    elective_poll_open,
    elective_session_of,
    elective_topic_propose,
    elective_vote_cast,
    poll_of,
    poll_overview,
)
from ..forms import OpenVoteForm, ProposeTopicForm
from ..models import ElectivePoll, ElectiveTopic

# --- HR ------------------------------------------------------------------------------------------------------


@role_required(Role.HR_ADVISER)
def elective(request, cohort_pk: int):
    """Open the vote (topics, one per line), follow the tally, see the result."""
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    poll = poll_of(cohort=cohort)
    form = None
    if poll is None:
        form = OpenVoteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                elective_poll_open(cohort=cohort, topics=form.cleaned_data["topics"].splitlines(), by=request.user)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The vote is open; the members have been told."))
                return redirect("sessions:elective", cohort_pk=cohort.pk)
    elif request.method == "POST":  # a second "open" (e.g. a double click): the vote is there already
        messages.info(request, _("This cohort already has an elective vote."))
        return redirect("sessions:elective", cohort_pk=cohort.pk)
    return render(
        request,
        "sessions/elective_manage.html",
        {
            "cohort": cohort,
            "poll": poll,
            "overview": poll_overview(poll=poll) if poll else None,
            "form": form,
            "session": elective_session_of(cohort=cohort) if poll and poll.status == "open" else None,
        },
    )


@require_POST
@role_required(Role.HR_ADVISER)
def elective_close(request, cohort_pk: int):
    cohort = cohort_for_hr(user=request.user, pk=cohort_pk)
    poll = get_object_or_404(ElectivePoll, cohort=cohort)
    if poll.status == ElectivePoll.Status.CLOSED:
        messages.info(request, _("The vote was already closed."))
        return redirect("sessions:elective", cohort_pk=cohort.pk)
    poll = elective_poll_close(poll=poll, by=request.user)
    if poll.session_id:
        messages.success(
            request,
            _("The vote is closed: “%(title)s” won and is now the elective session.") % {"title": poll.winner.title},
        )
    else:
        messages.warning(
            request,
            _("The vote is closed: “%(title)s” won. The cohort has no elective session yet; plan one.")
            % {"title": poll.winner.title},
        )
    return redirect("sessions:elective", cohort_pk=cohort.pk)


# --- members -------------------------------------------------------------------------------------------------


def _cohort_for_member(*, user, pk: int) -> Cohort:
    """A cohort the user is a member of (also after completing it, to see the result); 404 otherwise."""
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    if not selectors.is_cohort_member(person=user, cohort_id=cohort.pk):
        raise Http404
    return cohort


@login_required
def elective_vote(request, cohort_pk: int):
    """The topics as radio buttons; voting again changes the vote. After closing: the winner."""
    cohort = _cohort_for_member(user=request.user, pk=cohort_pk)
    poll = poll_of(cohort=cohort)
    ballot = ballot_of(poll=poll, person=request.user) if poll else None
    error = None
    if request.method == "POST":
        if poll is None:
            raise Http404
        topic = ElectiveTopic.objects.filter(poll=poll, pk=request.POST.get("topic") or None).first()
        if topic is None:
            error = _("Choose a topic.")
        else:
            try:
                elective_vote_cast(poll=poll, person=request.user, topic=topic)
            except PermissionDenied as refused:  # a former member may look, not vote
                raise Http404 from refused
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                messages.success(request, _("Your vote for “%(title)s” has been saved.") % {"title": topic.title})
                return redirect("sessions:elective_vote", cohort_pk=cohort.pk)
    return _render_vote(request, cohort=cohort, poll=poll, ballot=ballot, error=error)


def _render_vote(request, *, cohort, poll, ballot, error=None, propose_form=None):
    return render(
        request,
        "sessions/elective_vote.html",
        {
            "cohort": cohort,
            "poll": poll,
            "topics": list(poll.topics.all()) if poll else [],
            "ballot": ballot,
            "error": error,
            "propose_form": propose_form or ProposeTopicForm(),
            "can_act": poll is not None
            and poll.status == ElectivePoll.Status.OPEN
            and selectors.is_cohort_member(
                person=request.user, cohort_id=cohort.pk, statuses=Enrolment.CURRENT_STATUSES
            ),
        },
    )


@require_POST
@login_required
def elective_propose(request, cohort_pk: int):
    cohort = _cohort_for_member(user=request.user, pk=cohort_pk)
    poll = get_object_or_404(ElectivePoll, cohort=cohort)
    form = ProposeTopicForm(request.POST)
    if form.is_valid():
        try:
            topic = elective_topic_propose(poll=poll, person=request.user, title=form.cleaned_data["title"])
        except PermissionDenied as refused:  # a former member may look, not propose
            raise Http404 from refused
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” has been added to the vote.") % {"title": topic.title})
            return redirect("sessions:elective_vote", cohort_pk=cohort.pk)
    ballot = ballot_of(poll=poll, person=request.user)
    return _render_vote(request, cohort=cohort, poll=poll, ballot=ballot, propose_form=form)


urlpatterns = [
    path("cohorts/<int:cohort_pk>/elective/", elective, name="elective"),
    path("cohorts/<int:cohort_pk>/elective/close/", elective_close, name="elective_close"),
    path("cohorts/<int:cohort_pk>/elective/vote/", elective_vote, name="elective_vote"),
    path("cohorts/<int:cohort_pk>/elective/propose/", elective_propose, name="elective_propose"),
]
