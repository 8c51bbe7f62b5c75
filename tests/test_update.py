"""`update`: fetch into an atomic raw dir, read it back (sotkanet_fetched), rebuild. Fake server only."""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
from pathlib import Path

import polars as pl
import pytest
from fake_sotkanet import HELSINKI_ID, KUNTANUMEROT, UNKNOWN_REGION_ID, fake_sotkanet  # noqa: F401

from tilannekuva import paths
from tilannekuva.build import sotkanet_fetched, update
from tilannekuva.build.sotkanet import SotkanetClient
from tilannekuva.build.sotkanet_fetched import FetchedDataError, load_latest, load_latest_metadata, read_latest

YEARS = [2022, 2023]
STAMP = re.compile(r"^\d{8}T\d{6}Z(-\d+)?$")
CATALOG = (
    "indicator_id,name_fi,source_system,sotkanet_id\n"
    "127,Väestö 31.12.,sotkanet,127\n683,Diabetes,sotkanet,683\n186,Kuolleisuus,sotkanet,186\n"
    "tem_x,Työttömät,tem,\n"
)


@pytest.fixture()
def client(fake_sotkanet):
    with SotkanetClient(fake_sotkanet.base_url, timeout=0.3, retries=1, backoff=0.01) as c:
        yield c


@pytest.fixture()
def raw_root(tmp_path) -> Path:
    return tmp_path / "raw" / "sotkanet"


@pytest.fixture()
def catalog(tmp_path) -> Path:
    path = tmp_path / "indicators.csv"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under root -> sha256 (to prove a failure touched nothing)."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------- fetch_to_raw


def test_fetch_writes_raw_responses_and_manifest(client, fake_sotkanet, raw_root):
    d = update.fetch_to_raw(client, [683, 127], YEARS, raw_root, workers=2, progress=False)
    assert d.parent == raw_root and STAMP.match(d.name)
    assert [p.name for p in raw_root.iterdir()] == [d.name]  # no temp dir left
    assert sorted(p.name for p in d.iterdir()) == [
        "data_127.json",
        "data_683.json",
        "indicator_127.json",
        "indicator_683.json",
        "manifest.json",
        "regions.json",
    ]
    m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", m["fetched_at"])
    assert m["base_url"] == fake_sotkanet.base_url
    assert m["indicator_ids"] == [683, 127] and m["years"] == YEARS
    assert m["row_counts"] == {"683": 66 + 10, "127": 31}
    assert m["client_version"].startswith("tilannekuva.sotkanet 1.0")
    assert m["requests_sent"] == 5 and m["retries"] == 0
    for name, entry in m["files"].items():
        assert entry["sha256"] == hashlib.sha256((d / name).read_bytes()).hexdigest()
    # /regions once, then one metadata + one data request per indicator, years repeated
    assert len(fake_sotkanet.requests_to("/regions")) == 1
    assert len(fake_sotkanet.requests_to("/json")) == 2
    assert all(r.params("years") == ["2022", "2023"] for r in fake_sotkanet.requests_to("/json"))
    assert json.loads((d / "data_683.json").read_bytes())[0]["indicator"] == 683


def test_retry_inside_a_fetch_is_counted(client, fake_sotkanet, raw_root):
    fake_sotkanet.add_fault("/json", "status", status=502, indicator=127, times=1)
    d = update.fetch_to_raw(client, [127], YEARS, raw_root, workers=1, progress=False)
    m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    assert m["retries"] == 1 and m["requests_sent"] == 4


@pytest.mark.parametrize(
    ("path", "kind", "what"),
    [
        ("/json", "status", "indicator 127 (data)"),
        ("/indicators/127", "timeout", "indicator 127 (metadata)"),
        ("/json", "malformed", "indicator 127 (data)"),
        ("/json", "bad_row", "indicator 127 (data)"),
        ("/regions", "status", "regions"),
    ],
)
def test_failed_fetch_changes_nothing(client, fake_sotkanet, raw_root, path, kind, what):
    first = update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    before = _snapshot(raw_root)
    fake_sotkanet.add_fault(path, kind, delay=1.0, indicator=127 if path == "/json" else None)
    with pytest.raises(update.FetchError) as err:
        update.fetch_to_raw(client, [683, 127], YEARS, raw_root, workers=2, progress=False)
    msg = str(err.value)
    assert f"- {what}: " in msg and "nothing was changed" in msg
    assert fake_sotkanet.base_url + path in msg  # the URL that failed
    assert _snapshot(raw_root) == before  # earlier fetch untouched, no new or temp dir
    assert [p.name for p in raw_root.iterdir()] == [first.name]


