"""Get-plans, select and cancel requests: every published example, every rule, the builders."""

from __future__ import annotations

import copy
import decimal
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, strategies, validate_request, validate_response
from installments_core._errors import card_number_last_four
from installments_core._wire.payment_identifiers import PaymentIdentifier
from installments_core._wire.request_fields import check_plan_id, check_tc_version
from installments_core.amounts import minor_units
from installments_core.cards import CardNumber
from installments_core.errors import InvalidAmountError, InvalidRequestError, PlansResponseError, ResponseFormatError
from installments_core.requests import (
    AuthorizationLink,
    InstallmentPurchase,
    LinkKind,
    PaymentAccountReference,
    RequestKind,
    Token,
    TokenKind,
    build_cancel_request,
    build_get_plans_request,
    build_select_request,
    offered_plans,
    refund_amount_decimals,
)

from .conftest import GUIDE, guide_json

REQUESTS = sorted(path.name.removesuffix(".json") for path in GUIDE.glob("*.request.json"))
KINDS = {"get": RequestKind.GET_PLANS, "select": RequestKind.SELECT, "cancel": RequestKind.CANCEL}


def kind_of(name: str) -> RequestKind:
    return KINDS[name.split("_", maxsplit=1)[0]]


def test_every_published_request_is_in_the_table() -> None:
    # 4 get-plans (PAN QAR, PAN 2024, PAR, token) and 6 each of select and cancel.
    assert len(REQUESTS) == 16
    assert sorted(kind_of(name).value for name in REQUESTS).count("select") == 6


@pytest.mark.parametrize("name", [name for name in REQUESTS if name != "get_plans_pan_qar.request"])
def test_every_published_request_validates_clean(name: str) -> None:
    report = validate_request(guide_json(name), kind_of(name))
    assert report.ok, str(report)
    assert report.violations == ()
    report.raise_if_invalid()


def test_the_masked_card_number_of_the_qar_example_is_not_a_card_number() -> None:
    report = validate_request(guide_json("get_plans_pan_qar.request"), "get-plans")
    (violation,) = report.violations
    assert violation.path == "paymentInformation.card.number"
    assert violation.code == "card_number"
    assert violation.rule.startswith("not a card number")
    assert violation.actual == "15 characters ending in '2040'"
    assert "5180126342040" not in str(report)


def _identifier(request: dict[str, Any]) -> PaymentIdentifier:
    payment = request.get("paymentInformation", {})
    if "card" in payment:
        return CardNumber(payment["card"]["number"])
    if "paymentAccountReference" in payment:
        return PaymentAccountReference(payment["paymentAccountReference"]["id"])
    (kind,) = [kind for kind in TokenKind if kind.value.split(".")[1] in {**payment, **request.get(
        "tokenInformation", {})}]
    top, *names = kind.value.split(".")
    node = request[top]
    for name in names:
        node = node[name]
    return Token(kind, node)


def _link(request: dict[str, Any]) -> AuthorizationLink:
    options = request["processingInformation"]["authorizationOptions"]
    kind = LinkKind.AUTHORIZATION_CODE if "authorizationCode" in options else LinkKind.NETWORK_TRANSACTION_ID
    return AuthorizationLink(kind, options[kind.value], options["authorizationDateTime"])


def rebuild(name: str) -> dict[str, object]:
    """Build the published request *name* from its parameters."""
    request = guide_json(name)
    amount = request["orderInformation"]["amountDetails"]
    args = (amount["totalAmount"], amount["currency"], _identifier(request))
    kind = kind_of(name)
    if kind is RequestKind.GET_PLANS:
        return build_get_plans_request(*args)
    if kind is RequestKind.SELECT:
        information = request["installmentInformation"]
        return build_select_request(*args, _link(request), plan_id=information["planId"],
                                    tc_version=information["tcVersion"])
    return build_cancel_request(*args, _link(request))


@pytest.mark.parametrize("name", [name for name in REQUESTS if name != "get_plans_pan_qar.request"])
def test_building_each_published_request_gives_the_same_json(name: str) -> None:
    assert rebuild(name) == guide_json(name)


def test_the_qar_example_cannot_be_built() -> None:
    with pytest.raises(InstallmentsError, match="not a card number"):
        rebuild("get_plans_pan_qar.request")


# -- rule by rule: a published request, one mutation, the violation expected ----------------------

SELECT = "select_pan_ac.request"
CANCEL = "cancel_par_ntid.request"
GET = "get_plans_token.request"
AUTH = ("processingInformation", "authorizationOptions")


