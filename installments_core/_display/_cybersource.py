"""A Cybersource get-plans response, recomputed into :class:`~installments_core.PlanOffer` values.

A stopgap for ``show`` and ``demo`` until the validated response models feed the display layer:
it reads only what the display needs, recomputes every plan with
:func:`~installments_core.compute_plan` from the order total and the plan's fee terms, and lists
where the issuer's published figures differ from the recomputation.  It reads no card data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from .._core.money import CTX, parse_amount
from .._core.offer import FundedBy, PlanOffer, TermsAndConditions
from .._core.plan import MAX_INSTALLMENTS, compute_plan
from .._errors import InvalidAmountError, InvalidTermsError, describe
from .._wire.amount_details import amount_details

__all__ = ["Recomputed", "order_from_request", "recompute_response"]

_PLANS = "installmentInformation.planDetails"
_FUNDERS = {funder.value: funder for funder in FundedBy}
_COMPARED = ("lastInstallmentAmount", "totalFeeAmount", "totalUpfrontFeeAmount", "totalRecurringFeeAmount",
             "totalPlanAmount")


class Recomputed(NamedTuple):
    """The offers of a response, recomputed, and where the issuer's figures differ."""

    offers: tuple[PlanOffer, ...]
    amount: Decimal
    currency: str
    discrepancies: tuple[str, ...]
    """One line per differing field: ``planDetails[0].amountDetails.totalFeeAmount: issuer 18.00, recomputed 17.00``."""


def _get(document: object, path: str, key: str) -> object:
    if not isinstance(document, Mapping):
        raise InvalidTermsError(path, expected="a JSON object", actual=describe(document))
    if key not in document:
        raise InvalidTermsError(f"{path}.{key}", expected="a value", actual="nothing")
    return document[key]


def _text(document: object, path: str, key: str, default: str | None = None) -> str:
    if default is not None and isinstance(document, Mapping) and key not in document:
        return default
    value = _get(document, path, key)
    if not isinstance(value, str):
        raise InvalidTermsError(f"{path}.{key}", expected="a string", actual=describe(value))
    return value


def _list(document: object, path: str, key: str) -> Sequence[object]:
    value = _get(document, path, key) if isinstance(document, Mapping) and key in document else []
    if not isinstance(value, list):
        raise InvalidTermsError(f"{path}.{key}", expected="a JSON array", actual=describe(value))
    return value


def order_from_request(request: object) -> tuple[str, str]:
    """The order total and currency of a get-plans request (``orderInformation.amountDetails``)."""
    details = _get(_get(request, "", "orderInformation"), "orderInformation", "amountDetails")
    path = "orderInformation.amountDetails"
    return _text(details, path, "totalAmount"), _text(details, path, "currency")


def _fees(details: object, path: str) -> dict[str, tuple[str, str]]:
    fees: dict[str, tuple[str, str]] = {}
    for index, fee in enumerate(_list(details, path, "fees")):
        fee_path = f"{path}.fees[{index}]"
        kind = _text(fee, fee_path, "type")
        fees[kind] = (_text(fee, fee_path, "ratePercentage", "0"), _text(fee, fee_path, "flatFeeAmount", "0"))
    return fees


def _count(detail: object, path: str) -> int:
    text = _text(detail, path, "totalCount")
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_INSTALLMENTS:
        raise InvalidTermsError(
            f"{path}.totalCount", expected=f"a whole number from 1 to {MAX_INSTALLMENTS}", actual=describe(text)
        )
    return int(text)


def _inferred_amount(details: object, path: str, currency: str) -> Decimal:
    total = parse_amount(_text(details, path, "totalPlanAmount"), currency, path=f"{path}.totalPlanAmount")
    fees = parse_amount(_text(details, path, "totalFeeAmount"), currency, path=f"{path}.totalFeeAmount")
    if fees > total:
        raise InvalidAmountError(
            f"{path}.totalFeeAmount", expected=f"at most totalPlanAmount {total}", actual=describe(str(fees))
        )
    return CTX.subtract(total, fees)


