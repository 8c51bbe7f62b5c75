"""Area values computed from municipal values, the honest way for each kind of indicator.

- `sum`: counts add up (population, jobs).
- `ratio`: rates from numerators and denominators, Σnumerator / Σdenominator × scale. Where the
  source gives only the rate and the absolute count, the denominator is derived from the two
  (count × scale / rate). Never a plain mean of municipal rates.
- `weighted`: Σ(value × weight) / Σweight with the weight indicator of the same year (e.g.
  population for per-inhabitant figures). Exact where the weight is the rate's own base,
  otherwise a documented estimate (the catalogue's caveat says so).
- `none`: no area value is computed (medians, Gini coefficients, age-specific rates …).

An area value is computed only when every member municipality has a value; otherwise the area
gets a `missing` row, so a partial sum never passes for a total.
Pure polars: no I/O, no DuckDB, so every rule is unit-tested with hand-computed numbers.
"""

from __future__ import annotations

import polars as pl

KEY = ["indicator_id", "area_code", "year", "month", "gender"]
SERIES = ["indicator_id", "year", "month", "gender"]

OBS_SCHEMA = {
    "indicator_id": pl.String, "area_code": pl.String, "year": pl.Int32, "month": pl.Int32,
    "gender": pl.String, "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64,
    "status": pl.String, "method": pl.String, "source": pl.String, "note": pl.String,
}
CHECK_SCHEMA = {
    "indicator_id": pl.String, "area_code": pl.String, "year": pl.Int32, "month": pl.Int32,
    "gender": pl.String, "source_value": pl.Float64, "computed_value": pl.Float64,
    "abs_diff": pl.Float64, "tolerance": pl.Float64, "ok": pl.Boolean, "note": pl.String,
}

SOURCE_LABEL = {"sotkanet": "THL Sotkanet", "statfin": "Tilastokeskus", "tem": "TEM / Tilastokeskus"}
COMPUTED_SOURCE = "laskettu kuntien arvoista"
NOTE_EXCL_VAALA = "Lähteen Pohjois-Pohjanmaa on vuoden 2013 aluejaon mukainen (ilman Vaalaa)."


def group_members(membership: pl.DataFrame) -> pl.DataFrame:
    """(kuntanumero, group_code) for every area that is built from municipalities."""
    kunnat = membership.select("kuntanumero")
    return pl.concat([
        membership.select("kuntanumero", pl.col("area_code").alias("group_code")),
        kunnat.with_columns(pl.lit("HVA19").alias("group_code")),
        kunnat.with_columns(pl.lit("MK17").alias("group_code")),
    ])


def municipal_rows(values: pl.DataFrame, catalog: pl.DataFrame, kuntanumerot: list[str]) -> pl.DataFrame:
    """Municipal observations with numerator/denominator for ratio indicators and explicit
    `missing` rows for municipalities that lack a value in a series the others have."""
    kunta = values.filter(pl.col("area_code").is_in(kuntanumerot))
    kunta = kunta.join(catalog.select("indicator_id", "aggregation", "scale"), on="indicator_id", how="left")
    is_ratio = pl.col("aggregation") == "ratio"
    derivable = is_ratio & pl.col("abs_value").is_not_null() & (pl.col("value") > 0)
    kunta = kunta.with_columns(
        pl.when(is_ratio).then(pl.col("abs_value")).otherwise(None).alias("numerator"),
        pl.when(derivable).then(pl.col("abs_value") * pl.col("scale") / pl.col("value")).otherwise(None)
        .alias("denominator"),
        pl.lit("source").alias("method"),
        pl.col("source").replace_strict(SOURCE_LABEL, default=pl.col("source")).alias("source"),
        pl.lit(None, dtype=pl.String).alias("note"),
    )
    series = kunta.select(SERIES).unique()
    grid = series.join(pl.DataFrame({"area_code": kuntanumerot}), how="cross")
    full = grid.join(kunta, on=KEY, how="left", nulls_equal=True).with_columns(
        pl.col("status").fill_null("missing"),
        pl.col("method").fill_null("source"),
    )
    # A missing row names the series' source too (from a sibling row), so nothing is anonymous.
    full = full.with_columns(pl.col("source").fill_null(pl.col("source").drop_nulls().first().over(SERIES)))
    return full.select(list(OBS_SCHEMA)).cast(OBS_SCHEMA)


