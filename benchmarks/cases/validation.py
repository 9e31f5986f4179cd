"""``validate_response``: the seed 004 get-plans response, bytes in, report out.

The response is the 2024-03 guide's two-plan example (``tests/data/guide/get_plans_pan_2024``),
checked against its request's order amount as a service would.  The baseline is ``json.loads`` of
the same bytes: the least any consumer of the response must spend on it.  Where it is validated again
and again, it comes with another id and time each call, as responses do.

Two cases.  ``validate_response`` is the issue's case: the same response validated again and again,
so after the first call the validator holds its plans' reports and recomputed plans (a shop whose
prices and issuers' plans repeat: the response's own id and time differ from call to call in
production, its plans do not); the target of 3.0 is for it.  ``validate_response[cold]`` empties
those caches before every call (a service whose order amounts never repeat): it prices a plan never
seen before, recomputation and effective APR included, and is reported without a target so that
nobody mistakes the first number for the cost of a new plan.

Two more price a discrepancy: the same response with the 12-month plan's first fee one cent more,
as an issuer's bug would state it, against the right response validated the same way, so that the
ratio is what the discrepancy costs (target 3.0, the issue's): ``validate_response[discrepant]``
validated again and again (a wrong plan's report is held like a right one's, so it costs what a right
one costs), ``validate_response[discrepant, cold]`` with every cache emptied before every call (a log
of distinct lines, where a bad plan is never seen twice).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from installments_core import validate_response
from installments_core._validation.validator import clear_caches

from .._harness import Case

_RESPONSE = (
    Path(__file__).resolve().parents[2] / "tests" / "data" / "guide" / "get_plans_pan_2024.response.json"
).read_bytes()
_AMOUNT = Decimal("500.00")


def _one_cent_more() -> bytes:
    document = json.loads(_RESPONSE)
    first = document["installmentInformation"]["planDetails"][1]["amountDetails"]["firstInstallment"]
    first["feeAmount"] = str(Decimal(first["feeAmount"]) + Decimal("0.01"))
    return json.dumps(document).encode()


_DISCREPANT = _one_cent_more()


def _with_ids(response: bytes) -> Iterator[bytes]:
    """*response* as a service receives it again and again: its plans the same, its own id and time not
    (nothing may be kept by the whole response's bytes)."""
    document = json.loads(response)
    texts = []
    for call in range(256):
        document["id"] = f"{7103624818226565203955 + call}"
        document["submitTimeUtc"] = f"2024-03-13T20:{call // 60 % 60:02}:{call % 60:02}Z"
        texts.append(json.dumps(document).encode())
    return itertools.cycle(texts)


_RESPONSES = _with_ids(_RESPONSE)
_LOADED = _with_ids(_RESPONSE)
_DISCREPANTS = _with_ids(_DISCREPANT)


def _validate() -> object:
    return validate_response(next(_RESPONSES), order_amount=_AMOUNT, currency="USD")


def _json_loads() -> object:
    return json.loads(next(_LOADED))


def _validate_cold() -> object:
    clear_caches()
    return validate_response(_RESPONSE, order_amount=_AMOUNT, currency="USD")


def _validate_discrepant() -> object:
    return validate_response(next(_DISCREPANTS), order_amount=_AMOUNT, currency="USD")


def _validate_discrepant_cold() -> object:
    clear_caches()
    return validate_response(_DISCREPANT, order_amount=_AMOUNT, currency="USD")


CASES = [
    Case("validate_response", _validate, "json.loads", _json_loads, target=3.0),
    Case("validate_response[cold]", _validate_cold, "json.loads", _json_loads),
    Case("validate_response[discrepant]", _validate_discrepant, "validate_response", _validate, target=3.0),
    Case("validate_response[discrepant, cold]", _validate_discrepant_cold, "validate_response[cold]", _validate_cold,
         target=3.0),
]
