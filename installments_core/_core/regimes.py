"""The annual cost of credit as each market's law defines it: APR, APRC, CET, CAT, CFTEA, 実質年率.

One credit's cash flows (:mod:`.cash_flows`), six figures.  ``docs/cost-of-credit.md`` gives each
regime's source, formula, rounding and tolerance, with worked examples; in short:

========================  ====================================================  ==========  ===========
regime                    annual figure                                         shown       tolerance
========================  ====================================================  ==========  ===========
``us-apr`` (Reg Z)        unit-period rate × unit periods a year (App. J)       2 dp        ⅛ pp, ¼ pp
``eu-aprc`` (2008/48/EC)  effective annual rate (Annex I), equal months, or     2 dp        ½ last digit
                          whole months and then days of a 365- or 366-day year
``br-cet``                effective annual rate, days over 365; monthly beside  2 dp        ½ last digit
``mx-cat``                effective annual rate (Banxico), sin IVA              1 dp        ½ last digit
``ar-cftea``              effective annual over 365 days; CFTNA, TNA, TEA        2 dp        ½ last digit
``jp-jitsushitsu``        simple interest per period on the balance (割賦販売法)  2 dp        ½ last digit
========================  ====================================================  ==========  ===========

Figures are percentages rounded half-up, except where a source says otherwise.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from .._errors import InstallmentsError, InvalidTermsError, describe, masked_repr
from .arguments import parse_enum, require
from .cash_flows import (
    DAYS_PER_YEAR,
    CashFlows,
    annual_rate_by_years,
    calendar_date,
    cash_flows,
    chained_simple_rate,
    round_to_places,
    unit_period_rate,
)
from .money import CTX
from .plan import Plan, shift_months

__all__ = [
    "AnnualCost",
    "Companion",
    "Regime",
    "annual_cost",
    "parse_regime",
    "plan_cash_flows",
    "regime_for_territory",
    "regime_tolerance",
]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_HUNDRED: Final = Decimal(100)
_TWELVE: Final = Decimal(12)


class Regime(StrEnum):
    """A market's definition of the annual cost of credit."""

    US_APR = "us-apr"
    EU_APRC = "eu-aprc"
    BR_CET = "br-cet"
    MX_CAT = "mx-cat"
    AR_CFTEA = "ar-cftea"
    JP_JITSUSHITSU = "jp-jitsushitsu"

    @property
    def label(self) -> str:
        """The figure's name where it is disclosed (untranslated: these are legal terms)."""
        return _LABELS[self]

    @property
    def decimals(self) -> int:
        """Decimal places the figure is shown with."""
        return _DECIMALS[self]

    @property
    def legend(self) -> str | None:
        """Words the regime requires beside the figure, when it requires any (legal text, untranslated)."""
        return _LEGENDS.get(self)


_LABELS: Final = {
    Regime.US_APR: "APR",
    Regime.EU_APRC: "APRC",
    Regime.BR_CET: "CET",
    Regime.MX_CAT: "CAT",
    Regime.AR_CFTEA: "CFTEA",
    Regime.JP_JITSUSHITSU: "実質年率",
}
_REGIME_NAMES: Final = tuple(regime.value for regime in Regime)
_LEGENDS: Final = {Regime.MX_CAT: "sin IVA, para fines informativos y de comparación"}
_DECIMALS: Final = {
    Regime.US_APR: 2,
    Regime.EU_APRC: 2,
    Regime.BR_CET: 2,
    Regime.MX_CAT: 1,
    Regime.AR_CFTEA: 2,
    Regime.JP_JITSUSHITSU: 2,
}
_US_REGULAR_TOLERANCE: Final = Decimal("0.125")
_US_IRREGULAR_TOLERANCE: Final = Decimal("0.25")

# Argentina states rates per period of a number of days (a month is 30) and annualises over 365.
_DAYS_PER_PERIOD: Final = {52: 7, 26: 14, 24: 15, 12: 30, 6: 60, 4: 90, 2: 180, 1: 365}

_EEA_AND_UK: Final = frozenset([
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO", "GB",
])


