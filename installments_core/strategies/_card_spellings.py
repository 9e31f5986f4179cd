"""Card numbers, and the many ways people and systems write them, with the check that none is shown."""

from __future__ import annotations

import sys
import unicodedata
from functools import cache
from typing import NamedTuple

from hypothesis import strategies as st

from .._core.arguments import require
from .._core.card import CardNumber, luhn_check_digit, luhn_valid
from .._masking import MASK, card_numbers_in, mask_digit_runs


def card_numbers() -> st.SearchStrategy[CardNumber]:
    """Visa card numbers (16 digits, Luhn-valid): what Visa Installments and JPO accept."""

    def with_check_digit(body: str) -> CardNumber:
        return CardNumber(next(body + digit for digit in "0123456789" if luhn_valid(body + digit)))

    return st.text(alphabet="0123456789", min_size=14, max_size=14).map(lambda digits: with_check_digit("4" + digits))


class CardNumberSpelling(NamedTuple):
    """A card number as someone wrote it (:attr:`text`) and its digits (:attr:`digits`, ASCII)."""

    text: str
    digits: str


@cache
def _characters(categories: frozenset[str]) -> tuple[str, ...]:
    return tuple(chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) in categories)


def _separators() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Every script's digit zero, every visible separator, every invisible format character: taken
    from the Unicode database, not from the library's mask, so that the two check each other."""
    zeros = tuple(character for character in _characters(frozenset({"Nd"})) if unicodedata.decimal(character) == 0)
    visible = ("\t", ".", "/", "\u2212", "\uff0e", "\uff0f", *_characters(frozenset({"Zs", "Pd"})))
    return zeros, visible, _characters(frozenset({"Cf"}))


def _at_most_three_visible(characters: list[str]) -> str:
    visible = 0
    kept = []
    for character in characters:
        visible += unicodedata.category(character) != "Cf"
        if visible <= 3 or unicodedata.category(character) == "Cf":
            kept.append(character)
    return "".join(kept)


@st.composite
def card_number_spellings(draw: st.DrawFn) -> CardNumberSpelling:
    """Luhn-valid card numbers of 13 to 19 digits as people and systems write them: in groups or
    not, separated by one to three spaces (any Unicode space), tabs, hyphens or dashes, dots or
    slashes, in mixes; with invisible format characters (zero-width space and joiners, LRM/RLM,
    bidi controls, word joiner, BOM, soft hyphen...) anywhere between the digits; in any script's
    decimal digits, one script or several.

    Pair it with :func:`assert_no_card_number` to prove that no output of yours shows one.
    """
    zeros, visible, invisible = _separators()
    length = draw(st.integers(13, 19))
    body = draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    digits = body + luhn_check_digit(body)
    scripts = draw(st.lists(st.sampled_from(zeros), min_size=1, max_size=length).map(tuple)
                   | st.sampled_from(("0", *zeros)).map(lambda zero: (zero,)))
    written = [chr(ord(scripts[index % len(scripts)]) + int(digit)) for index, digit in enumerate(digits)]
    gap = st.lists(st.sampled_from(visible) | st.sampled_from(invisible), max_size=5).map(_at_most_three_visible)
    between = draw(st.lists(gap, min_size=length - 1, max_size=length - 1))
    text = written[0] + "".join(separator + digit for separator, digit in zip(between, written[1:], strict=True))
    return CardNumberSpelling(text, digits)


def assert_no_card_number(text: str) -> None:
    """Raise ``AssertionError`` if *text* holds a card number in any spelling (those of
    :func:`card_number_spellings`, and the backslash escapes ``repr`` and JSON write), naming
    where it is and showing it masked, never raw.

    >>> assert_no_card_number("order 12345, on 2024-03-13, card ****9793, NTID 178896882917673")
    >>> assert_no_card_number("card 4622\u00a09431\u200b2701-9793")
    Traceback (most recent call last):
    ...
    AssertionError: a card number (****9793) at characters 5 to 24: 'card ****9793'
    """
    found = card_numbers_in(require(text, str, path="text", expected="a str"))
    if found:
        start, end, last_four = found[0]
        more = f" and {len(found) - 1} more" if len(found) > 1 else ""
        excerpt = mask_digit_runs(text[max(start - 40, 0): end + 40])
        raise AssertionError(f"a card number ({MASK}{last_four}) at characters {start} to {end}{more}: {excerpt!r}")
