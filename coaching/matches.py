"""Coaching wishes, publishing coach matches, the "click" check, re-matching and ending matches.

Reads (selectors) first, then writes (services). Views and tasks call these; they never write themselves.

Rules:
- A participant may state a wish (themes, a preferred coach of their organisation's pool, "not someone from
  my own department", a note for HR only) when they are a current member of a cohort or already have a coach.
- HR of the programme's owner publishes matches for the cohort's current members, all or nothing, after
  checking everything again under lock (the cohort row, then the coaches' profiles): each participant is a
  current member without a live coach and appears once; each coach is an approved coach of the pool of the
  programme's owner or participating organisations with a free place; never the participant themself or
  their manager; and never a coach of the participant's own department when the participant asked for
  someone from elsewhere (also the default without a wish) — UNLESS HR explicitly allows it for that row
  (``own_department_allowed``). HR may know better after talking to the participant; the override is named
  in the stored explanation ("same department (allowed by HR)"), so it is never silent.
- Coach and participant are both introduced by a message (once per match). Each side then confirms the click;
  when both did, the match is confirmed. Either side may ask for a different match, with a reason only HR
  reads (on the matching page; the message to HR does not contain it, the other side never sees it).
- HR ends a match (e.g. to re-match); its session logs stay as they are.
"""

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.scoping import is_hr_of
from notifications.events import Event
from notifications.services import notify
from participants.models import Enrolment
from programmes.models import Cohort
from programmes.services import cohort_lock

from .matching import Proposal, Wish, coach_matching_propose, explain_pair, forbidden_reason, free_places
from .models import CoachingWish, CoachMatch, CoachProfile, Theme
from .selectors import LIVE, approved_coaches, matches_for_hr

NOTE_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000


# --- selectors ---------------------------------------------------------------------------------------------


def is_current_member(*, person) -> bool:
    return Enrolment.objects.filter(person=person, status__in=Enrolment.CURRENT_STATUSES).exists()


def may_state_wish(*, person) -> bool:
    """A current member (placed or active) of a cohort, or someone who already has a coach."""
    if not person.organisation_id:
        return False
    return is_current_member(person=person) or CoachMatch.objects.filter(participant=person, status__in=LIVE).exists()


def wish_of(*, participant) -> CoachingWish | None:
    return CoachingWish.objects.filter(participant=participant).prefetch_related("themes").first()


def pool_for_participant(*, participant) -> QuerySet[CoachProfile]:
    """The approved coaches a participant may prefer: their organisation's pool, without themself or manager."""
    return approved_coaches(organisation_ids=[participant.organisation_id]).exclude(
        Q(user=participant) | Q(user_id=participant.manager_id)
    )


def preferred_coach_choices(*, participant) -> QuerySet[User]:
    return (
        User.objects.filter(coach_profile__in=pool_for_participant(participant=participant))
        .select_related("department")
        .order_by("last_name", "first_name", "pk")
    )


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def pool_organisation_ids(*, cohort: Cohort) -> set[int]:
    """Coaches for a cohort come from the pools of its programme's owner and participating organisations."""
    programme = cohort.programme
    return {programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)}


def coaches_for_cohort(*, cohort: Cohort) -> QuerySet[CoachProfile]:
    return approved_coaches(organisation_ids=pool_organisation_ids(cohort=cohort)).select_related("organisation")


def current_members(*, cohort: Cohort) -> QuerySet[User]:
    return (
        User.objects.filter(enrolments__cohort=cohort, enrolments__status__in=Enrolment.CURRENT_STATUSES)
        .select_related("department", "organisation")
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )


def live_matches_of(*, people) -> dict[int, CoachMatch]:
    matches = CoachMatch.objects.filter(participant__in=people, status__in=LIVE).select_related(
        "coach__department", "coach__organisation", "rematch_requested_by", "cohort__programme"
    )
    return {match.participant_id: match for match in matches}


