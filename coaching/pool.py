"""The coach pool: employees volunteer (or HR invites them), HR approves, declines, pauses and resumes coaches.

Statuses: invited → volunteered (the person filled in their profile) → approved (HR; grants the coach role)
→ paused ⇄ approved. HR may decline an invitation or a volunteer. A declined person may volunteer (or be
invited) again. Paused coaches get no new matches; their existing matches continue.

Every decision is taken by HR of the profile's organisation, never by the coach themself, on the profile's
row locked with ``select_for_update``, so two advisers clicking at once give one decision.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, RoleAssignment, User
from accounts.scoping import is_hr_of
from accounts.selectors import people_for_hr
from audit.models import AuditEvent
from audit.services import audit_record
from core.charts import Chart, Series
from notifications.events import Event
from notifications.services import notify
from participants.models import Enrolment
from programmes.models import Cohort

from .models import CoachMatch, CoachProfile, Theme
from .selectors import coach_profiles_for_hr

Status = CoachProfile.Status

MAX_HOURS_PER_MONTH = Decimal("80")
MAX_COACHEES = 20
INVITE_SEARCH_LIMIT = 20
PROFILE_FIELDS = (
    "expertise",
    "themes",
    "languages",
    "hours_per_month",
    "max_coachees",
    "coach_training_completed_on",
    "motivation",
)
# Enrolments of people who take part in a cohort now (and so may need a coach).


# --- selectors ------------------------------------------------------------------------------------------------


def pool_for_hr(*, user, status: str = "", organisation_id: int | None = None) -> QuerySet[CoachProfile]:
    """HR's coach pool with each coach's live load: volunteers waiting for a decision first, then by name."""
    profiles = coach_profiles_for_hr(user=user)
    if organisation_id is not None:
        profiles = profiles.filter(organisation_id=organisation_id)
    if status:
        profiles = profiles.filter(status=status)
    return profiles.annotate(
        waiting=Case(When(status=Status.VOLUNTEERED, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("waiting", "user__last_name", "user__first_name", "pk")


def pool_totals(*, organisation_ids) -> dict:
    """Capacity at a glance: approved coaches, their free places, and participants of running cohorts owned by
    these organisations who have no live coach yet."""
    approved = CoachProfile.objects.filter(organisation_id__in=organisation_ids, status=Status.APPROVED).annotate(
        live=Count("user__coach_matches", filter=Q(user__coach_matches__status__in=CoachMatch.LIVE_STATUSES))
    )
    loads = list(approved.values_list("max_coachees", "live"))
    return {
        "approved_coaches": len(loads),
        "free_places": sum(max(maximum - live, 0) for maximum, live in loads),
        "without_coach": participants_without_coach(organisation_ids=organisation_ids).values("pk").count(),
    }


def pool_load_chart(*, profiles) -> Chart | None:
    """Per coach who carries coachees (approved or paused), their live coachees against the maximum they
    offered (CoachProfile.max_coachees), from pool_for_hr's rows as they are: no queries of its own. In the
    order of the page's table; None when nobody in the list coaches."""
    coaches = [profile for profile in profiles if profile.status in {Status.APPROVED, Status.PAUSED}]
    if not coaches:
        return None
    return Chart(
        title=_("Coachees per coach against their maximum"),
        kind="bar",
        labels=[profile.user.full_name or profile.user.email for profile in coaches],
        series=[
            Series(_("Coachees now"), [profile.live_matches for profile in coaches]),
            # a second bar, not a line: the maximum differs per coach, and a line would run from one coach to
            # the next as if it were a trend
            Series(_("Maximum"), [profile.max_coachees for profile in coaches]),
        ],
        horizontal=True,
        counts=True,
        labels_heading=_("Coach"),
        chart_id="chart-coach-load",
    )


def participants_without_coach(*, organisation_ids) -> QuerySet[User]:
    """People taking part in a running cohort of these organisations' programmes who have no live coach."""
    return (
        User.objects.filter(
            is_active=True,
            enrolments__status__in=Enrolment.CURRENT_STATUSES,
            enrolments__cohort__status=Cohort.Status.RUNNING,
            enrolments__cohort__programme__owner_id__in=organisation_ids,
        )
        .exclude(Exists(CoachMatch.objects.filter(participant=OuterRef("pk"), status__in=CoachMatch.LIVE_STATUSES)))
        .distinct()
    )


