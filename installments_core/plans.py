"""Installment plans: computing one exactly, the rounding policy behind it, and its cost of credit.

:func:`compute_plan` turns an order total, a currency, a count and fee terms into a :class:`Plan`
whose every amount has exactly the currency's minor digits, under a :class:`RoundingPolicy`
(:data:`VISA` by default: the one every plan Visa and Cybersource published follows).  A
:class:`PlanOffer` is a plan as an issuer offers it; :class:`CostOfCredit` its effective rates, and
:func:`annual_cost` the annual cost of credit as each market's law defines it (a :class:`Regime`:
``docs/cost-of-credit.md``), from a credit's :class:`CashFlows`.

>>> from installments_core.plans import compute_plan, due_dates
>>> plan = compute_plan("500", "USD", 3, fee_rate="5")
>>> plan.first_amount, plan.last_amount, plan.total_fee
(Decimal('166.67'), Decimal('166.66'), Decimal('25.00'))
>>> plan.cost_of_credit().apr
Decimal('29.76')
"""

from ._core.cash_flows import CashFlows, cash_flows
from ._core.credit import CostOfCredit, periodic_rate
from ._core.offer import FundedBy, PlanOffer, TermsAndConditions
from ._core.plan import MAX_INSTALLMENTS, Installment, Plan, PlanTerms, compute_plan, due_dates
from ._core.policy import (
    KNOWN_POLICIES,
    VISA,
    VISA_MONTHS_PER_PERIOD,
    Frequency,
    Remainder,
    RoundingPolicy,
    policy_from_name,
)
from ._core.regimes import AnnualCost, Companion, Regime, annual_cost, plan_cash_flows, regime_for_territory

__all__ = [
    "KNOWN_POLICIES",
    "MAX_INSTALLMENTS",
    "VISA",
    "VISA_MONTHS_PER_PERIOD",
    "AnnualCost",
    "CashFlows",
    "Companion",
    "CostOfCredit",
    "Frequency",
    "FundedBy",
    "Installment",
    "Plan",
    "PlanOffer",
    "PlanTerms",
    "Regime",
    "Remainder",
    "RoundingPolicy",
    "TermsAndConditions",
    "annual_cost",
    "cash_flows",
    "compute_plan",
    "due_dates",
    "periodic_rate",
    "plan_cash_flows",
    "policy_from_name",
    "regime_for_territory",
]