def _set(document: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    node = document
    for name in path[:-1]:
        node = node.setdefault(name, {})
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value


_DELETE = object()

CASES: list[tuple[str, str, list[tuple[tuple[str, ...], object]], str, str]] = [
    # (example, kind, mutations, path of the violation, code)
    (SELECT, "select", [(("processingInformation", "installmentServiceProvider"), _DELETE)],
     "processingInformation.installmentServiceProvider", "missing_field"),
    (SELECT, "select", [(("processingInformation", "installmentServiceProvider"), "VISA")],
     "processingInformation.installmentServiceProvider", "value"),
    (SELECT, "select", [(("installmentInformation", "planId"), _DELETE)], "installmentInformation.planId",
     "missing_field"),
    (SELECT, "select", [(("installmentInformation", "tcVersion"), _DELETE)], "installmentInformation.tcVersion",
     "missing_field"),
    (SELECT, "select", [(("installmentInformation", "planId"), "x" * 51)], "installmentInformation.planId", "length"),
    (SELECT, "select", [(("installmentInformation", "tcVersion"), "1" * 37)], "installmentInformation.tcVersion",
     "length"),
    (SELECT, "select", [(("installmentInformation", "tcVersion"), 1)], "installmentInformation.tcVersion",
     "wrong_type"),
    (SELECT, "select", [(("installmentInformation", "planId"), "  ")], "installmentInformation.planId", "blank"),
    (SELECT, "select", [((*AUTH, "authorizationCode"), "88888")],
     "processingInformation.authorizationOptions.authorizationCode", "length"),
    (SELECT, "select", [((*AUTH, "authorizationCode"), "8888-9")],
     "processingInformation.authorizationOptions.authorizationCode", "invalid_format"),
    (SELECT, "select", [((*AUTH, "authorizationCode"), _DELETE)], "processingInformation.authorizationOptions",
     "missing_field"),
    (SELECT, "select", [((*AUTH, "networkTransactionId"), "178896882917673")],
     "processingInformation.authorizationOptions", "more_than_one"),
    (CANCEL, "cancel", [((*AUTH, "networkTransactionId"), "1" * 21)],
     "processingInformation.authorizationOptions.networkTransactionId", "length"),
    (SELECT, "select", [((*AUTH, "authorizationDateTime"), _DELETE)],
     "processingInformation.authorizationOptions.authorizationDateTime", "missing_field"),
    (SELECT, "select", [((*AUTH, "authorizationDateTime"), "2020-09-02T16:40:45+00:00")],
     "processingInformation.authorizationOptions.authorizationDateTime", "invalid_format"),
    (SELECT, "select", [((*AUTH, "authorizationDateTime"), "2020-02-30T16:40:45Z")],
     "processingInformation.authorizationOptions.authorizationDateTime", "invalid_format"),
    (SELECT, "select", [((*AUTH, "authorizationDateTime"), "2020-09-02T16:40Z")],
     "processingInformation.authorizationOptions.authorizationDateTime", "invalid_format"),
    (SELECT, "select", [(("orderInformation", "amountDetails", "currency"), "usd")],
     "orderInformation.amountDetails.currency", "currency"),
    (SELECT, "select", [(("orderInformation", "amountDetails", "totalAmount"), "41.675")],
     "orderInformation.amountDetails.totalAmount", "amount"),
    (SELECT, "select", [(("orderInformation", "amountDetails", "totalAmount"), "0")],
     "orderInformation.amountDetails.totalAmount", "amount"),
    (SELECT, "select", [(("orderInformation", "amountDetails", "totalAmount"), 500)],
     "orderInformation.amountDetails.totalAmount", "wrong_type"),
    (SELECT, "select", [(("orderInformation", "amountDetails", "totalAmount"), "-500")],
     "orderInformation.amountDetails.totalAmount", "amount"),
    (SELECT, "select", [(("paymentInformation", "card"), _DELETE)], "paymentInformation", "missing_field"),
    (SELECT, "select", [(("paymentInformation", "paymentAccountReference"), {"id": "V0010013020261601352183794986"})],
     "paymentInformation", "more_than_one"),
    (SELECT, "select", [(("tokenInformation", "jti"), "1E9A8C6D")], "paymentInformation", "more_than_one"),
    (SELECT, "select", [(("paymentInformation", "card", "number"), "4622943127019794")],
     "paymentInformation.card.number", "card_number"),
    (SELECT, "select", [(("paymentInformation", "card", "number"), "5555555555554444")],
     "paymentInformation.card.number", "card_brand"),
    (SELECT, "select", [(("paymentInformation", "card", "number"), "4622 9431 2701 9793")],
     "paymentInformation.card.number", "card_number"),
    (GET, "get-plans", [(("paymentInformation", "instrumentIdentifier", "id"), "")],
     "paymentInformation.instrumentIdentifier.id", "blank"),
    (GET, "get-plans", [(("paymentInformation", "instrumentIdentifier"), "7030000000012249793")],
     "paymentInformation.instrumentIdentifier", "wrong_type"),
    (GET, "get-plans", [((*AUTH, "authorizationCode"), "888889")],
     "processingInformation.authorizationOptions", "unknown_field"),
    (GET, "get-plans", [(("merchantInformation", "categoryCode"), "57")], "merchantInformation.categoryCode",
     "invalid_format"),
    (GET, "get-plans", [(("merchantInformation", "categoryCode"), 12)], "merchantInformation.categoryCode",
     "invalid_format"),
    (GET, "get-plans", [(("merchantInformation", "categoryCode"), 742)], "merchantInformation.categoryCode",
     "invalid_format"),
    (GET, "get-plans", [(("merchantInformation", "categoryCode"), 10000)], "merchantInformation.categoryCode",
     "invalid_format"),
    (CANCEL, "cancel", [(("merchantInformation", "categoryCode"), "57321")], "merchantInformation.categoryCode",
     "invalid_format"),
    (GET, "get-plans", [(("processingInformation", "installmentServiceProvder"), "Visa"),
                        (("processingInformation", "installmentServiceProvider"), _DELETE)],
     "processingInformation.installmentServiceProvder", "misspelt_field"),
    (GET, "get-plans", [(("orderInformation", "amountDetails", "totalamount"), "500"),
                        (("orderInformation", "amountDetails", "totalAmount"), _DELETE)],
     "orderInformation.amountDetails.totalamount", "misspelt_field"),
    (SELECT, "select", [(("processingInformation", "authorizationCode"), "888889"),
                        ((*AUTH, "authorizationCode"), _DELETE)],
     "processingInformation.authorizationCode", "misspelt_field"),
    (SELECT, "select", [(("installmentInformation", "id"), "e9a14fc4")], "installmentInformation.id",
     "unknown_field"),
    (CANCEL, "cancel", [(("processingInformation", "refundOptions", "refundAmount"), "60.1")],
     "processingInformation.refundOptions.refundAmount", "refund_format"),
    (CANCEL, "cancel", [(("processingInformation", "refundOptions", "refundAmount"), "60.010")],
     "processingInformation.refundOptions.refundAmount", "refund_format"),
    (CANCEL, "cancel", [(("processingInformation", "refundOptions", "refundAmount"), "500.00")],
     "processingInformation.refundOptions.refundAmount", "refund_too_large"),
    (CANCEL, "cancel", [(("processingInformation", "refundOptions", "refundAmount"), "600.00")],
     "processingInformation.refundOptions.refundAmount", "refund_too_large"),
    (CANCEL, "cancel", [(("processingInformation", "refundOptions", "refundAmount"), "-60.01")],
     "processingInformation.refundOptions.refundAmount", "amount"),
    (CANCEL, "cancel", [(("processingInformation", "refundOptions", "refundAmount"), "0.00")],
     "processingInformation.refundOptions.refundAmount", "amount"),
    (CANCEL, "cancel", [(("processingInformation", "refundOptions", "refundAmount"), 60.01)],
     "processingInformation.refundOptions.refundAmount", "wrong_type"),
    (CANCEL, "cancel", [(("installmentInformation", "id"), "x" * 51)], "installmentInformation.id", "length"),
    # Digits on the wire are ASCII: full-width or Arabic-Indic digits are display text.
    (SELECT, "select", [((*AUTH, "authorizationCode"), "８８８８８８")],
     "processingInformation.authorizationOptions.authorizationCode", "invalid_format"),
    (GET, "get-plans", [(("merchantInformation", "categoryCode"), "５７３２")], "merchantInformation.categoryCode",
     "invalid_format"),
    (GET, "get-plans", [(("orderInformation", "amountDetails", "totalAmount"), "٥٠٠")],
     "orderInformation.amountDetails.totalAmount", "amount"),
]


@pytest.mark.parametrize(("example", "kind", "mutations", "path", "code"), CASES)
def test_each_rule_reports_its_violation(
    example: str, kind: str, mutations: list[tuple[tuple[str, ...], object]], path: str, code: str
) -> None:
    document = guide_json(example)
    for field, value in mutations:
        _set(document, field, value)
    report = validate_request(document, kind)
    assert [(v.path, v.code) for v in report.violations] == [(path, code)], str(report)
    (violation,) = report.violations
    assert all((violation.rule, violation.expected, violation.actual))
    assert str(violation).startswith(path)


def test_a_19_digit_visa_number_is_valid() -> None:
    document = guide_json(SELECT)
    document["paymentInformation"]["card"]["number"] = "4000000000000000006"
    assert validate_request(document, "select").ok


def test_a_misspelling_is_one_violation_not_two() -> None:
    document = guide_json(GET)
    document["processingInformation"] = {"installmentServiceProvder": "Visa"}
    (violation,) = validate_request(document, "get-plans").violations
    assert violation.rule == "misspelt field name: the field is installmentServiceProvider"
    assert violation.expected == "processingInformation.installmentServiceProvider"


def test_an_optional_field_of_another_request_is_named() -> None:
    document = guide_json(GET)
    document["installmentInformation"] = {"planId": "x"}
    (violation,) = validate_request(document, "get-plans").violations
    assert (violation.path, violation.rule) == ("installmentInformation", "not a field of the get-plans request")


def test_several_violations_are_all_listed_in_path_order() -> None:
    document = guide_json(SELECT)
    document["installmentInformation"] = {}
    document["processingInformation"]["authorizationOptions"]["authorizationCode"] = "1"
    report = validate_request(document, "select")
    assert report.paths() == ("installmentInformation.planId", "installmentInformation.tcVersion",
                              "processingInformation.authorizationOptions.authorizationCode")
    with pytest.raises(InvalidRequestError, match="and 2 more violations") as raised:
        report.raise_if_invalid()
    assert raised.value.violations == report.violations
    assert raised.value.code == "invalid_request"
    import pickle

    copied = pickle.loads(pickle.dumps(raised.value))
    assert (type(copied), str(copied), copied.violations) == (InvalidRequestError, str(raised.value),
                                                              report.violations)
    assert report.as_json()["valid"] is False


@pytest.mark.parametrize("document", [None, [], "{}", 3])
def test_a_request_is_an_object(document: object) -> None:
    (violation,) = validate_request(document, "cancel").violations
    assert (violation.path, violation.code) == ("", "wrong_type")


def test_kinds_and_options_are_checked() -> None:
    with pytest.raises(InstallmentsError, match="expected one of get-plans, select, cancel"):
        validate_request({}, "refund")
    with pytest.raises(InstallmentsError, match="only with a select request"):
        validate_request(guide_json(CANCEL), "cancel", plans=guide_json("get_plans_par.response"))
    with pytest.raises(InstallmentsError, match="only with a jpo-authorization request"):
        validate_request(guide_json(CANCEL), "cancel", card_present=True)


# -- refund amounts in 0-, 2- and 3-digit currencies -------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "total", "refund", "code"),
    [("USD", "500", "60.01", None), ("USD", "500", "60", "refund_format"), ("JPY", "5000", "60.00", None),
     ("JPY", "5000", "60", "refund_format"), ("JPY", "5000", "60.50", "amount"), ("KWD", "50", "6.005", None),
     ("KWD", "50", "6.01", "refund_format"), ("QAR", "3000", "2999.99", None), ("QAR", "3000", "3000.00",
                                                                              "refund_too_large")],
)
def test_refund_amounts_per_currency(currency: str, total: str, refund: str, code: str | None) -> None:
    document = guide_json(CANCEL)
    document["orderInformation"]["amountDetails"] = {"totalAmount": total, "currency": currency}
    document["processingInformation"]["refundOptions"] = {"refundAmount": refund}
    report = validate_request(document, "cancel")
    assert [v.code for v in report.violations] == ([code] if code else [])


