"""An issuer's declared rate against the figure of the regime it claims, within that regime's tolerance."""

from __future__ import annotations

from decimal import Context, Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from installments_core import compute_plan
from installments_core._core.regimes import Regime, annual_cost, plan_cash_flows
from installments_core._validation.rates import check_declared_rate
from installments_core.errors import InvalidAmountError, InvalidTermsError
from installments_core.plans import Plan
from installments_core.strategies import plans

PLAN = compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6")  # APR 20.7302 %, APRC 22.8178 %


@pytest.mark.parametrize(
    ("regime", "declared", "agrees"),
    [
        # Regulation Z § 1026.22(a)(2): within 1/8 of a point of the actuarial APR (a plan is regular).
        ("us-apr", "20.73", True), ("us-apr", "20.85", True), ("us-apr", "20.61", True),
        ("us-apr", "20.86", False), ("us-apr", "20.60", False), ("us-apr", "0.00", False),
        # Elsewhere half a unit of the last decimal the regime shows.
        ("eu-aprc", "22.82", True), ("eu-aprc", "22.81", False), ("eu-aprc", "20.73", False),
        ("mx-cat", "22.8", True), ("mx-cat", "22.85", True), ("mx-cat", "22.9", False),
        ("br-cet", "22.82", True), ("br-cet", "22.83", False),
        ("ar-cftea", "23.17", True), ("jp-jitsushitsu", "20.73", True), ("jp-jitsushitsu", "20.85", False),
    ],
)
def test_each_regime_has_its_tolerance(regime: str, declared: str, agrees: bool) -> None:
    check = check_declared_rate(PLAN, Decimal(declared), regime)
    assert check.agrees is agrees
    assert check.figure == annual_cost(plan_cash_flows(PLAN), regime).rate


def test_the_us_tolerance_is_an_eighth_of_a_point_for_a_plan() -> None:
    check = check_declared_rate(PLAN, Decimal("20.73"))
    assert (check.regime, check.figure, check.tolerance) == (Regime.US_APR, Decimal("20.73"), Decimal("0.125"))


def test_wrong_arguments_are_refused() -> None:
    with pytest.raises(InvalidTermsError):
        check_declared_rate(PLAN, Decimal("20.73"), "apr")
    with pytest.raises(InvalidAmountError):
        check_declared_rate(PLAN, 20.73)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(plans(), st.integers(min_value=-30, max_value=30), st.sampled_from([Decimal("0.001"), Decimal("0.01")]))
@example(plan=compute_plan("0.01", "USD", 1, frequency="WEEKLY", upfront_flat="1.60"), offset=0, step=Decimal("0.001"))
def test_the_fast_path_decides_as_the_exact_figure_does(plan: Plan, offset: int, step: Decimal) -> None:
    """Around the APR and the tolerance's edges, the answer is the exact APR's, whichever path gives it."""
    exact = annual_cost(plan_cash_flows(plan), Regime.US_APR)
    declared = exact.rate + Decimal("0.125") + offset * step
    if declared < 0:
        return
    check = check_declared_rate(plan, declared)
    # The oracle subtracts exactly: the thread's 28 digits would round 0.125000...0052 (the exact APR's 34 digits
    # against a declared 832000.125) down to the tolerance itself and call a disagreement an agreement.
    exactly = Context(prec=200)
    difference = exactly.abs(exactly.subtract(declared, exactly.multiply(exact.exact, 100)))
    assert check.agrees is (difference <= Decimal("0.125"))
