"""The Dask engine on a real local cluster: the summary the local engine gives, from files and from bags."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import dask
import dask.bag as db
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from benchmarks.cases.audit import _responses
from installments_core import InstallmentsError
from installments_core.audits import audit_bag, audit_lines, audit_paths
from installments_core.cli import main

from .test_audit_sources import _RESPONSE, write_log


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a running cluster: threads in this process (quick to start), reached over TCP."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=":0"
                      ) as cluster, Client(cluster):
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def generated() -> list[str]:
    """The benchmark's generated log (distinct responses of both formats, every tenth one amount off), with a
    blank line, a line that is not JSON and one that is not an object among them."""
    lines = _responses()[:150]
    return [*lines[:50], "", "{not json", *lines[50:100], "12", *lines[100:]]


def test_dask_gives_the_local_summary_from_files_and_from_bags(generated: list[str], scheduler: str,
                                                               tmp_path: Path) -> None:
    urls = [write_log(str(tmp_path / name), generated) for name in ("a.jsonl", "b.jsonl.gz", "c.parquet")]
    local = audit_paths(str(tmp_path / "*"))
    assert audit_paths(str(tmp_path / "*"), engine="dask", scheduler=scheduler) == local
    assert [problem.source for problem in local.malformed_examples] == [url for url in urls for _ in range(2)]
    assert local.rules
    assert local.worst
    # A bag is numbered through, never per partition: the summary of the same lines given directly.
    assert audit_bag(db.from_sequence(generated * 2, npartitions=5)) == audit_lines(generated * 2)
    records = [json.loads(line) for line in generated if line.startswith("{\"")]
    assert audit_bag(db.from_sequence(records, npartitions=3)) == audit_lines(records)


def test_the_cli_on_dask_prints_the_local_summary_and_writes_the_same_findings(
        scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = write_log(str(tmp_path / "log.jsonl"), [_RESPONSE, "12", _RESPONSE.replace('"41.63"', '"41.64"', 1)] * 3)
    runs = {}
    for engine in (["--workers", "1"], ["--engine", "dask", "--scheduler", scheduler],
                   ["--engine", "dask", "--workers", "1"]):
        findings = tmp_path / f"{len(runs)}.parquet"
        assert main(["audit", log, "--json", "--findings", str(findings), *engine]) == 1
        runs[" ".join(engine)] = (capsys.readouterr().out, pq.read_table(findings).to_pylist())
    assert len(set(map(json.dumps, runs.values()))) == 1
    summary, rows = runs["--workers 1"]
    assert json.loads(summary)["worstLines"][0] == {"source": log, "line": 3, "findings": 2,
                                                    "first": json.loads(summary)["worstLines"][0]["first"]}
    assert {row["line"] for row in rows if row["severity"] == "error"} == {3, 6, 9}


def test_a_bag_of_findings_and_what_is_not_a_bag(scheduler: str, tmp_path: Path) -> None:
    lines = [_RESPONSE.replace('"41.63"', '"41.64"', 1), _RESPONSE] * 2
    audit_bag(db.from_sequence(lines, npartitions=2), findings=str(tmp_path / "f.parquet"))
    assert [row["line"] for row in pq.read_table(tmp_path / "f.parquet").to_pylist()
            if row["severity"] == "error"] == [1, 1, 3, 3]
    with pytest.raises(InstallmentsError, match=r"bag: expected a dask.bag.Bag of lines or records, found list"):
        audit_bag(lines)
    with pytest.raises(InstallmentsError, match=r"bag.partitions\[1\]\[0\]: expected a line \(bytes or str\) or a "
                                                r"record \(dict\), found 3"):
        audit_bag(db.from_sequence(["", "", 3], npartitions=2))


def test_a_scheduler_that_does_not_answer_is_an_error_naming_it(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    log = write_log(str(tmp_path / "log.jsonl"), [_RESPONSE])
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(
            InstallmentsError, match=f"scheduler: expected the address of a running Dask scheduler, found '{address}'"):
        audit_paths(log, engine="dask", scheduler=address)
