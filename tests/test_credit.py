"""Cost of credit: APR and APRC, checked against numpy-financial's IRR as an independent reference."""

from __future__ import annotations

from decimal import Decimal

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import compute_plan
from installments_core.errors import InfeasiblePlanError, InvalidTermsError
from installments_core.plans import Frequency, periodic_rate


def test_a_plan_without_fees_costs_nothing() -> None:
    cost = compute_plan("500", "USD", 12).cost_of_credit()
    assert (str(cost.apr), str(cost.aprc), cost.periodic_rate) == ("0.00", "0.00", Decimal(0))


def test_the_published_fee_plan() -> None:
    # 500 USD in 12 monthly installments, 5 % recurring and 6 % upfront fee (BilarterConsumerPlan1).
    cost = compute_plan("500", "USD", 12, fee_rate="5.00", upfront_rate="6.00").cost_of_credit()
    assert (str(cost.apr), str(cost.aprc), cost.periods_per_year) == ("20.73", "22.82", 12)


def test_a_biweekly_plan_annualizes_over_26_periods() -> None:
    plan = compute_plan("500", "USD", 2, frequency="BIWEEKLY", fee_rate="2.00", fee_flat="2.00", upfront_flat="6.00")
    cost = plan.cost_of_credit()
    assert cost.periods_per_year == 26
    assert cost.apr == (cost.periodic_rate * 26 * 100).quantize(Decimal("0.01"))


def _reference_apr(principal: Decimal, payments: tuple[Decimal, ...], periods: int) -> tuple[float, float]:
    rate = float(npf.irr([-float(principal), *(float(p) for p in payments)]))
    return rate * periods * 100, ((1 + rate) ** periods - 1) * 100


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1_000, 10_000_000),
    st.integers(2, 36),
    st.sampled_from(list(Frequency)),
    st.integers(0, 2500),
    st.integers(0, 1500),
)
def test_apr_and_aprc_agree_with_numpy_financial(
    cents: int, count: int, frequency: Frequency, fee_hundredths: int, upfront_hundredths: int
) -> None:
    try:
        plan = compute_plan(
            Decimal(cents).scaleb(-2), "USD", count, frequency=frequency,
            fee_rate=Decimal(fee_hundredths).scaleb(-2), upfront_rate=Decimal(upfront_hundredths).scaleb(-2),
        )
    except InfeasiblePlanError:
        return
    cost = plan.cost_of_credit()
    apr, aprc = _reference_apr(plan.amount, plan.payments(), frequency.periods_per_year)
    # Ours is exact to 20 places then rounded to 0.01; the float reference is good to ~1e-9.
    assert abs(float(cost.apr) - apr) <= 0.005 + 1e-6
    assert abs(float(cost.aprc) - aprc) <= 0.005 + 1e-6 * max(1.0, aprc)
    assert cost.aprc >= cost.apr  # compounding never lowers the annual rate


def test_more_fee_never_lowers_the_rate() -> None:
    rates = [compute_plan("500", "USD", 12, fee_rate=str(fee)).cost_of_credit().apr for fee in range(0, 30, 3)]
    assert rates == sorted(rates)
    assert len(set(rates)) == len(rates)


def test_an_extreme_plan_still_solves() -> None:
    # Twice the amount back after one week: 100 % a period.
    cost = compute_plan("100", "USD", 1, frequency="WEEKLY", upfront_rate="100").cost_of_credit()
    assert cost.periodic_rate == Decimal(1)
    assert cost.apr == Decimal("5200.00")
    assert cost.aprc == (Decimal(2) ** 52 - 1) * 100


def test_periodic_rate_refuses_payments_below_the_principal() -> None:
    with pytest.raises(InvalidTermsError) as raised:
        periodic_rate(Decimal("100"), [Decimal("50"), Decimal("49")])
    assert raised.value.path == "payments"


def test_an_absurd_plan_gets_an_absurd_rate_not_an_error() -> None:
    # One cent borrowed against a 10,000.00 upfront fee, repaid after a week.
    cost = compute_plan("0.01", "USD", 1, frequency="WEEKLY", upfront_flat="10000.00").cost_of_credit()
    assert cost.periodic_rate == Decimal(1_000_000)
    assert cost.apr == Decimal("5200000000.00")
    assert cost.aprc > Decimal("1e300")
