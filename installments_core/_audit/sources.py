"""Logs where they live: JSON Lines (plain or gzip) and Parquet, from local paths, globs or any fsspec URL."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike, fspath
from typing import Any, Final

import fsspec
from fsspec.implementations.local import LocalFileSystem

from .._errors import InstallmentsError, describe, mask_digit_runs
from .audit_summary import AuditSummary
from .extras import needs_extra
from .finding_rows import findings_sink
from .lines import FindingRow, Line, listed_lines, stream_lines
from .local import (
    CHUNK_LINES,
    DEFAULT_MAX_LINE_BYTES,
    Audited,
    Totals,
    audit_parts,
    audited_chunk,
    check_progress,
    line_bound,
    worker_count,
)

__all__ = ["ENGINES", "Source", "audit_paths", "audit_source", "audit_sources", "read_source", "sources"]

ENGINES: Final = ("local", "dask")
PARQUET_SUFFIXES: Final = (".parquet", ".pq")


@dataclass(frozen=True, slots=True)
class Source:
    """One file of a log: the name its lines are reported under, and the file (an fsspec ``OpenFile``)."""

    name: str
    file: Any


def sources(paths: object, *, path: str = "paths") -> list[Source]:
    """The files *paths* name (a path, a glob or an fsspec URL, or a list of them), in the order given."""
    named = [paths] if isinstance(paths, (str, PathLike)) else paths
    if not isinstance(named, (list, tuple)) or not named:
        raise InstallmentsError(path, expected="a path, glob or URL, or a non-empty list of them",
                                actual=describe(paths))
    found = []
    for index, item in enumerate(named):
        if not isinstance(item, (str, PathLike)) or not fspath(item) or "\x00" in fspath(item):
            # No file system names a file with a NUL in it; fsspec would fail only when the file is read.
            raise InstallmentsError(f"{path}[{index}]", expected="a path, glob or URL", actual=describe(item))
        try:
            files = fsspec.open_files(fspath(item), mode="rb")
        except (OSError, ValueError, ImportError) as error:
            # An unknown protocol, one whose package is not installed, a name the OS refuses, an archive
            # that is not there: fsspec says which, and the library's error masks what it quotes.
            raise InstallmentsError(f"{path}[{index}]", expected="a readable path, glob or URL (its protocol's "
                                    "package installed)", actual=f"{describe(fspath(item))}: {error}") from None
        if not files:
            raise InstallmentsError(path, expected="a readable file",
                                    actual=f"{describe(fspath(item))}: no file matches")
        # A card number in a file name is masked like everywhere else: the name is what every report shows.
        found += [Source(mask_digit_runs(file.path if isinstance(file.fs, LocalFileSystem)
                                         else file.fs.unstrip_protocol(file.path)), file) for file in files]
    return found


def read_source(source: Source, *, column: str, limit: int, path: str = "paths") -> Iterator[Line]:
    """The lines of *source*: a JSON Lines file's lines (``.gz``: gzip), or a Parquet file's *column*, row by row."""
    if source.file.path.endswith(PARQUET_SUFFIXES):
        yield from _parquet_rows(source, column, limit, path)
        return
    try:
        with source.file as file:
            yield from stream_lines(gzip.GzipFile(fileobj=file) if source.file.path.endswith(".gz") else file, limit)
    except (OSError, EOFError) as error:  # missing, unreadable, or not the gzip its name says
        raise InstallmentsError(path, expected="a readable file", actual=f"{source.name}: {error}") from None


def _parquet_rows(source: Source, column: str, limit: int, path: str) -> Iterator[Line]:
    with needs_extra("parquet", path=path):
        import pyarrow as pa
        import pyarrow.parquet as pq
    try:
        with source.file as file:
            table = pq.ParquetFile(file)
            names = table.schema_arrow.names
            if column not in names:
                raise InstallmentsError("column", expected=f"a column of {source.name}", actual=describe(column),
                                        detail=f"its columns: {', '.join(names)}")
            kind = table.schema_arrow.field(column).type
            if not (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind)
                    or pa.types.is_large_binary(kind)):
                raise InstallmentsError("column", expected="a column of JSON text (string or binary)",
                                        actual=f"{column!r} of {source.name}: {kind}")
            for batch in table.iter_batches(batch_size=CHUNK_LINES, columns=[column]):
                # A null cell logged nothing: a blank line.
                yield from listed_lines(("" if value is None else value for value in batch.column(0).to_pylist()),
                                        limit, path=source.name)
    except (OSError, pa.ArrowInvalid) as error:
        raise InstallmentsError(path, expected="a readable Parquet file", actual=f"{source.name}: {error}") from None


def audit_source(source: Source, *, column: str, limit: int, with_findings: bool, path: str = "paths") -> Audited:
    """One whole file audited: the unit of work of an engine that spreads files over machines."""
    lines = read_source(source, column=column, limit=limit, path=path)
    return audited_chunk(source.name, lines, with_findings)


def audit_paths(
    paths: str | PathLike[str] | Sequence[str | PathLike[str]],
    *,
    column: str = "response",
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 1,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: Callable[[int], None] | None = None,
    findings: str | PathLike[str] | None = None,
) -> AuditSummary:
    """Audit the logs *paths* name: JSON Lines files (``.gz``: gzip) and Parquet files (``.parquet``, ``.pq``).

    *paths* is a path, a glob (``logs/*.jsonl.gz``) or any fsspec URL (``s3://bucket/day=*/part-*.parquet``),
    or a list of them; a Parquet file's responses are its *column* of JSON text.  Every reported line
    carries its source (the file's path or URL) and its line or row number in that file, from 1.

    *engine* ``"local"`` validates on *workers* processes of this machine; ``"dask"`` on a Dask cluster,
    the one at *scheduler* (``tcp://host:8786``) or, without one, a local cluster of *workers* workers,
    one file per task.  The summary is the same, whatever the engine.  *findings*, a path or URL, is
    written as a Parquet file of one row per finding.
    """
    return audit_sources(sources(paths), column=column, engine=engine, scheduler=scheduler, workers=workers,
                         max_line_bytes=max_line_bytes, progress=progress, findings=findings)


def audit_sources(
    named: list[Source],
    *,
    column: object,
    engine: object,
    scheduler: object,
    workers: object,
    max_line_bytes: object,
    progress: object,
    findings: object,
    tally: Callable[[list[FindingRow]], None] | None = None,
    path: str = "paths",
) -> AuditSummary:
    """:func:`audit_paths` of files already found, every finding's row given to *tally* too (what the HTML report
    counts); an unreadable one is an error at *path*."""
    if not isinstance(column, str) or not column:
        raise InstallmentsError("column", expected="a column name", actual=describe(column))
    if engine not in ENGINES:
        raise InstallmentsError("engine", expected=" or ".join(map(repr, ENGINES)), actual=describe(engine))
    if scheduler is not None and (engine != "dask" or not isinstance(scheduler, str)):
        raise InstallmentsError("scheduler", expected="a scheduler address (tcp://host:port) with engine 'dask'",
                                actual=describe(scheduler))
    report = check_progress(progress)
    processes = worker_count(workers)
    limit = line_bound(max_line_bytes)
    with findings_sink(findings, tally) as sink:
        totals = Totals(report, sink)
        if engine == "local":
            parts = ((source.name, read_source(source, column=column, limit=limit, path=path)) for source in named)
            return audit_parts(parts, processes=processes, totals=totals, with_findings=sink is not None)
        from .on_dask import audit_on_dask

        return audit_on_dask(named, column=column, limit=limit, scheduler=scheduler, workers=processes,
                             totals=totals, with_findings=sink is not None, path=path)
