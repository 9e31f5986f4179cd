"""Hypothesis strategies for installment plans, for other teams' property tests.

Requires hypothesis: install ``installments-core[testing]``.  Installing the package also teaches
hypothesis its types (an entry point), so ``st.from_type`` draws plan terms, plans, rounding
policies, card numbers, payment account references, tokens, authorization links and get-plans
responses of both formats without importing this module; importing it registers them all at once.

Plan terms are *feasible by construction*: every :class:`~installments_core.plans.PlanTerms` drawn from
:func:`plan_terms` computes under every rounding policy, with no filtering, so shrinking stays fast.

>>> from hypothesis import given
>>> from installments_core import strategies
>>> @given(strategies.plans())
... def test_totals_add_up(plan):
...     assert plan.total_plan_amount == plan.amount + plan.total_fee
>>> test_totals_add_up()
"""

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
from ._types import register

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


register()
