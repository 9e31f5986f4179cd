"""The authorization response (``POST /pts/v2/payments``, HTTP 201): what select and cancel need from it.

A plan is linked to the authorization of the full order amount: the select request names it by
``processorInformation.approvalCode`` or ``processorInformation.networkTransactionId``, with its
date and time.  Only these few fields are read, and what a JPO authorization echoes; everything
else in the response is left as it is.

A JPO authorization (Japanese Payment Options) answers with the sales slip number twice, in
``orderInformation.invoiceDetails`` and in ``processorInformation``, and names the Japanese acquirer
that processed it in ``processorInformation.forwardedAcquirerCode``; its currency comes back as
the request wrote it (``jpy``), its amount in whole yen (``100``).  The field reference types the
sales slip number an integer of at most 5 digits in Japan and 8 in Argentina, and Cybersource's
own examples write it as a string: both are read, as the digits' text.  Two different sales slip
numbers, or one that is not a number of at most 8 digits, make the response malformed.  The
published JPO responses echo nothing of ``japanPaymentOptions`` (no ``paymentMethod``, no
``installments``): the payment method is checked on the request, where it is sent.

Only ``status`` ``AUTHORIZED`` is an authorization a plan can be linked to.  Any other status
(Cybersource's table: ``DECLINED``, ``AUTHORIZED_RISK_DECLINED``, ``PARTIAL_AUTHORIZED`` (less
than the order), ``AUTHORIZED_PENDING_REVIEW``, ``INVALID_REQUEST``, ...) raises
:class:`~installments_core.AuthorizationDeclinedError` with the status and
``errorInformation.reason``: the library's choice where the guide is silent, since a plan must
follow the full amount, authorized and not held for review.  The date and time is the response's
``submitTimeUtc``, in the format ``authorizationDateTime`` takes.

>>> authorization = read_authorization('''{"id": "6479624584536070903093", "status": "AUTHORIZED",
...     "submitTimeUtc": "2022-03-22T15:20:58Z",
...     "processorInformation": {"approvalCode": "831000", "networkTransactionId": "016153570198200"}}''')
>>> authorization.approval_code, authorization.network_transaction_id, authorization.authorized_at
('831000', '016153570198200', '2022-03-22T15:20:58Z')
>>> authorization.link()
AuthorizationLink(kind=<LinkKind.NETWORK_TRANSACTION_ID: 'networkTransactionId'>, value='016153570198200', \
authorized_at='2022-03-22T15:20:58Z')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final, NamedTuple

from .._core.currencies import ACTIVE_CURRENCIES
from .._core.money import parse_amount
from .._errors import (
    AuthorizationDeclinedError,
    InvalidRequestError,
    MalformedResponseError,
    describe,
    masked_repr,
)
from .decoding import decode_json
from .payment_identifiers import AuthorizationLink, LinkKind
from .request_fields import check_authorization_date_time, safe_describe

__all__ = ["APPROVED", "Authorization", "leaf", "read_authorization"]

APPROVED: Final = "AUTHORIZED"
"""The one status a plan can be linked to."""

_APPROVAL_CODE: Final = "processorInformation.approvalCode"
_NTID: Final = "processorInformation.networkTransactionId"
_AMOUNT: Final = "orderInformation.amountDetails.authorizedAmount"
_CURRENCY: Final = "orderInformation.amountDetails.currency"
_SALES_SLIPS: Final = ("orderInformation.invoiceDetails.salesSlipNumber", "processorInformation.salesSlipNumber")
_LONGEST_SALES_SLIP: Final = 8
"""Digits, in Argentina; Japan's are 5 (the field reference's "Data Length")."""
_ACQUIRER: Final = "processorInformation.forwardedAcquirerCode"
_LONGEST_ACQUIRER: Final = 32
"""The field reference's length of ``forwardedAcquirerCode``."""
_LONGEST_MESSAGE: Final = 200
"""Cybersource's messages run to a few sentences; a longer one is cut, not carried into logs whole."""


# Processor identifiers are long digit runs: masked like any that could be a card number.
@masked_repr
class Authorization(NamedTuple):
    """An approved authorization, as the select and cancel requests name it."""

    transaction_id: str
    """``id``: the payment's ID, which captures, reversals and refunds name."""
    authorized_at: str
    """``submitTimeUtc``: the ``authorizationDateTime`` select and cancel send."""
    approval_code: str | None
    """``processorInformation.approvalCode``, when the processor returns one."""
    network_transaction_id: str | None
    """``processorInformation.networkTransactionId``, when the processor returns one."""
    authorized_amount: Decimal | None
    """``orderInformation.amountDetails.authorizedAmount`` in its currency's minor digits, when stated."""
    currency: str | None
    """``orderInformation.amountDetails.currency`` in upper case (a JPO response echoes ``jpy``)."""
    sales_slip_number: str | None
    """The sales slip number a JPO authorization carries (``orderInformation.invoiceDetails`` and
    ``processorInformation``), its digits as text."""
    forwarded_acquirer_code: str | None
    """``processorInformation.forwardedAcquirerCode``: the Japanese acquirer that processed the
    authorization (``Sumitomo`` in Cybersource's JPO examples), when stated."""

    def link(self, kind: LinkKind | None = None) -> AuthorizationLink:
        """The link select and cancel send: by *kind*, or else by the network transaction ID when
        the response has one (the NTID alone finds the authorization; a six-character code needs
        the date and time too), and by the approval code when it has not.

        Raises :class:`~installments_core.InvalidRequestError` when the response has no identifier
        of that kind, or one the select request does not accept.
        """
        if kind is None:
            by_code = self.network_transaction_id is None
            kind = LinkKind.AUTHORIZATION_CODE if by_code else LinkKind.NETWORK_TRANSACTION_ID
        value = self.approval_code if kind is LinkKind.AUTHORIZATION_CODE else self.network_transaction_id
        if value is None:
            raise InvalidRequestError(kind.path, expected=f"the authorization response's {kind.words}",
                                      actual="none in the response")
        return AuthorizationLink(kind, value, self.authorized_at)


