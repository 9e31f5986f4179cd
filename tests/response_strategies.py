"""Hypothesis strategies over get-plans responses: arbitrary JSON, and published responses mutated at one node."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from .visa_fixtures import guide_json, visa_response

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20)
    | st.decimals(allow_nan=False, allow_infinity=False).map(str),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


SEEDS = {
    "cybersource": guide_json("get_plans_token.response"),
    "cybersource-2024": guide_json("get_plans_pan_2024.response"),
    "visa": visa_response("get_plans_token"),
}


def mutate(seed: str, data: st.DataObject) -> tuple[Any, tuple[Any, ...]]:
    """A published response with one node replaced by arbitrary JSON, or deleted; and that node's path."""
    document = copy.deepcopy(SEEDS[seed])
    paths = _paths(document)[1:]
    path = data.draw(st.sampled_from(paths))
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(JSON | st.sampled_from(["", "0", "-1", "NaN", "1e999999", "9" * 20, "41.675"]))
    return document, path
