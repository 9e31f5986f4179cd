"""The customer's language: CLDR formatting, translated sentences, text direction, bidi isolation.

A :class:`Language` is resolved once per (locale, native digits) and cached: the babel locale,
the gettext catalog of the sentences, and the formatters of amounts, percentages and counts.

Sentences come from the gettext catalogs in ``installments_core/locale`` (``docs/display.md``
says how they are extracted, updated and compiled).  A locale without a catalog gets the English
sentences, still with its own number and currency formatting.

Right-to-left text: when the sentences are in a right-to-left language (Arabic, Hebrew, Persian,
Urdu, …), or the numbers follow such a locale's conventions, every number in a sentence is
wrapped in a Unicode isolate so that its digits, separators and currency sign keep their order
and do not pull the neighbouring words around: amounts and rates in FIRST STRONG ISOLATE (their
CLDR pattern's own RLM or LRM then decides their direction), codes and version numbers in
LEFT-TO-RIGHT ISOLATE.  Text from the issuer (plan names, terms and conditions) is stripped of
bidi embedding, override and isolate controls, which could otherwise break that isolation.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from typing import Final, Literal

from babel import Locale

from .._errors import UnknownLocaleError, describe, mask_digit_runs, shown_amount
from .caches import cached, remember
from .digits import check_native_digits
from .locales import KNOWN_LOCALES, LONGEST_LOCALE, locale_chain, parse_locale
from .number_patterns import NumberFormatter
from .numbers import AmountFormatter, amount_formatter, count_formatter, percent_formatter

__all__ = [
    "DEFAULT_LOCALE",
    "DOMAIN",
    "FSI",
    "LANGUAGE_SUBTAG",
    "LONGEST_ACCEPT_LANGUAGE",
    "LRI",
    "PDI",
    "Direction",
    "Language",
    "accepted_languages",
    "bcp47_tag",
    "catalog_languages",
    "display_text",
    "language_for",
    "negotiate_locale",
]

LANGUAGE_SUBTAG: Final = re.compile("[a-z]{2,3}")
"""A BCP 47 primary language subtag as CLDR writes it (ISO 639-1 or -3, lower case)."""

DOMAIN: Final = "installments_core"
"""The gettext domain: ``installments_core/locale/<lang>/LC_MESSAGES/installments_core.mo``."""

FSI: Final = "\u2068"
"""FIRST STRONG ISOLATE: opens a run whose direction its first strong character decides."""
LRI: Final = "\u2066"
"""LEFT-TO-RIGHT ISOLATE."""
PDI: Final = "\u2069"
"""POP DIRECTIONAL ISOLATE: closes either."""

Direction = Literal["ltr", "rtl"]

_BIDI_CONTROLS: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Issuer text without bidi embeddings, overrides and isolates (LRM and RLM are kept).

    >>> clean_text("plan\\u202e reversed")
    'plan reversed'
    """
    return _BIDI_CONTROLS.sub("", text)


def display_text(text: str) -> str:
    """Issuer text as it may be shown: :func:`clean_text`, then every card-number-like digit run masked.

    Issuers put what they like in plan names and terms; a card number there must not reach a page.
    The bidi controls go first; the mask reads through invisible format characters and every other
    spelling of a card number (``mask_digit_runs``), so that nothing can hide one from it.

    >>> display_text("Charged to card 4111\u202e111111111111")
    'Charged to card ****1111'
    >>> display_text("card 4111\u200b1111\u200e1111\u00ad1111"), display_text("\u200fplan 12")
    ('card ****1111', '\u200fplan 12')
    >>> display_text("card 4111\u00a01111.1111 / 1111")
    'card ****1111'
    """
    return mask_digit_runs(clean_text(text))


def _catalog_file(name: str) -> resources.abc.Traversable:
    return resources.files("installments_core").joinpath("locale", name, "LC_MESSAGES", f"{DOMAIN}.mo")


