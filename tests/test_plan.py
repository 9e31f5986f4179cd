"""compute_plan's input rules, infeasible plans, schedules and due dates."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

import pytest

from installments_core import InstallmentsError, compute_plan
from installments_core.errors import InfeasiblePlanError, InvalidAmountError, InvalidTermsError, UnknownCurrencyError
from installments_core.plans import VISA, Frequency, Remainder, RoundingPolicy, due_dates


@pytest.mark.parametrize(
    ("arguments", "error", "path", "rule"),
    [
        ({"amount": 500.0}, InvalidAmountError, "amount", "a Decimal, an int or a decimal string"),
        ({"amount": "1.234"}, InvalidAmountError, "amount", "whole USD minor units"),
        ({"currency": "XYZ"}, UnknownCurrencyError, "currency", "ISO 4217"),
        ({"count": 0}, InvalidTermsError, "count", "from 1 to 999"),
        ({"count": -3}, InvalidTermsError, "count", "from 1 to 999"),
        ({"count": 1000}, InvalidTermsError, "count", "from 1 to 999"),
        ({"count": 12.0}, InvalidTermsError, "count", "from 1 to 999"),
        ({"count": "12"}, InvalidTermsError, "count", "from 1 to 999"),
        ({"count": True}, InvalidTermsError, "count", "from 1 to 999"),
        ({"frequency": "DAILY"}, InvalidTermsError, "frequency", "WEEKLY, BIWEEKLY, MONTHLY, BIMONTHLY"),
        ({"frequency": "monthly"}, InvalidTermsError, "frequency", "MONTHLY"),
        ({"fee_rate": 5.0}, InvalidAmountError, "fee_rate", "a Decimal"),
        ({"fee_rate": "101"}, InvalidAmountError, "fee_rate", "from 0 to 100"),
        ({"upfront_rate": "-1"}, InvalidAmountError, "upfront_rate", "non-negative"),
        ({"fee_flat": "0.001"}, InvalidAmountError, "fee_flat", "whole USD minor units"),
        ({"upfront_flat": "NaN"}, InvalidAmountError, "upfront_flat", "finite"),
        ({"policy": "visa"}, InvalidTermsError, "policy", "a RoundingPolicy"),
    ],
)
def test_bad_terms_raise_a_library_error_naming_the_field(
    arguments: dict[str, object], error: type[InstallmentsError], path: str, rule: str
) -> None:
    terms: dict[str, object] = {"amount": "500", "currency": "USD", "count": 12} | arguments
    with pytest.raises(error) as raised:
        compute_plan(**terms)  # type: ignore[arg-type]
    assert raised.value.path == path
    assert rule in raised.value.expected


def test_less_than_one_minor_unit_per_installment_is_infeasible() -> None:
    with pytest.raises(InfeasiblePlanError) as raised:
        compute_plan("0.11", "USD", 12)
    assert raised.value.path == "amount"
    assert "0.12 for 12 installments" in raised.value.expected


def test_rounding_up_can_leave_nothing_for_the_last_installment() -> None:
    # 0.15 / 12 rounds up to 0.02; eleven of them are 0.22, more than the whole amount.
    with pytest.raises(InfeasiblePlanError) as raised:
        compute_plan("0.15", "USD", 12)
    assert "remainder installment above zero" in raised.value.expected
    assert "policy visa" in str(raised.value)
    # Rounding down the same amount is feasible: the remainder grows instead.
    plan = compute_plan("0.15", "USD", 12, policy=RoundingPolicy(principal_rounding=ROUND_DOWN))
    assert (plan.regular_amount, plan.last_amount) == (Decimal("0.01"), Decimal("0.04"))


def test_half_up_fees_can_overshoot_the_fee_total() -> None:
    # 1 % of 6.00 is 0.06; 0.06 / 12 = 0.005 rounds half-up to 0.01, and 11 × 0.01 > 0.06.
    with pytest.raises(InfeasiblePlanError) as raised:
        compute_plan("6.00", "USD", 12, fee_rate="1")
    assert raised.value.path == "fee"
    assert "remainder fee of zero or more" in raised.value.expected


def test_a_single_installment_is_the_whole_plan() -> None:
    plan = compute_plan("99.99", "USD", 1, fee_rate="2.5", upfront_flat="1.00")
    assert plan.first_amount == plan.regular_amount == plan.last_amount == Decimal("99.99")
    assert plan.first_fee == plan.last_fee == plan.total_recurring_fee == Decimal("2.50")
    assert [row.total for row in plan.schedule()] == [Decimal("103.49")]


def test_remainder_on_the_first_installment() -> None:
    policy = RoundingPolicy(remainder=Remainder.FIRST)
    plan = compute_plan("500", "USD", 12, fee_rate="5", policy=policy)
    assert (plan.first_amount, plan.regular_amount, plan.last_amount) == (
        Decimal("41.63"), Decimal("41.67"), Decimal("41.67"))
    assert (plan.first_fee, plan.last_fee) == (Decimal("2.12"), Decimal("2.08"))
    assert plan.first_total_excluding_upfront_fee == Decimal("43.75")


def test_the_policy_is_named_in_the_plan() -> None:
    assert compute_plan("500", "USD", 6).policy.name == "visa"
    policy = RoundingPolicy(principal_rounding=ROUND_HALF_EVEN, fee_rounding=ROUND_HALF_EVEN)
    name = compute_plan("500", "USD", 6, policy=policy).policy.name
    assert name == "principal=half-even,fee=half-even,remainder=last"


def test_the_upfront_fee_is_due_with_the_first_installment_only() -> None:
    schedule = compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6").schedule()
    assert [str(row.upfront_fee) for row in schedule] == ["30.00"] + ["0.00"] * 11
    assert str(schedule[0].total) == "73.75"
    assert str(schedule[-1].total) == "43.75"


def test_installment_numbers_are_checked() -> None:
    plan = compute_plan("500", "USD", 3)
    with pytest.raises(InvalidTermsError):
        plan.installment(0)
    with pytest.raises(InvalidTermsError):
        plan.installment(4)


@pytest.mark.parametrize(
    ("first", "frequency", "count", "expected"),
    [
        (date(2027, 1, 31), Frequency.MONTHLY, 4, ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]),
        (date(2028, 1, 31), Frequency.MONTHLY, 2, ["2028-01-31", "2028-02-29"]),
        (date(2026, 12, 1), Frequency.MONTHLY, 3, ["2026-12-01", "2027-01-01", "2027-02-01"]),
        (date(2026, 12, 31), Frequency.BIMONTHLY, 3, ["2026-12-31", "2027-02-28", "2027-04-30"]),
        (date(2026, 12, 28), Frequency.WEEKLY, 3, ["2026-12-28", "2027-01-04", "2027-01-11"]),
        (date(2026, 12, 28), Frequency.BIWEEKLY, 3, ["2026-12-28", "2027-01-11", "2027-01-25"]),
    ],
)
def test_due_dates(first: date, frequency: Frequency, count: int, expected: list[str]) -> None:
    assert [day.isoformat() for day in due_dates(first, count, frequency)] == expected


def test_schedule_dates_follow_the_plan_frequency() -> None:
    plan = compute_plan("500", "USD", 2, frequency="BIWEEKLY")
    assert [row.due for row in plan.schedule(date(2026, 12, 1))] == [date(2026, 12, 1), date(2026, 12, 15)]
    assert [row.due for row in plan.schedule()] == [None, None]


def test_due_dates_beyond_year_9999_are_a_library_error() -> None:
    with pytest.raises(InvalidTermsError, match="before year 9999"):
        due_dates(date(9999, 6, 1), 12, Frequency.MONTHLY)
    with pytest.raises(InvalidTermsError, match="before year 9999"):
        due_dates(date(9999, 12, 1), 12, Frequency.WEEKLY)
    with pytest.raises(InvalidTermsError, match=r"datetime\.date"):
        due_dates("2026-12-01", 12, Frequency.WEEKLY)  # type: ignore[arg-type]


def test_visa_is_the_default_policy() -> None:
    assert compute_plan("500", "USD", 6) == compute_plan("500", "USD", 6, policy=VISA)
