"""Batch audits: validate a log of get-plans responses, one JSON document per line, on every core.

A payment service logs what issuers sent; an operator wants to know, over a day of traffic, how
many responses were wrong, by which rule, under which rounding, and where to look first.  Each
line is a response, or an object ``{"response": …, "orderAmount": "500", "currency": "USD"}`` (or
``"request": …`` instead of the amount) when the service logged the order too.  A line that is
not such a document is counted and reported, never fatal.

The work is split into chunks of lines validated in worker processes; each chunk gives a
partial :class:`AuditSummary` and partial summaries merge, so the result does not depend on the
number of workers or the order chunks finish in.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Final

from ._core.arguments import parse_whole, require
from ._errors import InstallmentsError, describe, mask_digit_runs
from ._validation.report import Severity
from ._validation.validator import validate_response
from ._wire.decoding import decode_json

__all__ = ["AuditSummary", "LineProblem", "audit_lines"]

CHUNK_LINES: Final = 500
"""Lines per unit of work: large enough that process overhead is noise, small enough to balance."""
WORST_LINES: Final = 10
"""How many of the worst lines a summary keeps."""
MALFORMED_EXAMPLES: Final = 10


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A line worth a look: its number (from 1), how many error-level findings, and the first of them."""

    line: int
    findings: int
    first: str


