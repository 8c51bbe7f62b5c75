"""Loaders for the newer series (2022–2025) in data/sources/fresh/ (provenance: data/SOURCES.md).

Each returns the tidy value frame of `inputs.VALUE_SCHEMA`, with the same file/line/reason errors
as the other loaders. What these files do not contain is never made up here:

- 12r5 has only the *rate* of unemployed jobseekers, no counts and no whole-country row. Its months
  after the last month of the shipped counts file are added for the municipalities as published;
  the areas' values for those months are estimated later (`aggregate.estimate_ratio_areas`).
- 11lj is a *preliminary* population (ennakkotieto); its indicator says so in its name and caveat.
- 12w7 is monthly net migration; a year is the sum of its twelve months (a year with a month
  missing is left out, never summed partially).
- 5641 came by an indirect route (see the catalogue caveat); municipal values only.

`tem_annual` turns the monthly TEM series into the 12-month mean rate: Σ unemployed / Σ labour
force over the year's months where counts exist (exact, not from rounded rates), else the mean of
the twelve published monthly rates, marked as an estimate.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .. import codes, paths
from .inputs import (
    VALUE_SCHEMA,
    InputError,
    _area_for_region_code,
    _check_indicator,
    _unique,
    parse_number,
    parse_year,
    read_rows,
)

POPULATION_ID = "statfin_vaesto_31_12"
POPULATION_PRELIMINARY_ID = "statfin_vaesto_ennakko_kk"
NET_MIGRATION_ID = "statfin_nettomuutto_lkm"
MORBIDITY_ID = "5641"
TEM_RATE_MONTHLY_ID = "tem_tyottomat_pct_tyovoima_kk"
TEM_RATE_ANNUAL_ID = "tem_tyottomat_pct_tyovoima_vuosikeskiarvo"
TEM_COUNT_ID = "tem_tyottomat_lkm_kk"

#: `territory_note` code of a value we estimated (aggregate.municipal_rows makes it method 'estimate').
ESTIMATE = "estimate"


def _month(path: Path, line: int, text: str) -> tuple[int, int]:
    try:
        year_text, month_text = text.split("-")
        month = int(month_text)
    except ValueError:
        raise InputError(path, line, f"month must be YYYY-MM, got {text!r}") from None
    if not 1 <= month <= 12:
        raise InputError(path, line, f"impossible month {month}")
    return parse_year(path, line, year_text), month


def _row(
    source: str,
    iid: str,
    area: str,
    year: int,
    month: int | None,
    value: float | None,
    rel: str,
    abs_value: float | None = None,
    note: str | None = None,
) -> dict:
    return {
        "source": source,
        "indicator_id": iid,
        "area_code": area,
        "year": year,
        "month": month,
        "gender": codes.TOTAL,
        "value": value,
        "abs_value": abs_value,
        "status": codes.OK if value is not None else codes.MISSING,
        "source_file": rel,
        "territory_note": note,
    }


def _read(path: Path, value_column: str, kuntanumerot: set[str], *, monthly: bool):
    """(line, area, year, month, value) of every row of a StatFin extract (kuntanumero or SSS)."""
    time_column = "month" if monthly else "year"
    rows = read_rows(path, ["kuntanumero", time_column, value_column], optional=("Alue", "kunta"))
    seen: dict = {}
    for line, r in rows:
        area = _area_for_region_code(path, line, r["kuntanumero"], kuntanumerot)
        if monthly:
            year, month = _month(path, line, r[time_column])
        else:
            year, month = parse_year(path, line, r[time_column]), None
        _unique(path, line, seen, (area, year, month), "key (area, time)")
        yield line, area, year, month, parse_number(path, line, value_column, r[value_column], allow_empty=True)


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=VALUE_SCHEMA)


def _load_values(
    path: Path, indicator_id: str, value_column: str, kuntanumerot: set[str], catalog_ids: set[str], *, monthly: bool
) -> pl.DataFrame:
    """A file whose every row is one value of `indicator_id` as it stands (no sums, no rates)."""
    _check_indicator(path, 1, indicator_id, catalog_ids)
    rel = paths.relative(path)
    return _frame(
        [
            _row("statfin", indicator_id, area, year, month, value, rel)
            for _, area, year, month, value in _read(path, value_column, kuntanumerot, monthly=monthly)
        ]
    )


def load_population(path: Path, kuntanumerot: set[str], catalog_ids: set[str]) -> pl.DataFrame:
    """11re: population 31.12. of the municipalities and the whole country."""
    return _load_values(path, POPULATION_ID, "vaesto_31_12", kuntanumerot, catalog_ids, monthly=False)


def load_population_preliminary(path: Path, kuntanumerot: set[str], catalog_ids: set[str]) -> pl.DataFrame:
    """11lj: preliminary population at the end of each month."""
    return _load_values(path, POPULATION_PRELIMINARY_ID, "vakiluku_ennakko", kuntanumerot, catalog_ids, monthly=True)


def load_net_migration(path: Path, kuntanumerot: set[str], catalog_ids: set[str]) -> pl.DataFrame:
    """12w7: net inter-municipal migration, the sum of each complete year's twelve months."""
    _check_indicator(path, 1, NET_MIGRATION_ID, catalog_ids)
    rel = paths.relative(path)
    months: dict[tuple[str, int], list[float]] = {}
    for _, area, year, _, value in _read(path, "kuntien_valinen_nettomuutto", kuntanumerot, monthly=True):
        if value is not None:
            months.setdefault((area, year), []).append(value)
    return _frame(
        [
            _row("statfin", NET_MIGRATION_ID, area, year, None, float(sum(values)), rel)
            for (area, year), values in sorted(months.items())
            if len(values) == 12
        ]
    )


