"""Every subcommand under hostile argument values and a non-UTF-8 environment.

Whatever the values, the command exits 0, 1 or 2, says why in one line on stderr when it exits 2,
and never prints a traceback; its output is the same bytes whatever the environment's locale.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core.cli import main

DATA = resources.files("installments_core").joinpath("data")
RESPONSE = str(DATA.joinpath("example_get_plans_response.json"))
REQUEST = str(DATA.joinpath("example_get_plans_request.json"))
QAR_RESPONSE = str(DATA.joinpath("example_get_plans_qar_response.json"))

hostile_value = st.one_of(
    st.sampled_from([
        "months-monthly=1e-60", "months-weekly=1E+999999", "months-weekly=NaN", "months-bimonthly=-0",
        "months-monthly=0.0000001", "rate-decimals=99999999999999999999", "principal=up,principal=down", "visa",
        "NaN", "sNaN", "Infinity", "-Infinity", "1e999999999", "-1", "0", "10" * 40, "1000000000",
        "en_QA", "xx_YY", "en_US@" + "x" * 1000, "ar-US", "zh-Hant-HK", "", " ", "usd", "XAU", "QAR",
        "2027-02-29", "9999-12-31", "0001-01-01", "4622943127019793", "٥٠٠", "5_00", "\u202e", "-",
    ]),
    st.text(max_size=20).filter(lambda text: "\x00" not in text),
)

# One command line per subcommand, with the option whose value the property replaces.
COMMANDS: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "quote": (["quote", "--amount", "500", "--currency", "USD", "--count", "3", "--fee-rate", "5"],
              ("--amount", "--currency", "--count", "--fee-rate", "--fee-flat", "--upfront-rate", "--upfront-flat",
               "--policy", "--first-due", "--frequency")),
    "validate": (["validate", RESPONSE, "--request", REQUEST],
                 ("--amount", "--currency", "--policy", "--tolerance")),
    "show": (["show", RESPONSE], ("--locale", "--amount", "--currency", "--policy")),
    "check-request": (["check-request", REQUEST, "--kind", "get-plans"], ("--kind",)),
    "demo": (["demo"], ("--locale",)),
    "audit": (["audit", RESPONSE], ("--workers",)),
}
_CASES = [(name, option) for name, (_, options) in COMMANDS.items() for option in options]


def run_in_process(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's own refusals
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def _assert_contract(argv: list[str]) -> None:
    code, _, err = run_in_process(argv)
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in err, argv
    if code == 2:
        assert err.endswith("\n"), (argv, err)
        assert err.count("\n") == 1, (argv, err)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_CASES), hostile_value)
def test_every_subcommand_answers_hostile_values_with_an_exit_code_and_one_line(
    case: tuple[str, str], value: str
) -> None:
    name, option = case
    base, _ = COMMANDS[name]
    _assert_contract([*base, f"{option}={value}"])


@pytest.mark.parametrize("command", ["quote", "validate", "show"])
def test_a_policy_of_absurd_months_is_refused_in_one_line(command: str) -> None:
    base, _ = COMMANDS[command]
    code, _, err = run_in_process([*base, "--policy", "months-monthly=1e-60"])
    assert code == 2
    assert err == ("installments-core: error: policy.months-monthly: expected an amount of months in plain "
                   "decimal notation, without an exponent, found '1e-60'\n")


# -- the environment's locale changes nothing --------------------------------------------------------

_HOSTILE_ENVIRONMENTS = [
    {"LANG": "C", "LC_ALL": "POSIX", "PYTHONUTF8": "0"},
    {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
]


def _run(argv: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    base = {key: value for key, value in os.environ.items()
            if key not in {"PYTHONIOENCODING", "LANG", "LC_ALL", "LC_CTYPE", "PYTHONUTF8"}}
    return subprocess.run([sys.executable, "-m", "installments_core.cli", *argv], capture_output=True,
                          env={**base, **environment}, check=False)


@pytest.mark.parametrize("argv", [
    ["show", "--locale", "ar_QA", "--json", QAR_RESPONSE],
    ["show", "--locale", "ja_JP", "--html", RESPONSE],
    ["validate", "--json", QAR_RESPONSE],
    ["audit", "--json", QAR_RESPONSE],
], ids=lambda argv: "-".join(argv[:3]))
def test_output_is_the_same_utf8_bytes_whatever_the_locale(argv: list[str]) -> None:
    reference = _run(argv, {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    assert reference.returncode in (0, 1)
    reference.stdout.decode("utf-8")
    for environment in _HOSTILE_ENVIRONMENTS:
        result = _run(argv, environment)
        assert (result.returncode, result.stdout, result.stderr) == (
            reference.returncode, reference.stdout, reference.stderr), environment
    assert b"\\u" not in reference.stdout
