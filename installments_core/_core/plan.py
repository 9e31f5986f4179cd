"""The installment plan calculation: order total and fee terms in, every plan amount out.

The rules (``docs/calculation.md`` has the worked examples), with P the order total, n the count
and amounts in the currency's minor unit, under the default :data:`~installments_core.VISA` policy:

1. the regular installment is P / n rounded *up*; the last installment takes the remainder;
2. the recurring fee total is P × rate / 100 (rounded half-up) plus the flat fee, once per plan;
3. the fee per installment is that total / n rounded *half-up*; the last takes the remainder;
4. the upfront fee is P × upfront rate / 100 (rounded half-up) plus the upfront flat fee, due
   entirely with the first installment;
5. total fee = upfront + recurring; total plan amount = P + total fee;
6. the first installment excluding the upfront fee = its principal + its fee;
7. ``monthlyRatePercentage`` = recurring rate / plan length in months, half-up to 2 decimals.

A plan the rules cannot honour (a remainder installment of zero or less, a negative remainder
fee, less than one minor unit per installment) raises :class:`InfeasiblePlanError`; it is never
returned.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Final, NamedTuple

from .._errors import InfeasiblePlanError, InvalidTermsError, describe, masked_numbers_repr
from .arguments import MAX_INSTALLMENTS, parse_whole, require
from .credit import CostOfCredit, cost_of_credit
from .currencies import minor_units
from .money import CTX, parse_rate, quantum, to_minor_units, zero
from .policy import VISA, Frequency, Remainder, RoundingPolicy, parse_frequency

__all__ = ["MAX_INSTALLMENTS", "Installment", "Plan", "PlanTerms", "compute_plan", "due_dates", "shift_months"]


_ZERO: Final = Decimal(0)
# Decimal operands for installment counts: converting an int on every operation costs more than
# the operation itself.
_COUNTS: Final = tuple(Decimal(n) for n in range(MAX_INSTALLMENTS + 1))
_NEGATIVE_COUNTS: Final = tuple(Decimal(-n) for n in range(MAX_INSTALLMENTS + 1))


@masked_numbers_repr
class Installment(NamedTuple):
    """One row of a plan's schedule."""

    number: int
    """1 for the first installment, ``count`` for the last."""
    principal: Decimal
    fee: Decimal
    """The recurring fee charged with this installment."""
    upfront_fee: Decimal
    """The upfront fee: the whole of it on the first installment, zero on the others."""
    total: Decimal
    """principal + fee + upfront fee: what the customer pays for this installment."""
    due: date | None
    """The due date, when the schedule was asked for with a first due date."""


