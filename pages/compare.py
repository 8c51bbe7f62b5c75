"""Vertailu: the 30 municipalities ranked, one area's municipalities side by side on every
indicator, and the spread between municipalities inside each Pohde area. UI only: data through
db.query, shaping in tilannekuva.comparison, figures in tilannekuva.charts, words in texts."""

from __future__ import annotations

import polars as pl
import streamlit as st

from tilannekuva import comparison as C
from tilannekuva.charts.profile import profile_styler
from tilannekuva.charts.ranking import ranking_figure
from tilannekuva.charts.spread import spread_figure
from tilannekuva.db import get_database
from tilannekuva.texts import common as T
from tilannekuva.texts import compare as TC
from tilannekuva.ui import components, state

HAILUOTO = "072"
PROFILE_AREA = "compare_profile_area"
PROFILE_FOR = "_compare_profile_for"
PROFILE_NAME_PX = 230  # pinned indicator names: wide enough to read, narrow enough for a phone
PROFILE_ROW_PX = 35  # one line per row (st.dataframe does not wrap text)

db = get_database()
view = state.current()
areas = db.query("areas")
catalogue = db.query("indicators")
kunnat = areas.filter(pl.col("level") == "kunta")
this_year = state.this_year()


def _plain(markdown: str) -> str:
    return markdown.replace("**", "")


