"""Card numbers (PANs): the Luhn check, the brand from the issuer prefix, and the masked form.

A primary account number is 12 to 19 digits (ISO/IEC 7812): an issuer identification number
(the first six or eight digits), the account digits, and a last *check digit* chosen so that the
Luhn sum of all digits is a multiple of ten.  The Luhn check catches every single-digit typo and
almost every swap of neighbouring digits; it says nothing about whether the card exists.

A PAN is cardholder data: this library shows it only masked, as its last four digits
(``****9793``), in every ``repr``, ``str``, error message and report.  :class:`CardNumber` holds a
validated number and keeps it out of its own ``repr``; :func:`masked_description` and
:func:`mask_digit_runs` describe *any* value safely, so that a card number typed into the wrong
field does not leak through an error message either.

>>> card = CardNumber.parse("4622943127019793")
>>> card
CardNumber('****9793')
>>> card.brand, card.last4
(<CardBrand.VISA: 'VISA'>, '9793')
>>> luhn_valid("4622943127019794")
False
"""

from __future__ import annotations

import re
from bisect import bisect_right
from enum import StrEnum
from typing import Final

from .._errors import MASK, InvalidCardNumberError, mask_digit_runs

__all__ = [
    "MASK",
    "CardBrand",
    "CardNumber",
    "card_brand",
    "check_pan",
    "luhn_check_digit",
    "luhn_valid",
    "mask_digit_runs",
    "mask_pan",
    "masked_description",
]

MIN_PAN_DIGITS: Final = 12
MAX_PAN_DIGITS: Final = 19


class CardBrand(StrEnum):
    """Card schemes recognisable from the issuer prefix."""

    VISA = "VISA"
    MASTERCARD = "MASTERCARD"
    AMERICAN_EXPRESS = "AMERICAN_EXPRESS"
    DISCOVER = "DISCOVER"
    JCB = "JCB"
    DINERS_CLUB = "DINERS_CLUB"
    UNIONPAY = "UNIONPAY"
    MAESTRO = "MAESTRO"
    MIR = "MIR"
    UNKNOWN = "UNKNOWN"

    @property
    def lengths(self) -> frozenset[int]:
        """The PAN lengths the scheme issues."""
        return _LENGTHS.get(self, _ANY_LENGTH)


_ANY_LENGTH: Final = frozenset(range(MIN_PAN_DIGITS, MAX_PAN_DIGITS + 1))
_LENGTHS: Final = {
    CardBrand.VISA: frozenset({13, 16, 19}),
    CardBrand.MASTERCARD: frozenset({16}),
    CardBrand.AMERICAN_EXPRESS: frozenset({15}),
    CardBrand.DISCOVER: frozenset(range(16, 20)),
    CardBrand.JCB: frozenset(range(16, 20)),
    CardBrand.DINERS_CLUB: frozenset(range(14, 20)),
    CardBrand.UNIONPAY: frozenset(range(16, 20)),
    CardBrand.MIR: frozenset(range(16, 20)),
}

# Issuer ranges on the first six digits, inclusive, sorted and non-overlapping (a test checks both),
# so a lookup is one bisection and no range can hide behind another.  Where schemes share a
# range (UnionPay cards accepted on Discover's network), the range goes to the issuing scheme.
_RANGES: Final[tuple[tuple[int, int, CardBrand], ...]] = (
    (220000, 220499, CardBrand.MIR),
    (222100, 272099, CardBrand.MASTERCARD),
    (300000, 305999, CardBrand.DINERS_CLUB),
    (340000, 349999, CardBrand.AMERICAN_EXPRESS),
    (352800, 358999, CardBrand.JCB),
    (360000, 369999, CardBrand.DINERS_CLUB),
    (370000, 379999, CardBrand.AMERICAN_EXPRESS),
    (380000, 399999, CardBrand.DINERS_CLUB),
    (400000, 499999, CardBrand.VISA),
    (500000, 509999, CardBrand.MAESTRO),
    (510000, 559999, CardBrand.MASTERCARD),
    (560000, 589999, CardBrand.MAESTRO),
    (601100, 601199, CardBrand.DISCOVER),
    (620000, 629999, CardBrand.UNIONPAY),
    (644000, 659999, CardBrand.DISCOVER),
    (670000, 679999, CardBrand.MAESTRO),
)
_RANGE_STARTS: Final = tuple(low for low, _, _ in _RANGES)