def test_refund_decimals() -> None:
    assert [refund_amount_decimals(c) for c in ("USD", "JPY", "KWD", "CLF")] == [2, 2, 3, 4]


# -- get-plans responses: planId and tcVersion --------------------------------------------------------


def _response_offering(plan_id: str, *versions: str) -> dict[str, object]:
    terms = [{"version": version, "text": "…", "languageCode": "eng"} for version in versions]
    return {"installmentInformation": {"planDetails": [{"planId": plan_id, "termsAndConditions": terms}]}}


def test_select_against_the_get_plans_response() -> None:
    select = guide_json(SELECT)
    plan_id = select["installmentInformation"]["planId"]
    assert validate_request(select, "select", plans=_response_offering(plan_id, "1")).ok
    assert validate_request(select, "select", plans=_response_offering(plan_id, "2", "1")).ok
    codes = [v.code for v in validate_request(select, "select", plans=_response_offering(plan_id, "2")).violations]
    assert codes == ["tc_version_not_offered"]
    # A plan without terms leaves nothing to send as tcVersion: it is not offered (validation: terms_missing).
    codes = [v.code for v in validate_request(select, "select", plans=_response_offering(plan_id)).violations]
    assert codes == ["plan_not_offered"]
    for response in ("get_plans_token.response", "get_plans_par.response", "get_plans_pan_2024.response"):
        (violation,) = validate_request(select, "select", plans=guide_json(response)).violations
        assert (violation.path, violation.code) == ("installmentInformation.planId", "plan_not_offered")
    empty = {"installmentInformation": {"planDetails": []}}
    (violation,) = validate_request(select, "select", plans=empty).violations
    assert "offered no plan" in violation.rule


