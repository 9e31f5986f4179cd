"""Native digits: the decimal numbering systems whose digits replace ASCII ones, and each locale's own.

babel's ``numbering_system`` changes the separators only; with ``native_digits=True`` the display
takes the separators from the locale's default numbering system and its digits from this table.
"""

from __future__ import annotations

from typing import Final

from babel import Locale

from .._errors import InvalidDisplayOptionError, describe
from .locales import parse_locale

__all__ = ["DECIMAL_DIGIT_ZEROS", "check_native_digits", "digit_table", "native_numbering_system"]

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


def native_numbering_system(locale: Locale | str) -> str:
    """The locale's default numbering system when it has positional digits of its own, else ``latn``.

    >>> native_numbering_system("ar_EG"), native_numbering_system("ar_MA"), native_numbering_system("ja")
    ('arab', 'latn', 'latn')
    """
    system = parse_locale(locale).default_numbering_system
    return system if system in DECIMAL_DIGIT_ZEROS else "latn"


def digit_table(system: str) -> dict[int, str] | None:
    """A ``str.translate`` table from ASCII digits to *system*'s, or ``None`` for a system without one."""
    zero = DECIMAL_DIGIT_ZEROS.get(system)
    if zero is None:
        return None
    return {ord("0") + k: chr(zero + k) for k in range(10)}



def check_native_digits(native_digits: object) -> None:
    """Refuse a *native_digits* that is not a bool: truthiness would read ``"no"`` as yes."""
    if not isinstance(native_digits, bool):
        raise InvalidDisplayOptionError("native_digits", expected="True or False", actual=describe(native_digits))

