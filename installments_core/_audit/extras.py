"""The optional dependencies an audit of logs where they live needs, asked for by their extra's name."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .._errors import InstallmentsError

__all__ = ["needs_extra"]


@contextmanager
def needs_extra(extra: str, *, path: str) -> Iterator[None]:
    """Import optional dependencies inside: one that is missing is an error naming *path* and the extra to install."""
    try:
        yield
    except ImportError as error:
        raise InstallmentsError(path, expected=f"installments-core[{extra}] installed",
                                actual=f"no module named {error.name!r}") from None
