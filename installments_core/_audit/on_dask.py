"""The Dask engine: a log that outgrows one machine audited on a cluster, to the summary the local engine gives.

Each partition (a file, or a partition of a bag) is audited where it lies, its lines numbered from 1,
and only its summary (and, on request, its findings) travels back; the partitions are added up in
their order, each numbered on from where its source's previous one ended (:class:`Totals`).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from os import PathLike
from typing import Any

from .._errors import InstallmentsError, describe
from .audit_summary import AuditSummary
from .extras import needs_extra
from .finding_rows import findings_sink
from .lines import listed_lines
from .local import DEFAULT_MAX_LINE_BYTES, Audited, Totals, audited_chunk, line_bound
from .sources import Source, audit_source

__all__ = ["audit_bag", "audit_on_dask"]


def audit_bag(bag: Any, *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
              findings: str | PathLike[str] | None = None) -> AuditSummary:
    """Audit a ``dask.bag.Bag`` of lines (``bytes`` or ``str``) or records (``dict``) on Dask's current scheduler.

    The summary is the one :func:`audit_lines` gives for the same items in the same order: lines are
    numbered through the whole bag, not per partition.  *findings*, a path or URL, is written as a
    Parquet file of one row per finding.
    """
    with needs_extra("dask", path="bag"):
        import dask.bag
        from dask.base import compute
        from dask.delayed import delayed
    if not isinstance(bag, dask.bag.Bag):
        raise InstallmentsError("bag", expected="a dask.bag.Bag of lines or records", actual=describe(bag))
    limit = line_bound(max_line_bytes)
    with findings_sink(findings) as sink:
        totals = Totals(None, sink)
        parts = [delayed(_audit_partition)(part, f"bag.partitions[{index}]", limit, sink is not None)
                 for index, part in enumerate(bag.to_delayed())]  # type: ignore[no-untyped-call]
        for audited in compute(*parts):  # type: ignore[no-untyped-call]
            totals.add(audited)
    return totals.summary


def _audit_partition(lines: Iterable[object], path: str, limit: int, with_findings: bool) -> Audited:
    return audited_chunk("", listed_lines(lines, limit, path=path), with_findings)


def audit_on_dask(named: list[Source], *, column: str, limit: int, scheduler: str | None, workers: int,
                  totals: Totals, with_findings: bool, path: str) -> AuditSummary:
    """Audit each file as one task on the cluster at *scheduler*, or on a local cluster of *workers* workers."""
    with needs_extra("dask", path="engine"):
        from distributed import Client, LocalCluster
    with ExitStack() as stack:
        try:
            # One worker needs no process of its own; more validate in parallel only as processes (the GIL).
            address = scheduler if scheduler is not None else stack.enter_context(LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=workers > 1, dashboard_address=":0"))
            client = stack.enter_context(Client(address))  # type: ignore[no-untyped-call]
        except OSError as error:
            raise InstallmentsError("scheduler", expected="the address of a running Dask scheduler",
                                    actual=f"{describe(scheduler)}: {error}") from None
        futures = client.map(audit_source, named, column=column, limit=limit, with_findings=with_findings,
                             path=path, pure=False)
        for future in futures:  # in order: a source's lines are numbered on from its earlier parts
            totals.add(future.result())
    return totals.summary
