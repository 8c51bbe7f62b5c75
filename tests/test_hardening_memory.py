"""Issue 9, item 8: the shared caches are bounded by size, not only by count (the server grew to
~1.1 GB after ~2 500 distinct views). benchmarks/run.py reports RSS after many distinct views;
these tests prove the bound itself, in-process, with small budgets."""

from __future__ import annotations

import gc
import threading
import tracemalloc

import polars as pl
import pytest

from tilannekuva import db as dbmod
from tilannekuva.db import get_database
from tilannekuva.sized_cache import SizedCache, approx_size, cached


def test_entries_beyond_the_byte_budget_are_evicted_oldest_first():
    cache = SizedCache("t", max_bytes=1000, size_of=len)
    for i in range(10):
        cache.put(i, b"x" * 300)
    info = cache.info()
    assert info.bytes <= 1000 and info.currsize == 3
    assert cache.get_or_compute(9, lambda: pytest.fail("9 is cached")) == b"x" * 300
    assert cache.get_or_compute(0, lambda: b"new") == b"new"  # 0 was evicted


def test_one_entry_larger_than_the_budget_is_kept_alone():
    cache = SizedCache("t", max_bytes=10, size_of=len)
    cache.put("a", b"123")
    cache.put("big", b"x" * 100)
    assert cache.info().currsize == 1 and cache.get_or_compute("big", lambda: None) == b"x" * 100


def test_concurrent_misses_compute_once():
    cache = SizedCache("t", max_bytes=10_000, size_of=lambda v: 1)
    calls = []
    gate = threading.Event()

    def slow():
        calls.append(1)
        gate.wait(2)
        return "v"

    threads = [threading.Thread(target=cache.get_or_compute, args=("k", slow)) for _ in range(8)]
    for t in threads:
        t.start()
    gate.set()
    for t in threads:
        t.join()
    assert calls == [1]


def test_sizes_count_frames_figures_and_nested_objects():
    frame = pl.DataFrame({"a": list(range(100_000))})
    assert approx_size(frame) >= frame.estimated_size()
    assert approx_size({"x": (frame, [frame])}) < 2 * frame.estimated_size()  # each object once
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=list(range(5000)), y=list(range(5000))))
    assert approx_size(fig) > 5000 * 8


def test_decorated_functions_share_one_budget():
    cache = SizedCache("t", max_bytes=2500, size_of=len)

    @cached(cache)
    def f(i):
        return b"f" * 1000

    @cached(cache)
    def g(i):
        return b"g" * 1000

    for i in range(5):
        f(i), g(i)
    assert cache.info().bytes <= 2500
    f.cache_clear()
    assert all(k[0] != f.__qualname__ for k in cache._data)


def test_map_models_stay_within_the_model_budget(built_db, monkeypatch):
    """Distinct map views (each a Plotly figure with its borders) in-process: the cache's own
    count and the memory it keeps alive (tracemalloc) stay near the budget."""
    from tilannekuva.ui import cached as ui_cached

    budget = 3 * 1024 * 1024
    monkeypatch.setattr(ui_cached.MODELS, "max_bytes", budget)
    ui_cached.MODELS.clear()
    database = get_database(built_db)
    lists = database.query("indicator_year_lists").filter(pl.col("gender") == "total").to_dicts()
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        n = 0
        for row in lists[:30]:
            for year in row["years"][-2:]:
                ui_cached.map_model(
                    database.identity, row["indicator_id"], int(year), "total", "kunta", "564", False, "fi", 2025
                )
                n += 1
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
        ui_cached.MODELS.clear()
    assert n >= 40
    info = ui_cached.MODELS.info()
    assert info.bytes <= budget + 1024 * 1024, info
    # Without the bound these ~60 models (and their geometry figures) all stayed: ~14 MB.
    assert kept < 2 * budget, f"{kept / 1e6:.1f} MB kept alive"


def test_query_results_stay_within_the_query_budget(built_db, monkeypatch):
    monkeypatch.setattr(dbmod._cached, "max_bytes", 200_000)
    dbmod._cached.clear()
    database = get_database(built_db)
    ids = database.query("indicators")["indicator_id"].to_list()
    for indicator in ids:
        database.query("indicator_series", indicator_id=indicator, area_codes=["564", "MK17", "SSS"], gender="total")
    info = dbmod._cached.info()
    assert info.bytes <= 200_000 + max(approx_size(v) for v, _ in dbmod._cached._data.values())
    assert info.maxsize == dbmod.CACHE_SIZE
    dbmod._cached.clear()


def test_a_replaced_database_takes_its_cached_results_with_it(tmp_path):
    import duckdb

    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    con.execute("INSERT INTO build_info VALUES ('built_at', 'x')")
    con.close()
    database = dbmod.Database(path)
    database.query("build_info")
    identity = database.identity
    assert any(k[0] == identity for k in dbmod._cached._data)
    database.close()
    del database
    gc.collect()
    assert not any(k[0] == identity for k in dbmod._cached._data)