@masked_numbers_repr
class Plan(NamedTuple):
    """A computed installment plan.  Every amount has exactly the currency's minor digits.

    Built by :func:`compute_plan`; the field names follow the meaning of Cybersource's
    ``amountDetails`` (``lastInstallmentAmount`` is :attr:`last_amount`, and so on).
    """

    currency: str
    amount: Decimal
    """The order total P: the pay-in-full price."""
    total_count: int
    """Number of installments (``totalCount``)."""
    frequency: Frequency
    policy: RoundingPolicy
    fee_rate: Decimal
    """Recurring consumer fee rate, percent of P (the CONSUMER fee's ``ratePercentage``)."""
    fee_flat: Decimal
    """Recurring consumer flat fee, once per plan (the CONSUMER fee's ``flatFeeAmount``)."""
    upfront_rate: Decimal
    """Upfront fee rate, percent of P (the CONSUMER_UPFRONT fee's ``ratePercentage``)."""
    upfront_flat: Decimal
    """Upfront flat fee (the CONSUMER_UPFRONT fee's ``flatFeeAmount``)."""
    first_amount: Decimal
    """Principal of the first installment (``firstInstallment.amount``)."""
    regular_amount: Decimal
    """Principal of every installment that does not take the remainder."""
    last_amount: Decimal
    """Principal of the last installment (``lastInstallment.amount``, ``lastInstallmentAmount``)."""
    first_fee: Decimal
    """Recurring fee of the first installment (``firstInstallment.feeAmount``, current convention)."""
    regular_fee: Decimal
    last_fee: Decimal
    """Recurring fee of the last installment (``lastInstallment.feeAmount``)."""
    total_upfront_fee: Decimal
    """``totalUpfrontFeeAmount``, also ``firstInstallment.upfrontFeeAmount``."""
    total_recurring_fee: Decimal
    """``totalRecurringFeeAmount``."""
    total_fee: Decimal
    """``totalFeeAmount`` = upfront + recurring."""
    total_plan_amount: Decimal
    """``totalPlanAmount`` = order total + total fee."""
    first_total_excluding_upfront_fee: Decimal
    """``firstInstallment.totalAmountExcludingUpfrontFee`` = first principal + first fee."""
    monthly_rate_percentage: Decimal
    """The CONSUMER fee's ``monthlyRatePercentage``."""

    @property
    def months(self) -> Decimal:
        """Plan length in months under the policy's months-per-period mapping."""
        return CTX.multiply(self.policy.months_per_period[self.frequency], self.total_count)

    @property
    def has_fees(self) -> bool:
        """Whether the customer pays anything beyond the order total."""
        return not self.total_fee.is_zero()

    def installment(self, number: int, due: date | None = None) -> Installment:
        """Installment *number* (1-based) of the schedule."""
        parse_whole(number, path="number", low=1, high=self.total_count)
        if due is not None:
            require(due, date, path="due", expected="a datetime.date or None")
        if number == 1:
            principal, fee, upfront = self.first_amount, self.first_fee, self.total_upfront_fee
        else:
            upfront = zero(minor_units(self.currency))
            if number == self.total_count:
                principal, fee = self.last_amount, self.last_fee
            else:
                principal, fee = self.regular_amount, self.regular_fee
        total = CTX.add(CTX.add(principal, fee), upfront)
        return Installment(number, principal, fee, upfront, total, due)

    def schedule(self, first_due: date | None = None) -> tuple[Installment, ...]:
        """Every installment in order, with due dates when *first_due* is given.

        MONTHLY and BIMONTHLY dates keep the first due date's day of month, clamped to the end of
        shorter months (Jan 31 → Feb 28 → Mar 31); WEEKLY and BIWEEKLY add 7 or 14 days.

        >>> plan = compute_plan("500", "USD", 3)
        >>> [(i.number, str(i.total), str(i.due)) for i in plan.schedule(date(2027, 1, 31))]
        [(1, '166.67', '2027-01-31'), (2, '166.67', '2027-02-28'), (3, '166.66', '2027-03-31')]
        """
        dates = due_dates(first_due, self.total_count, self.frequency) if first_due is not None else None
        return tuple(
            self.installment(number, dates[number - 1] if dates is not None else None)
            for number in range(1, self.total_count + 1)
        )

    def payments(self) -> tuple[Decimal, ...]:
        """What the customer pays at the end of each period, upfront fee included in the first."""
        return tuple(installment.total for installment in self.schedule())

    def cost_of_credit(self) -> CostOfCredit:
        """The plan's effective rates (US APR and EU APRC); see ``docs/cost-of-credit.md``."""
        return cost_of_credit(self.amount, self.payments(), self.frequency.periods_per_year)

    @property
    def terms(self) -> PlanTerms:
        """The inputs this plan was computed from (validated: amounts on the minor unit)."""
        return PlanTerms(
            self.amount, self.currency, self.total_count, self.frequency,
            self.fee_rate, self.fee_flat, self.upfront_rate, self.upfront_flat,
        )


@masked_numbers_repr
class PlanTerms(NamedTuple):
    """A plan's inputs as one value: what :func:`compute_plan` takes and what an issuer's offer states.

    >>> terms = PlanTerms(Decimal("500"), "USD", 12, fee_rate=Decimal("5.00"))
    >>> plan = terms.compute()
    >>> plan.last_fee, plan.terms == terms
    (Decimal('2.12'), True)
    """

    amount: Decimal
    """The order total."""
    currency: str
    total_count: int
    frequency: Frequency = Frequency.MONTHLY
    fee_rate: Decimal = _ZERO
    fee_flat: Decimal = _ZERO
    upfront_rate: Decimal = _ZERO
    upfront_flat: Decimal = _ZERO

    def compute(self, policy: RoundingPolicy = VISA) -> Plan:
        """The plan these terms give under *policy*; see :func:`compute_plan`."""
        return compute_plan(
            self.amount, self.currency, self.total_count, frequency=self.frequency, fee_rate=self.fee_rate,
            fee_flat=self.fee_flat, upfront_rate=self.upfront_rate, upfront_flat=self.upfront_flat, policy=policy,
        )


