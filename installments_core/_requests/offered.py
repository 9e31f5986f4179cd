"""What a select request needs from a get-plans response: each plan's ID and terms versions.

Only these few fields are read, from the parsed JSON, in either shape, where each codec's field
table (``_wire/cybersource/table.py``, ``_wire/visa/table.py``) puts them:

- Cybersource: ``installmentInformation.planDetails[]`` with ``planId``,
  ``termsAndConditions[].version`` (a string) and ``amountDetails.currency``;
- Visa's native format: ``matchedPlans[]`` with ``vPlanID``, ``termsAndConditions[].version``
  (an integer, sent back as its decimal string) and ``costInfo.currency``.

The codecs' readers are strict where this is lenient on purpose (they refuse more than 64 terms
entries or 100 plans, which a select check has no reason to), so the walk is this module's own.
Full response validation is another module's job; this one refuses only what would make a
follow-up check meaningless (no plan list, a plan or terms entry that is not an object, a
currency that is not a code), and leaves out the plans a select request could not send back, as
validation and the display decide it (:func:`~.._wire.request_fields.selection_problem`): a plan whose
planId, or any of whose terms versions, breaks the select request's rules, or that has no terms.

>>> offered = offered_plans({"installmentInformation": {"planDetails": [
...     {"planId": "1cc80cb6", "termsAndConditions": [{"version": "1", "languageCode": "eng"}]}]}})
>>> offered
(OfferedPlan(plan_id='1cc80cb6', tc_versions=('1',), currency=None),)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Final, NamedTuple

from .._errors import PlansResponseError, mask_digit_runs
from .._wire.cybersource import table as cybersource_table
from .._wire.envelope import VISA_NATIVE, plans_format
from .._wire.fields import MAX_VERSION
from .._wire.request_fields import safe_describe, selection_problem
from .._wire.visa import table as visa_table

__all__ = ["OfferedPlan", "offered_plans"]


class _Format(NamedTuple):
    """Where a format keeps what a select request needs, from its codec's field table."""

    plans: str
    plan_id: str
    terms: str
    version: str
    currency: tuple[str, str]
    native: bool


def _format(table: ModuleType, *, native: bool) -> _Format:
    holder, _, currency = table.PATHS["currency"].partition(".")
    (version,) = (field.path for field in table.TERMS if field.role == "version")
    return _Format(table.PLANS, table.PATHS["plan_id"], table.PATHS["terms"], version, (holder, currency), native)


_CYBERSOURCE: Final = _format(cybersource_table, native=False)
_VISA: Final = _format(visa_table, native=True)


class OfferedPlan(NamedTuple):
    """A plan as far as a select request is concerned."""

    plan_id: str
    tc_versions: tuple[str, ...]
    """The ``version`` of each language of the plan's terms, as a select sends it (a string)."""
    currency: str | None
    """The plan's currency, when the response states it."""

    def __repr__(self) -> str:
        # IDs and versions come from a response: a card number among them is masked like anywhere.
        versions = tuple(mask_digit_runs(version) for version in self.tc_versions)
        return (f"OfferedPlan(plan_id={mask_digit_runs(self.plan_id)!r}, tc_versions={versions!r}, "
                f"currency={self.currency if self.currency is None else mask_digit_runs(self.currency)!r})")


def _sent_version(value: object, native: bool) -> object:
    """A terms version as a select request sends it back: Visa's native responses number the
    versions (an integer from 0 to MAX_VERSION, as validation reads them), sent as the number's
    decimal string; anything else there is no version (``None``).  Cybersource's is sent as it came."""
    if not native:
        return value
    return str(value) if type(value) is int and 0 <= value <= MAX_VERSION else None


def _plan(entry: object, path: str, shape: _Format) -> OfferedPlan | None:
    """The plan *entry* as a select check needs it, or ``None`` when it cannot be selected."""
    if not isinstance(entry, Mapping):
        raise PlansResponseError(path, expected="a plan object", actual=safe_describe(entry))
    terms = entry.get(shape.terms, [])
    if not isinstance(terms, Sequence) or isinstance(terms, str):
        raise PlansResponseError(f"{path}.{shape.terms}", expected="an array", actual=safe_describe(terms))
    sent: list[object] = []
    for index, term in enumerate(terms):
        if not isinstance(term, Mapping):
            raise PlansResponseError(f"{path}.{shape.terms}[{index}]", expected="an object",
                                     actual=safe_describe(term))
        sent.append(_sent_version(term.get(shape.version), shape.native))
    holder_key, currency_key = shape.currency
    holder = entry.get(holder_key)
    currency = holder.get(currency_key) if isinstance(holder, Mapping) else None
    if currency is not None and not isinstance(currency, str):
        # Not "no currency stated": a plan whose currency cannot be read cannot be matched to an order.
        raise PlansResponseError(f"{path}.{holder_key}.{currency_key}",
                                 expected="a currency code such as 'USD'", actual=safe_describe(currency))
    plan_id = entry.get(shape.plan_id)
    # The decision validation and the display make too (selection_problem): a plan whose ID or any
    # terms version a select request could not send back is not offered; nor is one without terms,
    # which leaves nothing to send as tcVersion (validation: terms_missing).
    if not sent or selection_problem(plan_id, sent) is not None:
        return None
    assert isinstance(plan_id, str)  # checked by selection_problem
    versions = tuple(dict.fromkeys(version for version in sent if isinstance(version, str)))
    return OfferedPlan(plan_id, versions, currency)


def offered_plans(response: object) -> tuple[OfferedPlan, ...]:
    """The plans of a parsed get-plans *response*, Cybersource's shape or Visa's native one.

    An empty plan list is a valid answer ("no plan matches"): it gives an empty tuple.

    >>> offered_plans({"matchedPlans": [{"vPlanID": "ab12", "termsAndConditions": [{"version": 3}]}]})
    (OfferedPlan(plan_id='ab12', tc_versions=('3',), currency=None),)
    >>> offered_plans({"status": "ACCEPTED"})
    Traceback (most recent call last):
    ...
    installments_core.errors.ResponseFormatError: expected a get-plans response of one format: \
installmentInformation.planDetails (Cybersource) or matchedPlans (Visa), found an object with neither

    The format is decided as validation decides it (:func:`~.._wire.envelope.plans_format`): an
    error answer, or a document of both formats, is no list of plans to choose from.
    """
    if not isinstance(response, Mapping):
        raise PlansResponseError("", expected="a get-plans response object", actual=safe_describe(response))
    shape = _VISA if plans_format(response) == VISA_NATIVE else _CYBERSOURCE
    plans: object = response
    for key in shape.plans.split("."):
        # plans_format saw the first key; below it, anything may be absent, null or of the wrong kind.
        plans = plans.get(key) if isinstance(plans, Mapping) else None
    path = shape.plans
    if plans is None:
        # A null list is no list, as validation reports it (missing_field) in either format.
        raise PlansResponseError(path, expected="an array of plans", actual="missing")
    if not isinstance(plans, Sequence) or isinstance(plans, str):
        raise PlansResponseError(path, expected="an array of plans", actual=safe_describe(plans))
    # A plan that cannot be selected is left out, so it is never echoed back in a violation's list
    # of what was offered either.
    offered = (_plan(entry, f"{path}[{index}]", shape) for index, entry in enumerate(plans))
    return tuple(plan for plan in offered if plan is not None)
