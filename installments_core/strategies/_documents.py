"""Get-plans responses as issuers send them, consistent from one order total, and the same with one field broken."""

from __future__ import annotations

import copy
from collections.abc import Collection
from decimal import Decimal
from typing import Final, NamedTuple

from hypothesis import strategies as st

from .._core.currencies import ACTIVE_CURRENCIES
from .._core.money import CTX, from_units, to_units
from .._core.offer import FundedBy, PlanOffer
from .._core.plan import compute_plan
from .._core.policy import VISA
from .._wire.encode import (
    CURRENT,
    REV_2024,
    cybersource_plan_detail,
    cybersource_response,
    visa_matched_plan,
    visa_response,
)
from .._wire.request_fields import check_plan_id
from ._plan_values import currencies, currency_choice, feasible_floor, frequencies, rates, terms_and_conditions


class GeneratedResponse(NamedTuple):
    """A consistent get-plans response and what it was built from."""

    document: dict[str, object]
    """The response as parsed JSON: what ``json.loads`` of the wire bytes gives."""
    format: str
    """``"cybersource"`` or ``"visa"``."""
    order_amount: Decimal
    currency: str
    offers: tuple[PlanOffer, ...]
    conventions: tuple[str, ...]
    """Per plan, ``"current"`` or ``"2024"`` (always ``"current"`` for Visa's format)."""

    def request(self) -> dict[str, object]:
        """A get-plans request for the same order (with an instrument identifier token)."""
        return {
            "processingInformation": {"installmentServiceProvider": "Visa"},
            "paymentInformation": {"instrumentIdentifier": {"id": "7030000000012249793"}},
            "orderInformation": {"amountDetails": {"totalAmount": str(self.order_amount), "currency": self.currency}},
        }


def alphanumeric(length: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=length, max_size=length)


@st.composite
def get_plans_responses(
    draw: st.DrawFn,
    formats: Collection[str] = ("cybersource", "visa"),
    min_plans: int = 0,
    max_plans: int = 5,
    currency: str | st.SearchStrategy[str] | None = None,
) -> GeneratedResponse:
    """Consistent get-plans responses: every amount follows the VISA policy from one order total.

    Plans vary in count, frequency, recurring and upfront fees, funding (merchant-funded plans
    carry no consumer fees), Islamic flag (both spellings), terms in several languages and, in
    Cybersource's format, the fee convention (current or 2024).
    """
    response_format = draw(st.sampled_from(sorted(formats)))
    code = draw(currency_choice(currency, currencies(minor_digits=(0, 2, 3))))
    digits = ACTIVE_CURRENCIES[code]
    size = draw(st.integers(min_plans, max_plans))
    shapes = []
    for _ in range(size):
        count = draw(st.sampled_from([2, 3, 4, 6, 9, 10, 12, 18, 24, 36]) | st.integers(1, 60))
        frequency = draw(frequencies())
        merchant = draw(st.booleans())
        # monthlyRatePercentage is at most 100.00 on the wire: no more than 100 % a month.
        months = CTX.multiply(VISA.months_per_period[frequency], count)
        fee_rate = Decimal("0.00") if merchant else draw(rates(max_rate=min(30, int(CTX.multiply(months, 100)))))
        upfront_rate = Decimal("0.00") if merchant else draw(rates())
        if merchant:
            fee_flat = upfront_flat = 0
        else:
            spread = (count - 1) ** 2
            fee_flat = draw(st.integers(0, 10**4) if not fee_rate.is_zero() else
                            st.one_of(st.just(0), st.integers(spread, spread + 10**4)))
            upfront_flat = draw(st.integers(0, 10**4))
        shapes.append((count, frequency, merchant, fee_rate, fee_flat, upfront_rate, upfront_flat))
    # Flat fees stay within 5 % of the order, so that rates stay those of a real offer.
    floor_units = max([1, *(max(feasible_floor(count, rate), 20 * (flat + upfront_flat))
                            for count, _, _, rate, flat, _, upfront_flat in shapes)])
    units = draw(st.integers(floor_units, max(floor_units, 10**9)))
    order_amount = from_units(units, digits)
    # A UUID can hold a run of digits that passes as a card number (48500994-7578-1410-...): no issuer
    # may offer such a planId, since the select request would echo it, so a correct response has none.
    plan_ids = draw(st.lists(st.uuids().map(str).filter(lambda plan_id: check_plan_id(plan_id) is None),
                             min_size=size, max_size=size, unique=True))
    identifiers = draw(st.lists(alphanumeric(10), min_size=size, max_size=size, unique=True))
    offers, conventions, details = [], [], []
    for (count, frequency, merchant, fee_rate, fee_flat, upfront_rate, upfront_flat), plan_id, identifier in zip(
        shapes, plan_ids, identifiers, strict=True
    ):
        plan = compute_plan(order_amount, code, count, frequency=frequency, fee_rate=fee_rate,
                            fee_flat=from_units(fee_flat, digits), upfront_rate=upfront_rate,
                            upfront_flat=from_units(upfront_flat, digits))
        offer = PlanOffer(
            plan_id, plan, name=f"Plan{count}{plan.frequency.value[0]}", identifier=identifier,
            plan_type=draw(st.sampled_from(["ISSUER_DEFAULT", "ISSUER_PROMOTION"])), islamic=draw(st.booleans()),
            funded_by=(FundedBy.MERCHANT,) if merchant else (FundedBy.CONSUMER,), terms=draw(terms_and_conditions()),
        )
        offers.append(offer)
        if response_format == "visa":
            conventions.append(CURRENT)
            details.append(visa_matched_plan(offer))
        else:
            convention = draw(st.sampled_from([CURRENT, REV_2024]))
            conventions.append(convention)
            details.append(cybersource_plan_detail(
                offer, convention=convention, islamic_key=draw(st.sampled_from(["isIslamicPlan", "shariaLawPlan"]))
            ))
    document = visa_response(details) if response_format == "visa" else cybersource_response(details)
    return GeneratedResponse(document, response_format, order_amount, code, tuple(offers), tuple(conventions))


