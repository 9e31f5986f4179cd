"""Currency, percent and count formatting from CLDR through babel, built once and cached.

``babel.numbers.format_currency`` parses the locale, looks up the pattern, symbols and currency
digits, and walks a generic pattern interpreter on every call: 10–20 µs per amount.  A checkout
page formats a dozen amounts per plan.  :func:`currency_formatter` does that work once per
(locale, currency, numbering system, format type, digits) and returns a :class:`NumberFormatter`
whose :meth:`~NumberFormatter.format` only groups digits and swaps in the locale's symbols: about
a twentieth of babel's time, and character for character what babel produces
(``tests/test_numbers.py`` checks this over every locale babel knows).  That includes babel's
omissions: it does not ship CLDR's ``currencySpacing``, so neither is ``QAR3,000.00`` spaced here.

Four deliberate differences from calling babel directly:

* **Group separators are kept.**  In babel 2.19's CLDR the Swiss locales (``de_CH``,
  ``fr_CH``, ``it_CH``, ``en_CH``, ``gsw``, …) group with an ASCII apostrophe, and babel's final
  unquoting pass, meant for the pattern's literal text, runs over the digits and eats pairs of
  separators (``CHF 1234567.50``, even ``1234567'890.00``).  Here only the literals are unquoted:
  ``CHF 1'234'567.50``.  With babel 2.18 and older those locales group with ``’``
  and both agree.

* **No rounding.**  babel rounds with the *thread's* decimal context (whatever precision and
  rounding mode the caller's code last set).  Here an amount that does not fit the display digits
  raises :class:`~installments_core.errors.InvalidAmountError` instead: amounts are quantized to their
  currency by the calculation core before they are shown, so a rounding at display time would be
  a bug to report, not to hide.
* **ISO digits win over CLDR digits when they matter.**  CLDR (and babel) show some currencies
  (IQD, LBP and a few more; which ones moves with the CLDR release) with 0 decimals, while ISO 4217
  (and the issuer's amounts) have 2 or 3.
  :func:`format_amount` shows an amount with CLDR's digits when that is exact (IQD 1,000, as
  people expect) and with the currency's ISO digits otherwise (IQD 83.334, not a rounded 83).
  Each branch is exactly one babel call: ``format_currency(amount, currency, locale=...)`` or the
  same with the pattern's fraction forced to the ISO digits and ``currency_digits=False``.
* **Only patterns it formats exactly.**  A caller's *pattern* that is scientific (``0.00E0``),
  counts significant digits (``@@@``), names the currency in words (``¤¤¤``, whose plural form
  babel computes with the thread's decimal context), scales (``%``, ``‰``) or has no digits at all
  (``""``, ``"abc"``) is refused with :class:`~installments_core.errors.InvalidDisplayOptionError`:
  babel would round it, scale it or read the ambient context, and an amount must be shown as it is.

Native digits (Arabic-Indic ``١٢٣``, Devanagari ``१२३``, …) are an option babel lacks: its
``numbering_system`` changes the separators only.  With ``native_digits=True`` the locale's
default numbering system supplies the separators (as babel's ``numbering_system="default"``) and
its digits replace the ASCII ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.numbers import get_currency_precision

from .._core.currencies import minor_units
from .._errors import InvalidAmountError
from .caches import cached, remember
from .locales import parse_locale
from .number_patterns import (
    FormatType,
    NumberFormatter,
    build_formatter,
    check_digits,
    check_options,
    exact_pattern,
)

__all__ = [
    "AmountFormatter",
    "amount_formatter",
    "count_formatter",
    "currency_formatter",
    "format_amount",
    "percent_formatter",
]

_CURRENCY_FORMATTERS: dict[tuple[object, ...], NumberFormatter] = {}
_FORMATTERS: dict[tuple[object, ...], NumberFormatter] = {}


def currency_formatter(
    locale: Locale | str,
    currency: str,
    *,
    digits: int | None = None,
    numbering_system: str = "latn",
    native_digits: bool = False,
    format_type: FormatType = "standard",
    pattern: str | None = None,
) -> NumberFormatter:
    """The cached formatter of *currency* amounts in *locale*.

    With *digits* ``None`` it matches ``format_currency(amount, currency, locale=locale,
    format_type=format_type, numbering_system=numbering_system)``: CLDR's currency digits.  With
    an integer it matches that call given the locale's pattern with its fraction forced to
    *digits* and ``currency_digits=False``.  *native_digits* replaces ASCII digits with the
    locale's own (and takes the separators from its default numbering system).  *pattern*, a CLDR
    number pattern such as ``"¤ #,##0.00"``, replaces the locale's.

    Arguments it cannot honour exactly raise the library's errors: a currency :func:`format_amount`
    would refuse (:class:`~installments_core.errors.UnknownCurrencyError`), an unknown locale
    (:class:`~installments_core.errors.UnknownLocaleError`), and *digits* outside 0 to
    :data:`~installments_core._display.number_patterns.MAX_DIGITS`,
    an unknown numbering system or format type, or a pattern it would have to round or scale
    (:class:`~installments_core.errors.InvalidDisplayOptionError`).

    >>> currency_formatter("en_US", "USD", pattern="¤#,##0.00E0")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidDisplayOptionError: pattern: expected a CLDR currency pattern \
