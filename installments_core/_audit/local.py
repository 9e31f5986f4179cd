"""The local engine: a log read as a stream, in chunks bounded in lines and bytes, on this machine's cores."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from os import PathLike
from typing import Final

from .._core.arguments import parse_whole
from .._errors import InstallmentsError, describe
from .._wire.decoding import MAX_INPUT_BYTES
from .audit_summary import AuditSummary, shifted
from .finding_rows import findings_sink
from .lines import FindingRow, Line, LineReader, audit_chunk, listed_lines, stream_lines

__all__ = ["Audited", "Totals", "audit_lines", "audit_log", "audit_parts", "audited_chunk", "available_workers",
           "check_progress", "line_bound", "worker_count"]

CHUNK_LINES: Final = 500
"""Lines per unit of work: large enough that process overhead is noise, small enough to balance."""
CHUNK_BYTES: Final = 4 * 1024 * 1024
"""Bytes per unit of work at most (bar one line): what a worker holds stays bounded whatever the lines' sizes."""
DEFAULT_MAX_LINE_BYTES: Final = 1024 * 1024
"""Longest line read by default: real responses are a few kilobytes."""

_Part = tuple[str, Iterable[Line]]
"""Lines to audit and the source they were read from."""
Audited = tuple[str, AuditSummary, list[FindingRow]]
"""A part of a source audited, its lines numbered from 1."""


def _chunks(parts: Iterable[_Part]) -> Iterator[tuple[str, list[Line]]]:
    for source, lines in parts:
        chunk: list[Line] = []
        size = 0
        for line in lines:
            chunk.append(line)
            size += len(line) if isinstance(line, (bytes, str)) else 0
            if len(chunk) == CHUNK_LINES or size >= CHUNK_BYTES:
                yield source, chunk
                chunk, size = [], 0
        if chunk:
            yield source, chunk


class Totals:
    """Audited parts added up in their order: each part's lines numbered on from where its source's last part
    ended, so a source split into chunks or partitions is numbered as one (the same summary, however split)."""

    def __init__(self, progress: Callable[[int], None] | None, findings: Callable[[list[FindingRow]], None] | None
                 ) -> None:
        self.summary = AuditSummary()
        self._progress = progress
        self._findings = findings
        self._lines_before: Counter[str] = Counter()

    def add(self, audited: Audited) -> None:
        source, summary, rows = audited
        before = self._lines_before[source]
        self.summary.merge(shifted(summary, before))
        self._lines_before[source] += summary.lines
        if self._findings is not None:
            self._findings([row._replace(line=row.line + before) for row in rows])
        if self._progress is not None:
            self._progress(self.summary.lines)


def audited_chunk(source: str, lines: Iterable[Line], with_findings: bool) -> Audited:
    """One chunk of a log audited, under the name of its *source*: the unit of work of every engine."""
    return source, *audit_chunk(source, lines, with_findings=with_findings)


def audit_parts(parts: Iterable[_Part], *, processes: int, totals: Totals, with_findings: bool) -> AuditSummary:
    """Audit *parts* in chunks, in *processes* worker processes (this one alone for 1), into *totals*."""
    if processes == 1:
        for source, chunk in _chunks(parts):
            totals.add(audited_chunk(source, chunk, with_findings))
        return totals.summary
    with ProcessPoolExecutor(max_workers=processes) as pool:
        pending: list[Future[Audited]] = []
        for source, chunk in _chunks(parts):
            pending.append(pool.submit(audited_chunk, source, chunk, with_findings))
            # Keep a bounded number of chunks in flight: a file of millions of lines must not be
            # read into memory before the first one is validated.
            while len(pending) >= 2 * processes:
                totals.add(pending.pop(0).result())
        for future in pending:
            totals.add(future.result())
    return totals.summary


def check_progress(progress: object) -> Callable[[int], None] | None:
    """*progress*, checked: a callable or ``None``."""
    if progress is not None and not callable(progress):
        raise InstallmentsError("progress", expected="a callable or None", actual=describe(progress))
    return progress


def available_workers() -> int:
    """Every core this process may use: the most worker processes an audit starts."""
    process_cpu_count: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if process_cpu_count is not None:  # Python 3.13
        return process_cpu_count() or 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def worker_count(requested: object, *, path: str = "workers") -> int:
    """*requested* worker processes, checked (a positive ``int``) and capped to :func:`available_workers`."""
    return min(parse_whole(requested, path=path, low=1, high=None, error=InstallmentsError), available_workers())


def line_bound(requested: object, *, path: str = "max_line_bytes") -> int:
    """*requested* as the longest line read, checked: from 1 byte to the largest document a
    response is read from (:data:`~installments_core._wire.decoding.MAX_INPUT_BYTES`)."""
    return parse_whole(requested, path=path, low=1, high=MAX_INPUT_BYTES, error=InstallmentsError)


def audit_lines(
    lines: Iterable[bytes | str | dict[str, object]] | LineReader,
    *,
    workers: int = 1,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: Callable[[int], None] | None = None,
    findings: str | PathLike[str] | None = None,
) -> AuditSummary:
    """Audit a log of responses, one per line; *progress* is called with the lines done so far.

    *lines* is an iterable of lines (``bytes`` or ``str``) or records (a ``dict``: a response or an
    envelope, already decoded), or a binary stream with ``readline``
    (an open file, ``sys.stdin.buffer``), which is read in pieces: a line longer than
    *max_line_bytes* (1 MiB by default, 2 MiB at most) is counted as malformed (``too_long``)
    without being held in memory.  With *workers* above 1 the chunks are validated in that many
    processes, at most one per core this process may use; the summary is the same as with one.
    *findings*, a path or fsspec URL, is written as a Parquet file of one row per finding.

    >>> summary = audit_lines(['{"installmentInformation": {"planDetails": []}}', 'not json', '', '12'])
    >>> summary.lines, summary.responses, summary.malformed, summary.blank
    (4, 1, 2, 1)
    >>> [(problem.line, problem.code) for problem in summary.malformed_examples]
    [(2, 'not_json'), (4, 'not_an_object')]
    """
    return audit_log(lines, workers=workers, max_line_bytes=max_line_bytes, progress=progress, findings=findings)


def audit_log(lines: Iterable[bytes | str | dict[str, object]] | LineReader, *, workers: object,
              max_line_bytes: object, progress: object, findings: object,
              tally: Callable[[list[FindingRow]], None] | None = None) -> AuditSummary:
    """:func:`audit_lines`, every finding's row given to *tally* too (what the HTML report counts)."""
    report = check_progress(progress)
    processes = worker_count(workers)
    limit = line_bound(max_line_bytes)
    if hasattr(lines, "readline"):
        read: Iterator[Line] = stream_lines(lines, limit)  # type: ignore[arg-type]
    elif isinstance(lines, Iterable) and not isinstance(lines, (bytes, str)):
        read = listed_lines(lines, limit)
    else:
        raise InstallmentsError("lines", expected="an iterable of lines or a binary stream", actual=describe(lines))
    with findings_sink(findings, tally) as sink:
        return audit_parts([("", read)], processes=processes, totals=Totals(report, sink),
                           with_findings=sink is not None)