def compute_area_values(kunta: pl.DataFrame, catalog: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    """Aggregates for every group (the six areas, HVA19, MK17) by each indicator's rule."""
    sizes = members.group_by("group_code").agg(pl.len().alias("n_members"))
    rules = catalog.select("indicator_id", "aggregation", "weight_indicator", "scale")
    rows = (kunta.join(rules, on="indicator_id", how="left")
            .filter(pl.col("aggregation").is_in(["sum", "ratio", "weighted"]))
            .join(members, left_on="area_code", right_on="kuntanumero", how="inner"))
    weights = (kunta.filter(pl.col("status") == "ok")
               .select(pl.col("indicator_id").alias("weight_indicator"), "area_code", "year", "month", "gender",
                       pl.col("value").alias("weight")))
    rows = rows.join(weights, on=["weight_indicator", "area_code", "year", "month", "gender"], how="left",
                     nulls_equal=True)
    agg = rows.group_by(["group_code", *SERIES, "aggregation", "weight_indicator", "scale"]).agg(
        pl.col("value").sum().alias("v_sum"),
        pl.col("value").is_not_null().sum().alias("n_value"),
        pl.col("numerator").sum().alias("num_sum"),
        pl.col("denominator").sum().alias("den_sum"),
        (pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()).sum().alias("n_ratio"),
        (pl.col("value") * pl.col("weight")).sum().alias("vw_sum"),
        pl.col("weight").sum().alias("w_sum"),
        (pl.col("value").is_not_null() & pl.col("weight").is_not_null()).sum().alias("n_weighted"),
        pl.col("source").drop_nulls().first().alias("member_source"),
    ).join(sizes, on="group_code")
    agg_name = pl.col("aggregation")
    complete = (pl.when(agg_name == "sum").then(pl.col("n_value"))
                .when(agg_name == "ratio").then(pl.col("n_ratio"))
                .otherwise(pl.col("n_weighted")) == pl.col("n_members"))
    value = (pl.when(agg_name == "sum").then(pl.col("v_sum"))
             .when(agg_name == "ratio").then(pl.col("num_sum") / pl.col("den_sum") * pl.col("scale"))
             .otherwise(pl.col("vw_sum") / pl.col("w_sum")))
    note = (pl.when(~complete).then(pl.lit("Alueen arvoa ei laskettu: jonkin jäsenkunnan arvo puuttuu."))
            .when(agg_name == "weighted")
            .then(pl.format("Painotettu keskiarvo, painona indikaattori {}.", pl.col("weight_indicator")))
            .when(agg_name == "ratio").then(pl.lit("Σ osoittaja / Σ nimittäjä."))
            .otherwise(pl.lit("Jäsenkuntien summa.")))
    out = agg.with_columns(
        pl.when(complete).then(value).otherwise(None).alias("value"),
        pl.when(complete & (agg_name == "ratio")).then(pl.col("num_sum")).otherwise(None).alias("numerator"),
        pl.when(complete & (agg_name == "ratio")).then(pl.col("den_sum")).otherwise(None).alias("denominator"),
        pl.when(complete).then(pl.lit("ok")).otherwise(pl.lit("missing")).alias("status"),
        agg_name.alias("method"),
        pl.format("{} ({})", pl.lit(COMPUTED_SOURCE), pl.col("member_source")).alias("source"),
        note.alias("note"),
        pl.col("group_code").alias("area_code"),
    )
    return out.select(list(OBS_SCHEMA)).cast(OBS_SCHEMA)


def combine_region(computed: pl.DataFrame, sources: pl.DataFrame, catalog: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Final values for HVA19/MK17/SSS: the source's own value where it covers today's region,
    else the computed one; plus the comparison rows (source vs computed) for aggregate_checks."""
    src = sources.with_columns(
        pl.when(pl.col("territory_note") == "excl_vaala").then(pl.lit("source_excl_vaala"))
        .otherwise(pl.lit("source")).alias("method"),
        pl.col("source").replace_strict(SOURCE_LABEL, default=pl.col("source")).alias("source"),
        pl.when(pl.col("territory_note") == "excl_vaala").then(pl.lit(NOTE_EXCL_VAALA))
        .otherwise(None).alias("note"),
        pl.lit(None, dtype=pl.Float64).alias("numerator"),
        pl.lit(None, dtype=pl.Float64).alias("denominator"),
    )
    rules = catalog.select("indicator_id", "aggregation", "scale", "decimals")
    src = src.join(rules, on="indicator_id", how="left").with_columns(
        pl.when((pl.col("aggregation") == "ratio") & pl.col("abs_value").is_not_null() & (pl.col("value") > 0))
        .then(pl.col("abs_value")).otherwise(None).alias("numerator"),
        pl.when((pl.col("aggregation") == "ratio") & pl.col("abs_value").is_not_null() & (pl.col("value") > 0))
        .then(pl.col("abs_value") * pl.col("scale") / pl.col("value")).otherwise(None).alias("denominator"),
    )
    # HVA19 is the same territory as MK17 (the 30 municipalities): it takes MK17's source values
    # where it has none of its own, but never the 2013-border ones.
    hva_own = src.filter(pl.col("area_code") == "HVA19")
    hva_from_mk = (src.filter((pl.col("area_code") == "MK17") & (pl.col("method") == "source"))
                   .with_columns(pl.lit("HVA19").alias("area_code"))
                   .join(hva_own.select(KEY), on=KEY, how="anti", nulls_equal=True))
    src = pl.concat([src.filter(pl.col("area_code") != "HVA19"), hva_own, hva_from_mk], how="diagonal_relaxed")

    # Only source rows that carry a value can be shown instead of, or checked against, ours.
    src_ok = src.filter(pl.col("status") == "ok")
    both = computed.filter(pl.col("status") == "ok").join(
        src_ok.select(*KEY, pl.col("value").alias("source_value"), pl.col("method").alias("source_method"), "decimals"),
        on=KEY, how="inner", nulls_equal=True)
    # Agreement "within rounding": half a unit of the published precision, plus 0.5 % of the value
    # for denominators derived from rounded rates (count × scale / rounded rate).
    checks = both.with_columns(
        pl.col("value").alias("computed_value"),
        (pl.col("value") - pl.col("source_value")).abs().alias("abs_diff"),
        (0.5 * pl.lit(10.0).pow(-pl.col("decimals")) + 0.005 * pl.col("source_value").abs()).alias("tolerance"),
    ).with_columns(
        pl.when(pl.col("source_method") == "source_excl_vaala").then(None)
        .otherwise(pl.col("abs_diff") <= pl.col("tolerance")).alias("ok"),
        pl.when(pl.col("source_method") == "source_excl_vaala")
        .then(pl.lit("Lähde ilman Vaalaa (2013 aluejako): tässä käytetään laskettua arvoa nykyisille 30 kunnalle."))
        .otherwise(pl.lit("Lähteen arvo näytetään; laskettu arvo tarkistuksena.")).alias("note"),
    ).select(list(CHECK_SCHEMA)).cast(CHECK_SCHEMA)

    # Which value is shown: a current-territory source value beats the computed value; the
    # computed value beats a 2013-border source value.
    computed_ok = computed.filter(pl.col("status") == "ok").select(KEY)
    current = src_ok.filter(pl.col("method") == "source")
    old_border = src_ok.filter(pl.col("method") == "source_excl_vaala").join(
        computed_ok, on=KEY, how="anti", nulls_equal=True)
    # A suppressed/missing source row stays visible only where we have no value of our own.
    valueless = (src.filter(pl.col("status") != "ok")
                 .join(computed_ok, on=KEY, how="anti", nulls_equal=True))
    keep_src = pl.concat([current, old_border, valueless])
    final_src = keep_src.select(list(OBS_SCHEMA)).cast(OBS_SCHEMA)
    final_comp = computed.join(final_src.select(KEY), on=KEY, how="anti", nulls_equal=True)
    final = pl.concat([final_src, final_comp]).sort(KEY, nulls_last=False)
    return final, checks.sort(KEY)


def build_observations(values: pl.DataFrame, catalog: pl.DataFrame, membership: pl.DataFrame,
                       kuntanumerot: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """All observations (municipal, area, region, country) and the aggregate checks."""
    kunta = municipal_rows(values, catalog, kuntanumerot)
    computed = compute_area_values(kunta, catalog, group_members(membership))
    areas = computed.filter(~pl.col("area_code").is_in(["HVA19", "MK17"]))
    region_computed = computed.filter(pl.col("area_code").is_in(["HVA19", "MK17"]))
    sources = values.filter(pl.col("area_code").is_in(["HVA19", "MK17", "SSS"]))
    region, checks = combine_region(region_computed, sources, catalog)
    observations = pl.concat([kunta, areas, region]).sort(KEY, nulls_last=False)
    return observations, checks
