"""Strict money and rate input, and the library's private decimal contexts.

All arithmetic in the library goes through :data:`CTX` (``CTX.add``, ``CTX.multiply``,
``x.quantize(..., context=CTX)``), never through the ``+``/``*`` operators, because the operators
silently use the *thread's current* decimal context: a caller that set ``prec=3`` for their own
reasons would otherwise change our installment amounts.  Nothing here reads or changes that
context.

Amounts are accepted as :class:`~decimal.Decimal`, :class:`int` or a plain decimal string such as
``"500"`` or ``"41.67"``.  Everything else is refused with an
:class:`~installments_core.InvalidAmountError` that names the value and the rule.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Final

from .._errors import InvalidAmountError, describe
from .currencies import minor_units

__all__ = [
    "CTX",
    "MAX_INTEGER_DIGITS",
    "MAX_RATE_DECIMALS",
    "AmountInput",
    "from_units",
    "parse_amount",
    "parse_decimal",
    "parse_rate",
    "quantum",
    "to_minor_units",
    "to_units",
    "zero",
]

AmountInput = Decimal | int | str
"""What the library accepts for money and rates: never ``float``."""

MAX_INTEGER_DIGITS: Final = 15
"""Largest amounts accepted: 15 integer digits, the width of Cybersource's amount fields."""

MAX_RATE_DECIMALS: Final = 4
"""Finest percentage accepted: 0.0001 %, finer than Visa's hundredths of a percent."""

# 15 integer digits times a rate with a few decimals, summed over a thousand installments, stays
# far below 60 significant digits: every operation on valid input is exact or explicitly rounded.
CTX: Final = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The library's arithmetic context.  Rounding is always passed explicitly at each quantize."""

_QUANTA: Final = tuple(Decimal(1).scaleb(-digits, CTX) for digits in range(7))
_ZEROS: Final = tuple(Decimal(0).scaleb(-digits, CTX) for digits in range(7))
_HUNDRED: Final = Decimal(100)
_ACCEPTED_RATES: Final[set[Decimal]] = set()
_ACCEPTED_RATES_LIMIT: Final = 4096
# [0-9], not \d: \d also matches Arabic-Indic and other digits, which are display, not wire, text.
_DECIMAL_STRING: Final = re.compile(r"([0-9]{1,64})(?:\.([0-9]{1,64}))?")
_DIGITS_AND_POINT: Final = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
_MAX_FRACTION_DIGITS: Final = 64


def quantum(digits: int) -> Decimal:
    """``Decimal('1')`` scaled to *digits* places: the quantum of a currency with that many minor digits.

    >>> quantum(0), quantum(2), quantum(3)
    (Decimal('1'), Decimal('0.01'), Decimal('0.001'))
    """
    return _QUANTA[digits]


def parse_decimal(value: object, *, path: str, what: str = "amount") -> Decimal:
    """Turn *value* into a finite, non-negative :class:`~decimal.Decimal` without rounding it.

    Accepts a ``Decimal``, an ``int`` or a plain decimal string (digits, an optional point and
    more digits).  Refuses floats, booleans, NaN, infinities, signs, exponent notation, blanks and
    magnitudes of more than 15 integer digits.

    >>> parse_decimal("41.670", path="amount")
    Decimal('41.670')
    >>> parse_decimal(0.1, path="amount")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidAmountError: amount: expected a Decimal, an int or a decimal \
string such as '41.67', found float 0.1 (floats cannot represent money exactly: pass str(value) \
only if that text is what you meant)
    """
    if isinstance(value, str):
        return _parse_string(value, path=path, what=what)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    else:
        detail = (
            "floats cannot represent money exactly: pass str(value) only if that text is what you meant"
            if isinstance(value, float)
            else ""
        )
        raise InvalidAmountError(
            path,
            expected="a Decimal, an int or a decimal string such as '41.67'",
            actual=describe(value),
            detail=detail,
        )
    if not number.is_finite():
        raise InvalidAmountError(path, expected=f"a finite {what}", actual=describe(value))
    if number.is_signed():
        if not number.is_zero():
            raise InvalidAmountError(path, expected=f"a non-negative {what}", actual=describe(value))
        number = number.copy_abs()
    if number.adjusted() >= MAX_INTEGER_DIGITS:
        raise InvalidAmountError(
            path, expected=f"an {what} of at most {MAX_INTEGER_DIGITS} integer digits", actual=describe(value)
        )
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked above
    if exponent < -_MAX_FRACTION_DIGITS:
        raise InvalidAmountError(
            path, expected=f"an {what} with at most {_MAX_FRACTION_DIGITS} decimals", actual=describe(value)
        )
    return number


