"""Driving the whole app in Streamlit's AppTest against a test warehouse (shared by page tests)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tilannekuva import paths


def make_app(monkeypatch, db_path, **params) -> AppTest:
    """app.py pointed at `db_path`, with `params` as the link's query string."""
    monkeypatch.setenv("TILANNEKUVA_DB", str(db_path))
    monkeypatch.setattr(paths, "DB_PATH", db_path)
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def open_page(monkeypatch, db_path, page: str, **params) -> AppTest:
    """Run the frame once, switch to `page` (e.g. "pages/map.py") and assert no exception."""
    at = make_app(monkeypatch, db_path, **params)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at
