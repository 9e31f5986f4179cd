"""Cybersource Installments requests: get plans, select plan, cancel plan.

The three requests share a skeleton (DOMAIN.md §1, the guide's field lists):

- ``processingInformation.installmentServiceProvider``: always ``"Visa"``;
- ``orderInformation.amountDetails.totalAmount`` and ``.currency``: the order;
- exactly one payment identifier: the card number (PAN), the payment account reference (PAR) or
  one of five token fields;
- select and cancel add the *link* to the authorization: ``authorizationCode`` or
  ``networkTransactionId`` (exactly one) and ``authorizationDateTime``;
- select adds ``installmentInformation.planId`` and ``.tcVersion``; cancel may add
  ``processingInformation.refundOptions.refundAmount`` (a partial refund),
  ``installmentInformation.id`` and ``merchantInformation.categoryCode``.

This module holds the field rules (each a function returning a :class:`FieldProblem` or
``None``), the typed parameters (:class:`PaymentAccountReference`, :class:`Token`,
:class:`AuthorizationLink`; card numbers are :class:`~installments_core.CardNumber`) and the
builders.  The builders take only typed, validated parameters, so the JSON they return is valid by
construction; ``validate_request`` (in ``_requests``) checks payloads built elsewhere with the same
field rules.

>>> request = build_get_plans_request("500", "USD", PaymentAccountReference("V0010013020261601352183794986"))
>>> request["paymentInformation"]
{'paymentAccountReference': {'id': 'V0010013020261601352183794986'}}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Final, NamedTuple

from .._core.arguments import parse_enum
from .._core.card import CardBrand, CardNumber, card_brand, check_pan, mask_digit_runs
from .._core.currencies import minor_units
from .._core.money import CTX, parse_amount, parse_decimal, quantum
from .._errors import (
    MASK,
    InstallmentsError,
    InvalidCardNumberError,
    InvalidRequestError,
    UnknownCurrencyError,
    card_number_last_four,
    describe,
    shown_amount,
)

__all__ = [
    "AMOUNT",
    "AUTHORIZATION_CODE",
    "AUTHORIZATION_DATE_TIME",
    "CARD_NUMBER",
    "CATEGORY_CODE",
    "CLIENT_REFERENCE",
    "CURRENCY",
    "INSTALLMENT_ID",
    "NETWORK_TRANSACTION_ID",
    "PAR",
    "PAYMENT_IDENTIFIER_PATHS",
    "PLAN_ID",
    "REFUND_AMOUNT",
    "SERVICE_PROVIDER",
    "TC_VERSION",
    "AuthorizationLink",
    "FieldProblem",
    "LinkKind",
    "PaymentAccountReference",
    "PaymentIdentifier",
    "Token",
    "TokenKind",
    "build_cancel_request",
    "build_get_plans_request",
    "build_select_request",
    "check_authorization_code",
    "check_authorization_date_time",
    "check_card_number",
    "check_category_code",
    "check_client_reference",
    "check_currency",
    "check_installment_id",
    "check_network_transaction_id",
    "check_order_amount",
    "check_par",
    "check_plan_id",
    "check_refund_amount",
    "check_service_provider",
    "check_tc_version",
    "check_token",
    "order_amount_text",
    "parse_authorization_date_time",
    "parse_money",
    "plain_decimal_text",
    "refund_amount_decimals",
    "refund_amount_text",
    "safe_describe",
    "selection_problem",
    "shown_amount",
]

SERVICE_PROVIDER: Final = "processingInformation.installmentServiceProvider"
AUTHORIZATION_CODE: Final = "processingInformation.authorizationOptions.authorizationCode"
NETWORK_TRANSACTION_ID: Final = "processingInformation.authorizationOptions.networkTransactionId"
AUTHORIZATION_DATE_TIME: Final = "processingInformation.authorizationOptions.authorizationDateTime"
REFUND_AMOUNT: Final = "processingInformation.refundOptions.refundAmount"
AMOUNT: Final = "orderInformation.amountDetails.totalAmount"
CURRENCY: Final = "orderInformation.amountDetails.currency"
PLAN_ID: Final = "installmentInformation.planId"
TC_VERSION: Final = "installmentInformation.tcVersion"
INSTALLMENT_ID: Final = "installmentInformation.id"
CATEGORY_CODE: Final = "merchantInformation.categoryCode"
CARD_NUMBER: Final = "paymentInformation.card.number"
PAR: Final = "paymentInformation.paymentAccountReference.id"
CLIENT_REFERENCE: Final = "clientReferenceInformation.code"
"""The merchant's own order reference, which every Cybersource request may carry."""

