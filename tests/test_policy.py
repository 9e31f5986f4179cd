"""Rounding policies as values: names, specs, validation, and the months-per-period mapping."""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

import pytest

from installments_core import compute_plan
from installments_core.errors import InvalidTermsError
from installments_core.plans import (
    KNOWN_POLICIES,
    VISA,
    VISA_MONTHS_PER_PERIOD,
    Frequency,
    Remainder,
    RoundingPolicy,
    policy_from_name,
)


def test_visa_is_up_then_half_up_with_the_remainder_last() -> None:
    assert (VISA.principal_rounding, VISA.fee_rounding, VISA.remainder, VISA.rate_rounding, VISA.rate_decimals) == (
        ROUND_UP, ROUND_HALF_UP, Remainder.LAST, ROUND_HALF_UP, 2)
    assert VISA.name == "visa"
    assert VISA.spec == "principal=up,fee=half-up,remainder=last"


def test_visa_months_per_period_is_the_documented_mapping() -> None:
    assert dict(VISA_MONTHS_PER_PERIOD) == {
        Frequency.WEEKLY: Decimal("0.25"), Frequency.BIWEEKLY: Decimal("0.5"),
        Frequency.MONTHLY: Decimal(1), Frequency.BIMONTHLY: Decimal(2),
    }


@pytest.mark.parametrize("policy", KNOWN_POLICIES, ids=lambda policy: policy.name)
def test_every_known_policy_reads_back_from_its_name(policy: RoundingPolicy) -> None:
    assert policy_from_name(policy.name).same_rounding(policy)


def test_known_policies_start_with_visa_and_are_distinct() -> None:
    assert KNOWN_POLICIES[0] is VISA
    specs = [policy.spec for policy in KNOWN_POLICIES]
    assert len(specs) == len(set(specs)) == 32


def test_a_spec_overrides_only_what_it_names() -> None:
    policy = policy_from_name("fee=half-even,months-weekly=0.23,rate-decimals=3")
    assert policy.principal_rounding == ROUND_UP
    assert policy.fee_rounding == ROUND_HALF_EVEN
    assert policy.months_per_period[Frequency.WEEKLY] == Decimal("0.23")
    assert policy.months_per_period[Frequency.MONTHLY] == Decimal(1)
    assert policy.name == "principal=up,fee=half-even,remainder=last,rate-decimals=3,months-weekly=0.23"


def test_the_months_mapping_drives_the_monthly_rate() -> None:
    # 2.00 % over 2 biweekly installments: one month under Visa's mapping, 0.92 months under a 28-day one.
    visa = compute_plan("500", "USD", 2, frequency="BIWEEKLY", fee_rate="2.00")
    days = policy_from_name("months-biweekly=0.46")
    assert str(visa.monthly_rate_percentage) == "2.00"
    assert str(compute_plan("500", "USD", 2, frequency="BIWEEKLY", fee_rate="2.00", policy=days)
               .monthly_rate_percentage) == "2.17"


def test_policies_are_immutable_and_hashable() -> None:
    policy = RoundingPolicy(principal_rounding=ROUND_HALF_EVEN)
    with pytest.raises(AttributeError):
        policy.fee_rounding = ROUND_UP  # type: ignore[misc]
    with pytest.raises(TypeError):
        policy.months_per_period[Frequency.WEEKLY] = Decimal(1)  # type: ignore[index]
    assert len({policy, RoundingPolicy(principal_rounding=ROUND_HALF_EVEN)}) == 1


@pytest.mark.parametrize(
    ("arguments", "path"),
    [
        ({"principal_rounding": "UP"}, "policy.principal_rounding"),
        ({"fee_rounding": "half-up"}, "policy.fee_rounding"),
        ({"rate_rounding": None}, "policy.rate_rounding"),
        ({"remainder": "middle"}, "policy.remainder"),
        ({"rate_decimals": 9}, "policy.rate_decimals"),
        ({"months_per_period": {Frequency.MONTHLY: Decimal(1)}}, "policy.months_per_period[WEEKLY]"),
        ({"months_per_period": dict.fromkeys(Frequency, Decimal(0))}, "policy.months_per_period[WEEKLY]"),
        ({"months_per_period": dict.fromkeys(Frequency, 1)}, "policy.months_per_period[WEEKLY]"),
    ],
)
def test_malformed_policies_are_refused(arguments: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidTermsError) as raised:
        RoundingPolicy(**arguments)  # type: ignore[arg-type]
    assert raised.value.path == path


def test_a_remainder_given_as_text_becomes_the_enum() -> None:
    assert RoundingPolicy(remainder="first").remainder is Remainder.FIRST  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "spec", ["", "VISA", "principal", "principal=round", "remainder=middle", "colour=blue", "months-daily=1",
             "months-weekly=abc", "months-weekly=-1", "rate-decimals=x"],
)
def test_malformed_specs_are_refused(spec: str) -> None:
    with pytest.raises(InvalidTermsError):
        policy_from_name(spec)


@pytest.mark.parametrize("policy", [*KNOWN_POLICIES, RoundingPolicy(rate_decimals=3, name="three")])
def test_a_policy_spells_itself_once(policy: RoundingPolicy) -> None:
    """Validation compares policies by their spec on every plan it tries another policy for: spelled once,
    kept on the frozen policy, and still the same read back from itself."""
    assert policy.spec is policy.spec
    assert policy_from_name(policy.spec).spec == policy.spec
    assert dataclasses.replace(policy, name="").spec == policy.spec
