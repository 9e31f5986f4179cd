"""The response readers: what they read from a plan, and what they record instead of raising.

Each format has one reader (``_wire/cybersource/reader.py``, ``_wire/visa/reader.py``).  Published
and generated plans read without a single problem and are accepted at once; a value JSON cannot
hold, or a text the parsers refuse, is recorded as an error at its path; no JSON at all makes a
reader raise anything but the library's errors.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import json
import tracemalloc
from collections import OrderedDict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from installments_core import InstallmentsError, compute_plan, strategies, validate_response
from installments_core._core.money import CTX
from installments_core._validation import checks as checks_module
from installments_core._validation import recompute as recompute_module
from installments_core._validation import validator as validator_module
from installments_core._wire import reading as reading_module
from installments_core._wire.amount_details import amount_details
from installments_core._wire.cybersource.reader import read_fees
from installments_core._wire.decoding import decode_json
from installments_core._wire.response_reader import read_response

from .conftest import GUIDE
from .response_strategies import JSON, SEEDS

_RESPONSES = sorted(GUIDE.glob("get_plans_*.response.json"))


@pytest.fixture(autouse=True)
def _cold_caches() -> Iterator[None]:
    """Each test starts with nothing cached, so a stale entry cannot hide a difference."""
    validator_module.clear_caches()
    yield
    validator_module.clear_caches()


def _plans(document: dict[str, Any]) -> list[Any]:
    return document["installmentInformation"]["planDetails"]  # type: ignore[no-any-return]


def _not_called(*_arguments: object, **_options: object) -> None:
    raise AssertionError("a plan was compared rule by rule")


def _accepted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a plan that is not accepted at once fails the test."""
    monkeypatch.setattr(checks_module, "_fits", _not_called)
    monkeypatch.setattr(checks_module, "_cross_checks", _not_called)


@pytest.mark.parametrize("path", _RESPONSES, ids=lambda path: path.stem)
def test_published_plans_read_clean_and_are_accepted_at_once(path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    reading = read_response(decode_json(path.read_bytes()))
    assert reading.errors == []
    assert all(plan.clean for plan in reading.plans)
    _accepted_at_once(monkeypatch)
    # Bytes with the order given: accepted by their texts alone, the amounts never read.
    monkeypatch.setattr(checks_module, "read_details", _not_called)
    request = path.with_name(path.name.replace(".response", ".request"))
    assert validate_response(path.read_bytes(), request=request.read_bytes()).ok
    if reading.format == "cybersource":  # the order amount inferred from the plans: still no rule run
        order = decode_json(request.read_bytes())["orderInformation"]["amountDetails"]  # type: ignore[index]
        assert validate_response(path.read_bytes(), currency=order["currency"]).ok


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.get_plans_responses(max_plans=4))
def test_generated_plans_read_clean_and_are_accepted_at_once(generated: strategies.GeneratedResponse) -> None:
    reading = read_response(generated.document)
    assert reading.errors == []
    assert all(plan.clean for plan in reading.plans)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _accepted_at_once(monkeypatch)
        report = validate_response(generated.document, order_amount=generated.order_amount,
                                   currency=generated.currency)
    assert report.ok


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_any_json_is_read_or_refused_with_a_library_error(node: object) -> None:
    for document in (node, {"installmentInformation": {"planDetails": [node]}}, {"installmentInformation": node},
                     {"matchedPlans": [node]}):
        with contextlib.suppress(InstallmentsError):
            read_response(document)