PROVIDER: Final = "Visa"
AUTHORIZATION_CODE_LENGTH: Final = 6
MAX_NETWORK_TRANSACTION_ID: Final = 20
PAR_LENGTH: Final = 29
MAX_PLAN_ID: Final = 50
MAX_INSTALLMENT_ID: Final = 50
MAX_TC_VERSION: Final = 36
MAX_CLIENT_REFERENCE: Final = 50


class FieldProblem(NamedTuple):
    """What is wrong with one field's value: the rule in words, what was expected, what was found
    (described safely: never a card number) and a stable code."""

    rule: str
    expected: str
    actual: str
    code: str = "invalid_format"

    def error(self, path: str) -> InvalidRequestError:
        """The problem as an exception at *path*, for builders that refuse bad parameters."""
        return InvalidRequestError(path, expected=self.expected, actual=self.actual, detail=self.rule)


def safe_describe(value: object) -> str:
    """:func:`~installments_core._errors.describe`, except that no card number can get through:
    card numbers are masked and objects and arrays are named, not printed.

    >>> safe_describe("4622943127019793"), safe_describe(4622943127019793), safe_describe({"a": 1})
    ("'****9793'", "number '****9793'", 'an object')
    >>> safe_describe(10**5000)
    'an integer of about 5001 digits'
    """
    if isinstance(value, str):
        return describe(value)
    if isinstance(value, int) and not isinstance(value, bool):
        described = describe(value)  # which masks digit runs, and names a huge integer by its size
        return f"number {described!r}" if MASK in described else described
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return mask_digit_runs(describe(value))


_ALPHANUMERIC: Final = re.compile(r"[A-Za-z0-9]+")
_CATEGORY_CODE: Final = re.compile(r"[0-9]{4}")
_CATEGORY_CODE_NUMBERS: Final = (1000, 9999)  # the numbers with four digits
# The guide's format is YYYY-MM-DDThh:mm:ssZ; its own examples add milliseconds, so those are
# accepted too.  Nothing else: no offsets, no lower-case t/z, no missing seconds, and ASCII digits
# only ([0-9], not \d, which also matches Arabic-Indic, full-width and other digits).
_DATE_TIME: Final = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,3}))?Z"
)


def _string_problem(value: object, what: str, maximum: int, *, exact: bool = False) -> FieldProblem | None:
    size = f"exactly {maximum}" if exact else f"1 to {maximum}"
    expected = f"a string of {size} characters"
    if not isinstance(value, str):
        return FieldProblem(f"{what} is a string", expected, safe_describe(value), "wrong_type")
    if not value.strip():
        return FieldProblem(f"{what} must not be blank", expected, safe_describe(value), "blank")
    if (len(value) != maximum) if exact else (len(value) > maximum):
        return FieldProblem(
            f"{what} has {size} characters", expected, f"{len(value)} characters: {safe_describe(value)}", "length"
        )
    return None


def check_service_provider(value: object) -> FieldProblem | None:
    """``installmentServiceProvider`` is ``"Visa"``, spelt exactly so.

    >>> check_service_provider("VISA").rule
    "the installment service provider is 'Visa', spelt exactly so"
    """
    if value == PROVIDER:
        return None
    return FieldProblem(
        "the installment service provider is 'Visa', spelt exactly so", "'Visa'", safe_describe(value), "value"
    )


def check_authorization_code(value: object) -> FieldProblem | None:
    """The authorization (approval) code: exactly six letters or digits.

    >>> check_authorization_code("888889") is None, check_authorization_code("8888").code
    (True, 'length')
    """
    problem = _string_problem(value, "the authorization code", AUTHORIZATION_CODE_LENGTH, exact=True)
    if problem is None and not _ALPHANUMERIC.fullmatch(str(value)):
        problem = FieldProblem(
            "the authorization code is letters and digits, as the authorization response's approvalCode",
            "6 letters or digits",
            safe_describe(value),
        )
    return problem


def check_network_transaction_id(value: object) -> FieldProblem | None:
    """The network transaction ID: 1 to 20 letters or digits.

    >>> check_network_transaction_id("178896882917673") is None
    True
    """
    problem = _string_problem(value, "the network transaction ID", MAX_NETWORK_TRANSACTION_ID)
    if problem is None and not _ALPHANUMERIC.fullmatch(str(value)):
        problem = FieldProblem(
            "the network transaction ID is letters and digits", "up to 20 letters or digits", safe_describe(value)
        )
    return problem