with digits, such as '¤#,##0.00', without E, @, ¤¤¤, % or ‰, found '¤#,##0.00E0'
    """
    key = ("currency", locale, currency, digits, numbering_system, native_digits, format_type, pattern)
    formatter = cached(_CURRENCY_FORMATTERS, key)
    if formatter is None:
        # One rule for every currency the display layer shows: format_amount's, ISO 4217's.
        minor_units(currency)
        check_options(numbering_system, native_digits, format_type)
        places = get_currency_precision(currency) if digits is None else check_digits(digits, "digits")
        parsed = parse_locale(locale)
        parsed_pattern = parsed.currency_formats[format_type] if pattern is None else exact_pattern(pattern)
        symbol = parsed.currency_symbols.get(currency, currency)
        formatter = build_formatter(
            parsed_pattern, parsed, numbering_system=numbering_system, native_digits=native_digits,
            fraction=(places, places), currency_symbols=(currency, symbol),
        )
        remember(_CURRENCY_FORMATTERS, key, formatter)
    return formatter


def percent_formatter(
    locale: Locale | str, decimals: int = 2, *, numbering_system: str = "latn", native_digits: bool = False
) -> NumberFormatter:
    """The cached formatter of percentages with exactly *decimals* decimals.

    It takes the percentage itself (``Decimal("0.42")`` for 0.42 %), and matches babel's
    ``format_percent(value / 100, format=<the locale's percent pattern with that fraction>)``.

    >>> percent_formatter("fr_FR").format(Decimal("20.73"))
    '20,73\\xa0%'
    """
    key = ("percent", locale, decimals, numbering_system, native_digits)
    formatter = cached(_FORMATTERS, key)
    if formatter is None:
        check_options(numbering_system, native_digits)
        check_digits(decimals, "decimals")
        parsed = parse_locale(locale)
        pattern = parsed.percent_formats[None]
        formatter = build_formatter(
            pattern, parsed, numbering_system=numbering_system, native_digits=native_digits,
            fraction=(decimals, decimals), currency_symbols=None,
        )
        remember(_FORMATTERS, key, formatter)
    return formatter


def count_formatter(
    locale: Locale | str, *, numbering_system: str = "latn", native_digits: bool = False
) -> NumberFormatter:
    """The cached formatter of whole numbers (installment counts) in the locale's decimal pattern.

    >>> count_formatter("ar_EG", native_digits=True).format(Decimal(12))
    '١٢'
    """
    key = ("count", locale, numbering_system, native_digits)
    formatter = cached(_FORMATTERS, key)
    if formatter is None:
        check_options(numbering_system, native_digits)
        parsed = parse_locale(locale)
        formatter = build_formatter(
            parsed.decimal_formats[None], parsed, numbering_system=numbering_system, native_digits=native_digits,
            fraction=(0, 0), currency_symbols=None,
        )
        remember(_FORMATTERS, key, formatter)
    return formatter


@dataclass(frozen=True, slots=True)
class AmountFormatter:
    """Exact amounts of one currency: CLDR's digits when they show the amount exactly, else ISO's.

    Built by :func:`amount_formatter`; :func:`format_amount` is the one-call form.
    """

    cldr: NumberFormatter
    """The plain babel call's formatter: ``format_currency(amount, currency, locale=...)``."""
    iso: NumberFormatter | None
    """The currency's ISO 4217 digits, or ``None`` where CLDR shows at least as many."""

    def format(self, amount: Decimal) -> str:
        """*amount* formatted; :class:`~installments_core.errors.InvalidAmountError` if neither shows it exactly."""
        if self.iso is None:
            return self.cldr.format(amount)
        try:
            return self.cldr.format(amount)
        except InvalidAmountError:
            return self.iso.format(amount)


_AMOUNT_FORMATTERS: dict[tuple[object, ...], AmountFormatter] = {}


def amount_formatter(
    locale: Locale | str,
    currency: str,
    *,
    numbering_system: str = "latn",
    native_digits: bool = False,
    format_type: FormatType = "standard",
) -> AmountFormatter:
    """The cached :class:`AmountFormatter` of *currency* in *locale*."""
    key = (locale, currency, numbering_system, native_digits, format_type)
    formatter = cached(_AMOUNT_FORMATTERS, key)
    if formatter is None:
        iso = minor_units(currency)
        cldr = currency_formatter(
            locale, currency, numbering_system=numbering_system, native_digits=native_digits, format_type=format_type
        )
        fallback = None
        if cldr.max_fraction_digits < iso:
            fallback = currency_formatter(
                locale, currency, digits=iso, numbering_system=numbering_system, native_digits=native_digits,
                format_type=format_type,
            )
        formatter = remember(_AMOUNT_FORMATTERS, key, AmountFormatter(cldr, fallback))
    return formatter


def format_amount(
    amount: Decimal,
    currency: str,
    locale: Locale | str,
    *,
    numbering_system: str = "latn",
    native_digits: bool = False,
    format_type: FormatType = "standard",
) -> str:
    """An exact amount of *currency* as *locale* writes it; never rounds (see the module notes).

    >>> format_amount(Decimal("3100.00"), "QAR", "fr_FR")
    '3\\u202f100,00\\xa0QAR'
    >>> format_amount(Decimal("83.334"), "IQD", "de_DE"), format_amount(Decimal("83.000"), "IQD", "de_DE")
    ('83,334\\xa0IQD', '83\\xa0IQD')
    """
    return amount_formatter(
        locale, currency, numbering_system=numbering_system, native_digits=native_digits, format_type=format_type
    ).format(amount)
