"""Computed and estimated values carry their mark wherever a value is shown: the start page's
cells and sentences (test_situation, test_page_start), the map's hover and table, the trend
table's note column."""

from __future__ import annotations

import polars as pl

from tilannekuva.charts import map as cm
from tilannekuva.charts import trend as ct
from tilannekuva.texts import common as T
from tilannekuva.views import map as vm
from tilannekuva.views import trends as vt


def test_map_hover_and_table_mark_estimates_and_sums():
    rows = pl.DataFrame(
        {
            "area_code": ["koillismaa", "oulu"],
            "name": ["Koillismaa", "Oulun alue"],
            "value": [11.2, 12.8],
            "status": ["ok", "ok"],
            "month": [1, 1],
            "method": ["estimate", "same_territory"],
        }
    )
    ranked = vm.rank_areas(rows)
    hover = cm.hover_texts(ranked, unit="%", decimals=1, year=2025, region_name=None, region_value=None)
    assert "11,2\u00a0% (arvio)" in hover[0] or "11,2 % (arvio)" in hover[0]
    assert "(arvio)" not in hover[1]
    table = cm.map_table(ranked, unit="%", decimals=1, year=2025)
    assert table["laskenta (ks. merkit)"].to_list() == ["(arvio)", None]
    # Only published values: no empty method column.
    plain = cm.map_table(
        vm.rank_areas(rows.with_columns(pl.lit("source").alias("method"))), unit="%", decimals=1, year=2025
    )
    assert "laskenta (ks. merkit)" not in plain.columns


def test_trend_table_notes_estimated_years():
    rows = pl.DataFrame(
        {
            "area_code": ["MK17", "MK17"],
            "year": [2022, 2023],
            "month": [None, None],
            "value": [10.6, 11.0],
            "status": ["ok", "ok"],
            "method": ["source", "estimate"],
        },
        schema_overrides={"month": pl.Int64},
    )
    filled = vt.fill_gaps(rows, ["MK17"], monthly=False)
    table = ct.wide_table(filled, [ct.Series("MK17", "Pohjois-Pohjanmaa", "main")], decimals=1, monthly=False)
    notes = dict(zip(table["vuosi"].to_list(), table["huomautus"].to_list()))
    assert notes[2022] is None
    assert notes[2023] == "Pohjois-Pohjanmaa: arvio (kuntien osuuksista, ks. Tietoa)"
    assert T.METHOD_MARKS["estimate"] == "(arvio)"
