from decimal import Decimal

import pytest

from programmes.costs import cohort_cost_per_participant, money_round, programme_cost_summary
from programmes.models import CostItem
from tests.factories import CohortFactory, CostItemFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def zwolle_programme():
    programme = ProgrammeFactory(group_capacity=15, start_threshold=15)
    CostItemFactory(programme=programme, description="Externe training", quantity=4, unit_amount=Decimal("2000"))
    CostItemFactory(programme=programme, description="Intervisiebijeenkomst", quantity=10, unit_amount=Decimal("600"))
    CostItemFactory(
        programme=programme, subsidy=True, description="A&O fonds", unit_amount=Decimal("5000"), is_certain=False
    )
    return programme


def test_zwolle_costs_14000_per_group_and_933_33_per_participant():
    summary = programme_cost_summary(programme=zwolle_programme(), participants=15)

    assert summary["total_costs"] == Decimal("14000.00")
    assert summary["certain_subsidies"] == Decimal("0.00")
    assert summary["possible_subsidies"] == Decimal("5000.00")
    assert summary["net_total"] == Decimal("14000.00")
    assert summary["per_participant"] == Decimal("933.33")
    assert summary["net_total_if_possible_granted"] == Decimal("9000.00")
    assert summary["per_participant_if_possible_granted"] == Decimal("600.00")
    assert [item.description for item in summary["cost_items"]] == ["Externe training", "Intervisiebijeenkomst"]
    assert [item.description for item in summary["subsidies"]] == ["A&O fonds"]


def test_a_certain_subsidy_lowers_the_price_per_participant():
    programme = zwolle_programme()
    CostItemFactory(programme=programme, kind=CostItem.Kind.SUBSIDY, unit_amount=Decimal("2000"), is_certain=True)

    summary = programme_cost_summary(programme=programme, participants=15)

    assert summary["certain_subsidies"] == Decimal("2000.00")
    assert summary["net_total"] == Decimal("12000.00")
    assert summary["per_participant"] == Decimal("800.00")
    # The possible A&O subsidy still does not count.
    assert summary["possible_subsidies"] == Decimal("5000.00")


def test_subsidies_larger_than_the_costs_make_it_free_not_negative():
    programme = ProgrammeFactory()
    CostItemFactory(programme=programme, unit_amount=Decimal("1000"))
    CostItemFactory(programme=programme, subsidy=True, unit_amount=Decimal("1500"))

    summary = programme_cost_summary(programme=programme, participants=10)

    assert summary["net_total"] == Decimal("0.00")
    assert summary["per_participant"] == Decimal("0.00")


def test_per_participant_rounds_half_up_to_cents():
    programme = ProgrammeFactory()
    CostItemFactory(programme=programme, unit_amount=Decimal("0.05"))

    assert programme_cost_summary(programme=programme, participants=2)["per_participant"] == Decimal("0.03")
    assert money_round(Decimal("2.675")) == Decimal("2.68")


def test_without_participants_there_is_no_price_per_participant():
    summary = programme_cost_summary(programme=zwolle_programme(), participants=0)

    assert summary["per_participant"] is None
    assert summary["net_total"] == Decimal("14000.00")


def test_cohort_cost_per_participant_divides_by_the_cohorts_capacity():
    programme = zwolle_programme()

    assert cohort_cost_per_participant(cohort=CohortFactory(programme=programme, capacity=15)) == Decimal("933.33")
    assert cohort_cost_per_participant(cohort=CohortFactory(programme=programme, capacity=20)) == Decimal("700.00")


def test_a_programme_without_cost_model_costs_nothing():
    assert cohort_cost_per_participant(cohort=CohortFactory()) == Decimal("0.00")
