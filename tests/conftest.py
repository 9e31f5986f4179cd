"""Shared test data: the published examples of the Installments Developer Guide."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GUIDE = Path(__file__).parent / "data" / "guide"


def guide_json(name: str) -> Any:
    """A published example by file stem, e.g. ``get_plans_token.response``."""
    return json.loads((GUIDE / f"{name}.json").read_text("utf-8"))
