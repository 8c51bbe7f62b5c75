"""Vertailu: the 30 municipalities ranked, one area's municipalities side by side on every
indicator, and the spread between municipalities inside each Pohde area. UI only: the models
(sentences, notes, figures, tables) come from tilannekuva.views.compare through ui.cached."""

from __future__ import annotations

import streamlit as st

from tilannekuva.db import get_database
from tilannekuva.ui import cached, components, state
from tilannekuva.views.table import styled

PROFILE_AREA = "compare_profile_area"
PROFILE_FOR = "_compare_profile_for"
PROFILE_NAME_PX = 230  # pinned indicator names: wide enough to read, narrow enough for a phone
PROFILE_ROW_PX = 35  # one line per row (st.dataframe does not wrap text)

db = get_database()
view = state.current()
texts = state.texts()
words = texts.compare
this_year = state.this_year()


def render_ranking() -> None:
    # Ranking, sentences, figure and table: cached across sessions (tilannekuva.ui.cached), read-only here.
    model = cached.ranking_model(db.identity, view.indicator, view.year, view.gender, view.area, view.lang, this_year)
    if model.heading is None:
        st.info(model.message)
        return
    st.subheader(model.heading)
    components.freshness(model.spec.last_year, this_year)
    if model.message:
        st.info(model.message)
        return
    st.markdown(model.summary)
    st.caption(model.notes)
    components.chart_block(
        model.fig, model.table, key="compare_ranking", alt=model.alt, source=model.source, filename=model.filename
    )
    for caption in model.captions:
        st.caption(caption)


def render_profile() -> None:
    choices = cached.profile_choices(db.identity, view.area, view.lang)
    labels = choices.labels
    if st.session_state.get(PROFILE_FOR) != view.area or st.session_state.get(PROFILE_AREA) not in labels:
        st.session_state[PROFILE_AREA] = choices.default  # follows the shared area selection
        st.session_state[PROFILE_FOR] = view.area
    left, right = st.columns(2)
    chosen = left.selectbox(
        words.PROFILE_AREA_LABEL, list(labels), key=PROFILE_AREA, format_func=labels.get, help=words.PROFILE_AREA_HELP
    )
    theme = right.selectbox(words.PROFILE_THEME_LABEL, [words.ALL_THEMES, *choices.themes], key="compare_profile_theme")

    model = cached.profile_model(
        db.identity,
        chosen,
        None if theme == words.ALL_THEMES else theme,
        view.gender,
        this_year,
        view.indicator,
        view.lang,
    )
    st.subheader(model.heading)
    if model.message:
        st.info(model.message)
        return
    for caption in model.intro:
        st.caption(caption)
    config = {
        words.PROFILE_COLUMNS["indicator"]: st.column_config.TextColumn(pinned=True, width=PROFILE_NAME_PX),
        words.PROFILE_COLUMNS["year"]: st.column_config.TextColumn(width=90),
        words.PROFILE_BENCHMARK: st.column_config.TextColumn(width=130),
    }
    config.update({m: st.column_config.TextColumn(width=105) for m in model.members})
    # The coloured cells: a Styler made this run from the cached frame and CSS (views.table.styled).
    st.dataframe(
        styled(model.frame, model.css, "compare_profile_table"),
        hide_index=True,
        key="compare_profile_table",
        height=min(40 + PROFILE_ROW_PX * model.text.height, 760),
        row_height=PROFILE_ROW_PX,
        column_config=config,
        alt=model.alt,
    )
    st.caption(model.notes)
    for caption in model.captions:
        st.caption(caption)
    components.csv_button(model.csv, file_name=model.filename, key="compare_profile_csv", help=words.PROFILE_CSV_NOTE)


def render_spread() -> None:
    # Spread rows, sentences, figure and table: cached across sessions (tilannekuva.ui.cached), read-only here.
    model = cached.spread_model(db.identity, view.indicator, view.gender, view.area, view.lang, this_year)
    st.subheader(model.heading)
    if model.message:
        st.info(model.message)
        return
    st.caption(words.SPREAD_INTRO)
    st.markdown("\n".join(f"- {s}" for s in model.sentences))
    components.chart_block(
        model.fig, model.table, key="compare_spread", alt=model.alt, source=model.source, filename=model.filename
    )
    st.caption(model.notes)


st.title(words.TITLE)
st.caption(words.INTRO)
if view.indicator not in cached.catalogue_model(db.identity, view.lang, this_year).names:
    st.info(words.NO_INDICATOR)
else:
    tab_rank, tab_profile, tab_spread = st.tabs(list(words.TABS))
    with tab_rank:
        render_ranking()
    with tab_profile:
        render_profile()
    with tab_spread:
        render_spread()
