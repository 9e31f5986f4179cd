"""A plan's effective APR to the hundredth of a percent, found with few operations, and proven.

:meth:`Plan.cost_of_credit` solves for the periodic rate to 30 digits over every payment in
:class:`~decimal.Decimal`; the validator needs only the APR, rounded as ``cost_of_credit`` rounds it,
for every plan of every response.  Three facts make that cheap:

* a plan's payments take three values at most (the first, with the upfront fee; the regular ones;
  the last), so their present value has a closed form with one power:
  ``first·v + regular·(v² − vⁿ)/(1 − v) + last·vⁿ`` with ``v = 1/(1 + r)``, evaluated in exact
  integer fixed point (rates scaled by 2¹²⁸, payments in minor units), where an operation costs a
  fraction of a Decimal one.  No float is involved;
* the APR is a hundredth ``h`` exactly when the periodic rate lies in the interval of rates that
  round to it, so two evaluations, at that interval's ends, *prove* it: the present value falls
  as the rate rises, so a value above the principal at the lower end and below it at the upper end
  put the root inside.  Each evaluation comes with a bound on its truncation error, and a sign is
  believed only beyond that bound; the ends are pulled in by 2·10⁻²⁰ so that ``cost_of_credit``'s
  rounding of the rate to 20 places cannot move it out;
* a guess good enough to name the right hundredth is nearly free: the rate of a level annuity with
  the same total, by series reversion to the third order.  When the ends disprove it, the secant
  through them names the next guess.  A single payment needs no guess: its rate is a fraction,
  compared with the interval's ends exactly.

A plan whose rate sits on a rounding edge (to 2·10⁻²⁰), or whose guesses all fail, is left to the
core solver, so the result is always ``cost_of_credit``'s APR (checked under hypothesis in
``tests/test_validator.py``).

:func:`check_declared_rate` compares an issuer's declared rate with the figure of the regime it
claims to be (``docs/cost-of-credit.md``), within that regime's tolerance: ⅛ of a point for a US APR
(¼ for an irregular transaction), half a unit of the last shown decimal elsewhere.  A US APR is
decided from the fast APR above whenever its rounding cannot matter, which is nearly always.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final, NamedTuple

from .._core.credit import periodic_rate
from .._core.currencies import minor_units
from .._core.money import CTX, parse_decimal, to_units
from .._core.plan import Plan
from .._core.regimes import Regime, annual_cost, parse_regime, plan_cash_flows, regime_tolerance

__all__ = ["DeclaredRateCheck", "check_declared_rate", "effective_apr"]

# A binary scale, so that rescaling after a product is a shift rather than a division.
_BITS: Final = 128
_SCALE: Final = 1 << _BITS
"""1.0 in fixed point: about 3.4 × 10³⁸, so about 38 decimal digits after the point."""
_SCALE_SQUARED: Final = _SCALE << _BITS
_MARGIN: Final = 2 * _SCALE // 10**20 + 1
"""2·10⁻²⁰ and a little more: how far inside its interval the rate must be proven to lie, so that
rounding it to 20 places (``cost_of_credit`` does) cannot change its hundredth."""
_GUESSES: Final = 8
_HUNDREDTHS_PER_UNIT: Final = 10_000
"""A rate of 1 is 100 %, ten thousand hundredths of a percent."""
_CENT: Final = Decimal("0.01")
_HUNDRED: Final = Decimal(100)
_PERCENT_ZERO: Final = Decimal("0.00")
_HALF_HUNDREDTH: Final = Decimal("0.005")
"""How far the exact APR can be from its rounding to hundredths."""


def _power(base: int, exponent: int) -> int:
    """base^exponent for fixed-point *base* ≤ 1, by squaring, truncating at the scale after each product.

    Each truncation loses less than one unit, so the result is at most 3·exponent + 1 units low.
    """
    result = _SCALE
    while exponent:
        if exponent & 1:
            result = result * base >> _BITS
        exponent >>= 1
        if exponent:
            base = base * base >> _BITS
    return result


def _excess(rate: int, first: int, regular: int, last: int, *, count: int, principal: int) -> tuple[int, int]:
    """(present value − principal, a bound on its error) at the fixed-point periodic *rate*, for two
    payments or more.

    Both in minor units × scale; *principal* is already scaled.  The bound adds up what each
    truncation can lose: at most 3n + 1 units in vⁿ, and the geometric middle's numerator error
    divided by 1 − v, which is why it grows as the rate falls.
    """
    v = _SCALE_SQUARED // (_SCALE + rate)
    v_n = _power(v, count)
    value = first * v + last * v_n
    span = _SCALE - v
    if count > 2:  # the middle payments exist from three on
        # The geometric middle, v² + … + v^(n−1) = (v² − vⁿ) / (1 − v).
        value += regular * (((v * v >> _BITS) - v_n) << _BITS) // span
    return value - principal, (first + regular + last) * (4 * count + 8) * (_SCALE // span + 1)


def _interval(hundredths: int, per_hundredth: int) -> tuple[int, int]:
    """Fixed-point periodic rates (low, high) such that any rate between them, rounded to 20 places
    as ``cost_of_credit`` rounds it, gives an APR of *hundredths* (rate × *per_hundredth*, half-up).

    The true interval's ends pulled in by :data:`_MARGIN`; for 0 the lower end is 0 itself.
    """
    high = (2 * hundredths + 1) * _SCALE // (2 * per_hundredth) - _MARGIN
    if hundredths == 0:
        return 0, high
    return -(-(2 * hundredths - 1) * _SCALE // (2 * per_hundredth)) + _MARGIN, high


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
    # A periodic rate times this is the APR in hundredths of a percent.
    per_hundredth = plan.frequency.periods_per_year * _HUNDREDTHS_PER_UNIT
    if count == 1:
        # One payment: the rate is exactly its excess over the principal, a fraction, so the proof is
        # a comparison of integers.
        excess = to_units(plan.total_plan_amount, digits) - base
        hundredths = (2 * excess * per_hundredth + base) // (2 * base)
        low, high = _interval(hundredths, per_hundredth)
        if low * base <= excess * _SCALE < high * base:
            return Decimal(hundredths).scaleb(-2, CTX)
        return _solved_apr(plan)  # on a rounding edge, to 2·10⁻²⁰: the core solver's answer is the answer
    first = to_units(CTX.add(plan.first_total_excluding_upfront_fee, plan.total_upfront_fee), digits)
    regular = to_units(CTX.add(plan.regular_amount, plan.regular_fee), digits)
    last = to_units(CTX.add(plan.last_amount, plan.last_fee), digits)
    total = first + regular * (count - 2) + last
    principal = base * _SCALE

    # The level annuity's rate by series reversion: with x = 2(total − base) / (total (n + 1)),
    # r ≈ x + (n + 2)/3 · x² + (n + 2)(5n + 7)/36 · x³.
    x = 2 * (total - base) * _SCALE // (total * (count + 1))
    x_squared = x * x >> _BITS
    guess = x + x_squared * (count + 2) // 3 + (x_squared * x >> _BITS) * (count + 2) * (5 * count + 7) // 36
    for _ in range(_GUESSES):
        hundredths = (2 * guess * per_hundredth + _SCALE) // (2 * _SCALE)
        low, high = _interval(hundredths, per_hundredth)
        high_excess, high_error = _excess(high, first, regular, last, count=count, principal=principal)
        if hundredths == 0:
            # The root is above 0 (the fees are not zero), so only the upper end needs proof.
            low_excess, low_error = (total - base) * _SCALE, 0
        else:
            low_excess, low_error = _excess(low, first, regular, last, count=count, principal=principal)
        if high_excess < -high_error and low_excess > low_error:
            return Decimal(hundredths).scaleb(-2, CTX)
        if low_excess == high_excess:
            break
        guess = max(low + low_excess * (high - low) // (low_excess - high_excess), 0)
    return _solved_apr(plan)


# A plan's cash flows (plan_cash_flows, undated) are its payments one period apart, those between the
# first and the last all equal: a regular transaction in Regulation Z's sense, whatever the plan.  So
# a regime's tolerance for a plan is one number, found from the first plan's flows, and a declared
# rate the APR alone decides needs no flows at all (building them costs more than the APR).
_PLAN_TOLERANCES: Final[dict[Regime, Decimal]] = {}


class DeclaredRateCheck(NamedTuple):
    """An issuer's declared rate against the figure of the regime it claims to be."""

    regime: Regime
    declared: Decimal
    """The rate the issuer declares, in percent."""
    figure: Decimal
    """The regime's figure for the plan, in percent, rounded as the regime shows it."""
    tolerance: Decimal
    """How far, in percentage points, the declared rate may be from the exact figure."""
    agrees: bool
    """Whether the declared rate is within the tolerance of the exact (unrounded) figure."""


