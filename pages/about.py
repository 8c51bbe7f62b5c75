"""Tietoa: what Tilannekuva is, sources with attribution (CC BY 4.0), the age of the data, the
three unemployment measures, area membership with its doubts, how judgements and area values are
computed, the aggregate checks and when and from what the database was built."""

from __future__ import annotations

import polars as pl
import streamlit as st

from tilannekuva import judgements
from tilannekuva.db import get_database
from tilannekuva.texts import about as TA
from tilannekuva.texts import common as T
from tilannekuva.ui import state

HAILUOTO = "072"
UNEMPLOYMENT = ("181", "ka_tyottomien_osuus_tyovoimasta", "tem_tyottomat_pct_tyovoima_vuosikeskiarvo",
                "tem_tyottomat_pct_tyovoima_kk")

db = get_database()
catalogue = db.query("indicators")
areas = db.query("areas")
this_year = state.this_year()


def _years(first, last) -> str:
    if first is None:
        return "ei dataa"
    return str(first) if first == last else f"{first}–{last}"


def section_what() -> None:
    st.header(TA.WHAT_HEADING)
    st.markdown(TA.WHAT)


def section_sources() -> None:
    st.header(TA.SOURCES_HEADING)
    st.markdown(TA.SOURCES_INTRO)
    st.markdown("\n".join(f"- {s}" for s in TA.SOURCES))
    st.caption(TA.SOURCES_OUTRO)


