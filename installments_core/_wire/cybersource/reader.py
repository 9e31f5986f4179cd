"""The Cybersource get-plans reader: a parsed response's plans as wire-neutral readings.

Written for the common case, a plan with nothing wrong in it: each field is taken from the parsed
document directly and checked by its exact type (a ``dict`` or ``str`` subclass is not JSON), amount
and rate texts come from bounded caches, and no path string is built.  Anything unexpected is recorded
where it was found, in the words the validator reports, and reading goes on: the reading of a broken
plan holds everything that could be read, and every problem in document order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from ..._core.offer import TermsAndConditions
from ..._findings import Finding
from ..fields import COUNT_RULE, MAX_FEES, MAX_PLANS, MAX_TERMS, count_from_text
from ..reading import (
    FREQUENCIES,
    PlanReading,
    Walk,
    fee_terms,
    parsed_amount,
    parsed_rate,
    tc_version_problem,
    terms_findings,
)
from .table import PLANS, group

__all__ = ["TOTALS", "read_details", "read_envelope", "read_fees", "read_plan"]

TOTALS: Final = group("amountDetails")
"""(role, key, required) of amountDetails' own amounts, in table order."""
_FIRST: Final = group("amountDetails.firstInstallment")
_LAST: Final = group("amountDetails.lastInstallment")
_TEXTS: Final = ("planName", "planType", "promotionId", "identifier")
_TEXT_OR_NONE: Final = frozenset({str, type(None)})
_FLAG_OR_NONE: Final = frozenset({bool, type(None)})


def read_envelope(document: dict[str, object]) -> tuple[list[object], list[Finding]]:
    """The plans of a Cybersource *document* (not yet read) and the envelope's own problems."""
    get = document.get
    information, processor, payment = get("installmentInformation"), get("processorInformation"), get(
        "paymentInformation"
    )
    # The common envelope, every field of its type or absent, costs a few lookups; any other is walked.
    if (
        type(information) is dict and type(get("id")) in _TEXT_OR_NONE and type(get("submitTimeUtc")) in _TEXT_OR_NONE
        and type(get("status")) in _TEXT_OR_NONE
        and (processor is None or (type(processor) is dict and type(processor.get("responseCode")) in _TEXT_OR_NONE))
        and (payment is None or (type(payment) is dict and _plain_reference(payment.get("paymentAccountReference"))))
    ):
        plans = information.get("planDetails")
        if type(plans) is list and len(plans) <= MAX_PLANS:
            return plans, []
    errors: list[Finding] = []
    walk = Walk(errors)
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
    plans = None if information is None else walk.array(
        information, "planDetails", "installmentInformation", MAX_PLANS, required=True
    )
    return plans or [], errors


def _plain_reference(reference: object) -> bool:
    """Whether a ``paymentAccountReference`` is absent or an object whose ``id`` is a string or absent."""
    return reference is None or (type(reference) is dict and type(reference.get("id")) in _TEXT_OR_NONE)


def read_plan(index: int, plan: object) -> PlanReading:
    """The plan at *index* of a Cybersource response's ``planDetails``, and what is wrong with it."""
    path = f"{PLANS}[{index}]"
    reading = PlanReading(index, path, native=False)
    walk = Walk(reading.errors)
    if type(plan) is not dict:
        walk.fail(path, "an object", plan)
        reading.is_object = False
        return reading
    _header(walk, reading, plan, path)
    _terms(walk, reading, plan.get("termsAndConditions"), path)
    details = plan.get("amountDetails")
    if type(details) is not dict:
        walk.wrong(details, path, "amountDetails", "an object", required=True)
        return reading
    currency = details.get("currency")
    if type(currency) is str:
        reading.currency = currency
    elif currency is not None:
        walk.fail(f"{path}.amountDetails.currency", "a string", currency)
    reading.unread = details
    return reading


def read_details(reading: PlanReading) -> None:
    """Read the amounts, rates and fees of *reading*'s ``amountDetails``, left unread by :func:`read_plan`.

    They are the last fields a plan is read for, so their problems follow the others in document
    order whenever they are read.  Validation reads them for every plan it does not accept by its
    texts alone (compared with what the writer writes for the recomputed plan).
    """
    details = reading.unread
    if details is None:
        return
    reading.unread = None
    walk = Walk(reading.errors)
    details_path = f"{reading.path}.amountDetails"
    _amounts(walk, reading, details, details_path)
    _fees(walk, reading, details, details_path)
    reading.finest = walk.finest


def read_fees(fees: object) -> PlanReading:
    """The fee entries *fees* alone, read as :func:`read_details` reads them, into a reading of their own."""
    reading = PlanReading(0, PLANS, native=False)
    walk = Walk(reading.errors)
    _fees(walk, reading, {"fees": fees}, "amountDetails")
    reading.finest = walk.finest
    return reading


def _header(walk: Walk, reading: PlanReading, plan: dict[str, object], path: str) -> None:
    get = plan.get
    plan_id, name, plan_type, promotion, identifier = (
        get("planId"), get("planName"), get("planType"), get("promotionId"), get("identifier")
    )
    if type(plan_id) is str:
        reading.plan_id = plan_id
    else:
        walk.wrong(plan_id, path, "planId", "a string", required=True)
    if type(name) in _TEXT_OR_NONE and type(plan_type) in _TEXT_OR_NONE and type(promotion) in _TEXT_OR_NONE and type(
        identifier
    ) in _TEXT_OR_NONE:
        reading.plan_type, reading.identifier = plan_type, identifier  # type: ignore[assignment]  # str or None
    else:
        name, reading.plan_type, _, reading.identifier = walk.texts(plan, _TEXTS, path)
    reading.name = name or ""  # type: ignore[assignment]  # str or None
    islamic, sharia = get("isIslamicPlan"), get("shariaLawPlan")
    if type(islamic) not in _FLAG_OR_NONE or type(sharia) not in _FLAG_OR_NONE:
        islamic, sharia = walk.flag(plan, "isIslamicPlan", path), walk.flag(plan, "shariaLawPlan", path)
    reading.islamic = bool(islamic or sharia)
    if get("fundedBy") is not None:
        reading.funded_by = walk.funded_by(plan, path)
    count_text = get("totalCount")
    reading.count = count_from_text(count_text)
    if reading.count is None:
        walk.wrong(count_text, path, "totalCount", COUNT_RULE, required=True)
    frequency = get("frequency")
    reading.frequency = FREQUENCIES.get(frequency) if type(frequency) is str else None
    if reading.frequency is None:
        walk.frequency(plan, "frequency", path)


