"""Shared test data: the published examples of the Installments Developer Guide."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

GUIDE = Path(__file__).parent / "data" / "guide"


def guide_json(name: str) -> Any:
    """A published example by file stem, e.g. ``get_plans_token.response``."""
    return json.loads((GUIDE / f"{name}.json").read_text("utf-8"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``TEST_SHARD=k/n`` in the environment, run every n-th collected test from the k-th only.

    ``.ci/run`` runs the lowest end's suite as two such shards, one per core once the newest suite is
    done, and adds up their coverage; dealt in turn, each shard takes half of every module.
    """
    shard = os.environ.get("TEST_SHARD")
    if not shard:
        return
    number_text, _, count_text = shard.partition("/")
    if not (number_text.isdigit() and count_text.isdigit() and 1 <= int(number_text) <= int(count_text)):
        raise pytest.UsageError(f"TEST_SHARD is k/n with 1 <= k <= n, not {shard!r}")
    number, count = int(number_text), int(count_text)
    config.hook.pytest_deselected(items=[item for index, item in enumerate(items) if index % count != number - 1])
    items[:] = items[number - 1 :: count]
