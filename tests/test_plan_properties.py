"""Invariants of every plan, and agreement with an independent integer oracle, over generated terms."""

from __future__ import annotations

from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import compute_plan
from installments_core.amounts import minor_units
from installments_core.errors import InfeasiblePlanError
from installments_core.plans import KNOWN_POLICIES, Frequency, Plan, Remainder, RoundingPolicy

CURRENCIES = ["JPY", "KRW", "USD", "QAR", "EUR", "KWD", "BHD", "TND", "CLF"]
MODES = [ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP]


def _round(value: Fraction, mode: str) -> int:
    """An independent rounding of a non-negative fraction to an integer, per decimal's definitions."""
    quotient, rest = divmod(value.numerator, value.denominator)
    twice, whole = 2 * rest, value.denominator
    up = {
        ROUND_UP: rest > 0,
        ROUND_CEILING: rest > 0,
        ROUND_DOWN: False,
        ROUND_FLOOR: False,
        ROUND_HALF_UP: twice >= whole,
        ROUND_HALF_DOWN: twice > whole,
        ROUND_HALF_EVEN: twice > whole or (twice == whole and quotient % 2 == 1),
        ROUND_05UP: rest > 0 and quotient % 10 in (0, 5),
    }[mode]
    return quotient + up


def _minor(amount: Decimal, digits: int) -> int:
    scaled = Fraction(amount) * 10**digits
    assert scaled.denominator == 1, f"{amount} is not in minor units"
    return scaled.numerator


policies = st.one_of(
    st.sampled_from(KNOWN_POLICIES),
    st.builds(
        RoundingPolicy,
        principal_rounding=st.sampled_from(MODES),
        fee_rounding=st.sampled_from(MODES),
        remainder=st.sampled_from(list(Remainder)),
        rate_rounding=st.sampled_from(MODES),
    ),
)
rates = st.one_of(
    st.just(Decimal(0)),
    st.integers(0, 3000).map(lambda hundredths: Decimal(hundredths).scaleb(-2)),
    st.integers(0, 1_000_000).map(lambda ten_thousandths: Decimal(ten_thousandths).scaleb(-4)),
)


@st.composite
def terms(draw: st.DrawFn) -> dict[str, object]:
    currency = draw(st.sampled_from(CURRENCIES))
    digits = minor_units(currency)
    unit_amount = st.integers(0, 10**12).map(lambda units: Decimal(units).scaleb(-digits))
    return {
        "currency": currency,
        "amount": draw(st.one_of(unit_amount, st.integers(0, 200).map(lambda u: Decimal(u).scaleb(-digits)))),
        "count": draw(st.one_of(st.integers(1, 60), st.integers(1, 999))),
        "frequency": draw(st.sampled_from(list(Frequency))),
        "fee_rate": draw(rates),
        "fee_flat": draw(st.integers(0, 10**6).map(lambda u: Decimal(u).scaleb(-digits))),
        "upfront_rate": draw(rates),
        "upfront_flat": draw(st.integers(0, 10**6).map(lambda u: Decimal(u).scaleb(-digits))),
        "policy": draw(policies),
    }


def _compute(term: dict[str, object]) -> Plan:
    return compute_plan(**term)  # type: ignore[arg-type]


@settings(max_examples=400)
@given(terms())
def test_plans_agree_with_an_independent_integer_oracle(term: dict[str, object]) -> None:
    currency = str(term["currency"])
    digits = minor_units(currency)
    policy = term["policy"]
    assert isinstance(policy, RoundingPolicy)
    count = int(term["count"])  # type: ignore[call-overload]
    principal = _minor(term["amount"], digits)  # type: ignore[arg-type]
    recurring = _round(principal * Fraction(term["fee_rate"]) / 100, policy.fee_rounding) + _minor(
        term["fee_flat"], digits  # type: ignore[arg-type]
    )
    upfront = _round(principal * Fraction(term["upfront_rate"]) / 100, policy.fee_rounding) + _minor(
        term["upfront_flat"], digits  # type: ignore[arg-type]
    )
    regular = _round(Fraction(principal, count), policy.principal_rounding)
    remainder = principal - (count - 1) * regular
    regular_fee = _round(Fraction(recurring, count), policy.fee_rounding)
    remainder_fee = recurring - (count - 1) * regular_fee

    if principal < count or remainder <= 0 or remainder_fee < 0:
        try:
            _compute(term)
        except InfeasiblePlanError:
            return
        raise AssertionError("an infeasible plan was produced")

    plan = _compute(term)
    last_first = policy.remainder is Remainder.LAST
    expected = {
        "first_amount": regular if last_first else remainder,
        "last_amount": remainder if last_first else regular,
        "first_fee": regular_fee if last_first else remainder_fee,
        "last_fee": remainder_fee if last_first else regular_fee,
        "total_recurring_fee": recurring,
        "total_upfront_fee": upfront,
        "total_fee": recurring + upfront,
        "total_plan_amount": principal + recurring + upfront,
    }
    actual = {name: _minor(getattr(plan, name), digits) for name in expected}
    assert actual == expected
    months = policy.months_per_period[plan.frequency] * count
    monthly = _round(Fraction(term["fee_rate"]) / Fraction(months) * 10**policy.rate_decimals, policy.rate_rounding)
    assert _minor(plan.monthly_rate_percentage, policy.rate_decimals) == monthly


