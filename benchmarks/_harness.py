"""Interleaved timing of a case against its baseline.

Machine noise (another process, frequency scaling) moves absolute timings by tens of percent on
shared machines.  Timing a case and its baseline in alternating rounds exposes both to the same
noise, so their *ratio* is stable even when the nanoseconds are not.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Case", "Result", "measure"]


@dataclass(frozen=True)
class Case:
    """A hot path and the baseline it is judged against.

    ``target`` is the ratio the case must stay at or under (``None``: report only).
    """

    name: str
    run: Callable[[], object]
    baseline: str
    baseline_run: Callable[[], object]
    target: float | None = None
    calls_per_round: int = 0
    """Calls per timed round; 0 picks a count that makes a round last about 5 ms."""
    rounds: int | None = None
    """Rounds for this case whatever the command line says: for cases whose one call takes seconds."""
    items: int = 1
    """Items one call processes (lines of a file, say): reported as items per second too."""
    cpu: bool = False
    """Timed by this process's CPU time instead of the wall clock: for work on one core, which a shared
    machine's other load slows in wall time only."""


@dataclass(frozen=True)
class Result:
    case: Case
    median_ns: float
    baseline_median_ns: float

    @property
    def ratio(self) -> float:
        return self.median_ns / self.baseline_median_ns

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.case.name,
            "median_ns": round(self.median_ns, 1),
            "baseline": self.case.baseline,
            "baseline_median_ns": round(self.baseline_median_ns, 1),
            "ratio": round(self.ratio, 3),
            "target": self.case.target,
            "clock": "cpu" if self.case.cpu else "wall",
        } | ({
            "items_per_second": round(self.case.items / self.median_ns * 1e9, 1),
            "baseline_items_per_second": round(self.case.items / self.baseline_median_ns * 1e9, 1),
        } if self.case.items > 1 else {})


def _calls_for(function: Callable[[], object], seconds: float = 0.005) -> int:
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            function()
        if time.perf_counter() - start >= seconds or calls >= 1 << 20:
            return calls
        calls *= 2


def _round_ns(function: Callable[[], object], calls: int, clock: Callable[[], int] = time.perf_counter_ns) -> float:
    start = clock()
    for _ in range(calls):
        function()
    return (clock() - start) / calls


def measure(case: Case, rounds: int = 31) -> Result:
    """Median nanoseconds per call of the case and of its baseline, over alternating rounds."""
    rounds = case.rounds or rounds
    case.run()
    case.baseline_run()  # warm caches and lazy imports before timing
    calls = case.calls_per_round or _calls_for(case.run)
    baseline_calls = case.calls_per_round or _calls_for(case.baseline_run)
    clock = time.process_time_ns if case.cpu else time.perf_counter_ns
    timings: list[float] = []
    baseline_timings: list[float] = []
    for index in range(rounds):
        # Alternate which goes first so neither always runs on a warmer cache.
        if index % 2:
            baseline_timings.append(_round_ns(case.baseline_run, baseline_calls, clock))
            timings.append(_round_ns(case.run, calls, clock))
        else:
            timings.append(_round_ns(case.run, calls, clock))
            baseline_timings.append(_round_ns(case.baseline_run, baseline_calls, clock))
    return Result(case, statistics.median(timings), statistics.median(baseline_timings))
