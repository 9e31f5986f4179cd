"""No false "ok" from a document's shape, and every plan shown can be selected.

Generated responses of both formats (the public strategies and the published ones) are made hostile: the other
format's plan list added, the plan list removed, an error envelope around them, a key repeated at a random depth.
None of them validates, on any entry point.  Plan IDs and terms versions drawn around the select request's rule
table are refused by validation exactly when the select request refuses them, and never reach the display.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import (
    audit_lines,
    compute_plan,
    plan_selector_html,
    strategies,
    validate_request,
    validate_response,
)
from installments_core._core.card import luhn_check_digit
from installments_core._requests.offered import offered_plans
from installments_core._wire.request_fields import PLAN_ID, TC_VERSION, check_plan_id, check_tc_version
from installments_core.display import summarize_offers
from installments_core.errors import (
    DuplicateKeyError,
    ErrorResponseError,
    InvalidRequestError,
    MalformedResponseError,
    PlansResponseError,
    ResponseFormatError,
)
from installments_core.plans import PlanOffer, TermsAndConditions
from installments_core.requests import (
    AuthorizationLink,
    InstallmentPurchase,
    PaymentAccountReference,
    build_select_request,
)
from installments_core.responses import GetPlansResponse, VisaPlansResponse

from .response_strategies import JSON, SEEDS

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Each example of these generates whole responses and runs every reader on them: fewer examples keep the file fast.
DOCUMENTS = settings(SETTINGS, max_examples=100)

MARKERS = {"cybersource": "installmentInformation", "visa": "matchedPlans"}


@st.composite
def responses(draw: st.DrawFn) -> dict[str, Any]:
    """A get-plans response as parsed JSON: generated (either format, any number of plans) or published."""
    if draw(st.booleans()):
        return copy.deepcopy(draw(strategies.get_plans_responses(max_plans=3)).document)
    return copy.deepcopy(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])


def _format(document: dict[str, Any]) -> str:
    return "visa" if "matchedPlans" in document else "cybersource"


def _refused_everywhere(document: dict[str, Any], error: type[MalformedResponseError]) -> None:
    """Every reader of plan lists refuses *document* with *error*: never a report, let alone an ok one."""
    for data in (document, json.dumps(document).encode()):
        with pytest.raises(error):
            validate_response(data)
    with pytest.raises(error):
        offered_plans(document)
    for model in (GetPlansResponse, VisaPlansResponse):
        with pytest.raises(MalformedResponseError):
            model.from_data(document)
    summary = audit_lines([json.dumps(document)])
    assert (summary.malformed, summary.responses, summary.ok) == (1, 0, False)


@DOCUMENTS
@given(responses(), st.data())
def test_a_document_with_both_plan_lists_is_refused(document: dict[str, Any], data: st.DataObject) -> None:
    other = MARKERS["visa" if _format(document) == "cybersource" else "cybersource"]
    # The other format's list, empty (the reported case), made of plans, or any JSON at all.
    document[other] = data.draw(st.just([]) | st.just({"planDetails": []}) | JSON)
    _refused_everywhere(document, ResponseFormatError)


@DOCUMENTS
@given(responses(), st.dictionaries(st.text(max_size=12), JSON, max_size=3))
def test_a_document_with_neither_plan_list_is_refused(document: dict[str, Any], extra: dict[str, Any]) -> None:
    del document[MARKERS[_format(document)]]
    for key in MARKERS.values():
        extra.pop(key, None)
    for key in ("reason", "errorInformation", "status", "processorInformation"):
        extra.pop(key, None)  # the error envelope has its own property
    document.update(extra)
    _refused_everywhere(document, ResponseFormatError)


ERROR_STATUSES = ["REJECTED", "INVALID_REQUEST", "SERVER_ERROR", "DECLINED", "PENDING", "accepted", "ACCEPTED ", ""]


@st.composite
def error_envelopes(draw: st.DrawFn) -> dict[str, Any]:
    """What an error answer adds to a document: a status other than ACCEPTED, an error response code, a reason or
    an errorInformation, alone or together."""
    envelope: dict[str, Any] = {}
    choices = draw(st.sets(st.sampled_from(["status", "responseCode", "reason", "errorInformation"]), min_size=1))
    if "status" in choices:
        envelope["status"] = draw(st.sampled_from(ERROR_STATUSES) | st.text().filter(lambda text: text != "ACCEPTED"))
    if "responseCode" in choices:
        code = draw(st.sampled_from(["400", "502", "100", "20", "2000", "OK"]) | st.text())
        envelope["processorInformation"] = {"responseCode": code}
        if len(code) == 3 and code[0] == "2" and code[1:].isascii() and code[1:].isdigit():
            envelope["processorInformation"]["responseCode"] = "400"  # a success code is no error
    if "reason" in choices:
        envelope["reason"] = draw(st.sampled_from(["INVALID_DATA", "SYSTEM_ERROR"]) | JSON)
    if "errorInformation" in choices:
        envelope["errorInformation"] = draw(JSON)
    return envelope


@DOCUMENTS
@given(responses(), error_envelopes(), st.booleans())
def test_an_error_answer_is_never_a_plan_list(document: dict[str, Any], envelope: dict[str, Any],
                                               keep_plans: bool) -> None:
    document.update(envelope)
    if not keep_plans:  # an error answer usually carries no plans at all
        del document[MARKERS[_format(document)]]
    _refused_everywhere(document, ErrorResponseError)


def _objects(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every non-empty object in *node* with its path, as the decoder names paths."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node:
            found.append((path, node))
        for key, value in node.items():
            found += _objects(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _objects(value, f"{path}[{index}]")
    return found


def _dumps(node: Any, target: dict[str, Any], key: str, value: Any) -> str:
    """JSON text of *node* with *key* written a second time, with *value*, in the object *target*."""
    if isinstance(node, dict):
        pairs = [f"{json.dumps(k)}: {_dumps(v, target, key, value)}" for k, v in node.items()]
        if node is target:
            pairs.append(f"{json.dumps(key)}: {json.dumps(value)}")
        return "{" + ", ".join(pairs) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(_dumps(v, target, key, value) for v in node) + "]"
    return json.dumps(node)


@DOCUMENTS
@given(responses(), st.data())
def test_a_repeated_key_at_any_depth_is_refused_with_its_path(document: dict[str, Any], data: st.DataObject) -> None:
    path, target = data.draw(st.sampled_from(_objects(document)))
    key = data.draw(st.sampled_from(sorted(target)))
    # The same value again, or another: either way which one counts would be the parser's choice.
    value = data.draw(st.just(target[key]) | JSON)
    text = _dumps(document, target, key, value)
    with pytest.raises(DuplicateKeyError) as caught:
        validate_response(text.encode())
    assert caught.value.path == (f"{path}.{key}" if path else key)
    assert caught.value.code == "duplicate_key"
    summary = audit_lines([text])
    assert (summary.malformed, summary.responses) == (1, 0)


@DOCUMENTS
@given(strategies.get_plans_responses(max_plans=3))
def test_the_same_responses_as_they_are_validate(generated: strategies.GeneratedResponse) -> None:
    # The control: what the properties above make hostile is, untouched, a plan list that validates.
    report = validate_response(json.dumps(generated.document).encode(), order_amount=generated.order_amount,
                               currency=generated.currency)
    assert (report.ok, report.format) == (True, generated.format)


def test_an_empty_plan_list_of_one_format_is_a_legitimate_answer() -> None:
    for document in ({"installmentInformation": {"planDetails": []}}, {"matchedPlans": []},
                     {"status": "ACCEPTED", "processorInformation": {"responseCode": "200"}, "matchedPlans": []}):
        report = validate_response(document)
        assert (report.ok, report.plans) == (True, ())


def test_the_reported_cybersource_response_with_an_added_matched_plans() -> None:
    document = copy.deepcopy(SEEDS["cybersource"])
    document["matchedPlans"] = []
    with pytest.raises(ResponseFormatError, match="an object with both"):
        validate_response(document)


@pytest.mark.parametrize("command", ["validate", "show"])
def test_the_cli_refuses_a_repeated_key_and_an_error_answer(tmp_path: Any, command: str) -> None:
    repeated = tmp_path / "repeated.json"
    repeated.write_text('{"installmentInformation": {"planDetails": []}, "installmentInformation": {}}')
    rejected = tmp_path / "rejected.json"
    rejected.write_text('{"status": "REJECTED", "installmentInformation": {"planDetails": []}}')
    for path, message in ((repeated, "installmentInformation: expected each key once in an object"),
                          (rejected, "status: expected 'ACCEPTED'")):
        arguments = [command, str(path)] + (["--amount", "500", "--currency", "USD"] if command == "show" else [])
        result = subprocess.run([sys.executable, "-m", "installments_core.cli", *arguments],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 2, result
        assert message in result.stderr
        assert "Traceback" not in result.stderr


# -- every plan shown can be selected ---------------------------------------------------------------------------

_SEPARATORS = [" ", "-", ".", "/", "\t", "\u00a0", "\u2007", "\u2009", "\u202f", "\u200b", "\u200e", "  ", "--"]


@st.composite
def card_number_spellings(draw: st.DrawFn) -> str:
    """A number of 13 to 19 digits that passes Luhn, written with separators between (some of) its digits and in
    ASCII or another script's digits."""
    partial = draw(st.text("0123456789", min_size=12, max_size=18))
    digits = partial + luhn_check_digit(partial)
    separator = draw(st.sampled_from(_SEPARATORS))
    step = draw(st.sampled_from([0, 3, 4, 5]))
    spelled = "".join(
        digit + (separator if step and (index + 1) % step == 0 and index + 1 < len(digits) else "")
        for index, digit in enumerate(digits)
    )
    script = draw(st.sampled_from([0x30, 0x660, 0xFF10, 0x966]))  # ASCII, Arabic-Indic, full-width, Devanagari
    spelled = "".join(chr(script + int(char)) if char.isdigit() else char for char in spelled)
    return draw(st.sampled_from(["{}", "{}", "plan {}", "{}-AB"])).format(spelled)