def parse_authorization_date_time(value: object) -> datetime | None:
    """The instant an ``authorizationDateTime`` names (UTC), or ``None`` if it is malformed.

    >>> parse_authorization_date_time("2020-09-02T16:40:45.827Z")
    datetime.datetime(2020, 9, 2, 16, 40, 45, 827000, tzinfo=datetime.timezone.utc)
    >>> parse_authorization_date_time("2020-02-30T10:00:00Z") is None
    True
    """
    match = _DATE_TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction = match.groups()
    try:
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second),
            int((fraction or "0").ljust(3, "0")) * 1000, tzinfo=UTC,
        )
    except ValueError:  # a well-formed but impossible date or time, such as 30 February
        return None


def check_authorization_date_time(value: object) -> FieldProblem | None:
    """``authorizationDateTime``: the authorization's date and time in UTC, ``YYYY-MM-DDThh:mm:ssZ``
    (milliseconds allowed, as in the guide's examples).

    >>> check_authorization_date_time("2023-07-24T16:42:52Z") is None
    True
    >>> check_authorization_date_time("2023-07-24 16:42:52").expected
    "YYYY-MM-DDThh:mm:ssZ in UTC, such as '2016-08-11T22:47:57Z'"
    """
    if parse_authorization_date_time(value) is not None:
        return None
    return FieldProblem(
        "the authorization date and time is a real UTC date and time in the guide's format",
        "YYYY-MM-DDThh:mm:ssZ in UTC, such as '2016-08-11T22:47:57Z'",
        safe_describe(value),
    )


def check_par(value: object) -> FieldProblem | None:
    """The payment account reference: exactly 29 letters and digits (EMVCo).

    >>> check_par("V0010013020261601352183794986") is None
    True
    """
    problem = _string_problem(value, "the payment account reference (PAR)", PAR_LENGTH, exact=True)
    if problem is None and not _ALPHANUMERIC.fullmatch(str(value)):
        problem = FieldProblem(
            "the payment account reference (PAR) is letters and digits", "29 letters or digits", safe_describe(value)
        )
    return problem


def _echoed_problem(value: object, what: str, maximum: int) -> FieldProblem | None:
    """The rules of a value the get-plans response gives and the select request sends back as it
    came (planId, tcVersion): what a select request refuses, a validated plan must not offer.

    A string of 1 to *maximum* characters, not blank, printable (no control or invisible format
    character, which no one can see on a page or type back), and no card number in any spelling:
    the value is echoed verbatim into requests, pages and logs.
    """
    if type(value) is str and len(value) <= maximum:
        return _echoed_text_problem(value, what, maximum)
    return _string_problem(value, what, maximum)


_DIGIT_GROUP: Final = re.compile(r"\d+")
# Printable characters that show nothing: the braille blank and the printable code points Unicode
# says to render invisibly (Default_Ignorable_Code_Point: Hangul fillers, the combining grapheme
# joiner, Khmer inherent vowels, variation selectors).  An identifier holding one is a blank
# label, or two that look the same, on the page where the customer picks a plan.
_INVISIBLE: Final = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def _echoed_card_number_last_four(value: str) -> str | None:
    """The card number rule (:func:`~installments_core._errors.card_number_last_four`) as it
    reads an identifier: a digit group glued to a letter is part of a word, as in a UUID's
    ``a710-082844019660``, where Luhn passes across the hyphen for about one random UUID in 360.
    Such a group is a card number only on its own (``x4622943127019793``), never joined to other
    groups across separators; it is put out of the rule's reach (as letters) before the rest is asked.

    Backslash escapes glue their letters (``\\u00a0``) to the digits they separate: an identifier
    holding one is read by the rule as it is, as every output surface reads it.

    >>> _echoed_card_number_last_four("f745418b-756b-4b43-a710-082844019660") is None
    True
    >>> _echoed_card_number_last_four("x4622943127019793"), _echoed_card_number_last_four("ref 4622-9431-2701-9793")
    ('9793', '9793')
    """
    if "\\" in value:
        return card_number_last_four(value)
    pieces: list[str] = []
    done = 0
    for group in _DIGIT_GROUP.finditer(value):
        start, end = group.span()
        if (start > 0 and value[start - 1].isalpha()) or (end < len(value) and value[end].isalpha()):
            last_four = card_number_last_four(group.group())
            if last_four is not None:
                return last_four
            pieces += [value[done:start], "x" * (end - start)]
            done = end
    pieces.append(value[done:])
    return card_number_last_four("".join(pieces))


