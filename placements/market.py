"""The project market (projectenmarkt): trainees rank the published assignments of a round they may take; hosts
rank their candidates or mark them "not suitable" after meeting them. The allocation reads both sides through
`market_preferences`.

What a trainee may take: a published assignment of the round whose track is the cohort's track or none, and never
an assignment they already had in another round of the cohort. Assignments live in one round, so "the same
assignment" in a later round is one of the same host with the same title (case and spaces ignored), see
`assignment_identity`.
"""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import is_hr_of
from participants.models import Enrolment

from .models import Assignment, HostRanking, Placement, PlacementRound, Preference
from .selectors import is_current_member

RoundStatus = PlacementRound.Status


def assignment_identity(*, host_organisation_id: int, title: str) -> tuple[int, str]:
    """What makes two assignments in different rounds the same one: the host and the title."""
    return host_organisation_id, " ".join(title.split()).casefold()


# --- reads -------------------------------------------------------------------------------------------------


def round_for_trainee(*, user, pk: int) -> PlacementRound:
    """A round of a cohort the person is a current member of (placed or active); 404 otherwise."""
    return get_object_or_404(
        PlacementRound.objects.select_related("cohort__programme", "cohort__track")
        .filter(Q(cohort__enrolments__person=user) & Q(cohort__enrolments__status__in=Enrolment.CURRENT_STATUSES))
        .distinct(),
        pk=pk,
    )


def _published(round: PlacementRound) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(round=round, status=Assignment.Status.PUBLISHED)
        .select_related("host_organisation", "department", "supervisor", "track")
        .order_by("host_organisation__name", "title", "pk")
    )


def _track_fits(assignment: Assignment, *, round: PlacementRound) -> bool:
    return assignment.track_id is None or assignment.track_id == round.cohort.track_id


def _earlier_placements(*, round: PlacementRound, trainee_ids=None) -> QuerySet[Placement]:
    placements = Placement.objects.filter(round__cohort_id=round.cohort_id).exclude(round=round)
    if trainee_ids is not None:
        placements = placements.filter(trainee_id__in=trainee_ids)
    return placements


def had_before(*, round: PlacementRound, trainee) -> set[tuple[int, str]]:
    """The identities of the assignments the trainee had in the cohort's other rounds."""
    return {
        assignment_identity(host_organisation_id=host_id, title=title)
        for host_id, title in _earlier_placements(round=round, trainee_ids=[trainee.pk]).values_list(
            "assignment__host_organisation_id", "assignment__title"
        )
    }


def offer_for_trainee(*, round: PlacementRound, trainee) -> list[Assignment]:
    """The published assignments of the round this trainee may rank, by host and title."""
    done = had_before(round=round, trainee=trainee)
    return [
        assignment
        for assignment in _published(round)
        if _track_fits(assignment, round=round)
        and assignment_identity(host_organisation_id=assignment.host_organisation_id, title=assignment.title)
        not in done
    ]


def trainee_preferences(*, round: PlacementRound, trainee) -> list[Preference]:
    """The trainee's preferences in this round, first choice first, with the assignment and its host."""
    return list(
        Preference.objects.filter(trainee=trainee, assignment__round=round)
        .select_related("assignment__host_organisation")
        .order_by("rank")
    )


def assignments_for_host_ranking(*, user) -> QuerySet[Assignment]:
    """Published assignments whose candidates this person may rank: as contact person (HR adviser) of the host
    organisation, or as the assignment's supervisor."""
    return Assignment.objects.filter(
        Assignment.objects.managed_by_filter(user) | Q(supervisor=user),
        status=Assignment.Status.PUBLISHED,
    ).select_related("round__cohort__programme", "host_organisation", "department", "supervisor")


def assignment_for_host_ranking(*, user, pk: int) -> Assignment:
    return get_object_or_404(assignments_for_host_ranking(user=user), pk=pk)


def candidates_of(*, assignment: Assignment) -> list[Preference]:
    """The trainees who ranked the assignment (their preference, with `host_ranking` set or None), by name."""
    preferences = list(
        Preference.objects.filter(assignment=assignment)
        .select_related("trainee__organisation")
        .order_by("trainee__last_name", "trainee__first_name", "trainee_id")
    )
    rankings = {ranking.trainee_id: ranking for ranking in HostRanking.objects.filter(assignment=assignment)}
    for preference in preferences:
        preference.host_ranking = rankings.get(preference.trainee_id)
    return preferences


