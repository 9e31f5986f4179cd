"""A credit's cash flows on a time line, and the one rate that balances them.

Every regulator's annual cost figure (:mod:`.regimes`) is the root of one equation: what the
customer receives at the start, less what they pay at signing, equals the present value of their
payments.  The regimes differ only in how a payment's time is measured and how a rate discounts
over it, and this module offers the three ways they use:

* :func:`unit_period_rate`: time in whole *unit periods* (a month, a week) plus an odd first
  fraction of one.  Regulation Z (Appendix J (b)(6)) discounts the fraction at simple interest,
  ``1 / ((1 + f·i)(1 + i)^t)``; the equal-months time base of the EU Directive (Annex I (c)), Brazil's
  CET and Mexico's CAT compound it, ``(1 + i)^-(t + f)``;
* :func:`annual_rate_by_years`: time in years, as a regime counts them from the due dates (actual
  days over 365 for Brazil, whole months and then days for the EU Directive): ``Σ P·(1 + X)^(-years)``;
* :func:`chained_simple_rate`: Japan's ordinance, which charges each period simple interest on the
  balance, ``R·T`` for a period of ``T`` years, so a payment is discounted by ``Π 1 / (1 + R·T)``.

All arithmetic is :class:`~decimal.Decimal` under the library's own context (never the ambient
one): a Newton step on the present value, kept inside a bracket that bisection falls back on,
until a step is below 10⁻³⁰.  The rates are returned unrounded (to 30 places); each regime rounds
its figure its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from itertools import pairwise
from typing import Final

from .._errors import InvalidTermsError, describe, masked_numbers_repr
from .arguments import MAX_INSTALLMENTS, require
from .money import CTX, parse_decimal

__all__ = [
    "DAYS_PER_YEAR",
    "CashFlows",
    "annual_rate_by_years",
    "calendar_date",
    "cash_flows",
    "chained_simple_rate",
    "round_to_places",
    "unit_period_rate",
]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_TWO: Final = Decimal(2)
DAYS_PER_YEAR: Final = Decimal(365)
"""The year the regimes that count days divide by."""
_STEP: Final = Decimal("1e-30")
_PLACES: Final = 30
_MAX_ITERATIONS: Final = 400
_MAX_PERIODS: Final = 10_000
"""The latest payment in unit periods: 999 weekly installments are 999 periods, with room to spare."""
_MAX_DAYS: Final = 36_600
"""The latest payment in days: a century."""

_PresentValue = Callable[[Decimal], tuple[Decimal, Decimal]]
"""A rate's present value of the payments and its derivative in the rate."""