@dataclass(slots=True)
class AuditSummary:
    """What an audit found, mergeable across chunks."""

    responses: int = 0
    """Lines read as responses (malformed lines excluded)."""
    responses_ok: int = 0
    plans: int = 0
    plans_ok: int = 0
    malformed: int = 0
    """Lines that were not a readable response."""
    malformed_examples: list[LineProblem] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)
    """Error-level findings by rule (discrepancy rules and unreadable-field messages)."""
    warnings: Counter[str] = field(default_factory=Counter)
    policies: Counter[str] = field(default_factory=Counter)
    """Rounding policy that reproduced each plan, by name (``visa`` for conforming plans)."""
    conventions: Counter[str] = field(default_factory=Counter)
    worst: list[LineProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every line was a response that validated without an error."""
        return self.malformed == 0 and self.responses_ok == self.responses

    def merge(self, other: AuditSummary) -> None:
        """Add *other*'s counts into this summary."""
        require(other, AuditSummary, path="other", expected="an AuditSummary")
        self.responses += other.responses
        self.responses_ok += other.responses_ok
        self.plans += other.plans
        self.plans_ok += other.plans_ok
        self.malformed += other.malformed
        self.malformed_examples = sorted(self.malformed_examples + other.malformed_examples,
                                         key=lambda problem: problem.line)[:MALFORMED_EXAMPLES]
        self.rules.update(other.rules)
        self.warnings.update(other.warnings)
        self.policies.update(other.policies)
        self.conventions.update(other.conventions)
        self.worst = _worst(self.worst + other.worst)

    def as_json(self) -> dict[str, object]:
        """The summary as ``installments-core audit --json`` prints it."""
        return {
            "ok": self.ok,
            "responses": self.responses,
            "responsesOk": self.responses_ok,
            "plans": self.plans,
            "plansOk": self.plans_ok,
            "malformedLines": self.malformed,
            "malformedExamples": [_problem_json(problem) for problem in self.malformed_examples],
            "discrepanciesByRule": _counted(self.rules),
            "warningsByRule": _counted(self.warnings),
            "policies": _counted(self.policies),
            "conventions": _counted(self.conventions),
            "worstLines": [_problem_json(problem) for problem in self.worst],
        }


def _counted(counter: Counter[str]) -> dict[str, int]:
    # Most frequent first, ties by name: the same output whatever order chunks were merged in.
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _problem_json(problem: LineProblem) -> dict[str, object]:
    return {"line": problem.line, "findings": problem.findings, "first": problem.first}


def _worst(problems: list[LineProblem]) -> list[LineProblem]:
    return sorted(problems, key=lambda problem: (-problem.findings, problem.line))[:WORST_LINES]


def _line_arguments(document: object) -> tuple[object, dict[str, object]]:
    if type(document) is dict and "response" in document:
        options: dict[str, object] = {}
        if "request" in document:
            options["request"] = document["request"]
        if "orderAmount" in document:
            options["order_amount"] = document["orderAmount"]
            options["currency"] = document.get("currency")
        return document["response"], options
    return document, {}


def audit_chunk(first_line: int, lines: list[bytes | str]) -> AuditSummary:
    """Validate *lines* (numbered from *first_line*) into a summary; blank lines are skipped."""
    summary = AuditSummary()
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            response, options = _line_arguments(decode_json(line, what="line"))
            report = validate_response(response, **options)  # type: ignore[arg-type]
        except InstallmentsError as error:
            summary.malformed += 1
            if len(summary.malformed_examples) < MALFORMED_EXAMPLES:
                summary.malformed_examples.append(LineProblem(number, 1, mask_digit_runs(str(error))))
            continue
        summary.responses += 1
        summary.responses_ok += report.ok
        findings = 0
        first = ""
        for plan in report.plans:
            summary.plans += 1
            summary.plans_ok += plan.ok
            if plan.policy is not None:
                summary.policies[plan.policy] += 1
            if plan.convention is not None:
                summary.conventions[plan.convention.value] += 1
            for discrepancy in plan.discrepancies:
                if discrepancy.severity is Severity.ERROR:
                    summary.rules[discrepancy.rule] += 1
                    findings += 1
                    first = first or f"{discrepancy.path}: {discrepancy.rule}"
                else:
                    summary.warnings[discrepancy.rule] += 1
        for unreadable in report.errors:
            summary.rules[_generic(unreadable.message)] += 1
            findings += 1
            first = first or f"{unreadable.path}: {unreadable.message}"
        if findings:
            summary.worst = _worst([*summary.worst, LineProblem(number, findings, first)])
    return summary


def _generic(message: str) -> str:
    # Unreadable-field messages name the value found; counting by rule needs them without it.
    return message.split(", found ", 1)[0]


def _chunks(lines: Iterable[bytes | str]) -> Iterator[tuple[int, list[bytes | str]]]:
    iterator = iter(lines)
    first_line = 1
    while chunk := list(islice(iterator, CHUNK_LINES)):
        yield first_line, chunk
        first_line += len(chunk)


def audit_lines(
    lines: Iterable[bytes | str],
    *,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> AuditSummary:
    """Audit a log of responses, one per line; *progress* is called with the lines done so far.

    With *workers* above 1 the chunks are validated in that many processes; the summary is the
    same as with one.

    >>> summary = audit_lines(['{"installmentInformation": {"planDetails": []}}', 'not json', ''])
    >>> summary.responses, summary.malformed, summary.malformed_examples[0].line
    (1, 1, 2)
    """
    if isinstance(lines, (str, bytes, bytearray)) or not isinstance(lines, Iterable):
        raise InstallmentsError("lines", expected="an iterable of lines (bytes or str)", actual=describe(lines))
    if progress is not None and not callable(progress):
        raise InstallmentsError("progress", expected="a callable or None", actual=describe(progress))
    # More processes than the machine has cores would only cost memory: a billion is a typo.
    workers = min(parse_whole(workers, path="workers", low=1, high=sys.maxsize), default_workers())
    total = AuditSummary()
    done = 0
    if workers == 1:
        for first_line, chunk in _chunks(lines):
            total.merge(audit_chunk(first_line, chunk))
            done += len(chunk)
            if progress is not None:
                progress(done)
        return total
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: list[tuple[int, Future[AuditSummary]]] = []
        for first_line, chunk in _chunks(lines):
            pending.append((len(chunk), pool.submit(audit_chunk, first_line, chunk)))
            # Keep a bounded number of chunks in flight: a file of millions of lines must not be
            # read into memory before the first one is validated.
            while len(pending) >= 2 * workers:
                size, future = pending.pop(0)
                total.merge(future.result())
                done += size
                if progress is not None:
                    progress(done)
        for size, future in pending:
            total.merge(future.result())
            done += size
            if progress is not None:
                progress(done)
    return total


def default_workers() -> int:
    """Every core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def rule_table(counter: Mapping[str, int]) -> list[str]:
    """Lines of a "count  rule" table, most frequent first."""
    return [f"{count:>9}  {rule}" for rule, count in _counted(Counter(counter)).items()]
