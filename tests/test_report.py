"""Area profiles: a PDF and a PPTX for a municipality and an area, opened and read back.

The summary sentences must be the start page's (`views.start.build(...).summary`), every file
names the area and its sources, the slides carry speaker notes. Charts are drawn by Kaleido in
Debian's Chromium (one browser for the module).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tilannekuva import export
from tilannekuva.db import Database
from tilannekuva.report import batch, pdf, profile, slides
from tilannekuva.report import deck as report_deck
from tilannekuva.report.render import ChartRenderer
from tilannekuva.views import deck as D
from tilannekuva.views import start as start_view
from tilannekuva.viewstate import ViewState

THIS_YEAR = 2026
MADE = dt.date(2026, 12, 1)
CHROMIUM = Path("/usr/bin/chromium")
needs_browser = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def db(built_db) -> Database:
    return Database(built_db)


@pytest.fixture(scope="module")
def renderer():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed")
    with ChartRenderer() as r:
        yield r


@pytest.fixture(scope="module")
def made(db, renderer, tmp_path_factory):
    """{area: (profile, pdf bytes, pptx bytes)} for a municipality (Kempele) and an area (Lakeus)."""
    out = tmp_path_factory.mktemp("reports")
    result = {}
    for area in ("244", "lakeus"):
        built = profile.build(db, area, this_year=THIS_YEAR, made=MADE)
        result[area] = (
            built,
            pdf.write_pdf(built, renderer, out / f"{area}.pdf"),
            slides.write_pptx(built, renderer, out / f"{area}.pptx"),
        )
    return result


def test_profile_summary_is_the_start_pages(db):
    for area in ("244", "lakeus", "HVA19", "MK17"):
        built = profile.build(db, area, this_year=THIS_YEAR, charts=False)
        model = start_view.build(db, area, this_year=THIS_YEAR)
        assert built.concerns == tuple(f.sentence for f in model.summary.concerns)
        assert built.strengths == tuple(f.sentence for f in model.summary.strengths)
        assert built.concerns or built.strengths
        assert sum(len(t.rows) for t in built.themes) == len(model.rows) == built.table.height


def test_profile_table_holds_numbers_and_years(db):
    built = profile.build(db, "244", this_year=THIS_YEAR, charts=False)
    table = built.table
    assert table.schema["Arvo"].is_float() and table.schema["Vuosi"].is_integer()
    row = next(r for r in built.model.rows if r.indicator_id == "683")
    found = table.filter(table["Indikaattori"] == row.name).row(0, named=True)
    assert found["Vuosi"] == row.year and found["Arvo"] == round(row.value, row.decimals)
    assert found["Ikä (v)"] == THIS_YEAR - row.year


def test_hailuoto_doubt_where_it_applies(db):
    doubt = "Hailuodon aluejako on epävarma"
    for area, expected in (
        ("lakeus", True),
        ("072", True),
        ("oulu", True),
        ("244", True),
        ("305", False),
        ("koillismaa", False),
    ):
        built = profile.build(db, area, this_year=THIS_YEAR, charts=False)
        assert (built.hailuoto is not None and doubt in built.hailuoto) == expected, area


@needs_browser
@pytest.mark.parametrize("area", ["244", "lakeus"])
def test_pdf_opens_with_area_summary_sources_and_vector_charts(made, area):
    built, data, _ = made[area]
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 4
    assert reader.metadata.title == built.title
    first = reader.pages[0]
    assert float(first.mediabox.width) == pytest.approx(595.28, abs=1)  # A4 portrait
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert f"Tilannekuvaprofiili – {built.area_name}" in text
    for sentence in (*built.concerns, *built.strengths):
        assert _flat(sentence) in text
    assert "Lähde: " in text and "CC BY 4.0" in text
    assert "Menetelmä" in text and built.method[0][:40] in text
    for theme in built.themes:
        assert theme.rows[0].name[:30] in text
    # The charts are vector drawings stamped in from Chromium's PDF (their text stays text).
    assert built.charts and export.plain_title(built.charts[0].figure)[:25] in text
    if area == "lakeus":
        assert "Hailuodon aluejako on epävarma" in text
    assert re.search(r"Sivu 1/\d+", text)


def _slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return _flat(" ".join(parts))


@needs_browser
@pytest.mark.parametrize("area", ["244", "lakeus"])
def test_pptx_opens_with_slides_notes_and_sources(made, area):
    built, _, data = made[area]
    prs = Presentation(io.BytesIO(data))
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)
    slides_ = list(prs.slides)
    themes = len(built.themes)
    assert len(slides_) >= 2 + len(built.charts) + themes + 1
    assert built.area_name in _slide_text(slides_[0])
    summary = _slide_text(slides_[1])
    notes = _flat(slides_[1].notes_slide.notes_text_frame.text)
    for sentence in (*built.concerns, *built.strengths):
        assert _flat(sentence) in summary and _flat(sentence) in notes
    assert "Lähteet: Lähde:" in notes
    for slide in slides_:
        text = _slide_text(slide)
        assert "Lähde:" in text or "CC BY 4.0" in text  # a source line on every slide
        assert slide.notes_slide.notes_text_frame.text.strip()  # and speaker notes
    pictures = [s for s in slides_ if any(sh.shape_type == 13 for sh in s.shapes)]
    assert len(pictures) == len(built.charts) + (len(built.overview_slides) or (1 if built.overview else 0))
    assert built.overview is not None and len(built.overview_slides) >= 1
    theme_titles = [_slide_text(s) for s in slides_]
    for theme in built.themes:
        name = theme.theme[:1].upper() + theme.theme[1:]
        assert any(t.startswith(name) for t in theme_titles)


@needs_browser
def test_cli_writes_one_area(built_db, tmp_path, capsys):
    from tilannekuva.__main__ import main

    out = tmp_path / "oulu.pptx"
    assert main(["report", "--area", "564", "--format", "pptx", "--out", str(out), "--db", str(built_db)]) == 0
    assert "Oulu" in _slide_text(Presentation(str(out)).slides[0])
    assert main(["report", "--area", "nope", "--out", str(tmp_path / "x.pdf"), "--db", str(built_db)]) == 2
    assert "unknown area 'nope'" in capsys.readouterr().err


@needs_browser
def test_a_failing_area_is_reported_and_the_rest_go_on(db, renderer, tmp_path, monkeypatch):
    real = profile.build

    def flaky(database, area, **kwargs):
        if area == "244":
            raise RuntimeError("simulated failure")
        return real(database, area, **kwargs)

    monkeypatch.setattr(profile, "build", flaky)
    areas = [("244", "Kempele"), ("305", "Kuusamo")]
    result = batch.write_all(db, tmp_path, ["pdf"], this_year=THIS_YEAR, renderer=renderer, areas=areas, progress=False)
    assert [f[:2] for f in result.failed] == [("244", "pdf")] and "simulated failure" in result.failed[0][2]
    assert [p.name for p in result.written] == ["tilannekuvaprofiili_305_kuusamo.pdf"]


@needs_browser
@pytest.mark.slow
def test_all_areas_one_file_each_without_errors(built_db, db, tmp_path, capsys):
    from tilannekuva.__main__ import main

    assert main(["report", "--all", "--out", str(tmp_path), "--db", str(built_db)]) == 0
    areas = profile.report_areas(db)
    assert len(areas) == 30 + 6 + 2
    for fmt in ("pdf", "pptx"):
        files = sorted(tmp_path.glob(f"*.{fmt}"))
        assert len(files) == len(areas)
        assert all(f.stat().st_size > 20_000 for f in files)
    assert not list(tmp_path.glob(".*.tmp"))
    assert f"wrote {2 * len(areas)} files" in capsys.readouterr().out


@needs_browser
def test_exported_chart_png_and_svg_hold_title_and_source(db, renderer, tmp_path):
    built = profile.build(db, "244", this_year=THIS_YEAR)
    chart = built.charts[0]
    fig = chart.figure
    assert "Kempele (kunta)" in fig.layout.title.text
    assert [a.text for a in fig.layout.annotations if a.name == export.SOURCE_NAME] == [chart.source]
    width, height = export.image_size(fig)
    png = renderer.render(fig, "png", width=width, height=height, scale=export.EXPORT_SCALE)
    (tmp_path / f"{chart.file_stem}.png").write_bytes(png)
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        assert image.size[0] >= 1920
        # The top band (title) and the bottom band (source) hold dark text pixels.
        grey = image.convert("L")
        top = grey.crop((0, 0, image.size[0] // 2, 150))
        bottom = grey.crop((0, image.size[1] - 60, image.size[0] // 2, image.size[1]))
        assert top.getextrema()[0] < 80 and bottom.getextrema()[0] < 120
    svg = renderer.render(fig, "svg", width=width, height=height).decode("utf-8")
    assert "Kempele (kunta)" in svg and "Lähde:" in svg and "CC BY 4.0" in svg


@needs_browser
def test_deck_exports_as_pptx_with_a_source_on_every_slide(db, renderer):
    deck = D.Deck("Seminaari")
    for page in ("kehitys", "vertailu", "kartta", "tilannekuva"):
        deck = deck.add(D.Slide(page, ViewState("244", "683", 2023)))
    data = report_deck.write_deck_pptx(db, deck, this_year=THIS_YEAR, renderer=renderer)
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == 4 and prs.core_properties.title == "Seminaari"
    for slide, item in zip(prs.slides, report_deck.contents(db, deck, this_year=THIS_YEAR)):
        text = _slide_text(slide)
        assert item.heading in text and "Lähde:" in text
        assert "244" in slide.notes_slide.notes_text_frame.text  # the slide's deep link
