"""``python -m benchmarks [--json] [--quick] [CASE ...]``: time every case against its baseline."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys

from . import cases
from ._harness import Case, measure


def _all_cases(names: list[str], quick: bool) -> list[Case]:
    """The cases of every module in ``cases``: its ``CASES``, or ``make_cases(quick)`` for cases whose
    workload is built at run time (a quick run builds a small one)."""
    found: list[Case] = []
    for info in sorted(pkgutil.iter_modules(cases.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{cases.__name__}.{info.name}")
        if hasattr(module, "make_cases"):
            if names and not any(name.startswith(prefix) for name in names for prefix in module.CASE_NAMES):
                continue  # building this module's workload costs seconds: only when asked for
            found.extend(module.make_cases(quick))
        else:
            found.extend(module.CASES)
    # "audit_throughput" selects every "audit_throughput[…]" variant.
    return [case for case in found if not names or case.name in names or case.name.split("[")[0] in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help="cases to run (default: all)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--quick", action="store_true", help="few rounds: checks that every case runs")
    parser.add_argument("--rounds", type=int, default=31)
    arguments = parser.parse_args(argv)
    selected = _all_cases(arguments.names, arguments.quick)
    rounds = 3 if arguments.quick else arguments.rounds
    results = [measure(case, rounds) for case in selected]
    if arguments.json:
        print(json.dumps({"cases": [result.as_json() for result in results]}, indent=2))
        return 0
    print(f"{'case':36} {'median':>12} {'baseline':>28} {'median':>12} {'ratio':>7} {'target':>7}")
    for result in results:
        target = f"≤{result.case.target}" if result.case.target is not None else "-"
        print(
            f"{result.case.name:36} {result.median_ns:10.0f}ns {result.case.baseline:>28} "
            f"{result.baseline_median_ns:10.0f}ns {result.ratio:7.3f} {target:>7}"
        )
        if result.case.items > 1:
            extra = result.as_json()
            rate, baseline_rate = extra["items_per_second"], extra["baseline_items_per_second"]
            print(f"{'':36} {rate:>10,.0f}/s {'':>28} {baseline_rate:>10,.0f}/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
