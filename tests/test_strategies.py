"""The public hypothesis strategies: feasible by construction, registered with st.from_type."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import strategies
from installments_core.amounts import minor_units
from installments_core.cards import CardNumber
from installments_core.errors import InfeasiblePlanError, UnknownCurrencyError
from installments_core.plans import Plan, PlanTerms, RoundingPolicy
from installments_core.requests import AuthorizationLink, PaymentAccountReference, Token
from installments_core.responses import GetPlansResponse, VisaPlansResponse
from installments_core.strategies._types import strategy_for


@settings(max_examples=500)
@given(strategies.plan_terms(), strategies.policies())
def test_every_drawn_term_computes_under_every_policy(terms: PlanTerms, policy: RoundingPolicy) -> None:
    try:
        plan = terms.compute(policy)
    except InfeasiblePlanError as error:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(f"plan_terms drew infeasible terms: {error}")
    assert plan.terms == terms


@given(st.sampled_from([0, 2, 3, 4]).flatmap(lambda digits: st.tuples(st.just(digits),
                                                                      strategies.currencies(minor_digits=digits))))
def test_currencies_by_minor_digits(drawn: tuple[int, str]) -> None:
    digits, code = drawn
    assert minor_units(code) == digits


def test_no_currency_has_five_minor_digits() -> None:
    with pytest.raises(ValueError, match="5 minor digits"):
        strategies.currencies(minor_digits=5)


@given(strategies.currencies().flatmap(
    lambda code: st.tuples(st.just(code), strategies.amounts(code, max_units=10**6))
))
def test_amounts_carry_exactly_the_currency_digits(drawn: tuple[str, Decimal]) -> None:
    code, amount = drawn
    assert amount.as_tuple().exponent == -minor_units(code)
    assert 0 <= amount <= Decimal(10**6).scaleb(-minor_units(code))


@given(strategies.rates(max_rate=5, max_decimals=4))
def test_rates_stay_in_bounds(rate: Decimal) -> None:
    assert 0 <= rate <= 5
    assert rate.as_tuple().exponent >= -4


def test_rates_refuse_more_decimals_than_the_library_accepts() -> None:
    with pytest.raises(ValueError, match="max_decimals"):
        strategies.rates(max_decimals=5)


@given(st.from_type(PlanTerms), st.from_type(Plan), st.from_type(RoundingPolicy))
def test_core_types_are_registered_with_hypothesis(terms: PlanTerms, plan: Plan, policy: RoundingPolicy) -> None:
    assert isinstance(terms, PlanTerms)
    assert isinstance(plan, Plan)
    assert isinstance(policy, RoundingPolicy)


PUBLIC_TYPES = [PlanTerms, Plan, RoundingPolicy, CardNumber, PaymentAccountReference, Token, AuthorizationLink,
                GetPlansResponse, VisaPlansResponse]


@pytest.mark.parametrize("public_type", PUBLIC_TYPES, ids=lambda public_type: public_type.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_from_type_draws_every_public_type_a_user_generates(public_type: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(st.from_type(public_type)), public_type)


def test_only_the_packages_own_types_are_resolved() -> None:
    impostor = type("CardNumber", (), {"__module__": "installments_core._core.card"})
    assert strategy_for(impostor) is None
    assert strategy_for(int) is None
    assert strategy_for("installments_core._core.card.CardNumber") is None


@settings(max_examples=5)
@given(data=st.data())
def test_the_resolver_draws_the_type_it_names(data: st.DataObject) -> None:
    ours = strategy_for(CardNumber)
    assert ours is not None
    assert isinstance(data.draw(ours), CardNumber)


_FRESH_IMPORT = """
import sys
import hypothesis
loaded = {name for name in sys.modules if name.startswith("installments_core")}
assert "_installments_core_hypothesis" in sys.modules, "the entry point did not run"
assert not loaded, loaded
assert "hypothesis.strategies._internal.types" not in sys.modules
from hypothesis import strategies as st
from installments_core.responses import GetPlansResponse
from installments_core.cards import CardNumber
assert isinstance(st.from_type(CardNumber).example(), CardNumber)
assert isinstance(st.from_type(GetPlansResponse).example(), GetPlansResponse)
"""


def test_the_entry_point_imports_nothing_until_from_type_is_used() -> None:
    """``import hypothesis`` loads no module of the package and not even hypothesis' type table; from_type works."""
    result = subprocess.run([sys.executable, "-c", _FRESH_IMPORT], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_the_entry_point_registers_eagerly_where_hypothesis_has_no_resolver_table() -> None:
    import _installments_core_hypothesis as entry_point

    entry_point._install(ModuleType("a_hypothesis_without_the_table"))
    from hypothesis.strategies._internal.types import _global_type_lookup

    assert GetPlansResponse in _global_type_lookup
    entry_point.register()  # hypothesis' table is loaded here: the resolver goes straight in
    from hypothesis.strategies._internal.types import _global_extra_lookup

    assert _global_extra_lookup["installments_core"] is entry_point._from_type


@given(strategies.plan_terms(fees=False, upfront_fees=False))
def test_fee_free_terms(terms: PlanTerms) -> None:
    assert not terms.compute().has_fees


def _leaves(value: object, path: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        found: dict[str, object] = {}
        for key, item in value.items():
            found.update(_leaves(item, f"{path}.{key}" if path else key))
        return found
    if isinstance(value, list):
        found = {}
        for index, item in enumerate(value):
            found.update(_leaves(item, f"{path}[{index}]"))
        return found
    return {path: value}


@settings(max_examples=200)
@given(st.data())
def test_a_corruption_changes_exactly_the_field_it_names(data: st.DataObject) -> None:
    generated = data.draw(strategies.get_plans_responses(min_plans=1))
    corrupted, corruption = data.draw(strategies.corrupted_responses(st.just(generated)))
    before, after = _leaves(generated.document), _leaves(corrupted.document)
    changed = {path for path in before.keys() | after.keys() if before.get(path, ...) != after.get(path, ...)}
    if corruption.kind == "swapped_first_last":
        assert corruption.path in changed
        assert len(changed) == 2
    elif corruption.kind == "missing_field":
        assert changed
        assert all(path.startswith(corruption.path) for path in changed)
    else:
        assert changed == {corruption.path}
        assert after[corruption.path] == corruption.new
    assert corrupted.offers == generated.offers


@pytest.mark.parametrize("currency", ["QQQ", "usd", "XAU"])
def test_a_currency_code_the_library_refuses_is_refused_by_the_strategies_too(currency: str) -> None:
    @settings(max_examples=1, database=None)
    @given(st.data())
    def draw_one(data: st.DataObject) -> None:
        data.draw(strategies.plan_terms(currency=currency))

    with pytest.raises(UnknownCurrencyError):
        draw_one()
    with pytest.raises(UnknownCurrencyError):
        strategies.amounts(currency)


@settings(max_examples=20)
@given(st.data())
def test_a_currency_code_is_taken_as_that_currency(data: st.DataObject) -> None:
    assert data.draw(strategies.plan_terms(currency="JPY")).currency == "JPY"
    assert data.draw(strategies.get_plans_responses(currency="KWD")).currency == "KWD"
