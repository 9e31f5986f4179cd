"""One module per ``installments-core`` subcommand, each with ``register(subparsers)``.

``register`` adds the subparser and sets ``run``: a function of the parsed arguments that returns
the exit code.  Library errors propagate to ``cli.main``, which prints them as one line.
"""

import sys

from .._errors import MalformedResponseError, describe

EXIT_OK = 0
"""Success."""
EXIT_FINDINGS = 1
"""The input was read but breaks a rule: a discrepancy, an invalid request."""
EXIT_USAGE = 2
"""The input could not be used: bad arguments, unreadable or malformed input."""
EXIT_BROKEN_PIPE = 141
"""The output's reader went away before the end (``| head``): 128 + SIGPIPE, what a shell reports."""


def read_input(name: str) -> bytes:
    """The bytes of file *name*, or of standard input for ``-``; an unreadable file is a library error."""
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as stream:
            return stream.read()
    except OSError as error:
        raise MalformedResponseError(
            "", expected="a readable file", actual=f"{describe(name)}: {error.strerror}"
        ) from None
