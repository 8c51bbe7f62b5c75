"""Kartta: the indicator on a map of the 30 municipalities or the six Pohde areas (UI only)."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st

from tilannekuva.charts import map as charts
from tilannekuva.db import get_database
from tilannekuva.texts import common as T
from tilannekuva.texts import map as TM
from tilannekuva.ui import components, state
from tilannekuva.viewstate import LAYERS

MAP_KEY = "map_chart"
LAYER_WIDGET = "map_layer"
REGION = "MK17"
FINDING_CSS = """<style>
.st-key-map_finding p { font-size: 1.15rem; line-height: 1.45; margin-bottom: 0.35rem; }
</style>"""

db = get_database()
view = state.current()


def _geojson(layer: str) -> dict:
    """Parsed GeoJSON of a layer (the query result is cached by db; parsing 15 kB is cheap)."""
    frame = db.query("geometry", layer=layer)
    return json.loads(frame["geojson"][0]) if frame.height else {"type": "FeatureCollection", "features": []}


def _on_layer_change() -> None:
    st.session_state[state.LAYER] = st.session_state[LAYER_WIDGET]


def _on_map_select() -> None:
    """A click on a municipality (or area) makes it the chosen area on every page."""
    code = charts.selected_code(st.session_state.get(MAP_KEY))
    if code:
        state.select_area(code)


st.title(TM.TITLE)
st.html(FINDING_CSS)

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

areas = db.query("areas")
year_rows = db.query("indicator_year", indicator_id=view.indicator, year=int(view.year), gender=view.gender)
rows = charts.rank_areas(charts.layer_rows(year_rows, areas, layer))
region = year_rows.filter(pl.col("area_code") == REGION)
region_row = region.row(0, named=True) if region.height else None
region_name = (region_row["name_fi"] if region_row
               else areas.filter(pl.col("area_code") == REGION)["name_fi"].first())
region_value = region_row["value"] if region_row and region_row["status"] == "ok" else None
region_month = region_row["month"] if region_row else None

geo = _geojson(layer)
borders = _geojson("alue")
if not geo["features"]:
    st.error(TM.NO_GEOMETRY)
    st.stop()
level_of = dict(zip(areas["area_code"], areas["level"]))
selected_level = level_of.get(view.area)
selected_geo = (geo if selected_level == layer
                else _geojson(selected_level) if selected_level in LAYERS else None)

phone = "Mobi" in (st.context.headers.get("User-Agent") or "")  # a phone: the map is width-bound, keep it short
options = charts.MapOptions(indicator_name=ind["name_fi"], unit=ind["unit"], decimals=decimals,
                            polarity=ind["polarity"], year=int(view.year), layer=layer,
                            selected=view.area if selected_geo is not None else None,
                            height=charts.PHONE_MAP_HEIGHT if phone else charts.MAP_HEIGHT)
finding = charts.map_finding(rows, year=int(view.year), level=layer, region_name=region_name,
                             region_value=region_value, selected=view.area if selected_level == layer else None)
fig = charts.choropleth(rows, geo, borders, options, region_name=region_name, region_value=region_value,
                        selected_geojson=selected_geo)
table = charts.map_table(rows, unit=ind["unit"], decimals=decimals, year=int(view.year), region_code=REGION,
                         region_name=region_name, region_value=region_value, region_month=region_month)
sources = rows.join(year_rows.select("area_code", "source"), on="area_code", how="left")["source"].drop_nulls()
source = T.source_line([*sources.unique(maintain_order=True).to_list(), *(region["source"].to_list())],
                       finding.period)

left, right = st.columns([3, 2], gap="large")
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
        st.caption(ind["caveat_fi"])
    if layer == "alue":
        st.caption(T.HAILUOTO_DOUBT)
    st.caption(TM.INTRO)