def market_preferences(*, round: PlacementRound) -> dict:
    """Both sides' preferences of a round for the allocation, in five queries whatever the size (six when
    the round's cohort is not loaded yet).

    Returns a dict:
    - "trainees": list[User] — the cohort's current members (placed or active), by name, organisation loaded;
    - "assignments": list[Assignment] — the round's published assignments (host, department, supervisor and
      track loaded), by host and title; `capacity` is how many trainees each takes;
    - "trainee_ranks": {(trainee_id, assignment_id): rank} — 1 is the trainee's first choice; ranks of one
      trainee run 1..n without gaps (only pairs of the trainees and assignments above);
    - "host_ranks": {(trainee_id, assignment_id): rank} — the host's rank of a candidate, 1 = most wanted;
    - "not_suitable": {(trainee_id, assignment_id)} — the host met the candidate and finds them not suitable;
    - "eligible": {(trainee_id, assignment_id)} — the pairs the rules allow: the assignment's track is the
      cohort's track or none, and the trainee did not have the same assignment (same host and title) in
      another round of the cohort;
    - "previous_hosts": {trainee_id: {organisation_id, ...}} — hosts of the trainee's placements in the cohort's
      other rounds (for "preferably a different organisation each rotation").
    """
    trainees = list(
        User.objects.filter(enrolments__cohort_id=round.cohort_id, enrolments__status__in=Enrolment.CURRENT_STATUSES)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )
    assignments = list(_published(round))
    trainee_ids = {trainee.pk for trainee in trainees}
    assignment_ids = {assignment.pk for assignment in assignments}

    def in_market(trainee_id: int, assignment_id: int) -> bool:
        return trainee_id in trainee_ids and assignment_id in assignment_ids

    trainee_ranks_by_pair = {
        (trainee_id, assignment_id): rank
        for trainee_id, assignment_id, rank in Preference.objects.filter(assignment__round=round).values_list(
            "trainee_id", "assignment_id", "rank"
        )
        if in_market(trainee_id, assignment_id)
    }
    host_ranks: dict[tuple[int, int], int] = {}
    not_suitable: set[tuple[int, int]] = set()
    for trainee_id, assignment_id, rank, unsuitable in HostRanking.objects.filter(assignment__round=round).values_list(
        "trainee_id", "assignment_id", "rank", "not_suitable"
    ):
        if not in_market(trainee_id, assignment_id):
            continue
        if unsuitable:
            not_suitable.add((trainee_id, assignment_id))
        elif rank is not None:
            host_ranks[(trainee_id, assignment_id)] = rank

    done: dict[int, set[tuple[int, str]]] = {}
    previous_hosts: dict[int, set[int]] = {trainee_id: set() for trainee_id in trainee_ids}
    for trainee_id, host_id, title in _earlier_placements(round=round, trainee_ids=trainee_ids).values_list(
        "trainee_id", "assignment__host_organisation_id", "assignment__title"
    ):
        done.setdefault(trainee_id, set()).add(assignment_identity(host_organisation_id=host_id, title=title))
        previous_hosts[trainee_id].add(host_id)
    eligible = {
        (trainee.pk, assignment.pk)
        for trainee in trainees
        for assignment in assignments
        if _track_fits(assignment, round=round)
        and assignment_identity(host_organisation_id=assignment.host_organisation_id, title=assignment.title)
        not in done.get(trainee.pk, set())
    }
    return {
        "trainees": trainees,
        "assignments": assignments,
        "trainee_ranks": trainee_ranks_by_pair,
        "host_ranks": host_ranks,
        "not_suitable": not_suitable,
        "eligible": eligible,
        "previous_hosts": previous_hosts,
    }


# --- writes ------------------------------------------------------------------------------------------------


def _lock_open_market(round: PlacementRound, *, closed_message: str) -> PlacementRound:
    locked = (
        PlacementRound.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "cohort__track")
        .get(pk=round.pk)
    )
    if locked.status != RoundStatus.MARKET:
        raise ValidationError(closed_message, code="market_closed")
    return locked


def _compact(ranked: list[tuple[int, int]]) -> dict[int, int]:
    """[(id, rank)] → {id: 1..n} in the order of the given ranks (1, 3, 7 become 1, 2, 3)."""
    return {item: position for position, (item, _rank) in enumerate(sorted(ranked, key=lambda pair: pair[1]), 1)}


def _duplicate_ranks(ranks) -> list[int]:
    return sorted(rank for rank, count in Counter(ranks).items() if count > 1)


