"""``installments-core audit``: validate a log of get-plans responses, one per line, on every core."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import BinaryIO

from .._audit import AuditSummary, audit_lines, default_workers, rule_table
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
            "checked, discrepancies by rule, rounding policies found, and the worst lines."
        ),
    )
    parser.add_argument("responses", metavar="RESPONSES.jsonl", help="file of responses, one per line; - for stdin")
    parser.add_argument("--workers", default=str(default_workers()),
                        help="processes to validate with (default: every core)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(run=_run)


def _workers(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 256:
        raise InvalidTermsError("--workers", expected="a number of processes from 1 to 256", actual=describe(text))
    return int(text)


def _open(name: str) -> BinaryIO:
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except OSError as error:
        raise InvalidTermsError(
            "RESPONSES", expected="a readable file", actual=f"{describe(name)}: {error.strerror}"
        ) from None


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    yield from stream


def _count_lines(stream: BinaryIO) -> int | None:
    # A file can be counted cheaply up front for a real progress bar; a pipe cannot.
    if not stream.seekable():
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
    workers = _workers(arguments.workers)
    stream = _open(arguments.responses)
    interactive = sys.stderr.isatty()
    try:
        progress = _progress_bar(_count_lines(stream)) if interactive else None
        summary = audit_lines(_lines(stream), workers=workers, progress=progress)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
        if interactive:
            sys.stderr.write("\n")
    if arguments.json:
        print(json.dumps(summary.as_json(), indent=2, ensure_ascii=False))
    else:
        print(format_summary(summary))
    return EXIT_OK if summary.ok else EXIT_FINDINGS


def format_summary(summary: AuditSummary) -> str:
    """The audit summary for a person at a terminal."""
    lines = [
        f"responses: {summary.responses} read, {summary.responses_ok} ok; "
        f"plans: {summary.plans} checked, {summary.plans_ok} ok; malformed lines: {summary.malformed}",
    ]
    for title, counter in (("discrepancies by rule", summary.rules), ("warnings by rule", summary.warnings),
                           ("rounding policies", summary.policies), ("fee conventions", summary.conventions)):
        if counter:
            lines += ["", f"{title}:", *rule_table(counter)]
    if summary.worst:
        lines += ["", "worst lines:"]
        lines += [f"{problem.line:>9}  {problem.findings} finding(s), first: {problem.first}"
                  for problem in summary.worst]
    if summary.malformed_examples:
        lines += ["", "malformed lines:"]
        lines += [f"{problem.line:>9}  {problem.first}" for problem in summary.malformed_examples]
    return "\n".join(lines)
