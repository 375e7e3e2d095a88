"""The home of an employee or trainee: the next steps that wait for them, what comes next in their schedule,
when a group they have a seat in starts, and, for a host supervisor, their trainees and the assessments due.

Every step is a sentence with one link to the page where the person acts. Each rule comes from the app that
owns it (eligibility from participants, TMA bookings from sessions.slots, feedback from sessions.feedback, the
market and swaps from placements); this module only asks and words the answer. A fixed number of queries,
however many cohorts, sessions or placements there are.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participants.models import Enrolment
from participants.selectors import employee_programmes_overview
from placements.models import Placement, PlacementAssessment, PlacementRound, Preference, Swap, SwapMove
from placements.placing import assessment_open_from, supervised_placements
from programmes.models import Cohort, Programme
from sessions.feedback import sessions_awaiting_feedback
from sessions.models import ElectiveBallot, ElectivePoll
from sessions.selectors import ScheduleEntry
from sessions.slots import TMA_SESSIONS, tma_overview

from . import ActionItem
from .schedule import next_appointments

# How far back the home asks for feedback on sessions: older ones can still be rated from the session's page.
FEEDBACK_ASK_DAYS = 14
# When the home starts to remind a supervisor of the final assessment: in the placement's last weeks. (They
# may write it any time after the mid-term, see placements.placing.assessment_open_from.)
FINAL_ASSESSMENT_REMINDER_DAYS = 30


class StepKind:
    ENROL = "enrol"
    BOOK_TMA = "book_tma"
    RANK = "rank"
    VOTE = "vote"
    FEEDBACK = "feedback"
    SWAP = "swap"
    ASSESSMENT = "assessment"


@dataclass(frozen=True)
class GroupStart:
    cohort: Cohort
    programme: Programme
    starts_on: date


@dataclass
class Supervision:
    """A host supervisor's trainees (their published placements) and the assessments due."""

    placements: list[Placement]
    due: list[ActionItem]


@dataclass
class EmployeeHome:
    steps: list[ActionItem]
    upcoming: list[ScheduleEntry]
    group_starts: list[GroupStart]
    supervision: Supervision | None
    has_placements: bool
    in_job_swap: bool
    ranked_markets: list[PlacementRound] = field(default_factory=list)


def employee_home(*, person, today: date | None = None) -> EmployeeHome:
    today = today or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(person=person, status__in=Enrolment.LIVE_STATUSES).select_related("cohort__programme")
    )
    current = [enrolment for enrolment in enrolments if enrolment.status in Enrolment.CURRENT_STATUSES]
    current_cohort_ids = [enrolment.cohort_id for enrolment in current]
    markets = _open_markets(person=person, cohort_ids=current_cohort_ids)
    steps = [
        *_enrol_steps(person=person, today=today, enrolments=enrolments),
        *_tma_steps(person=person),
        *[_rank_step(round) for round in markets if not round.has_ranked],
        *_vote_steps(person=person, cohort_ids=current_cohort_ids),
        *_feedback_steps(person=person, today=today),
        *_swap_steps(person=person),
    ]
    supervised = list(supervised_placements(user=person))
    return EmployeeHome(
        steps=steps,
        upcoming=next_appointments(person=person),
        group_starts=[
            GroupStart(
                cohort=enrolment.cohort, programme=enrolment.cohort.programme, starts_on=enrolment.cohort.start_date
            )
            for enrolment in sorted(current, key=lambda enrolment: enrolment.cohort.start_date or today)
            if enrolment.cohort.start_date and enrolment.cohort.start_date > today
        ],
        supervision=Supervision(placements=supervised, due=_assessment_steps(supervised, today=today))
        if supervised
        else None,
        # Its placements page: a current cohort has placement rounds, or the person has had a placement.
        has_placements=bool(markets)
        or PlacementRound.objects.filter(cohort_id__in=current_cohort_ids).exists()
        or Placement.objects.filter(trainee=person).exists(),
        in_job_swap=any(
            enrolment.cohort.programme.placement_pattern == Programme.PlacementPattern.JOB_SWAP for enrolment in current
        ),
        ranked_markets=[round for round in markets if round.has_ranked],
    )


# --- enrolling ------------------------------------------------------------------------------------------------


def _enrol_steps(*, person, today: date, enrolments: list[Enrolment]) -> list[ActionItem]:
    """Open cohorts the person may enrol in (participants' eligibility), of programmes they are not in yet."""
    in_programmes = {enrolment.cohort.programme_id for enrolment in enrolments}
    url = reverse("participants:programmes")
    steps = []
    for row in employee_programmes_overview(person=person, on_date=today):
        if not row["can_enrol"] or row["programme"].pk in in_programmes:
            continue
        cohort = row["cohort"]
        if cohort.start_date:
            text = _("You can enrol in %(programme)s: %(cohort)s starts on %(date)s.") % {
                "programme": row["programme"].name,
                "cohort": cohort.name,
                "date": date_format(cohort.start_date, "j F Y"),
            }
        else:
            text = _("You can enrol in %(programme)s, %(cohort)s.") % {
                "programme": row["programme"].name,
                "cohort": cohort.name,
            }
        steps.append(
            ActionItem(
                kind=StepKind.ENROL,
                text=text,
                action=_("Enrol in %(cohort)s") % {"cohort": cohort.name},
                url=f"{url}#cohort-{cohort.pk}-heading",
            )
        )
    return steps


# --- sessions: TMA, the elective vote, feedback -------------------------------------------------------------