def leaf(document: Mapping[str, object], path: str) -> object:
    """The value at the dotted *path* of *document*, or None where any step is missing or not an object."""
    node: object = document
    for name in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(name)
    return node


def _text(document: Mapping[str, object], path: str) -> str | None:
    value = leaf(document, path)
    if value is not None and not isinstance(value, str):
        raise MalformedResponseError(path, expected="a string", actual=safe_describe(value))
    return value


def _sales_slip_number(document: Mapping[str, object]) -> str | None:
    numbers = {}
    for path in _SALES_SLIPS:
        value = leaf(document, path)
        if value is None:
            continue
        # Bounded before str(): a huge integer would not even convert.
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**_LONGEST_SALES_SLIP:
            numbers[path] = str(value)
        elif isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= _LONGEST_SALES_SLIP:
            numbers[path] = value
        else:
            raise MalformedResponseError(path, expected=f"a sales slip number of 1 to {_LONGEST_SALES_SLIP} digits",
                                         actual=safe_describe(value))
    if len(set(numbers.values())) > 1:
        first, second = _SALES_SLIPS
        raise MalformedResponseError(second, expected=f"the sales slip number of {first}, {numbers[first]!r}",
                                     actual=safe_describe(numbers[second]))
    return next(iter(numbers.values()), None)


def _forwarded_acquirer_code(document: Mapping[str, object]) -> str | None:
    code = _text(document, _ACQUIRER)
    if code is not None and not 0 < len(code) <= _LONGEST_ACQUIRER:
        raise MalformedResponseError(_ACQUIRER, expected=f"an acquirer's name of 1 to {_LONGEST_ACQUIRER} characters",
                                     actual=safe_describe(code))
    return code


def _declined(document: Mapping[str, object], status: str) -> AuthorizationDeclinedError:
    reason = leaf(document, "errorInformation.reason")
    if reason is None:
        reason = document.get("reason")  # the 400 and 502 answers put it at the top
    message = leaf(document, "errorInformation.message") or document.get("message")
    reason = reason if isinstance(reason, str) else None
    return AuthorizationDeclinedError(
        "status", expected=f"{APPROVED!r} (an approved authorization of the order)",
        actual=describe(status) if reason is None else f"{describe(status)}, reason {describe(reason)}",
        detail=message[:_LONGEST_MESSAGE] if isinstance(message, str) else "", status=status, reason=reason)


def read_authorization(data: object) -> Authorization:
    """The approved authorization in an authorization response (JSON text, or parsed).

    Raises :class:`~installments_core.AuthorizationDeclinedError` for any status but
    ``AUTHORIZED``, and :class:`~installments_core.MalformedResponseError` for a response that
    cannot be read: not JSON, no ``id``, ``status`` or ``submitTimeUtc``, a field of the wrong
    type, or neither an approval code nor a network transaction ID.
    """
    document = decode_json(data, what="authorization response") if isinstance(data, (bytes, str)) else data
    if not isinstance(document, Mapping):
        raise MalformedResponseError("", expected="an authorization response object",
                                     actual=safe_describe(document))
    status = _text(document, "status")
    if status is None:
        raise MalformedResponseError("status", expected="the authorization's status", actual="nothing")
    if status != APPROVED:
        raise _declined(document, status)
    transaction_id = _text(document, "id")
    authorized_at = _text(document, "submitTimeUtc")
    for path, value in (("id", transaction_id), ("submitTimeUtc", authorized_at)):
        if not value:
            raise MalformedResponseError(path, expected="a non-empty string", actual=safe_describe(value))
    assert transaction_id is not None
    assert authorized_at is not None
    problem = check_authorization_date_time(authorized_at)
    if problem is not None:
        raise MalformedResponseError("submitTimeUtc", expected=problem.expected, actual=problem.actual)
    approval_code, ntid = _text(document, _APPROVAL_CODE), _text(document, _NTID)
    if approval_code is None and ntid is None:
        raise MalformedResponseError(
            "processorInformation", expected="an approvalCode or a networkTransactionId (select names the "
            "authorization by one of them)", actual="neither")
    stated = _text(document, _CURRENCY)
    # Upper case in ASCII only: str.upper() makes "ß" "SS", a code nobody sent.
    currency = None if stated is None else stated.upper() if stated.isascii() else stated
    if currency is not None and currency not in ACTIVE_CURRENCIES:
        raise MalformedResponseError(_CURRENCY, expected="an ISO 4217 code, as the authorized amount's currency",
                                     actual=safe_describe(stated))
    amount_text = _text(document, _AMOUNT)
    amount = None
    if amount_text is not None:
        if currency is None:
            raise MalformedResponseError(_CURRENCY, expected="the currency of the authorized amount",
                                         actual="nothing")
        amount = parse_amount(amount_text, currency, path=_AMOUNT)
    return Authorization(transaction_id, authorized_at, approval_code, ntid, amount, currency,
                         _sales_slip_number(document), _forwarded_acquirer_code(document))
