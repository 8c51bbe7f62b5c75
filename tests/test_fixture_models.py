"""Fast model tests on the tiny synthetic warehouse (tests/fixture_warehouse.py): page-model logic
over the real named queries, with answers worked out by hand from the fixture's formulas."""

from __future__ import annotations

import fixture_warehouse as W
import polars as pl
import pytest

from tilannekuva import codes, history, situation
from tilannekuva.db import Database


@pytest.fixture(scope="module")
def db(fixture_db):
    handle = Database(fixture_db)
    yield handle
    handle.close()


def test_the_fixture_is_synthetic_and_read_through_the_named_queries(db):
    info = dict(db.query("build_info").iter_rows())
    assert info["synthetic"] == "true"
    areas = db.query("areas")
    assert areas["area_code"].to_list() == [
        "oulu",
        "lakeus",
        codes.COUNTY,
        codes.REGION,
        codes.COUNTRY,
        "001",
        "002",
        "003",
    ]  # by sort_order
    assert all(name.startswith("Synteettinen") for name in areas["name_fi"])
    catalogue = db.query("indicators")
    assert catalogue["indicator_id"].to_list() == [W.COUNT, W.PCT]
    assert catalogue["caveat_fi"].to_list() == [W.SYNTHETIC] * 2


def test_area_series_holds_the_fixture_values(db):
    series = db.query("area_series", area_code="001", gender=codes.TOTAL).filter(pl.col("indicator_id") == W.PCT)
    assert series["year"].to_list() == list(W.YEARS)
    assert series["value"].to_list() == [10.0, 11.0, 12.0, 13.0, 14.0, 15.0]  # 1000 + 100 t per 10000
    lakeus = db.query("area_series", area_code="lakeus", gender=codes.TOTAL).filter(pl.col("indicator_id") == W.PCT)
    assert lakeus["value"][-1] == pytest.approx(100 * (1500 + 1000) / 30000, abs=1e-4)  # Σ num / Σ den, 2023
    assert set(lakeus["method"]) == {codes.RATIO}
    oulu = db.query("area_series", area_code=codes.OULU_AREA, gender=codes.TOTAL)
    assert set(oulu["method"]) == {codes.SAME_TERRITORY}  # one member: that municipality's rows


def test_indicator_year_ranks_every_area_in_the_last_year(db):
    year = db.query("indicator_year", indicator_id=W.PCT, year=W.LAST_YEAR, gender=codes.TOTAL)
    values = dict(zip(year["area_code"], year["value"]))
    assert values["001"] == 15.0 and values["002"] == 5.0 and values["003"] == 7.5
    assert values[codes.REGION] == pytest.approx(100 * (1500 + 1000 + 3000) / 70000, abs=1e-4)
    assert values[codes.COUNTRY] == 8.0


def test_benchmarks_skip_the_same_territory(db):
    areas = db.query("areas")
    benchmarks, skipped = situation.benchmarks_for("003", areas)
    # Pohde area "oulu" has the one member 003: never judged against itself
    assert [b.code for b in benchmarks] == [codes.REGION, codes.COUNTRY] and skipped == codes.OULU_AREA
    benchmarks, skipped = situation.benchmarks_for("001", areas)
    assert [b.code for b in benchmarks] == ["lakeus", codes.REGION, codes.COUNTRY] and skipped is None


def test_conclusions_of_a_worsening_municipality(db):
    """001 went from 10 % to 15 % (lower is better) with n = 10 000 a year: clearly worse than the
    region's 7.9 % and the country's 8 %, and a significant worsening trend (with n = 1000 the
    same percentages are not significant at the 99.8 % level: the test uses the counts)."""
    got = history.area_conclusions(db, "001")[W.PCT]
    assert got["year"] == W.LAST_YEAR and got["value"] == 15.0
    assert got["judgements"] == {"lakeus": "worse", codes.REGION: "worse", codes.COUNTRY: "worse"}
    assert got["trend"] == "worsening"
    improving = history.area_conclusions(db, "003")[W.PCT]
    assert improving["value"] == 7.5 and improving["trend"] == "improving"


def test_snapshot_body_lists_every_area_and_annual_indicator(db):
    body = history.conclusions(db)
    assert set(body["areas"]) == {code for code, *_ in W.AREAS}
    assert set(body["indicators"]) == {W.PCT, W.COUNT}
    assert body["indicators"][W.PCT]["polarity"] == "lower"
    assert body["conclusions"]["002"][W.PCT]["value"] == 5.0


def test_the_same_territory_names_say_their_level(db):
    """The Pohde area of one municipality and the municipality share a name in the real data (Oulu):
    the start model names both with their level, so the page's sentence cannot read "Oulu is Oulu"."""
    from tilannekuva.views import start

    city = start.build(db, "003", this_year=W.LAST_YEAR + 1)
    assert city.skipped_parent == codes.OULU_AREA
    assert city.skipped_parent_name == "Synteettinen alue O (Pohden alue)"
    area = start.build(db, codes.OULU_AREA, this_year=W.LAST_YEAR + 1)
    assert area.same_territory_as == "Synteettinen kunta C (kunta)"