# Validation checks every plan's ID and terms versions, and a service sees the same few again and
# again: the verdicts are kept, for strings no longer than the field allows (so the cache holds at
# most a few hundred kilobytes whatever arrives), as immutable FieldProblems or None.
@lru_cache(maxsize=4096)
def _echoed_text_problem(value: str, what: str, maximum: int) -> FieldProblem | None:
    problem = _string_problem(value, what, maximum)
    if problem is not None:
        return problem
    expected = f"a string of 1 to {maximum} characters"
    if not value.isprintable() or _INVISIBLE.search(value):
        hidden = next(char for char in value if not char.isprintable() or _INVISIBLE.match(char))
        return FieldProblem(f"{what} is printable, visible characters (spaces as U+0020)",
                            f"{expected}, all printable and visible",
                            f"U+{ord(hidden):04X} among {len(value)} characters", "characters")
    last_four = _echoed_card_number_last_four(value)
    if last_four is not None:
        return FieldProblem(f"{what} must not be a card number: it is echoed verbatim",
                            f"{expected}, not a card number", f"a card number ({MASK}{last_four})", "card_number")
    return None


def check_plan_id(value: object) -> FieldProblem | None:
    """``installmentInformation.planId``: 1 to 50 printable characters, not blank, not a card number.

    Validation holds every plan a get-plans response offers to this rule (``docs/validation.md``).

    >>> check_plan_id("x" * 51).actual
    "51 characters: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (51 characters)"
    >>> check_plan_id("4622 9431 2701 9793").code, check_plan_id("4622 9431 2701 9793").actual
    ('card_number', 'a card number (****9793)')
    """
    return _echoed_problem(value, "the plan ID", MAX_PLAN_ID)


def check_tc_version(value: object) -> FieldProblem | None:
    """``installmentInformation.tcVersion``: a string of 1 to 36 printable characters, not blank, not a card number.

    Validation holds every terms version of every plan offered to this rule (``docs/validation.md``).

    Visa's native responses carry the version as an integer; the request sends it as a string.

    >>> check_tc_version(1).rule
    "the terms and conditions version is a string, such as '1', even where the get-plans response \
had a number"
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return FieldProblem(
            "the terms and conditions version is a string, such as '1', even where the get-plans response had a number",
            "a string of 1 to 36 characters",
            safe_describe(value),
            "wrong_type",
        )
    return _echoed_problem(value, "the terms and conditions version", MAX_TC_VERSION)


def selection_problem(plan_id: object, tc_versions: Iterable[object]) -> tuple[int | None, FieldProblem] | None:
    """Why a plan offered with *plan_id* and terms versions *tc_versions* (as a select request
    would send them) cannot be selected, or ``None`` when it can: the index of the first version
    at fault (``None`` for the planId) and its problem.

    The one decision validation, :func:`~installments_core.offered_plans` (so every select check)
    and the display share: a plan is selectable when its planId passes :func:`check_plan_id` and
    every one of its terms' versions passes :func:`check_tc_version`.  A bad version makes the
    whole plan unselectable, not just that version: the terms in that language could not be
    accepted, and validation reports the plan as not ok.

    >>> selection_problem("p1", ["1", "2"]) is None
    True
    >>> index, problem = selection_problem("p1", ["1", "v" * 37])
    >>> index, problem.code
    (1, 'length')
    """
    problem = check_plan_id(plan_id)
    if problem is not None:
        return None, problem
    for index, version in enumerate(tc_versions):
        problem = check_tc_version(version)
        if problem is not None:
            return index, problem
    return None


def check_client_reference(value: object) -> FieldProblem | None:
    """``clientReferenceInformation.code``, the merchant's order reference: 1 to 50 characters.

    Cybersource accepts it on every request (get plans, select, cancel, payments) and echoes it in
    the response, so that the merchant can find the transaction by its own reference.

    >>> check_client_reference("order-1") is None, check_client_reference("x" * 51).code
    (True, 'length')
    """
    return _string_problem(value, "the client reference code", MAX_CLIENT_REFERENCE)


def check_installment_id(value: object) -> FieldProblem | None:
    """``installmentInformation.id`` (the plan acceptance ID): 1 to 50 characters."""
    return _string_problem(value, "the plan acceptance ID", MAX_INSTALLMENT_ID)


def check_category_code(value: object) -> FieldProblem | None:
    """``merchantInformation.categoryCode``: the merchant category code (ISO 18245), four digits.

    A string of four ASCII digits, or a JSON number that has four digits (1000 to 9999).  A number
    below 1000 cannot show four digits: the codes that start with a zero (``0742``, veterinary
    services) are sent as strings.

    >>> check_category_code("5732") is None, check_category_code(5732) is None, check_category_code("0742") is None
    (True, True, True)
    >>> check_category_code(12).actual, check_category_code("12").code
    ('12', 'invalid_format')
    >>> check_category_code(742).rule
    "the merchant category code is four digits; a code that starts with 0 is sent as a string, such as '0742'"
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if _CATEGORY_CODE_NUMBERS[0] <= value <= _CATEGORY_CODE_NUMBERS[1]:
            return None
        return FieldProblem(
            "the merchant category code is four digits; a code that starts with 0 is sent as a string, such as '0742'",
            "4 digits, such as '5732'", safe_describe(value))
    if isinstance(value, str) and _CATEGORY_CODE.fullmatch(value):
        return None
    return FieldProblem(
        "the merchant category code is four digits", "4 digits, such as '5732'", safe_describe(value)
    )


