"""CLDR number patterns made exact: a pattern and its locale's symbols resolved once into a fast formatter.

A :class:`NumberFormatter` groups digits and swaps in the locale's symbols; it never rounds.  The
checks here refuse what it could not show exactly: a pattern that rounds, scales or reads the
thread's decimal context, an unknown numbering system or format type, digits out of range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Final, Literal, get_args

from babel import Locale
from babel.numbers import (
    NumberPattern,
    UnsupportedNumberingSystemError,
    get_decimal_symbol,
    get_group_symbol,
    parse_pattern,
)

from .._core.money import CTX, quantum
from .._errors import InvalidAmountError, InvalidDisplayOptionError, describe
from .digits import check_native_digits, digit_table, native_numbering_system

__all__ = [
    "MAX_DIGITS",
    "FormatType",
    "NumberFormatter",
    "build_formatter",
    "check_digits",
    "check_options",
    "exact_pattern",
]

FormatType = Literal["standard", "accounting"]
_FORMAT_TYPES: Final = get_args(FormatType)

MAX_DIGITS: Final = 6
"""The most decimals a formatter shows: above every ISO 4217 minor unit (4 at most), and the
limit under which ``str(Decimal)`` writes every quantized amount in plain notation."""

_QUOTED: Final = re.compile(r"'([^']*)'")


def _unquote(literal: str) -> str:
    # CLDR quotes literal text in a pattern's prefix and suffix.  babel unquotes the whole formatted
    # number instead, digits included, so where Swiss locales group with an ASCII
    # apostrophe, it drops the separators (``1'234'567`` becomes ``1234567``): unquote only the literals.
    return _QUOTED.sub(lambda m: m.group(1) or "'", literal)


@dataclass(frozen=True, slots=True)
class NumberFormatter:
    """One CLDR number pattern with its locale's symbols resolved: formats Decimals, fast.

    Build it with :mod:`~installments_core._display.numbers`' :func:`currency_formatter`,
    :func:`percent_formatter` or :func:`count_formatter`; they cache.

    >>> from installments_core._display.numbers import currency_formatter
    >>> currency_formatter("de_DE", "EUR").format(Decimal("1234.50"))
    '1.234,50\\xa0€'
    >>> currency_formatter("hi_IN", "INR").format(Decimal("1234567.50"))
    '₹12,34,567.50'
    """

    prefix: str
    negative_prefix: str
    suffix: str
    negative_suffix: str
    group_symbol: str
    decimal_symbol: str
    primary_group: int
    secondary_group: int
    min_integer_digits: int
    min_fraction_digits: int
    max_fraction_digits: int
    digits: dict[int, str] | None
    """A ``str.translate`` table from ASCII digits to native ones, or ``None`` for ASCII."""
    unit: Decimal
    """The quantum of the last decimal shown."""
    thousands: bool
    """Whether the pattern groups by threes with a fixed fraction, as Python's ``format(x, ",f")`` does."""

    def format(self, value: Decimal) -> str:
        """*value* formatted; :class:`~installments_core.errors.InvalidAmountError` if it would need rounding."""
        try:
            exact = value.quantize(self.unit, ROUND_DOWN, CTX)
        except (InvalidOperation, AttributeError):
            raise _inexact(value, self.max_fraction_digits) from None
        if exact != value:
            raise _inexact(value, self.max_fraction_digits)
        if self.thousands:
            # The common case, CLDR's "#,##0.00": Python's own grouping, then the locale's symbols.
            number = format(exact, ",f")
            negative = number[0] == "-"
            if negative:
                number = number[1:]
            if self.group_symbol != "," or self.decimal_symbol != ".":
                number = number.replace(",", "\0").replace(".", self.decimal_symbol).replace("\0", self.group_symbol)
        else:
            number = self._general(exact)
            negative = exact.is_signed()
        if self.digits is not None:
            number = number.translate(self.digits)
        if negative:
            return f"{self.negative_prefix}{number}{self.negative_suffix}"
        return f"{self.prefix}{number}{self.suffix}"

    def _general(self, exact: Decimal) -> str:
        # Any grouping (Indian 3;2, none), minimum integer digits, a variable fraction.
        # With at most 6 decimals and 15 integer digits, str() is plain notation, never 1E+3.
        integer, _, fraction = str(exact).lstrip("-").partition(".")
        if len(integer) < self.min_integer_digits:
            integer = integer.rjust(self.min_integer_digits, "0")
        size = self.primary_group
        if len(integer) > size:
            groups = []
            while len(integer) > size:
                groups.append(integer[-size:])
                integer = integer[:-size]
                size = self.secondary_group
            groups.append(integer)
            integer = self.group_symbol.join(reversed(groups))
        # babel's fraction rule: the maximum digits, trailing zeros trimmed down to the minimum,
        # and nothing at all for an all-zero fraction whose minimum is zero.
        minimum = self.min_fraction_digits
        if minimum != len(fraction):
            fraction = fraction.rstrip("0").ljust(minimum, "0")
        return f"{integer}{self.decimal_symbol}{fraction}" if fraction else integer