def cohort_matching_rows(*, cohort: Cohort, members: Sequence[User]) -> list[dict]:
    """Each current member with their live match (or None), whether they stated a wish, and its note for HR."""
    matches = live_matches_of(people=members)
    notes = dict(CoachingWish.objects.filter(participant__in=members).values_list("participant_id", "note_for_hr"))
    return [
        {
            "person": person,
            "match": matches.get(person.pk),
            "has_wish": person.pk in notes,
            "note_for_hr": notes.get(person.pk, ""),
        }
        for person in members
    ]


def cohort_coach_proposal(*, cohort: Cohort, members: Sequence[User], coaches: Sequence[CoachProfile]):
    """The optimiser's proposal for the members without a live coach."""
    existing = list(CoachMatch.objects.filter(participant__in=members, status__in=LIVE).only("participant", "coach"))
    with_coach = {match.participant_id for match in existing}
    needing = [person for person in members if person.pk not in with_coach]
    wishes = {
        wish.participant_id: wish
        for wish in CoachingWish.objects.filter(participant__in=needing).prefetch_related("themes")
    }
    proposals = coach_matching_propose(participants=needing, coaches=coaches, wishes=wishes, existing=existing)
    return proposals, wishes


def coach_proposal_rows(
    *,
    proposals: Sequence[Proposal],
    coaches: Sequence[CoachProfile],
    wishes: Mapping[int, CoachingWish],
    selected: Mapping[int, int | None] | None = None,
    own_department_allowed: Collection[int] = (),
) -> list[dict]:
    """The rows of the proposal HR reviews: per participant the coach chosen (the proposal's, or HR's own choice
    when the page is shown again after a refusal) and the coaches HR may pick, each with its places left once
    every choice on the page is published."""
    chosen = {
        proposal.participant.pk: (
            selected.get(proposal.participant.pk)
            if selected is not None
            else (proposal.coach.user_id if proposal.coach else None)
        )
        for proposal in proposals
    }
    taken = Counter(coach_id for coach_id in chosen.values() if coach_id)
    return [
        {
            "proposal": proposal,
            "options": coach_options(
                proposal=proposal, coaches=coaches, chosen=chosen[proposal.participant.pk], taken=taken
            ),
            "selected": chosen[proposal.participant.pk],
            "can_allow_own_department": bool(proposal.participant.department_id)
            and Wish.of(wishes.get(proposal.participant.pk)).avoid_own_department,
            "own_department_allowed": proposal.participant.pk in own_department_allowed,
        }
        for proposal in proposals
    ]


def coach_options(
    *,
    proposal: Proposal,
    coaches: Sequence[CoachProfile],
    chosen: int | None = None,
    taken: Mapping[int, int] | None = None,
) -> list[dict]:
    """The coaches HR may pick for a proposal's row: not themself, not their manager, and a free place, unless the
    coach is this row's choice (shown, so that the page never silently drops a choice).

    Each option has the coach's free places before this page ("free", live matches counted) and the places left
    once the page's choices are published ("left": `taken` counts the rows that chose each coach by user id), or
    how many participants too many the page gives them ("over").
    """
    person = proposal.participant
    taken = taken or {}
    options = []
    for coach in coaches:
        if coach.user_id == person.pk or coach.user_id == person.manager_id:
            continue
        free = free_places(coach, {})
        if free <= 0 and coach.user_id != chosen:
            continue
        options.append(
            {
                "coach": coach,
                "user_id": coach.user_id,
                "free": free,
                "left": free - taken.get(coach.user_id, 0),
                "over": max(taken.get(coach.user_id, 0) - free, 0),
                "own_department": person.department_id is not None and person.department_id == coach.user.department_id,
            }
        )
    return options


def hr_advisers_for_match(*, match: CoachMatch) -> QuerySet[User]:
    """Who hears of a rematch request: HR of the programme's owner (of the participant's organisation
    when the match belongs to no cohort)."""
    organisation_id = match.cohort.programme.owner_id if match.cohort_id else match.participant.organisation_id
    return User.objects.filter(
        role_assignments__role=Role.HR_ADVISER, role_assignments__organisation_id=organisation_id, is_active=True
    ).distinct()


