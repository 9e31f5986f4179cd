"""``installments-core check-request``: exit 0 valid, 1 violations listed by path, 2 unusable input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from installments_core.cli import EXIT_FINDINGS, EXIT_USAGE, main

from .conftest import GUIDE

JPO = Path(__file__).parent / "data" / "jpo"


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(["check-request", *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("request_file", "kind"),
    [(GUIDE / "select_pan_ac.request.json", "select"), (GUIDE / "cancel_token_ntid.request.json", "cancel"),
     (GUIDE / "get_plans_par.request.json", "get-plans"), (JPO / "installment_corrected.json",
                                                           "jpo-authorization")],
)
def test_a_valid_request_exits_0(capsys: pytest.CaptureFixture[str], request_file: Path, kind: str) -> None:
    code, out, err = run(capsys, str(request_file), "--kind", kind)
    assert (code, out, err) == (0, f"{kind} request: valid\n", "")


def test_violations_are_listed_by_path_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(JPO / "revolving_published.json"), "--kind", "jpo-authorization")
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "jpo-authorization request: 2 violations, 1 warning"
    assert lines[1].startswith("  processingInformation.japanPaymentOptions.businessNameKatakana: businessNameKatakana "
                               "is written in katakana")
    assert lines[2].startswith("  processingInformation.japanPaymentOptions.firstBusinessMonth: misspelt field name")
    assert lines[3].startswith("  warning: orderInformation.amountDetails.currency: the currency is the ISO 4217 code")


def test_a_revolving_payment_without_installments_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads((JPO / "revolving_corrected.json").read_text("utf-8"))
    del document["processingInformation"]["japanPaymentOptions"]["installments"]
    request = tmp_path / "request.json"
    request.write_text(json.dumps(document), "utf-8")
    code, out, _ = run(capsys, str(request), "--kind", "jpo-authorization")
    assert code == 1
    assert out.splitlines()[1].startswith("  processingInformation.japanPaymentOptions.installments: paymentMethod "
                                          "'80' (revolving payment) requires installments")


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(GUIDE / "get_plans_pan_qar.request.json"), "--kind", "get-plans", "--json")
    assert code == 1
    assert json.loads(out) == {"kind": "get-plans", "valid": False, "violations": [{
        "path": "paymentInformation.card.number",
        "rule": "not a card number: it holds characters other than digits; a masked number such as the guide's "
                "cannot be sent",
        "expected": "a card number of 12 to 19 digits", "actual": "15 characters ending in '2040'",
        "code": "card_number"}], "warnings": []}
    code, out, _ = run(capsys, str(GUIDE / "get_plans_par.request.json"), "--kind", "get-plans", "--json")
    assert (code, json.loads(out)) == (0, {"kind": "get-plans", "valid": True, "violations": [], "warnings": []})


def test_select_against_the_plans_response(capsys: pytest.CaptureFixture[str]) -> None:
    select = str(GUIDE / "select_pan_ac.request.json")
    code, out, _ = run(capsys, select, "--kind", "select", "--plans", str(GUIDE / "get_plans_token.response.json"))
    assert code == 1
    assert "installmentInformation.planId: the planId must be one the get-plans response offered" in out


def test_a_select_of_a_plan_in_another_currency_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    select = json.loads((GUIDE / "select_pan_ac.request.json").read_text("utf-8"))
    select["orderInformation"]["amountDetails"] = {"totalAmount": "3000", "currency": "USD"}
    select["installmentInformation"] = {"planId": "7014ef25-54db-7286-b693-1874fe665002", "tcVersion": "1"}
    request = tmp_path / "select.json"
    request.write_text(json.dumps(select), "utf-8")
    code, out, _ = run(capsys, str(request), "--kind", "select", "--plans",
                       str(GUIDE / "get_plans_pan_qar.response.json"))
    assert code == 1
    assert "orderInformation.amountDetails.currency: the chosen plan is in another currency than the order" in out


def test_the_card_present_flag(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(JPO / "installment_corrected.json"), "--kind", "jpo-authorization",
                       "--card-present")
    assert code == 1
    assert "terminalId" in out


def test_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (GUIDE / "cancel_par_ac.request.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(capsys, "-", "--kind", "cancel")[0] == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.json", "--kind", "select"], "REQUEST.json: expected a readable file, found 'missing.json'"),
        ([str(GUIDE / "get_plans_pan_qar.response.published.txt"), "--kind", "select"],
         "expected a JSON document"),
        ([str(GUIDE / "select_pan_ac.request.json"), "--kind", "cancel", "--plans", "x.json"],
         "--plans: expected --plans only with --kind select"),
        ([str(GUIDE / "select_pan_ac.request.json"), "--kind", "select", "--card-present"],
         "--card-present: expected --card-present only with --kind jpo-authorization"),
        ([str(GUIDE / "select_pan_ac.request.json"), "--kind", "select", "--plans",
          str(GUIDE / "select_pan_ac.response.json")],
         "RESPONSE.json installmentInformation.planDetails: expected an array of plans"),
        ([str(GUIDE / "select_pan_ac.request.json"), "--kind", "select", "--plans",
          str(GUIDE / "get_plans_pan_qar.response.published.txt")], "RESPONSE.json: expected a JSON document"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    code, out, err = run(capsys, *arguments)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("installments-core: error: ")
    assert message in err


def test_bad_bytes_and_unknown_kinds_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"a": "\xe9"}')
    assert run(capsys, str(latin), "--kind", "select")[2].startswith("installments-core: error: REQUEST.json: "
                                                                     "expected a request in UTF-8, UTF-16 or UTF-32")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert run(capsys, str(deep), "--kind", "select")[0] == 2
    with pytest.raises(SystemExit) as raised:
        main(["check-request", str(latin), "--kind", "refund"])
    assert raised.value.code == 2


def test_the_installed_module_runs_as_a_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "installments_core.cli", "check-request",
         str(GUIDE / "get_plans_pan_qar.request.json"), "--kind", "get-plans"],
        capture_output=True, text=True, check=False, cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 1
    assert "5180126342040" not in result.stdout
    assert result.stdout.startswith("get-plans request: 1 violation\n  paymentInformation.card.number:")


def test_what_no_json_reader_takes_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.json"
    huge.write_text('{"a": ' + "1" * 5000 + "}")
    assert main(["check-request", str(huge), "--kind", "select"]) == EXIT_USAGE
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "a number out of range" in error


def test_a_lone_surrogate_is_written_as_its_escape(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"\\ud800": 1}'), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["check-request", "-", "--kind", "get-plans"]) == EXIT_FINDINGS
    assert "\\ud800: not a field of the get-plans request" in capsys.readouterr().out


@pytest.mark.parametrize(
    "arguments",
    [
        ["check-request", "4622943127019793.json", "--kind", "select"],
        ["check-request", "request.json", "--kind", "4622943127019793"],
        ["validate", "response.json", "4622-9431-2701-9793"],
        ["check-request", str(GUIDE / "select_pan_ac.request.json"), "--kind", "select", "--plans",
         "4622 9431 2701 9793"],
    ],
)
def test_a_card_number_typed_as_an_argument_is_masked_in_the_error(
    capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    try:
        code = main(arguments)
    except SystemExit as stop:  # argparse's own errors
        code = stop.code  # type: ignore[assignment]
    assert code == EXIT_USAGE
    error = capsys.readouterr().err
    assert "****9793" in error
    assert "4622" not in error


@pytest.mark.parametrize(("kind", "request_file"), [
    ("get-plans", GUIDE / "get_plans_par.request.json"), ("select", GUIDE / "select_pan_ac.request.json"),
    ("cancel", GUIDE / "cancel_token_ntid.request.json"),
    ("jpo-authorization", JPO / "installment_corrected.json"),
])
def test_a_client_reference_is_accepted_on_every_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str,
                                                      request_file: Path) -> None:
    document = json.loads(request_file.read_text("utf-8"))
    document["clientReferenceInformation"] = {"code": "order-2026-0001"}
    path = tmp_path / "request.json"
    path.write_text(json.dumps(document), "utf-8")
    assert run(capsys, str(path), "--kind", kind) == (0, f"{kind} request: valid\n", "")
    document["clientReferenceInformation"] = {"code": "x" * 51}
    path.write_text(json.dumps(document), "utf-8")
    code, out, _ = run(capsys, str(path), "--kind", kind)
    assert code == EXIT_FINDINGS
    assert "clientReferenceInformation.code: the client reference code has 1 to 50 characters" in out


def test_a_warning_alone_exits_0_and_is_shown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    document = json.loads((JPO / "installment_corrected.json").read_text("utf-8"))
    document["orderInformation"]["amountDetails"]["currency"] = "jpy"  # as Cybersource's own example sends it
    path = tmp_path / "jpo.json"
    path.write_text(json.dumps(document), "utf-8")
    code, out, _ = run(capsys, str(path), "--kind", "jpo-authorization")
    assert code == 0
    assert out.splitlines()[0] == "jpo-authorization request: valid, 1 warning"
    code, out, _ = run(capsys, str(path), "--kind", "jpo-authorization", "--json")
    report = json.loads(out)
    assert (code, report["valid"], report["violations"]) == (0, True, [])
    assert [warning["code"] for warning in report["warnings"]] == ["currency_case"]
