"""Typed models of Cybersource's Installments responses: get plans, select plan, cancel plan.

Field names are snake_case in Python and camelCase on the wire.  Amounts are
:class:`~decimal.Decimal` parsed by the library's strict money rules (no floats, no exponents, no
signs, at most 15 integer digits) and keep their exponent, so ``"500"`` and ``"500.00"`` dump back
as they came.  Fields this library does not know are kept and dumped back too.

>>> from importlib import resources
>>> text = resources.files("installments_core.data").joinpath("example_get_plans_response.json").read_text()
>>> response = GetPlansResponse.from_json(text)
>>> plan = response.installment_information.plan_details[0]
>>> plan.total_count, plan.amount_details.first_installment.amount
(2, Decimal('250.00'))
>>> import json
>>> response.to_wire() == json.loads(text)
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Annotated, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictStr,
    ValidationError,
)
from pydantic.alias_generators import to_camel
from pydantic.json_schema import WithJsonSchema

from ..._core.currencies import minor_units
from ..._core.money import CTX, parse_amount, parse_decimal, parse_rate, zero
from ..._core.offer import FundedBy, PlanOffer, TermsAndConditions
from ..._core.plan import compute_plan
from ..._core.policy import VISA, Frequency, RoundingPolicy
from ..._errors import InvalidTermsError, MalformedResponseError, describe, mask_digit_runs
from ..decoding import decode_json
from ..envelope import plans_format
from ..fields import (
    AMOUNT_SCHEMA,
    COUNT_RULE,
    COUNT_SCHEMA,
    FREQUENCY_SCHEMA,
    FUNDED_BY_SCHEMA,
    MAX_FEES,
    MAX_PLANS,
    MAX_TERMS,
    count_from_text,
)

__all__ = [
    "AmountDetails",
    "CancelPlanResponse",
    "Fee",
    "FirstInstallment",
    "GetPlansResponse",
    "InstallmentInformation",
    "LastInstallment",
    "PaymentAccountReference",
    "PaymentInformation",
    "PlanAcceptance",
    "PlanDetail",
    "ProcessorInformation",
    "SelectPlanResponse",
    "TermsEntry",
    "WireModel",
    "model_error",
]


def _amount(value: object) -> Decimal:
    if type(value) is str or type(value) is Decimal:
        return parse_decimal(value, path="amount")
    raise ValueError(f"expected a decimal string such as '41.67', found {describe(value)}")


def _rate(value: object) -> Decimal:
    if type(value) is str or type(value) is Decimal:
        return parse_rate(value, path="ratePercentage")
    raise ValueError(f"expected a percentage as a decimal string such as '5.00', found {describe(value)}")


def _count(value: object) -> int:
    count = count_from_text(value)
    if count is not None:
        return count
    raise ValueError(f"expected {COUNT_RULE}, found {describe(value)}")


def _frequency(value: object) -> Frequency:
    if type(value) is str or type(value) is Frequency:
        try:
            return Frequency(value)
        except ValueError:
            pass
    raise ValueError(f"expected one of {', '.join(Frequency)}, found {describe(value)}")


def _funded_by(value: object) -> list[FundedBy]:
    if type(value) is list and 1 <= len(value) <= 2 and all(type(entry) in (str, FundedBy) for entry in value):
        try:
            return [FundedBy(entry) for entry in value]
        except ValueError:
            pass
    raise ValueError(f"expected an array of CONSUMER and/or MERCHANT, found {describe(value)}")


def _wire_text(value: object) -> str:
    # A named function, not ``str`` itself: pydantic before 2.7 inspects the serializer's signature,
    # and a builtin type has none.
    return str(value)


WireAmount = Annotated[Decimal, PlainValidator(_amount), PlainSerializer(_wire_text, return_type=str),
                       WithJsonSchema(AMOUNT_SCHEMA, mode="validation")]
"""An amount: a decimal string on the wire, a Decimal with the same digits in Python."""
WireRate = Annotated[Decimal, PlainValidator(_rate), PlainSerializer(_wire_text, return_type=str),
                     WithJsonSchema(AMOUNT_SCHEMA, mode="validation")]
"""A percentage from 0 to 100: a decimal string on the wire."""
WireCount = Annotated[int, PlainValidator(_count), PlainSerializer(_wire_text, return_type=str),
                      WithJsonSchema(COUNT_SCHEMA)]
"""An installment count: a string of digits on the wire (``"12"``), an int in Python."""
WireFrequency = Annotated[Frequency, PlainValidator(_frequency), PlainSerializer(_wire_text, return_type=str),
                          WithJsonSchema(FREQUENCY_SCHEMA)]
WireFundedBy = Annotated[
    list[FundedBy], PlainValidator(_funded_by), PlainSerializer(lambda v: [str(f) for f in v], return_type=list[str]),
    WithJsonSchema(FUNDED_BY_SCHEMA),
]


class _Shown(str):
    """A field's repr, already masked: written as it is, not quoted again."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


