"""Tietoa: what Tilannekuva is, sources with attribution (CC BY 4.0), the age of the data, the
three unemployment measures, area membership with its doubts, how judgements and area values are
computed, the aggregate checks and when and from what the database was built."""

from __future__ import annotations

import streamlit as st

from tilannekuva.db import get_database
from tilannekuva.ui import cached, components, state

db = get_database()
texts = state.texts()
common, words = texts.common, texts.about
# Every table and sentence (views.about): cached across sessions, read-only here.
model = cached.about_model(db.identity, state.this_year(), state.current().lang)


def _table(frame, key: str, *, wide: tuple[str, ...] = (), **options) -> None:
    """A Tietoa table without its index; the `wide` columns (long texts, hashes) get the room."""
    config = {column: st.column_config.TextColumn(width="large") for column in wide}
    st.dataframe(frame, hide_index=True, key=key, column_config=config, **options)


def section_what() -> None:
    st.header(words.WHAT_HEADING)
    st.markdown(words.WHAT)


def section_sources() -> None:
    st.header(words.SOURCES_HEADING)
    st.markdown(words.SOURCES_INTRO)
    st.markdown("\n".join(f"- {s}" for s in words.SOURCES))
    st.caption(words.SOURCES_OUTRO)


def section_age() -> None:
    st.header(words.AGE_HEADING)
    st.markdown(model.age_text)
    with st.expander(words.AGE_EXPANDER):
        st.dataframe(model.by_year, hide_index=True)
    st.caption(words.AGE_UPDATE)

    st.subheader(words.UNEMPLOYMENT_HEADING)
    st.markdown(words.UNEMPLOYMENT_TEXT)
    st.markdown(model.unemployment)


def section_areas() -> None:
    st.header(words.AREAS_HEADING)
    st.markdown(words.AREAS_INTRO)
    st.warning(common.HAILUOTO_DOUBT, icon="⚠️")
    st.markdown(words.LAKEUS_DOUBT)
    c, a = words.MEMBERSHIP_COLUMNS, words.AREA_COLUMNS
    membership = model.membership
    _table(membership, "about_membership", wide=(c["evidence"],), height=40 + 35 * membership.height)
    components.csv_button(model.membership_csv, file_name=words.MEMBERSHIP_FILENAME, key="about_membership_csv")
    _table(model.area_table, "about_areas", wide=(a["members"], a["evidence"]))
    st.caption(words.MEMBERSHIP_IS_DATA)


def section_judgements() -> None:
    st.header(words.JUDGEMENT_HEADING)
    st.markdown(model.judgement_text)
    _table(model.legend, "about_legend")


def section_aggregation() -> None:
    st.header(words.AGGREGATION_HEADING)
    st.markdown(words.AGGREGATION_TEXT)
    st.markdown(words.VAALA_TEXT)
    st.caption(model.method_sentence)

    st.subheader(words.CHECKS_HEADING)
    st.markdown(words.CHECKS_INTRO)
    c = words.CHECK_COLUMNS
    st.caption(model.checks_summary)
    _table(model.checks, "about_checks", wide=(c["name"], c["note"]))
    components.csv_button(model.checks_csv, file_name=words.CHECKS_FILENAME, key="about_checks_csv")


def section_build() -> None:
    st.header(words.BUILD_HEADING)
    st.markdown(words.BUILD_TEXT)
    c, f = words.BUILD_COLUMNS, words.FILE_COLUMNS
    _table(model.build_info, "about_build", wide=(c["value"],))
    st.subheader(words.FILES_HEADING)
    _table(model.files, "about_files", wide=(f["sha256"],))


st.title(words.TITLE)
section_what()
section_sources()
section_age()
section_areas()
section_judgements()
section_aggregation()
section_build()
