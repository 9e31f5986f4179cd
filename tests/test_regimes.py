"""Each market's annual cost of credit: published examples, an exact independent check, agreements."""

from __future__ import annotations

import ast
import inspect
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, compute_plan
from installments_core._core import credit
from installments_core._core.cash_flows import CashFlows, cash_flows
from installments_core._core.money import CTX
from installments_core._core.plan import due_dates
from installments_core._core.regimes import (
    Companion,
    Regime,
    annual_cost,
    directive_years,
    plan_cash_flows,
    regime_for_territory,
)
from installments_core.errors import InvalidTermsError
from installments_core.plans import Plan
from installments_core.strategies import plans


def _series(amount: str, count: int, first: int) -> list[tuple[str, int]]:
    return [(amount, first + k) for k in range(count)]


def _fraction(numerator: int, denominator: int) -> Decimal:
    return CTX.divide(numerator, denominator)


# 12 CFR 1026 (Regulation Z) Appendix J, paragraph (c): the examples of the actuarial method whose
# payments share one odd first fraction (the unit-period rate's simple-interest factor (1 + f·i)).
# (advance, [(payment, whole unit periods)], odd fraction, unit periods a year, published APR)
_Example = tuple[str, list[tuple[str, int]], "Decimal | int", "Decimal | int", str]
APPENDIX_J: dict[str, _Example] = {
    "(c)(1)(i) monthly, regular first period": ("5000", _series("230", 24, 1), 0, 12, "9.69"),
    "(c)(1)(ii) monthly, long first period": ("6000", _series("200", 36, 1), _fraction(19, 30), 12, "11.82"),
    "(c)(1)(iii) semimonthly, short first period": ("5000", _series("219.17", 24, 0), _fraction(6, 15), 24, "10.34"),
    "(c)(1)(iv) quarterly, long first period": ("10000", _series("385", 40, 1), _fraction(39, 90), 4, "8.97"),
    "(c)(1)(v) weekly, long first period": ("500", _series("17.60", 30, 4), _fraction(4, 7), 52, "14.96"),
    "(c)(2)(i) monthly, irregular first payment": (
        "5000", [("250", 1), *_series("230", 23, 2)], 0, 12, "10.08"),
    "(c)(2)(ii) every 4 weeks, long first period, irregular first payment": (
        "400", [("39.50", 1), *_series("38.31", 11, 2)], _fraction(5, 28), 13, "28.50"),
    "(c)(3)(i) monthly, irregular final payment": ("5000", [*_series("230", 23, 1), ("280", 24)], 0, 12, "10.50"),
    "(c)(3)(ii) every 2 weeks, short first period, irregular final payment": (
        "200", [*_series("9.50", 19, 0), ("30", 19)], _fraction(8, 14), 26, "12.22"),
    "(c)(4)(i) monthly, irregular first and final payments": (
        "5000", [("250", 1), *_series("230", 22, 2), ("280", 24)], 0, 12, "10.90"),
    "(c)(4)(ii) every 2 months, short first period, irregular first and final payments": (
        "8000", [("449.36", 0), *_series("465", 18, 1), ("200", 19)], _fraction(52, 60), 6, "7.30"),
    "(c)(5)(ii) single payment, term of 6 months": ("1000", [("1044", 1)], 0, 2, "8.80"),
    "(c)(5)(iii) single payment, term of 18 months": ("1000", [("1135.19", 1)], _fraction(6, 12), 1, "8.76"),
    "(c)(5)(iv) single payment, term of 2 years": ("1000", [("1240", 2)], 0, 1, "11.36"),
}


# Appendix J (c)(5)(i): a single payment after a term of 255 days, which is its own unit period,
# 365/255 of them a year ((b)(4)(ii), (b)(5)(vi)).
APPENDIX_J["(c)(5)(i) single payment, term of 255 days"] = (
    "1000", [("1080", 1)], 0, CTX.divide(365, 255), "11.45")


