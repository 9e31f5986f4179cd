"""Validation of get-plans, select and cancel requests, field by field and as a whole.

Each rule comes from the guide's field lists and descriptions (DOMAIN.md §1).  The request-level
rules: exactly one payment identifier; for select and cancel exactly one link (authorization code
or network transaction ID); a ``refundAmount`` below the order total; and, given the get-plans
response, a ``planId`` it offered and a ``tcVersion`` that plan's terms carry.

>>> import json
>>> report = validate_installments_request(json.loads('''{
...   "processingInformation": {"installmentServiceProvider": "Visa"},
...   "paymentInformation": {"card": {"number": "XX5180126342040"}},
...   "orderInformation": {"amountDetails": {"totalAmount": "3000", "currency": "QAR"}}}'''), "get-plans")
>>> print(report)
get-plans request: 1 violation
  paymentInformation.card.number: not a card number: it holds characters other than digits; a masked number \
such as the guide's cannot be sent (expected a card number of 12 to 19 digits, found 15 characters ending in '2040')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final

from .._errors import InstallmentsError, mask_digit_runs
from .._findings import Finding
from .._wire.payment_identifiers import PAYMENT_IDENTIFIER_PATHS, TokenKind
from .._wire.request_amounts import check_currency, check_order_amount, check_refund_amount
from .._wire.request_fields import (
    AMOUNT,
    AUTHORIZATION_CODE,
    AUTHORIZATION_DATE_TIME,
    CARD_NUMBER,
    CATEGORY_CODE,
    CLIENT_REFERENCE,
    CURRENCY,
    INSTALLMENT_ID,
    NETWORK_TRANSACTION_ID,
    PAR,
    PLAN_ID,
    REFUND_AMOUNT,
    SERVICE_PROVIDER,
    TC_VERSION,
    check_authorization_code,
    check_authorization_date_time,
    check_card_number,
    check_category_code,
    check_client_reference,
    check_installment_id,
    check_network_transaction_id,
    check_par,
    check_plan_id,
    check_service_provider,
    check_tc_version,
    check_token,
    safe_describe,
)
from .field_walk import Collected, collect_fields, field_violations, problem_violation
from .offered import OfferedPlan, offered_plans
from .request_report import RequestKind, RequestReport

__all__ = ["check_plan_choice", "validate_installments_request"]

_COMMON: Final = (SERVICE_PROVIDER, AMOUNT, CURRENCY, *PAYMENT_IDENTIFIER_PATHS, CLIENT_REFERENCE)
_LINK: Final = (AUTHORIZATION_CODE, NETWORK_TRANSACTION_ID, AUTHORIZATION_DATE_TIME)
_ALLOWED: Final = {
    RequestKind.GET_PLANS: (*_COMMON, CATEGORY_CODE),
    RequestKind.SELECT: (*_COMMON, *_LINK, PLAN_ID, TC_VERSION),
    RequestKind.CANCEL: (*_COMMON, *_LINK, REFUND_AMOUNT, INSTALLMENT_ID, CATEGORY_CODE),
}
_REQUIRED: Final = {
    RequestKind.GET_PLANS: (SERVICE_PROVIDER, AMOUNT, CURRENCY),
    RequestKind.SELECT: (SERVICE_PROVIDER, AMOUNT, CURRENCY, PLAN_ID, TC_VERSION, AUTHORIZATION_DATE_TIME),
    RequestKind.CANCEL: (SERVICE_PROVIDER, AMOUNT, CURRENCY, AUTHORIZATION_DATE_TIME),
}
_WORDS: Final = {
    SERVICE_PROVIDER: ("the installment service provider", "'Visa'"),
    AMOUNT: ("the order total", "a decimal string such as '500'"),
    CURRENCY: ("the order currency", "an ISO 4217 code such as 'USD'"),
    PLAN_ID: ("the planId of the plan the customer chose, from the get-plans response",
              "a string of 1 to 50 characters"),
    TC_VERSION: ("the version of the terms and conditions the customer accepted", "a string of 1 to 36 characters"),
    AUTHORIZATION_DATE_TIME: ("the date and time of the authorization", "YYYY-MM-DDThh:mm:ssZ in UTC"),
}
_IDENTIFIER_WORDS: Final = "a card number, a payment account reference or one of the five token fields"


_CHECKS: Final[dict[str, Callable[[object], Finding | None]]] = {
    SERVICE_PROVIDER: check_service_provider,
    CURRENCY: check_currency,
    AUTHORIZATION_CODE: check_authorization_code,
    NETWORK_TRANSACTION_ID: check_network_transaction_id,
    AUTHORIZATION_DATE_TIME: check_authorization_date_time,
    PLAN_ID: check_plan_id,
    TC_VERSION: check_tc_version,
    INSTALLMENT_ID: check_installment_id,
    CATEGORY_CODE: check_category_code,
    CLIENT_REFERENCE: check_client_reference,
    PAR: check_par,
    **{kind.value: check_token for kind in TokenKind},
    CARD_NUMBER: check_card_number,
}


def _exactly_one(
    collected: Collected, paths: tuple[str, ...], where: str, words: str, request: str
) -> Finding | None:
    present = [path for path in paths if path in collected.leaves]
    if len(present) == 1 or (not present and any(path in collected.claimed for path in paths)):
        return None  # a misspelt or mistyped identifier is reported where it is
    if not present:
        return Finding(where, f"the {request} request needs exactly one of {words}", words, "none", "missing_field")
    return Finding(where, f"the {request} request needs exactly one of {words}, not several", "exactly one",
                   " and ".join(present), "more_than_one")


def check_plan_choice(
    plan_id: object, tc_version: object, plans: tuple[OfferedPlan, ...], *, currency: object = None
) -> list[Finding]:
    """The select rules against the get-plans response: the ``planId`` is one it offered, the
    ``tcVersion`` one that plan's terms carry, and, when both the order's *currency* and the
    plan's are known, the two are the same: a plan's amounts are in its own currency.

    >>> plans = (OfferedPlan("1cc80cb6", ("1",), "USD"),)
    >>> [v.code for v in check_plan_choice("1cc80cb6", "2", plans)]
    ['tc_version_not_offered']
    >>> [v.code for v in check_plan_choice("1cc80cb6", "1", plans, currency="QAR")]
    ['plan_currency']
    """
    if not isinstance(plan_id, str):
        return []  # the field checks report a value of the wrong type
    if not plans:
        return [Finding(PLAN_ID, "the get-plans response offered no plan: there is nothing to select",
                        "a planId from the get-plans response", safe_describe(plan_id), "plan_not_offered")]
    chosen = next((plan for plan in plans if plan.plan_id == plan_id), None)
    if chosen is None:
        # The response's own IDs and versions are data too: a card number among them stays masked.
        offered = ", ".join(repr(mask_digit_runs(plan.plan_id)) for plan in plans[:5]) + (
            ", …" if len(plans) > 5 else "")
        return [Finding(PLAN_ID, "the planId must be one the get-plans response offered",
                        f"one of {offered}", safe_describe(plan_id), "plan_not_offered")]
    violations = []
    # An offered plan has terms (offered_plans leaves out one without): a version to choose from.
    if isinstance(tc_version, str) and tc_version not in chosen.tc_versions:
        versions = ", ".join(repr(mask_digit_runs(version)) for version in chosen.tc_versions)
        violations.append(Finding(
            TC_VERSION, "the tcVersion must be a version of the chosen plan's terms and conditions",
            f"one of {versions}", safe_describe(tc_version), "tc_version_not_offered"))
    # An invalid order currency has its own violation; a plan that states none cannot disagree.
    if chosen.currency is not None and check_currency(currency) is None and currency != chosen.currency:
        violations.append(Finding(
            CURRENCY, "the chosen plan is in another currency than the order: its amounts are not this order's",
            f"the chosen plan's currency {safe_describe(chosen.currency)}", safe_describe(currency),
            "plan_currency"))
    return violations


def _amount_violations(collected: Collected, kind: RequestKind) -> list[Finding]:
    violations = []
    currency = collected.leaves.get(CURRENCY)
    total: Decimal | None = None
    if AMOUNT in collected.leaves:
        amount = check_order_amount(collected.leaves[AMOUNT], currency)
        if isinstance(amount, Finding):
            violations.append(problem_violation(AMOUNT, amount))
        elif check_currency(currency) is None:
            total = amount
    if kind is RequestKind.CANCEL and REFUND_AMOUNT in collected.leaves:
        refund = check_refund_amount(collected.leaves[REFUND_AMOUNT], total, currency)
        if isinstance(refund, Finding):
            violations.append(problem_violation(REFUND_AMOUNT, refund))
    return violations


def validate_installments_request(
    document: object, kind: RequestKind | str, *, plans: object = None
) -> RequestReport:
    """Check a get-plans, select or cancel request; every violation, by path.

    *plans*, for a select request, is the parsed get-plans response (Cybersource's shape or
    Visa's native one): the ``planId`` must be one it offered and the ``tcVersion`` one of that
    plan's terms versions.
    """
    kind = RequestKind.parse(kind)
    if kind is RequestKind.JPO_AUTHORIZATION:
        raise InstallmentsError("kind", expected="get-plans, select or cancel", actual=repr(kind.value))
    if plans is not None and kind is not RequestKind.SELECT:
        raise InstallmentsError("plans", expected="a get-plans response only with a select request",
                                actual=f"a {kind.value} request")
    offered = offered_plans(plans) if plans is not None else None
    if not isinstance(document, Mapping):
        violation = Finding("", "a request is a JSON object", "an object", safe_describe(document), "wrong_type")
        return RequestReport(kind.value, (violation,))
    request = kind.value
    collected = collect_fields(document, _ALLOWED[kind], request=request)
    collected.require(_REQUIRED[kind], _WORDS, request)
    violations = list(collected.violations)
    identifier = _exactly_one(collected, PAYMENT_IDENTIFIER_PATHS, "paymentInformation", _IDENTIFIER_WORDS, request)
    if identifier is not None:
        violations.append(identifier)
    if kind is not RequestKind.GET_PLANS:
        link = _exactly_one(collected, (AUTHORIZATION_CODE, NETWORK_TRANSACTION_ID),
                            "processingInformation.authorizationOptions",
                            "authorizationCode or networkTransactionId (the link to the authorization)", request)
        if link is not None:
            violations.append(link)
    violations.extend(field_violations(collected.leaves, _CHECKS))
    violations.extend(_amount_violations(collected, kind))
    if offered is not None:
        violations.extend(check_plan_choice(collected.leaves.get(PLAN_ID), collected.leaves.get(TC_VERSION), offered,
                                            currency=collected.leaves.get(CURRENCY)))
    return RequestReport(request, tuple(sorted(violations, key=lambda violation: violation.path)))
