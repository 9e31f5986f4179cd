"""The cached formatters against babel: the same characters, for every locale babel knows."""

from __future__ import annotations

import copy
import unicodedata
from decimal import Decimal, Inexact, localcontext
from typing import Literal

import pytest
from babel import Locale
from babel.localedata import locale_identifiers
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_precision,
    get_decimal_symbol,
    get_group_symbol,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError
from installments_core._display.digits import DECIMAL_DIGIT_ZEROS, native_numbering_system
from installments_core._display.number_patterns import NumberFormatter
from installments_core._display.numbers import count_formatter, currency_formatter, format_amount, percent_formatter
from installments_core.amounts import ACTIVE_CURRENCIES
from installments_core.errors import InvalidAmountError, InvalidDisplayOptionError

from .babel_oracle import agrees_with_babel

LOCALES = sorted(locale_identifiers())
# Every active ISO currency with a minor unit: the currencies format_amount shows.
CURRENCIES = sorted(ACTIVE_CURRENCIES)
NUMBERING = ("latn", "default")


def _babel(
    amount: Decimal, currency: str, locale: str, digits: int | None, numbering_system: str,
    *, format_type: Literal["standard", "accounting"] = "standard",
) -> str:
    """The babel call the display layer stands in for, with the amount already exact."""
    if digits is None:
        return format_currency(
            amount, currency, locale=locale, numbering_system=numbering_system, format_type=format_type
        )
    pattern = copy.copy(Locale.parse(locale).currency_formats[format_type])
    pattern.frac_prec = (digits, digits)
    return format_currency(
        amount, currency, format=pattern, locale=locale, currency_digits=False, numbering_system=numbering_system
    )


Case = tuple[str, str, int | None, str, Decimal, Literal["standard", "accounting"]]


@st.composite
def _cases(draw: st.DrawFn) -> Case:
    locale = draw(st.sampled_from(LOCALES))
    format_type: Literal["standard", "accounting"] = draw(st.sampled_from(["standard", "accounting"]))
    currency = draw(st.sampled_from(CURRENCIES))
    digits = draw(st.sampled_from([None, 0, 2, 3, 4]))
    numbering_system = draw(st.sampled_from(NUMBERING))
    places = get_currency_precision(currency) if digits is None else digits
    magnitude = draw(st.integers(min_value=0, max_value=15))
    minor = draw(st.integers(min_value=0, max_value=10**magnitude))
    negative = draw(st.booleans()) and draw(st.booleans())
    amount = Decimal(-minor if negative else minor).scaleb(-places)
    return locale, currency, digits, numbering_system, amount, format_type


@settings(max_examples=800, deadline=None)
@given(_cases())
def test_currency_formatter_is_babel(case: Case) -> None:
    locale, currency, digits, numbering_system, amount, format_type = case
    formatter = currency_formatter(
        locale, currency, digits=digits, numbering_system=numbering_system, format_type=format_type
    )
    expected = _babel(amount, currency, locale, digits, numbering_system, format_type=format_type)
    assert agrees_with_babel(formatter.format(amount), expected, locale, numbering_system), expected


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_formats_like_babel(locale: str) -> None:
    for numbering_system in NUMBERING:
        for currency in ("USD", "JPY", "KWD", "INR", "EUR"):
            formatter = currency_formatter(locale, currency, numbering_system=numbering_system)
            places = get_currency_precision(currency)
            for minor in (0, 5, 4167, 123456789, 100000000000000):
                amount = Decimal(minor).scaleb(-places)
                expected = _babel(amount, currency, locale, None, numbering_system)
                assert agrees_with_babel(formatter.format(amount), expected, locale, numbering_system), expected


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(LOCALES),
    st.sampled_from(NUMBERING),
    st.integers(min_value=0, max_value=2),
    st.integers(min_value=0, max_value=10**9),
)
def test_percent_formatter_is_babel(locale: str, numbering_system: str, decimals: int, hundredths: int) -> None:
    rate = Decimal(hundredths).scaleb(-decimals)
    pattern = copy.copy(Locale.parse(locale).percent_formats[None])
    pattern.frac_prec = (decimals, decimals)
    expected = format_percent(rate.scaleb(-2), format=pattern, locale=locale, numbering_system=numbering_system)
    ours = percent_formatter(locale, decimals, numbering_system=numbering_system).format(rate)
    assert agrees_with_babel(ours, expected, locale, numbering_system), (ours, expected)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LOCALES), st.sampled_from(NUMBERING), st.integers(min_value=0, max_value=10**7))
def test_count_formatter_is_babel(locale: str, numbering_system: str, count: int) -> None:
    expected = format_decimal(count, locale=locale, numbering_system=numbering_system)
    ours = count_formatter(locale, numbering_system=numbering_system).format(Decimal(count))
    assert agrees_with_babel(ours, expected, locale, numbering_system), (ours, expected)


