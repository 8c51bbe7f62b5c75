"""The start page's model: where one area stands against its benchmarks, the summary, and the
overview of every current indicator.

Pure (no Streamlit): the start page, the area profile reports and the slides build the same model
from the database, so the sentences a leader reads are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from .. import overview, situation

#: Areas where the open doubt about Hailuoto's area (Lakeus or Oulu) changes what is shown:
#: Lakeus (where it is now), the Oulu area (where it may belong), the city of Oulu (= the Oulu
#: area) and Hailuoto itself.
HAILUOTO_AREAS = frozenset({"lakeus", "oulu", "564", "072"})


@dataclass(frozen=True)
class StartModel:
    area_code: str
    area_name: str
    area_level: str
    benchmarks: tuple
    skipped_parent: str | None      # nearest benchmark left out: it has the same members
    rows: tuple
    summary: Any                    # situation.Summary, or None when the area has no rows
    ages: dict
    overview: tuple = ()            # overview.OverviewRow per current indicator, in table order
    same_territory_as: str | None = None  # the municipality an area consists of ("Oulu")
    hailuoto_doubt: bool = False


def build(db, area: str, *, this_year: int) -> StartModel:
    """The model of `area` from `db` (a tilannekuva.db.Database or anything with its `query`)."""
    areas = db.query("areas")
    catalogue = db.query("indicators")
    info = {r["area_code"]: r for r in areas.iter_rows(named=True)}
    row = info.get(area, {"name_fi": area, "level": ""})
    benchmarks, skipped_parent = situation.benchmarks_for(area, areas)
    members = situation.members_of(area, info) or frozenset()
    single = next(iter(members)) if row["level"] == "alue" and len(members) == 1 else None
    hailuoto = area in HAILUOTO_AREAS or any(b.code in HAILUOTO_AREAS for b in benchmarks)
    # One query per area: the region's and the country's rows are cached once for every page.
    series = pl.concat([db.query("area_series", area_code=code, gender="total")
                        for code in dict.fromkeys([area, *(b.code for b in benchmarks)])])
    rows = situation.indicator_rows(series, catalogue, area, benchmarks)
    base = dict(area_code=area, area_name=row["name_fi"], area_level=row["level"], benchmarks=tuple(benchmarks),
                skipped_parent=skipped_parent, same_territory_as=info[single]["name_fi"] if single else None,
                hailuoto_doubt=hailuoto)
    if not rows:
        return StartModel(**base, rows=(), summary=None, ages={})
    benchmark = situation.summary_benchmark(benchmarks)
    summary = situation.summarise(rows, benchmark, this_year)
    ordered = [r for _, theme_rows in situation.group_by_theme(rows, this_year) for r in theme_rows]
    spine = overview.overview_rows(ordered, db.query("municipal_distribution", gender="total"), benchmark, this_year)
    return StartModel(**base, rows=tuple(rows), summary=summary, ages=situation.age_counts(rows, this_year),
                      overview=spine)
