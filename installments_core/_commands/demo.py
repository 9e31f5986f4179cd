"""``installments-core demo``: the README's main job, on the bundled example responses.

For each bundled get-plans example (USD with four plans; QAR with two Islamic plans) it recomputes
every plan from its fee terms, shows it against the issuer's figures, then prints the offer list
as a customer in ``--locale`` reads it.  Exit 1 if any plan differs from the issuer's figures.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources

from .._core.plan import compute_plan
from .._wire.amount_details import amount_details
from . import EXIT_FINDINGS, EXIT_OK
from .quote import format_plan_table

__all__ = ["EXAMPLES", "register"]

EXAMPLES = (
    ("example_get_plans_request.json", "example_get_plans_response.json"),
    ("example_get_plans_qar_request.json", "example_get_plans_qar_response.json"),
)
"""The bundled (request, response) pairs in ``installments_core/data``."""


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand."""
    parser = subcommands.add_parser(
        "demo",
        help="recompute the plans of the bundled example get-plans responses, compare and show them",
        description=(
            "Recompute every plan of the bundled Cybersource example responses from their fee terms, "
            "compare them with the issuer's figures, and print the offer list in a locale."
        ),
    )
    parser.add_argument("--locale", default="en_US", help="CLDR locale of the offer list, e.g. ar_QA (default en_US)")
    parser.add_argument("--native-digits", action="store_true", help="the locale's own digits, e.g. Arabic-Indic")
    parser.set_defaults(run=_run, json=False, html=False, amount=None, currency=None)


def _load(name: str) -> dict[str, object]:
    text = resources.files("installments_core.data").joinpath(name).read_text("utf-8")
    document: dict[str, object] = json.loads(text)
    return document


def _check(request: dict[str, object], response: dict[str, object]) -> int:
    """Print each plan against the issuer's figures; the number of plans that differ."""
    order = request["orderInformation"]["amountDetails"]  # type: ignore[index]
    plans = response["installmentInformation"]["planDetails"]  # type: ignore[index]
    print(f"Order: {order['totalAmount']} {order['currency']}, {len(plans)} plans offered")
    mismatches = 0
    for detail in plans:
        fees = {fee["type"]: fee for fee in detail["amountDetails"]["fees"]}
        plan = compute_plan(
            order["totalAmount"],
            order["currency"],
            int(detail["totalCount"]),
            frequency=detail["frequency"],
            fee_rate=fees["CONSUMER"]["ratePercentage"],
            fee_flat=fees["CONSUMER"]["flatFeeAmount"],
            upfront_rate=fees["CONSUMER_UPFRONT"]["ratePercentage"],
            upfront_flat=fees["CONSUMER_UPFRONT"]["flatFeeAmount"],
        )
        computed = amount_details(plan)
        published = detail["amountDetails"]
        differing = sorted(
            key for key in ("lastInstallmentAmount", "totalFeeAmount", "totalPlanAmount", "firstInstallment")
            if published.get(key) != computed[key]
        )
        mismatches += bool(differing)
        print()
        print(f"{detail['planName']}: {'matches the issuer' if not differing else 'differs: ' + ', '.join(differing)}")
        print(format_plan_table(plan, plan.schedule()))
    return mismatches


def _run(arguments: argparse.Namespace) -> int:
    from .._display.numbers import parse_locale  # noqa: PLC0415  (loads babel: only when the demo runs)
    from .show import print_offers  # noqa: PLC0415

    parse_locale(arguments.locale)  # an unknown locale fails before any output
    code = EXIT_OK
    for number, (request_name, response_name) in enumerate(EXAMPLES):
        request, response = _load(request_name), _load(response_name)
        if number:
            print()
        print(f"== {response_name}")
        if _check(request, response):
            code = EXIT_FINDINGS
        print()
        print(f"-- As a customer in {arguments.locale} reads it:")
        if print_offers(response, request, arguments) != EXIT_OK:
            code = EXIT_FINDINGS
    return code
