"""The library's one exception family.

Every error the library raises on bad input derives from :class:`InstallmentsError`, itself a
:class:`ValueError`, so a caller can catch one class.  Each error says *where* (``path``, a
dotted/indexed field path such as ``fees[0].ratePercentage``), *what the rule wanted*
(``expected``) and *what it got* (``actual``), and has a stable machine-readable ``code``.

``actual`` is always a short, printable description of the offending value, never the value
itself: a 20-megabyte string or a card number must not end up in a log line through an error
message.  Callers that handle card numbers pass the masked form.
"""

from __future__ import annotations

import decimal
import re
from typing import ClassVar, Final

__all__ = [
    "DuplicateKeyError",
    "ErrorResponseError",
    "InfeasiblePlanError",
    "InstallmentsError",
    "InvalidAmountError",
    "InvalidCardNumberError",
    "InvalidDisplayOptionError",
    "InvalidRequestError",
    "InvalidTermsError",
    "LifecycleError",
    "MalformedResponseError",
    "PlansResponseError",
    "ResponseFormatError",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "describe",
    "mask_digit_runs",
]

_MAX_DESCRIPTION = 48

MASK: Final = "****"
"""What stands for every digit but the last four.  Fixed width: the mask does not reveal the length."""

# 12 or more digits in a row could be a card number (PANs have 12 to 19): any value described in
# an error or a report may be one typed into the wrong field.  People also write card numbers in
# the groups printed on cards, separated by spaces or hyphens (4-4-4[-4[-3]], and Amex's 4-6-5), and
# in any script's digits: every Unicode decimal digit counts.  Other groupings (dates, an amount
# with a dot, numbers side by side) are not card numbers and stay readable.
_SHORTEST_RUN: Final = 12
_DIGIT_RUN: Final = re.compile(
    rf"(?<!\d)\d{{4}}(?:[ -]\d{{4}}){{2}}(?:[ -]\d{{4}}(?:[ -]\d{{3}})?)?(?!\d)"
    rf"|(?<!\d)\d{{4}}[ -]\d{{6}}[ -]\d{{5}}(?!\d)"
    rf"|\d{{{_SHORTEST_RUN},}}"
)
_DIGIT: Final = re.compile(r"\d")
# What every match above lies in, found fast: a stretch of digits, spaces and hyphens 12 long that
# starts and ends with a digit.  Most texts have none and are left at that; the ASCII class is the
# quickest to scan and serves every ASCII text.
_ASCII_STRETCH: Final = re.compile(r"[0-9][0-9 \-]{10,}[0-9]")
_STRETCH: Final = re.compile(r"\d[\d \-]{10,}\d")
# str(Decimal) would take the exponent's letter case from the thread's context; this one is fixed.
_TEXT: Final = decimal.Context(capitals=1)
_LONGEST_INT_BITS: Final = 256
"""Integers described digit by digit: up to 77 digits, far beyond any field's."""


def mask_digit_runs(text: str) -> str:
    """*text* with every run of 12 or more digits masked to its last four.

    >>> mask_digit_runs("ref 4622943127019793, amount 500")
    'ref ****9793, amount 500'
    >>> mask_digit_runs("4622 9431 2701 9793 / 4622-9431-2701-9793 / ４６２２９４３１２７０１９７９３")
    '****9793 / ****9793 / ****９７９３'
    >>> mask_digit_runs("on 2024-03-13, 1234567890.12 USD")
    'on 2024-03-13, 1234567890.12 USD'
    """
    if len(text) < _SHORTEST_RUN or (_ASCII_STRETCH if text.isascii() else _STRETCH).search(text) is None:
        return text
    return _DIGIT_RUN.sub(_mask, text)


def _mask(match: re.Match[str]) -> str:
    return MASK + "".join(_DIGIT.findall(match.group())[-4:])


def describe(value: object) -> str:
    """A short, single-line description of *value* for an error message.

    >>> describe("1.234")
    "'1.234'"
    >>> describe(0.1)
    'float 0.1'
    >>> describe("ab" * 50)
    "'abababababababababababababababababababababa…' (100 characters)"

    Runs of digits that could be a card number are masked, whatever field they were typed into:

    >>> describe("4622943127019793"), describe(4622943127019793)
    ("'****9793'", '****9793')
    """
    # Mask before truncating: a card number cut in half by the truncation would not be masked.
    if isinstance(value, float):
        return mask_digit_runs(f"float {value!r}")
    if isinstance(value, str):
        masked = mask_digit_runs(value)
        if len(masked) > _MAX_DESCRIPTION:
            return f"{masked[: _MAX_DESCRIPTION - 5]!r}… ({len(value)} characters)".replace("'…", "…'", 1)
        return repr(masked)
    plain = isinstance(value, (bool, int)) or value is None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _LONGEST_INT_BITS:
        # repr() of an integer of thousands of digits raises (and would say nothing useful).
        return f"an integer of about {value.bit_length() * 30103 // 100000 + 1} digits"
    if isinstance(value, decimal.Decimal):
        text = mask_digit_runs(f"Decimal {_TEXT.to_sci_string(value)}")
    else:
        text = mask_digit_runs(repr(value) if plain else f"{type(value).__name__} {value!s}")
    if len(text) > _MAX_DESCRIPTION:
        return text[: _MAX_DESCRIPTION - 1] + "…"
    return text


