"""Hypothesis' entry point: registers the strategies when hypothesis starts.

Hypothesis runs entry points at the end of its own import.  If that import was itself triggered
by ``import installments_core.strategies``, that module is still half-built: it registers itself
once complete, so here there is nothing to do.  Importing it otherwise registers it.
"""

from __future__ import annotations

import importlib
import sys

_STRATEGIES = "installments_core.strategies"


def register() -> None:
    """Make ``st.from_type`` know the core input types."""
    if _STRATEGIES not in sys.modules:
        importlib.import_module(_STRATEGIES)
