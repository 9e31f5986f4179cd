"""Findings: one shape for everything a check finds, with a stable code.

A response's plans, a response that cannot be read, a request, an audit: whatever is checked,
each thing found wrong is one :class:`Finding`, with a ``code`` from :data:`FINDING_CODES` for
programs (an audit counts codes; it never parses sentences) and words for people.

>>> finding = Finding("installmentInformation.tcVersion", "the terms version the customer accepted is required",
...                   expected="a string of 1 to 36 characters", actual="missing", code="missing_field")
>>> finding.code, finding.severity.value, FINDING_CODES[finding.code]
('missing_field', 'error', 'a required field is absent')
>>> print(finding)
installmentInformation.tcVersion: the terms version the customer accepted is required (expected a string \
of 1 to 36 characters, found missing)

Card numbers never appear: what a finding holds is masked when it is made.

>>> Finding("amount", "the order total is positive", "an amount above zero", "'4622943127019793'", "amount")
Finding(path='amount', rule='the order total is positive', expected='an amount above zero', \
actual="'****9793'", code='amount', severity=<Severity.ERROR: 'error'>, delta_minor_units=None)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from ._masking import MASK, mask_digit_runs, masked_repr
from ._output_types import typed_output

__all__ = ["FINDING_CODES", "Finding", "Severity"]


class Severity(StrEnum):
    """How much a finding matters: errors make a response unfit to show, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


FINDING_CODES: Final[Mapping[str, str]] = MappingProxyType({
    # -- a response's plans, rule by rule (the words of a plan report's discrepancies) --
    "recomputed": "equals the value recomputed from the order amount and the plan's fee terms",
    "first_fee": (
        "the first installment's fee is its recurring fee (current convention) or the recurring plus "
        "the upfront fee (2024 convention)"
    ),
    "policy": "the amounts follow the expected rounding policy",
    "infeasible": "the plan can be computed from the order amount and its terms",
    "minor_units": "amounts are whole minor units of the currency",
    "last_amount": "lastInstallmentAmount equals lastInstallment.amount",
    "fee_total": "totalFeeAmount = totalUpfrontFeeAmount + totalRecurringFeeAmount",
    "plan_total": "totalPlanAmount = order amount + totalFeeAmount",
    "upfront_first": "the whole upfront fee is due with the first installment",
    "upfront_last": "only the first installment carries the upfront fee",
    "excluding_upfront": "totalAmountExcludingUpfrontFee = first installment amount + its recurring fee",
    "installment_total": "an installment's totalAmount = amount + installmentFee + upfrontFee",
    "installments_sum": (
        "the installments add up to the order amount (those between the first and the last equal one of them)"
    ),
    "fees_sum": (
        "the installment fees add up to the total recurring fee (those between the first and the last equal "
        "one of them)"
    ),
    "order_amount": "every plan implies the same order amount (totalPlanAmount − totalFeeAmount)",
    "plan_currency": "the plan's currency is the order's currency",
    "merchant_funded": "a MERCHANT-funded plan carries no consumer fees",
    "monthly_rate": "monthlyRatePercentage = CONSUMER ratePercentage / plan length in months, rounded per policy",
    "declared_rate": (
        "a declared rate is the amounts' annual cost of credit under the regime (by default the effective APR, "
        "Regulation Z), within its tolerance; declared rates never enter the amounts"
    ),
    "duplicate_plan": "planId is unique within the response",
    "plan_id": "planId is one a select request can send back (installmentInformation.planId)",
    "identifier": "identifier is 10 alphanumeric characters",
    "terms_missing": "every plan carries terms and conditions",
    "terms_version": "every terms entry has a version a select request can send back as tcVersion",
    "terms_text": "every terms entry has text",
    "terms_language": "every terms entry has a three-letter ISO 639-2 languageCode",
    "islamic_interest_wording": (
        "an Islamic plan's terms speak of profit, not interest (isIslamicPlan, shariaLawPlan: Shariah wording)"
    ),
    "fee_type": "fee types are CONSUMER or CONSUMER_UPFRONT (Visa: also MERCHANT_FUNDING, MERCHANT_SERVICE)",
    "duplicate_fee": "each fee type appears once",
    # -- a field of a response or a request that cannot be read --
    "missing_field": "a required field is absent",
    "wrong_type": "a field holds a JSON value of the wrong type",
    "invalid_value": "a field's value is not one the format allows (its type, range or list of values)",
    "invalid_amount": "an amount or percentage is not a decimal text the format allows",
    "too_many_entries": "an array holds more entries than any real response has",
    "no_currency": "the currency is known: stated by the plan, or given with the order",
    "unknown_currency": "the currency is an active ISO 4217 code with a minor unit",
    # -- a request, field by field --
    "unknown_field": "a field the request does not have",
    "misspelt_field": "a required field spelt wrongly",
    "blank": "a text field holds nothing but spaces",
    "length": "a text field is longer, or shorter, than the format allows",
    "characters": "a text field holds characters that are not printable and visible",
    "invalid_format": "a field's value is not written in the form the format gives it",
    "value": "a field holds a value other than the one it must have",
    "range": "a number is outside the range the format allows",
    "amount": "an amount is not a positive amount in whole minor units of the currency",
    "refund_format": "a refund amount is written with the decimals the currency's refunds take",
    "refund_too_large": "a partial refund is less than the order total (a full refund sends no refundAmount)",
    "currency": "the currency is an ISO 4217 code in upper case (JPY for a JPO payment)",
    "currency_case": "the currency is written in upper case (Cybersource accepts lower case)",
    "card_number": "a card number is 12 to 19 digits passing the check digit, and appears only where one belongs",
    "card_brand": "the card is of a brand the request accepts",
    "not_katakana": "a field written in katakana holds other characters",
    "not_ascii": "a field written in ASCII holds other characters",
    "more_than_one": "exactly one of several fields is present",
    "method_fields": "the JPO payment method and the installment and bonus fields agree",
    "expected_field": "a field the JPO method's page lists is absent, and Cybersource has a default for it",
    "payment_method_absent": "a JPO authorization without paymentMethod is taken as a single payment",
    "bonus_too_large": "bonus amounts together do not exceed the purchase amount",
    # -- a request against the get-plans response and the earlier requests of its order --
    "plan_not_offered": "the planId is one the get-plans response offered",
    "tc_version_not_offered": "the tcVersion is a version of the chosen plan's terms and conditions",
    "no_plans": "a get-plans response was recorded before the select request",
    "order_mismatch": "the amount and currency are the order's",
    "authorization_gone": "the authorization a plan is linked to is neither reversed nor refunded",
    "already_selected": "a plan is selected once for an authorization",
    "nothing_selected": "a select request was recorded before the cancel request",
    "cancel_without_reason": "a cancel follows a recorded refund or reversal of the authorization",
    "refund_mismatch": "the cancel's refundAmount is the recorded refund's",
    "link_mismatch": "the cancel uses the same authorization link as the select request",
    "authorization_mismatch": "the cancel names the select request's authorization time",
})
"""Every finding's code, with what it means: the list ``docs/findings.md`` shows.

A code is stable: programs may keep it.  The words of a response rule are its entry here; a
request's finding says in its own words what is wrong with the value it found.
"""


