"""Walking a JSON request against the set of fields it may carry.

Shared by the installments and JPO validators: collect the known leaves, and report unknown
fields (with the field probably meant), misspellings of a required field (as one violation, not
an unknown field plus a missing one), values of the wrong JSON type and missing required fields.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Final

from .._core.card import mask_digit_runs
from .._findings import Finding
from .._wire.request_fields import safe_describe

__all__ = ["Collected", "collect_fields", "problem_violation"]

_SIMILARITY: Final = 0.7
# Object names share long suffixes ("installmentInformation", "tokenInformation"): only a near
# spelling counts.
_OBJECT_SIMILARITY: Final = 0.85


def problem_violation(path: str, problem: Finding) -> Finding:
    """A field rule's problem, placed at *path*."""
    return dataclasses.replace(problem, path=path)


class Collected:
    """The known leaves of a document and the violations found while walking it."""

    __slots__ = ("claimed", "leaves", "violations")

    def __init__(self) -> None:
        self.leaves: dict[str, object] = {}
        self.violations: list[Finding] = []
        self.claimed: set[str] = set()
        """Known paths that a misspelt field stands for: not reported again as missing."""

    def require(self, paths: Iterable[str], words: Mapping[str, tuple[str, str]], request: str) -> None:
        """Report each of *paths* that is absent and not claimed by a misspelling."""
        for path in paths:
            if path not in self.leaves and path not in self.claimed:
                what, expected = words[path]
                self.violations.append(
                    Finding(path, f"the {request} request requires {what}", expected, "missing", "missing_field")
                )




def field_violations(
    leaves: Mapping[str, object], checks: Mapping[str, Callable[[object], Finding | None]]
) -> list[Finding]:
    """One violation for every field whose own format check finds a problem."""
    violations = []
    for path, value in leaves.items():
        check = checks.get(path)
        problem = check(value) if check is not None else None
        if problem is not None:
            violations.append(problem_violation(path, problem))
    return violations


_Level = dict[str, tuple[str, "_Level | None"]]
"""The fields allowed in one object: each name's full path, and the fields of the object it holds
(``None`` for a leaf)."""


@functools.lru_cache(maxsize=16)
def _tree(paths: tuple[str, ...]) -> _Level:
    # Cached per field set: the walk only reads it, and finds every known field's path spelled.
    root: _Level = {}
    for path in paths:
        node = root
        *parents, leaf = path.split(".")
        for depth, name in enumerate(parents):
            if name not in node:
                node[name] = (".".join(parents[: depth + 1]), {})
            child = node[name][1]
            assert child is not None
            node = child
        node[leaf] = (path, None)
    return root


def collect_fields(
    document: Mapping[str, object],
    allowed: Iterable[str],
    *,
    request: str,
    open_objects: Iterable[str] = (),
) -> Collected:
    """Walk *document* against the *allowed* leaf paths.

    Objects listed in *open_objects* (by path, ``""`` for the document itself) may hold fields
    beyond *allowed*: a payments request carries many fields this library does not check.  An
    unknown field there is reported only when it looks like a misspelling of a missing required
    field.
    """
    allowed = tuple(allowed)
    tree = _tree(allowed)
    open_set = frozenset(open_objects)
    collected = Collected()
    unknown: list[tuple[str, str, str, object, list[str], bool]] = []

    def walk(node: Mapping[str, object], level: _Level, prefix: str) -> None:
        for key, value in node.items():
            known = level.get(key) if isinstance(key, str) else None
            if known is None:
                # A key is data too: a card number pasted as a field name must not reach a report.
                name = key if isinstance(key, str) else str(key)
                path = f"{prefix}{name if name.isalpha() else mask_digit_runs(name)}"
                siblings = [sibling for sibling in level if sibling not in node]
                unknown.append((path, prefix, name, value, siblings, prefix.rstrip(".") in open_set))
                continue
            path, child = known
            if child is None:
                collected.leaves[path] = value
            elif type(value) is dict or isinstance(value, Mapping):
                walk(value, child, f"{path}.")
            else:
                collected.violations.append(
                    Finding(path, f"{key} is an object of fields", "an object", safe_describe(value), "wrong_type")
                )
                # What the object should have held is reported here, not again as missing.
                collected.claimed.update(field for field in allowed if field.startswith(f"{path}."))

    walk(document, tree, "")
    for path, prefix, key, value, siblings, tolerated in unknown:
        # The right name at the wrong level first ("authorizationCode" directly under
        # processingInformation), then a near spelling among the absent fields of the same object.
        namesakes = [known for known in allowed if known.rsplit(".", 1)[-1] == key]
        meant = namesakes[0] if len(namesakes) == 1 else None
        if meant is None:
            leaves = [name for name in siblings if f"{prefix}{name}" in allowed]
            objects = [name for name in siblings if name not in leaves]
            close = (difflib.get_close_matches(key, leaves, n=1, cutoff=_SIMILARITY)
                     or difflib.get_close_matches(key, objects, n=1, cutoff=_OBJECT_SIMILARITY))
            meant = f"{prefix}{close[0]}" if close else None
        absent = meant is not None and not any(
            known == meant or known.startswith(meant + ".") for known in collected.leaves
        )
        if meant is not None and absent:
            collected.claimed.add(meant)
            collected.claimed.update(known for known in allowed if known.startswith(meant + "."))
            parent, _, name = meant.rpartition(".")
            rule = (f"misspelt field name: the field is {name}" if prefix in (f"{parent}.", parent)
                    else f"misplaced field: it belongs at {meant}")
            collected.violations.append(Finding(path, rule, meant, path, "misspelt_field"))
        elif not tolerated:
            hint = f"; did you mean {meant}?" if meant else ""
            collected.violations.append(
                Finding(path, f"not a field of the {request} request{hint}",
                        meant or "no such field", safe_describe(value), "unknown_field")
            )
    return collected
