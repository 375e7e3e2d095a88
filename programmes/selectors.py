"""Reads about programmes and cohorts for HR. Scope: HR manages a programme its organisation owns.

Everything outside that scope answers 404 (`Http404`), so the existence of another organisation's
programme or cohort is not revealed.
"""

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import EducationLevel, Organisation, Role, User

# The cost functions live in costs.py; they are also importable from here, the app's public reads.
from .costs import cohort_cost_per_participant, cohort_cost_summary, programme_cost_summary  # noqa: F401
from .models import Cohort, Programme, Track

# Enrolment statuses that hold a seat in the cohort (the same as participants.selectors.SEAT_STATUSES).
PLACED_STATUSES = ("placed", "active")

# The status of a cohort moves along this table only (see services.cohort_status_change).
ALLOWED_COHORT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Cohort.Status.PLANNED: (Cohort.Status.OPEN, Cohort.Status.RUNNING),
    Cohort.Status.OPEN: (Cohort.Status.FULL, Cohort.Status.RUNNING, Cohort.Status.PLANNED),
    Cohort.Status.FULL: (Cohort.Status.RUNNING, Cohort.Status.OPEN),
    Cohort.Status.RUNNING: (Cohort.Status.COMPLETED,),
    Cohort.Status.COMPLETED: (Cohort.Status.EVALUATED,),
    Cohort.Status.EVALUATED: (),
}


def _cohorts_with_counts() -> QuerySet[Cohort]:
    return (
        Cohort.objects.select_related("track", "coordinator")
        .annotate(placed_count=Count("enrolments", filter=Q(enrolments__status__in=PLACED_STATUSES)))
        .order_by("start_date", "name")
    )


def programmes_for_hr(*, user) -> QuerySet[Programme]:
    """The programmes this HR adviser manages (their organisation owns them), ready for a list."""
    return (
        Programme.objects.managed_by(user)
        .select_related("owner")
        .prefetch_related(
            "participating_organisations",
            "tracks",
            "cost_items",
            Prefetch("cohorts", queryset=_cohorts_with_counts()),
        )
        .order_by("name")
    )


def programmes_open_for_applications() -> QuerySet[Programme]:
    """Active programmes that organisations (not individuals) apply to."""
    return Programme.objects.filter(enrolment_mode=Programme.EnrolmentMode.ORGANISATION, is_active=True).select_related(
        "owner"
    )


def programme_for_hr(*, user, slug: str) -> Programme:
    """One programme HR manages, with tracks, cost model and cohorts; 404 otherwise."""
    return get_object_or_404(programmes_for_hr(user=user), slug=slug)


def cohort_for_hr(*, user, pk: int) -> Cohort:
    """One cohort of a programme HR manages; 404 otherwise (HR of another organisation sees nothing)."""
    return get_object_or_404(
        Cohort.objects.select_related("programme__owner", "track", "coordinator").managed_by(user), pk=pk
    )


def cohort_with_costs_for_hr(*, user, pk: int) -> Cohort:
    """`cohort_for_hr` with the programme's cost items, for the cohort's own pages that show its costs."""
    cohort = cohort_for_hr(user=user, pk=pk)
    prefetch_related_objects([cohort], "programme__cost_items")
    return cohort


