"""Findings as data: one Parquet row per finding, with a schema DuckDB, Spark and pandas read as they are."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from os import PathLike, fspath
from typing import Any

import fsspec

from .._errors import InstallmentsError, describe
from .extras import needs_extra
from .lines import FindingRow

__all__ = ["findings_schema", "findings_sink", "open_for_writing"]


def open_for_writing(target: str, mode: str, *, path: str) -> Any:
    """The file *target* (a path or an fsspec URL), open in *mode*; one that cannot be is an error at *path*."""
    try:
        return fsspec.open(target, mode, encoding="utf-8" if "b" not in mode else None).open()
    except (OSError, ValueError, ImportError) as error:  # as for the paths read: see sources()
        raise InstallmentsError(path, expected="a writable path or URL (its protocol's package installed)",
                                actual=f"{describe(target)}: {error}") from None


def findings_schema() -> Any:
    """The ``pyarrow.Schema`` of a findings file, column by column as :class:`FindingRow` has them."""
    with needs_extra("parquet", path="findings"):
        import pyarrow as pa
    text = pa.string()
    return pa.schema([
        pa.field("source", text, nullable=False),
        pa.field("line", pa.int64(), nullable=False),
        pa.field("plan_index", pa.int32()),
        pa.field("plan_id", text),
        pa.field("format", text, nullable=False),
        pa.field("currency", text),
        pa.field("code", text, nullable=False),
        pa.field("path", text, nullable=False),
        pa.field("severity", text, nullable=False),
        pa.field("expected", text, nullable=False),
        pa.field("actual", text, nullable=False),
        # Exact decimal text: a delta may have more digits than any DECIMAL(38, s) column holds exactly.
        pa.field("delta_minor_units", text),
    ])


@contextmanager
def findings_sink(target: object, tally: Callable[[list[FindingRow]], None] | None = None
                  ) -> Iterator[Callable[[list[FindingRow]], None] | None]:
    """While inside, where an audit's rows go: the Parquet file *target* (a path or an fsspec URL), and *tally*
    (what the HTML report counts) too; ``None`` when there is neither."""
    if target is None:
        yield tally
        return
    if not isinstance(target, (str, PathLike)):
        raise InstallmentsError("findings", expected="a path or URL of a Parquet file, or None",
                                actual=describe(target))
    schema = findings_schema()
    with needs_extra("parquet", path="findings"):
        import pyarrow as pa
        import pyarrow.parquet as pq
    with open_for_writing(fspath(target), "wb", path="findings") as file, pq.ParquetWriter(file, schema) as writer:

        def write(rows: list[FindingRow]) -> None:
            if rows:
                writer.write_table(pa.Table.from_pylist([row._asdict() for row in rows], schema=schema))
            if tally is not None:
                tally(rows)

        yield write
