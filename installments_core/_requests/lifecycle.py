"""One purchase from get plans to cancel: the rules that tie the requests together.

Each request can be valid on its own and still wrong in sequence.  :class:`InstallmentPurchase`
follows one order and enforces what the guide says across requests:

- select names a ``planId`` the get-plans response offered and a ``tcVersion`` that plan's terms
  carry (the customer accepted *those* terms);
- select and cancel send the order's amount and currency;
- cancel uses the same link as select: the same authorization code, or the same network
  transaction ID ("cancelling with an authorization code also requires you to have already
  included the authorization code in the select request");
- refunds together never exceed what was captured; a partial refund's cancel carries
  ``refundAmount`` (less than the order total, two decimals); a full refund's does not;
- a refund or a reversal after select requires a cancel: :attr:`~InstallmentPurchase.cancel_required`
  says so, and :attr:`~InstallmentPurchase.next_step` says what to do.

Choices where the guide is silent (documented in ``docs/requests.md``):

- ``authorizationDateTime`` names the authorization, so select and cancel should send the same
  instant.  With an authorization code (six characters, not unique) the date and time is what
  finds the authorization, so a different instant is a violation.  With an NTID the NTID alone
  finds it, and the guide's own NTID-and-token example pair sends two different date-times: that
  is accepted.  Instants are compared to the second, so ``…:45.827Z`` and ``…:45Z`` agree.
- A repeated select (a retry after a timeout) must repeat the whole first one: plan, terms
  version and link, its date and time included, whatever the link's kind.  A select that differs
  in any of them is another selection or another authorization, and is refused; the first one's
  record stands.
- A refund equal to the order total is a full refund (no ``refundAmount``); any smaller refund is
  partial, even if it returns everything captured.
- Each refund or reversal after select needs its own cancel, in order.

>>> from installments_core.cards import CardNumber
>>> from installments_core.requests import AuthorizationLink
>>> purchase = InstallmentPurchase("500", "USD", CardNumber("4622943127019793"))
>>> purchase.next_step
'send the get-plans request'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from .._core.money import CTX, parse_amount
from .._errors import LifecycleError, mask_digit_runs, shown_amount
from .._findings import Finding
from .._wire.authorization import Authorization, leaf, read_authorization
from .._wire.payment_identifiers import AuthorizationLink, LinkKind, PaymentIdentifier
from .._wire.request_amounts import check_currency, order_amount_text, parse_money, refund_amount_text
from .._wire.request_builders import build_cancel_request, build_get_plans_request, build_select_request
from .._wire.request_fields import (
    AMOUNT,
    AUTHORIZATION_DATE_TIME,
    CURRENCY,
    PLAN_ID,
    REFUND_AMOUNT,
    TC_VERSION,
    parse_authorization_date_time,
    refusal,
    safe_describe,
)
from .installments import check_plan_choice, validate_installments_request
from .offered import OfferedPlan, offered_plans
from .request_report import RequestKind, RequestReport

__all__ = ["InstallmentPurchase", "PendingCancel"]


class PendingCancel(NamedTuple):
    """A refund or a reversal after select, not yet followed by its cancel request."""

    reason: str
    """``"refund"`` or ``"reversal"``."""
    refund_amount: Decimal | None
    """The partial refund's amount, which the cancel sends as ``refundAmount``; ``None`` for a
    full refund or a reversal."""

    def __repr__(self) -> str:
        refund_amount = mask_digit_runs(repr(self.refund_amount), card_field=True)
        return f"PendingCancel(reason={self.reason!r}, refund_amount={refund_amount})"


class _Selection(NamedTuple):
    plan_id: str
    tc_version: str
    link_kind: LinkKind
    link_value: str
    authorized_at: str


class InstallmentPurchase:
    """The installments side of one order: build each request, or check one built elsewhere,
    against what came before.

    The ``*_request`` methods return a valid payload and record the step, or raise
    :class:`~installments_core.InvalidRequestError` listing every violation.  The ``check_*``
    methods return a :class:`~installments_core.RequestReport` and change nothing.  The
    ``record_*`` methods take what other APIs did (the get-plans response, captures, refunds,
    reversals) and raise :class:`~installments_core.LifecycleError` for an impossible step.
    """

    def __init__(self, total_amount: object, currency: str, payment: PaymentIdentifier) -> None:
        problem = check_currency(currency)
        if problem is not None:
            raise refusal(problem, CURRENCY)
        self.currency = currency
        self.amount_text = order_amount_text(total_amount, currency)
        """``totalAmount`` as every request of this purchase sends it."""
        self.total = parse_amount(self.amount_text, currency, path=AMOUNT)
        """The order total, with the currency's minor digits."""
        self.payment = payment
        # Built once so a bad identifier fails here, not at the third request.
        build_get_plans_request(self.amount_text, currency, payment)
        self._plans: tuple[OfferedPlan, ...] | None = None
        self._authorization: Authorization | None = None
        self._selection: _Selection | None = None
        self._captured = parse_amount(0, currency)
        self._refunded = self._captured
        self._reversed = False
        self._pending: list[PendingCancel] = []

    def __repr__(self) -> str:
        amount = mask_digit_runs(self.amount_text, card_field=True)
        return (f"InstallmentPurchase({amount!r}, {self.currency!r}, {self.payment!r}, "
                f"next_step={self.next_step!r})")

    # -- state ---------------------------------------------------------------------------------

    @property
    def plans(self) -> tuple[OfferedPlan, ...] | None:
        """The plans of the recorded get-plans response, ``None`` before one is recorded."""
        return self._plans

    @property
    def selected_plan_id(self) -> str | None:
        """The ``planId`` of the select request sent, if any."""
        return self._selection.plan_id if self._selection else None

    @property
    def captured(self) -> Decimal:
        """Total captured so far."""
        return self._captured

    @property
    def refunded(self) -> Decimal:
        """Total refunded so far."""
        return self._refunded

    @property
    def pending_cancels(self) -> tuple[PendingCancel, ...]:
        """Refunds and reversals after select that still need their cancel request, oldest first."""
        return tuple(self._pending)

    @property
    def cancel_required(self) -> bool:
        """Whether a cancel request is due: a refund or reversal happened after select."""
        return bool(self._pending)

    @property
    def next_step(self) -> str:
        """What the merchant must do next, in words."""
        if self._pending:
            pending = self._pending[0]
            what = (f"refunded ({shown_amount(pending.refund_amount)} {self.currency}, partial: send refundAmount)"
                    if pending.refund_amount is not None
                    else "refunded in full" if pending.reason == "refund" else "reversed")
            return f"send a cancel request: the authorization was {what} after the plan was selected"
        if self._reversed:
            return "nothing: the authorization was reversed"
        if self._plans is None:
            return "send the get-plans request"
        if self._selection is None:
            if not self._plans:
                return "offer pay-in-full: the get-plans response offered no plan"
            if self._authorization is not None:
                return "send the select request for the plan the customer chose"
            return "show the plans, authorize the full amount, then send the select request"
        if self._captured < self.total:
            return "capture the payment"
        return "nothing: the plan is selected and the payment captured"

    # -- get plans ------------------------------------------------------------------------------

    def get_plans_request(self, *, category_code: str | int | None = None) -> dict[str, object]:
        """The get-plans request for this order."""
        return build_get_plans_request(self.amount_text, self.currency, self.payment, category_code=category_code)

    def record_plans(self, response: object) -> tuple[OfferedPlan, ...]:
        """Record the parsed get-plans *response*; returns the plans it offered.

        A plan stated in another currency than the order's is refused: its amounts are not this
        order's.
        """
        if self._selection is not None:
            raise LifecycleError("plans", expected="get-plans before select", actual="a plan is already selected")
        plans = offered_plans(response)
        for index, plan in enumerate(plans):
            if plan.currency is not None and plan.currency != self.currency:
                raise LifecycleError(f"plans[{index}].currency", expected=f"the order currency {self.currency!r}",
                                     actual=safe_describe(plan.currency))
        self._plans = plans
        return plans

    # -- authorization --------------------------------------------------------------------------

    @property
    def authorization(self) -> Authorization | None:
        """The recorded authorization, ``None`` before one is recorded."""
        return self._authorization

    def record_authorization(self, response: object) -> Authorization:
        """Record the authorization response (``POST /pts/v2/payments``, JSON text or parsed);
        returns what it carries.  :meth:`select_request` then links the plan to it.

        A declined, failed, partial or held authorization raises
        :class:`~installments_core.AuthorizationDeclinedError` and records nothing; one of another
        amount or currency than the order's raises :class:`~installments_core.LifecycleError`: a
        plan follows the authorization of the full order.  Another authorization may replace
        the recorded one until a plan is selected.
        """
        if self._selection is not None:
            raise LifecycleError("authorization", expected="an authorization before select",
                                 actual="a plan is already selected")
        authorization = read_authorization(response)
        amount, currency = authorization.authorized_amount, authorization.currency
        if (currency is not None and currency != self.currency) or (amount is not None and amount != self.total):
            raise LifecycleError(
                "orderInformation.amountDetails", expected=f"an authorization of the order total "
                f"{shown_amount(self.total)} {self.currency}",
                actual=f"{'no amount' if amount is None else shown_amount(amount)} {currency or self.currency}")
        self._authorization = authorization
        return authorization

    # -- select ---------------------------------------------------------------------------------

    def _order_violations(self, request: Mapping[str, object]) -> list[Finding]:
        violations = []
        amount = leaf(request, AMOUNT)
        currency = leaf(request, CURRENCY)
        if currency != self.currency:
            violations.append(Finding(CURRENCY, "the currency must be the order's", repr(self.currency),
                                      safe_describe(currency), "order_mismatch"))
        elif isinstance(amount, str):
            try:
                same = parse_amount(amount, self.currency) == self.total
            except ValueError:
                same = True  # malformed: the request's own field checks have reported it
            if not same:
                violations.append(Finding(AMOUNT, "the amount must be the order total",
                                          repr(mask_digit_runs(self.amount_text, card_field=True)),
                                          safe_describe(amount), "order_mismatch"))
        return violations

    def check_select(self, request: object) -> RequestReport:
        """Check a select request against this purchase: the request's own rules, then the
        offered plans and terms, the order, and the state (no select after a reversal or a
        refund; one plan per purchase)."""
        report = validate_installments_request(request, RequestKind.SELECT)
        if not isinstance(request, Mapping):
            return report
        violations = list(report.violations)
        plan_id, tc_version = leaf(request, PLAN_ID), leaf(request, TC_VERSION)
        if self._plans is None:
            violations.append(Finding(PLAN_ID, "select needs a planId from a get-plans response; none was recorded",
                                      "a recorded get-plans response", "none", "no_plans"))
        else:
            violations.extend(check_plan_choice(plan_id, tc_version, self._plans))
        violations.extend(self._order_violations(request))
        if self._reversed or self._refunded > 0:
            what = "reversed" if self._reversed else "refunded"
            violations.append(Finding("", f"the authorization was {what}: there is nothing to link a plan to",
                                      "an authorization not reversed or refunded", what, "authorization_gone"))
        link = _link_of(request)
        if self._selection is not None and link is not None:
            repeat = _repeat_violation(request, plan_id, tc_version, link, self._selection)
            if repeat is not None:
                violations.append(repeat)
        return RequestReport(report.kind, tuple(sorted(violations, key=lambda violation: violation.path)))

    def select_request(
        self, plan_id: str, tc_version: str, authorization: AuthorizationLink | None = None
    ) -> dict[str, object]:
        """The select request for the customer's choice; records the selection.

        The plan is linked to *authorization*, or when none is given to the recorded
        authorization's (:meth:`record_authorization`, :meth:`Authorization.link
        <installments_core.requests.Authorization.link>`).

        Repeating an identical select (after a timeout, say) is allowed; another plan, other
        terms or another authorization (another code, NTID or date and time) is not.
        """
        if authorization is None:
            if self._authorization is None:
                raise LifecycleError("authorization", expected="a recorded authorization or an AuthorizationLink",
                                     actual="none", detail="record_authorization(response) first")
            authorization = self._authorization.link()
        request = build_select_request(self.amount_text, self.currency, self.payment, authorization,
                                       plan_id=plan_id, tc_version=tc_version)
        self.check_select(request).raise_if_invalid()
        if self._selection is None:  # a repeat is the same select: the first one's record stands
            self._selection = _Selection(plan_id, tc_version, authorization.kind, authorization.value,
                                         authorization.authorized_at)
        return request

    # -- capture, refund, reversal ----------------------------------------------------------

    def record_capture(self, amount: object) -> None:
        """Record a capture of *amount*; captures together never exceed the order total."""
        value = parse_money(amount, self.currency, path="capture")
        if self._reversed:
            raise LifecycleError("capture", expected="an authorization not reversed", actual="reversed")
        remaining = CTX.subtract(self.total, self._captured)
        if value.is_zero() or value > remaining:
            raise LifecycleError("capture", expected=f"an amount above zero and at most {shown_amount(remaining)} "
                                 f"{self.currency} "
                                 "(the order total less what was captured)", actual=safe_describe(amount))
        self._captured = CTX.add(self._captured, value)

    def record_refund(self, amount: object) -> None:
        """Record a refund of *amount*.  Refunds together never exceed what was captured.

        After select, every refund requires a cancel request: partial ones carry the amount.
        """
        value = parse_money(amount, self.currency, path=REFUND_AMOUNT)
        remaining = CTX.subtract(self._captured, self._refunded)
        if value.is_zero() or value > remaining:
            raise LifecycleError(
                REFUND_AMOUNT,
                expected=f"an amount above zero and at most {shown_amount(remaining)} {self.currency} "
                "(refunds together never exceed what was captured)",
                actual=safe_describe(amount),
            )
        self._refunded = CTX.add(self._refunded, value)
        if self._selection is not None:
            partial = value if value < self.total else None
            self._pending.append(PendingCancel("refund", partial))

    def record_reversal(self) -> None:
        """Record that the authorization was reversed.  After select, a cancel is required."""
        if self._reversed:
            raise LifecycleError("reversal", expected="one reversal", actual="already reversed")
        if not self._captured.is_zero():
            raise LifecycleError("reversal", expected="an authorization not yet captured",
                                 actual=f"{shown_amount(self._captured)} {self.currency} captured",
                                 detail="a captured payment is refunded, not reversed")
        self._reversed = True
        if self._selection is not None:
            self._pending.append(PendingCancel("reversal", None))

    # -- cancel ----------------------------------------------------------------------------------

    def check_cancel(self, request: object) -> RequestReport:
        """Check a cancel request against this purchase: the request's own rules, then the link
        of the select, the order, and the refund or reversal it answers."""
        report = validate_installments_request(request, RequestKind.CANCEL)
        if not isinstance(request, Mapping):
            return report
        violations = list(report.violations)
        violations.extend(self._order_violations(request))
        selection = self._selection
        if selection is None:
            violations.append(Finding("", "cancel needs a selected plan; no select request was recorded",
                                      "a select request before", "none", "nothing_selected"))
        else:
            violations.extend(_link_violations(request, selection))
        refund = leaf(request, REFUND_AMOUNT)
        if not self._pending:
            violations.append(Finding(
                "", "a cancel follows a refund or a reversal of the authorization; none is recorded",
                "record_refund(...) or record_reversal() first", "none", "cancel_without_reason"))
        else:
            pending = self._pending[0]
            if pending.refund_amount is None and refund is not None:
                answered = "full refund" if pending.reason == "refund" else "reversal"
                violations.append(Finding(
                    REFUND_AMOUNT, f"the cancel answers a {answered}: it sends no refundAmount", "no refundAmount",
                    safe_describe(refund), "refund_mismatch"))
            elif pending.refund_amount is not None:
                expected = refund_amount_text(pending.refund_amount, self.total, self.currency)
                if refund != expected:
                    violations.append(Finding(
                        REFUND_AMOUNT, "a partial refund's cancel sends the amount refunded as refundAmount",
                        repr(mask_digit_runs(expected, card_field=True)),
                        "missing" if refund is None else safe_describe(refund),
                        "refund_mismatch"))
        return RequestReport(report.kind, tuple(sorted(violations, key=lambda violation: violation.path)))

    def cancel_request(
        self, *, installment_id: str | None = None, category_code: str | int | None = None
    ) -> dict[str, object]:
        """The cancel request for the oldest pending refund or reversal, with the select's link."""
        if self._selection is None or not self._pending:
            reason = "no select request was recorded" if self._selection is None else "nothing refunded or reversed"
            raise LifecycleError("cancel", expected="a refund or reversal after select", actual=reason)
        selection = self._selection
        link = AuthorizationLink(selection.link_kind, selection.link_value, selection.authorized_at)
        pending = self._pending[0]
        request = build_cancel_request(self.amount_text, self.currency, self.payment, link,
                                       refund_amount=pending.refund_amount, installment_id=installment_id,
                                       category_code=category_code)
        self.check_cancel(request).raise_if_invalid()
        self._pending.pop(0)
        return request


