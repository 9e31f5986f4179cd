"""Cybersource Installments requests, field by field: paths, limits and one rule per field.

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

Each rule is a function returning a :func:`field_problem` (a :class:`~installments_core.Finding`)
or ``None``; the builders (:mod:`.request_builders`) and the request validators (``_requests``)
share them.  The amount
fields' rules are in :mod:`.request_amounts`, the typed payment identifiers in
:mod:`.payment_identifiers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Final

from .._core.card import CardBrand, card_brand, check_pan, mask_digit_runs
from .._errors import (
    MASK,
    InvalidCardNumberError,
    InvalidRequestError,
    card_number_last_four,
    describe,
)
from .._findings import Finding

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
    "PLAN_ID",
    "PROVIDER",
    "REFUND_AMOUNT",
    "SERVICE_PROVIDER",
    "TC_VERSION",
    "check_authorization_code",
    "check_authorization_date_time",
    "check_card_number",
    "check_category_code",
    "check_client_reference",
    "check_installment_id",
    "check_network_transaction_id",
    "check_par",
    "check_plan_id",
    "check_service_provider",
    "check_tc_version",
    "check_token",
    "field_problem",
    "parse_authorization_date_time",
    "refusal",
    "safe_describe",
    "selection_problem",
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


def field_problem(rule: str, expected: str, actual: str, code: str = "invalid_format") -> Finding:
    """What is wrong with one field's value: the rule in words, what was expected, what was found
    (described safely: never a card number) and a stable code.  The finding has no path yet: a
    rule judges a value, and its caller knows where the value sits (``dataclasses.replace``)."""
    return Finding("", rule, expected, actual, code)


def refusal(problem: Finding, path: str) -> InvalidRequestError:
    """*problem* as an exception at *path*, for builders that refuse bad parameters."""
    return InvalidRequestError(path, expected=problem.expected, actual=problem.actual, detail=problem.rule)


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


def _string_problem(value: object, what: str, maximum: int, *, exact: bool = False) -> Finding | None:
    size = f"exactly {maximum}" if exact else f"1 to {maximum}"
    expected = f"a string of {size} characters"
    if not isinstance(value, str):
        return field_problem(f"{what} is a string", expected, safe_describe(value), "wrong_type")
    if not value.strip():
        return field_problem(f"{what} must not be blank", expected, safe_describe(value), "blank")
    if (len(value) != maximum) if exact else (len(value) > maximum):
        return field_problem(
            f"{what} has {size} characters", expected, f"{len(value)} characters: {safe_describe(value)}", "length"
        )
    return None


def check_service_provider(value: object) -> Finding | None:
    """``installmentServiceProvider`` is ``"Visa"``, spelt exactly so.

    >>> check_service_provider("VISA").rule
    "the installment service provider is 'Visa', spelt exactly so"
    """
    if value == PROVIDER:
        return None
    return field_problem(
        "the installment service provider is 'Visa', spelt exactly so", "'Visa'", safe_describe(value), "value"
    )


def check_authorization_code(value: object) -> Finding | None:
    """The authorization (approval) code: exactly six letters or digits.

    >>> check_authorization_code("888889") is None, check_authorization_code("8888").code
    (True, 'length')
    """
    problem = _string_problem(value, "the authorization code", AUTHORIZATION_CODE_LENGTH, exact=True)
    if problem is None and not _ALPHANUMERIC.fullmatch(str(value)):
        problem = field_problem(
            "the authorization code is letters and digits, as the authorization response's approvalCode",
            "6 letters or digits",
            safe_describe(value),
        )
    return problem


def check_network_transaction_id(value: object) -> Finding | None:
    """The network transaction ID: 1 to 20 letters or digits.

    >>> check_network_transaction_id("178896882917673") is None
    True
    """
    problem = _string_problem(value, "the network transaction ID", MAX_NETWORK_TRANSACTION_ID)
    if problem is None and not _ALPHANUMERIC.fullmatch(str(value)):
        problem = field_problem(
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


def check_authorization_date_time(value: object) -> Finding | None:
    """``authorizationDateTime``: the authorization's date and time in UTC, ``YYYY-MM-DDThh:mm:ssZ``
    (milliseconds allowed, as in the guide's examples).

    >>> check_authorization_date_time("2023-07-24T16:42:52Z") is None
    True
    >>> check_authorization_date_time("2023-07-24 16:42:52").expected
    "YYYY-MM-DDThh:mm:ssZ in UTC, such as '2016-08-11T22:47:57Z'"
    """
    if parse_authorization_date_time(value) is not None:
        return None
    return field_problem(
        "the authorization date and time is a real UTC date and time in the guide's format",
        "YYYY-MM-DDThh:mm:ssZ in UTC, such as '2016-08-11T22:47:57Z'",
        safe_describe(value),
    )


def check_par(value: object) -> Finding | None:
    """The payment account reference: exactly 29 letters and digits (EMVCo).

    >>> check_par("V0010013020261601352183794986") is None
    True
    """
    problem = _string_problem(value, "the payment account reference (PAR)", PAR_LENGTH, exact=True)
    if problem is None and not _ALPHANUMERIC.fullmatch(str(value)):
        problem = field_problem(
            "the payment account reference (PAR) is letters and digits", "29 letters or digits", safe_describe(value)
        )
    return problem


def _echoed_problem(value: object, what: str, maximum: int) -> Finding | None:
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
# most a few hundred kilobytes whatever arrives), as immutable findings or None.
@lru_cache(maxsize=4096)
def _echoed_text_problem(value: str, what: str, maximum: int) -> Finding | None:
    problem = _string_problem(value, what, maximum)
    if problem is not None:
        return problem
    expected = f"a string of 1 to {maximum} characters"
    if not value.isprintable() or _INVISIBLE.search(value):
        hidden = next(char for char in value if not char.isprintable() or _INVISIBLE.match(char))
        return field_problem(f"{what} is printable, visible characters (spaces as U+0020)",
                             f"{expected}, all printable and visible",
                             f"U+{ord(hidden):04X} among {len(value)} characters", "characters")
    last_four = _echoed_card_number_last_four(value)
    if last_four is not None:
        return field_problem(f"{what} must not be a card number: it is echoed verbatim",
                             f"{expected}, not a card number", f"a card number ({MASK}{last_four})", "card_number")
    return None


def check_plan_id(value: object) -> Finding | None:
    """``installmentInformation.planId``: 1 to 50 printable characters, not blank, not a card number.

    Validation holds every plan a get-plans response offers to this rule (``docs/validation.md``).

    >>> check_plan_id("x" * 51).actual
    "51 characters: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (51 characters)"
    >>> check_plan_id("4622 9431 2701 9793").code, check_plan_id("4622 9431 2701 9793").actual
    ('card_number', 'a card number (****9793)')
    """
    return _echoed_problem(value, "the plan ID", MAX_PLAN_ID)


def check_tc_version(value: object) -> Finding | None:
    """``installmentInformation.tcVersion``: a string of 1 to 36 printable characters, not blank, not a card number.

    Validation holds every terms version of every plan offered to this rule (``docs/validation.md``).

    Visa's native responses carry the version as an integer; the request sends it as a string.

    >>> check_tc_version(1).rule
    "the terms and conditions version is a string, such as '1', even where the get-plans response \
had a number"
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return field_problem(
            "the terms and conditions version is a string, such as '1', even where the get-plans response had a number",
            "a string of 1 to 36 characters",
            safe_describe(value),
            "wrong_type",
        )
    return _echoed_problem(value, "the terms and conditions version", MAX_TC_VERSION)


def selection_problem(plan_id: object, tc_versions: Iterable[object]) -> tuple[int | None, Finding] | None:
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


def check_client_reference(value: object) -> Finding | None:
    """``clientReferenceInformation.code``, the merchant's order reference: 1 to 50 characters.

    Cybersource accepts it on every request (get plans, select, cancel, payments) and echoes it in
    the response, so that the merchant can find the transaction by its own reference.

    >>> check_client_reference("order-1") is None, check_client_reference("x" * 51).code
    (True, 'length')
    """
    return _string_problem(value, "the client reference code", MAX_CLIENT_REFERENCE)


def check_installment_id(value: object) -> Finding | None:
    """``installmentInformation.id`` (the plan acceptance ID): 1 to 50 characters."""
    return _string_problem(value, "the plan acceptance ID", MAX_INSTALLMENT_ID)


def check_category_code(value: object) -> Finding | None:
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
        return field_problem(
            "the merchant category code is four digits; a code that starts with 0 is sent as a string, such as '0742'",
            "4 digits, such as '5732'", safe_describe(value))
    if isinstance(value, str) and _CATEGORY_CODE.fullmatch(value):
        return None
    return field_problem(
        "the merchant category code is four digits", "4 digits, such as '5732'", safe_describe(value)
    )


def check_card_number(value: object, *, visa_only: bool = True) -> Finding | None:
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
        return field_problem(error.detail or f"a card number is {error.expected}", error.expected, error.actual,
                             "card_number")
    brand = card_brand(digits)
    if visa_only and brand is not CardBrand.VISA:
        return field_problem("only Visa cards can be used here", "a Visa card number (it starts with 4)",
                             f"a {brand} card number ending in {digits[-4:]!r}", "card_brand")
    if len(digits) not in brand.lengths:
        lengths = ", ".join(str(n) for n in sorted(brand.lengths))
        return field_problem(f"a {brand} card number has {lengths} digits", f"{lengths} digits",
                             f"{len(digits)} digits", "card_number")
    return None


def check_token(value: object) -> Finding | None:
    """A token field: a non-blank string without spaces.

    >>> check_token("7030000000012249793") is None, check_token("").code
    (True, 'blank')
    """
    if not isinstance(value, str):
        return field_problem("a token is a string", "a token string", safe_describe(value), "wrong_type")
    if not value.strip():
        return field_problem("a token must not be blank", "a token string", safe_describe(value), "blank")
    if any(char.isspace() for char in value):
        return field_problem("a token has no spaces", "a token string", safe_describe(value))
    return None


