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
from installments_core.jpo import BillTo, build_jpo_authorization
from installments_core.plans import PlanOffer, TermsAndConditions
from installments_core.requests import InstallmentPurchase, LinkKind, read_authorization, read_plan_choice

DATA = Path(__file__).parent / "data" / "authorization"
JPO = Path(__file__).parent / "data" / "jpo"
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
                             Decimal("105.00"), "USD", None, None)
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


# Cybersource's published JPO responses (tests/data/jpo/README.md says where each came from): the sales slip number
# twice, the acquirer, yen in lower case, an approval code and no network transaction ID.
@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("installment_response.json", ("6843585327946622203059", "2023-05-17T21:22:13Z", "123456", None,
                                       Decimal("100"), "JPY", "56311", "Sumitomo")),
        ("bonus_response.json", ("6843556498736135003059", "2023-05-17T20:34:10Z", "123456", None,
                                 Decimal("100"), "JPY", "56307", "Sumitomo")),
    ],
)
def test_cybersource_published_jpo_responses_are_read(fixture: str, expected: tuple[object, ...]) -> None:
    authorization = read_authorization((JPO / fixture).read_text("utf-8"))
    assert authorization == expected
    assert str(authorization.authorized_amount) == "100"  # whole yen, as JPY has no minor unit
    assert authorization.link().json() == {"authorizationCode": "123456", "authorizationDateTime": expected[1]}


def test_a_jpo_authorization_from_its_request_to_the_purchase() -> None:
    """The published revolving example's order (100 yen, 12 payments, first billed in May), built, checked, answered
    as Cybersource's page answers it, and recorded: the answer authorizes exactly what the request asked."""
    bill_to = BillTo(first_name="Kyong-Jin", last_name="Kim", address1="201 S. Division St.", locality="Ann Arbor",
                     administrative_area="MI", postal_code="48104-2201", country="US", email="test@cybs.com")
    card = CardNumber("4111111111111111")
    request = build_jpo_authorization(
        "100", card=card, expiration_month=12, expiration_year=2031, bill_to=bill_to, business_name="我社",
        business_name_katakana="ワガシャ", business_name_alphanumeric="OurStore", payment_method="80",
        installments=12, first_billing_month=5)
    assert validate_request(request, "jpo-authorization").ok
    response = (JPO / "installment_response.json").read_bytes()
    authorization = read_authorization(response)
    amount_details = request["orderInformation"]["amountDetails"]
    assert (authorization.authorized_amount, authorization.currency) == (
        Decimal(amount_details["totalAmount"]), amount_details["currency"])
    assert (authorization.sales_slip_number, authorization.forwarded_acquirer_code) == ("56311", "Sumitomo")

    purchase = InstallmentPurchase(amount_details["totalAmount"], "JPY", card)
    assert purchase.record_authorization(response) == authorization
    assert purchase.authorization == authorization
    with pytest.raises(LifecycleError, match="order total"):
        InstallmentPurchase("120", "JPY", card).record_authorization(response)


def _jpo_echo(**fields: object) -> dict[str, object]:
    """The published installment response with its JPO echoes replaced: a value of None removes the field."""
    document = json.loads((JPO / "installment_response.json").read_text("utf-8"))
    places = {"invoice_slip": (document["orderInformation"]["invoiceDetails"], "salesSlipNumber"),
              "processor_slip": (document["processorInformation"], "salesSlipNumber"),
              "acquirer": (document["processorInformation"], "forwardedAcquirerCode")}
    for name, value in fields.items():
        node, key = places[name]
        if value is None:
            del node[key]
        else:
            node[key] = value
    return document


@pytest.mark.parametrize(
    ("fields", "slip", "acquirer"),
    [
        # The field reference types the number an integer; Cybersource's examples write a string: both are read.
        ({"invoice_slip": 56311, "processor_slip": 56311}, "56311", "Sumitomo"),
        ({"invoice_slip": "56311", "processor_slip": 56311}, "56311", "Sumitomo"),
        ({"invoice_slip": None}, "56311", "Sumitomo"),
        ({"processor_slip": None}, "56311", "Sumitomo"),
        ({"invoice_slip": None, "processor_slip": None, "acquirer": None}, None, None),
        ({"invoice_slip": "00042", "processor_slip": "00042"}, "00042", "Sumitomo"),  # the digits, zeros kept
        ({"invoice_slip": 12345678, "processor_slip": None}, "12345678", "Sumitomo"),  # Argentina's 8 digits
    ],
)
def test_the_jpo_echoes_are_read_wherever_the_response_puts_them(
    fields: dict[str, object], slip: str | None, acquirer: str | None
) -> None:
    authorization = read_authorization(_jpo_echo(**fields))
    assert (authorization.sales_slip_number, authorization.forwarded_acquirer_code) == (slip, acquirer)


_INVOICE_SLIP = "orderInformation.invoiceDetails.salesSlipNumber"
_PROCESSOR_SLIP = "processorInformation.salesSlipNumber"
_ACQUIRER = "processorInformation.forwardedAcquirerCode"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"processor_slip": "56312"}, _PROCESSOR_SLIP),  # two sales slips: which one names the sale?
        ({"invoice_slip": None, "processor_slip": "S6311"}, _PROCESSOR_SLIP),
        ({"invoice_slip": "", "processor_slip": None}, _INVOICE_SLIP),
        ({"invoice_slip": "５６３１１", "processor_slip": None}, _INVOICE_SLIP),  # full-width digits
        ({"invoice_slip": "123456789", "processor_slip": None}, _INVOICE_SLIP),
        ({"invoice_slip": -1, "processor_slip": None}, _INVOICE_SLIP),
        ({"invoice_slip": True, "processor_slip": None}, _INVOICE_SLIP),
        ({"invoice_slip": 56311.0, "processor_slip": None}, _INVOICE_SLIP),
        ({"invoice_slip": 10**5000, "processor_slip": None}, _INVOICE_SLIP),
        ({"acquirer": ""}, _ACQUIRER),
        ({"acquirer": "S" * 33}, _ACQUIRER),
        ({"acquirer": ["Sumitomo"]}, _ACQUIRER),
    ],
)
def test_a_jpo_echo_that_cannot_be_read_says_where(fields: dict[str, object], path: str) -> None:
    with pytest.raises(MalformedResponseError) as raised:
        read_authorization(_jpo_echo(**fields))
    assert raised.value.path == path


@pytest.mark.parametrize("path", ["invoice_slip", "processor_slip"])
def test_a_card_number_as_a_sales_slip_number_is_refused_masked(path: str) -> None:
    """A card number is no sales slip number (at most 8 digits), as a JSON number too, which the spellings of
    tests/test_card_spellings.py (text) do not reach."""
    for number in (4111111111111111, "4111111111111111", 4111_1111_1111_1111_417):  # 16 and 19 digits, Luhn-valid
        with pytest.raises(MalformedResponseError) as raised:
            read_authorization(_jpo_echo(**{path: number}))
        assert "1111111111" not in str(raised.value)
        assert "1111 1111" not in str(raised.value)


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
