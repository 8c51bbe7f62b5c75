"""Presentation mode in a real browser: a deck opened from its link, played full-screen at
1920×1080 (heading, chart and source on one screen, no sidebar), keyboard next/previous, Esc out.
Screenshots go to tests/artifacts/presentation/ (look at them)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_browser import assert_no_exception, browser, open_page, server, wait_ready  # noqa: F401
from tilannekuva.views import deck as D
from tilannekuva.viewstate import ViewState

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "artifacts" / "presentation"
FULL_HD = {"width": 1920, "height": 1080}

DECK = D.Deck(
    "Seminaari",
    (
        D.Slide("kehitys", ViewState("564", "683", 2023)),
        D.Slide("vertailu", ViewState("lakeus", "683", 2023), "Missä Lakeuden kunnat ovat"),
        D.Slide("kartta", ViewState("564", "683", 2023, layer="alue")),
    ),
)


@pytest.fixture(scope="module", autouse=True)
def shots():
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def _counter(page) -> str:
    return page.locator(".deck-sub").first.inner_text().strip()


def _press(page, key: str) -> None:
    page.mouse.click(5, 1075)  # focus the page, not an input
    page.keyboard.press(key)
    wait_ready(page)


def test_play_a_deck_from_its_link_with_the_keyboard(server, browser):  # noqa: F811
    context = browser.new_context(viewport=FULL_HD)
    try:
        page = open_page(context, f"{server}/esitys?deck={D.to_param(DECK)}")
        assert_no_exception(page)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Linkin esitys ”Seminaari” avattiin (3 diaa)" in main
        assert "3. Kartta · Oulu" in main, main[:1500]
        page.screenshot(path=str(SHOTS / "editor_1920.png"), full_page=True)

        page.get_by_role("button", name="Esitä").click()
        wait_ready(page)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        wait_ready(page)
        assert_no_exception(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert _counter(page) == "1/3"
        heading = page.locator(".st-key-deck_slide h1").first
        assert "Diabetes" in heading.inner_text()
        font_px = float(heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert font_px >= 44  # readable from the back of a hall
        source = page.locator(".deck-source").last
        assert "Lähde:" in source.inner_text() and "2015" in source.inner_text()
        # Heading, chart and source on one 1920×1080 screen: nothing below the fold.
        box = source.bounding_box()
        assert box["y"] + box["height"] <= FULL_HD["height"], box
        assert page.evaluate("document.scrollingElement.scrollHeight") <= FULL_HD["height"] + 2
        page.screenshot(path=str(SHOTS / "slide1_1920.png"))

        _press(page, "ArrowRight")
        assert _counter(page) == "2/3"
        assert "Missä Lakeuden kunnat ovat" in page.locator(".st-key-deck_slide h1").first.inner_text()
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        page.screenshot(path=str(SHOTS / "slide2_1920.png"))

        _press(page, "PageDown")
        assert _counter(page) == "3/3"
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        wait_ready(page)
        box = page.locator(".deck-source").last.bounding_box()
        assert box["y"] + box["height"] <= FULL_HD["height"], box
        page.screenshot(path=str(SHOTS / "slide3_1920.png"))

        _press(page, "ArrowLeft")
        assert _counter(page) == "2/3"

        _press(page, "Escape")
        assert page.locator("h1").first.inner_text().startswith("Esitys")
        assert page.locator('[data-testid="stSidebar"]').is_visible()
        assert_no_exception(page)
    finally:
        context.close()


def test_a_broken_deck_link_says_so_and_keeps_the_page_usable(server, browser):  # noqa: F811
    context = browser.new_context(viewport=FULL_HD)
    try:
        page = open_page(context, f"{server}/esitys?deck=abc!!")
        assert_no_exception(page)
        assert "Linkin esitystä ei voitu avata" in page.locator('[data-testid="stMain"]').inner_text()
        # A deck file loads back; a bad file says why in Finnish and the deck stays as it was.
        upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
        upload.set_input_files(
            files=[{"name": "esitys.json", "mimeType": "application/json", "buffer": D.to_json(DECK).encode("utf-8")}]
        )
        wait_ready(page)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Esitys ”Seminaari” avattiin (3 diaa)" in main and "Diat (3)" in main
        upload.set_input_files(files=[{"name": "rikki.json", "mimeType": "application/json", "buffer": b"{rikki"}])
        wait_ready(page)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Esitystiedostoa ei voitu avata" in main and "Nykyinen esitys säilyi ennallaan" in main
        assert "Diat (3)" in main
        page.screenshot(path=str(SHOTS / "bad_file_1920.png"))
    finally:
        context.close()
