"""The fast paths of validation give exactly what the careful ones give, for every input.

``read_response`` reads a clean Cybersource plan without the careful walk; the validator verifies
a plan that is exactly right in one pass (``_validation/verified.py``), and otherwise reuses
recomputed plans and compares a plan that fits in one step.  The careful walk
(``read_response_carefully``) and the validator with every shortcut switched off are the
reference: readings and reports are compared by ``repr`` as well as ``==``, so that a Decimal's
exponent, a dict's order or a tuple's type would show.
"""

from __future__ import annotations

import copy
import json
import re
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, compute_plan, strategies, validate_response
from installments_core._core.money import CTX, parse_amount
from installments_core._validation import reading as reading_module
from installments_core._validation import validator as validator_module
from installments_core._validation import verified as verified_module
from installments_core._validation.reading import read_response, read_response_carefully
from installments_core._wire.amount_details import amount_details
from installments_core._wire.decoding import decode_json
from installments_core.plans import KNOWN_POLICIES

from .conftest import GUIDE
from .response_strategies import JSON, SEEDS, mutate

_RESPONSES = sorted(GUIDE.glob("get_plans_*.response.json"))


def _same_reading(document: object) -> None:
    """The fast reading of *document* is the careful one, or both raise the same error."""
    try:
        careful = read_response_carefully(copy.deepcopy(document))
    except InstallmentsError as error:
        with pytest.raises(type(error), match=f"^{re.escape(str(error))}$"):
            read_response(document)
        return
    fast = read_response(document)
    assert fast == careful
    assert repr(fast) == repr(careful)


@contextmanager
def _reference() -> Iterator[None]:
    """The validator without shortcuts: careful reading, every plan recomputed, ``_fits`` always run."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(validator_module, "read_response", read_response_carefully)
        monkeypatch.setattr(validator_module, "_verified_response", lambda *_arguments, **_options: None)
        monkeypatch.setattr(validator_module, "_KNOWN_POLICY_INDEX", {})
        monkeypatch.setattr(validator_module._Recomputed, "reproduces", lambda _self, _reading: False)
        yield


def _outcome(data: object, **arguments: Any) -> str:
    try:
        report = validate_response(copy.deepcopy(data), **arguments)  # type: ignore[arg-type]
    except InstallmentsError as error:
        return f"{type(error).__name__}: {error}"
    return repr(report)


def _same_report(data: object, **arguments: Any) -> None:
    """validate_response gives the reference's report, cold and with its caches warm."""
    with _reference():
        reference = _outcome(data, **arguments)
    assert _outcome(data, **arguments) == reference
    assert _outcome(data, **arguments) == reference  # every recomputed plan now comes from the cache


@pytest.fixture(autouse=True)
def _cold_caches() -> Iterator[None]:
    """Each test starts with no recomputed plan cached, so a stale entry cannot hide a difference."""
    validator_module.clear_caches()
    yield
    validator_module.clear_caches()


def _plans(document: dict[str, Any]) -> list[Any]:
    return document["installmentInformation"]["planDetails"]  # type: ignore[no-any-return]


def _not_called(*_arguments: object, **_options: object) -> None:
    raise AssertionError("a plan was checked rule by rule")


