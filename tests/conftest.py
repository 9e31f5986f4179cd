"""Shared test data: the published examples of the Installments Developer Guide."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

GUIDE = Path(__file__).parent / "data" / "guide"


def guide_json(name: str) -> Any:
    """A published example by file stem, e.g. ``get_plans_token.response``."""
    return json.loads((GUIDE / f"{name}.json").read_text("utf-8"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``TEST_SHARD=k/n`` in the environment, run every n-th collected test from the k-th only.

    ``.ci/run`` runs the lowest end's suite as two such shards, one per core once the newest suite is
    done, and adds up their coverage; dealt in turn, each shard takes half of every module.
    """
    _scale_examples(os.environ.get("TEST_EXAMPLES"), items)
    shard = os.environ.get("TEST_SHARD")
    if not shard:
        return
    number_text, _, count_text = shard.partition("/")
    if not (number_text.isdigit() and count_text.isdigit() and 1 <= int(number_text) <= int(count_text)):
        raise pytest.UsageError(f"TEST_SHARD is k/n with 1 <= k <= n, not {shard!r}")
    number, count = int(number_text), int(count_text)
    config.hook.pytest_deselected(items=[item for index, item in enumerate(items) if index % count != number - 1])
    items[:] = items[number - 1 :: count]


def _scale_examples(fraction: str | None, items: list[pytest.Item]) -> None:
    """With ``TEST_EXAMPLES=1/k`` in the environment, every hypothesis test draws a k-th of its examples (at
    least 10).

    ``.ci/run`` runs the lowest end so: it is there to prove the oldest supported dependencies work (and the
    coverage floor), while the newest suite, which runs every example, is what searches for bugs.  Each test's
    settings are its own object, so one made for a test replaces it once, however many items share the test.
    """
    if not fraction:
        return
    one, _, divisor_text = fraction.partition("/")
    if one != "1" or not divisor_text.isdigit() or int(divisor_text) < 1:
        raise pytest.UsageError(f"TEST_EXAMPLES is 1/k with k >= 1, not {fraction!r}")
    divisor = int(divisor_text)
    scaled: set[int] = set()
    for item in items:
        test = getattr(item, "obj", None)
        # hypothesis keeps a test's settings on the function @given returns: what it reads when the test runs.
        chosen = getattr(test, "_hypothesis_internal_use_settings", None)
        if chosen is None or id(test) in scaled:
            continue
        scaled.add(id(test))
        test._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
            chosen, max_examples=max(10, chosen.max_examples // divisor)
        )
