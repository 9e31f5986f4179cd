"""Validate a get-plans response: recompute every plan and compare every derived field.

``docs/validation.md`` lists every rule with an example.  In short, for each plan:

* the order amount comes from the caller, from the get-plans request, or is inferred per plan as
  ``totalPlanAmount − totalFeeAmount`` (and must then agree across plans);
* the plan is recomputed with :func:`~installments_core.compute_plan` from that amount and the
  plan's own count, frequency and fee terms, under the expected policy (Visa's by default), and
  every amount the response states is compared with the recomputed one;
* when the expected policy does not reproduce the plan, the known policies are tried, and the
  one that does is reported instead of a list of mismatches (none is tried for a plan that breaks
  a rule every policy keeps: :mod:`.search`);
* cross-field rules are checked on the response's own numbers whatever the policy;
* declared rates (``interestRate``, ``annualPercentageRate``) are compared with the figure of a
  cost-of-credit regime (the US APR by default), within that regime's tolerance, as warnings: they
  never enter the amounts.

One straight line: decode (:func:`~.._wire.decoding.decode_json`), read with the format's reader
(:mod:`.._wire.cybersource.reader`, :mod:`.._wire.visa.reader`), then per plan :func:`.checks.check_plan`:
accept when every stated amount is exactly the recomputed one, otherwise compare rule by rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from typing import Final, TypeVar

from .._core.caching import BoundedCache
from .._core.caching import clear_caches as clear_all
from .._core.currencies import ACTIVE_CURRENCIES, minor_units
from .._core.money import CTX, parse_amount, parse_decimal
from .._core.policy import KNOWN_POLICIES, VISA, RoundingPolicy
from .._core.regimes import Regime, parse_regime
from .._errors import InvalidTermsError, describe
from .._wire.decoding import decode_json, encode_json
from .._wire.envelope import CYBERSOURCE, VISA_NATIVE
from .._wire.reading import PlanReading
from .._wire.response_reader import ResponseReading, read_details, read_response
from .checks import check_plan
from .recompute import KNOWN_POLICY_INDEX
from .rules import RULES
from .validation_report import PlanReport, ValidationReport

__all__ = ["RULES", "clear_caches", "validate_decoded", "validate_response"]

_ZERO: Final = Decimal(0)
_TEXTS: Final = (bytes, bytearray, memoryview, str)


def _order_arguments(amount: object, currency: object, request: object) -> tuple[object, object]:
    """The order amount and currency as the arguments or the request give them; the currency checked."""
    if request is not None:
        document = request
        if isinstance(request, _TEXTS):
            document = decode_json(request, what="request")
        details = document.get("orderInformation") if isinstance(document, dict) else None
        details = details.get("amountDetails") if isinstance(details, dict) else None
        if not isinstance(details, dict):
            raise InvalidTermsError(
                "request.orderInformation.amountDetails", expected="an object with totalAmount and currency",
                actual="nothing" if details is None else describe(details),
            )
        if amount is None:
            amount = details.get("totalAmount")
            if amount is None:
                raise InvalidTermsError("request.orderInformation.amountDetails.totalAmount",
                                        expected="the order amount", actual="nothing")
        if currency is None:
            currency = details.get("currency")
    if currency is not None:
        minor_units(currency, path="currency")
    return amount, currency


def _order(
    reading: ResponseReading, amount: object, currency: object, request: object,
) -> tuple[Decimal | None, str | None]:
    """The order amount and currency from the arguments or the request; None where neither says."""
    amount, currency = _order_arguments(amount, currency, request)
    if amount is None:
        return None, currency if isinstance(currency, str) else None
    if currency is None:
        currency = _common_currency(reading)
        if currency is None:
            parse_decimal(amount, path="amount")
            raise InvalidTermsError("currency", expected="a currency for the order amount (the plans state none)",
                                    actual="nothing")
    assert isinstance(currency, str)
    return parse_amount(amount, currency, path="amount"), currency


def _scale_native(reading: ResponseReading, order_currency: str | None) -> None:
    """Turn Visa's integers of minor units into amounts, for every plan whose currency is known."""
    if reading.format != VISA_NATIVE:
        return
    for plan in reading.plans:
        currency = plan.currency or order_currency
        digits = ACTIVE_CURRENCIES.get(currency) if plan.native and currency is not None else None
        if digits is not None:
            plan.amounts = {role: value.scaleb(-digits, CTX) for role, value in plan.amounts.items()}