@pytest.mark.parametrize("path", _RESPONSES, ids=lambda path: path.stem)
def test_published_responses_read_and_validate_as_the_careful_walk_does(path: Any) -> None:
    document: Any = decode_json(path.read_bytes())
    _same_reading(document)
    if "installmentInformation" in document:
        # Not a vacuous comparison: every published plan takes the fast path.
        for index, plan in enumerate(_plans(document)):
            assert reading_module._clean_cybersource_plan(index, plan, "p") is not None
    request = path.with_name(path.name.replace(".response", ".request"))
    if "installmentInformation" in document:
        # ... and is verified in one pass against its request's order.
        order = decode_json(request.read_bytes())["orderInformation"]["amountDetails"]  # type: ignore[index]
        amount = parse_amount(order["totalAmount"], order["currency"])
        for index, plan in enumerate(_plans(document)):
            assert verified_module.verified_plan(
                index, plan, amount, order["currency"], 0, seen=set(), decoded=True
            ) is not None
        # With the order amount inferred from the plans too: no plan is left to the rule-by-rule check.
        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setattr(validator_module, "_check_plan", _not_called)
            assert validate_response(path.read_bytes(), currency=order["currency"]).ok
    _same_report(path.read_bytes(), request=request.read_bytes())
    _same_report(path.read_bytes(), currency="USD")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.get_plans_responses(max_plans=4))
def test_generated_responses_read_and_validate_as_the_careful_walk_does(
    generated: strategies.GeneratedResponse,
) -> None:
    document = generated.document
    _same_reading(document)
    if generated.format == "cybersource":
        assert reading_module._clean_cybersource(document) is not None
        for index, plan in enumerate(_plans(document)):
            assert reading_module._clean_cybersource_plan(index, plan, "p") is not None
            assert verified_module.verified_plan(
                index, plan, generated.order_amount, generated.currency, 0, seen=set(), decoded=False
            ) is not None
    _same_report(document, order_amount=generated.order_amount, currency=generated.currency)
    _same_report(json.dumps(document), currency=generated.currency)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.corrupted_responses(), st.sampled_from(KNOWN_POLICIES[:3]), st.sampled_from([0, 1]))
def test_corrupted_responses_read_and_validate_as_the_careful_walk_does(
    corrupted: tuple[strategies.GeneratedResponse, strategies.Corruption], policy: Any, tolerance: int
) -> None:
    generated, _ = corrupted
    _same_reading(generated.document)
    _same_report(generated.document, order_amount=generated.order_amount, currency=generated.currency,
                 policy=policy, tolerance=tolerance)
    _same_report(generated.document, currency=generated.currency)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_mutated_published_responses_read_and_validate_as_the_careful_walk_does(
    seed: str, data: st.DataObject
) -> None:
    document, _ = mutate(seed, data)
    _same_reading(document)
    _same_report(document, order_amount="500", currency="USD")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_arbitrary_json_in_a_plan_reads_as_the_careful_walk_does(node: object) -> None:
    _same_reading(node)
    _same_reading({"installmentInformation": {"planDetails": [node]}})
    _same_reading({"installmentInformation": node})


# Edits a well-formed plan survives or not, each one close to what the fast path decides on.
_EDITS: list[tuple[str, Any]] = [
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


def _edit(plan: dict[str, Any], dotted: str, value: Any) -> None:
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


@pytest.mark.parametrize("seed", ["cybersource", "cybersource-2024"])
@pytest.mark.parametrize(("dotted", "value"), _EDITS)
def test_each_edit_near_the_fast_paths_edge_reads_and_validates_as_the_careful_walk_does(
    seed: str, dotted: str, value: Any
) -> None:
    for index in range(len(_plans(SEEDS[seed]))):
        document = copy.deepcopy(SEEDS[seed])
        _edit(_plans(document)[index], dotted, copy.deepcopy(value))
        _same_reading(document)
        _same_report(document, order_amount="500.00", currency="USD")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["cybersource", "cybersource-2024"]),
    st.lists(st.tuples(st.sampled_from(_EDITS), st.integers(0, 3)), min_size=1, max_size=3),
)
def test_combined_edits_read_and_validate_as_the_careful_walk_does(
    seed: str, edits: list[tuple[tuple[str, Any], int]]
) -> None:
    document = copy.deepcopy(SEEDS[seed])
    plans = _plans(document)
    for (dotted, value), index in edits:
        _edit(plans[index % len(plans)], dotted, copy.deepcopy(value))
    _same_reading(document)
    _same_report(document, order_amount="500.00", currency="USD")
    _same_report(document, currency="USD")