class WireModel(BaseModel):
    """Base of every wire model: camelCase aliases, unknown fields kept, immutable."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="allow", frozen=True, hide_input_in_errors=True
    )
    plans_list: ClassVar[bool] = False
    """Whether a document is a get-plans answer, first held to :func:`~.envelope.plans_format`
    (exactly one format, not an error answer) before its fields are read."""

    def __repr_args__(self) -> Iterator[tuple[str | None, object]]:
        # Models hold what the issuer sent, card numbers in any field (and unknown field names)
        # included: shown masked.  repr, str, rich's pretty printer and an enclosing model's repr
        # all read the fields from here.
        for name, value in super().__repr_args__():
            yield (None if name is None else mask_digit_runs(name)), _Shown(mask_digit_runs(repr(value)))

    @classmethod
    def from_json(cls, data: bytes | str) -> Self:
        """Parse JSON text; raises :class:`~installments_core.MalformedResponseError` naming the first bad field."""
        return cls.from_data(decode_json(data))

    @classmethod
    def from_data(cls, document: object) -> Self:
        """Validate parsed JSON; a :class:`~installments_core.MalformedResponseError` names the first bad field."""
        if cls.plans_list and isinstance(document, Mapping):
            plans_format(document)
        try:
            return cls.model_validate(document)
        except ValidationError as error:
            raise model_error(error) from None

    def to_wire(self) -> dict[str, object]:
        """The JSON object, camelCase, exactly the fields that were given (unknown ones included)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


def model_error(error: ValidationError) -> MalformedResponseError:
    """The first problem of a pydantic *error* as a library error with a wire path."""
    first = error.errors(include_url=False, include_input=False)[0]
    parts: list[str] = []
    for part in first["loc"]:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    message = first["msg"].removeprefix("Value error, ")
    expected, _, found = message.partition(", found ")
    return MalformedResponseError(
        "".join(parts),
        expected=expected.removeprefix("expected ") if found else message,
        actual=found or first["type"],
    )


class Fee(WireModel):
    """One ``amountDetails.fees[]`` entry: CONSUMER (recurring) or CONSUMER_UPFRONT."""

    type: StrictStr
    rate_percentage: WireRate
    flat_fee_amount: WireAmount
    monthly_rate_percentage: WireRate | None = None


class FirstInstallment(WireModel):
    amount: WireAmount
    fee_amount: WireAmount
    """The recurring fee of the first installment; the 2024 revision added the upfront fee to it."""
    upfront_fee_amount: WireAmount
    total_amount_excluding_upfront_fee: WireAmount | None = None


class LastInstallment(WireModel):
    amount: WireAmount
    fee_amount: WireAmount


class AmountDetails(WireModel):
    last_installment_amount: WireAmount
    total_fee_amount: WireAmount
    total_upfront_fee_amount: WireAmount
    total_recurring_fee_amount: WireAmount
    total_plan_amount: WireAmount
    interest_rate: WireRate | None = None
    """Declared by the issuer; it never enters the amounts."""
    currency: StrictStr | None = None
    fees: Annotated[list[Fee], Field(max_length=MAX_FEES)]
    first_installment: FirstInstallment
    last_installment: LastInstallment

    def fee(self, kind: str) -> Fee | None:
        """The first fee entry of type *kind*, if any."""
        return next((fee for fee in self.fees if fee.type == kind), None)


class TermsEntry(WireModel):
    """One ``termsAndConditions[]`` entry.  Its presence rules (version, text) are the validator's."""

    tnc_url: StrictStr | None = None
    version: StrictStr | None = None
    text: StrictStr | None = None
    language_code: StrictStr | None = None


