"""First visit and copied links, measured in Chromium (issue 13; called by benchmarks/run.py).

Two figures:
- **first-visit bytes**: a browser with an empty cache opens a page; every HTTP response body as
  it came over the wire (compressed size, from the DevTools protocol) plus the WebSocket frames
  until the main chart is drawn. The heaviest page counts (budget 3 MB).
- **copied link to main chart**: in a browser that has visited the app once (its cache holds the
  bundle, as for anyone who has used it), a new tab opens a copied link; the clock runs until the
  page's main element is drawn (a Plotly chart's SVG on chart pages, else the first table, else the
  first heading) and Streamlit is idle. The same is measured for an empty Streamlit page
  (`empty_app.py`, one title) on the same machine in the same run; the figure is the ratio, slowest
  page over the empty page, medians of `runs` (budget 1.5×).

Beside them, not budgeted: the **floors**, the same copied-link time for a page with one title and
one trivial 3-bar chart, measured in the same run and browser (`FLOORS`): Plotly (`plotly_app.py`,
`st.plotly_chart`, what the product's pages use), Vega-Lite (`vega_app.py`, `st.vega_lite_chart`)
and a static SVG image (`svg_app.py`, `st.image`, no chart library in the browser). Each says what
the least page with that kind of chart costs over the empty page, so the choice between
interactivity, another chart library or a static first paint is made on figures. `floors` holds
each one's seconds and `ratio` (over empty). Streamlit loads its Plotly component lazily and draws it
after the run, so the Plotly floor alone is well over the empty page here; each page's
`ratio_to_floor` is its time over `floors["plotly"]`'s (near 1: the page adds little beyond
Streamlit's own Plotly element).
"""

from __future__ import annotations

import base64
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BUDGETS = {  # merged into run.py's BUDGETS: key -> (unit, budget, comparison, label)
    "first_visit_mb": ("MB", 3.0, "<=", "first visit, empty browser cache: bytes over the wire (heaviest page)"),
    "copied_link_ratio": ("x", 1.5, "<=", "copied link in a new tab to main chart, vs an empty Streamlit page"),
}
HERE = Path(__file__).resolve().parent
EMPTY_APP = HERE / "empty_app.py"
PLOTLY_APP = HERE / "plotly_app.py"  # the Plotly floor: one title, one 3-bar chart
# The floors: name -> (script, the selector that says its chart is drawn, label). Each page has one
# title and one 3-bar chart; "plotly" is the floor of the product's pages (`ratio_to_floor`).
FLOORS = {
    "plotly": (PLOTLY_APP, ".js-plotly-plot .main-svg", "Plotly"),
    # Streamlit's vega-embed draws SVG (no canvas); the bars' paths, not the empty <svg> first.
    "vega_lite": (HERE / "vega_app.py", ".vega-embed svg .mark-rect path", "Vega-Lite"),
    # st.image with SVG markup: an <img> with a data: URL (visible once it has decoded).
    "static_svg": (HERE / "svg_app.py", '[data-testid="stImage"] img', "static SVG"),
}
LINK_QUERY = "area=564&indicator=683&year=2023"
MAIN_ELEMENT = (
    ".js-plotly-plot .main-svg",
    '[data-testid="stDataFrame"] canvas',
    '[data-testid="stTable"]',
    '[data-testid="stMain"] h1',
    '[data-testid="stMain"] h2',
    '[data-testid="stMain"] p',
)


def _idle(page, timeout_ms: float) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)


def _main_element(has_chart: bool) -> tuple[str, ...]:
    """An app page's main element: its Plotly chart, else the first table, else the first heading."""
    return MAIN_ELEMENT[:1] if has_chart else MAIN_ELEMENT[1:]


def _drawn(page, selectors: tuple[str, ...], timeout_ms: float) -> str:
    """Wait for the page's main element (the first of `selectors` drawn); returns which it was."""
    # The first selector (in that order) with a visible match: hidden tabs hold tables too.
    handle = page.wait_for_function(
        """(selectors) => {
        for (const s of selectors) for (const e of document.querySelectorAll(s)) {
            const r = e.getBoundingClientRect();
            if (r.width > 0 && r.height > 0) return s;
        }
        return null;
    }""",
        arg=list(selectors),
        timeout=timeout_ms,
    )
    return handle.json_value()


def _open_timed(context, url: str, selectors: tuple[str, ...], timeout_ms: float) -> tuple[float, str]:
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url, timeout=timeout_ms)
        which = _drawn(page, selectors, timeout_ms)
        _idle(page, timeout_ms)
        return time.perf_counter() - t0, which
    finally:
        page.close()


