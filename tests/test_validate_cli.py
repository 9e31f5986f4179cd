"""``installments-core validate``: exit codes, JSON shape, text table, stdin, and no card number ever."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from installments_core.cli import EXIT_BROKEN_PIPE, main

from .visa_fixtures import GUIDE, guide_json, visa_response

CARD = "4622943127019793"


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(["validate", *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _write(tmp_path: Path, name: str, document: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document), "utf-8")
    return str(path)


@pytest.mark.parametrize("stem", ["get_plans_pan_2024", "get_plans_pan_qar", "get_plans_token", "get_plans_par"])
def test_published_responses_exit_0_with_their_requests(capsys: pytest.CaptureFixture[str], stem: str) -> None:
    code, out, err = run(capsys, str(GUIDE / f"{stem}.response.json"), "--request", str(GUIDE / f"{stem}.request.json"))
    assert (code, err) == (0, "")
    assert out.splitlines()[0].endswith(": OK")
    assert CARD not in out


def test_json_output_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(GUIDE / "get_plans_token.response.json"), "--amount", "500", "--currency", "USD",
                       "--json")
    report = json.loads(out)
    assert code == 0
    assert set(report) == {"ok", "format", "plans", "errors"}
    assert (report["ok"], report["format"], report["errors"]) == (True, "cybersource", [])
    plan = report["plans"][2]
    assert set(plan) == {"index", "planId", "ok", "convention", "policy", "discrepancies"}
    assert (plan["index"], plan["convention"], plan["policy"]) == (2, "current", "visa")
    assert set(plan["discrepancies"][0]) == {"path", "severity", "expected", "actual", "deltaMinorUnits", "rule"}
    assert plan["discrepancies"][0]["severity"] == "warning"


def test_discrepancies_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    document = guide_json("get_plans_token.response")
    document["installmentInformation"]["planDetails"][2]["amountDetails"]["lastInstallment"]["feeAmount"] = "2.13"
    path = _write(tmp_path, "response.json", document)
    code, out, _ = run(capsys, path, "--amount", "500", "--json")
    report = json.loads(out)
    assert code == 1
    assert report["ok"] is False
    entry = next(d for d in report["plans"][2]["discrepancies"] if d["path"].endswith("lastInstallment.feeAmount"))
    assert (entry["expected"], entry["actual"], entry["deltaMinorUnits"]) == ("2.12", "2.13", "1")
    assert run(capsys, path, "--amount", "500", "--tolerance", "1")[0] == 0


def test_visa_native_and_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.dumps(visa_response("get_plans_token")).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(document)))
    code, out, _ = run(capsys, "-", "--amount", "500", "--currency", "USD", "--json")
    assert code == 0
    assert json.loads(out)["format"] == "visa"


def test_policy_option(capsys: pytest.CaptureFixture[str]) -> None:
    response = str(GUIDE / "get_plans_token.response.json")
    assert run(capsys, response, "--amount", "500", "--policy", "principal=down")[0] == 1
    code, _, err = run(capsys, response, "--policy", "principal=sideways")
    assert code == 2
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["get_plans_pan_qar.response.published.txt"], "invalid JSON at line 1 column 1103"),
        (["missing.json"], "'missing.json': No such file or directory"),
        (["get_plans_token.response.json", "--amount", "five"], "amount"),
        (["get_plans_token.response.json", "--amount", "500", "--currency", "XXX"], "currency"),
        (["get_plans_token.response.json", "--tolerance", "-1"], "tolerance"),
        (["select_pan_ac.response.json"], "planDetails"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, arguments: list[str], message: str
) -> None:
    monkeypatch.chdir(GUIDE)
    code, out, err = run(capsys, *arguments)
    if arguments[0].startswith("select"):
        # A select response is readable but is not a get-plans response: its planDetails are missing.
        assert code == 1
        assert message in out
        return
    assert (code, out) == (2, "")
    assert err.startswith("installments-core: error: ")
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_amount_and_request_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "x.json", "--amount", "5", "--request", "y.json"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_card_number_in_the_request_or_the_response_is_never_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = guide_json("get_plans_pan_2024.request")
    assert request["paymentInformation"]["card"]["number"] == CARD
    request_path = _write(tmp_path, "request.json", request)
    response = guide_json("get_plans_pan_2024.response")
    response["installmentInformation"]["planDetails"][0]["planId"] = CARD
    response["installmentInformation"]["planDetails"][1]["totalCount"] = CARD
    response_path = _write(tmp_path, "response.json", response)
    for extra in ([], ["--json"]):
        code, out, err = run(capsys, response_path, "--request", request_path, *extra)
        assert code == 1
        assert CARD not in out + err
        assert "9793" in out
    request["orderInformation"]["amountDetails"]["totalAmount"] = CARD + "0"
    bad_request = _write(tmp_path, "bad.json", request)
    code, out, err = run(capsys, response_path, "--request", bad_request)
    assert code == 2
    assert CARD not in out + err


def test_the_console_entry_point_runs_without_a_traceback() -> None:
    published = GUIDE / "get_plans_pan_qar.response.published.txt"
    result = subprocess.run(
        [sys.executable, "-m", "installments_core.cli", "validate", str(published)],
        capture_output=True, text=True, check=False, cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_the_text_report_shows_each_plans_problems_under_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = guide_json("get_plans_token.response")
    document["installmentInformation"]["planDetails"][1]["totalCount"] = "-12"
    document["submitTimeUtc"] = 201  # a status that is not a success string would make it an error answer instead
    code, out, _ = run(capsys, _write(tmp_path, "response.json", document), "--amount", "500")
    lines = out.splitlines()
    assert code == 1
    plan = lines.index(next(line for line in lines if line.startswith("[1] ")))
    assert "FAIL" in lines[plan]
    assert lines[plan + 1].startswith("  unreadable  installmentInformation.planDetails[1].totalCount: expected")
    assert lines[-1] == "unreadable  submitTimeUtc: expected a string, found 201"


def test_a_reader_that_stops_early_gets_no_traceback_and_no_false_success(tmp_path: Path) -> None:
    """`validate ... | head`: the verdict may be in what was never written, so the run must not say 0."""
    document = json.loads((GUIDE / "get_plans_token.response.json").read_text("utf-8"))
    plans = document["installmentInformation"]["planDetails"]
    for index in range(96):  # a long report (about 100 kB in JSON): more than a pipe holds
        plan = copy.deepcopy(plans[index % 4])
        plan["planId"] = f"plan-{index}"
        plan["amountDetails"]["totalPlanAmount"] = "1.00"
        plans.append(plan)
    response = tmp_path / "response.json"
    response.write_text(json.dumps(document), "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "installments_core.cli", "validate", str(response), "--amount", "500", "--currency",
         "USD", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    with process.stderr:
        process.stdout.read(10)
        process.stdout.close()
        assert process.wait(timeout=60) == EXIT_BROKEN_PIPE
        assert process.stderr.read() == b""


def test_regime_option(capsys: pytest.CaptureFixture[str]) -> None:
    response = str(GUIDE / "get_plans_token.response.json")
    rules = []
    for regime in ("us-apr", "eu-aprc"):
        code, out, _ = run(capsys, response, "--amount", "500", "--currency", "USD", "--regime", regime, "--json")
        assert code == 0
        plan = json.loads(out)["plans"][2]
        rules.append([(d["expected"], d["rule"].rsplit("(", 1)[1]) for d in plan["discrepancies"]])
    assert rules == [[("20.73", "us-apr: APR 20.73 % ± 0.125 points)")],
                     [("22.82", "eu-aprc: APRC 22.82 % ± 0.005 points)")]]
    with pytest.raises(SystemExit) as exited:  # argparse refuses a choice it does not list
        run(capsys, response, "--regime", "apr")
    assert exited.value.code == 2
