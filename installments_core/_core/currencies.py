"""ISO 4217 minor units, owned by this project.

Payment amounts follow ISO 4217's *minor unit* column, not CLDR's display digits: CLDR (and so
``babel.numbers.get_currency_precision``) says 0 for IQD, LBP or IDR because nobody displays
their fractions, while an issuer's wire amounts for those currencies carry ISO's 3 or 2 digits,
and which currencies CLDR shows without fractions moves between CLDR releases.  A CLDR update
must never move money, so the table is the project's own.

The table is ISO 4217 List One as published on 2026-01-01; ``tests/test_currencies.py`` checks
it against ISO's list as the ``iso4217`` package ships it, code for code and digit for digit.
Withdrawn codes (HRK, BGN, ANG, CUC, SLL, ZWL, VEF, MRO, STD, …) are unknown here: a plan quoted
in a withdrawn currency is an error, not a guess.  Precious metals, SDRs, testing and "no
currency" codes (XAU, XDR, XTS, XXX, …) have no minor unit ("N.A." in the standard) and cannot
carry an installment amount.  The Arab Monetary Fund's accounting dinar XAD has 2 minor digits in
ISO's list, so it has 2 here, although babel 2.19's CLDR does not know the code yet.
"""

from __future__ import annotations

from typing import Final

from .._errors import UnknownCurrencyError, describe

__all__ = ["ACTIVE_CURRENCIES", "NO_MINOR_UNIT", "minor_units"]

_BY_MINOR_UNIT: Final[dict[int, str]] = {
    0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
    2: (
        "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD "
        "CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
        "GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK "
        "LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO "
        "NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS "
        "SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST "
        "XAD XCD XCG YER ZAR ZMW ZWG"
    ),
    3: "BHD IQD JOD KWD LYD OMR TND",
    4: "CLF UYW",
}

ACTIVE_CURRENCIES: Final[dict[str, int]] = {
    code: digits for digits, codes in _BY_MINOR_UNIT.items() for code in codes.split()
}
"""Every active ISO 4217 code that has a minor unit, mapped to its number of minor digits."""

NO_MINOR_UNIT: Final[frozenset[str]] = frozenset(
    {"XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"}
)
"""Active ISO 4217 codes whose minor unit is "N.A.": funds, metals, testing, no currency."""


def minor_units(currency: object, *, path: str = "currency") -> int:
    """The number of minor-unit digits of an ISO 4217 *currency* code.

    >>> minor_units("USD"), minor_units("JPY"), minor_units("KWD")
    (2, 0, 3)
    >>> minor_units("usd")
    Traceback (most recent call last):
    ...
    installments_core.errors.UnknownCurrencyError: currency: expected an active ISO 4217 code \
in upper case, such as 'USD', found 'usd'
    """
    digits = ACTIVE_CURRENCIES.get(currency) if isinstance(currency, str) else None
    if digits is not None:
        return digits
    if isinstance(currency, str) and currency in NO_MINOR_UNIT:
        raise UnknownCurrencyError(
            path,
            expected="a currency with a minor unit",
            actual=describe(currency),
            detail="ISO 4217 gives this code no minor unit: it cannot carry a payment amount",
        )
    raise UnknownCurrencyError(
        path, expected="an active ISO 4217 code in upper case, such as 'USD'", actual=describe(currency)
    )
