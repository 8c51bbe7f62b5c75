"""The benchmark runs end to end on a tiny generated database (no timing assertions).

`python benchmarks/run.py --quick --skip-browser --json` against a 12-municipality, 5-indicator,
3-year synthetic warehouse: the last line is one JSON object in which every budget has value,
unit, budget and pass, the machine is described, and every named query in queries/ was measured.
"""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

from tilannekuva.db import load_queries  # noqa: E402

EXPECTED_BUDGETS = {
    "query_p95_national_ms",
    "query_layer_overhead_ratio",
    "page_warm_ms",
    "geometry_municipality_map_kb",
    "geometry_country_map_kb",
    "build_s",
    "peak_rss_mb",
    "concurrent_errors",
    "concurrent_page_p95_s",
}


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    return Path(synthetic.generate(tmp_path_factory.mktemp("tiny") / "tiny.duckdb", synthetic.SCALES["tiny"])["path"])


def test_tiny_database_is_synthetic_and_small(tiny_db):
    con = duckdb.connect(str(tiny_db), read_only=True)
    try:
        levels = dict(con.execute("SELECT level, count(*) FROM area GROUP BY level").fetchall())
        assert levels["kunta"] == 12 and levels["maa"] == 1 and levels["maakunta"] == 1
        assert con.execute("SELECT count(*) FROM indicator").fetchone()[0] == 5
        assert con.execute("SELECT min(year), max(year) FROM observation").fetchone() == (2023, 2025)
        genders = {r[0] for r in con.execute("SELECT DISTINCT gender FROM observation").fetchall()}
        assert genders == {"total", "male", "female"}
        assert con.execute("SELECT value FROM build_info WHERE key = 'synthetic'").fetchone() == (
            synthetic.SYNTHETIC_NOTE,
        )
        layers = {r[0] for r in con.execute("SELECT layer FROM geometry").fetchall()}
        assert layers == {"kunta", "alue", "kunta_koko_maa"}
    finally:
        con.close()
    assert (ROOT / "data") not in tiny_db.parents


def test_generation_refuses_data_dir():
    with pytest.raises(ValueError, match="data/"):
        synthetic.generate(ROOT / "data" / "never.duckdb", synthetic.SCALES["tiny"])


