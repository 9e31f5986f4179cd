"""The checks of one plan reading: recompute it, accept it when it is exactly right, else compare rule by rule.

Every rule is here once, keyed by its entry in :data:`~.rules.RULES`, and every finding is made by
one call, :meth:`_Checker.add`.  A Cybersource plan whose amount texts are all exactly the writer's
for the recomputed plan (the common case) is accepted without its amounts being read
(:mod:`.acceptance`); any other plan is read, and one whose stated amounts are all the recomputed
ones is settled by one comparison of two dicts' items.  Only a plan that differs is compared role by
role, and only then are the cross-field rules worth running (a plan some policy reproduces exactly
is as consistent as the library's own).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Final, cast

from .._core.caching import MISSING, BoundedCache
from .._core.currencies import ACTIVE_CURRENCIES, minor_units
from .._core.money import CTX, quantum, zero
from .._core.offer import FundedBy, PlanOffer
from .._core.plan import Plan
from .._core.policy import RoundingPolicy
from .._core.regimes import Regime
from .._errors import InstallmentsError, describe, mask_digit_runs
from .._findings import Finding
from .._wire.reading import PlanReading, known_rate
from .._wire.request_fields import check_plan_id
from .._wire.response_reader import read_details
from .acceptance import matching_plan
from .rates import check_declared_rate
from .recompute import Recomputed, fee_terms, recompute
from .rules import RULES, well_formed_identifier
from .search import find_policy, sum_fits, worth_searching
from .validation_report import Convention, Discrepancy, PlanReport, Severity, plan_finding
from .wording import interest_wording

__all__ = ["check_plan"]

ERROR: Final = Severity.ERROR
WARNING: Final = Severity.WARNING

# Amount roles compared with the recomputed plan, in report order.
DERIVED_ROLES: Final = (
    "first_amount", "first_fee", "first_upfront", "first_excl", "first_total",
    "last_amount", "last_fee", "last_upfront", "last_total", "last_amount_top",
    "total_upfront", "total_recurring", "total_fee", "total_plan",
)
_MERCHANT_FUNDED_ROLES: Final = ("fee_flat", "upfront_flat", "total_fee", "total_upfront", "total_recurring")
_CONSUMER_ONLY: Final = (FundedBy.CONSUMER,)
_TERMS_RULES: Final = {"version": "terms_version", "text": "terms_text"}


def _plain_delta(delta: Decimal) -> Decimal:
    # Minor units read best as plain integers: 0.0400 USD is 4, not 4.00 or 4E+0.
    integral = delta.to_integral_value(ROUND_DOWN, CTX)
    return integral.quantize(Decimal(1), ROUND_DOWN, CTX) if integral == delta else delta.normalize(CTX)


class _Checker:
    """The checks of one plan: its findings in report order, and what they concluded."""

    __slots__ = ("convention", "digits", "errors", "findings", "infeasible", "offer", "policy_name", "reading",
                 "regime", "tolerance")

    def __init__(self, reading: PlanReading, tolerance: Decimal, regime: Regime) -> None:
        self.reading = reading
        self.digits = 0
        self.tolerance = tolerance
        self.regime = regime
        """The cost-of-credit regime a declared rate is compared with."""
        self.findings: list[Discrepancy] = []
        self.errors = list(reading.errors)
        self.infeasible: InstallmentsError | None = None
        """Why the plan could not be recomputed, when it could not."""
        self.convention: Convention | None = None
        self.policy_name: str | None = None
        self.offer: PlanOffer | None = None

    def report(self) -> PlanReport:
        """What the checks concluded, as the plan's report."""
        reading = self.reading
        plan_id = reading.plan_id
        if plan_id is not None:
            plan_id = _MASKED_PLAN_IDS.get(plan_id) or _MASKED_PLAN_IDS.put(plan_id, mask_digit_runs(plan_id))
        return PlanReport(reading.index, reading.path, plan_id, self.convention, self.policy_name,
                          tuple(self.findings), tuple(self.errors), self.offer)

    def add(self, path: str, severity: Severity, expected: str, actual: str, *, rule: str,
            delta: Decimal | None = None, detail: str = "") -> None:
        """Record the finding that *rule* does not hold at *path*: the one place findings are made."""
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


