"""Cybersource's get-plans JSON: one package, the same few names as every wire format's.

- ``table``: every field of a plan once (name, path, type, bounds, role);
- ``reader``: :func:`~.reader.read_plans`, the plans as wire-neutral readings, each problem recorded
  with its path;
- ``writer``: offers written out as responses (what validating must find nothing in);
- ``models``: the typed pydantic models, checked against the table by the tests.

The models are loaded on first use only: validation reads with ``reader`` and never imports pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import (
        AmountDetails,
        CancelPlanResponse,
        Fee,
        FirstInstallment,
        GetPlansResponse,
        InstallmentInformation,
        LastInstallment,
        PaymentAccountReference,
        PaymentInformation,
        PlanAcceptance,
        PlanDetail,
        ProcessorInformation,
        SelectPlanResponse,
        TermsEntry,
        WireModel,
        model_error,
    )

__all__ = [
    "AmountDetails",
    "CancelPlanResponse",
    "Fee",
    "FirstInstallment",
    "GetPlansResponse",
    "InstallmentInformation",
    "LastInstallment",
    "PaymentAccountReference",
    "PaymentInformation",
    "PlanAcceptance",
    "PlanDetail",
    "ProcessorInformation",
    "SelectPlanResponse",
    "TermsEntry",
    "WireModel",
    "model_error",
]


def __getattr__(name: str) -> object:
    if name in __all__:
        return getattr(importlib.import_module(".models", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