@masked_numbers_repr
@dataclass(frozen=True, slots=True)
class CashFlows:
    """What a credit pays out and takes back, and when, checked when built.  :func:`cash_flows`
    builds one from amounts given as text or numbers, one payment a unit period by default."""

    advance: Decimal
    """The amount financed, received by the customer at the start."""
    payments: tuple[Decimal, ...]
    """What the customer pays, in order."""
    periods: tuple[int, ...]
    """Whole unit periods from the start to each payment (after its odd fraction)."""
    periods_per_year: Decimal
    """Unit periods in a year: 12 for months, 52 for weeks, 365/255 for a single term of 255 days."""
    fractions: tuple[Decimal, ...]
    """Each payment's fraction of a unit period before its whole ones (Appendix J's ``f``), 0 ≤ f < 1."""
    at_signing: Decimal
    """Charges the customer pays at the start, outside the payments (a fee paid at signing)."""
    days: tuple[int, ...] | None
    """Days from the start to each payment, when the due dates are known."""
    start: date | None = None
    """The day the credit is granted, when known: with :attr:`days`, each payment's due date (the
    EU Directive's calendar counts from them)."""

    def __post_init__(self) -> None:
        # The checks live here rather than in cash_flows() so that every CashFlows, however built,
        # is one the solvers can take: no float, no zero periods a year, no time before the start.
        _decimal(self.advance, "advance")
        if not (isinstance(self.payments, tuple) and 1 <= len(self.payments) <= MAX_INSTALLMENTS):
            raise InvalidTermsError(
                "payments", expected=f"a tuple of 1 to {MAX_INSTALLMENTS} amounts", actual=describe(self.payments)
            )
        for k, payment in enumerate(self.payments):
            _decimal(payment, f"payments[{k}]")
        count = len(self.payments)
        _times(self.periods, count, "periods", _MAX_PERIODS)
        if not _ZERO < _decimal(self.periods_per_year, "periods_per_year") <= DAYS_PER_YEAR:
            raise InvalidTermsError(
                "periods_per_year",
                expected="a number of unit periods a year above 0, up to 365",
                actual=describe(self.periods_per_year),
            )
        if not (isinstance(self.fractions, tuple) and len(self.fractions) == count):
            raise InvalidTermsError(
                "fractions", expected=f"a tuple of {count} fractions", actual=describe(self.fractions)
            )
        for k, fraction in enumerate(self.fractions):
            _fraction(_decimal(fraction, f"fractions[{k}]"), f"fractions[{k}]")
        _decimal(self.at_signing, "at_signing")
        if self.days is not None:
            _times(self.days, count, "days", _MAX_DAYS)
            _check_increasing(tuple(map(Decimal, self.days)), "days")
        _check_increasing(self.times, "periods")
        if self.start is not None:
            _check_start(self.start, self.days)
        if not self.net_advance > _ZERO:
            raise InvalidTermsError(
                "at_signing", expected="charges at signing below the advance", actual=describe(self.at_signing)
            )

    @property
    def net_advance(self) -> Decimal:
        """What the customer actually has at the start: the advance less the charges paid then."""
        return CTX.subtract(self.advance, self.at_signing)

    @property
    def total_paid(self) -> Decimal:
        """The payments added up (the charges at signing not included)."""
        total = _ZERO
        for payment in self.payments:
            total = CTX.add(total, payment)
        return total

    @property
    def is_regular(self) -> bool:
        """Regulation Z's regular transaction (§ 1026.22(a)(2)-(3)): payments one unit period
        apart and equal, except that the first period, the first payment and the last may differ."""
        consecutive = all(b - a == 1 for a, b in pairwise(self.periods))
        return consecutive and len(set(self.fractions)) == 1 and len(set(self.payments[1:-1])) <= 1

    @property
    def times(self) -> tuple[Decimal, ...]:
        """Each payment's time from the start in unit periods, its fraction included."""
        return tuple(CTX.add(period, fraction) for period, fraction in zip(self.periods, self.fractions, strict=True))


def _decimal(value: object, path: str) -> Decimal:
    """*value* if it is a Decimal the library takes as an amount, else the error naming *path*."""
    if not isinstance(value, Decimal):
        raise InvalidTermsError(path, expected="a Decimal", actual=describe(value))
    return parse_decimal(value, path=path)


def _sequence(value: object, path: str, expected: str) -> tuple[object, ...]:
    """*value*'s items, if it is a sequence other than text, else the error naming *path*."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidTermsError(path, expected=expected, actual=describe(value))
    return tuple(value)


def _whole(value: object, path: str, expected: str) -> tuple[int, ...]:
    """*value*'s items, if it is a sequence of ints, else the error naming *path*."""
    items = _sequence(value, path, expected)
    if not all(isinstance(item, int) for item in items):
        raise InvalidTermsError(path, expected=expected, actual=describe(value))
    return tuple(item for item in items if isinstance(item, int))


def cash_flows(
    advance: object,
    payments: Sequence[object],
    *,
    periods_per_year: object = 12,
    periods: Sequence[int] | None = None,
    odd_fraction: object = _ZERO,
    fractions: Sequence[object] | None = None,
    at_signing: object = _ZERO,
    days: Sequence[int] | None = None,
    start: date | None = None,
) -> CashFlows:
    """The cash flows of a credit of *advance* repaid by *payments*, checked.

    By default the payments fall one unit period apart from the end of the first; *periods*
    places them otherwise (whole unit periods from the start), *odd_fraction* adds a fraction of a
    unit period before them (or *fractions*, one per payment), and *days* gives the actual days from
    the start, which the regimes that count days use instead; with the *start* date too, the due
    dates are known, which the EU Directive's calendar needs.  Times must increase.

    >>> flows = cash_flows("1000", ["510", "510"], at_signing="10")
    >>> flows.periods, flows.net_advance
    ((1, 2), Decimal('990'))
    """
    amounts = tuple(
        parse_decimal(payment, path=f"payments[{k}]")
        for k, payment in enumerate(_sequence(payments, "payments", f"a sequence of 1 to {MAX_INSTALLMENTS} amounts"))
    )
    count = len(amounts)
    if fractions is None:
        parts = (_fraction(parse_decimal(odd_fraction, path="odd_fraction"), "odd_fraction"),) * count
    else:
        parts = tuple(
            parse_decimal(fraction, path=f"fractions[{k}]")
            for k, fraction in enumerate(_sequence(fractions, "fractions", f"{count} fractions"))
        )
    expected_times = f"{count} whole, increasing times"
    return CashFlows(
        parse_decimal(advance, path="advance"),
        amounts,
        tuple(range(1, count + 1)) if periods is None else _whole(periods, "periods", expected_times),
        parse_decimal(periods_per_year, path="periods_per_year"),
        parts,
        parse_decimal(at_signing, path="at_signing"),
        None if days is None else _whole(days, "days", expected_times),
        start,
    )


