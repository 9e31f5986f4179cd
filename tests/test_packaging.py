"""What a packager and a new user get: version, entry points, license, types after install, the sdist's contents."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
from importlib.metadata import Distribution, distributions
from pathlib import Path

import pytest

import installments_core
from installments_core._display.language import catalog_languages

ROOT = Path(__file__).parent.parent


def _installed() -> Distribution:
    """The distribution pip installed, from site-packages: not an ``*.egg-info`` a source tree or sdist carries."""
    return next(iter(distributions(name="installments-core", path=[sysconfig.get_path("purelib")])))


def _run(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(arguments, capture_output=True, text=True, check=False, cwd=cwd, encoding="utf-8")


def test_the_version_is_one_fact() -> None:
    assert _installed().version == installments_core.__version__


def test_the_command_and_the_module_print_the_same_version() -> None:
    script = Path(sysconfig.get_path("scripts")) / "installments-core"
    by_script = _run(str(script), "--version")
    by_module = _run(sys.executable, "-m", "installments_core", "--version")
    assert by_script.returncode == by_module.returncode == 0
    assert by_script.stdout == by_module.stdout
    assert by_module.stdout.startswith(f"installments-core {installments_core.__version__} (babel ")


def test_python_m_runs_the_command() -> None:
    quote = ("quote", "--amount", "500", "--currency", "USD", "--count", "12", "--fee-rate", "5")
    by_script = _run(str(Path(sysconfig.get_path("scripts")) / "installments-core"), *quote)
    by_module = _run(sys.executable, "-m", "installments_core", *quote)
    assert (by_module.returncode, by_module.stdout, by_module.stderr) == (0, by_script.stdout, "")
    failed = _run(sys.executable, "-m", "installments_core", "quote", "--amount", "1.5", "--currency", "QQQ")
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr


def test_the_license_file_is_the_declared_license() -> None:
    declared = _installed().metadata["License-Expression"]
    assert declared == "Apache-2.0"
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert "Apache License" in text
    assert "Version 2.0, January 2004" in text


def test_a_users_script_type_checks_against_the_installed_package(tmp_path: Path) -> None:
    """mypy finds the package's own types after the README's install (an editable one in CI).

    The script has one deliberate error, so a package mypy could not see (everything ``Any``) fails too.
    """
    script = tmp_path / "checkout.py"
    script.write_text(
        "from decimal import Decimal\n"
        "from installments_core import compute_plan\n"
        "plan = compute_plan('500', 'USD', 12)\n"
        "first: Decimal = plan.first_amount\n"
        "wrong: int = plan.total_plan_amount\n",
        "utf-8",
    )
    result = _run(
        sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"),
        str(script), cwd=tmp_path,
    )
    errors = re.findall(r"checkout\.py:(\d+): error: (.*)", result.stdout)
    assert [line for line, _message in errors] == ["5"], result.stdout
    assert "Decimal" in errors[0][1]


def test_an_installed_wheel_carries_its_data() -> None:
    """A wheel (CI installs the sdist's into the lowest-versions environment) ships catalogs, examples and types.

    An editable install lists no package files: there the source tree is the package, and this says so.
    """
    distribution = _installed()
    if json.loads(distribution.read_text("direct_url.json") or "{}").get("dir_info", {}).get("editable"):
        pytest.skip("an editable install: the package is the source tree itself")
    installed = {str(path).replace("\\", "/") for path in distribution.files or ()}
    languages = [language for language in catalog_languages() if language != "en"]
    needed = {"installments_core/py.typed", "installments_core/data/example_responses.jsonl",
              "installments_core/data/example_get_plans_response.json",
              *(f"installments_core/locale/{language}/LC_MESSAGES/installments_core.mo" for language in languages)}
    assert needed - installed == set()
