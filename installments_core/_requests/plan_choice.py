"""The customer's choice as a plain HTML form posts it: the plan and the terms version it showed.

A select request needs both the ``planId`` and the ``tcVersion`` of the terms the customer saw.
A form without JavaScript posts only the checked radio button's value, so that one value carries
both: each part percent-encoded (UTF-8, nothing left unescaped but letters, digits and ``-._~``)
and the two joined by a colon, which neither part can then hold.  Pay in full posts the empty
value.  :func:`plan_choice_value` writes it (the selector does), :func:`read_plan_choice` reads it
back and checks it against the plans the get-plans response offered.

>>> value = plan_choice_value("1cc80cb6-866d", "1")
>>> value
'1cc80cb6-866d:1'
>>> read_plan_choice(value, (OfferedPlan("1cc80cb6-866d", ("1",), "USD"),))
PlanChoice(plan_id='1cc80cb6-866d', tc_version='1')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import quote, unquote

from .._errors import InvalidRequestError
from .._findings import Finding
from .._wire.request_fields import PLAN_ID, TC_VERSION, safe_describe
from .installments import check_plan_choice
from .offered import OfferedPlan

__all__ = ["PlanChoice", "plan_choice_value", "read_plan_choice"]

_SEPARATOR = ":"


class PlanChoice(NamedTuple):
    """The plan the customer chose and the version of its terms they were shown: what select sends."""

    plan_id: str
    tc_version: str


def plan_choice_value(plan_id: str, tc_version: str | None) -> str:
    """The form value that posts *plan_id* with *tc_version* (a plan without terms: the ID alone).

    Any text is written, as the issuer sent it: whether the plan can be selected is decided when
    the value comes back (:func:`read_plan_choice`).
    """
    for name, value in (("plan_id", plan_id), ("tc_version", tc_version)):
        if not isinstance(value, str) and (name == "plan_id" or value is not None):
            raise InvalidRequestError(name, expected="a string" if name == "plan_id" else "a string or None",
                                      actual=safe_describe(value))
    parts = (plan_id,) if tc_version is None else (plan_id, tc_version)
    return _SEPARATOR.join(quote(part, safe="") for part in parts)


def _decoded(part: str) -> str | None:
    try:
        return unquote(part, errors="strict")
    except UnicodeDecodeError:  # an escape that is no UTF-8: not a value the selector wrote
        return None


def read_plan_choice(posted: object, plans: Sequence[OfferedPlan]) -> PlanChoice | None:
    """The choice a form posted (the selector's field), checked against the offered *plans*.

    ``None`` for pay in full (the empty value).  A plan the response did not offer, a terms
    version its terms do not carry, or a value the selector cannot have written raises
    :class:`~installments_core.InvalidRequestError` listing the violations, as the select
    request's own check would (``plan_not_offered``, ``tc_version_not_offered``,
    ``missing_field``).

    >>> plans = (OfferedPlan("p-1", ("1", "2"), None),)
    >>> read_plan_choice("", plans) is None
    True
    >>> read_plan_choice("p-1:3", plans)
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidRequestError: installmentInformation.tcVersion: expected one of '1', '2', \
found '3' (the tcVersion must be a version of the chosen plan's terms and conditions)
    """
    if (not isinstance(plans, Sequence) or isinstance(plans, str)
            or not all(isinstance(plan, OfferedPlan) for plan in plans)):
        raise InvalidRequestError("plans", expected="the offered plans, as offered_plans gives them",
                                  actual=safe_describe(plans))
    if posted == "":
        return None
    parts = posted.split(_SEPARATOR) if isinstance(posted, str) else []
    decoded = [_decoded(part) for part in parts]
    plan_id = decoded[0] if decoded else None
    tc_version = decoded[1] if len(decoded) == 2 else None
    violations: list[Finding] = []
    if not 1 <= len(decoded) <= 2 or None in decoded:
        # Described as decoded: a card number posted percent-encoded (%34%36...) is masked like any other.
        shown = unquote(posted, errors="replace") if isinstance(posted, str) else posted
        violations.append(Finding(PLAN_ID, "the posted choice is a value the plan selector wrote",
                                  "a planId and a tcVersion, percent-encoded and joined by ':'",
                                  safe_describe(shown), "plan_not_offered"))
    else:
        violations.extend(check_plan_choice(plan_id, tc_version, tuple(plans)))
        if tc_version is None and not violations:
            violations.append(Finding(TC_VERSION, "the posted choice carries the version of the terms shown",
                                      "a tcVersion after the planId", "none", "missing_field"))
    if violations:
        first = violations[0]
        raise InvalidRequestError(first.path, expected=first.expected, actual=first.actual, detail=first.rule,
                                  violations=tuple(violations))
    assert plan_id is not None
    assert tc_version is not None
    return PlanChoice(plan_id, tc_version)
