"""A parsed get-plans response of either format, read by its format's reader."""

from __future__ import annotations

from collections.abc import Callable

from .._errors import MalformedResponseError, describe
from .cybersource import reader as cybersource_reader
from .envelope import VISA_NATIVE, plans_format
from .reading import PlanReading
from .visa import reader as visa_reader

__all__ = ["ResponseReading", "read_details", "read_response"]


class ResponseReading:
    """A whole response as read: its format, its plans and what could not be read outside them.

    ``errors`` holds the envelope's problems only; each plan holds its own.  A plan is read when it is
    first asked for (:meth:`plan`): the validator never reads a plan whose report it already holds.
    """

    __slots__ = ("_defer_details", "_read_plan", "_readings", "errors", "format", "objects")

    def __init__(self, document: object, *, defer_details: bool) -> None:
        if type(document) is not dict:
            raise MalformedResponseError("", expected="a JSON object", actual=describe(document))
        self.format = plans_format(document)
        reader = visa_reader if self.format == VISA_NATIVE else cybersource_reader
        objects, self.errors = reader.read_envelope(document)
        self.objects: list[object] = objects
        """The plans as parsed, in order, read or not."""
        self._read_plan: Callable[[int, object], PlanReading] = reader.read_plan
        self._defer_details = defer_details
        self._readings: list[PlanReading | None] = [None] * len(objects)

    def plan(self, index: int) -> PlanReading:
        """The reading of the plan at *index*, read now if it was not yet."""
        reading = self._readings[index]
        if reading is None:
            reading = self._readings[index] = self._read_plan(index, self.objects[index])
            if not self._defer_details:
                read_details(reading)
        return reading

    @property
    def plans(self) -> list[PlanReading]:
        """Every plan's reading, in order."""
        return [self.plan(index) for index in range(len(self.objects))]


def read_response(document: object, *, defer_details: bool = False) -> ResponseReading:
    """Read a parsed get-plans response of either format.

    Raises :class:`~installments_core.MalformedResponseError` only when the document is not an
    object of exactly one known format, or is an error answer (:func:`~.envelope.plans_format`);
    everything else unreadable is listed in the reading's errors.  With *defer_details*, the
    amounts of a Cybersource plan are left for :func:`read_details`: the validator reads them
    for every plan it cannot accept by its texts alone (and for every plan when the plans vote for
    the order amount).
    """
    return ResponseReading(document, defer_details=defer_details)


def read_details(reading: PlanReading) -> None:
    """Read what the reader left unread of a plan (Cybersource's ``amountDetails``), if anything."""
    if reading.unread is not None:
        cybersource_reader.read_details(reading)
