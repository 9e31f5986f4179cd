"""``installments-core quote``: Cybersource-shaped JSON, a readable table, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from installments_core.cli import main

from .conftest import guide_json

BILARTER = ["quote", "--amount", "500", "--currency", "USD", "--count", "12", "--fee-rate", "5.00",
            "--upfront-rate", "6.00"]


def _json(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> dict[str, object]:
    assert main([*arguments, "--json"]) == 0
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def test_amount_details_match_the_published_plan_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    quote = _json(capsys, BILARTER)
    published = guide_json("get_plans_token.response")["installmentInformation"]["planDetails"][2]
    expected = dict(published["amountDetails"])
    del expected["interestRate"]  # the issuer's declared rate; quote computes apr/aprc instead
    # Same fields; the fee list in the library's fixed order.
    expected["fees"] = sorted(expected["fees"], key=lambda fee: fee["type"])
    actual = quote["amountDetails"]
    assert isinstance(actual, dict)
    actual["fees"] = sorted(actual["fees"], key=lambda fee: fee["type"])
    assert actual == expected
    assert (quote["totalCount"], quote["frequency"], quote["policy"]) == ("12", "MONTHLY", "visa")
    assert (quote["apr"], quote["aprc"]) == ("20.73", "22.82")


def test_the_schedule_is_dated_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    quote = _json(capsys, [*BILARTER, "--first-due", "2027-01-31"])
    schedule = quote["schedule"]
    assert isinstance(schedule, list)
    assert schedule[0] == {"number": 1, "amount": "41.67", "feeAmount": "2.08", "upfrontFeeAmount": "30.00",
                           "totalAmount": "73.75", "dueDate": "2027-01-31"}
    assert [row["dueDate"] for row in schedule[:3]] == ["2027-01-31", "2027-02-28", "2027-03-31"]
    assert schedule[-1]["totalAmount"] == "43.75"


def test_amounts_carry_exactly_the_currency_digits(capsys: pytest.CaptureFixture[str]) -> None:
    jpy = _json(capsys, ["quote", "--amount", "100.00", "--currency", "JPY", "--count", "3"])
    kwd = _json(capsys, ["quote", "--amount", "10", "--currency", "KWD", "--count", "3", "--fee-rate", "1"])
    assert jpy["amountDetails"]["firstInstallment"] == {  # type: ignore[index]
        "amount": "34", "feeAmount": "0", "upfrontFeeAmount": "0", "totalAmountExcludingUpfrontFee": "34"}
    assert kwd["amountDetails"]["lastInstallment"] == {"amount": "3.332", "feeAmount": "0.034"}  # type: ignore[index]


def test_the_policy_is_named_in_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    quote = _json(capsys, ["quote", "--amount", "500", "--currency", "USD", "--count", "6",
                           "--policy", "principal=half-even,remainder=first"])
    assert quote["policy"] == "principal=half-even,fee=half-up,remainder=first"
    assert quote["amountDetails"]["firstInstallment"]["amount"] == "83.35"  # type: ignore[index]


def test_the_text_output_is_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(BILARTER) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("12 x MONTHLY on 500.00 USD (policy visa): total 555.00")
    assert lines[1].split() == ["#", "due", "principal", "fee", "upfront", "total"]
    assert lines[2].split() == ["1", "-", "41.67", "2.08", "30.00", "73.75"]
    assert lines[-1] == "APR 20.73 %   APRC 22.82 %   monthly rate 0.42 %"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--amount", "1e3"], "amount: expected an amount in plain decimal notation"),
        (["--amount", "-5"], "amount: expected a non-negative amount"),
        (["--amount", "1.234"], "amount: expected an amount in whole USD minor units"),
        (["--currency", "usd"], "currency: expected an active ISO 4217 code"),
        (["--count", "0"], "count: expected an integer from 1 to 999"),
        (["--count", "twelve"], "count: expected a whole number of installments"),
        (["--count", "٣"], "count: expected a whole number of installments"),
        (["--fee-rate", "150"], "fee_rate: expected a percentage from 0 to 100"),
        (["--first-due", "2026-02-30"], "first_due: expected a date as YYYY-MM-DD"),
        (["--first-due", "20261201"], "first_due: expected a date as YYYY-MM-DD"),
        (["--policy", "banker"], "policy: expected 'visa' or comma-separated"),
        (["--amount", "0.05"], "amount: expected at least one USD minor unit per installment"),
        (["--frequency", "DAILY"], "argument --frequency: invalid choice"),
    ],
)
def test_bad_input_is_exit_2_and_one_line(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    base = {"--amount": "500", "--currency": "USD", "--count": "12"}
    base.update(zip(arguments[::2], arguments[1::2], strict=True))
    argv = ["quote", *(item for pair in base.items() for item in pair)]
    assert _exit_code(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert message in captured.err
    assert "Traceback" not in captured.err


def _exit_code(argv: list[str]) -> int | str | None:
    # argparse reports its own errors by raising SystemExit; library errors come back as a code.
    try:
        return main(argv)
    except SystemExit as exit_:
        return exit_.code


def test_the_console_script_exits_2_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "installments_core.cli", "quote", "--amount", "0.1", "--currency", "USD",
         "--count", "12"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "installments-core: error: amount: expected at least one USD minor unit per installment "
        "(0.12 for 12 installments), found '0.1'"
    ]


@pytest.mark.parametrize(
    ("regime", "line"),
    [
        ("us-apr", "APR 20.73 %"),
        ("eu-aprc", "APRC 22.82 %"),
        ("br-cet", "CET 22.82 %   monthly 1.73 %"),
        ("mx-cat", "CAT 22.8 % sin IVA, para fines informativos y de comparación"),
        ("ar-cftea", "CFTEA 23.17 %   CFTNA 21.02 %   TNA 21.02 %   TEA 23.17 %"),
        ("jp-jitsushitsu", "実質年率 20.73 %"),
    ],
)
def test_the_regime_names_its_figure(capsys: pytest.CaptureFixture[str], regime: str, line: str) -> None:
    assert main([*BILARTER, "--regime", regime]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == line


def test_charges_at_signing_and_days_enter_the_regime_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BILARTER, "--regime", "br-cet", "--at-signing", "10.00"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "CET 27.91 %   monthly 2.07 %"
    quote = _json(capsys, [*BILARTER, "--regime", "br-cet", "--start", "2027-01-01", "--first-due", "2027-02-01"])
    # 2027's short February brings the payments sooner than equal months would: a higher CET by days.
    assert quote["costOfCredit"] == {"regime": "br-cet", "label": "CET", "rate": "22.92", "monthly": "1.73"}
    assert (quote["apr"], quote["aprc"]) == ("20.73", "22.82")  # unchanged beside it


def test_a_regime_option_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BILARTER, "--regime", "br-cet", "--start", "2027-01-01"]) == 2
    assert capsys.readouterr().err.strip() == (
        "installments-core: error: first_due: expected a datetime.date with start, found None"
    )


def test_regime_options_without_a_regime_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BILARTER, "--at-signing", "10.00"]) == 2
    assert capsys.readouterr().err.strip() == (
        "installments-core: error: regime: expected --regime with --start or --at-signing, found no --regime"
    )
