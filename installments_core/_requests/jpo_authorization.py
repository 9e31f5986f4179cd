"""Validation of a Japanese Payment Options authorization (``POST /pts/v2/payments``).

The payments API has many more fields than JPO uses; only the fields JPO requires or defines are
checked, and only ``processingInformation.japanPaymentOptions`` is checked for unknown fields.
A misspelt required field anywhere is reported as one violation at the misspelt name.

What each ``paymentMethod`` needs is the table of :mod:`installments_core._wire.jpo_methods`.
Cybersource's own revolving example gets its two mistakes, and a warning for its currency:

>>> import json
>>> from pathlib import Path
>>> report = validate_jpo_authorization(json.loads(Path("tests/data/jpo/revolving_published.json")
...                                                  .read_text("utf-8")))
>>> for finding in (*report.violations, *report.warnings):
...     print(finding.path, "-", finding.code)
processingInformation.japanPaymentOptions.businessNameKatakana - not_katakana
processingInformation.japanPaymentOptions.firstBusinessMonth - misspelt_field
orderInformation.amountDetails.currency - currency_case
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final

from .._core.money import CTX, parse_amount
from .._errors import shown_amount
from .._findings import Finding, Severity
from .._wire.jpo_methods import METHOD_FIELDS, METHODS, JpoPaymentMethod, Presence, method_mismatches
from .._wire.jpo_options import (
    JPO,
    check_alphanumeric_name,
    check_bonus_amount,
    check_bonus_count,
    check_bonus_month,
    check_business_name,
    check_card_type,
    check_country,
    check_email,
    check_expiration_month,
    check_expiration_year,
    check_first_billing_month,
    check_installment_count,
    check_katakana_name,
    check_terminal_id,
)
from .._wire.request_amounts import check_order_amount
from .._wire.request_fields import (
    AMOUNT,
    CARD_NUMBER,
    CLIENT_REFERENCE,
    CURRENCY,
    check_card_number,
    check_client_reference,
    field_problem,
    safe_describe,
)
from .field_walk import collect_fields, field_violations, problem_violation
from .request_report import RequestKind, RequestReport

__all__ = ["validate_jpo_authorization"]

_BILL_TO: Final = tuple(
    f"orderInformation.billTo.{name}"
    for name in ("address1", "administrativeArea", "country", "email", "firstName", "lastName", "locality",
                 "postalCode")
)
_CARD: Final = tuple(f"paymentInformation.card.{name}" for name in ("number", "expirationMonth", "expirationYear",
                                                                    "type"))
PAYMENT_METHOD: Final = f"{JPO}.paymentMethod"
INSTALLMENTS: Final = f"{JPO}.installments"
FIRST_BILLING_MONTH: Final = f"{JPO}.firstBillingMonth"
TERMINAL_ID: Final = f"{JPO}.terminalId"
_NAMES: Final = (f"{JPO}.businessName", f"{JPO}.businessNameKatakana", f"{JPO}.businessNameAlphaNumeric")
_JPO_FIELDS: Final = (PAYMENT_METHOD, TERMINAL_ID, *_NAMES, *(f"{JPO}.{name}" for name in METHOD_FIELDS),
                      f"{JPO}.preapprovalType")
_ALLOWED: Final = (AMOUNT, CURRENCY, *_BILL_TO, *_CARD, "paymentInformation.card.securityCode", *_JPO_FIELDS,
                   CLIENT_REFERENCE)
_REQUIRED: Final = (AMOUNT, CURRENCY, *_BILL_TO, *_CARD, *_NAMES)
_OPEN: Final = ("", "orderInformation", "orderInformation.amountDetails", "orderInformation.billTo",
                "paymentInformation", "paymentInformation.card", "processingInformation")
_WORDS: Final = {
    AMOUNT: ("the amount", "whole yen, such as '100'"),
    CURRENCY: ("the currency", "'JPY'"),
    PAYMENT_METHOD: ("the JPO payment method", "a code: 10, 21–24, 31–34, 61 or 80"),
    INSTALLMENTS: ("the number of installments", "a string such as '12'"),
    FIRST_BILLING_MONTH: ("the first billing month", "two digits from '01' to '12'"),
    TERMINAL_ID: ("the terminal ID for a card-present payment", "13 digits"),
    f"{JPO}.businessName": ("the business name in kanji", "up to 25 characters"),
    f"{JPO}.businessNameKatakana": ("the business name in katakana", "up to 25 katakana"),
    f"{JPO}.businessNameAlphaNumeric": ("the business name in letters and digits", "up to 25 ASCII characters"),
    "paymentInformation.card.number": ("the card number", "a Visa card number"),
    "paymentInformation.card.expirationMonth": ("the card's expiration month", "'01' to '12'"),
    "paymentInformation.card.expirationYear": ("the card's expiration year", "four digits"),
    "paymentInformation.card.type": ("the card type", "'001' (Visa)"),
    **{path: (f"the billing {path.rsplit('.', 1)[1]}", "a non-blank string") for path in _BILL_TO},
}


def _text_check(value: object) -> Finding | None:
    if isinstance(value, str) and value.strip():
        return None
    return field_problem("a billing field is non-blank text", "a non-blank string", safe_describe(value), "blank")


_CHECKS: Final[dict[str, Callable[[object], Finding | None]]] = {
    INSTALLMENTS: check_installment_count,
    FIRST_BILLING_MONTH: check_first_billing_month,
    TERMINAL_ID: check_terminal_id,
    f"{JPO}.businessName": check_business_name,
    f"{JPO}.businessNameKatakana": check_katakana_name,
    f"{JPO}.businessNameAlphaNumeric": check_alphanumeric_name,
    f"{JPO}.bonuses": check_bonus_count,
    f"{JPO}.bonusMonth": check_bonus_month,
    f"{JPO}.secondBonusMonth": check_bonus_month,
    f"{JPO}.bonusAmount": check_bonus_amount,
    f"{JPO}.secondBonusAmount": check_bonus_amount,
    CARD_NUMBER: check_card_number,
    CLIENT_REFERENCE: check_client_reference,
    "paymentInformation.card.type": check_card_type,
    "paymentInformation.card.expirationMonth": check_expiration_month,
    "paymentInformation.card.expirationYear": check_expiration_year,
    "orderInformation.billTo.country": check_country,
    "orderInformation.billTo.email": check_email,
    **{path: _text_check for path in _BILL_TO if path.rsplit(".", 1)[1] not in ("country", "email")},
}


def _currency_violation(currency: object) -> Finding:
    return Finding(CURRENCY, "JPO payments are in Japanese yen", "'JPY'", safe_describe(currency), "currency")


def _currency_case_warning(currency: str) -> Finding:
    # ISO 4217 codes are upper case, but Cybersource's own published JPO example sends "jpy" and
    # is accepted: a warning, not a reason to refuse the request.
    return Finding(CURRENCY, "the currency is the ISO 4217 code in upper case; Cybersource accepts it in lower case, "
                   "as its own published example sends 'jpy'", "'JPY'", safe_describe(currency), "currency_case",
                   Severity.WARNING)


def _payment_method(leaves: Mapping[str, object]) -> tuple[JpoPaymentMethod | None, list[Finding],
                                                           list[Finding]]:
    """The method the request is checked against, and what is wrong with its ``paymentMethod``."""
    if PAYMENT_METHOD not in leaves:
        # The single-payment page does not list paymentMethod, and the field reference requires it only
        # for the other codes: without it, the request is a single payment, which is worth saying.
        return JpoPaymentMethod.SINGLE, [], [Finding(
            PAYMENT_METHOD, "without paymentMethod the request is taken as a single payment: Cybersource's "
            "single-payment page does not list the field", "'10', or the code of another method", "missing",
            "payment_method_absent", Severity.WARNING)]
    value = leaves[PAYMENT_METHOD]
    if isinstance(value, str) and value in METHODS:
        return JpoPaymentMethod(value), [], []
    return None, [Finding(PAYMENT_METHOD, "paymentMethod is one of the JPO codes", _WORDS[PAYMENT_METHOD][1],
                          safe_describe(value), "invalid_format")], []


def _method_field_findings(leaves: Mapping[str, object], claimed: set[str]) -> tuple[list[Finding], list[Finding]]:
    """The table's findings on the method-dependent fields: violations, then warnings."""
    method, violations, warnings = _payment_method(leaves)
    if method is None:
        return violations, warnings
    prefix = f"{JPO}."
    present_paths = set(leaves) | claimed
    present = {path.removeprefix(prefix) for path in present_paths if path.startswith(prefix)}
    for mismatch in method_mismatches(method, present):
        path = prefix + mismatch.field
        if mismatch.presence is Presence.REFUSED:
            if path in leaves:  # a misspelt name is already reported where it stands
                violations.append(Finding(path, mismatch.rule, "no such field for this method",
                                          safe_describe(leaves[path]), "method_fields"))
        elif mismatch.presence is Presence.REQUIRED:
            violations.append(Finding(path, mismatch.rule, _WORDS.get(path, (None, "present"))[1], "missing",
                                      "missing_field"))
        else:
            warnings.append(Finding(path, mismatch.rule, "present", "missing", "expected_field", Severity.WARNING))
    if METHODS[method].presence["bonusMonth"] is not Presence.REFUSED:
        for first, second in ((f"{JPO}.bonusMonth", f"{JPO}.bonusAmount"),
                              (f"{JPO}.secondBonusMonth", f"{JPO}.secondBonusAmount")):
            for one, other in ((first, second), (second, first)):
                if one in present_paths and other not in present_paths:
                    violations.append(Finding(other, "a bonus has both a month and an amount",
                                              "present", "missing", "missing_field"))
        if f"{JPO}.secondBonusMonth" in present_paths and f"{JPO}.bonusMonth" not in present_paths:
            violations.append(Finding(f"{JPO}.secondBonusMonth", "a second bonus needs a first one",
                                      "bonusMonth and bonusAmount", "no first bonus", "missing_field"))
    # A missing bonus half is one violation; the table's warning about the same field would repeat it.
    reported = {violation.path for violation in violations}
    return violations, [warning for warning in warnings if warning.path not in reported]


