"""Browser tests: `streamlit run app.py` driven by Playwright in Debian's Chromium.

Every page is opened by its URL, checked for exception boxes and rendered charts, and
screenshotted into tests/artifacts/screenshots/ (look at them). Also: a click on the map selects
a municipality for the other pages, and a copied link opens the same view in a fresh browser.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PAGES = {  # url path -> (title, has charts)
    "tilannekuva": ("Tilannekuva", True),  # the overview chart
    "kartta": ("Kartta", True),
    "kehitys": ("Kehitys", True),
    "vertailu": ("Vertailu", True),
    "indikaattorit": ("Indikaattorit", False),
    "tietoa": ("Tietoa", False),
}
VIEWPORTS = {"wide": {"width": 1920, "height": 1080}, "phone": {"width": 390, "height": 844}}

playwright_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # .ci/run installs it; a developer without it gets a clear skip
    pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db_path, log_dir: Path, *, env: dict | None = None, args: tuple[str, ...] = ()):
    """`streamlit run app.py` on 127.0.0.1 against `db_path` (extra environment and command-line
    options for other test modules, e.g. the goals store and a secrets file); stopped on exit."""
    port = _free_port()
    log = log_dir / "server.log"
    env = {**os.environ, "TILANNEKUVA_DB": str(db_path), **(env or {})}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *args,
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited: {log.read_text()[-2000:]}")
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(built_db, tmp_path_factory):
    """The app against the test warehouse; stopped after the module."""
    with streamlit_server(built_db, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module", autouse=True)
def shots_dir():
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def wait_ready(page, timeout_s: float = 45.0) -> None:
    """Wait until Streamlit has finished running the script and charts have drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    idle_since = None
    while time.monotonic() < deadline:
        state = page.get_attribute('[data-testid="stApp"]', "data-test-script-state")
        if state == "notRunning":
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since > 0.8:  # settled: no rerun followed
                break
        else:
            idle_since = None
        time.sleep(0.2)
    else:
        raise AssertionError(f"page still running after {timeout_s} s: {page.url}")
    page.wait_for_timeout(300)


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    wait_ready(page)
    return page


def assert_no_exception(page) -> None:
    boxes = page.query_selector_all('[data-testid="stException"]')
    assert not boxes, f"exception on {page.url}: {boxes[0].inner_text()[:500]}"
    body = page.inner_text("body").lower()
    # ui/frontend.py shows Streamlit's "Page not found" dialog in Finnish: check both wordings.
    assert "page not found" not in body and "sivua ei löydy" not in body, f"'Page not found' on {page.url}"


def sidebar_value(page, label: str) -> str:
    """The shown value of a sidebar selectbox by its label."""
    field = page.locator(f'[data-testid="stSidebar"] [data-testid="stSelectbox"] input[aria-label="{label}"]')
    return field.first.input_value().strip()


def query_params(url: str) -> dict[str, str]:
    query = url.split("?", 1)[1] if "?" in url else ""
    return dict(part.split("=", 1) for part in query.split("&") if "=" in part)


def test_first_visit_after_start_by_deep_link(server, browser):
    """Runs first: the very first browser session of a fresh server opens a deep link. The server
    has run app.py once at start-up (app.py's warm_up), so Streamlit does not serve that first
    session in its legacy multipage mode, which showed a "Page not found" notice beside the page."""
    context = browser.new_context(viewport=VIEWPORTS["wide"])
    try:
        page = open_page(context, f"{server}/kartta?area=564&indicator=683&year=2023")
        assert_no_exception(page)
        assert PAGES["kartta"][0] in page.locator("h1").first.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_opens_by_url(server, browser, path, viewport):
    title, has_charts = PAGES[path]
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        page = open_page(context, f"{server}/{path}?area=564&indicator=683&year=2023")
        assert_no_exception(page)
        assert title in page.locator("h1").first.inner_text()
        if has_charts:
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
            assert page.locator(".js-plotly-plot").count() >= 1, "no chart rendered"
            assert page.locator(".js-plotly-plot .main-svg").count() >= 1
        page.screenshot(path=str(SHOTS / f"{path}_{viewport}.png"), full_page=viewport == "wide")
        # The view survives: the address bar still holds it (Streamlit clears it on page switch).
        params = query_params(page.url)
        assert params.get("area") == "564" and params.get("indicator") == "683" and params.get("year") == "2023"
    finally:
        context.close()


def test_map_click_selects_municipality_for_other_pages(server, browser):
    context = browser.new_context(viewport=VIEWPORTS["wide"])
    try:
        page = open_page(context, f"{server}/kartta?area=MK17&indicator=683&year=2023&layer=kunta")
        assert_no_exception(page)
        assert query_params(page.url)["area"] == "MK17"
        page.wait_for_selector(".js-plotly-plot path.choroplethlocation", timeout=30_000)
        shapes = page.locator(".js-plotly-plot path.choroplethlocation")
        assert shapes.count() >= 30
        # Click the largest municipality polygon (a safe target well inside its borders).
        boxes = [(i, shapes.nth(i).bounding_box()) for i in range(shapes.count())]
        index, box = max(((i, b) for i, b in boxes if b), key=lambda item: item[1]["width"] * item[1]["height"])
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        wait_ready(page)
        selected = query_params(page.url).get("area")
        assert selected and re.fullmatch(r"\d{3}", selected), f"area after click: {selected}"
        page.screenshot(path=str(SHOTS / "kartta_after_click.png"))
        name = sidebar_value(page, "Alue")
        assert "(kunta)" in name
        # Another page keeps the selection.
        page.get_by_role("link", name="Kehitys").first.click()
        wait_ready(page)
        assert "/kehitys" in page.url
        assert query_params(page.url).get("area") == selected
        assert sidebar_value(page, "Alue") == name
        page.screenshot(path=str(SHOTS / "kehitys_after_map_click.png"))
    finally:
        context.close()


def test_copied_link_opens_same_view_in_new_browser(server, browser):
    first = browser.new_context(viewport=VIEWPORTS["wide"])
    second = browser.new_context(viewport=VIEWPORTS["wide"])
    try:
        page = open_page(
            first, f"{server}/vertailu?area=305&indicator=tem_tyottomat_pct_tyovoima_vuosikeskiarvo&year=2019"
        )
        assert_no_exception(page)
        link = page.url
        shown = (sidebar_value(page, "Alue"), sidebar_value(page, "Indikaattori"), sidebar_value(page, "Vuosi"))
        other = open_page(second, link)
        assert_no_exception(other)
        assert "/vertailu" in other.url
        assert (
            sidebar_value(other, "Alue"),
            sidebar_value(other, "Indikaattori"),
            sidebar_value(other, "Vuosi"),
        ) == shown
        assert shown[0].startswith("Kuusamo") and shown[2] == "2019"
        other.screenshot(path=str(SHOTS / "vertailu_copied_link.png"))
    finally:
        first.close()
        second.close()


def test_bad_link_falls_back_with_notice(server, browser):
    context = browser.new_context(viewport=VIEWPORTS["wide"])
    try:
        page = open_page(context, f"{server}/kartta?area=999&indicator=nope&year=abc&layer=x")
        assert_no_exception(page)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "ei tunneta" in text
        assert query_params(page.url)["area"] == "MK17"
    finally:
        context.close()
