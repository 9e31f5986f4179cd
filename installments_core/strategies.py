"""Hypothesis strategies for installment plans, for other teams' property tests.

Requires hypothesis: install ``installments-core[testing]``.  Installing the package also registers
these strategies with hypothesis (an entry point), so ``st.from_type(PlanTerms)``,
``st.from_type(Plan)`` and ``st.from_type(RoundingPolicy)`` work without importing this module.

Plan terms are *feasible by construction*: every :class:`~installments_core.PlanTerms` drawn from
:func:`plan_terms` computes under every rounding policy, with no filtering, so shrinking stays fast.

>>> from hypothesis import given
>>> from installments_core import strategies
>>> @given(strategies.plans())
... def test_totals_add_up(plan):
...     assert plan.total_plan_amount == plan.amount + plan.total_fee
>>> test_totals_add_up()
"""

from __future__ import annotations

import copy
import sys
import unicodedata
from collections.abc import Collection
from datetime import datetime
from decimal import ROUND_CEILING, Decimal
from functools import cache
from typing import Final, NamedTuple

from hypothesis import strategies as st

from ._core.arguments import parse_whole, require
from ._core.card import CardNumber, luhn_check_digit, luhn_valid
from ._core.currencies import ACTIVE_CURRENCIES, minor_units
from ._core.money import CTX, MAX_RATE_DECIMALS, from_units, to_units
from ._core.offer import FundedBy, PlanOffer, TermsAndConditions
from ._core.plan import MAX_INSTALLMENTS, Plan, PlanTerms, compute_plan
from ._core.policy import KNOWN_POLICIES, ROUNDING_MODES, VISA, Frequency, Remainder, RoundingPolicy
from ._errors import InvalidTermsError, card_number_spans, describe, mask_digit_runs
from ._wire.encode import (
    CURRENT,
    REV_2024,
    cybersource_plan_detail,
    cybersource_response,
    visa_matched_plan,
    visa_response,
)
from ._wire.jpo_options import BillTo, build_jpo_authorization
from ._wire.payment_identifiers import AuthorizationLink, PaymentAccountReference, Token, TokenKind
from ._wire.request_builders import build_cancel_request, build_get_plans_request, build_select_request

__all__ = [
    "CardNumberSpelling",
    "Corruption",
    "GeneratedPurchase",
    "GeneratedResponse",
    "amounts",
    "assert_no_card_number",
    "authorization_links",
    "card_number_spellings",
    "card_numbers",
    "corrupted_responses",
    "currencies",
    "frequencies",
    "get_plans_responses",
    "jpo_authorizations",
    "payment_identifiers",
    "plan_terms",
    "plans",
    "policies",
    "purchases",
    "rates",
    "register",
    "terms_and_conditions",
]

_MAX_UNITS = 10**12


def currencies(*, minor_digits: int | Collection[int] | None = None) -> st.SearchStrategy[str]:
    """Active ISO 4217 codes, optionally only those with the given number(s) of minor digits.

    >>> from hypothesis import find
    >>> find(currencies(minor_digits=3), lambda code: True)
    'KWD'
    """
    wanted: set[int] | None = None
    if isinstance(minor_digits, int):
        wanted = {parse_whole(minor_digits, path="minor_digits", low=0, high=6)}
    elif minor_digits is not None:
        if not isinstance(minor_digits, Collection):
            raise InvalidTermsError("minor_digits", expected="an int or a collection of ints",
                                    actual=describe(minor_digits))
        wanted = {parse_whole(digits, path="minor_digits", low=0, high=6) for digits in minor_digits}
    codes = sorted(code for code, digits in ACTIVE_CURRENCIES.items() if wanted is None or digits in wanted)
    if not codes:
        raise InvalidTermsError("minor_digits", expected="the minor digits of some active currency",
                                actual=describe(minor_digits),
                                detail=f"no active currency has {describe(minor_digits)} minor digits")
    # The usual suspects first, so shrinking lands on a currency a reader recognizes.
    preferred = [code for code in ("USD", "JPY", "KWD", "EUR", "QAR") if code in codes]
    return st.sampled_from(preferred + [code for code in codes if code not in preferred])


