"""The FastAPI example (examples/fastapi_checkout.py, docs/checkout.md) served through FastAPI's own TestClient:
what it answers, its OpenAPI document, and error responses that never echo a card number."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.fastapi_checkout import SelectPlan, app
from installments_core import validate_request, validate_response
from installments_core.display import summarize_offers
from installments_core.responses import GetPlansResponse
from installments_core.strategies import CardNumberSpelling, assert_no_card_number, card_number_spellings

CLIENT = TestClient(app)
RESPONSE = json.loads(resources.files("installments_core").joinpath("data/example_get_plans_response.json")
                      .read_text("utf-8"))
CHOICE = {"orderAmount": "500", "currency": "USD", "instrumentIdentifier": "7030000000012249793",
          "approvalCode": "888889", "authorizedAt": "2020-09-02T16:40:45.827Z",
          "planId": RESPONSE["installmentInformation"]["planDetails"][0]["planId"], "tcVersion": "1"}


def test_a_response_validated_offered_and_selected() -> None:
    validated = CLIENT.post("/plans/validate", json=RESPONSE, params={"orderAmount": "500", "currency": "USD"})
    assert validated.status_code == 200
    assert validated.json() == validate_response(RESPONSE, order_amount="500", currency="USD").as_json()

    offered = CLIENT.post("/plans/offers", json=RESPONSE, params={"locale": "ar_QA"})
    assert offered.status_code == 200
    assert offered.json() == summarize_offers(validate_response(RESPONSE).offers, "ar_QA").as_json()
    plan = offered.json()["plans"][0]
    assert plan["amounts"]["totalCost"] == "518.00"  # a string, the library's digits exactly

    selected = CLIENT.post("/plans/select", json={**CHOICE, "planId": plan["planId"],
                                                  "tcVersion": plan["terms"]["version"]})
    assert selected.status_code == 200
    request = selected.json()["request"]
    assert request["installmentInformation"] == {"planId": plan["planId"], "tcVersion": plan["terms"]["version"]}
    assert selected.json()["report"] == validate_request(request, "select").as_json()


def test_what_the_library_refuses_is_a_422_with_its_code() -> None:
    answer = CLIENT.post("/plans/offers", json=RESPONSE, params={"locale": "xx_NOWHERE"})
    assert answer.status_code == 422
    assert answer.json()["detail"]["code"] == "unknown_locale"
    answer = CLIENT.post("/plans/select", json={**CHOICE, "approvalCode": "not a code!"})
    assert answer.status_code == 422
    assert answer.json()["detail"]["path"] == "processingInformation.authorizationOptions.authorizationCode"


def test_a_bad_body_is_a_422_that_says_where_not_what() -> None:
    answer = CLIENT.post("/plans/select", json={**CHOICE, "orderAmount": 500.5, "planId": ["4622943127019793"]})
    assert answer.status_code == 422
    assert {tuple(problem["loc"]) for problem in answer.json()["detail"]} == {("body", "orderAmount"),
                                                                              ("body", "planId")}
    assert all(set(problem) == {"loc", "type", "msg"} for problem in answer.json()["detail"])


def test_fastapis_own_422_would_echo_a_card_number() -> None:
    # What the example's handlers are for: FastAPI's default answer quotes the refused value.
    bare = FastAPI()

    @bare.post("/select")
    def select(choice: SelectPlan) -> None:
        raise AssertionError("never reached")

    answer = TestClient(bare).post("/select", json={**CHOICE, "planId": ["4622943127019793"]})
    with pytest.raises(AssertionError):
        assert_no_card_number(answer.text)


# -- card numbers, wherever a caller puts them -------------------------------------------------------------

def _leaves(document: object, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(document, dict):
        yield path  # a new key goes here
        for key, value in document.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _planted(document: Any, path: tuple[Any, ...], spelling: Any, as_key: bool) -> Any:
    planted = copy.deepcopy(document)
    parent = planted
    for key in path[:-1] if path else ():
        parent = parent[key]
    target = parent[path[-1]] if path else planted
    if isinstance(target, dict):
        # In an object: the spelling as a new key, or as the value of a new key (it may be a list).
        if as_key:
            target[spelling] = "x"
        else:
            target["planted"] = spelling
    else:
        parent[path[-1]] = spelling
    return planted


BODIES = {"/plans/validate": RESPONSE, "/plans/offers": RESPONSE, "/plans/select": CHOICE}
PLACES = [(route, path) for route, body in BODIES.items() for path in _leaves(body)]


@st.composite
def _written(draw: st.DrawFn, spelling: CardNumberSpelling) -> Any:
    return draw(st.sampled_from([spelling.text, f"card {spelling.text}.", spelling.digits, int(spelling.digits),
                                 [spelling.text]]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card_number_spellings().flatmap(lambda spelling: st.tuples(st.just(spelling), _written(spelling))),
       st.sampled_from(PLACES), st.booleans())
def test_no_answer_shows_a_card_number_placed_anywhere_in_the_body(
    spelled: tuple[CardNumberSpelling, Any], place: tuple[str, tuple[Any, ...]], as_key: bool
) -> None:
    spelling, written = spelled
    route, path = place
    key = spelling.text if isinstance(written, list | int) else written
    body = _planted(BODIES[route], path, key if as_key else written, as_key)
    answer = CLIENT.post(route, content=json.dumps(body), headers={"content-type": "application/json"})
    assert answer.status_code in (200, 422)
    assert_no_card_number(answer.text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card_number_spellings(), st.sampled_from(["locale", "orderAmount", "currency"]))
def test_no_answer_shows_a_card_number_given_as_a_query_parameter(spelling: CardNumberSpelling, name: str) -> None:
    for value in (spelling.text, spelling.digits):
        answer = CLIENT.post("/plans/offers", json=RESPONSE, params={name: value})
        assert answer.status_code in (200, 422)
        assert_no_card_number(answer.text)


def test_a_body_that_is_not_json_is_answered_without_echoing_it() -> None:
    answer = CLIENT.post("/plans/validate", content=b'{"card": 4622943127019793,', headers={
        "content-type": "application/json"})
    assert answer.status_code == 422
    assert_no_card_number(answer.text)


# -- the OpenAPI document --------------------------------------------------------------------------------

def _schemas(document: object) -> Iterator[dict[str, Any]]:
    if isinstance(document, dict):
        yield document
        for value in document.values():
            yield from _schemas(value)
    elif isinstance(document, list):
        for value in document:
            yield from _schemas(value)


def test_the_openapi_document_states_every_amount_as_a_string_with_a_pattern() -> None:
    document = CLIENT.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert {"GetPlansResponse", "ValidationReportJson", "OfferListJson", "RequestReportJson"} <= set(schemas)
    nodes = list(_schemas(document))
    assert all(node.get("type") != "number" for node in nodes)
    assert all(field for node in nodes for field in node.get("properties", {}).values())
    amounts = [*schemas["PlanAmountsJson"]["properties"].values(), schemas["SelectPlan"]["properties"]["orderAmount"],
               schemas["AmountDetails"]["properties"]["totalPlanAmount"],
               schemas["Fee"]["properties"]["flatFeeAmount"]]
    assert all(amount["type"] == "string" and amount["pattern"] for amount in amounts)
    parameters = {parameter["name"]: parameter["schema"]
                  for parameter in document["paths"]["/plans/offers"]["post"]["parameters"]}
    assert parameters["orderAmount"]["anyOf"][0]["pattern"]
    assert GetPlansResponse.__name__ in json.dumps(document["paths"]["/plans/validate"])