@pytest.mark.parametrize("example", APPENDIX_J.values(), ids=APPENDIX_J.keys())
def test_regulation_z_appendix_j_examples(example: _Example) -> None:
    advance, flows, fraction, per_year, published = example
    figure = annual_cost(
        cash_flows(
            advance, [amount for amount, _ in flows], periods=[period for _, period in flows],
            odd_fraction=fraction, periods_per_year=per_year,
        ),
        Regime.US_APR,
    )
    assert str(figure.rate) == published


def test_a_brazilian_cet_worksheet() -> None:
    # A bank's CET worksheet (the layout of BCB Carta-Circular 3.593), published in the essay
    # "Empréstimo bancário para financiamento de veículo" at trabalhosfeitos.com: R$ 10,000.00
    # delivered on 2013-04-22 (the IOF financed on top), 12 monthly installments of R$ 932.45 from
    # 2013-05-22, "CUSTO EFETIVO TOTAL (CET) 23,41% ao ano".  Days over 365, as CMN rules count them.
    # (Its "1,44% ao mês" beside it is not the monthly equivalent of 23.41 % a year, which is 1.77 %.)
    start, first_due = date(2013, 4, 22), date(2013, 5, 22)
    days = [(due - start).days for due in due_dates(first_due, 12, "MONTHLY")]
    cet = annual_cost(cash_flows("10000.00", ["932.45"] * 12, days=days), Regime.BR_CET)
    assert str(cet.rate) == "23.41"
    assert str(cet.companion(Companion.MONTHLY)) == "1.77"


# Appendix J (c)(6): skipped payments, every 4 weeks (13 unit periods a year) and monthly; each payment its own odd
# fraction: (amount, whole unit periods, numerator of the fraction).
_SKIPPED_4_WEEKS = [
    *[("100", t, 26) for t in range(9)], *[("100", t, 12) for t in range(10, 16)],
    *[("100", t, 26) for t in range(16, 22)], *[("100", t, 12) for t in range(23, 26)],
]
_SKIPPED_MONTHS = [
    *[("1000", t, 12) for t in range(6, 9)], ("2000", 12, 12),
    *[("750", t, 12) for t in range(18, 21)], ("1000", 22, 29),
]


@pytest.mark.parametrize(
    ("advance", "flows", "per_period", "per_year", "published"),
    [("2135", _SKIPPED_4_WEEKS, 28, 13, "12.00"), ("7350", _SKIPPED_MONTHS, 30, 12, "10.22")],
    ids=["(c)(6)(i) skipped payments, every 4 weeks", "(c)(6)(ii) skipped payments and single payments, monthly"],
)
def test_regulation_z_appendix_j_irregular_examples(
    advance: str, flows: list[tuple[str, int, int]], per_period: int, per_year: int, published: str
) -> None:
    figure = annual_cost(
        cash_flows(
            advance, [amount for amount, _, _ in flows], periods=[t for _, t, _ in flows],
            fractions=[_fraction(days, per_period) for _, _, days in flows], periods_per_year=per_year,
        ),
        Regime.US_APR,
    )
    assert str(figure.rate) == published
    assert figure.tolerance == Decimal("0.25")  # irregular payment periods: § 1026.22(a)(3)


def test_us_tolerance_follows_regularity() -> None:
    # § 1026.22(a)(2) and (3): 1/8 of a point for a regular transaction, 1/4 for an irregular one;
    # an irregular first or final payment keeps a transaction regular.
    assert annual_cost(cash_flows("5000", ["250", *["230"] * 22, "280"]), "us-apr").tolerance == Decimal("0.125")
    irregular = cash_flows("1000", ["250", "230", "300", "230", "280"])
    assert annual_cost(irregular, "us-apr").tolerance == Decimal("0.25")
    skipped = cash_flows("1000", ["300", "300", "500"], periods=[1, 2, 4])
    assert annual_cost(skipped, "us-apr").tolerance == Decimal("0.25")


