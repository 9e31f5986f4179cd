"""A plan's effective APR to the hundredth of a percent, found with few operations.

:meth:`Plan.cost_of_credit` solves for the periodic rate to 30 digits over every payment; the
validator only needs the APR rounded as ``cost_of_credit`` rounds it, for every plan of every
response.  A plan's payments take three values at most (the first, with the upfront fee; the
regular ones; the last), so their present value has a closed form with one power, and the APR
can be *verified* rather than solved precisely: a rough secant estimate names the candidate
hundredth k, and two present values at the edges of k's rounding interval prove it (present value
falls as the rate rises).  Where the estimate lands too close to an edge to be sure, or does not
converge, the full solver decides, so the result is always ``plan.cost_of_credit().apr``
(``tests/test_validator.py`` checks that under hypothesis).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from typing import Final

from .._core.credit import periodic_rate
from .._core.money import CTX
from .._core.plan import Plan

__all__ = ["effective_apr"]

# 28 digits: present values near an interval edge differ from the principal from the 13th digit
# on (see the edge margin below), far above this context's rounding.
_FAST: Final = Context(prec=28, rounding=ROUND_HALF_EVEN, Emin=-999_999, Emax=999_999,
                       traps=[InvalidOperation, DivisionByZero, Overflow])
_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_TWO: Final = Decimal(2)
_CENT: Final = Decimal("0.01")
_HALF_CENT: Final = Decimal("0.005")
_HUNDRED: Final = Decimal(100)
_PERCENT_ZERO: Final = Decimal("0.00")
_CONVERGED: Final = Decimal("1e-16")
_EDGE_MARGIN: Final = Decimal("1e-9")
_MAX_STEPS: Final = 40
_NUDGE: Final = Decimal("1.1")


def _present_value(rate: Decimal, first: Decimal, regular: Decimal, last: Decimal, count: int) -> Decimal:
    """first·v + regular·(v² + … + v^(n−1)) + last·vⁿ with v = 1/(1+rate)."""
    c = _FAST
    v = c.divide(_ONE, c.add(_ONE, rate))
    if count == 1:
        return c.multiply(first, v)
    v_n = c.power(v, count)
    value = c.add(c.multiply(first, v), c.multiply(last, v_n))
    if count > 2:
        # The geometric middle: (v² − vⁿ) / (1 − v).
        middle = c.divide(c.subtract(c.multiply(v, v), v_n), c.subtract(_ONE, v))
        value = c.add(value, c.multiply(regular, middle))
    return value


def _solved_apr(plan: Plan) -> Decimal:
    """The APR exactly as ``cost_of_credit`` derives it, from the full solver's periodic rate.

    ``cost_of_credit`` itself is not called because it also computes the APRC, which overflows the
    library's precision for absurd rates (1 100 % a week) where the APR is still representable.
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
    count = plan.total_count
    principal = plan.amount
    first = CTX.add(CTX.add(plan.first_amount, plan.first_fee), plan.total_upfront_fee)
    regular = CTX.add(plan.regular_amount, plan.regular_fee)
    last = CTX.add(plan.last_amount, plan.last_fee)
    if count == 1:
        first = plan.total_plan_amount
    per_percent = CTX.multiply(plan.frequency.periods_per_year, _HUNDRED)  # APR % = rate × this

    def excess(rate: Decimal) -> Decimal:
        return _FAST.subtract(_present_value(rate, first, regular, last, count), principal)

    # The core's first guess, then secant steps: a rough root, good to well under a hundredth.
    relative = CTX.divide(CTX.subtract(plan.total_plan_amount, principal), principal)
    rate = _FAST.divide(relative, _FAST.divide(count + 1, _TWO))
    previous = _FAST.multiply(rate, _NUDGE)
    previous_excess = excess(previous)
    current_excess = excess(rate)
    for _ in range(_MAX_STEPS):
        slope = _FAST.subtract(current_excess, previous_excess)
        if slope.is_zero():
            break
        step = _FAST.divide(_FAST.multiply(current_excess, _FAST.subtract(rate, previous)), slope)
        previous, previous_excess = rate, current_excess
        rate = _FAST.subtract(rate, step)
        if not rate > -_ONE:
            return _solved_apr(plan)
        if _FAST.abs(step) <= _FAST.multiply(_CONVERGED, _FAST.abs(rate)):
            break
        current_excess = excess(rate)
    else:
        return _solved_apr(plan)

    estimate = _FAST.multiply(rate, per_percent)
    apr = estimate.quantize(_CENT, ROUND_HALF_UP, _FAST)
    for _ in range(3):
        low, high = _FAST.subtract(apr, _HALF_CENT), _FAST.add(apr, _HALF_CENT)
        if min(_FAST.abs(_FAST.subtract(estimate, low)), _FAST.abs(_FAST.subtract(estimate, high))) < _EDGE_MARGIN:
            break  # too close to a rounding edge to decide cheaply
        # The rate is in [low, high) exactly when the present value there brackets the principal.
        if not excess(_FAST.divide(low, per_percent)) >= _ZERO:
            apr = _FAST.subtract(apr, _CENT)
        elif not excess(_FAST.divide(high, per_percent)) < _ZERO:
            apr = _FAST.add(apr, _CENT)
        else:
            return apr
    return _solved_apr(plan)
