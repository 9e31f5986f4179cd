"""Visa native (``matchedPlans[]``) fixtures, built from the published Cybersource plans.

No Visa native example has been published; each fixture is a published Cybersource plan
rewritten in Visa's shape (DOMAIN.md §3): integers of minor units, rates in hundredths of a
percent, integer T&C versions, the upfront fee in the installment objects.  A merchant fee entry
is added to every plan because Visa's format carries them and they must not change anything.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .conftest import GUIDE, guide_json

__all__ = ["GUIDE", "PUBLISHED", "guide_bytes", "guide_json", "visa_plan", "visa_response"]

# (file stem, plan count): the eight published plans; the PAR response repeats the token one's four.
PUBLISHED = {
    "get_plans_pan_2024": 2,
    "get_plans_pan_qar": 2,
    "get_plans_token": 4,
    "get_plans_par": 4,
}


def guide_bytes(name: str) -> bytes:
    """A published example's bytes by file stem, e.g. ``get_plans_token.response``."""
    return (GUIDE / f"{name}.json").read_bytes()


def _minor(text: str, digits: int = 2) -> int:
    return int(Decimal(text).scaleb(digits))


def _hundredths(text: str) -> int:
    return int(Decimal(text).scaleb(2))


def visa_plan(detail: dict[str, Any], currency: str) -> dict[str, Any]:
    """One Cybersource ``planDetails[]`` entry in Visa's native shape (current fee convention)."""
    details = detail["amountDetails"]
    first, last = details["firstInstallment"], details["lastInstallment"]
    count = int(detail["totalCount"])
    upfront = _minor(details["totalUpfrontFeeAmount"])
    first_fee = _minor(first["feeAmount"])
    last_upfront = upfront if count == 1 else 0
    plan: dict[str, Any] = {
        "name": detail["planName"],
        "type": detail["planType"],
        "numberOfInstallments": count,
        "installmentFrequency": detail["frequency"],
        "fundedBy": detail.get("fundedBy", ["CONSUMER"]),
        "vPlanID": detail["planId"],
        "termsAndConditions": [
            {"text": t["text"], "version": int(t["version"]), "languageCode": t["languageCode"]}
            | ({"url": t["tncUrl"]} if "tncUrl" in t else {})
            for t in detail["termsAndConditions"]
        ],
        "costInfo": {
            "currency": details.get("currency", currency),
            "feeInfo": [
                {"type": f["type"], "ratePercentage": _hundredths(f["ratePercentage"]),
                 "flatFee": _minor(f["flatFeeAmount"])}
                for f in details["fees"]
            ] + [{"type": "MERCHANT_SERVICE", "ratePercentage": 150, "flatFee": 25}],
            "firstInstallment": {
                "amount": _minor(first["amount"]),
                "installmentFee": first_fee,
                "upfrontFee": upfront,
                "totalAmount": _minor(first["amount"]) + first_fee + upfront,
                "totalAmountExcludingUpfrontFee": _minor(first["amount"]) + first_fee,
            },
            "lastInstallment": {
                "amount": _minor(last["amount"]),
                "installmentFee": _minor(last["feeAmount"]),
                "upfrontFee": last_upfront,
                "totalAmount": _minor(last["amount"]) + _minor(last["feeAmount"]) + last_upfront,
            },
            "totalFees": _minor(details["totalFeeAmount"]),
            "totalPlanCost": _minor(details["totalPlanAmount"]),
            "totalRecurringFees": _minor(details["totalRecurringFeeAmount"]),
            "totalUpfrontFees": upfront,
            "annualPercentageRate": _hundredths(details["interestRate"]),
        },
    }
    if "identifier" in detail:
        plan["vPlanIDRef"] = detail["identifier"]
    if detail.get("shariaLawPlan") or detail.get("isIslamicPlan"):
        plan["isIslamicPlan"] = True
    return plan


def visa_response(stem: str) -> dict[str, Any]:
    """The published get-plans response *stem* (e.g. ``get_plans_token``) in Visa's native shape."""
    response = guide_json(f"{stem}.response")
    currency = guide_json(f"{stem}.request")["orderInformation"]["amountDetails"]["currency"]
    return {"matchedPlans": [visa_plan(d, currency) for d in response["installmentInformation"]["planDetails"]]}
