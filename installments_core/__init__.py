"""installments_core: card installment plans computed, checked and shown exactly.

The public API is what ``__all__`` lists; every other module is private.

>>> from installments_core import compute_plan
>>> plan = compute_plan("500", "USD", 6)
>>> plan.first_amount, plan.last_amount
(Decimal('83.34'), Decimal('83.30'))
"""

from importlib import import_module
from typing import TYPE_CHECKING

from ._core.card import CardBrand, CardNumber, card_brand, luhn_valid, mask_pan
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
    DuplicateKeyError,
    ErrorResponseError,
    InfeasiblePlanError,
    InstallmentsError,
    InvalidAmountError,
    InvalidCardNumberError,
    InvalidDisplayOptionError,
    InvalidRequestError,
    InvalidTermsError,
    LifecycleError,
    MalformedResponseError,
    PlansResponseError,
    ResponseFormatError,
    UnknownCurrencyError,
    UnknownLocaleError,
)

__all__ = [
    "ACTIVE_CURRENCIES",
    "FINDING_CODES",
    "KNOWN_POLICIES",
    "MAX_INSTALLMENTS",
    "VISA",
    "VISA_MONTHS_PER_PERIOD",
    "AuditSummary",
    "AuthorizationLink",
    "BillTo",
    "Bonus",
    "CancelPlanResponse",
    "CardBrand",
    "CardNumber",
    "Convention",
    "CostOfCredit",
    "Discrepancy",
    "DuplicateKeyError",
    "ErrorResponseError",
    "Finding",
    "Frequency",
    "FundedBy",
    "GetPlansResponse",
    "InfeasiblePlanError",
    "Installment",
    "InstallmentPurchase",
    "InstallmentsError",
    "InvalidAmountError",
    "InvalidCardNumberError",
    "InvalidDisplayOptionError",
    "InvalidRequestError",
    "InvalidTermsError",
    "JpoPaymentMethod",
    "LifecycleError",
    "LinkKind",
    "MalformedResponseError",
    "MatchedPlan",
    "OfferList",
    "OfferedPlan",
    "PaymentAccountReference",
    "PendingCancel",
    "Plan",
    "PlanDetail",
    "PlanDisplay",
    "PlanOffer",
    "PlanReport",
    "PlanTerms",
    "PlansResponseError",
    "ReadError",
    "Remainder",
    "RequestKind",
    "RequestReport",
    "ResponseFormatError",
    "RoundingPolicy",
    "SelectPlanResponse",
    "Severity",
    "TermsAndConditions",
    "TermsChoice",
    "Token",
    "TokenKind",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "ValidationReport",
    "Violation",
    "VisaPlansResponse",
    "audit_lines",
    "build_cancel_request",
    "build_get_plans_request",
    "build_jpo_authorization",
    "build_select_request",
    "card_brand",
    "choose_terms",
    "compute_plan",
    "currency_formatter",
    "default_first_billing_month",
    "due_dates",
    "format_amount",
    "luhn_valid",
    "mask_pan",
    "minor_units",
    "negotiate_locale",
    "offered_plans",
    "parse_amount",
    "parse_rate",
    "periodic_rate",
    "plan_selector_html",
    "policy_from_name",
    "refund_amount_decimals",
    "summarize",
    "summarize_offers",
    "summary_line",
    "validate_request",
    "validate_response",
]

__version__ = "0.1.0"

# Names whose modules load babel data or build pydantic models: imported on first use, so that
# `import installments_core` stays cheap for callers that only compute plans.
_LAZY: dict[str, str] = {
    "AuditSummary": "._audit",
    "audit_lines": "._audit",
    # Requests: light dependencies, but some 30 ms of enum, dataclass and pattern set-up that a
    # service computing plans need not pay.
    "AuthorizationLink": "._wire.payment_identifiers",
    "LinkKind": "._wire.payment_identifiers",
    "PaymentAccountReference": "._wire.payment_identifiers",
    "Token": "._wire.payment_identifiers",
    "TokenKind": "._wire.payment_identifiers",
    "build_cancel_request": "._wire.request_builders",
    "build_get_plans_request": "._wire.request_builders",
    "build_select_request": "._wire.request_builders",
    "refund_amount_decimals": "._wire.request_amounts",
    "BillTo": "._wire.jpo_options",
    "Bonus": "._wire.jpo_options",
    "JpoPaymentMethod": "._wire.jpo_options",
    "build_jpo_authorization": "._wire.jpo_options",
    "default_first_billing_month": "._wire.jpo_options",
    "InstallmentPurchase": "._requests.lifecycle",
    "PendingCancel": "._requests.lifecycle",
    "OfferedPlan": "._requests.offered",
    "offered_plans": "._requests.offered",
    "RequestKind": "._requests.request_report",
    "RequestReport": "._requests.request_report",
    "Violation": "._requests.request_report",
    "validate_request": "._requests.dispatch",
    # Display: babel's locale data, loaded when first needed.
    "OfferList": "._display.summary",
    "PlanDisplay": "._display.summary",
    "TermsChoice": "._display.terms",
    "choose_terms": "._display.terms",
    "currency_formatter": "._display.numbers",
    "format_amount": "._display.numbers",
    "negotiate_locale": "._display.language",
    "plan_selector_html": "._display.html",
    "summarize": "._display.summary",
    "summarize_offers": "._display.summary",
    "summary_line": "._display.summary",
    # Findings: what every check reports, with its code.
    "FINDING_CODES": "._findings",
    "Finding": "._findings",
    "Severity": "._findings",
    # Response validation: some 20 ms of dataclass and table set-up, paid on first use.
    "Convention": "._validation.report",
    "Discrepancy": "._validation.report",
    "PlanReport": "._validation.report",
    "ReadError": "._validation.report",
    "ValidationReport": "._validation.report",
    "validate_response": "._validation.validator",
    # Typed wire models: pydantic, built when first needed.
    "CancelPlanResponse": "._wire.cybersource",
    "GetPlansResponse": "._wire.cybersource",
    "PlanDetail": "._wire.cybersource",
    "SelectPlanResponse": "._wire.cybersource",
    "MatchedPlan": "._wire.visa",
    "VisaPlansResponse": "._wire.visa",
}

if TYPE_CHECKING:
    from ._audit import AuditSummary, audit_lines
    from ._display.html import plan_selector_html
    from ._display.language import negotiate_locale
    from ._display.numbers import currency_formatter, format_amount
    from ._display.summary import OfferList, PlanDisplay, summarize, summarize_offers, summary_line
    from ._display.terms import TermsChoice, choose_terms
    from ._findings import FINDING_CODES, Finding, Severity
    from ._requests.dispatch import validate_request
    from ._requests.lifecycle import InstallmentPurchase, PendingCancel
    from ._requests.offered import OfferedPlan, offered_plans
    from ._requests.request_report import RequestKind, RequestReport, Violation
    from ._validation.report import Convention, Discrepancy, PlanReport, ReadError, ValidationReport
    from ._validation.validator import validate_response
    from ._wire.cybersource import CancelPlanResponse, GetPlansResponse, PlanDetail, SelectPlanResponse
    from ._wire.jpo_options import BillTo, Bonus, JpoPaymentMethod, build_jpo_authorization, default_first_billing_month
    from ._wire.payment_identifiers import AuthorizationLink, LinkKind, PaymentAccountReference, Token, TokenKind
    from ._wire.request_amounts import refund_amount_decimals
    from ._wire.request_builders import build_cancel_request, build_get_plans_request, build_select_request
    from ._wire.visa import MatchedPlan, VisaPlansResponse


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