def _times(value: tuple[int, ...], count: int, path: str, largest: int) -> None:
    """*value* is a tuple of *count* whole times no later than *largest*, else the error naming *path*."""
    if not isinstance(value, tuple) or len(value) != count or any(
        not isinstance(t, int) or isinstance(t, bool) or not 0 <= t <= largest for t in value
    ):
        raise InvalidTermsError(
            path, expected=f"{count} whole, increasing times up to {largest}", actual=describe(value)
        )


def calendar_date(value: object, *, path: str, expected: str) -> date:
    """*value* if it is a plain date, else the error naming *path*."""
    # A datetime is a date subclass, yet subtracting one from a date fails, and its hour would
    # have no meaning in a count of days: only a plain date is taken.
    if isinstance(value, datetime):
        raise InvalidTermsError(path, expected=expected, actual=describe(value))
    return require(value, date, path=path, expected=expected)


def _check_start(start: object, days: tuple[int, ...] | None) -> None:
    """*start* is a plain date from which every payment's day is still a date, with *days* given."""
    start = calendar_date(start, path="start", expected="a datetime.date")
    if days is None:
        raise InvalidTermsError("days", expected="the days from the start to each payment", actual="None")
    if (date.max - start).days < days[-1]:
        latest = date.max - timedelta(days=days[-1])
        raise InvalidTermsError("start", expected=f"a date no later than {latest}", actual=str(start))


def _check_increasing(times: tuple[Decimal, ...], path: str) -> None:
    """Every payment falls after the start and after the one before it."""
    if not (times[0] > _ZERO and all(a < b for a, b in pairwise(times))):
        raise InvalidTermsError(path, expected="times after the start, increasing", actual=describe(times))


def _fraction(fraction: Decimal, path: str) -> Decimal:
    if not fraction < _ONE:
        raise InvalidTermsError(path, expected="a fraction of a unit period below 1", actual=describe(fraction))
    return fraction


def _solve(present_value: _PresentValue, flows: CashFlows, times: Sequence[Decimal]) -> Decimal:
    """The rate r ≥ 0 at which the payments' present value is the net advance, each payment
    *times* (in the rate's own unit of time) from the start.

    Payments adding up to exactly the net advance give 0; less would be a negative rate, which no
    credit priced to the customer has: refused.
    """
    target = flows.net_advance
    total = flows.total_paid
    if total == target:
        return _ZERO
    if total < target:
        raise InvalidTermsError(
            "payments",
            expected="payments adding up to at least the advance less the charges at signing",
            actual=f"{total} against {target}",
        )
    low, high = _ZERO, _ONE
    while present_value(high)[0] > target:
        low, high = high, CTX.multiply(high, _TWO)
    # First guess: the excess over what was lent, spread over the payments' mean time (weighted by
    # amount); exact for a single payment at simple interest, close for small rates.
    weighted = _ZERO
    for payment, time in zip(flows.payments, times, strict=True):
        weighted = CTX.add(weighted, CTX.multiply(payment, time))
    rate = CTX.divide(CTX.subtract(total, target), CTX.multiply(target, CTX.divide(weighted, total)))
    if not low < rate < high:
        rate = CTX.divide(CTX.add(low, high), _TWO)
    for _ in range(_MAX_ITERATIONS):
        value, slope = present_value(rate)
        excess = CTX.subtract(value, target)
        if excess > _ZERO:
            low = rate
        else:
            high = rate
        # A slope that vanished (present values too small for the context) leaves it to bisection.
        candidate = CTX.subtract(rate, CTX.divide(excess, slope)) if slope else low
        if not low < candidate < high:
            candidate = CTX.divide(CTX.add(low, high), _TWO)
        if CTX.abs(CTX.subtract(candidate, rate)) < _STEP:
            rate = candidate
            break
        rate = candidate
    return round_to_places(rate, _PLACES, ROUND_HALF_EVEN)


def round_to_places(value: Decimal, places: int, rounding: str) -> Decimal:
    """*value* rounded to *places* decimals, or to the context's digits when a value that large
    has none left for them: a usurious rate still has a figure, known to the digits computed."""
    exponent = max(-places, value.adjusted() + 1 - CTX.prec)
    return value.quantize(Decimal(1).scaleb(exponent, CTX), rounding, CTX)


