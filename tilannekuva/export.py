"""Exports that keep their context (pure, no Streamlit).

- `with_context(fig, ctx)`: a copy of a chart with its title, area, year and source drawn inside
  the image, for PNG/SVG downloads and the reports (a screenshot pasted into a slide months later
  still says what, where, when and from whom).
- `csv_bytes(table)`: Excel-ready CSV for Finnish Excel: UTF-8 with BOM, `;` between fields,
  decimal comma, numbers written as numbers (never the display strings).
- `xlsx_bytes(table)`: the same table as an Excel workbook (polars' writer, XlsxWriter).
- `file_stem(...)`, `plotly_config(...)`: meaningful file names, a reduced Finnish Plotly toolbar.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from .charts.map import wrap
from .charts.style import FONT_FAMILY, TEXT_COLOR
from .texts import DEFAULT_LANG, Texts, texts_for, texts_or_default

#: Image size of a downloaded chart in CSS px; the PNG is drawn at 2× (2400 px wide).
EXPORT_WIDTH = 1200
EXPORT_SCALE = 2
DEFAULT_HEIGHT = 640
TITLE_PX = 30  # per title line
SUBTITLE_PX = 26
SOURCE_PX = 22  # per source line
TITLE_WRAP = 80  # characters per title line at 1200 px
SOURCE_NAME = "tilannekuva-source"  # the source annotation added by with_context
SOURCE_WRAP = 140

#: Plotly toolbar buttons a reader of a finished chart does not need (zoom, pan, selections).
REMOVED_BUTTONS = (
    "zoom2d",
    "pan2d",
    "select2d",
    "lasso2d",
    "zoomIn2d",
    "zoomOut2d",
    "autoScale2d",
    "resetScale2d",
    "hoverClosestCartesian",
    "hoverCompareCartesian",
    "toggleSpikelines",
    "zoomInGeo",
    "zoomOutGeo",
    "resetGeo",
    "hoverClosestGeo",
    "resetViewMapbox",
    "resetViews",
    "toImage",
)


@dataclass(frozen=True)
class ChartContext:
    """What a chart shows, where, when and from which source."""

    title: str  # e.g. the indicator's name
    area: str  # e.g. "Oulu (kunta)"
    year: str  # e.g. "2023" or "2015–2023"
    source: str  # the full source line: texts.common.source_line(...)
    lang: str = DEFAULT_LANG  # the language of the words drawn with it (texts.texts_for)

    @property
    def subtitle(self) -> str:
        return texts_for(self.lang).report.CONTEXT_SUBTITLE.format(area=self.area, year=self.year)


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def file_stem(*parts: object) -> str:
    """'tilannekuva', 'Oulu', '683', 2023 -> 'tilannekuva_oulu_683_2023' (ASCII, no spaces)."""
    return "_".join(s for s in (_slug(p) for p in parts if p not in (None, "")) if s)[:120]


_TAGS = re.compile(r"<[^>]+>")


def plain_title(fig: go.Figure) -> str:
    """The first line of a figure's own title as plain text ('' if it has none)."""
    text = str(fig.layout.title.text or "")
    first = re.split(r"<br\s*/?>", text)[0]
    return " ".join(_TAGS.sub("", first).split())


def years_of(source: str, *, texts: Texts | None = None) -> str:
    """'2015–2023' from a source line made by texts.common.source_line ('' if none)."""
    label = texts_or_default(texts).common.YEARS_LABEL
    match = re.search(re.escape(label) + r": ([^.]+)\.", source or "")
    return match.group(1).strip() if match else ""


def figure_height(fig: go.Figure) -> int:
    return int(fig.layout.height or DEFAULT_HEIGHT)


