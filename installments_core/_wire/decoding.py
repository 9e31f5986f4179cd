"""JSON decoding for wire documents: strict, float-free, bounded, with line and column on error."""

from __future__ import annotations

import decimal
import json
from typing import Final

import msgspec

from .._errors import DuplicateKeyError, MalformedResponseError, describe, mask_digit_runs

__all__ = ["MAX_INPUT_BYTES", "decode_json", "encode_json"]

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


class _RepeatedKey(ValueError):
    """An object named a key twice; where is found by a second, slower parse (:func:`_repeated_key`)."""


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # Which of two values under one key counts would be the parser's choice (Python's keeps the
    # last, others the first), so a validator could check one value while the sender meant the
    # other.  A dict shorter than its pairs is the one test needed: it costs one len() per object.
    document = dict(pairs)
    if len(document) < len(pairs):
        raise _RepeatedKey
    return document


# One decoder for every call: json.loads(text, **options) would build a new one each time.
# Non-integral numbers become Decimal (a float never exists), NaN/Infinity are refused, and so are
# objects that repeat a key.
_DECODER: Final = json.JSONDecoder(
    object_pairs_hook=_object, parse_float=_NUMBERS.create_decimal, parse_int=_integer,
    parse_constant=_refuse_constant,
)


# The same decoding in C, for the common case (a document every rule accepts).  It shares the number
# rules (non-integral numbers through the same context, integers as int) but keeps the last of two
# values under one key, as every fast decoder does, so a document is taken from it only when no key
# was dropped.  Whatever it refuses or cannot prove goes to the decoder above, which says why.
_FAST_DECODER: Final = msgspec.json.Decoder(float_hook=_NUMBERS.create_decimal)
encode_json: Final = msgspec.json.Encoder(decimal_format="number").encode
"""A decoded document written out as JSON: each kind of value as itself (a Decimal a number, like an int)."""
_UNDECIDED: Final = object()


def _decoded_at_c_speed(data: bytes | bytearray | memoryview | str) -> object:
    """*data* decoded by the C decoder, or ``_UNDECIDED`` when only :data:`_DECODER` can tell.

    No key was dropped when the document written out again has as many colons as *data*: outside
    strings a colon only separates a key from its value, a string's colons survive decoding, and each
    dropped pair would take at least its own separator with it.  Only an escape (``\\u003a``) can
    write a colon without one, so a text with one is left to the careful decoder; so is a ``str``
    subclass, which msgspec does not take.

    One difference is left, at the edge of Python's recursion limit: a document nested about a
    thousand deep may be decoded here a few levels deeper than the careful decoder reaches, which
    depends on the stack it is called from anyway.  No response is nested more than a few levels.
    """
    text = data if isinstance(data, (str, bytes)) else bytes(data)
    escapes, colon = _COLON_ESCAPES[isinstance(text, str)]
    if escapes[0] in text and (escapes[1] in text or escapes[2] in text):  # type: ignore[operator]  # same types
        return _UNDECIDED
    try:
        document = _FAST_DECODER.decode(text)
        if encode_json(document).count(b":") == text.count(colon):  # type: ignore[arg-type]  # likewise
            return document
    # msgspec's errors are ValueErrors from 0.21 on, MsgspecErrors in every release; a str subclass is a
    # TypeError to it.
    except (msgspec.MsgspecError, ValueError, TypeError, ArithmeticError, RecursionError):
        pass
    return _UNDECIDED


_COLON_ESCAPES: Final = {
    # (the prefix every colon escape has, then the two of them), and a colon, for bytes and for text
    False: ((b"\\u003", b"\\u003a", b"\\u003A"), b":"),
    True: (("\\u003", "\\u003a", "\\u003A"), ":"),
}


_LONGEST_SEGMENT: Final = 48


class _Pairs(list[tuple[str, object]]):
    """An object as its list of pairs, repeated keys kept: what :func:`_repeated_key` walks."""


_PAIRS_DECODER: Final = json.JSONDecoder(
    object_pairs_hook=_Pairs, parse_float=_NUMBERS.create_decimal, parse_int=_integer,
    parse_constant=_refuse_constant,
)


def _repeated_key(node: object, path: str) -> tuple[str, str] | None:
    """The path and name of the first repeated key in *node*, in document order."""
    if isinstance(node, _Pairs):
        seen: set[str] = set()
        for key, value in node:
            # Keys are data too: a card number or a megabyte among them must not reach the path.
            segment = mask_digit_runs(key)
            if len(segment) > _LONGEST_SEGMENT:
                segment = segment[: _LONGEST_SEGMENT - 1] + "…"
            key_path = f"{path}.{segment}" if path else segment
            if key in seen:
                return key_path, key
            seen.add(key)
            found = _repeated_key(value, key_path)
            if found is not None:
                return found
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found = _repeated_key(value, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def _duplicate_key_error(text: str) -> DuplicateKeyError:
    """The error for a *text* the decoder found a repeated key in, at that key's path.

    A second parse keeps every pair to find where.  It can fail after the key (the first parse
    stopped there, before a later syntax error or bad number): the key is still what is reported,
    without its path.
    """
    try:
        found = _repeated_key(_PAIRS_DECODER.decode(text), "")
    except (ValueError, ArithmeticError, RecursionError):
        found = None
    path, key = found or ("", None)
    return DuplicateKeyError(path, expected="each key once in an object",
                             actual="a key twice" if key is None else f"{describe(key)} twice")


def decode_json(data: bytes | bytearray | memoryview | str, *, what: str = "response") -> object:
    """Parse JSON *data* (bytes in UTF-8, -16 or -32, or text) without ever producing a float.

    Errors raise :class:`~installments_core.MalformedResponseError` with the line and column; an
    object that names a key twice, at any depth, raises :class:`~installments_core.DuplicateKeyError`
    with the key's path.

    >>> decode_json(b'{"totalAmount": "500"}')
    {'totalAmount': '500'}
    >>> decode_json('{"tncUrl": https://www.visa.com/}')
    Traceback (most recent call last):
    ...
    installments_core.errors.MalformedResponseError: expected a JSON document, found invalid JSON \
at line 1 column 12: Expecting value
    >>> decode_json('{"matchedPlans": [{"vPlanID": "a", "vPlanID": "b"}]}')
    Traceback (most recent call last):
    ...
    installments_core.errors.DuplicateKeyError: matchedPlans[0].vPlanID: expected each key once in an object, \
found 'vPlanID' twice
    """
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise MalformedResponseError("", expected=f"a {what} as JSON text or bytes", actual=describe(data))
    size = data.nbytes if isinstance(data, memoryview) else len(data)  # a view's len() counts its items
    if size > MAX_INPUT_BYTES:
        raise MalformedResponseError(
            "", expected=f"a {what} of at most {MAX_INPUT_BYTES} bytes", actual=f"{size} bytes"
        )
    fast = _decoded_at_c_speed(data)
    return _decode_carefully(data, what) if fast is _UNDECIDED else fast


def _decode_carefully(data: bytes | bytearray | memoryview | str, what: str) -> object:
    """*data* decoded by :data:`_DECODER`, every problem raised as the error that says what and where."""
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
    except _RepeatedKey:
        raise _duplicate_key_error(text) from None
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


