"""Locales CLDR lacks fall back along CLDR's chain; Accept-Language headers are negotiated; caches keep only what
resolved."""

from __future__ import annotations

import pytest
from babel.core import get_global
from babel.localedata import locale_identifiers
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, summarize
from installments_core._display import language, numbers
from installments_core._display import locales as cldr_locales
from installments_core.cli import main
from installments_core.display import format_amount, negotiate_locale
from installments_core.errors import UnknownLocaleError

from .test_cli_hostile import RESPONSE
from .test_hostile_calls import _OFFER

KNOWN = frozenset(locale_identifiers()) | {"root"}  # the root locale is CLDR's too
_PARENTS = get_global("parent_exceptions")
_LIKELY = get_global("likely_subtags")


def absent(language: str) -> str:
    """A locale of *language* that the installed CLDR lacks, picked at run time, so that no test
    breaks when CLDR adds one: no data, no parent of its own, no likely script but the language's,
    so that it falls back to *language* itself."""
    return next(
        candidate for region in ("QA", "US", "AQ", "JP", "KE", "BR", "DE", "MX", "IN", "NG")
        if (candidate := f"{language}_{region}") not in KNOWN and candidate not in _PARENTS
        and candidate not in _LIKELY
    )


EN, AR = absent("en"), absent("ar")


@pytest.mark.parametrize(("header", "available", "expected"), [
    (EN.replace("_", "-"), None, "en"),
    (f"{EN.replace('_', '-')},en;q=0.9,ar;q=0.8", ["en", "ar_QA"], "en"),
    ("en-QA,en;q=0.9,ar;q=0.8", ["en", "ar_QA"], "en"),
    (AR.replace("_", "-"), ["en_US", "ar", "ar_QA"], "ar"),
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
    # Likely subtags: Taiwan, Hong Kong and Macao write Chinese in Traditional script, Montenegro
    # writes Serbian in Latin, Serbia in Cyrillic.
    ("zh-TW", ["zh_Hans", "zh_Hant"], "zh_Hant"),
    ("zh-HK", ["zh_Hans", "zh_Hant"], "zh_Hant"),
    ("zh-MO", ["zh_Hans", "zh_Hant"], "zh_Hant"),
    ("zh-CN", ["zh_Hant", "zh_Hans"], "zh_Hans"),
    ("zh", ["zh_Hant", "zh_Hans"], "zh_Hans"),
    ("zh-TW", None, "zh_Hant_TW"),
    ("zh-Hant", ["zh_CN", "zh_TW"], "zh_TW"),
    ("zh-TW", ["zh_CN", "zh_TW"], "zh_TW"),
    ("sr-ME", None, "sr_Latn_ME"),
    ("sr-ME", ["sr_Cyrl", "sr_Latn"], "sr_Latn"),
    ("sr-RS", ["sr_Latn", "sr_Cyrl"], "sr_Cyrl"),
    ("sr-Cyrl-ME", ["sr_ME", "sr_Cyrl"], "sr_Cyrl"),
    # Aliases and CLDR's parents: iw is Hebrew's old code, Bokmal falls back to Norwegian.
    ("iw", ["he"], "he"),
    ("iw-IL", ["he_IL", "he"], "he_IL"),
    ("iw-IL", ["iw"], "iw"),
    ("no", ["nb"], "nb"),
    ("nb-NO", ["no", "en"], "no"),
    ("sh", ["sr_Cyrl", "sr_Latn"], "sr_Latn"),
])
def test_browser_headers_are_negotiated(header: str, available: list[str] | None, expected: str) -> None:
    assert negotiate_locale(header, available) == expected


@pytest.mark.parametrize(("given_locale", "resolved"), [
    (EN, "en"), (EN.replace("_", "-"), "en"), (AR.replace("_", "-"), "ar"), ("es-419", "es_419"),
    ("zh-Hant-HK", "zh_Hant_HK"), ("es_AR", "es_AR"), ("en_US@euro", "en_US"), ("zh-TW", "zh_Hant_TW"),
    ("zh-HK", "zh_Hant_HK"), ("sr-ME", "sr_Latn_ME"), ("iw", "he"), ("en-QM", "en"),
])
def test_a_locale_cldr_lacks_falls_back_along_its_chain(given_locale: str, resolved: str) -> None:
    assert summarize(_OFFER, given_locale).locale == resolved


def test_show_accepts_a_locale_cldr_lacks() -> None:
    assert main(["show", RESPONSE, "--locale", EN]) == 0


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


_LANGUAGES = sorted({identifier.partition("_")[0] for identifier in KNOWN} | {"iw", "no", "sh", "mo", "tlh", "und"})
_REGIONS = sorted({part for identifier in KNOWN for part in identifier.split("_")[1:]
                   if (len(part) == 2 and part.isupper()) or (len(part) == 3 and part.isdigit())}
                  | {"QA", "QM", "ZZ", "UK", "AQ"})
tags = st.builds(
    lambda language, script, region, case: case("-".join(part for part in (language, script, region) if part)),
    st.sampled_from(_LANGUAGES), st.one_of(st.none(), st.sampled_from(["Hans", "Hant", "Latn", "Cyrl", "Arab"])),
    st.one_of(st.none(), st.sampled_from(_REGIONS)), st.sampled_from([str, str.lower, str.upper]),
)


@settings(max_examples=500, deadline=None)
@given(tags, st.lists(st.sampled_from(sorted(KNOWN)), max_size=8), st.data())
def test_a_tag_gets_the_first_available_member_of_its_chain(tag: str, others: list[str], data: st.DataObject) -> None:
    chain = list(cldr_locales.locale_chain(tag))
    # Make a member of the chain available often, in a random spelling, among other locales.
    members = data.draw(st.lists(st.sampled_from(chain), max_size=2))
    available = others + [member.replace("_", "-").lower() for member in members]
    answer = negotiate_locale(tag, available)
    assert answer == "en_US" or answer in available
    lower = [member.lower() for member in chain]
    on_chain = [spelling for spelling in available if spelling.replace("-", "_").lower() in lower]
    if on_chain:
        assert answer.replace("-", "_").lower() == min(
            (spelling.replace("-", "_").lower() for spelling in on_chain), key=lower.index
        )


@settings(max_examples=500, deadline=None)
@given(tags)
def test_negotiation_and_the_display_follow_one_chain(tag: str) -> None:
    """What a page is negotiated to is what the display shows for the same tag."""
    on_chain = [member for member in cldr_locales.locale_chain(tag) if member in KNOWN]
    try:
        shown = cldr_locales.parse_locale(tag)
    except UnknownLocaleError:
        assert on_chain == []
        return
    assert str(shown) == on_chain[0]
    assert negotiate_locale(tag) == str(shown)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.integers(), max_size=2)))
def test_negotiation_refuses_what_is_not_a_header(header: object) -> None:
    with pytest.raises(InstallmentsError):
        negotiate_locale(header)  # type: ignore[arg-type]


def _cache_sizes() -> tuple[int, ...]:
    return (len(cldr_locales._LOCALES), len(language._LANGUAGES), len(numbers._FORMATTERS),
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
    assert all(len(key) <= cldr_locales.LONGEST_LOCALE for key in cldr_locales._LOCALES)
