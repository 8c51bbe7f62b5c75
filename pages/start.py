"""Tilannekuva (start page): where does the chosen area stand, what changed, what is getting worse.

UI only: the rows, judgements and sentences come from tilannekuva.situation (pure, unit-tested).
"""

from __future__ import annotations

import functools

import streamlit as st

from tilannekuva import export, overview, situation, viewstate
from tilannekuva.db import get_database
from tilannekuva.ui import cached, components, goals_block, report_buttons, state
from tilannekuva.views.table import styled

SHOW_OLD_KEY = "start_show_old"
TABLE_ROW_PX = 66  # three lines: long indicator names wrap instead of being cut

db = get_database()


def _choose_indicator(key: str, ids: list[str]) -> None:
    """Row selected in a theme table: make it the shared indicator (sidebar, URL, other pages).

    The page then offers a link to Kehitys. (A programmatic st.switch_page would drop the sidebar
    widgets' state, because Streamlit clears widget state on a page change it did not get from
    the browser; a page link comes from the browser and keeps it.)"""
    selection = st.session_state[key].selection.rows
    if not selection:
        return
    indicator = ids[selection[0]]
    known = state.known(db)
    if indicator not in known.years:
        return
    moved = state.current().with_indicator(indicator, known)
    st.session_state[state.INDICATOR] = indicator
    st.session_state[state.YEAR] = moved.year
    if st.session_state[state.GENDER] not in known.genders.get(indicator, (viewstate.DEFAULT_GENDER,)):
        st.session_state[state.GENDER] = viewstate.DEFAULT_GENDER


view = state.current()
this_year = state.this_year()
texts = state.texts()
common, words = texts.common, texts.start

# The page model (rows, judgements, summary) is cached across sessions: read-only here.
model = cached.start_model(db.identity, view.area, this_year, view.lang)
area = {"name_fi": model.area_name, "level": model.area_level}
area_name = common.area_label(area["name_fi"], area["level"])
benchmarks, skipped_parent, rows = model.benchmarks, model.skipped_parent, model.rows

# --- Heading: which area, against what, how fresh --------------------------------------------
st.title(words.TITLE.format(area=area["name_fi"]))
if benchmarks:
    st.caption(words.INTRO.format(area=area_name, benchmarks=", ".join(b.name for b in benchmarks)))
else:
    st.caption(words.INTRO_NO_BENCHMARK.format(area=area_name))
if skipped_parent:
    st.caption(words.SAME_AS_PARENT.format(parent=model.skipped_parent_name, area=area_name))
if model.same_territory_as:
    st.caption(words.SAME_TERRITORY.format(area=area_name, member=model.same_territory_as))
if model.hailuoto_doubt:
    st.info(common.HAILUOTO_DOUBT, icon="⚠️")

if not rows:
    st.warning(words.NO_ROWS)
    st.stop()
components.freshness(max(r.year for r in rows), this_year)
st.markdown(words.AGE_OVERVIEW.format(n=len(rows), **model.ages))
report_buttons.report_downloads(db, view.area, this_year)

# --- Summary: the clearest concerns and strengths, one plain sentence each --------------------
summary = model.summary


def _findings(header: str, findings, empty: str, colour: str) -> None:
    with st.container(border=True):
        st.markdown(f"#### :{colour}[{header}]")
        if not findings:
            st.markdown(empty.format(first=summary.first_year))
        for f in findings:
            st.markdown(f"- **{common.escape_markdown(f.lead)}**: {common.escape_markdown(f.text)}")


st.subheader(words.SUMMARY_HEADER)
left, right = st.columns(2)
with left:
    _findings(words.CONCERNS_HEADER, summary.concerns, words.NO_CONCERNS, "orange")
with right:
    _findings(words.STRENGTHS_HEADER, summary.strengths, words.NO_STRENGTHS, "blue")
if summary.benchmark is not None:
    st.caption(
        words.SUMMARY_NOTE.format(
            benchmark_illative=summary.benchmark.forms_in(texts)[2], first=summary.first_year, old=situation.OLD_YEARS
        )
    )
else:
    st.caption(words.SUMMARY_NOTE_TREND_ONLY.format(first=summary.first_year))

goals_block.render(db, view.area, area["name_fi"])

# --- Overview: every current indicator on the municipalities' spread ----------------------------
st.subheader(words.OVERVIEW_HEADER)
if model.overview and summary.benchmark is not None:
    names = {b.code: b for b in benchmarks}
    region = names.get(situation.REGION)
    country = names.get(situation.COUNTRY)
    markers = [words.OVERVIEW_REGION_MARK.format(name=b.name) for b in (region,) if b]
    markers += [words.OVERVIEW_COUNTRY_MARK.format(name=b.name) for b in (country,) if b]
    st.markdown(
        words.OVERVIEW_INTRO.format(
            markers=words.OVERVIEW_MARKS_AND.join(markers) or words.OVERVIEW_NO_MARKS,
            benchmark_illative=summary.benchmark.forms_in(texts)[2],
            old=situation.OLD_YEARS,
        )
    )
    figure = cached.overview_figure(db.identity, view.area, this_year, view.lang)
    kinds = [r.comparison.kind for r in model.overview]
    shown = {o.indicator_id for o in model.overview}
    components.chart_block(
        figure,
        overview.overview_table(
            model.overview,
            benchmark_name=summary.benchmark.name,
            region_name=region.name if region else area["name_fi"],
            country_name=country.name if country else "",
            texts=texts,
        ),
        key="start_overview",
        title=words.OVERVIEW_TITLE,
        alt=words.OVERVIEW_ALT.format(
            n=len(kinds), benchmark=summary.benchmark.name, worse=kinds.count("worse"), better=kinds.count("better")
        ),
        source=common.source_line(
            sorted({r.source for r in rows if r.indicator_id in shown}),
            situation.years_span([r for r in rows if r.indicator_id in shown]),
        ),
        filename=words.OVERVIEW_FILENAME.format(area=view.area),
    )
