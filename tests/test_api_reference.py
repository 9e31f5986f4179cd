"""docs/api.md lists every public name, and nothing that is not public."""

from __future__ import annotations

import re
from pathlib import Path

import installments_core


def test_every_public_name_has_a_row_in_the_api_reference() -> None:
    reference = (Path(__file__).parent.parent / "docs" / "api.md").read_text("utf-8")
    rows = set(re.findall(r"^\| `([A-Za-z_]+)` \| \S", reference, flags=re.MULTILINE))
    assert rows == set(installments_core.__all__)


def test_every_public_callable_has_a_docstring() -> None:
    for name in installments_core.__all__:
        value = getattr(installments_core, name)
        if callable(value):
            assert (value.__doc__ or "").strip(), name
