"""Caches of values built from callers' keys (locale spellings, currency codes), bounded in size."""

from __future__ import annotations

from typing import Any, Final, TypeVar

__all__ = ["CACHE_LIMIT", "cached", "remember"]

_Value = TypeVar("_Value")

CACHE_LIMIT: Final = 4096
"""Entries per cache.  Keys come from callers (locale spellings, currency codes), so a full cache
starts over rather than grow without bound; real checkouts use far fewer combinations."""


def cached(cache: dict[Any, _Value], key: object) -> _Value | None:
    """What *cache* holds under *key*, or ``None``; a key that cannot be hashed (a caller's list
    for a locale) is simply not there, so that the argument checks that follow can refuse it."""
    try:
        return cache.get(key)
    except TypeError:
        return None


def remember(cache: dict[Any, Any], key: object, value: _Value) -> _Value:
    """Store *value* under *key*, emptying *cache* first when it is full; return *value*."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value
