"""Hypothesis strategies for installment plans, for other teams' property tests.

Requires hypothesis: install ``installments-core[testing]``.  Installing the package also registers
these strategies with hypothesis (an entry point), so ``st.from_type(PlanTerms)``,
``st.from_type(Plan)`` and ``st.from_type(RoundingPolicy)`` work without importing this module.

Plan terms are *feasible by construction*: every :class:`~installments_core.PlanTerms` drawn from
:func:`plan_terms` computes under every rounding policy, with no filtering, so shrinking stays fast.

>>> from hypothesis import given
>>> from installments_core import strategies
>>> @given(strategies.plans())
... def test_totals_add_up(plan):
...     assert plan.total_plan_amount == plan.amount + plan.total_fee
>>> test_totals_add_up()
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from hypothesis import strategies as st

from ._core.currencies import ACTIVE_CURRENCIES
from ._core.money import CTX, MAX_RATE_DECIMALS
from ._core.plan import MAX_INSTALLMENTS, Plan, PlanTerms
from ._core.policy import KNOWN_POLICIES, ROUNDING_MODES, VISA, Frequency, Remainder, RoundingPolicy

__all__ = [
    "amounts",
    "currencies",
    "frequencies",
    "plan_terms",
    "plans",
    "policies",
    "rates",
    "register",
]

_MAX_UNITS = 10**12


def currencies(*, minor_digits: int | Collection[int] | None = None) -> st.SearchStrategy[str]:
    """Active ISO 4217 codes, optionally only those with the given number(s) of minor digits.

    >>> from hypothesis import find
    >>> find(currencies(minor_digits=3), lambda code: True)
    'KWD'
    """
    wanted = {minor_digits} if isinstance(minor_digits, int) else minor_digits
    codes = sorted(code for code, digits in ACTIVE_CURRENCIES.items() if wanted is None or digits in wanted)
    if not codes:
        raise ValueError(f"no active currency has {minor_digits} minor digits")
    # The usual suspects first, so shrinking lands on a currency a reader recognizes.
    preferred = [code for code in ("USD", "JPY", "KWD", "EUR", "QAR") if code in codes]
    return st.sampled_from(preferred + [code for code in codes if code not in preferred])


def amounts(currency: str, *, min_units: int = 0, max_units: int = _MAX_UNITS) -> st.SearchStrategy[Decimal]:
    """Amounts in *currency*, whole minor units from *min_units* to *max_units*, with its exact digits."""
    digits = ACTIVE_CURRENCIES[currency]
    return st.integers(min_units, max_units).map(lambda units: _from_units(units, digits))


def _from_units(units: int, digits: int) -> Decimal:
    return Decimal(units).scaleb(-digits, CTX)


def rates(*, max_rate: int = 30, max_decimals: int = 2) -> st.SearchStrategy[Decimal]:
    """Percentages from 0 to *max_rate* with up to *max_decimals* decimals (at most 4), zero often."""
    if not 0 <= max_decimals <= MAX_RATE_DECIMALS:
        raise ValueError(f"max_decimals must be from 0 to {MAX_RATE_DECIMALS}")
    scale = 10**max_decimals
    return st.one_of(
        st.just(Decimal("0.00")),
        st.integers(0, max_rate * scale).map(lambda steps: Decimal(steps).scaleb(-max_decimals, CTX)),
    )


def frequencies() -> st.SearchStrategy[Frequency]:
    """The four installment frequencies."""
    return st.sampled_from(list(Frequency))


def policies(*, known_only: bool = False) -> st.SearchStrategy[RoundingPolicy]:
    """Rounding policies: the known ones, or (by default) also any combination of the eight modes."""
    known = st.sampled_from(KNOWN_POLICIES)
    if known_only:
        return known
    modes = st.sampled_from(list(ROUNDING_MODES.values()))
    return st.one_of(
        known,
        st.builds(
            RoundingPolicy,
            principal_rounding=modes,
            fee_rounding=modes,
            remainder=st.sampled_from(list(Remainder)),
            rate_rounding=modes,
        ),
    )


@st.composite
def plan_terms(
    draw: st.DrawFn,
    currency: st.SearchStrategy[str] | None = None,
    counts: st.SearchStrategy[int] | None = None,
    fees: bool = True,
    upfront_fees: bool = True,
) -> PlanTerms:
    """Plan terms that compute under every rounding policy.

    Rounding any way moves an installment by less than one minor unit, so n − 1 installments move
    the remainder by less than n − 1 units each: an order total above (n − 1)² units, and a
    recurring fee total of zero or at least (n − 1)² units, always leave a remainder installment
    above zero and a remainder fee of zero or more.
    """
    code = draw(currency if currency is not None else currencies())
    digits = ACTIVE_CURRENCIES[code]
    count = draw(counts if counts is not None else st.one_of(st.integers(1, 24), st.integers(1, MAX_INSTALLMENTS)))
    spread = (count - 1) ** 2
    fee_rate = draw(rates()) if fees else Decimal("0.00")
    floor_units = max(count, spread + 1)
    if not fee_rate.is_zero():
        # round(P × rate / 100) ≥ spread + 1 whatever the rounding: P ≥ 100 (spread + 1) / rate.
        needed = CTX.divide(CTX.multiply(100, spread + 1), fee_rate)
        floor_units = max(floor_units, int(needed.to_integral_value(rounding="ROUND_CEILING", context=CTX)) + 1)
    units = draw(st.integers(floor_units, max(floor_units, _MAX_UNITS)))
    if not fees:
        fee_flat_units = 0
    elif fee_rate.is_zero():
        fee_flat_units = draw(st.one_of(st.just(0), st.integers(spread, spread + 10**6)))
    else:
        fee_flat_units = draw(st.integers(0, 10**6))
    upfront_rate = draw(rates()) if upfront_fees else Decimal("0.00")
    upfront_flat_units = draw(st.integers(0, 10**6)) if upfront_fees else 0
    return PlanTerms(
        _from_units(units, digits),
        code,
        count,
        draw(frequencies()),
        fee_rate,
        _from_units(fee_flat_units, digits),
        upfront_rate,
        _from_units(upfront_flat_units, digits),
    )


def plans(
    terms: st.SearchStrategy[PlanTerms] | None = None,
    policy: st.SearchStrategy[RoundingPolicy] | None = None,
) -> st.SearchStrategy[Plan]:
    """Computed plans: *terms* (default :func:`plan_terms`) under *policy* (default VISA)."""
    return st.builds(
        lambda drawn_terms, drawn_policy: drawn_terms.compute(drawn_policy),
        terms if terms is not None else plan_terms(),
        policy if policy is not None else st.just(VISA),
    )


def register() -> None:
    """Teach ``st.from_type`` the core input types; hypothesis calls this through an entry point."""
    st.register_type_strategy(PlanTerms, plan_terms())
    st.register_type_strategy(Plan, plans())
    st.register_type_strategy(RoundingPolicy, policies())
