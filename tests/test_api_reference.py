"""docs/api.md lists every public module's names, and nothing that is not public."""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path

import pytest

_REFERENCE = (Path(__file__).parent.parent / "docs" / "api.md").read_text("utf-8")
_SECTIONS = dict(re.findall(r"^## `(installments_core[.a-z]*)`[^\n]*\n(.*?)(?=^## |\Z)", _REFERENCE,
                            flags=re.MULTILINE | re.DOTALL))
PUBLIC_MODULES = ("installments_core", *(f"installments_core.{name}" for name in (
    "plans", "amounts", "cards", "responses", "requests", "findings", "jpo", "display", "audits", "errors")))


def test_the_reference_has_one_section_per_public_module() -> None:
    assert sorted(_SECTIONS) == sorted(PUBLIC_MODULES)


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_name_has_a_row_in_the_api_reference(module: str) -> None:
    rows = re.findall(r"^\| `([A-Za-z_]+)` \| \S", _SECTIONS[module], flags=re.MULTILINE)
    assert rows == list(import_module(module).__all__)


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_callable_has_a_docstring(module: str) -> None:
    public = import_module(module)
    for name in public.__all__:
        value = getattr(public, name)
        if callable(value):
            assert (value.__doc__ or "").strip(), name
