"""Every plan Visa and Cybersource have published, recomputed field by field under the VISA policy.

Amounts are compared as strings, so "500.00" against "500" would fail: the exponent is checked too.
"""

from __future__ import annotations

from typing import Any

import pytest

from installments_core import compute_plan
from installments_core._wire.amount_details import amount_details
from installments_core.plans import VISA

from .conftest import guide_json

# (response file, request file) pairs; the order total comes from the request.
_SOURCES = [
    ("get_plans_pan_2024.response", "get_plans_pan_2024.request"),
    ("get_plans_pan_qar.response", "get_plans_pan_qar.request"),
    ("get_plans_token.response", "get_plans_token.request"),
]


def _published_plans() -> list[Any]:
    cases = []
    for response_name, request_name in _SOURCES:
        order = guide_json(request_name)["orderInformation"]["amountDetails"]
        for detail in guide_json(response_name)["installmentInformation"]["planDetails"]:
            cases.append(pytest.param(order, detail, id=f"{response_name.split('.')[0]}:{detail['planName']}"))
    return cases


PUBLISHED = _published_plans()


def test_there_are_eight_published_plans() -> None:
    assert len(PUBLISHED) == 8


def _fees(detail: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {fee["type"]: fee for fee in detail["amountDetails"]["fees"]}


def _flatten(document: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in document.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        elif key != "fees":
            flat[f"{prefix}{key}"] = value
    return flat


@pytest.mark.parametrize(("order", "detail"), PUBLISHED)
def test_visa_policy_reproduces_every_published_field(order: dict[str, str], detail: dict[str, Any]) -> None:
    fees = _fees(detail)
    plan = compute_plan(
        order["totalAmount"],
        order["currency"],
        int(detail["totalCount"]),
        frequency=detail["frequency"],
        fee_rate=fees["CONSUMER"]["ratePercentage"],
        fee_flat=fees["CONSUMER"]["flatFeeAmount"],
        upfront_rate=fees["CONSUMER_UPFRONT"]["ratePercentage"],
        upfront_flat=fees["CONSUMER_UPFRONT"]["flatFeeAmount"],
        policy=VISA,
    )
    published = _flatten(detail["amountDetails"])
    published.pop("interestRate")  # declared by the issuer, enters no amount (DOMAIN.md §2.8)
    computed = _flatten(amount_details(plan))
    # The 2024 revision predates some fields; every field it does publish must match.
    assert {key: computed[key] for key in published} == published
    if "monthlyRatePercentage" in fees["CONSUMER"]:
        assert str(plan.monthly_rate_percentage) == fees["CONSUMER"]["monthlyRatePercentage"]


# The same rules as literal cases: the specification in its smallest form (DOMAIN.md §2).
# Expected: first, last, first fee, last fee, upfront fee, total plan amount, monthly rate.
@pytest.mark.parametrize(
    ("amount", "currency", "count", "terms", "expected"),
    [
        ("500", "USD", 6, {}, "83.34 83.30 0.00 0.00 0.00 500.00 0.00"),
        ("500", "USD", 12, {"fee_rate": "5.00"}, "41.67 41.63 2.08 2.12 0.00 525.00 0.42"),
        ("500", "USD", 12, {"fee_rate": "5.00", "upfront_rate": "6.00"}, "41.67 41.63 2.08 2.12 30.00 555.00 0.42"),
        ("500", "USD", 2, {"frequency": "BIWEEKLY", "fee_rate": "2.00", "fee_flat": "2.00", "upfront_flat": "6.00"},
         "250.00 250.00 6.00 6.00 6.00 518.00 2.00"),
        ("3000", "QAR", 6, {"upfront_flat": "100.00"}, "500.00 500.00 0.00 0.00 100.00 3100.00 0.00"),
        ("3000", "QAR", 3, {}, "1000.00 1000.00 0.00 0.00 0.00 3000.00 0.00"),
        ("100", "JPY", 3, {}, "34 32 0 0 0 100 0.00"),
        ("10", "KWD", 3, {"fee_rate": "1"}, "3.334 3.332 0.033 0.034 0.000 10.100 0.33"),
    ],
)
def test_literal_rules(amount: str, currency: str, count: int, terms: dict[str, str], expected: str) -> None:
    plan = compute_plan(amount, currency, count, **terms)  # type: ignore[arg-type]
    computed = (plan.first_amount, plan.last_amount, plan.first_fee, plan.last_fee, plan.total_upfront_fee,
                plan.total_plan_amount, plan.monthly_rate_percentage)
    assert " ".join(map(str, computed)) == expected