def _currency_choice(
    currency: str | st.SearchStrategy[str] | None, default: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    """A strategy's ``currency=``: one ISO 4217 code (``"KWD"``), a strategy of codes, or the default."""
    if currency is None:
        return default
    if isinstance(currency, st.SearchStrategy):
        return currency
    minor_units(currency)
    return st.just(currency)


def amounts(currency: str, *, min_units: int = 0, max_units: int = _MAX_UNITS) -> st.SearchStrategy[Decimal]:
    """Amounts in *currency*, whole minor units from *min_units* to *max_units*, with its exact digits."""
    digits = minor_units(currency)
    low = parse_whole(min_units, path="min_units", low=0, high=_MAX_UNITS)
    high = parse_whole(max_units, path="max_units", low=low, high=_MAX_UNITS)
    return st.integers(low, high).map(lambda units: from_units(units, digits))


def rates(*, max_rate: int = 30, max_decimals: int = 2) -> st.SearchStrategy[Decimal]:
    """Percentages from 0 to *max_rate* with up to *max_decimals* decimals (at most 4), zero often."""
    max_rate = parse_whole(max_rate, path="max_rate", low=0, high=100)
    max_decimals = parse_whole(max_decimals, path="max_decimals", low=0, high=MAX_RATE_DECIMALS)
    scale = 10**max_decimals
    return st.one_of(
        st.just(Decimal("0.00")),
        st.integers(0, max_rate * scale).map(lambda steps: Decimal(steps).scaleb(-max_decimals, CTX)),
    )


def frequencies() -> st.SearchStrategy[Frequency]:
    """The four installment frequencies."""
    return st.sampled_from(list(Frequency))


def policies(*, known_only: bool = False) -> st.SearchStrategy[RoundingPolicy]:
    """Rounding policies: the known ones, or (by default) also any combination of the eight modes."""
    known = st.sampled_from(KNOWN_POLICIES)
    if known_only:
        return known
    modes = st.sampled_from(list(ROUNDING_MODES.values()))
    return st.one_of(
        known,
        st.builds(
            RoundingPolicy,
            principal_rounding=modes,
            fee_rounding=modes,
            remainder=st.sampled_from(list(Remainder)),
            rate_rounding=modes,
        ),
    )


@st.composite
def plan_terms(
    draw: st.DrawFn,
    currency: str | st.SearchStrategy[str] | None = None,
    counts: st.SearchStrategy[int] | None = None,
    fees: bool = True,
    upfront_fees: bool = True,
) -> PlanTerms:
    """Plan terms that compute under every rounding policy.

    Rounding any way moves an installment by less than one minor unit, so n − 1 installments move
    the remainder by less than n − 1 units each: an order total above (n − 1)² units, and a
    recurring fee total of zero or at least (n − 1)² units, always leave a remainder installment
    above zero and a remainder fee of zero or more.
    """
    code = draw(_currency_choice(currency, currencies()))
    digits = ACTIVE_CURRENCIES[code]
    count = draw(counts if counts is not None else st.one_of(st.integers(1, 24), st.integers(1, MAX_INSTALLMENTS)))
    spread = (count - 1) ** 2
    fee_rate = draw(rates()) if fees else Decimal("0.00")
    floor_units = _feasible_floor(count, fee_rate)
    units = draw(st.integers(floor_units, max(floor_units, _MAX_UNITS)))
    if not fees:
        fee_flat_units = 0
    elif fee_rate.is_zero():
        fee_flat_units = draw(st.one_of(st.just(0), st.integers(spread, spread + 10**6)))
    else:
        fee_flat_units = draw(st.integers(0, 10**6))
    upfront_rate = draw(rates()) if upfront_fees else Decimal("0.00")
    upfront_flat_units = draw(st.integers(0, 10**6)) if upfront_fees else 0
    return PlanTerms(
        from_units(units, digits),
        code,
        count,
        draw(frequencies()),
        fee_rate,
        from_units(fee_flat_units, digits),
        upfront_rate,
        from_units(upfront_flat_units, digits),
    )


def _feasible_floor(count: int, fee_rate: Decimal) -> int:
    """The fewest minor units of order total that keep *count* installments feasible under any rounding.

    With a recurring rate, round(P × rate / 100) must also reach (n − 1)² + 1 units whatever the
    rounding: P ≥ 100 ((n − 1)² + 1) / rate.
    """
    spread = (count - 1) ** 2
    floor_units = max(count, spread + 1)
    if not fee_rate.is_zero():
        needed = CTX.divide(CTX.multiply(100, spread + 1), fee_rate)
        floor_units = max(floor_units, int(needed.to_integral_value(ROUND_CEILING, CTX)) + 1)
    return floor_units


def plans(
    terms: st.SearchStrategy[PlanTerms] | None = None,
    policy: st.SearchStrategy[RoundingPolicy] | None = None,
) -> st.SearchStrategy[Plan]:
    """Computed plans: *terms* (default :func:`plan_terms`) under *policy* (default VISA)."""
    return st.builds(
        lambda drawn_terms, drawn_policy: drawn_terms.compute(drawn_policy),
        terms if terms is not None else plan_terms(),
        policy if policy is not None else st.just(VISA),
    )


def register() -> None:
    """Teach ``st.from_type`` the core input types (done on import of this module)."""
    st.register_type_strategy(PlanTerms, plan_terms())
    st.register_type_strategy(Plan, plans())
    st.register_type_strategy(RoundingPolicy, policies())


_LANGUAGE_TEXTS: Final = {
    "eng": "You are selecting an installment plan. The total purchase amount will be deducted from your credit limit.",
    "ara": "أنت تختار خطة تقسيط. سيتم خصم إجمالي مبلغ الشراء من حدك الائتماني.",
    "jpn": "分割払いプランを選択しています。購入金額の合計はご利用可能枠から差し引かれます。",
    "ger": "Sie wählen einen Ratenplan. Der gesamte Kaufbetrag wird von Ihrem Kreditrahmen abgezogen.",
    "deu": "Sie wählen einen Ratenplan. Der gesamte Kaufbetrag wird von Ihrem Kreditrahmen abgezogen.",
    "spa": "Está seleccionando un plan de cuotas. El importe total se descontará de su límite de crédito.",
    "por": "Você está selecionando um plano de parcelamento. O valor total será deduzido do seu limite.",
    "fre": "Vous choisissez un plan de paiement échelonné. Le montant total sera déduit de votre plafond.",
    "ita": "Stai scegliendo un piano rateale. L'importo totale sarà detratto dal tuo limite di credito.",
    "tel": "మీరు వాయిదాల ప్రణాళికను ఎంచుకుంటున్నారు.",
}


@st.composite
def terms_and_conditions(draw: st.DrawFn) -> tuple[TermsAndConditions, ...]:
    """One to three language versions of a plan's terms, sharing a version, English most often."""
    languages = draw(st.lists(st.sampled_from(sorted(_LANGUAGE_TEXTS)), min_size=1, max_size=3, unique=True))
    version = str(draw(st.integers(1, 40)))
    url = draw(st.sampled_from([None, "https://www.visa.com/"]))
    return tuple(TermsAndConditions(code, version, _LANGUAGE_TEXTS[code], url) for code in languages)


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


def _alphanumeric(length: int) -> st.SearchStrategy[str]:
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
    code = draw(_currency_choice(currency, currencies(minor_digits=(0, 2, 3))))
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
    floor_units = max([1, *(max(_feasible_floor(count, rate), 20 * (flat + upfront_flat))
                            for count, _, _, rate, flat, _, upfront_flat in shapes)])
    units = draw(st.integers(floor_units, max(floor_units, 10**9)))
    order_amount = from_units(units, digits)
    plan_ids = draw(st.lists(st.uuids().map(str), min_size=size, max_size=size, unique=True))
    identifiers = draw(st.lists(_alphanumeric(10), min_size=size, max_size=size, unique=True))
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
        section = "costInfo" if native else "amountDetails"
        candidates = [
            f"{section}.{name}" for name in (_VISA_DERIVED if native else _CYBERSOURCE_DERIVED)
            if _lookup(plan, f"{section}.{name}") is not None
        ]
        if kind == "wrong_scale":
            candidates = [name for name in candidates if _units_of(_at(plan, name), digits) != 0]
        if not candidates:  # a fee-free plan of zeros only: one unit off is always possible
            kind = "off_by_one"
            candidates = [f"{section}.{'totalPlanCost' if native else 'totalPlanAmount'}"]
        field = draw(st.sampled_from(candidates))
        container, key = _lookup(plan, field)  # type: ignore[misc]
        old = container[key]
        units = _units_of(old, digits)
        if kind == "off_by_one":
            step = draw(st.sampled_from([1, -1])) if units > 0 else 1
            new_units = units + step
        else:
            new_units = units * 10
        new: object = new_units if native else str(from_units(new_units, digits))
        container[key] = new
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


def _at(document: dict[str, object], dotted: str) -> object:
    located = _lookup(document, dotted)
    assert located is not None
    return located[0][located[1]]


def _units_of(value: object, digits: int) -> int:
    # A wire value: an integer of minor units (Visa) or a decimal string (Cybersource).
    return value if isinstance(value, int) else to_units(Decimal(str(value)), digits)



def card_numbers() -> st.SearchStrategy[CardNumber]:
    """Visa card numbers (16 digits, Luhn-valid): what Visa Installments and JPO accept."""

    def with_check_digit(body: str) -> CardNumber:
        return CardNumber(next(body + digit for digit in "0123456789" if luhn_valid(body + digit)))

    return st.text(alphabet="0123456789", min_size=14, max_size=14).map(lambda digits: with_check_digit("4" + digits))


class CardNumberSpelling(NamedTuple):
    """A card number as someone wrote it (:attr:`text`) and its digits (:attr:`digits`, ASCII)."""

    text: str
    digits: str


@cache
def _characters(categories: frozenset[str]) -> tuple[str, ...]:
    return tuple(chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) in categories)