@typed_output
@masked_repr
@dataclass(frozen=True, slots=True)
class Finding:
    """One thing found wrong: where, by which rule (a stable ``code`` and words), what the rule
    expected and what was found.

    Built masked, whoever builds it: no text shows a card number (its last four digits stand
    for it); the delta is withheld (``None``) when ``expected`` or ``actual`` hides one, since it
    would reveal what they hide, and when it has 13 digits or more itself.
    """

    path: str
    """Where: a JSON path from the document's root, e.g. ``installmentInformation.planDetails[0].totalCount``;
    empty for the document as a whole, and for a field rule's finding not yet placed at its field."""
    rule: str
    """The rule broken, in words for people."""
    expected: str
    """What the rule gives for this field (a decimal string for amounts)."""
    actual: str
    """What was found, described safely (truncated, card numbers masked)."""
    code: str
    """The rule broken, for programs: a key of :data:`FINDING_CODES`."""
    severity: Severity = Severity.ERROR
    delta_minor_units: Decimal | None = None
    """actual − expected in the currency's minor units, for amounts; ``None`` where it does not apply."""

    def __post_init__(self) -> None:
        for name in ("path", "rule", "expected", "actual"):
            text = getattr(self, name)
            masked = mask_digit_runs(text)
            if masked is not text:
                object.__setattr__(self, name, masked)
        delta = self.delta_minor_units
        if delta is not None and (MASK in self.expected or MASK in self.actual
                                  or MASK in mask_digit_runs(str(delta), card_field=True)):
            object.__setattr__(self, "delta_minor_units", None)

    @property
    def message(self) -> str:
        """What was expected and what was found, in one phrase.

        >>> Finding("totalCount", "a required field is absent", "a count", "nothing", "missing_field").message
        'expected a count, found nothing'
        """
        return f"expected {self.expected}, found {self.actual}"

    def __str__(self) -> str:
        # Masked whole: digits from neighbouring fields must not join into a card number.
        return mask_digit_runs(f"{self.path or '(root)'}: {self.rule} ({self.message})")

    def as_json(self) -> dict[str, object]:
        """The finding as a JSON object; the delta is a decimal string.

        >>> Finding("a.b", "words", "1.00", "1.01", "recomputed", delta_minor_units=Decimal(1)).as_json()
        {'code': 'recomputed', 'severity': 'error', 'path': 'a.b', 'expected': '1.00', 'actual': '1.01', \
'deltaMinorUnits': '1', 'rule': 'words'}
        """
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "expected": self.expected,
            "actual": self.actual,
            "deltaMinorUnits": None if self.delta_minor_units is None else str(self.delta_minor_units),
            "rule": self.rule,
        }
