"""A plan recomputed from a reading's terms, with what every check of the plan derives from it alone.

Recomputed plans are kept by their inputs: a service validates the same plans (the same order
amounts, counts and fee rates) again and again, and recomputing one, with its declared-rate
findings, costs more than reading it.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Final

from .._core.caching import BoundedCache
from .._core.currencies import minor_units
from .._core.money import CTX, quantum, zero
from .._core.plan import Plan, compute_plan
from .._core.policy import KNOWN_POLICIES, Frequency, RoundingPolicy
from .._core.regimes import Regime
from .._wire.reading import PlanReading
from .validation_report import Discrepancy

__all__ = ["KNOWN_POLICY_INDEX", "Recomputed", "Terms", "amounts_by_role", "fee_terms", "recompute"]

_DECLARED_LIMIT: Final = 16
"""Declared-rate findings kept per plan: a few texts at a few positions in practice."""


def amounts_by_role(plan: Plan) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """What each amount role should say for *plan*: under the current convention, and the 2024 one.

    Keys are the derived roles in report order, then the flat fees (the terms, stated back): a
    reading whose amounts are all among one of these is reproduced exactly.
    """
    upfront = plan.total_upfront_fee
    last_upfront = upfront if plan.total_count == 1 else zero(minor_units(plan.currency))
    current = {
        "first_amount": plan.first_amount,
        "first_fee": plan.first_fee,
        "first_upfront": upfront,
        "first_excl": plan.first_total_excluding_upfront_fee,
        "first_total": CTX.add(plan.first_total_excluding_upfront_fee, upfront),
        "last_amount": plan.last_amount,
        "last_fee": plan.last_fee,
        "last_upfront": last_upfront,
        "last_total": CTX.add(CTX.add(plan.last_amount, plan.last_fee), last_upfront),
        "last_amount_top": plan.last_amount,
        "total_upfront": upfront,
        "total_recurring": plan.total_recurring_fee,
        "total_fee": plan.total_fee,
        "total_plan": plan.total_plan_amount,
        "fee_flat": plan.fee_flat,
        "upfront_flat": plan.upfront_flat,
    }
    return current, current | {"first_fee": CTX.add(plan.first_fee, upfront)}


class Recomputed:
    """A plan recomputed from its terms, with what every check of a plan derives from it alone.

    ``amounts`` is :func:`amounts_by_role`: per convention (current, then 2024), every derived
    amount role and the flat fees.
    """

    __slots__ = ("amounts", "declared", "plan")

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.amounts = amounts_by_role(plan)
        # Not BoundedCache[...](...): a subscripted class called at run time goes through typing's machinery.
        self.declared: BoundedCache[tuple[str, str, Regime], Discrepancy | None] = BoundedCache(
            _DECLARED_LIMIT, registered=False
        )
        """The declared-rate finding per (path, declared rate, regime): a plan seen again costs a lookup."""

    def reproduces(self, reading: PlanReading) -> bool:
        """Whether every stated amount and the monthly rate are exactly the plan's, in one C-level
        comparison of dict items: ``_fits`` at tolerance 0 for the plans that fit."""
        monthly = reading.rates.get("monthly_rate")
        if monthly is not None and monthly != self.plan.monthly_rate_percentage:
            return False
        stated = reading.amounts.items()
        current, rev_2024 = self.amounts
        return stated <= current.items() or (not reading.native and stated <= rev_2024.items())


Terms = tuple[Decimal, Decimal, Decimal, Decimal]
"""(fee rate, flat fee, upfront rate, upfront flat fee), as compute_plan takes them."""
_NO_FEE: Final = Decimal(0)


def fee_terms(reading: PlanReading, digits: int) -> Terms | None:
    """The fee terms *reading* states, an absent fee being zero; None when a flat fee is not whole
    minor units of a currency of *digits* (compute_plan would refuse it, and the checks word why)."""
    amounts, rates = reading.amounts, reading.rates
    fee_flat = amounts.get("fee_flat", _NO_FEE)
    upfront_flat = amounts.get("upfront_flat", _NO_FEE)
    if reading.finest < -digits:
        unit = quantum(digits)
        for flat in (fee_flat, upfront_flat):
            if flat.quantize(unit, ROUND_DOWN, CTX) != flat:
                return None
    return rates.get("fee_rate", _NO_FEE), fee_flat, rates.get("upfront_rate", _NO_FEE), upfront_flat
_PlanKey = tuple[Decimal, str, int, Frequency, int, Decimal, str, Decimal, Decimal, str, Decimal]
"""(amount, currency, count, frequency, policy's index in KNOWN_POLICIES, fee rate and its text,
fee flat, upfront rate and its text, upfront flat)."""

_RECOMPUTED_LIMIT: Final = 1024
KNOWN_POLICY_INDEX: Final = {id(policy): index for index, policy in enumerate(KNOWN_POLICIES)}


# Recomputed plans by their terms: a service validates the same plans (the same order amounts,
# counts and fee rates) again and again, and recomputing one, with its declared-rate findings, costs
# more than reading it.  The key is every input of compute_plan, the rates also as text (5 and 5.00 are equal, but a
# Plan keeps the exponent it was given), for the library's own policies only (immutable, and named
# by their place in KNOWN_POLICIES).  An entry is immutable but for its declared-rate findings,
# which are filled in idempotently (two threads at worst compute one twice).
_RECOMPUTED: Final = BoundedCache[_PlanKey, Recomputed](_RECOMPUTED_LIMIT)

_CANDIDATES_LIMIT: Final = 1024
# The plans of the other policies tried for a plan that differs from its expected one, kept apart:
# each search tries up to 31 of them, and in the cache above they would drop the plans that were
# right, which a service sees far more often.
_CANDIDATES: Final = BoundedCache[_PlanKey, Recomputed](_CANDIDATES_LIMIT)


def recompute(
    reading: PlanReading, amount: Decimal, currency: str, policy: RoundingPolicy, terms: Terms, *,
    candidate: bool = False,
) -> Recomputed:
    """compute_plan for the reading's count, frequency and fee *terms*; raises as compute_plan does.

    A *candidate* is a plan the policy search tries: it is cached apart from the expected plans.
    """
    count, frequency = reading.count, reading.frequency
    assert count is not None
    assert frequency is not None
    fee_rate, fee_flat, upfront_rate, upfront_flat = terms
    policy_index = KNOWN_POLICY_INDEX.get(id(policy))
    key = None if policy_index is None or KNOWN_POLICIES[policy_index] is not policy else (
        amount, currency, count, frequency, policy_index, fee_rate, str(fee_rate), fee_flat, upfront_rate,
        str(upfront_rate), upfront_flat,
    )
    cache = _CANDIDATES if candidate else _RECOMPUTED
    found = None if key is None else cache.get(key)
    if found is None:
        found = Recomputed(compute_plan(
            amount, currency, count, frequency=frequency, fee_rate=fee_rate, fee_flat=fee_flat,
            upfront_rate=upfront_rate, upfront_flat=upfront_flat, policy=policy,
        ))
        if key is not None:
            cache.put(key, found)
    return found
