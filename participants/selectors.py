"""Reads about enrolments and budgets. Each list is planned: a fixed number of queries, whatever its length."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Department, User
from accounts.scoping import is_hr_of
from core.charts import Chart, Series
from core.spreadsheets import excel_csv_writer, spreadsheet_cell
from programmes.models import Cohort, Programme
from programmes.selectors import ALLOWED_COHORT_TRANSITIONS, cohort_cost_summary, cohort_seats

from .models import DepartmentBudget, Enrolment, EnrolmentTransition
from .queue import QueuedRequest, QueuePlace, Standing, cohort_queue

Status = Enrolment.Status

# Enrolments that are not finished with: one of these per person and cohort at most (a database constraint).
# Enrolments that hold a seat in their cohort.
# Live requests without a seat yet: the cohort's queue, in order of request.
# Enrolments whose cost is committed against the paying department's budget.
# Enrolments whose cost is spent.

ZERO = Decimal("0.00")


# --- access -------------------------------------------------------------------------------------


def can_manage_enrolment(*, user: User, enrolment: Enrolment) -> bool:
    """HR of the programme's owner or of the person's organisation may override and withdraw."""
    return is_hr_of(user, enrolment.cohort.programme.owner_id) or is_hr_of(user, enrolment.person.organisation_id)


def is_deciding_manager(*, user: User, enrolment: Enrolment) -> bool:
    """The manager asked to approve, as long as the person still reports to them (never the person)."""
    return (
        user.pk != enrolment.person_id and enrolment.approver_id == user.pk and enrolment.person.manager_id == user.pk
    )


def _enrolments() -> QuerySet[Enrolment]:
    return Enrolment.objects.select_related(
        "person", "person__department", "person__organisation", "cohort", "cohort__programme", "department", "approver"
    )


def enrolment_for_viewer(*, user: User, enrolment_id: int) -> Enrolment:
    """The enrolment, for the person themselves or HR in scope; 404 for anyone else."""
    scope = Q(person=user) | Enrolment.objects.managed_by_filter(user)
    return get_object_or_404(_enrolments().filter(scope), pk=enrolment_id)


def enrolment_for_hr(*, user: User, enrolment_id: int) -> Enrolment:
    """The enrolment, for HR of the programme's owner or of the person's organisation; 404 for anyone else."""
    return get_object_or_404(_enrolments().managed_by(user), pk=enrolment_id)


def enrolment_for_approver(*, manager: User, enrolment_id: int) -> Enrolment:
    """A request of the manager's own staff that this manager is asked to decide; 404 for anyone else."""
    return get_object_or_404(
        _enrolments().filter(approver=manager, person__manager=manager).exclude(person=manager), pk=enrolment_id
    )


def enrolment_of_person(*, person: User, enrolment_id: int) -> Enrolment:
    return get_object_or_404(_enrolments().filter(person=person), pk=enrolment_id)


# --- history ------------------------------------------------------------------------------------


def enrolment_transitions(*, enrolment: Enrolment) -> QuerySet[EnrolmentTransition]:
    return enrolment.transitions.select_related("actor").order_by("created_at", "pk")


# --- the queue (participants/queue.py has the rules) --------------------------------------------


def holds_place(enrolment: Enrolment, *, now: datetime) -> bool:
    """A request waiting for its manager holds its place until its decision window runs out."""
    return (
        enrolment.status == Status.AWAITING_MANAGER
        and enrolment.hold_released_at is None
        and (enrolment.decision_due_at is None or enrolment.decision_due_at > now)
    )


def _claims_a_seat(now: datetime, *, prefix: str = "") -> Q:
    """The queue's claimers as a filter (queue.py): approved without a seat, or holding a place (holds_place)."""
    return Q(**{f"{prefix}status__in": (Status.APPROVED, Status.WAITLISTED)}) | (
        Q(**{f"{prefix}status": Status.AWAITING_MANAGER, f"{prefix}hold_released_at__isnull": True})
        & (Q(**{f"{prefix}decision_due_at__isnull": True}) | Q(**{f"{prefix}decision_due_at__gt": now}))
    )


