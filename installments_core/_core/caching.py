"""One bounded cache for every memo of the library.

A service validates the same few texts ("0.00", "5.00"), planIds and plans again and again, so the
readers and the validator keep what they parsed or computed.  Every such memo is a
:class:`BoundedCache`: an ordered dict (a hit costs one C-level ``dict.get``) that holds at most
``limit`` entries and, when full, makes room by dropping the entry added longest ago (in constant
time: a plain dict would scan past the slots its earlier evictions left empty).  It never
stops taking entries (a long-running service whose traffic changes keeps its caches useful), and
hostile input cannot make it grow.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Final, Generic, TypeVar

__all__ = ["MISSING", "BoundedCache", "clear_caches"]

_Key = TypeVar("_Key", bound=Hashable)
_Value = TypeVar("_Value")

MISSING: Final = object()
"""What ``cache.get(key, MISSING)`` gives for a key not held: a held value may itself be None."""

_CACHES: Final[weakref.WeakValueDictionary[int, BoundedCache[Hashable, object]]] = weakref.WeakValueDictionary()
"""Every cache alive, by id (a dict is not hashable): what :func:`clear_caches` empties."""


class BoundedCache(OrderedDict[_Key, _Value], Generic[_Key, _Value]):
    """An ordered dict of at most *limit* entries; adding one more drops the oldest.

    A cache that lives inside an entry of another cache is not *registered* with :func:`clear_caches`:
    it goes when its holder does, and registering one per entry (a weak reference, dropped again when the
    entry is) would cost more than the cache saves.

    Safe to share between threads: each dict operation is atomic, and two threads making room at
    once at worst drop one entry too many.

    >>> cache = BoundedCache[str, int](2)
    >>> for text in ("a", "b", "c"):
    ...     _ = cache.lookup(text, len)
    >>> sorted(cache)
    ['b', 'c']
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int, *, registered: bool = True) -> None:
        super().__init__()
        self.limit = limit
        if registered:
            _CACHES[id(self)] = self  # type: ignore[assignment]  # cleared only, whatever it holds

    def put(self, key: _Key, value: _Value) -> _Value:
        """Hold *value* under *key*, dropping the oldest entry when full; returns *value*."""
        if len(self) >= self.limit:
            # A try statement costs nothing when nothing is raised; contextlib.suppress costs a context
            # manager per entry (1.5 us a put against 0.5), which a log of distinct lines pays a dozen
            # times a line.
            try:  # noqa: SIM105
                self.popitem(last=False)
            except KeyError:  # another thread emptied it meanwhile: nothing left to drop
                pass
        self[key] = value
        return value

    def lookup(self, key: _Key, compute: Callable[[_Key], _Value]) -> _Value:
        """The value held for *key*, else ``compute(key)``, held from now on."""
        found = self.get(key, MISSING)
        if found is MISSING:
            return self.put(key, compute(key))
        return found  # type: ignore[return-value]  # not MISSING: a held value


def clear_caches() -> None:
    """Empty every bounded cache: the library then runs as cold as in a fresh process (benchmarks, tests)."""
    for cache in list(_CACHES.values()):
        cache.clear()
