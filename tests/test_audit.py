"""``installments-core audit``: a log of responses validated in bulk, on every core, summarized."""

from __future__ import annotations

import io
import json
import multiprocessing
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, audit_lines, strategies
from installments_core._audit import CHUNK_LINES, MALFORMATIONS, available_workers, worker_count
from installments_core._wire.decoding import decode_json
from installments_core.cli import main

from .conftest import GUIDE
from .response_strategies import SEEDS, mutate


def _log(valid: list[strategies.GeneratedResponse],
         broken: list[tuple[strategies.GeneratedResponse, strategies.Corruption]]) -> list[str]:
    lines = [json.dumps({"response": item.document, "orderAmount": str(item.order_amount), "currency": item.currency})
             for item in valid]
    lines += [json.dumps({"response": item.document, "request": item.request()}) for item, _ in broken]
    return lines


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(strategies.get_plans_responses(max_plans=3), max_size=6),
       st.lists(strategies.corrupted_responses(strategies.get_plans_responses(min_plans=1, max_plans=3)), max_size=4))
def test_counts_add_up(valid: list[strategies.GeneratedResponse],
                       broken: list[tuple[strategies.GeneratedResponse, strategies.Corruption]]) -> None:
    summary = audit_lines([*_log(valid, broken), "", "{not json", '"a string"'])
    assert summary.responses == len(valid) + len(broken)
    assert summary.responses_ok == len(valid)
    assert summary.plans == sum(len(item.offers) for item in valid) + sum(len(item.offers) for item, _ in broken)
    assert summary.malformed == 2
    assert [problem.line for problem in summary.malformed_examples] == [len(valid) + len(broken) + 2,
                                                                        len(valid) + len(broken) + 3]
    assert sum(summary.rules.values()) >= len(broken)
    assert {problem.line for problem in summary.worst} <= set(range(len(valid) + 1, len(valid) + len(broken) + 1))
    assert not summary.ok


def _published_log(tmp_path: Path, copies: int = 700) -> Path:
    documents = [
        (GUIDE / "get_plans_token.response.json").read_text("utf-8"),
        json.dumps({"response": json.loads((GUIDE / "get_plans_pan_2024.response.json").read_text("utf-8")),
                    "request": json.loads((GUIDE / "get_plans_pan_2024.request.json").read_text("utf-8"))}),
        json.dumps({"response": json.loads((GUIDE / "get_plans_pan_qar.response.json").read_text("utf-8")),
                    "orderAmount": "3000", "currency": "QAR"}),
    ]
    lines = [" ".join(document.split()) for document in documents] * copies
    assert '"41.63"' in lines[3]
    lines[3] = lines[3].replace('"41.63"', '"41.64"', 1)  # one plan off by one cent, on line 4
    lines[7] = "truncated {"
    path = tmp_path / "responses.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_any_number_of_workers_gives_the_same_summary(tmp_path: Path) -> None:
    lines = _published_log(tmp_path).read_bytes().splitlines()
    single = audit_lines(lines, workers=1).as_json()
    assert audit_lines(lines, workers=2).as_json() == single
    assert audit_lines(lines, workers=3).as_json() == single
    assert single["responses"] == 2099
    assert single["malformedLines"] == 1
    worst = single["worstLines"]
    assert isinstance(worst, list)
    assert [entry["line"] for entry in worst] == [4]
    assert worst[0]["first"].startswith("installmentInformation.planDetails[1].amountDetails.lastInstallment")