def check_card_number(value: object, *, visa_only: bool = True) -> FieldProblem | None:
    """A card number field: digits only, 12 to 19 of them, passing the Luhn check, and a Visa
    card of a length Visa issues when *visa_only* (Visa Installments and JPO take Visa cards only).

    The one rule for card numbers: the validators check the field with it, and the builders check
    a :class:`~installments_core.CardNumber` with it before sending its digits.

    >>> check_card_number("4622943127019793") is None
    True
    >>> problem = check_card_number("5180120000000007")
    >>> problem.rule, problem.actual
    ('only Visa cards can be used here', "a MASTERCARD card number ending in '0007'")
    """
    try:
        digits = check_pan(value, path="", strict=True)
    except InvalidCardNumberError as error:
        return FieldProblem(error.detail or f"a card number is {error.expected}", error.expected, error.actual,
                            "card_number")
    brand = card_brand(digits)
    if visa_only and brand is not CardBrand.VISA:
        return FieldProblem("only Visa cards can be used here", "a Visa card number (it starts with 4)",
                            f"a {brand} card number ending in {digits[-4:]!r}", "card_brand")
    if len(digits) not in brand.lengths:
        lengths = ", ".join(str(n) for n in sorted(brand.lengths))
        return FieldProblem(f"a {brand} card number has {lengths} digits", f"{lengths} digits",
                            f"{len(digits)} digits", "card_number")
    return None


def check_token(value: object) -> FieldProblem | None:
    """A token field: a non-blank string without spaces.

    >>> check_token("7030000000012249793") is None, check_token("").code
    (True, 'blank')
    """
    if not isinstance(value, str):
        return FieldProblem("a token is a string", "a token string", safe_describe(value), "wrong_type")
    if not value.strip():
        return FieldProblem("a token must not be blank", "a token string", safe_describe(value), "blank")
    if any(char.isspace() for char in value):
        return FieldProblem("a token has no spaces", "a token string", safe_describe(value))
    return None


def check_currency(value: object) -> FieldProblem | None:
    """``currency``: an active ISO 4217 code in upper case.

    >>> check_currency("usd").expected
    "an active ISO 4217 code in upper case, such as 'USD'"
    """
    try:
        # Anything but a string is no code: looking up None gives the same answer without having
        # minor_units describe the value itself (str() of a huge int raises).
        minor_units(value if isinstance(value, str) else None)
    except InstallmentsError as error:
        return FieldProblem("the currency is an ISO 4217 code", error.expected, safe_describe(value), "currency")
    return None


def check_order_amount(value: object, currency: object) -> FieldProblem | Decimal:
    """``totalAmount``: a positive decimal string in whole minor units of *currency*, or the problem.

    Returns the amount (with the currency's minor digits) when it is valid.  An invalid currency
    is reported by :func:`check_currency`; the amount then gets only its generic checks.

    >>> check_order_amount("500", "USD")
    Decimal('500.00')
    >>> check_order_amount("41.675", "USD").expected
    'an amount in whole USD minor units (2 decimals)'
    """
    if not isinstance(value, str):
        return FieldProblem(
            "the order total is a decimal string", "a string such as '500' or '41.67'", safe_describe(value),
            "wrong_type",
        )
    try:
        if isinstance(currency, str) and check_currency(currency) is None:
            amount = parse_amount(value, currency)
        else:
            amount = parse_decimal(value, path="")
    except InstallmentsError as error:
        return FieldProblem("the order total is a positive amount in the currency's minor units", error.expected,
                            safe_describe(value), "amount")
    if amount.is_zero():
        return FieldProblem("the order total is positive", "an amount above zero", safe_describe(value), "amount")
    return amount


def parse_money(value: object, currency: str, *, path: str) -> Decimal:
    """:func:`~installments_core.parse_amount`, with errors that describe the value safely: a card
    number typed into an amount field is masked like anywhere else.

    >>> parse_money("4622943127019793", "USD", path="amount")
    Traceback (most recent call last):
    ...
    installments_core._errors.InvalidAmountError: amount: expected an amount of at most 15 integer digits, \
found '****9793'
    """
    try:
        return parse_amount(value, currency, path=path)
    except UnknownCurrencyError as error:
        raise UnknownCurrencyError(error.path, expected=error.expected, actual=safe_describe(currency),
                                   detail=error.detail) from None
    except InstallmentsError as error:
        raise type(error)(error.path, expected=error.expected, actual=safe_describe(value),
                          detail=error.detail) from None


