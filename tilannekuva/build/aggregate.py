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

from .. import codes
from .inputs import KEY_SCHEMA

KEY = list(KEY_SCHEMA)
SERIES = ["indicator_id", "year", "month", "gender"]

OBS_SCHEMA = {
    **KEY_SCHEMA,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "status": pl.String,
    "method": pl.String,
    "source": pl.String,
    "note": pl.String,
}
CHECK_SCHEMA = {
    "indicator_id": pl.String,
    "area_code": pl.String,
    "year": pl.Int32,
    "month": pl.Int32,
    "gender": pl.String,
    "source_value": pl.Float64,
    "computed_value": pl.Float64,
    "abs_diff": pl.Float64,
    "tolerance": pl.Float64,
    "ok": pl.Boolean,
    "note": pl.String,
}

#: `territory_note` of a tidy value that a loader estimated (inputs_fresh.ESTIMATE).
ESTIMATE = "estimate"
#: Method of an area that is one municipality (the Pohde area Oulu = the city of Oulu): its rows.
SAME_TERRITORY = codes.SAME_TERRITORY
#: Method of an area value estimated from members' rates without counts (see estimate_ratio_areas).
ESTIMATED = codes.ESTIMATE
#: The municipality that was not part of Pohjois-Pohjanmaa in the 2013 Sotkanet export.
VAALA = "785"

SOURCE_LABEL = {"sotkanet": "THL Sotkanet", "statfin": "Tilastokeskus", "tem": "TEM / Tilastokeskus"}
COMPUTED_SOURCE = "laskettu kuntien arvoista"
NOTE_ESTIMATE_MEAN = (
    "Arvio: kuukausiosuuksien keskiarvo, koska kaikkien kuukausien lukumääriä ei ole "
    "(vuoden luku lasketaan muuten Σ työttömät / Σ työvoima)."
)
NOTE_EXCL_VAALA = "Lähteen Pohjois-Pohjanmaa on vuoden 2013 aluejaon mukainen (ilman Vaalaa)."


def group_members(membership: pl.DataFrame) -> pl.DataFrame:
    """(kuntanumero, group_code) for every area that is built from municipalities."""
    kunnat = membership.select("kuntanumero")
    return pl.concat(
        [
            membership.select("kuntanumero", pl.col("area_code").alias("group_code")),
            kunnat.with_columns(pl.lit(codes.COUNTY).alias("group_code")),
            kunnat.with_columns(pl.lit(codes.REGION).alias("group_code")),
        ]
    )


def municipal_rows(values: pl.DataFrame, catalog: pl.DataFrame, kuntanumerot: list[str]) -> pl.DataFrame:
    """Municipal observations with numerator/denominator for ratio indicators and explicit
    `missing` rows for municipalities that lack a value in a series the others have."""
    kunta = values.filter(pl.col("area_code").is_in(kuntanumerot))
    kunta = kunta.join(catalog.select("indicator_id", "aggregation", "scale"), on="indicator_id", how="left")
    is_ratio = pl.col("aggregation") == "ratio"
    derivable = is_ratio & pl.col("abs_value").is_not_null() & (pl.col("value") > 0)
    kunta = kunta.with_columns(
        pl.when(is_ratio).then(pl.col("abs_value")).otherwise(None).alias("numerator"),
        pl.when(derivable)
        .then(pl.col("abs_value") * pl.col("scale") / pl.col("value"))
        .otherwise(None)
        .alias("denominator"),
        pl.when(pl.col("territory_note") == ESTIMATE)
        .then(pl.lit(codes.ESTIMATE))
        .otherwise(pl.lit(codes.SOURCE))
        .alias("method"),
        pl.col("source").replace_strict(SOURCE_LABEL, default=pl.col("source")).alias("source"),
        pl.when(pl.col("territory_note") == ESTIMATE)
        .then(pl.lit(NOTE_ESTIMATE_MEAN))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias("note"),
    )
    series = kunta.select(SERIES).unique()
    grid = series.join(pl.DataFrame({"area_code": kuntanumerot}), how="cross")
    full = grid.join(kunta, on=KEY, how="left", nulls_equal=True).with_columns(
        pl.col("status").fill_null(codes.MISSING),
        pl.col("method").fill_null(codes.SOURCE),
    )
    # A missing row names the series' source too (from a sibling row), so nothing is anonymous.
    full = full.with_columns(pl.col("source").fill_null(pl.col("source").drop_nulls().first().over(SERIES)))
    return full.select(list(OBS_SCHEMA)).cast(OBS_SCHEMA)


