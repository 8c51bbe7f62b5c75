"""Browser test of the goals follow-up: an editor signs in, adds a goal through the form, sees it
on Tavoitteet and in the CSV export; a second browser without sign-in cannot edit, and sees the
goal on the start page too. Screenshots
at 1366 and 390 px (tests/artifacts/screenshots_goals/)."""

from __future__ import annotations

import pytest

from tests.test_browser import SHOTS, VIEWPORTS, assert_no_exception, browser, open_page, streamlit_server, wait_ready  # noqa: F401

# Beside test_browser.py's folder, not in it: that module empties its folder when it starts.
SHOTS = SHOTS.parent / "screenshots_goals"
from tilannekuva.goals import auth  # noqa: E402

pytestmark = pytest.mark.browser

SECRET = "selaintestin-salasana-7"
WIDE = {"width": 1366, "height": 900}
PHONE = VIEWPORTS["phone"]
LINK = "area=564&indicator=tem_tyottomat_pct_tyovoima_vuosikeskiarvo"
TITLE = "Työttömyysaste laskee Oulussa (selaintesti)"


@pytest.fixture(scope="module")
def goals_server(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("goals_server")
    secrets = folder / "secrets.toml"
    secrets.write_text(f'editor_password_hash = "{auth.hash_secret(SECRET, n=2**12)}"\n', encoding="utf-8")
    env = {"TILANNEKUVA_GOALS": str(folder / "goals.sqlite")}
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(built_db, folder, env=env, args=("--secrets.files", str(secrets))) as url:
        yield url


def fill(page, label: str, value: str) -> None:
    field = page.locator(f'[data-testid="stMain"] input[aria-label="{label}"]').first
    field.fill(value)
    field.press("Tab")
    wait_ready(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_editor_adds_a_goal_and_a_second_browser_cannot_edit(goals_server, browser):
    editor = browser.new_context(viewport=WIDE, accept_downloads=True)
    reader = browser.new_context(viewport=PHONE)
    try:
        page = open_page(editor, f"{goals_server}/tavoitteet?{LINK}")
        assert_no_exception(page)
        assert "Tavoitteita ei ole vielä kirjattu" in main_text(page)
        page.get_by_text("Muokkaajan kirjautuminen").click()
        fill(page, "Nimi (näkyy muutoslokissa)", "Maija Meikäläinen")
        fill(page, "Salasana", "väärä salasana")
        page.get_by_role("button", name="Kirjaudu").click()
        wait_ready(page)
        assert "Nimi tai salasana on väärin." in main_text(page)
        assert page.get_by_role("button", name="Tallenna tavoite").count() == 0
        assert page.locator('input[aria-label="Salasana"]').input_value() == ""  # cleared, never echoed
        fill(page, "Nimi (näkyy muutoslokissa)", "Maija Meikäläinen")
        fill(page, "Salasana", SECRET)
        page.get_by_role("button", name="Kirjaudu").click()
        wait_ready(page)
        assert "Kirjautuneena muokkaajana: Maija Meikäläinen" in main_text(page), main_text(page)[:3000]
        assert SECRET not in page.content()

        fill(page, "Otsikko", TITLE)
        fill(page, "Tavoitevuosi", "2030")
        target = page.locator('[data-testid="stMain"] input[aria-label^="Tavoitearvo"]').first
        baseline = float(target.input_value().replace(",", "."))  # prefilled with the baseline, "13,0"
        fill(page, target.get_attribute("aria-label"), f"{baseline - 1.0:.1f}".replace(".", ","))
        page.get_by_role("button", name="Tallenna tavoite").click()
        wait_ready(page)
        assert_no_exception(page)
        text = main_text(page)
        assert f"Tavoite tallennettu: {TITLE}" in text
        assert page.locator("h3", has_text=TITLE).count() == 1
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        assert "Lähtötaso" in text and "tavoite" in text
        card = page.locator('[class*="st-key-goal_card_"]').first
        card.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        card.screenshot(path=str(SHOTS / "goals_card_1366.png"))
        page.screenshot(path=str(SHOTS / "goals_editor_1366.png"))

        with page.expect_download() as download:
            page.get_by_role("button", name="Lataa tavoitteet (CSV)").click()
        data = open(download.value.path(), "rb").read()
        assert data.startswith(b"\xef\xbb\xbf")
        exported = data.decode("utf-8-sig")
        assert exported.splitlines()[0].startswith("tunniste;versio;otsikko")
        assert TITLE in exported and ";564;" in exported and "Maija Meikäläinen" in exported

        other = open_page(reader, f"{goals_server}/tavoitteet?{LINK}")
        assert_no_exception(other)
        assert other.locator("h3", has_text=TITLE).count() == 1  # reading is open
        assert other.get_by_role("button", name="Tallenna tavoite").count() == 0
        assert other.locator('input[aria-label="Otsikko"]').count() == 0
        assert other.locator('[data-testid="stFileUploader"]').count() == 0
        other.screenshot(path=str(SHOTS / "goals_reader_390.png"))
        card = other.locator('[class*="st-key-goal_card_"]').first
        card.scroll_into_view_if_needed()
        other.wait_for_timeout(500)
        card.screenshot(path=str(SHOTS / "goals_card_390.png"))

        # The start page shows the area's goals and their status (tilannekuva.ui.goals_block).
        start = open_page(reader, f"{goals_server}/tilannekuva?{LINK}")
        assert_no_exception(start)
        block = start.locator(".st-key-start_goals_block")
        block.wait_for(timeout=30_000)
        assert TITLE in block.inner_text() and "Alueen tavoitteet" in block.inner_text()
        assert "ei uutta tietoa" in block.inner_text()  # the baseline is the newest year
        block.scroll_into_view_if_needed()
        start.wait_for_timeout(500)
        block.screenshot(path=str(SHOTS / "start_goals_block_390.png"))
    finally:
        editor.close()
        reader.close()


@pytest.mark.parametrize("name, viewport", [("1366", WIDE), ("390", PHONE)])
def test_changes_page_at_both_widths(goals_server, browser, name, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = open_page(context, f"{goals_server}/muutokset?{LINK}&since=2019")
        assert_no_exception(page)
        text = main_text(page)
        assert "Mitä on muuttunut – Oulu" in text
        assert "Oulu: vuoteen 2019 ulottuneen aineiston jälkeen" in text
        assert "since=2019" in page.url  # the comparison stays in the link
        page.screenshot(path=str(SHOTS / f"changes_{name}.png"))
        page.locator('[data-testid="stMain"] h3').last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"changes_{name}_lower.png"))
    finally:
        context.close()


def test_without_a_configured_secret_the_page_is_read_only(built_db, browser, tmp_path):
    env = {"TILANNEKUVA_GOALS": str(tmp_path / "goals.sqlite")}
    empty = tmp_path / "no_secrets.toml"
    empty.write_text("", encoding="utf-8")
    with streamlit_server(built_db, tmp_path, env=env, args=("--secrets.files", str(empty))) as url:
        context = browser.new_context(viewport=WIDE)
        try:
            page = open_page(context, f"{url}/tavoitteet?{LINK}")
            assert_no_exception(page)
            text = main_text(page)
            assert "Tavoitteita voi vain lukea" in text and "goals hash-password" in text
            assert page.get_by_text("Muokkaajan kirjautuminen").count() == 0
            assert page.get_by_role("button", name="Tallenna tavoite").count() == 0
            page.screenshot(path=str(SHOTS / "goals_read_only_1366.png"))
        finally:
            context.close()
