"""The cohort's vote on its elective training (keuzetraining).

HR opens the vote with at least two topics; the cohort's current members may propose more and vote for
one (voting again changes the vote); HR closes it. The topic with the most votes wins; a tie goes to the
topic proposed first (HR's topics in the order HR listed them, then members' proposals in the order they
came in; with no votes at all that is HR's first topic). The winner's title becomes the title of the
cohort's elective session; without one, the vote stays without session and HR is told to plan it.
Every write locks the poll row, so a vote cannot slip in while the vote is being closed.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import is_hr_of
from notifications.events import Event
from notifications.services import notify
from participants.models import Enrolment
from participants.selectors import cohort_members
from programmes.models import Cohort
from programmes.services import cohort_lock

from .models import ElectiveBallot, ElectivePoll, ElectiveTopic, Session, SessionKind
from .selectors import is_cohort_member

TOPIC_MAX_LENGTH = ElectiveTopic._meta.get_field("title").max_length


# --- reads -------------------------------------------------------------------------------------------------


def poll_of(*, cohort: Cohort) -> ElectivePoll | None:
    return ElectivePoll.objects.select_related("winner", "session").filter(cohort=cohort).first()


def tally(*, poll: ElectivePoll) -> QuerySet[ElectiveTopic]:
    """The topics with their number of votes, in the order that decides the winner (most votes, then first)."""
    return (
        ElectiveTopic.objects.filter(poll=poll)
        .select_related("proposed_by")
        .annotate(votes=Count("ballots"))
        .order_by("-votes", "pk")
    )


def ballot_of(*, poll: ElectivePoll, person: User) -> ElectiveBallot | None:
    return ElectiveBallot.objects.filter(poll=poll, voter=person).first()


def elective_session_of(*, cohort: Cohort) -> Session | None:
    """The cohort's planned elective session (the first, if HR planned more than one)."""
    return (
        Session.objects.filter(
            cohort=cohort, kind=SessionKind.ELECTIVE, intervision_group__isnull=True, status=Session.Status.PLANNED
        )
        .order_by("date", "start_time", "pk")
        .first()
    )


@dataclass
class PollOverview:
    poll: ElectivePoll
    topics: list[ElectiveTopic]
    votes_cast: int
    member_count: int


def poll_overview(*, poll: ElectivePoll) -> PollOverview:
    topics = list(tally(poll=poll))
    return PollOverview(
        poll=poll,
        topics=topics,
        votes_cast=sum(topic.votes for topic in topics),
        member_count=cohort_members(cohort=poll.cohort, statuses=Enrolment.CURRENT_STATUSES).count(),
    )


# --- writes ------------------------------------------------------------------------------------------------


def _check_hr(*, user: User, cohort: Cohort) -> None:
    if not is_hr_of(user, cohort.programme.owner_id):
        raise PermissionDenied(_("Only HR of the programme's organisation may run the elective vote."))


def _lock_poll(poll_id: int) -> ElectivePoll:
    return ElectivePoll.objects.select_for_update(of=("self",)).select_related("cohort__programme").get(pk=poll_id)


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the topic a name.")}, code="title_required")
    if len(title) > TOPIC_MAX_LENGTH:
        raise ValidationError(
            {"title": _("Keep the topic under %(max)s characters.") % {"max": TOPIC_MAX_LENGTH}}, code="too_long"
        )
    return title


def _check_current_member(*, person: User, poll: ElectivePoll) -> None:
    if not is_cohort_member(person=person, cohort_id=poll.cohort_id, statuses=Enrolment.CURRENT_STATUSES):
        raise PermissionDenied(_("Only members of the group take part in its vote."))


def _check_open(poll: ElectivePoll) -> None:
    if poll.status != ElectivePoll.Status.OPEN:
        raise ValidationError(_("The vote has been closed."), code="closed")


def _vote_url(cohort_id: int) -> str:
    return reverse("sessions:elective_vote", args=[cohort_id])


