"""The whole checkout with the library alone: get plans, show them, read the authorization response, select,
cancel; and every authorization response that cannot carry a plan, refused as such."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pytest

from installments_core import compute_plan, plan_selector_html, summarize, validate_request, validate_response
from installments_core._wire.encode import cybersource_plan_detail, cybersource_response
from installments_core.cards import CardNumber
from installments_core.errors import (
    AuthorizationDeclinedError,
    InstallmentsError,
    InvalidAmountError,
    InvalidRequestError,
    LifecycleError,
    MalformedResponseError,
)
from installments_core.plans import PlanOffer, TermsAndConditions
from installments_core.requests import InstallmentPurchase, LinkKind, read_authorization, read_plan_choice

DATA = Path(__file__).parent / "data" / "authorization"
INCREMENTAL = json.loads((DATA / "incremental_authorized.json").read_text("utf-8"))
TRANSIENT = json.loads((DATA / "transient_token_corrected.json").read_text("utf-8"))
CARD = CardNumber("4622943127019793")


def _get_plans_response(total: str) -> str:
    """An issuer's answer for the order: three plans of twelve months, as Cybersource's format writes them."""
    terms = (TermsAndConditions("eng", "2", "You are selecting a 12 month plan."),
             TermsAndConditions("jpn", "2", "12回払いのプランを選択しています。"))
    offers = [PlanOffer(f"1cc80cb6-866d-0a3e-7c52-18f6aced320{index}", compute_plan(total, "USD", 12, **fees),
                        terms=terms)
              for index, fees in enumerate(({}, {"fee_rate": "5"}, {"fee_rate": "5", "upfront_rate": "6"}))]
    return json.dumps(cybersource_response([cybersource_plan_detail(offer) for offer in offers]))


@pytest.mark.parametrize(
    ("fixture", "kind", "link"),
    [
        ("incremental_authorized.json", None, {"networkTransactionId": "016153570198200"}),
        ("incremental_authorized.json", LinkKind.AUTHORIZATION_CODE, {"authorizationCode": "831000"}),
        ("transient_token_corrected.json", None, {"networkTransactionId": "123456789619999"}),
    ],
)
def test_get_plans_show_authorize_select_cancel(fixture: str, kind: LinkKind | None, link: dict[str, str]) -> None:
    authorization_response = (DATA / fixture).read_bytes()
    total = json.loads(authorization_response)["orderInformation"]["amountDetails"]["authorizedAmount"]
    purchase = InstallmentPurchase(total, "USD", CARD)

    # get plans: the request, and the issuer's response checked figure by figure
    get_plans = purchase.get_plans_request()
    response = _get_plans_response(total)
    report = validate_response(response, request=get_plans)
    assert report.ok
    purchase.record_plans(json.loads(response))

    # show: the summary and the selector, in the customer's language; the customer picks the second plan
    shown = summarize(report.offers[1], "ja_JP")
    assert shown.terms is not None
    assert shown.terms.version == "2"
    selector = plan_selector_html(report.offers, "ja_JP")
    chosen_value = selector.split('value="')[3].split('"')[0]  # pay in full, the first plan, the second
    posted = parse_qs(urlencode({"installmentPlan": chosen_value}))["installmentPlan"][0]
    assert purchase.plans is not None
    choice = read_plan_choice(posted, purchase.plans)
    assert choice == (report.offers[1].plan_id, "2")

    # the authorization of the full amount, as Cybersource answers it
    authorization = purchase.record_authorization(authorization_response)
    assert purchase.authorization == authorization
    assert authorization.authorized_amount == purchase.total
    assert purchase.next_step == "send the select request for the plan the customer chose"

    # select, linked to that authorization without copying a field by hand
    select = purchase.select_request(*choice, None if kind is None else authorization.link(kind))
    assert select["installmentInformation"] == {"planId": choice.plan_id, "tcVersion": "2"}
    assert select["processingInformation"]["authorizationOptions"] == {
        **link, "authorizationDateTime": authorization.authorized_at}
    assert validate_request(select, "select").ok

    # a partial refund after capture, and the cancel it requires, with the same link
    purchase.record_capture(total)
    purchase.record_refund("5.00")
    cancel = purchase.cancel_request()
    assert cancel["processingInformation"]["authorizationOptions"] == select["processingInformation"][
        "authorizationOptions"]
    assert cancel["processingInformation"]["refundOptions"] == {"refundAmount": "5.00"}
    assert validate_request(cancel, "cancel").ok
    assert not purchase.cancel_required


def test_what_an_authorization_carries() -> None:
    authorization = read_authorization(json.dumps(INCREMENTAL))
    assert authorization == ("6479624584536070903093", "2022-03-22T15:20:58Z", "831000", "016153570198200",
                             Decimal("105.00"), "USD", None)
    assert str(authorization.authorized_amount) == "105.00"
    assert "6479624584536070903093" not in repr(authorization)  # long digit runs are masked, as everywhere
    # A JPO response echoes the sales slip number and the currency as the request wrote it (lower case).
    jpo = copy.deepcopy(INCREMENTAL)
    jpo["orderInformation"] = {"invoiceDetails": {"salesSlipNumber": "56311"},
                               "amountDetails": {"authorizedAmount": "100", "currency": "jpy"}}
    read = read_authorization(jpo)
    assert (read.sales_slip_number, read.authorized_amount, read.currency) == ("56311", Decimal("100"), "JPY")
    del jpo["orderInformation"]
    assert read_authorization(jpo).authorized_amount is None


def test_the_published_transient_token_response_is_not_json() -> None:
    """Cybersource's page prints the response with one closing brace too many (see the fixtures' README)."""
    with pytest.raises(MalformedResponseError) as raised:
        read_authorization((DATA / "transient_token_published.txt").read_text("utf-8"))
    assert raised.value.code == "malformed_response"
    assert read_authorization(TRANSIENT).approval_code == "888888"


# Declined responses, derived from a published one by setting what Cybersource's table of statuses and reasons
# (https://developer.cybersource.com/api/reference/response-codes.html) gives: no page read prints one whole.
@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("DECLINED", "EXPIRED_CARD"),
        ("DECLINED", "PROCESSOR_DECLINED"),
        ("AUTHORIZED_RISK_DECLINED", "SCORE_EXCEEDS_THRESHOLD"),
        ("AUTHORIZED_PENDING_REVIEW", "AVS_FAILED"),
        ("PARTIAL_AUTHORIZED", None),
    ],
)
def test_a_declined_authorization_is_reported_as_such(status: str, reason: str | None) -> None:
    declined = copy.deepcopy(INCREMENTAL)
    declined["status"] = status
    if reason is not None:
        declined["errorInformation"] = {"reason": reason, "message": "Decline - Expired card."}
    purchase = InstallmentPurchase("105.00", "USD", CARD)
    with pytest.raises(AuthorizationDeclinedError) as raised:
        purchase.record_authorization(declined)
    error = raised.value
    assert (error.code, error.path, error.status, error.reason) == ("authorization_declined", "status", status, reason)
    assert isinstance(error, InstallmentsError)
    assert purchase.authorization is None
    with pytest.raises(LifecycleError, match="record_authorization"):
        purchase.select_request("1cc80cb6-866d-0a3e-7c52-18f6aced3201", "2")


def test_a_failed_request_is_reported_with_its_reason() -> None:
    """A 400 answer carries its status and reason at the top (the payments API's error shape)."""
    with pytest.raises(AuthorizationDeclinedError) as raised:
        read_authorization({"submitTimeUtc": "2022-03-22T15:20:58Z", "status": "INVALID_REQUEST",
                            "reason": "MISSING_FIELD", "message": "The request is missing one or more fields"})
    assert (raised.value.status, raised.value.reason) == ("INVALID_REQUEST", "MISSING_FIELD")
    assert raised.value.detail == "The request is missing one or more fields"
    assert str(raised.value).endswith(
        "found 'INVALID_REQUEST', reason 'MISSING_FIELD' (The request is missing one or more fields)")


def _without(path: str) -> dict[str, object]:
    document = copy.deepcopy(INCREMENTAL)
    *parents, last = path.split(".")
    node = document
    for name in parents:
        node = node[name]
    del node[last]
    return document


def _with(path: str, value: object) -> dict[str, object]:
    document = copy.deepcopy(INCREMENTAL)
    *parents, last = path.split(".")
    node = document
    for name in parents:
        node = node[name]
    node[last] = value
    return document


@pytest.mark.parametrize(
    ("response", "error", "path"),
    [
        ("not json", MalformedResponseError, ""),
        ([INCREMENTAL], MalformedResponseError, ""),
        (_without("status"), MalformedResponseError, "status"),
        (_with("status", 201), MalformedResponseError, "status"),
        (_without("id"), MalformedResponseError, "id"),
        (_with("submitTimeUtc", "2022-03-22 15:20:58"), MalformedResponseError, "submitTimeUtc"),
        (_with("processorInformation", {"responseCode": "00"}), MalformedResponseError, "processorInformation"),
        (_with("processorInformation.approvalCode", 831000), MalformedResponseError,
         "processorInformation.approvalCode"),
        (_with("orderInformation.amountDetails.currency", "XXX"), MalformedResponseError,
         "orderInformation.amountDetails.currency"),
        # A currency is checked wherever it is stated, and upper-cased in ASCII only ("ß".upper() is "SS").
        (_with("orderInformation.amountDetails", {"currency": "ß"}), MalformedResponseError,
         "orderInformation.amountDetails.currency"),
        (_with("orderInformation.amountDetails", {"authorizedAmount": "105.00"}), MalformedResponseError,
         "orderInformation.amountDetails.currency"),
        (_with("orderInformation.amountDetails.authorizedAmount", "105.001"), InvalidAmountError,
         "orderInformation.amountDetails.authorizedAmount"),
    ],
)
def test_a_response_that_cannot_be_read_says_where(response: object, error: type[Exception], path: str) -> None:
    with pytest.raises(error) as raised:
        read_authorization(response)
    assert isinstance(raised.value, InstallmentsError)
    assert raised.value.path == path


@pytest.mark.parametrize(
    ("amount", "currency"), [("105.01", "USD"), ("105.00", "EUR")]
)
def test_an_authorization_of_another_amount_carries_no_plan(amount: str, currency: str) -> None:
    purchase = InstallmentPurchase("105.00", "USD", CARD)
    response = _with("orderInformation.amountDetails", {"authorizedAmount": amount, "currency": currency})
    with pytest.raises(LifecycleError, match="order total") as raised:
        purchase.record_authorization(response)
    assert raised.value.path == "orderInformation.amountDetails"


def test_an_authorization_is_recorded_before_select_and_links_by_what_it_has() -> None:
    purchase = InstallmentPurchase("105.00", "USD", CARD)
    purchase.record_plans(json.loads(_get_plans_response("105.00")))
    code_only = read_authorization(_without("processorInformation.networkTransactionId"))
    assert code_only.link().kind is LinkKind.AUTHORIZATION_CODE
    with pytest.raises(InvalidRequestError, match="networkTransactionId"):
        code_only.link(LinkKind.NETWORK_TRANSACTION_ID)
    purchase.record_authorization(INCREMENTAL)
    purchase.select_request("1cc80cb6-866d-0a3e-7c52-18f6aced3201", "2")
    with pytest.raises(LifecycleError, match="already selected"):
        purchase.record_authorization(INCREMENTAL)
