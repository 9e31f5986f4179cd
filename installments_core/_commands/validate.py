"""``installments-core validate``: check every number of a get-plans response."""

from __future__ import annotations

import argparse
import json

from .._core.policy import policy_from_name
from .._core.regimes import Regime
from . import EXIT_FINDINGS, EXIT_OK, read_input

__all__ = ["register"]


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subcommands.add_parser(
        "validate",
        help="recompute every plan of a get-plans response and report each discrepancy",
        description=(
            "Recompute every plan of a get-plans response (Cybersource's or Visa's native format) and "
            "compare every derived field. Exit 0: no error (warnings allowed); 1: discrepancies; "
            "2: the input cannot be read."
        ),
    )
    parser.add_argument("response", metavar="RESPONSE.json", help="the response; '-' reads standard input")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--amount", help="order total, e.g. 500 (default: the request's, else inferred per plan)")
    order.add_argument("--request", metavar="REQUEST.json", help="the get-plans request, for its amount and currency")
    parser.add_argument("--currency", help="ISO 4217 code of the order (default: the request's or the plans')")
    parser.add_argument("--policy", default="visa", help="expected rounding: 'visa' or a spec such as fee=half-even")
    parser.add_argument("--tolerance", default="0", help="accept differences up to this many minor units (warnings)")
    parser.add_argument(
        "--regime",
        default=Regime.US_APR.value,
        choices=[regime.value for regime in Regime],
        help="compare declared rates with this market's annual cost of credit, within its tolerance "
             "(default: us-apr, Regulation Z's APR within 1/8 of a point)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(run=_run)


def _run(arguments: argparse.Namespace) -> int:
    # Imported here, not at the top: other subcommands need not pay for the validator's set-up.
    from .._validation.validator import validate_response  # noqa: PLC0415

    request = None if arguments.request is None else read_input(arguments.request)
    report = validate_response(
        read_input(arguments.response),
        order_amount=arguments.amount,
        currency=arguments.currency,
        request=request,
        policy=policy_from_name(arguments.policy),
        tolerance=arguments.tolerance,
        regime=arguments.regime,
    )
    if arguments.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(report.text)
    return EXIT_OK if report.ok else EXIT_FINDINGS
