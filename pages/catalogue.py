"""Indikaattorit: the indicator catalogue – searchable, filterable, with every indicator's
definition, years, source, aggregation rule, polarity, licence and caveat, a link to Sotkanet and
a button that opens the indicator on the map."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import streamlit as st

from tilannekuva import comparison as C
from tilannekuva import viewstate
from tilannekuva.db import get_database
from tilannekuva.texts import catalogue as TK
from tilannekuva.texts import common as T
from tilannekuva.ui import state

TABLE = "catalogue_table"
DETAIL = "catalogue_detail"
SHOWN_IDS = "_catalogue_ids"

db = get_database()
catalogue = db.query("indicators")
names = dict(zip(catalogue["indicator_id"], catalogue["name_fi"]))


def _on_table_select() -> None:
    """A row picked in the table becomes the indicator whose details are shown."""
    rows = st.session_state[TABLE].selection.rows
    ids = st.session_state.get(SHOWN_IDS, [])
    if rows and rows[0] < len(ids):
        st.session_state[DETAIL] = ids[rows[0]]


def _open_on_map(indicator_id: str) -> None:
    """Open the indicator on the map, keeping the area."""
    view = replace(state.current().with_indicator(indicator_id, state.known(db)), gender=viewstate.DEFAULT_GENDER)
    state.switch_page("pages/map.py", view)


def render_detail(row: dict) -> None:
    st.subheader(T.escape_markdown(row["name_fi"]))
    ci = TK.CI_EXPLAINED.get(row["ci_method"], TK.CI_EXPLAINED[None])
    theme = row["theme"] + (f" · {row['topic']}" if row["topic"] else "")
    items = {
        "id": f"`{row['indicator_id']}`",
        "unit": f"{T.escape_markdown(row['unit'])} – {TK.VALUE_TYPES.get(row['value_type'], row['value_type'])}",
        "theme": T.escape_markdown(theme),
        "source": T.escape_markdown(row["source_org"]),
        "years": C.years_text(row["first_year"], row["last_year"]),
        "frequency": TK.FREQUENCY.get(row["frequency"], row["frequency"]),
        "aggregation": C.aggregation_text(row, names),
        "polarity": TK.POLARITY_EXPLAINED[row["polarity"]],
        "ci": ci,
        "licence": TK.LICENCE_TEXT if row["licence"] == T.LICENCE else row["licence"],
        "certainty": TK.CERTAINTY.get(row["certainty"], row["certainty"] or "–"),
        "caveat": T.escape_markdown(row["caveat_fi"] or "–"),  # catalogue fields are data: literal text
    }
    st.markdown("\n".join(f"- **{TK.DETAIL_ROWS[k]}:** {v}" for k, v in items.items()))
    url = C.sotkanet_url(row["sotkanet_id"])
    if url:
        st.markdown(TK.SOTKANET_DETAIL.format(url=url))
    if row["n_values"] == 0:
        st.info(TK.NO_DATA_HINT)
    elif row["last_year"] is not None:
        stale = T.stale_note(row["last_year"], state.this_year())
        if stale:
            st.caption(stale)
    has_data = row["indicator_id"] in state.known(db).years
    if st.button(TK.OPEN_MAP, key="catalogue_open_map", icon=":material/map:", disabled=not has_data,
                 help=TK.OPEN_MAP_HELP if has_data else TK.OPEN_MAP_DISABLED):
        _open_on_map(row["indicator_id"])


st.title(TK.TITLE)
st.caption(TK.INTRO.format(n=catalogue.height, n_data=catalogue.filter(pl.col("n_values") > 0).height))

search_col, theme_col = st.columns([2, 1])
words = search_col.text_input(TK.SEARCH_LABEL, key="catalogue_search", placeholder=TK.SEARCH_PLACEHOLDER,
                              help=TK.SEARCH_HELP)
themes = [t for t in T.THEMES_ORDER if t in set(catalogue["theme"])]
theme = theme_col.selectbox(TK.THEME_LABEL, [TK.ALL, *themes], key="catalogue_theme")
topic_col, polarity_col, data_col = st.columns([1, 1, 1], vertical_alignment="bottom")
topics = sorted(t for t in catalogue["topic"].unique().to_list() if t)
topic = topic_col.selectbox(TK.TOPIC_LABEL, [TK.ALL, *topics], key="catalogue_topic")
polarity = polarity_col.selectbox(TK.POLARITY_LABEL, [TK.ALL, *TK.POLARITY_FILTER], key="catalogue_polarity",
                                  format_func=lambda p: TK.POLARITY_FILTER.get(p, p))
only_data = data_col.checkbox(TK.ONLY_DATA_LABEL, key="catalogue_only_data")

found = C.search_catalogue(catalogue, words, theme=None if theme == TK.ALL else theme,
                           topic=None if topic == TK.ALL else topic,
                           polarity=None if polarity == TK.ALL else polarity, only_data=only_data)
st.session_state[SHOWN_IDS] = found["indicator_id"].to_list()
table = C.catalogue_table(found, catalogue)
st.caption(TK.SHOWN.format(n=found.height, total=catalogue.height))
if found.is_empty():
    st.info(TK.NONE_FOUND)
else:
    col = TK.COLUMNS
    st.dataframe(
        table, hide_index=True, key=TABLE, on_select=_on_table_select, selection_mode="single-row",
        height=min(40 + 35 * table.height, 560),
        column_config={
            col["name"]: st.column_config.TextColumn(pinned=True, width=210),
            col["sotkanet"]: st.column_config.LinkColumn(display_text=TK.SOTKANET_LINK_TEXT, width="small"),
            col["aggregation"]: st.column_config.TextColumn(width="large"),
            col["polarity"]: st.column_config.TextColumn(width="medium"),
            col["caveat"]: st.column_config.TextColumn(width="large"),
        },
    )
    st.download_button(T.DOWNLOAD_CSV, table.write_csv().encode("utf-8"), file_name=TK.DOWNLOAD_NAME,
                       mime="text/csv", key="catalogue_csv", icon=":material/download:")
    st.caption(T.source_line(sorted(set(found["source_org"])), C.years_text(found["first_year"].min(),
                                                                           found["last_year"].max())))

    ids = found["indicator_id"].to_list()
    if st.session_state.get(DETAIL) not in ids:  # default: the shared indicator if shown, else the first row
        current = state.current().indicator
        st.session_state[DETAIL] = current if current in ids else ids[0]
    st.divider()
    chosen = st.selectbox(TK.DETAIL_LABEL, ids, key=DETAIL, format_func=lambda i: f"{names[i]} ({i})",
                          help=TK.DETAIL_HELP)
    render_detail(found.filter(pl.col("indicator_id") == chosen).row(0, named=True))