def _separators() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Every script's digit zero, every visible separator, every invisible format character: taken
    from the Unicode database, not from the library's mask, so that the two check each other."""
    zeros = tuple(character for character in _characters(frozenset({"Nd"})) if unicodedata.decimal(character) == 0)
    visible = ("\t", ".", "/", "\u2212", "\uff0e", "\uff0f", *_characters(frozenset({"Zs", "Pd"})))
    return zeros, visible, _characters(frozenset({"Cf"}))


def _at_most_three_visible(characters: list[str]) -> str:
    visible = 0
    kept = []
    for character in characters:
        visible += unicodedata.category(character) != "Cf"
        if visible <= 3 or unicodedata.category(character) == "Cf":
            kept.append(character)
    return "".join(kept)


@st.composite
def card_number_spellings(draw: st.DrawFn) -> CardNumberSpelling:
    """Luhn-valid card numbers of 13 to 19 digits as people and systems write them: in groups or
    not, separated by one to three spaces (any Unicode space), tabs, hyphens or dashes, dots or
    slashes, in mixes; with invisible format characters (zero-width space and joiners, LRM/RLM,
    bidi controls, word joiner, BOM, soft hyphen...) anywhere between the digits; in any script's
    decimal digits, one script or several.

    Pair it with :func:`assert_no_card_number` to prove that no output of yours shows one.
    """
    zeros, visible, invisible = _separators()
    length = draw(st.integers(13, 19))
    body = draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    digits = body + luhn_check_digit(body)
    scripts = draw(st.lists(st.sampled_from(zeros), min_size=1, max_size=length).map(tuple)
                   | st.sampled_from(("0", *zeros)).map(lambda zero: (zero,)))
    written = [chr(ord(scripts[index % len(scripts)]) + int(digit)) for index, digit in enumerate(digits)]
    gap = st.lists(st.sampled_from(visible) | st.sampled_from(invisible), max_size=5).map(_at_most_three_visible)
    between = draw(st.lists(gap, min_size=length - 1, max_size=length - 1))
    text = written[0] + "".join(separator + digit for separator, digit in zip(between, written[1:], strict=True))
    return CardNumberSpelling(text, digits)


