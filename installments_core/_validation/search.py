"""The policy search: which known policy reproduces a plan its expected policy does not, when one can.

Trying every known policy costs 31 recomputations, a thousand times what accepting a right plan
costs, and a plan one amount off (an issuer's bug, the common discrepancy) is reproduced by none.
Such a plan mostly shows it on its own numbers: every plan any policy computes keeps a few
identities (the cross-field rules of :data:`POLICY_FREE_RULES`, and the first fee adding up,
:func:`fees_add_up`), so a plan that breaks one is reproduced by no policy, and the search is
skipped without changing what the report says.  The candidates a search does try are cached apart
from the expected plans (:func:`.recompute.recompute`), which they would otherwise drop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Final

from .._core.money import CTX
from .._core.policy import KNOWN_POLICIES, RoundingPolicy
from .._errors import InstallmentsError
from .._findings import Finding
from .._wire.reading import PlanReading
from .recompute import Recomputed, Terms, recompute

__all__ = ["POLICY_FREE_RULES", "fees_add_up", "find_policy", "sum_fits", "worth_searching"]

POLICY_FREE_RULES: Final = frozenset({
    "last_amount", "fee_total", "plan_total", "order_amount", "upfront_first", "upfront_last", "installment_total",
    "installments_sum",
})
"""The cross-field rules every plan a policy computes keeps, whatever its rounding: its amounts are
added and copied so (:func:`.recompute.amounts_by_role`), and its principal is n-1 equal
installments and a remainder.  Not the rules on the first installment's fee, which guess its
convention from the response's own numbers (:func:`fees_add_up` asks it of both)."""


def sum_fits(first: Decimal, last: Decimal, count: int, total: Decimal) -> tuple[bool, Decimal]:
    """Whether count installments, the middle ones equal to the first or to the last, add up to total."""
    if count == 1:
        return first == total and last == total, first
    with_first = CTX.add(CTX.multiply(first, count - 1), last)
    if with_first == total:
        return True, with_first
    return CTX.add(first, CTX.multiply(last, count - 1)) == total, with_first


def fees_add_up(reading: PlanReading) -> bool:
    """Whether the first installment's stated fee, as its recurring fee (current convention) or that
    plus the upfront fee (2024's), adds up with its principal to its total excluding the upfront fee
    and with the last fee to the recurring total, as every policy's plan does under one of them.

    True when the reading states no first fee.  Only for a reading that was recomputed: its count is known.
    """
    a = reading.amounts
    first_fee, count = a.get("first_fee"), reading.count
    assert count is not None
    if first_fee is None:
        return True
    if reading.native:
        return _recurring_fits(reading, first_fee, count)
    upfront = a.get("first_upfront", a.get("total_upfront"))
    return upfront is None or _recurring_fits(reading, first_fee, count) or _recurring_fits(
        reading, CTX.subtract(first_fee, upfront), count
    )


def _recurring_fits(reading: PlanReading, first_recurring: Decimal, count: int) -> bool:
    a = reading.amounts
    excluding_upfront, principal = a.get("first_excl"), a.get("first_amount")
    if excluding_upfront is not None and principal is not None and excluding_upfront != CTX.add(
        principal, first_recurring
    ):
        return False
    last_fee, recurring = a.get("last_fee"), a.get("total_recurring")
    return last_fee is None or recurring is None or sum_fits(first_recurring, last_fee, count, recurring)[0]


def worth_searching(reading: PlanReading, cross_findings: Iterable[Finding]) -> bool:
    """Whether some policy might reproduce every stated amount of *reading* exactly, given the
    findings of its cross-field rules: False proves that none does."""
    return not any(finding.code in POLICY_FREE_RULES for finding in cross_findings) and fees_add_up(reading)


def find_policy(
    reading: PlanReading, fits: Callable[[Recomputed], bool], *, amount: Decimal, currency: str,
    expected: RoundingPolicy, terms: Terms,
) -> Recomputed | None:
    """The plan of the first known policy other than *expected* that *fits* the reading."""
    for candidate in KNOWN_POLICIES:
        if candidate.same_rounding(expected):
            continue
        try:
            recomputed = recompute(reading, amount, currency, candidate, terms, candidate=True)
        except InstallmentsError:
            continue
        if fits(recomputed):
            return recomputed
    return None