_DIGITS: Final = re.compile(r"[0-9]+")
# Doubling a digit and casting out nines, precomputed: the Luhn sum's only non-trivial step.
_DOUBLED: Final = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _luhn_sum(digits: str, *, double_first: bool) -> int:
    total = 0
    double = double_first
    for char in reversed(digits):
        value = ord(char) - 48
        total += _DOUBLED[value] if double else value
        double = not double
    return total


def luhn_valid(digits: str) -> bool:
    """Whether a string of ASCII digits passes the Luhn check.  Anything but digits fails.

    >>> luhn_valid("79927398713"), luhn_valid("79927398710"), luhn_valid("7992 7398 713")
    (True, False, False)
    """
    if type(digits) is not str or not _DIGITS.fullmatch(digits):
        return False
    return _luhn_sum(digits, double_first=False) % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """The digit that completes *partial* (ASCII digits) into a Luhn-valid number.

    >>> luhn_check_digit("7992739871")
    '3'
    """
    if not _DIGITS.fullmatch(partial):
        raise InvalidCardNumberError(
            "partial", expected="ASCII digits", actual=masked_description(partial)
        )
    return str((10 - _luhn_sum(partial, double_first=True) % 10) % 10)


def card_brand(digits: str) -> CardBrand:
    """The scheme of a card number, from its first six digits; ``UNKNOWN`` if no range matches.

    >>> card_brand("4622943127019793"), card_brand("5180120000000000"), card_brand("3530111333300000")
    (<CardBrand.VISA: 'VISA'>, <CardBrand.MASTERCARD: 'MASTERCARD'>, <CardBrand.JCB: 'JCB'>)
    """
    if type(digits) is not str or len(digits) < 6 or not _DIGITS.fullmatch(digits):
        return CardBrand.UNKNOWN
    prefix = int(digits[:6])
    index = bisect_right(_RANGE_STARTS, prefix) - 1
    if index >= 0:
        _, high, brand = _RANGES[index]
        if prefix <= high:
            return brand
    return CardBrand.UNKNOWN


def mask_pan(digits: str) -> str:
    """The masked form of a card number: a fixed mask and the last four digits.

    >>> mask_pan("4622943127019793")
    '****9793'
    """
    if type(digits) is not str:
        raise InvalidCardNumberError("digits", expected="a string", actual=masked_description(digits))
    return MASK + digits[-4:] if len(digits) > 4 else MASK


def masked_description(value: object) -> str:
    """A description of a value that should have been a card number, revealing no more than its
    last four characters.

    >>> masked_description("XX5180126342040")
    "15 characters ending in '2040'"
    >>> masked_description(4622943127019793)
    'a JSON number ending in 9793, not a string'
    >>> masked_description(None)
    'null'
    """
    if isinstance(value, str):
        if len(value) <= 4:
            return f"{len(value)} character{'s' if len(value) != 1 else ''}"
        return f"{len(value)} characters ending in {value[-4:]!r}"
    if isinstance(value, bool):
        return repr(value).lower()
    if isinstance(value, int):
        return f"a JSON number ending in {abs(value) % 10_000:04d}, not a string"
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", float: "a JSON number"}.get(type(value), type(value).__name__)


