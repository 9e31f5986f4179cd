"""Validate a get-plans response: recompute every plan and compare every derived field.

``docs/validation.md`` lists every rule with an example.  In short, for each plan:

* the order amount comes from the caller, from the get-plans request, or is inferred per plan as
  ``totalPlanAmount − totalFeeAmount`` (and must then agree across plans);
* the plan is recomputed with :func:`~installments_core.compute_plan` from that amount and the
  plan's own count, frequency and fee terms, under the expected policy (Visa's by default), and
  every amount the response states is compared with the recomputed one;
* when the expected policy does not reproduce the plan, the known policies are tried, and the
  one that does is reported instead of a list of mismatches;
* cross-field rules are checked on the response's own numbers whatever the policy;
* declared rates (``interestRate``, ``annualPercentageRate``) are compared with the effective
  APR, as warnings: they never enter the amounts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal
from typing import Final

from .._core.currencies import ACTIVE_CURRENCIES, minor_units
from .._core.money import CTX, parse_amount, parse_decimal, quantum, zero
from .._core.offer import FundedBy, PlanOffer
from .._core.plan import Plan, compute_plan
from .._core.policy import KNOWN_POLICIES, VISA, RoundingPolicy
from .._errors import InfeasiblePlanError, InstallmentsError, InvalidTermsError, describe
from .._wire.decoding import decode_json
from .reading import PlanReading, ResponseReading, read_response
from .report import Convention, Discrepancy, PlanReport, ReadError, Severity, ValidationReport, mask_card_numbers

__all__ = ["RULES", "validate_response"]

ERROR: Final = Severity.ERROR
WARNING: Final = Severity.WARNING

RULES: Final[Mapping[str, str]] = {
    "recomputed": "equals the value recomputed from the order amount and the plan's fee terms",
    "first_fee": (
        "the first installment's fee is its recurring fee (current convention) or the recurring plus "
        "the upfront fee (2024 convention)"
    ),
    "policy": "the amounts follow the expected rounding policy",
    "infeasible": "the plan can be computed from the order amount and its terms",
    "minor_units": "amounts are whole minor units of the currency",
    "last_amount": "lastInstallmentAmount equals lastInstallment.amount",
    "fee_total": "totalFeeAmount = totalUpfrontFeeAmount + totalRecurringFeeAmount",
    "plan_total": "totalPlanAmount = order amount + totalFeeAmount",
    "upfront_first": "the whole upfront fee is due with the first installment",
    "upfront_last": "only the first installment carries the upfront fee",
    "excluding_upfront": "totalAmountExcludingUpfrontFee = first installment amount + its recurring fee",
    "installment_total": "an installment's totalAmount = amount + installmentFee + upfrontFee",
    "installments_sum": (
        "the installments add up to the order amount (those between the first and the last equal one of them)"
    ),
    "fees_sum": (
        "the installment fees add up to the total recurring fee (those between the first and the last equal "
        "one of them)"
    ),
    "order_amount": "every plan implies the same order amount (totalPlanAmount − totalFeeAmount)",
    "currency": "the plan's currency is the order's currency",
    "merchant_funded": "a MERCHANT-funded plan carries no consumer fees",
    "monthly_rate": "monthlyRatePercentage = CONSUMER ratePercentage / plan length in months, rounded per policy",
    "declared_rate": "a declared rate matches the effective APR of the amounts (declared rates never enter them)",
    "duplicate_plan": "planId is unique within the response",
    "identifier": "identifier is 10 alphanumeric characters",
    "terms_missing": "every plan carries terms and conditions",
    "terms_version": "every terms entry has a version, sent back as tcVersion",
    "terms_text": "every terms entry has text",
    "terms_language": "every terms entry has a three-letter ISO 639-2 languageCode",
    "fee_type": "fee types are CONSUMER or CONSUMER_UPFRONT (Visa: also MERCHANT_FUNDING, MERCHANT_SERVICE)",
    "duplicate_fee": "each fee type appears once",
    "no_currency": "the currency is known: stated by the plan, or given with the order",
}
"""Every rule the validator checks, by key, in the words its reports use."""

# Amount roles compared with the recomputed plan, in report order.
_DERIVED_ROLES: Final = (
    "first_amount", "first_fee", "first_upfront", "first_excl", "first_total",
    "last_amount", "last_fee", "last_upfront", "last_total", "last_amount_top",
    "total_upfront", "total_recurring", "total_fee", "total_plan",
)
_ZERO: Final = Decimal(0)


def _delta_text(delta: Decimal) -> Decimal:
    # Minor units read best as plain integers: 0.0400 USD is 4, not 4.00 or 4E+0.
    integral = delta.to_integral_value(ROUND_DOWN, CTX)
    return integral.quantize(Decimal(1), ROUND_DOWN, CTX) if integral == delta else delta.normalize(CTX)


class _Checker:
    """The checks of one plan: collects discrepancies in report order."""

    __slots__ = ("digits", "findings", "reading", "tolerance")

    def __init__(self, reading: PlanReading, digits: int, tolerance: Decimal) -> None:
        self.reading = reading
        self.digits = digits
        self.tolerance = tolerance
        self.findings: list[Discrepancy] = []

    def add(self, path: str, severity: Severity, expected: str, actual: str, *, rule: str,
            delta: Decimal | None = None) -> None:
        self.findings.append(
            Discrepancy(path, severity, expected, mask_card_numbers(actual), delta, RULES[rule])
        )

    def delta(self, actual: Decimal, expected: Decimal) -> Decimal:
        return CTX.subtract(actual, expected).scaleb(self.digits, CTX)

    def within(self, actual: Decimal, expected: Decimal) -> bool:
        """Whether *actual* is *expected* up to the tolerance."""
        return actual == expected or CTX.abs(self.delta(actual, expected)) <= self.tolerance

    def amount(self, path: str, actual: Decimal, expected: Decimal, rule: str, detail: str = "") -> bool:
        """Compare one amount; record a discrepancy (a warning within tolerance).  True when it matches."""
        if actual == expected:
            return True
        delta = self.delta(actual, expected)
        severity = WARNING if CTX.abs(delta) <= self.tolerance else ERROR
        self.findings.append(
            Discrepancy(path, severity, str(expected), str(actual), _delta_text(delta),
                        RULES[rule] + (f" ({detail})" if detail else ""))
        )
        return severity is WARNING


def _convention(checker: _Checker, reading: PlanReading, plan: Plan) -> Convention | None:
    """Which fee convention the first installment follows; None when it fits neither."""
    first_fee = reading.amounts.get("first_fee")
    if first_fee is None:
        return None
    if reading.native:
        # Visa's native format states the upfront fee separately: only the current meaning exists.
        return Convention.CURRENT if checker.within(first_fee[1], plan.first_fee) else None
    if plan.total_upfront_fee.is_zero():
        return Convention.EITHER if checker.within(first_fee[1], plan.first_fee) else None
    if checker.within(first_fee[1], plan.first_fee):
        return Convention.CURRENT
    if checker.within(first_fee[1], CTX.add(plan.first_fee, plan.total_upfront_fee)):
        return Convention.REV_2024
    return None


def _expected(plan: Plan, convention: Convention | None) -> dict[str, Decimal]:
    upfront = plan.total_upfront_fee
    first_fee = CTX.add(plan.first_fee, upfront) if convention is Convention.REV_2024 else plan.first_fee
    last_upfront = upfront if plan.total_count == 1 else zero(minor_units(plan.currency))
    return {
        "first_amount": plan.first_amount,
        "first_fee": first_fee,
        "first_upfront": upfront,
        "first_excl": plan.first_total_excluding_upfront_fee,
        "first_total": CTX.add(plan.first_total_excluding_upfront_fee, upfront),
        "last_amount": plan.last_amount,
        "last_fee": plan.last_fee,
        "last_upfront": last_upfront,
        "last_total": CTX.add(CTX.add(plan.last_amount, plan.last_fee), last_upfront),
        "last_amount_top": plan.last_amount,
        "total_upfront": upfront,
        "total_recurring": plan.total_recurring_fee,
        "total_fee": plan.total_fee,
        "total_plan": plan.total_plan_amount,
    }


def _fits(checker: _Checker, reading: PlanReading, plan: Plan) -> bool:
    """Whether *plan* reproduces every amount and rate the reading states."""
    convention = _convention(checker, reading, plan)
    expected = _expected(plan, convention)
    amounts = reading.amounts
    for role in _DERIVED_ROLES:
        stated = amounts.get(role)
        if stated is not None and not checker.within(stated[1], expected[role]):
            return False
    monthly = reading.rates.get("monthly_rate")
    return monthly is None or monthly[1] == plan.monthly_rate_percentage


def _compute(reading: PlanReading, amount: Decimal, currency: str, policy: RoundingPolicy, terms: tuple[
        Decimal, Decimal, Decimal, Decimal]) -> Plan:
    assert reading.count is not None
    assert reading.frequency is not None
    fee_rate, fee_flat, upfront_rate, upfront_flat = terms
    return compute_plan(
        amount, currency, reading.count, frequency=reading.frequency, fee_rate=fee_rate, fee_flat=fee_flat,
        upfront_rate=upfront_rate, upfront_flat=upfront_flat, policy=policy,
    )


def _sum_fits(first: Decimal, last: Decimal, count: int, total: Decimal) -> tuple[bool, Decimal]:
    """Whether count installments, the middle ones equal to the first or to the last, add up to total."""
    if count == 1:
        return first == total and last == total, first
    middle = count - 2
    with_first = CTX.add(first.fma(middle + 1, _ZERO, CTX), last)
    with_last = CTX.add(first, last.fma(middle + 1, _ZERO, CTX))
    return total in (with_first, with_last), with_first


def _cross_checks(checker: _Checker, reading: PlanReading, order_amount: Decimal | None, source: str) -> None:
    """The rules between the response's own fields, whatever the policy.

    *source* says where the order amount comes from: ``given`` (argument or request), ``own``
    (inferred from this very plan, so the plan total cannot disagree with it) or ``others``
    (inferred from the other plans, which this one contradicts).
    """
    a = {role: value for role, (_, value) in reading.amounts.items()}
    paths = {role: path for role, (path, _) in reading.amounts.items()}
    details_path = paths.get("total_plan", reading.path).rsplit(".", 1)[0]
    if "last_amount_top" in a and "last_amount" in a:
        checker.amount(paths["last_amount_top"], a["last_amount_top"], a["last_amount"], "last_amount")
    if {"total_fee", "total_upfront", "total_recurring"} <= a.keys():
        checker.amount(paths["total_fee"], a["total_fee"], CTX.add(a["total_upfront"], a["total_recurring"]),
                       "fee_total")
    if order_amount is not None and source != "own" and {"total_plan", "total_fee"} <= a.keys():
        checker.amount(paths["total_plan"], a["total_plan"], CTX.add(order_amount, a["total_fee"]),
                       "plan_total" if source == "given" else "order_amount")
    if "first_upfront" in a and "total_upfront" in a:
        checker.amount(paths["first_upfront"], a["first_upfront"], a["total_upfront"], "upfront_first")
    if "last_upfront" in a and reading.count is not None and reading.count > 1:
        checker.amount(paths["last_upfront"], a["last_upfront"], zero(checker.digits), "upfront_last")
    for prefix in ("first", "last"):
        parts = [a.get(f"{prefix}_{name}") for name in ("amount", "fee", "upfront")]
        total = a.get(f"{prefix}_total")
        if total is not None and all(part is not None for part in parts):
            amount, fee, upfront = parts
            assert amount is not None
            assert fee is not None
            assert upfront is not None
            checker.amount(paths[f"{prefix}_total"], total, CTX.add(CTX.add(amount, fee), upfront),
                           "installment_total")
    # The first installment's recurring fee, under whichever convention makes the fees add up.
    first_recurring = a.get("first_fee")
    if (
        first_recurring is not None and not reading.native and "first_upfront" in a
        and "total_recurring" in a and "last_fee" in a and reading.count is not None
        and not _sum_fits(first_recurring, a["last_fee"], reading.count, a["total_recurring"])[0]
        and a["first_upfront"] <= first_recurring
    ):
        without_upfront = CTX.subtract(first_recurring, a["first_upfront"])
        if _sum_fits(without_upfront, a["last_fee"], reading.count, a["total_recurring"])[0]:
            first_recurring = without_upfront
    if "first_excl" in a and "first_amount" in a and first_recurring is not None:
        checker.amount(paths["first_excl"], a["first_excl"], CTX.add(a["first_amount"], first_recurring),
                       "excluding_upfront")
    if reading.count is not None:
        if order_amount is not None and "first_amount" in a and "last_amount" in a:
            fits, total = _sum_fits(a["first_amount"], a["last_amount"], reading.count, order_amount)
            if not fits:
                checker.amount(details_path, total, order_amount, "installments_sum")
        if first_recurring is not None and "last_fee" in a and "total_recurring" in a:
            fits, total = _sum_fits(first_recurring, a["last_fee"], reading.count, a["total_recurring"])
            if not fits:
                checker.amount(details_path, total, a["total_recurring"], "fees_sum")


def _fee_terms(checker: _Checker, reading: PlanReading) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    """The fee terms as compute_plan takes them; None when a flat fee is not in whole minor units."""
    unit = quantum(checker.digits)
    flats = []
    for role in ("fee_flat", "upfront_flat"):
        stated = reading.amounts.get(role)
        flats.append(_ZERO if stated is None else stated[1])
    if any(flat.quantize(unit, ROUND_DOWN, CTX) != flat for flat in flats):
        return None
    rates = [reading.rates.get(role, ("", _ZERO))[1] for role in ("fee_rate", "upfront_rate")]
    return rates[0], flats[0], rates[1], flats[1]


def _check_plan(
    reading: PlanReading,
    *,
    order_amount: Decimal | None,
    order_currency: str | None,
    source: str,
    policy: RoundingPolicy,
    tolerance: Decimal,
    duplicate: bool,
) -> PlanReport:
    errors = list(reading.errors)
    findings: list[Discrepancy] = []
    path = reading.path

    def report(
        checker: _Checker | None, convention: Convention | None = None, policy_name: str | None = None,
        offer: PlanOffer | None = None,
    ) -> PlanReport:
        if checker is not None:
            findings.extend(checker.findings)
        plan_id = None if reading.plan_id is None else mask_card_numbers(reading.plan_id)
        return PlanReport(reading.index, path, plan_id, convention, policy_name, tuple(findings), tuple(errors), offer)

    plain = _Checker(reading, 0, tolerance)
    _identity_checks(plain, reading, duplicate)
    findings.extend(plain.findings)
    if errors:
        return report(None)

    currency = reading.currency or order_currency
    if reading.currency and order_currency and reading.currency != order_currency:
        findings.append(Discrepancy(reading.currency_path, ERROR, order_currency, mask_card_numbers(
            describe(reading.currency)), None, RULES["currency"]))
        return report(None)
    if currency is None:
        errors.append(ReadError(reading.currency_path, RULES["no_currency"] + ": pass currency= or the request"))
        return report(None)
    try:
        digits = minor_units(currency, path=reading.currency_path)
    except InstallmentsError as error:
        errors.append(ReadError(error.path, f"expected {error.expected}, found {error.actual}"))
        return report(None)

    checker = _Checker(reading, digits, tolerance)
    unit = quantum(digits)
    for field_path, value in reading.amounts.values():
        if value.quantize(unit, ROUND_DOWN, CTX) != value:
            checker.add(field_path, ERROR, f"a whole number of {currency} minor units ({digits} decimals)",
                        str(value), rule="minor_units")
    for fee_path, kind in reading.unknown_fees:
        checker.add(fee_path, ERROR, "a known fee type", describe(kind), rule="fee_type")
    for fee_path, kind in reading.duplicate_fees:
        checker.add(fee_path, ERROR, f"one {kind} entry", f"another {kind} entry", rule="duplicate_fee")

    amounts = reading.amounts
    amount = order_amount
    if amount is not None and amount.is_signed() and not amount.is_zero():
        total_plan = amounts["total_plan"]
        checker.amount(total_plan[0], total_plan[1], amounts["total_fee"][1], "plan_total",
                       "the plan total must be at least the fees")
        return report(checker)
    _cross_checks(checker, reading, amount, source)

    if reading.funded_by is not None and FundedBy.MERCHANT in reading.funded_by and FundedBy.CONSUMER not in (
        reading.funded_by
    ):
        for role in ("fee_flat", "upfront_flat", "total_fee", "total_upfront", "total_recurring"):
            stated = amounts.get(role)
            if stated is not None and not stated[1].is_zero():
                checker.add(stated[0], ERROR, str(zero(digits)), str(stated[1]),
                            delta=stated[1].scaleb(digits, CTX), rule="merchant_funded")
        for role in ("fee_rate", "upfront_rate"):
            rate = reading.rates.get(role)
            if rate is not None and not rate[1].is_zero():
                checker.add(rate[0], ERROR, "0", str(rate[1]), rule="merchant_funded")

    terms = _fee_terms(checker, reading)
    if amount is None or terms is None or reading.count is None or reading.frequency is None:
        return report(checker)
    try:
        plan = _compute(reading, amount, currency, policy, terms)
    except (InfeasiblePlanError, InvalidTermsError) as error:
        checker.add(path, ERROR, error.expected, error.actual, rule="infeasible")
        return report(checker)

    policy_name: str | None = policy.name
    if not _fits(checker, reading, plan):
        alternative = _find_policy(checker, reading, amount=amount, currency=currency, expected=policy, terms=terms)
        if alternative is not None:
            checker.findings.append(Discrepancy(
                path, ERROR, policy.name, alternative.name, None,
                f"{RULES['policy']}: every amount is reproduced by {alternative.name}, not by {policy.name}",
            ))
            plan, policy_name = _compute(reading, amount, currency, alternative, terms), alternative.name
        else:
            policy_name = None
    convention = _convention(checker, reading, plan)
    if policy_name is None:
        _compare_amounts(checker, reading, plan, convention)
    _compare_rates(checker, reading, plan)
    offer = PlanOffer(
        reading.plan_id or "",
        plan,
        name=reading.name,
        identifier=reading.identifier,
        plan_type=reading.plan_type,
        islamic=reading.islamic,
        funded_by=reading.funded_by or (FundedBy.CONSUMER,),
        terms=reading.terms,
    )
    return report(checker, convention, policy_name, offer)


def _find_policy(
    checker: _Checker, reading: PlanReading, *, amount: Decimal, currency: str, expected: RoundingPolicy,
    terms: tuple[Decimal, Decimal, Decimal, Decimal],
) -> RoundingPolicy | None:
    for candidate in KNOWN_POLICIES:
        if candidate.same_rounding(expected):
            continue
        try:
            plan = _compute(reading, amount, currency, candidate, terms)
        except InstallmentsError:
            continue
        if _fits(checker, reading, plan):
            return candidate
    return None


def _compare_amounts(checker: _Checker, reading: PlanReading, plan: Plan, convention: Convention | None) -> None:
    expected = _expected(plan, convention)
    policy = plan.policy.name
    for role in _DERIVED_ROLES:
        stated = reading.amounts.get(role)
        if stated is None:
            continue
        rule = "first_fee" if role == "first_fee" and convention is None and not reading.native else "recomputed"
        checker.amount(stated[0], stated[1], expected[role], rule, f"policy {policy}")


def _compare_rates(checker: _Checker, reading: PlanReading, plan: Plan) -> None:
    monthly = reading.rates.get("monthly_rate")
    if monthly is not None and monthly[1] != plan.monthly_rate_percentage:
        checker.add(monthly[0], ERROR, str(plan.monthly_rate_percentage), str(monthly[1]), rule="monthly_rate")
    declared = reading.rates.get("declared")
    if declared is not None:
        cost = plan.cost_of_credit()
        if declared[1] != cost.apr:
            checker.findings.append(Discrepancy(
                declared[0], WARNING, str(cost.apr), str(declared[1]), None,
                f"{RULES['declared_rate']}: APR {cost.apr} %, APRC {cost.aprc} %",
            ))


def _identity_checks(checker: _Checker, reading: PlanReading, duplicate: bool) -> None:
    path = reading.path
    id_key = "vPlanID" if reading.native else "planId"
    if duplicate and reading.plan_id is not None:
        checker.add(f"{path}.{id_key}", ERROR, "a planId no other plan has", describe(reading.plan_id),
                    rule="duplicate_plan")
    identifier = reading.identifier
    if identifier is not None and not (len(identifier) == 10 and identifier.isascii() and identifier.isalnum()):
        checker.add(f"{path}.{'vPlanIDRef' if reading.native else 'identifier'}", ERROR,
                    "10 letters or digits", describe(identifier), rule="identifier")
    if not reading.terms_count and not any(e.path.startswith(reading.terms_path) for e in reading.errors):
        checker.add(reading.terms_path, ERROR, "at least one terms entry",
                    "none" if reading.terms_count is None else "an empty array", rule="terms_missing")
    for field_path, expected, severity, actual in reading.terms_findings:
        rule = {"version": "terms_version", "text": "terms_text"}.get(field_path.rsplit(".", 1)[1], "terms_language")
        checker.add(field_path, severity, expected, actual, rule=rule)


def _order(
    reading: ResponseReading, amount: object, currency: object, request: object,
) -> tuple[Decimal | None, str | None]:
    """The order amount and currency from the arguments or the request; None where neither says."""
    if request is not None:
        document = request
        if isinstance(request, (bytes, bytearray, memoryview, str)):
            document = decode_json(request, what="request")
        details = document.get("orderInformation") if isinstance(document, dict) else None
        details = details.get("amountDetails") if isinstance(details, dict) else None
        if not isinstance(details, dict):
            raise InvalidTermsError(
                "request.orderInformation.amountDetails", expected="an object with totalAmount and currency",
                actual="nothing" if details is None else describe(details),
            )
        if amount is None:
            amount = details.get("totalAmount")
            if amount is None:
                raise InvalidTermsError("request.orderInformation.amountDetails.totalAmount",
                                        expected="the order amount", actual="nothing")
        if currency is None:
            currency = details.get("currency")
    if currency is not None:
        minor_units(currency, path="currency")
    if amount is None:
        return None, currency if isinstance(currency, str) else None
    if currency is None:
        stated = Counter(plan.currency for plan in reading.plans if plan.currency)
        if not stated:
            parse_decimal(amount, path="amount")
            raise InvalidTermsError("currency", expected="a currency for the order amount (the plans state none)",
                                    actual="nothing")
        currency = stated.most_common(1)[0][0]
    assert isinstance(currency, str)
    return parse_amount(amount, currency, path="amount"), currency


def _scale_native(reading: ResponseReading, order_currency: str | None) -> None:
    """Turn Visa's integers of minor units into amounts, for every plan whose currency is known."""
    for plan in reading.plans:
        currency = plan.currency or order_currency
        digits = ACTIVE_CURRENCIES.get(currency) if plan.native and currency is not None else None
        if digits is not None:
            plan.amounts = {role: (path, value.scaleb(-digits, CTX)) for role, (path, value) in plan.amounts.items()}


