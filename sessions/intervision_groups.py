"""Intervision groups: the services that save a proposal (``grouping``) as a cohort's groups, adjust a group by
hand, and give each group its own sessions. Under a lock on the cohort row; HR of the programme only."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.scoping import is_hr_of
from participants.models import Enrolment
from participants.selectors import cohort_members
from programmes.models import Cohort
from programmes.services import cohort_lock

from .grouping import manager_pairs, person_name
from .models import Attendance, IntervisionGroup, Session, SessionKind


def _check_hr(*, user: User, cohort: Cohort) -> None:
    if not is_hr_of(user, cohort.programme.owner_id):
        raise PermissionDenied(_("Only HR of the programme's organisation may manage its intervision groups."))


def _current_members(cohort: Cohort) -> dict[int, User]:
    return {person.pk: person for person in cohort_members(cohort=cohort, statuses=Enrolment.CURRENT_STATUSES)}


def _check_manager_rule(groups: Sequence[Sequence[User]]) -> None:
    pairs = manager_pairs(groups)
    if pairs:
        names = get_text_list([f"{person_name(a)} – {person_name(b)}" for a, b in pairs], _("and"))
        raise ValidationError(
            _("A person cannot be in a group with their own manager (%(pairs)s).") % {"pairs": names},
            code="manager_together",
        )


def _check_no_attendance(groups) -> None:
    recorded = (
        IntervisionGroup.objects.filter(pk__in=[group.pk for group in groups], sessions__attendances__isnull=False)
        .distinct()
        .order_by("name")
    )
    names = [group.name for group in recorded]
    if names:
        raise ValidationError(
            _(
                "Attendance has already been recorded in sessions of %(groups)s. Replacing the groups would lose "
                "that record; move people between groups by hand instead."
            )
            % {"groups": get_text_list(names, _("and"))},
            code="attendance_recorded",
        )


def _group_session_title(original_title: str, group_name: str) -> str:
    return f"{original_title} – {group_name}"[:200]


@transaction.atomic
def intervision_groups_create(*, cohort: Cohort, groups: Sequence[Sequence[User]], by: User) -> list[IntervisionGroup]:
    """Replace the cohort's intervision groups with `groups` (named "Group 1", "Group 2", …).

    Under a lock on the cohort row. Refused when attendance was recorded in a session of an existing
    group (the record would be lost). Every person must be a current member of the cohort, in one group
    only, never with their own manager. Sessions the old groups had (none attended) are merged back into
    one cohort-wide intervision session per date and time, so that HR can give the new groups their own
    sessions again with ``intervision_group_sessions_create``.
    """
    cohort = cohort_lock(cohort_id=cohort.pk)
    _check_hr(user=by, cohort=cohort)
    members = _current_members(cohort)
    groups = [list(group) for group in groups if group]
    if not groups:
        raise ValidationError(_("Propose at least one group."), code="no_groups")
    seen: set[int] = set()
    for group in groups:
        for person in group:
            if person.pk not in members:
                raise ValidationError(
                    _("%(name)s is not a current member of this cohort.") % {"name": person_name(person)},
                    code="not_member",
                )
            if person.pk in seen:
                raise ValidationError(
                    _("%(name)s is in more than one group.") % {"name": person_name(person)}, code="twice"
                )
            seen.add(person.pk)
    # Judge the manager rule on fresh rows, not on whatever the caller passed in.
    groups = [[members[person.pk] for person in group] for group in groups]
    _check_manager_rule(groups)

    existing = list(IntervisionGroup.objects.select_for_update(of=("self",)).filter(cohort=cohort))
    _check_no_attendance(existing)
    _merge_group_sessions_back(cohort=cohort, groups=existing)
    IntervisionGroup.objects.filter(pk__in=[group.pk for group in existing]).delete()

    created = []
    for number, people in enumerate(groups, start=1):
        group = IntervisionGroup.objects.create(cohort=cohort, name=_("Group %(number)s") % {"number": number})
        group.members.set(people)
        created.append(group)
    return created


def _merge_group_sessions_back(*, cohort: Cohort, groups: Sequence[IntervisionGroup]) -> None:
    """Turn the planned sessions of groups about to be replaced back into cohort-wide intervision sessions."""
    names = {group.pk: group.name for group in groups}
    seen: set[tuple] = set()
    sessions = Session.objects.filter(intervision_group__in=groups, status=Session.Status.PLANNED).order_by(
        "date", "start_time", "pk"
    )
    for session in sessions:
        slot = (session.date, session.start_time, session.end_time)
        if slot in seen:
            continue
        seen.add(slot)
        suffix = f" – {names[session.intervision_group_id]}"
        title = session.title[: -len(suffix)] if session.title.endswith(suffix) else session.title
        Session.objects.create(
            cohort=cohort,
            kind=session.kind,
            title=title,
            date=session.date,
            start_time=session.start_time,
            end_time=session.end_time,
            location=session.location,
            online_url=session.online_url,
            external_trainer=session.external_trainer,
            cost=session.cost,
        )


@transaction.atomic
def intervision_group_update(
    *, group: IntervisionGroup, name: str, facilitator: User | None, members: Sequence[User]
) -> IntervisionGroup:
    """HR adjusts a group by hand: its name, its facilitator and who is in it.

    A person added here who is in another group of the cohort moves out of that group (a person is in
    one group of a cohort only); people taken out are left without a group until HR places them.
    Refused (nothing changes): a name already used in the cohort, a facilitator who is neither a trainer
    nor staff of the programme's organisation, someone who is not a current member of the cohort, or a
    person together with their own manager. The group's planned future sessions get the new facilitator.
    """
    cohort = cohort_lock(cohort_id=group.cohort_id)
    group = IntervisionGroup.objects.select_for_update(of=("self",)).get(pk=group.pk)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the group a name.")}, code="name_required")
    if IntervisionGroup.objects.filter(cohort=cohort, name__iexact=name).exclude(pk=group.pk).exists():
        raise ValidationError({"name": _("Another group of this cohort is called “%(name)s”.") % {"name": name}})
    if facilitator is not None and not _may_facilitate(facilitator, cohort=cohort):
        raise ValidationError(
            {"facilitator": _("The facilitator must be a trainer or work for the programme's organisation.")}
        )
    current = _current_members(cohort)
    for person in members:
        if person.pk not in current:
            raise ValidationError(
                {"members": _("%(name)s is not a current member of this cohort.") % {"name": person_name(person)}}
            )
    people = [current[pk] for pk in sorted({person.pk for person in members})]
    try:
        _check_manager_rule([people])
    except ValidationError as error:
        raise ValidationError({"members": error.messages}) from error

    # Move people out of the other groups of the cohort (one group per person).
    IntervisionGroup.members.through.objects.filter(
        intervisiongroup__cohort=cohort, user_id__in=[person.pk for person in people]
    ).exclude(intervisiongroup_id=group.pk).delete()
    group.members.set(people)

    old_facilitator_id = group.facilitator_id
    group.name = name
    group.facilitator = facilitator
    group.save(update_fields=["name", "facilitator"])
    if old_facilitator_id != group.facilitator_id:
        Session.objects.filter(
            intervision_group=group, status=Session.Status.PLANNED, date__gte=timezone.localdate()
        ).update(trainer=facilitator)
    return group


def _may_facilitate(person: User, *, cohort: Cohort) -> bool:
    if person.organisation_id == cohort.programme.owner_id:
        return True
    return person.role_assignments.filter(role=Role.TRAINER).exists()


def facilitator_choices(*, cohort: Cohort):
    """Who may facilitate a group of this cohort: trainers, and staff of the programme's organisation."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role_assignments__role=Role.TRAINER) | Q(organisation_id=cohort.programme.owner_id))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


