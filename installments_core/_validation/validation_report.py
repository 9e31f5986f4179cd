"""The validation report: data, not a boolean.

A :class:`ValidationReport` holds one :class:`PlanReport` per plan of the response, in order,
and the problems that kept parts of the response from being read.  Each plan lists its
discrepancies.  Both are :class:`~installments_core.Finding`: the JSON path from the response
root, the rule's code and words, what the rule expected, what the issuer sent and, for amounts,
the difference in minor units.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from .._core.offer import PlanOffer
from .._errors import mask_digit_runs, masked_repr, shown_amount
from .._findings import Finding, Severity
from .._output_types import typed_output

__all__ = [
    "Convention",
    "Discrepancy",
    "PlanReport",
    "ReadError",
    "Severity",
    "ValidationReport",
    "plan_finding",
]


class Convention(StrEnum):
    """Which meaning a plan's ``firstInstallment.feeAmount`` follows (``docs/validation.md``).

    ``CURRENT``: the recurring fee of the first installment only (guide rev. 25.09.01).
    ``REV_2024``: the recurring fee *plus* the upfront fee (guide rev. 2024-03).
    ``EITHER``: the plan has no upfront fee, so both conventions give the same numbers.
    """

    CURRENT = "current"
    REV_2024 = "2024"
    EITHER = "either"


def plan_finding(path: str, rule: str, expected: str, actual: str, code: str, *, severity: Severity,
                 delta_minor_units: Decimal | None = None) -> Finding:
    """A plan's :class:`~installments_core.Finding` (the same arguments), its ``expected`` and
    ``actual`` masked as amounts are: no run of 13 digits or more shows, since no amount that long
    is plausible and one derived from a card number typed into an amount field would reveal it
    (the delta is then withheld too).

    >>> plan_finding("totalPlanAmount", "words", "500.00", "1234567890123.00", "plan_total", severity=Severity.ERROR,
    ...              delta_minor_units=Decimal("123456789062300"))
    Finding(path='totalPlanAmount', rule='words', expected='500.00', actual='****2300', code='plan_total', \
severity=<Severity.ERROR: 'error'>, delta_minor_units=None)
    """
    return Finding(path, rule, mask_digit_runs(expected, card_field=True), mask_digit_runs(actual, card_field=True),
                   code, severity, delta_minor_units)


Discrepancy = Finding
"""A plan's finding: one field that breaks one rule (:class:`~installments_core.Finding`, by its 0.1 name)."""
ReadError = Finding
"""A part of the response that could not be read: a missing field, a wrong type, a bad amount
(:class:`~installments_core.Finding`, by its 0.1 name; ``message`` says what was expected and found)."""

# The entries of ``installments-core validate --json`` keep the shape docs/validation.md gives them.
_DISCREPANCY_KEYS: Final = ("path", "severity", "expected", "actual", "deltaMinorUnits", "rule")


def _discrepancy_json(finding: Finding) -> dict[str, object]:
    entry = finding.as_json()
    return {key: entry[key] for key in _DISCREPANCY_KEYS}


def _read_error_json(finding: Finding) -> dict[str, object]:
    return {"path": finding.path, "message": finding.message, "code": finding.code}


@typed_output
@masked_repr
@dataclass(frozen=True, slots=True)
class PlanReport:
    """What validation found for one plan."""

    index: int
    path: str
    """The plan's own path, e.g. ``installmentInformation.planDetails[1]`` or ``matchedPlans[1]``."""
    plan_id: str | None
    convention: Convention | None
    """The fee convention the plan follows; ``None`` when it fits neither or could not be told."""
    policy: str | None
    """The rounding policy that reproduces every amount; ``None`` when none does or none was tried."""
    discrepancies: tuple[Finding, ...] = ()
    errors: tuple[Finding, ...] = ()
    """Parts of this plan that could not be read (also listed in :attr:`ValidationReport.errors`)."""
    offer: PlanOffer | None = None
    """The plan as recomputed from the order amount and its fee terms, when that was possible."""

    @property
    def ok(self) -> bool:
        """Whether the plan was read completely and nothing in it is an error (warnings allowed)."""
        return not self.errors and all(d.severity is not Severity.ERROR for d in self.discrepancies)

    def as_json(self) -> dict[str, object]:
        """The entry as in ``installments-core validate --json``."""
        return {
            "index": self.index,
            "planId": self.plan_id,
            "ok": self.ok,
            "convention": None if self.convention is None else self.convention.value,
            "policy": self.policy,
            "discrepancies": [_discrepancy_json(d) for d in self.discrepancies],
        }


