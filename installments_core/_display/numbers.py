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
  raises :class:`~installments_core.InvalidAmountError` instead: amounts are quantized to their
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
  (``""``, ``"abc"``) is refused with :class:`~installments_core.InvalidDisplayOptionError`:
  babel would round it, scale it or read the ambient context, and an amount must be shown as it is.

Native digits (Arabic-Indic ``١٢٣``, Devanagari ``१२३``, …) are an option babel lacks: its
``numbering_system`` changes the separators only.  With ``native_digits=True`` the locale's
default numbering system supplies the separators (as babel's ``numbering_system="default"``) and
its digits replace the ASCII ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any, Final, Literal, TypeVar, get_args

from babel import Locale
from babel.core import get_global, get_locale_identifier
from babel.core import parse_locale as babel_parse_locale
from babel.localedata import locale_identifiers
from babel.numbers import (
    NumberPattern,
    UnsupportedNumberingSystemError,
    get_currency_precision,
    get_decimal_symbol,
    get_group_symbol,
    parse_pattern,
)

from .._core.currencies import minor_units
from .._core.money import CTX, quantum
from .._errors import InvalidAmountError, InvalidDisplayOptionError, UnknownLocaleError, describe

__all__ = [
    "CACHE_LIMIT",
    "DECIMAL_DIGIT_ZEROS",
    "KNOWN_LOCALES",
    "LONGEST_LOCALE",
    "AmountFormatter",
    "NumberFormatter",
    "amount_formatter",
    "cached",
    "check_native_digits",
    "count_formatter",
    "currency_formatter",
    "format_amount",
    "locale_chain",
    "native_numbering_system",
    "parse_locale",
    "percent_formatter",
    "remember",
]

FormatType = Literal["standard", "accounting"]
_FORMAT_TYPES: Final = get_args(FormatType)

MAX_DIGITS: Final = 6
"""The most decimals a formatter shows: above every ISO 4217 minor unit (4 at most), and the
limit under which ``str(Decimal)`` writes every quantized amount in plain notation."""
_Value = TypeVar("_Value")

DECIMAL_DIGIT_ZEROS: Final[dict[str, int]] = {
    "adlm": 0x1E950, "arab": 0x0660, "arabext": 0x06F0, "beng": 0x09E6, "cakm": 0x11136,
    "deva": 0x0966, "gujr": 0x0AE6, "guru": 0x0A66, "hmnp": 0x1E140, "java": 0xA9D0,
    "khmr": 0x17E0, "knda": 0x0CE6, "laoo": 0x0ED0, "mlym": 0x0D66, "mong": 0x1810,
    "mtei": 0xABF0, "mymr": 0x1040, "nkoo": 0x07C0, "olck": 0x1C50, "orya": 0x0B66,
    "tamldec": 0x0BE6, "telu": 0x0C66, "thai": 0x0E50, "tibt": 0x0F20, "vaii": 0xA620,
}  # fmt: skip
"""The zero of every decimal numbering system some CLDR locale uses by default; its digits
one to nine follow it in Unicode.  ``hanidec`` (〇一二…) is not contiguous and is left out, as are
the algorithmic systems (``hebr``, ``jpan``, ``grek``, …) that are not positional digits."""

_QUOTED: Final = re.compile(r"'([^']*)'")


def _unquote(literal: str) -> str:
    # CLDR quotes literal text in a pattern's prefix and suffix.  babel unquotes the whole formatted
    # number instead, digits included, so where Swiss locales group with an ASCII
    # apostrophe, it drops the separators (``1'234'567`` becomes ``1234567``): unquote only the literals.
    return _QUOTED.sub(lambda m: m.group(1) or "'", literal)


@dataclass(frozen=True, slots=True)
class NumberFormatter:
    """One CLDR number pattern with its locale's symbols resolved: formats Decimals, fast.

    Build it with :func:`currency_formatter`, :func:`percent_formatter` or
    :func:`count_formatter`; they cache.

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
        """*value* formatted; :class:`~installments_core.InvalidAmountError` if it would need rounding."""
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


CACHE_LIMIT: Final = 4096
"""Entries per cache.  Keys come from callers (locale spellings, currency codes), so a full cache
starts over rather than grow without bound; real checkouts use far fewer combinations."""


def cached(cache: dict[Any, _Value], key: object) -> _Value | None:
    """What *cache* holds under *key*, or ``None``; a key that cannot be hashed (a caller's list
    for a locale) is simply not there, so that the argument checks that follow can refuse it."""
    try:
        return cache.get(key)
    except TypeError:
        return None


def remember(cache: dict[Any, Any], key: object, value: _Value) -> _Value:
    """Store *value* under *key*, emptying *cache* first when it is full; return *value*."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


_CURRENCY_FORMATTERS: dict[tuple[object, ...], NumberFormatter] = {}
_FORMATTERS: dict[tuple[object, ...], NumberFormatter] = {}
_LOCALES: dict[str, Locale] = {}
KNOWN_LOCALES: Final = frozenset(locale_identifiers()) | {"root"}
"""Every locale CLDR has data for in the installed babel, as CLDR spells it (``zh_Hant_TW``),
``root`` included (babel lists it apart, but it is CLDR's and a caller may ask for it)."""

_PARENTS: Final[dict[str, str]] = dict(get_global("parent_exceptions"))
_LIKELY: Final[dict[str, str]] = dict(get_global("likely_subtags"))
_LANGUAGE_ALIASES: Final[dict[str, str]] = dict(get_global("language_aliases"))
_TERRITORY_ALIASES: Final[dict[str, list[str]]] = dict(get_global("territory_aliases"))
_SCRIPT_ALIASES: Final[dict[str, str]] = dict(get_global("script_aliases"))

# (language, script, territory, variant), any but the language possibly absent.
_Subtags = tuple[str, str | None, str | None, str | None]


LONGEST_LOCALE: Final = 64
"""The longest locale identifier read: far beyond any CLDR identifier, short enough to cache."""


def _spelled(language: str, script: str | None, territory: str | None, variant: str | None) -> str:
    return get_locale_identifier((language, territory, script, variant))


def _subtags(identifier: str) -> _Subtags:
    language, territory, script, variant, *_ = babel_parse_locale(identifier, sep="-" if "-" in identifier else "_")
    return language, script, territory, variant


def _likely(language: str, script: str | None, territory: str | None) -> tuple[str, str | None]:
    """The language and script CLDR's likely subtags give: ``zh`` in ``TW`` is written in ``Hant``,
    ``sr`` in ``ME`` in ``Latn``; an undetermined language (``und``) gets the territory's."""
    keys = [_spelled(language, script, territory, None), _spelled(language, None, territory, None),
            _spelled(language, script, None, None), language]
    for key in dict.fromkeys(keys):
        likely = _LIKELY.get(key)
        if likely is not None:
            likely_language, likely_script, *_ = _subtags(likely)
            return (likely_language if language == "und" else language), script or likely_script
    return language, script


def _expanded(identifier: str) -> _Subtags:
    """*identifier* with CLDR's aliases replaced (``iw`` → ``he``, ``sh`` → ``sr_Latn``) and its
    likely script added (``zh_TW`` → ``zh_Hant_TW``): what the customer means, whatever the spelling."""
    language, script, territory, variant = _subtags(identifier)
    alias = _LANGUAGE_ALIASES.get(language)
    if alias is not None:
        # An alias may carry a script or territory (``cnr`` → ``sr_ME``); what was written wins.
        language, alias_script, alias_territory, alias_variant = _subtags(alias)
        script, territory, variant = script or alias_script, territory or alias_territory, variant or alias_variant
    if territory is not None:
        territory = _TERRITORY_ALIASES.get(territory, [territory])[0]
    if script is not None:
        script = _SCRIPT_ALIASES.get(script, script)
    # "Unknown" region and script, as babel reads them.
    territory = None if territory == "ZZ" else territory
    script = None if script == "Zzzz" else script
    language, script = _likely(language, script, territory)
    return language, script, territory, variant


def _spellings(subtags: _Subtags) -> list[str]:
    """The identifiers that name *subtags*: with the script, and without it where it is the likely
    one (``en_Latn_QA`` and ``en_QA``; ``sr_Cyrl_ME`` only, since ``sr_ME`` is Latin)."""
    language, script, territory, variant = subtags
    spellings = [_spelled(language, script, territory, variant)]
    if script is not None and _likely(language, None, territory)[1] == script:
        spellings.append(_spelled(language, None, territory, variant))
    return spellings


def _parent(subtags: _Subtags, spellings: list[str]) -> _Subtags | None:
    for spelling in spellings:
        named = _PARENTS.get(spelling)
        if named is not None and named != "root":
            language, script, territory, variant = _subtags(named)
            return language, _likely(language, script, territory)[1], territory, variant
    language, script, territory, variant = subtags
    if variant is not None:
        return language, script, territory, None
    if territory is not None:
        return language, script, None, None
    if script is not None:
        return language, None, None, None
    return None


def locale_chain(identifier: str) -> Iterator[str]:
    """The locales that serve *identifier* (``zh-TW`` or ``zh_TW``), best first, as CLDR spells them.

    The one fallback rule of the display: :func:`parse_locale` takes the first one CLDR has, and
    :func:`~installments_core.negotiate_locale` the first one available.  First *identifier* as
    written; then what it means, expanded with CLDR's aliases and likely subtags (``zh_TW`` is
    ``zh_Hant_TW``, ``sr_ME`` is ``sr_Latn_ME``, ``iw`` is ``he``), and that expansion's CLDR
    parents: the parent CLDR names (``parentLocales``) where it names one, else the identifier less
    its last subtag (RFC 4647 lookup with CLDR's exceptions); last, *identifier* as written less its
    last subtags (``iw_IL`` → ``iw``, for a list that keeps the old code).  A
    :class:`ValueError` if babel cannot read *identifier*.

    >>> list(locale_chain("es-AR"))
    ['es_AR', 'es_Latn_AR', 'es_Latn_419', 'es_419', 'es_Latn', 'es']
    >>> list(locale_chain("zh-TW")), list(locale_chain("sr_ME")), list(locale_chain("iw"))
    (['zh_TW', 'zh_Hant_TW', 'zh_Hant', 'zh'], ['sr_ME', 'sr_Latn_ME', 'sr_Latn', 'sr'], ['iw', 'he_Hebr', 'he'])
    """
    written = _spelled(*_subtags(identifier))
    seen = {written}
    yield written
    level: _Subtags | None = _expanded(identifier)
    while level is not None:
        spellings = _spellings(level)
        for spelling in spellings:
            if spelling not in seen:
                seen.add(spelling)
                yield spelling
        level = _parent(level, spellings)
    shorter = written.rpartition("_")[0]
    while shorter:
        if shorter not in seen:
            seen.add(shorter)
            yield shorter
        shorter = shorter.rpartition("_")[0]


def parse_locale(locale: Locale | str) -> Locale:
    """A babel :class:`~babel.Locale` from ``ar_QA``, ``ar-QA`` or a ``Locale``; cached.

    Never the environment's locale: the caller always says which one.  A locale CLDR lacks falls
    back along :func:`locale_chain` to the first locale CLDR has; a POSIX ``@modifier`` means
    nothing to CLDR and is dropped.  Only identifiers that resolved are cached, so that any number
    of unknown ones leave no trace.

    >>> parse_locale("pt-BR"), parse_locale("zh-TW"), parse_locale("ar_EG@x")
    (Locale('pt', territory='BR'), Locale('zh', territory='TW', script='Hant'), Locale('ar', territory='EG'))
    >>> parse_locale("en-QM")   # QM is a private-use region: CLDR has no locale for it, ever
    Locale('en')
    """
    if isinstance(locale, Locale):
        return locale
    parsed = cached(_LOCALES, locale)
    if parsed is None:
        parsed = remember(_LOCALES, locale, _resolve(locale))
    return parsed


def _resolve(locale: object) -> Locale:
    expected = "a locale CLDR knows, such as 'en_US' or 'ar-QA'"
    if not isinstance(locale, str) or len(locale) > LONGEST_LOCALE:
        raise UnknownLocaleError("locale", expected=expected, actual=describe(locale))
    try:
        found = next((candidate for candidate in locale_chain(locale) if candidate in KNOWN_LOCALES), None)
    except ValueError:
        found = None
    if found is None:
        raise UnknownLocaleError("locale", expected=expected, actual=describe(locale))
    return Locale.parse(found)


def native_numbering_system(locale: Locale | str) -> str:
    """The locale's default numbering system when it has positional digits of its own, else ``latn``.

    >>> native_numbering_system("ar_EG"), native_numbering_system("ar_MA"), native_numbering_system("ja")
    ('arab', 'latn', 'latn')
    """
    system = parse_locale(locale).default_numbering_system
    return system if system in DECIMAL_DIGIT_ZEROS else "latn"


def _digit_table(system: str) -> dict[int, str] | None:
    zero = DECIMAL_DIGIT_ZEROS.get(system)
    if zero is None:
        return None
    return {ord("0") + k: chr(zero + k) for k in range(10)}


def _build(
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
        _digit_table(numbering_system) if native_digits else None,
        quantum(fraction[1]),
        pattern.grouping == (3, 3) and pattern.int_prec[0] <= 1 and fraction[0] == fraction[1],
    )


def check_native_digits(native_digits: object) -> None:
    """Refuse a *native_digits* that is not a bool: truthiness would read ``"no"`` as yes."""
    if not isinstance(native_digits, bool):
        raise InvalidDisplayOptionError("native_digits", expected="True or False", actual=describe(native_digits))


def _check_options(numbering_system: object, native_digits: object, format_type: object = "standard") -> None:
    if not isinstance(numbering_system, str):
        raise InvalidDisplayOptionError(
            "numbering_system", expected="a CLDR numbering system such as 'latn'", actual=describe(numbering_system)
        )
    check_native_digits(native_digits)
    if format_type not in _FORMAT_TYPES:
        raise InvalidDisplayOptionError(
            "format_type", expected="'standard' or 'accounting'", actual=describe(format_type)
        )


def _check_digits(digits: object, path: str) -> int:
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= MAX_DIGITS:
        raise InvalidDisplayOptionError(path, expected=f"an integer from 0 to {MAX_DIGITS}", actual=describe(digits))
    return digits


def _exact_pattern(pattern: object) -> NumberPattern:
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
    would refuse (:class:`~installments_core.UnknownCurrencyError`), an unknown locale
    (:class:`~installments_core.UnknownLocaleError`), and *digits* outside 0 to :data:`MAX_DIGITS`,
    an unknown numbering system or format type, or a pattern it would have to round or scale
    (:class:`~installments_core.InvalidDisplayOptionError`).

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
        _check_options(numbering_system, native_digits, format_type)
        places = get_currency_precision(currency) if digits is None else _check_digits(digits, "digits")
        parsed = parse_locale(locale)
        parsed_pattern = parsed.currency_formats[format_type] if pattern is None else _exact_pattern(pattern)
        symbol = parsed.currency_symbols.get(currency, currency)
        formatter = _build(
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
        _check_options(numbering_system, native_digits)
        _check_digits(decimals, "decimals")
        parsed = parse_locale(locale)
        pattern = parsed.percent_formats[None]
        formatter = _build(
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
        _check_options(numbering_system, native_digits)
        parsed = parse_locale(locale)
        formatter = _build(
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
        """*amount* formatted; :class:`~installments_core.InvalidAmountError` if neither digits show it exactly."""
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