def test_the_cli_summarizes_and_exits_1_on_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _published_log(tmp_path, copies=3)
    assert main(["audit", str(path), "--workers", "2", "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert (summary["responses"], summary["plans"], summary["malformedLines"]) == (8, 22, 1)
    assert summary["policies"]["visa"] >= 20
    assert summary["malformedExamples"][0]["line"] == 8
    assert summary["worstLines"][0]["line"] == 4
    assert main(["audit", str(path), "--workers", "1"]) == 1
    text = capsys.readouterr().out
    assert text.startswith("responses: 8 read, 7 ok; plans: 22 checked")
    assert "worst lines:" in text


def test_a_clean_log_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "clean.jsonl"
    path.write_text(" ".join((GUIDE / "get_plans_token.response.json").read_text("utf-8").split()) + "\n", "utf-8")
    assert main(["audit", str(path)]) == 0
    assert capsys.readouterr().out.startswith("responses: 1 read, 1 ok; plans: 4 checked, 4 ok; malformed lines: 0")


@pytest.mark.parametrize(("arguments", "message"), [
    (["missing.jsonl"], "RESPONSES: expected a readable file"),
    (["-", "--workers", "0"], "--workers: expected an integer of at least 1, found 0"),
    (["-", "--workers", "-3"], "--workers: expected a whole number, found '-3'"),
    (["-", "--workers", "9" * 5000], "--workers: expected a whole number, found '"),
    (["-", "--max-line-bytes", "0"], "--max-line-bytes: expected an integer from 1 to 2097152, found 0"),
    (["-", "--max-line-bytes", "2097153"], "--max-line-bytes: expected an integer from 1 to 2097152, found 2097153"),
    (["-", "--max-line-bytes", "1e6"], "--max-line-bytes: expected a whole number, found '1e6'"),
])
def test_unusable_input_is_exit_2_and_one_line(arguments: list[str], message: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", *arguments]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert message in error


# -- hostile logs: every line is a response, a malformed line or a blank line; nothing is fatal ---

_RESPONSE = " ".join((GUIDE / "get_plans_token.response.json").read_text("utf-8").split())
_HOSTILE_BOUND = len(_RESPONSE) + 10
"""The line bound the properties run under: small, so that over-long lines are cheap to make."""

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    | st.floats(allow_nan=False, allow_infinity=False).map(lambda number: RawJson(json.dumps(number))),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


class RawJson(str):
    """JSON text to insert as it is (a number with a fraction, which json.dumps would write as a float)."""


def _dumps(value: object) -> str:
    if isinstance(value, RawJson):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_dumps, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)}: {_dumps(item)}" for key, item in value.items()) + "}"
    return json.dumps(value)


@st.composite
def _envelopes(draw: st.DrawFn) -> str:
    fields = {"response": draw(_json_values | st.just(json.loads(_RESPONSE)) | st.fixed_dictionaries(
        {"installmentInformation": _json_values}) | st.fixed_dictionaries({"matchedPlans": _json_values}))}
    for name, values in (("orderAmount", _json_values | st.sampled_from(["500", "1e999", "-1", "0.001"])),
                         ("currency", _json_values | st.sampled_from(["USD", "usd", "XXX"])),
                         ("request", _json_values)):
        if draw(st.booleans()):
            fields[name] = draw(values)
    return _dumps(fields)


_hostile_lines = st.one_of(
    st.just(_RESPONSE.encode()),
    st.integers(1, len(_RESPONSE) - 1).map(lambda cut: _RESPONSE[:cut].encode()),  # truncated
    _json_values.map(lambda value: _dumps(value).encode()),  # scalars, arrays, null, objects of anything
    _envelopes().map(str.encode),
    st.binary(max_size=40).map(lambda data: data.replace(b"\n", b"")),  # random bytes, NUL bytes
    st.sampled_from([b"", b" ", b"\t", b"\r", b"\x00", b"\xff\xfe", b'{"a": "\xc3"}', b"\xef\xbb\xbf{}",
                     b"\x00\x00\x00{", b"null", b"12", b"[300]", b'{"response": null}', b'"text"']),
    st.integers(_HOSTILE_BOUND + 1, 2 * _HOSTILE_BOUND).map(lambda size: b"7" * size),  # over the bound
    st.text(max_size=10).map(lambda text: text.encode("utf-8", "surrogatepass")),  # lone surrogates: not UTF-8
)


@st.composite
def hostile_logs(draw: st.DrawFn, max_lines: int = 12) -> bytes:
    """A log of hostile lines, with LF or CRLF line ends, and with or without a final line feed."""
    lines = draw(st.lists(_hostile_lines, min_size=1, max_size=max_lines))
    ends = draw(st.lists(st.sampled_from([b"\n", b"\r\n"]), min_size=len(lines), max_size=len(lines)))
    data = b"".join(line + end for line, end in zip(lines, ends, strict=True))
    return data if draw(st.booleans()) else data.rstrip(b"\n")


def line_count(data: bytes) -> int:
    return data.count(b"\n") + (not data.endswith(b"\n") and bool(data))