def _parse_string(text: str, *, path: str, what: str) -> Decimal:
    match = _DECIMAL_STRING.fullmatch(text)
    if match is None:
        raise InvalidAmountError(path, expected=_string_rule(text, what), actual=describe(text))
    integer_digits = match.group(1).lstrip("0")
    if len(integer_digits) > MAX_INTEGER_DIGITS:
        raise InvalidAmountError(
            path, expected=f"an {what} of at most {MAX_INTEGER_DIGITS} integer digits", actual=describe(text)
        )
    # The pattern admits only digits and one point, so construction is exact and cannot signal.
    return Decimal(text)


def _string_rule(text: str, what: str) -> str:
    stripped = text.strip()
    if stripped.startswith("-"):
        return f"a non-negative {what}"
    if stripped.lower().lstrip("+") in {"nan", "snan", "inf", "infinity"}:
        return f"a finite {what}"
    if "e" in stripped.lower() and any(c.isdigit() for c in stripped):
        return f"an {what} in plain decimal notation, without an exponent"
    too_long = _DIGITS_AND_POINT.fullmatch(text)
    if too_long is not None:
        if len(too_long.group(1)) > _MAX_FRACTION_DIGITS:
            return f"an {what} of at most {MAX_INTEGER_DIGITS} integer digits"
        return f"an {what} with at most {_MAX_FRACTION_DIGITS} decimals"
    return f"an {what} written as digits with an optional decimal point, such as '41.67'"


def parse_amount(value: object, currency: str, *, path: str = "amount") -> Decimal:
    """Validate a money *value* in *currency* and return it with exactly the currency's minor digits.

    Trailing zeros beyond the minor unit are accepted (JPY ``"100.00"`` is 100 yen); digits that
    would need rounding are refused.

    >>> parse_amount("500", "USD")
    Decimal('500.00')
    >>> parse_amount("100.00", "JPY")
    Decimal('100')
    >>> parse_amount("1.234", "USD")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidAmountError: amount: expected an amount in whole USD minor \
units (2 decimals), found '1.234'
    """
    return to_minor_units(value, minor_units(currency, path=f"{path}.currency"), currency, path)


def to_minor_units(value: object, digits: int, currency: str, path: str) -> Decimal:
    """:func:`parse_amount` for a currency whose minor *digits* the caller has already looked up."""
    if type(value) is Decimal and value.is_finite() and not value.is_signed() and value.adjusted() < MAX_INTEGER_DIGITS:
        number = value  # the hot path: a plain non-negative Decimal needs no further screening
    else:
        number = parse_decimal(value, path=path)
    rounded = number.quantize(_QUANTA[digits], ROUND_DOWN, CTX)
    if rounded != number:  # rounding of any kind would change the amount: refuse it
        raise InvalidAmountError(
            path,
            expected=f"an amount in whole {currency} minor units ({digits} decimal{'s' if digits != 1 else ''})",
            actual=describe(value),
        )
    return rounded


def to_units(amount: Decimal, digits: int) -> int:
    """*amount*, already on its currency's minor unit, as a whole number of minor units.

    >>> to_units(Decimal("41.67"), 2), to_units(Decimal("100"), 0)
    (4167, 100)
    """
    return int(amount.scaleb(digits, CTX))


def from_units(units: int, digits: int) -> Decimal:
    """*units* minor units as an amount with exactly *digits* decimals.

    >>> from_units(4167, 2), from_units(0, 3)
    (Decimal('41.67'), Decimal('0.000'))
    """
    return Decimal(units).scaleb(-digits, CTX)


def zero(digits: int) -> Decimal:
    """Zero with *digits* decimals, e.g. ``Decimal('0.00')`` for a 2-digit currency."""
    return _ZEROS[digits]


def parse_rate(value: object, *, path: str = "ratePercentage") -> Decimal:
    """Validate a percentage rate: from 0 to 100 inclusive, at most 4 decimals.

    >>> parse_rate("5.00")
    Decimal('5.00')
    >>> parse_rate("120")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidAmountError: ratePercentage: expected a percentage from 0 to \
100, found '120'
    """
    if type(value) is Decimal and value.is_finite() and value in _ACCEPTED_RATES:
        return value  # the hot path: issuers use a handful of rates over and over
    number = parse_decimal(value, path=path, what="percentage")
    if number > _HUNDRED:
        raise InvalidAmountError(path, expected="a percentage from 0 to 100", actual=describe(value))
    if number.quantize(_QUANTA[MAX_RATE_DECIMALS], ROUND_DOWN, CTX) != number:
        raise InvalidAmountError(
            path, expected=f"a percentage with at most {MAX_RATE_DECIMALS} decimals", actual=describe(value)
        )
    if len(_ACCEPTED_RATES) < _ACCEPTED_RATES_LIMIT:
        # Validity depends on the value alone, so 5 and 5.00 share an entry; the caller's own
        # object (and exponent) is what we return either way.
        _ACCEPTED_RATES.add(number)
    return number
