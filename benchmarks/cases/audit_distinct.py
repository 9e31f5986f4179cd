"""``audit_distinct``: an audit of a log whose every line is a response never seen before.

A processor's log holds millions of responses for orders of every amount, so almost no plan repeats: what an
audit costs there is what a plan never seen before costs.  The workload is 100,000 distinct lines (1,000 with
``--quick``) from the project's own writer: every line its own order amount in USD, JPY or KWD, one to four plans of
3 to 24 installments with the fees of the line, both wire formats, one line in ten (as many of each format) with
one amount one minor unit off.

* ``audit_distinct[1 worker]``: ``audit_lines(lines, workers=1)`` by this process's CPU time, against the floor: a
  loop that only decodes each line with ``json.loads`` and recomputes each plan's regular installment, fee total
  and plan total in Decimal, checking the plan total (the least any audit of these lines must do).  The target is
  the issue's: at most 1.5 times the floor, and 15,000 responses per CPU-second (printed under the ratio).
* ``audit_distinct[bad/good]``: the tenth of the lines with a discrepancy against as many right ones of the same
  formats, one worker, by CPU time: what a discrepancy costs (target 3.0).
* ``audit_distinct[2 workers]``: two worker processes against one, by the wall clock: the ratio of their times,
  target 1/1.8 (two workers give at least 1.8 times one worker's responses per second on an idle machine).
"""

from __future__ import annotations

import json
import random
from decimal import ROUND_HALF_UP, ROUND_UP, Context, Decimal

from installments_core import audit_lines
from installments_core._audit import available_workers

from .._harness import Case
from .audit import CURRENCIES, logged_response

CASE_NAMES = ("audit_distinct",)
_LINES = 100_000
_QUICK_LINES = 1_000
_UNITS = {digits: Decimal(1).scaleb(-digits) for _, digits in CURRENCIES}
_DIGITS = dict(CURRENCIES)
_HUNDRED = Decimal(100)
_CONTEXT = Context(prec=34)


def _line(index: int, chooser: random.Random) -> bytes:
    currency, digits = chooser.choice(CURRENCIES)
    amount = Decimal(chooser.randint(50_000, 5_000_000) * 7 + index % 7).scaleb(-digits)
    return logged_response(index, amount, currency, chooser, one_unit_off=_discrepant(index)).encode()


def _discrepant(index: int) -> bool:
    """Whether line *index* has one amount off: one line in ten, as many of each format (even lines are
    Cybersource's, odd ones Visa's)."""
    return index % 20 in {0, 5}


def _like_discrepant(index: int) -> bool:
    """Right lines as many as the discrepant ones and of the same formats: what a discrepancy is compared with."""
    return index % 20 in {2, 7}


def distinct_lines(size: int, seed: int = 2026) -> list[bytes]:
    """*size* lines, no two alike (each its own order amount), one in ten with one amount off."""
    chooser = random.Random(seed)
    return [_line(index, chooser) for index in range(size)]


def _floor(lines: list[bytes]) -> int:
    """Decode each line and recompute each plan's regular installment and fees in Decimal, checking its total:
    the number of plans found right."""
    right = 0
    for line in lines:
        envelope = json.loads(line)
        response = envelope["response"]
        amount = Decimal(envelope["orderAmount"])
        digits = _DIGITS[envelope["currency"]]
        if "matchedPlans" in response:
            plans = [(plan["numberOfInstallments"],
                      [Decimal(fee["ratePercentage"]).scaleb(-2) for fee in plan["costInfo"]["feeInfo"]],
                      Decimal(plan["costInfo"]["totalPlanCost"]).scaleb(-digits)) for plan in response["matchedPlans"]]
        else:
            plans = [(int(plan["totalCount"]),
                      [Decimal(fee["ratePercentage"]) for fee in plan["amountDetails"]["fees"]],
                      Decimal(plan["amountDetails"]["totalPlanAmount"]))
                     for plan in response["installmentInformation"]["planDetails"]]
        unit = _UNITS[digits]
        for count, rates, total in plans:
            regular = _CONTEXT.divide(amount, count).quantize(unit, ROUND_UP, _CONTEXT)
            fees = sum(
                _CONTEXT.divide(_CONTEXT.multiply(amount, rate), _HUNDRED).quantize(unit, ROUND_HALF_UP, _CONTEXT)
                for rate in rates
            )
            right += total == _CONTEXT.add(amount, fees) and regular > 0
    return right


def make_cases(quick: bool) -> list[Case]:
    """The three cases over a freshly generated log of distinct lines."""
    lines = distinct_lines(_QUICK_LINES if quick else _LINES)
    bad = [line for index, line in enumerate(lines) if _discrepant(index)]
    good = [line for index, line in enumerate(lines) if _like_discrepant(index)]
    _check_floor_reads(lines[:50])
    workers = min(2, available_workers())
    return [
        Case("audit_distinct[1 worker]", lambda: audit_lines(lines, workers=1),
             "floor: json.loads + Decimal plan totals", lambda: _floor(lines), target=1.5, calls_per_round=1,
             rounds=1, items=len(lines), cpu=True),
        Case("audit_distinct[bad/good]", lambda: audit_lines(bad, workers=1), "audit_lines of as many right lines",
             lambda: audit_lines(good, workers=1), target=3.0, calls_per_round=1, rounds=3, cpu=True),
        Case(f"audit_distinct[{workers} workers]", lambda: audit_lines(lines, workers=workers),
             "audit_lines, 1 worker", lambda: audit_lines(lines, workers=1), target=round(1 / 1.8, 3),
             calls_per_round=1, rounds=1, items=len(lines)),
    ]


def _check_floor_reads(lines: list[bytes]) -> None:
    # The floor must do its work, not skip it: it finds every plan right but the one wrong plan of each tenth line.
    plans = 0
    for line in lines:
        response = json.loads(line)["response"]
        plans += len(response.get("matchedPlans") or response["installmentInformation"]["planDetails"])
    found = _floor(lines)
    wrong = sum(map(_discrepant, range(len(lines))))
    assert found == plans - wrong, f"the floor finds {found} of {plans} plans right"
