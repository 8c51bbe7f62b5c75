"""The start page's model: where one area stands against its benchmarks, and the summary.

Pure (no Streamlit): the start page, the area profile reports and the slides build the same model
from the database, so the sentences a leader reads are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from .. import situation


@dataclass(frozen=True)
class StartModel:
    area_code: str
    area_name: str
    area_level: str
    benchmarks: tuple
    skipped_parent: str | None
    rows: tuple
    summary: Any  # situation.Summary, or None when the area has no rows
    ages: dict


def build(db, area: str, *, this_year: int) -> StartModel:
    """The model of `area` from `db` (a tilannekuva.db.Database or anything with its `query`)."""
    areas = db.query("areas")
    catalogue = db.query("indicators")
    info = {r["area_code"]: r for r in areas.iter_rows(named=True)}
    row = info.get(area, {"name_fi": area, "level": ""})
    benchmarks, skipped_parent = situation.benchmarks_for(area, areas)
    # One query per area: the region's and the country's rows are cached once for every page.
    series = pl.concat([db.query("area_series", area_code=code, gender="total")
                        for code in dict.fromkeys([area, *(b.code for b in benchmarks)])])
    rows = situation.indicator_rows(series, catalogue, area, benchmarks)
    if not rows:
        return StartModel(area, row["name_fi"], row["level"], tuple(benchmarks), skipped_parent, (), None, {})
    summary = situation.summarise(rows, situation.summary_benchmark(benchmarks), this_year)
    return StartModel(area, row["name_fi"], row["level"], tuple(benchmarks), skipped_parent, tuple(rows),
                      summary, situation.age_counts(rows, this_year))
