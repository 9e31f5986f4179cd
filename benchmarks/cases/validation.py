"""``validate_response``: the seed 004 get-plans response, bytes in, report out.

The response is the 2024-03 guide's two-plan example (``tests/data/guide/get_plans_pan_2024``),
checked against its request's order amount as a service would.  The baseline is ``json.loads`` of
the same bytes: the least any consumer of the response must spend on it.

Two cases.  ``validate_response`` is the issue's case: the same response validated again and again,
so after the first call the validator's caches of recomputed plans hold its plans (a shop whose
prices and issuers' plans repeat); the target of 3.0 is for it.  ``validate_response[cold]`` empties
those caches before every call (a service whose order amounts never repeat): it prices a plan never
seen before, recomputation and effective APR included, and is reported without a target so that
nobody mistakes the first number for the cost of a new plan.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from installments_core import validate_response
from installments_core._validation.validator import clear_caches

from .._harness import Case

_RESPONSE = (
    Path(__file__).resolve().parents[2] / "tests" / "data" / "guide" / "get_plans_pan_2024.response.json"
).read_bytes()
_AMOUNT = Decimal("500.00")


def _validate() -> object:
    return validate_response(_RESPONSE, order_amount=_AMOUNT, currency="USD")


def _json_loads() -> object:
    return json.loads(_RESPONSE)


def _validate_cold() -> object:
    clear_caches()
    return _validate()


CASES = [
    Case("validate_response", _validate, "json.loads", _json_loads, target=3.0),
    Case("validate_response[cold]", _validate_cold, "json.loads", _json_loads),
]