def _first_visit_bytes(browser, url: str, timeout_ms: float) -> dict:
    """Bytes over the wire for one page in a fresh context (empty cache), and whether the page
    draws a Plotly chart (then that is its main element)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        http: dict[str, int] = {}
        kinds: dict[str, str] = {}
        ws = {"received": 0, "sent": 0}

        def frame_len(event) -> int:
            payload = event["response"]["payloadData"]
            return len(base64.b64decode(payload)) if event["response"].get("opcode") == 2 else len(payload.encode())

        cdp.on(
            "Network.responseReceived",
            lambda e: kinds.__setitem__(e["requestId"], "static" if "/static/" in e["response"]["url"] else "other"),
        )
        cdp.on("Network.loadingFinished", lambda e: http.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        cdp.on("Network.webSocketFrameReceived", lambda e: ws.__setitem__("received", ws["received"] + frame_len(e)))
        cdp.on("Network.webSocketFrameSent", lambda e: ws.__setitem__("sent", ws["sent"] + frame_len(e)))
        page.goto(url, timeout=timeout_ms)
        # The app is "notRunning" before it has even connected: wait for the page's heading first.
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout_ms)
        _idle(page, timeout_ms)
        try:  # charts draw after the run (their bundle chunk loads first)
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=8000)
            has_chart = True
        except Exception:
            has_chart = False
        page.wait_for_timeout(500)  # late requests (fonts, lazy chunks)
        _drawn(page, _main_element(has_chart), timeout_ms)
        _idle(page, timeout_ms)
        static = sum(n for rid, n in http.items() if kinds.get(rid) == "static")
        total = sum(http.values()) + ws["received"] + ws["sent"]
        return {
            "bytes": total,
            "http_bytes": sum(http.values()),
            "static_bytes": static,
            "websocket_bytes": ws["received"] + ws["sent"],
            "requests": len(http),
            "has_chart": has_chart,
        }
    finally:
        context.close()


def bench_first_visit(
    app_url: str,
    empty_url: str,
    pages: list[dict],
    *,
    floor_urls: dict[str, str],
    chromium: str,
    chromium_args: list[str],
    runs: int = 3,
    timeout_s: float = 60.0,
    log: Callable[[str], None] = print,
) -> dict:
    """`pages`: [{"url": "kartta"}, ...] ("" = the default page); `empty_url` serves empty_app.py,
    `floor_urls` each floor's script by its `FLOORS` name ("plotly": plotly_app.py, ...)."""
    from playwright.sync_api import sync_playwright

    timeout_ms = timeout_s * 1000
    out: dict[str, Any] = {"measured": True, "runs": runs, "pages": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=chromium_args)
        try:
            measured = []
            for entry in pages:
                link = f"{app_url}/{entry['url']}?{LINK_QUERY}"
                try:
                    first = _first_visit_bytes(browser, link, timeout_ms)
                except Exception as exc:  # one page failing must not hide the others' figures
                    out.setdefault("errors", {})["/" + entry["url"]] = f"{type(exc).__name__}: {str(exc)[:200]}"
                    continue
                out["pages"]["/" + entry["url"]] = {"first_visit": first}
                measured.append({**entry, "has_chart": first["has_chart"]})
            pages = measured
            log("  copied links in a new tab (warm browser cache) …")
            start_has_chart = next((e["has_chart"] for e in pages if e["url"] == ""), False)
            # (label, base URL, [(page URL, its main element)], the start page's main element).
            # The empty page and each floor are one page timed by its base URL (its heading, its chart).
            groups = [("empty", empty_url, (("", _main_element(False)),), _main_element(False))]
            for name, url in floor_urls.items():
                groups.append((name, url, (("", (FLOORS[name][1],)),), (FLOORS[name][1],)))
            app_entries = tuple((e["url"], _main_element(e["has_chart"])) for e in pages)
            groups.append(("app", app_url, app_entries, _main_element(start_has_chart)))
            for label, base, entries, warm_selectors in groups:
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                try:
                    # The visit that fills the cache; waits for the chart where the page has one, so
                    # the chart's chunk is in the cache before the timed runs.
                    _open_timed(context, f"{base}/", warm_selectors, timeout_ms)
                    for url, selectors in entries:
                        link = f"{base}/{url}?{LINK_QUERY}" if label == "app" else f"{base}/"
                        times, which = [], ""
                        for _ in range(runs):
                            try:
                                seconds, which = _open_timed(context, link, selectors, timeout_ms)
                            except Exception as exc:
                                out.setdefault("errors", {})[link] = f"{type(exc).__name__}: {str(exc)[:200]}"
                                continue
                            times.append(seconds)
                        if not times:
                            continue
                        result = {
                            "link_s": round(statistics.median(times), 3),
                            "all_s": [round(t, 3) for t in times],
                            "drawn": which,
                        }
                        if label == "empty":
                            out["empty_page"] = result
                        elif label == "app":
                            out["pages"]["/" + url].update(result)
                        else:
                            out.setdefault("floors", {})[label] = result
                finally:
                    context.close()
        finally:
            browser.close()
    empty_s = out["empty_page"]["link_s"]
    out["pages"] = {k: v for k, v in out["pages"].items() if "link_s" in v}
    # Ratios of the rounded medians above, so they can be checked against the printed seconds.
    floors = out["floors"] = {name: out["floors"][name] for name in FLOORS if name in out.get("floors", {})}
    for result in floors.values():
        result["ratio"] = round(result["link_s"] / empty_s, 2) if empty_s else None
    floor_s = floors.get("plotly", {}).get("link_s")  # the product pages' own kind of chart
    for result in out["pages"].values():
        result["ratio_to_empty"] = round(result["link_s"] / empty_s, 2) if empty_s else None
        result["ratio_to_floor"] = round(result["link_s"] / floor_s, 2) if floor_s else None
    worst_bytes = max(out["pages"].items(), key=lambda kv: kv[1]["first_visit"]["bytes"])
    worst_ratio = max(out["pages"].items(), key=lambda kv: kv[1]["ratio_to_empty"] or 0)
    out["first_visit_mb"] = round(worst_bytes[1]["first_visit"]["bytes"] / 1e6, 2)
    out["first_visit_page"] = worst_bytes[0]
    out["link_ratio"] = worst_ratio[1]["ratio_to_empty"]
    out["link_ratio_page"] = worst_ratio[0]
    return out


