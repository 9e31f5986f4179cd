"""Plan inputs and plans: currencies, amounts, rates, frequencies, rounding policies, terms, offers' texts."""

from __future__ import annotations

from collections.abc import Collection
from decimal import ROUND_CEILING, Decimal
from typing import Final

from hypothesis import strategies as st

from .._core.arguments import parse_whole
from .._core.currencies import ACTIVE_CURRENCIES, minor_units
from .._core.money import CTX, MAX_RATE_DECIMALS, from_units
from .._core.offer import TermsAndConditions
from .._core.plan import MAX_INSTALLMENTS, Plan, PlanTerms
from .._core.policy import KNOWN_POLICIES, ROUNDING_MODES, VISA, Frequency, Remainder, RoundingPolicy
from .._errors import InvalidTermsError, describe

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


def currency_choice(
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
    code = draw(currency_choice(currency, currencies()))
    digits = ACTIVE_CURRENCIES[code]
    count = draw(counts if counts is not None else st.one_of(st.integers(1, 24), st.integers(1, MAX_INSTALLMENTS)))
    spread = (count - 1) ** 2
    fee_rate = draw(rates()) if fees else Decimal("0.00")
    floor_units = feasible_floor(count, fee_rate)
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


def feasible_floor(count: int, fee_rate: Decimal) -> int:
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