@transaction.atomic
def intervision_group_sessions_create(*, cohort: Cohort) -> int:
    """Give each intervision group its own copy of every cohort-wide intervision session. Returns how many new.

    For each planned, not yet past INTERVISION session of the whole cohort, every group gets a session at the
    same date and times and place, titled "<original title> – <group name>", run by the group's facilitator
    (without one, by the original's external trainer), at the original's cost (each group's meeting costs
    what the cohort's meeting would: ten Zwolle intervisions are five dates for two groups).
    The cohort-wide session is then deleted — it would otherwise appear twice in every member's schedule —
    unless attendance was already recorded for it: then it is cancelled, so that record is kept.
    Past sessions are left alone. Idempotent: a second run finds no cohort-wide session left to split, and
    each group's copy is found by (group, kind, date, start and end time) rather than created twice.
    """
    cohort = cohort_lock(cohort_id=cohort.pk)
    groups = list(IntervisionGroup.objects.filter(cohort=cohort).select_related("facilitator").order_by("name"))
    if not groups:
        raise ValidationError(_("Make the intervision groups first."), code="no_groups")
    originals = (
        Session.objects.select_for_update(of=("self",))
        .filter(
            cohort=cohort,
            intervision_group__isnull=True,
            kind=SessionKind.INTERVISION,
            status=Session.Status.PLANNED,
            date__gte=timezone.localdate(),
        )
        .annotate(has_attendance=Exists(Attendance.objects.filter(session_id=OuterRef("pk"))))
        .order_by("date", "start_time", "pk")
    )
    created = 0
    for original in originals:
        for group in groups:
            _session, was_created = Session.objects.get_or_create(
                cohort=cohort,
                intervision_group=group,
                kind=SessionKind.INTERVISION,
                date=original.date,
                start_time=original.start_time,
                end_time=original.end_time,
                defaults={
                    "title": _group_session_title(original.title, group.name),
                    "location": original.location,
                    "online_url": original.online_url,
                    "trainer": group.facilitator,
                    "external_trainer": "" if group.facilitator_id else original.external_trainer,
                    "cost": original.cost,
                },
            )
            created += was_created
        if original.has_attendance:
            original.status = Session.Status.CANCELLED
            original.cancellation_reason = _("Replaced by a session for each intervision group.")
            original.save(update_fields=["status", "cancellation_reason", "updated_at"])
        else:
            original.delete()
    return created
