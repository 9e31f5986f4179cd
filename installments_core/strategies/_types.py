"""Which strategy ``st.from_type`` draws each public type from: one table.

The table names each type by where it is defined, so that looking a type up imports nothing:
hypothesis asks about every type it resolves (``int`` as well) once ``installments_core`` is
imported, and only our own types may cost an import.  :func:`register` hands the whole table to
hypothesis at once; the entry point lets hypothesis consult :func:`strategy_for` on demand.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Final

from hypothesis import strategies as st

from .._wire.cybersource import GetPlansResponse
from .._wire.visa import VisaPlansResponse
from ._card_spellings import card_numbers
from ._documents import get_plans_responses
from ._plan_values import plan_terms, plans, policies
from ._purchases import authorization_links, payment_account_references, tokens

_STRATEGIES: Final[dict[str, Callable[[], st.SearchStrategy[object]]]] = {
    "installments_core._core.plan.PlanTerms": plan_terms,
    "installments_core._core.plan.Plan": plans,
    "installments_core._core.policy.RoundingPolicy": policies,
    "installments_core._core.card.CardNumber": card_numbers,
    "installments_core._wire.payment_identifiers.PaymentAccountReference": payment_account_references,
    "installments_core._wire.payment_identifiers.Token": tokens,
    "installments_core._wire.payment_identifiers.AuthorizationLink": authorization_links,
    "installments_core._wire.cybersource.GetPlansResponse": lambda: get_plans_responses(formats=("cybersource",)).map(
        lambda generated: GetPlansResponse.from_data(generated.document)),
    "installments_core._wire.visa.VisaPlansResponse": lambda: get_plans_responses(formats=("visa",)).map(
        lambda generated: VisaPlansResponse.from_data(generated.document)),
}
"""Each public type a user would generate, by ``module.qualname``, and its strategy."""


def _defined(name: str) -> type:
    module, _, qualname = name.rpartition(".")
    found: type = getattr(importlib.import_module(module), qualname)
    return found


def strategy_for(thing: object) -> st.SearchStrategy[object] | None:
    """The strategy for *thing* if it is one of the table's types, else ``None``."""
    name = f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', '')}"
    strategy = _STRATEGIES.get(name)
    # A class of the same name elsewhere (a user's subclass is another name) is not ours.
    if strategy is None or _defined(name) is not thing:
        return None
    return strategy()


def register() -> None:
    """Teach ``st.from_type`` every type of the table now (the entry point does it on demand)."""
    for name, strategy in _STRATEGIES.items():
        st.register_type_strategy(_defined(name), strategy())
