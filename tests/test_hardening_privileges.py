"""Issue 9, item 9: the app's read-only DuckDB connection cannot reach the file system (or the
network): no COPY TO, no reading arbitrary files, no ATTACH, and the setting cannot be undone."""

from __future__ import annotations

import os

import duckdb
import pytest

from tilannekuva.db import Database


@pytest.fixture(params=["link", "attach"])
def database(request, built_db, monkeypatch):
    if request.param == "attach":  # the fallback when no hard link can be made next to the file

        def no_link(*args, **kwargs):
            raise PermissionError("read-only folder")

        monkeypatch.setattr(os, "link", no_link)
    handle = Database(built_db)
    yield handle
    handle.close()


def attempts(tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a,b\n1,2\n", encoding="utf-8")
    return {
        "COPY TO": f"COPY (SELECT 1 AS x) TO '{tmp_path / 'out.csv'}'",
        "COPY table TO": f"COPY build_info TO '{tmp_path / 'build_info.parquet'}' (FORMAT parquet)",
        "read_csv": f"SELECT * FROM read_csv('{secret}')",
        "replacement scan": f"SELECT * FROM '{secret}'",
        "read_text": "SELECT * FROM read_text('/etc/passwd')",
        "glob": "SELECT * FROM glob('/etc/*')",
        "ATTACH": f"ATTACH '{tmp_path / 'other.duckdb'}' AS other",
        "INSTALL": "INSTALL httpfs",
    }


def test_external_access_is_off_for_every_cursor(database, tmp_path):
    cursor = database.cursor()
    try:
        for label, sql in attempts(tmp_path).items():
            with pytest.raises(duckdb.Error) as info:
                cursor.execute(sql).fetchall()
            assert "Permission" in type(info.value).__name__ or "disabled" in str(info.value), (label, info.value)
    finally:
        cursor.close()
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "build_info.parquet").exists()
    assert not (tmp_path / "other.duckdb").exists()


def test_the_setting_is_locked(database):
    cursor = database.cursor()
    try:
        for sql in (
            "SET enable_external_access = true",
            "SET lock_configuration = false",
            "RESET enable_external_access",
        ):
            with pytest.raises(duckdb.Error):
                cursor.execute(sql)
        assert cursor.execute("SELECT current_setting('enable_external_access')").fetchall() == [(False,)]
    finally:
        cursor.close()


def test_the_app_still_reads_its_warehouse(database):
    assert database.query_uncached("areas").height > 30
