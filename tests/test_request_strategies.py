"""Generated requests are valid on their own and as one purchase's sequence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from installments_core import strategies, validate_request
from installments_core.cards import luhn_valid
from installments_core.requests import InstallmentPurchase

SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(strategies.purchases())
def test_every_generated_request_validates_clean(purchase: strategies.GeneratedPurchase) -> None:
    assert validate_request(purchase.get_plans, "get-plans").ok
    select = validate_request(purchase.select, "select", plans=purchase.response.document)
    assert select.ok, select.violations
    cancel = validate_request(purchase.cancel, "cancel")
    assert cancel.ok, cancel.violations
    assert ("refundOptions" in purchase.cancel["processingInformation"]) == (  # type: ignore[operator]
        purchase.refund_amount < purchase.response.order_amount)


@SLOW
@given(strategies.purchases())
def test_a_generated_purchase_follows_the_lifecycle(purchase: strategies.GeneratedPurchase) -> None:
    order = purchase.get_plans["orderInformation"]["amountDetails"]  # type: ignore[index]
    lifecycle = InstallmentPurchase(order["totalAmount"], order["currency"], purchase.payment)
    lifecycle.record_plans(purchase.response.document)
    assert lifecycle.check_select(purchase.select).ok
    version = purchase.select["installmentInformation"]["tcVersion"]  # type: ignore[index]
    assert lifecycle.select_request(purchase.plan_id, version, purchase.link) == purchase.select
    lifecycle.record_capture(order["totalAmount"])
    lifecycle.record_refund(purchase.refund_amount)
    assert lifecycle.cancel_required
    assert lifecycle.check_cancel(purchase.cancel).ok
    assert lifecycle.cancel_request() == purchase.cancel
    assert not lifecycle.cancel_required


@settings(max_examples=100, deadline=None)
@given(strategies.jpo_authorizations())
def test_every_generated_jpo_authorization_validates_clean(request: dict[str, object]) -> None:
    report = validate_request(request, "jpo-authorization")
    assert report.ok, report.violations


@given(strategies.card_numbers())
def test_card_numbers_are_luhn_valid_visa_and_never_shown(card: object) -> None:
    digits = card.reveal()  # type: ignore[attr-defined]
    assert digits.startswith("4")
    assert luhn_valid(digits)
    assert digits not in repr(card)
    assert digits not in str(card)