def with_context(fig: go.Figure, ctx: ChartContext) -> go.Figure:
    """A copy of `fig` (the original, often a shared cached object, is not touched) with the title,
    the area and year as a subtitle, and the source at the bottom, inside the image. The height
    grows by what was added, so the plot keeps its size."""
    out = go.Figure(fig)
    layout = out.layout
    old_top = int(layout.margin.t if layout.margin.t is not None else 80)
    old_bottom = int(layout.margin.b if layout.margin.b is not None else 80)
    title = wrap(ctx.title, TITLE_WRAP)
    title_lines = title.count("<br>") + 1
    source = wrap(ctx.source, SOURCE_WRAP)
    source_lines = source.count("<br>") + 1
    # The figure's own title (if any) is replaced; the plot keeps its height. A figure without a
    # title whose legend sits above the plot (ranking, overview) used its top margin for that
    # legend: the title block goes above it.
    top = 24 + TITLE_PX * title_lines + SUBTITLE_PX + 26
    legend_above = (
        layout.legend.yref in (None, "paper") and (layout.legend.y or 0) >= 1 and layout.legend.orientation == "h"
    )
    # A legend drawn as an annotation above the plot (the overview's own legend lines) too.
    legend_above = legend_above or any(
        a.yref == "paper" and (a.y or 0) >= 1 and a.yanchor == "bottom" for a in layout.annotations
    )
    if legend_above and not layout.title.text:
        top += max(old_top - 30, 0)  # its own top margin less the padding the title block already has
    source_band = SOURCE_PX * source_lines + 14
    height = figure_height(fig) + (top - old_top) + source_band
    size = int(layout.font.size or 16)
    out.update_layout(
        height=height,
        title=dict(
            text=f"<b>{title}</b><br><span style='font-size:{size + 2}px'>{ctx.subtitle}</span>",
            # Plotly places a multi-line title's top as if it had one line (the first line
            # would be cut off): anchor the middle of the block instead.
            x=0.01,
            xanchor="left",
            yref="container",
            yanchor="middle",
            pad=dict(t=0, b=0),
            y=1 - (16 + (TITLE_PX * title_lines + SUBTITLE_PX) / 2) / height,
            font=dict(size=max(size + 4, 20), family=layout.font.family or FONT_FAMILY, color=TEXT_COLOR),
        ),
        margin=dict(t=top, b=old_bottom + source_band),
    )
    # A legend anchored to the bottom of the image moves up above the source band.
    if layout.legend.yref == "container" and (layout.legend.y or 0) < 0.2:
        out.update_layout(legend=dict(y=(layout.legend.y or 0) + source_band / height))
    out.add_annotation(
        name=SOURCE_NAME,
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-(old_bottom + 4),
        align="left",
        showarrow=False,
        font=dict(size=max(size - 2, 13), color="#333333"),
    )
    return out


def on_screen(fig: go.Figure, *, height: int, top: int = 20) -> go.Figure:
    """A context figure for a page that shows the title, area, year and source as text itself (the
    presentation mode): title and source annotation removed, the given height."""
    out = go.Figure(fig)
    out.update_layout(title=dict(text=""), height=height, margin=dict(t=top))
    out.layout.annotations = [a for a in out.layout.annotations if a.name != SOURCE_NAME]
    return out


def image_size(fig: go.Figure) -> tuple[int, int]:
    """(width, height) in CSS px for a context figure's export."""
    return EXPORT_WIDTH, figure_height(fig)


def plotly_config(filename: str) -> dict:
    """st.plotly_chart config: Finnish toolbar locale, no logo, only what a reader needs. The
    toolbar's own image button is removed: it saves the chart without its source; the download
    buttons below every chart give PNG and SVG with title, area, year and source inside."""
    return {
        "displaylogo": False,
        "locale": "fi",
        "modeBarButtonsToRemove": list(REMOVED_BUTTONS),
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": EXPORT_SCALE},
    }


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------
def _excel_ready(table: pl.DataFrame, texts: Texts | None) -> pl.DataFrame:
    """Booleans as words (texts.common.YES / NO); everything else keeps its type (numbers stay numbers)."""
    words = texts_or_default(texts).common
    yes, no = words.YES, words.NO
    return table.with_columns(
        pl.when(pl.col(c)).then(pl.lit(yes)).otherwise(pl.when(pl.col(c).is_not_null()).then(pl.lit(no))).alias(c)
        for c, dtype in table.schema.items()
        if dtype == pl.Boolean
    )


def csv_bytes(table: pl.DataFrame, *, texts: Texts | None = None) -> bytes:
    """UTF-8 with BOM, `;` separator, decimal comma: opens as columns in Finnish Excel. `texts`:
    the language of the yes/no words (the request's)."""
    buffer = io.BytesIO()
    _excel_ready(table, texts).write_csv(buffer, include_bom=True, separator=";", decimal_comma=True)
    return buffer.getvalue()


def xlsx_bytes(table: pl.DataFrame, sheet: str | None = None, *, texts: Texts | None = None) -> bytes:
    """An .xlsx workbook of `table` (numbers as numbers, header row, autofilter, fitted widths);
    `sheet` default: texts.report.SHEET."""
    texts = texts_or_default(texts)
    buffer = io.BytesIO()
    _excel_ready(table, texts).write_excel(
        buffer,
        worksheet=(sheet or texts.report.SHEET)[:31],
        autofit=True,
        dtype_formats={pl.Float64: "General", pl.Float32: "General"},
    )
    return buffer.getvalue()