def check_declared_rate(plan: Plan, declared: Decimal, regime: Regime | str = Regime.US_APR) -> DeclaredRateCheck:
    """*declared* compared with *regime*'s figure for *plan*, within the regime's tolerance.

    >>> from installments_core import compute_plan
    >>> plan = compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6")
    >>> check_declared_rate(plan, Decimal("20.85")).agrees, check_declared_rate(plan, Decimal("20.86")).agrees
    (True, False)
    >>> check_declared_rate(plan, Decimal("22.82"), "eu-aprc")
    DeclaredRateCheck(regime=<Regime.EU_APRC: 'eu-aprc'>, declared=Decimal('22.82'), figure=Decimal('22.82'), \
tolerance=Decimal('0.005'), agrees=True)
    """
    regime = parse_regime(regime)
    declared = parse_decimal(declared, path="declared", what="rate")
    flows = None
    tolerance = _PLAN_TOLERANCES.get(regime)
    if tolerance is None:
        flows = plan_cash_flows(plan)
        tolerance = _PLAN_TOLERANCES.setdefault(regime, regime_tolerance(regime, flows))
    if regime is Regime.US_APR:
        apr = effective_apr(plan)
        # The exact APR is within half a hundredth of its rounding: only a declared rate that close
        # to the tolerance's edge needs it.
        distance = CTX.abs(CTX.subtract(declared, apr))
        if distance <= CTX.subtract(tolerance, _HALF_HUNDREDTH):
            return DeclaredRateCheck(regime, declared, apr, tolerance, agrees=True)
        if distance > CTX.add(tolerance, _HALF_HUNDREDTH):
            return DeclaredRateCheck(regime, declared, apr, tolerance, agrees=False)
    figure = annual_cost(plan_cash_flows(plan) if flows is None else flows, regime)
    exact = CTX.multiply(figure.exact, _HUNDRED)
    agrees = CTX.abs(CTX.subtract(declared, exact)) <= tolerance
    return DeclaredRateCheck(regime, declared, figure.rate, tolerance, agrees)
