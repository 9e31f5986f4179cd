"""A plan's effective APR to the hundredth of a percent, found with few operations.

:meth:`Plan.cost_of_credit` solves for the periodic rate to 30 digits over every payment in
:class:`~decimal.Decimal`; the validator needs only the APR, rounded as ``cost_of_credit`` rounds it,
for every plan of every response.  Two facts make that cheap:

* a plan's payments take three values at most (the first, with the upfront fee; the regular ones;
  the last), so their present value has a closed form with one power:
  ``first·v + regular·(v² − vⁿ)/(1 − v) + last·vⁿ`` with ``v = 1/(1 + r)``;
* the root is found in exact integer fixed point (rates scaled by 2¹²⁸, payments in minor units),
  where an operation costs a fraction of a Decimal one.  No float is involved.

Once a secant step moves the rate by less than 10⁻¹⁴, the APR's hundredth is certain unless the
APR lies within 10⁻⁶ of a hundredth of a rounding edge (x.xx5); only then does the iteration go on
until steps fall below 10⁻²⁸, and the rate is rounded to 20 places half-even and turned into the
APR exactly as ``cost_of_credit`` does.  Either way the result is ``cost_of_credit``'s APR (checked
under hypothesis in ``tests/test_validator.py``).  Should the iteration not settle, the core
solver decides.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from .._core.credit import periodic_rate
from .._core.currencies import minor_units
from .._core.money import CTX, to_units
from .._core.plan import Plan

__all__ = ["effective_apr"]

# A binary scale, so that rescaling after a product is a shift rather than a division.
_BITS: Final = 128
_SCALE: Final = 1 << _BITS
"""1.0 in fixed point: about 3.4 × 10³⁸, so about 38 decimal digits after the point."""
_SETTLED: Final = _SCALE // 10**28
"""A step below 10⁻²⁸ in the periodic rate, far below the 20 places it is rounded to."""
_ROUGH: Final = _SCALE // 10**14
"""A step below 10⁻¹⁴ in the periodic rate: the APR's hundredth is decided unless it sits at an edge."""
_EDGE: Final = _SCALE // 10**6
"""10⁻⁶ of a hundredth of a percent at the fixed-point scale: what "at an edge" means for a rough rate."""
_TWENTY_PLACES: Final = 10**20
"""Where ``cost_of_credit`` rounds the rate: to 20 decimal places."""
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
            result = result * base >> _BITS
        exponent >>= 1
        if exponent:
            base = base * base >> _BITS
    return result


def _present_value(rate: int, first: int, regular: int, last: int, count: int) -> int:
    """The payments' present value at the fixed-point periodic *rate*, in minor units × scale."""
    v = (_SCALE << _BITS) // (_SCALE + rate)
    if count == 1:
        return first * v
    v_n = _power(v, count)
    value = first * v + last * v_n
    if count > 2:
        # The geometric middle, v² + … + v^(n−1) = (v² − vⁿ) / (1 − v).
        value += regular * (((v * v >> _BITS) - v_n) << _BITS) // (_SCALE - v)
    return value


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
    base = to_units(plan.amount, digits)
    principal = base * _SCALE
    if count == 1:
        first = regular = last = to_units(plan.total_plan_amount, digits)
    else:
        first = to_units(CTX.add(plan.first_total_excluding_upfront_fee, plan.total_upfront_fee), digits)
        regular = to_units(CTX.add(plan.regular_amount, plan.regular_fee), digits)
        last = to_units(CTX.add(plan.last_amount, plan.last_fee), digits)
    total = first + regular * max(count - 2, 0) + (last if count > 1 else 0)

    periods = plan.frequency.periods_per_year

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
        if not flat and abs(step) <= _ROUGH:
            # Usually the hundredth is already certain: the rate is good to far better than the
            # step, and the APR it gives is nowhere near a rounding edge (x.xx5).
            scaled = rate * periods * 10_000
            hundredths, left = divmod(scaled + _SCALE // 2, _SCALE)
            if _EDGE < left < _SCALE - _EDGE:
                return Decimal(hundredths).scaleb(-2, CTX)
    else:
        return _solved_apr(plan)
    # As cost_of_credit: the rate to 20 places half-even, then × periods × 100 to 0.01 half-up.
    places, left = divmod(rate * _TWENTY_PLACES, _SCALE)
    if left * 2 > _SCALE or (left * 2 == _SCALE and places % 2):
        places += 1
    hundredths = (places * periods * 10_000 + _TWENTY_PLACES // 2) // _TWENTY_PLACES
    return Decimal(hundredths).scaleb(-2, CTX)
