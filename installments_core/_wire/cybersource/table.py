"""Every field of a Cybersource get-plans response, once: where it is, what it holds, which role it plays.

The reader takes its field groups and the paths it reports from here; ``tests/test_models.py``
checks that the pydantic models declare the same fields, required alike, with the same bounds.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from ..fields import MAX_FEES, MAX_PLANS, MAX_TERMS

__all__ = ["ENVELOPE", "FEE", "PATHS", "PLAN", "PLANS", "TERMS", "Field", "fee_path_of", "group"]


class Field(NamedTuple):
    """One field: its role in a plan reading (or its own name), its path and its JSON type."""

    role: str
    path: str
    """Dotted, from the object the table describes (a plan, a fee entry …)."""
    kind: str
    """``amount`` (a decimal string), ``rate`` (a percentage string), ``count`` (digits), ``frequency``,
    ``funders`` (CONSUMER/MERCHANT), ``text``, ``flag``, ``object`` or ``array``."""
    required: bool
    limit: int | None = None
    """Most entries of an array."""


PLANS: Final = "installmentInformation.planDetails"
"""The path of a response's plans."""

ENVELOPE: Final = (
    Field("id", "id", "text", False),
    Field("submitted", "submitTimeUtc", "text", False),
    Field("status", "status", "text", False),
    Field("processor", "processorInformation", "object", False),
    Field("response_code", "processorInformation.responseCode", "text", False),
    Field("payment", "paymentInformation", "object", False),
    Field("account_reference", "paymentInformation.paymentAccountReference", "object", False),
    Field("account_reference_id", "paymentInformation.paymentAccountReference.id", "text", False),
    Field("information", "installmentInformation", "object", True),
    Field("plans", PLANS, "array", True, MAX_PLANS),
)

PLAN: Final = (
    Field("plan_id", "planId", "text", True),
    Field("name", "planName", "text", False),
    Field("plan_type", "planType", "text", False),
    Field("promotion_id", "promotionId", "text", False),
    Field("identifier", "identifier", "text", False),
    Field("islamic", "isIslamicPlan", "flag", False),
    Field("sharia", "shariaLawPlan", "flag", False),
    Field("funded_by", "fundedBy", "funders", False),
    Field("count", "totalCount", "count", True),
    Field("frequency", "frequency", "frequency", True),
    Field("terms", "termsAndConditions", "array", False, MAX_TERMS),
    Field("details", "amountDetails", "object", True),
    Field("currency", "amountDetails.currency", "text", False),
    Field("last_amount_top", "amountDetails.lastInstallmentAmount", "amount", True),
    Field("total_fee", "amountDetails.totalFeeAmount", "amount", True),
    Field("total_upfront", "amountDetails.totalUpfrontFeeAmount", "amount", True),
    Field("total_recurring", "amountDetails.totalRecurringFeeAmount", "amount", True),
    Field("total_plan", "amountDetails.totalPlanAmount", "amount", True),
    Field("declared", "amountDetails.interestRate", "rate", False),
    Field("first", "amountDetails.firstInstallment", "object", True),
    Field("first_amount", "amountDetails.firstInstallment.amount", "amount", True),
    Field("first_fee", "amountDetails.firstInstallment.feeAmount", "amount", True),
    Field("first_upfront", "amountDetails.firstInstallment.upfrontFeeAmount", "amount", True),
    Field("first_excl", "amountDetails.firstInstallment.totalAmountExcludingUpfrontFee", "amount", False),
    Field("last", "amountDetails.lastInstallment", "object", True),
    Field("last_amount", "amountDetails.lastInstallment.amount", "amount", True),
    Field("last_fee", "amountDetails.lastInstallment.feeAmount", "amount", True),
    Field("fees", "amountDetails.fees", "array", True, MAX_FEES),
)
"""One ``planDetails[]`` entry, in the order the reader reads (and reports) it."""

FEE: Final = (
    Field("type", "type", "text", True),
    Field("rate", "ratePercentage", "rate", True),
    Field("flat", "flatFeeAmount", "amount", True),
    Field("monthly_rate", "monthlyRatePercentage", "rate", False),
)
"""One ``amountDetails.fees[]`` entry.  Its type says which roles its rate and flat fee play."""

TERMS: Final = (
    Field("url", "tncUrl", "text", False),
    Field("version", "version", "text", False),
    Field("text", "text", "text", False),
    Field("language", "languageCode", "text", False),
)
"""One ``termsAndConditions[]`` entry.  Whether version, text and language are there is the validator's rule."""

PATHS: Final = {field.role: field.path for field in PLAN}
"""Where each role sits in a plan."""

_FEE_KEYS: Final = {"fee_rate": "ratePercentage", "upfront_rate": "ratePercentage", "fee_flat": "flatFeeAmount",
                    "upfront_flat": "flatFeeAmount", "monthly_rate": "monthlyRatePercentage"}


def fee_path_of(position: int, role: str) -> str:
    """Where the fee role *role* (``fee_rate``, ``upfront_flat`` …) of the fee entry at *position* sits."""
    return f"amountDetails.fees[{position}].{_FEE_KEYS[role]}"


def group(parent: str) -> tuple[tuple[str, str, bool], ...]:
    """The (role, key, required) of every amount directly under *parent*, in table order."""
    prefix = f"{parent}."
    return tuple(
        (field.role, field.path.removeprefix(prefix), field.required)
        for field in PLAN
        if field.kind == "amount" and field.path.startswith(prefix) and "." not in field.path.removeprefix(prefix)
    )
