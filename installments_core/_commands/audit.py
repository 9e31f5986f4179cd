"""``installments-core audit``: validate logs of get-plans responses, on every core or on Dask."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import BinaryIO, Final

from .._audit import (
    DEFAULT_MAX_LINE_BYTES,
    MALFORMATIONS,
    AuditSummary,
    LineProblem,
    MalformedLine,
    available_workers,
    code_table,
    line_bound,
    rule_table,
    worker_count,
)
from .._audit.charts import require_charts
from .._audit.finding_rows import open_for_writing
from .._audit.html_page import report_page
from .._audit.lines import FindingRow
from .._audit.local import audit_log
from .._audit.sources import ENGINES, audit_sources, sources
from .._audit.tally import FindingsTally
from .._errors import InvalidTermsError, describe
from . import EXIT_FINDINGS, EXIT_OK

__all__ = ["register"]


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
    parser.add_argument("--html", metavar="REPORT.html",
                        help="also write the audit as one self-contained HTML page, with charts (a path or fsspec "
                             "URL; needs installments-core[report])")
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


@contextmanager
def _progress(total: int | None, *, shown: bool) -> Iterator[Callable[[int], None] | None]:
    """While inside, a progress bar on stderr if *shown*: lines done, their rate, and with a *total* the share
    done and the time left; the callable takes the lines done so far."""
    if not shown:
        yield None
        return
    from tqdm import tqdm  # only for a terminal: output to a pipe or a file never loads it

    layout = ("{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} lines, {rate_fmt}, {remaining} left" if total
              else "{n_fmt} lines, {rate_fmt}, {elapsed}")
    with tqdm(total=total or None, bar_format=layout, unit=" lines", dynamic_ncols=True,
              file=sys.stderr) as bar:

        def show(done: int) -> None:
            bar.update(done - bar.n)  # tqdm counts steps; an audit reports its total so far

        yield show


def _run(arguments: argparse.Namespace) -> int:
    workers = worker_count(_count(arguments.workers, "--workers"), path="--workers")
    max_line_bytes = line_bound(_count(arguments.max_line_bytes, "--max-line-bytes"), path="--max-line-bytes")
    interactive = sys.stderr.isatty()
    from_stdin = arguments.responses == ["-"] and arguments.engine == "local"
    named = None if from_stdin else sources(arguments.responses, path="RESPONSES")
    with ExitStack() as stack:
        tally = None
        if arguments.html is not None:
            # Checked before a long audit rather than after: the extra installed, the page writable.
            require_charts(path="--html")
            page = stack.enter_context(open_for_writing(arguments.html, "w", path="--html"))
            tally = FindingsTally()
        count = None if tally is None else tally.add
        if named is None:
            summary = _audit_stdin(arguments, workers, max_line_bytes, interactive, count)
        else:
            with _progress(None, shown=interactive) as progress:
                summary = audit_sources(
                    named, column=arguments.column, engine=arguments.engine, scheduler=arguments.scheduler,
                    workers=workers, max_line_bytes=max_line_bytes, progress=progress, findings=arguments.findings,
                    tally=count, path="RESPONSES")
        if tally is not None:
            page.write(report_page(summary, tally))
    if arguments.json:
        print(json.dumps(summary.as_json(), indent=2, ensure_ascii=False))
    else:
        print(format_summary(summary))
    return EXIT_OK if summary.ok else EXIT_FINDINGS


def _audit_stdin(arguments: argparse.Namespace, workers: int, max_line_bytes: int, interactive: bool,
                 tally: Callable[[list[FindingRow]], None] | None) -> AuditSummary:
    stream = sys.stdin.buffer
    try:
        with _progress(_count_lines(stream) if interactive else None, shown=interactive) as progress:
            return audit_log(stream, workers=workers, max_line_bytes=max_line_bytes, progress=progress,
                             findings=arguments.findings, tally=tally)
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
