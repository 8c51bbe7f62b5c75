"""Kartta: the indicator on a map of the 30 municipalities or the six Pohde areas (UI only)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from tilannekuva.charts import map as charts
from tilannekuva.db import get_database
from tilannekuva.texts import common as T
from tilannekuva.texts import map as TM
from tilannekuva.ui import cached, components, state
from tilannekuva.viewstate import LAYERS

MAP_KEY = "map_chart"
LAYER_WIDGET = "map_layer"
REGION = "MK17"

db = get_database()
view = state.current()


def _on_layer_change() -> None:
    st.session_state[state.LAYER] = st.session_state[LAYER_WIDGET]


def _on_map_select() -> None:
    """A click on a municipality (or area) makes it the chosen area on every page."""
    code = charts.selected_code(st.session_state.get(MAP_KEY))
    if code:
        state.select_area(code)


st.title(TM.TITLE)
components.large_text("map_finding")

catalogue = db.query("indicators").filter(pl.col("indicator_id") == view.indicator)
if not catalogue.height or view.year is None:
    st.warning(TM.NO_YEAR)
    st.stop()
ind = catalogue.row(0, named=True)
decimals = int(ind["decimals"] if ind["decimals"] is not None else 1)

# The layer toggle: its own widget key, copied into the persistent key (survives other pages).
if st.session_state.get(state.LAYER) not in LAYERS:
    st.session_state[state.LAYER] = LAYERS[0]
layer = st.session_state[state.LAYER]

phone = "Mobi" in (st.context.headers.get("User-Agent") or "")  # a phone: the map is width-bound, keep it short
# Rows, finding, figure and table: cached across sessions (tilannekuva.ui.cached), read-only here.
model = cached.map_model(db.identity, view.indicator, int(view.year), view.gender, layer, view.area, phone,
                         REGION, tuple(LAYERS))
if not model.has_geometry:
    st.error(TM.NO_GEOMETRY)
    st.stop()
finding, fig, table, source = model.finding, model.fig, model.table, model.source

# The map is taller than wide (Mercator at 65° N): a column as wide as the drawn map, the rest for the finding.
left, right = st.columns([1.15, 1], gap="large")
with left:
    components.chart_block(
        fig, table, key=MAP_KEY, alt=charts.alt_text(finding, indicator_name=ind["name_fi"], unit=ind["unit"],
                                                     decimals=decimals, polarity=ind["polarity"]),
        source=source, filename=TM.FILENAME.format(indicator=view.indicator, period=finding.period.replace(" ", "_"),
                                                   layer=layer),
        on_select=_on_map_select, selection_mode=("points",))
with right:
    st.session_state[LAYER_WIDGET] = layer
    st.radio(TM.LAYER_LABEL, LAYERS, key=LAYER_WIDGET, format_func=TM.LAYER_NAMES.get, horizontal=True,
             on_change=_on_layer_change, help=TM.LAYER_HELP)
    lines = charts.finding_lines(finding, unit=ind["unit"], decimals=decimals, polarity=ind["polarity"])
    st.subheader(lines[0])
    with st.container(key="map_finding"):
        for line in lines[1:]:
            st.markdown(line)
    components.freshness(ind["last_year"], state.this_year())
    if ind.get("caveat_fi"):
        st.caption(T.escape_markdown(ind["caveat_fi"]))
    if layer == "alue":
        st.caption(T.HAILUOTO_DOUBT)
    st.caption(TM.INTRO)