def _tma_steps(*, person) -> list[ActionItem]:
    url = reverse("sessions:tma_booking")
    steps = []
    for entry in tma_overview(person=person):
        if not entry.remaining:
            continue
        booked = len(entry.booked)
        text = _("You have booked %(booked)s of your %(total)s TMA sessions in %(cohort)s.") % {
            "booked": booked,
            "total": TMA_SESSIONS,
            "cohort": entry.cohort.name,
        }
        if entry.free:
            action = ngettext("Book your TMA session", "Book your %(count)s TMA sessions", entry.remaining) % {
                "count": entry.remaining
            }
        else:
            text += " " + _("No free time is published at the moment; the career adviser adds more.")
            action = _("See your TMA sessions")
        steps.append(ActionItem(kind=StepKind.BOOK_TMA, text=text, action=action, url=url))
    return steps


def _vote_steps(*, person, cohort_ids: list[int]) -> list[ActionItem]:
    """Open elective votes of the person's current cohorts (its voters) that they have not voted in."""
    polls = (
        ElectivePoll.objects.filter(cohort_id__in=cohort_ids, status=ElectivePoll.Status.OPEN)
        .exclude(Exists(ElectiveBallot.objects.filter(poll_id=OuterRef("pk"), voter=person)))
        .select_related("cohort")
        .order_by("opened_at", "pk")
    )
    return [
        ActionItem(
            kind=StepKind.VOTE,
            text=_("%(cohort)s is choosing its elective training and you have not voted yet.")
            % {"cohort": poll.cohort.name},
            action=_("Vote for the elective"),
            url=reverse("sessions:elective_vote", args=[poll.cohort_id]),
        )
        for poll in polls
    ]


def _feedback_steps(*, person, today: date) -> list[ActionItem]:
    sessions = sessions_awaiting_feedback(person=person, since=today - timedelta(days=FEEDBACK_ASK_DAYS))
    return [
        ActionItem(
            kind=StepKind.FEEDBACK,
            text=_("How was “%(title)s” on %(date)s? Your rating helps the trainer and HR.")
            % {"title": session.title, "date": date_format(session.date, "j F")},
            action=_("Give feedback on “%(title)s”") % {"title": session.title},
            url=reverse("sessions:feedback", args=[session.pk]),
        )
        for session in sessions
    ]


# --- placements: the project market, job swaps, assessments --------------------------------------------------


def _open_markets(*, person, cohort_ids: list[int]) -> list[PlacementRound]:
    """Rounds of the person's current cohorts whose project market is open, each with `has_ranked`."""
    return list(
        PlacementRound.objects.filter(cohort_id__in=cohort_ids, status=PlacementRound.Status.MARKET)
        .annotate(has_ranked=Exists(Preference.objects.filter(trainee=person, assignment__round_id=OuterRef("pk"))))
        .select_related("cohort")
        .order_by("starts_on", "pk")
    )


def _rank_step(round: PlacementRound) -> ActionItem:
    return ActionItem(
        kind=StepKind.RANK,
        text=_("The project market of %(round)s (%(cohort)s) is open and you have not ranked its assignments yet.")
        % {"round": round.name, "cohort": round.cohort.name},
        action=_("Rank the assignments"),
        url=reverse("placements:market", args=[round.pk]),
    )


def _swap_steps(*, person) -> list[ActionItem]:
    """The person's moves in proposed swaps they have neither accepted nor declined."""
    moves = SwapMove.objects.filter(
        participant=person, swap__status=Swap.Status.PROPOSED, accepted_at__isnull=True, declined_at__isnull=True
    ).select_related("swap", "host_offer__participant__organisation")
    url = reverse("placements:my_swap")
    return [
        ActionItem(
            kind=StepKind.SWAP,
            text=_("A job swap is proposed to you: from %(date)s you would take over the job %(job)s at %(place)s.")
            % {
                "date": date_format(move.swap.starts_on, "j F Y"),
                "job": move.host_offer.own_job,
                "place": move.host_offer.participant.organisation.name
                if move.host_offer.participant.organisation_id
                else "—",
            },
            action=_("Accept or decline the swap"),
            url=url,
        )
        for move in moves
    ]


def _assessment_steps(placements: list[Placement], *, today: date) -> list[ActionItem]:
    """The mid-term assessment once it can be written (from the placement's first day); the final one after
    the mid-term, in the placement's last weeks or after it ended. Never the text of an assessment."""
    steps = []
    for placement in placements:
        name = placement.trainee.full_name or placement.trainee.email
        if not placement.has_midterm:
            if assessment_open_from(placement=placement, kind=PlacementAssessment.Kind.MIDTERM, today=today) is None:
                steps.append(
                    ActionItem(
                        kind=StepKind.ASSESSMENT,
                        text=_("%(name)s has been on %(assignment)s since %(date)s; the mid-term assessment is open.")
                        % {
                            "name": name,
                            "assignment": placement.assignment.title,
                            "date": date_format(placement.starts_on, "j F Y"),
                        },
                        action=_("Write the mid-term assessment of %(name)s") % {"name": name},
                        url=reverse("placements:assessment", args=[placement.pk, PlacementAssessment.Kind.MIDTERM]),
                    )
                )
        elif not placement.has_final and placement.ends_on - timedelta(days=FINAL_ASSESSMENT_REMINDER_DAYS) <= today:
            steps.append(
                ActionItem(
                    kind=StepKind.ASSESSMENT,
                    text=_("The placement of %(name)s on %(assignment)s ends on %(date)s.")
                    % {
                        "name": name,
                        "assignment": placement.assignment.title,
                        "date": date_format(placement.ends_on, "j F Y"),
                    },
                    action=_("Write the final assessment of %(name)s") % {"name": name},
                    url=reverse("placements:assessment", args=[placement.pk, PlacementAssessment.Kind.FINAL]),
                )
            )
    return steps
