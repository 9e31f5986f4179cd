"""Request checks: a select request validated, and a card number's Luhn check.

``validate_select`` times ``validate_request`` on the guide's PAN-and-authorization-code select
request (every field rule, the identifier and link counts, the amount) against ``json.loads`` of
the same request: validating should cost no more than about ten parses of the request, so that a
merchant can check every request before it is sent without noticing.

``luhn`` times :func:`~installments_core.cards.luhn_valid` on a 16-digit number against the textbook
one-liner (reverse, double every second digit, sum the digits).
"""

from __future__ import annotations

import json
from pathlib import Path

from installments_core import validate_request
from installments_core.cards import luhn_valid

from .._harness import Case

_TEXT = (Path(__file__).parents[2] / "tests" / "data" / "guide" / "select_pan_ac.request.json").read_text("utf-8")
_SELECT = json.loads(_TEXT)
_PAN = "4622943127019793"


def _validate() -> object:
    return validate_request(_SELECT, "select")


def _parse() -> object:
    return json.loads(_TEXT)


def _textbook_luhn() -> object:
    digits = [int(char) for char in reversed(_PAN)]
    return (sum(digits[0::2]) + sum(sum(divmod(2 * digit, 10)) for digit in digits[1::2])) % 10 == 0


CASES = [
    Case("validate_select", _validate, "json.loads of the request", _parse, target=12.0),
    Case("luhn", lambda: luhn_valid(_PAN), "textbook Luhn", _textbook_luhn, target=1.0),
]
