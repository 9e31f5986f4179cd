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

A Cybersource plan that is exactly right is settled first in one pass (:mod:`.verified`, when the
policy is the library's own and the tolerance 0); every other plan is checked here, rule by rule.
Both give the same report (``tests/test_fast_path.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import Final, TypeVar

from .._core.currencies import ACTIVE_CURRENCIES, minor_units
from .._core.money import CTX, parse_amount, parse_decimal, quantum, zero
from .._core.offer import FundedBy, PlanOffer
from .._core.plan import Plan, compute_plan
from .._core.policy import KNOWN_POLICIES, VISA, Frequency, RoundingPolicy
from .._errors import InstallmentsError, InvalidTermsError, describe, mask_digit_runs
from .._findings import Finding
from .._wire.decoding import decode_json
from .._wire.request_fields import check_plan_id
from . import verified
from .rates import effective_apr
from .reading import (
    CYBERSOURCE,
    PlanReading,
    ResponseReading,
    clean_plans,
    known_amount,
    read_cybersource_plan,
    read_response,
)
from .report import Convention, Discrepancy, PlanReport, ReadError, Severity, ValidationReport, plan_finding
from .rules import RULES, declared_rate_warning, well_formed_identifier
from .verified import amounts_by_role, verified_plan

__all__ = ["RULES", "clear_caches", "validate_response"]

ERROR: Final = Severity.ERROR
WARNING: Final = Severity.WARNING


# Amount roles compared with the recomputed plan, in report order.
_DERIVED_ROLES: Final = (
    "first_amount", "first_fee", "first_upfront", "first_excl", "first_total",
    "last_amount", "last_fee", "last_upfront", "last_total", "last_amount_top",
    "total_upfront", "total_recurring", "total_fee", "total_plan",
)
_ZERO: Final = Decimal(0)
_TEXTS: Final = (bytes, bytearray, memoryview, str)
_MERCHANT_FUNDED_ROLES: Final = ("fee_flat", "upfront_flat", "total_fee", "total_upfront", "total_recurring")


def _plain_delta(delta: Decimal) -> Decimal:
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
            delta: Decimal | None = None, detail: str = "") -> None:
        words = f"{RULES[rule]} ({detail})" if detail else RULES[rule]
        self.findings.append(plan_finding(path, words, expected, actual, rule, severity=severity,
                                          delta_minor_units=delta))

    def within(self, actual: Decimal, expected: Decimal) -> bool:
        """Whether *actual* is *expected* up to the tolerance."""
        if actual == expected:
            return True
        return bool(self.tolerance) and CTX.abs(CTX.subtract(actual, expected).scaleb(self.digits, CTX)) <= (
            self.tolerance
        )

    def amount(self, role: str, actual: Decimal, expected: Decimal, rule: str, detail: str = "") -> None:
        """Compare one amount; record a discrepancy, a warning when within the tolerance."""
        if actual == expected:
            return
        delta = CTX.subtract(actual, expected).scaleb(self.digits, CTX)
        severity = WARNING if CTX.abs(delta) <= self.tolerance else ERROR
        self.add(self.reading.path_of(role), severity, str(expected), str(actual), rule=rule,
                 delta=_plain_delta(delta), detail=detail)


def _convention(checker: _Checker, reading: PlanReading, plan: Plan) -> Convention | None:
    """Which fee convention the first installment follows; None when it fits neither."""
    first_fee = reading.amounts.get("first_fee")
    if first_fee is None:
        return None
    if checker.within(first_fee, plan.first_fee):
        if reading.native:
            # Visa's native format states the upfront fee on its own: only one meaning exists.
            return Convention.CURRENT
        return Convention.EITHER if plan.total_upfront_fee.is_zero() else Convention.CURRENT
    if not reading.native and checker.within(first_fee, CTX.add(plan.first_fee, plan.total_upfront_fee)):
        return Convention.REV_2024
    return None


def _fits(checker: _Checker, reading: PlanReading, recomputed: _Recomputed) -> bool:
    """Whether the recomputed plan reproduces every amount and rate the reading states."""
    plan = recomputed.plan
    expected = recomputed.amounts[_convention(checker, reading, plan) is Convention.REV_2024]
    amounts = reading.amounts
    for role in _DERIVED_ROLES:
        stated = amounts.get(role)
        if stated is not None and not checker.within(stated, expected[role]):
            return False
    monthly = reading.rates.get("monthly_rate")
    return monthly is None or monthly == plan.monthly_rate_percentage


def _sum_fits(first: Decimal, last: Decimal, count: int, total: Decimal) -> tuple[bool, Decimal]:
    """Whether count installments, the middle ones equal to the first or to the last, add up to total."""
    if count == 1:
        return first == total and last == total, first
    with_first = CTX.add(CTX.multiply(first, count - 1), last)
    if with_first == total:
        return True, with_first
    return CTX.add(first, CTX.multiply(last, count - 1)) == total, with_first


def _cross_checks(checker: _Checker, reading: PlanReading, order_amount: Decimal | None, source: str) -> None:
    """The rules between the response's own fields, whatever the policy.

    *source* says where the order amount comes from: ``given`` (argument or request), ``own``
    (inferred from this very plan, so the plan total cannot disagree with it) or ``others``
    (inferred from the other plans, which this one contradicts).
    """
    a = reading.amounts
    count = reading.count
    if "last_amount_top" in a and "last_amount" in a:
        checker.amount("last_amount_top", a["last_amount_top"], a["last_amount"], "last_amount")
    if "total_fee" in a and "total_upfront" in a and "total_recurring" in a:
        checker.amount("total_fee", a["total_fee"], CTX.add(a["total_upfront"], a["total_recurring"]), "fee_total")
    if order_amount is not None and source != "own" and "total_plan" in a and "total_fee" in a:
        checker.amount("total_plan", a["total_plan"], CTX.add(order_amount, a["total_fee"]),
                       "plan_total" if source == "given" else "order_amount")
    if "first_upfront" in a and "total_upfront" in a:
        checker.amount("first_upfront", a["first_upfront"], a["total_upfront"], "upfront_first")
    if "last_upfront" in a and count is not None and count > 1:
        checker.amount("last_upfront", a["last_upfront"], zero(checker.digits), "upfront_last")
    for prefix in ("first", "last") if reading.native else ():
        total = a.get(f"{prefix}_total")
        parts = [a.get(f"{prefix}_{name}") for name in ("amount", "fee", "upfront")]
        if total is not None and parts[0] is not None and parts[1] is not None and parts[2] is not None:
            checker.amount(f"{prefix}_total", total, CTX.add(CTX.add(parts[0], parts[1]), parts[2]),
                           "installment_total")
    # The first installment's recurring fee, under whichever convention makes the fees add up.
    first_recurring = a.get("first_fee")
    if (
        first_recurring is not None and not reading.native and count is not None and "first_upfront" in a
        and "total_recurring" in a and "last_fee" in a and a["first_upfront"] <= first_recurring
        and not _sum_fits(first_recurring, a["last_fee"], count, a["total_recurring"])[0]
    ):
        without_upfront = CTX.subtract(first_recurring, a["first_upfront"])
        if _sum_fits(without_upfront, a["last_fee"], count, a["total_recurring"])[0]:
            first_recurring = without_upfront
    if "first_excl" in a and "first_amount" in a and first_recurring is not None:
        checker.amount("first_excl", a["first_excl"], CTX.add(a["first_amount"], first_recurring),
                       "excluding_upfront")
    if count is None:
        return
    if order_amount is not None and "first_amount" in a and "last_amount" in a:
        fits, total = _sum_fits(a["first_amount"], a["last_amount"], count, order_amount)
        if not fits:
            checker.amount("details", total, order_amount, "installments_sum")
    if first_recurring is not None and "last_fee" in a and "total_recurring" in a:
        fits, total = _sum_fits(first_recurring, a["last_fee"], count, a["total_recurring"])
        if not fits:
            checker.amount("details", total, a["total_recurring"], "fees_sum")


def _merchant_checks(checker: _Checker, reading: PlanReading) -> None:
    funded_by = reading.funded_by
    if funded_by is None or FundedBy.MERCHANT not in funded_by or FundedBy.CONSUMER in funded_by:
        return
    for role in _MERCHANT_FUNDED_ROLES:
        stated = reading.amounts.get(role)
        if stated is not None and not stated.is_zero():
            checker.add(reading.path_of(role), ERROR, str(zero(checker.digits)), str(stated),
                        delta=_plain_delta(stated.scaleb(checker.digits, CTX)), rule="merchant_funded")
    for role in ("fee_rate", "upfront_rate"):
        rate = reading.rates.get(role)
        if rate is not None and not rate.is_zero():
            checker.add(reading.path_of(role), ERROR, "0", str(rate), rule="merchant_funded")


def _identity_checks(checker: _Checker, reading: PlanReading, duplicate: bool) -> None:
    if reading.plan_id is not None:
        # What the select request refuses, no plan may offer: one table serves both (check_plan_id).
        problem = check_plan_id(reading.plan_id)
        if problem is not None:
            checker.add(reading.path_of("plan_id"), ERROR, problem.expected, problem.actual, rule="plan_id",
                        detail=problem.rule)
        elif duplicate:
            checker.add(reading.path_of("plan_id"), ERROR, "a planId no other plan has", describe(reading.plan_id),
                        rule="duplicate_plan")
    identifier = reading.identifier
    if identifier is not None and not well_formed_identifier(identifier):
        checker.add(reading.path_of("identifier"), ERROR, "10 letters or digits", describe(identifier),
                    rule="identifier")
    if not reading.terms_count:
        terms_path = reading.path_of("terms")
        if not any(e.path.startswith(terms_path) for e in reading.errors):
            checker.add(terms_path, ERROR, "at least one terms entry",
                        "nothing" if reading.terms_count is None else "an empty array", rule="terms_missing")
    for field_path, expected, severity, actual in reading.terms_findings:
        rule = {"version": "terms_version", "text": "terms_text"}.get(field_path.rsplit(".", 1)[1], "terms_language")
        checker.add(field_path, severity, expected, actual, rule=rule)


_Terms = tuple[Decimal, Decimal, Decimal, Decimal]


def _fee_terms(reading: PlanReading, digits: int) -> _Terms | None:
    """The fee terms as compute_plan takes them; None when a flat fee is not whole minor units."""
    amounts, rates = reading.amounts, reading.rates
    fee_flat = amounts.get("fee_flat", _ZERO)
    upfront_flat = amounts.get("upfront_flat", _ZERO)
    if reading.finest < -digits:
        unit = quantum(digits)
        for flat in (fee_flat, upfront_flat):
            if flat.quantize(unit, ROUND_DOWN, CTX) != flat:
                return None
    return rates.get("fee_rate", _ZERO), fee_flat, rates.get("upfront_rate", _ZERO), upfront_flat


class _Recomputed:
    """A plan recomputed from its terms, with what every check of a plan derives from it alone.

    ``amounts`` is :func:`~.verified.amounts_by_role`: per convention (current, then 2024), every
    derived amount role and the flat fees, as Decimals.
    ``apr`` is the plan's effective APR, computed the first time a declared rate asks for it.
    """

    __slots__ = ("amounts", "apr", "plan")

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.amounts = amounts_by_role(plan)
        self.apr: Decimal | None = None

    def reproduces(self, reading: PlanReading) -> bool:
        """Whether every stated amount and the monthly rate are exactly the plan's: ``_fits`` at
        tolerance 0 for the plans that fit, in a C-level comparison of dict items.

        True only when ``_fits`` is true; a False sends the caller to ``_fits`` itself.
        """
        monthly = reading.rates.get("monthly_rate")
        if monthly is not None and monthly != self.plan.monthly_rate_percentage:
            return False
        stated = reading.amounts.items()
        current, rev_2024 = self.amounts
        return stated <= current.items() or (not reading.native and stated <= rev_2024.items())

    def effective_apr(self) -> Decimal:
        apr = self.apr
        if apr is None:
            apr = self.apr = effective_apr(self.plan)
        return apr


# Recomputed plans by their terms: a service validates the same plans (the same order amounts,
# counts and fee rates) again and again, and recomputing one, with its APR, costs more than reading
# it.  The key is every input of compute_plan, the rates also as text (5 and 5.00 are equal, but a
# Plan keeps the exponent it was given), for the library's own policies only (immutable, and named
# by their place in KNOWN_POLICIES).  functools.lru_cache is bounded, evicts the least recently
# used plan and is thread-safe; an entry is immutable but for its APR, which is filled in
# idempotently (two threads at worst compute it twice).
_RECOMPUTED_LIMIT: Final = 1024
_KNOWN_POLICY_INDEX: Final = {id(policy): index for index, policy in enumerate(KNOWN_POLICIES)}


_PlanKey = tuple[Decimal, str, int, Frequency, int, Decimal, str, Decimal, Decimal, str, Decimal]
"""(amount, currency, count, frequency, policy's index in KNOWN_POLICIES, fee rate and its text,
fee flat, upfront rate and its text, upfront flat)."""


@lru_cache(maxsize=_RECOMPUTED_LIMIT)
def _recompute_known(key: _PlanKey) -> _Recomputed:
    # The rates' texts are in the key only: they keep 5 and 5.00 apart.
    amount, currency, count, frequency, policy_index, fee_rate, _, fee_flat, upfront_rate, _, upfront_flat = key
    return _Recomputed(compute_plan(
        amount, currency, count, frequency=frequency, fee_rate=fee_rate, fee_flat=fee_flat,
        upfront_rate=upfront_rate, upfront_flat=upfront_flat, policy=KNOWN_POLICIES[policy_index],
    ))


def _recompute(
    reading: PlanReading, amount: Decimal, currency: str, policy: RoundingPolicy, terms: _Terms
) -> _Recomputed:
    """compute_plan for the reading's count, frequency and fee *terms*; raises as compute_plan does."""
    count, frequency = reading.count, reading.frequency
    assert count is not None
    assert frequency is not None
    fee_rate, fee_flat, upfront_rate, upfront_flat = terms
    policy_index = _KNOWN_POLICY_INDEX.get(id(policy))
    if policy_index is not None and KNOWN_POLICIES[policy_index] is policy:
        return _recompute_known((amount, currency, count, frequency, policy_index, fee_rate, str(fee_rate), fee_flat,
                                 upfront_rate, str(upfront_rate), upfront_flat))
    return _Recomputed(compute_plan(
        amount, currency, count, frequency=frequency, fee_rate=fee_rate, fee_flat=fee_flat,
        upfront_rate=upfront_rate, upfront_flat=upfront_flat, policy=policy,
    ))


def _find_policy(
    checker: _Checker, reading: PlanReading, *, amount: Decimal, currency: str, expected: RoundingPolicy,
    terms: _Terms,
) -> _Recomputed | None:
    """The plan of the first known policy other than *expected* that reproduces every stated amount."""
    for candidate in KNOWN_POLICIES:
        if candidate.same_rounding(expected):
            continue
        try:
            recomputed = _recompute(reading, amount, currency, candidate, terms)
        except InstallmentsError:
            continue
        if _fits(checker, reading, recomputed):
            return recomputed
    return None


def _compare(checker: _Checker, reading: PlanReading, recomputed: _Recomputed, convention: Convention | None) -> None:
    """Every stated amount against the recomputed one."""
    plan = recomputed.plan
    expected = recomputed.amounts[convention is Convention.REV_2024]
    detail = f"policy {plan.policy.name}"
    for role in _DERIVED_ROLES:
        stated = reading.amounts.get(role)
        if stated is not None:
            rule = "first_fee" if role == "first_fee" and convention is None and not reading.native else "recomputed"
            checker.amount(role, stated, expected[role], rule, detail)
    monthly = reading.rates.get("monthly_rate")
    if monthly is not None and monthly != plan.monthly_rate_percentage:
        checker.add(reading.path_of("monthly_rate"), ERROR, str(plan.monthly_rate_percentage), str(monthly),
                    rule="monthly_rate", detail=detail)


def _declared_rate(checker: _Checker, reading: PlanReading, recomputed: _Recomputed) -> None:
    declared = reading.rates.get("declared")
    if declared is None:
        return
    apr = recomputed.effective_apr()
    if declared != apr:
        checker.findings.append(declared_rate_warning(reading.path_of("declared"), apr, declared))


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
    checker = _Checker(reading, 0, tolerance)
    convention: Convention | None = None
    policy_name: str | None = None
    offer: PlanOffer | None = None

    def report() -> PlanReport:
        plan_id = None if reading.plan_id is None else mask_digit_runs(reading.plan_id)
        return PlanReport(reading.index, reading.path, plan_id, convention, policy_name, tuple(checker.findings),
                          tuple(errors), offer)

    if not reading.is_object:
        return report()
    _identity_checks(checker, reading, duplicate)
    if errors:
        return report()
    currency = reading.currency or order_currency
    if reading.currency and order_currency and reading.currency != order_currency:
        checker.add(reading.path_of("currency"), ERROR, order_currency, describe(reading.currency),
                    rule="plan_currency")
        return report()
    if currency is None:
        errors.append(Finding(reading.path_of("currency"), RULES["no_currency"], f"{RULES['no_currency']} (currency= "
                              "in Python, --currency on the command line) or by its request", "nothing", "no_currency"))
        return report()
    digits = ACTIVE_CURRENCIES.get(currency)
    if digits is None:
        try:
            minor_units(currency, path=reading.path_of("currency"))
        except InstallmentsError as error:  # always: the code is not in the table; say why
            errors.append(Finding(error.path, RULES["unknown_currency"], error.expected, error.actual,
                                  "unknown_currency"))
        return report()
    checker.digits = digits

    if reading.finest < -digits:
        unit = quantum(digits)
        for role, value in reading.amounts.items():
            if value.quantize(unit, ROUND_DOWN, CTX) != value:
                checker.add(reading.path_of(role), ERROR, f"a whole number of {currency} minor units", str(value),
                            rule="minor_units")
    for fee_path, kind in reading.unknown_fees:
        checker.add(fee_path, ERROR, "a known fee type", describe(kind), rule="fee_type")
    for fee_path, kind in reading.duplicate_fees:
        checker.add(fee_path, ERROR, f"one {kind} entry", f"another {kind} entry", rule="duplicate_fee")
    if order_amount is not None and order_amount.is_signed() and not order_amount.is_zero():
        checker.amount("total_plan", reading.amounts["total_plan"], reading.amounts["total_fee"], "plan_total",
                       "the plan total must be at least the fees")
        return report()
    _merchant_checks(checker, reading)

    terms = _fee_terms(reading, digits)
    plan: Plan | None = None
    recomputed: _Recomputed | None = None
    infeasible: InstallmentsError | None = None
    if order_amount is not None and terms is not None and reading.count is not None and reading.frequency is not None:
        try:
            recomputed = _recompute(reading, order_amount, currency, policy, terms)
        except InstallmentsError as error:
            infeasible = error
        else:
            plan = recomputed.plan
    if plan is None or terms is None or order_amount is None:
        _cross_checks(checker, reading, order_amount, source)
        if infeasible is not None:
            checker.add(reading.path, ERROR, infeasible.expected, infeasible.actual, rule="infeasible")
        return report()
    assert recomputed is not None
    if (not tolerance and recomputed.reproduces(reading)) or _fits(checker, reading, recomputed):
        policy_name = policy.name
    else:
        found = _find_policy(checker, reading, amount=order_amount, currency=currency, expected=policy, terms=terms)
        if found is not None:
            recomputed, plan, policy_name = found, found.plan, found.plan.policy.name
            checker.add(reading.path, ERROR, policy.name, policy_name, rule="policy",
                        detail=f"every amount is reproduced by {policy_name}, not by {policy.name}")
    convention = _convention(checker, reading, plan)
    if policy_name is None or tolerance:
        # A plan some policy reproduces exactly is as consistent as the library's own, so every
        # cross-field rule holds; they are worth checking only when something differs.
        _cross_checks(checker, reading, order_amount, source)
        _compare(checker, reading, recomputed, convention)
    _declared_rate(checker, reading, recomputed)
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
    return report()


def _order_arguments(amount: object, currency: object, request: object) -> tuple[object, object]:
    """The order amount and currency as the arguments or the request give them; the currency checked."""
    if request is not None:
        document = request
        if isinstance(request, _TEXTS):
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
    return amount, currency


def _order(
    reading: ResponseReading, amount: object, currency: object, request: object,
) -> tuple[Decimal | None, str | None]:
    """The order amount and currency from the arguments or the request; None where neither says."""
    amount, currency = _order_arguments(amount, currency, request)
    if amount is None:
        return None, currency if isinstance(currency, str) else None
    if currency is None:
        currency = _common_currency(reading)
        if currency is None:
            parse_decimal(amount, path="amount")
            raise InvalidTermsError("currency", expected="a currency for the order amount (the plans state none)",
                                    actual="nothing")
    assert isinstance(currency, str)
    return parse_amount(amount, currency, path="amount"), currency


def _scale_native(reading: ResponseReading, order_currency: str | None) -> None:
    """Turn Visa's integers of minor units into amounts, for every plan whose currency is known."""
    for plan in reading.plans:
        currency = plan.currency or order_currency
        digits = ACTIVE_CURRENCIES.get(currency) if plan.native and currency is not None else None
        if digits is not None:
            plan.amounts = {role: value.scaleb(-digits, CTX) for role, value in plan.amounts.items()}


def _implied_amount(plan: PlanReading) -> Decimal | None:
    """totalPlanAmount − totalFeeAmount: the order amount the plan itself implies."""
    if "total_plan" in plan.amounts and "total_fee" in plan.amounts:
        return CTX.subtract(plan.amounts["total_plan"], plan.amounts["total_fee"])
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
    decoded = False
    if type(data) is dict:
        document: object = data
    elif not isinstance(data, _TEXTS) and isinstance(data, Mapping):
        document = dict(data)
    else:
        document = decode_json(data)
        decoded = True
    policy_index = _KNOWN_POLICY_INDEX.get(id(VISA if policy is None else policy))
    if policy_index is not None and type(tolerance) is int and tolerance == 0 and type(document) is dict:
        exact = _verified_response(
            document, order_amount, currency, request, policy_index=policy_index, decoded=decoded
        )
        if exact is not None:
            return exact
    reading = read_response(document)
    expected_policy = VISA if policy is None else policy
    if type(expected_policy) is not RoundingPolicy:
        raise InvalidTermsError("policy", expected="a RoundingPolicy", actual=describe(policy))
    allowed = _ZERO if type(tolerance) is int and tolerance == 0 else parse_decimal(
        tolerance, path="tolerance", what="tolerance"
    )
    # The request carries the card number; errors describe what they read with describe(), which
    # masks every digit run that could be one.
    amount, order_currency = _order(reading, order_amount, currency, request)
    _scale_native(reading, order_currency)
    implied: list[Decimal | None] = [None] * len(reading.plans)
    reference = None
    if amount is None:
        # With no order amount given, the plans vote: the most common implied amount (the first
        # plan's on a tie) is the order amount, and a plan that implies another is the one in error.
        implied = [_implied_amount(plan) for plan in reading.plans]
        reference = _most_common(implied)

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


def _verified_response(
    document: dict[str, object], order_amount: object, currency: object, request: object, *, policy_index: int,
    decoded: bool,
) -> ValidationReport | None:
    """The report of a Cybersource response, each plan verified in one pass (:mod:`.verified`) when
    it is exactly right and checked the careful way when not.

    The order amount is given (argument or request) or, as the careful route infers it, the amount
    most plans imply.  None when the response or the arguments are anything but plain: the careful
    route then reads the whole response and raises, or reports, as it always has.
    """
    plans = clean_plans(document)
    if plans is None:
        return None
    try:
        raw_amount, order_currency = _order_arguments(order_amount, currency, request)
        if raw_amount is None:
            amount = None
        elif type(order_currency) is str:
            amount = parse_amount(raw_amount, order_currency, path="amount")  # never negative, in a known currency
        else:
            return None  # the careful route finds the currency among the plans, or says none is known
    except InstallmentsError:
        return None
    assert order_currency is None or type(order_currency) is str  # _order_arguments checked it
    policy = KNOWN_POLICIES[policy_index]
    seen: set[str] = set()
    reports: list[PlanReport] = []
    errors: list[ReadError] = []
    if amount is not None:
        # The common case, kept to the fewest operations: the order is given.
        assert order_currency is not None  # an amount is only parsed in a currency
        for index, plan in enumerate(plans):
            report = verified_plan(index, plan, amount, order_currency, policy_index, seen=seen, decoded=decoded)
            if report is None:
                report = _checked(index, plan, amount, order_currency, "given", policy, seen, errors)
            else:
                seen.add(report.offer.plan_id)  # type: ignore[union-attr]  # a verified plan has its offer
            reports.append(report)
        return ValidationReport(CYBERSOURCE, tuple(reports), tuple(errors), amount, order_currency)
    # The order amount inferred as the careful route infers it: the most common amount the plans
    # imply (the first plan's on a tie), against which a plan implying another is the one in error.
    stated = [_stated(plan) for plan in plans]
    reference = _most_common([implied for _, implied in stated])
    if reference is None:
        return None
    for index, (plan, (plan_currency, implied)) in enumerate(zip(plans, stated, strict=True)):
        source = "own" if implied == reference else "others"
        checked_in = order_currency or plan_currency
        report = None if source == "others" or checked_in is None else verified_plan(
            index, plan, reference, checked_in, policy_index, seen=seen, decoded=decoded
        )
        if report is None:
            report = _checked(index, plan, reference, order_currency, source, policy, seen, errors)
        else:
            seen.add(report.offer.plan_id)  # type: ignore[union-attr]  # a verified plan has its offer
        reports.append(report)
    if order_currency is None:
        order_currency = _most_common([plan_currency or None for plan_currency, _ in stated])
    return ValidationReport(CYBERSOURCE, tuple(reports), tuple(errors), reference, order_currency)


def _checked(  # noqa: PLR0917  (the careful route's arguments, passed on from one call site)
    index: int, plan: object, amount: Decimal, currency: str | None, source: str, policy: RoundingPolicy,
    seen: set[str], errors: list[ReadError],
) -> PlanReport:
    """A plan the one-pass route declined, read and checked rule by rule as the careful route does."""
    reading = read_cybersource_plan(index, plan)
    report = _check_plan(
        reading, order_amount=amount, order_currency=currency, source=source, policy=policy, tolerance=_ZERO,
        duplicate=reading.plan_id is not None and reading.plan_id in seen,
    )
    if reading.plan_id is not None:
        seen.add(reading.plan_id)
    errors += report.errors
    return report


def _stated(plan: object) -> tuple[str | None, Decimal | None]:
    """A Cybersource plan's own currency and the order amount it implies (totalPlanAmount −
    totalFeeAmount), as the careful reading finds them; None where it would find none."""
    details = plan.get("amountDetails") if type(plan) is dict else None
    if type(details) is not dict:
        return None, None
    currency = details.get("currency")
    total = known_amount(details.get("totalPlanAmount"))
    fees = known_amount(details.get("totalFeeAmount"))
    implied = None if total is None or fees is None else CTX.subtract(total[0], fees[0])
    return (currency if type(currency) is str else None), implied


def clear_caches() -> None:
    """Forget every recomputed plan: validation then starts as cold as in a fresh process.

    For benchmarks and tests; a service never needs it (the caches are bounded).
    """
    _recompute_known.cache_clear()
    verified.written_plan.cache_clear()


def _common_currency(reading: ResponseReading) -> str | None:
    """The currency most plans state, if any do."""
    return _most_common([plan.currency or None for plan in reading.plans])


_Voted = TypeVar("_Voted", Decimal, str)


def _most_common(values: list[_Voted | None]) -> _Voted | None:
    """The value most *values* are (None aside), the first of them on a tie: how plans vote for
    the order amount and currency none was given for."""
    counted = Counter(value for value in values if value is not None)
    return counted.most_common(1)[0][0] if counted else None

