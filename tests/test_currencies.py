"""The project's ISO 4217 table, checked against ISO's published list and explained against babel's CLDR.

Two sources, two kinds of check:

* **ISO 4217 is the table's source.**  The table must equal ISO's published list (the ``iso4217``
  package ships ISO's XML, a test dependency): same codes, same minor units, the same "N.A.".  Any
  difference is a bug in the table, whichever side moved.
* **CLDR is a moving reference, not a source of money facts.**  Its display digits and its legal
  tender data change between releases (between babel 2.14 and 2.19 alone, several of both).  So nothing
  here freezes a list of differences: each difference the installed babel shows is derived and must
  fall under one of the explanations below, and the display is checked to do the right thing for it.
"""

from __future__ import annotations

from decimal import Decimal
from xml.etree.ElementTree import Element

import iso4217
import pytest
from babel import Locale
from babel.core import get_global
from babel.numbers import format_currency, get_currency_precision

from installments_core._core.currencies import NO_MINOR_UNIT
from installments_core.amounts import ACTIVE_CURRENCIES, minor_units
from installments_core.display import format_amount
from installments_core.errors import UnknownCurrencyError


def _iso_entries() -> list[Element]:
    return [entry for entry in iso4217.raw_xml.iter("CcyNtry") if entry.findtext("Ccy")]


def _iso_minor_units() -> dict[str, int | None]:
    """ISO's list as published: each code with its minor unit, ``None`` for "N.A."."""
    units: dict[str, int | None] = {}
    for entry in _iso_entries():
        text = (entry.findtext("CcyMnrUnts") or "").strip()
        units[(entry.findtext("Ccy") or "").strip()] = int(text) if text.isdigit() else None
    return units


def _iso_funds() -> set[str]:
    """Codes ISO marks as funds (``IsFund="true"``): units of account beside a currency, no one's cash."""
    return {
        (entry.findtext("Ccy") or "").strip()
        for entry in _iso_entries()
        if (name := entry.find("CcyNm")) is not None and name.get("IsFund", "").lower() == "true"
    }


def _cldr_currency_history() -> dict[str, list[tuple[str, object, object, bool]]]:
    """For each code, every (territory, start, end, tender) record of the installed CLDR."""
    history: dict[str, list[tuple[str, object, object, bool]]] = {}
    for territory, records in get_global("territory_currencies").items():
        for code, start, end, tender in records:
            history.setdefault(code, []).append((territory, start, end, tender))
    return history


def _cldr_current_tender() -> set[str]:
    return {
        code
        for code, records in _cldr_currency_history().items()
        if any(end is None and tender for _territory, _start, end, tender in records)
    }


def test_the_table_is_iso_4217_as_published() -> None:
    published = _iso_minor_units()
    with_minor_unit = {code: digits for code, digits in published.items() if digits is not None}
    without = {code for code, digits in published.items() if digits is None}
    assert with_minor_unit == ACTIVE_CURRENCIES, f"the table differs from ISO's list of {iso4217.__published__}"
    assert without == NO_MINOR_UNIT, f"the N.A. codes differ from ISO's list of {iso4217.__published__}"


def test_the_arab_accounting_dinar_follows_iso() -> None:
    """ISO 4217 gives XAD (Arab Monetary Fund) a minor unit of 2; CLDR does not know the code yet."""
    assert minor_units("XAD") == 2


def test_every_cldr_digit_difference_is_cldr_showing_fewer_digits() -> None:
    """CLDR's digits are *display* digits: where they differ from ISO's minor unit, CLDR shows fewer.

    Which currencies differ moves with CLDR (babel 2.19's CLDR dropped COP, HUF and IDR to 0 and
    RSD back to 2); that CLDR never shows *more* digits than an amount carries is what the display
    relies on.
    """
    differences = {
        code: (digits, get_currency_precision(code))
        for code, digits in ACTIVE_CURRENCIES.items()
        if get_currency_precision(code) != digits
    }
    assert {code: pair for code, pair in differences.items() if pair[1] > pair[0]} == {}