def test_empty_indicator_is_a_valid_fetch(client, fake_sotkanet, raw_root):
    fake_sotkanet.add_fault("/json", "empty", indicator=186)
    d = update.fetch_to_raw(client, [186, 683], YEARS, raw_root, progress=False)
    assert json.loads((d / "data_186.json").read_bytes()) == []
    assert json.loads((d / "manifest.json").read_bytes())["row_counts"]["186"] == 0
    frame = load_latest(raw_root, KUNTANUMEROT)
    assert "186" not in set(frame["indicator_id"]) and "683" in set(frame["indicator_id"])
    assert load_latest_metadata(raw_root)["186"]["title_fi"] == "Kuolleisuus / 100 000 asukasta"


def test_two_fetches_in_one_second_both_kept(client, raw_root):
    a = update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    b = update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    assert a != b and a.exists() and b.exists()
    assert sotkanet_fetched.latest_fetch_dir(raw_root) == b


# --------------------------------------------------------------------------- sotkanet_fetched


def test_load_latest_maps_regions(client, fake_sotkanet, raw_root):
    fake_sotkanet.data[127].append({"indicator": 127, "region": 30, "year": 2023, "gender": "total", "value": None})
    fake_sotkanet.add_fault("/json", "unknown_region", indicator=683)
    d = update.fetch_to_raw(client, [683, 127], YEARS, raw_root, progress=False)

    got = read_latest(raw_root, KUNTANUMEROT)
    f = got.frame
    assert f.schema == pl.Schema(sotkanet_fetched.VALUE_SCHEMA)
    assert set(f["area_code"]) == KUNTANUMEROT | {"HVA19", "MK17", "SSS"}
    assert f.filter(pl.col("indicator_id") == "683").height == 66
    assert f.filter(pl.col("indicator_id") == "127").height == 31

    def one(iid, area, year):
        return f.filter((pl.col("indicator_id") == iid) & (pl.col("area_code") == area) & (pl.col("year") == year)).row(
            0, named=True
        )

    oulu = one("683", "564", 2023)
    assert (oulu["value"], oulu["abs_value"], oulu["status"], oulu["gender"]) == (10.6, 10546.0, "ok", "total")
    assert oulu["source"] == "sotkanet" and oulu["month"] is None
    assert oulu["source_file"] == f"{d.name}/data_683.json"
    assert one("683", "HVA19", 2023)["value"] == 12.2 and one("683", "HVA19", 2023)["abs_value"] == 25733.0
    assert one("683", "MK17", 2022)["abs_value"] == 25183.0
    assert one("683", "SSS", 2023)["abs_value"] == 361307.0
    assert one("683", "009", 2022)["value"] == 12.9  # Alavieska: kuntanumero with leading zero
    assert one("127", "564", 2022)["value"] == 211848.0 and one("127", "564", 2022)["abs_value"] is None
    hailuoto = one("127", "072", 2023)
    assert hailuoto["value"] is None and hailuoto["status"] == "suppressed"
    # dropped: the unknown region, 5 outside regions x 2 years (683), Helsinki (127);
    # the old-series hyvinvointialue that also has code '19' is not taken for Pohde
    assert got.dropped == {"unknown_region": 1, "outside_area": 11}
    assert got.dropped_region_ids[UNKNOWN_REGION_ID] == 1 and got.dropped_region_ids[HELSINKI_ID] == 3
    assert got.fetched_at == json.loads((d / "manifest.json").read_bytes())["fetched_at"]


def test_schema_matches_the_build(client, raw_root):
    inputs = pytest.importorskip("tilannekuva.build.inputs")
    assert sotkanet_fetched.VALUE_SCHEMA == inputs.VALUE_SCHEMA


