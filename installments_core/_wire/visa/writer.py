"""Core offers written out as Visa native get-plans responses (``matchedPlans[]``).

Amounts are integers of the currency's minor units, rates integers of hundredths of a percent;
validating what is written here must find nothing.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from ..._core.currencies import minor_units
from ..._core.money import CTX, quantum, to_units
from ..._core.offer import PlanOffer
from ..._core.plan import Installment
from ..amount_details import rate_text

__all__ = ["visa_matched_plan", "visa_response"]


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