class Companion(StrEnum):
    """A figure a regime shows beside its main one."""

    MONTHLY = "monthly"
    """Brazil: the CET's monthly equivalent, (1 + CET)^(1/12) − 1."""
    CFTNA = "cftna"
    """Argentina: the total financial cost as a nominal annual rate."""
    TNA = "tna"
    """Argentina: the nominal annual rate of the installments alone, without charges at signing."""
    TEA = "tea"
    """Argentina: the effective annual rate of the installments alone."""

    @property
    def label(self) -> str:
        """The companion's name where it is disclosed: Argentina's acronyms, Brazil's monthly rate."""
        return "monthly" if self is Companion.MONTHLY else self.value.upper()


@masked_repr
@dataclass(frozen=True, slots=True)
class AnnualCost:
    """One regime's annual cost figure for a credit."""

    regime: Regime
    rate: Decimal
    """The figure in percent, rounded as the regime shows it."""
    exact: Decimal
    """The same annual rate as a fraction, unrounded (from a periodic rate solved to 30 places): for comparisons."""
    tolerance: Decimal
    """How far, in percentage points, a disclosed figure may be from :attr:`rate`."""
    companions: tuple[tuple[Companion, Decimal], ...] = ()
    """Figures shown beside the main one, in percent, rounded like it."""

    @property
    def label(self) -> str:
        """The figure's name."""
        return self.regime.label

    def rates_as_text(self) -> dict[str, str]:
        """The figure and its companions as decimal strings, keyed ``rate`` and by companion, as JSON gives them.

        >>> annual_cost(cash_flows("1000", ["220"] * 5), "ar-cftea").rates_as_text()
        {'rate': '47.80', 'cftna': '39.71', 'tna': '39.71', 'tea': '47.80'}
        """
        return {"rate": str(self.rate), **{companion.value: str(rate) for companion, rate in self.companions}}

    def companion(self, which: Companion | str) -> Decimal | None:
        """A companion figure (a :class:`Companion` or its value, ``"monthly"``), or ``None`` when
        the regime has none of that kind."""
        return dict(self.companions).get(parse_enum(Companion, which, path="which"))


_REGIMES_BY_NAME: Final = {regime.value: regime for regime in Regime}


def parse_regime(
    value: object, *, path: str = "regime", error: type[InstallmentsError] = InvalidTermsError
) -> Regime:
    """*value* as a :class:`Regime`, from itself or its name (``"br-cet"``).

    >>> parse_regime("br-cet")
    <Regime.BR_CET: 'br-cet'>
    """
    if isinstance(value, str):
        # A member is its own name as a string: one lookup serves both (Regime(value) costs ten).
        found = _REGIMES_BY_NAME.get(value)
        if found is not None:
            return found
    raise error(path, expected="one of " + ", ".join(_REGIME_NAMES), actual=describe(value))


def _percent(fraction: Decimal, decimals: int) -> Decimal:
    return round_to_places(CTX.multiply(fraction, _HUNDRED), decimals, ROUND_HALF_UP)


def _half_last_digit(decimals: int) -> Decimal:
    return Decimal(5).scaleb(-decimals - 1, CTX)


def _compounded(rate: Decimal, times: Decimal) -> Decimal:
    """(1 + *rate*)^*times* − 1: a rate per period compounded over *times* periods."""
    return CTX.subtract(CTX.power(CTX.add(_ONE, rate), times), _ONE)


_WEEKLY: Final = frozenset([Decimal(52), Decimal(26)])
"""Unit periods a year of the plans the Directive's calendar counts in weeks (weekly, biweekly)."""
_WEEKS_PER_YEAR: Final = Decimal(52)


def _effective_annual(flows: CashFlows, regime: Regime) -> Decimal:
    """The effective annual rate: with the due dates, the EU Directive's calendar years; with the
    days alone, actual days over 365; else equal periods, the odd fraction compounded (Annex I (c):
    12 equal months a year)."""
    if regime is Regime.EU_APRC and flows.start is not None and flows.days is not None:
        start, weeks = flows.start, flows.periods_per_year in _WEEKLY
        years = [directive_years(start, start + timedelta(days=day), weeks=weeks) for day in flows.days]
        return annual_rate_by_years(flows, years)
    if flows.days is not None:
        return annual_rate_by_years(flows, [CTX.divide(day, DAYS_PER_YEAR) for day in flows.days])
    periodic = unit_period_rate(flows, simple_fraction=False)
    return _compounded(periodic, flows.periods_per_year)


