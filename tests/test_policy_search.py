"""The policy search: skipped when a plan's own numbers prove no policy reproduces it, cached apart.

A plan its expected policy does not reproduce is tried under every other known policy.  A plan
that breaks a rule every policy's plan keeps is reproduced by none, so the search is skipped: the
report must be the one the search would have given, and a plan some policy does reproduce must
never be taken for such a plan.  The candidates a search tries are cached apart from the plans
that were right, which they must never drop.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import compute_plan, strategies, validate_response
from installments_core._validation import checks as checks_module
from installments_core._validation import recompute as recompute_module
from installments_core._validation import validator as validator_module
from installments_core._wire.cybersource.writer import REV_2024, cybersource_plan_detail, cybersource_response
from installments_core._wire.visa.writer import visa_matched_plan, visa_response
from installments_core.plans import KNOWN_POLICIES, PlanOffer, TermsAndConditions

_GUIDE = Path(__file__).parent / "data" / "guide" / "get_plans_pan_2024.response.json"
_TERMS = (TermsAndConditions("eng", "1", "Terms of the plan."),)
# Every amount the guide's 12-month plan states, by its place in amountDetails.
_AMOUNT_PATHS = [
    ("lastInstallmentAmount",), ("totalFeeAmount",), ("totalUpfrontFeeAmount",), ("totalRecurringFeeAmount",),
    ("totalPlanAmount",), ("firstInstallment", "feeAmount"), ("firstInstallment", "amount"),
    ("firstInstallment", "upfrontFeeAmount"), ("lastInstallment", "feeAmount"), ("lastInstallment", "amount"),
]


def _searching_always() -> pytest.MonkeyPatch:
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(checks_module, "worth_searching", lambda *_arguments: True)
    return monkeypatch


def _one_unit_off(path: tuple[str, ...], units: int) -> dict[str, Any]:
    document = json.loads(_GUIDE.read_bytes())
    node = document["installmentInformation"]["planDetails"][1]["amountDetails"]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = str(Decimal(node[path[-1]]) + Decimal(units).scaleb(-2))
    return document  # type: ignore[no-any-return]


@pytest.mark.parametrize(("path", "units"), [
    (path, units) for path in _AMOUNT_PATHS for units in (1, -1)
    if units == 1 or "upfront" not in path[-1].lower()  # no upfront fee: one less is not an amount
], ids=lambda value: ".".join(value) if isinstance(value, tuple) else f"{value:+}")
@pytest.mark.parametrize("order", [{"order_amount": "500.00", "currency": "USD"}, {"currency": "USD"}])
def test_one_amount_off_spares_the_search_and_keeps_the_report(
    path: tuple[str, ...], units: int, order: dict[str, str]
) -> None:
    text = json.dumps(_one_unit_off(path, units))
    validator_module.clear_caches()
    report = validate_response(text, **order)  # type: ignore[arg-type]
    assert not report.ok
    assert not recompute_module._CANDIDATES  # not one candidate policy tried
    searched = _searching_always()
    try:
        validator_module.clear_caches()
        assert repr(validate_response(text, **order)) == repr(report)  # type: ignore[arg-type]
    finally:
        searched.undo()


@st.composite
def _other_policy_responses(draw: st.DrawFn) -> tuple[str, str, Any]:
    """A response of one plan computed under a known policy, and another policy to expect."""
    plan = draw(strategies.plans(policy=strategies.policies(known_only=True)))
    expected = draw(st.sampled_from([policy for policy in KNOWN_POLICIES if not policy.same_rounding(plan.policy)]))
    offer = PlanOffer("plan-1", plan, name="Plan", identifier="0000000001", terms=_TERMS)
    shape = draw(st.sampled_from(["current", "2024", "visa"]))
    if shape == "visa":
        document = visa_response([visa_matched_plan(offer)])
    else:
        document = cybersource_response(
            [cybersource_plan_detail(offer, convention=REV_2024) if shape == "2024" else cybersource_plan_detail(offer)]
        )
    return json.dumps(document), plan.currency, (plan, expected)


@settings(max_examples=120, deadline=None)
@given(_other_policy_responses(), st.booleans())
def test_a_plan_another_policy_computes_is_always_searched_for(
    case: tuple[str, str, Any], given_amount: bool
) -> None:
    """No rule that spares the search breaks on a plan a policy computes: a policy is found that
    reproduces it (its own, or one before it that rounds this plan alike), with the report a search
    made every time gives."""
    text, currency, (plan, expected) = case
    arguments = {"currency": currency, "policy": expected} | ({"order_amount": plan.amount} if given_amount else {})
    report = validate_response(text, **arguments)
    checked = report.plans[0]
    if not checked.errors:  # Visa's format refuses some APRs: such a plan is not compared at all
        assert checked.policy is not None
        assert [d.code for d in checked.discrepancies if d.severity == "error"] in ([], ["policy"])
    searched = _searching_always()
    try:
        validator_module.clear_caches()
        assert repr(validate_response(text, **arguments)) == repr(report)
    finally:
        searched.undo()


def _consistently_wrong(amount: Decimal) -> dict[str, Any]:
    """A plan of 7 whose first installment says a cent more and whose last says 6 cents less: it
    breaks no rule between its own fields, so the search tries the known policies on it."""
    plan = compute_plan(amount, "USD", 7)
    detail = cybersource_plan_detail(PlanOffer("plan-1", plan, name="Plan7", identifier="0000000007", terms=_TERMS))
    details: Any = detail["amountDetails"]
    cent = Decimal("0.01")
    for node, key, change in [(details["firstInstallment"], "amount", cent),
                              (details["firstInstallment"], "totalAmountExcludingUpfrontFee", cent),
                              (details["lastInstallment"], "amount", -6 * cent),
                              (details, "lastInstallmentAmount", -6 * cent)]:
        node[key] = str(Decimal(node[key]) + change)
    return cybersource_response([detail])


def test_trying_candidates_never_drops_a_right_plan() -> None:
    validator_module.clear_caches()
    right = validate_response(json.loads(_GUIDE.read_bytes()), order_amount="500.00", currency="USD")
    assert right.ok
    held = set(recompute_module._RECOMPUTED)
    for cents in range(2 * recompute_module._RECOMPUTED_LIMIT // (len(KNOWN_POLICIES) - 1)):
        amount = Decimal(70001 + 7 * cents).scaleb(-2)
        assert not validate_response(_consistently_wrong(amount), order_amount=amount, currency="USD").ok
    # More candidates were tried than the plan cache holds, and not one of them took a right plan's place.
    assert len(recompute_module._CANDIDATES) == recompute_module._CANDIDATES_LIMIT
    assert held <= set(recompute_module._RECOMPUTED)
