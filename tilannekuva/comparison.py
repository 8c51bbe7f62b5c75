"""Pure shaping for the Vertailu page (the municipal ranking, the area profile and the spread
inside each Pohde area) and the Indikaattorit page (catalogue search and plain-Finnish
explanations). Polars in, polars out; no Streamlit, no DuckDB, no plotly. Every word (table
headers, judgement words, catalogue fields) comes from `texts`, the request's language (the
default language's when a caller passes none).

Ranking (`ranking`)
    All 30 municipalities for one indicator and year. A municipality without a value stays in
    the list with `value` null and `status` 'missing'/'suppressed' – never a zero. Directional
    indicators are ordered best first (polarity 'lower': smallest first), neutral ones largest
    first. Ties (equal at the indicator's display precision) share a rank ("1, 2, 2, 4") and are
    ordered by name. Each value is judged against the region with `judgements.compare`.

Profile (`profile`)
    For the municipalities of one area: every indicator in its own latest year (the newest year in
    which any of them has a value), each cell judged against the benchmark (Pohjois-Pohjanmaa)
    of the same year – with the 95 % interval when numerator, denominator and ci_method are
    known, otherwise as an untested direction.

Spread (`spread`)
    Max − min between the municipalities of each area per year (from the `area_spread` query),
    with max/min where the minimum is positive, and whether every member had a value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from . import codes, judgements
from .indicator import decimals_of
from .texts import Texts, texts_or_default

BENCHMARK = codes.REGION
EXCL_VAALA = codes.SOURCE_EXCL_VAALA
EXCL_VAALA_MARK = "†"
REFERENCE_CODES = codes.BENCHMARKS

RANKING_SCHEMA = {
    "area_code": pl.String,
    "name_fi": pl.String,
    "parent_code": pl.String,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "status": pl.String,
    "rank": pl.Int64,
    "highlight": pl.Boolean,
    "kind": pl.String,
    "word": pl.String,
    "symbol": pl.String,
    "color": pl.String,
    "tested": pl.Boolean,
}


@dataclass(frozen=True)
class Reference:
    """A reference line: the region or the country in the same year."""

    area_code: str
    name: str
    value: float
    excl_vaala: bool = False  # the region as drawn in 2013 (without Vaala), as published


def highlight_codes(area: str | None, areas: pl.DataFrame) -> frozenset[str]:
    """The municipalities to highlight for the chosen area: itself if it is a municipality, its
    members if it is a Pohde area, nothing otherwise (region, country)."""
    if not area:
        return frozenset()
    kunnat = areas.filter(pl.col("level") == codes.MUNICIPALITY)
    if area in set(kunnat["area_code"]):
        return frozenset({area})
    return frozenset(kunnat.filter(pl.col("parent_code") == area)["area_code"])


def area_of(area: str | None, areas: pl.DataFrame) -> str | None:
    """The Pohde area a chosen area belongs to (a municipality's parent, or the area itself)."""
    if not area:
        return None
    row = areas.filter(pl.col("area_code") == area)
    if row.is_empty():
        return None
    level, parent = row["level"][0], row["parent_code"][0]
    if level == codes.POHDE_AREA:
        return area
    if level == codes.MUNICIPALITY:
        return parent
    return None


def order_descending(polarity: str | None) -> bool:
    """Best first: larger values first unless smaller is better."""
    return polarity != "lower"


def _judge(value, benchmark, ind: dict, numerator, denominator, texts: Texts) -> judgements.Comparison:
    return judgements.compare(
        value,
        benchmark,
        ind.get("polarity"),
        numerator=numerator,
        denominator=denominator,
        scale=ind.get("scale"),
        ci_method=ind.get("ci_method"),
        value_type=ind.get("value_type"),
        decimals=decimals_of(ind.get("decimals")),
        texts=texts,
    )


def references(year_rows: pl.DataFrame) -> list[Reference]:
    """The region's and the country's values in the shown year, where they exist."""
    out = []
    for code in REFERENCE_CODES:
        row = year_rows.filter((pl.col("area_code") == code) & pl.col("value").is_not_null())
        if not row.is_empty():
            method = row["method"][0] if "method" in row.columns else None
            out.append(Reference(code, row["name_fi"][0], float(row["value"][0]), method == EXCL_VAALA))
    return out


def ranking(
    year_rows: pl.DataFrame,
    municipalities: pl.DataFrame,
    indicator: dict,
    highlight: Iterable[str] = (),
    *,
    texts: Texts | None = None,
) -> pl.DataFrame:
    """Every municipality ranked for one indicator-year (see module doc). `municipalities` holds
    area_code, name_fi, parent_code of the 30 municipalities; `indicator` is a catalogue row."""
    texts = texts_or_default(texts)
    highlight = set(highlight)
    decimals = decimals_of(indicator.get("decimals"))
    kunta = municipalities.select("area_code", "name_fi", "parent_code")
    values = year_rows.select(
        "area_code",
        *[
            pl.col(c) if c in year_rows.columns else pl.lit(None, dtype=pl.Float64).alias(c)
            for c in ("value", "numerator", "denominator")
        ],
        pl.col("status") if "status" in year_rows.columns else pl.lit(codes.OK).alias("status"),
    )
    frame = kunta.join(values, on="area_code", how="left").with_columns(
        pl.when(pl.col("value").is_null() & (pl.col("status") == codes.OK))
        .then(pl.lit(codes.MISSING))
        .otherwise(pl.col("status").fill_null(codes.MISSING))
        .alias("status")
    )
    descending = order_descending(indicator.get("polarity"))
    has = frame.filter(pl.col("value").is_not_null()).with_columns(pl.col("value").round(decimals).alias("_key"))
    has = (
        has.sort(["_key", "name_fi"], descending=[descending, False])
        .with_columns(pl.col("_key").rank(method="min", descending=descending).cast(pl.Int64).alias("rank"))
        .drop("_key")
    )
    missing = (
        frame.filter(pl.col("value").is_null()).sort("name_fi").with_columns(pl.lit(None, dtype=pl.Int64).alias("rank"))
    )
    ranked = pl.concat([has, missing.select(has.columns)])

    bench = year_rows.filter(pl.col("area_code") == BENCHMARK)["value"] if "area_code" in year_rows.columns else []
    benchmark = float(bench[0]) if len(bench) and bench[0] is not None else None
    judged = [
        _judge(r["value"], benchmark, indicator, r["numerator"], r["denominator"], texts)
        for r in ranked.iter_rows(named=True)
    ]
    return (
        ranked.with_columns(
            pl.col("area_code").is_in(list(highlight)).alias("highlight"),
            pl.Series("kind", [j.key for j in judged], dtype=pl.String),
            pl.Series("word", [j.word for j in judged], dtype=pl.String),
            pl.Series("symbol", [j.symbol for j in judged], dtype=pl.String),
            pl.Series("color", [j.color for j in judged], dtype=pl.String),
            pl.Series("tested", [j.tested for j in judged], dtype=pl.Boolean),
        )
        .select(list(RANKING_SCHEMA))
        .cast(RANKING_SCHEMA)
    )


def ranking_table(
    ranked: pl.DataFrame, decimals: int, year: int, benchmark_name: str, *, texts: Texts | None = None
) -> pl.DataFrame:
    """The ranking as shown: rank, municipality, value (text, 'ei tietoa' for missing), judgement."""
    texts = texts_or_default(texts)
    words, c = texts.common, texts.compare.RANKING_COLUMNS
    return ranked.select(
        pl.col("rank").alias(c["rank"]),
        pl.col("name_fi").alias(c["name"]),
        pl.lit(year).alias(c["year"]),
        pl.col("value").round(decimals).alias(c["value"]),
        pl.when(pl.col("status") == codes.SUPPRESSED)
        .then(pl.lit(words.SUPPRESSED))
        .when(pl.col("value").is_null())
        .then(pl.lit(words.NO_DATA))
        .otherwise(pl.lit(""))
        .alias(c["note"]),
        (pl.col("symbol") + " " + pl.col("word")).alias(c["judgement"].format(benchmark=benchmark_name)),
        pl.col("highlight").alias(c["highlight"]),
    )


# ---------------------------------------------------------------------------
# Area profile
# ---------------------------------------------------------------------------
PROFILE_SCHEMA = {
    "indicator_id": pl.String,
    "name_fi": pl.String,
    "theme": pl.String,
    "unit": pl.String,
    "year": pl.Int64,
    "area_code": pl.String,
    "municipality": pl.String,
    "value": pl.Float64,
    "status": pl.String,
    "benchmark": pl.Float64,
    "benchmark_excl_vaala": pl.Boolean,
    "kind": pl.String,
    "word": pl.String,
    "symbol": pl.String,
    "color": pl.String,
    "tested": pl.Boolean,
    "cell": pl.String,
}


def cell_text(
    value: float | None, status: str | None, decimals: int, symbol: str, *, texts: Texts | None = None
) -> str:
    """'12,3 ✖' – the number and the judgement symbol (colour is never the only signal)."""
    words = texts_or_default(texts).common
    if value is None:
        return words.SUPPRESSED if status == codes.SUPPRESSED else words.NO_DATA
    return f"{words.format_number(value, decimals)} {symbol}"


def profile_values(member_rows: pl.DataFrame, benchmark_series: pl.DataFrame) -> pl.DataFrame:
    """The `profile` input: the members' rows (query `area_profile`) and the benchmark's rows of the
    same indicators and years, taken from its annual series (query `area_series`)."""
    bench = benchmark_series.join(
        member_rows.select("indicator_id", "year").unique(), on=["indicator_id", "year"], how="semi"
    )
    return pl.concat([member_rows, bench.select(member_rows.columns)], how="vertical_relaxed")


def profile(
    values: pl.DataFrame,
    catalogue: pl.DataFrame,
    members: pl.DataFrame,
    benchmark: str = BENCHMARK,
    *,
    texts: Texts | None = None,
) -> pl.DataFrame:
    """Long profile: one row per indicator × member municipality (see module doc).

    `values`: indicator_id, year, area_code, value, numerator, denominator, status – the members'
    rows and the benchmark's row in each indicator's latest year (`profile_values`).
    `members`: area_code, name_fi of the area's municipalities, in display order."""
    if values.is_empty():
        return pl.DataFrame(schema=PROFILE_SCHEMA)
    texts = texts_or_default(texts)
    cat = {r["indicator_id"]: r for r in catalogue.iter_rows(named=True)}
    years = values.group_by("indicator_id").agg(pl.col("year").max())
    method = pl.col("method") if "method" in values.columns else pl.lit(None, dtype=pl.String)
    bench = values.filter(pl.col("area_code") == benchmark).select(
        "indicator_id",
        "year",
        pl.col("value").alias("benchmark"),
        (method == EXCL_VAALA).fill_null(False).alias("benchmark_excl_vaala"),
    )
    grid = years.join(members.select("area_code", pl.col("name_fi").alias("municipality")), how="cross")
    cols = [c for c in ("value", "numerator", "denominator", "status") if c in values.columns]
    frame = grid.join(
        values.select("indicator_id", "year", "area_code", *cols), on=["indicator_id", "year", "area_code"], how="left"
    ).join(bench, on=["indicator_id", "year"], how="left")
    rows = []
    for r in frame.iter_rows(named=True):
        ind = cat.get(r["indicator_id"])
        if ind is None:
            continue
        c = _judge(r["value"], r["benchmark"], ind, r.get("numerator"), r.get("denominator"), texts)
        status = r.get("status") or codes.MISSING
        rows.append(
            {
                "indicator_id": r["indicator_id"],
                "name_fi": ind["name_fi"],
                "theme": ind["theme"],
                "unit": ind["unit"],
                "year": int(r["year"]),
                "area_code": r["area_code"],
                "municipality": r["municipality"],
                "value": r["value"],
                "status": status,
                "benchmark": r["benchmark"],
                "benchmark_excl_vaala": bool(r["benchmark_excl_vaala"]),
                "kind": c.key,
                "word": c.word,
                "symbol": c.symbol,
                "color": c.color,
                "tested": c.tested,
                "cell": cell_text(r["value"], status, decimals_of(ind.get("decimals")), c.symbol, texts=texts),
            }
        )
    out = pl.DataFrame(rows, schema=PROFILE_SCHEMA)
    order = {t: i for i, t in enumerate(texts.common.THEMES_ORDER)}
    # Freshest data first (what a coordinator can act on), then by life stage and name.
    return out.sort(
        pl.col("year"),
        pl.col("theme").replace_strict(order, default=len(order), return_dtype=pl.Int8),
        "name_fi",
        descending=[True, False, False],
        maintain_order=True,
    )


def profile_wide(
    long: pl.DataFrame,
    members: list[str],
    catalogue: pl.DataFrame,
    this_year: int,
    benchmark_label: str,
    mark: str | None = None,
    *,
    texts: Texts | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(text, kinds): one row per indicator, columns Indikaattori, Vuosi, <benchmark>, members.
    `text` holds what each cell shows, `kinds` the judgement key of each member cell (for colour).
    The `mark` indicator (the one chosen in the sidebar) is prefixed with "▶"."""
    texts = texts_or_default(texts)
    words, c = texts.common, texts.compare.PROFILE_COLUMNS
    name_col, year_col = c["indicator"], c["year"]
    head_schema = {name_col: pl.String, year_col: pl.String, benchmark_label: pl.String}
    if long.is_empty():
        empty = pl.DataFrame(schema=head_schema)
        return empty, empty
    dec = {r["indicator_id"]: decimals_of(r["decimals"]) for r in catalogue.iter_rows(named=True)}
    heads = long.select("indicator_id", "name_fi", "unit", "year", "benchmark", "benchmark_excl_vaala").unique(
        "indicator_id", keep="first", maintain_order=True
    )
    head_rows = []
    for r in heads.iter_rows(named=True):
        stale = words.stale_note(r["year"], this_year) is not None
        head_rows.append(
            {
                "indicator_id": r["indicator_id"],
                name_col: ("▶ " if r["indicator_id"] == mark else "") + f"{r['name_fi']} ({r['unit']})",
                year_col: f"{r['year']} {texts.compare.STALE_MARK}" if stale else str(r["year"]),
                benchmark_label: words.format_number(r["benchmark"], dec.get(r["indicator_id"], 1))
                + (f" {EXCL_VAALA_MARK}" if r["benchmark_excl_vaala"] else ""),
            }
        )
    head = pl.DataFrame(head_rows, schema={"indicator_id": pl.String, **head_schema})
    text = long.pivot(on="municipality", index="indicator_id", values="cell", aggregate_function="first")
    kinds = long.pivot(on="municipality", index="indicator_id", values="kind", aggregate_function="first")
    cols = [m for m in members if m in text.columns]
    text = head.join(text.select("indicator_id", *cols), on="indicator_id", how="left", maintain_order="left")
    kinds = head.join(kinds.select("indicator_id", *cols), on="indicator_id", how="left", maintain_order="left")
    return text.drop("indicator_id"), kinds.drop("indicator_id")


def profile_csv(long: pl.DataFrame, benchmark_name: str, *, texts: Texts | None = None) -> pl.DataFrame:
    """The profile in tidy form for download: every shown cell with its number and judgement."""
    c = texts_or_default(texts).compare.PROFILE_COLUMNS
    return long.select(
        pl.col("name_fi").alias(c["indicator"]),
        pl.col("unit").alias(c["unit"]),
        pl.col("year").alias(c["year"]),
        pl.col("municipality").alias(c["municipality"]),
        pl.col("value").alias(c["value"]),
        pl.col("benchmark").alias(benchmark_name),
        pl.col("symbol").alias(c["symbol"]),
        pl.col("word").alias(c["judgement"]),
        pl.col("tested").alias(c["tested"]),
    )


# ---------------------------------------------------------------------------
# Spread inside the areas
# ---------------------------------------------------------------------------
def member_counts(areas: pl.DataFrame) -> dict[str, int]:
    """How many municipalities each Pohde area has."""
    kunnat = areas.filter(pl.col("level") == codes.MUNICIPALITY)
    return {r["parent_code"]: r["len"] for r in kunnat.group_by("parent_code").len().iter_rows(named=True)}


def spread(rows: pl.DataFrame, counts: dict[str, int]) -> pl.DataFrame:
    """Spread rows for areas with at least two municipalities, with `n_members`, `complete`
    (every member had a value) and `ratio` = max / min (null unless min > 0)."""
    multi = [code for code, n in counts.items() if n >= 2]
    out = rows.filter(pl.col("area_code").is_in(multi) & (pl.col("n_values") >= 2)).with_columns(
        pl.col("area_code").replace_strict(counts, default=None, return_dtype=pl.Int64).alias("n_members"),
    )
    return out.with_columns(
        (pl.col("n_values") == pl.col("n_members")).alias("complete"),
        pl.when(pl.col("min_value") > 0).then(pl.col("max_value") / pl.col("min_value")).otherwise(None).alias("ratio"),
        pl.col("year").cast(pl.Int64),
    )


def spread_latest(spread_rows: pl.DataFrame) -> pl.DataFrame:
    """Each area's newest year (complete years preferred) – for the highest/lowest sentences."""
    if spread_rows.is_empty():
        return spread_rows
    ranked = spread_rows.sort(["area_code", "complete", "year"], descending=[False, True, True])
    firsts = ranked.group_by("area_code", maintain_order=True).first()
    order = spread_rows.select("area_code").unique(maintain_order=True).with_row_index("_o")
    return firsts.join(order, on="area_code").sort("_o").drop("_o")


def spread_table(spread_rows: pl.DataFrame, decimals: int, *, texts: Texts | None = None) -> pl.DataFrame:
    c = texts_or_default(texts).compare.SPREAD_COLUMNS
    return spread_rows.select(
        pl.col("area_name").alias(c["area"]),
        pl.col("year").alias(c["year"]),
        pl.col("max_value").round(decimals).alias(c["max"]),
        pl.col("max_name").alias(c["max_name"]),
        pl.col("min_value").round(decimals).alias(c["min"]),
        pl.col("min_name").alias(c["min_name"]),
        pl.col("range_value").round(decimals).alias(c["range"]),
        pl.col("ratio").round(2).alias(c["ratio"]),
        pl.format("{}/{}", pl.col("n_values"), pl.col("n_members")).alias(c["n_values"]),
    )


# ---------------------------------------------------------------------------
# Indicator catalogue (the Indikaattorit page)
# ---------------------------------------------------------------------------
SEARCH_FIELDS = ("name_fi", "indicator_id", "topic", "theme", "source_org", "caveat_fi", "unit")


def years_text(first: int | None, last: int | None, *, texts: Texts | None = None) -> str:
    """'2015–2023', '2012', or 'ei dataa' when nothing was shipped."""
    if first is None or last is None:
        return texts_or_default(texts).catalogue.NO_DATA_YEARS
    return str(first) if first == last else f"{first}–{last}"


def aggregation_text(row: dict, names: dict[str, str], short: bool = False, *, texts: Texts | None = None) -> str:
    """How an indicator's area values are made, in plain words (weight indicator named);
    `short` gives the table's compact form."""
    texts = texts_or_default(texts)
    words = texts.catalogue
    rule = row.get("aggregation") or "none"
    scale = row.get("scale")
    weight_id = row.get("weight_indicator")
    weight = names.get(weight_id, words.WEIGHT_UNKNOWN.format(id=weight_id)) if weight_id else ""
    scale_text = texts.common.format_number(scale, 0) if scale is not None else "1"
    quoted = words.WEIGHT_QUOTED.format(name=weight)
    if short:
        return words.AGGREGATION_SHORT[rule].format(scale=scale_text, weight=quoted)
    text = words.AGGREGATION_EXPLAINED[rule].format(scale=scale_text, weight=quoted)
    return text + (words.ALL_MEMBERS_NOTE if rule != "none" else "")


def sotkanet_url(sotkanet_id, *, texts: Texts | None = None) -> str | None:
    if sotkanet_id is None:
        return None
    return texts_or_default(texts).catalogue.SOTKANET_URL.format(id=int(sotkanet_id))


def search_catalogue(
    catalogue: pl.DataFrame,
    words: str = "",
    theme: str | None = None,
    topic: str | None = None,
    polarity: str | None = None,
    only_data: bool = False,
    *,
    texts: Texts | None = None,
) -> pl.DataFrame:
    """The catalogue rows matching every word (case-insensitive, literal) in any text field, and
    the chosen theme / topic / polarity; ordered by theme (life stage) and name."""
    out = catalogue
    haystack = pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in SEARCH_FIELDS], separator=" ")
    for word in words.lower().split():
        out = out.filter(haystack.str.to_lowercase().str.contains(word, literal=True))
    if theme:
        out = out.filter(pl.col("theme") == theme)
    if topic:
        out = out.filter(pl.col("topic") == topic)
    if polarity:
        out = out.filter(pl.col("polarity") == polarity)
    if only_data:
        out = out.filter(pl.col("n_values") > 0)
    order = {t: i for i, t in enumerate(texts_or_default(texts).common.THEMES_ORDER)}
    return out.sort(pl.col("theme").replace_strict(order, default=len(order), return_dtype=pl.Int8), "name_fi")


