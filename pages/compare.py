"""Vertailu: the 30 municipalities ranked, one area's municipalities side by side on every
indicator, and the spread between municipalities inside each Pohde area. UI only: data through
db.query, shaping in tilannekuva.comparison, figures in tilannekuva.charts, words in texts."""

from __future__ import annotations

import polars as pl
import streamlit as st

from tilannekuva import comparison as C
from tilannekuva.db import get_database
from tilannekuva.texts import common as T
from tilannekuva.texts import compare as TC
from tilannekuva.ui import cached, components, state

HAILUOTO = "072"
PROFILE_AREA = "compare_profile_area"
PROFILE_FOR = "_compare_profile_for"
PROFILE_NAME_PX = 230  # pinned indicator names: wide enough to read, narrow enough for a phone
PROFILE_ROW_PX = 35  # one line per row (st.dataframe does not wrap text)

db = get_database()
view = state.current()
areas = db.query("areas")
catalogue = db.query("indicators")
this_year = state.this_year()


def _plain(markdown: str) -> str:
    return markdown.replace("**", "")


def render_ranking(ind: dict) -> None:
    if view.year is None:
        st.info(TC.NO_YEAR)
        return
    decimals = int(ind["decimals"] or 0)
    # Ranking, figure and table: cached across sessions (tilannekuva.ui.cached), read-only here.
    model = cached.ranking_model(db.identity, ind["indicator_id"], int(view.year), view.gender, view.area)
    rows, highlight, ranked, refs = model.rows, model.highlight, model.ranked, model.refs
    months = rows.filter(pl.col("level") == "kunta")["month"].drop_nulls()
    month = int(months.max()) if len(months) else None

    st.subheader(TC.RANKING_HEADING.format(name=T.escape_markdown(ind["name_fi"]),
                                           year=TC.month_label(month, view.year)))
    components.freshness(ind["last_year"], this_year)
    present = ranked.filter(pl.col("value").is_not_null())
    missing = ranked.filter(pl.col("value").is_null())
    if present.is_empty():
        st.info(TC.NO_VALUES)
        return
    first, last = present.row(0, named=True), present.row(-1, named=True)
    fmt = lambda r: T.format_number(r["value"], decimals)  # noqa: E731
    st.markdown(TC.ORDER.get(ind["polarity"], TC.ORDER["neutral"]) + " "
                + TC.RANKING_SUMMARY.format(first=T.escape_markdown(first["name_fi"]), first_value=fmt(first),
                                            last=T.escape_markdown(last["name_fi"]), last_value=fmt(last)))
    notes = []
    if ind["value_type"] == "count":
        notes.append(TC.COLOUR_NOTE["count"])
    elif not any(r.area_code == C.BENCHMARK for r in refs):
        notes.append(TC.COLOUR_NOTE["no_benchmark"])
    else:
        notes.append(TC.COLOUR_NOTE["neutral" if ind["polarity"] == "neutral" else "directional"])
    if ind["value_type"] == "count":
        notes.append(TC.COUNT_NO_REFERENCE.format(totals=", ".join(
            f"{r.name} {T.format_number(r.value, decimals)}" for r in refs)) if refs else TC.NO_REFERENCES)
    else:
        notes.append(TC.REFERENCE_NOTE if refs else TC.NO_REFERENCES)
    if len(highlight) == 1:
        notes.append(TC.HIGHLIGHT_ONE.format(name=T.escape_markdown(ranked.filter(pl.col("highlight"))["name_fi"][0])))
    elif highlight:
        name = areas.filter(pl.col("area_code") == view.area)["name_fi"][0]
        notes.append(TC.HIGHLIGHT_AREA.format(name=T.escape_markdown(name)))
    if month:
        notes.append(TC.MONTH_NOTE.format(month=month, year=view.year))
    if any(r.excl_vaala for r in refs):
        notes.append(TC.EXCL_VAALA_NOTE)
    st.caption(" ".join(notes))

    fig, table = model.fig, model.table
    alt = TC.RANKING_ALT.format(
        n=ranked.height, name=ind["name_fi"], year=view.year, first=first["name_fi"], first_value=fmt(first),
        last=last["name_fi"], last_value=fmt(last),
        missing=TC.RANKING_ALT_MISSING.format(n=missing.height) if missing.height else "")
    components.chart_block(fig, table, key="compare_ranking", alt=alt,
                           source=T.source_line([ind["source_org"]], TC.month_label(month, view.year)),
                           filename=f"vertailu_{ind['indicator_id']}_{view.year}.csv")
    if missing.height:
        st.caption(TC.MISSING_NOTE.format(n=missing.height, names=T.escape_markdown(", ".join(missing["name_fi"]))))
    st.caption(TC.POINT_NOTE)
    if HAILUOTO in highlight or view.area == "lakeus":
        st.caption(T.HAILUOTO_DOUBT)


def _default_profile_area() -> str:
    alue = areas.filter(pl.col("level") == "alue")["area_code"].to_list()
    return C.area_of(view.area, areas) or alue[0]


