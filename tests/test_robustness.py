"""Every public entry point under arbitrary input: a result or a library error, never anything else."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, compute_plan
from installments_core.amounts import minor_units, parse_amount, parse_rate
from installments_core.plans import Frequency, due_dates, periodic_rate, policy_from_name

anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.binary(), st.decimals(),
    st.text(alphabet="0123456789.-+eE_, naNinfINF", max_size=30), st.lists(st.integers(), max_size=3),
    st.dates(),
)
currency_like = st.one_of(st.sampled_from(["USD", "JPY", "KWD", "XAU", "HRK", "usd", ""]), st.text(max_size=5),
                          anything)


@settings(max_examples=500)
@given(anything, currency_like)
def test_parse_amount(value: object, currency: object) -> None:
    try:
        result = parse_amount(value, currency)  # type: ignore[arg-type]
    except InstallmentsError:
        return
    assert isinstance(result, Decimal)
    assert result.is_finite()
    assert result >= 0


@settings(max_examples=300)
@given(anything)
def test_parse_rate_and_minor_units(value: object) -> None:
    for function in (parse_rate, minor_units):
        with contextlib.suppress(InstallmentsError):
            function(value)


@settings(max_examples=500)
@given(st.fixed_dictionaries({
    "amount": anything, "currency": currency_like, "count": st.one_of(st.integers(-5, 1200), anything),
    "frequency": st.one_of(st.sampled_from(list(Frequency)), anything), "fee_rate": anything, "upfront_flat": anything,
}))
def test_compute_plan(arguments: dict[str, object]) -> None:
    try:
        plan = compute_plan(**arguments)  # type: ignore[arg-type]
    except InstallmentsError:
        return
    assert plan.total_plan_amount >= plan.amount


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=60), st.text(alphabet="principalferemainder=,-updownhalfevn0123456789.",
                                               max_size=60)))
def test_policy_from_name(spec: str) -> None:
    with contextlib.suppress(InstallmentsError):
        policy_from_name(spec)


@settings(max_examples=200)
@given(st.one_of(st.dates(), anything), st.integers(1, 999), st.sampled_from(list(Frequency)))
def test_due_dates(first: object, count: int, frequency: Frequency) -> None:
    try:
        dates = due_dates(first, count, frequency)  # type: ignore[arg-type]
    except InstallmentsError:
        return
    assert len(dates) == count
    assert all(isinstance(day, date) for day in dates)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=1, max_value=10**9, places=2),
       st.lists(st.decimals(min_value=0, max_value=10**9, places=2), min_size=1, max_size=60))
def test_periodic_rate(principal: Decimal, payments: list[Decimal]) -> None:
    try:
        rate = periodic_rate(principal, payments)
    except InstallmentsError:
        return
    assert rate >= 0


def _quote_output(seed: str) -> bytes:
    environment = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run(
        [sys.executable, "-m", "installments_core.cli", "quote", "--amount", "1234.56", "--currency", "EUR",
         "--count", "7", "--fee-rate", "3.33", "--upfront-flat", "9.99", "--frequency", "BIWEEKLY",
         "--first-due", "2027-02-28", "--json"],
        capture_output=True, check=True, env=environment,
    ).stdout


def test_output_is_byte_identical_across_processes() -> None:
    outputs = {_quote_output(seed) for seed in ("0", "1", "4242")}
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["apr"]