def section_age() -> None:
    st.header(TA.AGE_HEADING)
    with_data = catalogue.filter(pl.col("n_values") > 0)
    cutoff = this_year - T.STALE_YEARS
    st.markdown(TA.AGE_TEXT.format(
        n_old=with_data.filter(pl.col("last_year") <= cutoff).height, n_data=with_data.height,
        median=int(with_data["last_year"].sort()[(with_data.height - 1) // 2]), stale=T.STALE_YEARS,
        newest=with_data["last_year"].max()))
    by_year = (with_data.group_by("last_year").len().sort("last_year", descending=True)
               .select(pl.col("last_year").alias(TA.AGE_TABLE["year"]), pl.col("len").alias(TA.AGE_TABLE["n"])))
    with st.expander(TA.AGE_EXPANDER):
        st.dataframe(by_year, hide_index=True)
    st.caption(TA.AGE_UPDATE)

    st.subheader(TA.UNEMPLOYMENT_HEADING)
    st.markdown(TA.UNEMPLOYMENT_TEXT)
    rows = catalogue.filter(pl.col("indicator_id").is_in(UNEMPLOYMENT))
    order = {i: k for k, i in enumerate(UNEMPLOYMENT)}
    lines = [f"- **{r['name_fi']}** ({r['source_org']}; {_years(r['first_year'], r['last_year'])})"
             + (f" – {r['caveat_fi']}" if r["caveat_fi"] else "")
             for r in sorted(rows.iter_rows(named=True), key=lambda r: order[r["indicator_id"]])]
    st.markdown("\n".join(lines))


def section_areas() -> None:
    st.header(TA.AREAS_HEADING)
    st.markdown(TA.AREAS_INTRO)
    st.warning(T.HAILUOTO_DOUBT, icon="⚠️")
    st.markdown(TA.LAKEUS_DOUBT)
    alue = areas.filter(pl.col("level") == "alue")
    names = dict(zip(alue["area_code"], alue["name_fi"]))
    kunnat = areas.filter(pl.col("level") == "kunta").sort("parent_code", "name_fi")
    c = TA.MEMBERSHIP_COLUMNS
    membership = pl.DataFrame([
        {c["name"]: (TA.DOUBT_MARK if r["area_code"] == HAILUOTO or r["confidence"] == "low" else "") + r["name_fi"],
         c["code"]: r["area_code"], c["area"]: names.get(r["parent_code"], r["parent_code"]),
         c["confidence"]: TA.confidence_fi(r["confidence"]), c["evidence"]: r["evidence"] or ""}
        for r in kunnat.iter_rows(named=True)
    ], schema={v: pl.String for v in c.values()})
    order = {code: i for i, code in enumerate(alue["area_code"])}
    membership = membership.with_columns(
        pl.col(c["area"]).replace_strict({names[k]: v for k, v in order.items()}, default=99,
                                         return_dtype=pl.Int32).alias("_o")).sort("_o", maintain_order=True).drop("_o")
    st.dataframe(membership, hide_index=True, key="about_membership", height=40 + 35 * membership.height,
                 column_config={c["evidence"]: st.column_config.TextColumn(width="large")})
    st.download_button(T.DOWNLOAD_CSV, membership.write_csv().encode("utf-8"), file_name="aluejako.csv",
                       mime="text/csv", key="about_membership_csv", icon=":material/download:")
    a = TA.AREA_COLUMNS
    members = kunnat.group_by("parent_code").agg(pl.col("name_fi").sort().str.join(", ").alias("m"))
    member_map = dict(zip(members["parent_code"], members["m"]))
    area_table = pl.DataFrame([
        {a["name"]: r["name_fi"], a["members"]: member_map.get(r["area_code"], ""),
         a["confidence"]: TA.confidence_fi(r["confidence"]), a["evidence"]: r["evidence"] or ""}
        for r in alue.iter_rows(named=True)
    ], schema={v: pl.String for v in a.values()})
    st.dataframe(area_table, hide_index=True, key="about_areas",
                 column_config={a["members"]: st.column_config.TextColumn(width="large"),
                                a["evidence"]: st.column_config.TextColumn(width="large")})
    st.caption(TA.MEMBERSHIP_IS_DATA)


def section_judgements() -> None:
    st.header(TA.JUDGEMENT_HEADING)
    st.markdown(TA.JUDGEMENT_TEXT.format(
        z=T.format_number(judgements.Z_95, 2), rtol=T.format_number(judgements.CONSISTENCY_RTOL * 100, 0),
        window=judgements.TREND_WINDOW, rest_share=T.format_number(judgements.REST_SHARE * 100, 0)))
    c = TA.LEGEND_COLUMNS
    legend = pl.DataFrame([
        {c["symbol"]: judgements.SYMBOLS[k], c["word"]: judgements.WORDS_FI[k], c["meaning"]: meaning}
        for k, meaning in TA.LEGEND_MEANINGS.items()
    ])
    st.dataframe(legend, hide_index=True, key="about_legend")


def section_aggregation() -> None:
    st.header(TA.AGGREGATION_HEADING)
    st.markdown(TA.AGGREGATION_TEXT)
    st.markdown(TA.VAALA_TEXT)
    methods = db.query("method_counts").filter(pl.col("level") == "maakunta")
    count = {r["method"]: r for r in methods.iter_rows(named=True)}

    def n(method: str, field: str = "n_values") -> str:
        return T.format_number(count.get(method, {}).get(field, 0), 0)

    computed = sum(count.get(m, {}).get("n_values", 0) for m in ("sum", "ratio", "weighted"))
    st.caption(TA.METHOD_SENTENCE.format(computed=T.format_number(computed, 0), source=n("source"),
                                         excl=n("source_excl_vaala"), excl_ind=n("source_excl_vaala", "n_indicators")))

    st.subheader(TA.CHECKS_HEADING)
    st.markdown(TA.CHECKS_INTRO)
    checks = db.query("aggregate_check_summary")
    names = dict(zip(areas["area_code"], areas["name_fi"]))
    c = TA.CHECK_COLUMNS
    table = checks.select(
        pl.col("name_fi").alias(c["name"]),
        pl.col("area_code").replace_strict(names, default=pl.col("area_code")).alias(c["area"]),
        pl.when(pl.col("first_year") == pl.col("last_year")).then(pl.col("first_year").cast(pl.String))
        .otherwise(pl.format("{}–{}", "first_year", "last_year")).alias(c["years"]),
        pl.col("n_compared").alias(c["compared"]), pl.col("n_agree").alias(c["agree"]),
        pl.col("n_not_comparable").alias(c["not_comparable"]), pl.col("n_disagree").alias(c["disagree"]),
        pl.col("max_abs_diff").round(3).alias(c["diff"]), pl.col("note").alias(c["note"]),
    )
    st.caption(TA.CHECKS_SUMMARY.format(
        n_agree_rows=checks.filter(pl.col("n_agree") == pl.col("n_compared")).height,
        n_nc_rows=checks.filter(pl.col("n_not_comparable") > 0).height,
        n_disagree=int(checks["n_disagree"].sum())))
    st.dataframe(table, hide_index=True, key="about_checks",
                 column_config={c["name"]: st.column_config.TextColumn(width="large"),
                                c["note"]: st.column_config.TextColumn(width="large")})
    st.download_button(T.DOWNLOAD_CSV, table.write_csv().encode("utf-8"), file_name="aluelukujen_tarkistus.csv",
                       mime="text/csv", key="about_checks_csv", icon=":material/download:")


def section_build() -> None:
    st.header(TA.BUILD_HEADING)
    st.markdown(TA.BUILD_TEXT)
    info = dict(db.query("build_info").iter_rows())
    keys = [k for k in TA.BUILD_KEYS if k in info] + [k for k in info if k not in TA.BUILD_KEYS]
    c = TA.BUILD_COLUMNS
    st.dataframe(pl.DataFrame({c["key"]: [TA.BUILD_KEYS.get(k, k) for k in keys], c["value"]: [info[k] for k in keys]}),
                 hide_index=True, key="about_build",
                 column_config={c["value"]: st.column_config.TextColumn(width="large")})
    st.subheader(TA.FILES_HEADING)
    f = TA.FILE_COLUMNS
    files = db.query("source_files").select(pl.col("path").alias(f["path"]), pl.col("bytes").alias(f["bytes"]),
                                            pl.col("sha256").alias(f["sha256"]))
    st.dataframe(files, hide_index=True, key="about_files",
                 column_config={f["sha256"]: st.column_config.TextColumn(width="large")})


st.title(TA.TITLE)
section_what()
section_sources()
section_age()
section_areas()
section_judgements()
section_aggregation()
section_build()