@transaction.atomic
def preferences_save(*, round: PlacementRound, trainee, ranks: dict[int, int]) -> dict[int, int]:
    """Replace the trainee's preferences in the round with `ranks` ({assignment id: rank}); returns what was
    stored. Ranks are whole numbers from 1, each used once; gaps close up (1, 3, 4 are stored as 1, 2, 3).
    Refused when the market is closed, for anyone who is not a current member of the cohort, and for an
    assignment the trainee may not take (another track, another round, or one they had before)."""
    round = _lock_open_market(round, closed_message=_("The project market is closed: preferences cannot change."))
    if not is_current_member(person=trainee, cohort=round.cohort):
        raise PermissionDenied
    errors: list[str] = []
    if any(not isinstance(rank, int) or isinstance(rank, bool) or rank < 1 for rank in ranks.values()):
        errors.append(_("A rank is a whole number of 1 or more."))
    duplicates = _duplicate_ranks(rank for rank in ranks.values() if isinstance(rank, int))
    if duplicates:
        errors.append(
            _("Each rank can be given once; used more than once: %(ranks)s.")
            % {"ranks": ", ".join(str(rank) for rank in duplicates)}
        )
    offer = {assignment.pk for assignment in offer_for_trainee(round=round, trainee=trainee)}
    refused = [assignment_id for assignment_id in ranks if assignment_id not in offer]
    if refused:
        done = had_before(round=round, trainee=trainee)
        for assignment in Assignment.objects.filter(pk__in=refused, round=round).order_by("title"):
            identity = assignment_identity(host_organisation_id=assignment.host_organisation_id, title=assignment.title)
            if identity in done:
                message = _("You had “%(title)s” in an earlier round; you cannot rank it again.")
                errors.append(message % {"title": assignment.title})
                refused.remove(assignment.pk)
        if refused:
            errors.append(_("You can only rank the published assignments of this round that are open to you."))
    if errors:
        raise ValidationError(errors)
    stored = _compact(list(ranks.items()))
    Preference.objects.filter(trainee=trainee, assignment__round=round).delete()
    Preference.objects.bulk_create(
        Preference(trainee=trainee, assignment_id=assignment_id, rank=rank) for assignment_id, rank in stored.items()
    )
    return stored


@transaction.atomic
def host_rankings_save(*, assignment: Assignment, by, rankings: dict[int, dict]) -> dict[int, dict]:
    """Replace the host's view of the assignment's candidates: {trainee id: {"rank": int | None, "not_suitable":
    bool}}. Only trainees who ranked the assignment; a candidate is ranked or not suitable, not both; each rank
    once, gaps close up. By the host's contact person or the assignment's supervisor, while the market is open."""
    _lock_open_market(
        assignment.round, closed_message=_("The project market is closed: candidates can no longer be ranked.")
    )
    locked = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
    if locked.status != Assignment.Status.PUBLISHED or not (
        is_hr_of(by, locked.host_organisation_id) or locked.supervisor_id == by.pk
    ):
        raise PermissionDenied
    candidates = set(Preference.objects.filter(assignment=locked).values_list("trainee_id", flat=True))
    errors: list[str] = []
    if set(rankings) - candidates:
        errors.append(_("Only trainees who ranked this assignment can be ranked."))
    ranked: list[tuple[int, int]] = []
    unsuitable: list[int] = []
    for trainee_id, entry in rankings.items():
        rank, not_suitable = entry.get("rank"), bool(entry.get("not_suitable"))
        if rank is not None and (not isinstance(rank, int) or isinstance(rank, bool) or rank < 1):
            errors.append(_("A rank is a whole number of 1 or more."))
        elif rank is not None and not_suitable:
            errors.append(_("A candidate is either ranked or not suitable, not both."))
        elif rank is not None:
            ranked.append((trainee_id, rank))
        elif not_suitable:
            unsuitable.append(trainee_id)
    duplicates = _duplicate_ranks(rank for _trainee, rank in ranked)
    if duplicates:
        errors.append(
            _("Each rank can be given once; used more than once: %(ranks)s.")
            % {"ranks": ", ".join(str(rank) for rank in duplicates)}
        )
    if errors:
        raise ValidationError(sorted(set(errors), key=errors.index))
    stored = {trainee_id: {"rank": rank, "not_suitable": False} for trainee_id, rank in _compact(ranked).items()}
    stored.update({trainee_id: {"rank": None, "not_suitable": True} for trainee_id in unsuitable})
    HostRanking.objects.filter(assignment=locked).delete()
    HostRanking.objects.bulk_create(
        HostRanking(assignment=locked, trainee_id=trainee_id, ranked_by=by, **entry)
        for trainee_id, entry in stored.items()
    )
    return stored
