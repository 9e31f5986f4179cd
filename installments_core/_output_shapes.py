"""The JSON shapes of the reports' ``as_json``, as ``TypedDict``: their JSON schemas (``_output_types``).

Each shape is named for its type, ``{name}Json``.  Amounts are :data:`ShownAmount`, rates and
differences :data:`DecimalText`: strings with a pattern, which a front end reads with a decimal
library, never as a floating-point number.  ``tests/test_output_types.py`` holds every output the
library makes to its shape, field by field.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Final, NotRequired

from pydantic_core import core_schema

# pydantic reads a TypedDict on Python 3.11 only from typing_extensions (a dependency of pydantic).
from typing_extensions import TypedDict

from ._audit.audit_summary import MALFORMATIONS
from ._core.policy import Frequency
from ._core.regimes import Regime
from ._display.language import Direction
from ._display.terms import Match
from ._findings import Severity
from ._masking import MASK
from ._requests.request_report import RequestKind
from ._validation.validation_report import Convention

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

__all__ = [
    "AuditSummaryJson",
    "DecimalText",
    "FindingJson",
    "OfferListJson",
    "PlanDisplayJson",
    "PlanReportJson",
    "RequestReportJson",
    "ShownAmount",
    "ValidationReportJson",
]

_DIGITS: Final = "[0-9]+(?:\\.[0-9]+)?"


@dataclass(frozen=True, slots=True)
class _Text:
    """A string field's schema: its pattern, or the values it takes."""

    pattern: str | None = None
    values: tuple[str, ...] = ()

    def __get_pydantic_core_schema__(self, source: object, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        if self.values:
            return core_schema.literal_schema(list(self.values))
        return core_schema.str_schema(pattern=self.pattern)


def _values(enum: type[StrEnum]) -> _Text:
    return _Text(values=tuple(member.value for member in enum))


ShownAmount = Annotated[str, _Text(f"^(?:{_DIGITS}|{'[*]' * len(MASK)}[0-9]{{4}}(?:\\.[0-9]{{1,4}})?)$")]
"""An amount as :func:`~installments_core._masking.shown_amount` writes it: plain decimal notation,
or masked to its last four digits (and at most four decimals) when it has 13 digits or more."""

DecimalText = Annotated[str, _Text(f"^-?{_DIGITS}(?:E[+-][0-9]+)?$")]
"""A rate or a difference as ``str(Decimal)`` writes it: digits and an optional point, with an
exponent for a figure too large or too small for plain notation."""


# -- findings, and the reports of responses and requests -------------------------------------------------
class FindingJson(TypedDict):
    code: str
    severity: Annotated[str, _values(Severity)]
    path: str
    expected: str
    actual: str
    deltaMinorUnits: DecimalText | None
    rule: str


class DiscrepancyJson(TypedDict):
    path: str
    severity: Annotated[str, _values(Severity)]
    expected: str
    actual: str
    deltaMinorUnits: DecimalText | None
    rule: str


class ReadErrorJson(TypedDict):
    path: str
    message: str
    code: str


class PlanReportJson(TypedDict):
    index: int
    planId: str | None
    ok: bool
    convention: Annotated[str, _values(Convention)] | None
    policy: str | None
    discrepancies: list[DiscrepancyJson]


class ValidationReportJson(TypedDict):
    ok: bool
    format: str
    plans: list[PlanReportJson]
    errors: list[ReadErrorJson]


class ViolationJson(TypedDict):
    path: str
    rule: str
    expected: str
    actual: str
    code: str


class RequestReportJson(TypedDict):
    kind: Annotated[str, _values(RequestKind)]
    valid: bool
    violations: list[ViolationJson]
    warnings: list[ViolationJson]


# -- the display model -----------------------------------------------------------------------------------
class PlanAmountsJson(TypedDict):
    payInFull: ShownAmount
    regularInstallment: ShownAmount
    firstInstallment: ShownAmount
    lastInstallment: ShownAmount
    upfrontFee: ShownAmount
    recurringFees: ShownAmount
    totalFees: ShownAmount
    totalCost: ShownAmount


class FormattedAmountsJson(TypedDict):
    payInFull: str
    regularInstallment: str
    firstInstallment: str
    lastInstallment: str
    upfrontFee: str
    recurringFees: str
    totalFees: str
    totalCost: str


class PlanRatesJson(TypedDict):
    monthlyRatePercentage: DecimalText
    apr: DecimalText
    effectiveAnnualRate: DecimalText


class FormattedRatesJson(TypedDict):
    monthlyRatePercentage: str
    apr: str
    effectiveAnnualRate: str


class CostOfCreditJson(TypedDict):
    regime: Annotated[str, _values(Regime)]
    label: str
    rates: dict[str, DecimalText]
    """``rate``, then the regime's companion figures by name."""
    formattedRates: dict[str, str]
    legend: str | None


class TermsJson(TypedDict):
    languageCode: str
    lang: str | None
    match: Match
    version: str
    url: str | None
    text: str


class PlanDisplayJson(TypedDict):
    planId: str
    identifier: str | None
    name: str
    planType: str | None
    locale: str
    lang: str
    textLanguage: str
    direction: Direction
    currency: str
    installments: int
    frequency: Annotated[str, _values(Frequency)]
    islamic: bool
    merchantFunded: bool
    feeFree: bool
    amounts: PlanAmountsJson
    formattedAmounts: FormattedAmountsJson
    rates: PlanRatesJson
    formattedRates: FormattedRatesJson
    costOfCredit: CostOfCreditJson
    title: str
    line: str
    lines: list[str]
    termsLine: str | None
    terms: TermsJson | None


class PayInFullJson(TypedDict):
    amount: ShownAmount
    formatted: str
    text: str


class OfferListJson(TypedDict):
    locale: str
    lang: str
    textLanguage: str
    direction: Direction
    currency: str
    heading: str
    payInFull: PayInFullJson
    noPlans: str | None
    plans: list[PlanDisplayJson]


# -- audits ----------------------------------------------------------------------------------------------
class MalformedLineJson(TypedDict):
    source: NotRequired[str]
    """The file or URL the line was read from; absent for lines given directly."""
    line: int
    code: Annotated[str, _Text(values=tuple(MALFORMATIONS))]
    reason: str


class LineProblemJson(TypedDict):
    source: NotRequired[str]
    line: int
    findings: int
    first: str


class AuditSummaryJson(TypedDict):
    ok: bool
    lines: int
    blankLines: int
    responses: int
    responsesOk: int
    plans: int
    plansOk: int
    malformedLines: int
    malformedByKind: dict[str, int]
    malformedExamples: list[MalformedLineJson]
    discrepanciesByCode: dict[str, int]
    warningsByCode: dict[str, int]
    discrepanciesByRule: dict[str, int]
    warningsByRule: dict[str, int]
    policies: dict[str, int]
    conventions: dict[str, int]
    worstLines: list[LineProblemJson]