def identifiers(maximum: int) -> st.SearchStrategy[str]:
    """Identifiers around the rule table's edges: lengths 0, 1, maximum and maximum + 1, blank ones, invisible
    characters, card numbers in many spellings, UUIDs, and anything at all."""
    printable = st.characters(categories=("L", "N", "P", "S")) | st.just(" ")
    return st.one_of(
        st.integers(0, 2).map(lambda extra: "x" * (maximum - 1 + extra)),
        st.sampled_from(["", " ", "\t", "\u00a0", "1", "7", "\u200b", "p\u202e1", "1\n", "a\x00", "\u2800", "\u3164",
                         "p\uffa0", "\u115f\u1160"]),
        st.text(printable, min_size=maximum - 1, max_size=maximum + 1),
        st.uuids().map(str).map(lambda text: text[:maximum]),
        card_number_spellings(),
        st.text(max_size=maximum + 2),
    )


def _first_plan(document: dict[str, Any]) -> tuple[dict[str, Any], str]:
    if "matchedPlans" in document:
        return document["matchedPlans"][0], "vPlanID"
    return document["installmentInformation"]["planDetails"][0], "planId"


def _select_refuses(plan_id: str, version: str) -> set[str]:
    """The paths of the select request's own field checks that refuse *plan_id* or *version*."""
    payment = PaymentAccountReference("V0010013020261601352183794986")
    link = AuthorizationLink.code("888889", "2020-09-02T16:40:45.827Z")
    request = build_select_request("500", "USD", payment, link, plan_id="p", tc_version="1")
    request["installmentInformation"] = {"planId": plan_id, "tcVersion": version}
    report = validate_request(request, "select")
    refused = {violation.path for violation in report.violations}
    try:
        build_select_request("500", "USD", payment, link, plan_id=plan_id, tc_version=version)
    except InvalidRequestError:
        assert refused  # the builder refuses what the checks refuse, and nothing else
    else:
        assert not refused
    return refused