def assert_no_card_number(text: str) -> None:
    """Raise ``AssertionError`` if *text* holds a card number in any spelling (those of
    :func:`card_number_spellings`, and the backslash escapes ``repr`` and JSON write), naming
    where it is and showing it masked, never raw.

    >>> assert_no_card_number("order 12345, on 2024-03-13, card ****9793, NTID 178896882917673")
    >>> assert_no_card_number("card 4622\u00a09431\u200b2701-9793")
    Traceback (most recent call last):
    ...
    AssertionError: a card number (****9793) at characters 5 to 24: 'card ****9793'
    """
    spans = card_number_spans(require(text, str, path="text", expected="a str"))
    if spans:
        start, end = spans[0]
        more = f" and {len(spans) - 1} more" if len(spans) > 1 else ""
        excerpt = mask_digit_runs(text[max(start - 40, 0): end + 40])
        raise AssertionError(f"a card number ({mask_digit_runs(text[start:end])}) at characters {start} to {end}"
                             f"{more}: {excerpt!r}")


def payment_identifiers() -> st.SearchStrategy[CardNumber | PaymentAccountReference | Token]:
    """Any of the three kinds of payment identifier: a PAN, a PAR, or a token in one of the five token fields."""
    return st.one_of(
        card_numbers(),
        _alphanumeric(28).map(lambda rest: PaymentAccountReference("V" + rest)),
        st.builds(Token, st.sampled_from(list(TokenKind)),
                  st.text(alphabet="0123456789ABCDEF", min_size=16, max_size=32)),
    )


