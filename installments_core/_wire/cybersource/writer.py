"""Core offers written out as Cybersource get-plans responses: what an issuer that follows the rules sends.

The amounts are written by :func:`~..amount_details.amount_details` (strings with exactly the
currency's minor digits); validating what is written here must find nothing.
"""

from __future__ import annotations

from typing import Final

from ..._core.money import CTX
from ..._core.offer import PlanOffer
from ..amount_details import amount_details

__all__ = ["CURRENT", "REV_2024", "cybersource_plan_detail", "cybersource_response"]

CURRENT: Final = "current"
"""``firstInstallment.feeAmount`` is the recurring fee only (guide rev. 25.09.01)."""
REV_2024: Final = "2024"
"""``firstInstallment.feeAmount`` includes the upfront fee, and the 2025 fields are absent (rev. 2024-03)."""


def cybersource_plan_detail(offer: PlanOffer, *, convention: str = CURRENT, islamic_key: str = "isIslamicPlan",
                            interest_rate: str = "0.00") -> dict[str, object]:
    """One ``installmentInformation.planDetails[]`` entry for *offer*."""
    plan = offer.plan
    details = amount_details(plan)
    details["interestRate"] = interest_rate
    detail: dict[str, object] = {"planId": offer.plan_id}
    if offer.identifier is not None:
        detail["identifier"] = offer.identifier
    detail["planName"] = offer.name
    if offer.plan_type is not None:
        detail["planType"] = offer.plan_type
    detail["totalCount"] = str(plan.total_count)
    detail["frequency"] = plan.frequency.value
    if convention == REV_2024:
        first = details["firstInstallment"]
        assert isinstance(first, dict)
        first["feeAmount"] = str(CTX.add(plan.first_fee, plan.total_upfront_fee))
        del first["totalAmountExcludingUpfrontFee"]
        del details["currency"]
        fees = details["fees"]
        assert isinstance(fees, list)
        del fees[0]["monthlyRatePercentage"]
    else:
        detail["fundedBy"] = [funder.value for funder in offer.funded_by]
    if offer.islamic:
        detail[islamic_key] = True
    detail["amountDetails"] = details
    terms = []
    for entry in offer.terms:
        written: dict[str, object] = {}
        if entry.url is not None:
            written["tncUrl"] = entry.url
        written.update(version=entry.version, text=entry.text, languageCode=entry.language_code)
        terms.append(written)
    detail["termsAndConditions"] = terms
    return detail


def cybersource_response(plan_details: list[dict[str, object]], *, response_id: str = "7557016618136534704807",
                         submitted: str = "2025-08-20T14:54:21Z") -> dict[str, object]:
    """A whole get-plans response around *plan_details*."""
    return {
        "id": response_id,
        "submitTimeUtc": submitted,
        "status": "ACCEPTED",
        "processorInformation": {"responseCode": "200"},
        "installmentInformation": {"planDetails": plan_details},
    }
