"""The built warehouse: public model, constraints, metadata, geometry, determinism, atomic
replacement and the command line."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tilannekuva import paths
from tilannekuva.__main__ import main as cli_main
from tilannekuva.build import warehouse as build
from tilannekuva.build.inputs import BuildInputs
from tilannekuva.build.warehouse import build_database

ROOT = Path(__file__).resolve().parent.parent
SIX_AREAS = {"koillismaa", "oulunkaari", "oulu", "lakeus", "etelainen", "rannikkoseutu"}
OBS_ORDER = "ORDER BY indicator_id, area_code, year, month NULLS FIRST, gender"

# The public model as documented in README "Data model" (exact column order).
PUBLIC_VIEWS = {
    "areas": ["area_code", "name_fi", "level", "parent_code", "name_sv", "sort_order", "confidence", "evidence"],
    "indicators": [
        "indicator_id",
        "name_fi",
        "theme",
        "topic",
        "unit",
        "value_type",
        "decimals",
        "polarity",
        "aggregation",
        "weight_indicator",
        "scale",
        "ci_method",
        "frequency",
        "source_system",
        "source_org",
        "sotkanet_id",
        "certainty",
        "caveat_fi",
        "licence",
        "first_year",
        "last_year",
        "n_values",
        "concept",
        "current_measure",
    ],
    "observations": [
        "indicator_id",
        "area_code",
        "year",
        "month",
        "gender",
        "value",
        "numerator",
        "denominator",
        "status",
        "method",
        "source",
        "note",
    ],
}


@pytest.fixture(scope="module")
def con(built_db):
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def scalar(con, sql, *params):
    return con.execute(sql, list(params)).fetchone()[0]


# --------------------------------------------------------------------------- public model


@pytest.mark.parametrize("view", sorted(PUBLIC_VIEWS))
def test_public_view_has_the_documented_columns(con, view):
    kind = scalar(con, "SELECT table_type FROM information_schema.tables WHERE table_name = ?", view)
    assert kind == "VIEW"
    columns = [
        c
        for (c,) in rows(
            con,
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            view,
        )
    ]
    assert columns == PUBLIC_VIEWS[view]
    assert scalar(con, f"SELECT count(*) FROM {view}") > 0


def test_levels_and_codes(con):
    counts = dict(rows(con, "SELECT level, count(*) FROM areas GROUP BY level"))
    assert counts == {"kunta": 30, "alue": 6, "hyvinvointialue": 1, "maakunta": 1, "maa": 1}
    by_level = {
        level: {c for (c,) in rows(con, "SELECT area_code FROM areas WHERE level = ?", level)} for level in counts
    }
    assert by_level["alue"] == SIX_AREAS
    assert by_level["hyvinvointialue"] == {"HVA19"}
    assert by_level["maakunta"] == {"MK17"}
    assert by_level["maa"] == {"SSS"}
    assert all(re.fullmatch(r"[0-9]{3}", code) for code in by_level["kunta"])
    assert "564" in by_level["kunta"]  # Oulu
    assert by_level["kunta"] == {
        line.split(",")[0]
        for line in (ROOT / "data" / "municipalities.csv").read_text(encoding="utf-8").splitlines()[1:]
    }
    # the hierarchy: kunta -> alue -> HVA19 -> SSS, MK17 -> SSS, SSS at the top
    parents = dict(rows(con, "SELECT area_code, parent_code FROM areas"))
    assert {parents[k] for k in by_level["kunta"]} == SIX_AREAS
    assert {parents[a] for a in SIX_AREAS} == {"HVA19"}
    assert (parents["HVA19"], parents["MK17"], parents["SSS"]) == ("SSS", "SSS", None)
    assert parents["785"] == "oulunkaari"  # Vaala


def test_every_observation_points_to_a_known_area_and_indicator(con):
    assert scalar(con, "SELECT count(*) FROM observations o ANTI JOIN areas a USING (area_code)") == 0
    assert scalar(con, "SELECT count(*) FROM observations o ANTI JOIN indicators i USING (indicator_id)") == 0
    statuses = {s for (s,) in rows(con, "SELECT DISTINCT status FROM observations")}
    methods = {m for (m,) in rows(con, "SELECT DISTINCT method FROM observations")}
    assert statuses <= {"ok", "suppressed", "missing"} and "ok" in statuses
    assert methods == {"source", "source_excl_vaala", "sum", "ratio", "weighted", "estimate", "same_territory"}
    assert scalar(con, "SELECT count(*) FROM observations WHERE (status = 'ok') <> (value IS NOT NULL)") == 0


def test_monthly_rows_have_a_month_and_annual_rows_none(con):
    by_frequency = dict(
        rows(
            con,
            """
        SELECT i.frequency, list(DISTINCT coalesce(o.month, 0) ORDER BY coalesce(o.month, 0))
        FROM observations o JOIN indicators i USING (indicator_id) GROUP BY i.frequency""",
        )
    )
    assert by_frequency["month"] == list(range(1, 13))
    assert by_frequency["year"] == [0]  # i.e. NULL in the view
    monthly = {i for (i,) in rows(con, "SELECT DISTINCT indicator_id FROM observations WHERE month IS NOT NULL")}
    assert monthly == {
        "tem_tyottomat_pct_tyovoima_kk",
        "tem_tyottomat_lkm_kk",
        "tem_avoimet_tyopaikat_kk",
        "statfin_vaesto_ennakko_kk",
    }  # StatFin 11lj preliminary population (data/sources/fresh)
    # a full TEM year: 12 months for Oulu and for the region, no duplicates
    assert rows(
        con,
        """SELECT area_code, count(*), count(DISTINCT month) FROM observations
                        WHERE indicator_id = 'tem_tyottomat_lkm_kk' AND year = 2020 AND area_code IN ('564', 'MK17')
                        GROUP BY area_code ORDER BY area_code""",
    ) == [("564", 12, 12), ("MK17", 12, 12)]
    # the table stores annual values as month 0 (NULL-free primary key); the view turns 0 into NULL
    assert scalar(con, "SELECT count(*) FROM observation WHERE month IS NULL") == 0
    assert scalar(con, "SELECT count(*) FROM observations WHERE month = 0") == 0


def test_monthly_unemployment_rate_is_count_over_labour_force(con):
    """TEM rate rows: value = unemployed / labour force × 100 with the labour force kept as denominator."""
    line = next(
        row
        for row in (ROOT / "data" / "sources" / "tem_tyonvalitystilasto_12r5_monthly_2006_2023_pohde.csv")
        .read_text(encoding="utf-8")
        .splitlines()
        if row.startswith("KU564,2020-06,")
    )
    _, _, unemployed, labour, _ = line.split(",")
    value, numerator, denominator = rows(
        con,
        """SELECT value, numerator, denominator FROM observations
        WHERE indicator_id = 'tem_tyottomat_pct_tyovoima_kk' AND area_code = '564' AND year = 2020 AND month = 6""",
    )[0]
    assert numerator == float(unemployed)
    assert denominator == pytest.approx(float(labour))
    assert value == pytest.approx(100 * float(unemployed) / float(labour))


def test_indicators_with_values_have_years_and_rules(con):
    bad = rows(
        con,
        """
        SELECT indicator_id FROM indicators
        WHERE n_values > 0 AND (first_year IS NULL OR last_year IS NULL OR first_year > last_year
                                OR polarity IS NULL OR aggregation IS NULL)""",
    )
    assert bad == []
    mismatched = rows(
        con,
        """
        SELECT i.indicator_id FROM indicators i
        JOIN (SELECT indicator_id, min(year) AS lo, max(year) AS hi, count(*) AS n FROM observations
              WHERE status = 'ok' GROUP BY indicator_id) o USING (indicator_id)
        WHERE i.first_year <> o.lo OR i.last_year <> o.hi OR i.n_values <> o.n""",
    )
    assert mismatched == []
    # exactly the indicators with a value in some shipped source file have values
    with (ROOT / "data" / "sources" / "snapshot_values.csv").open(encoding="utf-8", newline="") as handle:
        shipped = {r["indicator_id"] for r in csv.DictReader(handle) if r["value"]}
    shipped |= {"tem_tyottomat_pct_tyovoima_kk", "tem_tyottomat_lkm_kk", "tem_avoimet_tyopaikat_kk"}
    shipped |= {"5641", "statfin_vaesto_31_12", "statfin_vaesto_ennakko_kk"}  # data/sources/fresh (inputs_fresh)
    with_values = {i for (i,) in rows(con, "SELECT indicator_id FROM indicators WHERE n_values > 0")}
    assert with_values == shipped
    assert scalar(con, "SELECT count(*) FROM indicators WHERE n_values = 0 AND first_year IS NOT NULL") == 0
    n_catalogue = len((ROOT / "data" / "indicators.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert scalar(con, "SELECT count(*) FROM indicators") == n_catalogue


def test_build_info_and_source_files(con, built_db):
    info = dict(rows(con, "SELECT key, value FROM build_info"))
    assert {"built_at", "duckdb_version", "data_sha256", "observations"} <= set(info)
    built_at = dt.datetime.fromisoformat(info["built_at"])
    assert built_at.tzinfo is not None
    assert abs(dt.datetime.now(dt.UTC) - built_at) < dt.timedelta(days=1)
    assert info["duckdb_version"] == duckdb.__version__
    assert re.fullmatch(r"[0-9a-f]{64}", info["data_sha256"])
    assert int(info["observations"]) == scalar(con, "SELECT count(*) FROM observations")

    files = {path: (sha, size) for path, sha, size in rows(con, "SELECT path, sha256, bytes FROM source_file")}
    expected = BuildInputs().source_files()
    assert set(files) == {paths.relative(p) for p in expected}
    for path in expected:
        sha, size = files[paths.relative(path)]
        assert sha == hashlib.sha256(path.read_bytes()).hexdigest(), path
        assert size == path.stat().st_size


def test_geometry_layers(con):
    layers = {
        name: (json.loads(text), n, size)
        for name, text, n, size in rows(con, "SELECT layer, geojson, n_features, bytes FROM geometry")
    }
    assert set(layers) == {"kunta", "alue", "kunta_koko_maa"}
    kunnat = {c for (c,) in rows(con, "SELECT area_code FROM areas WHERE level = 'kunta'")}
    for name, (collection, n, size) in layers.items():
        assert collection["type"] == "FeatureCollection"
        assert len(collection["features"]) == n
        text = scalar(con, "SELECT geojson FROM geometry WHERE layer = ?", name)
        assert size == len(text.encode("utf-8"))
        assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in collection["features"])
    kunta, n_kunta, kunta_bytes = layers["kunta"]
    assert n_kunta == 30 and {f["id"] for f in kunta["features"]} == kunnat
    assert kunta_bytes < 150_000
    alue, n_alue, _ = layers["alue"]
    assert n_alue == 6 and {f["id"] for f in alue["features"]} == SIX_AREAS
    country, n_country, _ = layers["kunta_koko_maa"]
    assert 300 <= n_country <= 320  # all municipalities of Finland (309 in 2023)
    assert kunnat <= {f["id"] for f in country["features"]}
    # Oulu lies at about 65°N 25.5°E: coordinates are WGS84 degrees, rounded to 4 decimals
    oulu = next(f for f in kunta["features"] if f["id"] == "564")
    ring = (
        oulu["geometry"]["coordinates"][0]
        if oulu["geometry"]["type"] == "Polygon"
        else oulu["geometry"]["coordinates"][0][0]
    )
    lon, lat = ring[0]
    assert 24 < lon < 27.5 and 64.5 < lat < 65.7
    for name in layers:
        text = scalar(con, "SELECT geojson FROM geometry WHERE layer = ?", name)
        assert not re.search(r"\d\.\d{5,}", text), f"{name}: coordinates with more than 4 decimals"


# --------------------------------------------------------------------------- constraints


OBS_COLUMNS = PUBLIC_VIEWS["observations"]
VALID_OBS = {
    "indicator_id": "127",
    "area_code": "564",
    "year": 2099,
    "month": 0,
    "gender": "total",
    "value": 1.0,
    "numerator": None,
    "denominator": None,
    "status": "ok",
    "method": "sum",
    "source": "test",
    "note": None,
}
VALID_AREA = {
    "area_code": "999",
    "name_fi": "Testikunta",
    "name_sv": None,
    "level": "kunta",
    "parent_code": "oulu",
    "sort_order": 999,
    "confidence": None,
    "evidence": None,
}


@pytest.fixture(scope="module")
def writable(built_db, tmp_path_factory):
    """A read-write COPY of the built database (the original stays read-only)."""
    copy = tmp_path_factory.mktemp("rw") / "copy.duckdb"
    shutil.copyfile(built_db, copy)
    connection = duckdb.connect(str(copy))
    yield connection
    connection.close()


def insert(con, table: str, row: dict) -> None:
    columns = ", ".join(row)
    con.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def test_valid_rows_are_accepted(writable):
    """Positive control: the rows the constraint tests spoil are themselves valid."""
    insert(writable, "area", VALID_AREA)
    insert(writable, "observation", {**VALID_OBS, "year": 2098})
    insert(writable, "observation", {**VALID_OBS, "year": 2098, "area_code": "999"})
    assert scalar(writable, "SELECT count(*) FROM observations WHERE year = 2098") == 2


OBS_VIOLATIONS = {
    "duplicate_primary_key": {"year": 2022},  # 127 / 564 / 2022 / annual / total exists
    "bad_status": {"status": "estimated"},
    "month_13": {"month": 13},
    "negative_month": {"month": -1},
    "ok_without_value": {"value": None},
    "missing_with_value": {"status": "missing"},
    "bad_method": {"method": "mean"},
    "bad_gender": {"gender": "both"},
    "year_out_of_range": {"year": 1850},
    "zero_denominator": {"denominator": 0.0},
    "unknown_area": {"area_code": "XYZ"},
    "unknown_indicator": {"indicator_id": "no_such_indicator"},
    "null_status": {"status": None},
}


@pytest.mark.parametrize("case", sorted(OBS_VIOLATIONS))
def test_observation_constraints(writable, case):
    before = scalar(writable, "SELECT count(*) FROM observation")
    with pytest.raises(duckdb.ConstraintException):
        insert(writable, "observation", {**VALID_OBS, **OBS_VIOLATIONS[case]})
    assert scalar(writable, "SELECT count(*) FROM observation") == before


AREA_VIOLATIONS = {
    "bad_level": {"level": "seutukunta"},
    "kunta_code_not_three_digits": {"area_code": "12"},
    "kunta_code_not_digits": {"area_code": "abc"},
    "no_parent": {"parent_code": None},
    "duplicate_area_code": {"area_code": "564"},
    "no_name": {"name_fi": None},
}


@pytest.mark.parametrize("case", sorted(AREA_VIOLATIONS))
def test_area_constraints(writable, case):
    with pytest.raises(duckdb.ConstraintException):
        insert(writable, "area", {**VALID_AREA, "area_code": "998", **AREA_VIOLATIONS[case]})


@pytest.mark.parametrize(
    "change",
    [
        {"aggregation": "ratio", "scale": None},
        {"aggregation": "weighted", "weight_indicator": None},
        {"polarity": "better"},
        {"first_year": 2020, "last_year": 2010},
    ],
    ids=["ratio_without_scale", "weighted_without_weight", "bad_polarity", "years_reversed"],
)
def test_indicator_constraints(writable, change):
    row = dict(
        zip(
            PUBLIC_VIEWS["indicators"],
            writable.execute("SELECT * FROM indicators WHERE indicator_id = '127'").fetchone(),
        )
    )
    with pytest.raises(duckdb.ConstraintException):
        insert(writable, "indicator", {**row, "indicator_id": "test_x", **change})


# --------------------------------------------------------------------------- determinism, atomicity, CLI


def leftovers(folder: Path, keep: str) -> list[str]:
    """Files beside the database other than it: temp files would show here. `history/` (the
    build's snapshot folder, README "history") belongs there."""
    return sorted(p.name for p in folder.iterdir() if p.name not in (keep, "history"))


def same_data(a: Path, b: Path) -> None:
    ca = duckdb.connect(str(a), read_only=True)
    cb = duckdb.connect(str(b), read_only=True)
    try:
        for sql in (
            f"SELECT * FROM observations {OBS_ORDER}",
            "SELECT * FROM aggregate_check ORDER BY indicator_id, area_code, year, month, gender",
            "SELECT * FROM areas ORDER BY area_code",
            "SELECT * FROM indicators ORDER BY indicator_id",
            "SELECT * FROM geometry ORDER BY layer",
            "SELECT * FROM source_file ORDER BY path",
            "SELECT * FROM build_info WHERE key <> 'built_at' ORDER BY key",
        ):
            left, right = ca.execute(sql).fetchall(), cb.execute(sql).fetchall()
            assert len(left) > 0, sql
            assert left == right, sql
    finally:
        ca.close()
        cb.close()


def test_rebuild_replaces_the_file_atomically_and_deterministically(built_db, tmp_path):
    """A second build from the same inputs into a second file: replaces the old file (new inode,
    no temp files) and holds exactly the same data as the first build."""
    target = tmp_path / "tilannekuva.duckdb"
    shutil.copyfile(built_db, target)
    (tmp_path / "raw").mkdir()
    inode = target.stat().st_ino
    # (no connection to `target` may stay open: DuckDB would hand the old file's instance back later)

    returned = build_database(target, BuildInputs(raw_sotkanet=tmp_path / "raw"))

    assert returned == target
    assert target.stat().st_ino != inode  # a new file moved into place, not an in-place rewrite
    assert leftovers(tmp_path, target.name) == ["raw"]  # no *.tmp-* / *.wal left
    same_data(built_db, target)


def test_cli_build_succeeds_and_is_deterministic_across_processes(built_db, tmp_path):
    out = tmp_path / "cli" / "tilannekuva.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "TILANNEKUVA_DB"}
    result = subprocess.run(
        [sys.executable, "-m", "tilannekuva", "build", "--output", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stderr
    assert out.exists()
    assert leftovers(out.parent, out.name) == []
    if paths.RAW_SOTKANET_DIR.exists() and any(paths.RAW_SOTKANET_DIR.iterdir()):
        pytest.skip("data/raw/sotkanet holds fetched data; the CLI build then differs from the shipped-only build")
    # another process (other hash seed, other PID for the temp name): the very same data
    same_data(built_db, out)


def test_cli_failure_exits_2_and_keeps_the_previous_database(built_db, data_copy, tmp_path, monkeypatch, capsys):
    """The CLI reads the default inputs, so the broken input is injected by swapping the default
    BuildInputs for one pointing at a corrupted copy of data/."""
    out = tmp_path / "out" / "tilannekuva.duckdb"
    out.parent.mkdir()
    shutil.copyfile(built_db, out)
    before = hashlib.sha256(out.read_bytes()).hexdigest()

    snapshot = data_copy / "sources" / "snapshot_values.csv"
    lines = snapshot.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[4].rstrip("\n").split(",")  # line 5 of the file
    fields[5] = "abc"  # the value column
    lines[4] = ",".join(fields) + "\n"
    snapshot.write_text("".join(lines), encoding="utf-8")
    broken = BuildInputs(
        municipalities=data_copy / "municipalities.csv",
        areas=data_copy / "areas.csv",
        membership=data_copy / "area_membership.csv",
        catalog=data_copy / "indicators.csv",
        snapshot=snapshot,
        tem_monthly=data_copy / "sources" / paths.TEM_MONTHLY_CSV.name,
        diabetes_683=data_copy / "sources" / paths.DIABETES_683_CSV.name,
        boundaries=data_copy / "geo" / paths.BOUNDARIES_GEOJSON.name,
        raw_sotkanet=data_copy / "raw",
    )
    monkeypatch.setattr(build, "BuildInputs", lambda: broken)

    code = cli_main(["build", "--output", str(out)])

    err = capsys.readouterr().err
    assert code == 2
    assert "previous database was kept" in err
    assert "snapshot_values.csv, line 5" in err and "'abc'" in err
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before
    assert leftovers(out.parent, out.name) == []
