"""Reading a get-plans response, in either wire format, into wire-neutral plan readings.

The walk is hand-written over :func:`json.loads` output rather than built on the pydantic models
because validation sits on a service's hot path: on the seed response it costs half of what
validating the models does, and it never imports pydantic.  It accepts exactly what the models in
``_wire`` accept (``tests/test_models.py`` checks both on the
published examples and on mutated ones); everything it cannot read becomes a :class:`ReadError`
with the field's path, never an exception.

There are two walks.  The careful one (:func:`read_response_carefully`, ``_cybersource_plan``,
``_visa_plan``) reads field by field through :class:`_Walk`, records every problem with its path
and is the reference.  The fast one (:func:`_clean_cybersource`, :func:`_clean_cybersource_plan`)
handles the common case, a Cybersource plan with nothing wrong in it: it indexes the parsed
document directly, checks types inline, takes amount and rate texts from the same bounded caches,
builds no path string, and gives up (returns None) at the first surprise: an absent or mistyped
field, an amount text the parser refuses, an unknown or repeated fee type, terms the validator
would flag.  The plan is then read by the careful walk, so every error is still found, worded and
placed by one implementation.  :func:`read_response` tries the fast walk first, and so does the
validator for the plans its one-pass route (:mod:`.verified`) declines;
``tests/test_fast_path.py`` proves under hypothesis (generated, corrupted, mutated and published
responses, and edits at the fast walk's edge) that both give identical readings, down to dict order
and Decimal exponents.  Visa's native format always takes the careful walk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from .._core.money import CTX, parse_decimal, parse_rate
from .._core.offer import FundedBy, TermsAndConditions
from .._core.plan import MAX_INSTALLMENTS
from .._core.policy import Frequency
from .._errors import InstallmentsError, MalformedResponseError, describe
from .._findings import FINDING_CODES, Finding
from .._wire.envelope import CYBERSOURCE, VISA_NATIVE, plans_format
from .._wire.fields import (
    COUNT_RULE,
    MAX_APR_HUNDREDTHS,
    MAX_FEES,
    MAX_HUNDREDTHS,
    MAX_MINOR,
    MAX_PLANS,
    MAX_TERMS,
    MAX_VERSION,
    count_from_text,
)
from .._wire.request_fields import check_plan_id, check_tc_version
from .report import ReadError, Severity

__all__ = [
    "CYBERSOURCE",
    "CYBERSOURCE_PLANS",
    "VISA_NATIVE",
    "PlanHeader",
    "PlanReading",
    "ResponseReading",
    "clean_plan_header",
    "clean_plans",
    "cybersource_path",
    "known_amount",
    "known_rate",
    "read_cybersource_plan",
    "read_response",
]

CYBERSOURCE_PLANS: Final = "installmentInformation.planDetails"
"""The path of a Cybersource response's plans."""

_HUNDREDTHS: Final = -2
_FREQUENCIES: Final = {f.value: f for f in Frequency}
_FUNDERS: Final = {f.value: f for f in FundedBy}


# Where each amount and rate role sits in a plan, per format.  Paths are built from these only when
# a finding needs one: building forty path strings per plan would cost more than reading it.
_CYBERSOURCE_PATHS: Final = {
    "last_amount_top": "amountDetails.lastInstallmentAmount",
    "total_fee": "amountDetails.totalFeeAmount",
    "total_upfront": "amountDetails.totalUpfrontFeeAmount",
    "total_recurring": "amountDetails.totalRecurringFeeAmount",
    "total_plan": "amountDetails.totalPlanAmount",
    "declared": "amountDetails.interestRate",
    "first_amount": "amountDetails.firstInstallment.amount",
    "first_fee": "amountDetails.firstInstallment.feeAmount",
    "first_upfront": "amountDetails.firstInstallment.upfrontFeeAmount",
    "first_excl": "amountDetails.firstInstallment.totalAmountExcludingUpfrontFee",
    "last_amount": "amountDetails.lastInstallment.amount",
    "last_fee": "amountDetails.lastInstallment.feeAmount",
    "currency": "amountDetails.currency",
    "details": "amountDetails",
    "terms": "termsAndConditions",
    "plan_id": "planId",
    "identifier": "identifier",
}
_VISA_PATHS: Final = {
    "total_fee": "costInfo.totalFees",
    "total_upfront": "costInfo.totalUpfrontFees",
    "total_recurring": "costInfo.totalRecurringFees",
    "total_plan": "costInfo.totalPlanCost",
    "declared": "costInfo.annualPercentageRate",
    "currency": "costInfo.currency",
    "details": "costInfo",
    "terms": "termsAndConditions",
    "plan_id": "vPlanID",
    "identifier": "vPlanIDRef",
} | {
    f"{prefix}_{role}": f"costInfo.{part}.{key}"
    for prefix, part in (("first", "firstInstallment"), ("last", "lastInstallment"))
    for role, key in (("amount", "amount"), ("fee", "installmentFee"), ("upfront", "upfrontFee"),
                      ("total", "totalAmount"), ("excl", "totalAmountExcludingUpfrontFee"))
}
_FEE_PATHS: Final = {
    False: {"fee_rate": "ratePercentage", "upfront_rate": "ratePercentage", "fee_flat": "flatFeeAmount",
            "upfront_flat": "flatFeeAmount", "monthly_rate": "monthlyRatePercentage"},
    True: {"fee_rate": "ratePercentage", "upfront_rate": "ratePercentage", "fee_flat": "flatFee",
           "upfront_flat": "flatFee"},
}


