"""``installments-core show`` and ``demo --locale``: a response as a customer reads it."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from installments_core.cli import main

from .conftest import GUIDE

QAR = str(GUIDE / "get_plans_pan_qar.response.json")
QAR_REQUEST = str(GUIDE / "get_plans_pan_qar.request.json")
TOKEN = str(GUIDE / "get_plans_token.response.json")


def _run(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> tuple[int, str, str]:
    code = main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_show_in_arabic(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["show", QAR, "--locale", "ar_QA"])
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "\u200fاختر طريقة الدفع"
    assert "إجمالي الربح" in out
    assert "فائدة" not in out


def test_show_writes_the_locales_digits_unless_told_otherwise(capsys: pytest.CaptureFixture[str]) -> None:
    native = json.loads(_run(capsys, ["show", QAR, "--locale", "ar_QA", "--json"])[1])
    latin = json.loads(_run(capsys, ["show", QAR, "--locale", "ar_QA", "--json", "--no-native-digits"])[1])
    assert native["payInFull"]["formatted"] == "\u200f٣٬٠٠٠٫٠٠\xa0ر.ق.\u200f"
    assert latin["payInFull"]["formatted"] == "\u200f3,000.00\xa0ر.ق.\u200f"
    _, demo, _ = _run(capsys, ["demo", "--locale", "fa_IR", "--no-native-digits"])
    assert "QAR\xa03,000.00" in demo
    assert "۳" not in demo


def test_show_json_is_the_display_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["show", QAR, "--locale", "ar-QA", "--json", "--native-digits"])
    assert code == 0
    model = json.loads(out)
    assert (model["direction"], model["lang"], model["currency"]) == ("rtl", "ar-QA", "QAR")
    assert model["payInFull"]["amount"] == "3000.00"
    assert model["payInFull"]["formatted"] == "\u200f٣٬٠٠٠٫٠٠\xa0ر.ق.\u200f"
    first = model["plans"][0]
    assert (first["planId"], first["islamic"], first["terms"]["version"]) == (
        "7014ef25-54db-7286-b693-1874fe665002", True, "1"
    )
    assert first["terms"]["languageCode"] == "ara"


def test_show_html(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["show", TOKEN, "--locale", "ja_JP", "--html"])
    assert code == 0
    assert out.startswith('<fieldset class="installments" lang="ja-JP" dir="ltr">')
    assert out.count('type="radio"') == 5


def test_the_card_number_of_a_request_never_appears(capsys: pytest.CaptureFixture[str]) -> None:
    with open(QAR_REQUEST, encoding="utf-8") as stream:
        pan = json.load(stream)["paymentInformation"]["card"]["number"]
    for output in ([], ["--json"], ["--html"]):
        code, out, err = _run(capsys, ["show", QAR, "--request", QAR_REQUEST, "--locale", "en_US", *output])
        assert code == 0
        assert pan.lstrip("X") not in out + err


def test_a_discrepancy_is_reported_and_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open(TOKEN, encoding="utf-8") as stream:
        response = json.load(stream)
    response["installmentInformation"]["planDetails"][2]["amountDetails"]["totalPlanAmount"] = "556.00"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(response).encode())))
    code, out, err = _run(capsys, ["show", "-", "--amount", "500", "--currency", "USD"])
    assert code == 1
    # The wrong plan is not offered; the three right ones are.
    assert "Choose how to pay" in out
    assert out.count("12 monthly installments") == 2
    lines = err.splitlines()
    assert lines[0] == "installments-core: plan 9b6a2573-f532-2779-1cd2-1f054fdf9001 not shown:"
    assert any(line.startswith("installments-core:   installmentInformation.planDetails[2].amountDetails."
                               "totalPlanAmount: expected 555.00, found 556.00") for line in lines)


def test_a_response_that_cannot_be_checked_shows_nothing_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    # The 2024 example states no currency: without its request, no plan can be checked, so none is shown.
    code, out, err = _run(capsys, ["show", str(GUIDE / "get_plans_pan_2024.response.json")])
    assert code == 1
    assert "installments" not in out
    assert "amountDetails.currency: expected the currency is known" in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["show", str(GUIDE / "get_plans_pan_qar.response.published.txt")], "invalid JSON at line 1 column 1103"),
        (["show", "/nonexistent.json"], "expected a readable file, found '/nonexistent.json'"),
        (["show", QAR, "--locale", "xx_YY"], "locale: expected a locale CLDR knows"),
        (["demo", "--locale", "xx_YY"], "locale: expected a locale CLDR knows"),
        (["show", QAR, "--amount", "1.234"], "amount: expected an amount in whole QAR minor units"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    code, out, err = _run(capsys, arguments)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert message in err, err


def test_demo_in_arabic_keeps_its_exit_code() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "installments_core.cli", "demo", "--locale", "ar_QA"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "cybersource response, 2 plan(s), order amount 3000.00 QAR: OK" in result.stdout
    assert "-- As a customer in ar_QA reads it:" in result.stdout
    # In ar_QA's own digits, CLDR's default there (they were Latin before --no-native-digits existed).
    assert "\u200fالدفع بالكامل: \u2068\u200f٣٬٠٠٠٫٠٠\xa0ر.ق.\u200f\u2069" in result.stdout
    assert "\u200fالدفع بالكامل: \u2068\u200f٥٠٠٫٠٠\xa0US$\u2069" in result.stdout


def test_demo_default_is_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["demo"])
    assert code == 0
    assert "-- As a customer in en_US reads it:" in out
    assert "Pay in full: $500.00" in out
    assert "Profit: QAR100.00 in total" in out
