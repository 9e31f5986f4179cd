"""Validation results as data: a report listing every violation (a :class:`~installments_core.Finding`) by path.

>>> report = RequestReport("select", (
...     Finding("installmentInformation.tcVersion", "the terms version the customer accepted is required",
...               expected="a string of 1 to 36 characters", actual="missing", code="missing_field"),
... ))
>>> report.ok
False
>>> print(report)
select request: 1 violation
  installmentInformation.tcVersion: the terms version the customer accepted is required (expected a string \
of 1 to 36 characters, found missing)
>>> report.raise_if_invalid()
Traceback (most recent call last):
...
installments_core.errors.InvalidRequestError: installmentInformation.tcVersion: expected a string of 1 to 36 \
characters, found missing (the terms version the customer accepted is required)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from .._core.arguments import parse_enum
from .._errors import InstallmentsError, InvalidRequestError, masked_repr
from .._findings import Finding

__all__ = ["RequestKind", "RequestReport", "Violation"]


class RequestKind(StrEnum):
    """The requests this library builds and checks."""

    GET_PLANS = "get-plans"
    """``POST /fin/v1/plans/``"""
    SELECT = "select"
    """``POST /fin/v1/plan-acceptance/``"""
    CANCEL = "cancel"
    """``POST /fin/v1/plan-acceptance/cancel/``"""
    JPO_AUTHORIZATION = "jpo-authorization"
    """``POST /pts/v2/payments`` with Japanese Payment Options"""

    @classmethod
    def parse(cls, value: object) -> RequestKind:
        """The kind named *value*, or an :class:`~installments_core.InstallmentsError`.

        >>> RequestKind.parse("select")
        <RequestKind.SELECT: 'select'>
        """
        return parse_enum(cls, value, path="kind", error=InstallmentsError)




Violation = Finding
"""One broken rule in a request (:class:`~installments_core.Finding`, by its 0.1 name)."""

# The entries of ``installments-core check-request --json`` keep the shape docs/requests.md gives them.
_VIOLATION_KEYS: Final = ("path", "rule", "expected", "actual", "code")


def _violation_json(finding: Finding) -> dict[str, object]:
    entry = finding.as_json()
    return {key: entry[key] for key in _VIOLATION_KEYS}


@masked_repr
@dataclass(frozen=True, slots=True)
class RequestReport:
    """Every violation found in one request, in document order; empty when the request is valid.

    *warnings* are findings that do not make the request invalid: what Cybersource accepts but a
    careful sender would write otherwise (a JPO currency ``"jpy"``).
    """

    kind: str
    """Which request was checked: ``get-plans``, ``select``, ``cancel`` or ``jpo-authorization``."""
    violations: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the request breaks no rule."""
        return not self.violations

    def __bool__(self) -> bool:
        return self.ok

    def paths(self) -> tuple[str, ...]:
        """The path of each violation, in order."""
        return tuple(violation.path for violation in self.violations)

    def raise_if_invalid(self) -> None:
        """Raise :class:`~installments_core.InvalidRequestError` describing the first violation
        and carrying all of them; do nothing if the request is valid."""
        if not self.violations:
            return
        first = self.violations[0]
        more = len(self.violations) - 1
        detail = first.rule if not more else f"{first.rule}; and {more} more violation{'s' if more > 1 else ''}"
        raise InvalidRequestError(
            first.path, expected=first.expected, actual=first.actual, detail=detail, violations=self.violations
        )

    def as_json(self) -> dict[str, object]:
        """``{"kind", "valid", "violations": [...], "warnings": [...]}``, as ``check-request --json`` prints it."""
        return {"kind": self.kind, "valid": self.ok, "violations": [_violation_json(v) for v in self.violations],
                "warnings": [_violation_json(w) for w in self.warnings]}

    def __str__(self) -> str:
        counts = [f"{len(found)} {word}{'s' if len(found) > 1 else ''}"
                  for found, word in ((self.violations, "violation"), (self.warnings, "warning")) if found]
        verdict = ", ".join(counts) if self.violations else ", ".join(["valid", *counts])
        lines = [f"{self.kind} request: {verdict}"]
        lines.extend(f"  {violation}" for violation in self.violations)
        lines.extend(f"  warning: {warning}" for warning in self.warnings)
        return "\n".join(lines)
