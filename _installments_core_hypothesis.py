"""Hypothesis' entry point for installments-core: ``st.from_type`` learns the package's types on demand.

Hypothesis runs :func:`register` at the end of every ``import hypothesis``, so it costs that
import nothing measurable:

- this module is outside the package: a module inside it would import the package first, and
  the strategies and wire models that registering types eagerly needs (some 160 ms);
- it registers no type.  Hypothesis keeps a table of resolvers, by module, that ``from_type``
  asks about a type it cannot resolve while that module is imported (numpy's types are served
  so); :func:`_from_type` is put there for ``installments_core``.  The table's module is itself
  imported only when a strategy is first looked up by type (some 20 ms), so the resolver is put
  in it as that module finishes loading, or at once if it already has.

The table is hypothesis' own but not public: where a release lacks it, the strategies are
registered the slow way, eagerly, rather than not at all.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from importlib.util import find_spec
from types import ModuleType
from typing import Any

_PACKAGE = "installments_core"
_TYPES = "hypothesis.strategies._internal.types"


def _from_type(thing: object) -> Any:
    from installments_core.strategies._types import strategy_for  # noqa: PLC0415  (the point: on demand)

    return strategy_for(thing)


def _install(types: ModuleType) -> None:
    extra_lookup = getattr(types, "_global_extra_lookup", None)
    if isinstance(extra_lookup, dict):
        extra_lookup[_PACKAGE] = _from_type
    else:
        importlib.import_module(f"{_PACKAGE}.strategies._types").register()


class _LoaderThenInstall(Loader):
    """The types module's own loader, installing the resolver once the module has run."""

    def __init__(self, loader: Loader) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        _install(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_filename...: tracebacks and inspect need them
        return getattr(self._loader, name)


class _WhenTypesLoad(MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != _TYPES:
            return None
        sys.meta_path.remove(self)  # once, and so that the module's own finder is the one asked now
        spec = find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _LoaderThenInstall(spec.loader)
        return spec


def register() -> None:
    """Let ``st.from_type`` resolve installments-core's types, importing nothing until it is used."""
    types = sys.modules.get(_TYPES)
    if types is not None:
        _install(types)
    elif not any(isinstance(finder, _WhenTypesLoad) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenTypesLoad())
