"""Batch audits: logs of get-plans responses validated on every core or on Dask, counted by rule and policy.

Loaded on first use.

>>> from importlib import resources
>>> from installments_core.audits import audit_lines
>>> log = resources.files("installments_core").joinpath("data/example_responses.jsonl").read_text("utf-8")
>>> summary = audit_lines(log.splitlines(), workers=1)
>>> summary.responses > 0
True
"""

from typing import TYPE_CHECKING

from ._exports import load_on_first_use

__all__ = ["AuditSummary", "audit_bag", "audit_lines", "audit_paths"]

__getattr__ = load_on_first_use(__name__, {"AuditSummary": "._audit", "audit_lines": "._audit",
                                           "audit_paths": "._audit.sources", "audit_bag": "._audit.on_dask"})

if TYPE_CHECKING:
    from ._audit import AuditSummary, audit_lines
    from ._audit.on_dask import audit_bag
    from ._audit.sources import audit_paths


def __dir__() -> list[str]:
    return sorted(__all__)
