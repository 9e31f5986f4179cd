"""``installments-core show``: a get-plans response as a customer in a given locale reads it.

The response is validated first; only plans whose every number is right are shown.  A plan that
fails is left out of the offer list and its findings go to stderr, one line each, with exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from .._core.policy import policy_from_name
from .._validation.validation_report import Severity
from . import EXIT_FINDINGS, EXIT_OK, read_input

if TYPE_CHECKING:
    from .._validation.validation_report import ValidationReport

__all__ = ["add_digits_option", "print_offers", "register", "render_offers"]


def add_digits_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--native-digits`` / ``--no-native-digits``: the display's digits, the locale's own by default."""
    parser.add_argument(
        "--native-digits",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the locale's own digits, CLDR's default for it, as browsers show them (Arabic-Indic in ar_QA); "
        "--no-native-digits for ASCII digits",
    )


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``show`` subcommand."""
    parser = subcommands.add_parser(
        "show",
        help="show the plans of a get-plans response in a locale: text, display-model JSON or an HTML selector",
        description=(
            "Validate a get-plans response (Cybersource's or Visa's native format) and print pay-in-full and "
            "every plan that passed as a customer in LOCALE reads them. Exit 1 when a plan failed validation "
            "(it is left out, its findings go to stderr); 2 when the input cannot be read."
        ),
    )
    parser.add_argument("response", metavar="RESPONSE.json", help="get-plans response JSON file, or - for stdin")
    parser.add_argument("--locale", default="en_US", help="CLDR locale, e.g. ar_QA, ja_JP, pt-BR (default en_US)")
    parser.add_argument("--request", metavar="REQUEST.json", help="the get-plans request, for its amount and currency")
    parser.add_argument("--amount", help="order total (default: the request's, else inferred from the plans)")
    parser.add_argument("--currency", help="ISO 4217 code (default: the request's, else the plans' currency)")
    parser.add_argument("--policy", default="visa", help="expected rounding: 'visa' or a spec such as fee=half-even")
    add_digits_option(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the display model as JSON")
    output.add_argument("--html", action="store_true", help="print the HTML plan selector fragment")
    parser.set_defaults(run=_run)


def render_offers(report: ValidationReport, arguments: argparse.Namespace) -> str:
    """The offers that passed validation, as text, display-model JSON or HTML, as ``arguments`` ask."""
    # Imported here, not at the top: they load babel's locale data, which `quote` never needs.
    from .._display.html import selector_html  # noqa: PLC0415
    from .._display.summary import summarize_offers  # noqa: PLC0415

    listing = summarize_offers(
        report.offers,
        arguments.locale,
        amount=report.order_amount,
        currency=report.currency,
        native_digits=arguments.native_digits,
    )
    if getattr(arguments, "json", False):
        return json.dumps(listing.as_json(), indent=2, ensure_ascii=False)
    if getattr(arguments, "html", False):
        return selector_html(listing)
    return listing.text


def print_offers(response: bytes, request: bytes | None, arguments: argparse.Namespace) -> int:
    """Validate *response*, print its offers as ``arguments`` ask, and return the exit code."""
    from .._display.locales import parse_locale  # noqa: PLC0415
    from .._validation.validator import validate_response  # noqa: PLC0415

    parse_locale(arguments.locale)  # an unknown locale fails before any output
    report = validate_response(
        response,
        order_amount=arguments.amount,
        currency=arguments.currency,
        request=request,
        policy=policy_from_name(arguments.policy),
    )
    if report.offers or (report.order_amount is not None and report.currency is not None):
        print(render_offers(report, arguments))
    # Without an order total and currency there is not even a pay-in-full price to show.
    for plan in report.plans:
        if plan.ok:
            continue
        print(f"installments-core: plan {plan.plan_id or plan.index} not shown:", file=sys.stderr)
        for finding in plan.discrepancies:
            if finding.severity is Severity.ERROR:
                print(f"installments-core:   {finding.path}: expected {finding.expected}, found {finding.actual} "
                      f"({finding.rule})", file=sys.stderr)
    for error in report.errors:
        print(f"installments-core:   {error.path}: {error.message}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _run(arguments: argparse.Namespace) -> int:
    request = None if arguments.request is None else read_input(arguments.request)
    return print_offers(read_input(arguments.response), request, arguments)