def catalogue_table(rows: pl.DataFrame, catalogue: pl.DataFrame, *, texts: Texts | None = None) -> pl.DataFrame:
    """The catalogue as shown (and downloaded): one row per indicator, every field in words."""
    texts = texts_or_default(texts)
    words = texts.catalogue
    names = dict(zip(catalogue["indicator_id"], catalogue["name_fi"]))
    c = words.COLUMNS
    out = []
    for r in rows.iter_rows(named=True):
        out.append(
            {
                c["name"]: r["name_fi"],
                c["id"]: r["indicator_id"],
                c["theme"]: r["theme"],
                c["topic"]: r["topic"] or "",
                c["unit"]: f"{r['unit']} – {words.VALUE_TYPES.get(r['value_type'], r['value_type'])}",
                c["source"]: r["source_org"],
                c["years"]: years_text(r["first_year"], r["last_year"], texts=texts),
                c["aggregation"]: aggregation_text(r, names, short=True, texts=texts),
                c["polarity"]: words.POLARITY_FILTER[r["polarity"]],
                c["licence"]: r["licence"],
                c["caveat"]: r["caveat_fi"] or "",
                c["sotkanet"]: sotkanet_url(r["sotkanet_id"], texts=texts),
                c["certainty"]: words.CERTAINTY.get(r["certainty"], r["certainty"] or ""),
            }
        )
    return pl.DataFrame(out, schema={v: pl.String for v in c.values()})
