"""Reading a get-plans response, in either wire format, into wire-neutral plan readings.

The walk is hand-written over :func:`json.loads` output rather than built on the pydantic models
because validation sits on a service's hot path: it costs a few microseconds per plan.  It
accepts exactly what the models in ``_wire`` accept (``tests/test_models.py`` checks both on the
published examples and on mutated ones); everything it cannot read becomes a :class:`ReadError`
with the field's path, never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from .._core.money import parse_decimal, parse_rate
from .._core.offer import FundedBy, TermsAndConditions
from .._core.plan import MAX_INSTALLMENTS
from .._core.policy import Frequency
from .._errors import InstallmentsError, MalformedResponseError, describe
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
from .report import ReadError, Severity, mask_card_numbers

__all__ = [
    "CYBERSOURCE",
    "VISA_NATIVE",
    "PlanReading",
    "ResponseReading",
    "read_response",
]

CYBERSOURCE: Final = "cybersource"
VISA_NATIVE: Final = "visa"


_HUNDREDTHS: Final = -2
_FREQUENCIES: Final = {f.value: f for f in Frequency}
_FUNDERS: Final = {f.value: f for f in FundedBy}


@dataclass(slots=True)
class PlanReading:
    """One plan as read from the wire, before any check.  Amounts are Decimal; ``None`` means absent.

    For Visa's native format, amounts are still integers of minor units (``minor_units`` is true)
    until the currency is known.
    """

    index: int
    path: str
    native: bool
    plan_id: str | None = None
    name: str = ""
    plan_type: str | None = None
    identifier: str | None = None
    islamic: bool = False
    funded_by: tuple[FundedBy, ...] | None = None
    count: int | None = None
    frequency: Frequency | None = None
    currency: str | None = None
    currency_path: str = ""
    amounts: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    """Amount fields by role (``first_amount``, ``total_plan``, ``fee_flat`` …): (path, value)."""
    rates: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    """Rate fields by role (``fee_rate``, ``upfront_rate``, ``monthly_rate``, ``declared``)."""
    unknown_fees: list[tuple[str, str]] = field(default_factory=list)
    """(path, type) of fee entries of a type that changes what the consumer pays in unknown ways."""
    duplicate_fees: list[tuple[str, str]] = field(default_factory=list)
    terms: tuple[TermsAndConditions, ...] = ()
    terms_path: str = ""
    terms_count: int | None = None
    """Entries in the terms array; ``None`` when the plan has none at all."""
    terms_findings: list[tuple[str, str, Severity, str]] = field(default_factory=list)
    """(path, what was expected, severity, what was found) for terms without version, text or language."""
    errors: list[ReadError] = field(default_factory=list)


@dataclass(slots=True)
class ResponseReading:
    """A whole response as read: its format, its plans and what could not be read outside them.

    ``errors`` holds the envelope's problems only; each plan holds its own.
    """

    format: str
    plans: list[PlanReading]
    errors: list[ReadError]


class _Walk:
    """Typed field access that records a :class:`ReadError` instead of raising."""

    __slots__ = ("errors",)

    def __init__(self, errors: list[ReadError]) -> None:
        self.errors = errors

    def fail(self, path: str, expected: str, value: object) -> None:
        self.errors.append(ReadError(path, f"expected {expected}, found {mask_card_numbers(describe(value))}"))

    def missing(self, path: str, expected: str) -> None:
        self.errors.append(ReadError(path, f"expected {expected}, found nothing (the field is required)"))

    def obj(
        self, parent: Mapping[str, object], key: str, path: str, *, required: bool = True
    ) -> dict[str, object] | None:
        value = parent.get(key)
        if type(value) is dict:
            return value
        if value is None:
            if required:
                self.missing(path, "an object")
            return None
        self.fail(path, "an object", value)
        return None

    def array(
        self, parent: Mapping[str, object], key: str, path: str, limit: int, *, required: bool
    ) -> list[object] | None:
        value = parent.get(key)
        if type(value) is list:
            if len(value) > limit:
                self.errors.append(ReadError(path, f"expected at most {limit} entries, found {len(value)}"))
                return None
            return value
        if value is None:
            if required:
                self.missing(path, "an array")
            return None
        self.fail(path, "an array", value)
        return None

    def text(self, parent: Mapping[str, object], key: str, path: str, *, required: bool = False) -> str | None:
        value = parent.get(key)
        if type(value) is str:
            return value
        if value is None:
            if required:
                self.missing(path, "a string")
            return None
        self.fail(path, "a string", value)
        return None

    def flag(self, parent: Mapping[str, object], key: str, path: str) -> bool | None:
        value = parent.get(key)
        if value is None or type(value) is bool:
            return value
        self.fail(path, "true or false", value)
        return None

    def amount(self, parent: Mapping[str, object], key: str, path: str, *, required: bool = True) -> Decimal | None:
        """A Cybersource amount: a plain decimal string."""
        value = parent.get(key)
        if type(value) is str:
            try:
                return parse_decimal(value, path=path)
            except InstallmentsError as error:
                self.errors.append(ReadError(path, f"expected {error.expected}, found {error.actual}"))
                return None
        if value is None:
            if required:
                self.missing(path, "a decimal string such as '41.67'")
            return None
        self.fail(path, "a decimal string such as '41.67'", value)
        return None

    def rate(self, parent: Mapping[str, object], key: str, path: str, *, required: bool = True) -> Decimal | None:
        """A Cybersource percentage: a decimal string from 0 to 100."""
        value = parent.get(key)
        if type(value) is str:
            try:
                return parse_rate(value, path=path)
            except InstallmentsError as error:
                self.errors.append(ReadError(path, f"expected {error.expected}, found {error.actual}"))
                return None
        if value is None:
            if required:
                self.missing(path, "a percentage as a decimal string such as '5.00'")
            return None
        self.fail(path, "a percentage as a decimal string such as '5.00'", value)
        return None

    def integer(
        self, parent: Mapping[str, object], key: str, path: str, *, high: int, what: str, required: bool = True
    ) -> int | None:
        """A Visa native integer: minor units, hundredths of a percent, a count."""
        value = parent.get(key)
        if type(value) is int:
            if 0 <= value <= high:
                return value
            self.fail(path, f"{what} from 0 to {high}", value)
            return None
        if value is None:
            if required:
                self.missing(path, what)
            return None
        self.fail(path, what, value)
        return None


def _count_text(walk: _Walk, value: object, path: str) -> int | None:
    count = count_from_text(value)
    if count is None:
        if value is None:
            walk.missing(path, COUNT_RULE)
        else:
            walk.fail(path, COUNT_RULE, value)
    return count


def _frequency(walk: _Walk, value: object, path: str) -> Frequency | None:
    frequency = _FREQUENCIES.get(value) if type(value) is str else None
    if frequency is None:
        expected = "one of " + ", ".join(_FREQUENCIES)
        if value is None:
            walk.missing(path, expected)
        else:
            walk.fail(path, expected, value)
    return frequency


def _funded_by(walk: _Walk, value: object, path: str) -> tuple[FundedBy, ...] | None:
    if value is None:
        return None
    if type(value) is not list or not value or len(value) > 2:
        walk.fail(path, "an array of CONSUMER and/or MERCHANT", value)
        return None
    funders = []
    for position, entry in enumerate(value):
        funder = _FUNDERS.get(entry) if type(entry) is str else None
        if funder is None:
            walk.fail(f"{path}[{position}]", "CONSUMER or MERCHANT", entry)
            return None
        funders.append(funder)
    return tuple(funders)


def _found(value: str | None) -> str:
    return "nothing" if value is None else describe(value)


def _terms(
    walk: _Walk, reading: PlanReading, plan: Mapping[str, object], key: str, *, url_key: str, integer_version: bool
) -> None:
    path = reading.terms_path = f"{reading.path}.{key}"
    entries = walk.array(plan, key, path, MAX_TERMS, required=False)
    if entries is None:
        return
    reading.terms_count = len(entries)
    terms = []
    for position, entry in enumerate(entries):
        entry_path = f"{path}[{position}]"
        if type(entry) is not dict:
            walk.fail(entry_path, "an object", entry)
            continue
        errors_before = len(walk.errors)
        text = walk.text(entry, "text", f"{entry_path}.text")
        language = walk.text(entry, "languageCode", f"{entry_path}.languageCode")
        url = walk.text(entry, url_key, f"{entry_path}.{url_key}")
        version: str | None
        if integer_version:
            number = walk.integer(entry, "version", f"{entry_path}.version", high=MAX_VERSION, what="a version number",
                                  required=False)
            version = None if number is None else str(number)
        else:
            version = walk.text(entry, "version", f"{entry_path}.version")
        if len(walk.errors) > errors_before:
            continue
        findings = reading.terms_findings
        if version is None or not version.strip():
            findings.append((f"{entry_path}.version", "a version (sent back as tcVersion)", Severity.ERROR,
                             _found(version)))
        if text is None or not text.strip():
            findings.append((f"{entry_path}.text", "the terms' text", Severity.ERROR, _found(text)))
        if language is None or len(language) != 3 or not language.isascii() or not language.isalpha():
            findings.append((f"{entry_path}.languageCode", "a three-letter ISO 639-2 language code",
                             Severity.WARNING, _found(language)))
        terms.append(TermsAndConditions(language or "", version or "", text or "", url))
    reading.terms = tuple(terms)


def _cybersource_plan(index: int, plan: object, prefix: str) -> PlanReading:
    path = f"{prefix}[{index}]"
    reading = PlanReading(index, path, native=False)
    walk = _Walk(reading.errors)
    if type(plan) is not dict:
        walk.fail(path, "an object", plan)
        return reading
    reading.plan_id = walk.text(plan, "planId", f"{path}.planId", required=True)
    reading.name = walk.text(plan, "planName", f"{path}.planName") or ""
    reading.plan_type = walk.text(plan, "planType", f"{path}.planType")
    walk.text(plan, "promotionId", f"{path}.promotionId")
    reading.identifier = walk.text(plan, "identifier", f"{path}.identifier")
    islamic = walk.flag(plan, "isIslamicPlan", f"{path}.isIslamicPlan")
    sharia = walk.flag(plan, "shariaLawPlan", f"{path}.shariaLawPlan")
    reading.islamic = bool(islamic or sharia)
    reading.funded_by = _funded_by(walk, plan.get("fundedBy"), f"{path}.fundedBy")
    reading.count = _count_text(walk, plan.get("totalCount"), f"{path}.totalCount")
    reading.frequency = _frequency(walk, plan.get("frequency"), f"{path}.frequency")
    _terms(walk, reading, plan, "termsAndConditions", url_key="tncUrl", integer_version=False)

    details_path = f"{path}.amountDetails"
    details = walk.obj(plan, "amountDetails", details_path)
    if details is None:
        return reading
    amounts = reading.amounts
    reading.currency_path = f"{details_path}.currency"
    reading.currency = walk.text(details, "currency", reading.currency_path)
    for role, key in (
        ("last_amount_top", "lastInstallmentAmount"),
        ("total_fee", "totalFeeAmount"),
        ("total_upfront", "totalUpfrontFeeAmount"),
        ("total_recurring", "totalRecurringFeeAmount"),
        ("total_plan", "totalPlanAmount"),
    ):
        field_path = f"{details_path}.{key}"
        value = walk.amount(details, key, field_path)
        if value is not None:
            amounts[role] = (field_path, value)
    declared = walk.rate(details, "interestRate", f"{details_path}.interestRate", required=False)
    if declared is not None:
        reading.rates["declared"] = (f"{details_path}.interestRate", declared)
    for key, roles, required in (
        ("firstInstallment", (("first_amount", "amount"), ("first_fee", "feeAmount"),
                              ("first_upfront", "upfrontFeeAmount")), True),
        ("lastInstallment", (("last_amount", "amount"), ("last_fee", "feeAmount")), True),
    ):
        part_path = f"{details_path}.{key}"
        part = walk.obj(details, key, part_path)
        if part is None:
            continue
        for role, name in roles:
            field_path = f"{part_path}.{name}"
            value = walk.amount(part, name, field_path, required=required)
            if value is not None:
                amounts[role] = (field_path, value)
        if key == "firstInstallment":
            field_path = f"{part_path}.totalAmountExcludingUpfrontFee"
            value = walk.amount(part, "totalAmountExcludingUpfrontFee", field_path, required=False)
            if value is not None:
                amounts["first_excl"] = (field_path, value)

    fees_path = f"{details_path}.fees"
    fees = walk.array(details, "fees", fees_path, MAX_FEES, required=True)
    for position, fee in enumerate(fees or ()):
        fee_path = f"{fees_path}[{position}]"
        if type(fee) is not dict:
            walk.fail(fee_path, "an object", fee)
            continue
        kind = walk.text(fee, "type", f"{fee_path}.type", required=True)
        rate = walk.rate(fee, "ratePercentage", f"{fee_path}.ratePercentage")
        flat = walk.amount(fee, "flatFeeAmount", f"{fee_path}.flatFeeAmount")
        monthly = walk.rate(fee, "monthlyRatePercentage", f"{fee_path}.monthlyRatePercentage", required=False)
        if kind is None:
            continue
        _fee_terms(reading, kind, fee_path, rate=rate, flat=flat, rate_key="ratePercentage", flat_key="flatFeeAmount")
        if monthly is not None and kind == "CONSUMER":
            reading.rates["monthly_rate"] = (f"{fee_path}.monthlyRatePercentage", monthly)
    return reading


_FEE_ROLES: Final = {"CONSUMER": ("fee_rate", "fee_flat"), "CONSUMER_UPFRONT": ("upfront_rate", "upfront_flat")}
# Visa's merchant fees are what the merchant pays Visa or the issuer: they never change the
# consumer's amounts, so they are read and set aside.
_MERCHANT_FEES: Final = frozenset({"MERCHANT_FUNDING", "MERCHANT_SERVICE"})


def _fee_terms(
    reading: PlanReading, kind: str, fee_path: str, *, rate: Decimal | None, flat: Decimal | None,
    rate_key: str, flat_key: str,
) -> None:
    roles = _FEE_ROLES.get(kind)
    if roles is None:
        if kind not in _MERCHANT_FEES or not reading.native:
            reading.unknown_fees.append((f"{fee_path}.type", kind))
        return
    rate_role, flat_role = roles
    if rate_role in reading.rates or flat_role in reading.amounts:
        reading.duplicate_fees.append((f"{fee_path}.type", kind))
        return
    if rate is not None:
        reading.rates[rate_role] = (f"{fee_path}.{rate_key}", rate)
    if flat is not None:
        reading.amounts[flat_role] = (f"{fee_path}.{flat_key}", flat)


def _visa_plan(index: int, plan: object, prefix: str) -> PlanReading:
    path = f"{prefix}[{index}]"
    reading = PlanReading(index, path, native=True)
    walk = _Walk(reading.errors)
    if type(plan) is not dict:
        walk.fail(path, "an object", plan)
        return reading
    reading.plan_id = walk.text(plan, "vPlanID", f"{path}.vPlanID", required=True)
    reading.name = walk.text(plan, "name", f"{path}.name") or ""
    reading.plan_type = walk.text(plan, "type", f"{path}.type")
    reading.identifier = walk.text(plan, "vPlanIDRef", f"{path}.vPlanIDRef")
    reading.islamic = bool(walk.flag(plan, "isIslamicPlan", f"{path}.isIslamicPlan"))
    reading.funded_by = _funded_by(walk, plan.get("fundedBy"), f"{path}.fundedBy")
    count = walk.integer(
        plan, "numberOfInstallments", f"{path}.numberOfInstallments", high=MAX_INSTALLMENTS,
        what="a number of installments"
    )
    if count == 0:
        walk.fail(f"{path}.numberOfInstallments", f"a number of installments from 1 to {MAX_INSTALLMENTS}", 0)
    elif count is not None:
        reading.count = count
    reading.frequency = _frequency(walk, plan.get("installmentFrequency"), f"{path}.installmentFrequency")
    _terms(walk, reading, plan, "termsAndConditions", url_key="url", integer_version=True)

    cost_path = f"{path}.costInfo"
    cost = walk.obj(plan, "costInfo", cost_path)
    if cost is None:
        return reading
    amounts = reading.amounts
    reading.currency_path = f"{cost_path}.currency"
    reading.currency = walk.text(cost, "currency", reading.currency_path)

    def minor(parent: Mapping[str, object], key: str, field_path: str, role: str, *, required: bool = True) -> None:
        value = walk.integer(parent, key, field_path, high=MAX_MINOR, what="an integer of minor units",
                             required=required)
        if value is not None:
            amounts[role] = (field_path, Decimal(value))

    for role, key in (
        ("total_fee", "totalFees"),
        ("total_upfront", "totalUpfrontFees"),
        ("total_recurring", "totalRecurringFees"),
        ("total_plan", "totalPlanCost"),
    ):
        minor(cost, key, f"{cost_path}.{key}", role)
    apr = walk.integer(cost, "annualPercentageRate", f"{cost_path}.annualPercentageRate", high=MAX_APR_HUNDREDTHS,
                       what="a rate in hundredths of a percent", required=False)
    if apr is not None:
        reading.rates["declared"] = (f"{cost_path}.annualPercentageRate", Decimal(apr).scaleb(_HUNDREDTHS))
    for key, prefix_role, required in (("firstInstallment", "first", False), ("lastInstallment", "last", True)):
        part_path = f"{cost_path}.{key}"
        part = walk.obj(cost, key, part_path, required=required)
        if part is None:
            continue
        for name, suffix in (("amount", "amount"), ("installmentFee", "fee"), ("upfrontFee", "upfront"),
                             ("totalAmount", "total")):
            minor(part, name, f"{part_path}.{name}", f"{prefix_role}_{suffix}")
        if key == "firstInstallment":
            minor(part, "totalAmountExcludingUpfrontFee", f"{part_path}.totalAmountExcludingUpfrontFee",
                  "first_excl", required=False)

    fees_path = f"{cost_path}.feeInfo"
    fees = walk.array(cost, "feeInfo", fees_path, MAX_FEES, required=True)
    for position, fee in enumerate(fees or ()):
        fee_path = f"{fees_path}[{position}]"
        if type(fee) is not dict:
            walk.fail(fee_path, "an object", fee)
            continue
        kind = walk.text(fee, "type", f"{fee_path}.type", required=True)
        hundredths = walk.integer(fee, "ratePercentage", f"{fee_path}.ratePercentage", high=MAX_HUNDREDTHS,
                                  what="a rate in hundredths of a percent")
        flat = walk.integer(fee, "flatFee", f"{fee_path}.flatFee", high=MAX_MINOR, what="an integer of minor units")
        if kind is None:
            continue
        rate = None if hundredths is None else Decimal(hundredths).scaleb(_HUNDREDTHS)
        _fee_terms(reading, kind, fee_path, rate=rate, flat=None if flat is None else Decimal(flat),
                   rate_key="ratePercentage", flat_key="flatFee")
    return reading


def read_response(document: object) -> ResponseReading:
    """Read a parsed get-plans response of either format.

    Raises :class:`~installments_core.MalformedResponseError` only when the document is not an
    object of a known format; everything else unreadable is listed in the reading's errors.
    """
    if type(document) is not dict:
        raise MalformedResponseError("", expected="a JSON object", actual=describe(document))
    errors: list[ReadError] = []
    walk = _Walk(errors)
    if "matchedPlans" in document:
        response_format = VISA_NATIVE
        prefix = "matchedPlans"
        plans = walk.array(document, "matchedPlans", prefix, MAX_PLANS, required=True)
        read_plan = _visa_plan
    elif "installmentInformation" in document:
        response_format = CYBERSOURCE
        for key in ("id", "submitTimeUtc", "status"):
            walk.text(document, key, key)
        processor = walk.obj(document, "processorInformation", "processorInformation", required=False)
        if processor is not None:
            walk.text(processor, "responseCode", "processorInformation.responseCode")
        payment = walk.obj(document, "paymentInformation", "paymentInformation", required=False)
        if payment is not None:
            par = walk.obj(payment, "paymentAccountReference", "paymentInformation.paymentAccountReference",
                           required=False)
            if par is not None:
                walk.text(par, "id", "paymentInformation.paymentAccountReference.id")
        information = walk.obj(document, "installmentInformation", "installmentInformation")
        prefix = "installmentInformation.planDetails"
        plans = None if information is None else walk.array(information, "planDetails", prefix, MAX_PLANS,
                                                            required=True)
        read_plan = _cybersource_plan
    else:
        raise MalformedResponseError(
            "",
            expected="a get-plans response: an object with installmentInformation.planDetails (Cybersource) "
            "or matchedPlans (Visa)",
            actual="an object with neither",
        )
    readings = [read_plan(index, plan, prefix) for index, plan in enumerate(plans or ())]
    return ResponseReading(response_format, readings, errors)