def test_a_published_plan_can_be_selected() -> None:
    response = guide_json("get_plans_pan_qar.response")
    select = guide_json(SELECT)
    select["orderInformation"]["amountDetails"] = {"totalAmount": "3000", "currency": "QAR"}
    select["installmentInformation"] = {"planId": "7014ef25-54db-7286-b693-1874fe665002", "tcVersion": "1"}
    assert validate_request(select, "select", plans=response).ok


def test_a_plan_in_another_currency_than_the_order_cannot_be_selected() -> None:
    response = guide_json("get_plans_pan_qar.response")
    select = guide_json(SELECT)
    select["orderInformation"]["amountDetails"] = {"totalAmount": "3000", "currency": "USD"}
    select["installmentInformation"] = {"planId": "7014ef25-54db-7286-b693-1874fe665002", "tcVersion": "1"}
    (violation,) = validate_request(select, "select", plans=response).violations
    assert (violation.path, violation.code) == ("orderInformation.amountDetails.currency", "plan_currency")
    assert (violation.expected, violation.actual) == ("the chosen plan's currency 'QAR'", "'USD'")
    # An invalid order currency is reported once, as itself.
    select["orderInformation"]["amountDetails"]["currency"] = "usd"
    assert [v.code for v in validate_request(select, "select", plans=response).violations] == ["currency"]
    # A plan that states no currency (the 2024 responses) cannot disagree.
    select["orderInformation"]["amountDetails"]["currency"] = "USD"
    select["installmentInformation"]["planId"] = "p"
    assert validate_request(select, "select", plans=_response_offering("p", "1")).ok


def test_offered_plans_in_both_shapes() -> None:
    token = offered_plans(guide_json("get_plans_token.response"))
    assert [plan.plan_id[:8] for plan in token] == ["49ae7aa2", "a811fe1f", "9b6a2573", "23e950ef"]
    assert [plan.tc_versions for plan in token] == [("1",), ("1",), ("1",), ("2",)]
    assert {plan.currency for plan in token} == {"USD"}
    assert offered_plans(guide_json("get_plans_pan_qar.response"))[0].tc_versions == ("1",)  # two languages
    visa = {"matchedPlans": [{"vPlanID": "v1", "costInfo": {"currency": "USD"},
                              "termsAndConditions": [{"version": 2}, {"version": 3}]}]}
    assert offered_plans(visa)[0] == ("v1", ("2", "3"), "USD")
    select = guide_json(SELECT)
    select["installmentInformation"] = {"planId": "v1", "tcVersion": "3"}
    assert validate_request(select, "select", plans=visa).ok


@pytest.mark.parametrize(
    "response",
    [[], {"status": "ACCEPTED"}, {"installmentInformation": {"planDetails": {}}},
     {"installmentInformation": {"planDetails": ["plan"]}},
     {"installmentInformation": {"planDetails": [{"planId": "p", "termsAndConditions": "1"}]}},
     {"installmentInformation": {"planDetails": [{"planId": "p", "termsAndConditions": [1]}]}},
     # A currency that is not a code cannot be matched to an order: not the same as no currency stated.
     {"installmentInformation": {"planDetails": [{"planId": "p", "amountDetails": {"currency": 840}}]}},
     {"matchedPlans": [{"vPlanID": "p", "costInfo": {"currency": ["USD"]}}]}],
)
def test_unusable_responses_are_refused(response: object) -> None:
    # A document of neither format is refused as validation refuses it (plans_format).
    with pytest.raises((PlansResponseError, ResponseFormatError)):
        offered_plans(response)


@pytest.mark.parametrize(
    ("response", "path"),
    [({"installmentInformation": {"planDetails": None}}, "installmentInformation.planDetails"),
     ({"installmentInformation": {}}, "installmentInformation.planDetails"),
     ({"matchedPlans": None}, "matchedPlans")],
)
def test_a_null_plan_list_is_missing_as_validation_says(response: dict[str, object], path: str) -> None:
    with pytest.raises(PlansResponseError) as raised:
        offered_plans(response)
    assert (raised.value.path, raised.value.actual) == (path, "missing")
    assert [(finding.path, finding.code) for finding in validate_response(response).findings] == [
        (path, "missing_field")]


def _terms(*versions: object) -> list[dict[str, object]]:
    return [{"version": version, "languageCode": "eng", "text": "Terms"} for version in versions]


@pytest.mark.parametrize(
    "plan",
    [
        {"x": 1, "termsAndConditions": _terms("1")},
        {"planId": "", "termsAndConditions": _terms("1")},
        {"planId": "x" * 51, "termsAndConditions": _terms("1")},
        {"planId": "4622943127019793", "termsAndConditions": _terms("1")},
        {"planId": "\u2800", "termsAndConditions": _terms("1")},
        {"planId": "p"},
        {"planId": "p", "termsAndConditions": []},
        {"planId": "p", "termsAndConditions": _terms(None)},
        {"planId": "p", "termsAndConditions": _terms(1)},  # Cybersource's versions are strings
        {"planId": "p", "termsAndConditions": _terms("1", "v" * 37)},  # one bad version: the plan, not the version
        {"planId": "p", "termsAndConditions": _terms("1", "")},
    ],
)
def test_a_plan_validation_refuses_for_its_id_or_terms_versions_is_not_offered(plan: dict[str, object]) -> None:
    # Not a reason to refuse the whole document: the other plans are offered, as validation offers them.
    good = {"planId": "good", "termsAndConditions": _terms("1")}
    response = {"installmentInformation": {"planDetails": [plan, good]}}
    assert offered_plans(response) == (("good", ("1",), None),)


@pytest.mark.parametrize("version", [True, "1", -1, 10**9 + 1, None, 1.0])
def test_a_visa_plan_whose_version_is_no_version_number_is_not_offered(version: object) -> None:
    visa = {"matchedPlans": [{"vPlanID": "p", "termsAndConditions": _terms(version)},
                             {"vPlanID": "good", "termsAndConditions": _terms(0, 10**9)}]}
    assert offered_plans(visa) == (("good", ("0", str(10**9)), None),)


# -- builders -------------------------------------------------------------------------------------------