def compute_area_values(kunta: pl.DataFrame, catalog: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    """Aggregates for every group of two or more members (areas, HVA19, MK17) by each indicator's
    rule, with `margin`: how far the computed value can be off because its inputs were rounded
    (used by the aggregate check; dropped before the rows are stored)."""
    sizes = members.group_by("group_code").agg(pl.len().alias("n_members"))
    rules = catalog.select("indicator_id", "aggregation", "weight_indicator", "scale", "decimals")
    rows = (
        kunta.join(rules, on="indicator_id", how="left")
        .filter(pl.col("aggregation").is_in(["sum", "ratio", "weighted"]))
        .join(members, left_on="area_code", right_on="kuntanumero", how="inner")
    )
    weights = kunta.filter(pl.col("status") == codes.OK).select(
        pl.col("indicator_id").alias("weight_indicator"),
        "area_code",
        "year",
        "month",
        "gender",
        pl.col("value").alias("weight"),
    )
    rows = rows.join(
        weights, on=["weight_indicator", "area_code", "year", "month", "gender"], how="left", nulls_equal=True
    )
    half_unit = 0.5 * pl.lit(10.0).pow(-pl.col("decimals"))
    # A denominator derived as count × scale / rate inherits the rate's rounding (half a unit of its
    # published precision) as a relative error; a known denominator has none.
    # (A rate the loader computed from counts itself, e.g. TEM's, carries more digits than its
    # published precision: not rounded, so its denominator is exact.)
    unit = pl.lit(10.0).pow(-pl.col("decimals"))
    rounded = ((pl.col("value") / unit).round(0) * unit - pl.col("value")).abs() < 1e-9
    derived = pl.col("numerator").is_not_null() & (pl.col("value") > 0) & (pl.col("method") == codes.SOURCE) & rounded
    rows = rows.with_columns(
        pl.when(derived).then(half_unit / pl.col("value")).otherwise(0.0).alias("den_rel_err"),
        pl.when(pl.col("value").is_not_null() & (pl.col("value") != pl.col("value").round(0)))
        .then(half_unit)
        .otherwise(0.0)
        .alias("value_rounding"),
    )
    agg = (
        rows.group_by(["group_code", *SERIES, "aggregation", "weight_indicator", "scale", "decimals"])
        .agg(
            pl.col("value").sum().alias("v_sum"),
            pl.col("value").is_not_null().sum().alias("n_value"),
            pl.col("numerator").sum().alias("num_sum"),
            pl.col("denominator").sum().alias("den_sum"),
            (pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()).sum().alias("n_ratio"),
            (pl.col("value") * pl.col("weight")).sum().alias("vw_sum"),
            pl.col("weight").sum().alias("w_sum"),
            (pl.col("value").is_not_null() & pl.col("weight").is_not_null()).sum().alias("n_weighted"),
            pl.col("source").drop_nulls().first().alias("member_source"),
            pl.col("den_rel_err").max().alias("den_rel_err"),
            pl.col("value_rounding").sum().alias("sum_rounding"),
        )
        .join(sizes, on="group_code")
        .filter(pl.col("n_members") > 1)
    )
    agg_name = pl.col("aggregation")
    complete = pl.when(agg_name == "sum").then(pl.col("n_value")).when(agg_name == "ratio").then(
        pl.col("n_ratio")
    ).otherwise(pl.col("n_weighted")) == pl.col("n_members")
    value = (
        pl.when(agg_name == "sum")
        .then(pl.col("v_sum"))
        .when(agg_name == "ratio")
        .then(pl.col("num_sum") / pl.col("den_sum") * pl.col("scale"))
        .otherwise(pl.col("vw_sum") / pl.col("w_sum"))
    )
    eps = pl.col("den_rel_err")
    margin = (
        pl.when(agg_name == "sum")
        .then(pl.col("sum_rounding"))
        .when(agg_name == "ratio")
        .then(value.abs() * eps / (1 - eps))
        .otherwise(0.5 * pl.lit(10.0).pow(-pl.col("decimals")))
    )
    note = (
        pl.when(~complete)
        .then(pl.lit("Alueen arvoa ei laskettu: jonkin jäsenkunnan arvo puuttuu."))
        .when(agg_name == "weighted")
        .then(pl.format("Painotettu keskiarvo, painona indikaattori {}.", pl.col("weight_indicator")))
        .when(agg_name == "ratio")
        .then(pl.lit("Σ osoittaja / Σ nimittäjä."))
        .otherwise(pl.lit("Jäsenkuntien summa."))
    )
    out = agg.with_columns(
        pl.when(complete).then(value).otherwise(None).alias("value"),
        pl.when(complete & (agg_name == "ratio")).then(pl.col("num_sum")).otherwise(None).alias("numerator"),
        pl.when(complete & (agg_name == "ratio")).then(pl.col("den_sum")).otherwise(None).alias("denominator"),
        pl.when(complete).then(pl.lit(codes.OK)).otherwise(pl.lit(codes.MISSING)).alias("status"),
        agg_name.alias("method"),
        pl.format("{} ({})", pl.lit(COMPUTED_SOURCE), pl.col("member_source")).alias("source"),
        note.alias("note"),
        pl.col("group_code").alias("area_code"),
        pl.when(complete).then(margin).otherwise(None).alias("margin"),
    )
    return out.select(*OBS_SCHEMA, "margin").cast({**OBS_SCHEMA, "margin": pl.Float64})


def estimate_ratio_areas(
    kunta: pl.DataFrame, computed: pl.DataFrame, catalog: pl.DataFrame, members: pl.DataFrame
) -> pl.DataFrame:
    """Area rates for the periods where the members have rates but no counts (TEM 12r5 from
    2023-11): Σ(rateᵢ × wᵢ) / Σwᵢ, each member weighted by its denominator (labour force) in the
    latest earlier period that has one. Marked `estimate`; such a value gets no numerator or
    denominator, so no test is made on it. A period is estimated only when no member has a
    denominator in it (a merely incomplete period stays missing) and every member has a rate and a
    reference weight. Returns `computed` with those missing rows replaced."""
    ratio_ids = catalog.filter(pl.col("aggregation") == "ratio")["indicator_id"]
    rows = kunta.filter(pl.col("indicator_id").is_in(ratio_ids.implode()))
    period = pl.col("year") * 100 + pl.col("month").fill_null(0)
    counted = rows.filter(pl.col("denominator").is_not_null())
    reference = (
        counted.with_columns(period.alias("period"))
        .sort("period")
        .group_by("indicator_id", "gender", "area_code", pl.col("month").is_null().alias("annual"))
        .agg(
            pl.col("denominator").last().alias("weight"),
            pl.col("period").last().alias("ref_period"),
            pl.col("year").last().alias("ref_year"),
            pl.col("month").last().alias("ref_month"),
        )
    )
    periods_with_counts = counted.select(SERIES).unique()
    candidates = (
        rows.filter(pl.col("status") == codes.OK)
        .join(periods_with_counts, on=SERIES, how="anti", nulls_equal=True)
        .with_columns(period.alias("period"), pl.col("month").is_null().alias("annual"))
        .join(reference, on=["indicator_id", "gender", "area_code", "annual"], how="inner")
        .filter(pl.col("period") > pl.col("ref_period"))
        .join(members, left_on="area_code", right_on="kuntanumero", how="inner")
    )
    if not candidates.height:
        return computed
    sizes = members.group_by("group_code").agg(pl.len().alias("n_members"))
    est = (
        candidates.group_by("group_code", *SERIES)
        .agg(
            ((pl.col("value") * pl.col("weight")).sum() / pl.col("weight").sum()).alias("value"),
            pl.len().alias("n"),
            pl.col("ref_year").max().alias("ref_year"),
            pl.col("ref_month").max().alias("ref_month"),
            pl.col("source").drop_nulls().first().alias("member_source"),
        )
        .join(sizes, on="group_code")
        .filter((pl.col("n") == pl.col("n_members")) & (pl.col("n_members") > 1))
    )
    reference_label = (
        pl.when(pl.col("ref_month").is_null())
        .then(pl.col("ref_year").cast(pl.String))
        .otherwise(pl.format("{}-{}", pl.col("ref_year"), pl.col("ref_month").cast(pl.String).str.zfill(2)))
    )
    est = est.select(
        "indicator_id",
        pl.col("group_code").alias("area_code"),
        "year",
        "month",
        "gender",
        "value",
        pl.lit(None, dtype=pl.Float64).alias("numerator"),
        pl.lit(None, dtype=pl.Float64).alias("denominator"),
        pl.lit(codes.OK).alias("status"),
        pl.lit(ESTIMATED).alias("method"),
        pl.format("{} ({})", pl.lit(COMPUTED_SOURCE), pl.col("member_source")).alias("source"),
        pl.format(
            "Arvio: kuntien osuudet painotettuna niiden työvoimalla ({}), koska lukumääriä ei ole.", reference_label
        ).alias("note"),
        pl.lit(None, dtype=pl.Float64).alias("margin"),
    ).cast(computed.schema)
    kept = computed.join(est.select(KEY), on=KEY, how="anti", nulls_equal=True)
    return pl.concat([kept, est])


def same_territory_areas(
    kunta: pl.DataFrame, members: pl.DataFrame, names: dict[str, str] | None = None
) -> pl.DataFrame:
    """An area of one municipality is that municipality: every row of it, for every indicator
    (also those with no aggregate, such as medians), marked `same_territory`."""
    sizes = members.group_by("group_code").agg(pl.len().alias("n_members"))
    single = members.join(sizes, on="group_code").filter(pl.col("n_members") == 1)
    rows = kunta.join(single.select("kuntanumero", "group_code"), left_on="area_code", right_on="kuntanumero")
    names = names or {}
    member_name = pl.col("area_code").replace_strict(names, default=pl.col("area_code"))
    return (
        rows.with_columns(
            pl.col("group_code").alias("area_code"),
            # An estimate stays marked as one; a published or computed value becomes "the municipality's own".
            pl.when(pl.col("method") == ESTIMATED)
            .then(pl.col("method"))
            .otherwise(pl.lit(SAME_TERRITORY))
            .alias("method"),
            pl.format("Alue on sama kuin kunta {}: sen omat luvut.", member_name).alias("note"),
        )
        .select(list(OBS_SCHEMA))
        .cast(OBS_SCHEMA)
    )


def drop_naive_region_sums(
    values: pl.DataFrame, catalog: pl.DataFrame, kuntanumerot: list[str]
) -> tuple[pl.DataFrame, int]:
    """Region values of counts that must not be summed (`none`: in- and out-migration, where moves
    between members would count) but that the source gave as exactly the members' sum (all 30, or
    the 29 without Vaala for the 2013 borders) are not region values: drop them. Returns the kept
    values and how many were dropped."""
    none_counts = catalog.filter((pl.col("aggregation") == "none") & (pl.col("value_type") == "count"))["indicator_id"]
    key = ["indicator_id", "year", "month", "gender"]
    members = values.filter(
        pl.col("area_code").is_in(kuntanumerot) & pl.col("indicator_id").is_in(none_counts.implode())
    )
    sums = members.group_by(key).agg(
        pl.col("value").sum().alias("all_sum"),
        pl.col("value").filter(pl.col("area_code") != VAALA).sum().alias("without_vaala"),
        pl.col("value").is_not_null().sum().alias("n"),
    )
    region = values.filter(
        pl.col("area_code").is_in([codes.REGION, codes.COUNTY]) & pl.col("indicator_id").is_in(none_counts.implode())
    )
    naive = (
        region.join(sums, on=key, how="inner", nulls_equal=True)
        .filter(
            (pl.col("n") == len(kuntanumerot))
            & (
                ((pl.col("value") - pl.col("all_sum")).abs() < 0.5)
                | ((pl.col("value") - pl.col("without_vaala")).abs() < 0.5)
            )
        )
        .select(*key, "area_code")
    )
    kept = values.join(naive, on=[*key, "area_code"], how="anti", nulls_equal=True)
    return kept, naive.height


def combine_region(
    computed: pl.DataFrame, sources: pl.DataFrame, catalog: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Final values for HVA19/MK17/SSS: the source's own value where it covers today's region,
    else the computed one; plus the comparison rows (source vs computed) for aggregate_checks."""
    src = sources.with_columns(
        pl.when(pl.col("territory_note") == "excl_vaala")
        .then(pl.lit(codes.SOURCE_EXCL_VAALA))
        .otherwise(pl.lit(codes.SOURCE))
        .alias("method"),
        pl.col("source").replace_strict(SOURCE_LABEL, default=pl.col("source")).alias("source"),
        pl.when(pl.col("territory_note") == "excl_vaala").then(pl.lit(NOTE_EXCL_VAALA)).otherwise(None).alias("note"),
        pl.lit(None, dtype=pl.Float64).alias("numerator"),
        pl.lit(None, dtype=pl.Float64).alias("denominator"),
    )
    rules = catalog.select("indicator_id", "aggregation", "scale", "decimals")
    src = src.join(rules, on="indicator_id", how="left").with_columns(
        pl.when((pl.col("aggregation") == "ratio") & pl.col("abs_value").is_not_null() & (pl.col("value") > 0))
        .then(pl.col("abs_value"))
        .otherwise(None)
        .alias("numerator"),
        pl.when((pl.col("aggregation") == "ratio") & pl.col("abs_value").is_not_null() & (pl.col("value") > 0))
        .then(pl.col("abs_value") * pl.col("scale") / pl.col("value"))
        .otherwise(None)
        .alias("denominator"),
    )
    # HVA19 is the same territory as MK17 (the 30 municipalities): it takes MK17's source values
    # where it has none of its own, but never the 2013-border ones.
    hva_own = src.filter(pl.col("area_code") == codes.COUNTY)
    hva_from_mk = (
        src.filter((pl.col("area_code") == codes.REGION) & (pl.col("method") == codes.SOURCE))
        .with_columns(pl.lit(codes.COUNTY).alias("area_code"))
        .join(hva_own.select(KEY), on=KEY, how="anti", nulls_equal=True)
    )
    src = pl.concat([src.filter(pl.col("area_code") != codes.COUNTY), hva_own, hva_from_mk], how="diagonal_relaxed")

    # Only source rows that carry a value can be shown instead of, or checked against, ours.
    src_ok = src.filter(pl.col("status") == codes.OK)
    if "margin" not in computed.columns:
        computed = computed.with_columns(pl.lit(0.0).alias("margin"))
    both = computed.filter(pl.col("status") == codes.OK).join(
        src_ok.select(*KEY, pl.col("value").alias("source_value"), pl.col("method").alias("source_method"), "decimals"),
        on=KEY,
        how="inner",
        nulls_equal=True,
    )
    # Agreement "within rounding", the real margin: half a unit of the source's published
    # precision, plus how far our value can be off from its rounded inputs (`margin` of
    # compute_area_values: the members' rounding, or a derived denominator's), plus float noise.
    checks = (
        both.with_columns(
            pl.col("value").alias("computed_value"),
            (pl.col("value") - pl.col("source_value")).abs().alias("abs_diff"),
            (0.5 * pl.lit(10.0).pow(-pl.col("decimals")) + pl.col("margin").fill_null(0.0) + 1e-9).alias("tolerance"),
        )
        .with_columns(
            pl.when(pl.col("source_method") == codes.SOURCE_EXCL_VAALA)
            .then(None)
            .otherwise(pl.col("abs_diff") <= pl.col("tolerance"))
            .alias("ok"),
            pl.when(pl.col("source_method") == codes.SOURCE_EXCL_VAALA)
            .then(pl.lit("Lähde ilman Vaalaa (2013 aluejako): tässä käytetään laskettua arvoa nykyisille 30 kunnalle."))
            .otherwise(pl.lit("Lähteen arvo näytetään; laskettu arvo tarkistuksena."))
            .alias("note"),
        )
        .select(list(CHECK_SCHEMA))
        .cast(CHECK_SCHEMA)
    )

    # Which value is shown: a current-territory source value beats the computed value; the
    # computed value beats a 2013-border source value.
    computed = computed.select(list(OBS_SCHEMA))
    computed_ok = computed.filter(pl.col("status") == codes.OK).select(KEY)
    current = src_ok.filter(pl.col("method") == codes.SOURCE)
    old_border = src_ok.filter(pl.col("method") == codes.SOURCE_EXCL_VAALA).join(
        computed_ok, on=KEY, how="anti", nulls_equal=True
    )
    # A suppressed/missing source row stays visible only where we have no value of our own.
    valueless = src.filter(pl.col("status") != codes.OK).join(computed_ok, on=KEY, how="anti", nulls_equal=True)
    keep_src = pl.concat([current, old_border, valueless])
    final_src = keep_src.select(list(OBS_SCHEMA)).cast(OBS_SCHEMA)
    final_comp = computed.join(final_src.select(KEY), on=KEY, how="anti", nulls_equal=True)
    final = pl.concat([final_src, final_comp]).sort(KEY, nulls_last=False)
    return final, checks.sort(KEY)


def build_observations(
    values: pl.DataFrame,
    catalog: pl.DataFrame,
    membership: pl.DataFrame,
    kuntanumerot: list[str],
    names: dict[str, str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """All observations (municipal, area, region, country) and the aggregate checks.
    `names` (kuntanumero -> name) words the note of an area that is one municipality."""
    values, _ = drop_naive_region_sums(values, catalog, kuntanumerot)
    kunta = municipal_rows(values, catalog, kuntanumerot)
    members = group_members(membership)
    computed = compute_area_values(kunta, catalog, members)
    computed = estimate_ratio_areas(kunta, computed, catalog, members)
    areas = pl.concat(
        [
            computed.filter(~pl.col("area_code").is_in([codes.COUNTY, codes.REGION])).select(list(OBS_SCHEMA)),
            same_territory_areas(kunta, members, names),
        ]
    )
    region_computed = computed.filter(pl.col("area_code").is_in([codes.COUNTY, codes.REGION]))
    sources = values.filter(pl.col("area_code").is_in([codes.COUNTY, codes.REGION, codes.COUNTRY]))
    region, checks = combine_region(region_computed, sources, catalog)
    observations = pl.concat([kunta, areas, region]).sort(KEY, nulls_last=False)
    return observations, checks
