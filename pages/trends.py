"""Kehitys: the indicator over time for the chosen area, other areas and the references (UI only)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from tilannekuva import viewstate
from tilannekuva.charts import trend as charts
from tilannekuva.db import get_database
from tilannekuva.texts import common as T
from tilannekuva.texts import map as TM
from tilannekuva.texts import trends as TT
from tilannekuva.ui import cached, components, state

CHART_KEY = "trend_chart"
COMPARE_WIDGET = "trend_compare"
REFERENCES = ("MK17", "SSS")

db = get_database()
view = state.current()


def _on_compare_change() -> None:
    st.session_state[state.COMPARE] = list(st.session_state[COMPARE_WIDGET])


st.title(TT.TITLE)
st.caption(TT.INTRO)
components.large_text("trend_judgements")

catalogue = db.query("indicators").filter(pl.col("indicator_id") == view.indicator)
if not catalogue.height:
    st.warning(TT.NO_DATA)
    st.stop()
ind = catalogue.row(0, named=True)
decimals = int(ind["decimals"] if ind["decimals"] is not None else 1)
monthly = ind["frequency"] == "month"

areas = db.query("areas")
names = {r["area_code"]: T.area_label(r["name_fi"], r["level"]) for r in areas.iter_rows(named=True)}
choices = [c for c in state.selectable_areas(db)["area_code"].to_list() if c not in (view.area, *REFERENCES)]

# Areas to compare: the widget has its own key; the persistent copy survives other pages and links.
st.session_state[COMPARE_WIDGET] = [c for c in st.session_state.get(state.COMPARE, []) if c in choices]
st.multiselect(TT.COMPARE_LABEL, choices, key=COMPARE_WIDGET, format_func=lambda c: names.get(c, c),
               max_selections=viewstate.MAX_COMPARE, on_change=_on_compare_change,
               help=TT.COMPARE_HELP.format(max=viewstate.MAX_COMPARE), placeholder=TT.COMPARE_PLACEHOLDER)
compare = list(st.session_state[COMPARE_WIDGET])

series = [charts.Series(view.area, names.get(view.area, view.area), charts.ROLE_MAIN)]
series += [charts.Series(c, names[c], charts.ROLE_COMPARE) for c in compare]
series += [charts.Series(c, names.get(c, c) + TT.REFERENCE_SUFFIX, charts.ROLE_REFERENCE)
           for c in REFERENCES if c != view.area]

options = charts.TrendOptions(indicator_name=ind["name_fi"], unit=ind["unit"], decimals=decimals,
                              polarity=ind["polarity"], monthly=monthly, selected_year=view.year)
# Rows, judgements, figure and table: cached across sessions (tilannekuva.ui.cached), read-only here.
model = cached.trend_model(db.identity, view.indicator, view.gender, tuple(series), options)
if model is None:
    st.warning(TT.NO_DATA)
    st.stop()
series, trends, fig, table, years = model.series, model.trends, model.fig, model.table, model.years
sources = list(model.sources)

left, right = st.columns([2, 1], gap="large")
with left:
    components.chart_block(fig, table, key=CHART_KEY, alt=model.alt,
                           source=T.source_line(sources, years),
                           filename=TT.FILENAME.format(indicator=view.indicator, area=view.area))
    for code, flag_years in model.flagged.items():
        st.caption(TT.EXCL_VAALA_NOTE.format(name=T.escape_markdown(names.get(code, code)),
                                             years=charts.year_spans(flag_years)))
with right:
    month_used = next((t.month for t in trends if t.month), None)
    header = (TT.TREND_HEADER_MONTHLY.format(month=TM.MONTHS[month_used - 1]) if monthly and month_used
              else TT.TREND_HEADER)
    st.subheader(header)
    with st.container(key="trend_judgements"):
        for t in trends:
            st.markdown(charts.trend_markdown(t), unsafe_allow_html=True)
    polarity_note = TM.POLARITY_NOTE.get(ind["polarity"] or "neutral", TM.POLARITY_NOTE["neutral"])
    st.caption(TT.TREND_EXPLAIN.format(polarity=polarity_note))
    components.freshness(ind["last_year"], state.this_year())
    if ind.get("caveat_fi"):
        st.caption(T.escape_markdown(ind["caveat_fi"]))
