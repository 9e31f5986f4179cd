"""``audit_throughput``: responses per second through ``installments-core audit``'s engine.

The workload is a generated JSON Lines file of 100,000 responses (500 distinct consistent
responses of one to four plans, USD, JPY and KWD, in both wire formats, every tenth with one
amount off by one minor unit), as a payment service would log them with the order amount.  It is
audited with one worker and with every core, each against the plain single-threaded loop of
``validate_response`` over the same lines.  ``--quick`` uses 2,000 lines.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

from installments_core import audit_lines, compute_plan, validate_response
from installments_core._audit import available_workers
from installments_core._wire.decoding import decode_json
from installments_core._wire.encode import (
    cybersource_plan_detail,
    cybersource_response,
    visa_matched_plan,
    visa_response,
)
from installments_core.plans import PlanOffer, TermsAndConditions

from .._harness import Case

CASE_NAMES = ("audit_throughput",)
_LINES = 100_000
_QUICK_LINES = 2_000
_DISTINCT = 500


def _responses(seed: int = 2026) -> list[str]:
    chooser = random.Random(seed)
    lines = []
    for index in range(_DISTINCT):
        currency, digits = chooser.choice(CURRENCIES)
        amount = Decimal(chooser.randint(50_000, 5_000_000)).scaleb(-digits)
        lines.append(logged_response(index, amount, currency, chooser, one_unit_off=index % 10 == 0))
    return lines


CURRENCIES = (("USD", 2), ("JPY", 0), ("KWD", 3))
"""The currencies of the generated logs, with their minor digits."""
MINOR_UNITS = {currency: Decimal(1).scaleb(-digits) for currency, digits in CURRENCIES}


def logged_response(index: int, amount: Decimal, currency: str, chooser: random.Random, *, one_unit_off: bool) -> str:
    """Line *index* of a generated log: a response of one to four plans for *amount* in *currency*, in Cybersource's
    format on even lines and Visa's on odd ones, with the order amount, as a payment service logs it; *one_unit_off*
    puts one minor unit more on the first plan's total, as an issuer's bug would."""
    offers = []
    for number in range(chooser.randint(1, 4)):
        count = chooser.choice([3, 6, 10, 12, 18, 24])
        plan = compute_plan(amount, currency, count, fee_rate=chooser.choice(["0", "2.50", "5.00"]),
                            upfront_rate=chooser.choice(["0", "1.00", "6.00"]))
        terms = (TermsAndConditions("eng", "1", "Terms of the plan."),)
        offers.append(PlanOffer(f"plan-{index}-{number}", plan, name=f"Plan{count}M",
                                identifier=f"{index % 10**6:06d}{number:04d}", terms=terms))
    document: Any  # the writers return objects; this reaches into them by the formats' own keys
    if index % 2:
        document = visa_response([visa_matched_plan(offer) for offer in offers])
    else:
        document = cybersource_response([cybersource_plan_detail(offer) for offer in offers])
    if one_unit_off:
        if index % 2:
            document["matchedPlans"][0]["costInfo"]["totalPlanCost"] += 1
        else:
            details = document["installmentInformation"]["planDetails"][0]["amountDetails"]
            details["totalPlanAmount"] = str(Decimal(details["totalPlanAmount"]) + MINOR_UNITS[currency])
    return json.dumps({"response": document, "orderAmount": str(amount), "currency": currency}, separators=(",", ":"))


def make_cases(quick: bool) -> list[Case]:
    """The two audit cases over a freshly generated log."""
    distinct = _responses()
    size = _QUICK_LINES if quick else _LINES
    lines = [distinct[index % _DISTINCT].encode() for index in range(size)]

    def plain_loop() -> object:
        results = []
        for line in lines:
            envelope = decode_json(line)
            assert isinstance(envelope, dict)
            results.append(validate_response(envelope["response"], order_amount=envelope["orderAmount"],
                                             currency=envelope["currency"]).ok)
        return results

    workers = available_workers()
    return [
        Case("audit_throughput[1 worker]", lambda: audit_lines(lines, workers=1), "validate_response loop",
             plain_loop, calls_per_round=1, rounds=1, items=size),
        Case(f"audit_throughput[{workers} workers]", lambda: audit_lines(lines, workers=workers),
             "validate_response loop", plain_loop, calls_per_round=1, rounds=1, items=size),
    ]