def test_builders_normalise_amounts_and_write_refunds_with_two_decimals() -> None:
    par = PaymentAccountReference("V0010013020261601352183794986")
    link = AuthorizationLink.ntid("178896882917423", datetime(2023, 7, 24, 18, 56, 12,
                                                              tzinfo=timezone(timedelta(hours=2))))
    cancel = build_cancel_request(Decimal("500.000"), "USD", par, link, refund_amount=Decimal("60.1"),
                                  installment_id="6f4d375c", category_code=5732)
    assert cancel["orderInformation"] == {"amountDetails": {"totalAmount": "500.00", "currency": "USD"}}
    assert cancel["processingInformation"]["authorizationOptions"]["authorizationDateTime"] == (  # type: ignore[index]
        "2023-07-24T16:56:12Z")
    assert cancel["processingInformation"]["refundOptions"] == {"refundAmount": "60.10"}  # type: ignore[index]
    assert cancel["installmentInformation"] == {"id": "6f4d375c"}
    assert validate_request(cancel, "cancel").ok
    jpy = build_cancel_request("5000", "JPY", par, link, refund_amount=60)
    assert jpy["processingInformation"]["refundOptions"] == {"refundAmount": "60.00"}  # type: ignore[index]
    assert build_get_plans_request(500, "USD", par, category_code="5732")["merchantInformation"] == {
        "categoryCode": "5732"}


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: build_get_plans_request("500", "USD", "4622943127019793"), InvalidRequestError),  # type: ignore[arg-type]
        (lambda: build_get_plans_request("500", "usd", PaymentAccountReference("V" * 29)), InvalidRequestError),
        (lambda: build_get_plans_request(500.0, "USD", PaymentAccountReference("V" * 29)), InvalidAmountError),
        (lambda: build_get_plans_request("0", "USD", PaymentAccountReference("V" * 29)), InvalidRequestError),
        (lambda: build_get_plans_request("5", "USD", PaymentAccountReference("V" * 29), category_code="x"),
         InvalidRequestError),
        (lambda: build_select_request("500", "USD", PaymentAccountReference("V" * 29), "888889",  # type: ignore[arg-type]
                                      plan_id="p", tc_version="1"), InvalidRequestError),
        (lambda: build_select_request("500", "USD", PaymentAccountReference("V" * 29),
                                      AuthorizationLink.code("888889", "2020-09-02T16:40:45Z"), plan_id="",
                                      tc_version="1"), InvalidRequestError),
        (lambda: build_cancel_request("500", "USD", PaymentAccountReference("V" * 29),
                                      AuthorizationLink.code("888889", "2020-09-02T16:40:45Z"),
                                      refund_amount="500"), InvalidRequestError),
        (lambda: build_cancel_request("500", "USD", PaymentAccountReference("V" * 29),
                                      AuthorizationLink.code("888889", "2020-09-02T16:40:45Z"),
                                      refund_amount="0.001"), InvalidAmountError),
        (lambda: build_cancel_request("500", "USD", PaymentAccountReference("V" * 29),
                                      AuthorizationLink.code("888889", "2020-09-02T16:40:45Z"),
                                      installment_id=""), InvalidRequestError),
        (lambda: build_cancel_request("500", "XAU", PaymentAccountReference("V" * 29),
                                      AuthorizationLink.code("888889", "2020-09-02T16:40:45Z")), InvalidRequestError),
        (lambda: AuthorizationLink.code("888889", datetime(2020, 9, 2)), InvalidRequestError),
        (lambda: AuthorizationLink.code("888889", "yesterday"), InvalidRequestError),
        (lambda: AuthorizationLink("code", "888889", "2020-09-02T16:40:45Z"), InvalidRequestError),  # type: ignore[arg-type]
        (lambda: Token("customer", "abc"), InvalidRequestError),  # type: ignore[arg-type]
        (lambda: Token(TokenKind.CUSTOMER, "a b"), InvalidRequestError),
        (lambda: PaymentAccountReference("V001001302026160135218379498-"), InvalidRequestError),
    ],
)
def test_builders_refuse_bad_parameters(build: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        build()


def test_every_token_field_builds_and_validates() -> None:
    for kind in TokenKind:
        request = build_get_plans_request("500", "USD", Token(kind, "7030000000012249793"))
        top, *names = kind.value.split(".")
        node = request[top]
        for name in names:
            node = node[name]  # type: ignore[index]
        assert node == "7030000000012249793"
        assert validate_request(request, "get-plans").ok


tokens = st.builds(Token, st.sampled_from(list(TokenKind)), st.text(alphabet="ABCDEF0123456789", min_size=1,
                                                                    max_size=40))
pars = st.builds(PaymentAccountReference, st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=29,
                                                  max_size=29))
links = st.builds(
    AuthorizationLink,
    st.sampled_from(list(LinkKind)),
    st.text(alphabet="ABC0123456789", min_size=6, max_size=6),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
)
orders = st.sampled_from(["USD", "JPY", "KWD", "QAR", "EUR"]).flatmap(
    lambda currency: st.tuples(
        st.decimals(min_value=Decimal(2), max_value=Decimal("1e9"), places=0 if currency == "JPY" else 2),
        st.just(currency)))


@settings(max_examples=150)
@given(orders, st.one_of(tokens, pars), links, st.data())
def test_whatever_the_builders_produce_validates(
    order: tuple[Decimal, str], payment: PaymentIdentifier, link: AuthorizationLink, data: st.DataObject
) -> None:
    amount, currency = order
    # Any ID the rule table allows: printable, not blank, not a card number (the rule's edges are in test_formats).
    printable = st.characters(categories=("L", "M", "N", "P", "S")) | st.just(" ")
    plan_id = data.draw(st.text(printable, min_size=1, max_size=50).filter(lambda text: check_plan_id(text) is None))
    tc_version = data.draw(
        st.text(printable, min_size=1, max_size=36).filter(lambda text: check_tc_version(text) is None)
    )
    assert validate_request(build_get_plans_request(amount, currency, payment), "get-plans").ok
    select = build_select_request(amount, currency, payment, link, plan_id=plan_id, tc_version=tc_version)
    assert validate_request(select, "select", plans=_response_offering(plan_id, tc_version)).ok
    unit = Decimal(1).scaleb(-min(2, 0 if currency == "JPY" else 2))
    refund = data.draw(st.none() | st.decimals(min_value=unit, max_value=amount - unit, places=0 if currency ==
                                               "JPY" else 2))
    cancel = build_cancel_request(amount, currency, payment, link, refund_amount=refund)
    assert validate_request(cancel, "cancel").ok, validate_request(cancel, "cancel")
    assert copy.deepcopy(cancel) == cancel  # plain JSON-ready data