# Edits a well-formed plan survives or not, each one close to what the fast path decides on.
EDITS: list[tuple[str, Any]] = [
    ("amountDetails.fees.0.type", "CONSUMER_UPFRONT"),  # a repeated fee type
    ("amountDetails.fees.0.type", "MERCHANT_FUNDING"),  # not a fee type in Cybersource's format
    ("amountDetails.fees.1.type", "CONSUMER"),
    ("amountDetails.fees.0.monthlyRatePercentage", "0.42"),
    ("amountDetails.fees.1.monthlyRatePercentage", "0.42"),  # read, but not a CONSUMER fee's
    ("amountDetails.fees.0.monthlyRatePercentage", "101"),
    ("amountDetails.fees.0.ratePercentage", "5"),
    ("amountDetails.fees.0.ratePercentage", "5.0000"),
    ("amountDetails.fees.0.flatFeeAmount", "0.001"),
    ("amountDetails.fees.0.flatFeeAmount", "1.5"),
    ("amountDetails.firstInstallment.totalAmountExcludingUpfrontFee", None),
    ("amountDetails.firstInstallment.totalAmountExcludingUpfrontFee", "41.670"),
    ("amountDetails.totalPlanAmount", "0525.00"),
    ("amountDetails.totalPlanAmount", "525"),
    ("amountDetails.totalPlanAmount", " 525.00"),
    ("amountDetails.firstInstallment.amount", "41.670"),  # right, in another text
    ("amountDetails.firstInstallment.upfrontFeeAmount", "0.0"),
    ("amountDetails.lastInstallment.amount", "41.630"),
    ("amountDetails.lastInstallment.note", "kept"),  # an unknown field, tolerated
    ("amountDetails.lastInstallment.feeAmount", "2.13"),
    ("amountDetails.interestRate", None),
    ("amountDetails.interestRate", "9.10"),
    ("amountDetails.interestRate", "101"),
    ("planId", "2880acde-0166-c2cd-2ceb-163061cdb601"),  # the first plan's: a duplicate
    ("amountDetails.interestRate", "9.31"),
    ("amountDetails.currency", None),
    ("amountDetails.currency", "EUR"),
    ("amountDetails.currency", 840),
    ("fundedBy", ["MERCHANT"]),
    ("fundedBy", ["CONSUMER", "MERCHANT"]),
    ("fundedBy", ["CONSUMER", "CONSUMER", "MERCHANT"]),
    ("fundedBy", []),
    ("isIslamicPlan", True),
    ("shariaLawPlan", "yes"),
    ("identifier", "0000-00024"),
    ("identifier", "０００００００１５Ｄ"),  # ten full-width letters and digits: not ASCII
    ("identifier", "00000000245"),
    ("identifier", "000000024"),
    ("promotionId", 7),
    ("totalCount", "012"),
    ("frequency", "monthly"),
    ("termsAndConditions.0.languageCode", "en"),
    ("termsAndConditions.0.version", " "),
    ("termsAndConditions.0.text", ""),
    ("termsAndConditions.0.tncUrl", None),
    ("termsAndConditions", []),
    ("termsAndConditions", None),
]


def edit(plan: dict[str, Any], dotted: str, value: Any) -> None:
    """Set (or, for None, remove) the field at *dotted*; nothing when an earlier edit removed its parent."""
    *parents, last = dotted.split(".")
    node: Any = plan
    for key in parents:
        try:
            node = node[int(key)] if isinstance(node, list) else node[key]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(node, list):
        node[int(last)] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value


class _Text(str):
    __slots__ = ()