@st.composite
def authorization_links(draw: st.DrawFn) -> AuthorizationLink:
    """The link to an authorization: its code (6 letters or digits) or its NTID (up to 20), and when."""
    instant = draw(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)))
    authorized_at = instant.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    if draw(st.booleans()):
        return AuthorizationLink.code(draw(_alphanumeric(6)), authorized_at)
    return AuthorizationLink.ntid(draw(st.text(alphabet="0123456789", min_size=15, max_size=20)), authorized_at)


class GeneratedPurchase(NamedTuple):
    """One purchase's consistent requests around a generated get-plans response."""

    response: GeneratedResponse
    get_plans: dict[str, object]
    select: dict[str, object]
    """The select request for :attr:`plan_id` and one version its terms carry."""
    cancel: dict[str, object]
    """The cancel request after a refund: full, or partial with ``refundAmount``."""
    plan_id: str
    payment: CardNumber | PaymentAccountReference | Token
    link: AuthorizationLink
    refund_amount: Decimal
    """What was refunded; equal to the order total for a full refund."""


@st.composite
def purchases(draw: st.DrawFn, responses: st.SearchStrategy[GeneratedResponse] | None = None) -> GeneratedPurchase:
    """Get plans, select and cancel requests for one purchase, consistent with each other and the response.

    The select names a plan the response offers and a terms version that plan carries; the cancel
    uses the select's link; a partial refund is below the order total.  Currencies with 0, 2 and
    3 minor digits.
    """
    generated = draw(responses if responses is not None else get_plans_responses(min_plans=1))
    if not generated.offers:
        raise ValueError("purchases needs responses with at least one plan")
    payment = draw(payment_identifiers())
    link = draw(authorization_links())
    offer = draw(st.sampled_from(generated.offers))
    version = draw(st.sampled_from(sorted({terms.version for terms in offer.terms})))
    amount, currency = generated.order_amount, generated.currency
    digits = ACTIVE_CURRENCIES[currency]
    units = _units_of(amount, digits)
    refunded_units = draw(st.one_of(st.just(units), st.integers(1, max(units - 1, 1))))
    refund = from_units(min(refunded_units, units), digits)
    partial = refund < amount
    return GeneratedPurchase(
        generated,
        build_get_plans_request(str(amount), currency, payment),
        build_select_request(str(amount), currency, payment, link, plan_id=offer.plan_id, tc_version=version),
        build_cancel_request(str(amount), currency, payment, link, refund_amount=refund if partial else None),
        offer.plan_id,
        payment,
        link,
        refund,
    )


_KATAKANA_NAMES: Final = ("サンプルショウテン", "カブシキガイシャテスト", "ミセ", "ニホンショップ")
_KANJI_NAMES: Final = ("株式会社サンプル商店", "東京テスト店", "見本商会")


@st.composite
def jpo_authorizations(draw: st.DrawFn) -> dict[str, object]:
    """Valid Japanese Payment Options installment authorizations (paymentMethod 61) for a Visa card."""
    return build_jpo_authorization(
        draw(st.integers(1_000, 5_000_000)),
        card=draw(card_numbers()),
        expiration_month=draw(st.integers(1, 12)),
        expiration_year=draw(st.integers(2027, 2040)),
        bill_to=BillTo("Taro", "Yamada", "1-1-1 Marunouchi", "Chiyoda-ku", "Tokyo", "100-0005", "JP",
                       "taro@example.jp"),
        business_name=draw(st.sampled_from(_KANJI_NAMES)),
        business_name_katakana=draw(st.sampled_from(_KATAKANA_NAMES)),
        business_name_alphanumeric=draw(st.sampled_from(["Sample Store", "TEST SHOP 01", "Mise"])),
        installments=draw(st.sampled_from([3, 5, 6, 10, 12, 15, 18, 20, 24])),
        first_billing_month=draw(st.integers(1, 12)),
    )


register()
