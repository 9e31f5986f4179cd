"""Audits of logs where they live: files by path, glob or URL, JSON Lines (plain or gzip) and Parquet; and the
findings written out as data, one Parquet row per finding."""

from __future__ import annotations

import errno
import gzip
import itertools
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, strategies
from installments_core._audit import CHUNK_LINES, AuditSummary
from installments_core._audit.finding_rows import findings_schema
from installments_core.audits import audit_lines, audit_paths
from installments_core.cli import main

from .conftest import GUIDE

_RESPONSE = " ".join((GUIDE / "get_plans_token.response.json").read_text("utf-8").split())
_ROOTS = itertools.count()


def _memory_root() -> str:
    """A fresh directory of the in-memory filesystem: each example writes its own files."""
    return f"memory:///audit-{next(_ROOTS)}"


def log_lines(valid: list[strategies.GeneratedResponse],
              broken: list[tuple[strategies.GeneratedResponse, strategies.Corruption]]) -> list[str]:
    """A log as a payment service writes one: responses with their order, broken ones, a blank and a bad line."""
    lines = [json.dumps({"response": item.document, "orderAmount": str(item.order_amount), "currency": item.currency})
             for item in valid]
    lines += [json.dumps({"response": item.document, "request": item.request()}) for item, _ in broken]
    return [*lines, "", "{not json", *lines[:1]]


logs = st.builds(
    log_lines,
    st.lists(strategies.get_plans_responses(max_plans=3), max_size=4),
    st.lists(strategies.corrupted_responses(strategies.get_plans_responses(min_plans=1, max_plans=3)), max_size=3),
)


def write_log(url: str, lines: list[str], *, column: str = "response", kind: pa.DataType | None = None) -> str:
    """*lines* written to *url* as its suffix says: JSON Lines, gzip JSON Lines, or a Parquet column."""
    with fsspec.open(url, "wb") as file:
        if url.endswith(".parquet"):
            pq.write_table(pa.table({column: pa.array(lines, kind or pa.string())}), file, row_group_size=7)
        else:
            data = "".join(f"{line}\n" for line in lines).encode()
            file.write(gzip.compress(data) if url.endswith(".gz") else data)
    return url


def from_source(summary: AuditSummary, source: str) -> AuditSummary:
    """*summary* (of lines given directly) as it reads when its lines come from *source*."""
    return replace(summary, worst=[replace(problem, source=source) for problem in summary.worst],
                   malformed_examples=[replace(problem, source=source) for problem in summary.malformed_examples])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=logs, name=st.sampled_from(["log.jsonl", "log.jsonl.gz", "log.parquet"]),
       filesystem=st.sampled_from(["memory", "file"]))
def test_a_log_gives_the_same_summary_from_every_format_and_filesystem(
        lines: list[str], name: str, filesystem: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    url = f"{_memory_root()}/{name}" if filesystem == "memory" else str(tmp_path_factory.mktemp("log") / name)
    summary = audit_paths(write_log(url, lines))
    assert summary == from_source(audit_lines(lines), url)
    assert summary.malformed_examples[0].source == url
    # Records (decoded JSON objects) through the Python API give the lines' summary, bar the lines not JSON.
    records = [json.loads(line) for line in lines if line.startswith("{\"")]
    assert audit_lines(records).rules == audit_lines([line for line in lines if line.startswith("{\"")]).rules


def test_lines_are_numbered_in_their_own_file_across_chunks_files_and_workers(tmp_path: Path) -> None:
    first = write_log(str(tmp_path / "a.jsonl"), [_RESPONSE, "12", _RESPONSE.replace('"41.63"', '"41.64"', 1)])
    second = write_log(str(tmp_path / "b.jsonl.gz"), [""] * (CHUNK_LINES + 99) + ["{"])
    for workers in (1, 2):
        summary = audit_paths(str(tmp_path / "*.*"), workers=workers)
        assert [(problem.source, problem.line) for problem in summary.malformed_examples] == [
            (first, 2), (second, CHUNK_LINES + 100)]
        assert [(problem.source, problem.line) for problem in summary.worst] == [(first, 3)]
        assert summary.lines == 3 + CHUNK_LINES + 100
    entry = summary.as_json()["malformedExamples"][1]  # type: ignore[index]
    assert (entry["source"], entry["line"]) == (second, CHUNK_LINES + 100)


def test_a_parquet_column_may_be_binary_with_null_cells_and_be_named(tmp_path: Path) -> None:
    url = write_log(str(tmp_path / "log.parquet"), [_RESPONSE.encode(), None, b"12"],  # type: ignore[list-item]
                    column="body", kind=pa.large_binary())
    summary = audit_paths(url, column="body")
    assert (summary.responses, summary.blank, summary.malformed) == (1, 1, 1)
    assert summary.malformed_examples[0].line == 3


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategies.card_number_spellings(), strategies.get_plans_responses(min_plans=1, max_plans=2))
def test_findings_are_rows_that_read_back_as_written_and_never_show_a_card_number(
        card: strategies.CardNumberSpelling, response: strategies.GeneratedResponse) -> None:
    document = json.loads(json.dumps(response.document))
    if response.format == "visa":
        plan = document["matchedPlans"][0]
        plan["vPlanID"] = card.text
        plan["costInfo"]["totalPlanCost"] = card.text
    else:
        plan = document["installmentInformation"]["planDetails"][0]
        plan["planId"] = card.text
        plan["amountDetails"]["totalPlanAmount"] = card.text
    line = json.dumps({"response": document, "orderAmount": str(response.order_amount),
                       "currency": response.currency}, ensure_ascii=False)
    root = _memory_root()
    log = write_log(f"{root}/day {card.text}.jsonl", [_RESPONSE, line])
    summary = audit_paths(log, findings=f"{root}/findings.parquet")
    with fsspec.open(f"{root}/findings.parquet", "rb") as file:
        table = pq.read_table(file)
    assert table.schema == findings_schema()
    rows = table.to_pylist()
    assert len(rows) == sum(summary.rules.values()) + sum(summary.warnings.values())
    errors = [row for row in rows if row["severity"] == "error"]
    assert errors
    assert {(row["line"], row["plan_index"], row["format"], row["currency"]) for row in errors} == {
        (2, 0, response.format, response.currency)}
    assert {row["source"] for row in rows} == {summary.worst[0].source}
    for column in table.column_names:
        if pa.types.is_string(table.schema.field(column).type):
            for value in table.column(column).to_pylist():
                strategies.assert_no_card_number(value or "")
    strategies.assert_no_card_number(json.dumps(summary.as_json(), ensure_ascii=False))


