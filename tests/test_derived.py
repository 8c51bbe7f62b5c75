"""The read-optimised tables of queries/derive.sql hold nothing new: each named query that reads
them returns exactly what the same question asked of the public `observations` view returns.

The reference SQL below is the plain definition (the straightforward query on the view); the
named queries are the fast versions. Every indicator with data, every gender and several areas
and years are compared on the database built from the shipped data.
"""

from __future__ import annotations

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tilannekuva import comparison as C
from tilannekuva.db import Database

REFERENCE = {
    "indicator_year": """
        SELECT o.area_code, a.name_fi, a.level, a.parent_code, o.year, o.month, o.value, o.numerator,
               o.denominator, o.status, o.method, o.source, o.note
        FROM observations o JOIN areas a USING (area_code)
        WHERE o.indicator_id = $indicator_id AND o.year = $year AND o.gender = $gender
        QUALIFY row_number() OVER (PARTITION BY o.area_code ORDER BY o.month DESC NULLS FIRST) = 1
        ORDER BY a.sort_order""",
    "indicator_series": """
        SELECT o.area_code, a.name_fi, a.level, o.year, o.month, o.value, o.numerator, o.denominator,
               o.status, o.method, o.source, o.note
        FROM observations o JOIN areas a USING (area_code)
        WHERE o.indicator_id = $indicator_id AND list_contains($area_codes, o.area_code)
          AND o.gender = $gender
        ORDER BY a.sort_order, o.year, o.month NULLS FIRST""",
    "area_spread": """
        SELECT a.parent_code AS area_code, p.name_fi AS area_name, o.year,
               min(o.value) AS min_value, max(o.value) AS max_value,
               max(o.value) - min(o.value) AS range_value, count(o.value) AS n_values,
               count(*) AS n_municipalities,
               arg_min(a.name_fi, (o.value, a.name_fi)) FILTER (WHERE o.value IS NOT NULL) AS min_name,
               arg_max(a.name_fi, (o.value, a.name_fi)) FILTER (WHERE o.value IS NOT NULL) AS max_name
        FROM observations o JOIN areas a USING (area_code) JOIN areas p ON p.area_code = a.parent_code
        WHERE o.indicator_id = $indicator_id AND o.gender = $gender AND o.month IS NULL
          AND a.level = 'kunta'
        GROUP BY a.parent_code, p.name_fi, p.sort_order, o.year
        ORDER BY p.sort_order, o.year""",
    # not a named query: the years (newest first) at which indicator_year is compared
    "indicator_years": """
        SELECT DISTINCT year FROM observations
        WHERE indicator_id = $indicator_id AND gender = $gender AND status = 'ok'
        ORDER BY year DESC""",
    "area_series": """
        SELECT indicator_id, area_code, year, value, numerator, denominator, status, method, note
        FROM observations
        WHERE area_code = $area_code AND gender = $gender AND month IS NULL
        ORDER BY indicator_id, year""",
    # Members' rows and the benchmark's row in each annual indicator's latest year with a value
    # among the members.
    "profile": """
        WITH latest AS (
            SELECT o.indicator_id, max(o.year) AS year
            FROM observations o JOIN indicators i USING (indicator_id)
            WHERE list_contains($area_codes, o.area_code) AND o.gender = $gender
              AND o.month IS NULL AND o.status = 'ok' AND i.frequency = 'year'
            GROUP BY o.indicator_id)
        SELECT o.indicator_id, o.year, o.area_code, o.value, o.numerator, o.denominator, o.status, o.method
        FROM latest l JOIN observations o ON o.indicator_id = l.indicator_id AND o.year = l.year
        WHERE o.gender = $gender AND o.month IS NULL
          AND (list_contains($area_codes, o.area_code) OR o.area_code = $benchmark)
        ORDER BY o.indicator_id, o.area_code""",
}

GENDERS = ("total", "male", "female")
CODES = ["564", "oulu", "MK17", "SSS", "072", "lakeus"]


@pytest.fixture(scope="module")
def handles(built_db):
    database = Database(built_db)
    con = duckdb.connect(str(built_db), read_only=True)
    yield database, con
    con.close()
    database.close()


def reference(con, name: str, **params) -> pl.DataFrame:
    return con.sql(REFERENCE[name], params=params).pl()


def indicators_with_data(con) -> list[str]:
    return [r[0] for r in con.sql("SELECT indicator_id FROM indicators WHERE n_values > 0 ORDER BY 1").fetchall()]


@pytest.mark.slow  # > 20 s on a shared 2-core machine
def test_indicator_queries_match_their_plain_definition(handles):
    database, con = handles
    compared = 0
    monthly_seen = False
    for ind in indicators_with_data(con):
        for gender in GENDERS:
            expected = reference(con, "indicator_series", indicator_id=ind, area_codes=CODES, gender=gender)
            got = database.query_uncached("indicator_series", indicator_id=ind, area_codes=CODES, gender=gender)
            assert_frame_equal(got, expected, check_dtypes=False)
            monthly_seen |= expected["month"].drop_nulls().len() > 0

            expected = reference(con, "area_spread", indicator_id=ind, gender=gender)
            got = database.query_uncached("area_spread", indicator_id=ind, gender=gender)
            assert_frame_equal(got, expected, check_dtypes=False)

            years = reference(con, "indicator_years", indicator_id=ind, gender=gender)["year"].to_list()
            for year in years[:2]:  # the newest years, where maps open
                want = reference(con, "indicator_year", indicator_id=ind, year=year, gender=gender)
                have = database.query_uncached("indicator_year", indicator_id=ind, year=year, gender=gender)
                assert_frame_equal(have, want, check_dtypes=False)
                compared += 1
    assert monthly_seen, "the shipped data has monthly series; the last-month rule must be exercised"
    assert compared > 150


def test_area_series_matches_its_plain_definition(handles):
    database, con = handles
    for code in CODES:
        for gender in GENDERS:
            expected = reference(con, "area_series", area_code=code, gender=gender)
            got = database.query_uncached("area_series", area_code=code, gender=gender)
            assert_frame_equal(got, expected, check_dtypes=False)
    assert database.query_uncached("area_series", area_code="564", gender="total").height > 500


def test_area_profile_with_benchmark_rows_matches_its_plain_definition(handles):
    database, con = handles
    areas = database.query_uncached("areas")
    parents = areas.filter(pl.col("level") == "kunta")["parent_code"].unique().to_list()
    assert len(parents) == 6
    for parent in parents:
        members = areas.filter((pl.col("level") == "kunta") & (pl.col("parent_code") == parent))
        for gender in GENDERS:
            expected = reference(
                con, "profile", area_codes=members["area_code"].to_list(), benchmark=C.BENCHMARK, gender=gender
            )
            got = C.profile_values(
                database.query_uncached("area_profile", parent_code=parent, gender=gender),
                database.query_uncached("area_series", area_code=C.BENCHMARK, gender=gender),
            )
            assert_frame_equal(got.sort(pl.all()), expected.sort(pl.all()), check_dtypes=False)
            if gender == "total":
                assert expected.height > members.height  # members' rows and benchmark rows