class InstallmentsError(ValueError):
    """Base class of every error this library raises on bad input.

    >>> err = InstallmentsError("count", expected="an integer from 1 to 999", actual="0")
    >>> str(err)
    'count: expected an integer from 1 to 999, found 0'
    >>> (err.path, err.expected, err.actual, err.code)
    ('count', 'an integer from 1 to 999', '0', 'invalid')
    """

    code: ClassVar[str] = "invalid"

    def __init__(self, path: str, *, expected: str, actual: str, detail: str = "") -> None:
        self.path = path
        self.expected = expected
        self.actual = actual
        self.detail = detail
        message = f"{path}: expected {expected}, found {actual}" if path else f"expected {expected}, found {actual}"
        if detail:
            message = f"{message} ({detail})"
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (the audit command's workers); keyword-only arguments
        # need an explicit reconstruction recipe.
        return (_rebuild, (type(self), self.path, self.expected, self.actual, self.detail))


def _rebuild(
    cls: type[InstallmentsError], path: str, expected: str, actual: str, detail: str
) -> InstallmentsError:
    return cls(path, expected=expected, actual=actual, detail=detail)


class InvalidAmountError(InstallmentsError):
    """A money amount or rate is not acceptable: a float, NaN, negative, too precise, too large."""

    code = "invalid_amount"


class UnknownCurrencyError(InstallmentsError):
    """A currency code is not an active ISO 4217 code with a minor unit."""

    code = "unknown_currency"


class InvalidTermsError(InstallmentsError):
    """Plan terms are malformed: installment count, frequency, policy, dates."""

    code = "invalid_terms"


class InfeasiblePlanError(InstallmentsError):
    """The terms are well-formed but no plan can honour them under the chosen rounding policy.

    For example 0.05 USD in 12 installments: less than one cent per installment.
    """

    code = "infeasible_plan"


class InvalidCardNumberError(InstallmentsError):
    """A card number (PAN) is malformed, fails the Luhn check or is of the wrong brand.

    ``actual`` never holds the number: at most its length and last four digits.
    """

    code = "invalid_card_number"


class InvalidRequestError(InstallmentsError):
    """A request payload breaks one or more rules.

    ``path``, ``expected`` and ``actual`` describe the first violation; ``violations`` holds them
    all, as the validation report listed them.
    """

    code = "invalid_request"

    def __init__(
        self,
        path: str,
        *,
        expected: str,
        actual: str,
        detail: str = "",
        violations: tuple[object, ...] = (),
    ) -> None:
        super().__init__(path, expected=expected, actual=actual, detail=detail)
        self.violations = violations

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_request_error, (self.path, self.expected, self.actual, self.detail, self.violations))


def _rebuild_request_error(
    path: str, expected: str, actual: str, detail: str, violations: tuple[object, ...]
) -> InvalidRequestError:
    return InvalidRequestError(path, expected=expected, actual=actual, detail=detail, violations=violations)


class LifecycleError(InstallmentsError):
    """A step of a purchase's lifecycle is out of order: a select before any plans, a refund beyond
    what was captured, a cancel with nothing to cancel."""

    code = "lifecycle"


class PlansResponseError(InstallmentsError):
    """A get-plans response lacks what a follow-up request needs (plan IDs, terms versions)."""

    code = "unusable_plans_response"


class UnknownLocaleError(InstallmentsError):
    """A locale identifier that CLDR (as shipped with babel) does not know, such as ``xx_YY``."""

    code = "unknown_locale"


class MalformedResponseError(InstallmentsError):
    """A response cannot be read at all: not JSON, not an object, or neither known wire format.

    Problems *inside* a readable response (a wrong type, a missing field, a wrong amount) are not
    raised: the validator lists them in its report, every one with its path.
    """

    code = "malformed_response"


class DuplicateKeyError(MalformedResponseError):
    """A JSON object names the same key twice: which of the values counts would be the parser's
    choice, not the sender's, so the document is refused.  ``path`` is the repeated key's."""

    code = "duplicate_key"


class ResponseFormatError(MalformedResponseError):
    """A document that is not exactly one get-plans format: it carries the plan list of both
    (``installmentInformation`` and ``matchedPlans``), or of neither."""

    code = "response_format"


class ErrorResponseError(MalformedResponseError):
    """An error answer where a plan list was expected: a ``status`` other than ``ACCEPTED``, a
    ``processorInformation.responseCode`` other than a success, or a ``reason`` or ``errorInformation``."""

    code = "error_response"


class InvalidDisplayOptionError(InstallmentsError):
    """A display option is not one the library can honour exactly: a number pattern it would have
    to round or scale, an unknown numbering system or format type, digits out of range, a field
    name that is not a usable HTML name.

    >>> err = InvalidDisplayOptionError("digits", expected="an integer from 0 to 6", actual="50")
    >>> str(err), err.code
    ('digits: expected an integer from 0 to 6, found 50', 'invalid_display_option')
    """

    code = "invalid_display_option"
