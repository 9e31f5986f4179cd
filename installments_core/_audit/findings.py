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

__all__ = ["findings_schema", "findings_sink"]


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
def findings_sink(target: object) -> Iterator[Callable[[list[FindingRow]], None] | None]:
    """A writer of rows to the Parquet file *target* (a path or an fsspec URL) while inside; ``None`` for no file."""
    if target is None:
        yield None
        return
    if not isinstance(target, (str, PathLike)):
        raise InstallmentsError("findings", expected="a path or URL of a Parquet file, or None",
                                actual=describe(target))
    schema = findings_schema()
    with needs_extra("parquet", path="findings"):
        import pyarrow as pa
        import pyarrow.parquet as pq
    try:
        file = fsspec.open(fspath(target), "wb").open()
    except (OSError, ValueError, ImportError) as error:  # as for the paths read: see sources()
        raise InstallmentsError("findings", expected="a writable path or URL (its protocol's package installed)",
                                actual=f"{describe(fspath(target))}: {error}") from None
    with file, pq.ParquetWriter(file, schema) as writer:

        def write(rows: list[FindingRow]) -> None:
            if rows:
                writer.write_table(pa.Table.from_pylist([row._asdict() for row in rows], schema=schema))

        yield write
