"""The cost model of a programme per group: costs, subsidies and what one participant costs.

Amounts are per group (one cohort), as in Zwolle's plan: four external trainings at €2,000 and ten
intervision sessions at €600 make €14,000 for a group of 15, so €933.33 per participant. A subsidy that
is possible but not granted yet (A&O fonds, €5,000) is shown separately and never lowers the price a
department pays.
"""

from decimal import ROUND_HALF_UP, Decimal

from .models import Cohort, CostItem, Programme

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money_round(amount: Decimal) -> Decimal:
    """Round half-up to whole cents, as a bookkeeper does (933.333… → 933.33, 0.005 → 0.01)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _per_participant(amount: Decimal, participants: int) -> Decimal | None:
    if participants <= 0:
        return None
    return money_round(amount / participants)


def programme_cost_summary(*, programme: Programme, participants: int) -> dict:
    """Costs of one group of the programme with this many participants.

    Uses `programme.cost_items.all()`, so a prefetch of `cost_items` saves the query. Returns:
    `cost_items` and `subsidies` (lists of CostItem), `total_costs`, `certain_subsidies`,
    `possible_subsidies`, `net_total` (costs minus certain subsidies, never below zero),
    `net_total_if_possible_granted`, `participants`, `per_participant` (net total divided by the
    participants, rounded half-up to cents; None without participants) and
    `per_participant_if_possible_granted`.
    """
    items = list(programme.cost_items.all())
    costs = [item for item in items if item.kind == CostItem.Kind.COST]
    subsidies = [item for item in items if item.kind == CostItem.Kind.SUBSIDY]
    total_costs = sum((item.total for item in costs), ZERO)
    certain_subsidies = sum((item.total for item in subsidies if item.is_certain), ZERO)
    possible_subsidies = sum((item.total for item in subsidies if not item.is_certain), ZERO)
    net_total = max(total_costs - certain_subsidies, ZERO)
    net_total_if_possible_granted = max(net_total - possible_subsidies, ZERO)
    return {
        "cost_items": costs,
        "subsidies": subsidies,
        "total_costs": money_round(total_costs),
        "certain_subsidies": money_round(certain_subsidies),
        "possible_subsidies": money_round(possible_subsidies),
        "net_total": money_round(net_total),
        "net_total_if_possible_granted": money_round(net_total_if_possible_granted),
        "participants": participants,
        "per_participant": _per_participant(net_total, participants),
        "per_participant_if_possible_granted": _per_participant(net_total_if_possible_granted, participants),
    }


def cohort_cost_summary(*, cohort: Cohort) -> dict:
    """The programme's cost model for this cohort: the group's costs are shared by its capacity."""
    return programme_cost_summary(programme=cohort.programme, participants=cohort.capacity)


def cohort_cost_per_participant(*, cohort: Cohort) -> Decimal:
    """What one enrolment in this cohort costs its department: net of certain subsidies, per seat.

    Zwolle: €14,000 / 15 = €933.33. A programme without a cost model costs nothing (0.00).
    """
    return cohort_cost_summary(cohort=cohort)["per_participant"] or ZERO
