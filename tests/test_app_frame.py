"""The frame (app.py): first-run build, shared selectors, URL sync across pages (AppTest)."""

from __future__ import annotations

from apptest_support import make_app

from tilannekuva import paths


def test_first_run_builds_missing_database(monkeypatch, tmp_path):
    target = tmp_path / "fresh" / "tilannekuva.duckdb"
    assert not target.exists()
    at = make_app(monkeypatch, target)
    at.run()
    assert not at.exception
    assert target.exists() and target.stat().st_size > 100_000
    assert at.sidebar.selectbox(key="area").value == "MK17"


def test_selection_survives_page_switch_and_lands_in_url(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.run()
    at.sidebar.selectbox(key="area").set_value("305").run()
    at.sidebar.selectbox(key="indicator").set_value("683").run()
    at.sidebar.selectbox(key="year").set_value(2019).run()
    for page in (
        "pages/map.py",
        "pages/trends.py",
        "pages/compare.py",
        "pages/catalogue.py",
        "pages/about.py",
        "pages/start.py",
    ):
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.sidebar.selectbox(key="area").value == "305"
        assert at.sidebar.selectbox(key="indicator").value == "683"
        assert at.sidebar.selectbox(key="year").value == 2019
        assert at.query_params["area"] in ("305", ["305"])


def test_changing_indicator_moves_year_to_one_with_data(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.query_params["indicator"] = "127"
    at.query_params["year"] = "1995"
    at.run()
    assert at.sidebar.selectbox(key="year").value == 1995
    at.sidebar.selectbox(key="indicator").set_value("683").run()  # 683 has 2015–2023 only
    assert at.sidebar.selectbox(key="year").value == 2023


def test_malformed_link_gives_notice_not_exception(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.query_params["area"] = "<script>"
    at.query_params["year"] = "20x3"
    at.run()
    assert not at.exception
    notices = " ".join(i.value for i in at.info)
    assert "ei tunneta" in notices and "ei ole kelvollinen" in notices
    assert at.sidebar.selectbox(key="area").value == "MK17"


def test_url_paths_never_equal_a_page_file_name():
    """With a pages/ folder Streamlit's legacy multipage mode maps /<file stem> to that file and
    would run it without app.py: every st.Page url_path must differ from every file stem."""
    import re

    source = (paths.ROOT / "app.py").read_text(encoding="utf-8")
    url_paths = set(re.findall(r'url_path="([^"]+)"', source))
    stems = {p.stem for p in (paths.ROOT / "pages").glob("*.py")}
    assert url_paths, "no url_path found in app.py"
    assert not url_paths & stems
    assert {"tilannekuva", "kartta", "kehitys", "vertailu", "indikaattorit", "tietoa"} <= url_paths