def refund_amount_decimals(currency: str) -> int:
    """Decimals of a ``refundAmount`` in *currency*: two, as the guide requires, or the currency's
    minor digits where it has more than two.

    The guide asks for "a decimal with two places, for example 60.01" and shows only US dollars.
    For a currency without minor unit (JPY) two places still parse, and the fraction must be zero
    ("60.00"); for a three-digit currency (KWD, BHD) two places could not express a refund of
    60.005, and a refund that must be rounded is a wrong refund, so three places are used.

    >>> refund_amount_decimals("USD"), refund_amount_decimals("JPY"), refund_amount_decimals("KWD")
    (2, 2, 3)
    """
    return max(2, minor_units(currency))


def _decimals(text: str) -> int:
    return len(text.partition(".")[2])


def check_refund_amount(value: object, total: Decimal | None, currency: object) -> FieldProblem | Decimal:
    """``refundAmount`` of a partial refund: written with :func:`refund_amount_decimals` places,
    above zero, in whole minor units, and less than the order *total* (when known).

    >>> check_refund_amount("60.01", Decimal("500.00"), "USD")
    Decimal('60.01')
    >>> check_refund_amount("60.1", Decimal("500.00"), "USD").rule
    'a refund amount is written with exactly 2 decimals, such as 60.01'
    >>> check_refund_amount("500.00", Decimal("500.00"), "USD").rule
    'a partial refund is less than the order total: a full refund sends no refundAmount'
    """
    if not isinstance(value, str):
        return FieldProblem(
            "the refund amount is a decimal string", "a string such as '60.01'", safe_describe(value), "wrong_type"
        )
    try:
        amount = parse_decimal(value, path="")
    except InstallmentsError as error:
        return FieldProblem("the refund amount is never negative", error.expected, safe_describe(value), "amount")
    if check_currency(currency) is not None:
        return amount  # the currency's own violation is reported; the rest depends on it
    assert isinstance(currency, str)
    places = refund_amount_decimals(currency)
    if _decimals(value) != places:
        example = "60." + "01".rjust(places, "0") if minor_units(currency) else "60.00"
        return FieldProblem(
            f"a refund amount is written with exactly {places} decimals, such as {example}",
            f"{places} decimals",
            safe_describe(value),
            "refund_format",
        )
    try:
        amount = parse_amount(value, currency)
    except InstallmentsError as error:
        return FieldProblem("the refund amount is in whole minor units of the currency", error.expected,
                            safe_describe(value), "amount")
    if amount.is_zero():
        return FieldProblem("a refund amount is above zero", "an amount above zero", safe_describe(value), "amount")
    if total is not None and not amount < total:
        return FieldProblem(
            "a partial refund is less than the order total: a full refund sends no refundAmount",
            f"less than {shown_amount(total)}",
            safe_describe(value),
            "refund_too_large",
        )
    return amount


def plain_decimal_text(amount: Decimal) -> str:
    """*amount* in plain decimal notation, whatever its exponent and the thread's decimal context.

    ``str()`` writes ``Decimal("1E+2")`` as ``'1E+2'`` and takes the exponent letter's case from
    the thread's context; ``format(amount, "f")`` with no precision writes every digit in plain
    notation and reads nothing from the context.

    >>> plain_decimal_text(Decimal("1E+2")), plain_decimal_text(Decimal("41.670"))
    ('100', '41.670')
    """
    return format(amount, "f")


def order_amount_text(total_amount: object, currency: str, *, path: str = AMOUNT) -> str:
    """The ``totalAmount`` text of an order: validated, in plain decimal notation and whole minor
    units of *currency*.

    A string is the caller's own text and is kept as written (``"500"`` stays ``"500"``, as in the
    guide), less decimals the currency does not have (``"100.00"`` yen becomes ``"100"``).  A
    ``Decimal`` or an ``int`` is a number, not a text: it is written with exactly the currency's
    minor digits, never in exponent notation (``Decimal("1E+2")`` dollars are ``"100.00"``).

    >>> order_amount_text("500", "USD"), order_amount_text("100.00", "JPY"), order_amount_text("41.670", "USD")
    ('500', '100', '41.67')
    >>> order_amount_text(Decimal("1E+2"), "USD"), order_amount_text(500, "USD"), order_amount_text(5000, "JPY")
    ('100.00', '500.00', '5000')
    """
    parsed = parse_money(total_amount, currency, path=path)
    if parsed.is_zero():
        raise FieldProblem("the order total is positive", "an amount above zero", safe_describe(total_amount),
                           "amount").error(path)
    if isinstance(total_amount, str):
        # parse_decimal admits digits and one point only: the text is already plain notation.
        given = parse_decimal(total_amount, path=path)
        exponent = given.as_tuple().exponent
        assert isinstance(exponent, int)  # parse_decimal returns finite numbers only
        if -exponent <= minor_units(currency):
            return plain_decimal_text(given)
    return plain_decimal_text(parsed)