@dataclass(slots=True)
class PlanReading:
    """One plan as read from the wire, before any check.  Amounts are Decimal; absent ones are missing.

    For Visa's native format (``native``), amounts stay integers of minor units until the
    validator knows the currency.
    """

    index: int
    path: str
    native: bool
    is_object: bool = True
    """False when the plan is not even a JSON object: nothing else about it is checked."""
    plan_id: str | None = None
    name: str = ""
    plan_type: str | None = None
    identifier: str | None = None
    islamic: bool = False
    funded_by: tuple[FundedBy, ...] | None = None
    count: int | None = None
    frequency: Frequency | None = None
    currency: str | None = None
    amounts: dict[str, Decimal] = field(default_factory=dict)
    """Amount fields by role: ``first_amount``, ``last_fee``, ``total_plan``, ``fee_flat`` …"""
    rates: dict[str, Decimal] = field(default_factory=dict)
    """Rate fields by role: ``fee_rate``, ``upfront_rate``, ``monthly_rate``, ``declared``."""
    fee_positions: dict[str, int] = field(default_factory=dict)
    """Which fee entry each fee role was read from."""
    unknown_fees: list[tuple[str, str]] = field(default_factory=list)
    """(path, type) of fee entries whose type would change the consumer's amounts in unknown ways."""
    duplicate_fees: list[tuple[str, str]] = field(default_factory=list)
    terms: tuple[TermsAndConditions, ...] = ()
    terms_count: int | None = None
    """Entries in the terms array; ``None`` when the plan has none at all."""
    terms_findings: list[tuple[str, str, Severity, str]] = field(default_factory=list)
    """(path, what was expected, severity, what was found) for terms without version, text or language."""
    errors: list[ReadError] = field(default_factory=list)
    finest: int = 0
    """The exponent of the amount with the most decimals: when no finer than the currency's minor
    unit, every amount is whole minor units without checking each."""

    def path_of(self, role: str) -> str:
        """The JSON path of the field with *role* (an amount or rate role, or ``currency``, ``terms`` …)."""
        position = self.fee_positions.get(role)
        if position is not None:
            fees = "costInfo.feeInfo" if self.native else "amountDetails.fees"
            return f"{self.path}.{fees}[{position}].{_FEE_PATHS[self.native][role]}"
        return f"{self.path}.{(_VISA_PATHS if self.native else _CYBERSOURCE_PATHS)[role]}"


@dataclass(slots=True)
class ResponseReading:
    """A whole response as read: its format, its plans and what could not be read outside them.

    ``errors`` holds the envelope's problems only; each plan holds its own.
    """

    format: str
    plans: list[PlanReading]
    errors: list[ReadError]


# Issuers repeat the same few amount and rate strings ("0.00", "5.00", the order total) in every
# response; parsing each text once is the reader's largest saving.  Only accepted texts are kept,
# keyed by the exact text (so "500" and "500.00" stay distinct), and the caches stop growing at a
# bound so hostile input cannot fill memory.
_CACHE_LIMIT: Final = 4096
_AMOUNTS: Final[dict[str, tuple[Decimal, int]]] = {}
_RATES: Final[dict[str, Decimal]] = {}

_AMOUNT_RULE: Final = "a decimal string such as '41.67'"
_RATE_RULE: Final = "a percentage as a decimal string such as '5.00'"


def _unreadable(path: str, expected: str, actual: str, code: str) -> Finding:
    return Finding(path, FINDING_CODES[code], expected, actual, code)