def test_requests_are_json_ready() -> None:
    import json

    document = rebuild("select_token_ntid.request")
    assert json.loads(json.dumps(document)) == document



# -- arbitrary input: a report or a library error, never anything else ------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
FIELD_NAMES = ["processingInformation", "installmentServiceProvider", "authorizationOptions", "authorizationCode",
               "networkTransactionId", "authorizationDateTime", "orderInformation", "amountDetails", "totalAmount",
               "currency", "paymentInformation", "card", "number", "installmentInformation", "planId", "tcVersion",
               "refundOptions", "refundAmount", "japanPaymentOptions", "paymentMethod", "billTo", "tokenInformation"]


def _graft(document: object, path: list[str], value: object) -> object:
    if not path:
        return value
    node = dict(document) if isinstance(document, dict) else {}
    node[path[0]] = _graft(node.get(path[0]), path[1:], value)
    return node


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(REQUESTS), st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=4), json_values,
       st.sampled_from([*RequestKind]), st.none() | json_values)
def test_any_document_gives_a_report_or_a_library_error(
    name: str, path: list[str], value: object, kind: RequestKind, plans: object
) -> None:
    document = _graft(guide_json(name), path, value)
    try:
        report = validate_request(document, kind, plans=plans if kind is RequestKind.SELECT else None)
    except InstallmentsError:
        return
    assert all(isinstance(v.path, str) and v.rule and v.expected and v.actual for v in report.violations)
    str(report)


def test_request_names_are_public_and_loaded_on_first_use() -> None:
    import subprocess
    import sys

    import installments_core

    for name in installments_core.__all__:
        assert getattr(installments_core, name) is not None
    probe = ("import sys, installments_core; "
             "print(sorted(m for m in sys.modules if m.startswith(('installments_core._requests', "
             "'installments_core._wire.request', 'installments_core._wire.payment_identifiers', "
             "'installments_core._wire.jpo_options', 'pydantic', 'babel'))))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


NON_ASCII_DIGITS = [
    "٢٠٢٠-٠٩-٠٢T١٦:٤٠:٤٥Z",  # Arabic-Indic
    "２０２０-09-02T16:40:45Z",  # full-width
    "2020-09-02T16:40:45.８２７Z",
    "𝟚𝟘𝟚𝟘-09-02T16:40:45Z",  # mathematical double-struck
    "۲۰۲۰-09-02T16:40:45Z",  # extended Arabic-Indic (Persian)
]


@pytest.mark.parametrize("date_time", NON_ASCII_DIGITS)
def test_authorization_date_times_take_ascii_digits_only(date_time: str) -> None:
    document = guide_json(SELECT)
    _set(document, (*AUTH, "authorizationDateTime"), date_time)
    report = validate_request(document, "select")
    assert [(v.path, v.code) for v in report.violations] == [(f"{'.'.join(AUTH)}.authorizationDateTime",
                                                              "invalid_format")]
    with pytest.raises(InvalidRequestError, match="authorizationDateTime"):
        AuthorizationLink.code("888887", date_time)


@pytest.mark.parametrize("year", [1, 999, 1000, 9999])
def test_a_datetime_of_any_year_gives_the_guide_format(year: int) -> None:
    link = AuthorizationLink.ntid("178896882917673", datetime(year, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert link.authorized_at == f"{year:04d}-01-02T03:04:05Z"
    assert link.instant == datetime(year, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_a_datetime_outside_the_utc_years_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="year 1 to 9999"):
        AuthorizationLink.ntid("178896882917673", datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=2))))


def _hostile_context() -> decimal.Context:
    # A lower-case exponent letter and three digits: str() of a Decimal in exponent form would show
    # 'e', and arithmetic through the ambient context would round or trap.
    return decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, Emin=-5, Emax=5, capitals=0,
                           traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow])


_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_PAR = PaymentAccountReference("V0010013020261601352183794986")
_LINK = AuthorizationLink.code("888887", "2020-09-02T16:40:45.827Z")


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [(Decimal("1E+2"), "USD", "100.00"), (Decimal("5E+3"), "JPY", "5000"), (Decimal("1.2E+5"), "KWD", "120000.000"),
     (Decimal("500"), "USD", "500.00"), (500, "USD", "500.00"), (Decimal("41.670"), "USD", "41.67"),
     ("500", "USD", "500"), ("100.00", "JPY", "100")],
)
def test_amount_texts_are_plain_decimals_whatever_the_context(amount: object, currency: str, text: str) -> None:
    with decimal.localcontext(_hostile_context()):
        request = build_get_plans_request(amount, currency, _PAR)
        cancel = build_cancel_request(amount, currency, _PAR, _LINK, refund_amount=Decimal("1E+1"))
        purchase = InstallmentPurchase(amount, currency, _PAR)
    assert request["orderInformation"]["amountDetails"]["totalAmount"] == text  # type: ignore[index]
    assert cancel["orderInformation"]["amountDetails"]["totalAmount"] == text  # type: ignore[index]
    refund = cancel["processingInformation"]["refundOptions"]["refundAmount"]  # type: ignore[index]
    assert refund == "10." + "0" * refund_amount_decimals(currency)
    assert purchase.get_plans_request() == request
    assert validate_request(request, "get-plans").ok
    assert validate_request(cancel, "cancel").ok


_WIDE = decimal.Context(prec=40)
_FORMS = {
    "minor digits": lambda amount: amount,
    "normalized (exponent form)": lambda amount: amount.normalize(_WIDE),  # 100.00 becomes 1E+2
    "extra zeros": lambda amount: amount.quantize(Decimal("1E-6"), context=_WIDE),
}


@settings(max_examples=100)
@given(st.sampled_from(["USD", "JPY", "KWD"]), st.integers(min_value=1, max_value=10**12), st.sampled_from(
    sorted(_FORMS)))
def test_any_decimal_amount_builds_a_plain_text_that_validates(currency: str, units: int, form: str) -> None:
    amount = _FORMS[form](Decimal(units).scaleb(-minor_units(currency), _WIDE))
    with decimal.localcontext(_hostile_context()):
        request = build_get_plans_request(amount, currency, _PAR)
    text = request["orderInformation"]["amountDetails"]["totalAmount"]  # type: ignore[index]
    assert _PLAIN.fullmatch(text), text
    assert len(text.partition(".")[2]) == minor_units(currency)
    assert Decimal(text) == amount
    assert validate_request(request, "get-plans").ok


