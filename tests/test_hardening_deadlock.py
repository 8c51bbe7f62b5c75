"""Issue 9, item 1: no GIL deadlock between polars work on its thread pool and other sessions.

A polars expression with a Python callback (`map_elements`) runs the callback on polars' thread
pool, which then needs the GIL; another thread inside `DataFrame.to_pandas()` holds the GIL while it
waits for that same pool. The server then hangs for good (health endpoint dead, SIGTERM ignored).
The fix: no Python callbacks on request paths, and shared cached frames converted to pandas once,
inside the cached function. The concurrency test runs in a subprocess with a deadline, so a
regression fails (times out) instead of hanging the test run.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CALLBACK = re.compile(r"\.(map_elements|map_batches|map_rows|map_groups|apply)\(")

DEADLINE_S = 90

SCRIPT = textwrap.dedent("""
    import threading
    import polars as pl
    from tilannekuva.charts import map as cm, trend as ct
    from tilannekuva.views import map as vm
    from tilannekuva.views import trends as vt

    # A frame of the map page's shape, monthly values (the month column goes through month names).
    n = 400
    rows = vm.rank_areas(pl.DataFrame({
        "area_code": [f"{i:03d}" for i in range(n)], "name": [f"Kunta {i}" for i in range(n)],
        "level": ["kunta"] * n, "value": [float(i % 37) for i in range(n)],
        "status": ["ok"] * n, "month": [1 + i % 12 for i in range(n)],
    }, schema_overrides={"month": pl.Int64}))
    recs = [{"area_code": code, "year": y, "month": m, "value": float(y + m), "status": "ok",
             "method": "source", "excl_vaala": False}
            for code in ("564", "305") for y in range(2010, 2024) for m in range(1, 13)]
    trend_rows = pl.DataFrame(recs, schema_overrides={"month": pl.Int64})
    series = [ct.Series("564", "Oulu", ct.ROLE_MAIN), ct.Series("305", "Kuusamo", ct.ROLE_COMPARE)]
    filled = vt.fill_gaps(trend_rows, ["564", "305"], monthly=True)
    # A shared, multi-chunk frame like the cached query results every session reads.
    shared = pl.concat([rows] * 40, rechunk=False)

    def tables():
        for _ in range(150):
            cm.map_table(rows, unit="%", decimals=1, year=2023, region_code="MK17",
                         region_name="Pohjois-Pohjanmaa", region_value=15.0, region_month=3)
            ct.wide_table(filled, series, decimals=1, monthly=True)

    def convert():
        for _ in range(150):
            shared.to_pandas()

    threads = [threading.Thread(target=f, daemon=True) for f in (tables, tables, convert, convert)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("finished")
""")


def test_request_paths_have_no_python_callbacks_in_polars():
    offenders = []
    for path in [
        *sorted((ROOT / "tilannekuva").rglob("*.py")),
        *sorted((ROOT / "pages").glob("*.py")),
        ROOT / "app.py",
    ]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            # pandas Styler.apply runs in the session's own thread (no polars pool): allowed
            if CALLBACK.search(code) and ".style.apply(" not in code and "styler.apply(" not in code:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "Python callbacks in polars expressions (GIL deadlock risk):\n" + "\n".join(offenders)


def test_chart_tables_and_shared_frame_conversion_do_not_deadlock():
    try:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=DEADLINE_S
        )
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"map/trend tables next to DataFrame.to_pandas() in other threads did not finish in "
            f"{DEADLINE_S} s: GIL deadlock"
        )
    assert done.returncode == 0, done.stderr
    assert "finished" in done.stdout


def test_cached_models_hand_pandas_to_st_dataframe():
    """st.dataframe of a polars frame calls to_pandas() on every run, in every session, on the
    shared cached object: the models carry the frame converted once (and its CSV bytes)."""
    import polars as pl

    from tilannekuva.ui import cached, components

    for model in (cached.MapModel, cached.TrendModel, cached.RankingModel, cached.SpreadModel):
        assert model.__dataclass_fields__["table"].type.startswith("SharedTable"), model.__name__
    frame = pl.DataFrame({"alue": ["Oulu", "Ii"], "arvo": [1.5, None]})
    shared = components.shared_table(frame)
    assert shared.pandas["alue"].tolist() == ["Oulu", "Ii"] and shared.pandas["arvo"].isna().tolist() == [False, True]
    assert shared.csv == components.export.csv_bytes(frame)  # the download is made once, too