@transaction.atomic
def elective_poll_open(*, cohort: Cohort, topics: list[str], by: User) -> ElectivePoll:
    """HR opens the vote with at least two different topics; every current member is told."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_hr(user=by, cohort=cohort)
    cleaned: list[str] = []
    for title in topics:
        if not (title or "").strip():
            continue
        title = _clean_title(title)
        if title.lower() in {existing.lower() for existing in cleaned}:
            raise ValidationError({"topics": _("“%(title)s” is listed twice.") % {"title": title}}, code="duplicate")
        cleaned.append(title)
    if len(cleaned) < 2:
        raise ValidationError({"topics": _("List at least two topics, one per line.")}, code="too_few_topics")
    if ElectivePoll.objects.filter(cohort=cohort).exists():
        raise ValidationError(_("This cohort already has an elective vote."), code="exists")

    poll = ElectivePoll.objects.create(cohort=cohort)
    ElectiveTopic.objects.bulk_create([ElectiveTopic(poll=poll, title=title, proposed_by=by) for title in cleaned])
    for member in cohort_members(cohort=cohort, statuses=Enrolment.CURRENT_STATUSES):
        notify(
            recipient=member,
            event=Event.ELECTIVE_VOTE_OPENED,
            key=f"elective-poll-{poll.pk}",
            context={"cohort": cohort, "poll": poll, "topics": cleaned},
            action_url=_vote_url(cohort.pk),
        )
    return poll


@transaction.atomic
def elective_topic_propose(*, poll: ElectivePoll, person: User, title: str) -> ElectiveTopic:
    """A current member adds a topic to the open vote; a title already listed (in any case) is refused."""
    poll = _lock_poll(poll.pk)
    _check_current_member(person=person, poll=poll)
    _check_open(poll)
    title = _clean_title(title)
    if ElectiveTopic.objects.filter(poll=poll, title__iexact=title).exists():
        raise ValidationError({"title": _("“%(title)s” is already on the list.") % {"title": title}}, code="duplicate")
    try:
        with transaction.atomic():
            return ElectiveTopic.objects.create(poll=poll, title=title, proposed_by=person)
    except IntegrityError as error:  # the poll lock serialises proposals; the constraint is the last guard
        raise ValidationError(
            {"title": _("“%(title)s” is already on the list.") % {"title": title}}, code="duplicate"
        ) from error


@transaction.atomic
def elective_vote_cast(*, poll: ElectivePoll, person: User, topic: ElectiveTopic) -> ElectiveBallot:
    """A current member votes for a topic of the open vote; voting again replaces their vote."""
    poll = _lock_poll(poll.pk)
    _check_current_member(person=person, poll=poll)
    _check_open(poll)
    if topic.poll_id != poll.pk:
        raise ValidationError({"topic": _("Choose one of the topics of this vote.")}, code="other_poll")
    ballot, _created = ElectiveBallot.objects.update_or_create(poll=poll, voter=person, defaults={"topic": topic})
    return ballot


@transaction.atomic
def elective_poll_close(*, poll: ElectivePoll, by: User) -> ElectivePoll:
    """HR closes the vote: the winner (see the module docstring for ties) becomes the elective session's title.

    The elective session is the cohort's first planned session of kind ELECTIVE; when there is none the
    poll keeps no session and the view tells HR to plan one. Members are told the result once.
    Closing a closed vote changes and sends nothing.
    """
    poll = _lock_poll(poll.pk)
    _check_hr(user=by, cohort=poll.cohort)
    if poll.status == ElectivePoll.Status.CLOSED:
        return poll
    winner = tally(poll=poll).first()
    session = elective_session_of(cohort=poll.cohort)
    if session is not None:
        Session.objects.filter(pk=session.pk).update(
            title=winner.title, sequence=F("sequence") + 1, updated_at=timezone.now()
        )
        session.refresh_from_db()
    poll.status = ElectivePoll.Status.CLOSED
    poll.winner = winner
    poll.session = session
    poll.closed_at = timezone.now()
    poll.save(update_fields=["status", "winner", "session", "closed_at"])
    for member in cohort_members(cohort=poll.cohort, statuses=Enrolment.CURRENT_STATUSES):
        notify(
            recipient=member,
            event=Event.ELECTIVE_CHOSEN,
            key=f"elective-poll-{poll.pk}-chosen",
            context={"cohort": poll.cohort, "poll": poll, "winner": winner, "session": session},
            action_url=_vote_url(poll.cohort_id),
        )
    return poll
