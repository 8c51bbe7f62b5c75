"""Reusable page pieces: every chart comes with a table, a CSV of exactly what is shown, alt
text and a source line with years."""

from __future__ import annotations

import polars as pl
import streamlit as st

from ..texts import common as T


def chart_block(fig, table: pl.DataFrame, *, key: str, alt: str, source: str, filename: str,
                on_select=None, selection_mode=("points",)):
    """Render a figure with its table alternative and CSV download. Returns the selection state
    when `on_select` is given."""
    kwargs = {"on_select": on_select, "selection_mode": selection_mode} if on_select else {}
    event = st.plotly_chart(fig, key=key, alt=alt, config={"displaylogo": False}, **kwargs)
    st.caption(source)
    table_block(table, key=key, filename=filename)
    return event


def table_block(table: pl.DataFrame, *, key: str, filename: str) -> None:
    with st.expander(T.TABLE_EXPANDER):
        st.dataframe(table, hide_index=True)
    st.download_button(T.DOWNLOAD_CSV, table.write_csv().encode("utf-8"), file_name=filename,
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