def test_each_regime_shows_its_decimals_and_companions() -> None:
    flows = cash_flows("1000", ["220"] * 5, at_signing="20")
    figures = {regime: annual_cost(flows, regime) for regime in Regime}
    assert {regime: figure.rate.as_tuple().exponent for regime, figure in figures.items()} == {
        regime: -regime.decimals for regime in Regime
    }
    assert [c for c, _ in figures[Regime.BR_CET].companions] == [Companion.MONTHLY]
    assert [c for c, _ in figures[Regime.AR_CFTEA].companions] == [Companion.CFTNA, Companion.TNA, Companion.TEA]
    # TNA/TEA leave out what is paid at signing; the CFT counts it.
    argentina = dict(figures[Regime.AR_CFTEA].companions)
    tna, tea, cftna = argentina[Companion.TNA], argentina[Companion.TEA], argentina[Companion.CFTNA]
    assert tea < figures[Regime.AR_CFTEA].rate
    assert tna < cftna
    assert figures[Regime.EU_APRC].companion(Companion.MONTHLY) is None


def test_a_single_payment_after_a_year_is_its_excess_in_every_annual_regime() -> None:
    flows = cash_flows("1000", ["1100"], periods_per_year=1, days=[365])
    for regime in (Regime.US_APR, Regime.EU_APRC, Regime.BR_CET, Regime.MX_CAT, Regime.JP_JITSUSHITSU):
        assert annual_cost(flows, regime).exact == Decimal("0.1"), regime


def test_brazil_monthly_rate_is_the_annual_rate_over_twelve_compounded_months() -> None:
    cet = annual_cost(cash_flows("1000", ["210"] * 5, at_signing="15"), Regime.BR_CET)
    monthly = cet.companion(Companion.MONTHLY)
    assert monthly is not None
    half = Decimal("0.005")
    assert (1 + (monthly - half) / 100) ** 12 - 1 <= cet.exact < (1 + (monthly + half) / 100) ** 12 - 1


def test_days_count_when_the_dates_are_known() -> None:
    plan = compute_plan("1000", "BRL", 3, fee_rate="3")
    by_months = annual_cost(plan_cash_flows(plan), Regime.BR_CET)
    # February is short: the same payments come sooner, so the rate by days is higher.
    by_days = annual_cost(plan_cash_flows(plan, start=date(2027, 1, 1), first_due=date(2027, 2, 1)), Regime.BR_CET)
    assert by_days.exact > by_months.exact
    with pytest.raises(InvalidTermsError):
        plan_cash_flows(plan, start=date(2027, 1, 1))


@pytest.mark.parametrize(
    ("arguments", "path"),
    [
        ({"advance": "100", "payments": []}, "payments"),
        ({"advance": "100", "payments": ["50", "49"]}, "payments"),
        ({"advance": "100", "payments": ["110"], "at_signing": "100"}, "at_signing"),
        ({"advance": "100", "payments": ["60", "60"], "periods": [2, 1]}, "periods"),
        ({"advance": "100", "payments": ["110"], "periods": [0]}, "periods"),
        ({"advance": "100", "payments": ["110"], "odd_fraction": "1"}, "odd_fraction"),
        ({"advance": "100", "payments": ["110"], "periods_per_year": 0}, "periods_per_year"),
        ({"advance": "100", "payments": ["60", "60"], "days": [30]}, "days"),
    ],
)
def test_impossible_cash_flows_are_refused(arguments: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidTermsError) as raised:
        annual_cost(cash_flows(**arguments), Regime.US_APR)  # type: ignore[arg-type]
    assert raised.value.path == path


def test_an_unknown_regime_is_refused() -> None:
    with pytest.raises(InvalidTermsError) as raised:
        annual_cost(cash_flows("100", ["110"]), "uk-apr")
    assert raised.value.path == "regime"


@pytest.mark.parametrize(
    ("territory", "regime"),
    [("US", Regime.US_APR), ("de", Regime.EU_APRC), ("GB", Regime.EU_APRC), ("NO", Regime.EU_APRC),
     ("BR", Regime.BR_CET), ("MX", Regime.MX_CAT), ("AR", Regime.AR_CFTEA), ("JP", Regime.JP_JITSUSHITSU)],
)
def test_the_default_regime_follows_the_territory(territory: str, regime: Regime) -> None:
    assert regime_for_territory(territory) is regime


def test_credit_does_not_import_plan() -> None:
    """The cost functions take cash flows: plan imports credit, never the other way round."""
    tree = ast.parse(inspect.getsource(credit))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "plan" not in imported
    assert "TYPE_CHECKING" not in inspect.getsource(credit)


