"""A computed :class:`~installments_core.Plan` in Cybersource's ``amountDetails`` shape.

Amounts are strings with exactly the currency's minor digits; rates are strings with at least two
decimals ("5.00"), as Cybersource sends them.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Final

from .._core.credit import CostOfCredit
from .._core.money import CTX, quantum
from .._core.plan import Installment, Plan

__all__ = ["amount_details", "installment_json", "quote_json", "rate_text"]

_TWO_PLACES: Final = quantum(2)


def rate_text(rate: Decimal) -> str:
    """A percentage as Cybersource writes it: at least two decimals, never fewer than given.

    >>> rate_text(Decimal("5")), rate_text(Decimal("13.995"))
    ('5.00', '13.995')
    """
    exponent = rate.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        rate = rate.quantize(_TWO_PLACES, ROUND_DOWN, CTX)  # adds zeros only: never rounds
    return str(rate)


def amount_details(plan: Plan) -> dict[str, object]:
    """The plan's ``amountDetails`` object with Cybersource's field names (current convention)."""
    return {
        "lastInstallmentAmount": str(plan.last_amount),
        "totalFeeAmount": str(plan.total_fee),
        "totalUpfrontFeeAmount": str(plan.total_upfront_fee),
        "totalRecurringFeeAmount": str(plan.total_recurring_fee),
        "totalPlanAmount": str(plan.total_plan_amount),
        "currency": plan.currency,
        "fees": [
            {
                "type": "CONSUMER",
                "ratePercentage": rate_text(plan.fee_rate),
                "flatFeeAmount": str(plan.fee_flat),
                "monthlyRatePercentage": str(plan.monthly_rate_percentage),
            },
            {
                "type": "CONSUMER_UPFRONT",
                "ratePercentage": rate_text(plan.upfront_rate),
                "flatFeeAmount": str(plan.upfront_flat),
            },
        ],
        "firstInstallment": {
            "amount": str(plan.first_amount),
            "feeAmount": str(plan.first_fee),
            "upfrontFeeAmount": str(plan.total_upfront_fee),
            "totalAmountExcludingUpfrontFee": str(plan.first_total_excluding_upfront_fee),
        },
        "lastInstallment": {
            "amount": str(plan.last_amount),
            "feeAmount": str(plan.last_fee),
        },
    }


def installment_json(installment: Installment) -> dict[str, object]:
    """One schedule row; ``dueDate`` only when the schedule has dates."""
    row: dict[str, object] = {
        "number": installment.number,
        "amount": str(installment.principal),
        "feeAmount": str(installment.fee),
        "upfrontFeeAmount": str(installment.upfront_fee),
        "totalAmount": str(installment.total),
    }
    if installment.due is not None:
        row["dueDate"] = installment.due.isoformat()
    return row


def quote_json(plan: Plan, schedule: tuple[Installment, ...], cost: CostOfCredit) -> dict[str, object]:
    """What ``installments-core quote --json`` prints."""
    return {
        "totalCount": str(plan.total_count),
        "frequency": plan.frequency.value,
        "policy": plan.policy.name,
        "amountDetails": amount_details(plan),
        "schedule": [installment_json(row) for row in schedule],
        "apr": str(cost.apr),
        "aprc": str(cost.aprc),
    }
