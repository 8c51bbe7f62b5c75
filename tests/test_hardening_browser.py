"""Issue 9, items 4 and 5 in a real browser (`streamlit run app.py` + Debian's Chromium):
a link's markdown renders as literal text (no link, no image), and a failing run shows a
Finnish message with a reference, never a traceback; the detail is in the server log."""

from __future__ import annotations

import re
import tomllib
import urllib.parse
from pathlib import Path

import duckdb
import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_api, streamlit_server, wait_ready

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
PAGE_TIMEOUT_MS = 90_000  # a first page load on 2 busy cores can take longer than Playwright's 30 s


def test_config_hides_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def test_markdown_in_the_link_renders_as_text(built_db, tmp_path, browser):
    attack = "[linkki](https://evil.example) ![kuva](https://evil.example/a.png)"
    requests: list[str] = []
    with streamlit_server(built_db, tmp_path) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{url}/?area={urllib.parse.quote(attack)}")
        wait_ready(page)
        alert = page.locator('[data-testid="stAlert"]', has_text="ei tunneta").first
        text = alert.inner_text().replace("\u2060", "")  # the invisible word joiner that stops autolinks
        assert "[linkki](https://evil.example)" in text, text
        assert alert.locator("a").count() == 0 and alert.locator("img").count() == 0
        page.screenshot(path=str(tmp_path / "link_notice.png"))
        page.close()
    fetched = [r for r in requests if (urllib.parse.urlparse(r).hostname or "").endswith("evil.example")]
    assert not fetched, "the browser fetched something from the link"


def test_a_failing_run_shows_a_finnish_message_and_logs_the_traceback(tmp_path, browser):
    broken = tmp_path / "broken.duckdb"  # a readable DuckDB file without the warehouse's tables
    con = duckdb.connect(str(broken))
    con.execute("CREATE TABLE unrelated (a INTEGER)")
    con.close()
    with streamlit_server(broken, tmp_path) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.goto(url)
        wait_ready(page)
        body = page.inner_text("body")
        page.screenshot(path=str(tmp_path / "error.png"))
        exceptions = page.locator('[data-testid="stException"]').count()
        page.close()
    log = (tmp_path / "server.log").read_text(encoding="utf-8")
    assert "Sivua ei voitu näyttää" in body, body[:500]
    for leak in ("Traceback", "CatalogException", "Catalog Error", str(ROOT), 'File "', ".py"):
        assert leak not in body, (leak, body[:800])
    assert exceptions == 0
    reference = re.search(r"virhetunnus ([0-9a-f]{8})", body).group(1)
    assert f"reference {reference}" in log and "Traceback" in log and "CatalogException" in log