def test_findings_of_a_clean_log_are_an_empty_table_and_the_cli_writes_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    log = write_log(str(tmp_path / "log.jsonl"), ['{"installmentInformation": {"planDetails": []}}'])
    assert main(["audit", log, "--findings", str(tmp_path / "clean.parquet")]) == 0
    assert pq.read_table(tmp_path / "clean.parquet").num_rows == 0
    broken = write_log(str(tmp_path / "broken.jsonl"), ["", _RESPONSE.replace('"41.63"', '"41.64"', 1)])
    assert main(["audit", broken, "--findings", str(tmp_path / "f.parquet")]) == 1
    assert f"{broken}:2  2 finding(s)" in capsys.readouterr().out
    from_stdin = tmp_path / "stdin.parquet"
    with open(broken, "rb") as stdin:
        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": stdin})())
        assert main(["audit", "-", "--findings", str(from_stdin), "--json", "--workers", "1"]) == 1
    json.loads(capsys.readouterr().out)
    written = pq.read_table(from_stdin).to_pylist()
    assert written == [{**row, "source": ""} for row in pq.read_table(tmp_path / "f.parquet").to_pylist()]
    assert {row["line"] for row in written} == {2}


def _corrupt(directory: Path) -> dict[str, str]:
    (directory / "bad.jsonl.gz").write_bytes(b"not gzip at all\n")
    (directory / "bad.parquet").write_bytes(b"not parquet at all")
    write_log(str(directory / "numbers.parquet"), [], column="response", kind=pa.int64())
    return {name: str(directory / name) for name in ("bad.jsonl.gz", "bad.parquet", "numbers.parquet")}


@pytest.mark.parametrize(("call", "message"), [
    ({"paths": "{dir}/missing.jsonl"}, "paths: expected a readable file, found {dir}/missing.jsonl: "),
    ({"paths": "{dir}/*.nothing"}, "no file matches"),
    ({"paths": []}, "paths: expected a path, glob or URL, or a non-empty list of them, found list []"),
    ({"paths": ["{dir}/log.jsonl", 3]}, "paths[1]: expected a path, glob or URL, found 3"),
    ({"paths": "{dir}/bad.jsonl.gz"}, "paths: expected a readable file, found {dir}/bad.jsonl.gz: Not a gzipped file"),
    ({"paths": "{dir}/bad.parquet"}, "paths: expected a readable Parquet file, found {dir}/bad.parquet: "),
    ({"paths": "{dir}/numbers.parquet"}, "column: expected a column of JSON text (string or binary), found "),
    ({"paths": "{dir}/numbers.parquet", "column": "body"}, "column: expected a column of {dir}/numbers.parquet"),
    ({"paths": "{dir}/log.jsonl", "column": ""}, "column: expected a column name, found ''"),
    ({"paths": "{dir}/log.jsonl", "engine": "spark"}, "engine: expected 'local' or 'dask', found 'spark'"),
    ({"paths": "{dir}/log.jsonl", "scheduler": "tcp://localhost:8786"}, "scheduler: expected a scheduler address"),
    ({"paths": "{dir}/log.jsonl", "findings": 3}, "findings: expected a path or URL of a Parquet file, or None"),
    ({"paths": "{dir}/log.jsonl", "findings": "{dir}/log.jsonl/f.parquet"}, "findings: expected a writable path"),
    # What fsspec refuses when the files are named: an unknown protocol, an archive that is not there, a name no
    # file system allows; each an error at its place, a card number in the name masked.
    ({"paths": "nosuch://x"}, "paths[0]: expected a readable path, glob or URL (its protocol's package installed), "
                              "found 'nosuch://x': Protocol not known: nosuch"),
    ({"paths": "zip://x::{dir}/4622943127019793.zip"}, "No such file or directory: '{dir}/****9793.zip'"),
    ({"paths": "{dir}/\x00.jsonl"}, "paths[0]: expected a path, glob or URL, found "),
    ({"paths": "{dir}/log.jsonl", "findings": "nosuch://x"}, "findings: expected a writable path or URL (its "
                                                             "protocol's package installed), found 'nosuch://x'"),
])
def test_unusable_sources_and_options_are_one_error_naming_them(call: dict[str, object], message: str,
                                                                 tmp_path: Path) -> None:
    _corrupt(tmp_path)
    write_log(str(tmp_path / "log.jsonl"), [_RESPONSE])
    filled = {key: value.format(dir=tmp_path) if isinstance(value, str) else
              [item.format(dir=tmp_path) if isinstance(item, str) else item for item in value]
              if isinstance(value, list) else value for key, value in call.items()}
    with pytest.raises(InstallmentsError) as raised:
        audit_paths(**filled)  # type: ignore[arg-type]
    assert message.format(dir=tmp_path) in str(raised.value)
    strategies.assert_no_card_number(str(raised.value))


