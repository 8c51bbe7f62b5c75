"""Reusable page pieces: every chart comes with a table, a CSV of exactly what is shown, alt
text and a source line with years."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import polars as pl
import streamlit as st

from ..texts import common as T


@dataclass(frozen=True)
class SharedTable:
    """A table as every session shows it, converted once where it is cached: st.dataframe of a
    polars frame calls `to_pandas()` on every run, in every session thread, on the one shared
    object (one of the two sides of the GIL deadlock of issue 9), and the CSV is the same bytes."""

    frame: pl.DataFrame
    pandas: pd.DataFrame
    csv: bytes


def shared_table(frame: pl.DataFrame) -> SharedTable:
    return SharedTable(frame, frame.to_pandas(), frame.write_csv().encode("utf-8"))


def chart_block(fig, table: pl.DataFrame | SharedTable, *, key: str, alt: str, source: str, filename: str,
                on_select=None, selection_mode=("points",)):
    """Render a figure with its table alternative and CSV download. Returns the selection state
    when `on_select` is given."""
    kwargs = {"on_select": on_select, "selection_mode": selection_mode} if on_select else {}
    event = st.plotly_chart(fig, key=key, alt=alt, config={"displaylogo": False}, **kwargs)
    st.caption(source)
    table_block(table, key=key, filename=filename)
    return event


def table_block(table: pl.DataFrame | SharedTable, *, key: str, filename: str) -> None:
    if not isinstance(table, SharedTable):  # a frame made in this run, not shared: convert here
        table = shared_table(table)
    with st.expander(T.TABLE_EXPANDER):
        st.dataframe(table.pandas, hide_index=True)
    st.download_button(T.DOWNLOAD_CSV, table.csv, file_name=filename,
                       mime="text/csv", key=f"{key}_csv", icon=":material/download:")


def freshness(last_year: int | None, this_year: int) -> None:
    """The newest year is always visible; old data is flagged, never passed off as current."""
    if last_year is None:
        st.warning(T.NO_DATA)
        return
    note = T.stale_note(last_year, this_year)
    if note:
        st.warning(note, icon=":material/history:")
    else:
        st.caption(T.NEWEST_DATA.format(year=last_year))


def large_text(container_key: str) -> None:
    """Larger paragraph text inside the container with this key (written findings that a
    projector audience reads from the back of the room)."""
    st.html(f"<style>.st-key-{container_key} p {{ font-size: 1.15rem; line-height: 1.45; "
            f"margin-bottom: 0.35rem; }}</style>")
