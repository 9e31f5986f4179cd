"""One purchase from get plans to cancel: the rules across requests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import validate_request
from installments_core._wire.payment_identifiers import PaymentIdentifier
from installments_core.cards import CardNumber
from installments_core.errors import InvalidRequestError, LifecycleError, PlansResponseError
from installments_core.requests import (
    AuthorizationLink,
    InstallmentPurchase,
    PaymentAccountReference,
    PendingCancel,
    Token,
    TokenKind,
    build_cancel_request,
)

from .conftest import guide_json

PLAN = "1cc80cb6-866d-0a3e-7c52-18f6aced3201"
AT = "2020-09-02T16:40:45.827Z"
CARD = CardNumber("4622943127019793")
PAR = PaymentAccountReference("V0010013020261601352183794986")
TOKEN = Token(TokenKind.INSTRUMENT_IDENTIFIER, "7030000000012249793")
PAYMENTS = {"pan": CARD, "par": PAR, "token": TOKEN}


def offering(*versions: str, plan_id: str = PLAN, currency: str | None = "USD") -> dict[str, Any]:
    amount_details = {"currency": currency} if currency else {}
    return {"installmentInformation": {"planDetails": [{
        "planId": plan_id, "amountDetails": amount_details,
        "termsAndConditions": [{"version": v, "languageCode": "eng", "text": "…"} for v in versions]}]}}


def selected(payment: PaymentIdentifier = CARD, link: AuthorizationLink | None = None) -> InstallmentPurchase:
    purchase = InstallmentPurchase("500", "USD", payment)
    purchase.record_plans(offering("1"))
    purchase.select_request(PLAN, "1", link or AuthorizationLink.code("888889", AT))
    return purchase


def codes(report: object) -> list[str]:
    return [violation.code for violation in report.violations]  # type: ignore[attr-defined]


# -- the published select and cancel examples, paired -----------------------------------------------

# Each pair is one identifier and one link type.  The guide wrote them as separate examples: only
# the token pairs use the same authorization in select and cancel.
PAIRS = [
    ("pan_ac", ["link_mismatch"]),  # 888889 selected, 888888 cancelled
    ("pan_ntid", ["link_mismatch"]),
    ("par_ac", ["link_mismatch"]),
    ("par_ntid", ["link_mismatch"]),
    ("token_ac", []),  # same code, same date-time
    ("token_ntid", []),  # same NTID; the date-times differ, which an NTID link tolerates
]


@pytest.mark.parametrize(("pair", "expected"), PAIRS)
def test_the_published_select_and_cancel_pairs(pair: str, expected: list[str]) -> None:
    purchase = InstallmentPurchase("500", "USD", PAYMENTS[pair.split("_", maxsplit=1)[0]])
    purchase.record_plans(offering("1"))
    select = guide_json(f"select_{pair}.request")
    assert purchase.check_select(select).ok
    options = select["processingInformation"]["authorizationOptions"]
    link = (AuthorizationLink.code(options["authorizationCode"], options["authorizationDateTime"])
            if "authorizationCode" in options
            else AuthorizationLink.ntid(options["networkTransactionId"], options["authorizationDateTime"]))
    assert purchase.select_request(PLAN, "1", link) == select
    purchase.record_reversal()
    assert purchase.cancel_required
    report = purchase.check_cancel(guide_json(f"cancel_{pair}.request"))
    assert codes(report) == expected
    if expected:
        (violation,) = report.violations
        assert violation.rule == "cancel must use the same link as the select request"
        assert violation.expected.endswith("as in the select request")
    assert purchase.cancel_request() == {**guide_json(f"cancel_{pair}.request"),
        "processingInformation": {"installmentServiceProvider": "Visa", "authorizationOptions": options}}
    assert not purchase.cancel_required


def test_an_authorization_code_link_needs_the_same_date_and_time() -> None:
    purchase = selected()
    purchase.record_reversal()
    cancel = guide_json("cancel_pan_ac.request")
    cancel["processingInformation"]["authorizationOptions"] = {"authorizationCode": "888889",
                                                               "authorizationDateTime": "2020-09-02T16:40:46Z"}
    (violation,) = purchase.check_cancel(cancel).violations
    assert (violation.path, violation.code) == (
        "processingInformation.authorizationOptions.authorizationDateTime", "authorization_mismatch")
    cancel["processingInformation"]["authorizationOptions"]["authorizationDateTime"] = "2020-09-02T16:40:45Z"
    assert purchase.check_cancel(cancel).ok  # the same second, without the milliseconds
    cancel["processingInformation"]["authorizationOptions"] = {"networkTransactionId": "178896882917673",
                                                               "authorizationDateTime": AT}
    (violation,) = purchase.check_cancel(cancel).violations
    # An NTID is not a card number (its check digit fails): it stays readable.
    assert violation.actual == "network transaction ID '178896882917673'"


# -- select ------------------------------------------------------------------------------------------


def test_select_needs_the_plans_first() -> None:
    purchase = InstallmentPurchase("500", "USD", CARD)
    assert purchase.next_step == "send the get-plans request"
    assert purchase.get_plans_request() == guide_json("get_plans_pan_2024.request")
    assert codes(purchase.check_select(guide_json("select_pan_ac.request"))) == ["no_plans"]
    with pytest.raises(InvalidRequestError, match="none was recorded"):
        purchase.select_request(PLAN, "1", AuthorizationLink.code("888889", AT))


@pytest.mark.parametrize(
    ("response", "plan_id", "tc_version", "expected"),
    [
        (offering("1"), PLAN, "1", []),
        (offering("2"), PLAN, "1", ["tc_version_not_offered"]),
        (offering("1", plan_id="other"), PLAN, "1", ["plan_not_offered"]),
        (offering(), PLAN, "1", ["plan_not_offered"]),  # no terms: nothing to accept, not offered
        ({"installmentInformation": {"planDetails": []}}, PLAN, "1", ["plan_not_offered"]),
    ],
)
def test_select_takes_an_offered_plan_and_its_terms(
    response: dict[str, Any], plan_id: str, tc_version: str, expected: list[str]
) -> None:
    purchase = InstallmentPurchase("500", "USD", CARD)
    purchase.record_plans(response)
    assert codes(purchase.check_select(guide_json("select_pan_ac.request"))) == expected
    if expected:
        with pytest.raises(InvalidRequestError):
            purchase.select_request(plan_id, tc_version, AuthorizationLink.code("888889", AT))
        assert purchase.selected_plan_id is None


def test_select_sends_the_order_amount_and_currency() -> None:
    purchase = InstallmentPurchase("500.00", "USD", CARD)
    purchase.record_plans(offering("1"))
    select = guide_json("select_pan_ac.request")
    assert purchase.check_select(select).ok  # "500" and "500.00" are the same total
    select["orderInformation"]["amountDetails"]["totalAmount"] = "499.99"
    assert codes(purchase.check_select(select)) == ["order_mismatch"]
    select["orderInformation"]["amountDetails"] = {"totalAmount": "500", "currency": "EUR"}
    assert codes(purchase.check_select(select)) == ["order_mismatch"]


def test_plans_in_another_currency_are_refused() -> None:
    purchase = InstallmentPurchase("500", "USD", CARD)
    with pytest.raises(LifecycleError, match="order currency"):
        purchase.record_plans(offering("1", currency="QAR"))
    with pytest.raises(PlansResponseError, match="currency"):
        purchase.record_plans(offering("1", currency=840))  # type: ignore[arg-type]
    purchase.record_plans(offering("1", currency=None))  # the 2024 responses state no currency
    purchase.record_plans(guide_json("get_plans_token.response"))
    assert len(purchase.plans or ()) == 4


def test_one_plan_per_purchase_but_a_retry_is_fine() -> None:
    purchase = selected()
    link = AuthorizationLink.code("888889", AT)
    assert purchase.select_request(PLAN, "1", link)  # the same select again: a retry after a timeout
    with pytest.raises(LifecycleError):
        purchase.record_plans(offering("1"))
    with pytest.raises(InvalidRequestError, match="already selected"):
        purchase.select_request(PLAN, "1", AuthorizationLink.code("123456", AT))


def test_no_select_after_a_reversal_or_a_refund() -> None:
    for step in ("reversal", "refund"):
        purchase = InstallmentPurchase("500", "USD", CARD)
        purchase.record_plans(offering("1"))
        if step == "reversal":
            purchase.record_reversal()
            assert purchase.next_step == "nothing: the authorization was reversed"
        else:
            purchase.record_capture("500")
            purchase.record_refund("500")
        assert not purchase.cancel_required  # nothing was selected: nothing to cancel
        assert codes(purchase.check_select(guide_json("select_pan_ac.request"))) == ["authorization_gone"]


# -- capture, refunds, reversals, cancel --------------------------------------------------------


def test_a_partial_refund_needs_a_cancel_with_its_amount() -> None:
    purchase = selected()
    assert purchase.next_step == "capture the payment"
    purchase.record_capture("500")
    assert purchase.next_step == "nothing: the plan is selected and the payment captured"
    purchase.record_refund("60.01")
    assert purchase.cancel_required
    assert purchase.pending_cancels == (PendingCancel("refund", Decimal("60.01")),)
    assert purchase.next_step.startswith("send a cancel request: the authorization was refunded (60.01 USD")
    without_amount = guide_json("cancel_pan_ac.request")
    without_amount["processingInformation"]["authorizationOptions"]["authorizationCode"] = "888889"
    (violation,) = purchase.check_cancel(without_amount).violations
    assert (violation.code, violation.expected, violation.actual) == ("refund_mismatch", "'60.01'", "missing")
    cancel = purchase.cancel_request(installment_id="e9a14fc4-bc73-e711-bbc0-112debc39d02")
    assert cancel["processingInformation"]["refundOptions"] == {"refundAmount": "60.01"}  # type: ignore[index]
    assert validate_request(cancel, "cancel").ok
    assert not purchase.cancel_required


def test_a_full_refund_cancels_without_an_amount() -> None:
    purchase = selected()
    purchase.record_capture("500")
    purchase.record_refund("500.00")
    assert purchase.pending_cancels == (PendingCancel("refund", None),)
    assert "refunded in full" in purchase.next_step
    with_amount = guide_json("cancel_pan_ac.request")
    with_amount["processingInformation"]["authorizationOptions"]["authorizationCode"] = "888889"
    with_amount["processingInformation"]["refundOptions"] = {"refundAmount": "60.01"}
    assert codes(purchase.check_cancel(with_amount)) == ["refund_mismatch"]
    assert "refundOptions" not in purchase.cancel_request()["processingInformation"]  # type: ignore[operator]


def test_refunds_never_exceed_what_was_captured() -> None:
    purchase = selected()
    with pytest.raises(LifecycleError, match=r"at most 0\.00 USD"):
        purchase.record_refund("1.00")
    purchase.record_capture("300")
    purchase.record_capture("200")
    with pytest.raises(LifecycleError, match=r"at most 0\.00 USD"):
        purchase.record_capture("0.01")
    purchase.record_refund("250")
    purchase.record_refund("249.99")
    with pytest.raises(LifecycleError, match="never exceed what was captured"):
        purchase.record_refund("0.02")
    purchase.record_refund("0.01")
    assert purchase.refunded == purchase.captured == Decimal("500.00")
    # Two partial refunds that add up to the total are still partial, one cancel each, in order.
    sent = [purchase.cancel_request()["processingInformation"]["refundOptions"]  # type: ignore[index]
            for _ in range(3)]
    assert sent == [{"refundAmount": "250.00"}, {"refundAmount": "249.99"}, {"refundAmount": "0.01"}]
    with pytest.raises(LifecycleError, match="nothing refunded or reversed"):
        purchase.cancel_request()
    for bad in ("0", "-1", 1.5):
        with pytest.raises(ValueError, match=r"refundAmount|amount"):
            purchase.record_refund(bad)


def test_a_reversal_after_select_needs_a_cancel() -> None:
    purchase = selected(link=AuthorizationLink.ntid("178896882917673", AT))
    purchase.record_reversal()
    assert purchase.next_step == "send a cancel request: the authorization was reversed after the plan was selected"
    with pytest.raises(LifecycleError, match="already reversed"):
        purchase.record_reversal()
    with pytest.raises(LifecycleError, match="reversed"):
        purchase.record_capture("500")
    cancel = purchase.cancel_request()
    assert cancel["processingInformation"]["authorizationOptions"] == {  # type: ignore[index]
        "networkTransactionId": "178896882917673", "authorizationDateTime": AT}


def test_a_captured_payment_is_refunded_not_reversed() -> None:
    purchase = selected()
    purchase.record_capture("100")
    with pytest.raises(LifecycleError, match="refunded, not reversed"):
        purchase.record_reversal()


def test_cancel_needs_a_select_and_a_reason() -> None:
    purchase = InstallmentPurchase("500", "USD", CARD)
    with pytest.raises(LifecycleError, match="no select request was recorded"):
        purchase.cancel_request()
    report = purchase.check_cancel(guide_json("cancel_pan_ac.request"))
    assert codes(report) == ["nothing_selected", "cancel_without_reason"]
    assert codes(selected().check_cancel(guide_json("cancel_pan_ac.request"))) == [
        "cancel_without_reason", "link_mismatch"]


def test_the_purchase_refuses_bad_orders() -> None:
    with pytest.raises(ValueError, match="currency"):
        InstallmentPurchase("500", "usd", CARD)
    with pytest.raises(ValueError, match="above zero"):
        InstallmentPurchase("0", "USD", CARD)
    with pytest.raises(ValueError, match="CardNumber"):
        InstallmentPurchase("500", "USD", "4622943127019793")  # type: ignore[arg-type]
    assert codes(InstallmentPurchase("500", "USD", CARD).check_select([])) == ["wrong_type"]
    assert codes(InstallmentPurchase("500", "USD", CARD).check_cancel(None)) == ["wrong_type"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=60_000), min_size=1, max_size=8))
def test_any_sequence_of_refunds_stays_within_the_capture(cents: list[int]) -> None:
    purchase = selected()
    purchase.record_capture("500")
    accepted = 0
    for amount in cents:
        if accepted + amount <= 50_000:
            purchase.record_refund(Decimal(amount).scaleb(-2))
            accepted += amount
        else:
            with pytest.raises(LifecycleError):
                purchase.record_refund(Decimal(amount).scaleb(-2))
    assert purchase.refunded == Decimal(accepted).scaleb(-2)
    total = 0
    while purchase.cancel_required:
        pending = purchase.pending_cancels[0]
        cancel = purchase.cancel_request()
        assert validate_request(cancel, "cancel").ok
        refund = cancel["processingInformation"].get("refundOptions")  # type: ignore[attr-defined]
        if pending.refund_amount is None:
            assert refund is None
            total += 50_000
        else:
            total += int(Decimal(refund["refundAmount"]).scaleb(2))
    assert total == accepted


@pytest.mark.parametrize(
    ("link", "path"),
    [
        # The same code on another day is another authorization: codes are six characters, not unique.
        (AuthorizationLink.code("888889", "2026-03-05T12:00:00Z"),
         "processingInformation.authorizationOptions.authorizationDateTime"),
        (AuthorizationLink.ntid("178896882917673", AT),
         "processingInformation.authorizationOptions.networkTransactionId"),
    ],
)
def test_a_repeated_select_must_repeat_the_whole_link(link: AuthorizationLink, path: str) -> None:
    purchase = selected(link=AuthorizationLink.code("888889", AT))
    with pytest.raises(InvalidRequestError, match="already selected") as raised:
        purchase.select_request(PLAN, "1", link)
    assert [(v.path, v.code) for v in raised.value.violations] == [(path, "already_selected")]  # type: ignore[attr-defined]
    # The recorded authorization is unchanged: cancel still links the first one.
    purchase.record_reversal()
    options = purchase.cancel_request()["processingInformation"]["authorizationOptions"]  # type: ignore[index]
    assert options == {"authorizationCode": "888889", "authorizationDateTime": AT}


def test_a_repeated_select_may_write_the_same_second_differently() -> None:
    purchase = selected(link=AuthorizationLink.code("888889", AT))
    assert purchase.select_request(PLAN, "1", AuthorizationLink.code("888889", "2020-09-02T16:40:45Z"))
    purchase.record_reversal()
    options = purchase.cancel_request()["processingInformation"]["authorizationOptions"]  # type: ignore[index]
    assert options["authorizationDateTime"] == AT  # type: ignore[index]


PAN_LIKE = "4622943127019793"
AMEX_LIKE = "378282246310005"  # a 15-digit amount is also a 15-digit card number


def test_card_number_like_values_are_masked_in_every_repr_and_message() -> None:
    response = offering("1", plan_id=PAN_LIKE)
    plans = response["installmentInformation"]["planDetails"]
    plans.append({**plans[0], "planId": PLAN, "termsAndConditions": list(plans[0]["termsAndConditions"])})
    plans[0]["termsAndConditions"].append({"version": PAN_LIKE, "languageCode": "ara", "text": "…"})
    purchase = InstallmentPurchase(AMEX_LIKE, "USD", TOKEN)
    shown = [repr(purchase), repr(purchase.record_plans(response)), repr(purchase.plans)]
    link = AuthorizationLink.ntid(PAN_LIKE, AT)
    # A plan whose ID is a card number is not offered, and the select request refuses the ID itself.
    for plan_id in ("other", PAN_LIKE):
        with pytest.raises(InvalidRequestError) as raised:
            purchase.select_request(plan_id, "1", link)
        shown += [str(raised.value), repr(raised.value.violations)]  # type: ignore[attr-defined]
    purchase.select_request(PLAN, "1", link)
    shown += [repr(link), purchase.next_step]
    for amount in ("999999999999999", "0"):
        with pytest.raises(LifecycleError) as lifecycle:
            purchase.record_capture(amount)
        shown.append(str(lifecycle.value))
    purchase.record_capture("378282246310004")
    with pytest.raises(LifecycleError) as refund:
        purchase.record_refund("378282246310005")
    shown.append(str(refund.value))
    purchase.record_refund("378282246310003")
    shown += [repr(purchase.pending_cancels), purchase.next_step, repr(purchase)]
    cancel = build_cancel_request(AMEX_LIKE, "USD", TOKEN, link, refund_amount="1.00")
    report = purchase.check_cancel(cancel)
    assert [v.code for v in report.violations] == ["refund_mismatch"]
    shown.append(str(report))
    leaked = [text for text in shown if any(digits in text for digits in (
        PAN_LIKE, AMEX_LIKE, "378282246310004", "378282246310003"))]
    assert leaked == []
    assert "****9793" not in shown[1]  # the plan with that ID is not offered at all
    assert "****0005" in shown[0]
