"""Shared view state across pages, and its round trip through the URL.

The sidebar selectors (area, indicator, year, gender) are rendered by app.py on every run, so
their widget state survives page switches. Page-local choices (areas to compare, map layer) live
under their own keys and are copied into persistent keys so they survive pages that do not render
them. Streamlit clears the query string when the page changes; `sync_url` writes it back from the
state on every run, so the address bar always holds a complete, shareable link.
"""

from __future__ import annotations

import datetime as dt
import functools

import polars as pl
import streamlit as st

from .. import codes, viewstate
from ..db import Database
from ..texts import Texts, texts_for
from ..viewstate import Known, ViewState

# Session-state keys. The first four are the sidebar widgets' own keys.
AREA, INDICATOR, YEAR, GENDER = "area", "indicator", "year", "gender"
COMPARE, LAYER = "_compare", "_layer"  # persistent copies of page-local widgets
LANG = "_lang"  # the link's language (no widget yet: only Finnish exists)
NOTICES = "_url_notices"


@functools.lru_cache(maxsize=4)
def known(db: Database) -> Known:
    lists = db.query("indicator_year_lists")
    years: dict[str, tuple[int, ...]] = {}
    genders: dict[str, tuple[str, ...]] = {}
    for row in lists.iter_rows(named=True):
        if row["gender"] == viewstate.DEFAULT_GENDER:
            years[row["indicator_id"]] = tuple(int(y) for y in row["years"])
        genders[row["indicator_id"]] = (*genders.get(row["indicator_id"], ()), row["gender"])
    areas = frozenset(db.query("areas")["area_code"])
    return Known(areas=areas, years=years, genders=genders)


VIEW_KEYS = (AREA, INDICATOR, YEAR, GENDER, COMPARE, LAYER, LANG)


def init(db: Database) -> None:
    """Once per browser session: read the link into the session state. Again whenever a key is
    missing: Streamlit drops the selectors' keys after a run that failed before drawing them, and
    the session would then fail every later run (the link still holds the view: `sync_url`)."""
    if NOTICES in st.session_state and all(k in st.session_state for k in VIEW_KEYS):
        return
    state, notices = viewstate.parse_params(st.query_params.to_dict(), known(db))
    st.session_state[AREA] = state.area
    st.session_state[INDICATOR] = state.indicator
    st.session_state[YEAR] = state.year
    st.session_state[GENDER] = state.gender
    st.session_state[COMPARE] = list(state.compare)
    st.session_state[LAYER] = state.layer
    st.session_state[LANG] = state.lang
    st.session_state[NOTICES] = notices


def current() -> ViewState:
    s = st.session_state
    if not all(k in s for k in VIEW_KEYS):  # e.g. a callback before the first full run: the link holds the view
        from ..db import get_database

        init(get_database())
    return ViewState(
        area=s[AREA],
        indicator=s[INDICATOR],
        year=s[YEAR],
        gender=s[GENDER],
        compare=tuple(s[COMPARE]),
        layer=s[LAYER],
        lang=s.get(LANG, viewstate.DEFAULT_LANG),
    )


def texts() -> Texts:
    """The words of this request's language (pass them into the views: part of every cache key).
    Read straight from the session, so it also works before `init` (an error message, say)."""
    return texts_for(st.session_state.get(LANG, viewstate.DEFAULT_LANG))


def sync_url() -> None:
    wanted = viewstate.to_params(current())
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def show_notices() -> None:
    """URL problems, shown once at the top of the first page."""
    for notice in st.session_state.get(NOTICES, []):
        st.info(texts().common.escape_markdown(notice), icon=":material/info:")  # quotes the link's text
    st.session_state[NOTICES] = []


def select_area(code: str) -> None:
    """For callbacks (map clicks, table selections): make `code` the chosen area everywhere."""
    st.session_state[AREA] = code


