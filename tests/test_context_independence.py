"""The library never reads or changes the thread's decimal context, and is safe to call from many threads."""

from __future__ import annotations

import decimal
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import pytest

from installments_core import compute_plan
from installments_core._wire.amount_details import quote_json
from installments_core.amounts import parse_amount, parse_rate
from installments_core.cli import main
from installments_core.plans import KNOWN_POLICIES, policy_from_name

TERMS = [
    ("500", "USD", 12, {"fee_rate": "5.00", "upfront_rate": "6.00"}),
    ("500", "USD", 6, {}),
    ("500", "USD", 2, {"frequency": "BIWEEKLY", "fee_rate": "2.00", "fee_flat": "2.00", "upfront_flat": "6.00"}),
    ("3000", "QAR", 6, {"upfront_flat": "100.00"}),
    ("123456789012345", "JPY", 24, {"fee_rate": "13.99"}),
    ("999999999999.999", "KWD", 36, {"fee_rate": "7.25", "upfront_rate": "1.5", "fee_flat": "0.125"}),
    ("0.36", "USD", 3, {"fee_rate": "33.33"}),
]


def _everything() -> list[object]:
    """Every computation the library offers on the terms above, in comparable form."""
    results: list[object] = []
    for amount, currency, count, terms in TERMS:
        for policy in KNOWN_POLICIES[:6]:
            plan = compute_plan(amount, currency, count, policy=policy, **terms)  # type: ignore[arg-type]
            schedule = plan.schedule()
            results.append(json.dumps(quote_json(plan, schedule, plan.cost_of_credit()), sort_keys=True))
    results.append(str(parse_amount("41.67", "USD")))
    results.append(str(parse_rate("5.00")))
    results.append(policy_from_name("principal=half-even,months-weekly=0.23").name)
    return results


def _hostile_context() -> decimal.Context:
    # Three digits, rounding toward minus infinity, and every signal a trap: any arithmetic that
    # used the ambient context would round, or raise; and a lower-case exponent, which any text
    # made with str() of a Decimal in exponent form would show.
    return decimal.Context(
        prec=3,
        rounding=ROUND_FLOOR,
        Emin=-5,
        Emax=5,
        capitals=0,
        traps=[decimal.Inexact, decimal.Rounded, decimal.Subnormal, decimal.Underflow, decimal.Overflow,
               decimal.InvalidOperation, decimal.DivisionByZero, decimal.Clamped],
    )


def test_a_hostile_global_context_changes_nothing() -> None:
    expected = _everything()
    with decimal.localcontext(_hostile_context()) as hostile:
        assert _everything() == expected
        # And nothing we did changed the caller's context either.
        assert hostile.prec == 3
        assert hostile.rounding == ROUND_FLOOR
        assert not any(hostile.flags.values())