class _Walk:
    """Typed field access that records a :class:`ReadError` instead of raising.

    Each accessor takes the parent object, the key and the parent's path; the field's path is
    only spelled out when something is wrong.
    """

    __slots__ = ("errors", "finest")

    def __init__(self, errors: list[ReadError]) -> None:
        self.errors = errors
        self.finest = 0
        """The most decimals any amount read had, as a negative exponent."""

    def fail(self, path: str, expected: str, value: object) -> None:
        self.errors.append(_unreadable(path, expected, describe(value), "invalid_value"))

    def refuse(self, path: str, error: InstallmentsError) -> None:
        """Record an amount or a rate the library's own parsers refused."""
        self.errors.append(_unreadable(path, error.expected, error.actual, "invalid_amount"))

    def missing(self, path: str, expected: str) -> None:
        self.errors.append(_unreadable(path, expected, "nothing (the field is required)", "missing_field"))

    def wrong(self, value: object, base: str, key: str, expected: str, *, required: bool) -> None:
        """Record why *value* at *base*.*key* was refused; absent optional fields are fine."""
        if value is None:
            if required:
                self.missing(_join(base, key), expected)
        else:
            self.fail(_join(base, key), expected, value)

    def obj(self, parent: dict[str, object], key: str, base: str, *, required: bool = True) -> dict[str, object] | None:
        value = parent.get(key)
        if type(value) is dict:
            return value
        self.wrong(value, base, key, "an object", required=required)
        return None

    def array(
        self, parent: dict[str, object], key: str, base: str, limit: int, *, required: bool
    ) -> list[object] | None:
        value = parent.get(key)
        if type(value) is list:
            if len(value) <= limit:
                return value
            self.errors.append(_unreadable(_join(base, key), f"at most {limit} entries", str(len(value)),
                                           "too_many_entries"))
            return None
        self.wrong(value, base, key, "an array", required=required)
        return None

    def text(self, parent: dict[str, object], key: str, base: str, *, required: bool = False) -> str | None:
        value = parent.get(key)
        if type(value) is str:
            return value
        self.wrong(value, base, key, "a string", required=required)
        return None

    def flag(self, parent: dict[str, object], key: str, base: str) -> bool | None:
        value = parent.get(key)
        if value is None or type(value) is bool:
            return value
        self.fail(_join(base, key), "true or false", value)
        return None

    def amount(self, parent: dict[str, object], key: str, base: str, *, required: bool = True) -> Decimal | None:
        """A Cybersource amount: a plain decimal string."""
        value = parent.get(key)
        if type(value) is str:
            known = _AMOUNTS.get(value)
            if known is None:
                try:
                    number = parse_decimal(value, path=key)
                except InstallmentsError as error:
                    self.refuse(_join(base, key), error)
                    return None
                exponent = number.as_tuple().exponent
                known = (number, exponent if isinstance(exponent, int) else 0)
                if len(_AMOUNTS) < _CACHE_LIMIT:
                    _AMOUNTS[value] = known
            if known[1] < self.finest:  # noqa: PLR1730  (a call to min() per amount costs more)
                self.finest = known[1]
            return known[0]
        self.wrong(value, base, key, _AMOUNT_RULE, required=required)
        return None

    def amounts(
        self, parent: dict[str, object], fields: tuple[tuple[str, str], ...], base: str, into: dict[str, Decimal],
        *, required: bool = True,
    ) -> None:
        """Read every (role, key) amount of *fields* into *into*; the common case costs a lookup each."""
        known_texts = _AMOUNTS
        for role, key in fields:
            value = parent.get(key)
            known = known_texts.get(value) if type(value) is str else None
            if known is not None:
                if known[1] < self.finest:  # noqa: PLR1730  (a call to min() per amount costs more)
                    self.finest = known[1]
                into[role] = known[0]
            else:
                number = self.amount(parent, key, base, required=required)
                if number is not None:
                    into[role] = number

    def texts(self, parent: dict[str, object], keys: tuple[str, ...], base: str) -> list[str | None]:
        """Optional strings: each value, or None when absent (or wrong, which is recorded)."""
        values: list[str | None] = []
        for key in keys:
            value = parent.get(key)
            if type(value) is str:
                values.append(value)
            else:
                values.append(None)
                if value is not None:
                    self.fail(_join(base, key), "a string", value)
        return values

    def rate(self, parent: dict[str, object], key: str, base: str, *, required: bool = True) -> Decimal | None:
        """A Cybersource percentage: a decimal string from 0 to 100."""
        value = parent.get(key)
        if type(value) is str:
            known = _RATES.get(value)
            if known is not None:
                return known
            try:
                number = parse_rate(value, path=key)
            except InstallmentsError as error:
                self.refuse(_join(base, key), error)
                return None
            if len(_RATES) < _CACHE_LIMIT:
                _RATES[value] = number
            return number
        self.wrong(value, base, key, _RATE_RULE, required=required)
        return None

    def integer(
        self, parent: dict[str, object], key: str, base: str, *, high: int, what: str, required: bool = True
    ) -> int | None:
        """A Visa native integer: minor units, hundredths of a percent, a count, a version."""
        value = parent.get(key)
        if type(value) is int and 0 <= value <= high:
            return value
        if type(value) is int:
            self.fail(_join(base, key), f"{what} from 0 to {high}", value)
        else:
            self.wrong(value, base, key, what, required=required)
        return None


def _join(base: str, key: str) -> str:
    return f"{base}.{key}" if base else key


def _found(value: str | None) -> str:
    return "nothing" if value is None else describe(value)


