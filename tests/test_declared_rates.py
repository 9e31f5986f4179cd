"""An issuer's declared rate against the figure of the regime it claims, within that regime's tolerance."""

from __future__ import annotations

import json
from decimal import Context, Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from installments_core import compute_plan, validate_response
from installments_core._core.regimes import Regime, annual_cost, plan_cash_flows, regime_tolerance
from installments_core._validation.rates import check_declared_rate
from installments_core._wire.amount_details import amount_details
from installments_core.errors import InvalidAmountError, InvalidTermsError
from installments_core.findings import Severity
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


def _declaring(declared: str) -> dict[str, object]:
    """A response with PLAN, declaring *declared* as its interestRate."""
    details = amount_details(PLAN) | {"interestRate": declared}
    plan = {"planId": "p12", "totalCount": "12", "frequency": "MONTHLY", "amountDetails": details,
            "termsAndConditions": [{"version": "1", "text": "Terms.", "languageCode": "eng"}]}
    return {"installmentInformation": {"planDetails": [plan]}}


@pytest.mark.parametrize(
    ("regime", "declared", "warned"),
    [
        # Regulation Z's tolerance by default: 20.85 is within 1/8 of a point of the APR of 20.73
        # (the exact comparison of before warned about it), 20.86 is not.
        (None, "20.73", None), (None, "20.85", None), (None, "20.61", None), (None, "20.86", "20.73"),
        (None, "0.00", "20.73"), ("us-apr", "20.60", "20.73"),
        ("eu-aprc", "22.82", None), ("eu-aprc", "20.73", "22.82"), ("mx-cat", "22.85", None),
        ("mx-cat", "22.9", "22.8"), (Regime.BR_CET, "22.82", None), ("jp-jitsushitsu", "20.85", "20.73"),
    ],
)
def test_validation_compares_a_declared_rate_with_the_regimes_figure(
    regime: Regime | str | None, declared: str, warned: str | None,
) -> None:
    document = _declaring(declared)
    arguments: dict[str, object] = {} if regime is None else {"regime": regime}
    # The plan accepted by its texts and the plan compared rule by rule give the same finding.
    for data in (document, json.dumps(document)):
        report = validate_response(data, order_amount="500", currency="USD", **arguments)  # type: ignore[arg-type]
        assert report.ok
        findings = report.plans[0].discrepancies
        if warned is None:
            assert findings == ()
            continue
        (finding,) = findings
        shown = Regime(regime or "us-apr")
        check = check_declared_rate(PLAN, Decimal(declared), shown)
        assert (finding.code, finding.severity, finding.expected, finding.actual) == (
            "declared_rate", Severity.WARNING, warned, declared)
        assert finding.rule.endswith(f"({shown.value}: {shown.label} {warned} % ± {check.tolerance} points)")


def test_a_regime_that_is_not_one_is_refused() -> None:
    with pytest.raises(InvalidTermsError) as raised:
        validate_response(_declaring("20.73"), order_amount="500", currency="USD", regime="apr")
    assert raised.value.path == "regime"


@settings(max_examples=60, deadline=None)
@given(plans(), st.sampled_from(list(Regime)))
def test_a_plans_tolerance_is_its_regimes_for_its_flows(plan: Plan, regime: Regime) -> None:
    """The check takes a plan's tolerance from the first plan's flows: every plan's flows are regular."""
    assert plan_cash_flows(plan).is_regular
    check = check_declared_rate(plan, Decimal(0), regime)
    assert check.tolerance == regime_tolerance(regime, plan_cash_flows(plan))