def load_morbidity_index(path: Path, kuntanumerot: set[str], catalog_ids: set[str]) -> pl.DataFrame:
    """Sotkanet 5641 (2023) for the municipalities, as recovered from the postal-code data."""
    rows = read_rows(
        path,
        ["kuntanumero", "indicator_id", "year", "value"],
        optional=("kunta", "indicator", "n_postal_codes", "postal_codes"),
    )
    rel = paths.relative(path)
    seen: dict = {}
    out = []
    for line, r in rows:
        if r["indicator_id"] != MORBIDITY_ID:
            raise InputError(path, line, f"expected indicator {MORBIDITY_ID}, got {r['indicator_id']!r}")
        _check_indicator(path, line, MORBIDITY_ID, catalog_ids)
        if r["kuntanumero"] not in kuntanumerot:
            raise InputError(path, line, f"unknown municipality code {r['kuntanumero']!r}")
        year = parse_year(path, line, r["year"])
        _unique(path, line, seen, (r["kuntanumero"], year), "key (municipality, year)")
        value = parse_number(path, line, "value", r["value"], allow_empty=True)
        out.append(_row("sotkanet", MORBIDITY_ID, r["kuntanumero"], year, None, value, rel))
    return _frame(out)


def load_tem_rates(
    path: Path, kuntanumerot: set[str], catalog_ids: set[str], after: tuple[int, int] | None
) -> pl.DataFrame:
    """12r5 rates of the municipalities for the months after `after` (year, month): the months the
    counts file does not have. Earlier months are in the counts file, exact; they are skipped."""
    _check_indicator(path, 1, TEM_RATE_MONTHLY_ID, catalog_ids)
    rel = paths.relative(path)
    out = []
    for _, area, year, month, value in _read(path, "tyottomat_pct_tyovoimasta", kuntanumerot, monthly=True):
        if area not in kuntanumerot:
            raise InputError(path, None, "12r5 rates: expected municipalities only (no counts to weigh regions)")
        if after is not None and (year, month) <= after:
            continue
        out.append(_row("tem", TEM_RATE_MONTHLY_ID, area, year, month, value, rel))
    return _frame(out)


def last_count_month(tem_monthly: pl.DataFrame) -> tuple[int, int] | None:
    """The newest (year, month) of the counts file that has a rate from counts."""
    rated = tem_monthly.filter((pl.col("indicator_id") == TEM_RATE_MONTHLY_ID) & pl.col("abs_value").is_not_null())
    if not rated.height:
        return None
    last = rated.select(pl.max_horizontal(pl.col("year") * 100 + pl.col("month")).max()).item()
    return divmod(int(last), 100)


def tem_annual(tem_monthly: pl.DataFrame, tem_rates: pl.DataFrame) -> pl.DataFrame:
    """The 12-month mean rate per area and year, from the monthly frames.

    A year whose twelve months all have counts: 100 × Σ unemployed / Σ labour force, with the mean
    count as `abs_value` (so the ratio's denominator is the mean labour force, exactly). A year
    with twelve monthly rates but not all counts (municipalities only): the mean of the rates,
    marked as an estimate. Anything less than twelve months gives no annual value.
    """
    rate = pl.col("indicator_id") == TEM_RATE_MONTHLY_ID
    monthly = pl.concat([tem_monthly.filter(rate), tem_rates.filter(rate)])
    monthly = monthly.filter(pl.col("value").is_not_null())
    # The labour force of a count row: unemployed × 100 / rate (the loader's own rate, unrounded).
    monthly = monthly.with_columns(
        pl.when(pl.col("abs_value").is_not_null() & (pl.col("value") > 0))
        .then(pl.col("abs_value") * 100 / pl.col("value"))
        .otherwise(None)
        .alias("labour")
    )
    per_year = (
        monthly.group_by("area_code", "year")
        .agg(
            pl.len().alias("n"),
            pl.col("labour").is_not_null().sum().alias("n_counts"),
            pl.col("abs_value").sum().alias("unemployed"),
            pl.col("labour").sum().alias("labour"),
            pl.col("value").mean().alias("mean_rate"),
            pl.col("source_file").sort().unique(maintain_order=True).str.join(" + ").alias("source_file"),
        )
        .filter(pl.col("n") == 12)
    )
    exact = pl.col("n_counts") == 12
    out = per_year.select(
        pl.lit("tem").alias("source"),
        pl.lit(TEM_RATE_ANNUAL_ID).alias("indicator_id"),
        "area_code",
        pl.col("year").cast(pl.Int32),
        pl.lit(None, dtype=pl.Int32).alias("month"),
        pl.lit(codes.TOTAL).alias("gender"),
        pl.when(exact)
        .then(100 * pl.col("unemployed") / pl.col("labour"))
        .otherwise(pl.col("mean_rate"))
        .alias("value"),
        pl.when(exact).then(pl.col("unemployed") / 12).otherwise(None).alias("abs_value"),
        pl.lit(codes.OK).alias("status"),
        "source_file",
        pl.when(exact).then(None).otherwise(pl.lit(ESTIMATE)).alias("territory_note"),
    )
    return out.select(list(VALUE_SCHEMA)).cast(VALUE_SCHEMA).sort("area_code", "year")
