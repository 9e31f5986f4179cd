"""Locale identifiers to CLDR locales: one fallback chain, with CLDR's aliases, likely subtags and parents.

babel's own ``Locale.parse`` knows neither a locale CLDR lacks (``en-QA``) nor the parent it should
fall back to (``es_419`` for ``es_AR``); the display and the locale negotiation share this chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from babel import Locale
from babel.core import get_global, get_locale_identifier
from babel.core import parse_locale as babel_parse_locale
from babel.localedata import locale_identifiers

from .._errors import UnknownLocaleError, describe
from .caches import cached, remember

__all__ = ["KNOWN_LOCALES", "LONGEST_LOCALE", "locale_chain", "parse_locale"]

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
    :func:`~installments_core.display.negotiate_locale` the first one available.  First *identifier* as
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