def refund_amount_text(refund_amount: object, total: Decimal, currency: str, *, path: str = REFUND_AMOUNT) -> str:
    """The ``refundAmount`` text: validated and written with :func:`refund_amount_decimals` places.

    >>> refund_amount_text("60.01", Decimal("500.00"), "USD"), refund_amount_text(60, Decimal("500"), "JPY")
    ('60.01', '60.00')
    >>> refund_amount_text(Decimal("1E+1"), Decimal("500.00"), "USD")
    '10.00'
    """
    amount = parse_money(refund_amount, currency, path=path)
    # The quantize adds zeros only: parse_money has refused anything finer than the minor unit.
    text = plain_decimal_text(amount.quantize(quantum(refund_amount_decimals(currency)), ROUND_DOWN, CTX))
    problem = check_refund_amount(text, total, currency)
    if isinstance(problem, FieldProblem):
        raise problem.error(path)
    return text


class TokenKind(StrEnum):
    """The five token fields the guide accepts, each named by its path."""

    CUSTOMER = "paymentInformation.customer.id"
    """A TMS customer token."""
    INSTRUMENT_IDENTIFIER = "paymentInformation.instrumentIdentifier.id"
    """A TMS instrument identifier token."""
    PAYMENT_INSTRUMENT = "paymentInformation.paymentInstrument.id"
    """A TMS payment instrument token."""
    TRANSIENT_TOKEN = "tokenInformation.jti"
    """A TMS transient token."""
    FLEX_TRANSIENT_TOKEN = "tokenInformation.transientTokenJwt"
    """A Flex API transient token (a JWT)."""


PAYMENT_IDENTIFIER_PATHS: Final = (CARD_NUMBER, PAR, *(kind.value for kind in TokenKind))
"""Every field that identifies the card; a request carries exactly one."""


@dataclass(frozen=True, slots=True)
class PaymentAccountReference:
    """A payment account reference (PAR): 29 letters and digits that name a card account.

    >>> PaymentAccountReference("V001")
    Traceback (most recent call last):
    ...
    installments_core._errors.InvalidRequestError: paymentInformation.paymentAccountReference.id: expected a \
string of exactly 29 characters, found 4 characters: 'V001' (the payment account reference (PAR) has exactly 29 \
characters)

    A PAR is not a card number, but it carries long digit runs: its ``repr`` masks them.

    >>> PaymentAccountReference("V4622943127019793000000000000")
    PaymentAccountReference(id='V****0000')
    """

    id: str

    def __post_init__(self) -> None:
        problem = check_par(self.id)
        if problem is not None:
            raise problem.error(PAR)

    def __repr__(self) -> str:
        return f"PaymentAccountReference(id={mask_digit_runs(self.id)!r})"


@dataclass(frozen=True, slots=True)
class Token:
    """A token in one of the five token fields.

    >>> Token(TokenKind.INSTRUMENT_IDENTIFIER, "7030000000012249793")
    Token(kind=<TokenKind.INSTRUMENT_IDENTIFIER: 'paymentInformation.instrumentIdentifier.id'>, value='****9793')
    """

    kind: TokenKind
    value: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", parse_enum(TokenKind, self.kind, path="paymentInformation",
                                                    error=InvalidRequestError))
        problem = check_token(self.value)
        if problem is not None:
            raise problem.error(self.kind.value)

    def __repr__(self) -> str:
        # A token is not a card number, but some look like one: mask digit runs all the same.
        return f"Token(kind={self.kind!r}, value={mask_digit_runs(self.value)!r})"


PaymentIdentifier = CardNumber | PaymentAccountReference | Token
"""What identifies the card in an installments request: exactly one of these."""


class LinkKind(StrEnum):
    """How select and cancel name the authorization: by its code or its network transaction ID."""

    AUTHORIZATION_CODE = "authorizationCode"
    NETWORK_TRANSACTION_ID = "networkTransactionId"

    @property
    def path(self) -> str:
        """The request field that carries the link."""
        return f"processingInformation.authorizationOptions.{self.value}"

    @property
    def words(self) -> str:
        """The link's name in a sentence."""
        return "authorization code" if self is LinkKind.AUTHORIZATION_CODE else "network transaction ID"