@pytest.mark.parametrize("number", ["5555555555554444", "378282246310005", "41111111111111113"])
@pytest.mark.parametrize("build", [
    lambda card: build_get_plans_request("500", "USD", card),
    lambda card: build_select_request("500", "USD", card, _LINK, plan_id="p", tc_version="1"),
    lambda card: build_cancel_request("500", "USD", card, _LINK),
    lambda card: InstallmentPurchase("500", "USD", card),
])
def test_builders_refuse_the_card_numbers_the_validator_refuses(number: str, build: Any) -> None:
    # Mastercard, American Express, and a Visa number of 17 digits (Visa issues 13, 16 and 19).
    document = guide_json(GET)
    document["paymentInformation"] = {"card": {"number": number}}
    (violation,) = validate_request(document, "get-plans").violations
    with pytest.raises(InvalidRequestError) as raised:
        build(CardNumber(number))
    assert (raised.value.path, raised.value.expected, raised.value.actual) == (
        violation.path, violation.expected, violation.actual)
    assert number not in str(raised.value)


@pytest.mark.parametrize("number", ["4" + "0" * 11 + "6", "4" + "0" * 17 + "6"])
def test_visa_numbers_of_13_and_19_digits_build(number: str) -> None:
    assert validate_request(build_get_plans_request("500", "USD", CardNumber(number)), "get-plans").ok


@pytest.mark.parametrize("code", [12, 0, 999, 10000, "12", "012", "57321", True])
def test_builders_refuse_a_category_code_that_is_not_four_digits(code: object) -> None:
    with pytest.raises(InvalidRequestError, match="four digits") as raised:
        build_get_plans_request("500", "USD", _PAR, category_code=code)  # type: ignore[arg-type]
    assert raised.value.path == "merchantInformation.categoryCode"
    with pytest.raises(InvalidRequestError, match="four digits"):
        build_cancel_request("500", "USD", _PAR, _LINK, category_code=code)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", [5732, 1000, 9999, "5732", "0742", "0000"])
def test_four_digit_category_codes_build_and_validate(code: object) -> None:
    request = build_get_plans_request("500", "USD", _PAR, category_code=code)  # type: ignore[arg-type]
    assert request["merchantInformation"] == {"categoryCode": code}
    assert validate_request(request, "get-plans").ok


_JUNK: list[object] = [None, 1.5, "", "x", [], [(1,)], {}, object(), b"12", -1, 0, True, 10**5000,
                       "4622943127019793", 4622943127019793, datetime(2026, 1, 1), Decimal("NaN"), Decimal("1E+2")]
_CALLS: dict[str, Any] = {
    "total": lambda value: build_get_plans_request(value, "USD", _PAR),
    "currency": lambda value: build_get_plans_request("500", value, _PAR),
    "payment": lambda value: build_get_plans_request("500", "USD", value),
    "category_code": lambda value: build_get_plans_request("500", "USD", _PAR, category_code=value),
    "authorization": lambda value: build_select_request("500", "USD", _PAR, value, plan_id="p", tc_version="1"),
    "plan_id": lambda value: build_select_request("500", "USD", _PAR, _LINK, plan_id=value, tc_version="1"),
    "tc_version": lambda value: build_select_request("500", "USD", _PAR, _LINK, plan_id="p", tc_version=value),
    "refund_amount": lambda value: build_cancel_request("500", "USD", _PAR, _LINK, refund_amount=value),
    "installment_id": lambda value: build_cancel_request("500", "USD", _PAR, _LINK, installment_id=value),
    "link value": lambda value: AuthorizationLink.code(value, "2020-09-02T16:40:45Z"),
    "link date-time": lambda value: AuthorizationLink.code("888887", value),
    "link kind": lambda value: AuthorizationLink(value, "888887", "2020-09-02T16:40:45Z"),
    "par": PaymentAccountReference,
    "token": lambda value: Token(TokenKind.CUSTOMER, value),
    "purchase total": lambda value: InstallmentPurchase(value, "USD", _PAR),
    "purchase currency": lambda value: InstallmentPurchase("500", value, _PAR),
    "capture": lambda value: InstallmentPurchase("500", "USD", _PAR).record_capture(value),
}


@pytest.mark.parametrize("call", sorted(_CALLS))
@pytest.mark.parametrize("value", _JUNK, ids=lambda value: type(value).__name__)
def test_every_bad_builder_argument_is_a_library_error(call: str, value: object) -> None:
    error: InstallmentsError | None = None
    try:
        _CALLS[call](value)
    except InstallmentsError as raised:  # any other exception fails the test
        error = raised
    if error is not None:
        assert all((error.path, error.expected, error.actual)), repr(error)
        assert "4622943127019793" not in str(error)


_PAN_LIKE = "4622943127019793"


def test_plan_ids_and_versions_of_the_response_are_masked_in_reports_and_errors() -> None:
    select = guide_json(SELECT)
    response = guide_json("get_plans_token.response")
    response["installmentInformation"]["planDetails"][0]["planId"] = _PAN_LIKE
    report = validate_request(select, "select", plans=response)
    (violation,) = report.violations
    assert violation.code == "plan_not_offered"
    # A plan whose ID is a card number cannot be selected: it is not among what was offered at all.
    assert "****9793" not in violation.expected
    for plan in response["installmentInformation"]["planDetails"]:
        plan["termsAndConditions"][0]["version"] = _PAN_LIKE
    select["installmentInformation"]["planId"] = response["installmentInformation"]["planDetails"][1]["planId"]
    versions = validate_request(select, "select", plans=response)
    # A plan whose terms version is a card number cannot be selected either: none is left to offer.
    assert [(v.code, v.expected) for v in versions.violations] == [
        ("plan_not_offered", "a planId from the get-plans response")]
    select["installmentInformation"]["tcVersion"] = _PAN_LIKE
    refused = validate_request(select, "select", plans=response)
    assert ("installmentInformation.tcVersion", "card_number") in [(v.path, v.code) for v in refused.violations]
    with pytest.raises(InvalidRequestError) as raised:
        versions.raise_if_invalid()
    shown = [str(report), str(versions), json.dumps(report.as_json()), repr(report), str(raised.value),
             repr(offered_plans(response)), str(refused), json.dumps(refused.as_json())]
    assert [text for text in shown if _PAN_LIKE in text] == []