def directive_years(start: date, due: date, *, weeks: bool = False) -> Decimal:
    """The time from *start* to *due* in years as the EU Directive counts it (Annex I (c) as
    amended by Directive 2011/90/EU, unchanged in 2023/2225): whole months (or weeks) counted back
    from *due*, then the days left back to *start*, over the 365 or 366 days of the year that ends
    on the last of those days.

    >>> directive_years(date(2023, 3, 1), date(2024, 3, 1))  # twelve months, a leap day among them
    Decimal('1')

    A month back from 16 April 2024, then the 15 days from 1 March, in the year from 16 March 2023:

    >>> directive_years(date(2024, 3, 1), date(2024, 4, 16)) == CTX.add(CTX.divide(1, 12), CTX.divide(15, 366))
    True
    """
    if weeks:
        whole = (due - start).days // 7
        end = due - timedelta(weeks=whole)
        years = CTX.divide(whole, _WEEKS_PER_YEAR)
    else:
        month_ends = _is_month_end(start) and _is_month_end(due)
        whole = (due.year - start.year) * 12 + due.month - start.month
        end = _months_back(due, whole, month_end=month_ends)
        while end < start:
            whole -= 1
            end = _months_back(due, whole, month_end=month_ends)
        years = CTX.divide(whole, _TWELVE)
    days = (end - start).days
    if days == 0:
        return years
    return CTX.add(years, CTX.divide(days, _year_ending(end)))


def _year_ending(day: date) -> int:
    """The days of the year that ends on *day*, from the same day of the year before: 366 when
    a 29 February falls after that day and up to *day*."""
    if day.month > 2 or (day.month, day.day) == (2, 29):
        leap = calendar.isleap(day.year)
    else:
        leap = calendar.isleap(day.year - 1)
    return 366 if leap else 365


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _months_back(due: date, months: int, *, month_end: bool) -> date:
    """*due* less *months* months: the same day, or the month's last when it has fewer days (as a
    spreadsheet's EDATE counts, and as due dates are placed) or when *month_end* (a credit from a
    month's end falling due at a month's end, so that 31 January to 28 February is a month).  The
    Directive says neither: they are the library's reading, under which a later due date is never
    less time."""
    back = shift_months(due, -months)
    return back.replace(day=calendar.monthrange(back.year, back.month)[1]) if month_end else back


def _argentina(flows: CashFlows, days: Decimal) -> tuple[Decimal, Decimal]:
    """(effective annual, nominal annual) of the periodic rate of *flows*, periods of *days* days."""
    periodic = unit_period_rate(flows, simple_fraction=False)
    periods = CTX.divide(DAYS_PER_YEAR, days)
    return _compounded(periodic, periods), CTX.multiply(periodic, periods)


def annual_cost(flows: CashFlows, regime: Regime | str) -> AnnualCost:
    """*regime*'s annual cost figure for *flows*.

    >>> from installments_core._core.cash_flows import cash_flows
    >>> flows = cash_flows("5000", ["230"] * 24)
    >>> annual_cost(flows, "us-apr").rate, annual_cost(flows, "eu-aprc").rate
    (Decimal('9.69'), Decimal('10.13'))
    """
    regime = parse_regime(regime)
    require(flows, CashFlows, path="flows", expected="the CashFlows of cash_flows or plan_cash_flows")
    decimals = regime.decimals
    companions: tuple[tuple[Companion, Decimal], ...] = ()
    if regime is Regime.US_APR:
        exact = CTX.multiply(unit_period_rate(flows, simple_fraction=True), flows.periods_per_year)
    elif regime is Regime.JP_JITSUSHITSU:
        exact = chained_simple_rate(flows)
    elif regime is Regime.AR_CFTEA:
        per_year = flows.periods_per_year
        whole = int(per_year) if per_year == per_year.to_integral_value(context=CTX) else None
        days = Decimal(_DAYS_PER_PERIOD[whole]) if whole in _DAYS_PER_PERIOD else CTX.divide(DAYS_PER_YEAR, per_year)
        exact, nominal = _argentina(flows, days)
        companions = ((Companion.CFTNA, _percent(nominal, decimals)),)
        installments_only = replace(flows, at_signing=_ZERO)
        # Installments that alone repay less than the advance (charges at signing make up the
        # rest) carry no interest rate to state: TNA and TEA are then left out.
        if flows.total_paid >= flows.advance:
            tea, tna = _argentina(installments_only, days)
            companions += ((Companion.TNA, _percent(tna, decimals)), (Companion.TEA, _percent(tea, decimals)))
    else:
        exact = _effective_annual(flows, regime)
        if regime is Regime.BR_CET:
            monthly = _compounded(exact, CTX.divide(_ONE, _TWELVE))
            companions = ((Companion.MONTHLY, _percent(monthly, decimals)),)
    return AnnualCost(regime, _percent(exact, decimals), exact, regime_tolerance(regime, flows), companions)