def catalog_languages() -> tuple[str, ...]:
    """The languages with a compiled sentence catalog, English (the source language) included.

    >>> catalog_languages()
    ('ar', 'de', 'en', 'es', 'fa', 'fr', 'he', 'it', 'ja', 'pt', 'ur')
    """
    root = resources.files("installments_core").joinpath("locale")
    found = {entry.name for entry in root.iterdir() if entry.is_dir() and _catalog_file(entry.name).is_file()}
    return tuple(sorted(found | {"en"}))


_CATALOGS: dict[str, gettext.GNUTranslations] = {}


def _translations(locale: Locale) -> tuple[str, gettext.NullTranslations]:
    candidates = []
    if locale.territory:
        candidates.append(f"{locale.language}_{locale.territory}")
    if locale.script:
        candidates.append(f"{locale.language}_{locale.script}")
    candidates.append(locale.language)
    for name in candidates:
        loaded = _CATALOGS.get(name)
        if loaded is not None:
            return name.split("_")[0], loaded
        catalog = _catalog_file(name)
        if catalog.is_file():
            with catalog.open("rb") as stream:
                loaded = _CATALOGS[name] = gettext.GNUTranslations(stream)
            return name.split("_")[0], loaded
    return "en", gettext.NullTranslations()


_BCP47_SUBTAGS: Final = (
    re.compile("[A-Z][a-z]{3}"),  # script
    re.compile("[A-Z]{2}|[0-9]{3}"),  # region
    re.compile("[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}"),  # variant
)


def bcp47_tag(locale: Locale) -> str:
    """The BCP 47 tag of *locale* for an HTML ``lang`` attribute: never anything but a valid tag.

    CLDR's identifiers are not all BCP 47: the root locale is ``und`` (undetermined) in BCP 47,
    and a POSIX ``@modifier`` (``ar_QA@foo bar``, which babel keeps) has no BCP 47 form, so it is
    left out.

    >>> bcp47_tag(Locale.parse("zh_Hant_TW")), bcp47_tag(Locale.parse("ca_ES_VALENCIA")), bcp47_tag(Locale("root"))
    ('zh-Hant-TW', 'ca-ES-valencia', 'und')
    >>> bcp47_tag(Locale.parse("ar_QA@foo bar"))
    'ar-QA'
    """
    language = locale.language
    tag = [language if LANGUAGE_SUBTAG.fullmatch(language) else "und"]
    for subtag, syntax in zip((locale.script, locale.territory, locale.variant), _BCP47_SUBTAGS, strict=True):
        if subtag and syntax.fullmatch(subtag):
            tag.append(subtag.lower() if syntax is _BCP47_SUBTAGS[2] else subtag)
    return "-".join(tag)


def _direction(language: str) -> Direction:
    return "rtl" if Locale.parse(language).character_order == "right-to-left" else "ltr"


@dataclass(frozen=True, slots=True)
class Language:
    """Everything needed to write sentences for one locale.  Build it with :func:`language_for`."""

    locale: Locale
    identifier: str
    """The CLDR identifier, e.g. ``ar_QA``."""
    tag: str
    """The BCP 47 tag for an HTML ``lang`` attribute, e.g. ``ar-QA``."""
    text_language: str
    """The language of the sentences: the locale's own when a catalog exists, else ``en``."""
    direction: Direction
    """The direction of the sentences."""
    isolate: bool
    """Whether numbers and codes in sentences are wrapped in Unicode isolates."""
    native_digits: bool
    translations: gettext.NullTranslations
    counts: NumberFormatter
    _amounts: dict[str, AmountFormatter | NumberFormatter] = field(default_factory=dict)
    _percents: dict[int, NumberFormatter] = field(default_factory=dict)
    titles: dict[tuple[object, int], str] = field(default_factory=dict)
    """Plan titles already written, by (frequency, count): the summaries' hot path reuses them."""

    def gettext(self, message: str) -> str:
        """The translated *message*."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The translated *singular*/*plural* message in the plural form CLDR gives *count*."""
        return self.translations.ngettext(singular, plural, count)

    def amount(self, value: Decimal, currency: str) -> str:
        """*value* as this locale writes an amount of *currency*, bare (no isolate)."""
        formatter = self._amounts.get(currency)
        if formatter is None:
            both = amount_formatter(self.locale, currency, native_digits=self.native_digits)
            # Where CLDR shows at least ISO's digits, skip the indirection: this is the hot path.
            formatter = self._amounts[currency] = both.cldr if both.iso is None else both
        # An amount of 13 digits or more is shown masked, as every message shows it: a card number
        # passed as the order total must not reach a page in any locale's grouping (commas, narrow
        # no-break spaces, apostrophes, native digits), which the text rule does not read through.
        return shown_amount(value, formatter.format(value))

    def percent(self, value: Decimal) -> str:
        """A percentage (``Decimal("0.42")`` is 0.42 %) with its own decimals, at least two, bare."""
        exponent = value.as_tuple().exponent
        decimals = max(2, -exponent) if isinstance(exponent, int) else 2
        formatter = self._percents.get(decimals)
        if formatter is None:
            formatter = self._percents[decimals] = percent_formatter(
                self.locale, decimals, native_digits=self.native_digits
            )
        return formatter.format(value)

    def isolated(self, text: str) -> str:
        """*text* (an amount or a rate) in a first-strong isolate when this language needs isolation."""
        return f"{FSI}{text}{PDI}" if self.isolate else text

    def code(self, text: str) -> str:
        """*text* (a code, an identifier, a version) in a left-to-right isolate when needed."""
        return f"{LRI}{text}{PDI}" if self.isolate else text

    def count(self, value: int) -> str:
        """An installment count in this locale's digits."""
        return self.counts.format(Decimal(value))


