"""Indikaattorit: the indicator catalogue – searchable, filterable, with every indicator's
definition, years, source, aggregation rule, polarity, licence and caveat, a link to Sotkanet and
a button that opens the indicator on the map."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from tilannekuva import viewstate
from tilannekuva.db import get_database
from tilannekuva.ui import cached, components, state
from tilannekuva.views import catalogue as catalogue_view

TABLE = "catalogue_table"
DETAIL = "catalogue_detail"
SHOWN_IDS = "_catalogue_ids"

db = get_database()
texts = state.texts()
page = texts.catalogue
this_year = state.this_year()
model = cached.catalogue_model(db.identity, state.current().lang, this_year)
names = model.names


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


def render_detail(indicator_id: str) -> None:
    detail = catalogue_view.detail(model, indicator_id, texts=texts, this_year=this_year)
    st.subheader(detail.title)
    st.markdown(detail.items)
    if detail.sotkanet:
        st.markdown(detail.sotkanet)
    if detail.no_data:
        st.info(detail.no_data)
    elif detail.stale:
        st.caption(detail.stale)
    has_data = indicator_id in state.known(db).years
    if st.button(
        page.OPEN_MAP,
        key="catalogue_open_map",
        icon=":material/map:",
        disabled=not has_data,
        help=page.OPEN_MAP_HELP if has_data else page.OPEN_MAP_DISABLED,
    ):
        _open_on_map(indicator_id)


st.title(page.TITLE)
st.caption(model.intro)

search_col, theme_col = st.columns([2, 1])
words = search_col.text_input(
    page.SEARCH_LABEL, key="catalogue_search", placeholder=page.SEARCH_PLACEHOLDER, help=page.SEARCH_HELP
)
theme = theme_col.selectbox(page.THEME_LABEL, [page.ALL, *model.themes], key="catalogue_theme")
topic_col, polarity_col, data_col = st.columns([1, 1, 1], vertical_alignment="bottom")
topic = topic_col.selectbox(page.TOPIC_LABEL, [page.ALL, *model.topics], key="catalogue_topic")
polarity = polarity_col.selectbox(
    page.POLARITY_LABEL,
    [page.ALL, *page.POLARITY_FILTER],
    key="catalogue_polarity",
    format_func=lambda p: page.POLARITY_FILTER.get(p, p),
)
only_data = data_col.checkbox(page.ONLY_DATA_LABEL, key="catalogue_only_data")

found = catalogue_view.search(
    model,
    texts=texts,
    words=words,
    theme=None if theme == page.ALL else theme,
    topic=None if topic == page.ALL else topic,
    polarity=None if polarity == page.ALL else polarity,
    only_data=only_data,
)
st.session_state[SHOWN_IDS] = list(found.ids)
st.caption(found.shown)
if not found.ids:
    st.info(page.NONE_FOUND)
else:
    col = page.COLUMNS
    st.dataframe(
        found.table,
        hide_index=True,
        key=TABLE,
        on_select=_on_table_select,
        selection_mode="single-row",
        height=min(40 + 35 * found.table.height, 560),
        column_config={
            col["name"]: st.column_config.TextColumn(pinned=True, width=210),
            col["sotkanet"]: st.column_config.LinkColumn(display_text=page.SOTKANET_LINK_TEXT, width="small"),
            col["aggregation"]: st.column_config.TextColumn(width="large"),
            col["polarity"]: st.column_config.TextColumn(width="medium"),
            col["caveat"]: st.column_config.TextColumn(width="large"),
        },
    )
    components.csv_button(found.csv, file_name=page.DOWNLOAD_NAME, key="catalogue_csv")
    st.caption(found.source)

    ids = list(found.ids)
    if st.session_state.get(DETAIL) not in ids:  # default: the shared indicator if shown, else the first row
        current = state.current().indicator
        st.session_state[DETAIL] = current if current in ids else ids[0]
    st.divider()
    chosen = st.selectbox(
        page.DETAIL_LABEL, ids, key=DETAIL, format_func=lambda i: f"{names[i]} ({i})", help=page.DETAIL_HELP
    )
    render_detail(chosen)