def _queued_request(enrolment: Enrolment, *, now: datetime) -> QueuedRequest:
    return QueuedRequest(
        id=enrolment.pk,
        requested_at=enrolment.requested_at,
        approved=enrolment.status in (Status.APPROVED, Status.WAITLISTED),
        window_open=holds_place(enrolment, now=now),
    )


def queue_of(*, cohort: Cohort, enrolments, now: datetime, taken: int) -> list[tuple[Enrolment, QueuePlace]]:
    """The cohort's queue from its unseated live enrolments (Enrolment.QUEUE_STATUSES) and the seats already taken."""
    by_id = {enrolment.pk: enrolment for enrolment in enrolments}
    places = cohort_queue(
        [_queued_request(enrolment, now=now) for enrolment in by_id.values()], free_seats=cohort.capacity - taken
    )
    return [(by_id[place.id], place) for place in places]


def queue_places_for(*, cohort_ids, now: datetime | None = None) -> dict[int, QueuePlace]:
    """Every queued enrolment's place in these cohorts, by enrolment id, in two queries for any number."""
    now = now or timezone.now()
    cohort_ids = set(cohort_ids)
    if not cohort_ids:
        return {}
    cohorts = {
        cohort.pk: cohort
        for cohort in Cohort.objects.filter(pk__in=cohort_ids)
        .only("pk", "capacity")
        .annotate(taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.CURRENT_STATUSES)))
    }
    queued: dict[int, list[Enrolment]] = {cohort_id: [] for cohort_id in cohorts}
    for enrolment in Enrolment.objects.filter(cohort_id__in=cohorts, status__in=Enrolment.QUEUE_STATUSES).only(
        "pk", "cohort_id", "status", "requested_at", "decision_due_at", "hold_released_at"
    ):
        queued[enrolment.cohort_id].append(enrolment)
    places = {}
    for cohort_id, enrolments in queued.items():
        cohort = cohorts[cohort_id]
        for enrolment, place in queue_of(cohort=cohort, enrolments=enrolments, now=now, taken=cohort.taken):
            places[enrolment.pk] = place
    return places


def queue_place(*, enrolment: Enrolment, now: datetime | None = None) -> QueuePlace | None:
    """The enrolment's place in its cohort's queue as it is now; None when it is not queued."""
    if enrolment.status not in Enrolment.QUEUE_STATUSES:
        return None
    return queue_places_for(cohort_ids={enrolment.cohort_id}, now=now).get(enrolment.pk)


def waitlist_position(*, enrolment: Enrolment, now: datetime | None = None) -> int | None:
    """The enrolment's number in line for a seat (1 for the next to get one); None with no number."""
    place = queue_place(enrolment=enrolment, now=now)
    return place.line_number if place else None


def seats_taken(*, cohort: Cohort) -> int:
    return Enrolment.objects.filter(cohort=cohort, status__in=Enrolment.CURRENT_STATUSES).count()


def cohort_members(*, cohort: Cohort, statuses=Enrolment.MEMBER_STATUSES) -> QuerySet[User]:
    """The people with a seat in the cohort (by default also those who completed it), by name."""
    return (
        User.objects.filter(enrolments__cohort=cohort, enrolments__status__in=statuses)
        .select_related("organisation", "department", "manager")
        .order_by("last_name", "first_name", "email")
        .distinct()
    )


# --- employee: programmes and own enrolments ------------------------------------------------------


def enrollable_cohorts_for(*, person: User) -> QuerySet[Cohort]:
    """Cohorts the person may see on the Programmes page: open (or full, with a waitlist) cohorts of
    active programmes that their organisation owns or takes part in, or that are open to every organisation."""
    return enrollable_cohorts_for_organisations(organisation_ids={person.organisation_id})