@pytest.mark.parametrize(
    ("dotted", "value", "found"),
    [
        ("amountDetails.totalPlanAmount", _Text("525.00"), "a decimal string such as '41.67'"),
        ("amountDetails.fees.0.ratePercentage", _Text("5.00"), "a percentage as a decimal string"),
        ("amountDetails.firstInstallment.amount", _Text("41.67"), "a decimal string such as '41.67'"),
        ("planName", _Text("Plan12M"), "a string"),
        ("planType", _Text("ISSUER_DEFAULT"), "a string"),
        ("promotionId", _Text("062112M1"), "a string"),
        ("identifier", _Text("0000000025"), "a string"),
        ("termsAndConditions.0.tncUrl", _Text("https://usa.visa.com"), "a string"),
        ("amountDetails.currency", _Text("USD"), "a string"),
        ("amountDetails.lastInstallment.feeAmount", _Text("2.12"), "a decimal string such as '41.67'"),
        ("planId", _Text("p1"), "a string"),
        ("amountDetails", "ordered", "an object"),
        ("amountDetails.totalPlanAmount", Decimal("525.00"), "a decimal string such as '41.67'"),
        ("amountDetails.totalPlanAmount", 525, "a decimal string such as '41.67'"),
        ("totalCount", 12, "a count from 1 to"),
    ],
)
def test_a_value_json_cannot_hold_is_an_error_at_its_path(dotted: str, value: Any, found: str) -> None:
    """A str or dict subclass, a Decimal or an int where text belongs: refused by exact type, where it is."""
    document = copy.deepcopy(SEEDS["cybersource-2024"])
    plan = _plans(document)[1]
    if value == "ordered":
        plan["amountDetails"] = OrderedDict(plan["amountDetails"])
    else:
        edit(plan, dotted, value)
    [error] = read_response(document).plans[1].errors
    wire_path = dotted.replace(".0.", "[0].")
    assert error.path == f"installmentInformation.planDetails[1].{wire_path}"
    assert error.message.startswith(f"expected {found}")


@pytest.mark.parametrize("dotted", ["id", "submitTimeUtc", "status", "processorInformation.responseCode",
                                    "paymentInformation.paymentAccountReference.id"])
def test_an_envelope_text_json_cannot_hold_is_an_error_at_its_path(dotted: str) -> None:
    document = copy.deepcopy(SEEDS["cybersource-2024"])
    *parents, last = dotted.split(".")
    node = document
    for key in parents:
        node = node[key]
    node[last] = _Text(node[last])
    [error] = read_response(document).errors
    assert error.path == dotted
    assert error.message.startswith("expected a string")


def _one_plan(plan: Any, frequency: str) -> dict[str, Any]:
    detail = {"planId": "p1", "totalCount": str(plan.total_count), "frequency": frequency,
              "amountDetails": amount_details(plan),
              "termsAndConditions": [{"version": "1", "text": "Terms", "languageCode": "eng"}]}
    return {"installmentInformation": {"planDetails": [detail]}}


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        # A weekly plan's monthly rate above 100 %: the careful reading refuses the text.
        (("500.00", 1, {"frequency": "WEEKLY", "fee_rate": "30"}), "monthlyRatePercentage"),
        # Totals of 16 integer digits: more than the careful reading takes.
        (("999999999999999", 12, {"fee_rate": "100"}), "totalPlanAmount"),
    ],
)
def test_texts_the_careful_reading_refuses_are_never_verified(terms: Any, field: str) -> None:
    """The library itself writes these plans, but equal texts prove nothing the parsers refuse."""
    amount, count, options = terms
    plan = compute_plan(amount, "USD", count, **options)
    document = _one_plan(plan, options.get("frequency", "MONTHLY"))
    report = validate_response(document, order_amount=amount, currency="USD")
    assert not report.ok
    assert [error.path.rsplit(".", 1)[1] for error in report.errors] == [field]


def test_the_parsed_text_caches_keep_taking_texts_when_full() -> None:
    """A long-running service whose texts change keeps its caches useful: the oldest text goes out."""
    cache = reading_module._AMOUNTS
    for cents in range(cache.limit + 10):
        assert reading_module.known_amount(f"{cents}.00") == (Decimal(cents).quantize(Decimal("0.01")), -2)
    assert len(cache) == cache.limit
    assert "0.00" not in cache
    assert f"{cache.limit + 9}.00" in cache


def test_the_recomputed_plan_cache_keeps_each_rates_exponent() -> None:
    """5 and 5.00 are equal, but the plan computed from each keeps its own: the cache must not mix them."""
    document = copy.deepcopy(SEEDS["cybersource-2024"])
    validate_response(document, order_amount="500.00", currency="USD")
    _plans(document)[1]["amountDetails"]["fees"][0]["ratePercentage"] = "5"
    report = validate_response(document, order_amount="500.00", currency="USD")
    assert str(report.plans[1].offer.plan.fee_rate) == "5"  # type: ignore[union-attr]