def render_profile() -> None:
    alue = areas.filter(pl.col("level") == "alue")
    labels = dict(zip(alue["area_code"], alue["name_fi"]))
    if st.session_state.get(PROFILE_FOR) != view.area or st.session_state.get(PROFILE_AREA) not in labels:
        st.session_state[PROFILE_AREA] = _default_profile_area()  # follows the shared area selection
        st.session_state[PROFILE_FOR] = view.area
    left, right = st.columns(2)
    chosen = left.selectbox(TC.PROFILE_AREA_LABEL, list(labels), key=PROFILE_AREA, format_func=labels.get,
                            help=TC.PROFILE_AREA_HELP)
    themes = [t for t in T.THEMES_ORDER if t in set(catalogue["theme"])]
    theme = right.selectbox(TC.PROFILE_THEME_LABEL, [TC.ALL_THEMES, *themes], key="compare_profile_theme")

    model = cached.profile_model(db.identity, chosen, None if theme == TC.ALL_THEMES else theme, view.gender,
                                 this_year, view.indicator, TC.PROFILE_BENCHMARK)
    long = model.long
    st.subheader(TC.PROFILE_HEADING.format(area=labels[chosen]))
    if long.is_empty():
        st.info(TC.PROFILE_EMPTY)
        return
    st.caption(TC.PROFILE_INTRO)
    st.caption(TC.PROFILE_LEGEND.format(years=T.STALE_YEARS))
    text = model.text
    config = {"Indikaattori": st.column_config.TextColumn(pinned=True, width=PROFILE_NAME_PX),
              "Vuosi": st.column_config.TextColumn(width=90),
              TC.PROFILE_BENCHMARK: st.column_config.TextColumn(width=130)}
    config.update({m: st.column_config.TextColumn(width=105) for m in text.columns[3:]})
    st.dataframe(model.styler, hide_index=True, key="compare_profile_table",
                 height=min(40 + PROFILE_ROW_PX * text.height, 760), row_height=PROFILE_ROW_PX,
                 column_config=config,
                 alt=TC.PROFILE_ALT.format(area=labels[chosen], n=text.height, members=", ".join(text.columns[3:])))
    n_indicators = long["indicator_id"].n_unique()
    tested = long.filter(pl.col("tested"))["indicator_id"].n_unique()
    stale = long.filter(pl.col("year") <= this_year - T.STALE_YEARS)["indicator_id"].n_unique()
    notes = [TC.PROFILE_TESTED_NOTE.format(n=tested),
             TC.PROFILE_STALE_NOTE.format(n=stale, total=n_indicators, years=T.STALE_YEARS)]
    if long["benchmark_excl_vaala"].any():
        notes.append(TC.EXCL_VAALA_NOTE)
    st.caption(" ".join(notes))
    if chosen == "lakeus":
        st.caption(T.HAILUOTO_DOUBT)
    years = f"{long['year'].min()}–{long['year'].max()}"
    sources = catalogue.filter(pl.col("indicator_id").is_in(long["indicator_id"].unique().to_list()))["source_org"]
    st.caption(T.source_line(sorted(set(sources)), years))
    st.download_button(T.DOWNLOAD_CSV, model.csv, file_name=f"profiili_{chosen}.csv",
                       mime="text/csv", key="compare_profile_csv", icon=":material/download:",
                       help=TC.PROFILE_CSV_NOTE)


def render_spread(ind: dict) -> None:
    st.subheader(TC.SPREAD_HEADING.format(name=T.escape_markdown(ind["name_fi"])))
    if ind["frequency"] == "month":
        st.info(TC.SPREAD_MONTHLY)
        return
    decimals = int(ind["decimals"] or 0)
    unit = TC.diff_unit(ind["unit"])
    chosen = C.area_of(view.area, areas)
    # Spread rows, figure and table: cached across sessions (tilannekuva.ui.cached), read-only here.
    model = cached.spread_model(db.identity, ind["indicator_id"], view.gender, decimals,
                                TC.SPREAD_Y.format(unit=unit), chosen)
    rows = model.rows
    if rows.is_empty():
        st.info(TC.SPREAD_EMPTY)
        return
    st.caption(TC.SPREAD_INTRO)
    sentences = []
    for r in model.latest.iter_rows(named=True):
        text = TC.SPREAD_SENTENCE.format(
            area=T.escape_markdown(r["area_name"]), year=r["year"], max_name=T.escape_markdown(r["max_name"]),
            max_value=T.format_number(r["max_value"], decimals), min_name=T.escape_markdown(r["min_name"]),
            min_value=T.format_number(r["min_value"], decimals),
            range_value=T.format_number(r["range_value"], decimals), unit=unit)
        if not r["complete"]:
            text += TC.SPREAD_INCOMPLETE.format(missing=r["n_members"] - r["n_values"])
        sentences.append(f"▶ {text}" if r["area_code"] == chosen else text)
    st.markdown("\n".join(f"- {s}" for s in sentences))
    years = f"{rows['year'].min()}–{rows['year'].max()}"
    fig = model.fig
    alt = TC.SPREAD_ALT.format(years=years, name=ind["name_fi"], sentences=" ".join(_plain(s) for s in sentences))
    components.chart_block(fig, model.table, key="compare_spread", alt=alt,
                           source=T.source_line([ind["source_org"]], years),
                           filename=f"erot_alueiden_sisalla_{ind['indicator_id']}.csv")
    notes = [TC.SPREAD_GAPS, TC.SPREAD_ONE_MEMBER, TC.HAILUOTO_NOTE]
    if chosen in set(rows["area_code"]):
        notes.insert(0, TC.SPREAD_SELECTED.format(
            name=T.escape_markdown(rows.filter(pl.col("area_code") == chosen)["area_name"][0])))
    st.caption(" ".join(notes))


st.title(TC.TITLE)
st.caption(TC.INTRO)
selected = catalogue.filter(pl.col("indicator_id") == view.indicator)
if selected.is_empty():
    st.info(TC.NO_INDICATOR)
else:
    indicator = selected.row(0, named=True)
    tab_rank, tab_profile, tab_spread = st.tabs(list(TC.TABS))
    with tab_rank:
        render_ranking(indicator)
    with tab_profile:
        render_profile()
    with tab_spread:
        render_spread(indicator)
