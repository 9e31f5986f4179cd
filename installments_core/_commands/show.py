"""``installments-core show``: a get-plans response as a customer in a given locale reads it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

__all__ = ["print_offers", "register"]


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``show`` subcommand."""
    parser = subcommands.add_parser(
        "show",
        help="show the plans of a get-plans response in a locale: text, display-model JSON or an HTML selector",
        description=(
            "Recompute every plan of a Cybersource get-plans response and print pay-in-full and each plan "
            "as a customer in LOCALE reads them. Exit 1 when the issuer's figures differ from the recomputation."
        ),
    )
    parser.add_argument("response", help="get-plans response JSON file, or - for stdin")
    parser.add_argument("--locale", default="en_US", help="CLDR locale, e.g. ar_QA, ja_JP, pt-BR (default en_US)")
    parser.add_argument("--request", help="the get-plans request JSON, for the order total and currency")
    parser.add_argument("--amount", help="order total (default: the request's, else totalPlanAmount − totalFeeAmount)")
    parser.add_argument("--currency", help="ISO 4217 code (default: the request's, else the plans' currency)")
    parser.add_argument("--native-digits", action="store_true", help="the locale's own digits, e.g. Arabic-Indic")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the display model as JSON")
    output.add_argument("--html", action="store_true", help="print the HTML plan selector fragment")
    parser.set_defaults(run=_run)


def _read(name: str, what: str) -> object | None:
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text("utf-8")
        document: object = json.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        print(f"installments-core: error: cannot read the {what} {name!r}: {error.__class__.__name__}", file=sys.stderr)
        return None
    except json.JSONDecodeError as error:
        print(
            f"installments-core: error: the {what} {name!r} is not valid JSON (line {error.lineno}, column "
            f"{error.colno}: {error.msg})",
            file=sys.stderr,
        )
        return None
    return document


def print_offers(response: object, request: object | None, arguments: argparse.Namespace) -> int:
    """Recompute *response*'s plans and print them as ``arguments`` ask; the exit code."""
    # Imported here, not at the top: they load babel's locale data, which `quote` never needs.
    from .._display._cybersource import order_from_request, recompute_response  # noqa: PLC0415
    from .._display.html import selector_html  # noqa: PLC0415
    from .._display.summary import summarize_offers  # noqa: PLC0415

    amount, currency = arguments.amount, arguments.currency
    if request is not None:
        request_amount, request_currency = order_from_request(request)
        amount = amount or request_amount
        currency = currency or request_currency
    recomputed = recompute_response(response, amount=amount, currency=currency)
    listing = summarize_offers(
        recomputed.offers,
        arguments.locale,
        amount=recomputed.amount,
        currency=recomputed.currency,
        native_digits=arguments.native_digits,
    )
    if arguments.json:
        print(json.dumps(listing.as_json(), indent=2, ensure_ascii=False))
    elif arguments.html:
        print(selector_html(listing))
    else:
        print(listing.text)
    for line in recomputed.discrepancies:
        print(f"installments-core: {line}", file=sys.stderr)
    return EXIT_FINDINGS if recomputed.discrepancies else EXIT_OK


def _run(arguments: argparse.Namespace) -> int:
    if arguments.response == "-" and arguments.request == "-":
        print("installments-core: error: only one of RESPONSE and --request can be read from stdin", file=sys.stderr)
        return EXIT_USAGE
    response = _read(arguments.response, "response")
    if response is None:
        return EXIT_USAGE
    request = None
    if arguments.request is not None:
        request = _read(arguments.request, "request")
        if request is None:
            return EXIT_USAGE
    return print_offers(response, request, arguments)