class CardNumber:
    """A validated card number that shows itself only masked.

    Build it with :meth:`parse`.  ``repr``, ``str`` and formatting give the masked form; the
    digits themselves come only from :meth:`reveal`, which the request builders call.

    >>> card = CardNumber.parse("4622 9431 2701 9793")
    >>> str(card), f"{card}", card.masked
    ('****9793', '****9793', '****9793')
    >>> CardNumber.parse("4622943127019794")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidCardNumberError: card.number: expected a card number that \
passes the Luhn check, found 16 digits ending in '9794' (the check digit does not match: a digit is \
mistyped or two are swapped)
    """

    __slots__ = ("_digits",)
    _digits: str

    def __init__(self, value: object, *, path: str = "card.number") -> None:
        """Validate a card number: 12 to 19 ASCII digits passing the Luhn check.

        Single spaces and hyphens between digit groups, as people type them, are removed first.
        """
        object.__setattr__(self, "_digits", check_pan(value, path=path))

    @classmethod
    def parse(cls, value: object, *, path: str = "card.number") -> CardNumber:
        """*value* itself if it is a :class:`CardNumber`, else a new one validated from it."""
        return value if isinstance(value, CardNumber) else cls(value, path=path)

    def reveal(self) -> str:
        """The digits, for the one place that must send them: the request payload."""
        return self._digits

    @property
    def brand(self) -> CardBrand:
        """The card scheme, from the issuer prefix."""
        return card_brand(self._digits)

    @property
    def last4(self) -> str:
        """The last four digits: all of the number that may be shown."""
        return self._digits[-4:]

    @property
    def masked(self) -> str:
        """``****`` and the last four digits."""
        return mask_pan(self._digits)

    def __repr__(self) -> str:
        return f"CardNumber({self.masked!r})"

    def __str__(self) -> str:
        return self.masked

    def __format__(self, spec: str) -> str:
        # f"{card:>20}" pads the masked form, as f"{card}" shows it.
        return format(self.masked, spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CardNumber) and other._digits == self._digits

    def __hash__(self) -> int:
        return hash(self._digits)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("CardNumber is immutable")

    def __reduce__(self) -> tuple[object, ...]:
        # Pickling (for worker processes) carries the digits, as any serialisation of the card must.
        return (CardNumber, (self._digits,))


_SEPARATORS: Final = re.compile(r"(?<=[0-9])[ -](?=[0-9])")


def check_pan(value: object, *, path: str = "card.number", strict: bool = False) -> str:
    """The digits of a valid card number, or :class:`InvalidCardNumberError` with a masked description.

    Unless *strict*, single spaces and hyphens between digits are removed first; a wire payload is
    checked strictly, since the API takes digits only.

    >>> check_pan("XX5180126342040")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidCardNumberError: card.number: expected a card number of 12 to \
19 digits, found 15 characters ending in '2040' (not a card number: it holds characters other than \
digits; a masked number such as the guide's cannot be sent)
    """
    if not isinstance(value, str):
        raise InvalidCardNumberError(
            path,
            expected="a card number as a string of digits",
            actual=masked_description(value),
            detail="a card number is a string: as a number it could lose leading zeros",
        )
    if strict and _SEPARATORS.search(value):
        raise InvalidCardNumberError(
            path,
            expected="digits only, without spaces or hyphens",
            actual=masked_description(value),
            detail="the API takes the card number as digits only",
        )
    digits = value if strict else _SEPARATORS.sub("", value)
    if not _DIGITS.fullmatch(digits):
        raise InvalidCardNumberError(
            path,
            expected=f"a card number of {MIN_PAN_DIGITS} to {MAX_PAN_DIGITS} digits",
            actual=masked_description(value),
            detail="not a card number: it holds characters other than digits; "
            "a masked number such as the guide's cannot be sent",
        )
    if not MIN_PAN_DIGITS <= len(digits) <= MAX_PAN_DIGITS:
        raise InvalidCardNumberError(
            path,
            expected=f"a card number of {MIN_PAN_DIGITS} to {MAX_PAN_DIGITS} digits",
            actual=f"{len(digits)} digits",
            detail="too short or too long for a card number",
        )
    if not luhn_valid(digits):
        raise InvalidCardNumberError(
            path,
            expected="a card number that passes the Luhn check",
            actual=f"{len(digits)} digits ending in {digits[-4:]!r}",
            detail="the check digit does not match: a digit is mistyped or two are swapped",
        )
    return digits
