"""Tilannekuva benchmark: queries, pages, geometry, build, memory and many users at once.

    python benchmarks/run.py            # everything, human table
    python benchmarks/run.py --json     # ... and the last line of output is one JSON object
    python benchmarks/run.py --quick    # fewer repetitions, no concurrency or browser check

Measured on the shipped database (built from data/ into a temporary directory at the start, or
--db PATH) and on a generated national-scale database of the same schema (benchmarks/synthetic.py:
all 309 municipalities in ~22 areas, 300 indicators, 2000–2025, three genders; cached under
benchmarks/out/, never written into data/). See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import gc
import json
import math
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

import first_visit  # noqa: E402  (benchmarks/first_visit.py: issue 13's browser figures)

KB = 1000  # budgets in KB are 1000 bytes (the stricter reading)
BUDGETS = {  # key -> (unit, budget, comparison, label)
    "query_p95_national_ms": ("ms", 10.0, "<=", "query p95 at national scale (slowest named query)"),
    "query_layer_overhead_ratio": ("x", 1.3, "<=", "query layer vs bare DuckDB, p50 ratio (worst query)"),
    "page_warm_ms": ("ms", 300.0, "<=", "warm page run, server side (slowest page)"),
    "geometry_municipality_map_kb": ("KB", 150.0, "<=", "geometry sent for the municipality map (30)"),
    "geometry_country_map_kb": ("KB", 800.0, "<=", "geometry sent for the municipality map (whole country)"),
    "build_s": ("s", 15.0, "<=", "build the database from the shipped data"),
    "peak_rss_mb": ("MB", 500.0, "<=", "peak RSS of a process serving all pages"),
    "report_all_s": ("s", 180.0, "<=", "report --all: PDF and PPTX of every area (30 + 6 + Pohde + region)"),
    "report_batch_peak_rss_mb": ("MB", 800.0, "<=", "report --all: peak RSS of the batch's Python process"),
    "concurrent_errors": ("count", 0, "<=", "errors, 20 sessions opening every page at once"),
    "concurrent_page_p95_s": ("s", 2.0, "<=", "p95 page time, 20 sessions at once"),
    "soak_errors": ("count", 0, "<=", "soak: errors and unfinished page loads, 30 sessions for 60 s, DB replaced"),
    "soak_health_after": ("ok", 1, ">=", "soak: server still answers /_stcore/health and stops on SIGTERM"),
    "soak_page_p95_s": ("s", 5.0, "<=", "soak: p95 page time, 30 sessions at once"),
    "rss_after_distinct_views_mb": ("MB", 500.0, "<=", "RSS of streamlit run after 2 500 distinct views"),
    "largest_link_page_s": ("s", 1.0, "<=", "start page with the largest link the URL caps accept"),
}
DEFAULT_SOAK_SESSIONS = 30
DEFAULT_SOAK_S = 60.0
DEFAULT_SOAK_REPLACE_EVERY_S = 15.0
DEFAULT_DISTINCT_VIEWS = 2500
DEFAULT_SESSIONS = 20
DEFAULT_CONCURRENCY_TIMEOUT_S = 180.0
PAGE_TIMEOUT_S = 60.0
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
BUDGETS.update(first_visit.BUDGETS)  # first-visit bytes, copied link vs an empty page (first_visit.py)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float | None:
    """Percentile with linear interpolation (q in 0..100)."""
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def rnd(x: float | None, digits: int = 3) -> float | None:
    return None if x is None else round(x, digits)


# --------------------------------------------------------------------------- machine


def machine_info() -> dict:
    import duckdb
    import polars
    import streamlit

    mem_total = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_total = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu_model = None
    try:
        cpu_model = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            None,
        )
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_model": cpu_model,
        "cpu_count": os.cpu_count(),
        "memory_gb": mem_total,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "polars": polars.__version__,
        "streamlit": streamlit.__version__,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# --------------------------------------------------------------------------- realistic parameters


class UnknownParameter(SystemExit):
    pass


class ParamContext:
    """Realistic values for query parameters, read from the database being measured."""

    def __init__(self, db_path: Path, n_sets: int = 8):
        import duckdb

        from tilannekuva import viewstate

        con = duckdb.connect(str(db_path), read_only=True)
        try:
            inds = con.execute(
                "SELECT indicator_id, first_year, last_year, theme FROM indicators WHERE n_values > 0 "
                "ORDER BY (indicator_id = ?) DESC, (frequency = 'year') DESC, n_values DESC, indicator_id",
                [viewstate.DEFAULT_INDICATOR],
            ).fetchall()
            kunnat = con.execute(
                "SELECT area_code, parent_code FROM areas WHERE level = 'kunta' ORDER BY sort_order, area_code"
            ).fetchall()
            regions = [
                r[0]
                for r in con.execute(
                    "SELECT area_code FROM areas WHERE level IN ('maakunta', 'maa') ORDER BY sort_order"
                ).fetchall()
            ]
            try:
                layers = [r[0] for r in con.execute("SELECT layer FROM geometry ORDER BY layer").fetchall()]
            except duckdb.Error:
                layers = []
        finally:
            con.close()
        if not inds or not kunnat:
            raise SystemExit(f"{db_path}: no indicators with values or no municipalities to draw parameters from")
        self.n_sets = n_sets
        self.indicators = inds[: max(1, n_sets)]
        self.kunnat = kunnat
        self.regions = regions or [kunnat[0][1]]
        self.layers = layers or ["kunta"]
        self.themes = sorted({r[3] for r in inds if r[3]})

    def _ind(self, i: int):
        return self.indicators[i % len(self.indicators)]

    def _kunta(self, i: int):
        return self.kunnat[(i * 7) % len(self.kunnat)]

    def area_codes(self, i: int) -> list[str]:
        """An area and its benchmarks: a municipality, its area, the region, the country (4 codes)."""
        code, parent = self._kunta(i)
        out = [code, parent, *self.regions]
        extra = 1
        while len(set(out)) < 4 and extra < len(self.kunnat):
            out.append(self._kunta(i + extra)[0])
            extra += 1
        return list(dict.fromkeys(out))[:4]

    def generators(self) -> list[tuple[Callable[[str], bool], Callable[[int], Any]]]:
        """(matches parameter name, value for parameter set i), first match wins."""

        def is_(*names):
            return lambda p: p in names

        return [
            (is_("indicator_id", "indicator"), lambda i: self._ind(i)[0]),
            (is_("indicator_ids", "indicators"), lambda i: [self._ind(i + k)[0] for k in range(4)]),
            (lambda p: p in ("area_codes", "areas", "codes", "members") or p.endswith("_codes"), self.area_codes),
            (is_("benchmark", "benchmark_code", "region", "region_code"), lambda i: self.regions[0]),
            (is_("parent_code"), lambda i: self._kunta(i)[1]),  # an area with member municipalities
            (is_("area_code", "area"), lambda i: self.area_codes(i)[i % len(self.area_codes(i))]),  # any level
            (
                lambda p: p in ("municipality", "kunta", "code") or p.endswith("_area") or p.endswith("_code"),
                lambda i: self._kunta(i)[0],
            ),
            (
                is_("first_year", "from_year", "start_year", "year_from", "since"),
                lambda i: max(self._ind(i)[1], self._ind(i)[2] - 10),
            ),
            (
                lambda p: p in ("year", "last_year", "to_year", "end_year", "year_to") or p.endswith("_year"),
                lambda i: self._ind(i)[2],
            ),
            (is_("years"), lambda i: list(range(max(self._ind(i)[1], self._ind(i)[2] - 4), self._ind(i)[2] + 1))),
            (is_("gender"), lambda i: "total"),
            (is_("genders"), lambda i: ["total", "male", "female"]),
            (is_("layer"), lambda i: self.layers[i % len(self.layers)]),
            (is_("layers"), lambda i: list(self.layers)),
            (is_("level"), lambda i: "kunta"),
            (is_("levels"), lambda i: ["kunta", "alue"]),
            (is_("month"), lambda i: 12),
            (is_("theme"), lambda i: self.themes[i % len(self.themes)] if self.themes else None),
            (is_("limit", "n", "top", "top_n"), lambda i: 10),
        ]

    def param_sets(self, query_name: str, query_path: Path, params: tuple[str, ...]) -> list[dict]:
        gens = self.generators()
        chosen = {}
        for p in params:
            gen = next((g for match, g in gens if match(p)), None)
            if gen is None:
                raise UnknownParameter(
                    f"benchmark: query {query_name!r} ({query_path}) declares parameter ${p}, which the benchmark "
                    f"cannot generate a realistic value for. Add a generator for it in benchmarks/run.py "
                    f"(ParamContext.generators)."
                )
            chosen[p] = gen
        n = self.n_sets if params else 1
        return [{p: gen(i) for p, gen in chosen.items()} for i in range(n)]


# --------------------------------------------------------------------------- queries


def bench_queries(db_path: Path, reps: int, max_seconds_per_query: float) -> dict:
    """Every named query: project layer (uncached) vs bare DuckDB, plus the cached path."""
    import duckdb

    from tilannekuva import paths
    from tilannekuva.db import Database, load_queries

    queries = load_queries(paths.QUERIES_DIR)
    ctx = ParamContext(db_path)
    db = Database(db_path)
    bare = duckdb.connect(str(db_path), read_only=True)
    out: dict[str, dict] = {}
    try:
        for name, query in sorted(queries.items()):
            sets = ctx.param_sets(name, paths.relative(query.path), query.params)
            entry: dict[str, Any] = {"params": sets[0], "param_sets": len(sets)}
            try:
                db.query_uncached(name, **sets[0])  # warm up both paths (first touch of the file)
                bare.sql(query.sql, params=sets[0]).pl()
                layer_t, bare_t, paired = [], [], []
                rows = None
                started = time.perf_counter()
                for r in range(reps):
                    s = sets[r % len(sets)]
                    order = (0, 1) if r % 2 == 0 else (1, 0)
                    pair = [0.0, 0.0]
                    for which in order:
                        t0 = time.perf_counter()
                        if which == 0:
                            frame = db.query_uncached(name, **s)
                        else:
                            frame = bare.sql(query.sql, params=s).pl()
                        pair[which] = time.perf_counter() - t0
                        rows = frame.height
                    layer_t.append(pair[0] * 1000)
                    bare_t.append(pair[1] * 1000)
                    paired.append(pair[0] / pair[1] if pair[1] > 0 else 1.0)
                    # Bounded: slow queries stop after the time cap (≥ 5 runs; p95 then ~ the maximum).
                    if r + 1 >= 5 and time.perf_counter() - started > max_seconds_per_query:
                        break
                db.query(name, **sets[0])  # fill the bounded LRU cache, then time hits
                cached = []
                for _ in range(50):
                    t0 = time.perf_counter()
                    db.query(name, **sets[0])
                    cached.append((time.perf_counter() - t0) * 1000)
                lp50, bp50 = pct(layer_t, 50), pct(bare_t, 50)
                entry.update(
                    {
                        "reps": len(layer_t),
                        "rows_last": rows,
                        "layer_p50_ms": rnd(lp50),
                        "layer_p95_ms": rnd(pct(layer_t, 95)),
                        "layer_max_ms": rnd(max(layer_t)),
                        "bare_p50_ms": rnd(bp50),
                        "bare_p95_ms": rnd(pct(bare_t, 95)),
                        "overhead_ratio_p50": rnd(lp50 / bp50 if bp50 else None),
                        "overhead_ratio_paired_median": rnd(statistics.median(paired)),
                        "cached_p50_ms": rnd(pct(cached, 50), 4),
                    }
                )
            except UnknownParameter:
                raise
            except Exception as exc:  # a broken query is reported, the rest is still measured
                entry["error"] = f"{type(exc).__name__}: {exc}"
            out[name] = entry
    finally:
        bare.close()
        db.close()
    return out


def summarize_queries(per_query: dict) -> dict:
    ok = {n: q for n, q in per_query.items() if "error" not in q}
    slowest = max(ok, key=lambda n: ok[n]["layer_p95_ms"], default=None)
    worst_ratio = max(ok, key=lambda n: ok[n]["overhead_ratio_p50"] or 0, default=None)
    return {
        "slowest_query": slowest,
        "slowest_p95_ms": ok[slowest]["layer_p95_ms"] if slowest else None,
        "worst_overhead_query": worst_ratio,
        "worst_overhead_ratio_p50": ok[worst_ratio]["overhead_ratio_p50"] if worst_ratio else None,
        "total_ratio_p50": rnd(
            sum(q["layer_p50_ms"] for q in ok.values()) / max(1e-9, sum(q["bare_p50_ms"] for q in ok.values()))
        )
        if ok
        else None,
        "errors": {n: q["error"] for n, q in per_query.items() if "error" in q},
    }


# --------------------------------------------------------------------------- geometry


def geometry_layers(db_path: Path) -> dict:
    from tilannekuva.db import Database

    db = Database(db_path)
    try:
        out = {}
        for layer in ("kunta", "alue", "kunta_koko_maa"):
            frame = db.query_uncached("geometry", layer=layer)
            if frame.height:
                text = frame["geojson"][0]
                out[layer] = {"bytes": len(text.encode("utf-8")), "n_features": int(frame["n_features"][0])}
        return out
    finally:
        db.close()


def plotly_geometry_bytes(spec: str) -> dict:
    """Geometry inside a Plotly figure spec as sent to the browser: every `geojson` of a trace and
    every map-layer `source`, serialized compactly (repeats counted: each copy is sent)."""
    try:
        fig = json.loads(spec)
    except ValueError:
        return {"spec_bytes": len(spec.encode("utf-8")), "geometry_bytes": 0, "geojson_copies": 0}
    total, copies = 0, 0

    def add(obj):
        nonlocal total, copies
        if isinstance(obj, (dict, list)):
            total += len(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            copies += 1

    for trace in fig.get("data", []) or []:
        if isinstance(trace, dict) and "geojson" in trace:
            add(trace["geojson"])
    layout = fig.get("layout", {}) or {}
    for key in ("map", "mapbox", "geo"):
        for lyr in (layout.get(key) or {}).get("layers", []) or []:
            if isinstance(lyr, dict) and isinstance(lyr.get("source"), (dict, list)):
                add(lyr["source"])
    return {"spec_bytes": len(spec.encode("utf-8")), "geometry_bytes": total, "geojson_copies": copies}


# --------------------------------------------------------------------------- build


BUILD_SNIPPET = """
import sys
from pathlib import Path
from tilannekuva.build.warehouse import build_database
from tilannekuva.build.inputs import BuildInputs
raw = Path(sys.argv[2]); raw.mkdir(parents=True, exist_ok=True)
build_database(Path(sys.argv[1]), BuildInputs(raw_sotkanet=raw))
"""


def bench_build(work: Path, runs: int) -> tuple[Path, dict]:
    """`build_database` from the shipped data (no fetched Sotkanet data) in a fresh interpreter."""
    times, target = [], None
    for i in range(runs):
        target = work / f"build-{i}" / "tilannekuva.duckdb"
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", BUILD_SNIPPET, str(target), str(target.parent / "raw")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"benchmark: build from the shipped data failed:\n{proc.stderr[-3000:]}")
        times.append(elapsed)
        if i:  # keep only the first build (the database measured below)
            shutil.rmtree(target.parent, ignore_errors=True)
    first = work / "build-0" / "tilannekuva.duckdb"
    return first, {
        "runs_s": [rnd(t, 2) for t in times],
        "median_s": rnd(statistics.median(times), 2),
        "includes": "fresh interpreter: imports + build_database (read, aggregate, geometry, write, "
        "validate, atomic replace)",
        "db_bytes": first.stat().st_size,
    }


# --------------------------------------------------------------------------- pages (worker process)


def discover_pages() -> list[dict]:
    """The pages app.py registers with st.Page(...), in order, else pages/*.py.

    Each: `file` (None for a callable page, e.g. an alias), `url_path`, `default`, `hidden` and
    `url`, the path a browser opens: "" for the default page (Streamlit serves it only at "/").
    """
    pages = []
    try:
        tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and node.args
                and getattr(node.func, "attr", getattr(node.func, "id", None)) == "Page"
            ):
                continue
            kw = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            first = node.args[0]
            file = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            name = file and Path(file).stem or getattr(first, "id", "page")
            url_path = kw.get("url_path") or name
            default = bool(kw.get("default"))
            pages.append(
                {
                    "file": file,
                    "url_path": url_path,
                    "default": default,
                    "hidden": kw.get("visibility") == "hidden",
                    "url": "" if default else url_path,
                }
            )
    except (OSError, SyntaxError):
        pages = []
    if not pages:
        pages = [
            {"file": f"pages/{p.name}", "url_path": p.stem, "default": False, "hidden": False, "url": p.stem}
            for p in sorted((ROOT / "pages").glob("*.py"))
        ]
    pages.sort(key=lambda p: not p["default"])  # stable: the default page first, then app order
    return pages


def file_pages() -> list[dict]:
    """Pages backed by a file (what AppTest can switch to)."""
    return [p for p in discover_pages() if p["file"]]


def _vm_hwm_mb(pid: int | str = "self") -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _vm_rss_mb(pid: int | str = "self") -> float | None:
    """Resident memory now (VmRSS), for a curve over time; VmHWM is only the peak."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _clear_data_caches() -> None:
    """Cold data: every cache of the app (ui.cached.clear_all), Streamlit's caches, open handles."""
    import streamlit as st

    try:
        from tilannekuva.ui.cached import clear_all
    except ImportError:
        clear_all = None  # an older tree (the benchmark also runs against earlier commits): crawl
    if clear_all is not None:
        clear_all()
    try:
        from tilannekuva.sized_cache import SizedCache
    except ImportError:
        SizedCache = ()
    for name, mod in [] if clear_all is not None else list(sys.modules.items()):
        if name == "tilannekuva" or name.startswith("tilannekuva."):
            for value in list(vars(mod).values()):
                clear = getattr(value, "cache_clear", None)
                if isinstance(value, type):  # a class (SizedCache itself): nothing cached on it
                    continue
                if isinstance(value, SizedCache) or (callable(clear) and getattr(value, "__module__", None) == name):
                    value.cache_clear()
    try:
        from tilannekuva import db as dbmod

        dbmod._open.clear()
    except (ImportError, AttributeError):
        pass
    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()


def pages_worker(db_path: Path, warm_runs: int, out_file: Path) -> None:
    """Run every page through AppTest against `db_path`; write timings and peak RSS to out_file."""
    os.environ["TILANNEKUVA_DB"] = str(db_path)
    from tilannekuva import paths

    paths.DB_PATH = Path(db_path)
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1 import local_script_runner as lsr

    sent = {"bytes": 0}
    original_parse = lsr.parse_tree_from_messages

    def counting_parse(messages):  # bytes of every ForwardMsg of a run: what the server sends
        sent["bytes"] = sum(m.ByteSize() for m in messages)
        return original_parse(messages)

    lsr.parse_tree_from_messages = counting_parse
    # A running server compiles each script once (ScriptCache); AppTest makes a new cache per run,
    # which would add the compile + magic rewrite of app.py and the page to every "warm" run.
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test as app_test_module

    script_cache = ScriptCache()
    app_test_module.ScriptCache = lambda: script_cache
    app = str(ROOT / "app.py")
    pages = file_pages()
    result: dict[str, Any] = {"pages": {}, "db": str(db_path)}

    def run(at) -> tuple[float, int]:
        t0 = time.perf_counter()
        at.run(timeout=PAGE_TIMEOUT_S * 2)
        return (time.perf_counter() - t0) * 1000, sent["bytes"]

    def errors_of(at) -> list[str]:
        return [str(getattr(e, "message", e))[:300] for e in at.exception]

    def charts_of(at) -> dict:
        specs = [el.proto.spec for el in at.get("plotly_chart")]
        geo = [plotly_geometry_bytes(s) for s in specs]
        return {
            "plotly_charts": len(specs),
            "plotly_spec_bytes": sum(g["spec_bytes"] for g in geo),
            "geometry_bytes": sum(g["geometry_bytes"] for g in geo),
            "geojson_copies": sum(g["geojson_copies"] for g in geo),
        }

    # Process-cold: the very first run of the app in this interpreter (imports, DB open, caches).
    probe = AppTest.from_file(app, default_timeout=PAGE_TIMEOUT_S * 2)
    ms, nbytes = run(probe)
    result["process_cold_first_run_ms"] = rnd(ms, 1)
    result["process_cold_page"] = pages[0]["url_path"] if pages else None
    registered = getattr(probe, "_registered_pages", None)

    def open_page(page: dict, query: dict | None = None):
        at = AppTest.from_file(app, default_timeout=PAGE_TIMEOUT_S * 2)
        for k, v in (query or {}).items():
            at.query_params[k] = v
        how = "deep link"
        if registered:
            at._registered_pages = dict(registered)  # switch before the first run = open by link
            at.switch_page(page["file"])
        elif not page["default"]:
            at.run()
            at.switch_page(page["file"])
            how = "after default page"
        return at, how

    for page in pages:
        _clear_data_caches()
        script_cache.clear()  # first run: compile as after a server start
        at, how = open_page(page)
        first_ms, first_bytes = run(at)
        errors = errors_of(at)
        warm, warm_bytes = [], 0
        for _ in range(warm_runs):
            ms, warm_bytes = run(at)
            warm.append(ms)
            errors += [e for e in errors_of(at) if e not in errors]
        entry = {
            "file": page["file"],
            "first_ms": rnd(first_ms, 1),
            "first_opened": how,
            "warm_median_ms": rnd(pct(warm, 50), 1),
            "warm_max_ms": rnd(max(warm), 1) if warm else None,
            "warm_runs": len(warm),
            "sent_bytes_first": first_bytes,
            "sent_bytes_warm": warm_bytes,
            "errors": errors,
            **charts_of(at),
        }
        if entry["geometry_bytes"]:  # a map page: also the area layer
            at2, _ = open_page(page, {"layer": "alue"})
            run(at2)
            alt = charts_of(at2)
            entry["layer_alue"] = {**alt, "errors": errors_of(at2)}
        result["pages"][page["url_path"]] = entry
    result["vm_hwm_mb"] = _vm_hwm_mb()
    out_file.write_text(json.dumps(result))


def bench_pages(db_path: Path, warm_runs: int, work: Path, label: str) -> dict:
    out_file = work / f"pages-{label}.json"
    out_file.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--pages-worker",
        "--db",
        str(db_path),
        "--warm-runs",
        str(warm_runs),
        "--worker-out",
        str(out_file),
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ, "TILANNEKUVA_DB": str(db_path)}
    )
    if proc.returncode != 0 or not out_file.exists():
        return {"error": f"page worker failed (exit {proc.returncode}): {proc.stderr[-2000:]}"}
    result = json.loads(out_file.read_text())
    result["worker_seconds"] = rnd(time.perf_counter() - t0, 1)
    return result


# --------------------------------------------------------------------------- many sessions at once


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run app.py` (or another `script`) on 127.0.0.1 against one database; stopped by stop()."""

    def __init__(self, db_path: Path, log_path: Path, script: str = "app.py"):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        self._log = log_path.open("w")
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={
                **os.environ,
                "TILANNEKUVA_DB": str(db_path),
                # the goals store of this run, never the machine's own
                "TILANNEKUVA_GOALS": str(log_path.parent / "goals.sqlite"),
            },
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log_path.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/_stcore/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"streamlit did not answer within {timeout:.0f} s")

    def vm_hwm_mb(self) -> float | None:
        return _vm_hwm_mb(self.proc.pid)

    def stop(self) -> dict:
        """SIGTERM, then SIGKILL after 10 s. Returns how it went: a hung server (issue 9: a GIL
        deadlock) ignores SIGTERM, so `needed_kill` is a figure of its own."""
        t0 = time.perf_counter()
        needed_kill = False
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                needed_kill = True
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()
        return {"stop_s": rnd(time.perf_counter() - t0, 2), "needed_kill": needed_kill}

    def health(self, timeout: float = 5.0) -> dict:
        """Does the server still answer /_stcore/health (and how fast)?"""
        import httpx

        t0 = time.perf_counter()
        try:
            ok = httpx.get(f"{self.url}/_stcore/health", timeout=timeout).status_code == 200
        except httpx.HTTPError:
            ok = False
        return {"answering": ok, "s": rnd(time.perf_counter() - t0)}


def _widget_states(elements: list) -> Any:
    """What the Streamlit frontend sends back on a rerun: the current value of every widget of the
    last run, as the server itself set it (value/raw_value when set_value) or its default."""
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    states = WidgetStates()
    for kind, w in elements:
        wid = getattr(w, "id", "")
        if not wid:
            continue
        if kind in ("selectbox", "radio"):
            if getattr(w, "set_value", False) and w.HasField("raw_value"):
                states.widgets.add(id=wid, string_value=w.raw_value)
            elif w.HasField("default") and len(w.options) > w.default:
                states.widgets.add(id=wid, string_value=w.options[w.default])
            else:
                states.widgets.add(id=wid)
        elif kind == "multiselect":
            ws = states.widgets.add(id=wid)
            values = list(w.raw_values) if w.set_value else [w.options[i] for i in w.default if i < len(w.options)]
            ws.string_array_value.data[:] = values
        elif kind == "checkbox":
            states.widgets.add(id=wid, bool_value=w.value if w.set_value else w.default)
        elif kind in ("text_input", "text_area"):
            if w.set_value and w.HasField("value"):
                states.widgets.add(id=wid, string_value=w.value)
            elif w.HasField("default"):
                states.widgets.add(id=wid, string_value=w.default)
            else:
                states.widgets.add(id=wid)
        # Buttons, download buttons and chart/table selections send nothing until clicked.
    return states


async def _session(
    k: int,
    server_url: str,
    pages: list[dict],
    query: str,
    deadline: float,
    records: list[dict],
    http,
    *,
    start_until: float | None = None,
    link_in_get: bool = True,
) -> None:
    """One visitor. `http`: the httpx.AsyncClient all sessions share, made before the clock starts
    (a client per session would spend ~20 ms of the load generator's CPU per visitor loading CA
    certificates, time that belongs to neither the server nor a browser). With `start_until` (the
    soak) no page starts after that moment and a page in flight has its full PAGE_TIMEOUT_S up to
    `deadline`; `link_in_get=False` sends the query string only in the websocket's rerun message
    (a link too long for an HTTP request line still reaches the script that way)."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    host = server_url.split("//", 1)[1]
    hashes: dict[str, str] = {}
    elements: list = []
    query_string = query

    def record(path, t0, error=None, nbytes=0, finished=False):
        records.append(
            {
                "session": k,
                "page": path,
                "s": time.perf_counter() - t0,
                "error": error,
                "bytes": nbytes,
                "finished": finished,
            }
        )

    ws = None
    try:
        for page in pages:
            path = page["url"]  # "" = the default page at "/"
            label = "/" + path
            t0 = time.perf_counter()
            if start_until is not None and time.monotonic() >= start_until:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                record(label, t0, "not started: the concurrency time limit was reached")
                continue
            try:
                if ws is None:  # a browser opens the link: the HTML, then the websocket
                    resp = await http.get(
                        f"{server_url}/{path}?{query_string}" if link_in_get else f"{server_url}/{path}"
                    )
                    if resp.status_code != 200:
                        record(label, t0, f"HTTP {resp.status_code} for /{path}")
                        continue
                    ws = await websockets.connect(
                        f"ws://{host}/_stcore/stream",
                        subprotocols=["streamlit"],
                        origin=server_url,
                        max_size=None,
                        open_timeout=PAGE_TIMEOUT_S,
                    )
                msg = BackMsg()
                cs = msg.rerun_script
                cs.query_string = query_string
                cs.page_name = path
                cs.page_script_hash = hashes.get(path, "")
                cs.widget_states.CopyFrom(_widget_states(elements))
                await ws.send(msg.SerializeToString())
                errors, nbytes, run_elements = [], 0, []
                while True:
                    data = await asyncio.wait_for(ws.recv(), timeout=min(PAGE_TIMEOUT_S, max(0.1, remaining)))
                    nbytes += len(data)
                    fm = ForwardMsg()
                    fm.ParseFromString(data)
                    kind = fm.WhichOneof("type")
                    if kind == "new_session":
                        for p in fm.new_session.app_pages:
                            hashes[p.url_pathname] = p.page_script_hash
                    elif kind == "navigation":
                        for p in fm.navigation.app_pages:
                            hashes[p.url_pathname] = p.page_script_hash
                    elif kind == "page_info_changed":
                        query_string = fm.page_info_changed.query_string
                    elif kind == "page_not_found":
                        errors.append(f"page not found: {label}")
                    elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                        el = fm.delta.new_element
                        el_kind = el.WhichOneof("type")
                        if el_kind == "exception":
                            errors.append(f"{el.exception.type}: {el.exception.message}"[:300])
                        elif el_kind:
                            run_elements.append((el_kind, getattr(el, el_kind)))
                    elif kind == "script_finished":
                        status = fm.script_finished
                        if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            run_elements = []  # the app reran itself: wait for that run
                            continue
                        if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                            errors.append("script compile error")
                        break
                elements = run_elements
                record(label, t0, "; ".join(dict.fromkeys(errors)) or None, nbytes, finished=True)
            except TimeoutError:
                record(label, t0, f"no script_finished within {PAGE_TIMEOUT_S:.0f} s (or the overall limit)")
            except Exception as exc:  # connection refused/reset, protocol errors
                record(label, t0, f"{type(exc).__name__}: {exc}"[:300])
                ws = None
    finally:
        if ws is not None:
            await ws.close()


def bench_concurrency(db_path: Path, work: Path, sessions: int, timeout_s: float) -> dict:
    """`streamlit run app.py` + `sessions` real Streamlit sessions (HTTP page load, then the
    websocket protocol the browser speaks) each opening every page, all at once."""
    pages = discover_pages()
    server = Server(db_path, work / "streamlit-concurrency.log")
    try:
        server.wait_ready()
        records: list[dict] = []
        deadline = time.monotonic() + timeout_s

        async def main():
            import httpx

            limits = httpx.Limits(max_connections=sessions, max_keepalive_connections=sessions)
            async with httpx.AsyncClient(timeout=PAGE_TIMEOUT_S, limits=limits) as http:
                tasks = [_session(k, server.url, pages, "", deadline, records, http) for k in range(sessions)]
                await asyncio.wait_for(asyncio.gather(*tasks), timeout=timeout_s + PAGE_TIMEOUT_S)

        t0 = time.perf_counter()
        try:
            asyncio.run(main())
        except TimeoutError:
            pass
        wall = time.perf_counter() - t0
        expected = sessions * len(pages)
        missing = expected - len(records)
        # Page time: every load the server finished (an error shown on the page still took that
        # long); loads that never finished (timeout, connection) count only as errors.
        times = [r["s"] for r in records if r["finished"]]
        errors = [r for r in records if r["error"]]
        per_page = {}
        for p in pages:
            label = "/" + p["url"]
            ts = [r["s"] for r in records if r["page"] == label and r["finished"]]
            per_page[label] = {
                "p50_s": rnd(pct(ts, 50)),
                "p95_s": rnd(pct(ts, 95)),
                "n": len(ts),
                "kb_sent_median": rnd((pct([r["bytes"] for r in records if r["page"] == label], 50) or 0) / KB, 1),
            }
        kinds: dict[str, int] = {}
        for r in errors:
            kind = r["error"].split(":", 1)[0]
            kinds[kind] = kinds.get(kind, 0) + 1
        log_tail = server.log_path.read_text()[-1500:] if errors else ""
        return {
            "sessions": sessions,
            "pages_per_session": len(pages),
            "page_loads": len(records),
            "errors": len(errors) + max(0, missing),
            "wall_s": rnd(wall, 2),
            "p50_s": rnd(pct(times, 50)),
            "p95_s": rnd(pct(times, 95)),
            "max_s": rnd(max(times) if times else None),
            "p95_first_page_s": rnd(
                pct([r["s"] for r in records if r["page"] == "/" + pages[0]["url"] and r["finished"]], 95)
            ),
            "p95_later_pages_s": rnd(
                pct([r["s"] for r in records if r["page"] != "/" + pages[0]["url"] and r["finished"]], 95)
            ),
            "urls": ["/" + p["url"] for p in pages],
            "per_page": per_page,
            "error_kinds": kinds,
            "error_samples": sorted({f"{r['page']}: {r['error']}" for r in errors})[:10],
            "server_vm_hwm_mb": server.vm_hwm_mb(),
            "client": "HTTP GET of the page, then Streamlit's websocket protocol (BackMsg rerun_script with "
            "the widget states the frontend would send; page done at script_finished)",
            "server_log_tail": log_tail,
        }
    finally:
        server.stop()


# --------------------------------------------------------------------------- soak, memory, links (issue 9)


def _views(db_path: Path, limit: int | None = None, seed: int = 9) -> list[dict]:
    """Distinct views of the database, as (page url, query string) in a seeded random order:
    every page that caches per view (map, trends, compare) × indicator with data × its years ×
    selectable area (region, Pohde areas, municipalities)."""
    import random

    import polars as pl

    from tilannekuva.db import Database

    db = Database(db_path)
    try:
        lists = db.query_uncached("indicator_year_lists").filter(pl.col("gender") == "total")
        areas = db.query_uncached("areas")
    finally:
        db.close()
    codes = [r["area_code"] for r in areas.iter_rows(named=True) if r["level"] in ("maakunta", "alue", "kunta")]
    pages = [p["url"] for p in discover_pages() if p["url"] in ("kartta", "kehitys", "vertailu")] or [""]
    combos = [
        (page, r["indicator_id"], int(year), code)
        for r in lists.iter_rows(named=True)
        for year in r["years"]
        for code in codes
        for page in pages
    ]
    random.Random(seed).shuffle(combos)
    return [
        {"url": page, "query": f"area={code}&indicator={ind}&year={year}&gender=total"}
        for page, ind, year, code in combos[:limit]
    ]


def _summary(records: list[dict]) -> dict:
    finished = [r["s"] for r in records if r["finished"]]
    errors = [r for r in records if r["error"]]
    return {
        "page_loads": len(records),
        "finished": len(finished),
        "errors": len(errors),
        "unfinished": len([r for r in records if not r["finished"]]),
        "p50_s": rnd(pct(finished, 50)),
        "p95_s": rnd(pct(finished, 95)),
        "max_s": rnd(max(finished) if finished else None),
        "error_samples": sorted({f"{r['page']}: {r['error']}" for r in errors})[:10],
    }


def bench_links(server: Server, runs: int = 3) -> dict:
    """What a link costs the server: an ordinary link, the largest link the caps accept in full
    (every parameter at its length cap, the compare list at its character cap) and the probe's
    20 000 unknown compare codes (~139 KB; sent in the websocket rerun only, as no HTTP request
    line takes it). Median page time and bytes sent of the start page, fresh session each run."""
    from tilannekuva import viewstate as V

    code_list = ",".join(f"x{i:04d}" for i in range(20_000))
    value_cap, compare_cap = getattr(V, "MAX_VALUE_CHARS", 100), getattr(V, "MAX_COMPARE_CHARS", 1000)  # caps
    longest = {name: "9" * value_cap for name in ("area", "indicator", "year", "gender", "layer")}
    longest["compare"] = ("564," * compare_cap)[:compare_cap]
    links = {
        "ordinary": "area=564",
        "largest_accepted": "&".join(f"{k}={v}" for k, v in longest.items()),
        "compare_20000_codes": f"compare={code_list}",
    }
    out = {}

    async def one(query: str, in_get: bool) -> dict:
        import httpx

        records: list[dict] = []
        async with httpx.AsyncClient(timeout=PAGE_TIMEOUT_S) as http:
            await _session(
                0,
                server.url,
                [{"url": ""}],
                query,
                time.monotonic() + PAGE_TIMEOUT_S,
                records,
                http,
                link_in_get=in_get,
            )
        return records[0] if records else {"s": None, "bytes": 0, "error": "no record", "finished": False}

    for label, query in links.items():
        rows = [asyncio.run(one(query, label != "compare_20000_codes")) for _ in range(runs)]
        out[label] = {
            "link_kb": rnd(len(query) / KB, 1),
            "page_s": rnd(pct([r["s"] for r in rows if r["s"]], 50)),
            "kb_sent": rnd((pct([r["bytes"] for r in rows], 50) or 0) / KB, 1),
            "errors": [r["error"] for r in rows if r["error"]],
        }
    return out


def bench_soak(db_path: Path, work: Path, sessions: int, seconds: float, replace_every_s: float) -> dict:
    """≥ 30 visitors for `seconds` against `streamlit run app.py`, each opening every page in
    turn with one of a few views, then a new visitor; meanwhile the database file is replaced
    every `replace_every_s` as a rebuild does (new file, os.replace). Errors, page loads that
    never finished, p95, whether /_stcore/health still answers, and whether SIGTERM still stops
    the server (the GIL deadlock of issue 9 hung it for good and only SIGKILL ended it)."""
    import httpx

    served = work / "soak.duckdb"
    shutil.copyfile(db_path, served)
    pages = [p for p in discover_pages() if not p["hidden"]]
    views = [v["query"] for v in _views(db_path, limit=12)] + [""]
    server = Server(served, work / "streamlit-soak.log")
    stopped: dict = {}
    try:
        server.wait_ready()
        links = bench_links(server)
        records: list[dict] = []
        replaced = 0
        start = time.monotonic()
        start_until = start + seconds
        deadline = start_until + PAGE_TIMEOUT_S

        async def main():
            nonlocal replaced
            limits = httpx.Limits(max_connections=sessions, max_keepalive_connections=sessions)
            async with httpx.AsyncClient(timeout=PAGE_TIMEOUT_S, limits=limits) as http:

                async def visitor(k: int):
                    i = 0
                    while time.monotonic() < start_until:
                        order = pages[k % len(pages) :] + pages[: k % len(pages)]
                        await _session(
                            k,
                            server.url,
                            order,
                            views[(k + i) % len(views)],
                            deadline,
                            records,
                            http,
                            start_until=start_until,
                        )
                        i += 1

                async def rebuilds():
                    nonlocal replaced
                    while time.monotonic() + replace_every_s < start_until:
                        await asyncio.sleep(replace_every_s)
                        fresh = served.with_name(served.name + ".tmp")
                        await asyncio.to_thread(shutil.copyfile, db_path, fresh)
                        os.replace(fresh, served)
                        replaced += 1

                await asyncio.wait_for(
                    asyncio.gather(rebuilds(), *[visitor(k) for k in range(sessions)]),
                    timeout=seconds + 2 * PAGE_TIMEOUT_S,
                )

        t0 = time.perf_counter()
        try:
            asyncio.run(main())
        except TimeoutError:
            pass
        wall = time.perf_counter() - t0
        health = server.health()
        result = {
            "sessions": sessions,
            "seconds": seconds,
            "wall_s": rnd(wall, 1),
            "db_replaced": replaced,
            **_summary(records),
            "health_after": health,
            "server_rss_mb": _vm_rss_mb(server.proc.pid),
            "server_vm_hwm_mb": server.vm_hwm_mb(),
            "links": links,
            "server_log_tail": server.log_path.read_text()[-1500:] if any(r["error"] for r in records) else "",
        }
    finally:
        stopped = server.stop()
    result["stop"] = stopped
    return result


def bench_distinct_views(db_path: Path, work: Path, n: int, clients: int = 4, step: int = 250) -> dict:
    """RSS of `streamlit run app.py` while visitors open `n` distinct views (each a new session
    on one page with its own link; every one a new entry in the shared caches), sampled every
    `step` views: the curve must level off under the budget (caches bounded by size)."""
    import httpx

    views = _views(db_path, limit=n)
    server = Server(db_path, work / "streamlit-views.log")
    try:
        server.wait_ready()
        curve = [{"views": 0, "rss_mb": _vm_rss_mb(server.proc.pid)}]
        records: list[dict] = []
        t0 = time.perf_counter()

        async def main():
            queue = list(enumerate(views))
            async with httpx.AsyncClient(timeout=PAGE_TIMEOUT_S) as http:

                async def client():
                    while queue:
                        k, view = queue.pop(0)
                        await _session(
                            k,
                            server.url,
                            [{"url": view["url"]}],
                            view["query"],
                            time.monotonic() + PAGE_TIMEOUT_S,
                            records,
                            http,
                        )
                        if (k + 1) % step == 0 or k + 1 == len(views):
                            curve.append(
                                {
                                    "views": k + 1,
                                    "rss_mb": _vm_rss_mb(server.proc.pid),
                                    "s": rnd(time.perf_counter() - t0, 1),
                                }
                            )

                await asyncio.gather(*[client() for _ in range(clients)])

        asyncio.run(main())
        summary = _summary(records)
        return {
            "views": len(views),
            "clients": clients,
            "wall_s": rnd(time.perf_counter() - t0, 1),
            "rss_mb_after": _vm_rss_mb(server.proc.pid),
            "vm_hwm_mb": server.vm_hwm_mb(),
            "curve": curve,
            "errors": summary["errors"],
            "error_samples": summary["error_samples"],
            "p95_s": summary["p95_s"],
        }
    finally:
        server.stop()


# --------------------------------------------------------------------------- Chromium spot check


def bench_browser(db_path: Path, work: Path) -> dict:
    """One real Chromium session opening every page by URL: time until Streamlit is idle, and any
    exception box. A check that the protocol-level sessions above match what a browser sees."""
    if not Path(CHROMIUM).exists():
        return {"measured": False, "reason": f"Chromium not installed at {CHROMIUM}"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        return {"measured": False, "reason": f"playwright not importable: {exc}"}
    pages = discover_pages()
    server = Server(db_path, work / "streamlit-browser.log")
    out: dict[str, Any] = {"measured": True, "pages": {}}
    try:
        server.wait_ready()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport={"width": 1920, "height": 1080})
                page = context.new_page()
                for entry in pages:
                    t0 = time.perf_counter()
                    error = None
                    try:
                        page.goto(f"{server.url}/{entry['url']}", timeout=PAGE_TIMEOUT_S * 1000)
                        page.wait_for_selector(
                            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=PAGE_TIMEOUT_S * 1000
                        )
                        elapsed = time.perf_counter() - t0
                        page.wait_for_timeout(500)  # a "Page not found" dialog opens just after
                        boxes = page.query_selector_all('[data-testid="stException"]')
                        dialogs = [d.inner_text() for d in page.query_selector_all('[role="dialog"]')]
                        if boxes:
                            error = boxes[0].inner_text()[:300]
                        elif any("not found" in d.lower() or "sivua ei löydy" in d.lower() for d in dialogs):
                            error = "page not found dialog: " + dialogs[0][:200].replace("\n", " ")
                    except Exception as exc:  # timeout, crash
                        elapsed = time.perf_counter() - t0
                        error = f"{type(exc).__name__}: {str(exc)[:200]}"
                    out["pages"]["/" + entry["url"]] = {"s": rnd(elapsed), "error": error, "url": page.url}
                context.close()
            finally:
                browser.close()
    except Exception as exc:
        return {"measured": False, "reason": f"{type(exc).__name__}: {str(exc)[:300]}"}
    finally:
        server.stop()
    out["errors"] = sum(1 for v in out["pages"].values() if v["error"])
    return out


def _script_server(db_path: Path, work: Path, script: Path) -> Server:
    """A Server for one of the benchmark's own Streamlit scripts (same settings as app.py's)."""
    return Server(db_path, work / f"streamlit-{script.stem}.log", script=str(script.relative_to(ROOT)))


def bench_first_visit_links(db_path: Path, work: Path, runs: int, pages: list[dict] | None = None) -> dict:
    """First-visit bytes and copied-link time per page vs an empty Streamlit page and the floors,
    pages with one trivial chart each (first_visit.FLOORS: Plotly, Vega-Lite, a static SVG).
    `pages`: default every listed page."""
    if not Path(CHROMIUM).exists():
        return {"measured": False, "reason": f"Chromium not installed at {CHROMIUM}"}
    if pages is None:
        pages = [{"url": p["url"]} for p in discover_pages() if not p["hidden"]]
    servers: list[Server] = []  # each stopped at the end, also when a later one fails to start
    try:
        servers.append(Server(db_path, work / "streamlit-first-visit.log"))
        servers.append(_script_server(db_path, work, first_visit.EMPTY_APP))
        for script, _, _ in first_visit.FLOORS.values():
            servers.append(_script_server(db_path, work, script))
        app, empty, *floors = servers
        for server in servers:
            server.wait_ready()
        return first_visit.bench_first_visit(
            app.url,
            empty.url,
            pages,
            floor_urls={name: server.url for name, server in zip(first_visit.FLOORS, floors, strict=True)},
            chromium=CHROMIUM,
            chromium_args=CHROMIUM_ARGS,
            runs=runs,
            timeout_s=30.0,
            log=log,
        )
    except Exception as exc:
        return {"measured": False, "reason": f"{type(exc).__name__}: {str(exc)[:300]}"}
    finally:
        for server in servers:
            server.stop()


# --------------------------------------------------------------------------- budgets and output


REPORT_WORKER = r"""
import json, sys, time
from tilannekuva.db import Database
from tilannekuva.report import pdf, profile, slides
from tilannekuva.report.render import ChartRenderer
db = Database(sys.argv[1])
out = {}
t = time.perf_counter(); renderer = ChartRenderer(); renderer.start(); out["browser_start_s"] = time.perf_counter() - t
for fmt, write in (("pdf", pdf.write_pdf), ("pptx", slides.write_pptx)):
    t = time.perf_counter()
    write(profile.build(db, sys.argv[2], this_year=int(sys.argv[3])), renderer)
    out[fmt + "_s"] = time.perf_counter() - t
renderer.stop()
print(json.dumps(out))
"""


def _tree_rss_mb(pid: int) -> float:
    """RSS of a process and all its descendants (the batch's Python and its Chromium)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        total += _vm_rss_mb(current) or 0.0
        stack.extend(children.get(current, ()))
    return total


def bench_reports(db_path: Path, work: Path, area: str = "564") -> dict:
    """One PDF and one PPTX profile (warm browser, profile build included), then
    `python -m tilannekuva report --all` as a user runs it (fresh process, browser start included),
    with the peak RSS of its process tree sampled every 0.2 s."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    this_year = str(time.gmtime().tm_year)
    one = subprocess.run(
        [sys.executable, "-c", REPORT_WORKER, str(db_path), area, this_year],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if one.returncode != 0:
        return {"measured": False, "reason": one.stderr[-500:]}
    single = {k: rnd(v, 2) for k, v in json.loads(one.stdout.strip().splitlines()[-1]).items()}
    folder = work / "reports"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tilannekuva", "report", "--all", "--out", str(folder), "--db", str(db_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = own = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_mb(proc.pid))
        own = max(own, _vm_rss_mb(proc.pid) or 0.0)
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    stdout, stderr = proc.communicate()
    files = sorted(p.name for p in folder.glob("*.p*"))
    return {
        "measured": True,
        "area": area,
        **single,
        "all_s": rnd(elapsed, 1),
        "all_files": len(files),
        "all_exit": proc.returncode,
        "all_failed": [line for line in stderr.splitlines() if "FAILED" in line],
        "all_peak_rss_mb": rnd(own, 0),
        "all_peak_tree_rss_mb": rnd(peak, 0),
        "summary": stdout.strip()[-200:],
    }


def budget(key: str, value: float | None, reason: str | None = None, source: str | None = None) -> dict:
    unit, limit, comparison, label = BUDGETS[key]
    within = (value <= limit if comparison == "<=" else value >= limit) if value is not None else False
    entry: dict[str, Any] = {"value": value, "unit": unit, "budget": limit, "pass": within, "label": label}
    if value is None:
        entry["reason"] = reason or "not measured"
    if source:
        entry["source"] = source
    return entry


def format_table(budgets: dict, figures: list[tuple[str, str, str]]) -> str:
    lines = [f"{'figure':<58} {'value':>12} {'unit':<6} {'budget':>8}  result"]
    lines.append("-" * len(lines[0]))
    for b in budgets.values():
        value = "—" if b["value"] is None else f"{b['value']:g}"
        result = "PASS" if b["pass"] else ("FAIL" if b["value"] is not None else "NOT MEASURED")
        lines.append(
            f"{b['label']:<58} {value:>12} {b['unit']:<6} {'≤ ' + format(b['budget'], 'g'):>8}  {result}"
            + (f"  ({b['reason']})" if b.get("reason") else "")
        )
    if figures:
        lines.append("")
        lines.append("other figures (no budget)")
        for label, value, unit in figures:
            lines.append(f"  {label:<56} {value:>12} {unit}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions; no concurrency, no browser")
    parser.add_argument("--skip-browser", action="store_true", help="no Chromium spot check")
    parser.add_argument("--skip-reports", action="store_true", help="no PDF/PPTX report timings")
    parser.add_argument("--skip-concurrency", action="store_true", help="no many-sessions run")
    parser.add_argument("--db", type=Path, help="measure this database instead of a fresh build of data/")
    parser.add_argument("--scale", default="national", help="generated database: national (default) or tiny")
    parser.add_argument("--national-db", type=Path, help="use this database as the national-scale one")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=HERE / "out",
        help="generated databases, logs (default benchmarks/out/, ignored by git)",
    )
    parser.add_argument("--sessions", type=int, default=DEFAULT_SESSIONS)
    parser.add_argument("--concurrency-timeout", type=float, default=DEFAULT_CONCURRENCY_TIMEOUT_S)
    parser.add_argument("--soak-sessions", type=int, default=DEFAULT_SOAK_SESSIONS)
    parser.add_argument("--soak-seconds", type=float, default=DEFAULT_SOAK_S)
    parser.add_argument(
        "--soak-replace-every",
        type=float,
        default=DEFAULT_SOAK_REPLACE_EVERY_S,
        help="seconds between database replacements during the soak (0: none)",
    )
    parser.add_argument("--distinct-views", type=int, default=DEFAULT_DISTINCT_VIEWS)
    parser.add_argument("--skip-soak", action="store_true", help="no soak (and no link cost)")
    parser.add_argument("--skip-views", action="store_true", help="no RSS-after-distinct-views run")
    parser.add_argument(
        "--only",
        choices=("soak", "views", "first-visit", "reports"),
        help="build the shipped db and run only this part (prints its JSON)",
    )
    # internal: the page worker
    parser.add_argument("--pages-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warm-runs", type=int, default=5, help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.pages_worker:
        pages_worker(args.db, args.warm_runs, args.worker_out)
        return 0
    if args.only:
        return run_only(args)

    import synthetic

    if args.scale not in synthetic.SCALES:
        parser.error(f"--scale must be one of {', '.join(synthetic.SCALES)}")
    started = time.perf_counter()
    reps = 12 if args.quick else 60
    per_query_cap = 2.0 if args.quick else 8.0
    warm_runs = 3 if args.quick else 7
    args.work_dir.mkdir(parents=True, exist_ok=True)
    for old in args.work_dir.glob("run-*"):  # scratch of earlier runs (logs, built databases)
        shutil.rmtree(old, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=args.work_dir))
    details: dict[str, Any] = {"work_dir": str(work)}
    machine = machine_info()

    # While measuring, anything written to stdout (DuckDB progress bars, Streamlit, children) goes
    # to stderr: stdout carries only the table and, with --json, the final JSON line.
    sys.stdout.flush()
    real_stdout = os.dup(1)
    os.dup2(2, 1)
    try:
        # 1. Build from the shipped data (its result is "the shipped database" unless --db).
        log("building the database from the shipped data …")
        built, details["build"] = bench_build(work, 1 if args.quick else 3)
        shipped = (args.db or built).resolve()
        details["shipped_db"] = str(shipped)

        # 2. The generated national-scale database (cached by scale/generator/schema).
        if args.national_db:
            national, summary = args.national_db.resolve(), {"path": str(args.national_db), "given": True}
        else:
            log(f"generating the {args.scale} synthetic database (cached under {args.work_dir}) …")
            national, summary = synthetic.cached(
                args.work_dir, synthetic.SCALES[args.scale], reference_db=built, name=args.scale
            )
        details["national_db"] = summary

        # 3. Named queries.
        same = national == shipped
        details["queries"] = {}
        for label, path in (("shipped", shipped), ("national", national)):
            if label == "national" and same:
                details["queries"][label] = details["queries"]["shipped"]
                continue
            log(f"queries on the {label} database …")
            details["queries"][label] = bench_queries(path, reps, per_query_cap)
        details["queries_summary"] = {k: summarize_queries(v) for k, v in details["queries"].items()}

        # 4. Geometry layers as stored.
        details["geometry_layers"] = {"shipped": geometry_layers(shipped), "national": geometry_layers(national)}

        # 5. Pages (AppTest in a fresh process per database: first run and warm runs, RSS).
        details["pages"] = {}
        for label, path in (("shipped", shipped), ("national", national)):
            if label == "national" and same:
                details["pages"][label] = details["pages"]["shipped"]
                continue
            log(f"pages on the {label} database (AppTest) …")
            details["pages"][label] = bench_pages(path, warm_runs, work, label)

        # 6. Many sessions at once against `streamlit run app.py`.
        if args.quick or args.skip_concurrency:
            details["concurrency"] = {"measured": False, "reason": "skipped (--quick/--skip-concurrency)"}
        else:
            log(f"{args.sessions} concurrent sessions against streamlit run app.py …")
            try:
                details["concurrency"] = bench_concurrency(shipped, work, args.sessions, args.concurrency_timeout)
            except Exception as exc:
                details["concurrency"] = {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:500]}

        # 7. Soak (many sessions for a while, the database replaced meanwhile; link cost) and RSS
        #    after many distinct views (issue 9).
        if args.quick or args.skip_soak:
            details["soak"] = {"measured": False, "reason": "skipped (--quick/--skip-soak)"}
        else:
            log(f"soak: {args.soak_sessions} sessions for {args.soak_seconds:.0f} s …")
            try:
                details["soak"] = bench_soak(
                    shipped, work, args.soak_sessions, args.soak_seconds, args.soak_replace_every or 1e9
                )
            except Exception as exc:
                details["soak"] = {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:500]}
        if args.quick or args.skip_views:
            details["distinct_views"] = {"measured": False, "reason": "skipped (--quick/--skip-views)"}
        else:
            log(f"RSS after {args.distinct_views} distinct views …")
            try:
                details["distinct_views"] = bench_distinct_views(shipped, work, args.distinct_views)
            except Exception as exc:
                details["distinct_views"] = {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:500]}

        # 8. One real browser.
        if args.quick or args.skip_browser:
            details["browser"] = {"measured": False, "reason": "skipped (--quick/--skip-browser)"}
        else:
            log("Chromium spot check …")
            details["browser"] = bench_browser(shipped, work)
            log("Chromium: first-visit bytes and copied links vs an empty Streamlit page …")
            details["first_visit"] = bench_first_visit_links(shipped, work, runs=3)

        # 9. Area profiles: one PDF, one PPTX, and `report --all` (every area, both formats).
        if args.quick or args.skip_reports:
            details["reports"] = {"measured": False, "reason": "skipped (--quick/--skip-reports)"}
        else:
            log("area profiles: one PDF, one PPTX, then report --all …")
            details["reports"] = bench_reports(shipped, work)
    except UnknownParameter as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        sys.stdout.flush()
        os.dup2(real_stdout, 1)
        os.close(real_stdout)

    budgets = compute_budgets(details)
    machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    details["seconds"] = rnd(time.perf_counter() - started, 1)
    print(format_table(budgets, other_figures(details)))
    failed = [k for k, b in budgets.items() if not b["pass"]]
    print(
        f"\n{len(budgets) - len(failed)}/{len(budgets)} budgets pass"
        + (f"; failing or not measured: {', '.join(failed)}" if failed else "")
    )
    if args.json:
        print(json.dumps({"machine": machine, "budgets": budgets, "details": details}, ensure_ascii=False, default=str))
    return 0


def run_only(args) -> int:
    """`--only soak|views|first-visit|reports`: the shipped database built once, then just that part,
    as JSON."""
    args.work_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=args.work_dir))
    shipped = args.db.resolve() if args.db else bench_build(work, 1)[0]
    if args.only == "soak":
        out = bench_soak(shipped, work, args.soak_sessions, args.soak_seconds, args.soak_replace_every or 1e9)
    elif args.only == "first-visit":
        out = bench_first_visit_links(shipped, work, runs=3)
        # The human lines on stderr (stdout stays one JSON object, as for the other parts).
        print(format_table(first_visit.budgets(out, budget), first_visit.figures(out)), file=sys.stderr, flush=True)
    elif args.only == "reports":
        out = bench_reports(shipped, work)
    else:
        out = bench_distinct_views(shipped, work, args.distinct_views)
    print(json.dumps(out, ensure_ascii=False, default=str, indent=1))
    return 0


def compute_budgets(d: dict) -> dict:
    b: dict[str, dict] = {}
    qs = d["queries_summary"]["national"]
    b["query_p95_national_ms"] = budget(
        "query_p95_national_ms",
        qs["slowest_p95_ms"],
        None if not qs["errors"] else f"query errors: {qs['errors']}",
        f"slowest: {qs['slowest_query']}",
    )
    if qs["errors"]:
        b["query_p95_national_ms"]["pass"] = False
    worst = max(
        (s for s in d["queries_summary"].values() if s["worst_overhead_ratio_p50"] is not None),
        key=lambda s: s["worst_overhead_ratio_p50"],
        default=None,
    )
    scale = next((k for k, s in d["queries_summary"].items() if s is worst), None)
    b["query_layer_overhead_ratio"] = budget(
        "query_layer_overhead_ratio",
        worst["worst_overhead_ratio_p50"] if worst else None,
        source=f"worst: {worst['worst_overhead_query']} ({scale} db)" if worst else None,
    )

    shipped_pages = d["pages"].get("shipped", {})
    if "error" in shipped_pages or not shipped_pages.get("pages"):
        b["page_warm_ms"] = budget("page_warm_ms", None, shipped_pages.get("error", "no pages"))
    else:
        pages = shipped_pages["pages"]
        slowest = max(pages, key=lambda p: pages[p]["warm_median_ms"] or 0)
        errs = {p: v["errors"] for p, v in pages.items() if v["errors"]}
        b["page_warm_ms"] = budget(
            "page_warm_ms",
            pages[slowest]["warm_median_ms"],
            source=f"slowest: {slowest} (median of warm reruns, shipped db)",
        )
        if errs:
            b["page_warm_ms"]["pass"] = False
            b["page_warm_ms"]["reason"] = f"pages raised exceptions: {errs}"

    def map_geometry(label: str) -> tuple[int | None, str | None]:
        pages = d["pages"].get(label, {}).get("pages", {})
        measured = [(p, v["geometry_bytes"]) for p, v in pages.items() if v.get("geometry_bytes")]
        if measured:
            page, nbytes = max(measured, key=lambda x: x[1])
            return nbytes, f"GeoJSON inside the {page} page's Plotly figure ({label} db, layer kunta)"
        return None, None

    layers = d["geometry_layers"]
    nbytes, src = map_geometry("shipped")
    if nbytes is None and "kunta" in layers["shipped"]:
        nbytes, src = layers["shipped"]["kunta"]["bytes"], "geometry layer 'kunta' as stored (no map page measured)"
    b["geometry_municipality_map_kb"] = budget(
        "geometry_municipality_map_kb", rnd(nbytes / KB, 1) if nbytes is not None else None, source=src
    )
    nbytes, src = map_geometry("national")
    country_layer = layers["shipped"].get("kunta_koko_maa", {}).get("bytes")
    if nbytes is None and country_layer:
        nbytes, src = country_layer, "geometry layer 'kunta_koko_maa' as stored (no map page measured)"
    b["geometry_country_map_kb"] = budget(
        "geometry_country_map_kb", rnd(nbytes / KB, 1) if nbytes is not None else None, source=src
    )

    b["build_s"] = budget("build_s", d["build"]["median_s"], source=f"median of {len(d['build']['runs_s'])} run(s)")

    rss = [
        (v, k)
        for k, v in (
            ("AppTest worker, every page (shipped db)", shipped_pages.get("vm_hwm_mb")),
            ("streamlit run after the concurrent sessions", d.get("concurrency", {}).get("server_vm_hwm_mb")),
        )
        if v is not None
    ]
    top = max(rss, default=None)
    b["peak_rss_mb"] = budget("peak_rss_mb", top[0] if top else None, source=top[1] if top else None)

    conc = d.get("concurrency", {})
    if conc.get("measured") is False:
        b["concurrent_errors"] = budget("concurrent_errors", None, conc.get("reason"))
        b["concurrent_page_p95_s"] = budget("concurrent_page_p95_s", None, conc.get("reason"))
    else:
        b["concurrent_errors"] = budget(
            "concurrent_errors",
            conc["errors"],
            source=f"{conc['sessions']} sessions × {conc['pages_per_session']} pages",
        )
        b["concurrent_page_p95_s"] = budget(
            "concurrent_page_p95_s",
            conc["p95_s"],
            source="every finished page load; a session's first page includes the HTML request and websocket connect",
        )

    soak = d.get("soak", {})
    if soak.get("measured") is False or not soak:
        reason = soak.get("reason", "not run")
        for key in ("soak_errors", "soak_health_after", "soak_page_p95_s", "largest_link_page_s"):
            b[key] = budget(key, None, reason)
    else:
        src = (
            f"{soak['sessions']} sessions × {soak['seconds']:.0f} s, {soak['page_loads']} page loads, "
            f"database replaced {soak['db_replaced']}×"
        )
        b["soak_errors"] = budget(
            "soak_errors",
            soak["errors"] + soak["unfinished"],
            source=f"{soak['errors']} errors + {soak['unfinished']} unfinished; {src}",
        )
        alive = soak["health_after"]["answering"] and not soak["stop"]["needed_kill"]
        b["soak_health_after"] = budget(
            "soak_health_after", int(alive), source=f"health {soak['health_after']}; SIGTERM {soak['stop']}"
        )
        b["soak_page_p95_s"] = budget("soak_page_p95_s", soak["p95_s"], source=src)
        link = soak["links"]["largest_accepted"]
        b["largest_link_page_s"] = budget(
            "largest_link_page_s",
            link["page_s"],
            source=f"{link['link_kb']} KB link, {link['kb_sent']} KB sent (median of 3)",
        )
    views = d.get("distinct_views", {})
    if views.get("measured") is False or not views:
        b["rss_after_distinct_views_mb"] = budget("rss_after_distinct_views_mb", None, views.get("reason", "not run"))
    else:
        b["rss_after_distinct_views_mb"] = budget(
            "rss_after_distinct_views_mb",
            views["rss_mb_after"],
            source=f"{views['views']} views, {views['errors']} errors; curve "
            + ", ".join(f"{c['views']}: {c['rss_mb']}" for c in views["curve"][::2]),
        )
    reports = d.get("reports", {})
    if not reports.get("measured"):
        for key in ("report_all_s", "report_batch_peak_rss_mb"):
            b[key] = budget(key, None, reports.get("reason", "not run"))
    else:
        b["report_all_s"] = budget(
            "report_all_s",
            reports["all_s"],
            source=f"{reports['all_files']} files, exit {reports['all_exit']}, failed: {len(reports['all_failed'])}",
        )
        if reports["all_exit"] != 0:
            b["report_all_s"]["pass"] = False
        b["report_batch_peak_rss_mb"] = budget(
            "report_batch_peak_rss_mb",
            reports["all_peak_rss_mb"],
            source="sampled every 0.2 s; with Chromium's processes "
            f"{reports['all_peak_tree_rss_mb']} MB (shared pages "
            "counted in each)",
        )
    b.update(first_visit.budgets(d.get("first_visit", {}), budget))
    return b


def other_figures(d: dict) -> list[tuple[str, str, str]]:
    out = []
    qs = d["queries_summary"]
    if qs.get("shipped", {}).get("slowest_p95_ms") is not None:
        out.append(
            (
                f"query p95, shipped db (slowest: {qs['shipped']['slowest_query']})",
                f"{qs['shipped']['slowest_p95_ms']:g}",
                "ms",
            )
        )
    for label in ("shipped", "national"):
        q = d["queries"].get(label, {})
        cached = [v["cached_p50_ms"] for v in q.values() if v.get("cached_p50_ms") is not None]
        if cached:
            out.append((f"cached query p50, {label} db (slowest query)", f"{max(cached):g}", "ms"))
    layers = d["geometry_layers"]["shipped"]
    for name in ("kunta", "alue", "kunta_koko_maa"):
        if name in layers:
            out.append((f"geometry layer '{name}' as stored (shipped)", f"{layers[name]['bytes'] / KB:.1f}", "KB"))
    for label in ("shipped", "national"):
        pages = d["pages"].get(label, {}).get("pages", {})
        for name, v in pages.items():
            out.append((f"page {name} ({label}): first / warm", f"{v['first_ms']:g} / {v['warm_median_ms']:g}", "ms"))
            if v.get("layer_alue"):
                out.append(
                    (f"geometry sent for the area map ({label})", f"{v['layer_alue']['geometry_bytes'] / KB:.1f}", "KB")
                )
        if d["pages"].get(label, {}).get("process_cold_first_run_ms") is not None:
            out.append(
                (f"first run in a fresh process ({label})", f"{d['pages'][label]['process_cold_first_run_ms']:g}", "ms")
            )
        if d["pages"].get(label, {}).get("vm_hwm_mb") is not None and label == "national":
            out.append(("peak RSS, AppTest worker on the national db", f"{d['pages'][label]['vm_hwm_mb']:g}", "MB"))
    soak = d.get("soak", {})
    if soak.get("links"):
        for label, v in soak["links"].items():
            out.append(
                (
                    f"link '{label}' ({v['link_kb']} KB): start page time / sent",
                    f"{v['page_s']} s / {v['kb_sent']}",
                    "KB",
                )
            )
    browser = d.get("browser", {})
    if browser.get("measured"):
        worst = max(browser["pages"].items(), key=lambda kv: kv[1]["s"] or 0)
        out.append((f"Chromium, one session: slowest page ({worst[0]})", f"{worst[1]['s']:g}", "s"))
        out.append(("Chromium, one session: pages with an exception", str(browser["errors"]), "count"))
    reports = d.get("reports", {})
    if reports.get("measured"):
        out.append((f"one profile as PDF ({reports['area']}, warm browser)", f"{reports['pdf_s']:g}", "s"))
        out.append((f"one profile as PPTX ({reports['area']}, warm browser)", f"{reports['pptx_s']:g}", "s"))
        out.append(("Chromium start for the charts (Kaleido)", f"{reports['browser_start_s']:g}", "s"))
    out.extend(first_visit.figures(d.get("first_visit", {})))
    return out


if __name__ == "__main__":
    sys.exit(main())
