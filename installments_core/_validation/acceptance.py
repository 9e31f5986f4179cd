"""Accepting a Cybersource plan by its texts: every amount exactly what the writer writes for the recomputed plan.

Most plans a service receives are right to the cent, and for those reading every amount text into a
Decimal and comparing it role by role finds nothing, at some cost.  Instead the plan is recomputed
from its inputs (the order amount, its count and frequency, its fee entries) and written out by the
writer (:func:`~.._wire.amount_details.amount_details`), and the issuer's ``amountDetails`` must
hold those very texts: its five totals as one tuple, its last installment as one dict and its first
installment as one of the four dicts a convention writes, each compared in C.  Equal texts are equal
amounts, so the plan is exactly the recomputed one and reading it would find nothing wrong.
Anything else (a right amount in another text, a discrepancy, an unexpected type or key, another
policy) gives None: the plan is then read (``read_details``) and compared rule by rule.  The
declared rate's warning, the one finding an accepted plan can have, is made by the same function
on both ways (``checks._declared_rate``).  ``tests/test_fast_path.py`` proves the reports equal.

Only documents straight from the decoder are accepted this way: their strings are ``str`` itself,
which equality cannot tell from a subclass the reader refuses.
"""

from __future__ import annotations

from decimal import Decimal
from operator import itemgetter
from typing import Final

from .._core.caching import BoundedCache
from .._core.policy import KNOWN_POLICIES, Frequency, RoundingPolicy
from .._errors import InstallmentsError
from .._wire.amount_details import amount_details
from .._wire.cybersource.reader import TOTALS, read_fees
from .._wire.cybersource.table import FEE, PATHS
from .._wire.reading import PlanReading, known_amount
from .recompute import KNOWN_POLICY_INDEX, Recomputed, fee_terms, recompute
from .validation_report import Convention

__all__ = ["matching_plan"]


def _key_in_details(role: str) -> str:
    return PATHS[role].removeprefix("amountDetails.")


_stated_totals: Final = itemgetter(*(key for _, key, _ in TOTALS))
_FIRST: Final = _key_in_details("first")
_LAST: Final = _key_in_details("last")
_FEES: Final = _key_in_details("fees")
_DECLARED: Final = _key_in_details("declared")
_FIRST_FEE: Final = _key_in_details("first_fee").removeprefix(f"{_FIRST}.")
_FIRST_EXCLUDING: Final = _key_in_details("first_excl").removeprefix(f"{_FIRST}.")


class _WrittenPlan:
    """A recomputed plan and its amounts as the writer writes them: ``top`` amountDetails' own
    amounts in table order, ``firsts`` each way a first installment may be written with the
    convention it shows (the current one first: it wins a tie, as in the rule-by-rule check),
    ``last`` the last installment."""

    __slots__ = ("firsts", "last", "recomputed", "top")

    def __init__(self, recomputed: Recomputed) -> None:
        self.recomputed = recomputed
        plan = recomputed.plan
        written = amount_details(plan)
        self.top = _stated_totals(written)
        first = written[_FIRST]
        last = written[_LAST]
        assert isinstance(first, dict)
        assert isinstance(last, dict)
        self.last = last
        without_total = {key: text for key, text in first.items() if key != _FIRST_EXCLUDING}
        fee_2024 = {_FIRST_FEE: str(recomputed.amounts[1]["first_fee"])}
        shown = Convention.EITHER if plan.total_upfront_fee.is_zero() else Convention.CURRENT
        self.firsts = (
            (without_total, shown), (first, shown),
            (without_total | fee_2024, Convention.REV_2024), (first | fee_2024, Convention.REV_2024),
        )


_Key = tuple[Decimal, str, int, Frequency, int]
_ACCEPTABLE: Final = BoundedCache[_Key, "list[tuple[object, _WrittenPlan | None]]"](1024)
"""Per order and plan shape (amount, currency, count, frequency, policy), the fee entries seen, each
(a copy) with the plan written out for them, or None when there is none to compare with (see
:func:`_write_plan`), so a plan seen again costs a comparison.  Fee entries are compared, not hashed:
a list of dicts compares in C, where hashing a fresh Decimal and nested tuples costs more, and most
shapes are offered with one or two sets of fees."""
_FEE_SETS_PER_SHAPE: Final = 8
_FEE_KEYS: Final = frozenset(field.path for field in FEE)
_LONGEST_FEE_TEXT: Final = 64