def recompute_response(
    response: object, *, amount: str | None = None, currency: str | None = None
) -> Recomputed:
    """Every plan of a get-plans *response*, recomputed from the order *amount* in *currency*.

    Without *amount*, the order total is inferred as totalPlanAmount − totalFeeAmount, which every
    plan must agree on; without *currency*, each plan's ``amountDetails.currency`` is used.
    """
    plans = _list(_get(response, "", "installmentInformation"), "installmentInformation", "planDetails")
    offers = []
    discrepancies = []
    order_amount: Decimal | None = None
    order_currency = currency
    for index, detail in enumerate(plans):
        path = f"{_PLANS}[{index}]"
        details = _get(detail, path, "amountDetails")
        details_path = f"{path}.amountDetails"
        if order_currency is None and not (isinstance(details, Mapping) and "currency" in details):
            raise InvalidTermsError(
                f"{details_path}.currency",
                expected="the plan's currency, or the order currency given with the request or --currency",
                actual="nothing",
            )
        plan_currency = order_currency or _text(details, details_path, "currency")
        if order_currency is None:
            order_currency = plan_currency
        elif _text(details, details_path, "currency", plan_currency) != order_currency:
            raise InvalidTermsError(
                f"{details_path}.currency", expected=f"the order currency {order_currency}",
                actual=describe(_text(details, details_path, "currency")),
            )
        if amount is not None:
            plan_amount = parse_amount(amount, order_currency, path="amount")
        else:
            plan_amount = _inferred_amount(details, details_path, order_currency)
        if order_amount is None:
            order_amount = plan_amount
        elif plan_amount != order_amount:
            raise InvalidAmountError(
                f"{details_path}.totalPlanAmount",
                expected=f"totalPlanAmount − totalFeeAmount equal to the order total {order_amount} of the other plans",
                actual=describe(str(plan_amount)),
            )
        fees = _fees(details, details_path)
        recurring = fees.get("CONSUMER", ("0", "0"))
        upfront = fees.get("CONSUMER_UPFRONT", ("0", "0"))
        plan = compute_plan(
            plan_amount,
            order_currency,
            _count(detail, path),
            frequency=_text(detail, path, "frequency"),
            fee_rate=recurring[0],
            fee_flat=recurring[1],
            upfront_rate=upfront[0],
            upfront_flat=upfront[1],
        )
        computed = amount_details(plan)
        for key in _COMPARED:
            published = details.get(key) if isinstance(details, Mapping) else None
            if published is not None and published != computed[key]:
                discrepancies.append(
                    f"{details_path}.{key}: issuer {describe(published)}, recomputed {computed[key]!r}"
                )
        funded = []
        for position, funder in enumerate(_list(detail, path, "fundedBy")):
            if funder not in _FUNDERS:
                raise InvalidTermsError(
                    f"{path}.fundedBy[{position}]", expected="CONSUMER or MERCHANT", actual=describe(funder)
                )
            funded.append(_FUNDERS[funder])
        islamic = False
        for flag in ("isIslamicPlan", "shariaLawPlan"):
            value = detail.get(flag, False) if isinstance(detail, Mapping) else False
            if not isinstance(value, bool):
                raise InvalidTermsError(f"{path}.{flag}", expected="true or false", actual=describe(value))
            islamic = islamic or value
        terms = []
        for position, item in enumerate(_list(detail, path, "termsAndConditions")):
            terms_path = f"{path}.termsAndConditions[{position}]"
            url = item.get("tncUrl") if isinstance(item, Mapping) else None
            terms.append(
                TermsAndConditions(
                    _text(item, terms_path, "languageCode"),
                    _text(item, terms_path, "version"),
                    _text(item, terms_path, "text", ""),
                    url if isinstance(url, str) else None,
                )
            )
        identifier = detail.get("identifier") if isinstance(detail, Mapping) else None
        plan_type = detail.get("planType") if isinstance(detail, Mapping) else None
        offers.append(
            PlanOffer(
                plan_id=_text(detail, path, "planId"),
                plan=plan,
                name=_text(detail, path, "planName", ""),
                identifier=identifier if isinstance(identifier, str) else None,
                plan_type=plan_type if isinstance(plan_type, str) else None,
                islamic=islamic,
                funded_by=tuple(funded) or (FundedBy.CONSUMER,),
                terms=tuple(terms),
            )
        )
    if order_currency is None or order_amount is None:
        if amount is None or currency is None:
            raise InvalidTermsError(
                _PLANS, expected="at least one plan, or the order amount and currency", actual="no plan"
            )
        order_currency = currency
        order_amount = parse_amount(amount, currency, path="amount")
    return Recomputed(tuple(offers), order_amount, order_currency, tuple(discrepancies))
