"""The named-query layer: query files, parameter checks, read-only access, caching, reopening."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tilannekuva import db as dbmod
from tilannekuva.db import Database, QueryError, get_database, load_queries, parse_query

ROOT = Path(__file__).resolve().parent.parent
QUERY_FILES = sorted(p for p in (ROOT / "queries").glob("*.sql") if p.stem not in dbmod.BUILD_TIME_SQL)

# Realistic values for the parameters the queries use; any other parameter is bound as NULL,
# which still makes DuckDB parse, bind and run the query.
SAMPLE_PARAMS = {
    "area_codes": ["564", "oulu", "MK17"],
    "area_code": "564",
    "parent_code": "oulu",
    "benchmark": "MK17",
    "gender": "total",
    "indicator_id": "127",
    "year": 2022,
    "layer": "kunta",
}


@pytest.fixture(scope="module")
def database(built_db) -> Database:
    handle = Database(built_db)
    yield handle
    handle.close()


def write_query(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.sql"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the query files


def test_there_are_query_files():
    assert len(QUERY_FILES) >= 10
    assert set(load_queries()) == {p.stem for p in QUERY_FILES}


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_file_header_and_it_runs(path, database):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"-- name: {path.stem}"
    assert lines[1].startswith("-- purpose: ") and len(lines[1]) > len("-- purpose: ") + 10
    assert any(re.match(r"^-- params: (none|\$[a-z_]+(, \$[a-z_]+)*)$", line) for line in lines[:8]), (
        "header needs '-- params: none' or '-- params: $a, $b'"
    )

    query = parse_query(path)
    assert query.name == path.stem
    assert query.purpose
    used = set(re.findall(r"\$([a-z_][a-z0-9_]*)", dbmod._strip_comments(text)))
    assert set(query.params) == used

    result = database.query_uncached(path.stem, **{p: SAMPLE_PARAMS.get(p) for p in query.params})
    assert isinstance(result, pl.DataFrame)
    assert result.width > 0
    assert query.columns, "header needs '-- columns: a, b' (the result's columns, in order)"
    assert tuple(result.columns) == query.columns, "the '-- columns:' header differs from the result's columns"
    if all(p in SAMPLE_PARAMS for p in query.params):
        assert result.height > 0, "a query with realistic parameters returns rows from the real data"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_file_binds_values_instead_of_formatting_them(path):
    sql = dbmod._strip_comments(path.read_text(encoding="utf-8"))
    assert "{" not in sql and "}" not in sql, "no Python format fields in SQL"
    assert "%s" not in sql and "%(" not in sql, "no %-formatting in SQL"
    assert not re.search(r"\?", sql), "named $params only, no positional placeholders"
    assert not re.search(r":[a-z_]+\b", sql.replace("::", "")), "named $params only, no :name placeholders"


def test_values_are_bound_not_spliced(database):
    """An injection attempt is just a value that matches nothing."""
    hostile = "127' OR '1'='1"
    result = database.query_uncached("indicator_series", indicator_id=hostile, area_codes=["MK17"], gender="total")
    assert result.height == 0
    assert (
        database.query_uncached("indicator_series", indicator_id="127", area_codes=["MK17"], gender="total").height > 20
    )


def test_only_db_and_build_touch_duckdb():
    """db.py reads the warehouse at run time; only the build package (tilannekuva/build/) writes it."""
    offenders = []
    package = ROOT / "tilannekuva"
    for path in [ROOT / "app.py", *(ROOT / "pages").rglob("*.py"), *package.rglob("*.py")]:
        if path == package / "db.py" or (package / "build") in path.parents:
            continue
        if re.search(r"^\s*(import duckdb|from duckdb\b)", path.read_text(encoding="utf-8"), re.M):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_columns_header_may_continue_over_lines(tmp_path):
    path = write_query(
        tmp_path,
        "two_lines",
        "-- name: two_lines\n-- purpose: Columns over two lines.\n"
        "-- params: none\n-- columns: a, b,\n--          c\n-- a plain comment, not columns\n"
        "SELECT 1 AS a, 2 AS b, 3 AS c;\n",
    )
    assert parse_query(path).columns == ("a", "b", "c")


# --------------------------------------------------------------------------- malformed queries

BAD_QUERIES = {
    "no_name": ("-- purpose: Something useful here.\n-- params: none\nSELECT 1 AS x;\n", "'-- name:' is missing"),
    "no_purpose": ("-- name: {name}\n-- params: none\nSELECT 1 AS x;\n", "'-- purpose:' is missing"),
    "no_params_line": (
        "-- name: {name}\n-- purpose: Something useful here.\nSELECT 1 AS x;\n",
        "'-- params:' is missing",
    ),
    "name_differs_from_file": (
        "-- name: other_name\n-- purpose: Something useful.\n-- params: none\nSELECT 1;\n",
        "must equal the file name",
    ),
    "declared_but_unused": (
        "-- name: {name}\n-- purpose: Something useful.\n-- params: $year\nSELECT 1 AS x;\n",
        "differ from used",
    ),
    "used_but_undeclared": (
        "-- name: {name}\n-- purpose: Something useful.\n-- params: $year\n"
        "SELECT count(*) FROM observations WHERE year = $year AND gender = $gender;\n",
        "differ from used",
    ),
    "none_but_used": (
        "-- name: {name}\n-- purpose: Something useful.\n-- params: none\n"
        "SELECT count(*) FROM observations WHERE year = $year;\n",
        "differ from used",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_QUERIES))
def test_malformed_query_is_rejected(case, tmp_path, built_db):
    text, reason = BAD_QUERIES[case]
    folder = tmp_path / "queries"
    path = write_query(folder, case, text.format(name=case))
    with pytest.raises(QueryError, match=re.escape(reason)) as info:
        parse_query(path)
    assert f"{case}.sql" in str(info.value)
    with pytest.raises(QueryError):  # and a Database over that folder refuses to start
        Database(built_db, queries_dir=folder)


def test_well_formed_query_in_another_folder(tmp_path, built_db):
    folder = tmp_path / "queries"
    write_query(
        folder,
        "count_year",
        "-- name: count_year\n-- purpose: How many values one year has\n--          (purpose may wrap).\n"
        "-- params: $year\n"
        "SELECT count(*) AS n FROM observations WHERE year = $year  -- not a param: $ignored\n",
    )
    handle = Database(built_db, queries_dir=folder)
    try:
        assert set(handle.queries) == {"count_year"}
        assert handle.queries["count_year"].purpose == "How many values one year has (purpose may wrap)."
        assert handle.queries["count_year"].params == ("year",)
        n_2022 = handle.query_uncached("count_year", year=2022)["n"][0]
        n_1800 = handle.query_uncached("count_year", year=1800)["n"][0]
        assert n_2022 > 1000 and n_1800 == 0
    finally:
        handle.close()


# --------------------------------------------------------------------------- calling queries


def test_missing_and_extra_params(database):
    with pytest.raises(QueryError, match="takes"):
        database.query("geometry")
    with pytest.raises(QueryError, match="takes"):
        database.query("geometry", layer="kunta", year=2022)
    with pytest.raises(QueryError, match="takes"):
        database.query("build_info", layer="kunta")
    with pytest.raises(QueryError, match="takes"):
        database.query_uncached("indicator_series", indicator_id="127")


def test_unknown_query(database):
    with pytest.raises(QueryError, match="unknown query 'no_such_query'") as info:
        database.query("no_such_query")
    assert "indicator_series" in str(info.value)  # lists the known ones


def test_results_are_polars_frames(database):
    areas = database.query("areas")
    assert isinstance(areas, pl.DataFrame)
    assert areas.height == 39
    assert areas.columns[:4] == ["area_code", "name_fi", "level", "parent_code"]
    series = database.query("indicator_series", indicator_id="683", area_codes=["MK17"], gender="total")
    assert isinstance(series, pl.DataFrame)
    assert series["year"].to_list() == list(range(2015, 2024))
    assert series["value"][-1] == 12.2  # Pohjois-Pohjanmaa 2023, as published
    geometry = database.query("geometry", layer="alue")
    assert geometry["n_features"][0] == 6


def test_missing_database_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="tilannekuva build"):
        Database(tmp_path / "nothing.duckdb")


# --------------------------------------------------------------------------- read-only


def test_connection_is_read_only(database, built_db):
    before = built_db.stat().st_mtime_ns
    with pytest.raises(duckdb.Error, match="read-only"):
        database._con.execute("CREATE TABLE x (a INT)")
    cursor = database._con.cursor()
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            cursor.execute("INSERT INTO build_info VALUES ('hacked', 'yes')")
        with pytest.raises(duckdb.Error, match="read-only"):
            cursor.execute("DELETE FROM observation")
    finally:
        cursor.close()
    assert built_db.stat().st_mtime_ns == before
    assert database.query_uncached("build_info").filter(pl.col("key") == "hacked").height == 0


def test_a_writing_named_query_fails(tmp_path, built_db):
    folder = tmp_path / "queries"
    write_query(
        folder, "sneaky", "-- name: sneaky\n-- purpose: Tries to write.\n-- params: none\nDELETE FROM observation;\n"
    )
    handle = Database(built_db, queries_dir=folder)
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            handle.query_uncached("sneaky")
    finally:
        handle.close()


# --------------------------------------------------------------------------- cache and reopening


def test_cache_returns_the_same_frame_for_the_same_params(database):
    first = database.query("area_series", area_code="564", gender="total")
    again = database.query("area_series", gender="total", area_code="564")  # order does not matter
    assert again is first
    other = database.query("area_series", area_code="MK17", gender="total")
    assert other is not first
    assert other.filter(pl.col("indicator_id") == "683")["year"].to_list() == list(range(2015, 2024))

    listed = database.query("indicator_series", indicator_id="683", area_codes=["564", "MK17"], gender="total")
    again = database.query("indicator_series", indicator_id="683", area_codes=["564", "MK17"], gender="total")
    assert again is listed  # lists are hashable cache keys
    assert set(listed["area_code"]) == {"564", "MK17"}
    assert dbmod._cached.cache_info().maxsize == dbmod.CACHE_SIZE


def make_db(path: Path, built_at: str) -> Path:
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
        con.execute("INSERT INTO build_info VALUES ('built_at', ?)", [built_at])
    finally:
        con.close()
    return path


def rebuild(path: Path, built_at: str) -> None:
    """What `build` does: write a new file next to the target, then os.replace it."""
    fresh = make_db(path.with_name(path.name + ".tmp-test"), built_at)
    os.replace(fresh, path)


@pytest.fixture()
def shared_cleanup(tmp_path):
    """get_database keeps module-level handles: close the ones this test opened."""
    yield
    for key in [k for k in dbmod._open if k.startswith(str(tmp_path))]:
        dbmod._open.pop(key).close()


def test_get_database_shares_one_handle_and_reopens_a_rebuilt_file(tmp_path, shared_cleanup):
    path = make_db(tmp_path / "w.duckdb", "first")
    first = get_database(path)
    assert get_database(path) is first
    assert get_database(str(path)) is first
    assert first.query("build_info")["value"].to_list() == ["first"]

    rebuild(path, "second")
    second = get_database(path)
    assert second is not first
    assert second.identity != first.identity
    assert second.identity[1] == path.stat().st_ino
    assert get_database(path) is second


def test_reopened_database_serves_the_rebuilt_data(tmp_path, shared_cleanup):
    path = make_db(tmp_path / "w.duckdb", "first")
    first = get_database(path)
    assert first.query("build_info")["value"].to_list() == ["first"]
    rebuild(path, "second")
    second = get_database(path)
    assert second.query("build_info")["value"].to_list() == ["second"]