def coordinator_choices(*, user) -> QuerySet[User]:
    """Who may coordinate a cohort: active people of the HR adviser's organisations, and their HR advisers."""
    return (
        User.objects.filter(
            User.objects.managed_by_filter(user)
            | Q(
                role_assignments__role=Role.HR_ADVISER,
                role_assignments__organisation__in=Organisation.objects.managed_by(user),
            ),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def track_choices(*, programme: Programme) -> QuerySet[Track]:
    return Track.objects.filter(programme=programme).order_by("kind", "name")


def programme_rules(*, programme: Programme) -> list[str]:
    """The programme's rules in plain language, one sentence each (uses prefetched tracks and organisations)."""
    rules = [_("Type: %(kind)s.") % {"kind": programme.get_kind_display()}]
    if programme.enrolment_mode == Programme.EnrolmentMode.ORGANISATION:
        rules.append(
            _(
                "Organisations apply, not individuals: each gets an intake conversation, "
                "then HR composes the learning group."
            )
        )
    else:
        rules.append(_("People enrol themselves."))
    if programme.max_age_exclusive:
        rules.append(_("Only for people younger than %(age)d.") % {"age": programme.max_age_exclusive})
    else:
        rules.append(_("No age limit."))
    if programme.education_levels:
        rules.append(
            _("Only for staff at education level %(levels)s.") % {"levels": ", ".join(_level_labels(programme))}
        )
    if programme.requires_introduction_completed:
        rules.append(_("The introduction programme must be completed first."))
    if programme.requires_participating_employer:
        organisations = [organisation.name for organisation in programme.participating_organisations.all()]
        if organisations:
            rules.append(
                _("Only for staff of the participating organisations: %(organisations)s.")
                % {"organisations": ", ".join(organisations)}
            )
    if programme.requires_manager_approval:
        rules.append(_("The manager approves participation; the cost comes from the department's training budget."))
    else:
        rules.append(_("No manager approval is needed."))
    rules.append(
        ngettext(
            "Groups of at most %(capacity)d; a group starts when %(threshold)d has a place.",
            "Groups of at most %(capacity)d; a group starts when %(threshold)d have a place.",
            programme.start_threshold,
        )
        % {"capacity": programme.group_capacity, "threshold": programme.start_threshold}
    )
    if programme.extra_seats_max:
        rules.append(
            _("%(minimum)d to %(maximum)d extra people may join the open sessions.")
            % {"minimum": programme.extra_seats_min, "maximum": programme.extra_seats_max}
        )
    rules.append(
        ngettext("Takes %(months)d month.", "Takes %(months)d months.", programme.duration_months)
        % {"months": programme.duration_months}
    )
    if programme.hours_per_week:
        rules.append(
            _("%(hours)s hours a week go to the programme.") % {"hours": floatformat(programme.hours_per_week, -1)}
        )
    if programme.placement_pattern != Programme.PlacementPattern.NONE:
        rules.append(_("Placements: %(pattern)s.") % {"pattern": programme.get_placement_pattern_display()})
    tracks = list(programme.tracks.all())
    year_levels = [track.name for track in tracks if track.kind == Track.Kind.YEAR_LEVEL]
    specialisations = [track.name for track in tracks if track.kind == Track.Kind.SPECIALISATION]
    if year_levels:
        rules.append(_("Year levels: %(names)s.") % {"names": ", ".join(year_levels)})
    if specialisations:
        rules.append(_("Tracks: %(names)s.") % {"names": ", ".join(specialisations)})
    return rules


def _level_labels(programme: Programme) -> list[str]:
    labels = dict(EducationLevel.choices)
    return [str(labels.get(level, level)) for level in programme.education_levels]


def cohort_seats(*, cohort: Cohort, placed_count: int) -> dict:
    """Seats left and whether the start threshold is reached ("start when 15 have enrolled")."""
    return {
        "placed_count": placed_count,
        "seats_left": max(cohort.capacity - placed_count, 0),
        "threshold_reached": placed_count >= cohort.start_threshold,
        "more_needed": max(cohort.start_threshold - placed_count, 0),
    }


def programme_overview(*, programme: Programme) -> dict:
    """One programme with its rules in plain language, its cost model per group and its cohorts."""
    return {
        "programme": programme,
        "rules": programme_rules(programme=programme),
        "costs": programme_cost_summary(programme=programme, participants=programme.group_capacity),
        "tracks": list(programme.tracks.all()),
        "cohorts": list(programme.cohorts.all()),
    }


def programme_list_for_hr(*, user) -> list[dict]:
    """The programmes HR manages, each as `programme_overview`: a constant number of queries."""
    return [programme_overview(programme=programme) for programme in programmes_for_hr(user=user)]