def _terms(walk: _Walk, reading: PlanReading, plan: dict[str, object], *, url_key: str, native: bool) -> None:
    entries = walk.array(plan, "termsAndConditions", reading.path, MAX_TERMS, required=False)
    if entries is None:
        return
    reading.terms_count = len(entries)
    terms = []
    path = f"{reading.path}.termsAndConditions"
    for position, entry in enumerate(entries):
        entry_path = f"{path}[{position}]"
        if type(entry) is not dict:
            walk.fail(entry_path, "an object", entry)
            continue
        errors_before = len(walk.errors)
        text = walk.text(entry, "text", entry_path)
        language = walk.text(entry, "languageCode", entry_path)
        url = walk.text(entry, url_key, entry_path)
        version: str | None
        if native:
            number = walk.integer(entry, "version", entry_path, high=MAX_VERSION, what="a version number",
                                  required=False)
            version = None if number is None else str(number)
        else:
            version = walk.text(entry, "version", entry_path)
        if len(walk.errors) > errors_before:
            continue
        findings = reading.terms_findings
        if version is None:
            findings.append((f"{entry_path}.version", "a version (sent back as tcVersion)", Severity.ERROR,
                             "nothing"))
        else:
            problem = check_tc_version(version)
            if problem is not None:
                findings.append((f"{entry_path}.version", problem.expected, Severity.ERROR, problem.actual))
        if not text or text.isspace():
            findings.append((f"{entry_path}.text", "the terms' text", Severity.ERROR, _found(text)))
        if language is None or len(language) != 3 or not language.isascii() or not language.isalpha():
            findings.append((f"{entry_path}.languageCode", "a three-letter ISO 639-2 language code",
                             Severity.WARNING, _found(language)))
        terms.append(TermsAndConditions(language or "", version or "", text or "", url))
    reading.terms = tuple(terms)


def _funded_by(walk: _Walk, plan: dict[str, object], base: str) -> tuple[FundedBy, ...] | None:
    value = plan.get("fundedBy")
    if value is None:
        return None
    if type(value) is list and 1 <= len(value) <= 2:
        funders = tuple(_FUNDERS.get(entry) if type(entry) is str else None for entry in value)
        if None not in funders:
            return funders  # type: ignore[return-value]  # None was ruled out just above
        position = funders.index(None)
        walk.fail(f"{base}.fundedBy[{position}]", "CONSUMER or MERCHANT", value[position])
        return None
    walk.fail(f"{base}.fundedBy", "an array of CONSUMER and/or MERCHANT", value)
    return None


def _frequency(walk: _Walk, plan: dict[str, object], key: str, base: str) -> Frequency | None:
    value = plan.get(key)
    frequency = _FREQUENCIES.get(value) if type(value) is str else None
    if frequency is None:
        walk.wrong(value, base, key, "one of " + ", ".join(_FREQUENCIES), required=True)
    return frequency


_FEE_ROLES: Final = {"CONSUMER": ("fee_rate", "fee_flat"), "CONSUMER_UPFRONT": ("upfront_rate", "upfront_flat")}
# Visa's merchant fees are what the merchant pays: they never change the consumer's amounts.
_MERCHANT_FEES: Final = frozenset({"MERCHANT_FUNDING", "MERCHANT_SERVICE"})


def _fee_terms(
    reading: PlanReading, kind: str, position: int, fee_path: str, *, rate: Decimal | None, flat: Decimal | None
) -> None:
    roles = _FEE_ROLES.get(kind)
    if roles is None:
        if not (reading.native and kind in _MERCHANT_FEES):
            reading.unknown_fees.append((f"{fee_path}.type", kind))
        return
    rate_role, flat_role = roles
    if rate_role in reading.fee_positions:
        reading.duplicate_fees.append((f"{fee_path}.type", kind))
        return
    reading.fee_positions[rate_role] = reading.fee_positions[flat_role] = position
    if rate is not None:
        reading.rates[rate_role] = rate
    if flat is not None:
        reading.amounts[flat_role] = flat


_CYBERSOURCE_TOTALS: Final = (
    ("last_amount_top", "lastInstallmentAmount"),
    ("total_fee", "totalFeeAmount"),
    ("total_upfront", "totalUpfrontFeeAmount"),
    ("total_recurring", "totalRecurringFeeAmount"),
    ("total_plan", "totalPlanAmount"),
)
_CYBERSOURCE_FIRST: Final = (
    ("first_amount", "amount"), ("first_fee", "feeAmount"), ("first_upfront", "upfrontFeeAmount")
)
_CYBERSOURCE_FIRST_OPTIONAL: Final = (("first_excl", "totalAmountExcludingUpfrontFee"),)
_CYBERSOURCE_LAST: Final = (("last_amount", "amount"), ("last_fee", "feeAmount"))
_CYBERSOURCE_TEXTS: Final = ("planName", "planType", "promotionId", "identifier")


