"""A computed :class:`~installments_core.Plan` in Cybersource's ``amountDetails`` shape.

Amounts are strings with exactly the currency's minor digits; rates are strings with at least two
decimals ("5.00"), as Cybersource sends them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal
from typing import Final

from .._core.credit import CostOfCredit
from .._core.money import CTX, quantum
from .._core.plan import Installment, Plan
from .._errors import shown_amount

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


def amount_details(plan: Plan, written: Callable[[Decimal], str] = str) -> dict[str, object]:
    """The plan's ``amountDetails`` object with Cybersource's field names (current convention),
    each amount as *written* writes it."""
    return {
        "lastInstallmentAmount": written(plan.last_amount),
        "totalFeeAmount": written(plan.total_fee),
        "totalUpfrontFeeAmount": written(plan.total_upfront_fee),
        "totalRecurringFeeAmount": written(plan.total_recurring_fee),
        "totalPlanAmount": written(plan.total_plan_amount),
        "currency": plan.currency,
        "fees": [
            {
                "type": "CONSUMER",
                "ratePercentage": rate_text(plan.fee_rate),
                "flatFeeAmount": written(plan.fee_flat),
                "monthlyRatePercentage": str(plan.monthly_rate_percentage),
            },
            {
                "type": "CONSUMER_UPFRONT",
                "ratePercentage": rate_text(plan.upfront_rate),
                "flatFeeAmount": written(plan.upfront_flat),
            },
        ],
        "firstInstallment": {
            "amount": written(plan.first_amount),
            "feeAmount": written(plan.first_fee),
            "upfrontFeeAmount": written(plan.total_upfront_fee),
            "totalAmountExcludingUpfrontFee": written(plan.first_total_excluding_upfront_fee),
        },
        "lastInstallment": {
            "amount": written(plan.last_amount),
            "feeAmount": written(plan.last_fee),
        },
    }


def installment_json(installment: Installment, written: Callable[[Decimal], str] = str) -> dict[str, object]:
    """One schedule row, each amount as *written* writes it; ``dueDate`` only when the schedule has dates."""
    row: dict[str, object] = {
        "number": installment.number,
        "amount": written(installment.principal),
        "feeAmount": written(installment.fee),
        "upfrontFeeAmount": written(installment.upfront_fee),
        "totalAmount": written(installment.total),
    }
    if installment.due is not None:
        row["dueDate"] = installment.due.isoformat()
    return row


def quote_json(plan: Plan, schedule: tuple[Installment, ...], cost: CostOfCredit) -> dict[str, object]:
    """What ``installments-core quote --json`` prints: amounts as every output shows them (masked
    when a card number was given as the amount)."""
    return {
        "totalCount": str(plan.total_count),
        "frequency": plan.frequency.value,
        "policy": plan.policy.name,
        "amountDetails": amount_details(plan, shown_amount),
        "schedule": [installment_json(row, shown_amount) for row in schedule],
        "apr": str(cost.apr),
        "aprc": str(cost.aprc),
    }
