"""A plan's effective APR to the hundredth of a percent, found with few operations.

:meth:`Plan.cost_of_credit` solves for the periodic rate to 30 digits over every payment in
:class:`~decimal.Decimal`; the validator needs only the APR, rounded as ``cost_of_credit`` rounds
it, for every plan of every response.  Two facts make that cheap:

* a plan's payments take three values at most (the first, with the upfront fee; the regular ones;
  the last), so their present value has a closed form with one power:
  ``first·v + regular·(v² − vⁿ)/(1 − v) + last·vⁿ`` with ``v = 1/(1 + r)``;
* the root is found in exact integer fixed point (rates scaled by 10²⁸, payments in minor units),
  where an operation costs a tenth of a Decimal one.  No float is involved.

The secant iteration stops when a step moves the rate by less than 10⁻¹⁸.  When the APR it implies
lies within 10⁻⁹ of a rounding edge (x.xx5), or the iteration does not settle, the core solver
decides, so the result is always ``cost_of_credit``'s APR (checked under hypothesis in
``tests/test_validator.py``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from .._core.credit import periodic_rate
from .._core.currencies import minor_units
from .._core.money import CTX
from .._core.plan import Plan

__all__ = ["effective_apr"]

_SCALE: Final = 10**28
_SETTLED: Final = 10**10
"""A step below 10¹⁰ / 10²⁸ = 10⁻¹⁸ in the periodic rate: far finer than a hundredth of a percent."""
_EDGE_MARGIN: Final = 10**19
"""10⁻⁹ of a hundredth of a percent, at the fixed-point scale."""
_MAX_STEPS: Final = 60
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

    # The core solver's first guess (the excess spread over the mean term), then secant steps.
    previous = (total - base) * _SCALE * 2 // (base * (count + 1))
    rate = previous + previous // 10 + 1
    previous_excess, current_excess = excess(previous), excess(rate)
    for _ in range(_MAX_STEPS):
        slope = current_excess - previous_excess
        if slope == 0:
            return _solved_apr(plan)
        step = current_excess * (rate - previous) // slope
        previous, previous_excess = rate, current_excess
        rate -= step
        if rate <= -_SCALE // 2:
            return _solved_apr(plan)
        if abs(step) <= _SETTLED:
            break
        current_excess = excess(rate)
    else:
        return _solved_apr(plan)
    # APR in hundredths of a percent, at the fixed-point scale, rounded half-up.
    scaled = rate * plan.frequency.periods_per_year * 10_000
    hundredths, remainder = divmod(scaled + _SCALE // 2, _SCALE)
    if remainder < _EDGE_MARGIN or _SCALE - remainder < _EDGE_MARGIN:
        return _solved_apr(plan)
    return Decimal(hundredths).scaleb(-2, CTX)
