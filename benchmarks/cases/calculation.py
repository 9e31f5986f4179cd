"""``compute_plan``: a 12-installment plan with recurring and upfront fees.

The baseline is the least code that computes the same fields with :mod:`decimal`: no input
checks, no result type, no policy lookup.  It uses a private ``Context``'s methods, as the library
must: the ``+``/``*`` operators would read the thread's ambient context, which is exactly what a
correct implementation may not do (``docs/money.md``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, ROUND_UP, Context, Decimal

from installments_core import compute_plan

from .._harness import Case

_CONTEXT = Context(prec=60)
_AMOUNT = Decimal("500.00")
_FEE_RATE = Decimal("5.00")
_UPFRONT_RATE = Decimal("6.00")
_FLAT = Decimal("0.00")
_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)
_COUNT = 12


def _library() -> object:
    return compute_plan(_AMOUNT, "USD", _COUNT, fee_rate=_FEE_RATE, upfront_rate=_UPFRONT_RATE)


def _plain_decimal() -> object:
    c = _CONTEXT
    recurring = c.add(c.divide(c.multiply(_AMOUNT, _FEE_RATE), _HUNDRED).quantize(_CENT, ROUND_HALF_UP, c), _FLAT)
    upfront = c.add(c.divide(c.multiply(_AMOUNT, _UPFRONT_RATE), _HUNDRED).quantize(_CENT, ROUND_HALF_UP, c), _FLAT)
    regular = c.divide(_AMOUNT, _COUNT).quantize(_CENT, ROUND_UP, c)
    last = c.subtract(_AMOUNT, c.multiply(regular, _COUNT - 1))
    fee = c.divide(recurring, _COUNT).quantize(_CENT, ROUND_HALF_UP, c)
    last_fee = c.subtract(recurring, c.multiply(fee, _COUNT - 1))
    total_fee = c.add(recurring, upfront)
    monthly = c.divide(_FEE_RATE, _COUNT).quantize(_CENT, ROUND_HALF_UP, c)
    return (regular, last, fee, last_fee, recurring, upfront, total_fee, c.add(_AMOUNT, total_fee),
            c.add(regular, fee), monthly)


CASES = [Case("compute_plan", _library, "plain decimal", _plain_decimal, target=2.0)]
