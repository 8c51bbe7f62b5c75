"""Plausibility (issue 9, item 6): what a tired coordinator does to the inputs, and what a
statistician checks before new figures replace the old ones.

Every case corrupts ONE file of a fresh copy of data/, rebuilds over a copy of a good database
and checks the error names the file (and the line where there is one), says why, exits non-zero
without a traceback from the command line, and leaves the old database byte-identical.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tilannekuva import paths
from tilannekuva.__main__ import main as cli_main
from tilannekuva.build import inputs, plausibility
from tilannekuva.build import warehouse as build
from tilannekuva.build.inputs import BuildInputs, InputError
from tilannekuva.build.warehouse import BuildError, ShrinkError, build_database

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "tilannekuva.duckdb"


def inputs_in(data: Path) -> BuildInputs:
    """BuildInputs with every file under data/ swapped for the same file of the copy `data`."""
    changes = {}
    for f in dataclasses.fields(BuildInputs):
        default = getattr(BuildInputs(), f.name)
        if isinstance(default, Path):
            try:
                changes[f.name] = data / default.relative_to(paths.DATA_DIR)
            except ValueError:
                pass
    changes["raw_sotkanet"] = data / "raw"
    (data / "raw").mkdir(exist_ok=True)
    return dataclasses.replace(BuildInputs(), **changes)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good_db_bytes(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("good")
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.duckdb*", "raw"))
    return build_database(folder / DB_NAME, inputs_in(data)).read_bytes()


@pytest.fixture()
def last_good(tmp_path, good_db_bytes) -> Path:
    target = tmp_path / "out" / DB_NAME
    target.parent.mkdir()
    target.write_bytes(good_db_bytes)
    return target


def assert_kept(db: Path, expected_sha: str) -> None:
    assert sha256(db) == expected_sha, "the last good database was modified"
    leftovers = sorted(p.name for p in db.parent.iterdir() if p.name != DB_NAME)
    assert leftovers == [], f"temporary files left behind: {leftovers}"


def observations(db: Path, where: str = "true") -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM observation WHERE {where}").fetchone()[0]
    finally:
        con.close()


def fails_with(src: BuildInputs, db: Path, error=InputError, **kw):
    before = sha256(db)
    with pytest.raises(error) as info:
        build_database(db, src, **kw)
    assert_kept(db, before)
    return info.value


def run_cli(monkeypatch, capsys, src: BuildInputs, *argv: str) -> tuple[int, str]:
    """`python -m tilannekuva build ...` in-process with the default inputs swapped for `src`."""
    monkeypatch.setattr(build, "BuildInputs", lambda: src)
    code = cli_main(["build", *argv])
    return code, capsys.readouterr().err


def snapshot_lines(src: BuildInputs) -> list[str]:
    return src.snapshot.read_text(encoding="utf-8").splitlines(keepends=True)


def set_snapshot_value(src: BuildInputs, indicator: str, value: str, column: int = 5) -> int:
    """Put `value` into the value column of the first row of `indicator`; returns its line."""
    lines = snapshot_lines(src)
    for number, line in enumerate(lines[1:], start=2):
        cells = line.rstrip("\n").split(",")
        if cells[1] == indicator:
            cells[column] = value
            lines[number - 1] = ",".join(cells) + "\n"
            src.snapshot.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"no row of {indicator}")


# --------------------------------------------------------------------------- empty, cut, shrunk files


def test_header_only_snapshot_is_refused_and_keeps_the_database(data_copy, last_good, monkeypatch, capsys):
    src = inputs_in(data_copy)
    src.snapshot.write_text(snapshot_lines(src)[0], encoding="utf-8")
    error = fails_with(src, last_good)
    assert error.file.endswith("snapshot_values.csv") and "no data rows" in error.reason
    code, err = run_cli(monkeypatch, capsys, src, "--output", str(last_good))
    assert code == 2 and "no data rows" in err and "previous database was kept" in err
    assert "Traceback" not in err


def test_header_only_catalogue_is_an_input_error(data_copy, last_good):
    src = inputs_in(data_copy)
    src.catalog.write_text(src.catalog.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    error = fails_with(src, last_good)
    assert error.file.endswith("indicators.csv") and "no data rows" in error.reason


def test_file_cut_in_the_middle_of_a_line(data_copy, last_good):
    src = inputs_in(data_copy)
    content = src.snapshot.read_bytes()
    cut = content[: len(content) // 2]
    cut = cut[: cut.rindex(b"\n") + 12]  # a few characters into a line, no line break at the end
    src.snapshot.write_bytes(cut)
    error = fails_with(src, last_good)
    assert error.row == cut.count(b"\n") + 1
    assert "cut short" in error.reason


def test_row_missing_its_value_cells(data_copy, last_good):
    src = inputs_in(data_copy)
    lines = snapshot_lines(src)
    lines[41] = ",".join(lines[41].split(",")[:5]) + "\n"  # line 42: source … gender, no value cells
    src.snapshot.write_text("".join(lines), encoding="utf-8")
    error = fails_with(src, last_good)
    assert error.row == 42
    assert "only 5 of 7 values" in error.reason and "'value'" in error.reason


@pytest.mark.slow  # > 20 s on a shared 2-core machine
def test_shrink_against_the_previous_build_needs_an_explicit_override(data_copy, last_good, monkeypatch, capsys):
    """A third of the snapshot is gone (a cut copy that still ends in a line break): refused with
    the figures, then accepted with --accept-shrink."""
    src = inputs_in(data_copy)
    lines = snapshot_lines(src)
    src.snapshot.write_text("".join(lines[: len(lines) * 2 // 3]), encoding="utf-8")
    error = fails_with(src, last_good, ShrinkError)
    message = str(error)
    old = observations(last_good, "status = 'ok'")
    assert f"({old:,}".replace(",", " ") + " → " in message
    assert "--accept-shrink" in message and "statfin" in message

    code, err = run_cli(monkeypatch, capsys, src, "--output", str(last_good))
    assert code == 2 and "clearly fewer values" in err and "Traceback" not in err
    code, err = run_cli(monkeypatch, capsys, src, "--output", str(last_good), "--accept-shrink")
    assert code == 0, err
    assert observations(last_good, "status = 'ok'") < old


def test_small_losses_are_noise_not_shrink():
    old = plausibility.Counts({"127": ("sotkanet", 1000), "3127": ("sotkanet", 1), "x": ("statfin", 10)})
    fine = plausibility.Counts({"127": ("sotkanet", 996), "3127": ("sotkanet", 1), "x": ("statfin", 10)})
    assert plausibility.shrink_message(old, fine) is None
    gone = plausibility.Counts({"127": ("sotkanet", 996), "x": ("statfin", 10)})
    assert "3127 1 → 0" in plausibility.shrink_message(old, gone)
    halved = plausibility.Counts({"127": ("sotkanet", 500), "3127": ("sotkanet", 1), "x": ("statfin", 10)})
    assert "sotkanet: 1 indicator(s) (127 1 000 → 500)" in plausibility.shrink_message(old, halved)


# --------------------------------------------------------------------------- implausible values


@pytest.mark.parametrize(
    ("indicator", "value", "fragment"),
    [
        ("127", "-5.0", "value -5 is outside 0…1e+09 (count, lkm)"),
        ("1280", "250.0", "value 250 is outside 0…100 (percent, %)"),
        ("3196", "1e300", "value 1e+300 is outside 0…1e+09"),
        ("2358", "-0.5", "value -0.5 is outside 0…1 000 000 (rate"),
    ],
    ids=["negative_population", "250_percent", "1e300", "negative_rate"],
)
def test_implausible_value_is_refused(data_copy, last_good, indicator, value, fragment):
    src = inputs_in(data_copy)
    line = set_snapshot_value(src, indicator, value)
    error = fails_with(src, last_good)
    assert error.file.endswith("snapshot_values.csv")
    assert error.row == line, str(error)  # the line of the implausible row
    assert f"indicator {indicator}, area " in error.reason and fragment in error.reason
    assert "value_ranges.csv" in error.reason


def test_declared_range_allows_a_negative_net_change(data_copy, last_good):
    """Net migration may be negative (declared in value_ranges.csv); a population may not."""
    src = inputs_in(data_copy)
    set_snapshot_value(src, "ka_kuntien_valinen_muuttovoitto", "-300.0")
    build_database(last_good, src)  # accepted


def test_unknown_source_is_refused_with_its_line(data_copy, last_good):
    src = inputs_in(data_copy)
    lines = snapshot_lines(src)
    lines[9] = lines[9].replace("sotkanet,", "sotkanett,", 1)
    src.snapshot.write_text("".join(lines), encoding="utf-8")
    error = fails_with(src, last_good)
    assert error.row == 10 and "'source' has 'sotkanett'" in error.reason


def test_value_ranges_file_is_checked(data_copy, last_good):
    src = inputs_in(data_copy)
    with src.value_ranges.open("a", encoding="utf-8") as f:
        f.write("127,10,5,wrong way round\n")
    error = fails_with(src, last_good)
    assert error.file.endswith("value_ranges.csv") and "min_value 10 is not below max_value 5" in error.reason


# --------------------------------------------------------------------------- headers, BOM, files


@pytest.mark.slow  # > 20 s on a shared 2-core machine
def test_utf8_bom_is_read_not_reported_as_a_missing_column(data_copy, last_good):
    src = inputs_in(data_copy)
    src.membership.write_bytes(b"\xef\xbb\xbf" + src.membership.read_bytes())
    build_database(last_good, src)
    assert observations(last_good) > 0


def test_unknown_header_column_is_refused(data_copy, last_good):
    src = inputs_in(data_copy)
    lines = src.areas.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",populaation"] + [line + "," for line in lines[1:]]
    src.areas.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = fails_with(src, last_good)
    assert error.row == 1 and "unknown column(s): 'populaation'" in error.reason


def test_directory_in_place_of_a_file(data_copy, last_good, monkeypatch, capsys):
    src = inputs_in(data_copy)
    src.tem_monthly.unlink()
    src.tem_monthly.mkdir()
    error = fails_with(src, last_good)
    assert "is a directory, not a file" in error.reason
    code, err = run_cli(monkeypatch, capsys, src, "--output", str(last_good))
    assert code == 2 and "is a directory" in err and "Traceback" not in err


def test_oversized_input_file_is_refused_before_reading(data_copy, last_good, monkeypatch):
    src = inputs_in(data_copy)
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 100_000)  # the snapshot is 1.5 MB
    error = fails_with(src, last_good)
    assert error.file.endswith("snapshot_values.csv") or error.file.endswith(".csv")
    assert "MiB, more than the" in error.reason


# --------------------------------------------------------------------------- geometry


def _edit_feature(src: BuildInputs, natcode: str, geometry) -> None:
    collection = json.loads(src.boundaries.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        if feature["properties"]["NATCODE"] == natcode:
            feature["geometry"] = geometry
    src.boundaries.write_text(json.dumps(collection), encoding="utf-8")


@pytest.mark.parametrize(
    ("geometry", "fragment"),
    [
        (None, "feature 2"),  # placeholder index, checked below by NATCODE
        (
            {
                "type": "Polygon",
                "coordinates": [[[25.0, 65.0], [26.0, 66.0], [26.0, 65.0], [25.0, 66.0], [25.0, 65.0]]],
            },
            "invalid geometry: Self-intersection",
        ),
        ({"type": "Polygon", "coordinates": [[[25.0, 65.0], [26.0]]]}, "unreadable geometry"),
    ],
    ids=["null", "self_intersecting", "broken_coordinates"],
)
def test_bad_geometry_is_an_input_error(data_copy, last_good, monkeypatch, capsys, geometry, fragment):
    src = inputs_in(data_copy)
    _edit_feature(src, "564", geometry)
    error = fails_with(src, last_good)
    assert error.file.endswith("kuntarajat.2023.json")
    assert "(NATCODE 564)" in error.reason
    if geometry is None:
        assert "has no geometry (null)" in error.reason
    else:
        assert fragment in error.reason
    code, err = run_cli(monkeypatch, capsys, src, "--output", str(last_good))
    assert code == 2 and "Traceback" not in err


# --------------------------------------------------------------------------- disk full, Ctrl-C, killed builds


@pytest.mark.slow  # > 20 s on a shared 2-core machine
def test_full_disk_is_a_clear_error_and_keeps_the_database(data_copy, last_good, monkeypatch, capsys):
    src = inputs_in(data_copy)
    real = build.write_frame

    def disk_full(con, table, frame):
        if table == "observation":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(con, table, frame)

    monkeypatch.setattr(build, "write_frame", disk_full)
    error = fails_with(src, last_good, BuildError)
    assert "No space left on device" in str(error)
    code, err = run_cli(monkeypatch, capsys, src, "--output", str(last_good))
    assert code == 2 and "No space left on device" in err and "previous database was kept" in err
    assert "Traceback" not in err


def test_duckdb_io_error_is_a_clear_error(data_copy, last_good, monkeypatch):
    src = inputs_in(data_copy)

    def failing_validate(con, n):
        raise duckdb.IOException("Could not write file: No space left on device")

    monkeypatch.setattr(build, "_validate", failing_validate)
    error = fails_with(src, last_good, BuildError)
    assert "No space left on device" in str(error)


def test_ctrl_c_in_process_exits_130_without_traceback(data_copy, last_good, monkeypatch, capsys):
    src = inputs_in(data_copy)
    before = sha256(last_good)

    def interrupted(con, n):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "_validate", interrupted)
    code, err = run_cli(monkeypatch, capsys, src, "--output", str(last_good))
    assert code == 130 and "interrupted" in err and "Traceback" not in err
    assert_kept(last_good, before)


def test_ctrl_c_on_the_command_line(tmp_path, built_db):
    """SIGINT to a real `python -m tilannekuva build`: exit 130, one line, no traceback, no temp file."""
    out = tmp_path / DB_NAME
    shutil.copyfile(built_db, out)
    before = sha256(out)
    env = {k: v for k, v in os.environ.items() if k != "TILANNEKUVA_DB"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tilannekuva", "build", "--output", str(out)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stderr.readline()  # "read N source values ...": the build is under way
    assert first.startswith("read "), first
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before the signal arrived")
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert_kept(out, before)


@pytest.mark.slow  # > 20 s on a shared 2-core machine
def test_stale_temp_files_of_a_killed_build_are_removed(tmp_path, data_copy, last_good):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [last_good.with_name(f"{DB_NAME}.tmp-{dead.pid}"), last_good.with_name(f"{DB_NAME}.tmp-{dead.pid}.wal")]
    running = last_good.with_name(f"{DB_NAME}.tmp-{os.getppid()}")  # a live process: its build may be running
    for p in (*stale, running):
        p.write_bytes(b"half a database")
    build_database(last_good, inputs_in(data_copy))
    assert not any(p.exists() for p in stale)
    assert running.exists()


@pytest.mark.slow  # > 20 s on a shared 2-core machine
def test_killed_build_leaves_no_temp_file_for_the_next_build(tmp_path, built_db):
    """SIGKILL mid-build, then a plain build: the database is fine and the dead temp file gone."""
    out = tmp_path / DB_NAME
    shutil.copyfile(built_db, out)
    env = {k: v for k, v in os.environ.items() if k != "TILANNEKUVA_DB"}
    code = (
        "import sys, time; from tilannekuva.build import warehouse as build\n"
        "real = build._validate\n"
        "def slow(con, n):\n    real(con, n); print('written', flush=True); time.sleep(60)\n"
        "build._validate = slow\n"
        "build.build_database(sys.argv[1])\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "written"
    proc.kill()
    proc.wait()
    left = [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
    assert left, "the killed build should have left its temp file"
    subprocess.run(
        [sys.executable, "-m", "tilannekuva", "build", "--output", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []
    assert observations(out) > 0
