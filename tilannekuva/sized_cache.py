"""Caches shared by every session, bounded by (estimated) bytes as well as by entries.

A count alone does not bound memory: one cached map model holds a Plotly figure with its
borders (a few MB as Python objects), one query result a few hundred bytes. With counts only,
the server levelled off at ~1.1 GB after ~2 500 distinct views (issue 9). Each `SizedCache` has a
byte budget; the least recently used entries go first. Sizes are estimated once, when an entry
is stored (`approx_size`: polars/pandas/numpy report their buffers, other objects are walked).

Thread-safe; concurrent calls for the same missing key compute it once (the others wait for
it), calls for other keys are not blocked. Values are shared: callers treat them as read-only.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, NamedTuple

MB = 1024 * 1024


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int
    bytes: int
    max_bytes: int


def approx_size(obj: Any) -> int:
    """Bytes an object keeps alive, estimated: buffers of frames and arrays as they report them,
    everything else by walking containers, dataclasses and instance dicts (each object once)."""
    import numpy as np
    import pandas as pd
    import polars as pl

    try:
        from plotly.basedatatypes import BaseFigure
    except ImportError:  # pragma: no cover - plotly is a runtime dependency
        BaseFigure = ()  # type: ignore[assignment]

    seen: set[int] = set()
    stack = [obj]
    total = 0
    while stack:
        o = stack.pop()
        if id(o) in seen or o is None or callable(o):  # classes, functions, methods: shared code
            continue
        seen.add(id(o))
        if isinstance(o, (pl.DataFrame, pl.Series)):
            total += int(o.estimated_size())
        elif isinstance(o, (pd.DataFrame, pd.Series)):
            total += int(
                o.memory_usage(index=True, deep=True).sum()
                if isinstance(o, pd.DataFrame)
                else o.memory_usage(index=True, deep=True)
            )
        elif isinstance(o, np.ndarray):
            total += int(o.nbytes)
        elif isinstance(o, (str, bytes, bytearray, int, float, bool, complex)):
            total += sys.getsizeof(o)
        elif isinstance(o, BaseFigure):  # the figure's own storage; validators are shared by all figures
            total += sys.getsizeof(o)
            stack.extend((o._data, o._layout))
        elif isinstance(o, dict):
            total += sys.getsizeof(o)
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            total += sys.getsizeof(o)
            stack.extend(o)
        elif dataclasses.is_dataclass(o):
            total += sys.getsizeof(o)
            stack.extend(getattr(o, f.name) for f in dataclasses.fields(o))
        else:
            total += sys.getsizeof(o)
            attributes = getattr(o, "__dict__", None)
            if attributes is not None:
                stack.append(attributes)
    return total


class SizedCache:
    """An LRU of at most `max_entries` entries and about `max_bytes` bytes (the newest entry is
    kept even if it alone is larger)."""

    def __init__(
        self, name: str, max_bytes: int, max_entries: int = 100_000, size_of: Callable[[Any], int] = approx_size
    ):
        self.name, self.max_bytes, self.max_entries, self._size_of = name, max_bytes, max_entries, size_of
        self._data: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._computing: dict[Any, threading.Lock] = {}
        self.hits = self.misses = 0

    def get_or_compute(self, key, compute: Callable[[], Any]):
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
                self.hits += 1
                return found[0]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                found = self._data.get(key)
                if found is not None:  # another thread computed it while this one waited
                    self._data.move_to_end(key)
                    self.hits += 1
                    return found[0]
                self.misses += 1
            try:
                value = compute()
                self.put(key, value)
                return value
            finally:
                with self._lock:
                    self._computing.pop(key, None)

    def put(self, key, value) -> None:
        size = self._size_of(value)
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._data[key] = (value, size)
            self._bytes += size
            while len(self._data) > 1 and (self._bytes > self.max_bytes or len(self._data) > self.max_entries):
                _, (_, dropped) = self._data.popitem(last=False)
                self._bytes -= dropped

    def drop(self, predicate: Callable[[Any], bool]) -> None:
        """Remove the entries whose key matches (e.g. every entry of a replaced database)."""
        with self._lock:
            for key in [k for k in self._data if predicate(k)]:
                self._bytes -= self._data.pop(key)[1]

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0
            self.hits = self.misses = 0

    def info(self) -> CacheInfo:
        with self._lock:
            return CacheInfo(self.hits, self.misses, self.max_entries, len(self._data), self._bytes, self.max_bytes)

    cache_info = info  # the functools.lru_cache names
    cache_clear = clear


def cached(cache: SizedCache):
    """Decorator: `fn(*args)` through `cache`, keyed on the function and its (hashable) arguments;
    several functions share one cache and so one byte budget. The wrapper has `cache_clear()`
    (this function's entries) and `cache_info()` (the shared cache's)."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            key = (fn.__qualname__, args, tuple(sorted(kwargs.items())))
            return cache.get_or_compute(key, lambda: fn(*args, **kwargs))

        wrapper.cache = cache
        wrapper.cache_clear = lambda: cache.drop(lambda k: k[0] == fn.__qualname__)
        wrapper.cache_info = cache.info
        return wrapper

    return decorate
