"""Interest wording in an Islamic plan's terms: the words, in every catalog language, and where a text uses one.

Cybersource's field reference says of ``isIslamicPlan``: when true, "the plan should display text
according to Shariah banking principles, such as using the term *profit* instead of *interest*".
An issuer's terms text under such a plan that says "interest" contradicts the plan's nature (and
the display's own "no profit" line beneath it): the validator warns (``islamic_interest_wording``).

The words are the conventional-finance names of interest in the languages the library has catalogs
for (``installments_core/locale``), and English; ``docs/validation.md`` gives each with its source.
Deliberately left out: *riba* (ربا, the Shariah term for what is forbidden, which Shariah-compliant
texts use to say they do not charge it) and *profit* in every language.  A negated use ("no
interest", "interest-free", 無利息) is flagged too: the guide asks for the term itself to be
replaced, and no word list can tell a negation in eleven languages.

Matching ignores what a reader ignores: compatibility forms (NFKC: full-width letters, Arabic
presentation forms, ligatures), case, accents and other combining marks (Arabic harakat and hamza
carriers, Hebrew points), the Arabic tatweel, invisible format characters (zero-width joiners, bidi
marks, soft hyphens), and the Arabic and Persian spellings of yeh and kaf.  A word matches whole
(Arabic and Hebrew words also after their one-letter proclitics: و, ف, ب, ل, ك, ال; ו, ה, ב, ל, מ,
ש, כ); a stem matches a word beginning with it; a part (German compounds, Japanese, which has no
spaces) anywhere.  A word written in capitals is an acronym and matches only in capitals ("APR",
not the "Apr" of April).  A word that is an ordinary word of another catalog language (Urdu سود is
Persian for *profit*) counts only in texts whose ``languageCode`` is its own language; every other
word counts in every text, as languages mix and codes are wrong.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, NamedTuple

from .._core.caching import MISSING, BoundedCache
from .._masking import mask_digit_runs

__all__ = ["INTEREST_WORDS", "interest_wording"]


class Wording(NamedTuple):
    """One language's names of interest (written as its speakers write them)."""

    words: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    own: tuple[str, ...] = ()
    """Whole words that count only in texts declared in this language."""
    proclitics: str = ""
    """A pattern of the letters that may be written onto a word's front."""


_ARABIC_PROCLITICS: Final = "(?:[وف]?(?:[بلك]?ال|لل|[بلك])?)"
_HEBREW_PROCLITICS: Final = "(?:[ושהבלמכ]{0,3})"

INTEREST_WORDS: Final = {
    "eng": Wording(words=("interest", "interests", "APR")),
    "ara": Wording(stems=("فائد", "فوائد"), proclitics=_ARABIC_PROCLITICS),  # فائدة, الفوائد, وسعر الفائدة
    "deu": Wording(parts=("zins",)),  # Zins, Zinsen, Sollzinssatz, effektiver Jahreszins
    "spa": Wording(words=("interés", "intereses")),
    "fas": Wording(words=("بهره",)),  # نرخ بهره; سود is Persian for profit
    "fra": Wording(words=("intérêt", "intérêts")),
    "heb": Wording(words=("ריבית",), proclitics=_HEBREW_PROCLITICS),  # not רבית: מרבית is "most"
    "ita": Wording(own=("interesse", "interessi")),  # Portuguese "interesse" is concern, not interest
    "jpn": Wording(parts=("利息", "利子", "金利", "年利", "利率")),
    "por": Wording(words=("juros",), own=("juro",)),  # Spanish "juro" is "I swear"
    "urd": Wording(own=("سود",)),  # شرح سود; Persian سود is profit
}
"""Per ISO 639-2 code (terminology form), the words that name interest."""

_BIBLIOGRAPHIC: Final = {"ger": "deu", "fre": "fra", "per": "fas"}
"""ISO 639-2's bibliographic codes of the same languages."""

# Normalising a character: compatibility decomposition (NFKD: NFKC before composing), without the
# combining marks, then the spellings Arabic script varies in.
_SAME_LETTER: Final = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_TATWEEL: Final = "\u0640"


def _normal(character: str) -> str:
    decomposed = unicodedata.normalize("NFKD", character)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in {"Mn", "Cf"} and c != _TATWEEL)
    return kept.translate(_SAME_LETTER)


