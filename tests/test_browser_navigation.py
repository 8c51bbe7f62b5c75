"""Browser tests for issue 13: the coast on the map, one Back per page switch, a usable phone,
Finnish for Streamlit's own texts, the bundle served gzip-compressed. Same server and browser
fixtures as tests/test_browser.py (a server of its own for this module)."""

from __future__ import annotations

import re
import time

import pytest
import shapely
from shapely.geometry import Point, shape
from test_browser import SHOTS, VIEWPORTS, assert_no_exception, browser, open_page, query_params, server, wait_ready  # noqa: F401  (fixtures: server, browser)
from test_geometry import SEA_POINTS

from tilannekuva import static_gzip

pytestmark = pytest.mark.browser

LINK = "area=564&indicator=683&year=2023"
PHONE = dict(
    viewport={"width": 390, "height": 844},
    is_mobile=True,
    has_touch=True,
    user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
)


def _path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].split("?", 1)[0]


def _switch(page, title: str) -> None:
    page.get_by_role("link", name=title).first.click()
    wait_ready(page)


def test_one_back_press_per_page_switch(server, browser):
    context = browser.new_context(viewport=VIEWPORTS["wide"])
    try:
        page = open_page(context, f"{server}/kartta?{LINK}&layer=kunta&gender=total")
        start = page.evaluate("history.length")
        _switch(page, "Kehitys")
        assert _path(page.url) == "kehitys"
        _switch(page, "Vertailu")
        assert _path(page.url) == "vertailu"
        assert page.evaluate("history.length") == start + 2, "each page switch adds exactly one entry"
        assert query_params(page.url).get("area") == "564"  # the address still holds the whole view
        page.go_back()
        wait_ready(page)
        assert _path(page.url) == "kehitys" and "Kehitys" in page.locator("h1").first.inner_text()
        page.go_back()
        wait_ready(page)
        assert _path(page.url) == "kartta" and "Kartta" in page.locator("h1").first.inner_text()
        assert_no_exception(page)
    finally:
        context.close()