def _implied_amount(plan: PlanReading) -> Decimal | None:
    """totalPlanAmount − totalFeeAmount: the order amount the plan itself implies."""
    if "total_plan" in plan.amounts and "total_fee" in plan.amounts:
        return CTX.subtract(plan.amounts["total_plan"], plan.amounts["total_fee"])
    return None


def validate_response(
    data: bytes | bytearray | memoryview | str | Mapping[str, object],
    *,
    order_amount: Decimal | int | str | None = None,
    currency: str | None = None,
    request: bytes | str | Mapping[str, object] | None = None,
    policy: RoundingPolicy | None = None,
    tolerance: int | Decimal | str = 0,
    regime: Regime | str = Regime.US_APR,
) -> ValidationReport:
    """Check every plan of a get-plans response and report every discrepancy.

    *data* is the response: bytes or text of JSON, or the parsed object, in Cybersource's shape
    (``installmentInformation.planDetails[]``) or Visa's native one (``matchedPlans[]``).  The
    order amount is *order_amount* (in *currency*), else the *request*'s, else inferred per plan.
    *policy* is the rounding the issuer is expected to follow (Visa's by default); *tolerance*
    accepts differences of that many minor units, reporting them as warnings.  A declared rate
    (``interestRate``, ``annualPercentageRate``) is compared with *regime*'s figure for the plan
    within *regime*'s tolerance (a :class:`~installments_core.plans.Regime` or its name; the US APR
    under Regulation Z's ⅛ of a point by default), a difference being a warning.

    Raises :class:`~installments_core.MalformedResponseError` when *data* is not a JSON object
    of either format, and :class:`~installments_core.InstallmentsError` for bad arguments;
    everything wrong inside a readable response is in the report.

    >>> report = validate_response(b'{"installmentInformation": {"planDetails": []}}')
    >>> report.ok, report.format, report.plans
    (True, 'cybersource', ())
    """
    return _validate(_document(data), isinstance(data, _TEXTS), order_amount=order_amount, currency=currency,
                     request=request, policy=policy, tolerance=tolerance, regime=regime)


def validate_decoded(
    document: dict[str, object], *, order_amount: object = None, currency: object = None, request: object = None,
) -> ValidationReport:
    """:func:`validate_response` of a *document* straight from :func:`~.._wire.decoding.decode_json` (an audit's
    line): its strings are exactly ``str``, so its plans are taken as a text's are (accepted by their texts, their
    reports kept), which a document from elsewhere never is."""
    return _validate(document, True, order_amount=order_amount, currency=currency, request=request)


def _validate(
    document: object, accept: bool, *, order_amount: object, currency: object, request: object,
    policy: RoundingPolicy | None = None, tolerance: object = 0, regime: object = Regime.US_APR,
) -> ValidationReport:
    """The validation itself; *accept* says that *document* came from the decoder (see :mod:`.acceptance`)."""
    reading = read_response(document, defer_details=True)
    expected_policy = VISA if policy is None else policy
    if type(expected_policy) is not RoundingPolicy:
        raise InvalidTermsError("policy", expected="a RoundingPolicy", actual=describe(policy))
    allowed = _ZERO if type(tolerance) is int and tolerance == 0 else parse_decimal(
        tolerance, path="tolerance", what="tolerance"
    )
    declared_regime = parse_regime(regime)
    # The request carries the card number; errors describe what they read with describe(), which
    # masks every digit run that could be one.
    amount, order_currency = _order(reading, order_amount, currency, request)
    _scale_native(reading, order_currency)
    reference, amounts = _order_amounts(reading, amount)
    context = _memo_context(reading, accept, amount, order_currency, expected_policy, allowed, declared_regime)
    reports = []
    seen: set[str] = set()  # the planIds of the plans before
    for index, (plan_amount, source) in enumerate(amounts):
        key = None if context is None else _plan_key(reading.objects[index], index, plan_amount, context)
        known = None if key is None else _PLAN_REPORTS.get(key)
        if known is not None and known[1] not in seen:
            report, plan_id = known
        else:
            plan = reading.plan(index)
            plan_id = plan.plan_id
            report = check_plan(
                plan, order_amount=plan_amount, order_currency=order_currency, source=source, policy=expected_policy,
                tolerance=allowed, regime=declared_regime, duplicate=plan_id in seen, accept=accept,
            )
            if key is not None and not report.errors and plan_id not in seen:
                _PLAN_REPORTS.put(key, (report, plan_id))
        reports.append(report)
        if plan_id is not None:
            seen.add(plan_id)
    return ValidationReport(
        reading.format,
        tuple(reports),
        (*reading.errors, *(error for result in reports for error in result.errors)),
        reference,
        order_currency if order_currency is not None else _common_currency(reading),
    )


