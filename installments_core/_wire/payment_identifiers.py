"""The typed parameters of a request: the payment identifier and the link to the authorization.

Card numbers are :class:`~installments_core.CardNumber`; the payment account reference and the
tokens are :class:`PaymentAccountReference` and :class:`Token`; select and cancel point at the
authorization with an :class:`AuthorizationLink`.  Each is checked when made, with the field
rules of :mod:`.request_fields`, so a builder given one needs no second check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Final

from .._core.arguments import parse_enum
from .._core.card import CardNumber, mask_digit_runs
from .._errors import (
    InvalidRequestError,
)
from .request_fields import (
    AUTHORIZATION_DATE_TIME,
    CARD_NUMBER,
    PAR,
    check_authorization_code,
    check_authorization_date_time,
    check_network_transaction_id,
    check_par,
    check_token,
    parse_authorization_date_time,
    refusal,
    safe_describe,
)

__all__ = [
    "PAYMENT_IDENTIFIER_PATHS",
    "AuthorizationLink",
    "LinkKind",
    "PaymentAccountReference",
    "PaymentIdentifier",
    "Token",
    "TokenKind",
]

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
    installments_core.errors.InvalidRequestError: paymentInformation.paymentAccountReference.id: expected a \
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
            raise refusal(problem, PAR)

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
            raise refusal(problem, self.kind.value)

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
        raise refusal(problem, AUTHORIZATION_DATE_TIME)
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
            raise refusal(problem, kind.path)
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


