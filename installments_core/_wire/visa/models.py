"""Typed models of Visa's native plan-eligibility response (``matchedPlans[]``).

Visa sends amounts as integers of the currency's minor units and rates as integers of hundredths
of a percent (250 is 2.50 %).  The models keep those integers, as on the wire, and convert to the
library's core types: :meth:`MatchedPlan.to_offer` gives the same :class:`PlanOffer` a
Cybersource plan with the same terms gives.

No published example of this format exists; the fields follow Visa's documentation as summarized
in ``docs/wire-formats.md``.  ``costInfo.firstInstallment``, ``CONSUMER_UPFRONT`` fee entries and
``isIslamicPlan`` are read when present, by analogy with what Cybersource passes on.

>>> plan = MatchedPlan.from_data({
...     "vPlanID": "9b6a2573", "numberOfInstallments": 12, "installmentFrequency": "MONTHLY",
...     "costInfo": {"currency": "USD", "feeInfo": [{"type": "CONSUMER", "ratePercentage": 500, "flatFee": 0}],
...                  "lastInstallment": {"amount": 4163, "installmentFee": 212, "upfrontFee": 0, "totalAmount": 4375},
...                  "totalFees": 2500, "totalPlanCost": 52500, "totalRecurringFees": 2500, "totalUpfrontFees": 0}})
>>> offer = plan.to_offer("500")
>>> offer.plan.last_amount, offer.plan.last_fee, offer.plan.fee_rate
(Decimal('41.63'), Decimal('2.12'), Decimal('5.00'))
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar, Final

from pydantic import Field, StrictInt, StrictStr

from ..._core.currencies import minor_units
from ..._core.money import CTX, from_units, parse_amount
from ..._core.offer import FundedBy, PlanOffer, TermsAndConditions
from ..._core.plan import MAX_INSTALLMENTS, compute_plan
from ..._core.policy import VISA, RoundingPolicy
from ..._errors import InvalidTermsError
from ..cybersource.models import WireFrequency, WireFundedBy, WireModel
from ..fields import MAX_APR_HUNDREDTHS, MAX_FEES, MAX_HUNDREDTHS, MAX_MINOR, MAX_PLANS, MAX_TERMS, MAX_VERSION

__all__ = ["CostInfo", "FeeInfo", "InstallmentCost", "MatchedPlan", "VisaPlansResponse", "VisaTerms", "hundredths"]

MinorUnits = Annotated[StrictInt, Field(ge=0, le=MAX_MINOR)]
"""An amount as an integer of the currency's minor units: 4163 is 41.63 USD."""
Hundredths = Annotated[StrictInt, Field(ge=0, le=MAX_HUNDREDTHS)]
"""A fee rate in hundredths of a percent: 250 is 2.50 %."""

_PERCENT_EXPONENT: Final = -2


def hundredths(value: int) -> Decimal:
    """A rate in hundredths of a percent as a percentage with two decimals.

    >>> hundredths(250), hundredths(0)
    (Decimal('2.50'), Decimal('0.00'))
    """
    return Decimal(value).scaleb(_PERCENT_EXPONENT, CTX)


class FeeInfo(WireModel):
    """One ``costInfo.feeInfo[]`` entry.  Merchant fee types never change what the consumer pays."""

    type: StrictStr
    rate_percentage: Hundredths
    flat_fee: MinorUnits


class InstallmentCost(WireModel):
    """``costInfo.firstInstallment`` or ``costInfo.lastInstallment``."""

    amount: MinorUnits
    installment_fee: MinorUnits
    upfront_fee: MinorUnits
    total_amount: MinorUnits
    """amount + installmentFee + upfrontFee."""
    total_amount_excluding_upfront_fee: MinorUnits | None = None