def enrollable_cohorts_for_organisations(*, organisation_ids) -> QuerySet[Cohort]:
    """The cohorts that staff of any of these organisations may see (the rule of ``enrollable_cohorts_for``),
    with their programme's participating organisations prefetched, so eligibility costs no more queries."""
    from .eligibility import ENROLLABLE_COHORT_STATUSES

    organisation_ids = [organisation_id for organisation_id in organisation_ids if organisation_id is not None]
    visible_programmes = Programme.objects.filter(
        Q(owner_id__in=organisation_ids)
        | Q(participating_organisations__in=organisation_ids)
        | Q(requires_participating_employer=False)
    ).values("pk")
    return (
        Cohort.objects.filter(
            status__in=ENROLLABLE_COHORT_STATUSES, programme__is_active=True, programme__in=visible_programmes
        )
        .select_related("programme", "programme__owner", "track")
        .prefetch_related("programme__participating_organisations")
        .annotate(
            seats_taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.CURRENT_STATUSES)),
            seats_claimed=Count("enrolments", filter=_claims_a_seat(timezone.now(), prefix="enrolments__")),
        )
        .order_by("start_date", "programme__name", "name", "pk")
    )


def employee_programmes_overview(*, person: User, on_date: date) -> list[dict]:
    """Each visible cohort with either the person's live enrolment, or the reasons they cannot enrol (empty: may)."""
    from .eligibility import cohort_enrolment_reasons

    cohorts = list(enrollable_cohorts_for(person=person))
    live = {
        enrolment.cohort_id: enrolment
        for enrolment in Enrolment.objects.filter(
            person=person, cohort__in=[c.pk for c in cohorts], status__in=Enrolment.LIVE_STATUSES
        )
    }
    rows = []
    for cohort in cohorts:
        enrolment = live.get(cohort.pk)
        reasons = (
            []
            if enrolment
            else cohort_enrolment_reasons(person=person, cohort=cohort, on_date=on_date, has_live_enrolment=False)
        )
        rows.append(
            {
                "cohort": cohort,
                "programme": cohort.programme,
                "enrolment": enrolment,
                "reasons": reasons,
                "can_enrol": enrolment is None and not reasons,
                "seats_left": max(cohort.capacity - cohort.seats_taken, 0),
                # Free for someone who enrols now: not taken and not claimed by an earlier request.
                "seats_open": max(cohort.capacity - cohort.seats_taken - cohort.seats_claimed, 0),
                "number_in_line_if_enrolled": max(cohort.seats_taken + cohort.seats_claimed - cohort.capacity, 0) + 1,
            }
        )
    return rows


def enrolments_of_person(*, person: User, now: datetime | None = None) -> list[Enrolment]:
    """The person's enrolments, newest first, each with its current place in the queue (`queue_place`)."""
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .select_related("cohort", "cohort__programme")
        .order_by("-requested_at", "-pk")
    )
    places = queue_places_for(
        cohort_ids={enrolment.cohort_id for enrolment in enrolments if enrolment.status in Enrolment.QUEUE_STATUSES},
        now=now,
    )
    for enrolment in enrolments:
        enrolment.queue_place = places.get(enrolment.pk)
        enrolment.waitlist_position = enrolment.queue_place.line_number if enrolment.queue_place else None
    return enrolments


# --- manager: approvals -------------------------------------------------------------------------


def _own_staff_requests(manager: User) -> QuerySet[Enrolment]:
    return _enrolments().filter(approver=manager, person__manager=manager).exclude(person=manager)


def approvals_waiting_count(*, manager: User) -> int:
    """How many requests of their own staff wait for this manager's decision (the Approvals badge)."""
    return (
        Enrolment.objects.filter(approver=manager, person__manager=manager, status=Status.AWAITING_MANAGER)
        .exclude(person=manager)
        .count()
    )


