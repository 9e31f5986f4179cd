"""A plan's effective APR to the hundredth of a percent, found with few operations.

:meth:`Plan.cost_of_credit` solves for the periodic rate to 30 digits over every payment in
:class:`~decimal.Decimal`; the validator needs only the APR, rounded as ``cost_of_credit`` rounds it,
for every plan of every response.  Two facts make that cheap:

* a plan's payments take three values at most (the first, with the upfront fee; the regular ones;
  the last), so their present value has a closed form with one power:
  ``first·v + regular·(v² − vⁿ)/(1 − v) + last·vⁿ`` with ``v = 1/(1 + r)``;
* the root is found in exact integer fixed point (rates scaled by 10⁴⁰, payments in minor units),
  where an operation costs a fraction of a Decimal one.  No float is involved.

The secant iteration stops when a step moves the rate by less than 10⁻²⁸; the rate is then rounded
to 20 places half-even and turned into the APR exactly as ``cost_of_credit`` does, so the result is
``cost_of_credit``'s APR (checked under hypothesis in ``tests/test_validator.py``).  Should the
iteration not settle, the core solver decides.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from .._core.credit import periodic_rate
from .._core.currencies import minor_units
from .._core.money import CTX
from .._core.plan import Plan

__all__ = ["effective_apr"]

_SCALE: Final = 10**40
_SETTLED: Final = 10**12
"""A step below 10¹² / 10⁴⁰ = 10⁻²⁸ in the periodic rate, far below the 20 places it is rounded to."""
_TWENTY_PLACES: Final = 10**20
"""The scale / 10²⁰: one unit in the 20th decimal place of the rate, where ``cost_of_credit`` rounds it."""
_MAX_STEPS: Final = 200
_MAX_RATE: Final = 10**9 * _SCALE
"""A periodic rate of 10⁹ (10¹¹ % a period): beyond it, leave the question to the core solver."""
_CENT: Final = Decimal("0.01")
_HUNDRED: Final = Decimal(100)
_PERCENT_ZERO: Final = Decimal("0.00")


def _power(base: int, exponent: int) -> int:
    """base^exponent for fixed-point *base*, by squaring, truncating at the scale after each product."""
    result = _SCALE
    while exponent:
        if exponent & 1:
            result = result * base // _SCALE
        exponent >>= 1
        if exponent:
            base = base * base // _SCALE
    return result


def _present_value(rate: int, first: int, regular: int, last: int, count: int) -> int:
    """The payments' present value at the fixed-point periodic *rate*, in minor units × scale."""
    v = _SCALE * _SCALE // (_SCALE + rate)
    if count == 1:
        return first * v
    v_n = _power(v, count)
    value = first * v + last * v_n
    if count > 2:
        # The geometric middle, v² + … + v^(n−1) = (v² − vⁿ) / (1 − v).
        value += regular * ((v * v // _SCALE - v_n) * _SCALE // (_SCALE - v))
    return value


def _minor(amount: Decimal, digits: int) -> int:
    return int(amount.scaleb(digits, CTX))


def _solved_apr(plan: Plan) -> Decimal:
    """The APR exactly as ``cost_of_credit`` derives it, from the core solver's periodic rate.

    ``cost_of_credit`` itself is not called: it also computes the APRC, which overflows the
    library's precision for absurd rates (1 100 % a week) whose APR is still representable.
    """
    rate = periodic_rate(plan.amount, plan.payments())
    return CTX.multiply(CTX.multiply(rate, plan.frequency.periods_per_year), _HUNDRED).quantize(
        _CENT, ROUND_HALF_UP, CTX
    )


def effective_apr(plan: Plan) -> Decimal:
    """``plan.cost_of_credit().apr``: the US APR in percent, 2 decimals, half-up.

    >>> from installments_core import compute_plan
    >>> effective_apr(compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6"))
    Decimal('20.73')
    >>> effective_apr(compute_plan("500", "USD", 6))
    Decimal('0.00')
    """
    if plan.total_fee.is_zero():
        return _PERCENT_ZERO
    digits = minor_units(plan.currency)
    count = plan.total_count
    base = _minor(plan.amount, digits)
    principal = base * _SCALE
    if count == 1:
        first = regular = last = _minor(plan.total_plan_amount, digits)
    else:
        first = _minor(CTX.add(plan.first_total_excluding_upfront_fee, plan.total_upfront_fee), digits)
        regular = _minor(CTX.add(plan.regular_amount, plan.regular_fee), digits)
        last = _minor(CTX.add(plan.last_amount, plan.last_fee), digits)
    total = _minor(plan.total_plan_amount, digits)

    def excess(rate: int) -> int:
        return _present_value(rate, first, regular, last, count) - principal

    # Present value falls as the rate rises, from the sum of the payments at rate 0: bracket the
    # root, starting from the core solver's first guess (the excess spread over the mean term).
    low, low_excess = 0, (total - base) * _SCALE
    high = max((total - base) * _SCALE * 2 // (base * (count + 1)), 1)
    high_excess = excess(high)
    while high_excess > 0:
        low, low_excess, high = high, high_excess, high * 2
        if high > _MAX_RATE:
            return _solved_apr(plan)
        high_excess = excess(high)
    # Secant steps, starting from the bracket's ends; a step that would leave the shrinking
    # bracket (or a flat secant) bisects instead.
    older, older_excess, rate, rate_excess = low, low_excess, high, high_excess
    for _ in range(_MAX_STEPS):
        if rate_excess == 0:
            break
        flat = rate_excess == older_excess
        candidate = (low + high) // 2 if flat else rate - rate_excess * (rate - older) // (rate_excess - older_excess)
        if not low < candidate < high:
            candidate = (low + high) // 2
        candidate_excess = excess(candidate)
        if candidate_excess > 0:
            low = candidate
        else:
            high = candidate
        step = candidate - rate
        older, older_excess, rate, rate_excess = rate, rate_excess, candidate, candidate_excess
        if abs(step) <= _SETTLED or high - low <= _SETTLED:
            break
    else:
        return _solved_apr(plan)
    # As cost_of_credit: the rate to 20 places half-even, then × periods × 100 to 0.01 half-up.
    places, left = divmod(rate, _TWENTY_PLACES)
    if left * 2 > _TWENTY_PLACES or (left * 2 == _TWENTY_PLACES and places % 2):
        places += 1
    hundredths = (places * plan.frequency.periods_per_year * 10_000 + _TWENTY_PLACES // 2) // _TWENTY_PLACES
    return Decimal(hundredths).scaleb(-2, CTX)
