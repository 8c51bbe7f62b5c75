"""The start page's profile buttons (ui/report_buttons.report_downloads) render without making the
files: PDF and PPTX are generated only when a button is clicked."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(db_path: str, area: str) -> None:
    from tilannekuva.db import get_database
    from tilannekuva.ui import report_buttons

    report_buttons.report_downloads(get_database(db_path), area, 2026)


def test_two_buttons_with_meaningful_file_names(built_db, monkeypatch):
    import tilannekuva.report.pdf as pdf

    def never(*args, **kwargs):
        raise AssertionError("the PDF must not be made before a click")

    monkeypatch.setattr(pdf, "write_pdf", never)
    at = AppTest.from_function(_page, args=(str(built_db), "564"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels == ["Lataa profiili (PDF)", "Lataa diat (PPTX)"]
    assert "Tilannekuvaprofiili seminaariin" in at.caption[0].value
