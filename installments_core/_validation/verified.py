"""The quickest way through validation: a Cybersource plan that is exactly right, checked in one pass.

Most plans a service receives are right to the cent, and for those the rule-by-rule comparison
(:mod:`.validator`) finds nothing at some cost: every amount parsed into a Decimal, a reading
object, every role compared in Python.  Here the recomputed plan is instead written down as the
issuer writes it, amounts as canonical decimal strings, and what the issuer sent must equal that
text for text: a few tuple and dict comparisons done in C.  Equal texts mean equal amounts, so such
a plan is exactly the recomputed one, and its report is known without any rule being run: no
discrepancy but, perhaps, a declared rate that is not the effective APR (a warning).

:func:`verified_plan` gives that report, or None at the first thing it is not sure of: a type,
an absent field, a text that is not the canonical one ("83.3" for "83.30", which is right but is
not the text it expects), another policy, a duplicate planId.  The validator then reads and checks
the plan the careful way, so every discrepancy is still found, worded and placed by one
implementation.  ``tests/test_fast_path.py`` proves under hypothesis (generated, corrupted,
mutated and published responses, edits at this path's edge) that the reports are the same, by
``repr``.

The recomputed plan and its texts (:class:`WrittenPlan`) are cached by the plan's inputs as the
issuer wrote them, so a response whose plans a service has seen before costs little more than
reading it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Final

from .._core.currencies import minor_units
from .._core.money import CTX, zero
from .._core.offer import FundedBy, PlanOffer
from .._core.plan import Plan, compute_plan
from .._core.policy import KNOWN_POLICIES, Frequency
from .._errors import InstallmentsError, mask_digit_runs
from .._wire.fields import MAX_FEES
from .rates import effective_apr
from .reading import CYBERSOURCE_PLANS, clean_plan_header, cybersource_path, known_amount, known_rate
from .report import Convention, Discrepancy, PlanReport
from .rules import declared_rate_warning, well_formed_identifier

__all__ = ["amounts_by_role", "verified_plan", "written_plan"]

_ZERO: Final = Decimal(0)
_NO_FLAT: Final = (_ZERO, 0)
"""An absent fee's flat amount, as the text caches hold amounts: (value, exponent)."""
_CONSUMER_ONLY: Final = (FundedBy.CONSUMER,)


def amounts_by_role(plan: Plan) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """What each amount role should say for *plan*: under the current convention, and the 2024 one.

    Keys are the derived roles in report order, then the flat fees (the terms, stated back): a
    reading whose amounts are all among one of these is reproduced exactly.
    """
    upfront = plan.total_upfront_fee
    last_upfront = upfront if plan.total_count == 1 else zero(minor_units(plan.currency))
    current = {
        "first_amount": plan.first_amount,
        "first_fee": plan.first_fee,
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
        "fee_flat": plan.fee_flat,
        "upfront_flat": plan.upfront_flat,
    }
    return current, current | {"first_fee": CTX.add(plan.first_fee, upfront)}


_FIRST_EXCLUDING: Final = "totalAmountExcludingUpfrontFee"


