"""``python -m benchmarks [--json] [--quick] [CASE ...]``: time every case against its baseline."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys

from . import cases
from ._harness import Case, measure


def _all_cases() -> list[Case]:
    found: list[Case] = []
    for module in sorted(pkgutil.iter_modules(cases.__path__), key=lambda m: m.name):
        found.extend(importlib.import_module(f"{cases.__name__}.{module.name}").CASES)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help="cases to run (default: all)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--quick", action="store_true", help="few rounds: checks that every case runs")
    parser.add_argument("--rounds", type=int, default=31)
    arguments = parser.parse_args(argv)
    selected = [case for case in _all_cases() if not arguments.names or case.name in arguments.names]
    rounds = 3 if arguments.quick else arguments.rounds
    results = [measure(case, rounds) for case in selected]
    if arguments.json:
        print(json.dumps({"cases": [result.as_json() for result in results]}, indent=2))
        return 0
    print(f"{'case':24} {'median':>12} {'baseline':>28} {'median':>12} {'ratio':>7} {'target':>7}")
    for result in results:
        target = f"≤{result.case.target}" if result.case.target is not None else "-"
        print(
            f"{result.case.name:24} {result.median_ns:10.0f}ns {result.case.baseline:>28} "
            f"{result.baseline_median_ns:10.0f}ns {result.ratio:7.3f} {target:>7}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