def _normalized(text: str) -> tuple[str, list[int]]:
    """*text* normalised for matching, and for each of its characters the index of the one in *text* it comes from."""
    pieces: list[str] = []
    origins: list[int] = []
    for index, character in enumerate(text):
        piece = character if character.isascii() else _normal(character)
        pieces.append(piece)
        origins.extend([index] * len(piece))
    return "".join(pieces), origins


def _alternatives(words: tuple[str, ...]) -> str:
    spelled = []
    for word in words:
        written = re.escape(_normalized(word)[0])
        # An acronym keeps its case: "APR", not the "Apr" of April.
        spelled.append(f"(?-i:{written})" if len(word) > 1 and word.isupper() else written)
    return "|".join(sorted(spelled, key=len, reverse=True))


def _pattern(wording: Wording, words: tuple[str, ...]) -> list[str]:
    found = []
    proclitics = wording.proclitics.translate(_SAME_LETTER)
    if words:
        found.append(rf"(?<!\w){proclitics}(?:{_alternatives(words)})(?!\w)")
    if wording.stems:
        found.append(rf"(?<!\w){proclitics}(?:{_alternatives(wording.stems)})\w*")
    if wording.parts:
        found.append(f"(?:{_alternatives(wording.parts)})")
    return found


_EVERYWHERE: Final = re.compile(
    "|".join(piece for wording in INTEREST_WORDS.values() for piece in _pattern(wording, wording.words)),
    re.IGNORECASE,
)
_OWN: Final = {
    language: re.compile("|".join(_pattern(wording._replace(stems=(), parts=()), wording.own)), re.IGNORECASE)
    for language, wording in INTEREST_WORDS.items() if wording.own
}
_AROUND: Final = 24
"""Characters of the text shown on each side of the word found: enough to read it in context."""
_FOUND: Final = BoundedCache[tuple[str, str], "str | None"](256)
"""Per (text, language code), what :func:`interest_wording` says: an Islamic plan's terms are the same
few texts again and again."""


def _excerpt(text: str, start: int, end: int) -> str:
    """*text* from about :data:`_AROUND` characters before *start* to as many after *end*, in whole
    words, its spaces and line breaks collapsed, an ellipsis where it is cut."""
    before = text[max(start - _AROUND, 0):start]
    after = text[end:end + _AROUND]
    if start > _AROUND and " " in before:
        before = before[before.index(" "):]
    if end + _AROUND < len(text) and " " in after:
        after = after[:after.rindex(" ")]
    shown = " ".join(f"{before}{text[start:end]}{after}".split())
    return f"{'…' if start > len(before) else ''}{shown}{'…' if end + len(after) < len(text) else ''}"


def interest_wording(text: str, language: str) -> str | None:
    """A short excerpt of *text* (terms in *language*, an ISO 639-2 code) around its first word
    naming interest, or None when it has none.  Card numbers in *text* are masked first, so the
    excerpt cannot show a part of one.

    >>> interest_wording("3) Interest & Fees: 20% Interest will be charged on the unpaid principal.", "eng")
    "'Interest' in: 3) Interest & Fees: 20% Interest…"
    >>> print(interest_wording("الفوائد والرسوم: لا توجد رسوم", "ara"))
    'الفوائد' in: الفوائد والرسوم: لا توجد رسوم
    >>> interest_wording("A fixed profit rate, with no late fees.", "eng") is None
    True
    """
    key = (text, language)
    held = _FOUND.get(key, MISSING)
    if held is not MISSING:
        return held  # type: ignore[return-value]  # what was put: a text or None
    masked = mask_digit_runs(text)
    normalized, origins = _normalized(masked)
    own = _OWN.get(_BIBLIOGRAPHIC.get(language.lower(), language.lower()))
    matches = [match for match in (_EVERYWHERE.search(normalized), own and own.search(normalized)) if match]
    excerpt = None
    if matches:
        first = min(matches, key=lambda match: match.start())
        start, end = origins[first.start()], origins[first.end() - 1] + 1
        excerpt = f"{masked[start:end]!r} in: {_excerpt(masked, start, end)}"
    return _FOUND.put(key, excerpt)
