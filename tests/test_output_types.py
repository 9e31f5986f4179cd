"""The reports, the display model and the audit summary as pydantic types (FastAPI's ``response_model``).

Each serialises as exactly its ``as_json`` (the JSON the command line prints), that JSON has the shape
its schema states (checked strictly, over generated responses), and the schemas state every amount as
a string with a pattern: never a number, never ``{}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from pydantic.errors import PydanticInvalidForJsonSchema

from installments_core import _output_shapes, compute_plan
from installments_core._core.money import parse_decimal
from installments_core.audits import AuditSummary, audit_lines
from installments_core.display import OfferList, PlanDisplay, summarize, summarize_offers
from installments_core.findings import Finding, Severity
from installments_core.plans import PlanOffer, TermsAndConditions
from installments_core.requests import RequestReport, validate_request
from installments_core.responses import GetPlansResponse, PlanReport, ValidationReport, validate_response
from installments_core.strategies import GeneratedResponse, corrupted_responses, get_plans_responses

from .conftest import guide_json

_DATA = resources.files("installments_core").joinpath("data")
_RESPONSE = _DATA.joinpath("example_get_plans_response.json").read_text("utf-8")
_LOG = _DATA.joinpath("example_responses.jsonl").read_text("utf-8").splitlines()
_LOCALES = ("en_US", "ar_QA", "de_DE", "ja_JP", "pt_BR", "fa_IR")


def _in_shape(shape: type, written: object) -> None:
    # Validation keeps only the keys the shape names: what comes back whole had no others.
    assert TypeAdapter(shape).validate_python(written, strict=True) == written


def _conforms(value: Any) -> None:
    """*value* serialises as its as_json, and that JSON has its shape, key for key, pattern for pattern."""
    kind = type(value)
    written = value.as_json()
    assert TypeAdapter(kind).dump_python(value, mode="json") == written
    assert json.loads(TypeAdapter(kind).dump_json(value)) == json.loads(json.dumps(written))
    _in_shape(getattr(_output_shapes, f"{kind.__name__}Json"), written)


def _offer(amount: str, currency: str = "USD", **terms: Any) -> PlanOffer:
    return PlanOffer("p1", compute_plan(amount, currency, 12, **terms), name="Twelve",
                     terms=(TermsAndConditions("eng", "v1", "Terms.", "https://example.com/t"),))


def _outputs() -> Iterator[tuple[str, Callable[[], Any]]]:
    failing = json.loads(_RESPONSE)
    failing["installmentInformation"]["planDetails"][0]["amountDetails"]["totalPlanAmount"] = "1.00"
    failing["installmentInformation"]["planDetails"][1]["totalCount"] = "many"
    yield "validation report", lambda: validate_response(_RESPONSE)
    yield "failing validation report", lambda: validate_response(json.dumps(failing), order_amount="500",
                                                                 currency="USD")
    yield "plan report", lambda: validate_response(json.dumps(failing)).plans[0]
    yield "finding", lambda: Finding("a.b", "words", "1.00", "1.01", "recomputed", Severity.WARNING, Decimal(-1))
    yield "request report", lambda: validate_request(guide_json("select_pan_ac.request"), "select")
    yield "failing request report", lambda: validate_request({"installmentInformation": {}}, "select")
    yield "offer list", lambda: summarize_offers(validate_response(_RESPONSE).offers, "ar_QA")
    yield "no offers", lambda: summarize_offers([], "en_US", amount=Decimal("500.00"), currency="USD")
    yield "plan display", lambda: summarize(_offer("500", fee_rate="5", upfront_rate="6"), "pt_BR")
    # 13 digits and more are masked in every amount: the pattern takes the masked form too.
    yield "masked amounts", lambda: summarize(_offer("4622943127019.79", fee_rate="5"), "en_US")
    yield "audit summary", lambda: audit_lines(_LOG, workers=1)
    yield "malformed lines", lambda: audit_lines(["{", '"x"', "", '{"a": 1, "a": 2}'], workers=1)


OUTPUTS = dict(_outputs())


@pytest.mark.parametrize("name", OUTPUTS)
def test_every_output_serialises_as_its_json_in_its_shape(name: str) -> None:
    _conforms(OUTPUTS[name]())


def test_the_shapes_hold_what_they_say() -> None:
    # The strict shape is not a formality: a number for an amount, an unknown key or a missing one fails it.
    written = OUTPUTS["plan display"]().as_json()
    for broken in ({**written, "amounts": {**written["amounts"], "totalCost": 555}},
                   {**written, "amounts": {**written["amounts"], "totalCost": "5.5e2"}},
                   {**written, "extra": 1},
                   {key: value for key, value in written.items() if key != "rates"},
                   {**written, "frequency": "YEARLY"}):
        with pytest.raises((ValidationError, AssertionError)):
            _in_shape(_output_shapes.PlanDisplayJson, broken)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(get_plans_responses(max_plans=3) | corrupted_responses().map(lambda broken: broken[0]),
       st.sampled_from(_LOCALES))
def test_generated_responses_reports_and_offers_keep_their_shapes(generated: GeneratedResponse, locale: str) -> None:
    report = validate_response(generated.document)
    _conforms(report)
    if generated.offers:
        offers = summarize_offers(generated.offers, locale)
        _conforms(offers)
        _conforms(offers.plans[0])


# -- the JSON schemas ------------------------------------------------------------------------------------

TYPES = (ValidationReport, PlanReport, Finding, RequestReport, PlanDisplay, OfferList, AuditSummary)


def _nodes(schema: object) -> Iterator[dict[str, Any]]:
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from _nodes(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _nodes(value)


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for node in _nodes(schema):
        yield from node.get("properties", {}).items()


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.__name__)
def test_the_schemas_have_no_number_and_no_any(kind: type) -> None:
    schema = TypeAdapter(kind).json_schema(mode="serialization")
    assert all(node.get("type") != "number" for node in _nodes(schema))
    assert all(field for _, field in _properties(schema))


def _patterned(field: dict[str, Any]) -> bool:
    typed = [option for option in field.get("anyOf", [field]) if option.get("type") != "null"]
    return len(typed) == 1 and typed[0]["type"] == "string" and bool(typed[0]["pattern"])


def test_every_amount_and_rate_is_a_string_with_a_pattern() -> None:
    display = TypeAdapter(OfferList).json_schema(mode="serialization")["$defs"]
    amounts = [*display["PlanAmountsJson"]["properties"].values(), *display["PlanRatesJson"]["properties"].values(),
               display["PayInFullJson"]["properties"]["amount"],
               display["CostOfCreditJson"]["properties"]["rates"]["additionalProperties"]]
    report = TypeAdapter(ValidationReport).json_schema(mode="serialization")["$defs"]
    amounts.append(report["DiscrepancyJson"]["properties"]["deltaMinorUnits"])
    assert len(amounts) == 14
    assert all(map(_patterned, amounts))
    assert display["PlanDisplayJson"]["properties"]["frequency"]["enum"] == ["WEEKLY", "BIWEEKLY", "MONTHLY",
                                                                            "BIMONTHLY"]
    assert report["PlanReportJson"]["properties"]["convention"]["anyOf"][0]["enum"] == ["current", "2024", "either"]


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.__name__)
def test_they_are_outputs_an_instance_validates_as_itself_and_json_builds_none(kind: type) -> None:
    value = next(build() for build in OUTPUTS.values() if type(build()) is kind)
    adapter = TypeAdapter(kind)
    assert adapter.validate_python(value) is value
    with pytest.raises(ValidationError):
        adapter.validate_python(value.as_json())
    with pytest.raises(ValidationError):
        adapter.validate_json(json.dumps(value.as_json()))


def test_fastapi_serves_each_as_a_response_model_with_its_schema() -> None:
    app = FastAPI()
    for name, build in OUTPUTS.items():
        kind = type(build())
        app.add_api_route(f"/{name.replace(' ', '-')}", build, response_model=kind)
    client = TestClient(app)
    for name, build in OUTPUTS.items():
        answer = client.get(f"/{name.replace(' ', '-')}")
        assert answer.status_code == 200
        assert answer.json() == json.loads(json.dumps(build().as_json()))
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert {f"{kind.__name__}Json" for kind in TYPES} <= set(schemas)


# -- the wire models' amounts ----------------------------------------------------------------------------

def test_the_wire_models_describe_every_field_amounts_as_patterned_strings() -> None:
    schema = TypeAdapter(GetPlansResponse).json_schema()
    assert all(field for _, field in _properties(schema))
    details = schema["$defs"]["AmountDetails"]["properties"]
    assert details["totalPlanAmount"]["type"] == "string"
    assert details["totalPlanAmount"]["pattern"] == schema["$defs"]["Fee"]["properties"]["ratePercentage"]["pattern"]
    assert schema["$defs"]["PlanDetail"]["properties"]["totalCount"]["pattern"] == "^[0-9]{1,3}$"


_AMOUNT_PATTERN = TypeAdapter(GetPlansResponse).json_schema()["$defs"]["AmountDetails"]["properties"][
    "totalPlanAmount"]["pattern"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.-+eE ,٣", max_size=15)
       | st.from_regex(_AMOUNT_PATTERN, fullmatch=True).filter(lambda text: len(text) <= 15))
def test_the_amount_pattern_is_the_readers_rule(text: str) -> None:
    # Up to 15 characters, within the bound on integer digits: the schema and the reader agree.
    try:
        parse_decimal(text, path="amount")
    except ValueError:
        accepted = False
    else:
        accepted = True
    assert accepted is (re.fullmatch(_AMOUNT_PATTERN, text) is not None)


def test_a_schema_for_input_is_refused() -> None:
    # Outputs only: pydantic cannot describe a report as input, and says so instead of guessing.
    with pytest.raises(PydanticInvalidForJsonSchema):
        TypeAdapter(ValidationReport).json_schema(mode="validation")
