"""The README's set-up commands are the ones CI runs, word for word, and its examples run as pasted."""

from __future__ import annotations

import os
import re
import subprocess
import sysconfig
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_ci_runs_the_two_readme_setup_commands_as_written() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", setup, flags=re.DOTALL)
    assert len(commands) == 2
    ci_lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    for command in commands:
        assert command in ci_lines


def _use_blocks() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text("utf-8")
    use = readme.split("## Use", 1)[1].split("\n## ", 1)[0]
    return [block.splitlines() for block in re.findall(r"```sh\n(.+?)\n```", use, flags=re.DOTALL)]


def test_the_readme_command_lines_run_when_pasted() -> None:
    """Each line of the README's examples, run by a shell as written: the first block succeeds, the
    second is the one the README says exits 1 on purpose; none prints a traceback."""
    blocks = _use_blocks()
    assert [len(block) for block in blocks] == [7, 3]
    environment = {**os.environ, "PATH": f"{sysconfig.get_path('scripts')}{os.pathsep}{os.environ['PATH']}"}
    for expected, block in zip((0, 1), blocks, strict=True):
        for line in block:
            result = subprocess.run(["bash", "-c", line], capture_output=True, text=True, check=False, cwd=ROOT,
                                    env=environment, encoding="utf-8")  # fmt: skip
            assert (result.returncode, "Traceback" in result.stderr) == (expected, False), (line, result.stderr)
            assert result.stdout
