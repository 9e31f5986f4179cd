"""Public names imported on first use, for the public modules whose homes load babel or pydantic.

A public module lists such names with the private module that defines each; the first
``getattr`` imports that module and keeps the value, so later lookups are plain attribute reads.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module


def load_on_first_use(module: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """The module ``__getattr__`` of *module* that imports each name of *homes* from its home.

    *homes* maps a name to the module defining it, relative to *module*'s package (``"._audit"``).
    """

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        public = sys.modules[module]
        value = getattr(import_module(home, public.__package__), name)
        setattr(public, name, value)
        return value

    return __getattr__
