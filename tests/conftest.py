"""Shared fixtures: one warehouse built from the real shipped data per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tilannekuva.build.inputs import BuildInputs
from tilannekuva.build.warehouse import build_database

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """data/ built into a temporary file (the repo's own data/tilannekuva.duckdb is not touched).
    No fetched Sotkanet data is mixed in: raw_sotkanet points to an empty folder."""
    folder = tmp_path_factory.mktemp("warehouse")
    empty_raw = folder / "raw"
    empty_raw.mkdir()
    return build_database(folder / "tilannekuva.duckdb", BuildInputs(raw_sotkanet=empty_raw))


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """The tiny synthetic warehouse of tests/fixture_warehouse.py (schema.sql + derive.sql, values
    made by code; in tmp): for fast model tests that need hand-computed answers, not the real data."""
    import fixture_warehouse

    return fixture_warehouse.write(tmp_path_factory.mktemp("fixture") / "fixture.duckdb")


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ inputs, for tests that corrupt one file."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("*.duckdb*", "raw"))
    (target / "raw").mkdir()
    return target