def render_ranking(ind: dict) -> None:
    if view.year is None:
        st.info(TC.NO_YEAR)
        return
    decimals = int(ind["decimals"] or 0)
    rows = db.query("indicator_year", indicator_id=ind["indicator_id"], year=view.year, gender=view.gender)
    highlight = C.highlight_codes(view.area, areas)
    ranked = C.ranking(rows, kunnat, ind, highlight)
    refs = C.references(rows)
    months = rows.filter(pl.col("level") == "kunta")["month"].drop_nulls()
    month = int(months.max()) if len(months) else None

    st.subheader(TC.RANKING_HEADING.format(name=ind["name_fi"], year=TC.month_label(month, view.year)))
    components.freshness(ind["last_year"], this_year)
    present = ranked.filter(pl.col("value").is_not_null())
    missing = ranked.filter(pl.col("value").is_null())
    if present.is_empty():
        st.info(TC.NO_VALUES)
        return
    first, last = present.row(0, named=True), present.row(-1, named=True)
    fmt = lambda r: T.format_number(r["value"], decimals)  # noqa: E731
    st.markdown(TC.ORDER.get(ind["polarity"], TC.ORDER["neutral"]) + " "
                + TC.RANKING_SUMMARY.format(first=first["name_fi"], first_value=fmt(first),
                                            last=last["name_fi"], last_value=fmt(last)))
    notes = []
    if ind["value_type"] == "count":
        notes.append(TC.COLOUR_NOTE["count"])
    elif not any(r.area_code == C.BENCHMARK for r in refs):
        notes.append(TC.COLOUR_NOTE["no_benchmark"])
    else:
        notes.append(TC.COLOUR_NOTE["neutral" if ind["polarity"] == "neutral" else "directional"])
    notes.append(TC.REFERENCE_NOTE if refs else TC.NO_REFERENCES)
    if len(highlight) == 1:
        notes.append(TC.HIGHLIGHT_ONE.format(name=ranked.filter(pl.col("highlight"))["name_fi"][0]))
    elif highlight:
        name = areas.filter(pl.col("area_code") == view.area)["name_fi"][0]
        notes.append(TC.HIGHLIGHT_AREA.format(name=name))
    if month:
        notes.append(TC.MONTH_NOTE.format(month=month, year=view.year))
    if any(r.excl_vaala for r in refs):
        notes.append(TC.EXCL_VAALA_NOTE)
    st.caption(" ".join(notes))

    fig = ranking_figure(ranked, refs, unit=ind["unit"], decimals=decimals)
    benchmark_name = next((r.name for r in refs if r.area_code == C.BENCHMARK), "Pohjois-Pohjanmaa")
    table = C.ranking_table(ranked, decimals, view.year, benchmark_name)
    alt = TC.RANKING_ALT.format(
        n=ranked.height, name=ind["name_fi"], year=view.year, first=first["name_fi"], first_value=fmt(first),
        last=last["name_fi"], last_value=fmt(last),
        missing=TC.RANKING_ALT_MISSING.format(n=missing.height) if missing.height else "")
    components.chart_block(fig, table, key="compare_ranking", alt=alt,
                           source=T.source_line([ind["source_org"]], TC.month_label(month, view.year)),
                           filename=f"vertailu_{ind['indicator_id']}_{view.year}.csv")
    if missing.height:
        st.caption(TC.MISSING_NOTE.format(n=missing.height, names=", ".join(missing["name_fi"])))
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

    members = kunnat.filter(pl.col("parent_code") == chosen).sort("sort_order", "name_fi")
    values = db.query("area_profile", area_codes=members["area_code"].to_list(), benchmark=C.BENCHMARK,
                      gender=view.gender)
    long = C.profile(values, catalogue, members.select("area_code", "name_fi"))
    if theme != TC.ALL_THEMES:
        long = long.filter(pl.col("theme") == theme)
    st.subheader(TC.PROFILE_HEADING.format(area=labels[chosen]))
    if long.is_empty():
        st.info(TC.PROFILE_EMPTY)
        return
    st.caption(TC.PROFILE_INTRO)
    st.caption(TC.PROFILE_LEGEND.format(years=T.STALE_YEARS))
    text, kinds = C.profile_wide(long, members["name_fi"].to_list(), catalogue, this_year, TC.PROFILE_BENCHMARK,
                                 mark=view.indicator)
    config = {"Indikaattori": st.column_config.TextColumn(pinned=True, width=PROFILE_NAME_PX),
              "Vuosi": st.column_config.TextColumn(width=90),
              TC.PROFILE_BENCHMARK: st.column_config.TextColumn(width=130)}
    config.update({m: st.column_config.TextColumn(width=105) for m in text.columns[3:]})
    st.dataframe(profile_styler(text, kinds), hide_index=True, key="compare_profile_table",
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
    csv = C.profile_csv(long, TC.PROFILE_BENCHMARK)
    st.download_button(T.DOWNLOAD_CSV, csv.write_csv().encode("utf-8"), file_name=f"profiili_{chosen}.csv",
                       mime="text/csv", key="compare_profile_csv", icon=":material/download:",
                       help=TC.PROFILE_CSV_NOTE)


def render_spread(ind: dict) -> None:
    st.subheader(TC.SPREAD_HEADING.format(name=ind["name_fi"]))
    if ind["frequency"] == "month":
        st.info(TC.SPREAD_MONTHLY)
        return
    decimals = int(ind["decimals"] or 0)
    rows = C.spread(db.query("area_spread", indicator_id=ind["indicator_id"], gender=view.gender),
                    C.member_counts(areas))
    if rows.is_empty():
        st.info(TC.SPREAD_EMPTY)
        return
    st.caption(TC.SPREAD_INTRO)
    unit = TC.diff_unit(ind["unit"])
    sentences = []
    for r in C.spread_latest(rows).iter_rows(named=True):
        text = TC.SPREAD_SENTENCE.format(
            area=r["area_name"], year=r["year"], max_name=r["max_name"],
            max_value=T.format_number(r["max_value"], decimals), min_name=r["min_name"],
            min_value=T.format_number(r["min_value"], decimals),
            range_value=T.format_number(r["range_value"], decimals), unit=unit)
        if not r["complete"]:
            text += TC.SPREAD_INCOMPLETE.format(missing=r["n_members"] - r["n_values"])
        sentences.append(f"▶ {text}" if r["area_code"] == C.area_of(view.area, areas) else text)
    st.markdown("\n".join(f"- {s}" for s in sentences))
    years = f"{rows['year'].min()}–{rows['year'].max()}"
    chosen = C.area_of(view.area, areas)
    fig = spread_figure(rows, unit_label=TC.SPREAD_Y.format(unit=unit), decimals=decimals, highlight=chosen)
    alt = TC.SPREAD_ALT.format(years=years, name=ind["name_fi"], sentences=" ".join(_plain(s) for s in sentences))
    components.chart_block(fig, C.spread_table(rows, decimals), key="compare_spread", alt=alt,
                           source=T.source_line([ind["source_org"]], years),
                           filename=f"erot_alueiden_sisalla_{ind['indicator_id']}.csv")
    notes = [TC.SPREAD_GAPS, TC.SPREAD_ONE_MEMBER, TC.HAILUOTO_NOTE]
    if chosen in set(rows["area_code"]):
        notes.insert(0, TC.SPREAD_SELECTED.format(name=rows.filter(pl.col("area_code") == chosen)["area_name"][0]))
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