def _date_time_text(value: object) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidRequestError(
                AUTHORIZATION_DATE_TIME,
                expected="a timezone-aware datetime",
                actual=safe_describe(value),
                detail="a naive datetime names no instant; the field is in UTC",
            )
        # Formatted by hand: strftime's %Y writes years before 1000 with fewer than four digits.
        try:
            utc = value.astimezone(UTC)
        except OverflowError:  # an instant before year 1 or after 9999 in UTC
            raise InvalidRequestError(AUTHORIZATION_DATE_TIME, expected="a date and time from year 1 to 9999 in UTC",
                                      actual=safe_describe(value)) from None
        value = (f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T"
                 f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z")
    problem = check_authorization_date_time(value)
    if problem is not None:
        raise problem.error(AUTHORIZATION_DATE_TIME)
    assert isinstance(value, str)
    return value


@dataclass(frozen=True, slots=True, init=False)
class AuthorizationLink:
    """The authorization a plan is linked to: its code or its NTID, and its date and time.

    >>> link = AuthorizationLink.code("888889", "2020-09-02T16:40:45.827Z")
    >>> link.kind, link.value, link.authorized_at
    (<LinkKind.AUTHORIZATION_CODE: 'authorizationCode'>, '888889', '2020-09-02T16:40:45.827Z')
    >>> AuthorizationLink.ntid("178896882917673", datetime(2023, 7, 25, 16, 19, 14, tzinfo=UTC)).authorized_at
    '2023-07-25T16:19:14Z'
    """

    kind: LinkKind
    value: str
    authorized_at: str
    """``authorizationDateTime`` as sent: the format the guide names, milliseconds allowed."""

    def __init__(self, kind: LinkKind, value: str, authorized_at: str | datetime) -> None:
        kind = parse_enum(LinkKind, kind, path="processingInformation.authorizationOptions", error=InvalidRequestError)
        check = check_authorization_code if kind is LinkKind.AUTHORIZATION_CODE else check_network_transaction_id
        problem = check(value)
        if problem is not None:
            raise problem.error(kind.path)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "authorized_at", _date_time_text(authorized_at))

    @classmethod
    def code(cls, authorization_code: str, authorized_at: str | datetime) -> AuthorizationLink:
        """A link by the authorization response's ``processorInformation.approvalCode``."""
        return cls(LinkKind.AUTHORIZATION_CODE, authorization_code, authorized_at)

    @classmethod
    def ntid(cls, network_transaction_id: str, authorized_at: str | datetime) -> AuthorizationLink:
        """A link by the authorization response's ``processorInformation.networkTransactionId``."""
        return cls(LinkKind.NETWORK_TRANSACTION_ID, network_transaction_id, authorized_at)

    @property
    def instant(self) -> datetime:
        """The authorization's date and time as an aware UTC datetime."""
        instant = parse_authorization_date_time(self.authorized_at)
        assert instant is not None  # validated on construction
        return instant

    def __repr__(self) -> str:
        # An NTID of 12 digits or more could be a card number: masked like any such run.
        return (f"AuthorizationLink(kind={self.kind!r}, value={mask_digit_runs(self.value)!r}, "
                f"authorized_at={self.authorized_at!r})")

    def json(self) -> dict[str, str]:
        """The ``authorizationOptions`` object."""
        return {self.kind.value: self.value, "authorizationDateTime": self.authorized_at}


def _payment_json(payment: PaymentIdentifier) -> tuple[str, dict[str, object]]:
    if isinstance(payment, CardNumber):
        # A CardNumber is any valid PAN; the request takes Visa cards of Visa's lengths only.
        problem = check_card_number(payment.reveal())
        if problem is not None:
            raise problem.error(CARD_NUMBER)
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
        raise problem.error(CURRENCY)
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
        raise problem.error(CATEGORY_CODE)
    return value


def build_get_plans_request(
    total_amount: object, currency: str, payment: PaymentIdentifier, *, category_code: str | int | None = None
) -> dict[str, object]:
    """The ``POST /fin/v1/plans/`` body: the plans a card is eligible for on an order.

    >>> from installments_core import CardNumber
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
            raise problem.error(path)
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
            raise problem.error(INSTALLMENT_ID)
        request["installmentInformation"] = {"id": installment_id}
    if category_code is not None:
        request["merchantInformation"] = {"categoryCode": _category_code(category_code)}
    return request