def test_no_fetch_gives_empty_frame(raw_root):
    assert load_latest(raw_root, KUNTANUMEROT).schema == pl.Schema(sotkanet_fetched.VALUE_SCHEMA)
    raw_root.mkdir(parents=True)
    (raw_root / ".tmp-20261123T120000Z-1").mkdir()  # a fetch in progress or a dead one
    (raw_root / ".tmp-20261123T120000Z-1" / "manifest.json").write_text("{}")
    (raw_root / "20261123T110000Z").mkdir()  # no manifest: incomplete
    assert load_latest(raw_root, KUNTANUMEROT).height == 0
    assert load_latest_metadata(raw_root) == {}
    assert sotkanet_fetched.latest_fetched_at(raw_root) is None


def test_newest_complete_fetch_wins(client, fake_sotkanet, raw_root):
    update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    fake_sotkanet.data[683] = [r | {"value": 99.0} if r["region"] == 261 else r for r in fake_sotkanet.data[683]]
    newest = update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    (raw_root / ".tmp-29991231T235959Z-1").mkdir()  # newer name, but not complete
    f = load_latest(raw_root, KUNTANUMEROT)
    assert f.filter(pl.col("area_code") == "564")["value"].to_list() == [99.0, 99.0]
    assert set(f["source_file"]) == {f"{newest.name}/data_683.json"}


def test_damaged_fetch_stops_the_loader(client, raw_root):
    d = update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    (d / "data_683.json").write_text("[]", encoding="utf-8")
    with pytest.raises(FetchedDataError, match="data_683.json: content does not match manifest.json"):
        load_latest(raw_root, KUNTANUMEROT)


def test_ambiguous_region_mapping_is_an_error():
    regions = [
        {"id": 1, "code": "X", "category": "MAA", "title": {"fi": "Maa A"}},
        {"id": 2, "code": "Y", "category": "MAA", "title": {"fi": "Maa B"}},
    ]
    with pytest.raises(FetchedDataError, match=r"regions \[1, 2\] all map to area SSS"):
        sotkanet_fetched.region_area_codes(regions, KUNTANUMEROT)


def test_metadata_for_the_catalogue(client, raw_root):
    update.fetch_to_raw(client, [683, 186], YEARS, raw_root, progress=False)
    meta = load_latest_metadata(raw_root)
    assert set(meta) == {"683", "186"}
    m = meta["186"]
    assert m["title_fi"] == "Kuolleisuus / 100 000 asukasta"
    assert m["organization_fi"] == "Tilastokeskus"
    assert m["decimals"] == 1 and m["data_updated"] == "2025-04-29"
    assert m["range"] == {"start": 1990, "end": 2024}
    assert m["fetched_at"] == sotkanet_fetched.latest_fetched_at(raw_root)


# --------------------------------------------------------------------------- catalogue, years


def test_catalog_ids(catalog):
    assert update.catalog_sotkanet_ids(catalog) == [127, 683, 186]
    assert update.select_ids(None, catalog) == [127, 683, 186]
    assert update.select_ids(["683", "127"], catalog) == [683, 127]
    with pytest.raises(
        update.CatalogError, match=r"indicator id\(s\) 999 are not in the catalogue.*add it to .* first"
    ):
        update.select_ids(["683", "999"], catalog)
    with pytest.raises(update.CatalogError, match="not a Sotkanet id"):
        update.select_ids(["tem_x"], catalog)
    with pytest.raises(update.CatalogError, match="not found"):
        update.catalog_sotkanet_ids(catalog.with_name("nope.csv"))


def test_shipped_catalog_has_sotkanet_ids():
    if not paths.CATALOG_CSV.exists():
        pytest.skip("data/indicators.csv not written yet")
    ids = update.catalog_sotkanet_ids()
    assert 683 in ids and 127 in ids


def test_parse_years():
    assert update.parse_years("2020-2022") == [2020, 2021, 2022]
    assert update.parse_years("2015,2018-2019") == [2015, 2018, 2019]
    for bad in ("2022-2020", "abc", "", "1800-1900"):
        with pytest.raises(ValueError):
            update.parse_years(bad)


# --------------------------------------------------------------------------- run()


