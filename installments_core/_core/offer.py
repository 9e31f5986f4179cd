"""An issuer's offer of a plan, independent of any wire format.

Both Cybersource's ``planDetails[]`` and Visa's native ``matchedPlans[]`` convert to
:class:`PlanOffer`; validation and display work on it and never see JSON.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from .._errors import masked_repr
from .plan import Plan

__all__ = ["FundedBy", "PlanOffer", "TermsAndConditions"]


class FundedBy(StrEnum):
    """Who pays the plan's fees."""

    CONSUMER = "CONSUMER"
    MERCHANT = "MERCHANT"


@masked_repr
class TermsAndConditions(NamedTuple):
    """One language version of a plan's terms and conditions."""

    language_code: str
    """ISO 639-2 code as the issuer sent it (``eng``, ``ara``, ``ger`` or ``deu``, …)."""
    version: str
    """What the select request sends back as ``tcVersion``."""
    text: str
    url: str | None = None


@masked_repr
class PlanOffer(NamedTuple):
    """A plan as offered to the customer: the computed amounts and what the issuer says about it."""

    plan_id: str
    """``planId`` (Visa's ``vPlanID``): what the select request sends back."""
    plan: Plan
    """The plan computed from the order total and the offer's fee terms."""
    name: str = ""
    identifier: str | None = None
    """The 10-character plan registration system identifier, when the issuer sent one."""
    plan_type: str | None = None
    islamic: bool = False
    """``isIslamicPlan``/``shariaLawPlan``: word the plan per Shariah principles (profit, not interest)."""
    funded_by: tuple[FundedBy, ...] = (FundedBy.CONSUMER,)
    terms: tuple[TermsAndConditions, ...] = ()

    @property
    def merchant_funded(self) -> bool:
        """Whether the merchant, not the customer, pays the fees."""
        return FundedBy.MERCHANT in self.funded_by and FundedBy.CONSUMER not in self.funded_by