@DOCUMENTS
@given(strategies.get_plans_responses(min_plans=1, max_plans=2), identifiers(50), identifiers(36), st.booleans())
def test_validation_refuses_exactly_what_the_select_request_refuses(
    generated: strategies.GeneratedResponse, plan_id: str, version: str, change_version: bool
) -> None:
    document = copy.deepcopy(generated.document)
    plan, id_key = _first_plan(document)
    plan[id_key] = plan_id
    terms = plan["termsAndConditions"][0]
    if change_version and generated.format == "cybersource":  # Visa's native versions are integers
        terms["version"] = version
    version = str(terms["version"])
    report = validate_response(document, order_amount=generated.order_amount, currency=generated.currency)
    refused = _select_refuses(plan_id, version)
    first = report.plans[0]
    assert first.ok == (not refused), (plan_id, version, refused, first.discrepancies)
    paths = {finding.path for finding in first.discrepancies}
    prefix = "matchedPlans[0]" if generated.format == "visa" else "installmentInformation.planDetails[0]"
    assert f"{prefix}.{id_key}" in paths or PLAN_ID not in refused
    assert (f"{prefix}.termsAndConditions[0].version" in paths) == (TC_VERSION in refused)
    for finding in first.discrepancies:
        assert "card number" not in finding.expected or "****" in finding.actual
    # The display: only plans the select request accepts, and every one of them.
    offers = report.offers
    assert all(check_plan_id(offer.plan_id) is None for offer in offers)
    assert all(check_tc_version(terms.version) is None for offer in offers for terms in offer.terms)
    assert len(offers) == sum(plan_report.ok for plan_report in report.plans)
    if offers:
        html = plan_selector_html(offers, "en_US")
        assert html.count('type="radio"') == len(offers) + 1
        assert html.count(' value=""') == 1  # pay in full alone