def _args(fake, raw_root, catalog, *extra) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    update.add_arguments(parser)
    return parser.parse_args(
        [
            "--base-url",
            fake.base_url,
            "--years",
            "2022-2023",
            "--raw-root",
            str(raw_root),
            "--catalog",
            str(catalog),
            "--timeout",
            "2",
            "--retries",
            "0",
            "--no-progress",
            *extra,
        ]
    )


@pytest.fixture()
def fake_build(monkeypatch, tmp_path):
    """Stand-in for tilannekuva.build.warehouse.build_database that records its calls."""
    import tilannekuva.build.warehouse as build

    calls = []

    def build_database(db_path=None, src=None, **kw):
        calls.append({"db_path": db_path, "src": src})
        return tmp_path / "fake.duckdb"

    monkeypatch.setattr(build, "build_database", build_database)
    return calls


def test_run_fetches_then_builds(fake_sotkanet, raw_root, catalog, fake_build, capsys):
    assert update.run(_args(fake_sotkanet, raw_root, catalog, "--indicators", "683")) == 0
    (d,) = raw_root.iterdir()
    assert STAMP.match(d.name)
    assert len(fake_build) == 1 and fake_build[0]["src"].raw_sotkanet == raw_root
    err = capsys.readouterr().err
    assert "Fetched 76 rows" in err and "Database rebuilt" in err


def test_run_default_ids_come_from_the_catalog(fake_sotkanet, raw_root, catalog, fake_build):
    assert update.run(_args(fake_sotkanet, raw_root, catalog, "--no-build")) == 0
    assert sorted(int(r.params("indicator")[0]) for r in fake_sotkanet.requests_to("/json")) == [127, 186, 683]
    assert fake_build == []


def test_run_refuses_ids_outside_the_catalog(fake_sotkanet, raw_root, catalog, fake_build, capsys):
    assert update.run(_args(fake_sotkanet, raw_root, catalog, "--indicators", "683", "5527")) == 2
    assert "5527" in capsys.readouterr().err and fake_sotkanet.requests == [] and not raw_root.exists()


def test_run_fetch_failure_does_not_build(fake_sotkanet, raw_root, catalog, fake_build, capsys):
    fake_sotkanet.add_fault("/json", "status", status=500, indicator=683)
    assert update.run(_args(fake_sotkanet, raw_root, catalog, "--indicators", "683")) == 1
    err = capsys.readouterr().err
    assert "indicator 683 (data)" in err and "HTTP 500" in err and "/json?indicator=683" in err
    assert fake_build == [] and list(raw_root.iterdir()) == []


def test_run_reports_a_failed_build(fake_sotkanet, raw_root, catalog, monkeypatch, capsys):
    import tilannekuva.build.warehouse as build

    def broken(*a, **kw):
        raise RuntimeError("schema check failed")

    monkeypatch.setattr(build, "build_database", broken)
    assert update.run(_args(fake_sotkanet, raw_root, catalog, "--indicators", "683")) == 3
    err = capsys.readouterr().err
    assert "database build failed" in err and "previous database is kept" in err and "schema check failed" in err
    assert len(list(raw_root.iterdir())) == 1  # the good fetch stays


@pytest.mark.skipif(importlib.util.find_spec("tilannekuva.build.warehouse") is None, reason="build not written yet")
def test_run_with_the_real_build(fake_sotkanet, raw_root, tmp_path):
    """End to end: fake Sotkanet -> raw dir -> the real build into a temporary database."""
    duckdb = pytest.importorskip("duckdb")
    if not paths.CATALOG_CSV.exists():
        pytest.skip("data/indicators.csv not written yet")
    db = tmp_path / "t.duckdb"
    args = _args(fake_sotkanet, raw_root, paths.CATALOG_CSV, "--indicators", "683", "--db", str(db))
    assert update.run(args) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        got = con.execute(
            "SELECT value FROM observations WHERE indicator_id = '683' AND area_code = '564' "
            "AND year = 2023 AND gender = 'total'"
        ).fetchall()
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
    finally:
        con.close()
    assert got == [(10.6,)]
    (fetch_dir,) = raw_root.iterdir()
    assert info["sotkanet_fetch_rows"] == "66"  # 30 municipalities + HVA19 + MK17 + SSS, two years
    assert info["sotkanet_fetch_dir"].endswith(fetch_dir.name)
    assert info["sotkanet_fetched_at"].startswith("20")


