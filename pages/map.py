"""Kartta: the indicator on a map of the 30 municipalities or the six Pohde areas (UI only)."""

from __future__ import annotations

import streamlit as st

from tilannekuva.charts import map as charts
from tilannekuva.db import get_database
from tilannekuva.ui import cached, components, state
from tilannekuva.viewstate import LAYERS

MAP_KEY = "map_chart"
LAYER_WIDGET = "map_layer"

db = get_database()
view = state.current()
texts = state.texts()
words = texts.map
this_year = state.this_year()


def _on_layer_change() -> None:
    st.session_state[state.LAYER] = st.session_state[LAYER_WIDGET]


def _on_map_select() -> None:
    """A click on a municipality (or area) makes it the chosen area on every page."""
    code = charts.selected_code(st.session_state.get(MAP_KEY))
    if code:
        state.select_area(code)


st.title(words.TITLE)
components.large_text("map_finding")

# The layer toggle: its own widget key, copied into the persistent key (survives other pages).
if st.session_state.get(state.LAYER) not in LAYERS:
    st.session_state[state.LAYER] = LAYERS[0]
layer = st.session_state[state.LAYER]

phone = "Mobi" in (st.context.headers.get("User-Agent") or "")  # a phone: the map is width-bound, keep it short
# The whole model (views.map: finding lines, figure, table, alt text, source, captions): cached
# across sessions (tilannekuva.ui.cached), read-only here.
model = (
    cached.map_model(
        db.identity, view.indicator, int(view.year), view.gender, layer, view.area, phone, view.lang, this_year
    )
    if view.year is not None
    else None
)
if model is None:
    st.warning(words.NO_YEAR)
    st.stop()
if not model.has_geometry:
    st.error(words.NO_GEOMETRY)
    st.stop()

# The map is taller than wide (Mercator at 65° N): a column as wide as the drawn map, the rest for the finding.
left, right = st.columns([1.15, 1], gap="large")
with left:
    components.chart_block(
        model.fig,
        model.table,
        key=MAP_KEY,
        alt=model.alt,
        source=model.source,
        filename=model.filename,
        on_select=_on_map_select,
        selection_mode=("points",),
    )
with right:
    st.session_state[LAYER_WIDGET] = layer
    st.radio(
        words.LAYER_LABEL,
        LAYERS,
        key=LAYER_WIDGET,
        format_func=words.LAYER_NAMES.get,
        horizontal=True,
        on_change=_on_layer_change,
        help=words.LAYER_HELP,
    )
    st.subheader(model.lines[0])
    with st.container(key="map_finding"):
        for line in model.lines[1:]:
            st.markdown(line)
    components.freshness(model.spec.last_year, this_year)
    for note in model.notes:
        st.caption(note)
