"""A checkout service on FastAPI: a get-plans response in, the validation report, the offers to show
and the select request out (docs/checkout.md walks through it).

The library's reports are response models as they are: FastAPI serialises each as its ``as_json``
(the JSON ``installments-core ... --json`` prints) and its OpenAPI document describes every amount
as a string with a pattern.  Error responses never echo a card number: FastAPI's own answer to a
bad body quotes the values it refused, so this service answers with the problems' locations and
words only, and masks whatever it sends (``mask_card_numbers``).

Run it with any ASGI server, e.g. ``uvicorn examples.fastapi_checkout:app``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from installments_core import InstallmentsError, validate_request, validate_response
from installments_core.cards import mask_card_numbers
from installments_core.display import OfferList, summarize_offers
from installments_core.requests import AuthorizationLink, RequestReport, Token, TokenKind, build_select_request
from installments_core.responses import GetPlansResponse, ValidationReport

app = FastAPI(title="Checkout installments")

# Amounts are decimal strings, never JSON numbers (a float is not money); the library checks them in full.
DECIMAL = "^[0-9]+(\\.[0-9]+)?$"
OrderAmount = Annotated[str | None, Query(alias="orderAmount", pattern=DECIMAL)]
"""The order total the plans are checked against; by default the one the plans imply."""
Currency = Annotated[str | None, Query(pattern="^[A-Z]{3}$")]
Locale = Annotated[str, Query(max_length=35)]


def _masked(status_code: int, content: object) -> Response:
    return Response(mask_card_numbers(json.dumps(content)), status_code=status_code, media_type="application/json")


@app.exception_handler(RequestValidationError)
async def invalid_request(request: Request, error: Exception) -> Response:
    """422 for a body or query that does not parse: where and what, never the value refused."""
    assert isinstance(error, RequestValidationError)
    problems = [{"loc": list(problem["loc"]), "type": problem["type"], "msg": problem["msg"]}
                for problem in error.errors()]
    return _masked(422, {"detail": problems})


@app.exception_handler(InstallmentsError)
async def refused(request: Request, error: Exception) -> Response:
    """422 for what the library refuses: its error's path, expectation, masked description and code."""
    assert isinstance(error, InstallmentsError)
    return _masked(422, {"detail": {"code": error.code, "path": error.path, "expected": error.expected,
                                    "actual": error.actual, "message": str(error)}})


def _checked(response: GetPlansResponse, order_amount: str | None, currency: str | None) -> ValidationReport:
    document = response.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return validate_response(document, order_amount=order_amount, currency=currency)


@app.post("/plans/validate", response_model=ValidationReport)
def validate_plans(response: GetPlansResponse, order_amount: OrderAmount = None,
                   currency: Currency = None) -> ValidationReport:
    """Every plan of the issuer's get-plans response recomputed and checked, field by field."""
    return _checked(response, order_amount, currency)


@app.post("/plans/offers", response_model=OfferList)
def offers(response: GetPlansResponse, locale: Locale = "en_US", order_amount: OrderAmount = None,
           currency: Currency = None) -> OfferList:
    """Pay in full and every plan that passed validation, as the customer in *locale* reads them."""
    report = _checked(response, order_amount, currency)
    return summarize_offers(report.offers, locale, amount=report.order_amount, currency=report.currency)


class SelectPlan(BaseModel):
    """The customer's choice, and the authorization it is linked to."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    order_amount: Annotated[str, Field(pattern=DECIMAL)]
    currency: str
    instrument_identifier: str
    """The TMS instrument identifier token of the card: the card number itself never reaches this service."""
    approval_code: str
    authorized_at: str
    plan_id: str
    tc_version: str


class SelectAnswer(BaseModel):
    request: dict[str, Any]
    """``POST /fin/v1/plan-acceptance/``'s body."""
    report: RequestReport


@app.post("/plans/select", response_model=SelectAnswer)
def select(choice: SelectPlan) -> SelectAnswer:
    """The select request for the chosen plan, checked field by field."""
    request = build_select_request(
        choice.order_amount, choice.currency, Token(TokenKind.INSTRUMENT_IDENTIFIER, choice.instrument_identifier),
        AuthorizationLink.code(choice.approval_code, choice.authorized_at),
        plan_id=choice.plan_id, tc_version=choice.tc_version,
    )
    return SelectAnswer(request=request, report=validate_request(request, "select"))