def _bonus_total_violation(leaves: Mapping[str, object], total: Decimal | None) -> Finding | None:
    amounts = [leaves.get(f"{JPO}.bonusAmount"), leaves.get(f"{JPO}.secondBonusAmount")]
    if total is None or any(a is not None and check_bonus_amount(a) is not None for a in amounts):
        return None
    bonus_total = parse_amount(0, "JPY")
    for amount in amounts:
        if isinstance(amount, str):
            bonus_total = CTX.add(bonus_total, parse_amount(amount, "JPY"))
    if bonus_total > total:
        return Finding(f"{JPO}.bonusAmount", "bonus amounts together cannot exceed the amount of the purchase",
                       f"at most {shown_amount(total)} yen",
                       f"{shown_amount(bonus_total)} yen", "bonus_too_large")
    return None


def validate_jpo_authorization(document: object, *, card_present: bool | None = None) -> RequestReport:
    """Check a JPO authorization; every violation, by path.

    *card_present* says whether the card was at a terminal (``terminalId`` then required).  By
    default it is inferred from ``pointOfSaleInformation.entryMode``, which only card-present
    requests carry.
    """
    kind = RequestKind.JPO_AUTHORIZATION.value
    if not isinstance(document, Mapping):
        return RequestReport(kind, (Finding("", "a request is a JSON object", "an object", safe_describe(document),
                                            "wrong_type"),))
    collected = collect_fields(document, _ALLOWED, request=kind, open_objects=_OPEN)
    collected.require(_REQUIRED, _WORDS, kind)
    leaves = collected.leaves
    violations = list(collected.violations)
    violations.extend(field_violations(leaves, _CHECKS))
    currency = leaves.get(CURRENCY, "JPY")  # a missing currency is reported as missing
    warnings = []
    if isinstance(currency, str) and currency != "JPY" and currency.isascii() and currency.upper() == "JPY":
        warnings.append(_currency_case_warning(currency))
    elif currency != "JPY":
        violations.append(_currency_violation(currency))
    total = None
    if AMOUNT in leaves:
        amount = check_order_amount(leaves[AMOUNT], "JPY")
        if isinstance(amount, Finding):
            violations.append(problem_violation(AMOUNT, amount))
        else:
            total = amount
    method_violations, method_warnings = _method_field_findings(leaves, collected.claimed)
    violations.extend(method_violations)
    warnings.extend(method_warnings)
    bonus_violation = _bonus_total_violation(leaves, total)
    if bonus_violation is not None:
        violations.append(bonus_violation)
    point_of_sale = document.get("pointOfSaleInformation")
    if card_present is None:
        card_present = isinstance(point_of_sale, Mapping) and "entryMode" in point_of_sale
    if card_present and TERMINAL_ID not in leaves and TERMINAL_ID not in collected.claimed:
        what, expected = _WORDS[TERMINAL_ID]
        violations.append(Finding(TERMINAL_ID, f"a card-present JPO payment requires {what}", expected, "missing",
                                  "missing_field"))
    return RequestReport(kind, tuple(sorted(violations, key=lambda violation: violation.path)), tuple(warnings))
