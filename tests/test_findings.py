"""One finding shape: every finding the library makes is a Finding with a code from FINDING_CODES,
and docs/findings.md lists exactly that table."""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, audit_lines, strategies, validate_request, validate_response
from installments_core.findings import FINDING_CODES, Finding, Severity
from installments_core.requests import InstallmentPurchase, RequestReport, Violation
from installments_core.responses import Discrepancy, ReadError, ValidationReport

SLOW = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Values a corrupted field may take: wrong JSON types, amounts that are no amounts, card numbers,
# blanks, lengths past every bound, and arrays longer than any real response has.
_JUNK = st.sampled_from([
    None, True, 0, -1, 12, 10**20, 1.5, "", " ", "NaN", "-1", "1e3", "1,000", "41.675", "x" * 80, "12",
    "4622943127019793", "٥٠٠", "usd", "JPY", "2020-13-01T00:00:00Z", [], {}, [1], {"a": 1}, ["x"] * 70,
])


def _leaves(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value in a JSON document, containers included (the root excepted)."""
    found = [at] if at else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _leaves(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _leaves(item, (*at, index))
    return found


def _corrupt(data: st.DataObject, document: dict[str, Any], times: int = 2) -> dict[str, Any]:
    """*document* with up to *times* values replaced, removed, or joined by a misspelt or unknown key."""
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, times))):
        paths = _leaves(document)
        if not paths:
            break
        *parents, last = data.draw(st.sampled_from(paths))
        parent = document
        for key in parents:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "remove", "misspell", "add"]))
        # A copy of each junk value: the sampled list itself, put in twice, could end up holding itself.
        if action == "replace" or isinstance(parent, list):
            parent[last] = copy.deepcopy(data.draw(_JUNK))
        elif action == "remove":
            del parent[last]
        elif action == "misspell":
            parent[str(last)[:-1] or "x"] = parent.pop(last)
        else:
            parent[f"{last}Extra"] = copy.deepcopy(data.draw(_JUNK))
    return document


def _all_findings(report: ValidationReport | RequestReport) -> tuple[Finding, ...]:
    if isinstance(report, ValidationReport):
        return report.findings
    return report.violations + report.warnings


def _assert_coded(report: ValidationReport | RequestReport) -> None:
    for finding in _all_findings(report):
        assert type(finding) is Finding, finding
        assert finding.code in FINDING_CODES, finding
        assert isinstance(finding.severity, Severity)


def test_the_old_names_are_the_one_class() -> None:
    assert Discrepancy is Finding
    assert ReadError is Finding
    assert Violation is Finding


def test_codes_are_names_and_their_words_tell_them_apart() -> None:
    assert all(re.fullmatch(r"[a-z]+(_[a-z0-9]+)*", code) for code in FINDING_CODES)
    # An audit tells its counts by words: two codes with the same words would merge there.
    assert len(set(FINDING_CODES.values())) == len(FINDING_CODES)


def test_the_docs_list_exactly_the_code_table() -> None:
    page = (Path(__file__).parent.parent / "docs" / "findings.md").read_text("utf-8")
    section = page.split("## The codes", 1)[1]
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| (.+) \|$", section, flags=re.MULTILINE)
    assert rows == list(FINDING_CODES.items())


@SLOW
@given(strategies.corrupted_responses(strategies.get_plans_responses(min_plans=1, max_plans=3)))
def test_every_finding_of_a_corrupted_response_has_a_code(
    item: tuple[strategies.GeneratedResponse, strategies.Corruption],
) -> None:
    response, corruption = item
    report = validate_response(response.document, order_amount=response.order_amount, currency=response.currency)
    assert report.findings, corruption
    _assert_coded(report)


@SLOW
@given(strategies.get_plans_responses(min_plans=1, max_plans=3), st.data())
def test_every_finding_of_a_mangled_response_has_a_code(
    response: strategies.GeneratedResponse, data: st.DataObject,
) -> None:
    document = _corrupt(data, response.document)
    for options in ({"order_amount": response.order_amount, "currency": response.currency},
                    {"request": response.request()}, {}):
        try:
            report = validate_response(document, **options)
        except InstallmentsError:
            continue  # no plan list at all: an error, not a report
        _assert_coded(report)
    summary = audit_lines([json.dumps(document)])
    assert set(summary.rules) | set(summary.warnings) <= set(FINDING_CODES)


@SLOW
@given(strategies.purchases(), st.data())
def test_every_finding_of_a_mangled_request_has_a_code(
    purchase: strategies.GeneratedPurchase, data: st.DataObject,
) -> None:
    plans = purchase.response.document
    for kind, request in (("get-plans", purchase.get_plans), ("select", purchase.select), ("cancel", purchase.cancel)):
        mangled = _corrupt(data, request)
        _assert_coded(validate_request(mangled, kind, plans=plans) if kind == "select"
                      else validate_request(mangled, kind))
    order = purchase.get_plans["orderInformation"]["amountDetails"]  # type: ignore[index]
    lifecycle = InstallmentPurchase(order["totalAmount"], order["currency"], purchase.payment)
    lifecycle.record_plans(plans)
    _assert_coded(lifecycle.check_select(_corrupt(data, purchase.select)))
    lifecycle.record_reversal()
    _assert_coded(lifecycle.check_cancel(_corrupt(data, purchase.cancel)))


@SLOW
@given(strategies.jpo_authorizations(), st.data())
def test_every_finding_of_a_mangled_jpo_authorization_has_a_code(request: dict[str, Any], data: st.DataObject) -> None:
    _assert_coded(validate_request(_corrupt(data, request), "jpo-authorization"))


def test_a_finding_says_where_what_and_why() -> None:
    document = json.loads((Path(__file__).parent / "data" / "guide" / "get_plans_token.response.json").read_text())
    document["installmentInformation"]["planDetails"][2]["amountDetails"]["lastInstallment"]["feeAmount"] = "2.13"
    del document["installmentInformation"]["planDetails"][1]["planId"]
    report = validate_response(document, order_amount="500", currency="USD")
    error = report.errors[0]
    assert (error.code, error.severity, error.path) == ("missing_field", Severity.ERROR,
                                                        "installmentInformation.planDetails[1].planId")
    assert report.as_json()["errors"] == [{"path": error.path, "message": error.message, "code": "missing_field"}]
    fee = next(d for d in report.discrepancies if d.path.endswith("lastInstallment.feeAmount"))
    assert fee.as_json() == {
        "code": fee.code, "severity": "error", "path": fee.path, "expected": "2.12", "actual": "2.13",
        "deltaMinorUnits": "1", "rule": fee.rule,
    }
    assert fee.rule.startswith(FINDING_CODES[fee.code])


def test_every_code_a_request_rule_gives_is_in_the_table() -> None:
    # The request rules name their codes as literals (field_problem's last argument): each must be in the
    # table, or an audit would count it nowhere.  Generated requests found two that were not.
    package = Path(__file__).parent.parent / "installments_core"
    used = {
        (node.args[3].value, f"{path.name}:{node.lineno}")
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "field_problem" and len(node.args) >= 4
        and isinstance(node.args[3], ast.Constant) and isinstance(node.args[3].value, str)
    }
    assert used
    assert {(code, where) for code, where in used if code not in FINDING_CODES} == set()