_PLAN_REPORTS: Final = BoundedCache[tuple[object, ...], tuple[PlanReport, "str | None"]](1024)
"""Plans' reports, by the plan written out as JSON and everything else a report depends on.

A service validates the same plans again and again (the same issuers' offers for the same prices); the
second time, a plan's report costs writing the plan out and one lookup instead of reading and checking it.
Held are the reports of plans from a Cybersource document straight from the decoder (bytes or text given
here, or an audit's line: :func:`validate_decoded`), checked against an order amount the caller gave (parsed:
500 and 500.00 are one amount) under one of the library's own policies with no tolerance, and only:

* plans the reader read without an error: every field it looks at then holds a string, an object, an array,
  a boolean or null, each written as itself.  The writing cannot tell ``1`` from ``1e0`` (an int and a
  Decimal, both numbers), but the reader takes no number in a Cybersource plan, so such a plan's numbers are
  where the reader does not look;
* plans no earlier plan of the response shares a planId with (a duplicate's report says so), and a held
  report is used only when no earlier plan has its planId.
"""


_LONGEST_HELD_PLAN: Final = 8 * 1024
"""Bytes of the longest plan held (a plan with terms in two languages takes one or two kilobytes): the held
plans' keys take 8 MB at most, whatever a response carries under keys the reader ignores (their reports, of
the fields the reader reads, come on top)."""


def _memo_context(  # noqa: PLR0917  (validate_response's own values, passed on)
    reading: ResponseReading, accept: bool, amount: Decimal | None, order_currency: str | None,
    policy: RoundingPolicy, tolerance: Decimal, regime: Regime,
) -> tuple[object, ...] | None:
    """What the reports in :data:`_PLAN_REPORTS` depend on beyond the plan, its place and the order
    amount; None when the plans' reports are not to be held (see there)."""
    policy_index = KNOWN_POLICY_INDEX.get(id(policy))
    if (
        not accept or amount is None or reading.format != CYBERSOURCE or tolerance is not _ZERO
        or policy_index is None or KNOWN_POLICIES[policy_index] is not policy
    ):
        return None
    return order_currency, policy_index, regime


def _plan_key(
    plan: object, index: int, amount: Decimal | None, context: tuple[object, ...]
) -> tuple[object, ...] | None:
    """The key of *plan*'s report in :data:`_PLAN_REPORTS`; None for a plan too long to hold, or one JSON
    cannot hold (a lone surrogate from an escape, a nesting deeper than the writer goes)."""
    try:
        written = encode_json(plan)
    except (ValueError, RecursionError):
        return None
    return (written, index, amount, *context) if len(written) <= _LONGEST_HELD_PLAN else None


def _document(data: object) -> object:
    """The parsed response: a dict as it is, another mapping copied, bytes or text decoded."""
    if type(data) is dict:
        return data
    if not isinstance(data, _TEXTS) and isinstance(data, Mapping):
        return dict(data)
    return decode_json(data)  # type: ignore[arg-type]  # refuses anything but bytes and text, as it must


def _order_amounts(
    reading: ResponseReading, amount: Decimal | None
) -> tuple[Decimal | None, list[tuple[Decimal | None, str]]]:
    """The order amount the plans are checked against, and per plan that amount and where it comes
    from (see ``checks._cross_checks``).

    With no order amount given, the plans vote: the most common implied amount (the first plan's on a
    tie) is the order amount, and a plan that implies another is the one in error.
    """
    if amount is not None:
        return amount, [(amount, "given")] * len(reading.objects)
    for plan in reading.plans:
        read_details(plan)
    implied = [_implied_amount(plan) for plan in reading.plans]
    reference = _most_common(implied)
    return reference, [(reference, "own" if own == reference else "others") for own in implied]


def clear_caches() -> None:
    """Forget every recomputed plan: validation then starts as cold as in a fresh process.

    For benchmarks and tests; a service never needs it (the caches are bounded).
    """
    clear_all()


def _common_currency(reading: ResponseReading) -> str | None:
    """The currency most plans state, if any do."""
    return _most_common([plan.currency or None for plan in reading.plans])


_Voted = TypeVar("_Voted", Decimal, str)


def _most_common(values: list[_Voted | None]) -> _Voted | None:
    """The value most *values* are (None aside), the first of them on a tie: how plans vote for
    the order amount and currency none was given for."""
    counted = Counter(value for value in values if value is not None)
    return counted.most_common(1)[0][0] if counted else None