def budgets(first: dict, budget: Callable[..., dict]) -> dict:
    """run.py's budget entries for `bench_first_visit`'s result (`budget` is run.budget)."""
    if not first.get("measured") or not first.get("pages"):
        reason = first.get("reason", "not run (--quick/--skip-browser)")
        return {key: budget(key, None, reason) for key in BUDGETS}
    fv = first["pages"][first["first_visit_page"]]["first_visit"]
    worst = first["pages"][first["link_ratio_page"]]
    return {
        "first_visit_mb": budget(
            "first_visit_mb",
            first["first_visit_mb"],
            source=f"{first['first_visit_page']}: static {fv['static_bytes'] / 1e6:.2f} MB, "
            f"WebSocket {fv['websocket_bytes'] / 1e6:.2f} MB, {fv['requests']} requests",
        ),
        "copied_link_ratio": budget(
            "copied_link_ratio",
            first["link_ratio"],
            source=f"{first['link_ratio_page']} {worst['link_s']} s vs the empty page "
            f"{first['empty_page']['link_s']} s (medians of {first['runs']}); "
            f"one trivial chart alone: {_floor_ratios(first)} the empty page",
        ),
    }


def _times(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:g}×"


def _floor_ratios(first: dict) -> str:
    """E.g. "Plotly 2.28×, Vega-Lite 1.43×, static SVG 1.01×" (a floor not measured: —)."""
    floors = first.get("floors", {})
    return ", ".join(f"{label} {_times(floors.get(name, {}).get('ratio'))}" for name, (_, _, label) in FLOORS.items())


FLOOR_NOTE = (
    "(floors: one trivial chart of each kind; a page's ratio to the floor is to the Plotly one, and "
    "a ratio to the floor near 1 means the page adds little beyond Streamlit's chart component)"
)


def figures(first: dict) -> list[tuple[str, str, str]]:
    """run.py's 'other figures' rows: the empty page and the floors (Plotly, Vega-Lite, static SVG),
    then every page's copied-link time (over the empty page and the Plotly floor) and first-visit
    bytes."""
    if not first.get("measured"):
        return []
    out = [("copied link, empty Streamlit page (baseline)", f"{first['empty_page']['link_s']:g}", "s")]
    floors = first.get("floors", {})
    for name, (_, _, label) in FLOORS.items():
        if name in floors:
            floor = floors[name]
            out.append((f"copied link, {label} floor ({_times(floor['ratio'])} empty)", f"{floor['link_s']:g}", "s"))
    if floors:
        out.append((FLOOR_NOTE, "", ""))
    for path, r in first.get("pages", {}).items():
        ratios = f"{_times(r['ratio_to_empty'])} empty, {_times(r.get('ratio_to_floor'))} floor"
        if r["drawn"] != MAIN_ELEMENT[0]:  # timed to a table or heading: the chart floor does not bound it
            ratios += ", no chart"
        out.append((f"copied link to main element, {path} ({ratios})", f"{r['link_s']:g}", "s"))
        out.append((f"first visit (empty cache), {path}", f"{r['first_visit']['bytes'] / 1e6:.2f}", "MB"))
    for where, error in first.get("errors", {}).items():
        out.append((f"first-visit/link error at {where}"[:58], error[:40], ""))
    return out