def _inexact(value: Decimal, places: int) -> InvalidAmountError:
    return InvalidAmountError(
        "amount",
        expected=f"a finite Decimal with at most {places} decimals, quantized before display",
        actual=describe(value),
    )


def build_formatter(
    pattern: NumberPattern,
    locale: Locale,
    *,
    numbering_system: str,
    native_digits: bool,
    fraction: tuple[int, int],
    currency_symbols: tuple[str, str] | None,
) -> NumberFormatter:
    if native_digits:
        numbering_system = native_numbering_system(locale)
    try:
        group = get_group_symbol(locale, numbering_system=numbering_system)
        decimal = get_decimal_symbol(locale, numbering_system=numbering_system)
    except UnsupportedNumberingSystemError:
        raise InvalidDisplayOptionError(
            "numbering_system",
            expected=f"a numbering system {locale} has symbols for, such as 'latn' or 'default'",
            actual=describe(numbering_system),
        ) from None
    prefixes = [_unquote(prefix) for prefix in pattern.prefix]
    suffixes = [_unquote(suffix) for suffix in pattern.suffix]
    if currency_symbols is not None:
        code, symbol = currency_symbols
        prefixes = [p.replace("¤¤", code).replace("¤", symbol) for p in prefixes]
        suffixes = [s.replace("¤¤", code).replace("¤", symbol) for s in suffixes]
    return NumberFormatter(
        prefixes[0],
        prefixes[1],
        suffixes[0],
        suffixes[1],
        group,
        decimal,
        pattern.grouping[0],
        pattern.grouping[1],
        pattern.int_prec[0],
        fraction[0],
        fraction[1],
        digit_table(numbering_system) if native_digits else None,
        quantum(fraction[1]),
        pattern.grouping == (3, 3) and pattern.int_prec[0] <= 1 and fraction[0] == fraction[1],
    )


def check_options(numbering_system: object, native_digits: object, format_type: object = "standard") -> None:
    if not isinstance(numbering_system, str):
        raise InvalidDisplayOptionError(
            "numbering_system", expected="a CLDR numbering system such as 'latn'", actual=describe(numbering_system)
        )
    check_native_digits(native_digits)
    if format_type not in _FORMAT_TYPES:
        raise InvalidDisplayOptionError(
            "format_type", expected="'standard' or 'accounting'", actual=describe(format_type)
        )


def check_digits(digits: object, path: str) -> int:
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= MAX_DIGITS:
        raise InvalidDisplayOptionError(path, expected=f"an integer from 0 to {MAX_DIGITS}", actual=describe(digits))
    return digits


def exact_pattern(pattern: object) -> NumberPattern:
    """A caller's currency pattern, if :class:`NumberFormatter` shows every amount in it exactly."""
    expected = "a CLDR currency pattern with digits, such as '¤#,##0.00', without E, @, ¤¤¤, % or ‰"
    if not isinstance(pattern, str):
        raise InvalidDisplayOptionError("pattern", expected=expected, actual=describe(pattern))
    try:
        parsed = parse_pattern(pattern)
    except ValueError:
        raise InvalidDisplayOptionError("pattern", expected=expected, actual=describe(pattern)) from None
    # Scientific and significant-digit patterns round by design; babel writes ¤¤¤ with a plural
    # form it computes in the thread's decimal context; % and ‰ multiply the amount (babel does so
    # even when the sign is quoted).  An empty pattern has no number to show.
    affixes = "".join((*parsed.prefix, *parsed.suffix))
    if parsed.exp_prec or "@" in pattern or "¤¤¤" in affixes or parsed.scale or not parsed.number_pattern:
        raise InvalidDisplayOptionError("pattern", expected=expected, actual=describe(pattern))
    return parsed

