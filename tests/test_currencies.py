"""The project's ISO 4217 table, and how it differs from babel's CLDR data."""

from __future__ import annotations

import pytest
from babel import Locale
from babel.core import get_global
from babel.numbers import get_currency_precision

from installments_core import ACTIVE_CURRENCIES, UnknownCurrencyError, minor_units
from installments_core._core.currencies import NO_MINOR_UNIT

# CLDR's digits are *display* digits; ISO 4217's minor unit is what amounts carry on the wire.
# Each of these currencies has a minor unit in ISO 4217 that nobody displays, so CLDR says 0.
KNOWN_DIGIT_DIFFERENCES = {
    "AFN": (2, 0),
    "ALL": (2, 0),
    "IQD": (3, 0),
    "IRR": (2, 0),
    "KPW": (2, 0),
    "LAK": (2, 0),
    "LBP": (2, 0),
    "MGA": (2, 0),
    "MMK": (2, 0),
    "RSD": (2, 0),
    "SOS": (2, 0),
    "SYP": (2, 0),
    "YER": (2, 0),
}

# Legal tender in babel's CLDR data but withdrawn from ISO 4217: Bulgaria adopted the euro on
# 2026-01-01.
WITHDRAWN_BUT_TENDER_IN_CLDR = {"BGN"}

# Active in ISO 4217 but not legal tender anywhere in CLDR: funds codes (BOV, CHE, CHW, CLF, COU,
# MXV, USN, UYI, UYW), El Salvador's colón (the US dollar circulates) and Venezuela's digital
# bolívar.
ISO_ONLY = {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "SVC", "USN", "UYI", "UYW", "VED"}


def test_minor_units_agree_with_cldr_except_the_known_differences() -> None:
    differences = {
        code: (digits, get_currency_precision(code))
        for code, digits in ACTIVE_CURRENCIES.items()
        if get_currency_precision(code) != digits
    }
    assert differences == KNOWN_DIGIT_DIFFERENCES


def test_every_code_is_known_to_cldr() -> None:
    names = Locale("en").currencies
    assert [code for code in ACTIVE_CURRENCIES if code not in names] == []


def test_table_covers_exactly_the_currencies_cldr_calls_current_tender() -> None:
    current_tender = {
        code
        for history in get_global("territory_currencies").values()
        for code, _start, end, tender in history
        if end is None and tender
    }
    assert current_tender - set(ACTIVE_CURRENCIES) == WITHDRAWN_BUT_TENDER_IN_CLDR
    assert set(ACTIVE_CURRENCIES) - current_tender == ISO_ONLY


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
