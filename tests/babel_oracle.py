"""babel as the oracle for number formatting, with its one known defect stated and confined."""

from __future__ import annotations

import re

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

_QUOTED = re.compile(r"'([^']*)'")


def as_babel_writes(ours: str, locale: Locale | str, numbering_system: str = "latn") -> str:
    """*ours* as babel's ``format_*`` would write it.

    babel's last step unquotes CLDR literals over the whole formatted number, digits included.  Where a
    locale's group or decimal symbol is an ASCII apostrophe (the Swiss locales in babel 2.19's CLDR),
    that pass eats separators: ``1'234'567.50`` comes out as ``1234567.50``.  The library keeps them;
    everywhere else its output must equal babel's character for character, so nothing else is changed.
    """
    symbols = get_group_symbol(locale, numbering_system=numbering_system) + get_decimal_symbol(
        locale, numbering_system=numbering_system
    )
    if "'" not in symbols:
        return ours
    return _QUOTED.sub(lambda m: m.group(1) or "'", ours)