def due_dates(first_due: date, count: int, frequency: Frequency | str) -> tuple[date, ...]:
    """Due dates of *count* installments starting at *first_due*.

    >>> [str(d) for d in due_dates(date(2027, 1, 30), 3, Frequency.BIMONTHLY)]
    ['2027-01-30', '2027-03-30', '2027-05-30']
    """
    require(first_due, date, path="first_due", expected="a datetime.date")
    count = parse_whole(count, path="count", low=1, high=MAX_INSTALLMENTS)
    frequency = parse_frequency(frequency)
    if frequency is Frequency.WEEKLY or frequency is Frequency.BIWEEKLY:
        step = timedelta(days=7 if frequency is Frequency.WEEKLY else 14)
        try:
            return tuple(first_due + step * k for k in range(count))
        except OverflowError:
            raise InvalidTermsError(
                "first_due", expected="a first due date that leaves room for the whole plan before year 9999",
                actual=str(first_due),
            ) from None
    months_per_step = 1 if frequency is Frequency.MONTHLY else 2
    try:
        return tuple(shift_months(first_due, k * months_per_step) for k in range(count))
    except ValueError:
        raise InvalidTermsError(
            "first_due", expected="a first due date that leaves room for the whole plan before year 9999",
            actual=str(first_due),
        ) from None


def shift_months(day: date, months: int) -> date:
    """*day* moved by *months* months (back when negative): the same day of that month, or its
    last when it has fewer days (Jan 31 → Feb 28).

    >>> shift_months(date(2027, 3, 31), -1), shift_months(date(2027, 1, 31), 2)
    (datetime.date(2027, 2, 28), datetime.date(2027, 3, 31))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _fee_total(principal: Decimal, rate: Decimal, flat: Decimal, unit: Decimal, rounding: str) -> Decimal:
    """principal × rate % rounded to the minor *unit*, plus the flat fee."""
    if rate.is_zero():
        return flat
    share = CTX.multiply(principal, rate).scaleb(-2, CTX).quantize(unit, rounding, CTX)
    return share if flat.is_zero() else CTX.add(share, flat)


def compute_plan(
    amount: Decimal | int | str,
    currency: str,
    count: int,
    *,
    frequency: Frequency | str = Frequency.MONTHLY,
    fee_rate: Decimal | int | str = _ZERO,
    fee_flat: Decimal | int | str = _ZERO,
    upfront_rate: Decimal | int | str = _ZERO,
    upfront_flat: Decimal | int | str = _ZERO,
    policy: RoundingPolicy = VISA,
) -> Plan:
    """Compute an installment plan exactly.

    *amount* is the order total, *fee_rate*/*fee_flat* the recurring CONSUMER fee (percent of the
    order total, and a flat amount once per plan), *upfront_rate*/*upfront_flat* the
    CONSUMER_UPFRONT fee.  Amounts and rates are ``Decimal``, ``int`` or decimal strings.

    >>> plan = compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6")
    >>> plan.first_amount, plan.last_amount, plan.first_fee, plan.last_fee
    (Decimal('41.67'), Decimal('41.63'), Decimal('2.08'), Decimal('2.12'))
    >>> plan.total_fee, plan.total_plan_amount, plan.monthly_rate_percentage
    (Decimal('55.00'), Decimal('555.00'), Decimal('0.42'))
    >>> compute_plan("0.05", "USD", 12)
    Traceback (most recent call last):
    ...
    installments_core.errors.InfeasiblePlanError: amount: expected at least one USD minor unit per \
