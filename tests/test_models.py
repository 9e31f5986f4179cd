"""The typed wire models: round trip, typed access, errors, and agreement with the validator's reader."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import validate_response
from installments_core._wire.response_reader import read_response
from installments_core.errors import MalformedResponseError
from installments_core.plans import FundedBy
from installments_core.responses import (
    CancelPlanResponse,
    GetPlansResponse,
    MatchedPlan,
    PlanDetail,
    SelectPlanResponse,
    VisaPlansResponse,
)

from .response_strategies import JSON, SEEDS, mutate
from .visa_fixtures import GUIDE, PUBLISHED, guide_bytes, guide_json, visa_response

GET_PLANS = sorted(p.name.removesuffix(".json") for p in GUIDE.glob("get_plans_*.response.json"))
SELECT = sorted(p.name.removesuffix(".json") for p in GUIDE.glob("select_*.response.json"))
CANCEL = sorted(p.name.removesuffix(".json") for p in GUIDE.glob("cancel_*.response.json"))


@pytest.mark.parametrize("name", GET_PLANS)
def test_get_plans_responses_dump_back_to_the_same_json_values(name: str) -> None:
    response = GetPlansResponse.from_json(guide_bytes(name))
    assert response.to_wire() == guide_json(name)


@pytest.mark.parametrize(("model", "name"), [(SelectPlanResponse, n) for n in SELECT] + [
    (CancelPlanResponse, n) for n in CANCEL
])
def test_select_and_cancel_responses_round_trip(model: Any, name: str) -> None:
    response = model.from_json(guide_bytes(name))
    published = guide_json(name)["installmentInformation"]
    assert response.installment_information.plan_id == published["planId"]
    assert response.installment_information.id == published["id"]
    assert response.status == "ACCEPTED"
    assert response.to_wire() == guide_json(name)


def test_typed_access_in_snake_case_with_decimals_that_keep_their_digits() -> None:
    response = GetPlansResponse.from_json(guide_bytes("get_plans_token.response"))
    plan = response.plans[2]
    assert plan.plan_id == "9b6a2573-f532-2779-1cd2-1f054fdf9001"
    assert plan.total_count == 12
    assert plan.funded_by == [FundedBy.CONSUMER]
    details = plan.amount_details
    assert str(details.first_installment.total_amount_excluding_upfront_fee) == "43.75"
    assert str(details.fee("CONSUMER").monthly_rate_percentage) == "0.42"  # type: ignore[union-attr]
    reference = response.payment_information.payment_account_reference  # type: ignore[union-attr]
    assert reference.id == "V0010013020261601352183794986"  # type: ignore[union-attr]


def test_500_and_500_00_are_different_texts() -> None:
    document = guide_json("get_plans_token.response")
    document["installmentInformation"]["planDetails"][1]["amountDetails"]["totalPlanAmount"] = "500"
    response = GetPlansResponse.from_data(document)
    total = response.plans[1].amount_details.total_plan_amount
    assert total == Decimal("500.00")
    assert str(total) == "500"
    assert response.to_wire() == document


def test_both_islamic_flags_and_unknown_fields_survive() -> None:
    document = guide_json("get_plans_pan_qar.response")
    document["installmentInformation"]["planDetails"][1]["isIslamicPlan"] = False
    document["installmentInformation"]["planDetails"][1]["newIssuerField"] = {"nested": [1, "two"]}
    document["futureEnvelopeField"] = "kept"
    response = GetPlansResponse.from_data(document)
    assert response.plans[0].islamic
    assert response.plans[0].sharia_law_plan is True
    assert response.plans[1].is_islamic_plan is False
    assert response.plans[1].islamic  # shariaLawPlan is still true
    assert response.to_wire() == document


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("totalCount",), 12, "totalCount"),
        (("amountDetails", "totalPlanAmount"), 500.0, "amountDetails.totalPlanAmount"),
        (("amountDetails", "totalPlanAmount"), "NaN", "amountDetails.totalPlanAmount"),
        (("amountDetails", "fees", 0, "ratePercentage"), "1e2", "amountDetails.fees[0].ratePercentage"),
        (("shariaLawPlan",), "true", "shariaLawPlan"),
    ],
)
def test_model_errors_are_library_errors_with_wire_paths(path: tuple[Any, ...], value: Any, where: str) -> None:
    document = guide_json("get_plans_pan_qar.response")
    target = document["installmentInformation"]["planDetails"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(MalformedResponseError) as caught:
        GetPlansResponse.from_data(document)
    assert caught.value.path == f"installmentInformation.planDetails[0].{where}"


def test_model_json_errors_are_the_decoders() -> None:
    with pytest.raises(MalformedResponseError, match="line 1 column 1103"):
        GetPlansResponse.from_json((GUIDE / "get_plans_pan_qar.response.published.txt").read_bytes())


@pytest.mark.parametrize("stem", PUBLISHED)
def test_visa_models_round_trip_and_give_the_cybersource_offers(stem: str) -> None:
    document = visa_response(stem)
    visa = VisaPlansResponse.from_data(document)
    assert visa.to_wire() == document
    amount = guide_json(f"{stem}.request")["orderInformation"]["amountDetails"]["totalAmount"]
    cybersource = GetPlansResponse.from_json(guide_bytes(f"{stem}.response"))
    assert visa.offers(amount) == cybersource.offers(amount, "USD")


def test_visa_integers_are_minor_units_and_hundredths() -> None:
    plan = VisaPlansResponse.from_data(visa_response("get_plans_token")).matched_plans[2]
    assert plan.cost_info.total_plan_cost == 55500
    assert plan.cost_info.fee("CONSUMER").rate_percentage == 500  # type: ignore[union-attr]
    offer = plan.to_offer()
    assert (offer.plan.amount, offer.plan.fee_rate, offer.plan.upfront_rate) == (
        Decimal("500.00"), Decimal("5.00"), Decimal("6.00")
    )
    assert offer.terms[0].version == "1"


@pytest.mark.parametrize("stem", PUBLISHED)
def test_model_offers_agree_with_the_validators(stem: str) -> None:
    report = validate_response(guide_bytes(f"{stem}.response"), request=guide_bytes(f"{stem}.request"))
    model = GetPlansResponse.from_json(guide_bytes(f"{stem}.response"))
    currency = guide_json(f"{stem}.request")["orderInformation"]["amountDetails"]["currency"]
    assert report.offers == model.offers(report.order_amount, currency)


def _reader_accepts(document: Any) -> bool:
    try:
        reading = read_response(document)
    except MalformedResponseError:  # an error answer, or a document of both formats or neither
        return False
    return not reading.errors and not any(plan.errors for plan in reading.plans)


def _model_accepts(document: Any) -> bool:
    model = VisaPlansResponse if "matchedPlans" in document else GetPlansResponse
    try:
        model.from_data(document)
    except MalformedResponseError:
        return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_the_model_and_the_fast_reader_accept_the_same_documents(seed: str, data: st.DataObject) -> None:
    document, _ = mutate(seed, data)
    if not isinstance(document, dict) or not ({"matchedPlans", "installmentInformation"} & document.keys()):
        return
    assert _reader_accepts(document) == _model_accepts(document)


@settings(max_examples=100, deadline=None)
@given(JSON)
def test_the_model_and_the_reader_agree_on_arbitrary_plans(plan: Any) -> None:
    for document in ({"installmentInformation": {"planDetails": [plan]}}, {"matchedPlans": [plan]}):
        assert _reader_accepts(copy.deepcopy(document)) == _model_accepts(document)


def test_single_plan_models_are_exported() -> None:
    detail = guide_json("get_plans_token.response")["installmentInformation"]["planDetails"][0]
    assert PlanDetail.from_data(detail).to_offer("500").plan.total_plan_amount == Decimal("518.00")
    visa = visa_response("get_plans_token")["matchedPlans"][0]
    assert MatchedPlan.from_data(visa).to_offer("500").plan.total_plan_amount == Decimal("518.00")