def match_side(*, match: CoachMatch, user) -> str | None:
    if user.pk == match.coach_id:
        return "coach"
    if user.pk == match.participant_id:
        return "participant"
    return None


def participant_match(*, participant) -> CoachMatch | None:
    """The participant's live match, if any."""
    return (
        CoachMatch.objects.filter(participant=participant, status__in=LIVE)
        .select_related("coach__department", "coach__organisation", "cohort")
        .first()
    )


def match_for_side(*, user, pk: int) -> CoachMatch:
    """A match for its coach or participant; 404 for everyone else (HR included)."""
    return get_object_or_404(
        CoachMatch.objects.select_related("coach__department", "participant__department", "cohort"),
        Q(coach=user) | Q(participant=user),
        pk=pk,
    )


# --- wishes ------------------------------------------------------------------------------------------------


@transaction.atomic
def coaching_wish_save(
    *, participant: User, themes, preferred_coach: User | None, avoid_own_department: bool, note_for_hr: str
) -> CoachingWish:
    """Create or replace the participant's coaching wish."""
    if not may_state_wish(person=participant):
        raise PermissionDenied
    note_for_hr = (note_for_hr or "").strip()
    errors: dict[str, str] = {}
    if len(note_for_hr) > NOTE_MAX_LENGTH:
        errors["note_for_hr"] = _("Keep the note under %(max)s characters.") % {"max": NOTE_MAX_LENGTH}
    if preferred_coach is not None:
        if preferred_coach.pk == participant.pk:
            errors["preferred_coach"] = _("You cannot be your own coach.")
        elif preferred_coach.pk == participant.manager_id:
            errors["preferred_coach"] = _("Your own manager cannot be your coach.")
        elif not pool_for_participant(participant=participant).filter(user=preferred_coach).exists():
            errors["preferred_coach"] = _("Choose an approved coach of your organisation's pool.")
        elif (
            avoid_own_department
            and participant.department_id is not None
            and preferred_coach.department_id == participant.department_id
        ):
            errors["preferred_coach"] = _(
                "This coach works in your own department. Choose another coach, or untick "
                "“not someone from my own department”."
            )
    if errors:
        raise ValidationError(errors)
    wish, _created = CoachingWish.objects.update_or_create(
        participant=participant,
        defaults={
            "preferred_coach": preferred_coach,
            "avoid_own_department": avoid_own_department,
            "note_for_hr": note_for_hr,
        },
    )
    wish.themes.set(themes)
    return wish


# --- publishing --------------------------------------------------------------------------------------------


def _name(person: User) -> str:
    return person.full_name or person.email