def test_the_cli_is_independent_of_the_context_too(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["quote", "--amount", "500", "--currency", "USD", "--count", "12", "--fee-rate", "5", "--json"]
    assert main(arguments) == 0
    expected = capsys.readouterr().out
    with decimal.localcontext(_hostile_context()):
        assert main(arguments) == 0
    assert capsys.readouterr().out == expected


def test_the_callers_context_is_left_exactly_as_it_was() -> None:
    with decimal.localcontext() as mine:
        mine.prec = 17
        mine.rounding = decimal.ROUND_HALF_DOWN
        before = (mine.prec, mine.rounding, mine.Emin, mine.Emax, dict(mine.traps), dict(mine.flags))
        _everything()
        assert (mine.prec, mine.rounding, mine.Emin, mine.Emax, dict(mine.traps), dict(mine.flags)) == before


def test_many_threads_get_exactly_the_sequential_results() -> None:
    expected = _everything()
    barrier = threading.Barrier(8)

    def work(index: int) -> list[object]:
        barrier.wait()
        if index % 2:
            # Half the threads run under their own hostile context at the same time.
            with decimal.localcontext(_hostile_context()):
                return [_everything() for _ in range(3)][-1]
        return [_everything() for _ in range(3)][-1]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert all(result == expected for result in results)


def test_results_never_carry_an_exponent_the_hostile_context_would_give() -> None:
    with decimal.localcontext(_hostile_context()):
        plan = compute_plan("123456789012345.67", "USD", 7, fee_rate="9.99")
    assert plan.amount == Decimal("123456789012345.67")
    # 9.99 % of the amount is 12333333222333.332433: 12333333222333.33 after half-up rounding.
    assert str(plan.total_plan_amount) == "135790122234679.00"


def _every_layer() -> list[str]:
    """Validation (both formats), requests, display and audits, as text."""
    from installments_core import audit_lines, validate_request, validate_response
    from installments_core._wire.encode import visa_matched_plan, visa_response
    from installments_core.display import summarize_offers

    from .conftest import GUIDE, guide_json

    results = []
    for name in ("get_plans_token", "get_plans_pan_qar", "get_plans_pan_2024"):
        report = validate_response((GUIDE / f"{name}.response.json").read_bytes(),
                                   request=(GUIDE / f"{name}.request.json").read_bytes())
        results.append(json.dumps(report.as_json(), sort_keys=True))
        for locale in ("en_US", "ar_QA", "ja_JP", "de_CH"):
            listing = summarize_offers(report.offers, locale, amount=report.order_amount, currency=report.currency)
            results.append(json.dumps(listing.as_json(), sort_keys=True, ensure_ascii=False))
        native = visa_response([visa_matched_plan(offer) for offer in report.offers])
        results.append(json.dumps(validate_response(native, order_amount=report.order_amount,
                                                    currency=report.currency).as_json(), sort_keys=True))
    for name, kind in (("select_pan_ac", "select"), ("cancel_par_ntid", "cancel"), ("get_plans_token", "get-plans")):
        results.append(repr(validate_request(guide_json(f"{name}.request"), kind)))
    log = [(GUIDE / "get_plans_token.response.json").read_text("utf-8").replace("\n", " ")] * 3
    results.append(json.dumps(audit_lines(log).as_json(), sort_keys=True))
    results.append(json.dumps(validate_response(_unusual_response(), order_amount="1.00", currency="USD").as_json(),
                              sort_keys=True))
    return results


def _unusual_response() -> bytes:
    """Plans off the common path: an APR only the core solver settles (100 000.00 of fees on 1.00), an
    upfront fee in the 2024 convention, and a flat fee written with a digit too many (read the careful way)."""
    from installments_core._wire.encode import cybersource_plan_detail, cybersource_response
    from installments_core.plans import PlanOffer, TermsAndConditions

    terms = (TermsAndConditions("eng", "1", "Terms"),)
    absurd = PlanOffer("p-absurd", compute_plan("1.00", "USD", 12, fee_flat="100000.00"), terms=terms)
    upfront = PlanOffer("p-upfront", compute_plan("1.00", "USD", 1, upfront_rate="6.00", upfront_flat="0.50"),
                        terms=terms)
    longhand = cybersource_plan_detail(PlanOffer("p-longhand", compute_plan("1.00", "USD", 1, fee_flat="0.25"),
                                                 terms=terms))
    longhand["amountDetails"]["fees"][0]["flatFeeAmount"] = "0.250"  # type: ignore[index]
    details = [cybersource_plan_detail(absurd), cybersource_plan_detail(upfront, convention="2024"), longhand]
    return json.dumps(cybersource_response(details)).encode()


def test_a_hostile_global_context_changes_nothing_in_any_layer() -> None:
    from installments_core._validation.validator import clear_caches

    clear_caches()
    expected = _every_layer()
    # Cold caches again: every plan is recomputed and every APR proven or solved under the hostile context.
    clear_caches()
    with decimal.localcontext(_hostile_context()) as hostile:
        assert _every_layer() == expected
        assert not any(hostile.flags.values())


def test_the_unusual_plans_take_the_paths_they_are_meant_to(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not vacuous: one plan's APR needs the core solver, and every plan validates clean."""
    from installments_core import validate_response
    from installments_core._validation import rates
    from installments_core._validation.validator import clear_caches

    solved: list[object] = []
    core = rates._solved_apr

    def counted(plan: Any) -> Decimal:
        solved.append(plan)
        return core(plan)

    monkeypatch.setattr(rates, "_solved_apr", counted)
    clear_caches()
    report = validate_response(_unusual_response(), order_amount="1.00", currency="USD")
    assert [plan.ok for plan in report.plans] == [True, True, True]
    assert len(solved) == 1


def test_a_decimal_is_described_the_same_whatever_the_callers_exponent_letter() -> None:
    """str(Decimal) takes the exponent's case from the thread's context; error messages must not."""
    from installments_core import validate_response
    from installments_core._errors import describe

    document = {"installmentInformation": {"planDetails": [{"planId": Decimal("1E+5")}]}}
    expected = validate_response(document, order_amount="500", currency="USD").errors[0].message
    with decimal.localcontext(decimal.Context(capitals=0)):
        assert describe(Decimal("1E+5")) == "Decimal 1E+5"
        assert validate_response(document, order_amount="500", currency="USD").errors[0].message == expected
    assert "Decimal 1E+5" in expected
