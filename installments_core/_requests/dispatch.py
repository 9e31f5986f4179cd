"""One entry point for every request this library checks."""

from __future__ import annotations

from .._errors import InstallmentsError
from .installments import validate_installments_request
from .jpo_authorization import validate_jpo_authorization
from .request_report import RequestKind, RequestReport

__all__ = ["validate_request"]


def validate_request(
    document: object, kind: RequestKind | str, *, plans: object = None, card_present: bool | None = None
) -> RequestReport:
    """Check a parsed request of *kind* (``get-plans``, ``select``, ``cancel`` or
    ``jpo-authorization``) and return every violation, by path.

    *plans* (select only) is the parsed get-plans response the ``planId`` and ``tcVersion`` must
    come from; *card_present* (JPO only) says whether a ``terminalId`` is required.

    >>> import json
    >>> from pathlib import Path
    >>> request = json.loads(Path("tests/data/guide/select_pan_ac.request.json").read_text())
    >>> validate_request(request, "select").ok
    True
    >>> plans = json.loads(Path("tests/data/guide/get_plans_token.response.json").read_text())
    >>> print(validate_request(request, "select", plans=plans))  # doctest: +ELLIPSIS
    select request: 1 violation
      installmentInformation.planId: the planId must be one the get-plans response offered (expected one of \
'49ae7aa2-68ec-5f33-fd51-12fd51a2a601', ..., found '1cc80cb6-866d-0a3e-7c52-18f6aced3201')
    """
    kind = RequestKind.parse(kind)
    if kind is RequestKind.JPO_AUTHORIZATION:
        if plans is not None:
            raise InstallmentsError("plans", expected="a get-plans response only with a select request",
                                    actual="a jpo-authorization request")
        return validate_jpo_authorization(document, card_present=card_present)
    if card_present is not None:
        raise InstallmentsError("card_present", expected="card_present only with a jpo-authorization request",
                                actual=f"a {kind.value} request")
    return validate_installments_request(document, kind, plans=plans)