def test_link_and_par_reprs_mask_long_digit_runs() -> None:
    link = AuthorizationLink.ntid(_PAN_LIKE, "2020-09-02T16:40:45Z")
    par = PaymentAccountReference("V" + _PAN_LIKE + "000000000000")
    assert repr(link) == ("AuthorizationLink(kind=<LinkKind.NETWORK_TRANSACTION_ID: 'networkTransactionId'>, "
                          "value='****9793', authorized_at='2020-09-02T16:40:45Z')")
    assert repr(par) == "PaymentAccountReference(id='V****0000')"
    # The values themselves are what the request sends.
    assert link.value == _PAN_LIKE
    assert par.id == "V" + _PAN_LIKE + "000000000000"
    assert repr(AuthorizationLink.code("888887", "2020-09-02T16:40:45Z")).count("'888887'") == 1


# -- clientReferenceInformation.code: the merchant's reference, on every request -------------------

_REFERENCE = ("clientReferenceInformation", "code")
_good_references = st.text(min_size=1, max_size=50).filter(str.strip)
_bad_references = st.one_of(
    st.text(min_size=51, max_size=80).map(lambda text: ("length", text)),
    st.text(alphabet=" \t\u00a0\u3000", min_size=0, max_size=5).map(lambda text: ("blank", text)),
    st.one_of(st.integers(), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)).map(
        lambda value: ("wrong_type", value)),
)


def _with_reference(document: dict[str, Any], value: object) -> dict[str, Any]:
    document = copy.deepcopy(document)
    document[_REFERENCE[0]] = {_REFERENCE[1]: value}
    return document


@settings(max_examples=60, deadline=None)
@given(strategies.purchases(), strategies.jpo_authorizations(), _good_references, _bad_references)
def test_every_request_may_carry_a_client_reference_checked_by_one_rule(
    purchase: strategies.GeneratedPurchase, jpo: dict[str, Any], good: str, bad: tuple[str, object],
) -> None:
    code, value = bad
    for document, kind, options in ((purchase.get_plans, "get-plans", {}),
                                    (purchase.select, "select", {"plans": purchase.response.document}),
                                    (purchase.cancel, "cancel", {}), (jpo, "jpo-authorization", {})):
        assert validate_request(_with_reference(document, good), kind, **options).ok
        violations = validate_request(_with_reference(document, value), kind, **options).violations
        assert [(violation.path, violation.code) for violation in violations] == [
            ("clientReferenceInformation.code", code)]


# -- identifiers echoed verbatim: a digit group glued to a letter is part of a word ------------------------
# Luhn passes across a UUID's hyphens for about one random UUID in 360 (299 of 100,000 uuid4s, 4
# plans a response: ~1 % of responses) when every digit group is read as a possible piece of a card
# number; with glued groups read as parts of words, 14 of the same 100,000 remain, each with digit-only
# groups that spell a card number as a person writes one (``9254-683816910928``).

ECHOED_IDENTIFIERS = [
    ("f745418b-756b-4b43-a710-082844019660", None),  # 710-082844019660 passes Luhn across the hyphen
    ("a710-082844019660", None),
    ("a4622 9431 2701 9793", None),  # 4622 is part of a word: 12 digits are left, no card number
    ("x4622943127019793", "9793"),  # a card number on its own, glued or not
    ("4622943127019793x", "9793"),
    ("plan-4622943127019793", "9793"),
    ("4622 9431 2701 9793", "9793"),
    ("4622-9431-2701-9793", "9793"),
    ("9254-683816910928", "0928"),  # digit-only groups of a UUID: a card number spelt with a hyphen
    ("4622\\u00a09431\\u00a02701\\u00a09793", "9793"),  # escapes glue their letters: read as written
]


@pytest.mark.parametrize(("identifier", "last_four"), ECHOED_IDENTIFIERS)
def test_a_digit_group_glued_to_a_letter_joins_no_card_number(identifier: str, last_four: str | None) -> None:
    for check in (check_plan_id, check_tc_version):
        problem = check(identifier)
        if last_four is None:
            assert problem is None, (identifier, problem)
        else:
            assert problem is not None
            assert (problem.code, problem.actual) == ("card_number", f"a card number (****{last_four})")


def _digit_only_groups(identifier: str) -> str:
    # The UUID with each group that holds a letter replaced by a word: what is left of it that
    # could spell a card number.
    return "-".join(group if group.isdigit() else "word" for group in identifier.split("-"))


@settings(max_examples=300, deadline=None)
@given(st.uuids(version=4).map(str))
def test_a_uuid_is_refused_only_for_a_card_number_in_its_digit_only_groups(identifier: str) -> None:
    refused = check_plan_id(identifier)
    spelt = card_number_last_four(_digit_only_groups(identifier))
    assert (refused is None) == (spelt is None), identifier


@settings(max_examples=300, deadline=None)
@given(st.uuids(version=4).map(str).filter(lambda text: not any(group.isdigit() for group in text.split("-"))))
def test_a_uuid_whose_every_group_holds_a_letter_is_never_refused(identifier: str) -> None:
    assert check_plan_id(identifier) is None
    assert check_tc_version(identifier) is None


# Printable to Python, blank on the page: a radio whose label no one can see or tell from another.
BLANK_LOOKING = ["\u2800", "\u115f", "\u1160", "\u3164", "\uffa0", "\u034f", "\u17b4", "\ufe0f"]


@pytest.mark.parametrize("blank", BLANK_LOOKING, ids=[f"U+{ord(c):04X}" for c in BLANK_LOOKING])
@pytest.mark.parametrize("around", ["{}", "{}{}{}", "plan-{}", "{}12"])
def test_an_identifier_holding_a_blank_looking_character_is_refused(blank: str, around: str) -> None:
    identifier = around.format(blank, blank, blank)
    assert identifier.isprintable()
    assert identifier.strip()
    for check in (check_plan_id, check_tc_version):
        problem = check(identifier)
        assert problem is not None
        actual = f"U+{ord(blank):04X} among {len(identifier)} characters"
        assert (problem.code, problem.actual) == ("characters", actual)
