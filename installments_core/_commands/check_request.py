"""``installments-core check-request``: validate a request payload before it is sent.

Exit 0 when the request is valid, 1 when it breaks rules (each listed by path), 2 when the input
cannot be used (unreadable file, invalid JSON, an unusable get-plans response).  Card numbers
appear masked in every line printed.
"""

from __future__ import annotations

import argparse
import json
import sys

from .._errors import InstallmentsError, MalformedResponseError, PlansResponseError, describe
from .._requests.dispatch import validate_request
from .._requests.request_report import RequestKind
from .._wire.decoding import decode_json
from . import EXIT_FINDINGS, EXIT_OK

__all__ = ["read_json", "register"]


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check-request`` subcommand."""
    parser = subcommands.add_parser(
        "check-request",
        help="validate a get-plans, select, cancel or JPO authorization request",
        description="Validate a request payload field by field and as a whole; violations are listed by path.",
    )
    parser.add_argument("request", metavar="REQUEST.json", help="the request body; '-' reads standard input")
    parser.add_argument("--kind", required=True, choices=[kind.value for kind in RequestKind])
    parser.add_argument("--plans", metavar="RESPONSE.json",
                        help="(select) the get-plans response the planId and tcVersion must come from")
    parser.add_argument("--card-present", action="store_true",
                        help="(jpo-authorization) the card was at a terminal: terminalId is required")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(run=_run)


def read_json(name: str, *, what: str) -> object:
    """The parsed JSON document in file *name* (``-``: standard input), or an
    :class:`~installments_core.InstallmentsError` that says why it cannot be read.

    Decoded as every document the library reads (:func:`~installments_core._wire.decoding.decode_json`):
    numbers never become floats, size and depth are bounded.  The message names the file and the
    position of a syntax error, never the file's content: the file may hold a card number.
    """
    try:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise InstallmentsError(what, expected="a readable file", actual=describe(name),
                                detail=error.strerror or type(error).__name__) from None
    try:
        return decode_json(data, what=what.split(".", maxsplit=1)[0].lower())
    except MalformedResponseError as error:
        raise InstallmentsError(what, expected=error.expected, actual=describe(name), detail=error.actual) from None


def _run(arguments: argparse.Namespace) -> int:
    if arguments.plans is not None and arguments.kind != RequestKind.SELECT.value:
        raise InstallmentsError("--plans", expected="--plans only with --kind select",
                                actual=f"--kind {arguments.kind}")
    if arguments.card_present and arguments.kind != RequestKind.JPO_AUTHORIZATION.value:
        raise InstallmentsError("--card-present", expected="--card-present only with --kind jpo-authorization",
                                actual=f"--kind {arguments.kind}")
    request = read_json(arguments.request, what="REQUEST.json")
    plans = read_json(arguments.plans, what="RESPONSE.json") if arguments.plans is not None else None
    try:
        report = validate_request(request, arguments.kind, plans=plans,
                                  card_present=True if arguments.card_present else None)
    except PlansResponseError as error:
        # Name the file: the path alone would read as a field of the request.
        raise PlansResponseError(f"RESPONSE.json {error.path}".rstrip(), expected=error.expected,
                                 actual=error.actual, detail=error.detail) from None
    if arguments.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(report)
    return EXIT_OK if report.ok else EXIT_FINDINGS
