"""The rules the validator checks, by key, in the words its reports use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

_IDENTIFIER_LENGTH: Final = 10

__all__ = ["RULES", "well_formed_identifier"]

RULES: Final[Mapping[str, str]] = {
    "recomputed": "equals the value recomputed from the order amount and the plan's fee terms",
    "first_fee": (
        "the first installment's fee is its recurring fee (current convention) or the recurring plus "
        "the upfront fee (2024 convention)"
    ),
    "policy": "the amounts follow the expected rounding policy",
    "infeasible": "the plan can be computed from the order amount and its terms",
    "minor_units": "amounts are whole minor units of the currency",
    "last_amount": "lastInstallmentAmount equals lastInstallment.amount",
    "fee_total": "totalFeeAmount = totalUpfrontFeeAmount + totalRecurringFeeAmount",
    "plan_total": "totalPlanAmount = order amount + totalFeeAmount",
    "upfront_first": "the whole upfront fee is due with the first installment",
    "upfront_last": "only the first installment carries the upfront fee",
    "excluding_upfront": "totalAmountExcludingUpfrontFee = first installment amount + its recurring fee",
    "installment_total": "an installment's totalAmount = amount + installmentFee + upfrontFee",
    "installments_sum": (
        "the installments add up to the order amount (those between the first and the last equal one of them)"
    ),
    "fees_sum": (
        "the installment fees add up to the total recurring fee (those between the first and the last equal "
        "one of them)"
    ),
    "order_amount": "every plan implies the same order amount (totalPlanAmount − totalFeeAmount)",
    "currency": "the plan's currency is the order's currency",
    "merchant_funded": "a MERCHANT-funded plan carries no consumer fees",
    "monthly_rate": "monthlyRatePercentage = CONSUMER ratePercentage / plan length in months, rounded per policy",
    "declared_rate": "a declared rate equals the effective APR of the amounts; declared rates never enter the amounts",
    "duplicate_plan": "planId is unique within the response",
    "plan_id": "planId is one a select request can send back (installmentInformation.planId)",
    "identifier": "identifier is 10 alphanumeric characters",
    "terms_missing": "every plan carries terms and conditions",
    "terms_version": "every terms entry has a version a select request can send back as tcVersion",
    "terms_text": "every terms entry has text",
    "terms_language": "every terms entry has a three-letter ISO 639-2 languageCode",
    "fee_type": "fee types are CONSUMER or CONSUMER_UPFRONT (Visa: also MERCHANT_FUNDING, MERCHANT_SERVICE)",
    "duplicate_fee": "each fee type appears once",
    "no_currency": "the currency is known: stated by the plan, or given with the order",
}
"""Every rule the validator checks, by key, in the words its reports use."""


def well_formed_identifier(identifier: str) -> bool:
    """The ``identifier`` rule: 10 ASCII letters or digits.

    >>> well_formed_identifier("000000015D"), well_formed_identifier("0000-00024")
    (True, False)
    >>> well_formed_identifier("００００００００１５"), well_formed_identifier("0000000015D")  # full-width; 11
    (False, False)
    """
    return len(identifier) == _IDENTIFIER_LENGTH and identifier.isascii() and identifier.isalnum()
