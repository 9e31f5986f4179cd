"""installments_core: card installment plans computed, checked and shown exactly.

The public API is what ``__all__`` lists; every other module is private.

>>> from installments_core import compute_plan
>>> plan = compute_plan("500", "USD", 6)
>>> plan.first_amount, plan.last_amount
(Decimal('83.34'), Decimal('83.30'))
"""

from importlib import import_module
from typing import TYPE_CHECKING

from ._core.credit import CostOfCredit, periodic_rate
from ._core.currencies import ACTIVE_CURRENCIES, minor_units
from ._core.money import parse_amount, parse_rate
from ._core.offer import FundedBy, PlanOffer, TermsAndConditions
from ._core.plan import MAX_INSTALLMENTS, Installment, Plan, PlanTerms, compute_plan, due_dates
from ._core.policy import (
    KNOWN_POLICIES,
    VISA,
    VISA_MONTHS_PER_PERIOD,
    Frequency,
    Remainder,
    RoundingPolicy,
    policy_from_name,
)
from ._errors import (
    InfeasiblePlanError,
    InstallmentsError,
    InvalidAmountError,
    InvalidTermsError,
    UnknownCurrencyError,
    UnknownLocaleError,
)

__all__ = [
    "ACTIVE_CURRENCIES",
    "KNOWN_POLICIES",
    "MAX_INSTALLMENTS",
    "VISA",
    "VISA_MONTHS_PER_PERIOD",
    "CostOfCredit",
    "Frequency",
    "FundedBy",
    "InfeasiblePlanError",
    "Installment",
    "InstallmentsError",
    "InvalidAmountError",
    "InvalidTermsError",
    "OfferList",
    "Plan",
    "PlanDisplay",
    "PlanOffer",
    "PlanTerms",
    "Remainder",
    "RoundingPolicy",
    "TermsAndConditions",
    "TermsChoice",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "choose_terms",
    "compute_plan",
    "currency_formatter",
    "due_dates",
    "format_amount",
    "minor_units",
    "parse_amount",
    "parse_rate",
    "periodic_rate",
    "plan_selector_html",
    "policy_from_name",
    "summarize",
    "summarize_offers",
    "summary_line",
]

__version__ = "0.1.0"

# Names whose modules load babel data or build pydantic models: imported on first use, so that
# `import installments_core` stays cheap for callers that only compute plans.
_LAZY: dict[str, str] = {
    "OfferList": "._display.summary",
    "PlanDisplay": "._display.summary",
    "TermsChoice": "._display.terms",
    "choose_terms": "._display.terms",
    "currency_formatter": "._display.numbers",
    "format_amount": "._display.numbers",
    "plan_selector_html": "._display.html",
    "summarize": "._display.summary",
    "summarize_offers": "._display.summary",
    "summary_line": "._display.summary",
}

if TYPE_CHECKING:
    from ._display.html import plan_selector_html
    from ._display.numbers import currency_formatter, format_amount
    from ._display.summary import OfferList, PlanDisplay, summarize, summarize_offers, summary_line
    from ._display.terms import TermsChoice, choose_terms


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