def _terms(walk: Walk, reading: PlanReading, entries: object, path: str) -> None:
    if type(entries) is not list or len(entries) > MAX_TERMS:
        walk.array({"termsAndConditions": entries}, "termsAndConditions", path, MAX_TERMS, required=False)
        return
    reading.terms_count = len(entries)
    terms = []
    new_terms = tuple.__new__  # the named tuple without the Python-level __new__ it generates
    for position, entry in enumerate(entries):
        if type(entry) is not dict:
            walk.fail(f"{path}.termsAndConditions[{position}]", "an object", entry)
            continue
        text, language, url, version = entry.get("text"), entry.get("languageCode"), entry.get("tncUrl"), entry.get(
            "version"
        )
        if (
            type(text) not in _TEXT_OR_NONE or type(language) not in _TEXT_OR_NONE or type(url) not in _TEXT_OR_NONE
            or type(version) not in _TEXT_OR_NONE
        ):
            walk.texts(entry, ("text", "languageCode", "tncUrl", "version"), f"{path}.termsAndConditions[{position}]")
            continue
        # Nothing for terms_findings to say, most often: a text, a version a select request can send
        # back, a three-letter language code.
        if not (
            text and type(version) is str and tc_version_problem(version) is None and type(language) is str
            and len(language) == 3 and language.isascii() and language.isalpha() and not text.isspace()
        ):
            terms_findings(reading, f"{path}.termsAndConditions[{position}]", version, text, language)
        terms.append(new_terms(TermsAndConditions, (language or "", version or "", text or "", url)))
    reading.terms = tuple(terms)


def _amounts(walk: Walk, reading: PlanReading, details: dict[str, object], details_path: str) -> None:
    amounts = reading.amounts
    walk.amounts(details, TOTALS, details_path, amounts)
    declared = details.get("interestRate")
    if declared is not None:
        rate = parsed_rate(declared) if type(declared) is str else None
        if type(rate) is Decimal:
            reading.rates["declared"] = rate
        else:
            walk.rate(details, "interestRate", details_path, required=False)
    first = details.get("firstInstallment")
    if type(first) is dict:
        walk.amounts(first, _FIRST, f"{details_path}.firstInstallment", amounts)
    else:
        walk.wrong(first, details_path, "firstInstallment", "an object", required=True)
    last = details.get("lastInstallment")
    if type(last) is dict:
        walk.amounts(last, _LAST, f"{details_path}.lastInstallment", amounts)
    else:
        walk.wrong(last, details_path, "lastInstallment", "an object", required=True)


def _fees(walk: Walk, reading: PlanReading, details: dict[str, object], details_path: str) -> None:
    fees = details.get("fees")
    if type(fees) is not list or len(fees) > MAX_FEES:
        walk.array(details, "fees", details_path, MAX_FEES, required=True)
        return
    for position, fee in enumerate(fees):
        if type(fee) is dict:
            kind, rate, flat, monthly = fee.get("type"), fee.get("ratePercentage"), fee.get("flatFeeAmount"), fee.get(
                "monthlyRatePercentage"
            )
            if type(kind) is str and type(rate) is str and type(flat) is str and type(monthly) in _TEXT_OR_NONE:
                rate, flat = parsed_rate(rate), parsed_amount(flat)
                monthly = None if monthly is None else parsed_rate(monthly)
                if type(rate) is Decimal and type(flat) is tuple and (monthly is None or type(monthly) is Decimal):
                    if flat[1] < walk.finest:  # noqa: PLR1730  (a call to min() per amount costs more)
                        walk.finest = flat[1]
                    _fee(reading, kind, position, details_path, rate, flat[0], monthly)
                    continue
        _careful_fee(walk, reading, fee, position, details_path)


def _careful_fee(walk: Walk, reading: PlanReading, fee: object, position: int, details_path: str) -> None:
    """A fee entry with something wrong in it: each field read on its own, every problem recorded."""
    fee_path = f"{details_path}.fees[{position}]"
    if type(fee) is not dict:
        walk.fail(fee_path, "an object", fee)
        return
    kind = walk.text(fee, "type", fee_path, required=True)
    rate = walk.rate(fee, "ratePercentage", fee_path)
    flat = walk.amount(fee, "flatFeeAmount", fee_path)
    monthly = walk.rate(fee, "monthlyRatePercentage", fee_path, required=False)
    if kind is not None:
        _fee(reading, kind, position, details_path, rate, flat, monthly)


def _fee(  # noqa: PLR0917  (the two readings of a fee entry pass what they read)
    reading: PlanReading, kind: str, position: int, details_path: str, rate: Decimal | None, flat: Decimal | None,
    monthly: Decimal | None,
) -> None:
    fee_terms(reading, kind, position, details_path, rate=rate, flat=flat)
    if monthly is not None and kind == "CONSUMER" and "monthly_rate" not in reading.rates:
        reading.rates["monthly_rate"] = monthly
        reading.fee_positions["monthly_rate"] = position
