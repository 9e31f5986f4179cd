"""Which of a plan's terms and conditions to show, and so which ``tcVersion`` the select request sends.

Issuers label each language version of their terms with an ISO 639-2 code, in either of its two
forms: bibliographic (``ger``, ``fre``, ``chi``) or terminological (``deu``, ``fra``, ``zho``).
CLDR's language aliases, as shipped with babel, map both to the ISO 639-1 code a locale uses
(``de``); a language with no two-letter code (``haw``, Hawaiian) keeps its three letters, as CLDR
does.  Norwegian comes as a macrolanguage (``nor``, CLDR ``no``) and as its two written
standards (``nob`` Bokmål, ``nno`` Nynorsk); CLDR's locale inheritance (``parent_exceptions`` in
babel's data: ``nb`` and ``nn`` inherit from ``no``) relates them, so Norwegian terms of any of
the three match a customer of any of the three, after an exact match.  A code CLDR does not
know has no language: it is never matched, and the terms get no ``lang`` attribute (an HTML
``lang`` must be a valid BCP 47 tag, and an issuer's code may be anything).  The choice, in
order: the customer's language; English; the first version the issuer sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Literal, NamedTuple

from babel import Locale
from babel.core import get_global

from .._core.arguments import require_sequence
from .._core.offer import TermsAndConditions
from .language import LANGUAGE_SUBTAG
from .locales import parse_locale

__all__ = ["TermsChoice", "choose_terms", "terms_language"]

Match = Literal["language", "english", "first"]



@cache
def _cldr_languages() -> frozenset[str]:
    # Every language CLDR names (in English, its most complete list): each is a valid BCP 47 language subtag.
    names = Locale("en").languages
    return frozenset(code for code in names if isinstance(code, str) and LANGUAGE_SUBTAG.fullmatch(code))


def terms_language(code: str) -> str | None:
    """The CLDR language of an ISO 639-2 (or 639-1) code; ``None`` if CLDR does not know it.

    >>> [terms_language(code) for code in ("ger", "deu", "ARA", "jpn", "eng", "tel", "haw", "de")]
    ['de', 'de', 'ar', 'ja', 'en', 'te', 'haw', 'de']
    >>> terms_language("xx"), terms_language("e\u202eng")
    (None, None)
    """
    normalized = code.strip().lower()
    alias = get_global("language_aliases").get(normalized)
    language = alias.split("_")[0] if isinstance(alias, str) and alias else normalized
    return language if language in _cldr_languages() else None


def _macrolanguage(language: str) -> str:
    # CLDR makes a language inherit from another language (not a locale) only for the written
    # standards of a macrolanguage: nb and nn from no.
    parent = get_global("parent_exceptions").get(language)
    return parent if isinstance(parent, str) and "_" not in parent else language


class TermsChoice(NamedTuple):
    """The terms to show and why."""

    terms: TermsAndConditions
    language: str | None
    """The CLDR language of the chosen terms (``ar`` for ``ara``): the ``lang`` to show them in;
    ``None`` when CLDR does not know their code."""
    match: Match
    """``language``: the customer's; ``english``: the fallback; ``first``: neither was offered."""

    @property
    def version(self) -> str:
        """The ``tcVersion`` the select request must send."""
        return self.terms.version


def choose_terms(terms: Sequence[TermsAndConditions], locale: Locale | str) -> TermsChoice | None:
    """The terms to show a customer in *locale*, or ``None`` when the plan has none.

    >>> offered = (TermsAndConditions("eng", "1", "Terms"), TermsAndConditions("ara", "2", "الشروط"))
    >>> choose_terms(offered, "ar_QA").version, choose_terms(offered, "ar_QA").match
    ('2', 'language')
    >>> choose_terms(offered, "de_DE").match
    'english'
    >>> norwegian = (TermsAndConditions("eng", "1", "Terms"), TermsAndConditions("nor", "2", "Vilkår"))
    >>> choose_terms(norwegian, "nb_NO").version, choose_terms(norwegian, "nn_NO").match
    ('2', 'language')
    """
    terms = require_sequence(terms, TermsAndConditions, path="terms", expected="TermsAndConditions")
    if not terms:
        return None
    wanted = parse_locale(locale).language
    languages = [terms_language(item.language_code) for item in terms]
    for item, language in zip(terms, languages, strict=True):
        if language == wanted:
            return TermsChoice(item, language, "language")
    family = _macrolanguage(wanted)
    for item, language in zip(terms, languages, strict=True):
        if language is not None and _macrolanguage(language) == family:
            return TermsChoice(item, language, "language")
    for item, language in zip(terms, languages, strict=True):
        if language == "en":
            return TermsChoice(item, language, "english")
    return TermsChoice(terms[0], languages[0], "first")
