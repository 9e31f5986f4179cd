"""The strategies and the validator prove each other: generated responses validate clean, and every
single-field corruption is reported at the field it broke."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from installments_core import strategies, validate_response


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.get_plans_responses())
def test_every_generated_response_validates_clean(generated: strategies.GeneratedResponse) -> None:
    report = validate_response(json.dumps(generated.document), order_amount=generated.order_amount,
                               currency=generated.currency)
    assert report.ok, [d.as_json() for d in report.discrepancies] + [e.as_json() for e in report.errors]
    assert report.format == generated.format
    assert [plan.policy for plan in report.plans] == ["visa"] * len(generated.offers)
    for plan, convention in zip(report.plans, generated.conventions, strict=True):
        assert plan.convention is not None
        assert plan.convention.value in (convention, "either")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.get_plans_responses(formats=("cybersource",)))
def test_the_order_amount_can_come_from_the_request(generated: strategies.GeneratedResponse) -> None:
    assert validate_response(generated.document, request=generated.request()).ok


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.corrupted_responses())
def test_every_corruption_is_reported_at_its_path(
    drawn: tuple[strategies.GeneratedResponse, strategies.Corruption],
) -> None:
    generated, corruption = drawn
    report = validate_response(json.dumps(generated.document), request=generated.request()
                               if generated.format == "cybersource" else None,
                               order_amount=None if generated.format == "cybersource" else generated.order_amount,
                               currency=None if generated.format == "cybersource" else generated.currency)
    assert not report.ok
    reported = {d.path for d in report.discrepancies if d.severity.value == "error"} | {e.path for e in report.errors}
    assert corruption.path in reported, (corruption, sorted(reported))