class _Text(str):
    __slots__ = ()


@pytest.mark.parametrize(
    ("dotted", "value"),
    [
        ("amountDetails.totalPlanAmount", _Text("525.00")),
        ("amountDetails.fees.0.ratePercentage", _Text("5.00")),
        ("amountDetails.firstInstallment.amount", _Text("41.67")),
        ("planName", _Text("Plan12M")),
        ("planType", _Text("ISSUER_DEFAULT")),
        ("promotionId", _Text("062112M1")),
        ("identifier", _Text("0000000025")),
        ("termsAndConditions.0.tncUrl", _Text("https://usa.visa.com")),
        ("amountDetails.currency", _Text("USD")),
        ("amountDetails.lastInstallment.feeAmount", _Text("2.12")),
        ("planId", _Text("p1")),
        ("amountDetails", "ordered"),
        ("amountDetails.totalPlanAmount", Decimal("525.00")),
        ("amountDetails.totalPlanAmount", 525),
        ("totalCount", 12),
    ],
)
def test_values_json_cannot_hold_take_the_careful_path(dotted: str, value: Any) -> None:
    """A str or dict subclass, a Decimal or an int where text belongs: read as the careful walk reads them."""
    document = copy.deepcopy(SEEDS["cybersource-2024"])
    plan = _plans(document)[1]
    if value == "ordered":
        plan["amountDetails"] = OrderedDict(plan["amountDetails"])
    else:
        _edit(plan, dotted, value)
    assert reading_module._clean_cybersource_plan(1, plan, "p") is None
    _same_reading(document)
    _same_report(document, order_amount="500.00", currency="USD")


@pytest.mark.parametrize("dotted", ["id", "submitTimeUtc", "status", "processorInformation.responseCode",
                                    "paymentInformation.paymentAccountReference.id"])
def test_an_envelope_text_json_cannot_hold_takes_the_careful_path(dotted: str) -> None:
    document = copy.deepcopy(SEEDS["cybersource-2024"])
    *parents, last = dotted.split(".")
    node = document
    for key in parents:
        node = node[key]
    node[last] = _Text(node[last])
    assert reading_module.clean_plans(document) is None
    _same_reading(document)
    _same_report(document, order_amount="500.00", currency="USD")


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
    _same_report(document, order_amount=amount, currency="USD")
    _same_report(json.dumps(document), order_amount=amount, currency="USD")


def test_the_recomputed_plan_cache_keeps_each_rates_exponent() -> None:
    """5 and 5.00 are equal, but the plan computed from each keeps its own: the cache must not mix them."""
    document = copy.deepcopy(SEEDS["cybersource-2024"])
    validate_response(document, order_amount="500.00", currency="USD")
    _plans(document)[1]["amountDetails"]["fees"][0]["ratePercentage"] = "5"
    report = validate_response(document, order_amount="500.00", currency="USD")
    assert str(report.plans[1].offer.plan.fee_rate) == "5"  # type: ignore[union-attr]
    _same_report(document, order_amount="500.00", currency="USD")


def test_the_recomputed_plan_cache_is_bounded() -> None:
    for cents in range(validator_module._RECOMPUTED_LIMIT + 50):
        validate_response(SEEDS["cybersource-2024"], order_amount=Decimal(50000 + cents).scaleb(-2), currency="USD")
    assert validator_module._recompute_known.cache_info().currsize == validator_module._RECOMPUTED_LIMIT


@settings(max_examples=60, deadline=None)
@given(strategies.plans())
def test_the_expected_amounts_are_the_plans_own_installments(plan: Any) -> None:
    """What the validator compares each stated amount with, checked against the plan's schedule."""
    current, rev_2024 = verified_module.amounts_by_role(plan)
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
    assert list(current)[:len(validator_module._DERIVED_ROLES)] == list(validator_module._DERIVED_ROLES)