def test_the_recomputed_plan_cache_is_bounded() -> None:
    for cents in range(recompute_module._RECOMPUTED_LIMIT + 50):
        validate_response(SEEDS["cybersource-2024"], order_amount=Decimal(50000 + cents).scaleb(-2), currency="USD")
    assert len(recompute_module._RECOMPUTED) == recompute_module._RECOMPUTED_LIMIT


@settings(max_examples=60, deadline=None)
@given(strategies.plans())
def test_the_expected_amounts_are_the_plans_own_installments(plan: Any) -> None:
    """What the validator compares each stated amount with, checked against the plan's schedule."""
    current, rev_2024 = recompute_module.amounts_by_role(plan)
    first, last = plan.installment(1), plan.installment(plan.total_count)
    assert current == {
        "first_amount": first.principal, "first_fee": first.fee, "first_upfront": first.upfront_fee,
        "first_excl": plan.first_total_excluding_upfront_fee, "first_total": first.total,
        "last_amount": last.principal, "last_fee": last.fee, "last_upfront": last.upfront_fee,
        "last_total": last.total, "last_amount_top": last.principal,
        "total_upfront": plan.total_upfront_fee, "total_recurring": plan.total_recurring_fee,
        "total_fee": plan.total_fee, "total_plan": plan.total_plan_amount,
        "fee_flat": plan.fee_flat, "upfront_flat": plan.upfront_flat,
    }
    assert rev_2024 == current | {"first_fee": CTX.add(first.fee, first.upfront_fee)}
    assert list(current)[:len(checks_module.DERIVED_ROLES)] == list(checks_module.DERIVED_ROLES)


def _plan_details(document: dict[str, Any]) -> list[Any]:
    return document["installmentInformation"]["planDetails"]  # type: ignore[no-any-return]


def test_an_unreadable_amount_is_reported_even_when_the_plan_header_has_an_error() -> None:
    """A plan with an error in its header and one in its amounts reports both, the order amount given or
    inferred (the amounts, read last, were once left unread when the header had failed)."""
    document = copy.deepcopy(SEEDS["cybersource"])
    plan = _plan_details(document)[1]
    plan["frequency"] = "monthly"  # a header error
    plan["amountDetails"]["totalPlanAmount"] = "5O0.00"  # a letter O: unreadable
    data = json.dumps(document)
    inferred = validate_response(data, currency="USD")
    given = validate_response(data, order_amount="500.00", currency="USD")
    assert [error.path for error in given.errors] == [error.path for error in inferred.errors]
    assert any(error.path.endswith("amountDetails.totalPlanAmount") for error in given.errors)


def test_the_acceptance_cache_keeps_no_large_value_of_the_callers_documents() -> None:
    """The acceptance's cache keeps fee entries, bounded in number: it keeps only entries of the
    table's fields, each a short text, so a megabyte under an unknown key (which the reader ignores)
    is not kept alive by it, response after response; and the kept reports hold no plan of more than
    a few kilobytes as their key."""
    validator_module.clear_caches()
    document = copy.deepcopy(SEEDS["cybersource"])
    validate_response(json.dumps(document), order_amount="500.00", currency="USD")
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for cents in range(20):
            edited = copy.deepcopy(document)
            _plan_details(edited)[1]["amountDetails"]["fees"][0]["note"] = "x" * 1_000_000
            validate_response(json.dumps(edited), order_amount=f"{600 + cents}.00", currency="USD")
            del edited
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        validator_module.clear_caches()
    assert retained < 5_000_000, f"{retained / 1e6:.0f} MB of the callers' documents kept after validation"


def test_read_fees_records_the_finest_exponent_as_read_details_does() -> None:
    """read_fees records the finest exponent it read, as read_details does: what the acceptance's
    whole-minor-units check of flat fees reads."""
    reading = read_fees([{"type": "CONSUMER", "ratePercentage": "1.00", "flatFeeAmount": "2.001"}])
    assert reading.finest == -3