class CostInfo(WireModel):
    currency: StrictStr | None = None
    fee_info: Annotated[list[FeeInfo], Field(max_length=MAX_FEES)]
    first_installment: InstallmentCost | None = None
    last_installment: InstallmentCost
    total_fees: MinorUnits
    total_plan_cost: MinorUnits
    total_recurring_fees: MinorUnits
    total_upfront_fees: MinorUnits
    annual_percentage_rate: Annotated[StrictInt, Field(ge=0, le=MAX_APR_HUNDREDTHS)] | None = None
    """Declared by the issuer in hundredths of a percent; it never enters the amounts."""

    def fee(self, kind: str) -> FeeInfo | None:
        """The first fee entry of type *kind*, if any."""
        return next((fee for fee in self.fee_info if fee.type == kind), None)


class VisaTerms(WireModel):
    """One ``termsAndConditions[]`` entry; Visa numbers versions with integers."""

    text: StrictStr | None = None
    version: Annotated[StrictInt, Field(ge=0, le=MAX_VERSION)] | None = None
    language_code: StrictStr | None = None
    url: StrictStr | None = None


class MatchedPlan(WireModel):
    """One ``matchedPlans[]`` entry."""

    v_plan_id: StrictStr = Field(alias="vPlanID")
    v_plan_id_ref: StrictStr | None = Field(default=None, alias="vPlanIDRef")
    """The 10-character plan registration system identifier."""
    name: StrictStr | None = None
    type: StrictStr | None = None
    number_of_installments: Annotated[StrictInt, Field(ge=1, le=MAX_INSTALLMENTS)]
    installment_frequency: WireFrequency
    funded_by: WireFundedBy | None = None
    is_islamic_plan: bool | None = Field(default=None, strict=True)
    terms_and_conditions: Annotated[list[VisaTerms], Field(max_length=MAX_TERMS)] | None = None
    cost_info: CostInfo

    def to_offer(
        self, order_amount: Decimal | int | str | None = None, currency: str | None = None, *,
        policy: RoundingPolicy = VISA,
    ) -> PlanOffer:
        """The plan recomputed from *order_amount* (in major units, e.g. ``"500"``) and its fee terms.

        Without *order_amount*, the amount the plan implies (totalPlanCost − totalFees) is used;
        without *currency*, the plan's own.
        """
        cost = self.cost_info
        code = cost.currency or currency
        if code is None:
            raise InvalidTermsError("costInfo.currency", expected="a currency", actual="nothing")
        digits = minor_units(code)
        if order_amount is None:
            order_amount = from_units(cost.total_plan_cost - cost.total_fees, digits)
        recurring, upfront = cost.fee("CONSUMER"), cost.fee("CONSUMER_UPFRONT")
        plan = compute_plan(
            parse_amount(order_amount, code),
            code,
            self.number_of_installments,
            frequency=self.installment_frequency,
            fee_rate=hundredths(recurring.rate_percentage if recurring else 0),
            fee_flat=from_units(recurring.flat_fee if recurring else 0, digits),
            upfront_rate=hundredths(upfront.rate_percentage if upfront else 0),
            upfront_flat=from_units(upfront.flat_fee if upfront else 0, digits),
            policy=policy,
        )
        terms = tuple(
            TermsAndConditions(
                entry.language_code or "", "" if entry.version is None else str(entry.version), entry.text or "",
                entry.url,
            )
            for entry in self.terms_and_conditions or ()
        )
        return PlanOffer(
            self.v_plan_id,
            plan,
            name=self.name or "",
            identifier=self.v_plan_id_ref,
            plan_type=self.type,
            islamic=bool(self.is_islamic_plan),
            funded_by=tuple(self.funded_by) if self.funded_by else (FundedBy.CONSUMER,),
            terms=terms,
        )


class VisaPlansResponse(WireModel):
    """Visa's plan-eligibility response: ``matchedPlans[]``, empty when no plan matched."""

    plans_list: ClassVar[bool] = True
    matched_plans: Annotated[list[MatchedPlan], Field(max_length=MAX_PLANS)]

    def offers(
        self, order_amount: Decimal | int | str | None = None, currency: str | None = None, *,
        policy: RoundingPolicy = VISA,
    ) -> tuple[PlanOffer, ...]:
        """Every plan as a :class:`PlanOffer` (see :meth:`MatchedPlan.to_offer`)."""
        return tuple(plan.to_offer(order_amount, currency, policy=policy) for plan in self.matched_plans)
