"""The reader of Visa's native get-plans response: a parsed response's plans as wire-neutral readings.

Amounts stay integers of minor units (as Decimals) until the validator knows the currency; rates
in hundredths of a percent become percentages.  As every reader, it records anything unexpected
where it was found, in the words the validator reports, and reads on.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from ..._core.money import CTX
from ..._core.offer import TermsAndConditions
from ..._core.plan import MAX_INSTALLMENTS
from ..._findings import Finding
from ..fields import MAX_APR_HUNDREDTHS, MAX_FEES, MAX_HUNDREDTHS, MAX_MINOR, MAX_PLANS, MAX_TERMS, MAX_VERSION
from ..reading import PlanReading, Walk, fee_terms, terms_findings
from .table import PLANS, group

__all__ = ["read_envelope", "read_plan"]

_HUNDREDTHS: Final = -2
_MINOR_RULE: Final = "an integer of minor units"
_HUNDREDTHS_RULE: Final = "a rate in hundredths of a percent"
_TOTALS: Final = group("costInfo")
_INSTALLMENTS: Final = (
    ("firstInstallment", False, group("costInfo.firstInstallment")),
    ("lastInstallment", True, group("costInfo.lastInstallment")),
)


def read_envelope(document: dict[str, object]) -> tuple[list[object], list[Finding]]:
    """The plans of a Visa *document* (not yet read) and the envelope's own problems."""
    errors: list[Finding] = []
    plans = Walk(errors).array(document, PLANS, "", MAX_PLANS, required=True)
    return plans or [], errors


def read_plan(index: int, plan: object) -> PlanReading:
    """The plan at *index* of a Visa response's ``matchedPlans``, and what is wrong with it."""
    path = f"{PLANS}[{index}]"
    reading = PlanReading(index, path, native=True)
    walk = Walk(reading.errors)
    if type(plan) is not dict:
        walk.fail(path, "an object", plan)
        reading.is_object = False
        return reading
    _header(walk, reading, plan, path)
    _terms(walk, reading, plan, path)
    cost = walk.obj(plan, "costInfo", path)
    if cost is None:
        return reading
    cost_path = f"{path}.costInfo"
    _amounts(walk, reading, cost, cost_path)
    _fees(walk, reading, cost, cost_path)
    return reading


def _header(walk: Walk, reading: PlanReading, plan: dict[str, object], path: str) -> None:
    reading.plan_id = walk.text(plan, "vPlanID", path, required=True)
    reading.name = walk.text(plan, "name", path) or ""
    reading.plan_type = walk.text(plan, "type", path)
    reading.identifier = walk.text(plan, "vPlanIDRef", path)
    reading.islamic = bool(walk.flag(plan, "isIslamicPlan", path))
    reading.funded_by = walk.funded_by(plan, path)
    count = walk.integer(plan, "numberOfInstallments", path, high=MAX_INSTALLMENTS, what="a number of installments")
    if count == 0:
        walk.fail(f"{path}.numberOfInstallments", f"a number of installments from 1 to {MAX_INSTALLMENTS}", 0)
    elif count is not None:
        reading.count = count
    reading.frequency = walk.frequency(plan, "installmentFrequency", path)


def _terms(walk: Walk, reading: PlanReading, plan: dict[str, object], path: str) -> None:
    entries = walk.array(plan, "termsAndConditions", path, MAX_TERMS, required=False)
    if entries is None:
        return
    reading.terms_count = len(entries)
    terms = []
    for position, entry in enumerate(entries):
        entry_path = f"{path}.termsAndConditions[{position}]"
        if type(entry) is not dict:
            walk.fail(entry_path, "an object", entry)
            continue
        errors_before = len(walk.errors)
        text, language, url = walk.texts(entry, ("text", "languageCode", "url"), entry_path)
        number = walk.integer(entry, "version", entry_path, high=MAX_VERSION, what="a version number", required=False)
        if len(walk.errors) > errors_before:
            continue
        version = None if number is None else str(number)
        terms_findings(reading, entry_path, version, text, language)
        terms.append(TermsAndConditions(language or "", version or "", text or "", url))
    reading.terms = tuple(terms)


def _amounts(walk: Walk, reading: PlanReading, cost: dict[str, object], cost_path: str) -> None:
    amounts = reading.amounts
    reading.currency = walk.text(cost, "currency", cost_path)
    _minor_units(walk, cost, _TOTALS, cost_path, amounts)
    apr = walk.integer(cost, "annualPercentageRate", cost_path, high=MAX_APR_HUNDREDTHS, what=_HUNDREDTHS_RULE,
                       required=False)
    if apr is not None:
        reading.rates["declared"] = Decimal(apr).scaleb(_HUNDREDTHS, CTX)
    for key, required, fields in _INSTALLMENTS:
        part = walk.obj(cost, key, cost_path, required=required)
        if part is None:
            continue
        part_path = f"{cost_path}.{key}"
        _minor_units(walk, part, fields, part_path, amounts)
        if key == "firstInstallment":
            value = walk.integer(part, "totalAmountExcludingUpfrontFee", part_path, high=MAX_MINOR,
                                 what=_MINOR_RULE, required=False)
            if value is not None:
                amounts["first_excl"] = Decimal(value)


def _minor_units(
    walk: Walk, parent: dict[str, object], fields: tuple[tuple[str, str], ...], base: str, into: dict[str, Decimal]
) -> None:
    for role, key in fields:
        value = walk.integer(parent, key, base, high=MAX_MINOR, what=_MINOR_RULE)
        if value is not None:
            into[role] = Decimal(value)


def _fees(walk: Walk, reading: PlanReading, cost: dict[str, object], cost_path: str) -> None:
    fees = walk.array(cost, "feeInfo", cost_path, MAX_FEES, required=True)
    for position, fee in enumerate(fees or ()):
        fee_path = f"{cost_path}.feeInfo[{position}]"
        if type(fee) is not dict:
            walk.fail(fee_path, "an object", fee)
            continue
        kind = walk.text(fee, "type", fee_path, required=True)
        hundredths = walk.integer(fee, "ratePercentage", fee_path, high=MAX_HUNDREDTHS, what=_HUNDREDTHS_RULE)
        flat = walk.integer(fee, "flatFee", fee_path, high=MAX_MINOR, what=_MINOR_RULE)
        if kind is None:
            continue
        rate = None if hundredths is None else Decimal(hundredths).scaleb(_HUNDREDTHS, CTX)
        fee_terms(reading, kind, position, cost_path, rate=rate, flat=None if flat is None else Decimal(flat))
