"""Every field of Visa's native get-plans response (``matchedPlans[]``), once: where it is, what it
holds, which role it plays.

Amounts are integers of the currency's minor units (``minor``), rates integers of hundredths of a
percent (``hundredths``).  The reader takes its field groups and the paths it reports from here;
``tests/test_models.py`` checks that the pydantic models declare the same fields, required alike,
with the same bounds.
"""

from __future__ import annotations

from typing import Final

from ..._core.plan import MAX_INSTALLMENTS
from ..cybersource.table import Field
from ..fields import MAX_APR_HUNDREDTHS, MAX_FEES, MAX_HUNDREDTHS, MAX_MINOR, MAX_PLANS, MAX_TERMS, MAX_VERSION

__all__ = ["ENVELOPE", "FEE", "PATHS", "PLAN", "PLANS", "TERMS", "fee_path_of", "group"]

PLANS: Final = "matchedPlans"
"""The path of a response's plans."""

ENVELOPE: Final = (Field("plans", PLANS, "array", True, MAX_PLANS),)


def _installment(part: str, *, required: bool) -> tuple[Field, ...]:
    prefix = part.removesuffix("Installment")
    return (
        Field(prefix, f"costInfo.{part}", "object", required),
        Field(f"{prefix}_amount", f"costInfo.{part}.amount", "minor", True, MAX_MINOR),
        Field(f"{prefix}_fee", f"costInfo.{part}.installmentFee", "minor", True, MAX_MINOR),
        Field(f"{prefix}_upfront", f"costInfo.{part}.upfrontFee", "minor", True, MAX_MINOR),
        Field(f"{prefix}_total", f"costInfo.{part}.totalAmount", "minor", True, MAX_MINOR),
        Field(f"{prefix}_excl", f"costInfo.{part}.totalAmountExcludingUpfrontFee", "minor", False, MAX_MINOR),
    )


PLAN: Final = (
    Field("plan_id", "vPlanID", "text", True),
    Field("name", "name", "text", False),
    Field("plan_type", "type", "text", False),
    Field("identifier", "vPlanIDRef", "text", False),
    Field("islamic", "isIslamicPlan", "flag", False),
    Field("funded_by", "fundedBy", "funders", False),
    Field("count", "numberOfInstallments", "count", True, MAX_INSTALLMENTS),
    Field("frequency", "installmentFrequency", "frequency", True),
    Field("terms", "termsAndConditions", "array", False, MAX_TERMS),
    Field("details", "costInfo", "object", True),
    Field("currency", "costInfo.currency", "text", False),
    Field("total_fee", "costInfo.totalFees", "minor", True, MAX_MINOR),
    Field("total_upfront", "costInfo.totalUpfrontFees", "minor", True, MAX_MINOR),
    Field("total_recurring", "costInfo.totalRecurringFees", "minor", True, MAX_MINOR),
    Field("total_plan", "costInfo.totalPlanCost", "minor", True, MAX_MINOR),
    Field("declared", "costInfo.annualPercentageRate", "hundredths", False, MAX_APR_HUNDREDTHS),
    *_installment("firstInstallment", required=False),
    *_installment("lastInstallment", required=True),
    Field("fees", "costInfo.feeInfo", "array", True, MAX_FEES),
)
"""One ``matchedPlans[]`` entry, in the order the reader reads (and reports) it."""

FEE: Final = (
    Field("type", "type", "text", True),
    Field("rate", "ratePercentage", "hundredths", True, MAX_HUNDREDTHS),
    Field("flat", "flatFee", "minor", True, MAX_MINOR),
)
"""One ``costInfo.feeInfo[]`` entry.  Its type says which roles its rate and flat fee play."""

TERMS: Final = (
    Field("text", "text", "text", False),
    Field("version", "version", "version", False, MAX_VERSION),
    Field("language", "languageCode", "text", False),
    Field("url", "url", "text", False),
)
"""One ``termsAndConditions[]`` entry; Visa numbers versions with integers."""

PATHS: Final = {field.role: field.path for field in PLAN}
"""Where each role sits in a plan."""

_FEE_KEYS: Final = {"fee_rate": "ratePercentage", "upfront_rate": "ratePercentage", "fee_flat": "flatFee",
                    "upfront_flat": "flatFee"}


def fee_path_of(position: int, role: str) -> str:
    """Where the fee role *role* (``fee_rate``, ``upfront_flat`` …) of the fee entry at *position* sits."""
    return f"costInfo.feeInfo[{position}].{_FEE_KEYS[role]}"


def group(parent: str) -> tuple[tuple[str, str], ...]:
    """The (role, key) of every required amount directly under *parent*, in table order."""
    prefix = f"{parent}."
    return tuple(
        (field.role, field.path.removeprefix(prefix))
        for field in PLAN
        if field.kind == "minor" and field.required and field.path.startswith(prefix)
        and "." not in field.path.removeprefix(prefix)
    )