else:
    st.caption(words.OVERVIEW_EMPTY)

# --- Every indicator, per theme -----------------------------------------------------------------
st.subheader(words.TABLES_HEADER)
st.markdown(words.TABLES_INTRO.format(stale=common.STALE_YEARS))
st.caption(common.METHOD_LEGEND)
show_old = st.toggle(
    words.SHOW_OLD.format(old=situation.OLD_YEARS),
    value=True,
    key=SHOW_OLD_KEY,
    help=words.SHOW_OLD_HELP.format(first=this_year - situation.OLD_YEARS),
)
if not show_old:
    hidden = sum(situation.is_old(r.year, this_year) for r in rows)
    if hidden:
        st.caption(words.HIDDEN_OLD.format(n=hidden, first=this_year - situation.OLD_YEARS))


def _column_config(table_columns: list[str]) -> dict:
    text = st.column_config.TextColumn
    # Widths so that name, value and year are in view on a 390 px phone; text wraps (row height).
    config = {
        words.COL_NAME: text(words.COL_NAME, width=230),  # not pinned: pinned text is drawn faded
        words.COL_VALUE: text(words.COL_VALUE, help=words.HELP_VALUE, width=100),
        words.COL_YEAR: text(
            words.COL_YEAR, help=words.HELP_YEAR.format(stale=common.STALE_YEARS, old=situation.OLD_YEARS), width=100
        ),
        words.COL_TREND: text(words.COL_TREND, help=words.HELP_TREND, width=125),
        words.COL_CHANGE_1: text(words.COL_CHANGE_1, help=words.HELP_CHANGE_1, width=95),
        words.COL_CHANGE_5: text(words.COL_CHANGE_5, help=words.HELP_CHANGE_5, width=95),
    }
    for column in table_columns:
        if column not in config:
            config[column] = text(column, help=words.HELP_BENCHMARK, width=165)
    return config


blocks = cached.start_themes(db.identity, view.area, this_year, show_old, view.lang)
for block in blocks:
    theme, theme_rows, table = block.theme, block.rows, block.table
    st.markdown(f"### {theme[:1].upper()}{theme[1:]}")
    years = [r.year for r in theme_rows]
    st.caption(words.THEME_CAPTION.format(n=len(theme_rows), newest=max(years), oldest=min(years)))
    key = f"start_table_{view.area}_{theme}_{int(show_old)}"  # new rows -> a fresh selection
    ids = [r.indicator_id for r in theme_rows]
    # The row chosen in this table (the callback already made it the shared indicator): a link to
    # its development, above the table so it is near the top of a long list.
    chosen = st.session_state[key].selection.rows if key in st.session_state else []
    chosen_ids = [ids[i] for i in chosen if i < len(ids)]
    if chosen_ids and chosen_ids[0] == view.indicator:
        name = next(r.name for r in theme_rows if r.indicator_id == chosen_ids[0])
        st.page_link("pages/trends.py", label=words.OPEN_TRENDS.format(name=name), icon=":material/show_chart:")
    # Judgement colours on the cells (a pandas Styler made this run from the cached frame and CSS,
    # no HTML); the words and symbols are in the cells.
    st.dataframe(
        styled(block.frame, block.css, key),
        hide_index=True,
        row_height=TABLE_ROW_PX,
        height="content",
        column_config=_column_config(table.columns),
        key=key,
        on_select=functools.partial(_choose_indicator, key, ids),
        selection_mode="single-row",
    )
    if block.missing:
        # A benchmark with no value for any row of this theme would be a column of "ei tietoa": left out.
        st.caption(words.NO_BENCHMARK_DATA.format(names=", ".join(block.missing)))
    notes = block.notes
    if notes:
        with st.expander(words.NOTES_EXPANDER.format(n=len(notes))):
            st.markdown(
                "\n".join(
                    f"- **{common.escape_markdown(name)}**: {common.escape_markdown(note)}" for name, note in notes
                )
            )
    st.caption(common.escape_markdown(block.source))  # source names come from the data
    filename = words.FILENAME.format(area=view.area, theme=theme.replace(" ", "_"))
    csv_column, xlsx_column = st.columns(2)
    components.csv_button(block.csv, file_name=filename, key=f"start_csv_{theme}", where=csv_column)
    make_xlsx = functools.partial(export.xlsx_bytes, block.export, texts=texts)
    components.xlsx_button(make_xlsx, file_name=filename, key=f"start_xlsx_{theme}", where=xlsx_column)