def _link_of(request: Mapping[str, object]) -> tuple[LinkKind, object] | None:
    kinds = [kind for kind in LinkKind if leaf(request, kind.path) is not None]
    if len(kinds) != 1:
        return None  # the request's own checks report a missing or doubled link
    return kinds[0], leaf(request, kinds[0].path)


def _same_instant(sent: object, selected: str) -> bool | None:
    """Whether two ``authorizationDateTime`` texts name the same second; ``None`` when *sent* is
    malformed (its own field check reports it)."""
    sent_instant = parse_authorization_date_time(sent)
    selected_instant = parse_authorization_date_time(selected)
    if sent_instant is None or selected_instant is None:
        return None
    return sent_instant.replace(microsecond=0) == selected_instant.replace(microsecond=0)


def _repeat_violation(
    request: Mapping[str, object], plan_id: object, tc_version: object, link: tuple[LinkKind, object],
    selection: _Selection,
) -> Finding | None:
    """A select after the first must repeat it: the same plan and terms and the same whole link
    (kind, value and date and time); anything else would be another selection or another
    authorization."""
    kind, value = link
    sent_at = leaf(request, AUTHORIZATION_DATE_TIME)
    if plan_id != selection.plan_id:
        path = PLAN_ID
    elif tc_version != selection.tc_version:
        path = TC_VERSION
    elif (kind, value) != (selection.link_kind, selection.link_value):
        path = kind.path
    elif _same_instant(sent_at, selection.authorized_at) is False:
        path = AUTHORIZATION_DATE_TIME
    else:
        return None
    return Finding(
        path, "a plan is already selected for this purchase; a repeated select must be identical",
        f"planId {safe_describe(selection.plan_id)} by {selection.link_kind.words} "
        f"{safe_describe(selection.link_value)} at {safe_describe(selection.authorized_at)}",
        f"planId {safe_describe(plan_id)} by {kind.words} {safe_describe(value)} at {safe_describe(sent_at)}",
        "already_selected")


def _link_violations(request: Mapping[str, object], selection: _Selection) -> list[Finding]:
    link = _link_of(request)
    if link is None:
        return []
    kind, value = link
    expected = f"{selection.link_kind.words} {safe_describe(selection.link_value)}, as in the select request"
    if kind is not selection.link_kind or value != selection.link_value:
        return [Finding(kind.path, "cancel must use the same link as the select request", expected,
                        f"{kind.words} {safe_describe(value)}", "link_mismatch")]
    if kind is LinkKind.NETWORK_TRANSACTION_ID:
        return []  # the NTID alone names the authorization (see the module docstring)
    if _same_instant(leaf(request, AUTHORIZATION_DATE_TIME), selection.authorized_at) is False:
        return [Finding(AUTHORIZATION_DATE_TIME,
                        "with an authorization code, the date and time finds the authorization: it must be the "
                        "select request's", repr(selection.authorized_at),
                        safe_describe(leaf(request, AUTHORIZATION_DATE_TIME)), "authorization_mismatch")]
    return []

