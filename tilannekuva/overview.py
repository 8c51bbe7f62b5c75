"""The overview of every current indicator of one area (the start page's first chart, in the
spirit of Fingertips' spine chart): each row places the area's value on the spread of the
municipalities' values of the same year, with the region and the whole country marked, and the
judgement against the summary's benchmark as colour *and* symbol.

Pure: situation rows and the `municipal_distribution` frame in, frozen rows out. Positions are
scaled per row to 0…1 over the municipalities' range (and the marked values), with the better
end on the right for indicators that have a direction (low to high for neutral ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from . import judgements
from .situation import COUNTRY, OLD_YEARS, REGION, Benchmark, IndicatorRow, value_text
from .texts import Texts, texts_or_default


@dataclass(frozen=True)
class OverviewRow:
    indicator_id: str
    name: str
    theme: str
    year: int
    polarity: str
    value_label: str  # "8,4 % (arvio)"
    comparison: judgements.Comparison  # against the summary benchmark (no_data when it has none)
    benchmark_label: str | None
    region_label: str | None
    country_label: str | None
    n_municipalities: int
    range_label: str  # "4,1 … 15,0"
    # positions 0…1 (None when absent); better is right when the indicator has a direction
    position: float
    region: float | None
    country: float | None
    low: float
    q1: float
    q3: float
    high: float


def _value(bv) -> float | None:
    return None if bv is None else bv.value


def overview_rows(
    rows: Sequence[IndicatorRow],
    distribution: pl.DataFrame,
    benchmark: Benchmark | None,
    this_year: int,
    *,
    texts: Texts | None = None,
) -> tuple[OverviewRow, ...]:
    """One row per current indicator with a value not older than OLD_YEARS (counts left out: a
    count's size says nothing about wellbeing): indicators with a direction first, newest first,
    then the neutral ones; ties keep the order of `rows` (the tables' theme order)."""
    spread = {(r["indicator_id"], int(r["year"])): r for r in distribution.iter_rows(named=True)}
    out = []
    for row in rows:
        if not row.current_measure or row.value_type in judgements.NOT_COMPARABLE_VALUE_TYPES:
            continue
        if this_year - row.year > OLD_YEARS:
            continue
        d = spread.get((row.indicator_id, row.year))
        if d is None or not d["n"]:
            continue
        region = _value(row.against(REGION))
        country = _value(row.against(COUNTRY))
        marked = [v for v in (row.value, region, country) if v is not None]
        lo = min([d["min_value"], *marked])
        hi = max([d["max_value"], *marked])
        flip = row.polarity == "lower"

        def pos(v: float | None, lo: float = lo, hi: float = hi, flip: bool = flip) -> float | None:
            if v is None:
                return None
            p = 0.5 if hi == lo else (v - lo) / (hi - lo)
            return 1 - p if flip else p

        ends = sorted((pos(d["min_value"]), pos(d["max_value"])))
        quartiles = sorted((pos(d["q1"]), pos(d["q3"])))
        bv = row.against(benchmark.code) if benchmark else None
        comparison = bv.comparison if bv else judgements.compare(None, None, row.polarity, texts=texts)
        fmt = lambda v, row=row: None if v is None else value_text(v, row.unit, row.decimals, texts=texts)  # noqa: E731
        out.append(
            OverviewRow(
                indicator_id=row.indicator_id,
                name=row.name,
                theme=row.theme,
                year=row.year,
                polarity=row.polarity,
                value_label=value_text(row.value, row.unit, row.decimals, row.method, texts=texts),
                comparison=comparison,
                benchmark_label=(
                    None
                    if bv is None or bv.value is None
                    else value_text(bv.value, row.unit, row.decimals, bv.method, texts=texts)
                ),
                region_label=fmt(region),
                country_label=fmt(country),
                n_municipalities=int(d["n"]),
                range_label=f"{fmt(d['min_value'])} … {fmt(d['max_value'])}",
                position=pos(row.value),
                region=pos(region),
                country=pos(country),
                low=ends[0],
                q1=quartiles[0],
                q3=quartiles[1],
                high=ends[1],
            )
        )
    # Indicators with a direction first (they carry the judgements), each group newest first;
    # the neutral ones (population structure and the like) after them. Stable within a group.
    out.sort(key=lambda r: (r.polarity == "neutral", -r.year))
    return tuple(out)


def overview_table(
    rows: Sequence[OverviewRow],
    *,
    benchmark_name: str | None,
    region_name: str,
    country_name: str,
    texts: Texts | None = None,
) -> pl.DataFrame:
    """The overview chart as a table (its accessible alternative and CSV): what each row shows."""
    c = texts_or_default(texts).start.OVERVIEW_TABLE_COLUMNS
    return pl.DataFrame(
        {
            c["name"]: [r.name for r in rows],
            c["year"]: [r.year for r in rows],
            c["value"]: [r.value_label for r in rows],
            c["judgement"].format(benchmark=benchmark_name or ""): [r.comparison.label for r in rows],
            region_name: [r.region_label or "" for r in rows],
            country_name: [r.country_label or "" for r in rows],
            c["range"]: [r.range_label for r in rows],
            c["n"]: [r.n_municipalities for r in rows],
        },
        schema_overrides={c["year"]: pl.Int32, c["n"]: pl.Int32},
    )
