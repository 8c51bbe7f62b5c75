"""Every input error stops the build with file, line and reason, and keeps the last good database.

One good warehouse is built per module from a copy of data/; every case puts those exact bytes
at the target path, corrupts ONE input file of a fresh `data_copy`, rebuilds over the same path
and checks (a) the InputError names the file, the line and the reason, (b) the old database is
byte-identical, (c) no temporary file is left next to it.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from tilannekuva.build import geometry
from tilannekuva.build import warehouse as build
from tilannekuva.build.inputs import BuildInputs, InputError
from tilannekuva.build.warehouse import BuildError, build_database

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "tilannekuva.duckdb"


def inputs_in(data: Path) -> BuildInputs:
    """BuildInputs for a data/ folder copy (no fetched Sotkanet data)."""
    raw = data / "raw"
    raw.mkdir(exist_ok=True)
    return BuildInputs(
        municipalities=data / "municipalities.csv",
        areas=data / "areas.csv",
        membership=data / "area_membership.csv",
        catalog=data / "indicators.csv",
        snapshot=data / "sources" / "snapshot_values.csv",
        tem_monthly=data / "sources" / "tem_tyonvalitystilasto_12r5_monthly_2006_2023_pohde.csv",
        diabetes_683=data / "sources" / "sotkanet_683_diabetes_pohde_subset_2015_2023.csv",
        boundaries=data / "geo" / "kuntarajat.2023.json",
        raw_sotkanet=raw,
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good_db_bytes(tmp_path_factory) -> bytes:
    """A warehouse built from an unmodified copy of data/ (one real build per module)."""
    folder = tmp_path_factory.mktemp("good")
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.duckdb*", "raw"))
    path = build_database(folder / DB_NAME, inputs_in(data))
    return path.read_bytes()


@pytest.fixture()
def last_good(tmp_path, good_db_bytes) -> Path:
    """The last good database at the path the failing build will target."""
    target = tmp_path / "out" / DB_NAME
    target.parent.mkdir()
    target.write_bytes(good_db_bytes)
    return target


# --------------------------------------------------------------------------- CSV editing helpers


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """Rewrite in the file's own line ending (indicators.csv uses CRLF, the others LF)."""
    ending = "\r\n" if path.read_bytes().split(b"\n", 1)[0].endswith(b"\r") else "\n"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator=ending).writerows(rows)


def line_of(rows: list[list[str]], **match) -> int:
    """1-based file line of the first data row whose columns equal `match` (header = line 1)."""
    header = rows[0]
    for index, row in enumerate(rows[1:], start=2):
        if all(row[header.index(k)] == v for k, v in match.items()):
            return index
    raise AssertionError(f"no row matching {match}")


def set_cell(rows, line: int, column: str, value: str) -> None:
    rows[line - 1][rows[0].index(column)] = value


def drop_column(rows, column: str) -> list[list[str]]:
    i = rows[0].index(column)
    return [row[:i] + row[i + 1 :] for row in rows]


# Every mutation: (file attribute of BuildInputs, edit(rows) -> (rows, expected line or None),
#                  reason fragments that must appear in the message)


def _cell(column, value, line=40):
    """Set one cell on a fixed line (line 40 of the snapshot is a plain municipal row)."""

    def edit(rows):
        set_cell(rows, line, column, value)
        return rows, line

    return edit


def _snapshot_duplicate(rows):
    line = 101
    rows.insert(line, list(rows[line - 1]))  # copy of line 101 becomes line 102
    return rows, line + 1


def _snapshot_unknown_indicator(rows):
    line = 7
    set_cell(rows, line, "indicator_id", "99999")
    return rows, line


def _membership_delete_vaala(rows):
    rows.pop(line_of(rows, kuntanumero="785") - 1)
    return rows, None


def _membership_two_areas(rows):
    line = line_of(rows, kuntanumero="785")
    copy = list(rows[line - 1])
    copy[rows[0].index("area_code")] = "oulu"
    rows.append(copy)
    return rows, len(rows)


def _membership_unknown_area(rows):
    line = line_of(rows, kuntanumero="564")
    set_cell(rows, line, "area_code", "kainuu")
    return rows, line


def _membership_unknown_municipality(rows):
    line = line_of(rows, kuntanumero="564")
    set_cell(rows, line, "kuntanumero", "998")
    return rows, line


def _row_cell(match: dict, column: str, value: str):
    def edit(rows):
        line = line_of(rows, **match)
        set_cell(rows, line, column, value)
        return rows, line

    return edit


def _drop(column):
    def edit(rows):
        return drop_column(rows, column), 1

    return edit


