"""``installments-core audit``: a log of responses validated in bulk, on every core, summarized."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import audit_lines, strategies
from installments_core.cli import main

from .conftest import GUIDE


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
    (["-", "--workers", "0"], "--workers: expected a positive whole number of processes, found 0"),
    (["-", "--workers", "-3"], "--workers: expected a whole number, found '-3'"),
    (["-", "--workers", "9" * 5000], "--workers: expected a whole number, found '"),
    (["-", "--max-line-bytes", "0"], "--max-line-bytes: expected a positive whole number of bytes, at most 2097152"),
    (["-", "--max-line-bytes", "2097153"], "--max-line-bytes: expected a positive whole number of bytes, at most"),
    (["-", "--max-line-bytes", "1e6"], "--max-line-bytes: expected a whole number, found '1e6'"),
])
def test_unusable_input_is_exit_2_and_one_line(arguments: list[str], message: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", *arguments]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert message in error
