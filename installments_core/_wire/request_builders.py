"""Builders of the Cybersource Installments requests: get plans, select plan, cancel plan.

The builders take only typed, validated parameters, so the JSON they return is valid by
construction; ``validate_request`` (in ``_requests``) checks payloads built elsewhere with the same
field rules.

>>> from .payment_identifiers import PaymentAccountReference
>>> request = build_get_plans_request("500", "USD", PaymentAccountReference("V0010013020261601352183794986"))
>>> request["paymentInformation"]
{'paymentAccountReference': {'id': 'V0010013020261601352183794986'}}
"""

from __future__ import annotations

from .._core.card import CardNumber
from .._errors import (
    InvalidRequestError,
)
from .payment_identifiers import (
    AuthorizationLink,
    PaymentAccountReference,
    PaymentIdentifier,
    Token,
)
from .request_amounts import (
    check_currency,
    order_amount_text,
    parse_money,
    refund_amount_text,
)
from .request_fields import (
    AMOUNT,
    CARD_NUMBER,
    CATEGORY_CODE,
    CURRENCY,
    INSTALLMENT_ID,
    PLAN_ID,
    PROVIDER,
    TC_VERSION,
    check_card_number,
    check_category_code,
    check_installment_id,
    check_plan_id,
    check_tc_version,
    refusal,
    safe_describe,
)

__all__ = [
    "build_cancel_request",
    "build_get_plans_request",
    "build_select_request",
]

def _payment_json(payment: PaymentIdentifier) -> tuple[str, dict[str, object]]:
    if isinstance(payment, CardNumber):
        # A CardNumber is any valid PAN; the request takes Visa cards of Visa's lengths only.
        problem = check_card_number(payment.reveal())
        if problem is not None:
            raise refusal(problem, CARD_NUMBER)
        return "paymentInformation", {"card": {"number": payment.reveal()}}
    if isinstance(payment, PaymentAccountReference):
        return "paymentInformation", {"paymentAccountReference": {"id": payment.id}}
    if isinstance(payment, Token):
        top, *names = payment.kind.value.split(".")
        node: dict[str, object] = {names[-1]: payment.value}
        for name in reversed(names[:-1]):
            node = {name: node}
        return top, node
    raise InvalidRequestError(
        "paymentInformation",
        expected="a CardNumber, PaymentAccountReference or Token",
        actual=safe_describe(payment),
        detail="pass a card number as CardNumber(...): a bare string could be a PAN, a PAR or a token",
    )


def _skeleton(total_amount: object, currency: str, payment: PaymentIdentifier) -> dict[str, object]:
    problem = check_currency(currency)
    if problem is not None:
        raise refusal(problem, CURRENCY)
    top, payment_json = _payment_json(payment)
    request: dict[str, object] = {
        "processingInformation": {"installmentServiceProvider": PROVIDER},
        "orderInformation": {
            "amountDetails": {"totalAmount": order_amount_text(total_amount, currency), "currency": currency}
        },
    }
    request[top] = payment_json
    return request


def _category_code(value: object) -> object:
    problem = check_category_code(value)
    if problem is not None:
        raise refusal(problem, CATEGORY_CODE)
    return value


def build_get_plans_request(
    total_amount: object, currency: str, payment: PaymentIdentifier, *, category_code: str | int | None = None
) -> dict[str, object]:
    """The ``POST /fin/v1/plans/`` body: the plans a card is eligible for on an order.

    >>> from installments_core.cards import CardNumber
    >>> build_get_plans_request("500", "USD", CardNumber("4622943127019793"))  # doctest: +NORMALIZE_WHITESPACE
    {'processingInformation': {'installmentServiceProvider': 'Visa'},
     'orderInformation': {'amountDetails': {'totalAmount': '500', 'currency': 'USD'}},
     'paymentInformation': {'card': {'number': '4622943127019793'}}}
    """
    request = _skeleton(total_amount, currency, payment)
    if category_code is not None:
        request["merchantInformation"] = {"categoryCode": _category_code(category_code)}
    return request


def build_select_request(
    total_amount: object,
    currency: str,
    payment: PaymentIdentifier,
    authorization: AuthorizationLink,
    *,
    plan_id: str,
    tc_version: str,
) -> dict[str, object]:
    """The ``POST /fin/v1/plan-acceptance/`` body: link *authorization* to the chosen plan.

    *plan_id* is a ``planId`` of the get-plans response; *tc_version* the ``version`` of that
    plan's terms the customer accepted.  Checking both against the response is the lifecycle's
    job (:class:`~installments_core.InstallmentPurchase`); here they are checked for format.
    """
    for path, check, value in ((PLAN_ID, check_plan_id, plan_id), (TC_VERSION, check_tc_version, tc_version)):
        problem = check(value)
        if problem is not None:
            raise refusal(problem, path)
    request = _skeleton(total_amount, currency, payment)
    processing = request["processingInformation"]
    assert isinstance(processing, dict)
    processing["authorizationOptions"] = _link_json(authorization)
    request["installmentInformation"] = {"planId": plan_id, "tcVersion": tc_version}
    return request


def _link_json(authorization: object) -> dict[str, str]:
    if not isinstance(authorization, AuthorizationLink):
        raise InvalidRequestError(
            "processingInformation.authorizationOptions",
            expected="an AuthorizationLink (AuthorizationLink.code(...) or AuthorizationLink.ntid(...))",
            actual=safe_describe(authorization),
        )
    return authorization.json()


def build_cancel_request(
    total_amount: object,
    currency: str,
    payment: PaymentIdentifier,
    authorization: AuthorizationLink,
    *,
    refund_amount: object = None,
    installment_id: str | None = None,
    category_code: str | int | None = None,
) -> dict[str, object]:
    """The ``POST /fin/v1/plan-acceptance/cancel/`` body, after a refund or a reversal.

    *authorization* must be the link the select request used.  Give *refund_amount* for a
    partial refund only: it must be less than the order total; it is written with two decimals
    (:func:`refund_amount_decimals`).

    >>> link = AuthorizationLink.code("888888", "2020-09-02T16:40:45.827Z")
    >>> request = build_cancel_request("500", "USD", PaymentAccountReference("V0010013020261601352183794986"),
    ...                                link, refund_amount="60.01")
    >>> request["processingInformation"]["refundOptions"]
    {'refundAmount': '60.01'}
    """
    request = _skeleton(total_amount, currency, payment)
    processing = request["processingInformation"]
    assert isinstance(processing, dict)
    processing["authorizationOptions"] = _link_json(authorization)
    if refund_amount is not None:
        total = parse_money(total_amount, currency, path=AMOUNT)  # _skeleton has validated both
        processing["refundOptions"] = {"refundAmount": refund_amount_text(refund_amount, total, currency)}
    if installment_id is not None:
        problem = check_installment_id(installment_id)
        if problem is not None:
            raise refusal(problem, INSTALLMENT_ID)
        request["installmentInformation"] = {"id": installment_id}
    if category_code is not None:
        request["merchantInformation"] = {"categoryCode": _category_code(category_code)}
    return request
