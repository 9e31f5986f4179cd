"""installments_core: card installment plans computed, checked and shown exactly.

The entry points are here; everything else lives in a public module by capability:
:mod:`~installments_core.plans`, :mod:`~installments_core.amounts`, :mod:`~installments_core.cards`,
:mod:`~installments_core.responses`, :mod:`~installments_core.requests`, :mod:`~installments_core.findings`,
:mod:`~installments_core.jpo`, :mod:`~installments_core.display`, :mod:`~installments_core.audits`,
:mod:`~installments_core.errors` and :mod:`~installments_core.strategies` (``docs/api.md`` lists them).
Modules whose names start with an underscore are private.

>>> from installments_core import compute_plan
>>> plan = compute_plan("500", "USD", 6)
>>> plan.first_amount, plan.last_amount
(Decimal('83.34'), Decimal('83.30'))
"""

import warnings
from importlib import import_module
from typing import TYPE_CHECKING

from ._core.plan import compute_plan
from ._errors import InstallmentsError
from ._exports import load_on_first_use

__all__ = [
    "InstallmentsError",
    "__version__",
    "audit_lines",
    "compute_plan",
    "plan_selector_html",
    "summarize",
    "summary_line",
    "validate_request",
    "validate_response",
]

__version__ = "0.1.0"

# Names whose modules load babel data, build pydantic models or set up tables: imported on first
# use, so that `import installments_core` stays cheap for callers that only compute plans.
_load = load_on_first_use(__name__, {
    "audit_lines": "._audit",
    "plan_selector_html": "._display.html",
    "summarize": "._display.summary",
    "summary_line": "._display.summary",
    "validate_request": "._requests.dispatch",
    "validate_response": "._validation.validator",
})

# Where each name this module exported before 0.1.0 lives now.  Importable from here, with a
# DeprecationWarning naming its home, until the release after 0.1.0.
_MOVED: dict[str, str] = {
    **dict.fromkeys((
        "KNOWN_POLICIES", "MAX_INSTALLMENTS", "VISA", "VISA_MONTHS_PER_PERIOD", "CostOfCredit", "Frequency",
        "FundedBy", "Installment", "Plan", "PlanOffer", "PlanTerms", "Remainder", "RoundingPolicy",
        "TermsAndConditions", "due_dates", "periodic_rate", "policy_from_name"), "plans"),
    **dict.fromkeys(("ACTIVE_CURRENCIES", "minor_units", "parse_amount", "parse_rate"), "amounts"),
    **dict.fromkeys(("CardBrand", "CardNumber", "card_brand", "luhn_valid", "mask_pan"), "cards"),
    **dict.fromkeys((
        "CancelPlanResponse", "Convention", "Discrepancy", "GetPlansResponse", "MatchedPlan", "PlanDetail",
        "PlanReport", "ReadError", "SelectPlanResponse", "ValidationReport", "VisaPlansResponse"),
        "responses"),
    "Severity": "findings",
    **dict.fromkeys((
        "AuthorizationLink", "InstallmentPurchase", "LinkKind", "OfferedPlan", "PaymentAccountReference",
        "PendingCancel", "RequestKind", "RequestReport", "Token", "TokenKind", "Violation", "build_cancel_request",
        "build_get_plans_request", "build_select_request", "offered_plans", "refund_amount_decimals"), "requests"),
    **dict.fromkeys(("BillTo", "Bonus", "JpoPaymentMethod", "build_jpo_authorization",
                     "default_first_billing_month"), "jpo"),
    **dict.fromkeys((
        "OfferList", "PlanDisplay", "TermsChoice", "choose_terms", "currency_formatter", "format_amount",
        "negotiate_locale", "summarize_offers"), "display"),
    "AuditSummary": "audits",
    **dict.fromkeys((
        "DuplicateKeyError", "ErrorResponseError", "InfeasiblePlanError", "InvalidAmountError",
        "InvalidCardNumberError", "InvalidDisplayOptionError", "InvalidRequestError", "InvalidTermsError",
        "LifecycleError", "MalformedResponseError", "PlansResponseError", "ResponseFormatError",
        "UnknownCurrencyError", "UnknownLocaleError"), "errors"),
}

if TYPE_CHECKING:
    from ._audit import audit_lines
    from ._display.html import plan_selector_html
    from ._display.summary import summarize, summary_line
    from ._requests.dispatch import validate_request
    from ._validation.validator import validate_response

    # The moved names keep their types for type checkers through the deprecation release (at run
    # time each import of one warns), so that code importing them from here keeps type-checking.
    from .amounts import *  # noqa: F403
    from .audits import *  # noqa: F403
    from .cards import *  # noqa: F403
    from .display import *  # noqa: F403
    from .errors import *  # noqa: F403
    from .findings import *  # noqa: F403
    from .jpo import *  # noqa: F403
    from .plans import *  # noqa: F403
    from .requests import *  # noqa: F403
    from .responses import *  # noqa: F403


def __getattr__(name: str) -> object:
    home = _MOVED.get(name)
    if home is None:
        return _load(name)
    # Not kept in this module: every import of an old name warns.
    warnings.warn(
        f"installments_core.{name} moved to installments_core.{home}.{name}; "
        f"import it from there (the old name goes in the release after 0.1.0)",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
