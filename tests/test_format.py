"""One value formatter (issue 10): exact strings per unit type, and the start page and the map
write every indicator of the real catalogue the same way."""

from __future__ import annotations

import pytest

from tilannekuva import format as F
from tilannekuva import situation
from tilannekuva.charts import map as map_charts
from tilannekuva.db import Database
from tilannekuva.texts import texts_for
from tilannekuva.views import map as map_view
from tilannekuva.views import start as start_view

NB = "\u00a0"  # between a number and its unit
THIN = "\u202f"  # between thousands


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (12.34, "%", 1, f"12,3{NB}%"),
        (2076.94, "€/asukas", 1, f"2{THIN}076,9{NB}€/asukas"),
        (1234567.0, "€", 0, f"1{THIN}234{THIN}567{NB}€"),
        (3.25, "/1000 as.", 1, f"3,2{NB}/1000 as."),  # banker's rounding of the float 3.25 -> 3,2
        (85.0, "/1000 vastaavan ikäistä", 1, f"85,0{NB}/1000 vastaavan ikäistä"),
        (1012.4, "/100 000 as.", 1, f"1{THIN}012,4{NB}/100 000 as."),
        (15386, "lkm", 0, f"15{THIN}386"),
        (104.2, "indeksi", 1, "104,2"),
        (96.0, "indeksi (koko maa = 100)", 1, "96,0"),
        (61.7, "suhdeluku", 1, "61,7"),
        (27.3, "kerroin × 100", 1, "27,3"),
        (-4.56, "/1000 as.", 1, f"-4,6{NB}/1000 as."),
        (5.0, "", 0, "5"),
        (5.0, None, None, "5,0"),  # no decimals in the catalogue: one
        (None, "%", 1, "ei tietoa"),
        (float("nan"), "%", 1, "ei tietoa"),
    ],
)
def test_format_value_per_unit(value, unit, decimals, expected):
    assert F.format_value(value, unit, decimals) == expected


def test_difference_signed_and_years():
    assert F.format_difference(2.3, "%", 1) == f"2,3{NB}prosenttiyksikköä"
    assert F.format_difference(40.0, "/1000 as.", 0) == f"40{NB}/1000 as."
    assert F.format_difference(1500.0, "lkm", 0) == f"1{THIN}500"
    assert F.format_difference(None, "%", 1) == "ei tietoa"
    assert F.format_signed(0.44, 1) == "+0,4"
    assert F.format_signed(-1.2, 1) == "\u22121,2"
    assert F.format_signed(-0.04, 1) == "±0,0"  # the sign of the number as shown
    assert F.year_range(2006, 2023) == "2006\u20132023"
    assert F.year_range(2023, 2023) == "2023"
    assert F.year_range(None, None) == "ei tietoa"
    assert F.years_range([2022, 2018, 2020]) == "2018\u20132022"
    assert F.years_range([]) == ""
    assert F.year_spans([1995, 1990, 1991, 1992]) == "1990\u20131992, 1995"
    assert F.year_spans([]) == ""
    assert F.period_label(2023, [10]) == "lokakuu 2023"
    assert F.period_label(2023, [9, 10]) == "2023"
    assert F.period_label(2023) == "2023"


def test_texts_choose_the_missing_word():
    assert F.format_value(None, "%", 1, texts=texts_for("fi")) == texts_for("fi").common.NO_DATA


def test_old_names_are_the_one_formatter():
    assert situation.format_value is F.format_value
    assert map_charts.format_value is F.format_value
    assert map_charts.format_difference is F.format_difference


def test_start_page_and_map_write_every_indicator_alike(built_db):
    """For Oulu, every indicator's newest value: the start page's row and the map's hover (and
    its finding line) show the same text."""
    db = Database(built_db)
    model = start_view.build(db, "564", this_year=2026)
    areas = db.query("areas")
    catalogue = {r["indicator_id"]: r for r in db.query("indicators").iter_rows(named=True)}
    assert len(model.rows) >= 80
    units_seen = set()
    for row in model.rows:
        ind = catalogue[row.indicator_id]
        shown = situation.value_text(row.value, row.unit, row.decimals)
        year_rows = db.query("indicator_year", indicator_id=row.indicator_id, year=row.year, gender="total")
        rows = map_view.rank_areas(map_view.layer_rows(year_rows, areas, "kunta"))
        decimals = F.decimals_of(ind["decimals"])
        hover = dict(
            zip(
                rows["area_code"],
                map_charts.hover_texts(
                    rows, unit=ind["unit"], decimals=decimals, year=row.year, region_name=None, region_value=None
                ),
            )
        )
        assert hover["564"].split("<br>")[1].startswith(shown + " "), (row.indicator_id, shown, hover["564"])
        finding = map_view.map_finding(rows, year=row.year, level="kunta", selected="564")
        lines = map_view.finding_lines(finding, unit=ind["unit"], decimals=decimals, polarity=ind["polarity"])
        assert any(shown in line for line in lines), (row.indicator_id, shown, lines)
        units_seen.add(ind["unit"])
    # Every unit type of the catalogue was compared (the rule is decided for each).
    # Every unit type the start page shows was compared: units written and units left bare.
    assert units_seen >= {
        "%",
        "€/asukas",
        "/1000 as.",
        "/1000 vastaavan ikäistä",
        "lkm",
        "indeksi",
        "suhdeluku",
        "kerroin × 100",
    }, units_seen


def test_situation_writes_with_the_texts_it_is_given(built_db):
    """The start page's words come from the `texts` passed in (the request's language), not from
    a language bound at import: another language's column name and mark reach the table."""
    import dataclasses
    import types

    fi = texts_for("fi")
    other = dataclasses.replace(
        fi,
        lang="xx",
        start=types.SimpleNamespace(**{**vars(fi.start), "COL_VALUE": "Value"}),
        common=types.SimpleNamespace(
            **{
                **vars(fi.common),
                "NO_DATA": "no data",
                "METHOD_MARKS": {**fi.common.METHOD_MARKS, "estimate": "(est.)"},
            }
        ),
    )
    db = Database(built_db)
    model = start_view.build(db, "MK17", this_year=2026)
    rows, benchmarks = list(model.rows), list(model.benchmarks)
    table = situation.theme_table(rows, benchmarks, 2026, texts=other)
    assert "Value" in table.columns and fi.start.COL_VALUE not in table.columns
    assert situation.theme_table(rows, benchmarks, 2026).columns[1] == fi.start.COL_VALUE
    assert any("(est.)" in v for v in table["Value"].to_list())
    assert situation.value_text(None, "%", 1, texts=other) == "no data"