def test_map_draws_the_coast_and_hailuoto_as_an_island(server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = open_page(context, f"{server}/kartta?area=072&indicator=683&year=2023&layer=kunta")
        page.wait_for_selector(".js-plotly-plot path.choroplethlocation", timeout=30_000)
        drawn = page.evaluate("""() => {
            const plot = document.querySelector('.js-plotly-plot');
            const features = plot.data.filter(t => t.type === 'choropleth').flatMap(t => t.geojson.features);
            const names = plot.data.filter(t => t.type === 'scattergeo' && t.mode === 'text').flatMap(t => t.text);
            return {features, names};
        }""")
        shapes = {f["id"]: shape(f["geometry"]) for f in drawn["features"]}
        assert len(shapes) == 30
        hailuoto = shapes.pop("072")
        assert hailuoto.distance(shapely.union_all(list(shapes.values()))) > 0.02, "Hailuoto must be an island"
        for name, point in SEA_POINTS.items():
            assert not any(g.contains(Point(*point)) for g in [hailuoto, *shapes.values()]), name
        assert "Hailuoto" in drawn["names"] and "Oulu" in drawn["names"]  # names, not codes
        page.screenshot(path=str(SHOTS / "kartta_coast_1366.png"))
    finally:
        context.close()


def test_phone_reaches_pickers_and_pages_and_sees_a_value(server, browser):
    context = browser.new_context(**PHONE)
    try:
        page = open_page(context, f"{server}/tilannekuva?{LINK}")
        assert_no_exception(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no horizontal scrolling"
        # A value with its unit is on screen, inside the 390 px width.
        value_box = page.evaluate(r"""() => {
            const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'),
                                                     NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!/\d+,\d\s?%/.test(n.nodeValue)) continue;
                const r = document.createRange(); r.selectNodeContents(n);
                const b = r.getBoundingClientRect();
                if (b.width > 0 && b.right <= 390 && b.left >= 0) return {text: n.nodeValue, right: b.right};
            }
            return null;
        }""")
        assert value_box, "no value visible on the phone's start page"
        page.screenshot(path=str(SHOTS / "tilannekuva_phone_390.png"))
        # The pickers and the pages: behind a labelled button, not a bare "»".
        button = page.locator('[data-testid="stExpandSidebarButton"]')
        assert button.is_visible()
        label = button.evaluate("e => getComputedStyle(e, '::after').content")
        assert "Valinnat ja sivut" in label
        assert button.get_attribute("aria-label") == "Avaa valinnat ja sivut"
        button.click()
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.locator('input[aria-label="Alue"]').wait_for(state="visible", timeout=10_000)
        page.screenshot(path=str(SHOTS / "sidebar_phone_390.png"))
        sidebar.get_by_role("link", name="Kartta").first.click()
        wait_ready(page)
        assert _path(page.url) == "kartta"
        assert_no_exception(page)
    finally:
        context.close()


def test_streamlit_texts_are_finnish(server, browser):
    context = browser.new_context(viewport=VIEWPORTS["wide"])
    try:
        page = open_page(context, f"{server}/ei-tallaista-sivua?{LINK}")
        dialog = page.locator('[role="dialog"]')
        dialog.wait_for(timeout=10_000)
        # Streamlit may draw the dialog a moment before the page's script (ui/frontend.py) runs.
        page.wait_for_function(
            """() => /Sivua ei löydy/.test(
            document.querySelector('[role="dialog"]')?.innerText || '')""",
            timeout=10_000,
        )
        text = dialog.inner_text()
        assert "Sivua ei löydy" in text and "Page not found" not in text
        page.keyboard.press("Escape")
        page = open_page(context, f"{server}/indikaattorit?{LINK}")
        table = page.locator('[data-testid="stDataFrame"]').locator("visible=true").first
        table.wait_for(timeout=20_000)
        table.hover()
        page.wait_for_selector('[data-testid="stElementToolbar"] [aria-label]', timeout=10_000)
        labels = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stElementToolbar"] [aria-label]')]
                                        .map(e => e.getAttribute('aria-label'))""")
        assert "Lataa CSV-tiedostona" in labels and "Download as CSV" not in labels
    finally:
        context.close()


def test_static_bundle_is_served_gzip(server, browser):
    context = browser.new_context(viewport=VIEWPORTS["wide"])
    responses = []
    try:
        page = context.new_page()
        page.on("response", lambda r: responses.append(r))
        page.goto(f"{server}/kartta?{LINK}")
        wait_ready(page)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        scripts = [r for r in responses if re.search(r"/static/js/[^/]+\.js$", r.url)]
        assert scripts, "no bundle files loaded"
        encodings = {r.url.rsplit("/", 1)[1]: r.headers.get("content-encoding") for r in scripts}
        folder = static_gzip.streamlit_static_dir() / "static" / "js"
        # Files under MIN_BYTES stay plain on purpose: compression gains nothing there. Chromium
        # accepts br: a file gets Brotli once its background copy is ready, gzip until then.
        plain = [
            name
            for name, enc in encodings.items()
            if enc not in ("gzip", "br") and (folder / name).stat().st_size >= static_gzip.MIN_BYTES
        ]
        assert not plain, f"served uncompressed: {plain}"
        assert any(name.startswith("index.") for name in encodings)
    finally:
        context.close()
    # Once the server's background copies exist, an empty cache gets the main bundle as Brotli.
    deadline = time.monotonic() + 120
    while True:
        context = browser.new_context(viewport=VIEWPORTS["wide"])
        try:
            page = context.new_page()
            with page.expect_response(lambda r: re.search(r"/static/js/index\.[^/]+\.js$", r.url)) as info:
                page.goto(f"{server}/kartta?{LINK}")
            encoding = info.value.headers.get("content-encoding")
        finally:
            context.close()
        if encoding == "br" or time.monotonic() > deadline:
            break
        time.sleep(3)
    assert encoding == "br"
