"""The ``installments-core`` command.

Exit codes: 0 success; 1 the input was read but breaks a rule (a discrepancy, an invalid request);
2 the input could not be used (bad arguments, unreadable or malformed input); 141 the output's
reader went away before the end (``| head``).  Errors print one line on stderr and never a
traceback.  Output is UTF-8 whatever the environment's locale (``LANG=C`` included).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from importlib.metadata import version
from typing import NoReturn

from . import __version__
from ._commands import (
    EXIT_BROKEN_PIPE,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    audit,
    check_request,
    demo,
    quote,
    show,
    validate,
)
from ._errors import InstallmentsError, mask_digit_runs

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

_PROG = "installments-core"
_COMMANDS = (demo, quote, validate, check_request, show, audit)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's default prints the whole usage block; one line is the contract.  It quotes
        # what was typed, which may be a card number given in the wrong place.
        self.exit(EXIT_USAGE, mask_digit_runs(f"{self.prog}: error: {message}") + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per module in ``_commands``."""
    parser = _Parser(prog=_PROG, description="Card installment plans computed, checked and shown exactly.")
    parser.add_argument("--version", action="version", version=_version_line())
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for command in _COMMANDS:
        command.register(subcommands)
    return parser


def _version_line() -> str:
    # The display's numbers and names come from babel's CLDR and the models from pydantic: a bug
    # report needs their versions as much as ours.
    return f"{_PROG} {__version__} (babel {version('babel')}, pydantic {version('pydantic')})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # JSON and HTML are UTF-8 whatever the environment's locale (LANG=C would make Python write
        # ASCII, and every Arabic or Japanese letter a \uXXXX escape).  A response may hold text no
        # encoding can write (a lone surrogate from a \ud800 escape): written as its escape rather
        # than ending the run in a traceback.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        code: int = arguments.run(arguments)
    except InstallmentsError as error:
        # The error's own texts are masked already; a file name or an argument quoted in it may not be.
        print(mask_digit_runs(f"{_PROG}: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader stopped early (`| head`): no traceback, and not a success either, since the
        # verdict may be in what was never written.  The exit status is a shell's for SIGPIPE.
        sys.stderr.close()
        return EXIT_BROKEN_PIPE
    return code


if __name__ == "__main__":
    sys.exit(main())
