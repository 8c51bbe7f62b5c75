"""Exports that keep their context: the figure with title/area/year/source, Excel-ready CSV, XLSX."""

from __future__ import annotations

import io
import re
import zipfile

import plotly.graph_objects as go
import polars as pl

from tilannekuva import export
from tilannekuva.texts import common as T

CTX = export.ChartContext(
    "Diabeteslääkkeiden erityiskorvausoikeus, % 40 vuotta täyttäneistä",
    "Oulu (kunta)",
    "2015–2023",
    T.source_line(["THL Sotkanet"], "2015–2023"),
)


def _figure() -> go.Figure:
    fig = go.Figure(go.Scatter(x=[2021, 2022, 2023], y=[1.5, 2.5, 2.0], name="Oulu"))
    fig.update_layout(
        height=640,
        title=dict(text="<b>Vanha otsikko</b><br>2021–2023"),
        margin=dict(t=80, b=100),
        legend=dict(yref="container", y=0, yanchor="bottom", orientation="h"),
    )
    return fig


def test_context_figure_holds_title_area_year_and_source_and_leaves_the_original():
    fig = _figure()
    framed = export.with_context(fig, CTX)
    title = framed.layout.title.text
    assert CTX.title in title and "Oulu (kunta)" in title and "2015–2023" in title
    sources = [a for a in framed.layout.annotations if a.name == export.SOURCE_NAME]
    assert len(sources) == 1 and sources[0].text == "Lähde: THL Sotkanet, CC BY 4.0. Vuodet: 2015–2023."
    # The plot keeps its height: the image grows by the room the title and source take.
    old_plot = 640 - 80 - 100
    new_plot = framed.layout.height - framed.layout.margin.t - framed.layout.margin.b
    assert new_plot == old_plot
    assert framed.layout.legend.y > 0  # the bottom legend moved up, above the source line
    # The original (often a shared cached figure) is untouched.
    assert fig.layout.title.text == "<b>Vanha otsikko</b><br>2021–2023" and not fig.layout.annotations
    assert export.image_size(framed)[0] * export.EXPORT_SCALE >= 1920


def test_long_titles_wrap_and_the_top_margin_grows_with_them():
    long = export.ChartContext("Sana " * 40, "Oulu (kunta)", "2023", "Lähde: x, CC BY 4.0. Vuodet: 2023.")
    short = export.with_context(_figure(), CTX)
    framed = export.with_context(_figure(), long)
    assert framed.layout.title.text.count("<br>") >= 3
    assert framed.layout.margin.t > short.layout.margin.t


def test_a_legend_drawn_above_the_plot_as_an_annotation_keeps_its_room_under_the_title():
    """The overview draws its legend as lines above the plot (an annotation at paper y=1): the title
    block goes above them instead of over them."""
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    fig.update_layout(height=600, margin=dict(t=170, b=60), showlegend=False)
    fig.add_annotation(
        text="a<br>b<br>c<br>d<br>e",
        xref="paper",
        yref="paper",
        x=0,
        y=1.0,
        yanchor="bottom",
        yshift=40,
        showarrow=False,
    )
    plain = go.Figure(go.Scatter(x=[0, 1], y=[0, 1])).update_layout(height=600, margin=dict(t=170, b=60))
    framed, bare = export.with_context(fig, CTX), export.with_context(plain, CTX)
    assert framed.layout.margin.t == bare.layout.margin.t + 170 - 30  # the legend's own room stays
    assert framed.layout.margin.t > 170


def test_on_screen_removes_the_drawn_context_only():
    framed = export.with_context(_figure(), CTX)
    screen = export.on_screen(framed, height=700)
    assert screen.layout.height == 700 and not screen.layout.title.text
    assert not [a for a in screen.layout.annotations if a.name == export.SOURCE_NAME]


def test_title_and_years_helpers():
    assert export.plain_title(_figure()) == "Vanha otsikko"
    assert export.plain_title(go.Figure()) == ""
    assert export.years_of(CTX.source) == "2015–2023"
    assert export.years_of("no years") == ""


def test_file_stem_is_meaningful_ascii():
    assert export.file_stem("tilannekuva", "Pyhäjärvi", "683", 2023) == "tilannekuva_pyhajarvi_683_2023"
    assert export.file_stem("Kehitys: Työttömät, %", None, "") == "kehitys_tyottomat"


def test_plotly_config_is_finnish_and_reduced():
    config = export.plotly_config("kehitys_683_564")
    assert config["locale"] == "fi" and config["displaylogo"] is False
    assert config["toImageButtonOptions"]["filename"] == "kehitys_683_564"
    assert config["toImageButtonOptions"]["scale"] >= 2
    assert {"zoom2d", "pan2d", "lasso2d", "toImage"} <= set(config["modeBarButtonsToRemove"])


TABLE = pl.DataFrame(
    {
        "Kunta": ["Pyhäjärvi", "Oulu"],
        "Vuosi": [2023, 2023],
        "Arvo": [12.5, 1234.25],
        "Valittu": [True, False],
        "Huomio": [None, "ei tietoa"],
    }
)


def test_csv_opens_as_columns_in_finnish_excel():
    data = export.csv_bytes(TABLE)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads ä/ö right
    text = data[3:].decode("utf-8")
    lines = text.strip().split("\n")
    assert lines[0] == "Kunta;Vuosi;Arvo;Valittu;Huomio"
    assert lines[1] == "Pyhäjärvi;2023;12,5;kyllä;"
    assert lines[2] == "Oulu;2023;1234,25;ei;ei tietoa"  # a number, not '1 234,3' display text


def test_xlsx_keeps_numbers_as_numbers():
    data = export.xlsx_bytes(TABLE, sheet="Taulukko")
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        workbook = book.read("xl/workbook.xml").decode("utf-8")
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert 'name="Taulukko"' in workbook
    numbers = re.findall(r'<c r="C\d+"(?![^>]*t="s")[^>]*><v>([^<]+)</v>', sheet)
    assert numbers == ["12.5", "1234.25"]  # numeric cells (no t="s"), not strings
    assert "Pyhäjärvi" in strings and "kyllä" in strings