@SETTINGS
@given(card_number_spellings())
def test_a_plan_id_or_version_that_is_a_card_number_is_never_echoed(spelled: str) -> None:
    for check in (check_plan_id, check_tc_version):
        problem = check(spelled)
        assert problem is not None
        if problem.code == "card_number":
            digits = "".join(str(int(char)) for char in spelled if char.isdecimal())
            assert digits not in problem.actual
            assert sum(char.isdecimal() for char in problem.actual) == 4  # the last four, as a mask shows them
        else:  # an invisible separator: refused before any digit is described
            assert problem.code in {"characters", "length"}, problem


@SETTINGS
@given(identifiers(50), identifiers(36))
def test_the_display_never_shows_a_plan_the_select_request_refuses(plan_id: str, version: str) -> None:
    offer = PlanOffer(plan_id, compute_plan(Decimal(500), "USD", 3), terms=(TermsAndConditions("eng", version, "T"),))
    selectable = check_plan_id(plan_id) is None and check_tc_version(version) is None
    if selectable:
        assert len(summarize_offers([offer], "en_US").plans) == 1
    else:
        with pytest.raises(PlansResponseError) as caught:
            summarize_offers([offer], "en_US")
        assert caught.value.path in {"offers[0].plan_id", "offers[0].terms[0].version"}


# -- one decision: which plans can be selected ------------------------------------------------------------

# What a Visa native response may carry as a version: integers around validation's bound, and what is not one.
NATIVE_VERSIONS = st.sampled_from([0, 1, 7, 10**9, 10**9 + 1, -1, "1", True, None, 1.0])
# status and responseCode as strings or as numbers, or absent (ABSENT).
ABSENT = object()
STATUSES = st.sampled_from([ABSENT, "ACCEPTED", "REJECTED", 200, "200", 0])
RESPONSE_CODES = st.sampled_from([ABSENT, "200", "201", "400", 200, 400, 201])


