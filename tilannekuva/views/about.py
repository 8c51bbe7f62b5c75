"""The Tietoa page's model: the age of the data, the three unemployment measures, area membership
with its doubts, the judgement legend, how area values are made and checked, and the build.

Pure (no Streamlit): `build(db, view, *, texts, this_year)` gives every table and sentence the
page shows (with the CSV bytes of its downloads); the page only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .. import codes, judgements
from ..viewstate import ViewState

#: The three unemployment measures and the old one, in the order the page explains them.
UNEMPLOYMENT = (
    "181",
    "ka_tyottomien_osuus_tyovoimasta",
    "tem_tyottomat_pct_tyovoima_vuosikeskiarvo",
    "tem_tyottomat_pct_tyovoima_kk",
)


@dataclass(frozen=True)
class AboutModel:
    judgement_text: str
    age_text: str
    by_year: pl.DataFrame  # indicators by their newest year
    unemployment: str  # Markdown list of the measures
    membership: pl.DataFrame  # municipality -> area, confidence, evidence (doubts marked)
    membership_csv: bytes
    area_table: pl.DataFrame  # area -> members, confidence, evidence
    legend: pl.DataFrame  # judgement symbols, words and meanings
    method_sentence: str
    checks: pl.DataFrame  # aggregate checks, Finnish columns
    checks_summary: str
    checks_csv: bytes
    build_info: pl.DataFrame
    files: pl.DataFrame


def _years(first, last, no_data: str) -> str:
    if first is None:
        return no_data
    return str(first) if first == last else f"{first}–{last}"


def _age(catalogue: pl.DataFrame, texts, this_year: int) -> tuple[str, pl.DataFrame]:
    words, common = texts.about, texts.common
    with_data = catalogue.filter(pl.col("n_values") > 0)
    cutoff = this_year - common.STALE_YEARS
    text = words.AGE_TEXT.format(
        n_old=with_data.filter(pl.col("last_year") <= cutoff).height,
        n_data=with_data.height,
        median=int(with_data["last_year"].sort()[(with_data.height - 1) // 2]),
        stale=common.STALE_YEARS,
        newest=with_data["last_year"].max(),
    )
    by_year = (
        with_data.group_by("last_year")
        .len()
        .sort("last_year", descending=True)
        .select(pl.col("last_year").alias(words.AGE_TABLE["year"]), pl.col("len").alias(words.AGE_TABLE["n"]))
    )
    return text, by_year


def _unemployment(catalogue: pl.DataFrame, texts) -> str:
    rows = catalogue.filter(pl.col("indicator_id").is_in(UNEMPLOYMENT))
    order = {i: k for k, i in enumerate(UNEMPLOYMENT)}
    no_data = texts.catalogue.NO_DATA_YEARS
    return "\n".join(
        f"- **{r['name_fi']}** ({r['source_org']}; {_years(r['first_year'], r['last_year'], no_data)})"
        + (f" – {r['caveat_fi']}" if r["caveat_fi"] else "")
        for r in sorted(rows.iter_rows(named=True), key=lambda r: order[r["indicator_id"]])
    )


def _membership(areas: pl.DataFrame, texts) -> tuple[pl.DataFrame, pl.DataFrame]:
    words = texts.about
    alue = areas.filter(pl.col("level") == codes.POHDE_AREA)
    names = dict(zip(alue["area_code"], alue["name_fi"]))
    kunnat = areas.filter(pl.col("level") == codes.MUNICIPALITY).sort("parent_code", "name_fi")
    c = words.MEMBERSHIP_COLUMNS
    membership = pl.DataFrame(
        [
            {
                c["name"]: (words.DOUBT_MARK if r["area_code"] == codes.HAILUOTO or r["confidence"] == "low" else "")
                + r["name_fi"],
                c["code"]: r["area_code"],
                c["area"]: names.get(r["parent_code"], r["parent_code"]),
                c["confidence"]: words.confidence_fi(r["confidence"]),
                c["evidence"]: r["evidence"] or "",
            }
            for r in kunnat.iter_rows(named=True)
        ],
        schema={v: pl.String for v in c.values()},
    )
    order = {code: i for i, code in enumerate(alue["area_code"])}
    membership = (
        membership.with_columns(
            pl.col(c["area"])
            .replace_strict({names[k]: v for k, v in order.items()}, default=99, return_dtype=pl.Int32)
            .alias("_o")
        )
        .sort("_o", maintain_order=True)
        .drop("_o")
    )
    a = words.AREA_COLUMNS
    members = kunnat.group_by("parent_code").agg(pl.col("name_fi").sort().str.join(", ").alias("m"))
    member_map = dict(zip(members["parent_code"], members["m"]))
    area_table = pl.DataFrame(
        [
            {
                a["name"]: r["name_fi"],
                a["members"]: member_map.get(r["area_code"], ""),
                a["confidence"]: words.confidence_fi(r["confidence"]),
                a["evidence"]: r["evidence"] or "",
            }
            for r in alue.iter_rows(named=True)
        ],
        schema={v: pl.String for v in a.values()},
    )
    return membership, area_table


def _legend(texts) -> pl.DataFrame:
    c = texts.about.LEGEND_COLUMNS
    return pl.DataFrame(
        [
            {c["symbol"]: judgements.SYMBOLS[k], c["word"]: judgements.WORDS_FI[k], c["meaning"]: meaning}
            for k, meaning in texts.about.LEGEND_MEANINGS.items()
        ]
    )


def _method_sentence(db, texts) -> str:
    words, common = texts.about, texts.common
    methods = db.query("method_counts").filter(pl.col("level") == codes.REGION_LEVEL)
    count = {r["method"]: r for r in methods.iter_rows(named=True)}

    def n(method: str, field: str = "n_values") -> str:
        return common.format_number(count.get(method, {}).get(field, 0), 0)

    computed = sum(count.get(m, {}).get("n_values", 0) for m in (codes.SUM, codes.RATIO, codes.WEIGHTED))
    return words.METHOD_SENTENCE.format(
        computed=common.format_number(computed, 0),
        source=n(codes.SOURCE),
        excl=n(codes.SOURCE_EXCL_VAALA),
        excl_ind=n(codes.SOURCE_EXCL_VAALA, "n_indicators"),
    )


def _checks(db, areas: pl.DataFrame, texts) -> tuple[pl.DataFrame, str]:
    words = texts.about
    checks = db.query("aggregate_check_summary")
    names = dict(zip(areas["area_code"], areas["name_fi"]))
    c = words.CHECK_COLUMNS
    table = checks.select(
        pl.col("name_fi").alias(c["name"]),
        pl.col("area_code").replace_strict(names, default=pl.col("area_code")).alias(c["area"]),
        pl.when(pl.col("first_year") == pl.col("last_year"))
        .then(pl.col("first_year").cast(pl.String))
        .otherwise(pl.format("{}–{}", "first_year", "last_year"))
        .alias(c["years"]),
        pl.col("n_compared").alias(c["compared"]),
        pl.col("n_agree").alias(c["agree"]),
        pl.col("n_not_comparable").alias(c["not_comparable"]),
        pl.col("n_disagree").alias(c["disagree"]),
        pl.col("max_abs_diff").round(3).alias(c["diff"]),
        pl.col("note").alias(c["note"]),
    )
    summary = words.CHECKS_SUMMARY.format(
        n_agree_rows=checks.filter(pl.col("n_agree") == pl.col("n_compared")).height,
        n_nc_rows=checks.filter(pl.col("n_not_comparable") > 0).height,
        n_disagree=int(checks["n_disagree"].sum()),
    )
    return table, summary


def _build_tables(db, texts) -> tuple[pl.DataFrame, pl.DataFrame]:
    words = texts.about
    info = dict(db.query("build_info").iter_rows())
    keys = [k for k in words.BUILD_KEYS if k in info] + [k for k in info if k not in words.BUILD_KEYS]
    c = words.BUILD_COLUMNS
    build_info = pl.DataFrame(
        {c["key"]: [words.BUILD_KEYS.get(k, k) for k in keys], c["value"]: [info[k] for k in keys]}
    )
    f = words.FILE_COLUMNS
    files = db.query("source_files").select(
        pl.col("path").alias(f["path"]), pl.col("bytes").alias(f["bytes"]), pl.col("sha256").alias(f["sha256"])
    )
    return build_info, files


def build(db, view: ViewState | None = None, *, texts, this_year: int) -> AboutModel:
    """The page does not depend on the view (it describes the whole warehouse)."""
    words, common = texts.about, texts.common
    catalogue = db.query("indicators")
    areas = db.query("areas")
    age_text, by_year = _age(catalogue, texts, this_year)
    membership, area_table = _membership(areas, texts)
    checks, checks_summary = _checks(db, areas, texts)
    build_info, files = _build_tables(db, texts)
    judgement_text = words.JUDGEMENT_TEXT.format(
        z=common.format_number(judgements.Z_95, 2),
        rtol=common.format_number(judgements.CONSISTENCY_RTOL * 100, 0),
        window=judgements.TREND_WINDOW,
        rest_share=common.format_number(judgements.REST_SHARE * 100, 0),
    )
    return AboutModel(
        judgement_text=judgement_text,
        age_text=age_text,
        by_year=by_year,
        unemployment=_unemployment(catalogue, texts),
        membership=membership,
        membership_csv=membership.write_csv().encode("utf-8"),
        area_table=area_table,
        legend=_legend(texts),
        method_sentence=_method_sentence(db, texts),
        checks=checks,
        checks_summary=checks_summary,
        checks_csv=checks.write_csv().encode("utf-8"),
        build_info=build_info,
        files=files,
    )