@settings(max_examples=300)
@given(terms())
def test_schedule_invariants(term: dict[str, object]) -> None:
    try:
        plan = _compute(term)
    except InfeasiblePlanError:
        return
    digits = minor_units(plan.currency)
    schedule = plan.schedule()
    assert len(schedule) == plan.total_count
    assert sum(_minor(row.principal, digits) for row in schedule) == _minor(plan.amount, digits)
    assert sum(_minor(row.fee, digits) for row in schedule) == _minor(plan.total_recurring_fee, digits)
    assert sum(_minor(row.upfront_fee, digits) for row in schedule) == _minor(plan.total_upfront_fee, digits)
    assert sum(_minor(row.total, digits) for row in schedule) == _minor(plan.total_plan_amount, digits)
    assert _minor(plan.first_total_excluding_upfront_fee, digits) == _minor(schedule[0].principal, digits) + _minor(
        schedule[0].fee, digits
    )
    # Every amount carries exactly the currency's minor digits: "41.60", never "41.6".
    for row in schedule:
        for amount in (row.principal, row.fee, row.upfront_fee, row.total):
            assert amount.as_tuple().exponent == -digits
            assert amount >= 0
    for name in ("amount", "first_amount", "regular_amount", "last_amount", "first_fee", "regular_fee", "last_fee",
                 "total_upfront_fee", "total_recurring_fee", "total_fee", "total_plan_amount",
                 "first_total_excluding_upfront_fee"):
        assert getattr(plan, name).as_tuple().exponent == -digits, name


@settings(max_examples=300)
@given(terms())
def test_the_remainder_installment_stays_within_bounds_of_the_regular_one(term: dict[str, object]) -> None:
    try:
        plan = _compute(term)
    except InfeasiblePlanError:
        return
    digits = minor_units(plan.currency)
    regular = _minor(plan.regular_amount, digits)
    remainder = _minor(plan.last_amount if plan.policy.remainder is Remainder.LAST else plan.first_amount, digits)
    count = plan.total_count
    # regular = P/n + e with |e| < 1 unit, so remainder − regular = −n·e.
    assert remainder > 0
    assert abs(remainder - regular) < max(count, 1)
    mode = plan.policy.principal_rounding
    if mode in (ROUND_UP, ROUND_CEILING):
        assert regular - (count - 1) <= remainder <= regular
    elif mode in (ROUND_DOWN, ROUND_FLOOR):
        assert regular <= remainder <= regular + (count - 1)
    elif mode in (ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN):
        assert 2 * abs(remainder - regular) <= count


@given(st.sampled_from(CURRENCIES), st.integers(1, 10**9), st.integers(1, 120))
def test_equal_inputs_in_any_accepted_form_give_equal_plans(currency: str, units: int, count: int) -> None:
    digits = minor_units(currency)
    amount = Decimal(units).scaleb(-digits)
    text = str(amount)
    forms = [amount, text, f"{text}000" if "." in text else f"{text}.000"]
    if digits == 0:
        forms.append(units)  # type: ignore[arg-type]
    plans = []
    for form in forms:
        try:
            plans.append(compute_plan(form, currency, count, fee_rate="1.5"))
        except InfeasiblePlanError:
            plans.append(None)  # type: ignore[arg-type]
    assert all(plan == plans[0] for plan in plans)
    assert all(plan is None or str(plan.amount) == str(plans[0].amount) for plan in plans)