@st.composite
def identified_responses(draw: st.DrawFn) -> tuple[strategies.GeneratedResponse, dict[str, Any]]:
    """A generated response whose plan IDs, terms versions and envelope are drawn around the rules' edges."""
    generated = draw(strategies.get_plans_responses(min_plans=1, max_plans=3))
    document = copy.deepcopy(generated.document)
    plans, id_key = ((document["matchedPlans"], "vPlanID") if generated.format == "visa"
                     else (document["installmentInformation"]["planDetails"], "planId"))
    plan_ids = draw(st.lists(identifiers(50) | st.uuids().map(str), min_size=len(plans), max_size=len(plans),
                             unique=True))
    for plan, plan_id in zip(plans, plan_ids, strict=True):
        plan[id_key] = plan_id
        for terms in plan["termsAndConditions"]:
            if draw(st.booleans()):
                versions = NATIVE_VERSIONS if generated.format == "visa" else identifiers(36) | NATIVE_VERSIONS
                terms["version"] = draw(versions)
    status, code = draw(STATUSES), draw(RESPONSE_CODES)
    if status is not ABSENT:
        document["status"] = status
    if code is not ABSENT:
        document["processorInformation"] = {"responseCode": code}
    return generated, document


def _validated(generated: strategies.GeneratedResponse, document: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The plan IDs validation offers, and those the display shows of every plan validation read."""
    try:
        report = validate_response(document, order_amount=generated.order_amount, currency=generated.currency)
    except MalformedResponseError:
        return set(), set()
    shown = set()
    for plan in report.plans:
        if plan.offer is not None:
            try:
                summarize_offers([plan.offer], "en_US")
            except PlansResponseError:
                continue
            shown.add(plan.offer.plan_id)
    return {offer.plan_id for offer in report.offers}, shown


def _offered(document: dict[str, Any]) -> set[str]:
    try:
        return {plan.plan_id for plan in offered_plans(document)}
    except MalformedResponseError:
        return set()


def _selectable(generated: strategies.GeneratedResponse, document: dict[str, Any]) -> set[str]:
    """The plan IDs a select request for the plan, with each of its terms' versions, is accepted for."""
    amount = str(generated.order_amount)
    payment = PaymentAccountReference("V0010013020261601352183794986")
    purchase = InstallmentPurchase(amount, generated.currency, payment)
    try:
        purchase.record_plans(document)
    except MalformedResponseError:
        return set()
    link = AuthorizationLink.code("888889", "2020-09-02T16:40:45.827Z")
    request = build_select_request(amount, generated.currency, payment, link, plan_id="p", tc_version="1")
    plans, id_key = ((document["matchedPlans"], "vPlanID") if "matchedPlans" in document
                     else (document["installmentInformation"]["planDetails"], "planId"))
    accepted = set()
    for plan in plans:
        versions = [terms["version"] for terms in plan["termsAndConditions"]]
        sent = [str(version) if type(version) is int else version for version in versions]
        for version in sent:
            request["installmentInformation"] = {"planId": plan[id_key], "tcVersion": version}
            if purchase.check_select(request).ok:
                accepted.add(plan[id_key])
    return accepted


@DOCUMENTS
@given(identified_responses())
def test_validation_offered_plans_the_display_and_select_agree_on_what_can_be_selected(
    drawn: tuple[strategies.GeneratedResponse, dict[str, Any]],
) -> None:
    generated, document = drawn
    validated, shown = _validated(generated, document)
    offered = _offered(document)
    selectable = _selectable(generated, document)
    assert validated == offered == shown == selectable, (validated, offered, shown, selectable)


@pytest.mark.parametrize(("status", "code"), [(200, ABSENT), ("ACCEPTED", 400), (ABSENT, 200), (0, "200")])
def test_a_status_or_response_code_given_as_a_number_is_an_error_answer(status: object, code: object) -> None:
    document = copy.deepcopy(SEEDS["cybersource"])
    if status is not ABSENT:
        document["status"] = status
    if code is not ABSENT:
        document["processorInformation"] = {"responseCode": code}
    _refused_everywhere(document, ErrorResponseError)