@typed_output
@masked_repr
@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Everything validation found in one response."""

    format: str
    """``"cybersource"`` (``installmentInformation.planDetails[]``) or ``"visa"`` (``matchedPlans[]``)."""
    plans: tuple[PlanReport, ...] = ()
    errors: tuple[Finding, ...] = ()
    """Every part of the response that could not be read, the plans' included."""
    order_amount: Decimal | None = None
    """The order amount the plans were checked against (given, from the request, or inferred)."""
    currency: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the response was read completely and no discrepancy is an error."""
        return not self.errors and all(plan.ok for plan in self.plans)

    @property
    def discrepancies(self) -> tuple[Finding, ...]:
        """Every plan's discrepancies, in plan order."""
        return tuple(d for plan in self.plans for d in plan.discrepancies)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Everything found: the parts that could not be read, then every plan's discrepancies."""
        return self.errors + self.discrepancies

    @property
    def offers(self) -> tuple[PlanOffer, ...]:
        """The offers of the plans that passed (:attr:`PlanReport.ok`): the ones fit to show a customer."""
        return tuple(plan.offer for plan in self.plans if plan.ok and plan.offer is not None)

    @property
    def text(self) -> str:
        """The report as plain text for a person at a terminal: per plan, a table of its findings."""
        return _text(self)

    def as_json(self) -> dict[str, object]:
        """The report as ``installments-core validate --json`` prints it (``docs/validation.md``)."""
        return {
            "ok": self.ok,
            "format": self.format,
            "plans": [plan.as_json() for plan in self.plans],
            "errors": [_read_error_json(error) for error in self.errors],
        }


_COLUMN_GAP = "    "


def _text(report: ValidationReport) -> str:
    amount = "-" if report.order_amount is None else (
        f"{shown_amount(report.order_amount)} {report.currency or ''}".rstrip())
    verdict = "OK" if report.ok else "NOT OK"
    lines = [f"{report.format} response, {len(report.plans)} plan(s), order amount {amount}: {verdict}"]
    for plan in report.plans:
        state = "ok" if plan.ok else "FAIL"
        convention = plan.convention.value if plan.convention is not None else "-"
        lines.append("")
        lines.append(
            f"[{plan.index}] {plan.plan_id or '(no planId)'}  {state}  "
            f"convention {convention}  policy {plan.policy or '-'}"
        )
        lines.extend(f"  unreadable  {error.path}: {error.message}" for error in plan.errors)
        rows = [("severity", "path", "expected", "actual", "delta", "rule")]
        for d in plan.discrepancies:
            delta = "" if d.delta_minor_units is None else str(d.delta_minor_units)
            rows.append((d.severity.value, d.path, d.expected, d.actual, delta, d.rule))
        if len(rows) > 1:
            widths = [max(len(row[i]) for row in rows) for i in range(5)]
            for row in rows:
                cells = [cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)]
                # Four spaces apart: amounts in neighbouring columns never read as one card number
                # (the masking rule joins digits at most three separators apart).
                lines.append("  " + _COLUMN_GAP.join(cells) + _COLUMN_GAP + row[5])
    in_plans = {id(error) for plan in report.plans for error in plan.errors}
    outside = [error for error in report.errors if id(error) not in in_plans]
    if outside:
        lines.append("")
        lines.extend(f"unreadable  {error.path or '(root)'}: {error.message}" for error in outside)
    return "\n".join(lines)
