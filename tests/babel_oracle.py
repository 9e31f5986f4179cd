"""babel as the oracle for number formatting, with its one known defect stated and confined."""

from __future__ import annotations

import re

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

_QUOTED = re.compile(r"'([^']*)'")


def agrees_with_babel(ours: str, babel: str, locale: Locale | str, numbering_system: str = "latn") -> bool:
    """Whether *ours* is what babel's ``format_*`` wrote, character for character, or differs only by babel's defect.

    babel's last step unquotes CLDR literals over the whole formatted number, digits included.  Where a
    locale's group or decimal symbol is an ASCII apostrophe (the Swiss locales in babel 2.19's CLDR),
    that pass eats separators: ``1'234'567.50`` comes out as ``1234567.50``.  The library keeps them.
    Only for such a locale, and only when babel's output differs, is *ours* compared after the same
    pass: a babel that no longer has the defect, or never met it, is compared as it is.
    """
    if ours == babel:
        return True
    symbols = get_group_symbol(locale, numbering_system=numbering_system) + get_decimal_symbol(
        locale, numbering_system=numbering_system
    )
    return "'" in symbols and _QUOTED.sub(lambda m: m.group(1) or "'", ours) == babel