@pytest.mark.parametrize(("module", "call", "message"), [
    ("pyarrow", {"paths": "{dir}/log.parquet"}, "paths: expected installments-core[parquet] installed, found no "
                                                "module named 'pyarrow'"),
    ("pyarrow", {"paths": "{dir}/log.jsonl", "findings": "{dir}/f.parquet"}, "findings: expected "
                                                                            "installments-core[parquet] installed"),
    ("distributed", {"paths": "{dir}/log.jsonl", "engine": "dask"}, "engine: expected installments-core[dask] "
                                                                    "installed, found no module named 'distributed'"),
])
def test_a_missing_extra_is_an_error_naming_it(module: str, call: dict[str, str], message: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write_log(str(tmp_path / "log.jsonl"), [_RESPONSE])
    write_log(str(tmp_path / "log.parquet"), [_RESPONSE])
    monkeypatch.setitem(sys.modules, module, None)  # what `import` finds for a module that is not installed
    with pytest.raises(InstallmentsError, match=message.replace("[", r"\[").replace("]", r"\]")):
        audit_paths(**{key: value.format(dir=tmp_path) for key, value in call.items()})  # type: ignore[arg-type]


def test_the_cli_reads_globs_and_urls_and_names_an_unusable_one(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = _memory_root()
    write_log(f"{root}/a.parquet", [_RESPONSE, "12"], column="body")
    write_log(f"{root}/b.jsonl", [_RESPONSE])
    assert main(["audit", f"{root}/*.parquet", f"{root}/b.jsonl", "--column", "body", "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert (summary["responses"], summary["malformedExamples"][0]["source"]) == (2, f"{root}/a.parquet")
    assert main(["audit", str(tmp_path / "missing.jsonl")]) == 2
    assert "RESPONSES: expected a readable file" in capsys.readouterr().err


def test_the_cli_shows_progress_on_a_terminal_and_names_an_unreadable_stdin(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    log = write_log(str(tmp_path / "log.jsonl"), [_RESPONSE, ""])
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["audit", log]) == 0
    assert "\r2 lines, " in capsys.readouterr().err  # then the rate, which varies
    with open(log, "rb") as stdin:
        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": stdin})())
        assert main(["audit", "-", "--workers", "1"]) == 0
    assert " 2/2 lines, " in capsys.readouterr().err
    reading, writing = os.pipe()  # a pipe cannot be counted up front: lines and rate, no total
    os.write(writing, Path(log).read_bytes())
    os.close(writing)
    with os.fdopen(reading, "rb") as stdin:
        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": stdin})())
        assert main(["audit", "-", "--workers", "1"]) == 0
    assert "\r2 lines, " in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": _FailingStream()})())
    assert main(["audit", "-", "--workers", "1"]) == 2
    assert "RESPONSES: expected a readable stream, found stdin: Input/output error" in capsys.readouterr().err


def test_the_progress_bar_shows_the_rate_and_with_a_total_the_share_done_and_the_time_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    log = write_log(str(tmp_path / "log.jsonl"), [_RESPONSE] * 3)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with open(log, "rb") as stdin:  # a regular file is counted up front: a total
        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": stdin})())
        assert main(["audit", "-", "--workers", "1"]) == 0
    last = capsys.readouterr().err.rsplit("\r", 1)[1]
    assert re.fullmatch(r"100%\|█+\| 3/3 lines, [0-9.]+ lines/s, 00:00 left\n", last), last
    # Files by name are not counted first: the lines, their rate, the time taken.
    assert main(["audit", log, "--workers", "1"]) == 0
    last = capsys.readouterr().err.rsplit("\r", 1)[1]
    assert re.fullmatch(r"3 lines, [0-9.]+ lines/s, 00:00\n", last), last


class _FailingStream:
    """A device that fails mid-read."""

    def readline(self, size: int = -1, /) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO))