def _start_plan(index: int, plan: object, prefix: str, *, native: bool) -> tuple[PlanReading, _Walk, str]:
    """A plan's reading, its walker and its path; a plan that is not an object is recorded as such."""
    path = f"{prefix}[{index}]"
    reading = PlanReading(index, path, native=native)
    walk = _Walk(reading.errors)
    if type(plan) is not dict:
        walk.fail(path, "an object", plan)
        reading.is_object = False
    return reading, walk, path


def _cybersource_plan(index: int, plan: object, prefix: str) -> PlanReading:
    reading, walk, path = _start_plan(index, plan, prefix, native=False)
    if type(plan) is not dict:
        return reading
    reading.plan_id = walk.text(plan, "planId", path, required=True)
    name, reading.plan_type, _, reading.identifier = walk.texts(plan, _CYBERSOURCE_TEXTS, path)
    reading.name = name or ""
    islamic = walk.flag(plan, "isIslamicPlan", path)
    sharia = walk.flag(plan, "shariaLawPlan", path)
    reading.islamic = bool(islamic or sharia)
    reading.funded_by = _funded_by(walk, plan, path)
    count_text = plan.get("totalCount")
    reading.count = count_from_text(count_text)
    if reading.count is None:
        walk.wrong(count_text, path, "totalCount", COUNT_RULE, required=True)
    reading.frequency = _frequency(walk, plan, "frequency", path)
    _terms(walk, reading, plan, url_key="tncUrl", native=False)

    details = walk.obj(plan, "amountDetails", path)
    if details is None:
        return reading
    details_path = f"{path}.amountDetails"
    amounts = reading.amounts
    reading.currency = walk.text(details, "currency", details_path)
    walk.amounts(details, _CYBERSOURCE_TOTALS, details_path, amounts)
    declared = walk.rate(details, "interestRate", details_path, required=False)
    if declared is not None:
        reading.rates["declared"] = declared
    first = walk.obj(details, "firstInstallment", details_path)
    if first is not None:
        first_path = f"{details_path}.firstInstallment"
        walk.amounts(first, _CYBERSOURCE_FIRST, first_path, amounts)
        walk.amounts(first, _CYBERSOURCE_FIRST_OPTIONAL, first_path, amounts, required=False)
    last = walk.obj(details, "lastInstallment", details_path)
    if last is not None:
        walk.amounts(last, _CYBERSOURCE_LAST, f"{details_path}.lastInstallment", amounts)

    fees = walk.array(details, "fees", details_path, MAX_FEES, required=True)
    for position, fee in enumerate(fees or ()):
        fee_path = f"{details_path}.fees[{position}]"
        if type(fee) is not dict:
            walk.fail(fee_path, "an object", fee)
            continue
        kind = walk.text(fee, "type", fee_path, required=True)
        rate = walk.rate(fee, "ratePercentage", fee_path)
        flat = walk.amount(fee, "flatFeeAmount", fee_path)
        monthly = walk.rate(fee, "monthlyRatePercentage", fee_path, required=False)
        if kind is None:
            continue
        _fee_terms(reading, kind, position, fee_path, rate=rate, flat=flat)
        if monthly is not None and kind == "CONSUMER" and "monthly_rate" not in reading.rates:
            reading.rates["monthly_rate"] = monthly
            reading.fee_positions["monthly_rate"] = position
    reading.finest = walk.finest
    return reading


_VISA_TOTALS: Final = (
    ("total_fee", "totalFees"),
    ("total_upfront", "totalUpfrontFees"),
    ("total_recurring", "totalRecurringFees"),
    ("total_plan", "totalPlanCost"),
)
_VISA_INSTALLMENT: Final = (("amount", "amount"), ("fee", "installmentFee"), ("upfront", "upfrontFee"),
                            ("total", "totalAmount"))
_MINOR_RULE: Final = "an integer of minor units"
_HUNDREDTHS_RULE: Final = "a rate in hundredths of a percent"


