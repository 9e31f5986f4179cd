"""Accepting a plan that is exactly right gives the report comparing it rule by rule would give.

Validation accepts a plan whose every stated amount is exactly the recomputed one without running
the comparison rules, keeps recomputed plans in a cache, skips the policy search for a plan that
breaks a rule every policy keeps, and keeps plans' reports by the plan written out as JSON.  With all
four switched off, every plan is compared rule by rule and recomputed afresh: the reports must be
the same, by ``repr`` (a Decimal's exponent, a tuple's order and a finding's words would show), for
every input.  A held report must also never answer for another plan: one that differs only in a
value JSON writes alike (``1`` and ``1e0``), in a value of another kind (``1``, ``"1"``, ``true``),
or in an earlier plan with the same planId.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, strategies, validate_response
from installments_core._validation import checks as checks_module
from installments_core._validation import recompute as recompute_module
from installments_core._validation import validator as validator_module
from installments_core.plans import KNOWN_POLICIES

from .response_strategies import JSON, SEEDS, mutate
from .test_readers import EDITS, edit


@contextmanager
def _rule_by_rule() -> Iterator[None]:
    """The validator without shortcuts: no plan accepted at once, every plan recomputed afresh, the
    policy searched for whenever the expected one does not reproduce a plan."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(recompute_module, "KNOWN_POLICY_INDEX", {})
        monkeypatch.setattr(checks_module, "worth_searching", lambda *_arguments: True)
        monkeypatch.setattr(recompute_module.Recomputed, "reproduces", lambda _self, _reading: False)
        monkeypatch.setattr(checks_module, "matching_plan", lambda *_arguments: None)
        monkeypatch.setattr(validator_module, "_memo_context", lambda *_arguments: None)
        yield


def _outcome(data: object, arguments: dict[str, Any]) -> str:
    try:
        report = validate_response(copy.deepcopy(data), **arguments)  # type: ignore[arg-type]
    except InstallmentsError as error:
        return f"{type(error).__name__}: {error}"
    return repr(report)


@st.composite
def _inputs(draw: st.DrawFn) -> tuple[object, dict[str, Any]]:
    """A response (generated, corrupted, a published one mutated or edited, or any JSON) and arguments."""
    source = draw(st.sampled_from(["generated", "corrupted", "mutated", "edited", "json"]))
    if source in {"generated", "corrupted"}:
        generated = draw(strategies.get_plans_responses(max_plans=4)) if source == "generated" else draw(
            strategies.corrupted_responses()
        )[0]
        document: object = generated.document
        given_order = {"order_amount": generated.order_amount, "currency": generated.currency}
        arguments = draw(st.sampled_from([given_order, {"currency": generated.currency}]))
        arguments = arguments | draw(st.sampled_from([{}, {"tolerance": 1}, {"policy": KNOWN_POLICIES[1]},
                                                      {"regime": "eu-aprc"}]))
    elif source == "json":
        node = draw(JSON)
        document = draw(st.sampled_from([node, {"installmentInformation": {"planDetails": [node]}}, {
            "matchedPlans": [node]}]))
        arguments = {"currency": "USD"}
    else:
        if source == "mutated":
            document, _ = mutate(draw(st.sampled_from(sorted(SEEDS))), draw(st.data()))
        else:
            document = copy.deepcopy(SEEDS[draw(st.sampled_from(["cybersource", "cybersource-2024"]))])
            plans = document["installmentInformation"]["planDetails"]  # type: ignore[index]
            for (dotted, value), index in draw(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 3)),
                                                        min_size=1, max_size=3)):
                edit(plans[index % len(plans)], dotted, copy.deepcopy(value))
        arguments = draw(st.sampled_from([{"order_amount": "500.00", "currency": "USD"}, {"currency": "USD"}, {}]))
    # Mostly as text: only a decoded document is accepted by its texts, the route under test here.
    if draw(st.integers(0, 3)):
        with contextlib.suppress(TypeError):  # a Decimal the generators put in stays an object
            document = json.dumps(document)
    return document, arguments


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_inputs())
def test_accepting_a_plan_at_once_gives_the_rule_by_rule_report(case: tuple[object, dict[str, Any]]) -> None:
    document, arguments = case
    validator_module.clear_caches()
    with _rule_by_rule():
        reference = _outcome(document, arguments)
    assert _outcome(document, arguments) == reference
    assert _outcome(document, arguments) == reference  # every recomputed plan now comes from the cache


# Values a held report must tell apart, each as JSON writes it: numbers that are equal (and an int and a Decimal
# written alike), the same digits as a string, true, null.
LOOK_ALIKES = ["1", "1e0", "1.0", '"1.0"', "10E-1", '"1"', "true", "null", "0", "-0", '"0.00"', "0.00", "{}", "[]"]
_MARKER = "@@look-alike@@"


def _as_number(value: object) -> list[str]:
    """*value*'s own text as a JSON number, when it is the text of one ("0.00" -> 0.00): what an amount looks
    like to a writer that cannot tell a number from a string."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            json.loads(value)
            return [value] if value[:1] in "-0123456789" else []
    return []


def _objects(node: object) -> list[dict[str, Any]]:
    """Every object in *node*, at any depth, *node* first."""
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _objects(value))]
    if isinstance(node, list):
        return [found for value in node for found in _objects(value)]
    return []


@st.composite
def _look_alike_pair(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    """One Cybersource response written twice, with two look-alikes in one place of one plan (a field the
    reader reads, or one it does not; its own value among them), or the second time with a plan repeated
    before another, in its place or in an earlier plan's place."""
    generated = draw(strategies.get_plans_responses(min_plans=1, max_plans=3, formats=("cybersource",)))
    document = copy.deepcopy(generated.document)
    plans = document["installmentInformation"]["planDetails"]
    index = draw(st.integers(0, len(plans) - 1))
    plan = plans[index]
    arguments = {"order_amount": generated.order_amount, "currency": generated.currency}
    if draw(st.integers(0, 4)) == 0:
        first = json.dumps(document)
        if index and draw(st.booleans()):
            plans[draw(st.integers(0, index - 1))] = copy.deepcopy(plan)  # the plan after keeps its place
        else:
            plans.insert(draw(st.integers(0, len(plans))), copy.deepcopy(plan))
        return first, json.dumps(document), arguments
    node = draw(st.sampled_from(_objects(plan)))
    key = draw(st.sampled_from([*sorted(node), "notAField"]))
    own = [json.dumps(node[key])] if key in node else []
    close = [*own, *_as_number(node.get(key))]  # the field's value, and the same text as a number
    look_alikes = sorted({*LOOK_ALIKES, *close})
    node[key] = _MARKER
    text = json.dumps(document)
    before = draw(st.sampled_from(own) if own and draw(st.booleans()) else st.sampled_from(look_alikes))
    closest = [text for text in close if text != before]
    after = draw(st.sampled_from(closest) if closest and draw(st.booleans()) else st.sampled_from(
        [text for text in look_alikes if text != before]))
    return text.replace(f'"{_MARKER}"', before), text.replace(f'"{_MARKER}"', after), arguments


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_look_alike_pair())
def test_a_held_report_never_answers_for_another_plan(case: tuple[str, str, dict[str, Any]]) -> None:
    first, second, arguments = case
    validator_module.clear_caches()
    reference = _outcome(second, arguments)
    validator_module.clear_caches()
    _outcome(first, arguments)  # its plans' reports are held now
    assert _outcome(second, arguments) == reference