@pytest.mark.parametrize(
    ("locale", "currency", "amount", "shape"),
    [
        ("hi_IN", "INR", "123456789.50", "¤12,34,56,789.50"),
        ("de_CH", "CHF", "1234567.50", "¤\xa01,234,567.50"),
        ("fr_CH", "CHF", "1234567.50", "1,234,567.50\xa0¤"),
        ("fr_FR", "EUR", "1234.50", "1,234.50\xa0¤"),
        ("ja_JP", "JPY", "3000", "¤3,000"),
    ],
)
def test_grouping_and_locale_symbols(locale: str, currency: str, amount: str, shape: str) -> None:
    """Indian grouping and each locale's own symbols, as the installed CLDR defines them.

    The shape (``¤`` the currency symbol, ``,`` the group and ``.`` the decimal symbol) is the pattern's
    (CLDR's grouping has not changed for these locales); the symbols come
    from the installed babel, because they move: de_CH groups with ’ (U+2019) up to babel 2.18 and with
    an ASCII apostrophe in babel 2.19's CLDR, which babel 2.19's own ``format_currency`` then drops.
    """
    cldr = Locale.parse(locale)
    expected = shape.translate({
        ord("¤"): cldr.currency_symbols.get(currency, currency),
        ord(","): get_group_symbol(cldr),
        ord("."): get_decimal_symbol(cldr),
    })
    assert currency_formatter(locale, currency).format(Decimal(amount)) == expected


def test_a_hostile_ambient_context_changes_nothing() -> None:
    formatter = currency_formatter("en_US", "USD")
    with localcontext() as context:
        context.prec = 3
        context.rounding = "ROUND_FLOOR"
        assert formatter.format(Decimal("123456789.99")) == "$123,456,789.99"
        assert format_amount(Decimal("83.334"), "IQD", "ar_IQ") == "\u200f83.334\xa0د.ع.\u200f"


@pytest.mark.parametrize("value", [Decimal("1.005"), Decimal("NaN"), Decimal("Infinity"), Decimal("sNaN"), 1.5, "1"])
def test_what_would_need_rounding_is_refused(value: object) -> None:
    with pytest.raises(InvalidAmountError, match="quantized before display"):
        currency_formatter("en_US", "USD").format(value)  # type: ignore[arg-type]


def test_iso_digits_when_cldr_digits_would_round() -> None:
    assert get_currency_precision("IQD") == 0  # CLDR; ISO 4217 says 3
    # babel does not ship CLDR's currencySpacing, so no space after a letter symbol in "en".
    assert format_amount(Decimal("1000.000"), "IQD", "en") == "IQD1,000"
    assert format_amount(Decimal("1000.500"), "IQD", "en") == "IQD1,000.500"
    # Wherever CLDR shows fewer digits than ISO, an exact amount needing them gets ISO's digits.
    for currency, iso in ACTIVE_CURRENCIES.items():
        amount = Decimal(1).scaleb(-iso)
        assert str(amount) in format_amount(amount, currency, "en")


def test_native_digits() -> None:
    assert native_numbering_system("ar_EG") == "arab"
    assert native_numbering_system("fa_IR") == "arabext"
    assert native_numbering_system("ar_MA") == "latn"
    babel_separators = format_currency(Decimal("1234.50"), "EGP", locale="ar_EG", numbering_system="default")
    native = currency_formatter("ar_EG", "EGP", native_digits=True).format(Decimal("1234.50"))
    assert native == babel_separators.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert format_amount(Decimal("1234.50"), "INR", "mr_IN", native_digits=True) == "₹१,२३४.५०"
    # A locale whose default system is Latin keeps ASCII digits.
    assert format_amount(Decimal("12.00"), "EUR", "de_DE", native_digits=True) == "12,00\xa0€"


@pytest.mark.parametrize("system", sorted(DECIMAL_DIGIT_ZEROS))
def test_numbering_systems_are_contiguous_digits(system: str) -> None:
    zero = DECIMAL_DIGIT_ZEROS[system]
    assert [unicodedata.digit(chr(zero + k)) for k in range(10)] == list(range(10))


def test_native_digit_systems_cover_every_cldr_default() -> None:
    decimal_defaults = set()
    for identifier in LOCALES:
        system = Locale.parse(identifier).default_numbering_system
        # Algorithmic systems (hebr, jpan, …) have no digit zero; hanidec is not contiguous.
        if system not in {"latn", "hanidec", "hebr", "jpan", "hans", "hant", "grek"}:
            decimal_defaults.add(system)
    assert decimal_defaults <= set(DECIMAL_DIGIT_ZEROS)


@pytest.mark.parametrize(
    "pattern",
    ["#,##0.00 ¤¤¤", "¤¤¤ #,##0.00", "¤¤¤¤ #,##0.00", "0.00E0 ¤", "¤#,##0.00E0", "@@@ ¤", "¤ @@@", "#,##0.00%",
     "¤#,##0.00‰", "'%'¤#,##0.00", "", "abc ¤", "¤"],
)  # fmt: skip
def test_patterns_it_cannot_show_exactly_are_refused(pattern: str) -> None:
    # babel would round these (E, @), read the thread's decimal context (the plural of ¤¤¤),
    # multiply the amount (%, ‰, quoted or not) or fall back to the locale's pattern ("").
    with pytest.raises(InvalidDisplayOptionError) as refused:
        currency_formatter("en_US", "USD", pattern=pattern)
    assert (refused.value.path, refused.value.code) == ("pattern", "invalid_display_option")
    assert refused.value.actual == repr(pattern)


