"""What the HTML report counts beyond the summary, from the rows an audit gives per finding: error-level findings
by field, by currency and format, and the distribution of their deltas in minor units."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from .._core.money import CTX
from .._findings import Severity
from .lines import FindingRow

__all__ = ["FRACTIONS", "FindingsTally", "band_label", "delta_band", "field_of"]

_EXACT_UP_TO: Final = 10
"""Whole deltas up to this many minor units either way are each their own band: the off-by-ones of rounding."""
_DECADES: Final = (100, 1_000, 10_000)
"""Upper ends of the bands of larger whole deltas; past the last, one open band each way."""
FRACTIONS: Final = 100
"""The band of deltas that are not a whole number of minor units, last in the bands' order."""
_INDEX: Final = re.compile(r"\[[0-9]+\]")


def delta_band(delta: Decimal) -> int:
    """The band of the distribution *delta* (in minor units) falls in; bands sort in the order a chart shows them.

    >>> [delta_band(Decimal(text)) for text in ("-1", "0", "10", "11", "-100", "101", "10001", "0.5")]
    [-1, 0, 10, 11, -11, 12, 14, 100]
    """
    magnitude = delta.copy_abs()  # exact, as every step here: only comparisons, never the thread's context
    if magnitude != CTX.to_integral_value(magnitude):
        return FRACTIONS
    if magnitude <= _EXACT_UP_TO:
        return int(delta)
    rank = _EXACT_UP_TO + 1 + sum(magnitude > bound for bound in _DECADES)
    return -rank if delta.is_signed() else rank


def band_label(band: int) -> str:
    """A band of :func:`delta_band` in words.

    >>> [band_label(band) for band in (-14, -11, -1, 0, 3, 12, 14, 100)]
    ['< -10,000', '-11 to -100', '-1', '0', '+3', '+101 to +1,000', '> +10,000', 'not a whole number']
    """
    if band == FRACTIONS:
        return "not a whole number"
    if abs(band) <= _EXACT_UP_TO:
        return f"{band:+d}" if band else "0"
    sign = "-" if band < 0 else "+"
    rank = abs(band) - _EXACT_UP_TO - 1
    if rank == len(_DECADES):
        return f"{'<' if band < 0 else '>'} {sign}{_DECADES[-1]:,}"
    low = _EXACT_UP_TO + 1 if rank == 0 else _DECADES[rank - 1] + 1
    return f"{sign}{low:,} to {sign}{_DECADES[rank]:,}"


def field_of(path: str) -> str:
    """The field a finding's *path* names, whichever plan or element: its list indices left out.

    >>> field_of("installmentInformation.planDetails[2].amountDetails.firstInstallment.amount")
    'installmentInformation.planDetails[].amountDetails.firstInstallment.amount'
    """
    return _INDEX.sub("[]", path)


@dataclass(slots=True)
class FindingsTally:
    """Error-level findings counted as the report shows them; :meth:`add` takes an audit's rows as they come."""

    fields: Counter[str] = field(default_factory=Counter)
    """By the field they are about (:func:`field_of`)."""
    currencies_formats: Counter[tuple[str, str]] = field(default_factory=Counter)
    """By the order's currency (empty when unknown) and the response's format."""
    deltas: Counter[int] = field(default_factory=Counter)
    """Findings with a delta, by its band (:func:`delta_band`)."""

    def add(self, rows: list[FindingRow]) -> None:
        """Count the error-level findings among *rows*."""
        for row in rows:
            if row.severity != Severity.ERROR.value:
                continue
            self.fields[field_of(row.path)] += 1
            self.currencies_formats[row.currency or "", row.format] += 1
            if row.delta_minor_units is not None:
                self.deltas[delta_band(Decimal(row.delta_minor_units))] += 1
