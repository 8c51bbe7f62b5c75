"""Kehitys: the indicator over time for the chosen area, other areas and the references (UI only)."""

from __future__ import annotations

import streamlit as st

from tilannekuva import viewstate
from tilannekuva.db import get_database
from tilannekuva.ui import cached, components, state
from tilannekuva.views.trends import REFERENCES

CHART_KEY = "trend_chart"
COMPARE_WIDGET = "trend_compare"

db = get_database()
view = state.current()
texts = state.texts()
words = texts.trends
this_year = state.this_year()


def _on_compare_change() -> None:
    st.session_state[state.COMPARE] = list(st.session_state[COMPARE_WIDGET])


st.title(words.TITLE)
st.caption(words.INTRO)
components.large_text("trend_judgements")

if view.indicator not in cached.catalogue_model(db.identity, view.lang, this_year).names:  # unknown indicator
    st.warning(words.NO_DATA)
    st.stop()
names = cached.area_labels(db.identity, view.lang)
choices = [c for c in state.selectable_areas(db)["area_code"].to_list() if c not in (view.area, *REFERENCES)]

# Areas to compare: the widget has its own key; the persistent copy survives other pages and links.
st.session_state[COMPARE_WIDGET] = [c for c in st.session_state.get(state.COMPARE, []) if c in choices]
st.multiselect(
    words.COMPARE_LABEL,
    choices,
    key=COMPARE_WIDGET,
    format_func=lambda c: names.get(c, c),
    max_selections=viewstate.MAX_COMPARE,
    on_change=_on_compare_change,
    help=words.COMPARE_HELP.format(max=viewstate.MAX_COMPARE),
    placeholder=words.COMPARE_PLACEHOLDER,
)
compare = list(st.session_state[COMPARE_WIDGET])

# The whole model (views.trends: series, judgements, figure, table, lines, notes): cached across
# sessions (tilannekuva.ui.cached), read-only here.
model = cached.trend_model(
    db.identity, view.indicator, view.gender, view.area, tuple(compare), view.year, view.lang, this_year
)
if model is None:
    st.warning(words.NO_DATA)
    st.stop()

left, right = st.columns([2, 1], gap="large")
with left:
    components.chart_block(
        model.fig, model.table, key=CHART_KEY, alt=model.alt, source=model.source, filename=model.filename
    )
    for note in model.flag_notes:
        st.caption(note)
with right:
    st.subheader(model.header)
    with st.container(key="trend_judgements"):
        for line in model.lines:
            st.markdown(line, unsafe_allow_html=True)  # area names escaped in the view; the judgement is a span
    st.caption(model.explain)
    components.freshness(model.spec.last_year, this_year)
    if model.caveat:
        st.caption(model.caveat)
