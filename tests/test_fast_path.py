"""Accepting a plan that is exactly right gives the report comparing it rule by rule would give.

Validation accepts a plan whose every stated amount is exactly the recomputed one without running
the comparison rules, keeps recomputed plans in a cache, and skips the policy search for a plan
that breaks a rule every policy keeps.  With all three switched off, every plan is compared rule by
rule and recomputed afresh: the reports must be the same, by ``repr`` (a Decimal's
exponent, a tuple's order and a finding's words would show), for every input.
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