def _write_plan(  # noqa: PLR0917  (_written_plan's arguments, passed on)
    reading: PlanReading, fees: object, amount: Decimal, currency: str, policy: RoundingPolicy,
    digits: int,
) -> _WrittenPlan | None:
    """The plan *reading*'s inputs and fee entries *fees* give, written out; None when the fee
    entries alone give a finding, the plan cannot be computed, or the texts could not prove it."""
    terms_reading = read_fees(fees)
    if terms_reading.errors or terms_reading.unknown_fees or terms_reading.duplicate_fees:
        return None
    terms = fee_terms(terms_reading, digits)
    if terms is None:
        return None
    rates = terms_reading.rates
    try:
        recomputed = recompute(reading, amount, currency, policy, terms)
    except InstallmentsError:
        return None
    monthly = rates.get("monthly_rate")
    if monthly is not None and monthly != recomputed.plan.monthly_rate_percentage:
        return None
    written = _WrittenPlan(recomputed)
    # Equal texts prove equal amounts only for texts the reader accepts (not, say, a total of 16
    # integer digits).  Every amount is written alike and none exceeds the plan's total, so the
    # total's text speaks for them all.
    return written if known_amount(str(recomputed.plan.total_plan_amount)) is not None else None


def matching_plan(  # noqa: PLR0917  (a private hot path: keywords would cost more than they say)
    reading: PlanReading, details: dict[str, object], amount: Decimal, currency: str, policy: RoundingPolicy,
    digits: int,
) -> tuple[Recomputed, Convention, str | None] | None:
    """The recomputed plan, the convention and the declared rate's text of *reading*, whose unread
    ``amountDetails`` is *details*, when every amount in it is exactly the writer's text for the plan
    recomputed from *amount* in *currency* (of *digits* minor digits) under *policy*; else None."""
    written = _written_plan(reading, details.get(_FEES), amount, currency, policy, digits)
    if written is None:
        return None
    convention = _convention(details, written)
    declared = details.get(_DECLARED)
    if convention is None or (declared is not None and type(declared) is not str):
        return None
    return written.recomputed, convention, declared


def _written_plan(  # noqa: PLR0917  (accepted's arguments, passed on)
    reading: PlanReading, fees: object, amount: Decimal, currency: str, policy: RoundingPolicy, digits: int
) -> _WrittenPlan | None:
    """The plan written out for *reading*'s inputs and its fee entries *fees*, from those seen before
    for the same order and plan shape or made now; None when there is no such plan to compare with."""
    policy_index = KNOWN_POLICY_INDEX.get(id(policy))
    if (
        policy_index is None or KNOWN_POLICIES[policy_index] is not policy or reading.count is None
        or reading.frequency is None or type(fees) is not list
    ):
        return None
    key = (amount, currency, reading.count, reading.frequency, policy_index)
    seen = _ACCEPTABLE.get(key)
    if seen is None:
        seen = _ACCEPTABLE.put(key, [])
    for entries, written in seen:
        if entries == fees:
            return written
    # Only fee entries of the table's fields, each a short text, are kept (copied, as the caller's
    # document may change; texts never do): nothing else of a document stays alive in the cache, and
    # any other entry is the reader's to judge.
    if not all(type(fee) is dict and fee.keys() <= _FEE_KEYS and all(
        type(text) is str and len(text) <= _LONGEST_FEE_TEXT for text in fee.values()) for fee in fees
    ):
        return None
    written = _write_plan(reading, fees, amount, currency, policy, digits)
    seen.append(([dict(fee) for fee in fees], written))
    if len(seen) > _FEE_SETS_PER_SHAPE:
        del seen[0]
    return written


def _convention(details: dict[str, object], written: _WrittenPlan) -> Convention | None:
    """The convention the first installment is written in, when every amount is the writer's text."""
    try:
        if _stated_totals(details) != written.top or details[_LAST] != written.last:
            return None
        first = details[_FIRST]
    except KeyError:
        return None
    for texts, convention in written.firsts:
        if first == texts:
            return convention
    return None