@pytest.mark.slow  # > 20 s on a shared 2-core machine
def test_benchmark_runs_end_to_end_on_tiny_database(tiny_db, tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--skip-browser",
            "--json",
            "--db",
            str(tiny_db),
            "--national-db",
            str(tiny_db),
            "--work-dir",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    report = json.loads(lines[-1])

    machine = report["machine"]
    assert machine["cpu_count"] == os.cpu_count() and machine["memory_gb"] > 0
    assert machine["python"] == platform.python_version() and machine["duckdb"] == duckdb.__version__
    assert machine["platform"] == platform.platform()

    budgets = report["budgets"]
    assert set(budgets) >= EXPECTED_BUDGETS
    for name, b in budgets.items():
        assert {"value", "unit", "budget", "pass"} <= set(b), name
        assert isinstance(b["pass"], bool), name
        assert b["value"] is None or isinstance(b["value"], (int, float)), name
        if b["value"] is None:
            assert b["pass"] is False, f"{name}: not measured is never a pass"
        elif "reason" not in b:  # no errors on the way: the verdict is the comparison with the budget
            within = b["value"] >= b["budget"] if name == "soak_health_after" else b["value"] <= b["budget"]
            assert b["pass"] == within, name
    # What --quick --skip-browser measures has a value; the skipped parts are not measured.
    for name in (
        "query_p95_national_ms",
        "query_layer_overhead_ratio",
        "page_warm_ms",
        "geometry_municipality_map_kb",
        "geometry_country_map_kb",
    ):
        assert budgets[name]["value"] > 0, name
    assert budgets["concurrent_errors"]["value"] is None and budgets["concurrent_errors"]["pass"] is False

    # The human table comes first: one line per budget with its verdict, then the count that pass.
    table = proc.stdout
    for name, b in budgets.items():
        verdict = "PASS" if b["pass"] else ("FAIL" if b["value"] is not None else "NOT MEASURED")
        assert any(line.startswith(b["label"]) and f"  {verdict}" in line for line in table.splitlines()), name
    passing = sum(b["pass"] for b in budgets.values())
    assert f"{passing}/{len(budgets)} budgets pass" in table

    details = report["details"]
    named = set(load_queries())
    for scale in ("shipped", "national"):
        measured = details["queries"][scale]
        assert named <= set(measured), f"{scale}: not measured: {sorted(named - set(measured))}"
        for name in named:
            q = measured[name]
            assert "error" not in q, f"{scale} {name}: {q.get('error')}"
            for figure in ("layer_p50_ms", "layer_p95_ms", "bare_p50_ms", "overhead_ratio_p50", "cached_p50_ms"):
                assert q[figure] > 0, (scale, name, figure)
            assert q["layer_p95_ms"] >= q["layer_p50_ms"], (scale, name)
    pages = details["pages"]["shipped"]["pages"]
    assert len(pages) >= 6
    for page, figures in pages.items():
        assert figures["first_ms"] > 0 and figures["warm_median_ms"] > 0, page
        assert not figures["errors"], page


@pytest.mark.browser
@pytest.mark.slow  # five Streamlit servers and Chromium
def test_first_visit_reports_the_plotly_floor(tiny_db, tmp_path):
    """benchmarks/first_visit.py via run.py on one chart page, one run each: the empty page, the
    three floors (plotly_app.py, vega_app.py, svg_app.py) and the page are measured, each floor timed
    to its own drawn chart, and the printed ratios are the printed seconds divided (no timing
    thresholds: only that the figures exist and agree)."""
    import first_visit
    import run

    if not Path(run.CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {run.CHROMIUM}")
    out = run.bench_first_visit_links(tiny_db, tmp_path, runs=1, pages=[{"url": "kartta"}])
    assert out["measured"], out.get("reason")
    assert not out.get("errors"), out["errors"]

    empty, floor, page = out["empty_page"], out["floors"]["plotly"], out["pages"]["/kartta"]
    for result in (empty, floor, page):
        assert isinstance(result["link_s"], float) and math.isfinite(result["link_s"]) and result["link_s"] > 0
        assert len(result["all_s"]) == 1
    assert floor["drawn"] == page["drawn"] == ".js-plotly-plot .main-svg"  # both timed to a drawn chart
    assert empty["drawn"] == '[data-testid="stMain"] h1'
    assert floor["ratio"] == round(floor["link_s"] / empty["link_s"], 2) > 0
    assert page["ratio_to_empty"] == round(page["link_s"] / empty["link_s"], 2) > 0
    assert page["ratio_to_floor"] == round(page["link_s"] / floor["link_s"], 2) > 0

    # Every floor, each timed to its own chart drawn.
    assert list(out["floors"]) == ["plotly", "vega_lite", "static_svg"] == list(first_visit.FLOORS)
    drawn = {
        "plotly": ".js-plotly-plot .main-svg",
        "vega_lite": ".vega-embed svg .mark-rect path",
        "static_svg": '[data-testid="stImage"] img',
    }
    for name, result in out["floors"].items():
        assert isinstance(result["link_s"], float) and math.isfinite(result["link_s"]) and result["link_s"] > 0
        assert len(result["all_s"]) == 1
        assert result["drawn"] == drawn[name]
        assert result["ratio"] == round(result["link_s"] / empty["link_s"], 2) > 0

    # The budget is still the slowest page over the empty page, at 1.5×.
    entries = first_visit.budgets(out, run.budget)
    assert entries["copied_link_ratio"]["budget"] == 1.5
    assert entries["copied_link_ratio"]["value"] == out["link_ratio"] == page["ratio_to_empty"]

    # As printed: the floor ratio in the floor's line is its seconds over the empty page's.
    lines = run.format_table(entries, first_visit.figures(out)).splitlines()
    empty_line = next(line for line in lines if "copied link, empty Streamlit page" in line)
    floor_line = next(line for line in lines if "copied link, Plotly floor" in line)
    page_line = next(line for line in lines if "copied link to main element, /kartta" in line)
    empty_s, floor_s, page_s = (float(line.split()[-2]) for line in (empty_line, floor_line, page_line))
    printed_ratio = float(floor_line.split("(")[1].split("×")[0])
    assert printed_ratio == floor["ratio"] == round(floor_s / empty_s, 2)
    assert f"{round(page_s / floor_s, 2):g}× floor" in page_line
    for name, label in (("vega_lite", "Vega-Lite"), ("static_svg", "static SVG")):
        line = next(line for line in lines if f"copied link, {label} floor" in line)
        assert float(line.split()[-2]) == out["floors"][name]["link_s"]
        assert float(line.split("(")[1].split("×")[0]) == out["floors"][name]["ratio"]
    assert any("ratio to the floor near 1" in line for line in lines)