def switch_page(page: str, view: ViewState) -> None:
    """Open another page showing `view`. st.switch_page clears every widget's state (the shared
    sidebar selectors too), so the view travels in the link and `init` reads it back on the next
    run, exactly as for a copied link."""
    st.session_state.pop(NOTICES, None)
    st.switch_page(page, query_params=viewstate.to_params(view))


def _on_indicator_change(db: Database) -> None:
    """Keep the year when the new indicator has it, else jump to its newest year."""
    fixed = current().with_indicator(st.session_state[INDICATOR], known(db))
    st.session_state[YEAR] = fixed.year
    if st.session_state[GENDER] not in known(db).genders.get(fixed.indicator, (viewstate.DEFAULT_GENDER,)):
        st.session_state[GENDER] = viewstate.DEFAULT_GENDER


@functools.lru_cache(maxsize=4)
def selectable_areas(db: Database) -> pl.DataFrame:
    """Areas a user can pick as 'their' area: the region, Pohde, the six areas and the 30
    municipalities."""
    order = codes.LEVEL_ORDER
    areas = db.query("areas").filter(pl.col("level").is_in(list(order)))
    return areas.sort(pl.col("level").replace_strict(order, return_dtype=pl.Int8), "name_fi")


@functools.lru_cache(maxsize=4)
def indicator_options(db: Database) -> pl.DataFrame:
    cat = db.query("indicators").filter(pl.col("n_values") > 0)
    # The catalogue's theme values are data (Finnish whatever the UI language): the default texts order them.
    order = {t: i for i, t in enumerate(texts_for().common.THEMES_ORDER)}
    return cat.sort(pl.col("theme").replace_strict(order, default=len(order), return_dtype=pl.Int8), "name_fi")


def sidebar(db: Database) -> None:
    """The shared selectors; every page reads their values through `current()`."""
    words = texts().common
    k = known(db)
    labels = dict(_area_labels(db, words))
    ind_labels = _indicator_labels(db)
    with st.sidebar:
        st.header(words.SIDEBAR_HEADER)
        if st.session_state[AREA] not in labels:  # e.g. SSS from a link: still valid, show it too
            labels[st.session_state[AREA]] = st.session_state[AREA]
        st.selectbox(words.AREA_LABEL, list(labels), key=AREA, format_func=labels.get, help=words.AREA_HELP)
        st.selectbox(
            words.INDICATOR_LABEL,
            list(ind_labels),
            key=INDICATOR,
            format_func=ind_labels.get,
            help=words.INDICATOR_HELP,
            on_change=_on_indicator_change,
            args=(db,),
        )
        years = list(reversed(k.years.get(st.session_state[INDICATOR], ())))
        if st.session_state[YEAR] not in years:
            st.session_state[YEAR] = years[0] if years else None
        st.selectbox(words.YEAR_LABEL, years, key=YEAR)
        genders = k.genders.get(st.session_state[INDICATOR], (viewstate.DEFAULT_GENDER,))
        if len(genders) > 1:
            st.radio(words.GENDER_LABEL, genders, key=GENDER, format_func=words.GENDER_NAMES.get, horizontal=True)
        st.caption(words.LINK_HINT)


@functools.lru_cache(maxsize=4)
def _area_labels(db: Database, words) -> tuple[tuple[str, str], ...]:
    """(code, 'Oulu (kunta)') per selectable area; `words`: the language's texts.common (a key)."""
    return tuple(
        (r["area_code"], words.area_label(r["name_fi"], r["level"])) for r in selectable_areas(db).iter_rows(named=True)
    )


@functools.lru_cache(maxsize=4)
def _indicator_labels(db: Database) -> dict[str, str]:
    # Read-only after creation: shared by every session as the selectbox's options and labels.
    return {
        r["indicator_id"]: f"{r['name_fi']} ({r['last_year']})" for r in indicator_options(db).iter_rows(named=True)
    }


def this_year() -> int:
    return dt.date.today().year