def profile_for_decision(*, user, pk: int) -> CoachProfile:
    """A profile HR may decide on: in HR's pool and not their own (nobody approves themself). Else 404."""
    return get_object_or_404(CoachProfile.objects.managed_by(user).exclude(user=user), pk=pk)


def people_to_invite(*, hr, search: str) -> list[User]:
    """At most 20 active people of HR's organisations matching the search who are not in the pool (a declined
    person may be invited again). One query, whatever the search."""
    if not search.strip():
        return []
    in_pool = CoachProfile.objects.filter(user=OuterRef("pk")).exclude(status=Status.DECLINED)
    return list(people_for_hr(hr, search=search).filter(is_active=True).exclude(Exists(in_pool))[:INVITE_SEARCH_LIMIT])


def profile_of(*, user) -> CoachProfile | None:
    return CoachProfile.objects.filter(user=user).select_related("organisation").prefetch_related("themes").first()


# --- services -------------------------------------------------------------------------------------------------


@transaction.atomic
def coach_volunteer(*, user: User, **profile) -> CoachProfile:
    """An employee volunteers as coach (or accepts HR's invitation), or a coach edits their own profile.

    A new, invited or declined profile becomes "volunteered" and HR of the organisation is told; an approved
    or paused coach keeps their status. Unknown fields are refused."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"coach_volunteer() got unexpected fields: {sorted(unknown)}")
    if not user.organisation_id:
        raise ValidationError(_("Only employees of an organisation can join its coach pool."), code="no_organisation")
    # Lock the person: two submissions at once give one profile, not an integrity error.
    User.objects.select_for_update().filter(pk=user.pk).first()
    existing = CoachProfile.objects.select_for_update().filter(user=user).first()
    _validate_profile(profile, profile_obj=existing)

    themes = profile.pop("themes", None)
    coach = existing or CoachProfile(user=user, organisation_id=user.organisation_id)
    for field, value in profile.items():
        setattr(coach, field, "" if value is None and field in {"expertise", "languages", "motivation"} else value)
    becomes_volunteer = existing is None or existing.status in {Status.INVITED, Status.VOLUNTEERED, Status.DECLINED}
    newly_waiting = existing is None or existing.status in {Status.INVITED, Status.DECLINED}
    if becomes_volunteer:
        coach.status = Status.VOLUNTEERED
    if newly_waiting:
        coach.decided_by = None
        coach.decided_at = None
    coach.save()
    if themes is not None:
        coach.themes.set(themes)
    if newly_waiting:
        _notify_hr_of_volunteer(coach)
    return coach


def _validate_profile(profile: dict, *, profile_obj: CoachProfile | None) -> None:
    errors = {}
    hours = profile.get("hours_per_month")
    if "hours_per_month" in profile and (hours is None or not Decimal("0") <= Decimal(hours) <= MAX_HOURS_PER_MONTH):
        errors["hours_per_month"] = _("Enter between 0 and %(max)s hours per month.") % {"max": MAX_HOURS_PER_MONTH}
    maximum = profile.get("max_coachees")
    if "max_coachees" in profile:
        if maximum is None or not 1 <= maximum <= MAX_COACHEES:
            errors["max_coachees"] = _("Enter between 1 and %(max)s coachees.") % {"max": MAX_COACHEES}
        elif profile_obj is not None:
            live = CoachMatch.objects.filter(coach_id=profile_obj.user_id, status__in=CoachMatch.LIVE_STATUSES).count()
            if maximum < live:
                errors["max_coachees"] = _("You coach %(live)s people now; the maximum cannot be lower than that.") % {
                    "live": live
                }
    trained_on = profile.get("coach_training_completed_on")
    if trained_on and trained_on > timezone.localdate():
        errors["coach_training_completed_on"] = _("The coach training date cannot be in the future.")
    themes = profile.get("themes")
    if themes is not None and any(not isinstance(theme, Theme) for theme in themes):
        errors["themes"] = _("Choose themes from the list.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def coach_invite(*, hr: User, user: User) -> CoachProfile:
    """HR invites a person of their organisation to the pool; the person fills in the profile to accept."""
    if not is_hr_of(hr, user.organisation_id):
        raise PermissionDenied(_("You can only invite people of your own organisation."))
    if not user.is_active:
        raise ValidationError(_("This person no longer has an active account."), code="inactive")
    User.objects.select_for_update().filter(pk=user.pk).first()
    profile = CoachProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None and profile.status != Status.DECLINED:
        raise ValidationError(
            _("%(name)s is already in the coach pool (%(status)s).")
            % {"name": user.full_name or user.email, "status": Status(profile.status).label},
            code="already_in_pool",
        )
    if profile is None:
        profile = CoachProfile(user=user, organisation_id=user.organisation_id)
    profile.status = Status.INVITED
    profile.decided_by = hr
    profile.decided_at = timezone.now()
    profile.save()
    notify(
        recipient=user,
        event=Event.COACH_INVITED,
        key=f"{profile.pk}:{profile.decided_at.isoformat()}",
        context={"organisation": profile.organisation.name, "invited_by": hr.full_name or hr.email},
        action_url=reverse("coaching:volunteer"),
    )
    return profile


@transaction.atomic
def coach_approve(*, profile: CoachProfile, by: User) -> CoachProfile:
    """HR approves a volunteer: they become a coach (the coach role for the profile's organisation)."""
    profile = _lock_for_decision(profile, by=by, allowed_from={Status.VOLUNTEERED}, to_status=Status.APPROVED)
    RoleAssignment.objects.get_or_create(user=profile.user, role=Role.COACH, organisation=profile.organisation)
    notify(
        recipient=profile.user,
        event=Event.COACH_APPROVED,
        key=f"{profile.pk}:{profile.decided_at.isoformat()}",
        context={"organisation": profile.organisation.name},
        action_url=reverse("coaching:volunteer"),
    )
    return profile


@transaction.atomic
def coach_decline(*, profile: CoachProfile, by: User, reason: str) -> CoachProfile:
    """HR declines an invitation or a volunteer, with a reason that is sent to the person (and not stored:
    the message is the record, in the person's own inbox)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")}, code="reason_required")
    profile = _lock_for_decision(
        profile, by=by, allowed_from={Status.INVITED, Status.VOLUNTEERED}, to_status=Status.DECLINED
    )
    # idempotency: one message per decision moment.
    notify(
        recipient=profile.user,
        event=Event.COACH_DECLINED,
        key=f"{profile.pk}:{profile.decided_at.isoformat()}",
        context={"profile": profile, "reason": reason},
        action_url=reverse("coaching:volunteer"),
    )
    return profile


@transaction.atomic
def coach_pause(*, profile: CoachProfile, by: User) -> CoachProfile:
    """A paused coach gets no new matches; their existing matches continue."""
    return _lock_for_decision(profile, by=by, allowed_from={Status.APPROVED}, to_status=Status.PAUSED)


@transaction.atomic
def coach_resume(*, profile: CoachProfile, by: User) -> CoachProfile:
    return _lock_for_decision(profile, by=by, allowed_from={Status.PAUSED}, to_status=Status.APPROVED)


def _lock_for_decision(profile: CoachProfile, *, by: User, allowed_from: set[str], to_status: str) -> CoachProfile:
    profile = (
        CoachProfile.objects.select_for_update(of=("self",)).select_related("user", "organisation").get(pk=profile.pk)
    )
    if not is_hr_of(by, profile.organisation_id):
        raise PermissionDenied(_("Only HR of the coach's organisation may decide on the coach pool."))
    if profile.user_id == by.pk:
        raise PermissionDenied(_("You cannot decide on your own coach profile."))
    if profile.status not in allowed_from:
        raise ValidationError(
            _("A coach who is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(profile.status).label, "to": Status(to_status).label},
            code="invalid_transition",
        )
    profile.status = to_status
    profile.decided_by = by
    profile.decided_at = timezone.now()
    profile.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(actor=by, action=AuditEvent.Action.UPDATED, target=profile, subject=profile.user)
    return profile


def _notify_hr_of_volunteer(profile: CoachProfile) -> None:
    advisers = (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.HR_ADVISER,
            role_assignments__organisation_id=profile.organisation_id,
        )
        .exclude(pk=profile.user_id)
        .distinct()
        .order_by("pk")
    )
    context = {"coach_name": profile.user.full_name or profile.user.email}
    for adviser in advisers:
        notify(
            recipient=adviser,
            event=Event.COACH_VOLUNTEERED,
            key=f"{profile.pk}:{profile.updated_at.isoformat()}",
            context=context,
            action_url=reverse("coaching:pool"),
        )
