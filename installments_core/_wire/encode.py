"""Core offers written out as get-plans responses, in Cybersource's shape or Visa's native one.

This is what an issuer that follows the rules would send: the generated responses of
``installments_core.strategies`` are built here, and validating them must find nothing.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Final

from .._core.currencies import minor_units
from .._core.money import CTX, quantum, to_units
from .._core.offer import PlanOffer
from .._core.plan import Installment
from .amount_details import amount_details, rate_text

__all__ = ["CURRENT", "REV_2024", "cybersource_plan_detail", "cybersource_response", "visa_matched_plan",
           "visa_response"]

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


def _hundredths(rate: Decimal) -> int:
    return int(CTX.scaleb(rate, 2).quantize(quantum(0), ROUND_DOWN, CTX))


def visa_matched_plan(offer: PlanOffer, *, annual_percentage_rate: bool = True) -> dict[str, object]:
    """One ``matchedPlans[]`` entry for *offer*: integers in minor units, rates in hundredths of a percent.

    Rates with more than two decimals cannot be written in this format.
    """
    plan = offer.plan
    digits = minor_units(plan.currency)
    for rate in (plan.fee_rate, plan.upfront_rate):
        if CTX.scaleb(rate, 2) != _hundredths(rate):
            raise ValueError(f"Visa's native format carries hundredths of a percent, not {rate_text(rate)}")
    cost: dict[str, object] = {
        "currency": plan.currency,
        "feeInfo": [
            {"type": "CONSUMER", "ratePercentage": _hundredths(plan.fee_rate),
             "flatFee": to_units(plan.fee_flat, digits)},
            {"type": "CONSUMER_UPFRONT", "ratePercentage": _hundredths(plan.upfront_rate),
             "flatFee": to_units(plan.upfront_flat, digits)},
        ],
        "firstInstallment": _visa_installment(plan.installment(1), digits),
        "lastInstallment": _visa_installment(plan.installment(plan.total_count), digits),
        "totalFees": to_units(plan.total_fee, digits),
        "totalPlanCost": to_units(plan.total_plan_amount, digits),
        "totalRecurringFees": to_units(plan.total_recurring_fee, digits),
        "totalUpfrontFees": to_units(plan.total_upfront_fee, digits),
    }
    if annual_percentage_rate:
        cost["annualPercentageRate"] = _hundredths(plan.cost_of_credit().apr)
    matched: dict[str, object] = {
        "name": offer.name,
        "type": offer.plan_type or "ISSUER_DEFAULT",
        "numberOfInstallments": plan.total_count,
        "installmentFrequency": plan.frequency.value,
        "fundedBy": [funder.value for funder in offer.funded_by],
        "vPlanID": offer.plan_id,
    }
    if offer.identifier is not None:
        matched["vPlanIDRef"] = offer.identifier
    if offer.islamic:
        matched["isIslamicPlan"] = True
    matched["termsAndConditions"] = [
        {"text": entry.text, "version": int(entry.version), "languageCode": entry.language_code}
        | ({"url": entry.url} if entry.url is not None else {})
        for entry in offer.terms
    ]
    matched["costInfo"] = cost
    return matched


def _visa_installment(installment: Installment, digits: int) -> dict[str, int]:
    return {
        "amount": to_units(installment.principal, digits),
        "installmentFee": to_units(installment.fee, digits),
        "upfrontFee": to_units(installment.upfront_fee, digits),
        "totalAmount": to_units(installment.total, digits),
    }


def visa_response(matched_plans: list[dict[str, object]]) -> dict[str, object]:
    """A Visa plan-eligibility response around *matched_plans*."""
    return {"matchedPlans": matched_plans}
