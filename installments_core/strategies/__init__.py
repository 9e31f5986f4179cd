"""Hypothesis strategies for installment plans, for other teams' property tests.

Requires hypothesis: install ``installments-core[testing]``.  Installing the package also registers
these strategies with hypothesis (an entry point), so ``st.from_type(PlanTerms)``,
``st.from_type(Plan)`` and ``st.from_type(RoundingPolicy)`` work without importing this module.

Plan terms are *feasible by construction*: every :class:`~installments_core.plans.PlanTerms` drawn from
:func:`plan_terms` computes under every rounding policy, with no filtering, so shrinking stays fast.

>>> from hypothesis import given
>>> from installments_core import strategies
>>> @given(strategies.plans())
... def test_totals_add_up(plan):
...     assert plan.total_plan_amount == plan.amount + plan.total_fee
>>> test_totals_add_up()
"""

from hypothesis import strategies as st

from .._core.plan import Plan, PlanTerms
from .._core.policy import RoundingPolicy
from ._card_spellings import CardNumberSpelling, assert_no_card_number, card_number_spellings, card_numbers
from ._documents import Corruption, GeneratedResponse, corrupted_responses, get_plans_responses
from ._plan_values import (
    amounts,
    currencies,
    frequencies,
    plan_terms,
    plans,
    policies,
    rates,
    terms_and_conditions,
)
from ._purchases import (
    GeneratedPurchase,
    authorization_links,
    jpo_authorizations,
    payment_identifiers,
    purchases,
)

__all__ = [
    "CardNumberSpelling",
    "Corruption",
    "GeneratedPurchase",
    "GeneratedResponse",
    "amounts",
    "assert_no_card_number",
    "authorization_links",
    "card_number_spellings",
    "card_numbers",
    "corrupted_responses",
    "currencies",
    "frequencies",
    "get_plans_responses",
    "jpo_authorizations",
    "payment_identifiers",
    "plan_terms",
    "plans",
    "policies",
    "purchases",
    "rates",
    "register",
    "terms_and_conditions",
]


def register() -> None:
    """Teach ``st.from_type`` the core input types (done on import of this module)."""
    st.register_type_strategy(PlanTerms, plan_terms())
    st.register_type_strategy(Plan, plans())
    st.register_type_strategy(RoundingPolicy, policies())


register()