# An exact, independent check: rational arithmetic, no solver shared with the library.

def _present_value(rate: Fraction, payments: list[Fraction]) -> Fraction:
    value, v = Fraction(0), 1 / (1 + rate)
    for k, payment in enumerate(payments, start=1):
        value += payment * v**k
    return value


_money = st.integers(min_value=1, max_value=10**7).map(lambda cents: Fraction(cents, 100))


@st.composite
def _level_flows(draw: st.DrawFn) -> tuple[CashFlows, Fraction, list[Fraction]]:
    count = draw(st.integers(min_value=1, max_value=36))
    advance = draw(_money)
    payments = [advance / count * (1 + Fraction(draw(st.integers(min_value=1, max_value=60)), 100))] * count
    payments = [Fraction(round(p * 100), 100) for p in payments]
    signing = Fraction(draw(st.integers(min_value=0, max_value=int(advance * 10))), 100)
    flows = cash_flows(
        Decimal(advance.numerator) / advance.denominator,
        [Decimal(p.numerator) / p.denominator for p in payments],
        at_signing=Decimal(signing.numerator) / signing.denominator,
        periods_per_year=draw(st.sampled_from([52, 26, 12, 6])),
    )
    return flows, advance - signing, payments


@settings(max_examples=60, deadline=None)
@given(_level_flows())
def test_us_apr_is_proven_by_exact_bounds(case: tuple[CashFlows, Fraction, list[Fraction]]) -> None:
    flows, net, payments = case
    if sum(payments) < net:
        return
    apr = annual_cost(flows, Regime.US_APR).rate
    per_year = int(flows.periods_per_year)
    # The APR is h hundredths exactly when the unit-period rate lies in [h - 1/2, h + 1/2) hundredths / m:
    # the present value falls as the rate rises, so the net advance must lie between the values at the ends.
    hundredths = Fraction(apr) * 100
    high = (hundredths + Fraction(1, 2)) / 10_000 / per_year
    low = max(hundredths - Fraction(1, 2), Fraction(0)) / 10_000 / per_year
    assert _present_value(high, payments) <= net <= _present_value(low, payments)


@settings(max_examples=40, deadline=None)
@given(_level_flows())
def test_regimes_agree_on_equal_periods(case: tuple[CashFlows, Fraction, list[Fraction]]) -> None:
    flows, net, payments = case
    if sum(payments) < net:
        return
    figures = {regime: annual_cost(flows, regime) for regime in Regime}
    # Japan's simple interest per equal period is Regulation Z's unit-period rate times the periods a year.
    assert abs(figures[Regime.JP_JITSUSHITSU].exact - figures[Regime.US_APR].exact) < Decimal("1e-24")
    # Brazil, Mexico and the EU compound the same periodic rate over a year of equal periods.
    assert figures[Regime.EU_APRC].exact == figures[Regime.BR_CET].exact == figures[Regime.MX_CAT].exact
    periodic = CTX.divide(figures[Regime.US_APR].exact, flows.periods_per_year)
    compounded = CTX.subtract(CTX.power(CTX.add(1, periodic), flows.periods_per_year), 1)
    assert abs(compounded - figures[Regime.EU_APRC].exact) <= Decimal("1e-20") * max(Decimal(1), compounded)
    # Compounding never lowers the rate; Argentina's 365-day year of 30-day months compounds more than 12.
    assert figures[Regime.EU_APRC].exact >= figures[Regime.US_APR].exact
    if flows.periods_per_year == 12:
        assert figures[Regime.AR_CFTEA].exact >= figures[Regime.EU_APRC].exact


@settings(max_examples=60, deadline=None)
@given(plans())
def test_plan_figures_are_the_plans_cost_of_credit(plan: Plan) -> None:
    """The US and EU regimes on a plan's own cash flows give exactly its APR and APRC."""
    cost = plan.cost_of_credit()
    flows = plan_cash_flows(plan)
    assert annual_cost(flows, Regime.US_APR).rate == cost.apr
    # CostOfCredit compounds its periodic rate rounded to 20 places: the cents agree while that
    # rounding cannot reach them.
    if cost.aprc < 1_000_000:
        assert annual_cost(flows, Regime.EU_APRC).rate == cost.aprc


_ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20), st.text(max_size=5),
    st.decimals(allow_nan=True), st.floats(), st.just(()), st.lists(st.integers(-5, 10**6), max_size=4),
    st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=1, max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["advance", "payments", "periods_per_year", "periods", "odd_fraction", "at_signing", "days", "start"]
        ),
        st.one_of(_ANYTHING, st.dates(), st.datetimes()),
    ),
    st.sampled_from([*Regime, "apr", None]),
)
def test_any_arguments_give_a_figure_or_an_installments_error(arguments: dict[str, object], regime: object) -> None:
    arguments = {"advance": "100", "payments": ["60", "60"], **arguments}
    try:
        figure = annual_cost(cash_flows(**arguments), regime)  # type: ignore[arg-type]
    except InstallmentsError:
        return
    assert figure.rate >= 0


def test_what_is_not_cash_flows_or_a_plan_is_refused() -> None:
    with pytest.raises(InvalidTermsError) as raised:
        annual_cost("flows", Regime.US_APR)  # type: ignore[arg-type]
    assert raised.value.path == "flows"
    with pytest.raises(InvalidTermsError) as raised:
        plan_cash_flows("plan")  # type: ignore[arg-type]
    assert raised.value.path == "plan"
    with pytest.raises(InvalidTermsError) as raised:
        regime_for_territory(1)  # type: ignore[arg-type]
    assert raised.value.path == "territory"


_USURIOUS = {
    "double in a day": cash_flows("100", ["200"], days=[1]),
    "a fee a billion times the price": plan_cash_flows(compute_plan("0.02", "USD", 2, fee_flat="999999999")),
    "a cent repaid by the largest amount the next day": cash_flows("0.01", ["999999999999999"], days=[1]),
}


@pytest.mark.parametrize("flows", _USURIOUS.values(), ids=_USURIOUS.keys())
@pytest.mark.parametrize("regime", list(Regime))
def test_a_rate_too_large_for_thirty_places_keeps_the_digits_it_has(flows: CashFlows, regime: Regime) -> None:
    figure = annual_cost(flows, regime)
    assert figure.rate >= 0
    assert abs(CTX.subtract(figure.rate, CTX.multiply(figure.exact, 100))) <= CTX.multiply(
        figure.rate, Decimal("1e-58")
    ) + Decimal("0.005")


@st.composite
def _accepted_plans(draw: st.DrawFn) -> Plan | None:
    """Plans across all that compute_plan accepts, the extreme fees on the least amounts included."""
    amount = draw(st.decimals(min_value=0, max_value=10**15 - 1, places=2))
    fee = st.decimals(min_value=0, max_value=10**15 - 1, places=2)
    rate = st.decimals(min_value=0, max_value=10**6, places=4)
    try:
        return compute_plan(
            amount, draw(st.sampled_from(["USD", "BRL", "JPY", "EUR"])), draw(st.integers(1, 999)),
            frequency=draw(st.sampled_from(["WEEKLY", "BIWEEKLY", "MONTHLY", "BIMONTHLY"])),
            fee_rate=draw(rate), fee_flat=draw(fee), upfront_rate=draw(rate), upfront_flat=draw(fee),
        )
    except InstallmentsError:
        return None


@settings(max_examples=150, deadline=None)
@given(_accepted_plans(), st.sampled_from(list(Regime)))
def test_every_accepted_plan_has_a_figure_or_an_installments_error(plan: Plan | None, regime: Regime) -> None:
    if plan is None:
        return
    try:
        figure = annual_cost(plan_cash_flows(plan), regime)
    except InstallmentsError:
        return
    assert figure.rate >= 0