def approvals_for_manager(*, manager: User, history_limit: int = 50) -> dict:
    """Requests waiting for this manager (their own staff only), with the cost against the paying
    department's budget left before and after approving, and the manager's earlier decisions.

    The budget is that of the year the cost falls in: the cohort's start year (else the year of request).
    """
    own_staff = _own_staff_requests(manager)
    pending = list(own_staff.filter(status=Status.AWAITING_MANAGER).order_by("requested_at", "pk"))
    decided = list(
        own_staff.filter(decided_at__isnull=False)
        .exclude(status=Status.AWAITING_MANAGER)
        .order_by("-decided_at", "-pk")[:history_limit]
    )
    places = queue_places_for(cohort_ids={enrolment.cohort_id for enrolment in pending})
    for enrolment in pending:
        enrolment.queue_place = places.get(enrolment.pk)
    keys = {enrolment.pk: (enrolment.department_id, enrolment_budget_year(enrolment)) for enrolment in pending}
    budgets = department_budget_overviews_for(keys={key for key in keys.values() if key[0]})
    for enrolment in pending:
        budget = budgets.get(keys[enrolment.pk])
        enrolment.budget = budget
        enrolment.budget_left_after = budget["left"] - enrolment.cost if budget else None
    return {"pending": pending, "decided": decided}


# --- HR: cohorts ----------------------------------------------------------------------------------


def cohort_enrolment_overview(*, cohort: Cohort, now: datetime | None = None) -> dict:
    """A cohort's members and queue for HR in two queries: those with a seat, then the queue in order of
    request, each with its place (`queue_place`), whom it waits on and for how long, and the counts."""
    now = now or timezone.now()
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status__in=[*Enrolment.CURRENT_STATUSES, *Enrolment.QUEUE_STATUSES])
        .select_related("person", "person__department", "person__organisation", "approver", "department")
        .order_by("requested_at", "pk")
    )
    placed = [enrolment for enrolment in enrolments if enrolment.status in Enrolment.CURRENT_STATUSES]
    queue = []
    for enrolment, place in queue_of(
        cohort=cohort,
        enrolments=[enrolment for enrolment in enrolments if enrolment.status in Enrolment.QUEUE_STATUSES],
        now=now,
        taken=len(placed),
    ):
        enrolment.queue_place = place
        enrolment.waitlist_position = place.line_number
        enrolment.waiting_days = max((now - enrolment.requested_at).days, 0)
        queue.append(enrolment)
    pending = [enrolment for enrolment in queue if enrolment.status == Status.AWAITING_MANAGER]
    waitlisted = [enrolment for enrolment in queue if enrolment.status == Status.WAITLISTED]
    return {
        "placed": placed,
        "queue": queue,
        "waitlisted": waitlisted,
        "pending": pending,
        "counts": {
            "placed": len(placed),
            "waitlisted": len(waitlisted),
            "pending": len(pending),
            "holding": sum(1 for enrolment in queue if enrolment.queue_place.standing == Standing.HOLDING),
            "capacity": cohort.capacity,
            "seats_left": max(cohort.capacity - len(placed), 0),
            "start_threshold": cohort.start_threshold,
        },
    }


# --- costs and budgets ----------------------------------------------------------------------------


def cohort_page_overview(*, cohort: Cohort, now: datetime | None = None) -> dict:
    """Everything the HR cohort page shows: members, waitlist, pending approvals, seats and costs."""
    now = now or timezone.now()
    enrolments = cohort_enrolment_overview(cohort=cohort, now=now)
    placed = list(enrolments["placed"])
    costs = cohort_cost_summary(cohort=cohort)
    return {
        "placed": placed,
        "queue": enrolments["queue"],
        "waitlisted": enrolments["waitlisted"],
        "pending": enrolments["pending"],
        "holding_count": enrolments["counts"]["holding"],
        "seats": cohort_seats(cohort=cohort, placed_count=len(placed)),
        "costs": costs,
        "allowed_statuses": [Cohort.Status(status) for status in ALLOWED_COHORT_TRANSITIONS[cohort.status]],
        "fill_chart": cohort_fill_chart(cohort=cohort, today=timezone.localdate(now)),
    }


FILL_DAYS_MAX = 31  # a history longer than a month is charted per week, so the line stays readable


