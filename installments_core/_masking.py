"""The one card-number rule and the masking every output surface goes through.

A card number (PAN) is 13 to 19 digits passing the Luhn check, in whatever spelling
(:func:`card_number_spans`); every text the library shows passes :func:`mask_digit_runs`, every
amount :func:`shown_amount`, and every result type's ``repr`` :func:`masked_repr`.  The errors
(:mod:`._errors`) describe values through the same masks.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Callable
from itertools import accumulate, compress, count, repeat
from operator import mod
from typing import Final, TypeVar

__all__ = [
    "MASK",
    "SHORTEST_CARD",
    "card_number_last_four",
    "card_number_spans",
    "card_numbers_in",
    "mask_digit_runs",
    "masked_numbers_repr",
    "masked_repr",
    "shown_amount",
]

MASK: Final = "****"
"""What stands for every digit but the last four.  Fixed width: the mask does not reveal the length."""

# A card number (PAN) is 13 to 19 digits passing the Luhn check, however it is spelled: people and
# systems write it in groups (4-4-4-4, Amex's 4-6-5, or any other) with spaces, no-break and other
# Unicode spaces (category Zs), tabs, hyphens and dashes (Pd), dots or slashes between them, one to
# three of those at a time, in any script's decimal digits (Nd, even mixed), and invisible format
# characters (Cf: zero-width space, LRM/RLM, bidi controls, word joiner, BOM, soft hyphen) anywhere
# between the digits.  The classes are Unicode's, written out: re has no category escapes, and
# tests/test_card_spellings.py checks them against unicodedata.
SHORTEST_CARD: Final = 13
"""The fewest digits of a card number this library masks; no amount it shows has as many."""
_LONGEST_CARD: Final = 19
_MOST_VISIBLE_SEPARATORS: Final = 3
_VISIBLE_SEPARATORS: Final = (
    r"\t ./\-\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # tab, dot, slash and every Zs space
    r"\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0"
    r"\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"  # every Pd dash
    r"\u2212\uff0e\uff0f"  # minus sign, fullwidth full stop and solidus
)
_FORMAT_CHARACTERS: Final = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_BETWEEN_DIGITS: Final = (
    f"[{_FORMAT_CHARACTERS}]*+(?:[{_VISIBLE_SEPARATORS}][{_FORMAT_CHARACTERS}]*+){{0,{_MOST_VISIBLE_SEPARATORS}}}+"
)
# Digits joined by what may stand between a card number's digits: the stretches a card number can
# lie in.  Possessive quantifiers over disjoint classes: no backtracking, linear in the text.
_STRETCH: Final = re.compile(rf"\d(?:{_BETWEEN_DIGITS}\d)*+")
# Where most texts end, found fast: could a stretch of 13 digits be here at all?  ASCII text (the
# validation hot path's) has no format characters and one Unicode space, the plain one, and a
# stretch of 13 digits is 13 characters of digits and separators in a row: one class, scanned in C.
_ASCII_CANDIDATE: Final = re.compile(r"[0-9][0-9\t ./\-]{12}")
_CANDIDATE: Final = re.compile(rf"\d(?:{_BETWEEN_DIGITS}\d){{{SHORTEST_CARD - 1}}}")
# Doubling a digit and casting out nines: the Luhn sum's only non-trivial step.
_DOUBLED: Final = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def card_number_spans(text: str, *, card_field: bool = False) -> list[tuple[int, int]]:
    """Where *text* holds a card number, in any spelling: ``(start, end)`` of each, from its first
    digit to its last, left to right.

    A card number is 13 to 19 digits passing the Luhn check that start and end a digit group (a
    number glued to other digits is a different number).  In a *card_field* (a field meant for a
    card number, or a finding about one) every stretch of 13 or more digits counts, whatever its
    check digit.  Backslash escapes (``\\u00a0``, ``\\x20``, ``\\t``: what ``repr`` and JSON write)
    are read as the characters they stand for.

    >>> text = "card 4622.9431.2701.9793, ref 462294312701979"
    >>> [text[start:end] for start, end in card_number_spans(text)]
    ['4622.9431.2701.9793']
    >>> card_number_spans("ref 462294312701979", card_field=True)
    [(4, 19)]
    >>> text = repr("4622\u00a09431\u00a02701\u00a09793")
    >>> for start, end in card_number_spans(text): print(text[start:end])
    4622\\xa09431\\xa02701\\xa09793
    """
    return [(start, end) for start, end, _ in card_numbers_in(text, card_field=card_field)]


def card_numbers_in(text: str, *, card_field: bool = False) -> list[tuple[int, int, str]]:
    """:func:`card_number_spans`, each with the card number's last four digits as written.

    >>> card_numbers_in("card 4622.9431.2701.9793")
    [(5, 24, '9793')]
    """
    return _spans(text, card_field) if len(text) >= SHORTEST_CARD else []


def card_number_last_four(text: str) -> str | None:
    """The last four digits of the first card number *text* holds in any spelling, or ``None``.

    >>> card_number_last_four("plan 4622\u00a09431\u00a02701\u00a09793"), card_number_last_four("plan 12")
    ('9793', None)
    """
    spans = _spans(text, False) if len(text) >= SHORTEST_CARD else []
    return spans[0][2] if spans else None


def _spans(text: str, card_field: bool) -> list[tuple[int, int, str]]:
    """:func:`card_number_spans`, each with the last four digits of its card number."""
    return _escaped_spans(text, card_field) if "\\" in text else _unescaped_spans(text, card_field)


def _unescaped_spans(text: str, card_field: bool) -> list[tuple[int, int, str]]:
    if (_ASCII_CANDIDATE if text.isascii() else _CANDIDATE).search(text) is None:
        return []
    spans: list[tuple[int, int, str]] = []
    for stretch in _STRETCH.finditer(text):
        written = stretch.group()
        flags, digits = _read_digits(written)
        if len(digits) < SHORTEST_CARD:
            continue
        positions = list(compress(count(), flags))
        offset = stretch.start()
        windows = [(0, len(digits) - 1)] if card_field else _luhn_windows(flags, digits)
        spans.extend((offset + positions[first], offset + positions[last] + 1,
                      "".join(written[position] for position in positions[last - 3: last + 1]))
                     for first, last in windows)
    return spans


# JSON writes a character beyond the BMP as two escaped surrogates: read as the one character.
_ESCAPE: Final = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|t)"
)


def _escaped_spans(text: str, card_field: bool) -> list[tuple[int, int, str]]:
    """The spans of *text* read with its escapes replaced by the characters they stand for."""
    characters: list[str] = []
    starts: list[int] = []  # where each character read begins in *text*, and where *text* ends
    done = 0
    for escape in _ESCAPE.finditer(text):
        characters += text[done:escape.start()]
        starts += range(done, escape.start())
        code = escape.group()[1:]
        if code == "t":
            characters.append("\t")
        elif len(code) == 11:
            characters.append(chr(0x10000 + (int(code[1:5], 16) - 0xD800) * 0x400 + int(code[7:], 16) - 0xDC00))
        else:
            characters.append(chr(min(int(code[1:], 16), 0x10FFFF)))
        starts.append(escape.start())
        done = escape.end()
    characters += text[done:]
    starts += range(done, len(text) + 1)
    return [(starts[start], starts[end], last4)
            for start, end, last4 in _unescaped_spans("".join(characters), card_field)]


def _read_digits(stretch: str) -> tuple[bytes, bytes]:
    """A byte per character of *stretch*, 1 for a decimal digit and 0 for a separator, and a byte
    per digit, its value: translated in C, a whole stretch at a time, whatever its script."""
    characters = set(stretch)
    flags = stretch.translate({ord(c): "1" if c.isdecimal() else "0" for c in characters})
    values = stretch.translate({ord(c): str(int(c)) if c.isdecimal() else None for c in characters})
    return flags.encode().translate(_FLAG_1), values.encode().translate(_ASCII_VALUE)


def _luhn_windows(flags: bytes, digits: bytes) -> list[tuple[int, int]]:
    """The card numbers of one stretch (*flags*: 1 for each of its digits, 0 for each separator;
    *digits*: the digits' values), as (first, last) indexes of its digits: every
    window of whole groups (any group start to any later group end) of 13 to 19 digits that passes
    the Luhn check, overlapping windows joined into one.  Taking only the first window found from
    each start would leave a card number visible after a shorter one that passes by chance
    (in ``1 2 3 4622 9431 2701 9793``, ``1 2 3 4622 9431 2701`` passes Luhn).
    A group of more than 19 digits is masked whole: it is no card number itself, but one could
    hide anywhere in it.

    Hostile texts hold stretches of a million one-digit groups (``0.0.0.…``), where each start has
    7 windows and every one passes: the windows are tested a whole stretch at a time, one byte per
    digit, in big-integer operations, and consecutive starts that pass are joined as one run
    without visiting each."""
    # Group starts and ends: digits next to a separator (or the stretch's ends).  Written as
    # 2 per digit plus 1 where it starts (ends) a group, 0 per separator, then the separators dropped.
    digit = _little(flags)
    size_in_characters = len(flags)
    is_start = bytearray(((digit << 1) + (digit & ~(digit << 8))).to_bytes(size_in_characters, "little")
                         .translate(_GROUP_EDGE, b"\x00"))
    is_end = bytearray(((digit << 1) + (digit & ~(digit >> 8))).to_bytes(size_in_characters, "little")
                       .translate(_GROUP_EDGE, b"\x00"))
    windows = []
    for group in _LONG_GROUP.finditer(bytes(is_start)):
        windows.append((group.start(), group.end() - 1))
        is_start[group.start()] = 0  # tried as one window, not window by window
    short_start = _little(is_start)
    if not short_start:
        return windows  # groups of 20 digits or more only: nothing to join
    # Luhn sums of every window in O(1): prefix sums mod 10 of each digit doubled or not, by its
    # index's parity; which parity is doubled depends on where the window ends (the last digit
    # never is).  Byte i of sums[parity] is the sum of digits 0..i-1, those of that parity undoubled.
    count = len(digits)
    doubled = digits.translate(_DOUBLING)
    sums = []
    for parity in (0, 1):
        contributions = bytearray(doubled)
        contributions[parity::2] = digits[parity::2]
        sums.append(_little(bytes(map(mod, accumulate(contributions, initial=0), repeat(10)))))
    ends = _little(is_end)
    ones = _little(b"\x01" * count)
    sevens = 0x7F * ones
    by_parity = (_little(b"\x01\x00" * (count // 2 + 1)), _little(b"\x00\x01" * (count // 2 + 1)))
    # Byte i of passing has bit (width - 12) set when the window of digits i..i+width passes: its
    # two sums are equal (their XOR, at most 15, is a zero byte: adding 0x7F leaves bit 7 clear, and
    # carries into no other byte), it ends a group, and it starts one.
    passing = 0
    for width in range(SHORTEST_CARD - 1, min(_LONGEST_CARD, count)):
        ends_here = (ends >> 8 * width) & short_start
        for parity in (0, 1):
            # Windows whose last digit, first + width, has this parity.
            difference = (sums[parity] >> 8 * (width + 1)) ^ sums[parity]
            equal = ~((difference + sevens) >> 7) & ones
            passing |= (equal & ends_here & by_parity[(parity - width) % 2]) << (width - 12)
    flags = passing.to_bytes(count, "little")
    # Within a run of consecutive starts that pass, each window reaches past the next start: the
    # run is one window, to the furthest last digit, which one of its last 7 starts reaches.
    for run in _PASSING.finditer(flags):
        first, stop = run.span()
        windows.append((first, max(start + _WIDEST[flags[start]] for start in range(max(first, stop - 7), stop))))
    windows.sort()
    joined: list[tuple[int, int]] = []
    for first, last in windows:
        if joined and first <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


_FLAG_1: Final = bytes.maketrans(b"10", b"\x01\x00")
_ASCII_VALUE: Final = bytes(range(48)) + bytes(range(10)) + bytes(range(58, 256))
_GROUP_EDGE: Final = bytes.maketrans(b"\x02\x03", b"\x00\x01")
_LONG_GROUP: Final = re.compile(rb"\x01\x00{%d,}" % (_LONGEST_CARD,))
"""A group start followed by 19 digits or more: a group of 20 digits or more."""
_DOUBLING: Final = bytes(_DOUBLED) + bytes(246)
_PASSING: Final = re.compile(rb"[^\x00]+")
_WIDEST: Final = tuple(SHORTEST_CARD - 1 + flag.bit_length() - 1 for flag in range(256))
"""The widest passing window of a start, by its flags (meaningful for the 127 nonzero flags)."""


def _little(flags: bytes | bytearray) -> int:
    return int.from_bytes(flags, "little")


def mask_digit_runs(text: str, *, card_field: bool = False) -> str:
    """*text* with every card number (:func:`card_number_spans`), in whatever spelling, masked
    to its last four digits.

    >>> mask_digit_runs("ref 4622943127019793, amount 500")
    'ref ****9793, amount 500'
    >>> mask_digit_runs("4622 9431 2701 9793; 4622-9431-2701-9793; ４６２２９４３１２７０１９７９３")
    '****9793; ****9793; ****９７９３'

Every window of 13 to 19 digits that passes is masked, and windows that overlap are masked as
one: a shorter number that passes by chance cannot leave the card number after it visible.

    >>> mask_digit_runs("1 2 3 4622 9431 2701 9793")
    '****9793'
    >>> mask_digit_runs("4622\u00a09431 \u200b2701 - 9793, 4622/9431/2701/9793")
    '****9793, ****9793'

    Dates, amounts and identifiers that are not card numbers stay readable:

    >>> mask_digit_runs("on 2024-03-13, 1234567890.12 USD, NTID 462294312701979")
    'on 2024-03-13, 1234567890.12 USD, NTID 462294312701979'
    """
    if len(text) < SHORTEST_CARD or (text.isascii() and "\\" not in text and _ASCII_CANDIDATE.search(text) is None):
        return text
    spans = _spans(text, card_field)
    while spans:
        # The last four digits kept may begin a card number with the digits after them: mask
        # until nothing is left to mask (each round removes at least nine digits).
        pieces = []
        done = 0
        for start, end, last4 in spans:
            pieces += [text[done:start], MASK, last4]
            done = end
        pieces.append(text[done:])
        text = "".join(pieces)
        spans = _spans(text, card_field)
    return text


# No currency has more minor digits (ISO 4217's CLF and UYW have four): a fraction this short is
# a price's cents, not part of a card number, and stays visible.
_SHOWN_FRACTION: Final = 4


def shown_amount(amount: decimal.Decimal, written: str | None = None) -> str:
    """An amount as every output shows it: *written* (by default in plain decimal notation, as
    ``format(amount, "f")``, in whatever grouping, symbol and digits a locale writes it), masked
    when *amount* has 13 digits or more, whatever its check digit: no plausible amount is that
    long, and a card number typed into an amount field (Amex's 15 digits fit) would otherwise come
    back in every amount derived from it.  The last four digits of the whole part stay visible,
    and the fraction (up to four digits: a price's cents), so that a masked amount does not read
    as a small price; a longer fraction is masked too.

    >>> shown_amount(decimal.Decimal("1E+2")), shown_amount(decimal.Decimal("132398786208501.75"))
    ('100', '****8501.75')
    >>> shown_amount(decimal.Decimal("132398786208501.75"), "$132,398,786,208,501.75")
    '$****8501.75'
    >>> shown_amount(decimal.Decimal("0.4622943127019793"))
    '****9793'
    """
    text = format(amount, "f") if written is None else written
    # The display's hot path: str() is the cheapest exact digit count where it writes no exponent.
    short = str(amount)
    if "E" not in short and len(short) - ("." in short) - (short[0] == "-") < SHORTEST_CARD:
        return text
    exponent = amount.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity: no digits to hide
        return text
    whole = max(amount.adjusted() + 1, 1)
    if whole + max(-exponent, 0) < SHORTEST_CARD:  # the digits format(amount, "f") writes
        return text
    digits = [index for index, character in enumerate(text) if character.isdecimal()]
    # Every digit of the whole part is written (a formatter may write more decimals than given).
    last = whole if len(digits) - whole <= _SHOWN_FRACTION else len(digits)
    kept = "".join(text[index] for index in digits[last - 4: last])
    return text[: digits[0]] + MASK + kept + text[digits[last - 1] + 1:]


_Class = TypeVar("_Class", bound=type)


def masked_repr(cls: _Class) -> _Class:
    """*cls* with its ``repr`` (and so its ``str``, unless it has its own) showing every card
    number masked, in whatever field and spelling it sits: a type's ``repr`` is what logs,
    tracebacks and debuggers print."""
    return _masking_repr(cls, card_field=False)


def masked_numbers_repr(cls: _Class) -> _Class:
    """:func:`masked_repr` for a type whose every field is a number (amounts, rates, counts): any
    run of 13 digits or more is masked whatever its check digit, since none is plausible and one
    derived from a card number (a total with a fee added) would reveal it."""
    return _masking_repr(cls, card_field=True)


def _masking_repr(cls: _Class, *, card_field: bool) -> _Class:
    shown: Callable[[object], str] = cls.__repr__  # type: ignore[assignment]

    def __repr__(self: object) -> str:
        return mask_digit_runs(shown(self), card_field=card_field)

    cls.__repr__ = __repr__  # type: ignore[assignment,method-assign]
    return cls
