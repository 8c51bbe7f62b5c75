"""Reusable page pieces: every chart comes with a table, a CSV of exactly what is shown, alt
text and a source line with years. Words in the request's language (`state.texts()`)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from .. import export
from ..views.table import SharedTable, shared_table  # noqa: F401 - made in the views, drawn here
from . import state


def chart_block(
    fig,
    table: pl.DataFrame | SharedTable,
    *,
    key: str,
    alt: str,
    source: str,
    filename: str,
    on_select=None,
    selection_mode=("points",),
    title: str | None = None,
):
    """Render a figure with its table alternative and CSV download. Returns the selection state
    when `on_select` is given."""
    kwargs = {"on_select": on_select, "selection_mode": selection_mode} if on_select else {}
    stem = filename.rsplit(".", 1)[0]
    event = st.plotly_chart(fig, key=key, alt=alt, config=export.plotly_config(stem), **kwargs)
    st.caption(state.texts().common.escape_markdown(source))  # source names come from the data
    from .report_buttons import image_downloads  # noqa: PLC0415 - the report stack loads on first use

    image_downloads(fig, _context(fig, source, title), key=key, stem=stem)
    table_block(table, key=key, filename=filename)
    return event


def _context(fig, source: str, title: str | None = None) -> export.ChartContext:
    """Title, area and year for a chart's image downloads: the figure's own title (or the chosen
    indicator's name), the chosen area, the years of the source line."""
    from ..db import get_database  # noqa: PLC0415

    view, texts = state.current(), state.texts()
    db = get_database()
    areas = db.query("areas").filter(pl.col("area_code") == view.area)
    area = texts.common.area_label(areas["name_fi"][0], areas["level"][0]) if areas.height else view.area
    title = title or export.plain_title(fig)
    if not title:
        found = db.query("indicators").filter(pl.col("indicator_id") == view.indicator)
        title = found["name_fi"][0] if found.height else view.indicator
    years = export.years_of(source, texts=texts) or str(view.year or "")
    return export.ChartContext(title, area, years, source, lang=texts.lang)


def table_block(table: pl.DataFrame | SharedTable, *, key: str, filename: str) -> None:
    texts = state.texts()
    if not isinstance(table, SharedTable):  # a frame made in this run, not shared: convert here
        table = shared_table(table)
    with st.expander(texts.common.TABLE_EXPANDER):
        st.dataframe(table.pandas, hide_index=True)
    csv_button(table.csv, file_name=filename, key=f"{key}_csv")
    frame = table.frame
    xlsx_button(lambda: export.xlsx_bytes(frame, texts=texts), file_name=filename, key=f"{key}_xlsx")


def csv_button(data: bytes, *, file_name: str, key: str, label: str | None = None, where=st, help=None) -> None:
    """A CSV download (label: texts.common.DOWNLOAD_CSV) in `where` (st, a column, a container)."""
    where.download_button(
        label or state.texts().common.DOWNLOAD_CSV,
        data,
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        help=help,
    )


def xlsx_button(make, *, file_name: str, key: str, where=st) -> None:
    """An Excel download made only when clicked (`make()` -> bytes); `file_name` may end in .csv."""
    where.download_button(
        state.texts().report.DOWNLOAD_XLSX,
        make,
        on_click="ignore",
        file_name=f"{file_name.rsplit('.', 1)[0]}.xlsx",
        key=key,
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def print_styles() -> None:
    """@media print: no sidebar, navigation, toolbars or buttons; tables and charts not clipped."""
    st.html(PRINT_CSS)


PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], header, .stDownloadButton, .stButton,
  [data-testid="stElementToolbar"], .modebar-container, [data-testid="stExpanderToggleIcon"],
  [data-testid="stFileUploader"] { display: none !important; }
  .block-container, [data-testid="stMainBlockContainer"], [data-testid="stAppViewContainer"],
  [data-testid="stMain"] { max-width: 100% !important; width: 100% !important; padding: 0 !important;
    overflow: visible !important; margin: 0 !important; }
  [data-testid="stDataFrame"], [data-testid="stTable"], .stDataFrame, .stPlotlyChart, [data-testid="stVerticalBlock"],
  [data-testid="stDataFrameResizable"] { overflow: visible !important; max-height: none !important;
    height: auto !important; break-inside: auto; }
  .stPlotlyChart, [data-testid="stImage"] { break-inside: avoid; }
  table { width: 100% !important; }
  body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>"""


def freshness(last_year: int | None, this_year: int) -> None:
    """The newest year is always visible; old data is flagged, never passed off as current."""
    words = state.texts().common
    if last_year is None:
        st.warning(words.NO_DATA)
        return
    note = words.stale_note(last_year, this_year)
    if note:
        st.warning(note, icon=":material/history:")
    else:
        st.caption(words.NEWEST_DATA.format(year=last_year))


def large_text(container_key: str) -> None:
    """Larger paragraph text inside the container with this key (written findings that a
    projector audience reads from the back of the room)."""
    st.html(
        f"<style>.st-key-{container_key} p {{ font-size: 1.15rem; line-height: 1.45; margin-bottom: 0.35rem; }}</style>"
    )