def _visa_plan(index: int, plan: object, prefix: str) -> PlanReading:
    reading, walk, path = _start_plan(index, plan, prefix, native=True)
    if type(plan) is not dict:
        return reading
    reading.plan_id = walk.text(plan, "vPlanID", path, required=True)
    reading.name = walk.text(plan, "name", path) or ""
    reading.plan_type = walk.text(plan, "type", path)
    reading.identifier = walk.text(plan, "vPlanIDRef", path)
    reading.islamic = bool(walk.flag(plan, "isIslamicPlan", path))
    reading.funded_by = _funded_by(walk, plan, path)
    count = walk.integer(plan, "numberOfInstallments", path, high=MAX_INSTALLMENTS, what="a number of installments")
    if count == 0:
        walk.fail(f"{path}.numberOfInstallments", f"a number of installments from 1 to {MAX_INSTALLMENTS}", 0)
    elif count is not None:
        reading.count = count
    reading.frequency = _frequency(walk, plan, "installmentFrequency", path)
    _terms(walk, reading, plan, url_key="url", native=True)

    cost = walk.obj(plan, "costInfo", path)
    if cost is None:
        return reading
    cost_path = f"{path}.costInfo"
    amounts = reading.amounts
    reading.currency = walk.text(cost, "currency", cost_path)
    for role, key in _VISA_TOTALS:
        value = walk.integer(cost, key, cost_path, high=MAX_MINOR, what=_MINOR_RULE)
        if value is not None:
            amounts[role] = Decimal(value)
    apr = walk.integer(cost, "annualPercentageRate", cost_path, high=MAX_APR_HUNDREDTHS, what=_HUNDREDTHS_RULE,
                       required=False)
    if apr is not None:
        reading.rates["declared"] = Decimal(apr).scaleb(_HUNDREDTHS, CTX)
    for key, prefix_role, required in (("firstInstallment", "first", False), ("lastInstallment", "last", True)):
        part = walk.obj(cost, key, cost_path, required=required)
        if part is None:
            continue
        part_path = f"{cost_path}.{key}"
        for suffix, name in _VISA_INSTALLMENT:
            value = walk.integer(part, name, part_path, high=MAX_MINOR, what=_MINOR_RULE)
            if value is not None:
                amounts[f"{prefix_role}_{suffix}"] = Decimal(value)
        if key == "firstInstallment":
            value = walk.integer(part, "totalAmountExcludingUpfrontFee", part_path, high=MAX_MINOR,
                                 what=_MINOR_RULE, required=False)
            if value is not None:
                amounts["first_excl"] = Decimal(value)

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
        _fee_terms(reading, kind, position, fee_path, rate=rate, flat=None if flat is None else Decimal(flat))
    return reading


def known_amount(value: object) -> tuple[Decimal, int] | None:
    """A Cybersource amount text as (value, exponent), from the cache or parsed; None when refused."""
    if type(value) is not str:
        return None
    known = _AMOUNTS.get(value)
    if known is None:
        try:
            number = parse_decimal(value, path="amount")
        except InstallmentsError:
            return None
        exponent = number.as_tuple().exponent
        known = (number, exponent if isinstance(exponent, int) else 0)
        if len(_AMOUNTS) < _CACHE_LIMIT:
            _AMOUNTS[value] = known
    return known


def known_rate(value: object) -> Decimal | None:
    """A Cybersource percentage text, from the cache or parsed; None when refused."""
    if type(value) is not str:
        return None
    known = _RATES.get(value)
    if known is None:
        try:
            known = parse_rate(value, path="rate")
        except InstallmentsError:
            return None
        if len(_RATES) < _CACHE_LIMIT:
            _RATES[value] = known
    return known


# Exact types, as the careful walk checks them: a str subclass is not JSON and goes the careful way.
_STR_OR_NONE: Final = frozenset({str, type(None)})
_FLAG: Final = frozenset({bool, type(None)})
_CYBERSOURCE_TOP_ROLES: Final = tuple(role for role, _ in _CYBERSOURCE_TOTALS) + tuple(
    role for role, _ in _CYBERSOURCE_FIRST
)
_CYBERSOURCE_LAST_ROLES: Final = tuple(role for role, _ in _CYBERSOURCE_LAST)


def _clean_cybersource_plan(index: int, plan: object, prefix: str) -> PlanReading | None:
    """The fast path: the reading of a plan with nothing unusual in it, else None.

    It gives exactly what :func:`_cybersource_plan` gives for the plans it accepts (checked under
    hypothesis against it), and accepts only plans the careful walk reads without a single
    :class:`ReadError`, terms finding, unknown or repeated fee.  Anything else, down to a
    ``fundedBy`` entry or an amount text the parser refuses, returns None and the careful walk
    reads the plan, so every error is still worded and placed by one implementation.

    Types are checked with ``type(x) is …`` exactly as the careful walk checks them (a ``dict`` or
    ``str`` subclass is not JSON and goes the careful way), and a required key that is absent
    raises KeyError, which means "not clean" like every other surprise.
    """
    if type(plan) is not dict:
        return None
    try:
        return _clean_plan_fields(index, plan, prefix)
    except KeyError:
        return None


PlanHeader = tuple[
    str, str, "str | None", "str | None", bool, "tuple[FundedBy, ...] | None", int, Frequency,
    tuple[TermsAndConditions, ...], dict[str, object],
]
"""What :func:`clean_plan_header` reads: planId, name, planType, identifier, islamic, fundedBy,
count, frequency, the terms and amountDetails."""


