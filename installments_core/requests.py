"""Requests to the installments API: built, and checked, for get plans, select and cancel.

The builders write what Cybersource's guide requires (a card by :class:`CardNumber
<installments_core.cards.CardNumber>`, :class:`PaymentAccountReference` or :class:`Token`);
:func:`validate_request` checks a request built elsewhere and returns a :class:`RequestReport` of
every :class:`Violation`; an :class:`InstallmentPurchase` walks one order through plans, select,
refunds and cancel, checking each step against the one before.  Loaded on first use.

>>> from installments_core.cards import CardNumber
>>> from installments_core.requests import build_get_plans_request, validate_request
>>> request = build_get_plans_request("500", "USD", CardNumber("4622943127019793"))
>>> request["orderInformation"]["amountDetails"]
{'totalAmount': '500', 'currency': 'USD'}
>>> validate_request(request, "get-plans").ok
True
"""

from typing import TYPE_CHECKING

from ._exports import load_on_first_use

__all__ = [
    "Authorization",
    "AuthorizationLink",
    "InstallmentPurchase",
    "LinkKind",
    "OfferedPlan",
    "PaymentAccountReference",
    "PendingCancel",
    "PlanChoice",
    "RequestKind",
    "RequestReport",
    "Token",
    "TokenKind",
    "Violation",
    "build_cancel_request",
    "build_get_plans_request",
    "build_select_request",
    "offered_plans",
    "plan_choice_value",
    "read_authorization",
    "read_plan_choice",
    "refund_amount_decimals",
    "validate_request",
]

# Light dependencies, but some 30 ms of enum, dataclass and pattern set-up that a service
# computing plans need not pay.
__getattr__ = load_on_first_use(__name__, {
    "Authorization": "._wire.authorization",
    "read_authorization": "._wire.authorization",
    "AuthorizationLink": "._wire.payment_identifiers",
    "LinkKind": "._wire.payment_identifiers",
    "PaymentAccountReference": "._wire.payment_identifiers",
    "Token": "._wire.payment_identifiers",
    "TokenKind": "._wire.payment_identifiers",
    "build_cancel_request": "._wire.request_builders",
    "build_get_plans_request": "._wire.request_builders",
    "build_select_request": "._wire.request_builders",
    "refund_amount_decimals": "._wire.request_amounts",
    "InstallmentPurchase": "._requests.lifecycle",
    "PendingCancel": "._requests.lifecycle",
    "OfferedPlan": "._requests.offered",
    "offered_plans": "._requests.offered",
    "PlanChoice": "._requests.plan_choice",
    "plan_choice_value": "._requests.plan_choice",
    "read_plan_choice": "._requests.plan_choice",
    "RequestKind": "._requests.request_report",
    "RequestReport": "._requests.request_report",
    "Violation": "._requests.request_report",
    "validate_request": "._requests.dispatch",
})

if TYPE_CHECKING:
    from ._requests.dispatch import validate_request
    from ._requests.lifecycle import InstallmentPurchase, PendingCancel
    from ._requests.offered import OfferedPlan, offered_plans
    from ._requests.plan_choice import PlanChoice, plan_choice_value, read_plan_choice
    from ._requests.request_report import RequestKind, RequestReport, Violation
    from ._wire.authorization import Authorization, read_authorization
    from ._wire.payment_identifiers import AuthorizationLink, LinkKind, PaymentAccountReference, Token, TokenKind
    from ._wire.request_amounts import refund_amount_decimals
    from ._wire.request_builders import build_cancel_request, build_get_plans_request, build_select_request


def __dir__() -> list[str]:
    return sorted(__all__)
