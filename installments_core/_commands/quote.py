"""``installments-core quote``: compute one plan from its terms."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date

from .._core.plan import Installment, Plan, compute_plan
from .._core.policy import Frequency, policy_from_name
from .._core.regimes import AnnualCost, Regime, annual_cost, plan_cash_flows
from .._errors import InvalidTermsError, describe, shown_amount
from .._wire.amount_details import quote_json

__all__ = ["format_annual_cost", "format_plan_table", "register"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``quote`` subcommand."""
    parser = subcommands.add_parser(
        "quote",
        help="compute a plan: installments, fees, totals, schedule and cost of credit",
        description="Compute an installment plan Decimal-exactly. Amounts and rates are decimal strings.",
    )
    parser.add_argument("--amount", required=True, help="order total, e.g. 500 or 500.00")
    parser.add_argument("--currency", required=True, help="ISO 4217 code, e.g. USD")
    parser.add_argument("--count", required=True, help="number of installments")
    parser.add_argument("--frequency", default="MONTHLY", choices=[f.value for f in Frequency])
    parser.add_argument("--fee-rate", default="0", help="recurring fee, percent of the order total")
    parser.add_argument("--fee-flat", default="0", help="recurring flat fee, once per plan")
    parser.add_argument("--upfront-rate", default="0", help="upfront fee, percent of the order total")
    parser.add_argument("--upfront-flat", default="0", help="upfront flat fee")
    parser.add_argument("--policy", default="visa", help="'visa' or a spec such as principal=half-even,remainder=first")
    parser.add_argument("--first-due", help="first due date, YYYY-MM-DD, to date the schedule")
    parser.add_argument(
        "--regime",
        choices=[regime.value for regime in Regime],
        help="show the annual cost of credit as this market's law defines it (docs/cost-of-credit.md)",
    )
    parser.add_argument("--at-signing", default="0", help="with --regime: charges paid at signing, outside the plan")
    parser.add_argument(
        "--start", help="with --regime and --first-due: the day the credit is granted, YYYY-MM-DD, to count days"
    )
    parser.add_argument("--json", action="store_true", help="print JSON in Cybersource's amountDetails shape")
    parser.set_defaults(run=_run)


def _count(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise InvalidTermsError("count", expected="a whole number of installments", actual=describe(text))
    return int(text)


def _date(text: str | None, path: str) -> date | None:
    if text is None:
        return None
    try:
        # fromisoformat also takes "20261201" and week dates; the option promises YYYY-MM-DD only.
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise InvalidTermsError(path, expected="a date as YYYY-MM-DD", actual=describe(text))


def format_annual_cost(figure: AnnualCost) -> str:
    """One line naming the figure as its regime does, companions and legend beside it:
    ``CET 22.82 %   monthly 1.73 %``."""
    parts = [f"{figure.label} {figure.rate} %"]
    parts += [f"{companion.label} {rate} %" for companion, rate in figure.companions]
    legend = figure.regime.legend
    return "   ".join(parts) + (f" {legend}" if legend else "")


def _run(arguments: argparse.Namespace) -> int:
    plan = compute_plan(
        arguments.amount,
        arguments.currency,
        _count(arguments.count),
        frequency=arguments.frequency,
        fee_rate=arguments.fee_rate,
        fee_flat=arguments.fee_flat,
        upfront_rate=arguments.upfront_rate,
        upfront_flat=arguments.upfront_flat,
        policy=policy_from_name(arguments.policy),
    )
    first_due = _date(arguments.first_due, "first_due")
    schedule = plan.schedule(first_due)
    cost = plan.cost_of_credit()
    figure = None
    if arguments.regime is None and (arguments.start is not None or arguments.at_signing != "0"):
        raise InvalidTermsError(
            "regime", expected="--regime with --start or --at-signing", actual="no --regime"
        )
    if arguments.regime is not None:
        start = _date(arguments.start, "start")
        flows = plan_cash_flows(
            plan, at_signing=arguments.at_signing, start=start, first_due=first_due if start is not None else None
        )
        figure = annual_cost(flows, arguments.regime)
    if arguments.json:
        document = quote_json(plan, schedule, cost)
        if figure is not None:
            document["costOfCredit"] = _figure_json(figure)
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(format_plan_table(plan, schedule))
        if figure is None:
            print(f"APR {cost.apr} %   APRC {cost.aprc} %   monthly rate {plan.monthly_rate_percentage} %")
        else:
            print(format_annual_cost(figure))
    return 0


def _figure_json(figure: AnnualCost) -> dict[str, object]:
    document: dict[str, object] = {"regime": figure.regime.value, "label": figure.label, **figure.rates_as_text()}
    if figure.regime.legend:
        document["legend"] = figure.regime.legend
    return document


def format_plan_table(plan: Plan, schedule: tuple[Installment, ...]) -> str:
    """A plain-text table of a plan for a person reading a terminal; amounts as every output shows
    them (masked when a card number was given as the amount)."""
    header = (
        f"{plan.total_count} x {plan.frequency.value} on {shown_amount(plan.amount)} {plan.currency} "
        f"(policy {plan.policy.name}): total {shown_amount(plan.total_plan_amount)}, "
        f"fees {shown_amount(plan.total_fee)} (upfront {shown_amount(plan.total_upfront_fee)}, "
        f"recurring {shown_amount(plan.total_recurring_fee)})"
    )
    columns = ("#", "due", "principal", "fee", "upfront", "total")
    rows: list[tuple[str, ...]] = [columns]
    for row in schedule:
        due = str(row.due) if row.due else "-"
        rows.append((str(row.number), due, *map(shown_amount, (row.principal, row.fee, row.upfront_fee, row.total))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(columns))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([header, *lines])
