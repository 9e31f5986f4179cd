"""The true cost of credit of a plan: its effective periodic rate, as US APR and as EU APRC.

The customer receives the order total P at time 0 and pays, at the end of each period k = 1..n,
installment k's principal and fee, plus the whole upfront fee with the first.  The periodic rate
r is the one positive root of

    P = Σ payment_k / (1 + r)^k

and, with m installment periods in a year (52, 26, 12 or 6):

* **APR** (US Regulation Z, actuarial method) = r × m;
* **APRC** (EU Consumer Credit Directive, annual effective rate) = (1 + r)^m − 1,
  with periods taken as equal fractions of a year (the Directive's standard simplification).

Both are percentages rounded half-up to 0.01.  A plan without fees has 0.00 for both.  The root is
found in :class:`~decimal.Decimal` by the one solver of :mod:`.cash_flows`, so no float ever touches
the result; the figures each market's law defines are in :mod:`.regimes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Final, NamedTuple

from .._errors import InvalidAmountError, InvalidTermsError, describe
from .arguments import MAX_INSTALLMENTS
from .cash_flows import cash_flows, unit_period_rate
from .money import CTX, parse_decimal

__all__ = ["CostOfCredit", "cost_of_credit", "periodic_rate"]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_HUNDRED: Final = Decimal(100)
_CENT: Final = Decimal("0.01")
_RATE_QUANTUM: Final = Decimal("1e-20")
_PERCENT_ZERO: Final = Decimal("0.00")
_MAX_CENT_DIGITS: Final = CTX.prec - 3
_FINEST_CASH_FLOW: Final = Decimal("0.000001")


class CostOfCredit(NamedTuple):
    """A plan's effective rates."""

    periodic_rate: Decimal
    """The rate per installment period, as a fraction (0.0123 is 1.23 % a period), unrounded."""
    apr: Decimal
    """US APR in percent, 2 decimals: periodic rate × periods per year."""
    aprc: Decimal
    """EU APRC in percent, 2 decimals: (1 + periodic rate)^(periods per year) − 1.

    Beyond 10^57 % (only absurd plans get there) it is given to 60 significant digits instead."""
    periods_per_year: int


def _cash_flow(value: object, path: str) -> Decimal:
    amount = parse_decimal(value, path=path)
    if amount.quantize(_FINEST_CASH_FLOW, ROUND_DOWN, CTX) != amount:
        raise InvalidAmountError(path, expected="an amount with at most 6 decimals", actual=describe(value))
    return amount


def periodic_rate(principal: Decimal, payments: Sequence[Decimal]) -> Decimal:
    """The rate r ≥ 0 per period at which *payments* (one per period, from period 1) repay *principal*.

    Rounded to 20 decimal places.  Returns 0 when the payments add up to the principal exactly.
    Payments that add up to less would be a loan at a negative rate, which no plan produces: they
    raise :class:`~installments_core.InvalidTermsError`.

    *principal* and each payment are amounts as :func:`~installments_core.parse_amount` reads
    them (at most 15 integer digits), with at most 6 decimals; there are 1 to 999 payments.  These
    bounds keep the root finding to milliseconds.

    >>> periodic_rate(Decimal("100"), [Decimal("110")])
    Decimal('0.1')
    """
    principal = _cash_flow(principal, "principal")
    if isinstance(payments, (str, bytes)) or not isinstance(payments, Sequence) or not (
        1 <= len(payments) <= MAX_INSTALLMENTS
    ):
        raise InvalidTermsError(
            "payments", expected=f"a sequence of 1 to {MAX_INSTALLMENTS} amounts", actual=describe(payments)
        )
    payments = [_cash_flow(payment, f"payments[{k}]") for k, payment in enumerate(payments)]
    total = _ZERO
    for payment in payments:
        total = CTX.add(total, payment)
    if total == principal:
        return _ZERO
    if total < principal or not principal > _ZERO:
        raise InvalidTermsError(
            "payments",
            expected="payments adding up to at least a positive principal",
            actual=f"{total} against a principal of {principal}",
        )
    rate = unit_period_rate(cash_flows(principal, payments), simple_fraction=True)
    # 20 places is far beyond what 0.01 % needs and reads cleanly.
    return rate.quantize(_RATE_QUANTUM, ROUND_HALF_EVEN, CTX).normalize(CTX)


def cost_of_credit(principal: Decimal, payments: Sequence[Decimal], periods: int) -> CostOfCredit:
    """APR and APRC of *payments*, one per period of which there are *periods* a year, repaying
    *principal*; see the module documentation for the definitions.

    It takes the cash flows rather than a plan so that this module depends on nothing above it:
    :meth:`Plan.cost_of_credit <installments_core.Plan.cost_of_credit>` passes its own.

    >>> from installments_core import compute_plan
    >>> cost = compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6").cost_of_credit()
    >>> cost.apr, cost.aprc
    (Decimal('20.73'), Decimal('22.82'))
    """
    rate = periodic_rate(principal, payments)
    if rate.is_zero():
        return CostOfCredit(_ZERO, _PERCENT_ZERO, _PERCENT_ZERO, periods)
    apr = CTX.multiply(CTX.multiply(rate, periods), _HUNDRED).quantize(_CENT, ROUND_HALF_UP, CTX)
    growth = CTX.subtract(CTX.power(CTX.add(_ONE, rate), periods), _ONE)
    aprc = CTX.multiply(growth, _HUNDRED)
    # Compounding an absurd plan (a cent borrowed against a large upfront fee, weekly) gives rates
    # with hundreds of digits; cents only make sense while they fit the context's precision.
    if aprc.adjusted() < _MAX_CENT_DIGITS:
        aprc = aprc.quantize(_CENT, ROUND_HALF_UP, CTX)
    return CostOfCredit(rate, apr, aprc, periods)