def assert_accounted(summary: dict[str, object], data: bytes) -> None:
    """Every line is exactly one of: a response, a malformed line, a blank line; kinds add up."""
    lines = line_count(data)
    assert summary["lines"] == lines
    assert summary["responses"] + summary["malformedLines"] + summary["blankLines"] == lines  # type: ignore[operator]
    kinds = summary["malformedByKind"]
    assert isinstance(kinds, dict)
    assert set(kinds) <= set(MALFORMATIONS)
    assert sum(kinds.values()) == summary["malformedLines"]
    examples = summary["malformedExamples"]
    assert isinstance(examples, list)
    assert all(1 <= example["line"] <= lines and example["code"] in MALFORMATIONS for example in examples)
    assert summary["ok"] == (summary["malformedLines"] == 0 and summary["responses"] == summary["responsesOk"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_logs())
def test_a_hostile_log_is_counted_line_by_line_in_process(data: bytes) -> None:
    from_stream = audit_lines(io.BytesIO(data), max_line_bytes=_HOSTILE_BOUND).as_json()
    assert_accounted(from_stream, data)
    # A list of lines is read as the stream is: the same summary.
    listed = data.split(b"\n")[:line_count(data)]
    assert audit_lines(listed, max_line_bytes=_HOSTILE_BOUND).as_json() == from_stream
    assert audit_lines([line.decode("latin-1") for line in listed if line.isascii()],
                       max_line_bytes=_HOSTILE_BOUND).as_json()["lines"] == sum(map(bytes.isascii, listed))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(hostile_logs(), min_size=1, max_size=10).map(b"".join), st.sampled_from(["1", "2"]),
       st.booleans())
def test_the_cli_counts_a_hostile_log_and_never_dies(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                                      workers: str, from_stdin: bool) -> None:
    # Many hostile logs in one file: one process start checks dozens of lines.
    path = tmp_path_factory.mktemp("hostile") / "log.jsonl"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "installments_core.cli", "audit", "-" if from_stdin else str(path), "--json",
         "--workers", workers, "--max-line-bytes", str(_HOSTILE_BOUND)],
        input=data if from_stdin else None, capture_output=True, check=False, timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr.decode(errors="replace")
    assert result.stderr == b""
    assert_accounted(json.loads(result.stdout), data)


def test_the_lines_the_issue_named_are_malformed_by_kind(tmp_path: Path) -> None:
    lines = [b"12", b"null", b"[300]", b'{"response": null}', b"\xff" * 10, b"", _RESPONSE.encode(), b"{trunc",
             b'{"installmentInformation": null}', b"7" * 20000, b'{"response": {}}', b"\x00"]
    summary = audit_lines(lines, max_line_bytes=10000)
    assert [(problem.line, problem.code) for problem in summary.malformed_examples] == [
        (1, "not_an_object"), (2, "not_an_object"), (3, "not_an_object"), (4, "envelope"), (5, "not_utf8"),
        (8, "not_json"), (10, "too_long"), (11, "not_a_response"), (12, "not_json"),
    ]
    assert (summary.lines, summary.responses, summary.blank, summary.malformed) == (12, 2, 1, 9)
    assert summary.malformed_examples[6].reason == "a line of 20000 bytes"


def test_an_endless_line_is_counted_without_being_held() -> None:
    # 50 MB of NUL bytes and no line feed, as `head -c 50M /dev/zero` gives: one line, too long,
    # read in pieces.  The process's peak memory stays within a few bounds of a line (1 MiB) of
    # what an audit of one short line takes; before the bound, it grew by the line's 50 MB and more.
    script = ("import resource, sys\n"
              "from installments_core.cli import main\n"
              "code = main(['audit', '-', '--json', '--workers', '1'])\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
              "sys.exit(code)\n")

    def run(pipeline: str) -> tuple[int, dict[str, object], int]:
        result = subprocess.run(f"{pipeline} | {shlex.quote(sys.executable)} -c {shlex.quote(script)}",
                                shell=True, capture_output=True, check=False, timeout=120)
        return result.returncode, json.loads(result.stdout), int(result.stderr)

    code, summary, peak_kib = run("head -c 50M /dev/zero")
    assert code == 1
    assert (summary["lines"], summary["malformedLines"], summary["malformedByKind"]) == (1, 1, {"too_long": 1})
    assert summary["malformedExamples"] == [{"line": 1, "code": "too_long", "reason": "a line of 52428800 bytes"}]
    _, small, baseline_kib = run("printf '12\\n'")
    assert small["malformedByKind"] == {"not_an_object": 1}
    assert peak_kib - baseline_kib < 16 * 1024, (peak_kib, baseline_kib)