_TEXT_CACHE_LIMIT: Final = 4096


# A service sees the same few plans again and again: each planId is checked and masked once.
_PLAN_ID_PROBLEMS: Final = BoundedCache[str, Finding | None](_TEXT_CACHE_LIMIT)
_MASKED_PLAN_IDS: Final = BoundedCache[str, str](_TEXT_CACHE_LIMIT)


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


def _fits(checker: _Checker, reading: PlanReading, recomputed: Recomputed) -> bool:
    """Whether the recomputed plan reproduces every amount and rate the reading states."""
    plan = recomputed.plan
    expected = recomputed.amounts[_convention(checker, reading, plan) is Convention.REV_2024]
    amounts = reading.amounts
    for role in DERIVED_ROLES:
        stated = amounts.get(role)
        if stated is not None and not checker.within(stated, expected[role]):
            return False
    monthly = reading.rates.get("monthly_rate")
    return monthly is None or monthly == plan.monthly_rate_percentage


def _cross_checks(checker: _Checker, reading: PlanReading, order_amount: Decimal | None, source: str) -> None:
    """The rules between the response's own fields, whatever the policy.

    *source* says where the order amount comes from: ``given`` (argument or request), ``own``
    (inferred from this very plan, so the plan total cannot disagree with it) or ``others``
    (inferred from the other plans, which this one contradicts).
    """
    _total_checks(checker, reading, order_amount, source)
    if reading.native:
        _installment_totals(checker, reading)
    first_recurring = _first_recurring(reading)
    a = reading.amounts
    if "first_excl" in a and "first_amount" in a and first_recurring is not None:
        checker.amount("first_excl", a["first_excl"], CTX.add(a["first_amount"], first_recurring),
                       "excluding_upfront")
    if reading.count is not None:
        _sum_checks(checker, reading, order_amount, first_recurring, reading.count)


def _total_checks(checker: _Checker, reading: PlanReading, order_amount: Decimal | None, source: str) -> None:
    a = reading.amounts
    if "last_amount_top" in a and "last_amount" in a:
        checker.amount("last_amount_top", a["last_amount_top"], a["last_amount"], "last_amount")
    if "total_fee" in a and "total_upfront" in a and "total_recurring" in a:
        checker.amount("total_fee", a["total_fee"], CTX.add(a["total_upfront"], a["total_recurring"]), "fee_total")
    if order_amount is not None and source != "own" and "total_plan" in a and "total_fee" in a:
        checker.amount("total_plan", a["total_plan"], CTX.add(order_amount, a["total_fee"]),
                       "plan_total" if source == "given" else "order_amount")
    if "first_upfront" in a and "total_upfront" in a:
        checker.amount("first_upfront", a["first_upfront"], a["total_upfront"], "upfront_first")
    if "last_upfront" in a and reading.count is not None and reading.count > 1:
        checker.amount("last_upfront", a["last_upfront"], zero(checker.digits), "upfront_last")


def _installment_totals(checker: _Checker, reading: PlanReading) -> None:
    """Visa's native installments state their total: amount + installmentFee + upfrontFee."""
    a = reading.amounts
    for prefix in ("first", "last"):
        total = a.get(f"{prefix}_total")
        parts = [a.get(f"{prefix}_{name}") for name in ("amount", "fee", "upfront")]
        if total is not None and parts[0] is not None and parts[1] is not None and parts[2] is not None:
            checker.amount(f"{prefix}_total", total, CTX.add(CTX.add(parts[0], parts[1]), parts[2]),
                           "installment_total")