def regime_tolerance(regime: Regime, flows: CashFlows) -> Decimal:
    """How far, in percentage points, a disclosed figure may be from *regime*'s for *flows*:
    Regulation Z's ⅛ point for a regular transaction and ¼ for an irregular one (§ 1026.22(a)(2)-(3)),
    elsewhere half a unit of the figure's last decimal (none of the other sources read sets one)."""
    if regime is Regime.US_APR:
        return _US_REGULAR_TOLERANCE if flows.is_regular else _US_IRREGULAR_TOLERANCE
    return _half_last_digit(regime.decimals)


def plan_cash_flows(
    plan: Plan, *, at_signing: object = _ZERO, start: date | None = None, first_due: date | None = None
) -> CashFlows:
    """*plan*'s cash flows: the order total financed, every installment one period apart (the
    upfront fee with the first), and *at_signing*, charges paid at the start outside the plan.

    With the *start* (the day the credit is granted) and the *first_due* date, the actual days
    to each installment's due date come too, for the regimes that count days.

    >>> from installments_core import compute_plan
    >>> flows = plan_cash_flows(compute_plan("300", "BRL", 3), start=date(2027, 1, 1), first_due=date(2027, 2, 1))
    >>> flows.payments, flows.days
    ((Decimal('100.00'), Decimal('100.00'), Decimal('100.00')), (31, 59, 90))
    """
    require(plan, Plan, path="plan", expected="a Plan from compute_plan")
    days = None
    if start is not None or first_due is not None:
        start = calendar_date(start, path="start", expected="a datetime.date with first_due")
        first_due = calendar_date(first_due, path="first_due", expected="a datetime.date with start")
        days = [(installment.due - start).days for installment in plan.schedule(first_due) if installment.due]
    return cash_flows(
        plan.amount,
        plan.payments(),
        periods_per_year=plan.frequency.periods_per_year,
        at_signing=at_signing,
        days=days,
        start=start,
    )


def regime_for_territory(territory: str | None) -> Regime:
    """The regime a checkout in *territory* (ISO 3166-1 alpha-2) discloses by default.

    The EEA and the United Kingdom use the APRC; elsewhere, without a rule of its own here, too.

    >>> regime_for_territory("BR"), regime_for_territory("FR"), regime_for_territory(None)
    (<Regime.BR_CET: 'br-cet'>, <Regime.EU_APRC: 'eu-aprc'>, <Regime.EU_APRC: 'eu-aprc'>)
    """
    if territory is not None and not isinstance(territory, str):
        raise InvalidTermsError("territory", expected="an ISO 3166-1 alpha-2 code or None", actual=describe(territory))
    code = (territory or "").upper()
    return _TERRITORY_REGIMES.get(code, Regime.EU_APRC)


_TERRITORY_REGIMES: Final = {
    "US": Regime.US_APR,
    "BR": Regime.BR_CET,
    "MX": Regime.MX_CAT,
    "AR": Regime.AR_CFTEA,
    "JP": Regime.JP_JITSUSHITSU,
    **dict.fromkeys(_EEA_AND_UK, Regime.EU_APRC),
}
