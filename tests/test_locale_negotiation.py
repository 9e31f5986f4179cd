"""Locales CLDR lacks fall back along CLDR's chain; Accept-Language headers are negotiated; caches keep only what
resolved."""

from __future__ import annotations

import pytest
from babel.localedata import locale_identifiers
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, UnknownLocaleError, format_amount, negotiate_locale, summarize
from installments_core._display import language, numbers
from installments_core.cli import main

from .test_cli_hostile import RESPONSE
from .test_hostile_calls import _OFFER

KNOWN = frozenset(locale_identifiers())


@pytest.mark.parametrize(("header", "available", "expected"), [
    ("en-QA", None, "en"),
    ("en-QA,en;q=0.9,ar;q=0.8", ["en", "ar_QA"], "en"),
    ("ar-US", ["en_US", "ar", "ar_QA"], "ar"),
    ("es-419", None, "es_419"),
    ("es-AR", ["es", "es_419"], "es_419"),
    ("zh-Hant-HK", None, "zh_Hant_HK"),
    ("zh-Hant-MO", ["zh_Hans", "zh_Hant"], "zh_Hant"),
    ("de-CH;q=0.2, fr-CH;q=0.9", ["de", "fr"], "fr"),
    ("tlh, *;q=0.1", ["fr_FR"], "en_US"),
    ("", None, "en_US"),
    ("en;q=0, ja", ["en", "ja_JP"], "ja_JP"),
    ("x_bad;q=1, pt-br;q=abc, pt-BR;q=0.5", ["pt_BR"], "pt_BR"),
])
def test_browser_headers_are_negotiated(header: str, available: list[str] | None, expected: str) -> None:
    assert negotiate_locale(header, available) == expected


@pytest.mark.parametrize(("given_locale", "resolved"), [
    ("en_QA", "en"), ("en-QA", "en"), ("ar-US", "ar"), ("es-419", "es_419"), ("zh-Hant-HK", "zh_Hant_HK"),
    ("es_AR", "es_AR"), ("en_US@euro", "en_US"),
])
def test_a_locale_cldr_lacks_falls_back_along_its_chain(given_locale: str, resolved: str) -> None:
    assert summarize(_OFFER, given_locale).locale == resolved


def test_show_accepts_a_locale_cldr_lacks() -> None:
    assert main(["show", RESPONSE, "--locale", "en_QA"]) == 0


_RANGE = st.from_regex(r"\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,3}", fullmatch=True)
_PART = st.one_of(_RANGE, st.builds("{};q={}".format, _RANGE, st.sampled_from(["0", "0.5", "1", "1.000", "2", "x"])),
                  st.text(max_size=12))
headers = st.one_of(st.lists(_PART, max_size=8).map(", ".join), st.text(max_size=60),
                    st.sampled_from(["en-US," * 5000, ";" * 10**5, "q=1", ",,,", "*"]))
availables = st.one_of(st.none(), st.lists(st.sampled_from(sorted(KNOWN)), max_size=6))


@settings(max_examples=300, deadline=None)
@given(headers, availables)
def test_negotiation_always_answers_an_available_locale_or_the_default(
    header: str, available: list[str] | None
) -> None:
    answer = negotiate_locale(header, available)
    assert answer == "en_US" or answer in (KNOWN if available is None else available)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.integers(), max_size=2)))
def test_negotiation_refuses_what_is_not_a_header(header: object) -> None:
    with pytest.raises(InstallmentsError):
        negotiate_locale(header)  # type: ignore[arg-type]


def _cache_sizes() -> tuple[int, ...]:
    return (len(numbers._LOCALES), len(language._LANGUAGES), len(numbers._FORMATTERS),
            len(numbers._CURRENCY_FORMATTERS), len(numbers._AMOUNT_FORMATTERS))


unknown_locales = st.one_of(
    st.text(max_size=20).filter(lambda text: text.strip() != "" and text not in KNOWN),
    st.builds(lambda size, prefix: prefix + "x" * size, st.integers(65, 10**6), st.sampled_from(["en_US@", "xx_", ""])),
    st.from_regex(r"[q-z][q-z]{2}_[A-Z]{2}", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(unknown_locales, min_size=1, max_size=5))
def test_locales_that_do_not_resolve_leave_every_cache_as_it_was(locales: list[str]) -> None:
    format_amount(_OFFER.plan.amount, "USD", "en_US")
    before = _cache_sizes()
    for locale in locales:
        try:
            format_amount(_OFFER.plan.amount, "USD", locale)
            summarize(_OFFER, locale)
        except UnknownLocaleError:
            continue
        before = _cache_sizes()  # it resolved (a short text CLDR reads): it may be cached
    assert _cache_sizes() == before
    assert all(len(key) <= numbers.LONGEST_LOCALE for key in numbers._LOCALES)
