"""``installments-core demo``: the README's main job, on the bundled example responses.

For each bundled get-plans example (USD with four plans; QAR with two Islamic plans) it validates
the response against its request, prints the report, then prints the offer list as a customer in
``--locale`` reads it.  Exit 1 if any plan fails validation.
"""

from __future__ import annotations

import argparse
from importlib import resources

from . import EXIT_FINDINGS, EXIT_OK
from .show import render_offers

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
        help="validate the bundled example get-plans responses and show their offers in a locale",
        description=(
            "Validate the bundled Cybersource example responses (USD; QAR with Islamic plans) against their "
            "requests, print each report, and print the offers that passed as a customer in LOCALE reads them."
        ),
    )
    parser.add_argument("--locale", default="en_US", help="CLDR locale of the offer list, e.g. ar_QA (default en_US)")
    parser.add_argument("--native-digits", action="store_true", help="the locale's own digits, e.g. Arabic-Indic")
    parser.set_defaults(run=_run)


def _bundled(name: str) -> bytes:
    return resources.files("installments_core.data").joinpath(name).read_bytes()


def _run(arguments: argparse.Namespace) -> int:
    # Imported here: babel's locale data and the validator load only when the demo runs.
    from .._display.locales import parse_locale  # noqa: PLC0415
    from .._validation.validator import validate_response  # noqa: PLC0415

    parse_locale(arguments.locale)  # an unknown locale fails before any output
    code = EXIT_OK
    for number, (request_name, response_name) in enumerate(EXAMPLES):
        report = validate_response(_bundled(response_name), request=_bundled(request_name))
        if number:
            print()
        print(f"== {response_name}, checked against {request_name}")
        print(report.text)
        print()
        print(f"-- As a customer in {arguments.locale} reads it:")
        print(render_offers(report, arguments))
        if not report.ok:
            code = EXIT_FINDINGS
    return code