class Corruption(NamedTuple):
    """The single change made to a response by :func:`corrupted_responses`."""

    path: str
    """JSON path from the response root of the field changed (or removed)."""
    old: object
    new: object
    """The new value; ``None`` when the field was removed."""
    kind: str
    """``off_by_one``, ``wrong_scale``, ``swapped_first_last``, ``missing_field``, ``wrong_currency`` or
    ``duplicate_plan_id``."""


# Fields whose value follows from the terms: a change to any of them is a detectable error.  The
# terms themselves (rates, flat fees, counts) are not here: changing one changes what is expected.
_CYBERSOURCE_DERIVED: Final = (
    "lastInstallmentAmount", "totalFeeAmount", "totalUpfrontFeeAmount", "totalRecurringFeeAmount", "totalPlanAmount",
    "firstInstallment.amount", "firstInstallment.feeAmount", "firstInstallment.upfrontFeeAmount",
    "firstInstallment.totalAmountExcludingUpfrontFee", "lastInstallment.amount", "lastInstallment.feeAmount",
)
_VISA_DERIVED: Final = (
    "totalFees", "totalPlanCost", "totalRecurringFees", "totalUpfrontFees",
    "firstInstallment.amount", "firstInstallment.installmentFee", "firstInstallment.upfrontFee",
    "firstInstallment.totalAmount", "lastInstallment.amount", "lastInstallment.installmentFee",
    "lastInstallment.upfrontFee", "lastInstallment.totalAmount",
)
_REQUIRED: Final = {
    "cybersource": ("planId", "totalCount", "frequency", "amountDetails.totalPlanAmount", "amountDetails.fees"),
    "visa": ("vPlanID", "numberOfInstallments", "installmentFrequency", "costInfo.totalPlanCost",
             "costInfo.feeInfo"),
}


def _lookup(document: dict[str, object], dotted: str) -> tuple[dict[str, object], str] | None:
    container: object = document
    *parents, key = dotted.split(".")
    for parent in parents:
        if not isinstance(container, dict) or parent not in container:
            return None
        container = container[parent]
    if not isinstance(container, dict) or key not in container:
        return None
    return container, key