def test_workers_are_bounded_by_the_cores_and_checked() -> None:
    lines = [_RESPONSE] * 3 * CHUNK_LINES
    seen: list[int] = []
    summary = audit_lines(lines, workers=10**9,
                          progress=lambda _: seen.append(len(multiprocessing.active_children())))
    assert summary.as_json() == audit_lines(lines).as_json()
    assert 0 < max(seen) <= available_workers()
    assert worker_count(10**9) == available_workers()
    assert worker_count(1) == 1


@pytest.mark.parametrize(("arguments", "path"), [
    ({"workers": 0}, "workers"), ({"workers": -1}, "workers"), ({"workers": True}, "workers"),
    ({"workers": 2.0}, "workers"), ({"workers": "2"}, "workers"), ({"workers": None}, "workers"),
    ({"max_line_bytes": 0}, "max_line_bytes"), ({"max_line_bytes": 10**9}, "max_line_bytes"),
    ({"max_line_bytes": False}, "max_line_bytes"), ({"max_line_bytes": "1024"}, "max_line_bytes"),
])
def test_unusable_arguments_are_errors_naming_them(arguments: dict[str, Any], path: str) -> None:
    with pytest.raises(InstallmentsError) as raised:
        audit_lines(["{}"], **arguments)
    assert raised.value.path == path


@pytest.mark.parametrize(("lines", "path"), [(12, "lines"), (None, "lines"), (b"{}", "lines"),
                                             ([b"{}", 12], "lines[1]"), (["{}", None], "lines[1]")])
def test_lines_that_are_not_lines_are_errors_naming_them(lines: Any, path: str) -> None:
    with pytest.raises(InstallmentsError) as raised:
        audit_lines(lines)
    assert raised.value.path == path


def _both_formats() -> str:
    document = json.loads(_RESPONSE)
    document["matchedPlans"] = []
    return json.dumps(document)


def _with_status(status: object, code: object = "200") -> str:
    document = json.loads(_RESPONSE)
    document["status"] = status
    document.setdefault("processorInformation", {})["responseCode"] = code
    return json.dumps(document)


# Each refusal of the reader lands under the kind that names it: a repeated key is JSON (not
# "not_json"), an error answer is a response that says the request failed (not "not_a_response").
@pytest.mark.parametrize(("line", "kind"), [
    ('{"a": 1, "a": 2}', "duplicate_key"),
    (_RESPONSE[:-1] + ', "status": "ACCEPTED", "status": "REJECTED"}', "duplicate_key"),
    ('{"response": {"matchedPlans": [], "matchedPlans": []}, "orderAmount": "5", "currency": "USD"}', "duplicate_key"),
    ('{"status": "REJECTED"}', "error_response"),
    (_with_status("INVALID_REQUEST"), "error_response"),
    (_with_status("ACCEPTED", "400"), "error_response"),
    (json.dumps({"response": json.loads(_with_status("REJECTED"))}), "error_response"),
    (_both_formats(), "not_a_response"),
    ("{}", "not_a_response"),
    ("{trunc", "not_json"),
])
def test_every_refusal_of_the_reader_has_a_kind_that_says_so(line: str, kind: str) -> None:
    summary = audit_lines([line])
    assert dict(summary.malformed_kinds) == {kind: 1}
    assert kind in MALFORMATIONS


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(strategies.get_plans_responses(max_plans=3), max_size=4),
       st.lists(strategies.corrupted_responses(strategies.get_plans_responses(min_plans=1, max_plans=3)), max_size=4),
       st.lists(st.sampled_from(sorted(SEEDS)), max_size=4), st.data(), st.randoms(use_true_random=False))
def test_lines_and_the_same_records_give_the_same_summary(
        valid: list[strategies.GeneratedResponse],
        broken: list[tuple[strategies.GeneratedResponse, strategies.Corruption]],
        seeds: list[str], data: st.DataObject, order: Any) -> None:
    # A line's response is decoded by the audit, so its plans are accepted by their texts and their reports kept;
    # a record is the caller's and is read field by field.  Both ways must find the same, twice over (the second
    # time from the kept reports).
    mutated = [mutate(seed, data)[0] for seed in seeds]
    lines = [*_log(valid, broken), *(json.dumps(document) for document in mutated)]
    order.shuffle(lines)
    lines += lines
    records = [decode_json(line) for line in lines]
    assert audit_lines(lines).as_json() == audit_lines(records).as_json()  # type: ignore[arg-type]