_LANGUAGES: dict[tuple[object, bool], Language] = {}


def language_for(locale: Locale | str, *, native_digits: bool = False) -> Language:
    """The cached :class:`Language` of *locale* (``ar_QA``, ``ar-QA`` or a babel ``Locale``).

    >>> arabic = language_for("ar_QA")
    >>> arabic.text_language, arabic.direction, arabic.tag
    ('ar', 'rtl', 'ar-QA')
    >>> language_for("sw_KE").text_language   # no Swahili catalog: English sentences
    'en'
    """
    key = (locale, native_digits)
    found = cached(_LANGUAGES, key)
    if found is None:
        check_native_digits(native_digits)
        parsed = parse_locale(locale)
        text_language, translations = _translations(parsed)
        direction = _direction(text_language)
        language = Language(
            locale=parsed,
            identifier=str(parsed),
            tag=bcp47_tag(parsed),
            text_language=text_language,
            direction=direction,
            isolate=direction == "rtl" or parsed.character_order == "right-to-left",
            native_digits=native_digits,
            translations=translations,
            counts=count_formatter(parsed, native_digits=native_digits),
        )
        found = remember(_LANGUAGES, key, language)
    return found


LONGEST_ACCEPT_LANGUAGE: Final = 4096
"""How much of an ``Accept-Language`` header is read: browsers send well under 200 characters."""
DEFAULT_LOCALE: Final = "en_US"
"""What :func:`negotiate_locale` answers when nothing the customer accepts is available."""