def _first_recurring(reading: PlanReading) -> Decimal | None:
    """The first installment's recurring fee, under whichever convention makes the fees add up."""
    a = reading.amounts
    first_recurring = a.get("first_fee")
    count = reading.count
    if (
        first_recurring is not None and not reading.native and count is not None and "first_upfront" in a
        and "total_recurring" in a and "last_fee" in a and a["first_upfront"] <= first_recurring
        and not sum_fits(first_recurring, a["last_fee"], count, a["total_recurring"])[0]
    ):
        without_upfront = CTX.subtract(first_recurring, a["first_upfront"])
        if sum_fits(without_upfront, a["last_fee"], count, a["total_recurring"])[0]:
            return without_upfront
    return first_recurring


def _sum_checks(
    checker: _Checker, reading: PlanReading, order_amount: Decimal | None, first_recurring: Decimal | None, count: int
) -> None:
    a = reading.amounts
    if order_amount is not None and "first_amount" in a and "last_amount" in a:
        fits, total = sum_fits(a["first_amount"], a["last_amount"], count, order_amount)
        if not fits:
            checker.amount("details", total, order_amount, "installments_sum")
    if first_recurring is not None and "last_fee" in a and "total_recurring" in a:
        fits, total = sum_fits(first_recurring, a["last_fee"], count, a["total_recurring"])
        if not fits:
            checker.amount("details", total, a["total_recurring"], "fees_sum")


def _merchant_funded(reading: PlanReading) -> bool:
    """Whether the merchant alone funds the plan: then the consumer pays no fee."""
    funded_by = reading.funded_by
    return funded_by is not None and FundedBy.MERCHANT in funded_by and FundedBy.CONSUMER not in funded_by


def _merchant_checks(checker: _Checker, reading: PlanReading) -> None:
    if not _merchant_funded(reading):
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
        held = _PLAN_ID_PROBLEMS.get(reading.plan_id, MISSING)
        problem = _PLAN_ID_PROBLEMS.put(reading.plan_id, check_plan_id(reading.plan_id)) if held is MISSING else (
            cast("Finding | None", held)
        )
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
        checker.add(field_path, severity, expected, actual,
                    rule=_TERMS_RULES.get(field_path.rsplit(".", 1)[1], "terms_language"))
    if reading.islamic and not reading.errors:
        _wording_checks(checker, reading)


def _wording_checks(checker: _Checker, reading: PlanReading) -> None:
    """An Islamic plan's terms texts that speak of interest (:mod:`.wording`).  Called only for a
    reading without errors: every terms entry was then read, so its index is its position."""
    terms_path = reading.path_of("terms")
    for position, terms in enumerate(reading.terms):
        excerpt = interest_wording(terms.text, terms.language_code)
        if excerpt is not None:
            checker.add(f"{terms_path}[{position}].text", WARNING, "profit wording, not interest", excerpt,
                        rule="islamic_interest_wording")


def _unit_checks(checker: _Checker, reading: PlanReading, currency: str) -> None:
    """Whole minor units, known fee types, each fee type once."""
    digits = checker.digits
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


def _compare(checker: _Checker, reading: PlanReading, recomputed: Recomputed, convention: Convention | None) -> None:
    """Every stated amount against the recomputed one."""
    plan = recomputed.plan
    expected = recomputed.amounts[convention is Convention.REV_2024]
    detail = f"policy {plan.policy.name}"
    for role in DERIVED_ROLES:
        stated = reading.amounts.get(role)
        if stated is not None:
            rule = "first_fee" if role == "first_fee" and convention is None and not reading.native else "recomputed"
            checker.amount(role, stated, expected[role], rule, detail)
    monthly = reading.rates.get("monthly_rate")
    if monthly is not None and monthly != plan.monthly_rate_percentage:
        checker.add(reading.path_of("monthly_rate"), ERROR, str(plan.monthly_rate_percentage), str(monthly),
                    rule="monthly_rate", detail=detail)


