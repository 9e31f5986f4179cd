"""The amount fields of Cybersource Installments requests: the order total and the refund.

Each rule returns a finding (:func:`~.request_fields.field_problem`) or the amount; the ``*_text`` functions
write the amounts the builders send, in plain decimal notation whatever the decimal context.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from .._core.currencies import minor_units
from .._core.money import CTX, parse_amount, parse_decimal, quantum
from .._errors import (
    InstallmentsError,
    UnknownCurrencyError,
    shown_amount,
)
from .._findings import Finding
from .request_fields import (
    AMOUNT,
    REFUND_AMOUNT,
    field_problem,
    refusal,
    safe_describe,
)

__all__ = [
    "check_currency",
    "check_order_amount",
    "check_refund_amount",
    "order_amount_text",
    "parse_money",
    "plain_decimal_text",
    "refund_amount_decimals",
    "refund_amount_text",
]

def check_currency(value: object) -> Finding | None:
    """``currency``: an active ISO 4217 code in upper case.

    >>> check_currency("usd").expected
    "an active ISO 4217 code in upper case, such as 'USD'"
    """
    try:
        # Anything but a string is no code: looking up None gives the same answer without having
        # minor_units describe the value itself (str() of a huge int raises).
        minor_units(value if isinstance(value, str) else None)
    except InstallmentsError as error:
        return field_problem("the currency is an ISO 4217 code", error.expected, safe_describe(value), "currency")
    return None


def check_order_amount(value: object, currency: object) -> Finding | Decimal:
    """``totalAmount``: a positive decimal string in whole minor units of *currency*, or the problem.

    Returns the amount (with the currency's minor digits) when it is valid.  An invalid currency
    is reported by :func:`check_currency`; the amount then gets only its generic checks.

    >>> check_order_amount("500", "USD")
    Decimal('500.00')
    >>> check_order_amount("41.675", "USD").expected
    'an amount in whole USD minor units (2 decimals)'
    """
    if not isinstance(value, str):
        return field_problem(
            "the order total is a decimal string", "a string such as '500' or '41.67'", safe_describe(value),
            "wrong_type",
        )
    try:
        if isinstance(currency, str) and check_currency(currency) is None:
            amount = parse_amount(value, currency)
        else:
            amount = parse_decimal(value, path="")
    except InstallmentsError as error:
        return field_problem("the order total is a positive amount in the currency's minor units", error.expected,
                             safe_describe(value), "amount")
    if amount.is_zero():
        return field_problem("the order total is positive", "an amount above zero", safe_describe(value), "amount")
    return amount


def parse_money(value: object, currency: str, *, path: str) -> Decimal:
    """:func:`~installments_core.parse_amount`, with errors that describe the value safely: a card
    number typed into an amount field is masked like anywhere else.

    >>> parse_money("4622943127019793", "USD", path="amount")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidAmountError: amount: expected an amount of at most 15 integer digits, \
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


def check_refund_amount(value: object, total: Decimal | None, currency: object) -> Finding | Decimal:
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
        return field_problem(
            "the refund amount is a decimal string", "a string such as '60.01'", safe_describe(value), "wrong_type"
        )
    try:
        amount = parse_decimal(value, path="")
    except InstallmentsError as error:
        return field_problem("the refund amount is never negative", error.expected, safe_describe(value), "amount")
    if check_currency(currency) is not None:
        return amount  # the currency's own violation is reported; the rest depends on it
    assert isinstance(currency, str)
    places = refund_amount_decimals(currency)
    if _decimals(value) != places:
        example = "60." + "01".rjust(places, "0") if minor_units(currency) else "60.00"
        return field_problem(
            f"a refund amount is written with exactly {places} decimals, such as {example}",
            f"{places} decimals",
            safe_describe(value),
            "refund_format",
        )
    try:
        amount = parse_amount(value, currency)
    except InstallmentsError as error:
        return field_problem("the refund amount is in whole minor units of the currency", error.expected,
                             safe_describe(value), "amount")
    if amount.is_zero():
        return field_problem("a refund amount is above zero", "an amount above zero", safe_describe(value), "amount")
    if total is not None and not amount < total:
        return field_problem(
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
        raise refusal(field_problem("the order total is positive", "an amount above zero",
                                    safe_describe(total_amount), "amount"), path)
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
    if isinstance(problem, Finding):
        raise refusal(problem, path)
    return text