# RFC 9110: a language range is "*" or 1-8 letters followed by "-" and 1-8 letters or digits,
# repeated; a weight is 0 to 1 with at most three decimals.
_LANGUAGE_RANGE: Final = re.compile(r"\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_WEIGHT: Final = re.compile(r"[qQ]=(0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)")


def accepted_languages(header: str) -> list[str]:
    """The language ranges of an ``Accept-Language`` *header*, most wanted first; ``q=0`` and
    malformed parts are left out, and only the first 4096 characters are read.

    >>> accepted_languages("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5, x_bad;q=1, es;q=2, it;q=0")
    ['fr-CH', 'fr', 'en', 'de', '*']
    """
    weighted = []
    for position, part in enumerate(header[:LONGEST_ACCEPT_LANGUAGE].split(",")):
        tag, _, parameters = part.partition(";")
        tag = tag.strip()
        weight = _WEIGHT.fullmatch(parameters.strip()) if parameters else None
        if not _LANGUAGE_RANGE.fullmatch(tag) or (parameters and weight is None):
            continue
        quality = Decimal(weight.group(1)) if weight is not None else Decimal(1)
        if quality:
            weighted.append((-quality, position, tag))
    return [tag for *_, tag in sorted(weighted)]


def negotiate_locale(
    accept_language: str, available: Iterable[str] | None = None, *, default: str = DEFAULT_LOCALE
) -> str:
    """The locale of *available* that best serves an HTTP ``Accept-Language`` header, else *default*.

    Each range the customer accepts, most wanted first, is looked up along :func:`locale_chain`,
    the chain :func:`parse_locale` follows too (``zh-TW`` → ``zh_Hant_TW`` → ``zh_Hant``, ``sr-ME``
    → ``sr_Latn_ME`` → ``sr_Latn``, ``es-AR`` → ``es_419`` → ``es``, ``iw`` → ``he``), hyphens or
    underscores alike, case aside.  Failing that, an available locale that falls back to the nearest
    member of that chain, the first by name (``ja`` → ``ja_JP``, ``no`` → ``nb``, whose CLDR parent
    is ``no``); ``*`` takes *default*.  *available* defaults to every locale babel knows; the answer
    is always one of them, as spelled there, or *default*.

    >>> negotiate_locale("en-QA,en;q=0.9,ar;q=0.8", ["en_US", "en", "ar"])
    'en'
    >>> negotiate_locale("ar-US, en;q=0.5", ["en_US", "ar_QA", "ar"]), negotiate_locale("zh-TW", ["zh_Hans", "zh_Hant"])
    ('ar', 'zh_Hant')
    >>> negotiate_locale("es-AR", ["es_ES", "es_419"]), negotiate_locale("zh-Hant-HK", ["zh_Hant", "zh_Hans"])
    ('es_419', 'zh_Hant')
    >>> negotiate_locale("tlh;q=1, *;q=0.1", ["fr_FR"], default="fr_FR")
    'fr_FR'
    """
    if type(accept_language) is not str:
        raise UnknownLocaleError("accept_language", expected="an Accept-Language header as text",
                                 actual=describe(accept_language))
    if type(default) is not str:
        raise UnknownLocaleError("default", expected="a locale identifier", actual=describe(default))
    spellings = _available(available)
    below: dict[str, str] | None = None
    for tag in accepted_languages(accept_language):
        if tag == "*":
            return default
        try:
            chain = [candidate.lower() for candidate in locale_chain(tag)]
        except ValueError:
            continue
        for candidate in chain:
            found = spellings.get(candidate)
            if found is not None:
                return found
        # Nothing on the chain: a more specific locale of it serves better than the default.
        if below is None:
            below = _known_below() if available is None else _below(spellings)
        for candidate in chain:
            found = below.get(candidate)
            if found is not None:
                return found
    return default


def _available(available: Iterable[str] | None) -> dict[str, str]:
    """Available locales by their lower-case underscore identifier, mapped to their own spelling."""
    if available is None:
        return _KNOWN_LOCALES
    if isinstance(available, (str, bytes)) or not isinstance(available, Iterable):
        raise UnknownLocaleError("available", expected="an iterable of locale identifiers", actual=describe(available))
    spellings: dict[str, str] = {}
    for index, locale in enumerate(available):
        if type(locale) is not str or len(locale) > LONGEST_LOCALE:
            raise UnknownLocaleError(f"available[{index}]", expected="a locale identifier", actual=describe(locale))
        spellings.setdefault(locale.replace("-", "_").lower(), locale)
    return spellings


def _below(spellings: dict[str, str]) -> dict[str, str]:
    """For each locale some available one falls back to (lower case), the first such by name."""
    below: dict[str, str] = {}
    for spelling in sorted(spellings.values()):
        try:
            chain = list(locale_chain(spelling))
        except ValueError:
            continue  # an identifier babel cannot read is only ever matched as written
        for candidate in chain:
            below.setdefault(candidate.lower(), spelling)
    return below


_KNOWN_LOCALES: Final = {identifier.lower(): identifier for identifier in KNOWN_LOCALES}


@functools.cache
def _known_below() -> dict[str, str]:
    # Built on first need (a tenth of a second), not on import: most headers match on their chain.
    return _below(_KNOWN_LOCALES)