def unit_period_rate(flows: CashFlows, *, simple_fraction: bool) -> Decimal:
    """The rate per unit period, each payment's odd fraction discounted at simple interest
    (*simple_fraction*, Regulation Z's ``1 / ((1 + f·i)(1 + i)^t)``) or compounded (the
    equal-months base of the EU Directive, ``(1 + i)^-(t + f)``).

    >>> unit_period_rate(cash_flows("100", ["110"]), simple_fraction=True)
    Decimal('0.1')
    """
    distinct = frozenset(flows.fractions)

    def present_value(rate: Decimal) -> tuple[Decimal, Decimal]:
        grown = CTX.add(_ONE, rate)
        v = CTX.divide(_ONE, grown)
        # Per distinct fraction: its discount factor and that factor's logarithmic derivative.
        factors: dict[Decimal, tuple[Decimal, Decimal]] = {}
        for fraction in distinct:
            if fraction.is_zero():
                factors[fraction] = (_ONE, _ZERO)
            elif simple_fraction:
                simple = CTX.add(_ONE, CTX.multiply(fraction, rate))
                factors[fraction] = (CTX.divide(_ONE, simple), CTX.minus(CTX.divide(fraction, simple)))
            else:
                factors[fraction] = (CTX.power(grown, CTX.minus(fraction)), CTX.minus(CTX.multiply(fraction, v)))
        value = slope = _ZERO
        power, at = _ONE, 0
        for payment, period, fraction in zip(flows.payments, flows.periods, flows.fractions, strict=True):
            gap = period - at
            power = CTX.multiply(power, v if gap == 1 else CTX.power(v, gap))
            at = period
            factor, log_slope = factors[fraction]
            term = CTX.multiply(CTX.multiply(payment, power), factor)
            value = CTX.add(value, term)
            # d/dr log v^t = -t·v
            slope = CTX.add(slope, CTX.multiply(term, CTX.subtract(log_slope, CTX.multiply(period, v))))
        return value, slope

    return _solve(present_value, flows, flows.times).normalize(CTX)


def annual_rate_by_years(flows: CashFlows, years: Sequence[Decimal]) -> Decimal:
    """The annual rate X with each payment discounted by ``(1 + X)^(-t)``, *t* its time in *years*.

    >>> annual_rate_by_years(cash_flows("100", ["110"]), [Decimal(1)])
    Decimal('0.1')
    """

    def present_value(rate: Decimal) -> tuple[Decimal, Decimal]:
        growth = CTX.ln(CTX.add(_ONE, rate))
        value = slope = _ZERO
        for payment, year in zip(flows.payments, years, strict=True):
            term = CTX.multiply(payment, CTX.exp(CTX.minus(CTX.multiply(year, growth))))
            value = CTX.add(value, term)
            slope = CTX.subtract(slope, CTX.multiply(term, year))
        return value, CTX.divide(slope, CTX.add(_ONE, rate))

    return _solve(present_value, flows, years).normalize(CTX)


def chained_simple_rate(flows: CashFlows) -> Decimal:
    """The annual rate R with each period of T years charged simple interest R·T on the balance.

    Periods are the actual days over 365 when known, else unit periods over the periods in a year
    (each payment's odd fraction included).

    >>> chained_simple_rate(cash_flows("1000", ["1010"], periods_per_year=12))
    Decimal('0.12')
    """
    if flows.days is not None:
        ends = [Decimal(day) for day in flows.days]
        per_year = DAYS_PER_YEAR
    else:
        ends = list(flows.times)
        per_year = flows.periods_per_year
    lengths = [CTX.divide(CTX.subtract(end, start), per_year) for start, end in pairwise([_ZERO, *ends])]

    def present_value(rate: Decimal) -> tuple[Decimal, Decimal]:
        factor, log_slope = _ONE, _ZERO
        value = slope = _ZERO
        for payment, length in zip(flows.payments, lengths, strict=True):
            grown = CTX.add(_ONE, CTX.multiply(rate, length))
            factor = CTX.divide(factor, grown)
            # d/dR Π 1/(1 + R·T) = Π · Σ -T/(1 + R·T)
            log_slope = CTX.subtract(log_slope, CTX.divide(length, grown))
            term = CTX.multiply(payment, factor)
            value = CTX.add(value, term)
            slope = CTX.add(slope, CTX.multiply(term, log_slope))
        return value, slope

    return _solve(present_value, flows, [CTX.divide(end, per_year) for end in ends]).normalize(CTX)