class WrittenPlan:
    """A plan recomputed from its inputs, and every amount it derives as the wire writes it.

    ``top`` is amountDetails' five totals (lastInstallmentAmount, totalFeeAmount,
    totalUpfrontFeeAmount, totalRecurringFeeAmount, totalPlanAmount); ``firsts`` the first
    installment as each convention writes it, with and without its optional
    ``totalAmountExcludingUpfrontFee``, each with the convention it shows; ``last`` the last
    installment; ``monthly`` the CONSUMER fee's ``monthlyRatePercentage``.
    """

    __slots__ = ("_apr", "_declared", "fee_free", "firsts", "last", "monthly", "plan", "policy_name", "top")

    monthly: str | None
    """None when the careful reading would refuse the text itself."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.policy_name = plan.policy.name
        current, rev_2024 = amounts_by_role(plan)
        self.top = (
            str(current["last_amount_top"]), str(current["total_fee"]), str(current["total_upfront"]),
            str(current["total_recurring"]), str(current["total_plan"]),
        )
        first = {"amount": str(current["first_amount"]), "feeAmount": str(current["first_fee"]),
                 "upfrontFeeAmount": str(current["first_upfront"])}
        with_total = {**first, _FIRST_EXCLUDING: str(current["first_excl"])}
        fee_2024 = {"feeAmount": str(rev_2024["first_fee"])}
        shown = Convention.EITHER if plan.total_upfront_fee.is_zero() else Convention.CURRENT
        # In the order the careful check tells them apart: the current convention wins a tie.
        self.firsts = (
            (first, shown), (with_total, shown),
            (first | fee_2024, Convention.REV_2024), (with_total | fee_2024, Convention.REV_2024),
        )
        self.last = {"amount": str(current["last_amount"]), "feeAmount": str(current["last_fee"])}
        monthly = str(plan.monthly_rate_percentage)
        # A text the careful reading would refuse (a weekly plan's monthly rate above 100, say) can never
        # match here: the plan goes the careful way, which reports it.
        self.monthly = monthly if known_rate(monthly) is not None else None
        self.fee_free = not (plan.fee_rate or plan.fee_flat or plan.upfront_rate or plan.upfront_flat)
        self._apr: Decimal | None = None
        self._declared: dict[tuple[str, int], tuple[Discrepancy, ...]] = {}

    def declared_findings(self, declared: object, index: int) -> tuple[Discrepancy, ...] | None:
        """What a declared ``interestRate`` gives the plan at *index*: nothing when it is the
        effective APR, else the warning that it is not; None when it is not a rate's text.

        The APR is computed the first time, and the findings (immutable) are kept per text and
        index, so a plan seen again costs a lookup.  Two threads may both compute an entry: the
        same value, so the race is harmless.
        """
        if type(declared) is not str:
            return None
        key = (declared, index)
        findings = self._declared.get(key)
        if findings is None:
            rate = known_rate(declared)
            if rate is None:
                return None
            apr = self._apr
            if apr is None:
                apr = self._apr = effective_apr(self.plan)
            findings = () if rate == apr else (
                declared_rate_warning(cybersource_path(index, "declared"), apr, rate),
            )
            if len(self._declared) < _DECLARED_LIMIT:
                self._declared[key] = findings
        return findings


_DECLARED_LIMIT: Final = 16
"""Declared-rate findings kept per plan: a few texts at a few positions in practice; junk stops here."""

_WRITTEN_PLANS_LIMIT: Final = 1024
"""How many recomputed plans :func:`written_plan` keeps, least recently used first out."""

_Inputs = tuple[Decimal, str, int, Frequency, int, "str | None", "str | None", "str | None", "str | None"]
"""(order amount, currency, count, frequency, policy's index in KNOWN_POLICIES, and the CONSUMER
rate, CONSUMER flat fee, CONSUMER_UPFRONT rate and CONSUMER_UPFRONT flat fee texts as the issuer
wrote them: None where the plan has no such fee)."""


@lru_cache(maxsize=_WRITTEN_PLANS_LIMIT)
def written_plan(inputs: _Inputs) -> WrittenPlan | None:
    """The plan *inputs* describe, with its texts; None when the careful check would find fault
    with the inputs themselves (a text the parsers refuse, a flat fee in fractions of a minor unit,
    a plan that cannot be computed).

    Texts are the key, not values: ``5`` and ``5.00`` are equal rates, but the plan keeps the
    exponent it was given.  The cache (thread-safe, bounded) also keeps the Nones, so junk repeated
    costs one lookup.
    """
    amount, currency, count, frequency, policy_index, fee_rate, fee_flat, upfront_rate, upfront_flat = inputs
    # The same bounded caches of parsed texts as the careful reading: the same parsers, once per text.
    recurring_rate = _ZERO if fee_rate is None else known_rate(fee_rate)
    upfront = _ZERO if upfront_rate is None else known_rate(upfront_rate)
    recurring_flat = _NO_FLAT if fee_flat is None else known_amount(fee_flat)
    upfront_flat_ = _NO_FLAT if upfront_flat is None else known_amount(upfront_flat)
    if recurring_rate is None or upfront is None or recurring_flat is None or upfront_flat_ is None:
        return None
    try:  # compute_plan refuses, among the rest, a flat fee in fractions of a minor unit
        plan = compute_plan(
            amount, currency, count, frequency=frequency, fee_rate=recurring_rate,
            fee_flat=recurring_flat[0], upfront_rate=upfront, upfront_flat=upfront_flat_[0],
            policy=KNOWN_POLICIES[policy_index],
        )
    except InstallmentsError:
        return None
    written = WrittenPlan(plan)
    # Equal texts prove equal amounts only for texts the careful reading accepts (not, say, a total of
    # 16 integer digits): otherwise the careful way must read and report them.  Every amount is
    # written alike and none exceeds the plan's total, so the total's text speaks for them all.
    return written if known_amount(written.top[4]) is not None else None


def verified_plan(
    index: int, plan: object, amount: Decimal, currency: str, policy_index: int, *, seen: set[str], decoded: bool
) -> PlanReport | None:
    """The report of the Cybersource plan at *index* when it is exactly right, else None.

    *amount* is the order amount in *currency* (given by the caller, never negative) and *seen*
    the planIds of the plans before this one.  *decoded* says the document comes straight from
    the JSON decoder, so its strings are ``str`` itself, never a subclass the careful check would
    refuse.  The report is the one the careful check would give.
    """
    if type(plan) is not dict:
        return None
    try:
        return _verify(index, plan, amount, currency, policy_index, seen, decoded)
    except KeyError:  # a required field is absent: the careful check words it
        return None


def _verify(  # noqa: PLR0917  (a private hot path: keywords would cost more than they say)
    index: int, plan: dict[str, object], amount: Decimal, currency: str, policy_index: int, seen: set[str],
    decoded: bool,
) -> PlanReport | None:
    header = clean_plan_header(plan)
    if header is None:
        return None
    plan_id, name, plan_type, identifier, islamic, funded_by, count, frequency, terms, details = header
    if plan_id in seen or (identifier is not None and not well_formed_identifier(identifier)):
        return None
    stated_currency = details.get("currency")
    fees = details["fees"]
    first = details["firstInstallment"]
    last = details["lastInstallment"]
    if (
        (stated_currency is not None and (
            type(stated_currency) is not str or (stated_currency and stated_currency != currency)
        ))
        or type(fees) is not list or len(fees) > MAX_FEES or type(first) is not dict or type(last) is not dict
    ):
        return None

    fee_rate = fee_flat = upfront_rate = upfront_flat = monthly = None
    for fee in fees:
        if type(fee) is not dict:
            return None
        kind = fee["type"]
        rate = fee["ratePercentage"]
        flat = fee["flatFeeAmount"]
        if type(kind) is not str or type(rate) is not str or type(flat) is not str:
            return None
        if kind == "CONSUMER" and fee_rate is None:
            fee_rate, fee_flat = rate, flat
            monthly = fee.get("monthlyRatePercentage")
        elif kind == "CONSUMER_UPFRONT" and upfront_rate is None and "monthlyRatePercentage" not in fee:
            upfront_rate, upfront_flat = rate, flat
        else:
            return None
    recomputed = written_plan(
        (amount, currency, count, frequency, policy_index, fee_rate, fee_flat, upfront_rate, upfront_flat)
    )
    if recomputed is None or (monthly is not None and (type(monthly) is not str or monthly != recomputed.monthly)):
        return None
    if funded_by is not None and FundedBy.CONSUMER not in funded_by and not recomputed.fee_free:
        return None  # a MERCHANT-funded plan with consumer fees: an error to word
    stated = (
        details["lastInstallmentAmount"], details["totalFeeAmount"], details["totalUpfrontFeeAmount"],
        details["totalRecurringFeeAmount"], details["totalPlanAmount"],
    )
    if stated != recomputed.top or last != recomputed.last or not (decoded or _all_text(stated, first, last)):
        return None
    for written, shown in recomputed.firsts:
        if first == written:
            convention = shown
            break
    else:
        return None

    declared = details.get("interestRate")
    findings = () if declared is None else recomputed.declared_findings(declared, index)
    if findings is None:
        return None
    offer = PlanOffer(plan_id, recomputed.plan, name, identifier, plan_type, islamic, funded_by or _CONSUMER_ONLY,
                      terms)
    return PlanReport(index, f"{CYBERSOURCE_PLANS}[{index}]", mask_digit_runs(plan_id), convention,
                      recomputed.policy_name, findings, (), offer)


def _all_text(stated: tuple[object, ...], first: dict[str, object], last: dict[str, object]) -> bool:
    """Whether every stated amount is a ``str`` itself: equal to a text, a subclass may still be one."""
    return {*map(type, stated), *map(type, first.values()), *map(type, last.values())} == _STR_ONLY


_STR_ONLY: Final = {str}