def cohort_fill_history(*, cohort: Cohort, today: date | None = None) -> list[tuple[date, int]]:
    """How many places of the cohort were taken at the end of each day, from the enrolment history (one query).

    A place is taken by an enrolment that is placed or active (Enrolment.CURRENT_STATUSES, as the page's
    "placed" count): each EnrolmentTransition into one of those from outside them adds one, each out of them
    (withdrawn, completed, back to the waitlist) takes one away; placed → active changes nothing. From the day
    of the first such change to the last one, and on to today while the cohort has not started (it is still
    filling), never beyond its start date. Empty when nobody ever had a place.
    """
    today = today or timezone.localdate()
    seat = set(Enrolment.CURRENT_STATUSES)
    changes = (
        EnrolmentTransition.objects.filter(enrolment__cohort=cohort)
        .filter(Q(to_status__in=seat) | Q(from_status__in=seat))
        .order_by("created_at", "pk")
        .values_list("created_at", "from_status", "to_status")
    )
    per_day: dict[date, int] = {}
    for created_at, from_status, to_status in changes:
        day = timezone.localdate(created_at)
        per_day[day] = per_day.get(day, 0) + (to_status in seat) - (from_status in seat)
    if not per_day:
        return []
    first, last = min(per_day), max(per_day)
    if cohort.start_date is None or cohort.start_date > last:
        last = max(last, min(today, cohort.start_date or today))
    history, taken = [], 0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        taken += per_day.get(day, 0)
        history.append((day, taken))
    return history


def cohort_fill_chart(*, cohort: Cohort, today: date | None = None) -> Chart | None:
    """The places taken over time (cohort_fill_history: one query) against the cohort's capacity and the number
    needed to start, per day, or per week (the count at the end of the week, labelled by its Monday) when the
    history is longer than FILL_DAYS_MAX days. None when nobody ever had a place."""
    history = cohort_fill_history(cohort=cohort, today=today)
    if not history:
        return None
    if len(history) <= FILL_DAYS_MAX:
        points = [(date_format(day, "SHORT_DATE_FORMAT"), taken) for day, taken in history]
        heading = _("Day")
    else:
        weeks: dict[date, int] = {}
        for day, taken in history:
            weeks[day - timedelta(days=day.weekday())] = taken  # the last day of the week seen wins
        points = [
            (_("week of %(date)s") % {"date": date_format(monday, "SHORT_DATE_FORMAT")}, taken)
            for monday, taken in weeks.items()
        ]
        heading = _("Week")
    count = len(points)
    return Chart(
        title=_("Places taken over time"),
        kind="line",
        labels=[label for label, _taken in points],
        series=[
            Series(_("Places taken"), [taken for _label, taken in points]),
            Series(_("Capacity"), [cohort.capacity] * count, reference=True),
            Series(_("Needed to start"), [cohort.start_threshold] * count, reference=True),
        ],
        counts=True,
        labels_heading=heading,
        chart_id="chart-cohort-fill",
    )


def cohort_members_csv(*, cohort: Cohort) -> str:
    """The cohort's members and waitlist for Dutch Excel: UTF-8 with BOM, ';' between fields.

    Only what HR needs to run the group: name, e-mail, organisation, department, status, requested at
    and the position (among those placed, or on the waitlist). No dates of birth or other personal data.
    """
    enrolments = cohort_enrolment_overview(cohort=cohort)
    buffer, writer = excel_csv_writer()
    writer.writerow(
        [
            _("Name"),
            _("E-mail address"),
            _("Organisation"),
            _("Department"),
            _("Status"),
            _("Requested at"),
            _("Position"),
        ]
    )
    for group in ("placed", "waitlisted"):
        for index, enrolment in enumerate(enrolments[group], start=1):
            # Those with a seat by moment of request; the waitlist by number in line.
            position = index if group == "placed" else enrolment.waitlist_position
            person = enrolment.person
            # The paying department chosen at enrolment; else where the person works.
            department = enrolment.department or person.department
            requested_at = timezone.localtime(enrolment.requested_at).strftime("%Y-%m-%d %H:%M")
            writer.writerow(
                [
                    spreadsheet_cell(person.full_name or person.email),
                    spreadsheet_cell(person.email),
                    spreadsheet_cell(person.organisation.name if person.organisation_id else ""),
                    spreadsheet_cell(department.name if department else ""),
                    spreadsheet_cell(enrolment.get_status_display()),
                    requested_at,
                    position,
                ]
            )
    return buffer.getvalue()


