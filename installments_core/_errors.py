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
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Final

# The card-number rule and its masks have their own module; the library imports them from here,
# beside the errors whose descriptions they mask.
from ._masking import (
    MASK,
    SHORTEST_CARD,
    card_number_last_four,
    card_number_spans,
    mask_digit_runs,
    masked_numbers_repr,
    masked_repr,
    shown_amount,
)

if TYPE_CHECKING:
    from ._findings import Finding

__all__ = [
    "MASK",
    "SHORTEST_CARD",
    "AuthorizationDeclinedError",
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
    "card_number_last_four",
    "card_number_spans",
    "describe",
    "mask_digit_runs",
    "masked_numbers_repr",
    "masked_repr",
    "shown_amount",
]

_MAX_DESCRIPTION = 48
# Only the start of a long value is shown, but a card number the cut would halve must be masked
# first: the mask reads this much of the value (far more than any card number's spelling).
_MASKED_PREFIX = 4096

# str(Decimal) would take the exponent's letter case from the thread's context; this one is fixed.
_TEXT: Final = decimal.Context(capitals=1)
_LONGEST_INT_BITS: Final = 256
"""Integers described digit by digit: up to 77 digits, far beyond any field's."""


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
    >>> describe("3782\u00a0822463\u00a010005".encode())
    "bytes '****0005'"
    """
    # Mask before truncating: a card number cut in half by the truncation would not be masked.
    if isinstance(value, float):
        return mask_digit_runs(f"float {value!r}")
    if isinstance(value, str):
        masked = mask_digit_runs(value[:_MASKED_PREFIX])
        if len(masked) > _MAX_DESCRIPTION:
            return f"{masked[: _MAX_DESCRIPTION - 5]!r}… ({len(value)} characters)".replace("'…", "…'", 1)
        return repr(masked)
    plain = isinstance(value, (bool, int)) or value is None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _LONGEST_INT_BITS:
        # repr() of an integer of thousands of digits raises (and would say nothing useful).
        return f"an integer of about {value.bit_length() * 30103 // 100000 + 1} digits"
    if isinstance(value, decimal.Decimal):
        text = f"Decimal {_TEXT.to_sci_string(value)}"
    elif isinstance(value, (bytes, bytearray)):
        # repr() writes a UTF-8 space byte by byte (b'\xc2\xa0'), which reads as a letter and a
        # space, not as one space: the bytes are read as the text they spell.
        text = f"{type(value).__name__} {value[:_MASKED_PREFIX].decode('utf-8', 'backslashreplace')!r}"
    else:
        text = repr(value) if plain else f"{type(value).__name__} {value!s}"
    # Only the start is shown: the mask need not read a megabyte of list or bytes to find it.
    text = mask_digit_runs(text[:_MASKED_PREFIX])
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
    numeric: ClassVar[bool] = False
    """Whether the value was a number (an amount, a rate): one of 13 digits or more is no plausible
    number but could be a card number, and is masked whatever its check digit."""

    def __init__(self, path: str, *, expected: str, actual: str, detail: str = "") -> None:
        # Every part is masked here, whoever raises: a card number in a field name or in the detail
        # is as much a leak as in actual, and what was expected may be derived from what was found
        # (a total from an amount that is a card number): when actual hides one, expected hides as much.
        self.path = mask_digit_runs(path)
        self.actual = mask_digit_runs(actual, card_field=self.numeric)
        self.expected = mask_digit_runs(expected, card_field=MASK in self.actual)
        self.detail = mask_digit_runs(detail)
        message = f"{self.path}: " if self.path else ""
        message += f"expected {self.expected}, found {self.actual}"
        if self.detail:
            message = f"{message} ({self.detail})"
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
    numeric = True


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
    all (each a :class:`~installments_core.Finding`), as the validation report listed them.
    """

    code = "invalid_request"

    def __init__(
        self,
        path: str,
        *,
        expected: str,
        actual: str,
        detail: str = "",
        violations: tuple[Finding, ...] = (),
    ) -> None:
        super().__init__(path, expected=expected, actual=actual, detail=detail)
        self.violations = violations

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_request_error, (self.path, self.expected, self.actual, self.detail, self.violations))


def _rebuild_request_error(
    path: str, expected: str, actual: str, detail: str, violations: tuple[Finding, ...]
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


class AuthorizationDeclinedError(InstallmentsError):
    """An authorization response whose ``status`` is not ``AUTHORIZED``: declined, failed, partial
    or held for review, so no plan can be linked to it.  ``status`` and ``reason`` (its
    ``errorInformation.reason``, if any) are Cybersource's, for programs; ``detail`` is its message.

    >>> err = AuthorizationDeclinedError("status", expected="'AUTHORIZED'", actual="'DECLINED' (EXPIRED_CARD)",
    ...                                  status="DECLINED", reason="EXPIRED_CARD")
    >>> err.code, err.status, err.reason
    ('authorization_declined', 'DECLINED', 'EXPIRED_CARD')
    """

    code = "authorization_declined"

    def __init__(
        self, path: str, *, expected: str, actual: str, detail: str = "", status: str = "", reason: str | None = None
    ) -> None:
        super().__init__(path, expected=expected, actual=actual, detail=detail)
        self.status = mask_digit_runs(status)
        self.reason = None if reason is None else mask_digit_runs(reason)

    def __reduce__(self) -> tuple[object, ...]:
        return (partial(type(self), self.path, expected=self.expected, actual=self.actual, detail=self.detail,
                        status=self.status, reason=self.reason), ())


# Callers import the family from installments_core.errors: tracebacks, reprs and pickles name it
# there, not here (pickle finds each class in that module by its name).
for _error in (globals()[name] for name in __all__):
    if isinstance(_error, type) and issubclass(_error, InstallmentsError):
        _error.__module__ = "installments_core.errors"