@pytest.mark.parametrize(
    ("start", "first_due", "path"),
    [
        (datetime(2027, 1, 1), date(2027, 2, 1), "start"),
        (date(2027, 1, 1), datetime(2027, 2, 1), "first_due"),
        (datetime(2027, 1, 1), datetime(2027, 2, 1), "start"),
    ],
)
def test_a_datetime_is_refused_as_a_date(start: date, first_due: date, path: str) -> None:
    with pytest.raises(InvalidTermsError) as raised:
        plan_cash_flows(compute_plan("300", "BRL", 3), start=start, first_due=first_due)
    assert raised.value.path == path


_VALID_FIELDS: dict[str, object] = {
    "advance": Decimal(100), "payments": (Decimal(60), Decimal(60)), "periods": (1, 2),
    "periods_per_year": Decimal(12), "fractions": (Decimal(0), Decimal(0)), "at_signing": Decimal(0), "days": None,
}


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("advance", "100", "advance"),
        ("payments", (110.0, Decimal(10)), "payments[0]"),
        ("payments", [Decimal(60), Decimal(60)], "payments"),
        ("payments", (), "payments"),
        ("periods", (-1, 2), "periods"),
        ("periods", (2, 1), "periods"),
        ("periods", (1,), "periods"),
        ("periods_per_year", Decimal(0), "periods_per_year"),
        ("periods_per_year", 12, "periods_per_year"),
        ("periods_per_year", Decimal(366), "periods_per_year"),
        ("fractions", (Decimal(1), Decimal(1)), "fractions[0]"),
        ("fractions", (Decimal(0),), "fractions"),
        ("at_signing", Decimal(100), "at_signing"),
        ("at_signing", Decimal("NaN"), "at_signing"),
        ("days", (30, 30), "days"),
        ("days", (True, 60), "days"),
    ],
)
def test_cash_flows_built_directly_are_checked(field: str, value: object, path: str) -> None:
    with pytest.raises(InstallmentsError) as raised:
        CashFlows(**{**_VALID_FIELDS, field: value})  # type: ignore[arg-type]
    assert raised.value.path == path


# The EU Directive's calendar (Annex I (c) as amended by Directive 2011/90/EU): whole months counted
# back from a due date, then days over the 365 or 366 days of the year ending on the last of them.
def _back(due: date, months: int, month_end: bool) -> date:
    year, month = due.year, due.month
    for _ in range(months):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, last if month_end else min(due.day, last))


def _month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def _directive_years_by_walking(start: date, due: date) -> Fraction:
    """The same count, walked month by month, the year's length counted day by day."""
    both_ends = _month_end(start) and _month_end(due)
    months = 0
    while _back(due, months + 1, both_ends) >= start:
        months += 1
    end = _back(due, months, both_ends)
    days = (end - start).days
    if not days:
        return Fraction(months, 12)
    year_before = date(end.year - 1, end.month, min(end.day, 28)) + timedelta(days=max(end.day - 28, 0))
    if (end.month, end.day) == (2, 29):
        year_before = date(end.year - 1, 2, 28)
    return Fraction(months, 12) + Fraction(days, (end - year_before).days)


@pytest.mark.parametrize(
    ("start", "due", "years"),
    [
        (date(2023, 3, 1), date(2024, 3, 1), Fraction(1)),  # a year that holds 29 February is one year
        (date(2024, 1, 31), date(2024, 2, 29), Fraction(1, 12)),  # month end to month end
        (date(2023, 1, 31), date(2023, 2, 28), Fraction(1, 12)),
        (date(2024, 1, 30), date(2024, 2, 29), Fraction(30, 366)),  # 29 January is before the start
        (date(2024, 3, 30), date(2024, 4, 30), Fraction(1, 12)),  # the 30th, not the month's end
        # From 31 January, 28, 29 and 30 March less a month are 28 February (as EDATE counts).
        (date(2023, 1, 31), date(2023, 3, 28), Fraction(1, 12) + Fraction(28, 365)),
        (date(2023, 1, 31), date(2023, 3, 30), Fraction(1, 12) + Fraction(28, 365)),
        (date(2023, 1, 31), date(2023, 3, 31), Fraction(2, 12)),
        (date(2024, 3, 1), date(2024, 4, 16), Fraction(1, 12) + Fraction(15, 366)),
        (date(2024, 1, 10), date(2024, 3, 25), Fraction(2, 12) + Fraction(15, 365)),  # 25 Jan 2023 - 25 Jan 2024
        (date(2025, 1, 10), date(2025, 3, 25), Fraction(2, 12) + Fraction(15, 366)),  # 25 Jan 2024 - 25 Jan 2025
    ],
)
def test_the_directive_counts_months_back_then_days_of_the_year_they_end(
    start: date, due: date, years: Fraction
) -> None:
    assert _directive_years_by_walking(start, due) == years
    flows = cash_flows("1000", ["1100"], days=[(due - start).days], start=start)
    assert abs(Fraction(annual_cost(flows, Regime.EU_APRC).exact) - _rate_of_a_tenth_more_after(years)) < _CLOSE