@pytest.mark.parametrize(
    "pattern",
    ["¤#,##0.00", "¤ #,##0.00", "#,##0.00 ¤¤", "¤#,##0.00;(¤#,##0.00)", "#,##,##0.00 ¤", "0000.00 ¤", "'#'¤0.00"],
)
@pytest.mark.parametrize("amount", ["1234.50", "1.00", "-1234567.89", "0.00"])
def test_patterns_it_accepts_match_babel_in_any_context(pattern: str, amount: str) -> None:
    formatter = currency_formatter("en_US", "USD", pattern=pattern)
    value = Decimal(amount)
    expected = format_currency(value, "USD", format=pattern, locale="en_US")
    assert formatter.format(value) == expected
    with localcontext() as context:
        context.prec = 3
        context.rounding = "ROUND_FLOOR"
        context.traps[Inexact] = True
        assert formatter.format(value) == expected


def test_formatters_are_cached() -> None:
    first = currency_formatter("pt_BR", "BRL")
    assert isinstance(first, NumberFormatter)
    assert currency_formatter("pt_BR", "BRL") is first
    assert percent_formatter("pt_BR") is percent_formatter("pt_BR")


def test_caches_stay_bounded() -> None:
    from itertools import product

    from installments_core._display import caches, numbers

    pairs = product(LOCALES, CURRENCIES)
    for (locale, currency), _ in zip(pairs, range(caches.CACHE_LIMIT + 10), strict=False):
        currency_formatter(locale, currency).format(Decimal(0))
    assert 0 < len(numbers._CURRENCY_FORMATTERS) <= caches.CACHE_LIMIT


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: currency_formatter("en_US", None), "currency"),  # type: ignore[arg-type]
        (lambda: currency_formatter("en_US", "usd"), "currency"),
        (lambda: currency_formatter("en_US", ""), "currency"),
        (lambda: currency_formatter("en_US", "ABC"), "currency"),
        (lambda: currency_formatter("en_US", "XXX"), "currency"),
        (lambda: currency_formatter("en_US", ["USD"]), "currency"),  # type: ignore[arg-type]
        (lambda: currency_formatter(["en_US"], "USD"), "locale"),  # type: ignore[arg-type]
        (lambda: currency_formatter(b"en", "USD"), "locale"),  # type: ignore[arg-type]
        (lambda: currency_formatter("en_US", "USD", digits=50), "digits"),
        (lambda: currency_formatter("en_US", "USD", digits=-1), "digits"),
        (lambda: currency_formatter("en_US", "USD", digits=True), "digits"),
        (lambda: currency_formatter("en_US", "USD", digits="2"), "digits"),  # type: ignore[arg-type]
        (lambda: currency_formatter("en_US", "USD", numbering_system="foo"), "numbering_system"),
        (lambda: currency_formatter("en_US", "USD", numbering_system=None), "numbering_system"),  # type: ignore[arg-type]
        (lambda: currency_formatter("en_US", "USD", native_digits="yes"), "native_digits"),  # type: ignore[arg-type]
        (lambda: currency_formatter("en_US", "USD", format_type="bogus"), "format_type"),  # type: ignore[arg-type]
        (lambda: currency_formatter("en_US", "USD", pattern=5), "pattern"),  # type: ignore[arg-type]
        (lambda: format_amount(Decimal(1), "USD", "en_US", format_type="bogus"), "format_type"),  # type: ignore[arg-type]
        (lambda: format_amount(Decimal(1), "USD", "en_US", numbering_system="foo"), "numbering_system"),
        (lambda: format_amount(Decimal(1), "USD", {"en"}), "locale"),  # type: ignore[arg-type]
        (lambda: percent_formatter("en_US", numbering_system="foo"), "numbering_system"),
        (lambda: percent_formatter("hi_IN", 7), "decimals"),
        (lambda: percent_formatter("en_US", -1), "decimals"),
        (lambda: count_formatter(["en_US"]), "locale"),  # type: ignore[arg-type]
    ],
)
def test_arguments_it_cannot_use_raise_library_errors(call: object, path: str) -> None:
    assert callable(call)
    with pytest.raises(InstallmentsError) as refused:
        call()
    assert refused.value.path == path


@pytest.mark.parametrize("currency", ["usd", "", "ABC", "XXX", "XTS"])
def test_currency_formatter_refuses_what_format_amount_refuses(currency: str) -> None:
    with pytest.raises(InstallmentsError) as by_amount:
        format_amount(Decimal("1.00"), currency, "en_US")
    with pytest.raises(InstallmentsError) as by_formatter:
        currency_formatter("en_US", currency)
    assert type(by_formatter.value) is type(by_amount.value)
    assert str(by_formatter.value) == str(by_amount.value)


def test_digits_cover_every_iso_minor_unit() -> None:
    assert currency_formatter("en_US", "USD", digits=0).format(Decimal(12)) == "$12"
    assert currency_formatter("en_US", "USD", digits=6).format(Decimal("0.000001")) == "$0.000001"