# ------------------------------------------------------------------- issue 9, item 7: refresh that blocks or reverts


def _real_args(fake, raw_root, db, *extra):
    return _args(fake, raw_root, paths.CATALOG_CSV, "--db", str(db), *extra)


def _oulu_row(rows: list[dict], year: int) -> dict:
    return next(r for r in rows if r["region"] == 261 and r["year"] == year)


def test_fetch_that_fails_the_build_is_kept_aside_and_does_not_block_later_builds(
    fake_sotkanet, raw_root, tmp_path, capsys
):
    """Before: the fetch was published first, so its bad value stopped every later plain build."""
    from tilannekuva.build.inputs import BuildInputs
    from tilannekuva.build.warehouse import build_database

    _oulu_row(fake_sotkanet.data[683], 2023)["value"] = 250.0  # a share of 250 %
    db = tmp_path / "t.duckdb"
    assert update.run(_real_args(fake_sotkanet, raw_root, db, "--indicators", "683")) == update.EXIT_BUILD
    err = capsys.readouterr().err
    assert "NOT published" in err and "value 250 is outside 0…100" in err
    (kept,) = raw_root.iterdir()
    assert kept.name.startswith("failed-") and (kept / "manifest.json").exists()  # kept for inspection
    assert sotkanet_fetched.complete_fetches(raw_root) == []
    assert not db.exists()
    build_database(db, BuildInputs(raw_sotkanet=raw_root))  # a plain build is not blocked
    assert db.exists()


def test_no_build_fetch_is_checked_before_it_is_published(fake_sotkanet, raw_root, capsys):
    _oulu_row(fake_sotkanet.data[683], 2023)["value"] = -3.0
    args = _args(fake_sotkanet, raw_root, paths.CATALOG_CSV, "--indicators", "683", "--no-build")
    assert update.run(args) == update.EXIT_BUILD
    assert "failed its checks" in capsys.readouterr().err
    assert [p.name.startswith("failed-") for p in raw_root.iterdir()] == [True]
    assert sotkanet_fetched.complete_fetches(raw_root) == []


def test_narrower_update_keeps_the_other_indicators_of_an_earlier_fetch(client, fake_sotkanet, raw_root):
    """`update --indicators 683 127`, then `--indicators 683`: 127 stays as fetched (before: only the
    newest fetch was read, so 127 fell back to the shipped values)."""
    _oulu_row(fake_sotkanet.data[127], 2022)["value"] = 211849.0
    first = update.fetch_to_raw(client, [683, 127], YEARS, raw_root, progress=False)
    _oulu_row(fake_sotkanet.data[683], 2023)["value"] = 10.7
    second = update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    merged = sotkanet_fetched.read_merged(raw_root, KUNTANUMEROT)
    f = merged.frame
    oulu = f.filter((pl.col("area_code") == "564") & (pl.col("gender") == "total"))
    assert oulu.filter((pl.col("indicator_id") == "127") & (pl.col("year") == 2022))["value"].to_list() == [211849.0]
    got_683 = oulu.filter((pl.col("indicator_id") == "683") & (pl.col("year") == 2023))
    assert got_683["value"].to_list() == [10.7]  # the newer fetch wins for 683
    assert got_683["source_file"][0].endswith(f"{second.name}/data_683.json")
    assert f.group_by("indicator_id", "area_code", "year", "gender").len()["len"].max() == 1  # no duplicates
    assert [p.name for p in merged.names] == [first.name, second.name]
    assert merged.build_info()["sotkanet_fetch_dir"].endswith(second.name)


def test_fetch_superseded_by_newer_ones_is_not_read(client, raw_root):
    """A fetch whose every indicator and year a newer fetch covers is skipped (so damage in it,
    e.g. an edited file, cannot stop the build)."""
    old = update.fetch_to_raw(client, [683], [2023], raw_root, progress=False)
    update.fetch_to_raw(client, [683, 127], YEARS, raw_root, progress=False)
    (old / "data_683.json").write_text("[]", encoding="utf-8")  # sha256 no longer matches
    merged = sotkanet_fetched.read_merged(raw_root, KUNTANUMEROT)
    assert old not in merged.names and merged.frame.height == 66 + 30