def _declared_rate(checker: _Checker, reading: PlanReading, recomputed: Recomputed, declared: Decimal | str) -> bool:
    """Warn when the *declared* rate (read, or its text as written) is not, within the regime's
    tolerance, the regime's figure for the plan; False when it is a text that is not a rate (for
    the reader to report)."""
    # Kept per plan by the text: 9.1 and 9.10 are equal rates, stated differently.
    regime = checker.regime
    key = (reading.path, declared if isinstance(declared, str) else str(declared), regime)
    finding = recomputed.declared.get(key, MISSING)
    if finding is MISSING:
        rate = known_rate(declared) if isinstance(declared, str) else declared
        if rate is None:
            return False
        check = check_declared_rate(recomputed.plan, rate, regime)
        finding = None
        if not check.agrees:
            # A warning: declared rates never enter the amounts.
            checker.add(reading.path_of("declared"), WARNING, str(check.figure), str(rate), rule="declared_rate",
                        detail=f"{regime.value}: {regime.label} {check.figure} % ± {check.tolerance} points")
            finding = checker.findings.pop()
        recomputed.declared.put(key, finding)
    if finding is not None:
        checker.findings.append(finding)  # type: ignore[arg-type]  # a held finding
    return True


def check_plan(
    reading: PlanReading,
    *,
    order_amount: Decimal | None,
    order_currency: str | None,
    source: str,
    policy: RoundingPolicy,
    tolerance: Decimal,
    regime: Regime,
    duplicate: bool,
    accept: bool,
) -> PlanReport:
    """The report of one plan *reading*: every rule that does not hold, or the plan it reproduces.

    *source* says where *order_amount* comes from (see :func:`_cross_checks`); *duplicate* that an
    earlier plan has the same planId; *accept* that the reading's texts may be compared with the
    writer's (:mod:`.acceptance`: documents straight from the decoder); *regime* is what a declared
    rate is compared with.
    """
    checker = _Checker(reading, tolerance, regime)
    if not reading.is_object:
        return checker.report()
    _identity_checks(checker, reading, duplicate)
    if reading.unread is not None:
        if not checker.errors and accept and _accept_by_texts(
            checker, reading, reading.unread, order_amount, order_currency, policy
        ):
            return checker.report()
        # Read now, in time for the report to list every problem of the plan in document order.
        read_details(reading)
        checker.errors = list(reading.errors)
    if checker.errors:
        return checker.report()
    currency = _checked_currency(checker, reading, order_currency)
    if currency is not None:
        _unit_checks(checker, reading, currency)
        _judge(checker, reading, order_amount, currency, source, policy)
    return checker.report()


def _accept_by_texts(  # noqa: PLR0917  (the one caller passes what it holds)
    checker: _Checker, reading: PlanReading, details: dict[str, object], order_amount: Decimal | None,
    order_currency: str | None, policy: RoundingPolicy,
) -> bool:
    """Accept a plan whose unread amounts are all exactly the writer's texts for the recomputed plan
    (:mod:`.acceptance`): what :func:`_judge` concludes of such a plan, without reading them.  False,
    with nothing recorded, whenever the rule-by-rule way could say more."""
    currency = _currency_of(reading, order_currency)
    digits = None if currency is None else ACTIVE_CURRENCIES.get(currency)
    if order_amount is None or currency is None or digits is None or checker.tolerance:
        return False
    found = matching_plan(reading, details, order_amount, currency, policy, digits)
    if found is None:
        return False
    recomputed, convention, declared = found
    plan = recomputed.plan
    if _merchant_funded(reading) and (plan.fee_rate or plan.fee_flat or plan.upfront_rate or plan.upfront_flat):
        return False  # the stated fees would not be zero: a finding to word
    if declared is not None and not _declared_rate(checker, reading, recomputed, declared):
        return False
    checker.digits = digits
    checker.convention = convention
    checker.policy_name = policy.name
    checker.offer = _offer(reading, recomputed)
    return True


def _currency_of(reading: PlanReading, order_currency: str | None) -> str | None:
    """The currency the plan is checked in: its own or the order's; None when they differ or neither says."""
    if reading.currency and order_currency and reading.currency != order_currency:
        return None
    return reading.currency or order_currency


