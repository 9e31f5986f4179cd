"""Which get-plans format a document is, decided once for every reader of plan lists.

A document is exactly one format: Cybersource's (``installmentInformation``) or Visa's native one
(``matchedPlans``).  One that carries both plan lists would be read as whichever the reader looked
for first, and every plan of the other would go unchecked; one that carries neither has no plans
to check.  Either is refused, never read as an empty list.  An error answer (a ``status`` other
than the documented ``ACCEPTED``, a ``processorInformation.responseCode`` that is not a success,
Cybersource's error ``reason`` or an ``errorInformation``) is not a plan list either, whatever else
it carries.

>>> plans_format({"status": "ACCEPTED", "installmentInformation": {"planDetails": []}})
'cybersource'
>>> plans_format({"installmentInformation": {"planDetails": []}, "matchedPlans": []})
Traceback (most recent call last):
...
installments_core.errors.ResponseFormatError: expected a get-plans response of one format: \
installmentInformation.planDetails (Cybersource) or matchedPlans (Visa), found an object with both
>>> plans_format({"status": "REJECTED", "installmentInformation": {"planDetails": []}})
Traceback (most recent call last):
...
installments_core.errors.ErrorResponseError: status: expected 'ACCEPTED' (a get-plans answer), found 'REJECTED'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from .._errors import ErrorResponseError, ResponseFormatError, describe

__all__ = ["CYBERSOURCE", "SUCCESS_STATUS", "VISA_NATIVE", "plans_format"]

CYBERSOURCE: Final = "cybersource"
VISA_NATIVE: Final = "visa"
SUCCESS_STATUS: Final = "ACCEPTED"
"""The one ``status`` the guide documents for an answer that carries plans."""
# The guide's responses carry "200"; any HTTP-style success code is one, every other code an error.
# A set of the hundred texts: a lookup costs less than a regular expression on every response.
_SUCCESS_RESPONSE_CODES: Final = frozenset(str(code) for code in range(200, 300))
_ERROR_FIELDS: Final = ("reason", "errorInformation")
_ONE_FORMAT: Final = (
    "a get-plans response of one format: installmentInformation.planDetails (Cybersource) or matchedPlans (Visa)"
)


def plans_format(document: Mapping[str, object]) -> Literal["cybersource", "visa"]:
    """The format of a get-plans *document*: ``"cybersource"`` or ``"visa"``.

    Raises :class:`~installments_core.ErrorResponseError` for an error answer and
    :class:`~installments_core.ResponseFormatError` for a document of both formats or neither.
    A ``status`` or ``responseCode`` that is not a string (``"status": 200``,
    ``"responseCode": 400``) is no success either: the answer is an error answer, for every reader
    alike, since whether such a document carries plans would be a guess.

    >>> plans_format({"processorInformation": {"responseCode": 200}, "matchedPlans": []})
    Traceback (most recent call last):
    ...
    installments_core.errors.ErrorResponseError: processorInformation.responseCode: expected a success code \
such as '200', found 200
    """
    for key in _ERROR_FIELDS:
        if key in document:
            raise ErrorResponseError(key, expected=f"a get-plans answer, which has no {key}",
                                     actual=describe(document[key]))
    status = document.get("status")
    if status is not None and status != SUCCESS_STATUS:
        raise ErrorResponseError("status", expected=f"{SUCCESS_STATUS!r} (a get-plans answer)", actual=describe(status))
    processor = document.get("processorInformation")
    code = processor.get("responseCode") if type(processor) is dict or isinstance(processor, Mapping) else None
    if code is not None and (not isinstance(code, str) or code not in _SUCCESS_RESPONSE_CODES):
        raise ErrorResponseError("processorInformation.responseCode", expected="a success code such as '200'",
                                 actual=describe(code))
    cybersource = "installmentInformation" in document
    if cybersource == ("matchedPlans" in document):
        raise ResponseFormatError("", expected=_ONE_FORMAT,
                                  actual="an object with both" if cybersource else "an object with neither")
    return CYBERSOURCE if cybersource else VISA_NATIVE
