"""The argument rules every public callable shares: enums and whole numbers.

Money and rates have theirs in :mod:`.money`.  Each rule exists here once, so that a string where
an enum is expected, or a bool where a count is expected, gets the same answer everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Final, TypeVar

from .._errors import InstallmentsError, InvalidTermsError, describe

__all__ = ["MAX_INSTALLMENTS", "parse_enum", "parse_whole", "require", "require_sequence"]

MAX_INSTALLMENTS: Final = 999
"""The largest installment count accepted: nineteen years of weekly payments."""

_Enum = TypeVar("_Enum", bound=StrEnum)
_Value = TypeVar("_Value")


def parse_enum(
    kind: type[_Enum], value: object, *, path: str, error: type[InstallmentsError] = InvalidTermsError
) -> _Enum:
    """*value* as a member of *kind*: a member, or exactly its value as a string; else *error*.

    A string is accepted as the member it names, everywhere, so that ``"WEEKLY"`` means weekly and
    never falls through to some default.  Anything else (another case, a member's name, another
    enum's member with the same text, a wrong type) is refused.

    >>> from installments_core.plans import Frequency
    >>> parse_enum(Frequency, "WEEKLY", path="frequency")
    <Frequency.WEEKLY: 'WEEKLY'>
    >>> parse_enum(Frequency, "weekly", path="frequency")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidTermsError: frequency: expected one of WEEKLY, BIWEEKLY, MONTHLY, \
BIMONTHLY, found 'weekly'
    """
    if type(value) is kind:
        return value
    if type(value) is str:
        try:
            return kind(value)
        except ValueError:
            pass
    raise error(path, expected="one of " + ", ".join(member.value for member in kind), actual=describe(value))


def parse_whole(
    value: object, *, path: str, low: int, high: int | None, error: type[InstallmentsError] = InvalidTermsError
) -> int:
    """*value* as an ``int`` from *low* to *high* (no upper bound when *high* is ``None``, for a
    count the caller caps itself); ``bool`` (an ``int`` to Python) is refused.

    >>> parse_whole(12, path="count", low=1, high=999)
    12
    >>> parse_whole(True, path="count", low=1, high=999)
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidTermsError: count: expected an integer from 1 to 999, found True
    >>> parse_whole(0, path="workers", low=1, high=None)
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidTermsError: workers: expected an integer of at least 1, found 0
    """
    if type(value) is int and low <= value and (high is None or value <= high):
        return value
    expected = f"an integer of at least {low}" if high is None else f"an integer from {low} to {high}"
    raise error(path, expected=expected, actual=describe(value))


def require(
    value: object, kind: type[_Value], *, path: str, expected: str, error: type[InstallmentsError] = InvalidTermsError
) -> _Value:
    """*value* if it is a *kind*, else *error*: the check before an argument's attributes are read.

    >>> from datetime import date
    >>> require("2027-01-01", date, path="first_due", expected="a datetime.date")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidTermsError: first_due: expected a datetime.date, found '2027-01-01'
    """
    if not isinstance(value, kind):
        raise error(path, expected=expected, actual=describe(value))
    return value


def require_sequence(
    value: object, kind: type[_Value], *, path: str, expected: str, error: type[InstallmentsError] = InvalidTermsError
) -> Sequence[_Value]:
    """*value* if it is a sequence (not text) of *kind*; else *error* at the first wrong item."""
    if isinstance(value, (str, bytes, bytearray)) or not isinstance(value, Sequence):
        raise error(path, expected=f"a sequence of {expected}", actual=describe(value))
    for index, item in enumerate(value):
        require(item, kind, path=f"{path}[{index}]", expected=expected, error=error)
    return value