@pytest.mark.parametrize("code", sorted(ACTIVE_CURRENCIES))
def test_the_display_shows_cldr_digits_only_when_they_are_exact(code: str) -> None:
    """Each currency, whatever the installed CLDR says: whole amounts as CLDR shows them, fractions with ISO digits."""
    iso_digits = ACTIVE_CURRENCIES[code]
    whole = Decimal(1234).quantize(Decimal(1).scaleb(-iso_digits))
    assert format_amount(whole, code, "en_US") == format_currency(whole, code, locale="en_US")
    if iso_digits:
        smallest = Decimal(1).scaleb(-iso_digits)
        fraction = whole + smallest
        assert str(fraction) in format_amount(fraction, code, "en_US").replace(",", "")


def test_every_tender_difference_is_explained_by_its_source() -> None:
    """Differences between CLDR's current legal tender and the table, each explained by a fact of its source.

    * tender in CLDR but not in the table: ISO has withdrawn the code (it is not in ISO's list) and
      the installed CLDR has not caught up (BGN up to babel 2.18: Bulgaria adopted the euro on 2026-01-01);
    * in the table but no one's tender in CLDR, one of:
      - an ISO fund code (``IsFund`` in ISO's list: BOV, CHE, CHW, CLF, COU, MXV, USN, UYI);
      - a code CLDR records for a territory, but as not tender or no longer used (UYW, VED, SVC);
      - a code the installed CLDR does not know at all, not even its name (newer than that CLDR release,
        or a unit of account such as XAD).
    A code CLDR names but places in no territory, and that ISO does not call a fund, has no explanation.
    """
    tender = _cldr_current_tender()
    iso = _iso_minor_units()
    history = _cldr_currency_history()
    funds = _iso_funds()
    named = Locale("en").currencies
    for code in sorted(tender - set(ACTIVE_CURRENCIES)):
        assert code not in iso, f"{code}: tender in CLDR and listed by ISO, but missing from the table"
    explanations = {
        code: "ISO fund" if code in funds
        else "CLDR: not tender or no longer used" if code in history
        else "unknown to this CLDR" if code not in named
        else None
        for code in set(ACTIVE_CURRENCIES) - tender
    }
    assert [code for code, why in sorted(explanations.items()) if why is None] == []


def test_every_code_is_named_by_cldr_or_shown_by_its_code() -> None:
    """A code the installed CLDR cannot name (XAD, in babel 2.19's CLDR) is shown by its ISO code, never refused."""
    names = Locale("en").currencies
    for code in ACTIVE_CURRENCIES:
        if code not in names:
            assert code in format_amount(Decimal(100).quantize(Decimal(1).scaleb(-ACTIVE_CURRENCIES[code])),
                                         code, "en_US")


@pytest.mark.parametrize(
    ("code", "digits"),
    [
        ("USD", 2), ("EUR", 2), ("QAR", 2), ("JPY", 0), ("KRW", 0), ("CLP", 0), ("ISK", 0),
        ("KWD", 3), ("BHD", 3), ("JOD", 3), ("OMR", 3), ("TND", 3), ("IQD", 3), ("LYD", 3),
        ("CLF", 4), ("UYW", 4),
    ],
)
def test_published_minor_units(code: str, digits: int) -> None:
    assert minor_units(code) == digits


@pytest.mark.parametrize("code", ["usd", "US", "USDD", "", "HRK", "BGN", "VEF", None, 840, b"USD"])
def test_unknown_codes_are_refused(code: object) -> None:
    with pytest.raises(UnknownCurrencyError) as raised:
        minor_units(code)
    assert raised.value.path == "currency"
    assert "ISO 4217" in raised.value.expected


@pytest.mark.parametrize("code", sorted(NO_MINOR_UNIT))
def test_codes_without_a_minor_unit_are_refused_with_the_reason(code: str) -> None:
    with pytest.raises(UnknownCurrencyError, match="no minor unit"):
        minor_units(code)


def test_no_code_is_both_with_and_without_a_minor_unit() -> None:
    assert not NO_MINOR_UNIT & set(ACTIVE_CURRENCIES)
