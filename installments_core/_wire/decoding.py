"""JSON decoding for wire documents: strict, float-free, bounded, with line and column on error."""

from __future__ import annotations

import decimal
import json
from typing import Final

from .._errors import MalformedResponseError, describe

__all__ = ["MAX_INPUT_BYTES", "decode_json"]

MAX_INPUT_BYTES: Final = 2 * 1024 * 1024
"""Largest document read: real responses are a few kilobytes (a hundred plans with long terms in two
languages make 0.8 MB), and parsing must stay in milliseconds."""


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


# Numbers are read in a context of their own: Decimal(text) would consult the thread's context
# (a number too large for it is NaN where InvalidOperation is not trapped, an error where it is).
# Here every number is kept exactly or refused.
_NUMBERS: Final = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.Overflow, decimal.Underflow, decimal.Inexact, decimal.Rounded],
)


class _NumberOutOfRange(ArithmeticError):
    """An integer of more digits than Python converts: out of range like an exponent beyond any decimal's."""


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise _NumberOutOfRange from None


# One decoder for every call: json.loads(text, **options) would build a new one each time.
# Non-integral numbers become Decimal (a float never exists), and NaN/Infinity are refused.
_DECODER: Final = json.JSONDecoder(
    parse_float=_NUMBERS.create_decimal, parse_int=_integer, parse_constant=_refuse_constant
)


def decode_json(data: bytes | bytearray | memoryview | str, *, what: str = "response") -> object:
    """Parse JSON *data* (bytes in UTF-8, -16 or -32, or text) without ever producing a float.

    Errors raise :class:`~installments_core.MalformedResponseError` with the line and column.

    >>> decode_json(b'{"totalAmount": "500"}')
    {'totalAmount': '500'}
    >>> decode_json('{"tncUrl": https://www.visa.com/}')
    Traceback (most recent call last):
    ...
    installments_core._errors.MalformedResponseError: expected a JSON document, found invalid JSON \
at line 1 column 12: Expecting value
    """
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise MalformedResponseError("", expected=f"a {what} as JSON text or bytes", actual=describe(data))
    if len(data) > MAX_INPUT_BYTES:
        raise MalformedResponseError(
            "", expected=f"a {what} of at most {MAX_INPUT_BYTES} bytes", actual=f"{len(data)} bytes"
        )
    if isinstance(data, str):
        text = data
    else:
        raw = bytes(data)
        try:
            text = raw.decode(json.detect_encoding(raw), "strict")
        except UnicodeDecodeError as error:
            raise MalformedResponseError(
                "", expected=f"a {what} in UTF-8, UTF-16 or UTF-32", actual=f"undecodable bytes ({error.reason})"
            ) from None
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise MalformedResponseError(
            "",
            expected="a JSON document",
            actual=f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}",
        ) from None
    except RecursionError:
        raise MalformedResponseError("", expected="a JSON document nested less deeply", actual="too deep") from None
    except ArithmeticError:  # decimal's signals, and integers of thousands of digits
        raise MalformedResponseError("", expected="a JSON document", actual="a number out of range") from None
    except ValueError as error:  # NaN/Infinity, integers beyond Python's digit limit
        raise MalformedResponseError("", expected="a JSON document", actual=describe(str(error))) from None


