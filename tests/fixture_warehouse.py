"""A tiny warehouse written from queries/schema.sql, for fast model tests (no full build).

CLEARLY SYNTHETIC: three made-up municipalities ("Synteettinen kunta A/B/C", codes 001-003, which
no real municipality has) in two Pohde areas, two made-up indicators and six years of values
computed by the formulas below, so a test can work out every expected number by hand. The area
values are computed here from the members (Σ numerator / Σ denominator, Σ counts). It is written
only under pytest's tmp directory, never into data/. The real structure: the schema, the derived
tables (queries/derive.sql), the benchmark codes (tilannekuva.codes) and the named queries.

    write(path) -> path          # the database file, closed
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from tilannekuva import codes, paths
from tilannekuva.build.warehouse import write_frame

YEARS = range(2018, 2024)
LAST_YEAR = YEARS[-1]
PCT, COUNT = "syn_pct", "syn_count"  # a rate where lower is better, and a count
SYNTHETIC = "SYNTEETTINEN testiaineisto (tests/fixture_warehouse.py), ei oikeaa dataa"

AREAS = [  # area_code, name_fi, level, parent_code, sort_order
    ("lakeus", "Synteettinen alue L", codes.POHDE_AREA, codes.COUNTY, 4),
    (codes.OULU_AREA, "Synteettinen alue O", codes.POHDE_AREA, codes.COUNTY, 3),
    (codes.COUNTY, "Synteettinen hyvinvointialue", codes.COUNTY_LEVEL, codes.COUNTRY, 10),
    (codes.REGION, "Synteettinen maakunta", codes.REGION_LEVEL, codes.COUNTRY, 11),
    (codes.COUNTRY, "Synteettinen koko maa", codes.COUNTRY_LEVEL, None, 12),
    ("001", "Synteettinen kunta A", codes.MUNICIPALITY, "lakeus", 100),
    ("002", "Synteettinen kunta B", codes.MUNICIPALITY, "lakeus", 101),
    ("003", "Synteettinen kunta C", codes.MUNICIPALITY, codes.OULU_AREA, 102),
]
MEMBERS = {
    "lakeus": ("001", "002"),
    codes.OULU_AREA: ("003",),
    codes.COUNTY: ("001", "002", "003"),
    codes.REGION: ("001", "002", "003"),
}


def municipal(code: str, year: int) -> tuple[float, float]:
    """(numerator, denominator) of syn_pct; the denominator is also the syn_count value.
    A: 10 % rising by one point a year (worsening); B: a flat 5 %; C: 10 % falling 0.5 a year."""
    t = year - YEARS[0]
    return {"001": (1000.0 + 100 * t, 10000.0), "002": (1000.0, 20000.0), "003": (4000.0 - 200 * t, 40000.0)}[code]


def country(year: int) -> tuple[float, float]:
    return 80_000.0, 1_000_000.0  # a flat 8 %


def _row(indicator: str, area: str, year: int, value: float, method: str, numerator=None, denominator=None) -> dict:
    return {
        "indicator_id": indicator,
        "area_code": area,
        "year": year,
        "month": 0,
        "gender": codes.TOTAL,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "status": codes.OK,
        "method": method,
        "source": SYNTHETIC,
    }


def observations() -> pl.DataFrame:
    rows = []
    for year in YEARS:
        parts = {code: municipal(code, year) for code in ("001", "002", "003")}
        parts[codes.COUNTRY] = country(year)
        for code, (num, den) in parts.items():
            rows.append(_row(PCT, code, year, round(100 * num / den, 4), codes.SOURCE, num, den))
            rows.append(_row(COUNT, code, year, den, codes.SOURCE))
        for area, members in MEMBERS.items():
            num = sum(parts[m][0] for m in members)
            den = sum(parts[m][1] for m in members)
            same = len(members) == 1
            rows.append(
                _row(
                    PCT, area, year, round(100 * num / den, 4), codes.SAME_TERRITORY if same else codes.RATIO, num, den
                )
            )
            rows.append(_row(COUNT, area, year, den, codes.SAME_TERRITORY if same else codes.SUM))
    return pl.DataFrame(rows)


def indicators() -> pl.DataFrame:
    common = {
        "theme": "koko väestö",
        "topic": "synteettinen",
        "frequency": "year",
        "source_org": "Synteettinen lähde",
        "certainty": "high",
        "caveat_fi": SYNTHETIC,
        "licence": "CC BY 4.0",
        "first_year": YEARS[0],
        "last_year": LAST_YEAR,
        "n_values": len(YEARS) * len(AREAS),
        "current_measure": True,
    }
    return pl.DataFrame(
        [
            {
                **common,
                "indicator_id": COUNT,
                "name_fi": "Synteettinen lukumäärä",
                "unit": "lkm",
                "value_type": "count",
                "decimals": 0,
                "polarity": "neutral",
                "aggregation": "sum",
                "source_system": "statfin",
            },
            {
                **common,
                "indicator_id": PCT,
                "name_fi": "Synteettinen osuus",
                "unit": "%",
                "value_type": "percent",
                "decimals": 1,
                "polarity": "lower",
                "aggregation": "ratio",
                "scale": 100.0,
                "ci_method": "wilson",
                "source_system": "sotkanet",
                "sotkanet_id": None,
            },
        ]
    )


def write(path: Path) -> Path:
    path = Path(path)
    if paths.DATA_DIR in path.resolve().parents:
        raise ValueError("the synthetic fixture warehouse is never written into data/")
    con = duckdb.connect(str(path))
    try:
        con.execute(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
        write_frame(
            con,
            "area",
            pl.DataFrame(AREAS, schema=["area_code", "name_fi", "level", "parent_code", "sort_order"], orient="row"),
        )
        write_frame(con, "indicator", indicators())
        write_frame(con, "observation", observations())
        con.execute(paths.DERIVE_SQL.read_text(encoding="utf-8"))
        info = {"built_at": "2024-01-01T00:00:00+00:00", "data_sha256": "synthetic", "synthetic": "true"}
        write_frame(con, "build_info", pl.DataFrame({"key": list(info), "value": list(info.values())}))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path
