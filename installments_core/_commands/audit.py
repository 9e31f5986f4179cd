"""``installments-core audit``: validate logs of get-plans responses, on every core or on Dask."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
import time
from collections.abc import Callable
from typing import BinaryIO, Final

from .._audit import (
    DEFAULT_MAX_LINE_BYTES,
    MALFORMATIONS,
    AuditSummary,
    LineProblem,
    MalformedLine,
    audit_lines,
    available_workers,
    code_table,
    line_bound,
    rule_table,
    worker_count,
)
from .._audit.sources import ENGINES, audit_sources, sources
from .._errors import InvalidTermsError, describe
from . import EXIT_FINDINGS, EXIT_OK

__all__ = ["register"]

_BAR_WIDTH = 30


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` subcommand."""
    parser = subcommands.add_parser(
        "audit",
        help="validate a file of logged get-plans responses (JSON Lines) and summarize what is wrong",
        description=(
            "Validate every line of RESPONSES (a get-plans response, or {\"response\": ..., \"orderAmount\": ..., "
            "\"currency\": ...} or {\"response\": ..., \"request\": ...}) and print a summary: responses and plans "
            "checked, discrepancies by rule, rounding policies found, and the worst lines. A line that is not a usable "
            "response is counted as malformed, by kind: " + "; ".join(
                f"{code} ({words})" for code, words in MALFORMATIONS.items()) + "."
        ),
    )
    parser.add_argument("responses", metavar="RESPONSES", nargs="+",
                        help="logs of responses: JSON Lines files (.gz: gzip) or Parquet files (.parquet, .pq), "
                             "as paths, globs or fsspec URLs (s3://bucket/logs/*.jsonl.gz); - alone for stdin")
    parser.add_argument("--column", default="response",
                        help="the Parquet column of response JSON text (default: response)")
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="local: this machine's cores; dask: a Dask cluster, one file per task (default: local)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="the Dask scheduler (tcp://HOST:PORT) for --engine dask; without it, a local cluster "
                             "of --workers workers")
    parser.add_argument("--findings", metavar="OUT.parquet",
                        help="write one row per finding to this Parquet file (a path or fsspec URL)")
    parser.add_argument("--workers", default=str(available_workers()),
                        help="processes to validate with, at most one per core (default: every core)")
    parser.add_argument("--max-line-bytes", default=str(DEFAULT_MAX_LINE_BYTES), metavar="BYTES",
                        help="longest line read; a longer line is counted as malformed and skipped unread "
                             f"(default: {DEFAULT_MAX_LINE_BYTES}, 1 MiB)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(run=_run)


_LONGEST_COUNT: Final = 18
"""Digits of a count typed on the command line at most: int() of thousands of digits raises."""


def _count(text: str, option: str) -> int:
    # Only the spelling is checked here; the library checks the number itself, under the option's name.
    if not text.isascii() or not text.isdigit() or len(text) > _LONGEST_COUNT:
        raise InvalidTermsError(option, expected="a whole number", actual=describe(text))
    return int(text)


def _count_lines(stream: BinaryIO) -> int | None:
    # A regular file can be counted cheaply up front for a real progress bar; a pipe or a device
    # (/dev/zero never ends) cannot.
    if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
        return None
    count = sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
    stream.seek(0)
    return count


def _progress_bar(total: int | None) -> Callable[[int], None]:
    started = time.monotonic()

    def show(done: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-9)
        if total:
            filled = min(_BAR_WIDTH, _BAR_WIDTH * done // total)
            bar = "█" * filled + "·" * (_BAR_WIDTH - filled)
            sys.stderr.write(f"\r{bar} {done}/{total} lines, {rate:,.0f}/s")
        else:
            sys.stderr.write(f"\r{done} lines, {rate:,.0f}/s")
        sys.stderr.flush()

    return show


def _run(arguments: argparse.Namespace) -> int:
    workers = worker_count(_count(arguments.workers, "--workers"), path="--workers")
    max_line_bytes = line_bound(_count(arguments.max_line_bytes, "--max-line-bytes"), path="--max-line-bytes")
    interactive = sys.stderr.isatty()
    try:
        if arguments.responses == ["-"] and arguments.engine == "local":
            summary = _audit_stdin(arguments, workers, max_line_bytes, interactive)
        else:
            summary = audit_sources(
                sources(arguments.responses, path="RESPONSES"), column=arguments.column, engine=arguments.engine,
                scheduler=arguments.scheduler, workers=workers, max_line_bytes=max_line_bytes,
                progress=_progress_bar(None) if interactive else None, findings=arguments.findings,
                path="RESPONSES")
    finally:
        if interactive:
            sys.stderr.write("\n")
    if arguments.json:
        print(json.dumps(summary.as_json(), indent=2, ensure_ascii=False))
    else:
        print(format_summary(summary))
    return EXIT_OK if summary.ok else EXIT_FINDINGS


def _audit_stdin(arguments: argparse.Namespace, workers: int, max_line_bytes: int, interactive: bool
                 ) -> AuditSummary:
    stream = sys.stdin.buffer
    try:
        return audit_lines(stream, workers=workers, max_line_bytes=max_line_bytes,
                           progress=_progress_bar(_count_lines(stream)) if interactive else None,
                           findings=arguments.findings)
    except OSError as error:  # a read failing midway: a device error
        raise InvalidTermsError("RESPONSES", expected="a readable stream", actual=f"stdin: {error.strerror}") from None


def format_summary(summary: AuditSummary) -> str:
    """The audit summary for a person at a terminal."""
    lines = [
        f"responses: {summary.responses} read, {summary.responses_ok} ok; "
        f"plans: {summary.plans} checked, {summary.plans_ok} ok; malformed lines: {summary.malformed}; "
        f"blank lines: {summary.blank}; lines: {summary.lines}",
    ]
    for title, counter, table in (
        ("malformed lines by kind", summary.malformed_kinds, rule_table),
        ("discrepancies by rule", summary.rules, code_table), ("warnings by rule", summary.warnings, code_table),
        ("rounding policies", summary.policies, rule_table), ("fee conventions", summary.conventions, rule_table),
    ):
        if counter:
            lines += ["", f"{title}:", *table(counter)]
    if summary.worst:
        lines += ["", "worst lines:"]
        lines += [f"{_where(problem)}  {problem.findings} finding(s), first: {problem.first}"
                  for problem in summary.worst]
    if summary.malformed_examples:
        lines += ["", "malformed lines:"]
        lines += [f"{_where(problem)}  {problem.code}: {problem.reason}" for problem in summary.malformed_examples]
    return "\n".join(lines)


def _where(problem: LineProblem | MalformedLine) -> str:
    return f"{problem.source}:{problem.line}" if problem.source else f"{problem.line:>9}"