class PlanDetail(WireModel):
    """One ``installmentInformation.planDetails[]`` entry."""

    plan_id: StrictStr
    identifier: StrictStr | None = None
    plan_name: StrictStr | None = None
    plan_type: StrictStr | None = None
    total_count: WireCount
    frequency: WireFrequency
    promotion_id: StrictStr | None = None
    funded_by: WireFundedBy | None = None
    is_islamic_plan: StrictBool | None = None
    """The API reference's name for the Islamic-plan flag."""
    sharia_law_plan: StrictBool | None = None
    """The published examples' name for the same flag."""
    amount_details: AmountDetails
    terms_and_conditions: Annotated[list[TermsEntry], Field(max_length=MAX_TERMS)] | None = None

    @property
    def islamic(self) -> bool:
        """Whether either Islamic-plan flag is set."""
        return bool(self.is_islamic_plan or self.sharia_law_plan)

    def to_offer(
        self, order_amount: Decimal | int | str | None = None, currency: str | None = None, *,
        policy: RoundingPolicy = VISA,
    ) -> PlanOffer:
        """The plan recomputed from *order_amount* and its own fee terms, as a :class:`PlanOffer`.

        Without *order_amount*, the amount the plan implies (totalPlanAmount − totalFeeAmount) is
        used; without *currency*, the plan's own.  Raises a library error when the plan cannot
        be computed.  This recomputes; it does not compare: that is ``validate_response``'s job.
        """
        details = self.amount_details
        code = details.currency or currency
        if code is None:
            raise InvalidTermsError("amountDetails.currency", expected="a currency", actual="nothing")
        digits = minor_units(code)
        if order_amount is None:
            order_amount = CTX.subtract(details.total_plan_amount, details.total_fee_amount)
        recurring, upfront = details.fee("CONSUMER"), details.fee("CONSUMER_UPFRONT")
        no_fee = zero(digits)
        plan = compute_plan(
            parse_amount(order_amount, code),
            code,
            self.total_count,
            frequency=self.frequency,
            fee_rate=recurring.rate_percentage if recurring else Decimal(0),
            fee_flat=recurring.flat_fee_amount if recurring else no_fee,
            upfront_rate=upfront.rate_percentage if upfront else Decimal(0),
            upfront_flat=upfront.flat_fee_amount if upfront else no_fee,
            policy=policy,
        )
        terms = tuple(
            TermsAndConditions(entry.language_code or "", entry.version or "", entry.text or "", entry.tnc_url)
            for entry in self.terms_and_conditions or ()
        )
        return PlanOffer(
            self.plan_id,
            plan,
            name=self.plan_name or "",
            identifier=self.identifier,
            plan_type=self.plan_type,
            islamic=self.islamic,
            funded_by=tuple(self.funded_by) if self.funded_by else (FundedBy.CONSUMER,),
            terms=terms,
        )


class InstallmentInformation(WireModel):
    plan_details: Annotated[list[PlanDetail], Field(max_length=MAX_PLANS)]


class ProcessorInformation(WireModel):
    response_code: StrictStr | None = None


class PaymentAccountReference(WireModel):
    id: StrictStr | None = None
    """The PAR: an account reference, not a card number."""


class PaymentInformation(WireModel):
    payment_account_reference: PaymentAccountReference | None = None


class _Envelope(WireModel):
    id: StrictStr | None = None
    submit_time_utc: StrictStr | None = None
    status: StrictStr | None = None
    processor_information: ProcessorInformation | None = None
    payment_information: PaymentInformation | None = None


class GetPlansResponse(_Envelope):
    """A get-plans response (``POST /fin/v1/plans/``)."""

    plans_list: ClassVar[bool] = True
    installment_information: InstallmentInformation

    @property
    def plans(self) -> list[PlanDetail]:
        """``installmentInformation.planDetails``: empty when no plan matched."""
        return self.installment_information.plan_details

    def offers(
        self, order_amount: Decimal | int | str | None = None, currency: str | None = None, *,
        policy: RoundingPolicy = VISA,
    ) -> tuple[PlanOffer, ...]:
        """Every plan as a :class:`PlanOffer` (see :meth:`PlanDetail.to_offer`)."""
        return tuple(plan.to_offer(order_amount, currency, policy=policy) for plan in self.plans)


class PlanAcceptance(WireModel):
    """``installmentInformation`` of a select or cancel response."""

    id: Annotated[StrictStr, Field(max_length=50)] | None = None
    """The plan acceptance identifier."""
    plan_id: Annotated[StrictStr, Field(max_length=50)]


class SelectPlanResponse(_Envelope):
    """A select-plan response (``POST /fin/v1/plan-acceptance/``)."""

    installment_information: PlanAcceptance


class CancelPlanResponse(_Envelope):
    """A cancel-plan response (``POST /fin/v1/plan-acceptance/cancel/``): the same shape as a select response."""

    installment_information: PlanAcceptance