def _checked_currency(
    checker: _Checker, reading: PlanReading, order_currency: str | None
) -> str | None:
    """The plan's currency, its digits set on *checker*; None when the plan can be checked no further."""
    currency = _currency_of(reading, order_currency)
    if currency is None and reading.currency and order_currency:
        checker.add(reading.path_of("currency"), ERROR, order_currency, describe(reading.currency),
                    rule="plan_currency")
        return None
    if currency is None:
        checker.errors.append(Finding(reading.path_of("currency"), RULES["no_currency"], f"{RULES['no_currency']} "
                                      "(currency= in Python, --currency on the command line) or by its request",
                                      "nothing", "no_currency"))
        return None
    digits = ACTIVE_CURRENCIES.get(currency)
    if digits is None:
        try:
            minor_units(currency, path=reading.path_of("currency"))
        except InstallmentsError as error:  # always: the code is not in the table; say why
            checker.errors.append(Finding(error.path, RULES["unknown_currency"], error.expected, error.actual,
                                          "unknown_currency"))
        return None
    checker.digits = digits
    return currency


def _judge(  # noqa: PLR0917  (the one caller passes what it holds)
    checker: _Checker, reading: PlanReading, order_amount: Decimal | None, currency: str,
    source: str, policy: RoundingPolicy,
) -> None:
    """Recompute the plan; accept it when it reproduces every stated amount, else compare rule by rule."""
    a = reading.amounts
    if order_amount is not None and order_amount.is_signed() and not order_amount.is_zero():
        checker.amount("total_plan", a["total_plan"], a["total_fee"], "plan_total",
                       "the plan total must be at least the fees")
        return
    _merchant_checks(checker, reading)
    terms = fee_terms(reading, checker.digits)
    recomputed = None
    if order_amount is not None and terms is not None and reading.count is not None and reading.frequency is not None:
        try:
            recomputed = recompute(reading, order_amount, currency, policy, terms)
        except InstallmentsError as error:
            checker.infeasible = error
    if recomputed is None or terms is None or order_amount is None:
        _cross_checks(checker, reading, order_amount, source)
        if checker.infeasible is not None:
            checker.add(reading.path, ERROR, checker.infeasible.expected, checker.infeasible.actual, rule="infeasible")
        return
    cross_checked = False
    if (not checker.tolerance and recomputed.reproduces(reading)) or _fits(checker, reading, recomputed):
        checker.policy_name = policy.name
    else:
        before = len(checker.findings)
        if not checker.tolerance:
            # The cross-field rules first, where they would come anyway: a broken one that every
            # policy keeps spares the search its recomputations (a tolerance blurs that proof).
            _cross_checks(checker, reading, order_amount, source)
            cross_checked = True
        found = find_policy(
            reading, lambda candidate: _fits(checker, reading, candidate), amount=order_amount, currency=currency,
            expected=policy, terms=terms,
        ) if not cross_checked or worth_searching(reading, checker.findings[before:]) else None
        if found is not None:
            del checker.findings[before:]  # the policy's finding says it all
            cross_checked = False
            recomputed, checker.policy_name = found, found.plan.policy.name
            checker.add(reading.path, ERROR, policy.name, checker.policy_name, rule="policy",
                        detail=f"every amount is reproduced by {checker.policy_name}, not by {policy.name}")
    checker.convention = _convention(checker, reading, recomputed.plan)
    if checker.policy_name is None or checker.tolerance:
        if not cross_checked:
            _cross_checks(checker, reading, order_amount, source)
        _compare(checker, reading, recomputed, checker.convention)
    declared = reading.rates.get("declared")
    if declared is not None:
        _declared_rate(checker, reading, recomputed, declared)
    checker.offer = _offer(reading, recomputed)


def _offer(reading: PlanReading, recomputed: Recomputed) -> PlanOffer:
    # The named tuple without the Python-level __new__ it generates: one per accepted plan.
    return tuple.__new__(PlanOffer, (reading.plan_id or "", recomputed.plan, reading.name, reading.identifier,
                                     reading.plan_type, reading.islamic, reading.funded_by or _CONSUMER_ONLY,
                                     reading.terms))