def _implied_amount(plan: PlanReading) -> Decimal | None:
    """totalPlanAmount − totalFeeAmount: the order amount the plan itself implies."""
    if "total_plan" in plan.amounts and "total_fee" in plan.amounts:
        return CTX.subtract(plan.amounts["total_plan"][1], plan.amounts["total_fee"][1])
    return None


def validate_response(
    data: bytes | bytearray | memoryview | str | Mapping[str, object],
    *,
    order_amount: Decimal | int | str | None = None,
    currency: str | None = None,
    request: bytes | str | Mapping[str, object] | None = None,
    policy: RoundingPolicy | None = None,
    tolerance: int | Decimal | str = 0,
) -> ValidationReport:
    """Check every plan of a get-plans response and report every discrepancy.

    *data* is the response: bytes or text of JSON, or the parsed object, in Cybersource's shape
    (``installmentInformation.planDetails[]``) or Visa's native one (``matchedPlans[]``).  The
    order amount is *order_amount* (in *currency*), else the *request*'s, else inferred per plan.
    *policy* is the rounding the issuer is expected to follow (Visa's by default); *tolerance*
    accepts differences of that many minor units, reporting them as warnings.

    Raises :class:`~installments_core.MalformedResponseError` when *data* is not a JSON object
    of either format, and :class:`~installments_core.InstallmentsError` for bad arguments;
    everything wrong inside a readable response is in the report.

    >>> report = validate_response(b'{"installmentInformation": {"planDetails": []}}')
    >>> report.ok, report.format, report.plans
    (True, 'cybersource', ())
    """
    document = data if isinstance(data, Mapping) else decode_json(data)
    reading = read_response(dict(document) if isinstance(document, Mapping) else document)
    expected_policy = VISA if policy is None else policy
    if not isinstance(expected_policy, RoundingPolicy):
        raise InvalidTermsError("policy", expected="a RoundingPolicy", actual=describe(policy))
    allowed = parse_decimal(tolerance, path="tolerance", what="tolerance")
    try:
        amount, order_currency = _order(reading, order_amount, currency, request)
    except InstallmentsError as error:
        # The request carries the card number: nothing read from it may be echoed unmasked.
        raise type(error)(
            error.path, expected=error.expected, actual=mask_card_numbers(error.actual), detail=error.detail
        ) from None
    _scale_native(reading, order_currency)
    implied = [_implied_amount(plan) for plan in reading.plans]
    counted = Counter(value for value in implied if value is not None)
    # With no order amount given, the plans vote: the most common implied amount (the first plan's
    # on a tie) is the order amount, and a plan that implies another one is the one in error.
    reference = counted.most_common(1)[0][0] if amount is None and counted else None

    seen: set[str] = set()
    reports = []
    for plan, own in zip(reading.plans, implied, strict=True):
        duplicate = plan.plan_id is not None and plan.plan_id in seen
        if plan.plan_id is not None:
            seen.add(plan.plan_id)
        plan_amount: Decimal | None
        if amount is not None:
            plan_amount, source = amount, "given"
        else:
            plan_amount, source = reference, "own" if own == reference else "others"
        reports.append(_check_plan(
            plan, order_amount=plan_amount, order_currency=order_currency, source=source,
            policy=expected_policy, tolerance=allowed, duplicate=duplicate,
        ))
    return ValidationReport(
        reading.format,
        tuple(reports),
        (*reading.errors, *(error for result in reports for error in result.errors)),
        amount if amount is not None else reference,
        order_currency if order_currency is not None else _common_currency(reading),
    )


def _common_currency(reading: ResponseReading) -> str | None:
    stated = Counter(plan.currency for plan in reading.plans if plan.currency)
    return stated.most_common(1)[0][0] if stated else None