_CLOSE = Fraction(1, 10**25)


def _rate_of_a_tenth_more_after(years: Fraction) -> Fraction:
    """X with (1 + X)^years = 1.1, a single payment's closed form, to the library context's digits."""
    exponent = CTX.divide(CTX.multiply(Decimal("1.1").ln(CTX), years.denominator), years.numerator)
    return Fraction(CTX.subtract(exponent.exp(CTX), 1))


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(1, 800))
def test_the_directive_calendar_agrees_with_a_month_by_month_walk(start: date, days: int) -> None:
    years = _directive_years_by_walking(start, start + timedelta(days=days))
    flows = cash_flows("1000", ["1100"], days=[days], start=start)
    assert abs(Fraction(annual_cost(flows, Regime.EU_APRC).exact) - _rate_of_a_tenth_more_after(years)) < _CLOSE


@settings(max_examples=100, deadline=None)
@given(plans(), st.dates(date(1990, 1, 1), date(2100, 12, 31)).map(lambda d: d.replace(day=min(d.day, 28))))
def test_a_plan_due_on_the_same_day_each_month_is_in_whole_months_for_the_directive(plan: Plan, start: date) -> None:
    assume(plan.frequency.periods_per_year == 12)
    first_due = due_dates(start, 2, "MONTHLY")[1]
    dated = annual_cost(plan_cash_flows(plan, start=start, first_due=first_due), Regime.EU_APRC).exact
    undated = annual_cost(plan_cash_flows(plan), Regime.EU_APRC).exact
    # Two solvers of the same equation (one per month, then compounded; one per year): equal to their 30 places.
    assert abs(Fraction(dated) - Fraction(undated)) <= max(Fraction(undated), Fraction(1)) * _CLOSE


@pytest.mark.parametrize("per_year", [52, 26])
def test_a_weekly_or_biweekly_plan_counts_weeks_back_then_days(per_year: int) -> None:
    flows = cash_flows("1000", ["1100"], periods_per_year=per_year, days=[60], start=date(2024, 1, 1))
    # 1 March 2024 less 8 weeks is 5 January, 4 days after the start, in the year from 5 January 2023.
    years = Fraction(8, 52) + Fraction(4, 365)
    assert abs(Fraction(annual_cost(flows, Regime.EU_APRC).exact) - _rate_of_a_tenth_more_after(years)) < _CLOSE


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1900, 1, 1), date(2200, 12, 31)))
def test_the_directive_time_never_goes_back_as_the_due_date_moves_on(start: date) -> None:
    # Months are whole from the same day, or from a month's end to a month's end: a due date later by a
    # day is the same time at most (28 to 31 March less a month are all 28 February), never less.
    times = [directive_years(start, start + timedelta(days=days)) for days in range(1, 400)]
    assert all(a <= b for a, b in pairwise(times))


@pytest.mark.parametrize(
    ("start", "days", "path"),
    [
        ("2024-01-01", [30], "start"),
        (datetime(2024, 1, 1, 12), [30], "start"),
        (date(9999, 12, 1), [31], "start"),
        (date(2024, 1, 1), None, "days"),
    ],
)
def test_a_start_is_a_plain_date_before_every_payment_can_fall_due(start: object, days: object, path: str) -> None:
    with pytest.raises(InvalidTermsError) as raised:
        cash_flows("100", ["110"], days=days, start=start)  # type: ignore[arg-type]
    assert raised.value.path == path
