"""The build's validation checks (queries/checks/*.sql): named queries whose every row is a failure.

Each check passes on the warehouse built from the shipped data, returns the columns its header
declares, and fails the build with its own name and the offending rows when the data is broken.
"""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from tilannekuva.build import warehouse
from tilannekuva.build.warehouse import BuildError

CHECKS = warehouse.load_checks()
MUNICIPALITIES = 30


def test_every_check_has_a_full_header():
    assert {c.name for c in CHECKS} >= {
        "municipality_rows",
        "pohde_areas",
        "area_parents",
        "aggregates_agree",
        "observations_present",
    }
    for check in CHECKS:
        lines = check.query.path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == f"-- name: {check.query.path.stem}"
        assert len(check.query.purpose) > 20 and check.failure and check.row, check.name
        assert check.query.columns, f"{check.name}: '-- columns:' is missing"
        assert set(re.findall(r"{(\w+)", check.row)) <= set(check.query.columns), "row fields are result columns"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_check_passes_on_the_shipped_data_and_declares_its_columns(check, built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        result = con.execute(check.query.sql, {p: {"municipalities": MUNICIPALITIES}[p] for p in check.query.params})
        assert tuple(d[0] for d in result.description) == check.query.columns
        assert result.fetchall() == []
    finally:
        con.close()


@pytest.fixture()
def writable(built_db, tmp_path):
    copy = tmp_path / "broken.duckdb"
    shutil.copy(built_db, copy)
    con = duckdb.connect(str(copy))
    yield con
    con.close()


def test_the_shipped_warehouse_validates(writable):
    warehouse._validate(writable, MUNICIPALITIES)  # raises on any failing check


BREAKAGES = {
    # check name -> (SQL that breaks the warehouse, text the failure must show)
    "pohde_areas": (
        "INSERT INTO area (area_code, name_fi, level, parent_code, sort_order) "
        "VALUES ('synteettinen', 'Synteettinen alue', 'alue', 'HVA19', 999)",
        "expected the six Pohde areas: 7 found",
    ),
    "area_parents": (
        "INSERT INTO area (area_code, name_fi, level, parent_code, sort_order) "
        "VALUES ('999', 'Synteettinen testikunta', 'kunta', 'nowhere', 999)",
        "point to a parent that does not exist: 999 -> nowhere",
    ),
    "aggregates_agree": (
        "UPDATE aggregate_check SET ok = false WHERE rowid = (SELECT min(rowid) FROM aggregate_check WHERE ok)",
        "disagree with the source's official values: ",
    ),
    "observations_present": ("DELETE FROM observation", "no observations: 0 with a value"),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_a_broken_warehouse_fails_with_the_checks_name_and_rows(name, writable):
    sql, shown = BREAKAGES[name]
    try:
        writable.execute(sql)
    except duckdb.ConstraintException:
        pytest.fail(f"the breakage for {name} hit a schema constraint instead of reaching the check")
    with pytest.raises(BuildError, match=rf"check {name}: ") as info:
        warehouse._validate(writable, MUNICIPALITIES)
    assert shown in str(info.value)


def test_wrong_municipality_count_fails_with_the_counts(writable):
    with pytest.raises(
        BuildError,
        match=re.escape(
            "check municipality_rows: municipality rows do not match municipalities.csv: 30 found, 31 expected"
        ),
    ):
        warehouse._validate(writable, MUNICIPALITIES + 1)
