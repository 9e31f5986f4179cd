"""``installments-core demo``: the README's main job, on the bundled example response."""

from __future__ import annotations

import argparse
import json
from importlib import resources

from .._core.plan import compute_plan
from .._wire.amount_details import amount_details
from .quote import format_plan_table

__all__ = ["register"]


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand."""
    parser = subcommands.add_parser(
        "demo",
        help="recompute the plans of the bundled example get-plans response and compare them",
        description="Recompute every plan of the bundled Cybersource example response from its fee terms.",
    )
    parser.set_defaults(run=_run)


def _load(name: str) -> dict[str, object]:
    text = resources.files("installments_core.data").joinpath(name).read_text("utf-8")
    document: dict[str, object] = json.loads(text)
    return document


def _run(arguments: argparse.Namespace) -> int:
    request = _load("example_get_plans_request.json")
    response = _load("example_get_plans_response.json")
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
    return 1 if mismatches else 0
