"""A parsed get-plans response of either format, read by its format's reader."""

from __future__ import annotations

from .._errors import MalformedResponseError, describe
from .cybersource import reader as cybersource_reader
from .envelope import VISA_NATIVE, plans_format
from .reading import PlanReading, ResponseReading
from .visa import reader as visa_reader

__all__ = ["read_details", "read_response"]


def read_response(document: object, *, defer_details: bool = False) -> ResponseReading:
    """Read a parsed get-plans response of either format.

    Raises :class:`~installments_core.MalformedResponseError` only when the document is not an
    object of exactly one known format, or is an error answer (:func:`~.envelope.plans_format`);
    everything else unreadable is listed in the reading's errors.  With *defer_details*, the
    amounts of a Cybersource plan are left for :func:`read_details`: the validator reads them
    for every plan it cannot accept by its texts alone (and for every plan when the plans vote for
    the order amount).
    """
    if type(document) is not dict:
        raise MalformedResponseError("", expected="a JSON object", actual=describe(document))
    response_format = plans_format(document)
    reader = visa_reader if response_format == VISA_NATIVE else cybersource_reader
    plans, errors = reader.read_envelope(document)
    readings = [reader.read_plan(index, plan) for index, plan in enumerate(plans)]
    if not defer_details:
        for reading in readings:
            read_details(reading)
    return ResponseReading(response_format, readings, errors)


def read_details(reading: PlanReading) -> None:
    """Read what the reader left unread of a plan (Cybersource's ``amountDetails``), if anything."""
    if reading.unread is not None:
        cybersource_reader.read_details(reading)