def cohort_still_active_count(*, cohort: Cohort) -> int:
    """Participants still active in a cohort, e.g. those left active at completion for too little attendance."""
    return cohort.enrolments.filter(status="active").count()


def _budget_year() -> Coalesce:
    """The year an enrolment's cost falls in: its cohort's start year, or else the year it was requested."""
    return Coalesce(ExtractYear("cohort__start_date"), ExtractYear("requested_at"))


def enrolment_budget_year(enrolment: Enrolment) -> int:
    """The year an enrolment's cost falls in (the same rule as the budget sums below)."""
    if enrolment.cohort.start_date:
        return enrolment.cohort.start_date.year
    return timezone.localtime(enrolment.requested_at).year


def department_budget_overviews_for(*, keys) -> dict[tuple[int, int], dict]:
    """For each (department id, year): amount, spent, committed and left, in two queries for any number."""
    keys = set(keys)
    if not keys:
        return {}
    department_ids = {department_id for department_id, _year in keys}
    years = {year for _department_id, year in keys}
    budgets = {
        (budget.department_id, budget.year): budget
        for budget in DepartmentBudget.objects.filter(department_id__in=department_ids, year__in=years)
    }
    money = DecimalField(max_digits=12, decimal_places=2)
    sums = {
        (row["department_id"], row["budget_year"]): row
        for row in Enrolment.objects.filter(department_id__in=department_ids)
        .annotate(budget_year=_budget_year())
        .filter(budget_year__in=years)
        .order_by()
        .values("department_id", "budget_year")
        .annotate(
            committed=Coalesce(
                Sum("cost", filter=Q(status__in=Enrolment.COMMITTED_STATUSES)), Value(ZERO), output_field=money
            ),
            spent=Coalesce(Sum("cost", filter=Q(status__in=Enrolment.SPENT_STATUSES)), Value(ZERO), output_field=money),
        )
    }
    overviews = {}
    for key in keys:
        budget = budgets.get(key)
        row = sums.get(key, {})
        amount = budget.amount if budget else ZERO
        spent = (budget.spent_elsewhere if budget else ZERO) + row.get("spent", ZERO)
        committed = row.get("committed", ZERO)
        overviews[key] = {
            "budget": budget,
            "year": key[1],
            "amount": amount,
            "spent": spent,
            "committed": committed,
            "left": amount - spent - committed,
        }
    return overviews


def department_budget_overviews(*, department_ids, year: int) -> dict[int, dict]:
    """For each department: amount, spent, committed and left in this year, in two queries."""
    overviews = department_budget_overviews_for(keys={(department_id, year) for department_id in department_ids})
    return {department_id: overview for (department_id, _year), overview in overviews.items()}


def department_budget_overview(*, department: Department, year: int) -> dict:
    """The department's training budget this year: amount, spent, committed and left (and the budget row, if set)."""
    return department_budget_overviews(department_ids={department.pk}, year=year)[department.pk]


def departments_for_hr(*, user: User) -> QuerySet[Department]:
    """The departments of the HR adviser's organisations, by organisation and name."""
    return Department.objects.managed_by(user).select_related("organisation").order_by("organisation__name", "name")


def budgets_for_hr(*, user: User, year: int) -> list[dict]:
    """Every department of the HR adviser's organisations with its budget overview for the year."""
    departments = list(
        departments_for_hr(user=user).annotate(headcount=Count("people", filter=Q(people__is_active=True)))
    )
    overviews = department_budget_overviews(department_ids={d.pk for d in departments}, year=year)
    return [{"department": department, **overviews[department.pk]} for department in departments]


def department_headcount(*, department: Department) -> int:
    return User.objects.filter(department=department, is_active=True).count()