@st.composite
def corrupted_responses(
    draw: st.DrawFn, responses: st.SearchStrategy[GeneratedResponse] | None = None
) -> tuple[GeneratedResponse, Corruption]:
    """A consistent response with exactly one field broken, and a description of the break.

    The response's ``document`` is a fresh copy with the change applied; ``offers`` still describe
    the plans as they should be.
    """
    generated = draw(responses if responses is not None else get_plans_responses(min_plans=1))
    if not generated.offers:
        raise ValueError("corrupted_responses needs responses with at least one plan")
    document = copy.deepcopy(generated.document)
    native = generated.format == "visa"
    plans = document["matchedPlans"] if native else document["installmentInformation"]["planDetails"]  # type: ignore[index]
    assert isinstance(plans, list)
    prefix = "matchedPlans" if native else "installmentInformation.planDetails"
    index = draw(st.integers(0, len(plans) - 1))
    plan = plans[index]
    base = f"{prefix}[{index}]"
    kinds = ["off_by_one", "wrong_scale", "missing_field", "wrong_currency"]
    first_last = ("costInfo" if native else "amountDetails")
    amount_key = "amount"
    first = _lookup(plan, f"{first_last}.firstInstallment.{amount_key}")
    last = _lookup(plan, f"{first_last}.lastInstallment.{amount_key}")
    if first and last and first[0][first[1]] != last[0][last[1]]:
        kinds.append("swapped_first_last")
    if len(plans) > 1:
        kinds.append("duplicate_plan_id")
    kind = draw(st.sampled_from(kinds))
    digits = ACTIVE_CURRENCIES[generated.currency]

    if kind in ("off_by_one", "wrong_scale"):
        field, old, new, kind = _amount_corrupted(draw, plan, kind, native=native, digits=digits,
                                                  offer=generated.offers[index])
        return generated._replace(document=document), Corruption(f"{base}.{field}", old, new, kind)

    if kind == "swapped_first_last":
        assert first is not None
        assert last is not None
        old = first[0][first[1]]
        new = last[0][last[1]]
        first[0][first[1]], last[0][last[1]] = new, old
        return generated._replace(document=document), Corruption(
            f"{base}.{first_last}.firstInstallment.{amount_key}", old, new, kind)

    if kind == "missing_field":
        field = draw(st.sampled_from(_REQUIRED[generated.format]))
        container, key = _lookup(plan, field)  # type: ignore[misc]
        old = container.pop(key)
        return generated._replace(document=document), Corruption(f"{base}.{field}", old, None, kind)

    if kind == "wrong_currency":
        field = "costInfo.currency" if native else "amountDetails.currency"
        other = draw(currencies().filter(lambda code: code != generated.currency))
        located = _lookup(plan, field)
        if located is None:  # 2024 convention: no plan currency to break, so add a wrong one
            details = plan["amountDetails"]
            assert isinstance(details, dict)
            details["currency"] = other
            return generated._replace(document=document), Corruption(f"{base}.{field}", None, other, kind)
        container, key = located
        old = container[key]
        container[key] = other
        return generated._replace(document=document), Corruption(f"{base}.{field}", old, other, kind)

    # duplicate_plan_id: an earlier plan's id on a later one, which is where the duplicate shows.
    key = "vPlanID" if native else "planId"
    target = draw(st.integers(1, len(plans) - 1))
    source = draw(st.integers(0, target - 1))
    old = plans[target][key]
    new = plans[source][key]
    plans[target][key] = new
    return generated._replace(document=document), Corruption(f"{prefix}[{target}].{key}", old, new, kind)


def _amount_corrupted(
    draw: st.DrawFn, plan: dict[str, object], kind: str, *, native: bool, digits: int, offer: PlanOffer,
) -> tuple[str, object, object, str]:
    """One derived amount of *plan* one unit off or ten times too large, changed in place: its field, old and new
    values, and the kind of change (one unit off when no amount can be scaled)."""
    section = "costInfo" if native else "amountDetails"
    candidates = [
        f"{section}.{name}" for name in (_VISA_DERIVED if native else _CYBERSOURCE_DERIVED)
        if _lookup(plan, f"{section}.{name}") is not None
    ]
    if kind == "wrong_scale":
        candidates = [name for name in candidates if units_of(_at(plan, name), digits) != 0]
    if not candidates:  # a fee-free plan of zeros only: one unit off is always possible
        kind = "off_by_one"
        candidates = [f"{section}.{'totalPlanCost' if native else 'totalPlanAmount'}"]
    # A Cybersource first installment's fee is right under either convention (the recurring fee, or it plus
    # the upfront fee): a change that lands on the other convention's value breaks nothing.
    conventions = {units_of(str(offer.plan.first_fee), digits),
                   units_of(str(CTX.add(offer.plan.first_fee, offer.plan.total_upfront_fee)), digits)}
    changes = {
        name: [new for new in _changed_units(kind, units_of(_at(plan, name), digits))
               if native or not name.endswith("firstInstallment.feeAmount") or new not in conventions]
        for name in candidates
    }
    field = draw(st.sampled_from([name for name in candidates if changes[name]]))
    container, key = _lookup(plan, field)  # type: ignore[misc]
    old = container[key]
    new_units = draw(st.sampled_from(changes[field]))
    new: object = new_units if native else str(from_units(new_units, digits))
    container[key] = new
    return field, old, new, kind


def _changed_units(kind: str, units: int) -> list[int]:
    """What *kind* of corruption can make of an amount of *units* minor units."""
    if kind == "off_by_one":
        return [units + 1, units - 1] if units > 0 else [units + 1]
    return [units * 10]


def _at(document: dict[str, object], dotted: str) -> object:
    located = _lookup(document, dotted)
    assert located is not None
    return located[0][located[1]]


def units_of(value: object, digits: int) -> int:
    # A wire value: an integer of minor units (Visa) or a decimal string (Cybersource).
    return value if isinstance(value, int) else to_units(Decimal(str(value)), digits)