CASES = {
    "snapshot_unknown_municipality_999": (
        "snapshot",
        _cell("region_code", "999"),
        ["unknown municipality or region code '999'"],
    ),
    "snapshot_duplicate_key": ("snapshot", _snapshot_duplicate, ["duplicate key", "first on line 101"]),
    "snapshot_value_not_a_number": ("snapshot", _cell("value", "abc"), ["'value'", "not a number", "'abc'"]),
    "snapshot_abs_value_infinite": ("snapshot", _cell("abs_value", "inf"), ["'abs_value'", "not a finite number"]),
    "snapshot_year_1789": ("snapshot", _cell("year", "1789"), ["impossible year 1789"]),
    "snapshot_year_2999": ("snapshot", _cell("year", "2999"), ["impossible year 2999"]),
    "snapshot_year_not_whole": ("snapshot", _cell("year", "2020.5"), ["year is not a whole number"]),
    "snapshot_bad_gender": ("snapshot", _cell("gender", "both"), ["'gender'", "'both'"]),
    "snapshot_indicator_not_in_catalogue": (
        "snapshot",
        _snapshot_unknown_indicator,
        ["indicator '99999' is missing from the catalogue"],
    ),
    "snapshot_missing_column": ("snapshot", _drop("year"), ["missing column(s): year"]),
    "membership_municipality_without_area": (
        "membership",
        _membership_delete_vaala,
        ["municipality without an area: 785"],
    ),
    "membership_municipality_in_two_areas": (
        "membership",
        _membership_two_areas,
        ["municipality 785 is put in two areas", "also on line"],
    ),
    "membership_unknown_area": ("membership", _membership_unknown_area, ["unknown area 'kainuu'"]),
    "membership_unknown_municipality": (
        "membership",
        _membership_unknown_municipality,
        ["unknown municipality code '998'"],
    ),
    "membership_missing_column": ("membership", _drop("area_code"), ["missing column(s): area_code"]),
    "catalog_bad_polarity": (
        "catalog",
        _row_cell({"indicator_id": "1280"}, "polarity", "better"),
        ["'polarity'", "'better'", "allowed: higher, lower, neutral"],
    ),
    "catalog_bad_aggregation": (
        "catalog",
        _row_cell({"indicator_id": "1280"}, "aggregation", "mean"),
        ["'aggregation'", "'mean'"],
    ),
    "catalog_ratio_without_scale": (
        "catalog",
        _row_cell({"indicator_id": "tem_tyottomat_pct_tyovoima_kk"}, "scale", ""),
        ["aggregation 'ratio' needs a scale"],
    ),
    "catalog_weighted_without_weight": (
        "catalog",
        _row_cell({"indicator_id": "170"}, "weight_indicator", ""),
        ["aggregation 'weighted' needs a weight_indicator"],
    ),
    "catalog_weighted_unknown_weight": (
        "catalog",
        _row_cell({"indicator_id": "170"}, "weight_indicator", "no_such_weight"),
        ["weight_indicator 'no_such_weight' is not in the catalogue"],
    ),
    "catalog_sotkanet_without_id": (
        "catalog",
        _row_cell({"indicator_id": "170"}, "sotkanet_id", ""),
        ["needs its sotkanet_id"],
    ),
    "catalog_missing_column": ("catalog", _drop("polarity"), ["missing column(s): polarity"]),
    "tem_month_13": ("tem_monthly", _cell("time", "2020-13", line=25), ["impossible month 13"]),
    "tem_time_not_year_month": (
        "tem_monthly",
        _cell("time", "2020/01", line=25),
        ["time must be YYYY-MM", "'2020/01'"],
    ),
    "tem_unknown_area": ("tem_monthly", _cell("alue", "KU999", line=25), ["unknown municipality or region code '999'"]),
    "tem_missing_column": ("tem_monthly", _drop("TYOVOIMATK"), ["missing column(s): TYOVOIMATK"]),
    "diabetes_unknown_region": (
        "diabetes_683",
        _cell("region", "123456", line=3),
        ["unknown Sotkanet region id 123456"],
    ),
    "municipalities_code_not_three_digits": (
        "municipalities",
        _row_cell({"kuntanumero": "009"}, "kuntanumero", "9"),
        ["kuntanumero must be three digits, got '9'"],
    ),
    "areas_bad_level": ("areas", _row_cell({"area_code": "oulu"}, "level", "seutukunta"), ["'level'", "'seutukunta'"]),
}


def assert_kept(db: Path, expected_sha: str) -> None:
    assert db.exists(), "the last good database was removed"
    assert sha256(db) == expected_sha, "the last good database was modified"
    leftovers = sorted(p.name for p in db.parent.iterdir() if p.name != DB_NAME)
    assert leftovers == [], f"temporary files left behind: {leftovers}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_input_error_names_file_line_reason_and_keeps_database(case, data_copy, last_good):
    attribute, edit, fragments = CASES[case]
    src = inputs_in(data_copy)
    target = getattr(src, attribute)
    before = sha256(last_good)

    rows, expected_line = edit(read_csv(target))
    write_csv(target, rows)

    with pytest.raises(InputError) as info:
        build_database(last_good, src)
    error = info.value
    message = str(error)

    assert Path(error.file).name == target.name, message
    assert target.name in message
    assert error.row == expected_line, message
    if expected_line is None:
        assert ", line" not in message
    else:
        assert f"{target.name}, line {expected_line}: " in message
    for fragment in fragments:
        assert fragment in error.reason, message
    assert_kept(last_good, before)