def clean_plan_header(plan: dict[str, object]) -> PlanHeader | None:
    """Everything of a Cybersource plan but its amounts and fees, when nothing in it is unusual.

    None when anything would make the careful walk record an error or a terms finding.  A required
    key that is absent raises KeyError, which the callers take to mean the same.
    """
    get = plan.get
    plan_id = plan["planId"]
    name = get("planName")
    plan_type = get("planType")
    identifier = get("identifier")
    islamic = get("isIslamicPlan")
    sharia = get("shariaLawPlan")
    frequency_text = plan["frequency"]
    count_text = plan["totalCount"]
    details = plan["amountDetails"]
    entries = plan["termsAndConditions"]
    count = count_from_text(count_text)
    if (
        type(plan_id) is not str or check_plan_id(plan_id) is not None
        or type(frequency_text) is not str or count is None or type(details) is not dict
        or type(entries) is not list or not 0 < len(entries) <= MAX_TERMS
        or type(name) not in _STR_OR_NONE or type(plan_type) not in _STR_OR_NONE
        or type(identifier) not in _STR_OR_NONE or type(get("promotionId")) not in _STR_OR_NONE
        or type(islamic) not in _FLAG or type(sharia) not in _FLAG
    ):
        return None
    frequency = _FREQUENCIES.get(frequency_text)
    funded = get("fundedBy")
    funded_by: tuple[FundedBy, ...] | None = None
    if frequency is None:
        return None
    if funded is not None:
        if type(funded) is not list or not 1 <= len(funded) <= 2:
            return None
        funders = tuple(_FUNDERS.get(entry) if type(entry) is str else None for entry in funded)
        if None in funders:
            return None
        funded_by = funders  # type: ignore[assignment]  # None was ruled out just above

    terms = []
    new_tuple = tuple.__new__
    for entry in entries:
        if type(entry) is not dict:
            return None
        text = entry.get("text")
        language = entry.get("languageCode")
        url = entry.get("tncUrl")
        version = entry.get("version")
        if (
            type(text) is not str or type(version) is not str or type(language) is not str
            or type(url) not in _STR_OR_NONE
            or not text or text.isspace() or check_tc_version(version) is not None
            or len(language) != 3 or not language.isascii() or not language.isalpha()
        ):
            return None
        # tuple.__new__ builds the named tuple without the Python-level __new__ it generates.
        terms.append(new_tuple(TermsAndConditions, (language, version, text, url)))
    return (
        plan_id, name or "", plan_type, identifier, bool(islamic or sharia), funded_by, count, frequency,  # type: ignore[return-value]
        tuple(terms), details,
    )


def _clean_plan_fields(index: int, plan: dict[str, object], prefix: str) -> PlanReading | None:
    header = clean_plan_header(plan)
    if header is None:
        return None
    plan_id, name, plan_type, identifier, islamic, funded_by, count, frequency, terms, details = header
    first = details["firstInstallment"]
    last = details["lastInstallment"]
    fees = details["fees"]
    currency = details.get("currency")
    declared_text = details.get("interestRate")
    if (
        (currency is not None and type(currency) is not str) or type(first) is not dict or type(last) is not dict
        or type(fees) is not list or len(fees) > MAX_FEES
    ):
        return None
    excluding = first.get("totalAmountExcludingUpfrontFee")
    top_texts = (
        details["lastInstallmentAmount"], details["totalFeeAmount"], details["totalUpfrontFeeAmount"],
        details["totalRecurringFeeAmount"], details["totalPlanAmount"],
        first["amount"], first["feeAmount"], first["upfrontFeeAmount"],
    )
    last_texts = (last["amount"], last["feeAmount"])
    amount_of = _AMOUNTS.get
    amounts: dict[str, Decimal] = {}
    finest = 0
    for role, text in zip(_CYBERSOURCE_TOP_ROLES, top_texts, strict=True):
        if type(text) is not str:
            return None
        known = amount_of(text) or known_amount(text)
        if known is None:
            return None
        amounts[role] = known[0]
        if known[1] < finest:  # noqa: PLR1730  (a call to min() per amount costs more)
            finest = known[1]
    if excluding is not None:
        known = known_amount(excluding)
        if known is None:
            return None
        amounts["first_excl"] = known[0]
        if known[1] < finest:  # noqa: PLR1730
            finest = known[1]
    for role, text in zip(_CYBERSOURCE_LAST_ROLES, last_texts, strict=True):
        if type(text) is not str:
            return None
        known = amount_of(text) or known_amount(text)
        if known is None:
            return None
        amounts[role] = known[0]
        if known[1] < finest:  # noqa: PLR1730
            finest = known[1]
    rates: dict[str, Decimal] = {}
    if declared_text is not None:
        declared = known_rate(declared_text)
        if declared is None:
            return None
        rates["declared"] = declared

    fee_positions: dict[str, int] = {}
    for position, fee in enumerate(fees):
        if type(fee) is not dict:
            return None
        kind = fee["type"]
        roles = _FEE_ROLES.get(kind) if type(kind) is str else None
        rate = known_rate(fee["ratePercentage"])
        flat = known_amount(fee["flatFeeAmount"])
        monthly_text = fee.get("monthlyRatePercentage")
        if roles is None or rate is None or flat is None or roles[0] in fee_positions:
            return None
        monthly = None if monthly_text is None else known_rate(monthly_text)
        if monthly is None and monthly_text is not None:
            return None
        rate_role, flat_role = roles
        fee_positions[rate_role] = fee_positions[flat_role] = position
        rates[rate_role] = rate
        amounts[flat_role] = flat[0]
        if flat[1] < finest:  # noqa: PLR1730
            finest = flat[1]
        if monthly is not None and kind == "CONSUMER":
            rates["monthly_rate"] = monthly
            fee_positions["monthly_rate"] = position

    return PlanReading(
        index, f"{prefix}[{index}]", False, True, plan_id, name, plan_type, identifier, islamic, funded_by, count,
        frequency, currency, amounts, rates, fee_positions, [], [], terms, len(terms), [], [], finest,
    )


