"""The C decoder decides only what the careful decoder would decide the same way.

``decode_json`` takes a document from msgspec when it can prove that nothing was lost (no key dropped, no float
made) and otherwise asks the standard library's decoder with its hooks, which says what is wrong and where.  The
property: for any text, valid or broken, with keys repeated at any depth and colons in every place a colon can be
(in keys, in values, written as ``\\u003a``), both ways give the same document or the same error.
"""

from __future__ import annotations

import array
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core._wire import decoding
from installments_core._wire.decoding import decode_json
from installments_core.errors import DuplicateKeyError, InstallmentsError

KEYS = st.sampled_from(["a", "b", "a:", ":", "planId", "a\u003a", "ключ", "😀"])
TEXTS = st.text(alphabet=st.sampled_from("ab:\\\"\u003a\u00e9\ud7ff😀\x7f \t"), max_size=6)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["1e5", "-0", "-0.0", "1E+2", "100e0", "9" * 40, "1e99999999999", "0.10"]),
)


def _render(node: Any, draw: st.DrawFn) -> str:
    """JSON text of *node*, in any spacing and escaping, sometimes with a key written twice."""
    space = draw(st.sampled_from(["", " ", "\n\t"]))
    if isinstance(node, dict):
        pairs = [(key, _render(value, draw)) for key, value in node.items()]
        if pairs and draw(st.integers(0, 4)) == 0:
            key, _ = draw(st.sampled_from(pairs))
            pairs.insert(draw(st.integers(0, len(pairs))), (key, _render(draw(TEXTS), draw)))
        return "{" + f",{space}".join(
            f"{_string(key, draw)}:{space}{value}" for key, value in pairs
        ) + "}"
    if isinstance(node, list):
        return "[" + f",{space}".join(_render(value, draw) for value in node) + "]"
    if isinstance(node, str) and node.startswith("#"):
        return node[1:]  # a number as written
    if isinstance(node, str):
        return _string(node, draw)
    return json.dumps(node)


def _string(text: str, draw: st.DrawFn) -> str:
    written = json.dumps(text, ensure_ascii=draw(st.booleans()))
    # A colon may be written as an escape, which the C decoder's proof cannot see.
    return written.replace(":", "\\u003a") if draw(st.integers(0, 3)) == 0 else written


VALUES = st.recursive(
    st.none() | st.booleans() | TEXTS | NUMBERS.map(lambda number: f"#{number}"),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def documents(draw: st.DrawFn) -> bytes | str:
    """A JSON text, mostly valid, sometimes broken by a byte put in, and given as text or in some encoding."""
    text = _render(draw(VALUES), draw)
    if draw(st.integers(0, 5)) == 0:
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(["\ufeff", "\x00", ",", "}", "NaN", "\\ud800", " "])) + (
            text[position:]
        )
    shape = draw(st.sampled_from(["text", "str subclass", "utf-8", "utf-8", "utf-16", "bom", "junk", "view"]))
    if shape in {"text", "str subclass"}:
        return text if shape == "text" else _Text(text)
    try:
        if shape == "bom":
            return text.encode("utf-8-sig")
        encoded = text.encode("utf-16" if shape == "utf-16" else "utf-8")
    except UnicodeEncodeError:  # a lone surrogate put in as text
        return text
    if shape == "view":
        return memoryview(encoded)  # type: ignore[return-value]  # bytes-like, as decode_json takes
    if shape == "junk":
        position = draw(st.integers(0, len(encoded)))
        return encoded[:position] + draw(st.sampled_from([b"\xff", b"\xc0\x80", b"\xed\xa0\x80"])) + encoded[position:]
    return encoded


class _Text(str):
    """A str subclass: msgspec does not take one, the careful decoder does."""


def _outcome(decode: Any, data: bytes | str) -> tuple[str, object]:
    try:
        return "document", decode(data)
    except InstallmentsError as error:
        return type(error).__name__, (error.path, error.expected, error.actual, error.code)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_both_decoders_give_the_same_document_or_the_same_error(data: bytes | str) -> None:
    fast = _outcome(decode_json, data)
    careful = _outcome(lambda given: decoding._decode_carefully(given, "response"), data)
    assert fast == careful
    # Same values are not enough: 1, True and Decimal("1") are equal, and a reader tells them apart.
    assert repr(fast) == repr(careful)


@pytest.mark.parametrize("text", [
    '{"a": "x:y", "a": "z"}',  # the dropped value's colon
    '{"a": {"b": 1}, "a": 2}',
    '[{"planId": "a"}, {"planId": "a", "planId": "b"}]',
])
def test_a_repeated_key_the_c_decoder_would_keep_quiet_about_is_refused(text: str) -> None:
    with pytest.raises(DuplicateKeyError):
        decode_json(text)


def test_a_colon_written_as_an_escape_goes_to_the_careful_decoder() -> None:
    # Counting colons cannot see this one: the repeated key's colon is made up for by the escaped one.
    with pytest.raises(DuplicateKeyError):
        decode_json('{"a": "\\u003a", "b": 1, "b": 2}')
    assert decode_json(b'{"a\\u003a": "\\u003A"}') == {"a:": ":"}


def test_numbers_are_the_careful_decoders_numbers() -> None:
    document = decode_json(b'{"a": 1.50, "b": 123456789012345678901234567890, "c": 1E+2, "d": -0}')
    assert document == {"a": Decimal("1.50"), "b": 123456789012345678901234567890, "c": Decimal("1E+2"), "d": 0}
    assert [type(value) for value in document.values()] == [Decimal, int, Decimal, int]  # type: ignore[attr-defined]


def test_escapes_other_than_a_colons_stay_at_c_speed() -> None:
    # Go's encoding/json writes < > & as \u003c \u003e \u0026: only a colon's escape needs the careful decoder.
    assert decoding._decoded_at_c_speed('{"a": "\\u003c\\u003e"}') == {"a": "<>"}
    assert decoding._decoded_at_c_speed(b'{"a": "\\u003A"}') is decoding._UNDECIDED


def test_the_size_bound_counts_bytes_whatever_the_view() -> None:
    items = memoryview(array.array("Q", [0] * (decoding.MAX_INPUT_BYTES // 8 + 1)))
    assert len(items) <= decoding.MAX_INPUT_BYTES < items.nbytes
    with pytest.raises(InstallmentsError, match="bytes"):
        decode_json(items)