installment (0.12 for 12 installments), found '0.05'
    """
    digits = minor_units(currency)
    unit = quantum(digits)
    principal = to_minor_units(amount, digits, currency, "amount")
    count = parse_whole(count, path="count", low=1, high=MAX_INSTALLMENTS)
    if type(frequency) is not Frequency:
        frequency = parse_frequency(frequency)
    if type(policy) is not RoundingPolicy:
        raise InvalidTermsError("policy", expected="a RoundingPolicy", actual=describe(policy))
    recurring_rate = parse_rate(fee_rate, path="fee_rate")
    upfront_rate_ = parse_rate(upfront_rate, path="upfront_rate")
    no_fee = zero(digits)
    recurring_flat = no_fee if fee_flat is _ZERO else to_minor_units(fee_flat, digits, currency, "fee_flat")
    upfront_flat_ = no_fee if upfront_flat is _ZERO else to_minor_units(upfront_flat, digits, currency, "upfront_flat")

    count_ = _COUNTS[count]
    if principal < CTX.multiply(unit, count_):
        raise InfeasiblePlanError(
            "amount",
            expected=(
                f"at least one {currency} minor unit per installment "
                f"({CTX.multiply(unit, count_)} for {count} installments)"
            ),
            actual=describe(amount if isinstance(amount, str) else str(principal)),
        )
    fee_rounding = policy.fee_rounding
    recurring_fee = _fee_total(principal, recurring_rate, recurring_flat, unit, fee_rounding)
    upfront_fee = _fee_total(principal, upfront_rate_, upfront_flat_, unit, fee_rounding)
    # With a single installment the "regular" one is the whole amount and the remainder is zero
    # installments' worth of rounding: both formulas below still hold.
    minus_others = _NEGATIVE_COUNTS[count - 1]
    regular_amount = CTX.divide(principal, count_).quantize(unit, policy.principal_rounding, CTX)
    remainder_amount = regular_amount.fma(minus_others, principal, CTX)
    if recurring_fee.is_zero():
        regular_fee = remainder_fee = recurring_fee
    else:
        regular_fee = CTX.divide(recurring_fee, count_).quantize(unit, fee_rounding, CTX)
        remainder_fee = regular_fee.fma(minus_others, recurring_fee, CTX)
    if remainder_amount <= _ZERO:
        raise InfeasiblePlanError(
            "amount",
            expected=(
                f"a remainder installment above zero, but {count} installments of {regular_amount} "
                f"rounded {policy.principal_rounding} leave {remainder_amount}"
            ),
            actual=describe(amount if isinstance(amount, str) else str(principal)),
            detail=f"policy {policy.name}",
        )
    if remainder_fee < _ZERO:
        raise InfeasiblePlanError(
            "fee",
            expected=(
                f"a remainder fee of zero or more, but {count} fees of {regular_fee} rounded "
                f"{fee_rounding} leave {remainder_fee} of the {recurring_fee} recurring fee"
            ),
            actual=f"recurring fee {recurring_fee}",
            detail=f"policy {policy.name}",
        )
    if policy.remainder is Remainder.LAST:
        first_amount, last_amount, first_fee, last_fee = regular_amount, remainder_amount, regular_fee, remainder_fee
    else:
        first_amount, last_amount, first_fee, last_fee = remainder_amount, regular_amount, remainder_fee, regular_fee
    if count == 1:
        regular_amount, regular_fee = remainder_amount, remainder_fee

    if recurring_rate.is_zero():
        monthly_rate = zero(policy.rate_decimals)
    else:
        months = CTX.multiply(policy.months_per_period[frequency], count_)
        monthly_rate = CTX.divide(recurring_rate, months).quantize(
            quantum(policy.rate_decimals), policy.rate_rounding, CTX
        )
    total_fee = CTX.add(upfront_fee, recurring_fee)
    return Plan(
        currency,
        principal,
        count,
        frequency,
        policy,
        recurring_rate,
        recurring_flat,
        upfront_rate_,
        upfront_flat_,
        first_amount,
        regular_amount,
        last_amount,
        first_fee,
        regular_fee,
        last_fee,
        upfront_fee,
        recurring_fee,
        total_fee,
        CTX.add(principal, total_fee),
        CTX.add(first_amount, first_fee),
        monthly_rate,
    )