def clean_plans(document: dict[str, object]) -> list[object] | None:
    """A Cybersource envelope's ``planDetails``, when nothing in the envelope is unusual; else None.

    Raises as :func:`~.._wire.envelope.plans_format` does for an error answer or a document of two formats or none.
    """
    if plans_format(document) != CYBERSOURCE:
        return None
    get = document.get
    information = get("installmentInformation")
    processor = get("processorInformation")
    payment = get("paymentInformation")
    if (
        type(information) is not dict
        or type(get("id")) not in _STR_OR_NONE or type(get("submitTimeUtc")) not in _STR_OR_NONE
        or type(get("status")) not in _STR_OR_NONE
    ):
        return None
    if processor is not None and (
        type(processor) is not dict or type(processor.get("responseCode")) not in _STR_OR_NONE
    ):
        return None
    if payment is not None:
        if type(payment) is not dict:
            return None
        reference = payment.get("paymentAccountReference")
        if reference is not None and (type(reference) is not dict or type(reference.get("id")) not in _STR_OR_NONE):
            return None
    plans = information.get("planDetails")
    if type(plans) is not list or len(plans) > MAX_PLANS:
        return None
    return plans


def cybersource_path(index: int, role: str) -> str:
    """The JSON path of the field with *role* in the Cybersource plan at *index* (see :meth:`PlanReading.path_of`)."""
    return f"{CYBERSOURCE_PLANS}[{index}].{_CYBERSOURCE_PATHS[role]}"


def read_cybersource_plan(index: int, plan: object) -> PlanReading:
    """One plan of a Cybersource response, by the fast walk when it can, else the careful one."""
    return _clean_cybersource_plan(index, plan, CYBERSOURCE_PLANS) or _cybersource_plan(index, plan, CYBERSOURCE_PLANS)


def _clean_cybersource(document: dict[str, object]) -> ResponseReading | None:
    """The fast path for a Cybersource envelope with nothing unusual in it, else None."""
    plans = clean_plans(document)
    if plans is None:
        return None
    return ResponseReading(CYBERSOURCE, [read_cybersource_plan(index, plan) for index, plan in enumerate(plans)], [])


def read_response(document: object) -> ResponseReading:
    """Read a parsed get-plans response of either format.

    Raises :class:`~installments_core.MalformedResponseError` only when the document is not an
    object of exactly one known format, or is an error answer (:func:`~.._wire.envelope.plans_format`);
    everything else unreadable is listed in the reading's errors.
    """
    if type(document) is dict:
        reading = _clean_cybersource(document)
        if reading is not None:
            return reading
    return read_response_carefully(document)


def read_response_carefully(document: object) -> ResponseReading:
    """:func:`read_response` by the careful walk alone: the reference the fast path is tested against."""
    if type(document) is not dict:
        raise MalformedResponseError("", expected="a JSON object", actual=describe(document))
    response_format = plans_format(document)
    errors: list[ReadError] = []
    walk = _Walk(errors)
    if response_format == VISA_NATIVE:
        prefix = "matchedPlans"
        plans = walk.array(document, "matchedPlans", "", MAX_PLANS, required=True)
        read_plan = _visa_plan
    else:
        for key in ("id", "submitTimeUtc", "status"):
            walk.text(document, key, "")
        processor = walk.obj(document, "processorInformation", "", required=False)
        if processor is not None:
            walk.text(processor, "responseCode", "processorInformation")
        payment = walk.obj(document, "paymentInformation", "", required=False)
        if payment is not None:
            reference = walk.obj(payment, "paymentAccountReference", "paymentInformation", required=False)
            if reference is not None:
                walk.text(reference, "id", "paymentInformation.paymentAccountReference")
        information = walk.obj(document, "installmentInformation", "")
        prefix = CYBERSOURCE_PLANS
        plans = None if information is None else walk.array(
            information, "planDetails", "installmentInformation", MAX_PLANS, required=True
        )
        read_plan = _cybersource_plan
    readings = [read_plan(index, plan, prefix) for index, plan in enumerate(plans or ())]
    return ResponseReading(response_format, readings, errors)