@transaction.atomic
def coach_matches_publish(
    *,
    cohort: Cohort,
    pairs: Sequence[tuple[User, User]],
    by: User,
    own_department_allowed: Collection[int] = (),
) -> list[CoachMatch]:
    """Publish (participant, coach) pairs for a cohort: every pair or none. Introduces both sides.

    own_department_allowed: ids of participants for whom HR explicitly allows a coach of their own department.
    """
    cohort = cohort_lock(cohort_id=cohort.pk)
    if not is_hr_of(by, cohort.programme.owner_id):
        raise PermissionDenied
    if not pairs:
        raise ValidationError(_("Choose a coach for at least one participant."), code="nothing_to_publish")

    participant_ids = [participant.pk for participant, _coach in pairs]
    coach_ids = sorted({coach.pk for _participant, coach in pairs})
    # Lock the coaches' profiles (in a fixed order): publishing for another cohort waits, so places are counted
    # once. The counts are read after the lock (an aggregate cannot be locked itself).
    list(CoachProfile.objects.select_for_update(of=("self",)).filter(user_id__in=coach_ids).order_by("pk"))
    profiles = {
        profile.user_id: profile
        for profile in coaches_for_cohort(cohort=cohort).filter(user_id__in=coach_ids).select_related("user")
    }
    people = User.objects.select_related("department", "organisation").in_bulk(participant_ids)
    members = set(
        Enrolment.objects.filter(
            cohort=cohort, person_id__in=participant_ids, status__in=Enrolment.CURRENT_STATUSES
        ).values_list("person_id", flat=True)
    )
    with_coach = set(
        CoachMatch.objects.filter(participant_id__in=participant_ids, status__in=LIVE).values_list(
            "participant_id", flat=True
        )
    )
    wishes = {
        wish.participant_id: wish
        for wish in CoachingWish.objects.filter(participant_id__in=participant_ids).prefetch_related("themes")
    }

    errors: list[str] = []
    if len(set(participant_ids)) != len(participant_ids):
        errors.append(_("Each participant can get one coach only."))
    new_per_coach: dict[int, int] = {}
    checked: list[tuple[User, CoachProfile, Wish]] = []
    for participant_id, coach_id in sorted({(p.pk, c.pk) for p, c in pairs}):
        participant = people[participant_id]
        profile = profiles.get(coach_id)
        wish = Wish.of(wishes.get(participant_id))
        if participant_id not in members:
            errors.append(_("%(name)s is not a current member of this group.") % {"name": _name(participant)})
        elif participant_id in with_coach:
            errors.append(_("%(name)s already has a coach.") % {"name": _name(participant)})
        elif profile is None:
            errors.append(
                _("The chosen coach for %(name)s is not an approved coach of this programme's pool.")
                % {"name": _name(participant)}
            )
        else:
            reason = forbidden_reason(
                participant, profile, wish, own_department_allowed=participant_id in own_department_allowed
            )
            if reason is not None:
                errors.append(
                    _("%(coach)s cannot coach %(name)s: %(reason)s.")
                    % {"coach": _name(profile.user), "name": _name(participant), "reason": reason}
                )
            else:
                new_per_coach[coach_id] = new_per_coach.get(coach_id, 0) + 1
                checked.append((participant, profile, wish))
    for coach_id, count in new_per_coach.items():
        free = free_places(profiles[coach_id], {})
        if count > free:
            errors.append(
                _("%(coach)s has %(free)s free places, but %(count)s participants were given to them.")
                % {"coach": _name(profiles[coach_id].user), "free": free, "count": count}
            )
    if errors:
        raise ValidationError(errors, code="refused")

    matches = []
    used_so_far = {coach_id: profiles[coach_id].live_matches for coach_id in new_per_coach}
    for participant, profile, wish in checked:
        used_so_far[profile.user_id] += 1
        reasons = explain_pair(
            participant,
            profile,
            wish,
            places_used=used_so_far[profile.user_id],
            own_department_allowed_by_hr=participant.pk in own_department_allowed,
        )
        try:
            with transaction.atomic():
                match = CoachMatch.objects.create(
                    coach=profile.user,
                    participant=participant,
                    cohort=cohort,
                    status=CoachMatch.Status.INTRODUCED,
                    # Stored in the publishing HR adviser's language; messages are rendered per reader below.
                    explanation="; ".join(str(reason) for reason in reasons),
                    published_by=by,
                )
        except IntegrityError as error:
            # The locks serialise publishing; the "one live coach" constraint is the last guard.
            raise ValidationError(
                _("%(name)s already has a coach.") % {"name": _name(participant)}, code="already_matched"
            ) from error
        _introduce(match=match, reasons=reasons)
        matches.append(match)
    return matches


def _introduce(*, match: CoachMatch, reasons) -> None:
    sides = ((match.coach, match.participant, True), (match.participant, match.coach, False))
    for recipient, other, for_coach in sides:
        notify(
            recipient=recipient,
            event=Event.COACH_MATCH_INTRODUCED,
            key=f"match-{match.pk}",
            context={"match": match, "other": other, "for_coach": for_coach, "reasons": reasons},
            action_url=_page_of(match=match, side="coach" if for_coach else "participant"),
        )