def test_narrower_update_with_the_real_build(fake_sotkanet, raw_root, tmp_path):
    db = tmp_path / "t.duckdb"
    assert update.run(_real_args(fake_sotkanet, raw_root, db, "--indicators", "683", "127")) == 0
    assert update.run(_real_args(fake_sotkanet, raw_root, db, "--indicators", "683")) == 0
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect(str(db), read_only=True)
    try:
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
    finally:
        con.close()
    assert info["sotkanet_fetch_rows"] == str(66 + 30)  # 683 from the second fetch, 127 from the first
    assert len(info["sotkanet_fetch_dirs"].split(", ")) == 2
    assert len(sotkanet_fetched.complete_fetches(raw_root)) == 2


@pytest.mark.parametrize("fault", ["retry_after", "hanging"])
def test_ctrl_c_stops_an_update_at_once(fake_sotkanet, raw_root, catalog, fault):
    """SIGINT during retries (503 + Retry-After 30, five retries) or a server that does not answer:
    the command ends within seconds with exit 130, no traceback, nothing published, no temp dir.
    Before: it waited out the retries and timeouts (20-80 s)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    if fault == "retry_after":
        fake_sotkanet.add_fault("/json", "status", status=503, headers={"Retry-After": "30"})
    else:
        fake_sotkanet.add_fault("/json", "timeout", delay=40)
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k != "TILANNEKUVA_DB"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tilannekuva",
            "update",
            "--base-url",
            fake_sotkanet.base_url,
            "--raw-root",
            str(raw_root),
            "--catalog",
            str(catalog),
            "--indicators",
            "683",
            "127",
            "--years",
            "2022-2023",
            "--retries",
            "5",
            "--timeout",
            "30",
            "--no-progress",
        ],
        cwd=root,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while len(fake_sotkanet.requests_to("/json")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # both data requests are now waiting (Retry-After) or hanging
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("update did not stop within 10 s of Ctrl-C")
    assert time.monotonic() - started < 3.0
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not raw_root.exists() or list(raw_root.iterdir()) == []


def test_oversized_fetched_file_is_refused_before_reading(client, raw_root, monkeypatch):
    from tilannekuva.build import inputs

    update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(FetchedDataError, match="more than the .* MiB a fetched file may have"):
        sotkanet_fetched.read_merged(raw_root, KUNTANUMEROT)


def test_200_mb_input_csv_is_refused_by_size(tmp_path):
    """The 200 MB CSV that took 9.5 GB of memory: refused from its size before a byte is parsed
    (a sparse file, so the test costs no disk)."""
    from tilannekuva.build.inputs import InputError, read_rows

    big = tmp_path / "snapshot_values.csv"
    with big.open("wb") as f:
        f.write(b"source,indicator_id,region_code,year,gender,value,abs_value\n")
        f.truncate(200 * 2**20)
    with pytest.raises(InputError, match=r"file is 200\.0 MiB, more than the 64 MiB"):
        read_rows(big, ["source"])


def test_damaged_published_fetch_says_how_to_build_without_it(client, raw_root, tmp_path):
    from tilannekuva.build.inputs import BuildInputs, InputError
    from tilannekuva.build.warehouse import build_database

    d = update.fetch_to_raw(client, [683], YEARS, raw_root, progress=False)
    (d / "data_683.json").write_text("[]", encoding="utf-8")  # edited by hand: sha256 no longer matches
    db = tmp_path / "t.duckdb"
    with pytest.raises(InputError) as err:
        build_database(db, BuildInputs(raw_sotkanet=raw_root))
    assert "content does not match manifest.json" in str(err.value)
    assert f"rename its folder {d.name} to failed-{d.name}" in str(err.value)
    d.rename(raw_root / f"failed-{d.name}")
    build_database(db, BuildInputs(raw_sotkanet=raw_root))  # the advice works
    assert db.exists()