def test_edit_helpers_leave_a_valid_copy_untouched(data_copy):
    """The CSV rewrite itself is lossless, so every failure above is caused by the one edit."""
    for name in ("indicators.csv", "area_membership.csv", "sources/snapshot_values.csv"):
        path = data_copy / name
        original = path.read_bytes()
        write_csv(path, read_csv(path))
        assert path.read_bytes() == original, name


def test_row_with_extra_cells(data_copy, last_good):
    """A row with too many cells is reported with its line (the CSV reader would not complain)."""
    src = inputs_in(data_copy)
    lines = src.snapshot.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = lines[9].rstrip("\n") + ",extra\n"
    src.snapshot.write_text("".join(lines), encoding="utf-8")
    before = sha256(last_good)
    with pytest.raises(InputError) as info:
        build_database(last_good, src)
    assert info.value.row == 10
    assert "more values than header columns" in info.value.reason
    assert_kept(last_good, before)


def test_missing_input_file(data_copy, last_good):
    src = inputs_in(data_copy)
    src.tem_monthly.unlink()
    before = sha256(last_good)
    with pytest.raises(InputError, match="file not found") as info:
        build_database(last_good, src)
    assert info.value.row is None
    assert src.tem_monthly.name in str(info.value)
    assert_kept(last_good, before)


def test_not_utf8(data_copy, last_good):
    src = inputs_in(data_copy)
    src.membership.write_bytes(src.membership.read_bytes().replace("Pyhäjoki".encode(), "Pyhäjoki".encode("latin-1")))
    before = sha256(last_good)
    with pytest.raises(InputError, match="not UTF-8"):
        build_database(last_good, src)
    assert_kept(last_good, before)


# --------------------------------------------------------------------------- non-input failures


@pytest.mark.parametrize(
    "exception",
    [BuildError("validation failed on purpose"), KeyboardInterrupt()],
    ids=["BuildError", "KeyboardInterrupt"],
)
def test_failure_after_writing_the_temp_file_keeps_old_database(exception, data_copy, last_good, monkeypatch):
    """The build gets as far as the fully written temporary database, then fails in validation:
    the temp file must go and the previously built database must stay byte-identical."""
    src = inputs_in(data_copy)
    db = last_good
    before = sha256(db)
    inode = db.stat().st_ino

    seen_temp: list[Path] = []

    def failing_validate(con, n):
        # prove the temporary database really existed and held data when the failure happened
        seen_temp.extend(p for p in db.parent.iterdir() if ".tmp-" in p.name)
        assert con.execute("SELECT count(*) FROM observation").fetchone()[0] > 0
        raise exception

    monkeypatch.setattr(build, "_validate", failing_validate)
    with pytest.raises(type(exception)):
        build_database(db, src)

    assert seen_temp, "the build did not write a temporary file next to the target"
    assert all(not p.exists() for p in seen_temp)
    assert db.stat().st_ino == inode
    assert_kept(db, before)


def test_geometry_failure_keeps_old_database(data_copy, last_good, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("geometry exploded")

    monkeypatch.setattr(geometry, "build_layers", broken)
    before = sha256(last_good)
    with pytest.raises(RuntimeError, match="geometry exploded"):
        build_database(last_good, inputs_in(data_copy))
    assert_kept(last_good, before)


def test_boundaries_without_a_municipality(data_copy, last_good):
    """A GeoJSON that lacks one of the 30 municipalities is an input error naming the code."""
    import json

    src = inputs_in(data_copy)
    collection = json.loads(src.boundaries.read_text(encoding="utf-8"))
    collection["features"] = [f for f in collection["features"] if f["properties"].get("NATCODE") != "785"]
    src.boundaries.write_text(json.dumps(collection), encoding="utf-8")
    before = sha256(last_good)
    with pytest.raises(InputError, match="no boundary for municipality 785"):
        build_database(last_good, src)
    assert_kept(last_good, before)


def test_disagreeing_official_value_stops_the_build(data_copy, last_good):
    """If our Σnum/Σden for 683 disagrees with the official Pohde value, the build refuses."""
    src = inputs_in(data_copy)
    rows = read_csv(src.diabetes_683)
    line = line_of(rows, region="973", year="2020")
    set_cell(rows, line, "primary value", "15.0")  # official is 11.7; ours ≈ 11.74
    write_csv(src.diabetes_683, rows)
    before = sha256(last_good)
    with pytest.raises(BuildError, match=r"683 HVA19 2020: source 15.0"):
        build_database(last_good, src)
    assert_kept(last_good, before)