def _page_of(*, match: CoachMatch, side: str) -> str:
    if side == "coach":
        return reverse("coaching:coach_match", args=[match.pk])
    return reverse("coaching:my_coaching_match")


# --- the click, re-matching, ending ---------------------------------------------------------------------------


def _lock_match(pk: int) -> CoachMatch:
    return (
        CoachMatch.objects.select_for_update(of=("self",))
        .select_related("coach__department", "participant__department", "participant__organisation", "cohort")
        .get(pk=pk)
    )


def _side_or_refuse(match: CoachMatch, by: User) -> str:
    side = match_side(match=match, user=by)
    if side is None:
        raise PermissionDenied
    return side


@transaction.atomic
def coach_match_confirm(*, match: CoachMatch, by: User) -> CoachMatch:
    """One side confirms the click; when both have, the match is confirmed. The other side is told."""
    match = _lock_match(match.pk)
    side = _side_or_refuse(match, by)
    if match.status not in (CoachMatch.Status.INTRODUCED, CoachMatch.Status.CONFIRMED):
        raise ValidationError(_("This match can no longer be confirmed."), code="not_confirmable")
    field = f"{side}_confirmed_at"
    if getattr(match, field) is not None:
        return match  # confirmed before: nothing changes and nothing is sent again
    setattr(match, field, timezone.now())
    fields = [field]
    both = match.coach_confirmed_at is not None and match.participant_confirmed_at is not None
    if both:
        match.status = CoachMatch.Status.CONFIRMED
        fields.append("status")
    match.save(update_fields=fields)
    other_side = "participant" if side == "coach" else "coach"
    notify(
        recipient=match.participant if side == "coach" else match.coach,
        event=Event.COACH_MATCH_CONFIRMED,
        key=f"match-{match.pk}-{side}",
        context={"match": match, "by": by, "by_coach": side == "coach", "both": both},
        action_url=_page_of(match=match, side=other_side),
    )
    return match


@transaction.atomic
def coach_match_request_rematch(*, match: CoachMatch, by: User, reason: str = "") -> CoachMatch:
    """One side asks for a different match. The reason is for HR only; HR is told without it."""
    match = _lock_match(match.pk)
    _side_or_refuse(match, by)
    if match.status == CoachMatch.Status.REMATCH_REQUESTED:
        raise ValidationError(_("A different match has already been asked for."), code="already_requested")
    if match.status not in LIVE:
        raise ValidationError(_("This match has ended."), code="ended")
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason under %(max)s characters.") % {"max": REASON_MAX_LENGTH}},
            code="too_long",
        )
    match.status = CoachMatch.Status.REMATCH_REQUESTED
    match.rematch_requested_by = by
    match.rematch_reason = reason
    match.save(update_fields=["status", "rematch_requested_by", "rematch_reason"])
    action_url = (
        reverse("coaching:cohort_matching", args=[match.cohort_id]) if match.cohort_id else reverse("dashboards:home")
    )
    for adviser in hr_advisers_for_match(match=match):
        notify(
            recipient=adviser,
            event=Event.COACH_REMATCH_REQUESTED,
            key=f"match-{match.pk}",
            context={"match": match},
            action_url=action_url,
        )
    return match


@transaction.atomic
def coach_match_end(*, match: CoachMatch, by: User) -> CoachMatch:
    """HR ends a live match (e.g. to re-match the participant). Its sessions and notes stay as they are."""
    if not matches_for_hr(user=by).filter(pk=match.pk).exists():
        raise PermissionDenied
    match = _lock_match(match.pk)
    if match.status not in LIVE:
        raise ValidationError(_("This match has already ended."), code="ended")
    match.status = CoachMatch.Status.ENDED
    match.ended_at = timezone.now()
    match.save(update_fields=["status", "ended_at"])
    return match
